#include <algorithm>
#include <unordered_set>

#include "fields.hpp"
#include "json_reader.hpp"
#include "pactcheck/readers.hpp"
#include "sha256.hpp"

namespace pactcheck {
namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;

class EventReader {
 public:
  EventReader(const std::string& file, const Agreement* agreement, std::vector<Issue>& issues)
      : file_(file), agreement_(agreement), issues_(issues), errors_(file, issues) {}

  // Returns false on a fatal problem (recorded as an error).
  bool read(std::size_t index, Json&& element, Event& out) {
    const std::string at = pointer_join("/events", index);
    if (!element.is_object()) {
      errors_.report(at, "type.object", std::string("an event must be an object, not ") + json_type_name(element));
      return false;
    }
    out.input_index = index;
    out.id = errors_.id(element, at, "id", true);
    if (out.id.empty()) return false;
    if (!ids_.insert(out.id).second) {
      errors_.report(at + "/id", "ref.duplicate", "duplicate event id \"" + out.id + "\"");
      return false;
    }
    out.digest = sha256_hex(element.dump());

    // Problems below concern this event only: it is ignored as malformed, with a warning for each.
    const std::size_t before = issues_.size();
    Fields f(file_, issues_, Severity::kWarning);
    f.reject_unknown(element, at, {"id", "time", "utc_offset", "precision", "latest", "type", "actors", "target",
                                   "subject", "where", "quantities", "attribution", "effects", "notes", "sources", "extra"});
    read_time(f, element, at, out);
    out.type = f.id(element, at, "type", true);
    out.target = f.text(element, at, "target", false);
    out.subject = f.text(element, at, "subject", false);
    out.notes = f.text(element, at, "notes", false);
    read_actors(f, element, at, out);
    read_where(f, element, at, out);
    read_quantities(f, element, at, out);
    read_attribution(f, element, at, out);
    read_effects(f, element, at, out);
    out.sources = f.sources(element, at);
    if (issues_.size() != before) {
      out.ignore_reason = "malformed";
      out.ignore_detail = issues_[before].message + " (at " + issues_[before].pointer + ")";
    } else if (agreement_ && !agreement_->has_event_type(out.type)) {
      out.ignore_reason = "unknown_type";
      out.ignore_detail = "event type \"" + out.type + "\" is not in the agreement's vocabulary";
      f.report(at + "/type", "event.unknown_type", out.ignore_detail + "; the event is ignored");
    }
    return true;
  }

 private:
  void read_time(Fields& f, const Json& e, const std::string& at, Event& out) {
    const Json* t = f.require(e, at, "time");
    if (!t) return;
    const auto s = f.string_at(*t, at + "/time");
    if (!s) return;
    out.time_text = *s;
    out.precision = f.text(e, at, "precision", false);
    if (s->size() == 10) {  // a date alone: the whole day, in the offset given beside it
      const Json* o = f.member(e, "utc_offset");
      if (!o) {
        f.report(at + "/time", "time.no_offset", "a date-only time needs \"utc_offset\" to say which day it means");
        return;
      }
      const auto date = f.date(*t, at + "/time");
      const auto offset = f.offset(*o, at + "/utc_offset");
      if (!date || !offset) return;
      if (!out.precision.empty() && out.precision != "day") {
        f.report(at + "/precision", "time.precision", "a date-only time has precision \"day\"");
        return;
      }
      out.precision = "day";
      out.when.earliest = start_of_day(*date, *offset);
      out.when.latest = Instant{out.when.earliest.utc_ms + kMsPerDay - 1, *offset};
      return;
    }
    if (f.member(e, "utc_offset")) {
      f.report(at + "/utc_offset", "field.unexpected", "\"utc_offset\" only goes with a date-only time");
    }
    const auto instant = f.instant(*t, at + "/time");
    if (!instant) return;
    if (out.precision.empty()) out.precision = "exact";
    out.when.earliest = *instant;
    out.when.latest = *instant;
    if (out.precision == "day") {
      const LocalDate day = local_date(instant->utc_ms, instant->offset_minutes);
      out.when.earliest = start_of_day(day, instant->offset_minutes);
      out.when.latest = Instant{out.when.earliest.utc_ms + kMsPerDay - 1, instant->offset_minutes};
    } else if (out.precision == "range") {
      const Json* l = f.require(e, at, "latest");
      if (!l) return;
      const auto latest = f.instant(*l, at + "/latest");
      if (!latest) return;
      out.latest_text = l->get<std::string>();
      if (latest->utc_ms < instant->utc_ms) {
        f.report(at + "/latest", "time.range", "\"latest\" is before \"time\"");
        return;
      }
      out.when.latest = *latest;
    } else if (out.precision != "exact") {
      f.report(at + "/precision", "field.enum", "precision must be \"exact\", \"day\" or \"range\"");
    }
    if (out.precision != "range" && f.member(e, "latest")) {
      f.report(at + "/latest", "field.unexpected", "\"latest\" only goes with precision \"range\"");
    }
  }

  void check_party(Fields& f, const std::string& id, const std::string& pointer, bool monitors_too) {
    if (!agreement_ || id.empty()) return;
    const bool ok = monitors_too ? agreement_->has_party_or_monitor(id) : agreement_->has_party(id);
    if (!ok) f.report(pointer, "ref.party", "undefined " + std::string(monitors_too ? "party or monitor" : "party") + " \"" + id + "\"");
  }

  void read_actors(Fields& f, const Json& e, const std::string& at, Event& out) {
    f.each_object(e, at, "actors", false, "an actor", [&](const Json& a, const std::string& here) {
      f.reject_unknown(a, here, {"name", "party", "role"});
      Actor actor{f.text(a, here, "name", true), f.id(a, here, "party", false), f.text(a, here, "role", false)};
      check_party(f, actor.party, here + "/party", false);
      if (actor.party.empty() && agreement_) {
        const auto it = agreement_->actor_parties.find(actor.name);
        if (it != agreement_->actor_parties.end()) actor.party = it->second;
      }
      out.actors.push_back(std::move(actor));
    });
  }

  void read_where(Fields& f, const Json& e, const std::string& at, Event& out) {
    const Json* w = f.member(e, "where");
    if (!w) return;
    const std::string here = at + "/where";
    if (!f.expect_object(*w, here, "where")) return;
    f.reject_unknown(*w, here, {"name", "lat", "lon", "approximate"});
    out.where_name = f.text(*w, here, "name", false);
    out.where_approximate = f.boolean(*w, here, "approximate").value_or(false);
    const bool has_lat = f.member(*w, "lat") != nullptr, has_lon = f.member(*w, "lon") != nullptr;
    if (has_lat != has_lon) {
      f.report(here, "geo.position", "give both \"lat\" and \"lon\", or neither");
      return;
    }
    if (!has_lat) return;
    const auto lat = f.number(*w, here, "lat", true);
    const auto lon = f.number(*w, here, "lon", true);
    if (!lat || !lon) return;
    if (*lat < -90 || *lat > 90) {
      f.report(here + "/lat", "geo.range", "latitude " + f.member(*w, "lat")->dump() + " is outside [-90, 90]; the event is ignored");
      return;
    }
    if (*lon < -180 || *lon > 180) {
      f.report(here + "/lon", "geo.range", "longitude " + f.member(*w, "lon")->dump() + " is outside [-180, 180]; the event is ignored");
      return;
    }
    out.has_where = true;
    out.where = LonLat{*lon, *lat};
  }

  void read_quantities(Fields& f, const Json& e, const std::string& at, Event& out) {
    f.each_object(e, at, "quantities", false, "a quantity", [&](const Json& q, const std::string& here) {
      f.reject_unknown(q, here, {"category", "value", "unit", "basis", "from", "to", "note"});
      Quantity quantity;
      quantity.category = f.id(q, here, "category", true);
      quantity.value = f.number(q, here, "value", true).value_or(0);
      if (quantity.value < 0) f.report(here + "/value", "field.range", "a quantity must not be negative");
      quantity.unit = f.text(q, here, "unit", false);
      quantity.basis = f.text(q, here, "basis", false);
      if (quantity.basis.empty()) quantity.basis = "increment";
      if (quantity.basis != "level" && quantity.basis != "increment" && quantity.basis != "planned" &&
          quantity.basis != "cumulative_report") {
        f.report(here + "/basis", "field.enum", "basis must be level, increment, planned or cumulative_report");
      }
      quantity.from = f.id(q, here, "from", false);
      quantity.to = f.id(q, here, "to", false);
      check_party(f, quantity.from, here + "/from", false);
      check_party(f, quantity.to, here + "/to", false);
      quantity.note = f.text(q, here, "note", false);
      out.quantities.push_back(std::move(quantity));
    });
  }

  void read_attribution(Fields& f, const Json& e, const std::string& at, Event& out) {
    const Json* a = f.member(e, "attribution");
    if (!a) return;
    const std::string here = at + "/attribution";
    if (!f.expect_object(*a, here, "attribution")) return;
    f.reject_unknown(*a, here, {"basis", "alleged_by", "denied_by", "observed_by"});
    out.attribution.basis = f.text(*a, here, "basis", false);
    if (!out.attribution.basis.empty() && out.attribution.basis != "observed" && out.attribution.basis != "reported" &&
        out.attribution.basis != "claimed") {
      f.report(here + "/basis", "field.enum", "basis must be observed, reported or claimed");
    }
    auto list = [&](const char* key, std::vector<std::string>& into) {
      into = f.string_list(*a, here, key, false);
      for (std::size_t i = 0; i < into.size(); ++i) check_party(f, into[i], pointer_join(here + "/" + key, i), true);
    };
    list("alleged_by", out.attribution.alleged_by);
    list("denied_by", out.attribution.denied_by);
    list("observed_by", out.attribution.observed_by);
  }

  void read_effects(Fields& f, const Json& e, const std::string& at, Event& out) {
    f.each_object(e, at, "effects", false, "an effect", [&](const Json& x, const std::string& here) {
      f.reject_unknown(x, here, {"kind", "obligation", "deadline", "party", "agreed_by"});
      Effect effect;
      effect.kind = f.text(x, here, "kind", true);
      effect.obligation = f.id(x, here, "obligation", true);
      effect.agreed_by = f.string_list(x, here, "agreed_by", false);
      for (std::size_t i = 0; i < effect.agreed_by.size(); ++i) {
        check_party(f, effect.agreed_by[i], pointer_join(here + "/agreed_by", i), false);
      }
      int index = -1;
      if (agreement_ && !effect.obligation.empty()) {
        index = agreement_->obligation_index(effect.obligation);
        if (index < 0) f.report(here + "/obligation", "ref.obligation", "undefined obligation \"" + effect.obligation + "\"");
      }
      if (index >= 0) effect.obligation_index = static_cast<std::size_t>(index);
      if (effect.kind == "amend_deadline") {
        const Json* d = f.require(x, here, "deadline");
        if (d && f.expect_object(*d, here + "/deadline", "a deadline")) {
          f.reject_unknown(*d, here + "/deadline", {"date", "instant", "utc_offset"});
          effect.deadline.offset_minutes = agreement_ ? agreement_->local_offset_minutes : 0;
          if (const Json* o = f.member(*d, "utc_offset")) {
            effect.deadline.offset_minutes = f.offset(*o, here + "/deadline/utc_offset").value_or(0);
          }
          if (const Json* date = f.member(*d, "date")) {
            if (auto parsed = f.date(*date, here + "/deadline/date")) {
              effect.deadline.kind = DeadlineSpec::Kind::kDate;
              effect.deadline.date = *parsed;
              effect.deadline.text = format_date(*parsed);
            }
          } else if (const Json* inst = f.member(*d, "instant")) {
            if (auto parsed = f.instant(*inst, here + "/deadline/instant")) {
              effect.deadline.kind = DeadlineSpec::Kind::kInstant;
              effect.deadline.instant = *parsed;
              effect.deadline.text = format_instant(*parsed);
            }
          } else {
            f.report(here + "/deadline", "field.missing", "an amended deadline needs \"date\" or \"instant\"");
          }
        }
        if (index >= 0 && !agreement_->obligations[static_cast<std::size_t>(index)].amendable) {
          f.report(here + "/obligation", "effect.not_amendable",
                   "obligation \"" + effect.obligation + "\" does not accept deadline amendments (params.amendable)");
        }
      } else if (effect.kind == "notice") {
        effect.party = f.id(x, here, "party", true);
        check_party(f, effect.party, here + "/party", false);
        if (index >= 0 && agreement_->obligations[static_cast<std::size_t>(index)].kind != Kind::kTerm) {
          f.report(here + "/obligation", "effect.not_term", "a notice applies only to a \"term\" obligation");
        }
      } else if (effect.kind == "suspend" || effect.kind == "resume") {
        // Whether a suspension is accepted (agreed by every party) is the engine's finding, not a format error.
      } else if (!effect.kind.empty()) {
        f.report(here + "/kind", "field.enum", "effect kind must be amend_deadline, notice, suspend or resume");
      }
      out.effects.push_back(std::move(effect));
    });
  }

  std::string file_;
  const Agreement* agreement_;
  std::vector<Issue>& issues_;
  Fields errors_;
  std::unordered_set<std::string> ids_;
};

}  // namespace

bool read_events(std::string_view text, const std::string& file, const Limits& limits, const Agreement* agreement,
                 const std::function<void(Event&&)>& sink, std::vector<Issue>& issues, EventLogInfo* info) {
  EventReader reader(file, agreement, issues);
  std::size_t count = 0;
  JsonReadOptions options;
  options.file = file;
  options.limits = limits;
  options.streamed_array_key = "events";
  options.sink = [&](std::size_t index, Json&& element) {
    Event event;
    if (!reader.read(index, std::move(element), event)) return false;
    ++count;
    sink(std::move(event));
    return true;
  };
  Json root;
  if (!read_json(text, options, root, issues)) return false;
  Fields f(file, issues);
  const std::size_t before = issues.size();
  if (!f.expect_object(root, "", "an event log")) return false;
  const std::string format = f.text(root, "", "format", true);
  if (!format.empty() && format != "pactcheck/events") {
    f.report("/format", "format.tag", "expected format \"pactcheck/events\", found \"" + format + "\"");
    return false;  // another kind of document: listing its members as unknown fields would only be noise
  }
  if (const Json* v = f.require(root, "", "version")) {
    if (!v->is_number_integer() || v->get<long long>() != 1) {
      f.report("/version", "format.version", "this pactcheck reads event-log format version 1 only");
    }
  }
  f.reject_unknown(root, "", {"format", "version", "title", "description", "synthetic", "events", "note", "sources"});
  const Json* events = f.require(root, "", "events");
  if (events && !events->is_array()) {  // an array was streamed away and left an empty array behind
    f.report("/events", "type.array", std::string("must be an array, not ") + json_type_name(*events));
  }
  if (info) {
    info->title = root.contains("title") && root["title"].is_string() ? root["title"].get<std::string>() : "";
    info->synthetic = f.boolean(root, "", "synthetic").value_or(false);
    info->count = count;
  }
  return issues.size() == before || !has_errors(std::vector<Issue>(issues.begin() + static_cast<long>(before), issues.end()));
}

}  // namespace pactcheck
