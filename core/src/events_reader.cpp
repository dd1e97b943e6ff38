// Reads an event log (docs/format.md), one event at a time, into normalised events: types resolved, times
// as UTC ranges, every actor's attribution spelled out. A problem confined to one event makes that event
// ignored as malformed, with a warning per problem; a problem with the document is an error.
#include <algorithm>
#include <memory>
#include <unordered_set>

#include "fields.hpp"
#include "json_reader.hpp"
#include "kinds/kind.hpp"
#include "pactcheck/readers.hpp"
#include "sha256.hpp"

namespace pactcheck {
namespace {

constexpr std::int64_t kMsPerDay = 86'400'000;

// What nlohmann's serializer writes, fed to a SHA-256 through a small buffer (flush() before reading the hash): the
// digest of a value costs no copy of its text.
class HashingOutput final : public nlohmann::detail::output_adapter_protocol<char> {
 public:
  explicit HashingOutput(Sha256& sha) : sha_(sha) {}
  HashingOutput(const HashingOutput&) = delete;
  HashingOutput& operator=(const HashingOutput&) = delete;
  void write_character(char c) override {
    if (used_ == sizeof buffer_) flush();
    buffer_[used_++] = c;
  }
  void write_characters(const char* s, std::size_t n) override {
    if (used_ + n > sizeof buffer_) {
      flush();
      if (n > sizeof buffer_) {
        sha_.update(std::string_view(s, n));
        return;
      }
    }
    std::copy(s, s + n, buffer_ + used_);
    used_ += n;
  }
  void flush() {
    sha_.update(std::string_view(buffer_, used_));
    used_ = 0;
  }

 private:
  Sha256& sha_;
  char buffer_[4096];
  std::size_t used_ = 0;
};

// Hex SHA-256 of `value.dump()` (compact, strict UTF-8: the reader has already refused invalid UTF-8).
std::string canonical_digest(const Json& value) {
  Sha256 sha;
  {
    auto output = std::make_shared<HashingOutput>(sha);
    nlohmann::detail::serializer<Json> serializer(output, ' ');
    serializer.dump(value, false, false, 0);
    output->flush();
  }
  return sha.hex_digest();
}

// A local date-time without offset ("2015-03-29T02:30[:SS[.fff]]"), in `zone`; nullopt and a reason otherwise.
std::optional<TimeRange> local_in_zone(const std::string& text, const Zone& zone, std::string& why) {
  const auto as_utc = parse_instant(text + "Z", &why);
  if (!as_utc) return std::nullopt;
  const std::int64_t wall = as_utc->utc_ms;
  std::int64_t days = wall / kMsPerDay, ms_of_day = wall % kMsPerDay;
  if (ms_of_day < 0) {
    ms_of_day += kMsPerDay;
    --days;
  }
  const LocalDate d = civil_from_days(days);
  const auto r = zone.from_local(d.year, d.month, d.day, static_cast<int>(ms_of_day / 3'600'000),
                                 static_cast<int>(ms_of_day / 60'000 % 60), static_cast<int>(ms_of_day / 1000 % 60),
                                 static_cast<int>(ms_of_day % 1000));
  if (r.kind == Zone::Resolved::Kind::kNonexistent) {
    why = "that local time does not exist in " + zone.name() + " (the clocks moved forward over it)";
    return std::nullopt;
  }
  return TimeRange{r.utc_ms, r.kind == Zone::Resolved::Kind::kAmbiguous ? r.second_utc_ms : r.utc_ms};
}

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
    out.input_index = static_cast<std::uint32_t>(index);
    out.id = errors_.id(element, at, "id", true);
    if (out.id.empty()) return false;
    if (!ids_.insert(out.id).second) {
      errors_.report(at + "/id", "ref.duplicate", "duplicate event id \"" + out.id + "\"");
      return false;
    }
    out.digest = canonical_digest(element);

    // Problems below concern this event only: it is ignored as malformed, with a warning for each.
    const std::size_t before = issues_.size();
    Fields f(file_, issues_, Severity::kWarning);
    f.reject_unknown(element, at, {"id", "time", "utc_offset", "zone", "precision", "latest", "end", "ongoing", "reported",
                                   "type", "types", "type_alternatives", "actors", "target", "subject", "where",
                                   "quantities", "attribution", "claims", "finds", "effects", "grade", "notes", "sources",
                                   "origin", "unmapped", "extra"});
    const std::string unmapped = f.text(element, at, "unmapped", false);
    read_time(f, element, at, out);
    read_types(f, element, at, out, !unmapped.empty());
    out.target = f.text(element, at, "target", false);
    out.subject = f.text(element, at, "subject", false);
    out.notes = f.text(element, at, "notes", false);
    out.grade = f.id(element, at, "grade", false);
    read_actors(f, element, at, out);
    read_where(f, element, at, out);
    read_quantities(f, element, at, out);
    read_claims(f, element, at, out);
    read_findings(f, element, at, out);
    read_effects(f, element, at, out);
    read_origin(f, element, at, out);
    out.sources = f.sources(element, at);
    if (issues_.size() != before) {
      out.ignore_reason = "malformed";
      out.ignore_detail = issues_[before].message + " (at " + issues_[before].pointer + ")";
    } else if (!unmapped.empty()) {
      out.ignore_reason = "unmapped";
      out.ignore_detail = unmapped;
    } else if (!unknown_types_.empty()) {
      out.ignore_reason = "unknown_type";
      out.ignore_detail = "event type \"" + unknown_types_.front() + "\" is not in the agreement's vocabulary";
      f.report(at + unknown_pointer_, "event.unknown_type", out.ignore_detail + "; the event is ignored");
    } else if (agreement_ && !out.grade.empty() &&
               std::find(agreement_->grades.begin(), agreement_->grades.end(), out.grade) == agreement_->grades.end()) {
      f.report(at + "/grade", "ref.grade", "grade \"" + out.grade + "\" is not in the agreement's vocabulary; the event is ignored");
      out.ignore_reason = "malformed";
      out.ignore_detail = "grade \"" + out.grade + "\" is not in the agreement's vocabulary";
    }
    return true;
  }

 private:
  // One instant field: an RFC 3339 instant, a date (with utc_offset or zone: the whole day), or a local time in
  // the event's zone. Returns the range it denotes.
  std::optional<TimeRange> when_field(Fields& f, const Json& e, const std::string& at, const char* key, std::string& text,
                                      bool& day) {
    const Json* t = f.member(e, key);
    if (!t) return std::nullopt;
    const std::string here = pointer_join(at, key);
    const auto s = f.string_at(*t, here);
    if (!s) return std::nullopt;
    text = *s;
    day = false;
    if (s->size() == 10) {  // a date alone: the whole day, in the offset or zone given beside it
      const auto date = f.date(*t, here);
      if (!date) return std::nullopt;
      // `end` and `reported` may be dates in the offset the event's `time` was written in.
      const bool secondary = std::string(key) != "time";
      if (!zone_ && !(secondary && time_offset_)) {
        f.report(here, "time.no_offset", "a date-only time needs \"utc_offset\" or \"zone\" to say which day it means");
        return std::nullopt;
      }
      day = true;
      const Zone in = zone_ ? *zone_ : Zone::fixed(*time_offset_);
      const std::int64_t start = start_of_day_utc(*date, in);
      const std::int64_t next = start_of_day_utc(add_to_date(*date, Duration{0, 0, 1, 0}), in);
      if (!secondary) offset_ = in.offset_minutes_at(start);  // shown in the offset of that day, not of 1970
      return TimeRange{start, next - 1};
    }
    std::string why;
    if (auto instant = parse_instant(*s, &why)) {
      offset_ = instant->offset_minutes;
      return TimeRange{instant->utc_ms, instant->utc_ms};
    }
    if (zone_ && !zone_->is_fixed()) {
      std::string local_why;
      if (auto r = local_in_zone(*s, *zone_, local_why)) {
        offset_ = zone_->offset_minutes_at(r->earliest);
        // Shown with the offset it resolved to (a reader cannot tell which side of a change it fell on);
        // a time the clocks passed twice stays as written, its range giving both instants.
        if (r->earliest == r->latest) text = format_instant(r->earliest, *zone_);
        return r;
      }
      f.report(here, "time.invalid", "\"" + *s + "\" is not a valid time in " + zone_->name() + ": " + local_why);
      return std::nullopt;
    }
    f.report(here, "time.invalid", "\"" + *s + "\" is not a valid instant: " + why);
    return std::nullopt;
  }

  void read_time(Fields& f, const Json& e, const std::string& at, Event& out) {
    zone_.reset();
    time_offset_.reset();
    if (const Json* o = f.member(e, "utc_offset")) {
      if (auto off = f.offset(*o, at + "/utc_offset")) zone_ = Zone::fixed(*off);
      if (f.member(e, "zone")) f.report(at + "/zone", "field.conflict", "give \"zone\" or \"utc_offset\", not both");
    } else if (const Json* z = f.member(e, "zone")) {
      if (auto s = f.string_at(*z, at + "/zone")) {
        std::string why;
        zone_ = parse_zone(*s, &why);
        if (!zone_) f.report(at + "/zone", "time.zone", "\"" + *s + "\" is not a time zone: " + why);
      }
    }
    if (!f.require(e, at, "time")) return;
    out.precision = f.text(e, at, "precision", false);
    bool day = false;
    offset_ = zone_ ? zone_->offset_minutes_at(0) : 0;
    auto when = when_field(f, e, at, "time", out.time_text, day);
    if (!when) return;
    if (day && !out.precision.empty() && out.precision != "day") {
      f.report(at + "/precision", "time.precision", "a date-only time has precision \"day\"");
      return;
    }
    if (!day && f.member(e, "utc_offset") && zone_ && zone_->is_fixed() && out.time_text.size() > 10 &&
        !(f.member(e, "end") || f.member(e, "reported"))) {
      f.report(at + "/utc_offset", "field.unexpected", "\"utc_offset\" only goes with a date-only time (or a date-only end or reported)");
    }
    time_offset_ = offset_;
    if (out.precision.empty()) out.precision = day ? "day" : "exact";
    out.offset_minutes = offset_;
    out.when = *when;
    if (out.precision == "day" && !day) {
      const Zone in = Zone::fixed(offset_);
      const LocalDate d = local_date(when->earliest, in);
      out.when = TimeRange{start_of_day_utc(d, in), start_of_day_utc(add_to_date(d, Duration{0, 0, 1, 0}), in) - 1};
    } else if (out.precision == "range") {
      bool latest_day = false;
      const auto latest = when_field(f, e, at, "latest", out.latest_text, latest_day);
      if (!f.member(e, "latest")) {
        f.report(at, "field.missing", "missing required field \"latest\" (precision \"range\")");
        return;
      }
      if (!latest) return;
      if (latest->latest < when->earliest) {
        f.report(at + "/latest", "time.range", "\"latest\" is before \"time\"");
        return;
      }
      out.when.latest = latest->latest;
    } else if (out.precision != "exact" && out.precision != "day") {
      f.report(at + "/precision", "field.enum", "precision must be \"exact\", \"day\" or \"range\"");
    }
    if (out.precision != "range" && f.member(e, "latest")) {
      f.report(at + "/latest", "field.unexpected", "\"latest\" only goes with precision \"range\"");
    }
    // An act that lasts: until `end`, or still ongoing.
    const bool ongoing = f.boolean(e, at, "ongoing").value_or(false);
    bool end_day = false;
    if (auto end = when_field(f, e, at, "end", out.end_text, end_day)) {
      if (ongoing) f.report(at + "/ongoing", "field.conflict", "an act that ended is not ongoing");
      if (end->latest < out.when.earliest) {
        f.report(at + "/end", "time.range", "\"end\" is before \"time\"");
        return;
      }
      out.lasts = true;
      out.ends = *end;
    } else if (ongoing) {
      out.lasts = true;
    }
    bool reported_day = false;
    if (auto rep = when_field(f, e, at, "reported", out.reported_text, reported_day)) {
      if (rep->latest < out.when.earliest) {
        f.report(at + "/reported", "time.range", "\"reported\" is before the event happened");
        return;
      }
      out.reported = rep->latest;
    }
  }

  // `type` (one) or `types` (one or more), and `type_alternatives`.
  void read_types(Fields& f, const Json& e, const std::string& at, Event& out, bool unmapped) {
    unknown_types_.clear();
    std::vector<std::string> names;
    const bool one = f.member(e, "type") != nullptr, many = f.member(e, "types") != nullptr;
    if (one && many) {
      f.report(at + "/types", "field.conflict", "give \"type\" or \"types\", not both");
      return;
    }
    if (one) {
      const std::string t = f.id(e, at, "type", true);
      if (!t.empty()) names.push_back(t);
      unknown_pointer_ = "/type";
    } else if (many) {
      names = f.string_list(e, at, "types", true);
      if (names.empty() && f.member(e, "types")->is_array()) f.report(at + "/types", "field.empty", "an event needs at least one type");
      unknown_pointer_ = "/types";
    } else if (!unmapped) {
      f.report(at, "field.missing", "missing required field \"type\" (or \"types\")");
      return;
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
      out.type_text += (i ? "+" : "") + names[i];
      if (!agreement_) continue;
      if (auto t = agreement_->find_type(names[i])) {
        out.types.push_back(*t);
      } else {
        if (unknown_types_.empty() && many) unknown_pointer_ = "/types/" + std::to_string(i);
        unknown_types_.push_back(names[i]);
      }
    }
    const auto alternatives = f.string_list(e, at, "type_alternatives", false);
    for (std::size_t i = 0; i < alternatives.size(); ++i) {
      if (!agreement_) continue;
      if (auto t = agreement_->find_type(alternatives[i])) {
        out.alternative_types.push_back(*t);
      } else {
        f.report(pointer_join(at + "/type_alternatives", i), "event.unknown_type",
                 "event type \"" + alternatives[i] + "\" is not in the agreement's vocabulary");
      }
    }
  }

  std::optional<Who> who(Fields& f, const std::string& id, const std::string& pointer, bool monitors_too) {
    if (!agreement_ || id.empty()) return std::nullopt;
    auto w = monitors_too ? agreement_->find(id) : agreement_->find_party(id);
    if (!w) f.report(pointer, "ref.party", "undefined " + std::string(monitors_too ? "party or monitor" : "party") + " \"" + id + "\"");
    return w;
  }

  std::vector<Who> whos(Fields& f, const Json& parent, const std::string& here, const char* key, bool monitors_too) {
    std::vector<Who> out;
    const auto list = f.string_list(parent, here, key, false);
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (auto w = who(f, list[i], pointer_join(pointer_join(here, key), i), monitors_too)) out.push_back(*w);
    }
    return out;
  }

  // A party id or an array of them (one of them, unknown which).
  std::vector<Who> side(Fields& f, const Json& parent, const std::string& here, const char* key) {
    const Json* v = f.member(parent, key);
    if (!v) return {};
    if (v->is_array()) return whos(f, parent, here, key, false);
    const std::string id = f.id(parent, here, key, false);
    if (auto w = who(f, id, pointer_join(here, key), false)) return {*w};
    return {};
  }

  void read_actors(Fields& f, const Json& e, const std::string& at, Event& out) {
    std::vector<Who> alleged, denied, observed;
    std::string basis;
    if (const Json* a = f.member(e, "attribution")) {
      const std::string here = at + "/attribution";
      if (f.expect_object(*a, here, "attribution")) {
        f.reject_unknown(*a, here, {"basis", "alleged_by", "denied_by", "observed_by"});
        basis = f.text(*a, here, "basis", false);
        if (!basis.empty() && basis != "observed" && basis != "reported" && basis != "claimed" && basis != "found") {
          f.report(here + "/basis", "field.enum", "basis must be observed, reported, claimed or found");
        }
        alleged = whos(f, *a, here, "alleged_by", true);
        denied = whos(f, *a, here, "denied_by", true);
        observed = whos(f, *a, here, "observed_by", true);
        for (Who w : observed) {
          if (agreement_ && agreement_->is_party(w)) {
            f.report(here + "/observed_by", "ref.monitor", "observed_by names monitors; a party's account is alleged_by or denied_by");
          }
        }
      }
    }
    f.each_object(e, at, "actors", false, "an actor", [&](const Json& a, const std::string& here) {
      f.reject_unknown(a, here, {"name", "party", "role", "non_party", "avowed", "alleged_by", "denied_by", "observed_by"});
      EventActor actor;
      actor.name = f.text(a, here, "name", true);
      actor.role = f.text(a, here, "role", false);
      actor.non_party = f.boolean(a, here, "non_party").value_or(false);
      actor.avowed = f.boolean(a, here, "avowed").value_or(false);
      const std::string party = f.id(a, here, "party", false);
      if (!party.empty()) {
        if (actor.non_party) f.report(here + "/non_party", "field.conflict", "an actor is either a party's or non_party");
        if (auto w = who(f, party, here + "/party", false)) actor.party = *w;
      } else if (agreement_ && !actor.non_party) {
        const auto it = agreement_->actor_names.find(actor.name);
        if (it != agreement_->actor_names.end()) actor.party = it->second;
        actor.non_party = std::find(agreement_->non_party_actors.begin(), agreement_->non_party_actors.end(), actor.name) !=
                          agreement_->non_party_actors.end();
      }
      const bool own = f.member(a, "alleged_by") || f.member(a, "denied_by") || f.member(a, "observed_by");
      if (own) {
        actor.alleged_by = whos(f, a, here, "alleged_by", true);
        actor.denied_by = whos(f, a, here, "denied_by", true);
        actor.observed_by = whos(f, a, here, "observed_by", true);
      } else {
        actor.alleged_by = alleged;
        actor.denied_by = denied;
        actor.observed_by = observed;
      }
      out.actors.push_back(std::move(actor));
    });
    if (out.actors.empty() && (!alleged.empty() || !observed.empty())) {
      EventActor nobody;  // the act is reported, but no actor is named
      nobody.alleged_by = alleged;
      nobody.denied_by = denied;
      nobody.observed_by = observed;
      out.actors.push_back(std::move(nobody));
    }
  }

  void read_where(Fields& f, const Json& e, const std::string& at, Event& out) {
    const Json* w = f.member(e, "where");
    if (!w) return;
    const std::string here = at + "/where";
    if (!f.expect_object(*w, here, "where")) return;
    f.reject_unknown(*w, here, {"name", "lat", "lon", "approximate", "uncertainty_km"});
    out.where_name = f.text(*w, here, "name", false);
    out.where_approximate = f.boolean(*w, here, "approximate").value_or(false);
    if (auto u = f.number(*w, here, "uncertainty_km", false)) {
      if (*u < 0 || *u > 20000) {
        f.report(here + "/uncertainty_km", "field.range", "uncertainty_km must be from 0 to 20000");
      } else {
        out.where_uncertainty_km = *u;
      }
    }
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
      f.reject_unknown(q, here, {"category", "value", "min", "max", "unit", "basis", "from", "to", "note"});
      Quantity quantity;
      quantity.category = f.id(q, here, "category", true);
      const auto best = f.number(q, here, "value", true).value_or(0);
      const auto lo = f.number(q, here, "min", false), hi = f.number(q, here, "max", false);
      quantity.value = ValueRange{lo.value_or(best), best, hi.value_or(best)};
      if (quantity.value.lo < 0) f.report(here + (lo ? "/min" : "/value"), "field.range", "a quantity must not be negative");
      if (quantity.value.lo > best || best > quantity.value.hi) {
        f.report(here + "/value", "field.range", "value must lie within [min, max]");
      }
      quantity.unit = f.text(q, here, "unit", false);
      quantity.basis = f.text(q, here, "basis", false);
      if (quantity.basis.empty()) quantity.basis = "increment";
      if (quantity.basis != "level" && quantity.basis != "increment" && quantity.basis != "planned" &&
          quantity.basis != "cumulative_report" && quantity.basis != "remaining") {
        f.report(here + "/basis", "field.enum", "basis must be level, increment, planned, cumulative_report or remaining");
      }
      quantity.from = side(f, q, here, "from");
      quantity.to = side(f, q, here, "to");
      quantity.note = f.text(q, here, "note", false);
      out.quantities.push_back(std::move(quantity));
    });
  }

  void read_claims(Fields& f, const Json& e, const std::string& at, Event& out) {
    f.each_object(e, at, "claims", false, "a claim", [&](const Json& c, const std::string& here) {
      f.reject_unknown(c, here, {"exception", "by", "note"});
      Claim claim;
      claim.exception = f.id(c, here, "exception", true);
      if (auto w = who(f, f.id(c, here, "by", true), here + "/by", true)) claim.by = *w;
      claim.note = f.text(c, here, "note", false);
      out.claims.push_back(std::move(claim));
    });
  }

  void read_findings(Fields& f, const Json& e, const std::string& at, Event& out) {
    f.each_object(e, at, "finds", false, "a finding", [&](const Json& x, const std::string& here) {
      f.reject_unknown(x, here, {"by", "event", "attribution", "exception", "holds", "happened", "confirmed", "resolved",
                                 "obligation", "from", "to", "state", "bearers", "note"});
      Finding finding;
      if (auto w = who(f, f.id(x, here, "by", true), here + "/by", true)) {
        finding.by = *w;
        if (agreement_ && agreement_->is_party(*w)) {
          f.report(here + "/by", "finding.by", "a finding is made by a monitor, investigator, court or commission; "
                                                "a party's account is an allegation or a denial");
        }
      }
      finding.note = f.text(x, here, "note", false);
      if (f.member(x, "obligation")) {  // a finding over a period
        finding.kind = Finding::Kind::kPeriod;
        finding.obligation = f.id(x, here, "obligation", true);
        if (agreement_) {
          const int idx = agreement_->obligation_index(finding.obligation);
          if (idx < 0) f.report(here + "/obligation", "ref.obligation", "undefined obligation \"" + finding.obligation + "\"");
          finding.obligation_index = idx < 0 ? 0 : static_cast<std::size_t>(idx);
        }
        finding.state = f.text(x, here, "state", true);
        if (!finding.state.empty() && finding.state != "complied" && finding.state != "violated" &&
            finding.state != "no_violation_observed") {
          f.report(here + "/state", "field.enum", "state must be complied, violated or no_violation_observed");
        }
        std::string text;
        bool day = false;
        const auto from = when_field(f, x, here, "from", text, day);
        const auto to = when_field(f, x, here, "to", text, day);
        if (!f.member(x, "from") || !f.member(x, "to")) f.report(here, "field.missing", "a finding over a period needs from and to");
        if (from && to) {
          if (to->latest < from->earliest) f.report(here + "/to", "time.range", "\"to\" is before \"from\"");
          finding.period = TimeRange{from->earliest, to->latest};
        }
        finding.parties = whos(f, x, here, "bearers", false);
        out.findings.push_back(std::move(finding));
        return;
      }
      finding.event = f.id(x, here, "event", true);
      if (const Json* a = f.member(x, "attribution")) {
        finding.kind = Finding::Kind::kAttribution;
        if (a->is_string() && a->get<std::string>() == "none") {
          // the act was nobody's among the parties
        } else {
          finding.parties = whos(f, x, here, "attribution", false);
          if (!a->is_array()) f.report(here + "/attribution", "type.array", "attribution is an array of party ids, or \"none\"");
        }
      } else if (f.member(x, "exception")) {
        finding.kind = Finding::Kind::kException;
        finding.exception = f.id(x, here, "exception", true);
        finding.holds = f.boolean(x, here, "holds").value_or(true);
        if (!f.member(x, "holds")) f.report(here + "/holds", "field.missing", "say whether the claimed exception holds");
      } else if (f.member(x, "happened")) {
        finding.kind = Finding::Kind::kHappened;
        finding.holds = f.boolean(x, here, "happened").value_or(true);
      } else if (f.member(x, "confirmed")) {
        finding.kind = f.boolean(x, here, "confirmed").value_or(false) ? Finding::Kind::kHappened : Finding::Kind::kUnconfirmed;
      } else if (f.member(x, "resolved")) {
        finding.kind = Finding::Kind::kResolved;
      } else {
        f.report(here, "finding.form", "a finding needs attribution, exception, happened, confirmed or resolved (or obligation, from, to)");
      }
      out.findings.push_back(std::move(finding));
    });
  }

  void read_effects(Fields& f, const Json& e, const std::string& at, Event& out) {
    f.each_object(e, at, "effects", false, "an effect", [&](const Json& x, const std::string& here) {
      f.reject_unknown(x, here, {"kind", "obligation", "deadline", "party", "agreed_by", "until", "reason"});
      Effect effect;
      effect.kind = f.text(x, here, "kind", true);
      effect.obligation = f.id(x, here, "obligation", true);
      effect.agreed_by = whos(f, x, here, "agreed_by", false);
      effect.reason = f.text(x, here, "reason", false);
      const Obligation* o = nullptr;
      if (agreement_ && !effect.obligation.empty()) {
        const int index = agreement_->obligation_index(effect.obligation);
        if (index < 0) {
          f.report(here + "/obligation", "ref.obligation", "undefined obligation \"" + effect.obligation + "\"");
        } else {
          effect.obligation_index = static_cast<std::size_t>(index);
          o = &agreement_->obligations[effect.obligation_index];
        }
      }
      auto party = [&](bool required) {
        const std::string id = f.id(x, here, "party", required);
        if (auto w = who(f, id, here + "/party", false)) effect.party = *w;
      };
      const std::string& k = effect.kind;
      if (k == "amend_deadline") {
        read_amended_deadline(f, x, here, effect);
        if (o && !o->readings.empty() && !o->clause().accepts_amendment()) {
          f.report(here + "/obligation", "effect.not_amendable",
                   "obligation \"" + effect.obligation + "\" does not accept deadline amendments (params.amendable)");
        }
      } else if (k == "notice") {
        party(true);
        if (o && !o->readings.empty() && !o->clause().accepts_notice()) {
          f.report(here + "/obligation", "effect.not_term", "a notice applies only to a \"term\" obligation");
        }
      } else if (k == "extend") {
        if (const Json* u = f.require(x, here, "until")) {
          if (auto i = f.instant(*u, here + "/until")) effect.until = *i;
        }
      } else if (k == "repudiate" || k == "suspend") {
        party(k == "repudiate");
      } else if (k == "resume" || k == "end" || k == "supersede" || k == "object_ceased") {
        party(false);
      } else if (!k.empty()) {
        f.report(here + "/kind", "field.enum",
                 "effect kind must be amend_deadline, notice, suspend, resume, repudiate, extend, end, supersede or object_ceased");
      }
      out.effects.push_back(std::move(effect));
    });
  }

  void read_amended_deadline(Fields& f, const Json& x, const std::string& here, Effect& effect) {
    const Json* d = f.require(x, here, "deadline");
    if (!d || !f.expect_object(*d, here + "/deadline", "a deadline")) return;
    f.reject_unknown(*d, here + "/deadline", {"date", "instant", "utc_offset", "zone"});
    effect.deadline.zone = agreement_ ? agreement_->zone : Zone();
    if (const Json* o = f.member(*d, "utc_offset")) {
      if (auto off = f.offset(*o, here + "/deadline/utc_offset")) effect.deadline.zone = Zone::fixed(*off);
    }
    if (const Json* z = f.member(*d, "zone")) {
      if (auto s = f.string_at(*z, here + "/deadline/zone")) {
        std::string why;
        if (auto zone = parse_zone(*s, &why)) {
          effect.deadline.zone = *zone;
        } else {
          f.report(here + "/deadline/zone", "time.zone", "\"" + *s + "\" is not a time zone: " + why);
        }
      }
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

  void read_origin(Fields& f, const Json& e, const std::string& at, Event& out) {
    const Json* o = f.member(e, "origin");
    if (!o) return;
    const std::string here = at + "/origin";
    if (!f.expect_object(*o, here, "origin")) return;
    f.reject_unknown(*o, here, {"format", "file", "line", "row"});
    out.origin_file = f.text(*o, here, "file", false);
    out.origin_row = f.text(*o, here, "row", false);
    if (const Json* l = f.member(*o, "line")) {
      if (!l->is_number_unsigned()) {
        f.report(here + "/line", "type.number", "line must be a whole number");
      } else {
        out.origin_line = static_cast<std::int64_t>(std::min<unsigned long long>(l->get<unsigned long long>(), INT64_MAX));
      }
    }
  }

  std::string file_;
  const Agreement* agreement_;
  std::vector<Issue>& issues_;
  Fields errors_;
  std::unordered_set<std::string> ids_;
  std::optional<Zone> zone_;
  std::optional<int> time_offset_;  // the offset the event's `time` was written in, once read
  int offset_ = 0;
  std::vector<std::string> unknown_types_;
  std::string unknown_pointer_;
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
  f.reject_unknown(root, "", {"format", "version", "title", "description", "synthetic", "events", "note", "sources", "import"});
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
