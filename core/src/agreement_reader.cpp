// Reads an agreement document (docs/format.md): the parts every obligation shares here, each kind's own
// parameters through the kind table (kinds/registry.cpp), so that a new kind needs no edit in this file.
#include <algorithm>
#include <set>

#include "fields.hpp"
#include "json_reader.hpp"
#include "kinds/kind.hpp"
#include "params.hpp"
#include "pactcheck/readers.hpp"
#include "sha256.hpp"

namespace pactcheck {
namespace {

constexpr const char* kPartyRoles[] = {"party", "guarantor", "mediator", "other"};
constexpr const char* kMonitorKinds[] = {"monitor", "investigator", "court", "commission"};
constexpr const char* kExceptionKinds[] = {"self_defence", "authorisation", "third_party_obstruction", "force_majeure",
                                           "counter_breach"};

bool one_of(const std::string& s, const char* const* begin, const char* const* end) {
  return std::any_of(begin, end, [&](const char* c) { return s == c; });
}

class AgreementReader {
 public:
  AgreementReader(const std::string& file, std::vector<Issue>& issues) : issues_(issues), f_(file, issues) {}

  std::unique_ptr<Agreement> read(const Json& root) {
    auto agreement = std::make_unique<Agreement>();
    a_ = agreement.get();
    const std::size_t issues_before = issues_.size();
    if (!f_.expect_object(root, "", "an agreement document")) return nullptr;
    const std::string format = f_.text(root, "", "format", true);
    if (!format.empty() && format != "pactcheck/agreement") {
      f_.report("/format", "format.tag", "expected format \"pactcheck/agreement\", found \"" + format + "\"");
      return nullptr;
    }
    if (const Json* v = f_.require(root, "", "version")) {
      if (!v->is_number_integer() || v->get<long long>() != 1) {
        f_.report("/version", "format.version", "this pactcheck reads agreement format version 1 only");
        return nullptr;
      }
    }
    f_.reject_unknown(root, "", {"format", "version", "id", "title", "signed", "local_offset", "zone", "text_note", "note",
                                 "parties", "monitors", "actors", "responsibility", "instruments", "vocabulary", "areas",
                                 "lines", "obligations", "evidence_standard"});
    a_->id = f_.id(root, "", "id", true);
    a_->title = f_.text(root, "", "title", true);
    a_->signed_date = f_.text(root, "", "signed", false);
    if (!a_->signed_date.empty()) f_.date(root["signed"], "/signed");
    a_->text_note = f_.text(root, "", "text_note", false);
    read_zone(root);
    read_entities(root);
    read_actors(root);
    read_instruments(root);
    read_vocabulary(root);
    read_shapes(root);
    a_->standard = read_standard(root, "", EvidenceStandard{});
    read_obligations(root);
    read_responsibility(root);
    if (has_errors_since(issues_before)) return nullptr;
    a_->canonical_digest = sha256_hex(root.dump());
    return agreement;
  }

 private:
  bool has_errors_since(std::size_t since) const {
    for (std::size_t i = since; i < issues_.size(); ++i) {
      if (issues_[i].severity == Severity::kError) return true;
    }
    return false;
  }

  void unique(std::set<std::string>& seen, const std::string& id, const std::string& pointer, const char* what) {
    if (id.empty()) return;
    if (!seen.insert(id).second) f_.report(pointer + "/id", "ref.duplicate", std::string("duplicate ") + what + " id \"" + id + "\"");
  }

  void read_zone(const Json& root) {
    const Json* offset = f_.member(root, "local_offset");
    const Json* zone = f_.member(root, "zone");
    if (!offset && !zone) {
      f_.report("", "field.missing", "missing required field \"zone\" (an IANA zone such as \"Asia/Baku\") or \"local_offset\"");
      return;
    }
    if (offset && zone) {
      f_.report("/zone", "field.conflict", "give \"zone\" or \"local_offset\", not both");
      return;
    }
    if (offset) {
      if (auto off = f_.offset(*offset, "/local_offset")) a_->zone = Zone::fixed(*off);
      return;
    }
    if (auto s = f_.string_at(*zone, "/zone")) {
      std::string why;
      if (auto z = parse_zone(*s, &why)) {
        a_->zone = *z;
      } else {
        f_.report("/zone", "time.zone", "\"" + *s + "\" is not a time zone: " + why);
      }
    }
  }

  void read_entities(const Json& root) {
    std::set<std::string> seen;
    f_.each_object(root, "", "parties", true, "a party", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"id", "name", "role", "note"});
      Entity party{f_.id(p, at, "id", true), f_.text(p, at, "name", true), f_.text(p, at, "role", false), false};
      if (party.role.empty()) party.role = "party";
      if (!one_of(party.role, std::begin(kPartyRoles), std::end(kPartyRoles))) {
        f_.report(at + "/role", "field.enum", "role must be party, guarantor, mediator or other");
      }
      unique(seen, party.id, at, "party");
      a_->entities.push_back(std::move(party));
    });
    a_->party_count = a_->entities.size();
    if (a_->party_count == 0) f_.report("/parties", "field.empty", "an agreement needs at least one party");
    f_.each_object(root, "", "monitors", false, "a monitor", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"id", "name", "kind", "note"});
      Entity monitor{f_.id(p, at, "id", true), f_.text(p, at, "name", true), f_.text(p, at, "kind", false), true};
      if (monitor.role.empty()) monitor.role = "monitor";
      if (!one_of(monitor.role, std::begin(kMonitorKinds), std::end(kMonitorKinds))) {
        f_.report(at + "/kind", "field.enum", "kind must be monitor, investigator, court or commission");
      }
      unique(seen, monitor.id, at, "party or monitor");
      a_->entities.push_back(std::move(monitor));
    });
    if (a_->entities.size() >= kNobody) f_.report("/parties", "limit.entities", "more than 65534 parties and monitors");
  }

  void read_actors(const Json& root) {
    f_.each_object(root, "", "actors", false, "an actor mapping", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"name", "party", "non_party", "note"});
      const std::string name = f_.text(p, at, "name", true);
      const bool non_party = f_.boolean(p, at, "non_party").value_or(false);
      if (non_party) {
        if (f_.member(p, "party")) f_.report(at + "/party", "field.conflict", "an actor is either a party's or non_party");
        if (!name.empty()) a_->non_party_actors.push_back(name);
        return;
      }
      const std::string party = f_.id(p, at, "party", true);
      const auto who = party.empty() ? std::nullopt : a_->find_party(party);
      if (!party.empty() && !who) f_.report(at + "/party", "ref.party", "undefined party \"" + party + "\"");
      if (!name.empty() && who && !a_->actor_names.emplace(name, *who).second) {
        f_.report(at + "/name", "ref.duplicate", "actor \"" + name + "\" is mapped twice");
      }
    });
  }

  void read_instruments(const Json& root) {
    std::set<std::string> seen;
    f_.each_object(root, "", "instruments", true, "an instrument", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"id", "title", "date", "sources", "note"});
      Instrument inst;
      inst.id = f_.id(p, at, "id", true);
      inst.title = f_.text(p, at, "title", true);
      if (const Json* d = f_.require(p, at, "date")) {
        if (auto date = f_.date(*d, at + "/date")) inst.date = *date;
      }
      inst.sources = f_.sources(p, at);
      unique(seen, inst.id, at, "instrument");
      a_->instruments.push_back(std::move(inst));
    });
    if (a_->instruments.empty()) f_.report("/instruments", "field.empty", "an agreement needs at least one instrument");
  }

  void read_vocabulary(const Json& root) {
    const Json* vocab = f_.require(root, "", "vocabulary");
    if (!vocab || !f_.expect_object(*vocab, "/vocabulary", "the vocabulary")) return;
    f_.reject_unknown(*vocab, "/vocabulary", {"event_types", "subjects", "quantity_categories", "grades", "note"});
    std::set<std::string> types, subjects, categories, grades;
    f_.each_object(*vocab, "/vocabulary", "event_types", true, "an event type", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"id", "description"});
      const std::string id = f_.id(p, at, "id", true);
      unique(types, id, at, "event type");
      if (!id.empty()) a_->event_types.push_back(id);
    });
    if (a_->event_types.size() >= 0xFFFF) f_.report("/vocabulary/event_types", "limit.types", "more than 65534 event types");
    f_.each_object(*vocab, "/vocabulary", "subjects", false, "a subject", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"id", "description"});
      const std::string id = f_.id(p, at, "id", true);
      unique(subjects, id, at, "subject");
      if (!id.empty()) a_->subjects.push_back(id);
    });
    f_.each_object(*vocab, "/vocabulary", "quantity_categories", false, "a quantity category", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"id", "unit", "description"});
      unique(categories, f_.id(p, at, "id", true), at, "quantity category");
    });
    f_.each_object(*vocab, "/vocabulary", "grades", false, "a grade", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"id", "description"});
      const std::string id = f_.id(p, at, "id", true);
      unique(grades, id, at, "grade");
      if (!id.empty()) a_->grades.push_back(id);
    });
  }

  bool position(const Json& value, const std::string& at, LonLat& out) {
    if (!value.is_array() || value.size() < 2 || value.size() > 3 || !value[0].is_number() || !value[1].is_number()) {
      f_.report(at, "geo.position", "a position must be [longitude, latitude] in degrees");
      return false;
    }
    out.lon = value[0].get<double>();
    out.lat = value[1].get<double>();
    if (out.lon < -180 || out.lon > 180) {
      f_.report(at + "/0", "geo.range", "longitude must be within [-180, 180]");
      return false;
    }
    if (out.lat < -90 || out.lat > 90) {
      f_.report(at + "/1", "geo.range", "latitude must be within [-90, 90]");
      return false;
    }
    return true;
  }

  bool positions(const Json& value, const std::string& at, std::vector<LonLat>& out) {
    if (!value.is_array()) {
      f_.report(at, "geo.coordinates", "expected an array of positions");
      return false;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      LonLat p;
      if (!position(value[i], pointer_join(at, i), p)) return false;
      out.push_back(p);
    }
    return true;
  }

  bool polygon(const Json& value, const std::string& at, PolygonRings& out) {
    if (!value.is_array() || value.empty()) {
      f_.report(at, "geo.coordinates", "a polygon is an array of rings");
      return false;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      Ring ring;
      if (!positions(value[i], pointer_join(at, i), ring)) return false;
      out.push_back(std::move(ring));
    }
    return true;
  }

  const Json* geometry(const Json& p, const std::string& at, std::string& type) {
    const Json* g = f_.require(p, at, "geometry");
    if (!g || !f_.expect_object(*g, at + "/geometry", "a GeoJSON geometry")) return nullptr;
    f_.reject_unknown(*g, at + "/geometry", {"type", "coordinates"});
    type = f_.text(*g, at + "/geometry", "type", true);
    return f_.require(*g, at + "/geometry", "coordinates");
  }

  // A MultiX is an array of X; `one` reads one X into the next element of `out`.
  template <typename Part, typename ReadOne>
  bool single_or_multi(const Json& c, const std::string& cat, const std::string& type, const char* single,
                       const char* multi, std::vector<Part>& out, ReadOne&& one) {
    if (type == single) {
      out.emplace_back();
      return one(c, cat, out.back());
    }
    if (type == multi) {
      if (!c.is_array()) {
        f_.report(cat, "geo.coordinates", std::string("a ") + multi + " is an array");
        return false;
      }
      for (std::size_t i = 0; i < c.size(); ++i) {
        out.emplace_back();
        if (!one(c[i], pointer_join(cat, i), out.back())) return false;
      }
      return true;
    }
    return false;
  }

  void read_shapes(const Json& root) {
    std::set<std::string> seen;
    f_.each_object(root, "", "areas", false, "an area", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"id", "name", "approximate", "note", "geometry"});
      NamedArea area{f_.id(p, at, "id", true), f_.text(p, at, "name", true), f_.text(p, at, "note", false),
                     f_.boolean(p, at, "approximate").value_or(false), nullptr};
      unique(seen, area.id, at, "area or line");
      std::string type;
      if (const Json* c = geometry(p, at, type)) {
        const std::string cat = at + "/geometry/coordinates";
        std::vector<PolygonRings> polygons;
        const bool ok = single_or_multi(*c, cat, type, "Polygon", "MultiPolygon", polygons,
                                        [&](const Json& j, const std::string& w, PolygonRings& o) { return polygon(j, w, o); });
        if (!ok && type != "Polygon" && type != "MultiPolygon") {
          f_.report(at + "/geometry/type", "geo.type", "an area's geometry must be a Polygon or MultiPolygon");
        }
        if (ok) {
          std::string why;
          area.shape = AreaShape::build(polygons, why);
          if (!area.shape) f_.report(cat, "geo.invalid", why);
        }
      }
      a_->areas.push_back(std::move(area));  // kept even when invalid, so that references to it do not cascade
    });
    f_.each_object(root, "", "lines", false, "a line", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"id", "name", "approximate", "note", "geometry"});
      NamedLine line{f_.id(p, at, "id", true), f_.text(p, at, "name", true), f_.text(p, at, "note", false),
                     f_.boolean(p, at, "approximate").value_or(false), nullptr};
      unique(seen, line.id, at, "area or line");
      std::string type;
      if (const Json* c = geometry(p, at, type)) {
        const std::string cat = at + "/geometry/coordinates";
        std::vector<std::vector<LonLat>> parts;
        const bool ok = single_or_multi(*c, cat, type, "LineString", "MultiLineString", parts,
                                        [&](const Json& j, const std::string& w, std::vector<LonLat>& o) { return positions(j, w, o); });
        if (!ok && type != "LineString" && type != "MultiLineString") {
          f_.report(at + "/geometry/type", "geo.type", "a line's geometry must be a LineString or MultiLineString");
        }
        if (ok) {
          std::string why;
          line.shape = LineShape::build(parts, why);
          if (!line.shape) f_.report(cat, "geo.invalid", why);
        }
      }
      a_->lines.push_back(std::move(line));
    });
  }

  EvidenceStandard read_standard(const Json& parent, const std::string& at, EvidenceStandard fallback) {
    const Json* s = f_.member(parent, "evidence_standard");
    if (!s) return fallback;
    const std::string here = pointer_join(at, "evidence_standard");
    if (!f_.expect_object(*s, here, "an evidence standard")) return fallback;
    f_.reject_unknown(*s, here, {"violation", "completion", "note"});
    auto level = [&](const char* key, Standard def) {
      const std::string v = f_.text(*s, here, key, false);
      if (v.empty()) return def;
      if (v == "any_report") return Standard::kAnyReport;
      if (v == "uncontested") return Standard::kUncontested;
      if (v == "confirmed") return Standard::kConfirmed;
      f_.report(pointer_join(here, key), "field.enum", std::string(key) + " must be any_report, uncontested or confirmed");
      return def;
    };
    return EvidenceStandard{level("violation", fallback.violation), level("completion", fallback.completion)};
  }

  void read_responsibility(const Json& root) {
    std::set<std::string> seen;
    f_.each_object(root, "", "responsibility", false, "a responsibility rule", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"id", "bearer", "answers_for", "basis", "within_areas", "obligations", "text", "note"});
      ResponsibilityRule rule;
      rule.id = f_.id(p, at, "id", true);
      unique(seen, rule.id, at, "responsibility rule");
      rule.text = f_.text(p, at, "text", true);
      rule.basis = f_.text(p, at, "basis", true);
      if (!rule.basis.empty() && rule.basis != "controls" && rule.basis != "backs" && rule.basis != "territory" &&
          rule.basis != "other") {
        f_.report(at + "/basis", "field.enum", "basis must be controls, backs, territory or other");
      }
      Obligation none;
      ParamReader r(f_, *a_, p, at, none);
      if (auto b = r.party_at(p, at, "bearer", true)) rule.bearer = *b;
      rule.answers_for = r.parties_at(p, at, "answers_for", false);
      rule.within_areas = r.areas_at(p, at, "within_areas", false);
      if (rule.answers_for.empty() && rule.basis != "territory") {
        f_.report(at + "/answers_for", "field.missing", "a rule needs answers_for, unless its basis is territory");
      }
      if (rule.basis == "territory" && rule.within_areas.empty()) {
        f_.report(at + "/within_areas", "field.missing", "a territory rule names the areas it covers");
      }
      for (const std::string& id : f_.string_list(p, at, "obligations", false)) {
        const int idx = a_->obligation_index(id);
        if (idx < 0) {
          f_.report(at + "/obligations", "ref.obligation", "undefined obligation \"" + id + "\"");
        } else {
          rule.obligations.push_back(static_cast<std::size_t>(idx));
        }
      }
      if (std::find(rule.answers_for.begin(), rule.answers_for.end(), rule.bearer) != rule.answers_for.end()) {
        f_.report(at + "/answers_for", "field.conflict", "a bearer answers for its own acts already");
      }
      a_->responsibility.push_back(std::move(rule));
    });
  }

  void read_obligations(const Json& root) {
    // First pass: ids, so that obligations may refer to ones defined later.
    std::set<std::string> seen;
    f_.each_object(root, "", "obligations", true, "an obligation", [&](const Json& p, const std::string& at) {
      Obligation o;
      o.id = f_.id(p, at, "id", true);
      unique(seen, o.id, at, "obligation");
      a_->obligations.push_back(std::move(o));
      pointers_.push_back(at);
    });
    if (a_->obligations.empty()) {
      f_.report("/obligations", "field.empty", "an agreement needs at least one obligation");
      return;
    }
    std::size_t index = 0;
    f_.each_object(root, "", "obligations", true, "an obligation", [&](const Json& p, const std::string& at) {
      read_obligation(p, at, a_->obligations[index++]);
    });
    check_cycles();
  }

  void read_obligation(const Json& p, const std::string& at, Obligation& o) {
    f_.reject_unknown(p, at, {"id", "instrument", "point", "title", "text", "bearers", "beneficiaries", "kind", "params",
                              "note", "readings", "applies_if", "exceptions", "evidence_standard", "counts_grades",
                              "unilateral_suspension"});
    o.instrument = f_.id(p, at, "instrument", true);
    for (std::size_t i = 0; i < a_->instruments.size(); ++i) {
      if (a_->instruments[i].id == o.instrument) o.instrument_index = i;
    }
    if (!o.instrument.empty() &&
        std::none_of(a_->instruments.begin(), a_->instruments.end(), [&](const Instrument& i) { return i.id == o.instrument; })) {
      f_.report(at + "/instrument", "ref.instrument", "undefined instrument \"" + o.instrument + "\"");
    }
    o.point = f_.text(p, at, "point", true);
    o.title = f_.text(p, at, "title", false);
    o.text = f_.text(p, at, "text", true);
    o.note = f_.text(p, at, "note", false);
    ParamReader common(f_, *a_, p, at, o);
    o.bearers = common.parties("bearers", true);
    if (f_.member(p, "bearers") && f_.member(p, "bearers")->is_array() && f_.member(p, "bearers")->empty()) {
      f_.report(at + "/bearers", "field.empty", "an obligation needs at least one bearer");
    }
    o.beneficiaries = common.parties("beneficiaries", false);
    o.standard = read_standard(p, at, a_->standard);
    if (auto c = common.condition("applies_if", false)) o.applies_if = *c;
    read_exceptions(p, at, o, common);
    o.counts_grades = f_.string_list(p, at, "counts_grades", false);
    for (std::size_t i = 0; i < o.counts_grades.size(); ++i) {
      if (std::find(a_->grades.begin(), a_->grades.end(), o.counts_grades[i]) == a_->grades.end()) {
        f_.report(pointer_join(at + "/counts_grades", i), "ref.grade", "grade \"" + o.counts_grades[i] + "\" is not in the vocabulary");
      }
    }
    const std::string us = f_.text(p, at, "unilateral_suspension", false);
    if (us == "allowed") {
      o.unilateral_suspension_allowed = true;
    } else if (!us.empty() && us != "not_allowed") {
      f_.report(at + "/unilateral_suspension", "field.enum", "unilateral_suspension must be allowed or not_allowed");
    }
    o.kind_text = f_.text(p, at, "kind", true);
    const Json* params = f_.require(p, at, "params");
    const std::string pat = at + "/params";
    if (!params || !f_.expect_object(*params, pat, "params")) return;
    o.kind = find_kind(o.kind_text);
    if (!o.kind) {
      if (!o.kind_text.empty()) f_.report(at + "/kind", "kind.unknown", "unknown obligation kind \"" + o.kind_text + "\"");
      return;
    }
    {
      ParamReader r(f_, *a_, *params, pat, o);
      o.readings.push_back(Reading{"as-written", "as written", o.kind->read(r)});
    }
    f_.each_object(p, at, "readings", false, "a reading", [&](const Json& rd, const std::string& rat) {
      f_.reject_unknown(rd, rat, {"id", "label", "set", "note"});
      Reading reading;
      reading.id = f_.id(rd, rat, "id", true);
      reading.label = f_.text(rd, rat, "label", true);
      const Json* set = f_.require(rd, rat, "set");
      if (!set || !f_.expect_object(*set, rat + "/set", "the parameters this reading sets")) return;
      Json merged = *params;
      for (auto it = set->begin(); it != set->end(); ++it) merged[it.key()] = *it;
      // Issues point into the reading's own "set" for the members it sets, and into params for the rest.
      const std::size_t before = issues_.size();
      ParamReader r(f_, *a_, merged, pat, o);
      reading.clause = o.kind->read(r);
      for (std::size_t i = before; i < issues_.size(); ++i) {
        for (auto it = set->begin(); it != set->end(); ++it) {
          const std::string from = pointer_join(pat, it.key());
          if (issues_[i].pointer.rfind(from, 0) == 0) issues_[i].pointer = rat + "/set" + issues_[i].pointer.substr(pat.size());
        }
      }
      if (reading.id == "as-written") f_.report(rat + "/id", "ref.duplicate", "\"as-written\" is the clause as written");
      o.readings.push_back(std::move(reading));
    });
  }

  void read_exceptions(const Json& p, const std::string& at, Obligation& o, ParamReader& r) {
    std::set<std::string> seen;
    f_.each_object(p, at, "exceptions", false, "an exception", [&](const Json& x, const std::string& xat) {
      f_.reject_unknown(x, xat, {"id", "kind", "text", "authorised_by", "breach_of", "note"});
      ExceptionSpec e;
      e.id = f_.id(x, xat, "id", true);
      unique(seen, e.id, xat, "exception");
      e.kind = f_.text(x, xat, "kind", true);
      if (!e.kind.empty() && !one_of(e.kind, std::begin(kExceptionKinds), std::end(kExceptionKinds))) {
        f_.report(xat + "/kind", "field.enum",
                  "kind must be self_defence, authorisation, third_party_obstruction, force_majeure or counter_breach");
      }
      e.text = f_.text(x, xat, "text", true);
      e.authorised_by = r.monitors_at(x, xat, "authorised_by");
      if (e.kind == "authorisation" && e.authorised_by.empty()) {
        f_.report(xat + "/authorised_by", "field.missing", "an authorisation exception names the bodies that authorise");
      }
      for (const std::string& id : f_.string_list(x, xat, "breach_of", false)) {
        if (auto idx = r.obligation_at(id, xat + "/breach_of")) e.breach_of.push_back(*idx);
      }
      o.exceptions.push_back(std::move(e));
    });
  }

  // The obligations an obligation waits for, each with the JSON Pointer (below the obligation) of the reference.
  std::vector<std::pair<std::size_t, std::string>> anchors(const Obligation& o) const {
    std::vector<std::pair<std::size_t, std::string>> out;
    auto add = [&](const Condition& c, const std::string& where) {
      std::vector<std::size_t> list;
      condition_anchors(c, list);
      for (std::size_t i : list) out.push_back({i, where});
    };
    if (o.applies_if) add(*o.applies_if, "/applies_if");
    for (const Reading& r : o.readings) {
      if (!r.clause) continue;
      add(r.clause->window.from, "/params/from");
      add(r.clause->window.until, "/params/until");
      if (r.clause->trigger) add(*r.clause->trigger, "/params/trigger");
      for (const auto& [c, where] : r.clause->extra_conditions) add(*c, "/params" + where);
    }
    return out;
  }

  // Conditions on other obligations must not form a cycle.
  void check_cycles() {
    const std::size_t n = a_->obligations.size();
    std::vector<int> state(n, 0);  // 0 unvisited, 1 on stack, 2 done
    for (std::size_t start = 0; start < n; ++start) {
      if (state[start] != 0) continue;
      std::vector<std::pair<std::size_t, std::size_t>> stack{{start, 0}};
      while (!stack.empty()) {
        auto& [node, step] = stack.back();
        if (step == 0) state[node] = 1;
        const auto next = anchors(a_->obligations[node]);
        if (step < next.size()) {
          const auto [to, field] = next[step++];
          if (state[to] == 1) {
            std::string chain;
            bool on = false;
            for (const auto& frame : stack) {
              on = on || frame.first == to;
              if (on) chain += "\"" + a_->obligations[frame.first].id + (chain.empty() ? "\" waits for " : "\", which waits for ");
            }
            chain += "\"" + a_->obligations[to].id + "\"";
            f_.report(pointers_[node] + field, "ref.cycle",
                      to == node ? "obligation \"" + a_->obligations[to].id + "\" waits for itself"
                                 : "conditions on other obligations form a cycle: " + chain);
            return;
          }
          if (state[to] == 0) stack.push_back({to, 0});
        } else {
          state[node] = 2;
          stack.pop_back();
        }
      }
    }
  }

  std::vector<Issue>& issues_;
  Fields f_;
  Agreement* a_ = nullptr;
  std::vector<std::string> pointers_;  // JSON Pointer of each entry of a_->obligations
};

}  // namespace

std::unique_ptr<Agreement> read_agreement(std::string_view text, const std::string& file, const Limits& limits,
                                          std::vector<Issue>& issues) {
  Json root;
  JsonReadOptions options;
  options.file = file;
  options.limits = limits;
  if (!read_json(text, options, root, issues)) return nullptr;
  return AgreementReader(file, issues).read(root);
}

}  // namespace pactcheck
