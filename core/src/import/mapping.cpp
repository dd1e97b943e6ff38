#include "import/mapping.hpp"

#include <algorithm>
#include <cmath>

#include "fields.hpp"
#include "json_reader.hpp"

namespace pactcheck::import {

const char* source_name(Source s) { return s == Source::kAcled ? "acled" : "ucdp"; }

const std::vector<std::string>& actor_columns(Source s) {
  static const std::vector<std::string> acled = {"actor1", "assoc_actor_1", "actor2", "assoc_actor_2"};
  static const std::vector<std::string> ucdp = {"side_a", "side_b"};
  return s == Source::kAcled ? acled : ucdp;
}

const TypeRule* Mapping::find_rule(const std::string& event_type, const std::string& sub_event_type) const {
  const TypeRule* any = nullptr;
  for (const TypeRule& r : types) {
    if (r.event_type != event_type) continue;
    if (!r.sub_event_type.empty() && r.sub_event_type == sub_event_type) return &r;
    if (r.sub_event_type.empty() && !any) any = &r;
  }
  return any;
}

const TypeRule* Mapping::find_rule(int type_of_violence) const {
  for (const TypeRule& r : types) {
    if (r.type_of_violence == type_of_violence) return &r;
  }
  return nullptr;
}

namespace {

class MappingReader {
 public:
  MappingReader(const std::string& file, const Agreement* agreement, std::vector<Issue>& issues)
      : f_(file, issues), agreement_(agreement) {}

  bool read(const Json& root, Mapping& m) {
    if (!f_.expect_object(root, "", "a mapping")) return false;
    const std::string format = f_.text(root, "", "format", true);
    if (!format.empty() && format != "pactcheck/mapping") {
      f_.report("/format", "format.tag", "expected format \"pactcheck/mapping\", found \"" + format + "\"");
      return false;
    }
    if (const Json* v = f_.require(root, "", "version")) {
      if (!v->is_number_integer() || v->get<long long>() != 1) {
        f_.report("/version", "format.version", "this pactcheck reads mapping format version 1 only");
      }
    }
    const std::string source = f_.text(root, "", "source", true);
    if (source == "acled") {
      m.source = Source::kAcled;
    } else if (source == "ucdp") {
      m.source = Source::kUcdp;
    } else if (f_.member(root, "source") && root["source"].is_string()) {
      f_.report("/source", "field.enum", "source must be \"acled\" or \"ucdp\"");
      return false;
    } else {
      return false;
    }
    const bool acled = m.source == Source::kAcled;
    const char* time_key = acled ? "time_precision" : "date_prec";
    const char* geo_key = acled ? "geo_precision" : "where_prec";
    if (acled) {
      f_.reject_unknown(root, "", {"format", "version", "source", "title", "agreement", "note", "zone", "id_prefix", "log",
                                   "actors", "charge", "event_types", "time_precision", "geo_precision", "quantities",
                                   "reported", "attribution"});
    } else {
      f_.reject_unknown(root, "", {"format", "version", "source", "title", "agreement", "note", "zone", "id_prefix", "log",
                                   "actors", "charge", "event_types", "date_prec", "where_prec", "quantities", "reported",
                                   "attribution"});
    }
    m.title = f_.text(root, "", "title", false);
    m.agreement_id = f_.id(root, "", "agreement", false);
    if (agreement_ && !m.agreement_id.empty() && m.agreement_id != agreement_->id) {
      f_.report_as(Severity::kWarning, "/agreement", "mapping.agreement",
                   "the mapping was written for agreement \"" + m.agreement_id + "\", not \"" + agreement_->id + "\"");
    }
    f_.text(root, "", "note", false);
    read_zone(root, m);
    m.id_prefix = f_.text(root, "", "id_prefix", false);
    if (!m.id_prefix.empty() && !Fields::is_id(m.id_prefix)) {
      f_.report("/id_prefix", "field.id", "\"" + m.id_prefix + "\" cannot start an id (letters, digits, - _ . :)");
    }
    if (const Json* log = f_.member(root, "log")) {
      if (f_.expect_object(*log, "/log", "log")) {
        f_.reject_unknown(*log, "/log", {"title", "description", "synthetic"});
        m.log_title = f_.text(*log, "/log", "title", false);
        m.log_description = f_.text(*log, "/log", "description", false);
        m.synthetic = f_.boolean(*log, "/log", "synthetic").value_or(false);
      }
    }
    read_actors(root, m);
    m.charge = columns(root, "", "charge", m.source);
    if (!f_.member(root, "charge")) m.charge = actor_columns(m.source);
    read_types(root, m);
    read_time_rules(root, time_key, m);
    read_geo_rules(root, geo_key, m);
    read_quantities(root, m);
    if (const Json* r = f_.member(root, "reported")) {
      if (f_.expect_object(*r, "/reported", "reported")) {
        f_.reject_unknown(*r, "/reported", {"column", "as"});
        m.reported_column = f_.text(*r, "/reported", "column", true);
        m.reported_as = f_.text(*r, "/reported", "as", true);
        if (!m.reported_as.empty() && m.reported_as != "unix_seconds" && m.reported_as != "date") {
          f_.report("/reported/as", "field.enum", "as must be \"unix_seconds\" or \"date\"");
        }
      }
    }
    if (const Json* a = f_.member(root, "attribution")) {
      if (f_.expect_object(*a, "/attribution", "attribution")) {
        f_.reject_unknown(*a, "/attribution", {"basis"});
        m.attribution_basis = f_.text(*a, "/attribution", "basis", true);
        const std::string& b = m.attribution_basis;
        if (!b.empty() && b != "reported" && b != "observed" && b != "claimed" && b != "found") {
          f_.report("/attribution/basis", "field.enum", "basis must be reported, observed, claimed or found");
        }
      }
    }
    return true;
  }

 private:
  void read_zone(const Json& root, Mapping& m) {
    const Json* z = f_.require(root, "", "zone");
    if (!z) return;
    const auto s = f_.string_at(*z, "/zone");
    if (!s) return;
    std::string why;
    const auto zone = parse_zone(*s, &why);
    if (!zone) {
      f_.report("/zone", "time.zone", "\"" + *s + "\" is not a time zone: " + why);
      return;
    }
    m.zone = *zone;
    m.named_zone = !zone->is_fixed();
  }

  std::vector<std::string> columns(const Json& parent, const std::string& at, const char* key, Source source) {
    const auto list = f_.string_list(parent, at, key, false);
    const auto& allowed = actor_columns(source);
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (std::find(allowed.begin(), allowed.end(), list[i]) == allowed.end()) {
        f_.report(pointer_join(pointer_join(at, key), i), "mapping.column",
                  "\"" + list[i] + "\" is not an actor column of " + source_name(source) + " (" +
                      (source == Source::kAcled ? "actor1, assoc_actor_1, actor2, assoc_actor_2" : "side_a, side_b") + ")");
      }
    }
    return list;
  }

  void read_actors(const Json& root, Mapping& m) {
    const Json* actors = f_.member(root, "actors");
    if (!actors || !f_.expect_object(*actors, "/actors", "actors")) return;
    for (auto it = actors->begin(); it != actors->end(); ++it) {
      const std::string at = pointer_join("/actors", it.key());
      if (it.key().empty()) f_.report(at, "field.empty", "an actor name must not be empty");
      if (!f_.expect_object(it.value(), at, "an actor rule")) continue;
      f_.reject_unknown(it.value(), at, {"party", "non_party", "note"});
      f_.text(it.value(), at, "note", false);
      ActorRule rule;
      rule.party = f_.id(it.value(), at, "party", false);
      rule.non_party = f_.boolean(it.value(), at, "non_party").value_or(false);
      const bool has_party = f_.member(it.value(), "party") != nullptr;
      if (has_party && rule.non_party) {
        f_.report(at, "field.conflict", "an actor is either a party's (\"party\") or a non-party (\"non_party\": true)");
      } else if (!has_party && !rule.non_party) {
        f_.report(at, "field.missing", "say which party the actor is (\"party\"), or that it is none (\"non_party\": true)");
      }
      if (agreement_ && !rule.party.empty() && !agreement_->find_party(rule.party)) {
        f_.report(at + "/party", "mapping.party", "\"" + rule.party + "\" is not a party of agreement \"" + agreement_->id + "\"");
      }
      m.actors[it.key()] = rule;
    }
  }

  void read_types(const Json& root, Mapping& m) {
    const bool acled = m.source == Source::kAcled;
    f_.each_object(root, "", "event_types", true, "an event type rule", [&](const Json& r, const std::string& at) {
      if (acled) {
        f_.reject_unknown(r, at, {"event_type", "sub_event_type", "types", "unmapped", "charge", "subject", "note"});
      } else {
        f_.reject_unknown(r, at, {"type_of_violence", "types", "unmapped", "charge", "subject", "note"});
      }
      f_.text(r, at, "note", false);
      TypeRule rule;
      rule.pointer = at;
      if (acled) {
        rule.event_type = f_.text(r, at, "event_type", true);
        rule.sub_event_type = f_.text(r, at, "sub_event_type", false);
        if (f_.member(r, "event_type") && rule.event_type.empty()) f_.report(at + "/event_type", "field.empty", "event_type must not be empty");
      } else if (const Json* v = f_.require(r, at, "type_of_violence")) {
        if (!v->is_number_integer() || v->get<long long>() < 1 || v->get<long long>() > 3) {
          f_.report(at + "/type_of_violence", "field.enum", "type_of_violence is 1 (state-based), 2 (non-state) or 3 (one-sided)");
        } else {
          rule.type_of_violence = static_cast<int>(v->get<long long>());
        }
      }
      rule.unmapped = f_.text(r, at, "unmapped", false);
      const bool has_types = f_.member(r, "types") != nullptr, has_unmapped = f_.member(r, "unmapped") != nullptr;
      if (has_types == has_unmapped) {
        f_.report(at, has_types ? "field.conflict" : "field.missing",
                  "a rule gives the event types (\"types\") or the reason such rows are kept unmapped (\"unmapped\"), one of them");
      } else if (has_unmapped && rule.unmapped.empty() && r["unmapped"].is_string()) {
        f_.report(at + "/unmapped", "field.empty", "give the reason such rows are kept unmapped");
      }
      if (has_types) {
        const auto list = f_.string_list(r, at, "types", true);
        if (list.empty() && r["types"].is_array()) f_.report(at + "/types", "field.empty", "a rule needs at least one event type");
        for (std::size_t i = 0; i < list.size(); ++i) {
          const std::string here = pointer_join(at + "/types", i);
          if (!Fields::is_id(list[i])) {
            f_.report(here, "field.id", "\"" + list[i] + "\" is not a valid id (letters, digits, - _ . :)");
          } else if (agreement_ && !agreement_->find_type(list[i])) {
            f_.report(here, "mapping.event_type", "event type \"" + list[i] + "\" is not in the vocabulary of agreement \"" +
                                                      agreement_->id + "\"");
          }
          rule.types.push_back(list[i]);
        }
      }
      rule.charge = columns(r, at, "charge", m.source);
      read_subject(r, at, rule);
      for (const TypeRule& other : m.types) {
        const bool same = acled ? other.event_type == rule.event_type && other.sub_event_type == rule.sub_event_type
                                : other.type_of_violence == rule.type_of_violence && rule.type_of_violence != 0;
        if (same && (!acled || !rule.event_type.empty())) {
          f_.report(at, "mapping.duplicate_rule", "this rule repeats the classification of " + other.pointer);
          break;
        }
      }
      m.types.push_back(std::move(rule));
    });
  }

  void check_subject(const std::string& id, const std::string& at) {
    if (!Fields::is_id(id)) {
      f_.report(at, "field.id", "\"" + id + "\" is not a valid id (letters, digits, - _ . :)");
    } else if (agreement_ && std::find(agreement_->subjects.begin(), agreement_->subjects.end(), id) == agreement_->subjects.end()) {
      f_.report(at, "mapping.subject", "subject \"" + id + "\" is not in the vocabulary of agreement \"" + agreement_->id + "\"");
    }
  }

  void read_subject(const Json& r, const std::string& at, TypeRule& rule) {
    const Json* s = f_.member(r, "subject");
    if (!s) return;
    const std::string here = at + "/subject";
    if (s->is_string()) {
      rule.subject = s->get<std::string>();
      check_subject(rule.subject, here);
      return;
    }
    if (!s->is_object()) {
      f_.report(here, "type.object", "subject is a subject id, or {\"column\", \"values\"}");
      return;
    }
    f_.reject_unknown(*s, here, {"column", "values"});
    rule.subject_column = f_.text(*s, here, "column", true);
    const Json* values = f_.require(*s, here, "values");
    if (!values || !f_.expect_object(*values, here + "/values", "values")) return;
    for (auto it = values->begin(); it != values->end(); ++it) {
      const std::string vat = pointer_join(here + "/values", it.key());
      if (const auto id = f_.string_at(it.value(), vat)) {
        check_subject(*id, vat);
        rule.subject_values[it.key()] = *id;
      }
    }
  }

  void read_time_rules(const Json& root, const char* key, Mapping& m) {
    const Json* rules = f_.require(root, "", key);
    const std::string at = std::string("/") + key;
    if (!rules || !f_.expect_object(*rules, at, key)) return;
    for (auto it = rules->begin(); it != rules->end(); ++it) {
      const std::string here = pointer_join(at, it.key());
      if (!f_.expect_object(it.value(), here, "a precision rule")) continue;
      const Json& r = it.value();
      f_.reject_unknown(r, here, {"range", "either_side", "unmapped", "note"});
      f_.text(r, here, "note", false);
      TimeRule rule;
      if (f_.member(r, "unmapped")) {
        rule.kind = TimeRule::Kind::kUnmapped;
        rule.reason = f_.text(r, here, "unmapped", true);
        if (rule.reason.empty() && r["unmapped"].is_string()) f_.report(here + "/unmapped", "field.empty", "give the reason");
        if (f_.member(r, "range")) f_.report(here, "field.conflict", "a precision rule gives a range or \"unmapped\", not both");
      } else {
        const std::string range = f_.text(r, here, "range", true);
        if (range == "day") {
          rule.kind = TimeRule::Kind::kDay;
        } else if (range == "days") {
          rule.kind = TimeRule::Kind::kDays;
          const Json* n = f_.require(r, here, "either_side");
          if (n && (!n->is_number_integer() || n->get<long long>() < 1 || n->get<long long>() > 366)) {
            f_.report(here + "/either_side", "field.range", "either_side is a whole number of days from 1 to 366");
          } else if (n) {
            rule.either_side = static_cast<int>(n->get<long long>());
          }
        } else if (range == "month") {
          rule.kind = TimeRule::Kind::kMonth;
        } else if (range == "year") {
          rule.kind = TimeRule::Kind::kYear;
        } else if (range == "start_to_end" && m.source == Source::kUcdp) {
          rule.kind = TimeRule::Kind::kStartToEnd;
        } else if (!range.empty()) {
          f_.report(here + "/range", "field.enum",
                    m.source == Source::kUcdp ? "range must be day, days, month, year or start_to_end"
                                              : "range must be day, days, month or year");
        }
        if (rule.kind != TimeRule::Kind::kDays && f_.member(r, "either_side")) {
          f_.report(here + "/either_side", "field.unexpected", "either_side only goes with range \"days\"");
        }
      }
      m.time_rules[it.key()] = rule;
    }
  }

  void read_geo_rules(const Json& root, const char* key, Mapping& m) {
    const Json* rules = f_.member(root, key);
    const std::string at = std::string("/") + key;
    if (!rules || !f_.expect_object(*rules, at, key)) return;
    for (auto it = rules->begin(); it != rules->end(); ++it) {
      const std::string here = pointer_join(at, it.key());
      if (!f_.expect_object(it.value(), here, "a precision rule")) continue;
      const Json& r = it.value();
      f_.reject_unknown(r, here, {"uncertainty_km", "approximate", "unmapped", "note"});
      f_.text(r, here, "note", false);
      GeoRule rule;
      rule.uncertainty_km = f_.number(r, here, "uncertainty_km", false);
      if (rule.uncertainty_km && (*rule.uncertainty_km < 0 || *rule.uncertainty_km > 20000)) {
        f_.report(here + "/uncertainty_km", "field.range", "uncertainty_km must be from 0 to 20000");
      }
      rule.approximate = f_.boolean(r, here, "approximate").value_or(false);
      rule.unmapped = f_.text(r, here, "unmapped", false);
      if (!rule.unmapped.empty() && (rule.uncertainty_km || f_.member(r, "approximate"))) {
        f_.report(here, "field.conflict", "a precision rule gives an uncertainty or \"unmapped\", not both");
      }
      m.geo_rules[it.key()] = rule;
    }
  }

  void read_quantities(const Json& root, Mapping& m) {
    f_.each_object(root, "", "quantities", false, "a quantity rule", [&](const Json& q, const std::string& at) {
      f_.reject_unknown(q, at, {"column", "min_column", "max_column", "category", "unit", "basis", "skip_zero", "note"});
      f_.text(q, at, "note", false);
      QuantityRule rule;
      rule.pointer = at;
      rule.column = f_.text(q, at, "column", true);
      rule.min_column = f_.text(q, at, "min_column", false);
      rule.max_column = f_.text(q, at, "max_column", false);
      rule.category = f_.id(q, at, "category", true);
      rule.unit = f_.text(q, at, "unit", false);
      rule.basis = f_.text(q, at, "basis", false);
      const std::string& b = rule.basis;
      if (!b.empty() && b != "level" && b != "increment" && b != "planned" && b != "cumulative_report" && b != "remaining") {
        f_.report(at + "/basis", "field.enum", "basis must be level, increment, planned, cumulative_report or remaining");
      }
      rule.skip_zero = f_.boolean(q, at, "skip_zero").value_or(false);
      m.quantities.push_back(std::move(rule));
    });
  }

  Fields f_;
  const Agreement* agreement_;
};

}  // namespace

std::optional<Mapping> read_mapping(std::string_view text, const std::string& file, const Limits& limits,
                                    const Agreement* agreement, std::vector<Issue>& issues) {
  Json root;
  JsonReadOptions options;
  options.file = file;
  options.limits = limits;
  if (!read_json(text, options, root, issues)) return std::nullopt;
  const std::size_t before = issues.size();
  Mapping m;
  MappingReader reader(file, agreement, issues);
  const bool ok = reader.read(root, m);
  if (!ok || has_errors(std::vector<Issue>(issues.begin() + static_cast<long>(before), issues.end()))) return std::nullopt;
  return m;
}

}  // namespace pactcheck::import
