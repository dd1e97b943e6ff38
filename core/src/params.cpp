#include "params.hpp"

#include <algorithm>

namespace pactcheck {

std::vector<TypeId> ParamReader::types_at(const Json& parent, const std::string& pointer, const char* key, bool required) {
  std::vector<TypeId> out;
  const auto list = f_.string_list(parent, pointer, key, required);
  const std::string here = pointer_join(pointer, key);
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (auto t = a_.find_type(list[i])) {
      out.push_back(*t);
    } else if (!a_.event_types.empty()) {
      f_.report(pointer_join(here, i), "ref.event_type", "event type \"" + list[i] + "\" is not in the vocabulary");
    }
  }
  return out;
}

std::vector<TypeId> ParamReader::types(const char* key, bool required) { return types_at(params_, at_, key, required); }

std::vector<Who> ParamReader::parties_at(const Json& parent, const std::string& pointer, const char* key, bool required) {
  std::vector<Who> out;
  const auto list = f_.string_list(parent, pointer, key, required);
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (auto p = a_.find_party(list[i])) {
      out.push_back(*p);
    } else {
      f_.report(pointer_join(pointer_join(pointer, key), i), "ref.party", "undefined party \"" + list[i] + "\"");
    }
  }
  return out;
}

std::vector<Who> ParamReader::parties(const char* key, bool required) { return parties_at(params_, at_, key, required); }

std::optional<Who> ParamReader::party_at(const Json& parent, const std::string& pointer, const char* key, bool required) {
  const std::string id = f_.id(parent, pointer, key, required);
  if (id.empty()) return std::nullopt;
  if (auto p = a_.find_party(id)) return p;
  f_.report(pointer_join(pointer, key), "ref.party", "undefined party \"" + id + "\"");
  return std::nullopt;
}

std::vector<Who> ParamReader::monitors_at(const Json& parent, const std::string& pointer, const char* key) {
  std::vector<Who> out;
  const auto list = f_.string_list(parent, pointer, key, false);
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto w = a_.find(list[i]);
    if (w && !a_.is_party(*w)) {
      out.push_back(*w);
    } else {
      f_.report(pointer_join(pointer_join(pointer, key), i), "ref.monitor", "undefined monitor \"" + list[i] + "\"");
    }
  }
  return out;
}

std::vector<std::size_t> ParamReader::areas_at(const Json& parent, const std::string& pointer, const char* key, bool required) {
  std::vector<std::size_t> out;
  const auto list = f_.string_list(parent, pointer, key, required);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto it = std::find_if(a_.areas.begin(), a_.areas.end(), [&](const NamedArea& x) { return x.id == list[i]; });
    if (it == a_.areas.end()) {
      f_.report(pointer_join(pointer_join(pointer, key), i), "ref.area", "undefined area \"" + list[i] + "\"");
    } else {
      out.push_back(static_cast<std::size_t>(it - a_.areas.begin()));
    }
  }
  return out;
}

std::vector<std::size_t> ParamReader::lines_at(const Json& parent, const std::string& pointer, const char* key, bool required) {
  std::vector<std::size_t> out;
  const auto list = f_.string_list(parent, pointer, key, required);
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto it = std::find_if(a_.lines.begin(), a_.lines.end(), [&](const NamedLine& x) { return x.id == list[i]; });
    if (it == a_.lines.end()) {
      f_.report(pointer_join(pointer_join(pointer, key), i), "ref.line", "undefined line \"" + list[i] + "\"");
    } else {
      out.push_back(static_cast<std::size_t>(it - a_.lines.begin()));
    }
  }
  return out;
}

std::optional<std::size_t> ParamReader::obligation_at(const std::string& id, const std::string& pointer) {
  const int idx = a_.obligation_index(id);
  if (idx < 0) {
    f_.report(pointer, "ref.obligation", "undefined obligation \"" + id + "\"");
    return std::nullopt;
  }
  return static_cast<std::size_t>(idx);
}

namespace {

// A zone given beside a date or a deadline ("utc_offset" or "zone"), else the agreement's.
Zone zone_beside(Fields& f, const Json& v, const std::string& here, const Zone& fallback) {
  if (const Json* o = f.member(v, "utc_offset")) {
    if (auto off = f.offset(*o, here + "/utc_offset")) return Zone::fixed(*off);
  }
  if (const Json* z = f.member(v, "zone")) {
    if (auto s = f.string_at(*z, here + "/zone")) {
      std::string why;
      if (auto zone = parse_zone(*s, &why)) return *zone;
      f.report(here + "/zone", "time.zone", "\"" + *s + "\" is not a time zone: " + why);
    }
  }
  return fallback;
}

}  // namespace

Condition ParamReader::condition_value(const Json& v, const std::string& here) {
  Condition c;
  if (v.is_string()) {
    c.text = v.get<std::string>();
    if (auto i = f_.instant(v, here)) {
      c.kind = Condition::Kind::kInstant;
      c.instant = *i;
    }
    return c;
  }
  if (!f_.expect_object(v, here, "a condition")) return c;
  auto has = [&](const char* k) { return f_.member(v, k) != nullptr; };
  if (has("all") || has("any")) {
    f_.reject_unknown(v, here, {"all", "any", "note"});
    const bool all = has("all");
    const char* key = all ? "all" : "any";
    const Json& list = *f_.member(v, key);
    const std::string lat = pointer_join(here, key);
    if (!list.is_array() || list.empty()) {
      f_.report(lat, "type.array", "must be a non-empty array of conditions");
      return c;
    }
    c.kind = all ? Condition::Kind::kAll : Condition::Kind::kAny;
    for (std::size_t i = 0; i < list.size(); ++i) {
      c.parts.push_back(condition_value(list[i], pointer_join(lat, i)));
      if (i > 0) c.text += all ? " and " : " or ";
      c.text += c.parts.back().text;
    }
    return c;
  }
  if (has("date")) {
    f_.reject_unknown(v, here, {"date", "utc_offset", "zone", "note"});
    const Zone zone = zone_beside(f_, v, here, a_.zone);
    if (auto date = f_.date(*f_.member(v, "date"), here + "/date")) {
      c.kind = Condition::Kind::kInstant;
      c.instant = Instant{start_of_day_utc(*date, zone), zone.offset_minutes_at(start_of_day_utc(*date, zone))};
      c.text = format_date(*date) + " (start of day, " + zone.name() + ")";
    }
    return c;
  }
  if (has("instant")) {
    f_.reject_unknown(v, here, {"instant", "note"});
    if (auto i = f_.instant(*f_.member(v, "instant"), here + "/instant")) {
      c.kind = Condition::Kind::kInstant;
      c.instant = *i;
      c.text = format_instant(*i);
    }
    return c;
  }
  if (has("after")) {  // the completion of another obligation (format 1.0)
    f_.reject_unknown(v, here, {"after", "note"});
    const std::string id = f_.text(v, here, "after", true);
    if (auto idx = obligation_at(id, here + "/after")) {
      c.kind = Condition::Kind::kObligation;
      c.obligation = *idx;
      c.state = "complied";
      c.text = "completion of " + id;
    }
    return c;
  }
  if (has("obligation")) {
    f_.reject_unknown(v, here, {"obligation", "state", "bearers", "done_by", "not_done_by", "note"});
    const std::string id = f_.id(v, here, "obligation", true);
    const auto idx = obligation_at(id, here + "/obligation");
    if (!idx) return c;
    c.obligation = *idx;
    if (has("done_by") || has("not_done_by")) {
      const bool done = has("done_by");
      const char* key = done ? "done_by" : "not_done_by";
      const Condition at = condition_value(*f_.member(v, key), pointer_join(here, key));
      if (at.kind != Condition::Kind::kInstant) {
        f_.report(pointer_join(here, key), "condition.instant", std::string(key) + " needs an instant or {\"date\": ...}");
        return c;
      }
      c.kind = done ? Condition::Kind::kDoneBy : Condition::Kind::kNotDoneBy;
      c.instant = at.instant;
      c.text = id + (done ? " done by " : " not done by ") + at.text;
      return c;
    }
    c.kind = Condition::Kind::kObligation;
    const std::string which = f_.text(v, here, "bearers", false);
    if (!which.empty() && which != "all" && which != "any") f_.report(here + "/bearers", "field.enum", "bearers must be all or any");
    c.any_bearer = which == "any";
    c.state = f_.text(v, here, "state", false);
    if (c.state.empty()) c.state = "complied";
    if (c.state != "complied" && c.state != "started" && c.state != "violated") {
      f_.report(here + "/state", "field.enum", "state must be complied, started or violated");
    }
    c.text = c.state == "complied" ? (c.any_bearer ? "completion of " + id + " by any of its bearers" : "completion of " + id)
             : c.state == "started" ? "the start of " + id
                                    : "a violation of " + id;
    return c;
  }
  if (has("count")) {
    f_.reject_unknown(v, here, {"count", "note"});
    const std::string cat = here + "/count";
    const Json& cnt = *f_.member(v, "count");
    if (!f_.expect_object(cnt, cat, "a count")) return c;
    f_.reject_unknown(cnt, cat, {"event_types", "subject", "category", "at_least", "by_bearer"});
    c.match = match_value(cnt, cat);
    c.match.category = f_.id(cnt, cat, "category", true);
    if (auto n = f_.number(cnt, cat, "at_least", true)) {
      if (*n <= 0) f_.report(cat + "/at_least", "field.range", "at_least must be above 0");
      c.at_least = *n;
    }
    c.kind = Condition::Kind::kCount;
    c.text = "once " + format_number(c.at_least) + " " + c.match.category + " are reported";
    return c;
  }
  if (has("event") || has("event_types")) {  // an event happened ({"event_types": ...} is format 1.0's trigger)
    const Json* m = has("event") ? f_.member(v, "event") : &v;
    const std::string mat = has("event") ? here + "/event" : here;
    if (has("event")) f_.reject_unknown(v, here, {"event", "note"});
    if (!f_.expect_object(*m, mat, "an event match")) return c;
    f_.reject_unknown(*m, mat, {"event_types", "subject", "by_bearer", "note"});
    c.match = match_value(*m, mat);
    c.kind = Condition::Kind::kEvent;
    std::vector<std::string> names;
    for (TypeId t : c.match.types) names.push_back(a_.event_types[t]);
    c.text = "an event of type " + join_names(names) + (c.match.subject.empty() ? "" : " concerning " + c.match.subject);
    return c;
  }
  f_.report(here, "condition.form",
            "a condition is an instant, or an object with one of date, instant, after, obligation, count, event, all, any");
  return c;
}

std::optional<Condition> ParamReader::condition(const char* key, bool required) {
  const Json* v = required ? f_.require(params_, at_, key) : f_.member(params_, key);
  if (!v || v->is_null()) return std::nullopt;
  return condition_value(*v, at(key));
}

void ParamReader::window(WindowSpec& out, bool from_required, bool until_allowed) {
  if (auto c = condition("from", from_required)) out.from = *c;
  if (until_allowed) {
    if (auto c = condition("until", false)) out.until = *c;
  }
}

SpatialScope ParamReader::scope() {
  SpatialScope out;
  const Json* s = f_.member(params_, "scope");
  if (!s) return out;
  const std::string here = at("scope");
  if (!f_.expect_object(*s, here, "a scope")) return out;
  f_.reject_unknown(*s, here, {"within_areas", "within_km_of_lines"});
  out.areas = areas_at(*s, here, "within_areas", false);
  if (const Json* l = f_.member(*s, "within_km_of_lines")) {
    const std::string lat = here + "/within_km_of_lines";
    if (f_.expect_object(*l, lat, "within_km_of_lines")) {
      f_.reject_unknown(*l, lat, {"lines", "km"});
      out.lines = lines_at(*l, lat, "lines", true);
      if (auto km = f_.number(*l, lat, "km", true)) {
        if (*km <= 0 || *km > 20000) f_.report(lat + "/km", "field.range", "km must be above 0 and at most 20000");
        out.km_of_lines = *km;
      }
    }
  }
  return out;
}

DeadlineSpec ParamReader::deadline_value(const Json& v, const std::string& here) {
  DeadlineSpec out;
  out.zone = a_.zone;
  if (!f_.expect_object(v, here, "a deadline")) return out;
  f_.reject_unknown(v, here, {"date", "instant", "utc_offset", "zone", "after", "after_instrument", "within", "day_one",
                              "exact", "before_each", "after_each", "note"});
  out.zone = zone_beside(f_, v, here, a_.zone);
  auto has = [&](const char* k) { return f_.member(v, k) != nullptr; };
  const int forms = (has("date") ? 1 : 0) + (has("instant") ? 1 : 0) + (has("after") ? 1 : 0) +
                    (has("after_instrument") ? 1 : 0) + (has("before_each") ? 1 : 0) + (has("after_each") ? 1 : 0);
  if (forms != 1) {
    f_.report(here, "deadline.form",
              "a deadline needs exactly one of date, instant, after, after_instrument, before_each, after_each");
    return out;
  }
  if (has("date")) {
    if (auto date = f_.date(*f_.member(v, "date"), here + "/date")) {
      out.kind = DeadlineSpec::Kind::kDate;
      out.date = *date;
      out.text = format_date(*date);
    }
    return out;
  }
  if (has("instant")) {
    if (auto i = f_.instant(*f_.member(v, "instant"), here + "/instant")) {
      out.kind = DeadlineSpec::Kind::kInstant;
      out.instant = *i;
      out.text = format_instant(*i);
    }
    return out;
  }
  const Json* w = f_.require(v, here, "within");
  std::optional<Duration> within = w ? f_.duration(*w, here + "/within") : std::nullopt;
  if (!within) return out;
  out.within = *within;
  out.day_counted = !f_.boolean(v, here, "exact").value_or(false) && within->hours == 0;
  const bool day_one = f_.boolean(v, here, "day_one").value_or(false);
  if (day_one && out.within.days > 0 && out.within.years == 0 && out.within.months == 0) out.within.days -= 1;
  if (has("after_instrument")) {
    const std::string ref = f_.text(v, here, "after_instrument", true);
    for (std::size_t k = 0; k < a_.instruments.size(); ++k) {
      if (a_.instruments[k].id == ref) {
        out.kind = DeadlineSpec::Kind::kAfterInstrument;
        out.instrument = k;
      }
    }
    if (out.kind == DeadlineSpec::Kind::kNone) {
      f_.report(here + "/after_instrument", "ref.instrument", "undefined instrument \"" + ref + "\"");
      return out;
    }
    out.text = describe(*within) + " after instrument " + ref + (day_one ? " (its date counted as day 1)" : "");
    return out;
  }
  if (has("before_each") || has("after_each")) {
    out.before_each = has("before_each");
    const char* key = out.before_each ? "before_each" : "after_each";
    const Json& m = *f_.member(v, key);
    const std::string mat = pointer_join(here, key);
    if (!f_.expect_object(m, mat, "an event match")) return out;
    f_.reject_unknown(m, mat, {"event_types", "subject", "by_bearer", "note"});
    out.each = match_value(m, mat);
    out.kind = DeadlineSpec::Kind::kEach;
    out.day_counted = false;
    std::vector<std::string> names;
    for (TypeId t : out.each.types) names.push_back(a_.event_types[t]);
    out.text = describe(*within) + (out.before_each ? " before each " : " after each ") + join_names(names);
    return out;
  }
  const Json& after = *f_.member(v, "after");
  if (after.is_string()) {  // format 1.0: the id of an obligation whose completion starts the count
    const std::string id = after.get<std::string>();
    if (auto idx = obligation_at(id, here + "/after")) {
      out.anchor.kind = Condition::Kind::kObligation;
      out.anchor.obligation = *idx;
      out.anchor.state = "complied";
      out.anchor.text = "completion of " + id;
    } else {
      return out;
    }
  } else {
    out.anchor = condition_value(after, here + "/after");
    if (out.anchor.kind == Condition::Kind::kNone) return out;
  }
  out.kind = DeadlineSpec::Kind::kAfter;
  out.text = describe(*within) + " after " + out.anchor.text + (day_one ? " (its day counted as day 1)" : "");
  return out;
}

DeadlineSpec ParamReader::deadline(const char* key) {
  const Json* v = f_.member(params_, key);
  if (!v || v->is_null()) {
    DeadlineSpec none;
    none.zone = a_.zone;
    return none;
  }
  return deadline_value(*v, at(key));
}

EventMatch ParamReader::match_value(const Json& v, const std::string& here, bool types_required) {
  EventMatch m;
  m.types = types_at(v, here, "event_types", types_required);
  m.subject = f_.text(v, here, "subject", false);
  if (!m.subject.empty() && std::find(a_.subjects.begin(), a_.subjects.end(), m.subject) == a_.subjects.end()) {
    f_.report(here + "/subject", "ref.subject", "subject \"" + m.subject + "\" is not in the vocabulary");
  }
  m.by_bearer = f_.boolean(v, here, "by_bearer").value_or(false);
  return m;
}

std::optional<EventMatch> ParamReader::match(const char* key, bool required) {
  const Json* v = required ? f_.require(params_, at_, key) : f_.member(params_, key);
  if (!v) return std::nullopt;
  const std::string here = at(key);
  if (!f_.expect_object(*v, here, "an event match")) return std::nullopt;
  f_.reject_unknown(*v, here, {"event_types", "subject", "by_bearer", "note"});
  return match_value(*v, here);
}

std::optional<Duration> ParamReader::duration(const char* key, bool required) {
  const Json* v = required ? f_.require(params_, at_, key) : f_.member(params_, key);
  if (!v) return std::nullopt;
  return f_.duration(*v, at(key));
}

std::optional<double> ParamReader::number(const char* key, bool required, double min, double max) {
  auto n = f_.number(params_, at_, key, required);
  if (n && (*n < min || *n > max)) {
    f_.report(at(key), "field.range", std::string(key) + " must be from " + format_number(min) + " to " +
                                          format_number(max));
    return std::nullopt;
  }
  return n;
}

std::string ParamReader::choice(const char* key, std::initializer_list<const char*> choices, const char* fallback) {
  const std::string s = f_.text(params_, at_, key, false);
  if (s.empty()) return fallback;
  for (const char* c : choices) {
    if (s == c) return s;
  }
  std::string list;
  for (const char* c : choices) list += (list.empty() ? "" : ", ") + std::string(c);
  f_.report(at(key), "field.enum", std::string(key) + " must be one of " + list);
  return fallback;
}

void condition_anchors(const Condition& c, std::vector<std::size_t>& out) {
  switch (c.kind) {
    case Condition::Kind::kObligation:
    case Condition::Kind::kDoneBy:
    case Condition::Kind::kNotDoneBy: out.push_back(c.obligation); break;
    case Condition::Kind::kAll:
    case Condition::Kind::kAny:
      for (const Condition& p : c.parts) condition_anchors(p, out);
      break;
    default: break;
  }
}

void ParamReader::require_nonempty_array(const char* key, const char* items) {
  const Json* list = member(key);
  if (!list) {
    report(at_, "field.missing", std::string("missing required field \"") + key + "\"");
  } else if (!list->is_array() || list->empty()) {
    report(at(key), "type.array", std::string(key) + " must be a non-empty array of " + items);
  }
}

}  // namespace pactcheck
