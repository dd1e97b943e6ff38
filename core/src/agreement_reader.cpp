#include <algorithm>
#include <set>

#include "fields.hpp"
#include "json_reader.hpp"
#include "pactcheck/readers.hpp"
#include "sha256.hpp"

namespace pactcheck {
namespace {

constexpr const char* kNotEvaluatedKinds[] = {"keep_distance", "rate", "staged_count", "reciprocal", "ordering",
                                              "continuing_activity"};

struct KindName {
  const char* name;
  Kind kind;
};
constexpr KindName kKinds[] = {
    {"prohibition", Kind::kProhibition}, {"hold_positions", Kind::kHoldPositions},
    {"act_by_deadline", Kind::kActByDeadline}, {"quantity_cap", Kind::kQuantityCap},
    {"exchange", Kind::kExchange}, {"term", Kind::kTerm}, {"qualitative", Kind::kQualitative},
};

class AgreementReader {
 public:
  AgreementReader(const std::string& file, std::vector<Issue>& issues) : issues_(issues), f_(file, issues) {}

  bool has_new_errors(std::size_t since) const {
    for (std::size_t i = since; i < issues_.size(); ++i) {
      if (issues_[i].severity == Severity::kError) return true;
    }
    return false;
  }

  std::unique_ptr<Agreement> read(const Json& root) {
    auto agreement = std::make_unique<Agreement>();
    a_ = agreement.get();
    const std::size_t issues_before = f_.issue_count();
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
    f_.reject_unknown(root, "", {"format", "version", "id", "title", "signed", "local_offset", "text_note", "note",
                                 "parties", "monitors", "actors", "instruments", "vocabulary", "areas", "lines",
                                 "obligations"});
    a_->id = f_.id(root, "", "id", true);
    a_->title = f_.text(root, "", "title", true);
    a_->signed_date = f_.text(root, "", "signed", false);
    if (!a_->signed_date.empty()) f_.date(root["signed"], "/signed");
    a_->text_note = f_.text(root, "", "text_note", false);
    if (const Json* v = f_.require(root, "", "local_offset")) {
      if (auto off = f_.offset(*v, "/local_offset")) a_->local_offset_minutes = *off;
    }
    read_parties(root);
    read_actors(root);
    read_instruments(root);
    read_vocabulary(root);
    read_shapes(root);
    read_obligations(root);
    if (has_new_errors(issues_before)) return nullptr;
    a_->canonical_digest = sha256_hex(root.dump());
    return agreement;
  }

 private:
  void unique(std::set<std::string>& seen, const std::string& id, const std::string& pointer, const char* what) {
    if (id.empty()) return;
    if (!seen.insert(id).second) f_.report(pointer + "/id", "ref.duplicate", std::string("duplicate ") + what + " id \"" + id + "\"");
  }

  void read_parties(const Json& root) {
    std::set<std::string> seen;
    f_.each_object(root, "", "parties", true, "a party", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"id", "name", "role", "note"});
      Party party{f_.id(p, at, "id", true), f_.text(p, at, "name", true), f_.text(p, at, "role", false)};
      if (party.role.empty()) party.role = "party";
      if (party.role != "party" && party.role != "guarantor" && party.role != "mediator" && party.role != "other") {
        f_.report(at + "/role", "field.enum", "role must be party, guarantor, mediator or other");
      }
      unique(seen, party.id, at, "party");
      a_->parties.push_back(std::move(party));
    });
    if (a_->parties.empty()) f_.report("/parties", "field.empty", "an agreement needs at least one party");
    f_.each_object(root, "", "monitors", false, "a monitor", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"id", "name", "note"});
      Party monitor{f_.id(p, at, "id", true), f_.text(p, at, "name", true), "monitor"};
      unique(seen, monitor.id, at, "party or monitor");
      a_->monitors.push_back(std::move(monitor));
    });
  }

  void read_actors(const Json& root) {
    f_.each_object(root, "", "actors", false, "an actor mapping", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"name", "party", "note"});
      const std::string name = f_.text(p, at, "name", true);
      const std::string party = f_.id(p, at, "party", true);
      if (!party.empty() && !a_->has_party(party)) {
        f_.report(at + "/party", "ref.party", "undefined party \"" + party + "\"");
      }
      if (!name.empty() && !a_->actor_parties.emplace(name, party).second) {
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
    event_types_readable_ = vocab && vocab->is_object() && vocab->contains("event_types") && (*vocab)["event_types"].is_array();
    if (!vocab || !f_.expect_object(*vocab, "/vocabulary", "the vocabulary")) return;
    f_.reject_unknown(*vocab, "/vocabulary", {"event_types", "subjects", "quantity_categories", "note"});
    std::set<std::string> types, subjects, categories;
    f_.each_object(*vocab, "/vocabulary", "event_types", true, "an event type", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"id", "description"});
      const std::string id = f_.id(p, at, "id", true);
      unique(types, id, at, "event type");
      if (!id.empty()) a_->event_types.push_back(id);
    });
    f_.each_object(*vocab, "/vocabulary", "subjects", false, "a subject", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"id", "description"});
      const std::string id = f_.id(p, at, "id", true);
      unique(subjects, id, at, "subject");
      if (!id.empty()) a_->subjects.push_back(id);
    });
    f_.each_object(*vocab, "/vocabulary", "quantity_categories", false, "a quantity category",
                [&](const Json& p, const std::string& at) {
                  f_.reject_unknown(p, at, {"id", "unit", "description"});
                  unique(categories, f_.id(p, at, "id", true), at, "quantity category");
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
    const Json* c = f_.require(*g, at + "/geometry", "coordinates");
    return c;
  }

  void read_shapes(const Json& root) {
    std::set<std::string> seen;
    f_.each_object(root, "", "areas", false, "an area", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"id", "name", "approximate", "note", "geometry"});
      NamedShapeArea area;
      area.id = f_.id(p, at, "id", true);
      area.name = f_.text(p, at, "name", true);
      area.note = f_.text(p, at, "note", false);
      area.approximate = f_.boolean(p, at, "approximate").value_or(false);
      unique(seen, area.id, at, "area or line");
      std::string type;
      const Json* c = geometry(p, at, type);
      if (!c) return;
      const std::string cat = at + "/geometry/coordinates";
      std::vector<PolygonRings> polygons;
      bool ok = false;
      if (type == "Polygon") {
        polygons.emplace_back();
        ok = polygon(*c, cat, polygons.back());
      } else if (type == "MultiPolygon") {
        ok = c->is_array();
        if (!ok) f_.report(cat, "geo.coordinates", "a MultiPolygon is an array of polygons");
        for (std::size_t i = 0; ok && i < c->size(); ++i) {
          polygons.emplace_back();
          ok = polygon((*c)[i], pointer_join(cat, i), polygons.back());
        }
      } else {
        f_.report(at + "/geometry/type", "geo.type", "an area's geometry must be a Polygon or MultiPolygon");
      }
      if (ok) {
        std::string why;
        area.shape = AreaShape::build(polygons, why);
        if (!area.shape) f_.report(cat, "geo.invalid", why);
      }
      // Kept even when invalid (the document is refused anyway), so that references to it do not cascade.
      a_->areas.push_back(std::move(area));
    });
    f_.each_object(root, "", "lines", false, "a line", [&](const Json& p, const std::string& at) {
      f_.reject_unknown(p, at, {"id", "name", "approximate", "note", "geometry"});
      NamedShapeLine line;
      line.id = f_.id(p, at, "id", true);
      line.name = f_.text(p, at, "name", true);
      line.note = f_.text(p, at, "note", false);
      line.approximate = f_.boolean(p, at, "approximate").value_or(false);
      unique(seen, line.id, at, "area or line");
      std::string type;
      const Json* c = geometry(p, at, type);
      if (!c) return;
      const std::string cat = at + "/geometry/coordinates";
      std::vector<std::vector<LonLat>> parts;
      bool ok = false;
      if (type == "LineString") {
        parts.emplace_back();
        ok = positions(*c, cat, parts.back());
      } else if (type == "MultiLineString") {
        ok = c->is_array();
        if (!ok) f_.report(cat, "geo.coordinates", "a MultiLineString is an array of lines");
        for (std::size_t i = 0; ok && i < c->size(); ++i) {
          parts.emplace_back();
          ok = positions((*c)[i], pointer_join(cat, i), parts.back());
        }
      } else {
        f_.report(at + "/geometry/type", "geo.type", "a line's geometry must be a LineString or MultiLineString");
      }
      if (ok) {
        std::string why;
        line.shape = LineShape::build(parts, why);
        if (!line.shape) f_.report(cat, "geo.invalid", why);
      }
      a_->lines.push_back(std::move(line));
    });
  }

  int area_index(const std::string& id) const {
    for (std::size_t i = 0; i < a_->areas.size(); ++i) {
      if (a_->areas[i].id == id) return static_cast<int>(i);
    }
    return -1;
  }
  int line_index(const std::string& id) const {
    for (std::size_t i = 0; i < a_->lines.size(); ++i) {
      if (a_->lines[i].id == id) return static_cast<int>(i);
    }
    return -1;
  }

  void check_party(const std::string& id, const std::string& at) {
    if (!id.empty() && !a_->has_party(id)) f_.report(at, "ref.party", "undefined party \"" + id + "\"");
  }

  void check_types(const std::vector<std::string>& types, const std::string& at) {
    if (!event_types_readable_) return;  // already reported at /vocabulary/event_types; do not cascade
    for (std::size_t i = 0; i < types.size(); ++i) {
      if (!a_->has_event_type(types[i])) {
        f_.report(pointer_join(at, i), "ref.event_type", "event type \"" + types[i] + "\" is not in the vocabulary");
      }
    }
  }

  std::vector<std::string> types(const Json& params, const std::string& at, const char* key, bool required) {
    auto list = f_.string_list(params, at, key, required);
    check_types(list, pointer_join(at, key));
    return list;
  }

  SpatialScope scope(const Json& params, const std::string& at) {
    SpatialScope out;
    const Json* s = f_.member(params, "scope");
    if (!s) return out;
    const std::string here = at + "/scope";
    if (!f_.expect_object(*s, here, "a scope")) return out;
    f_.reject_unknown(*s, here, {"within_areas", "within_km_of_lines"});
    const auto areas = f_.string_list(*s, here, "within_areas", false);
    for (std::size_t i = 0; i < areas.size(); ++i) {
      const int idx = area_index(areas[i]);
      if (idx < 0) {
        f_.report(pointer_join(here + "/within_areas", i), "ref.area", "undefined area \"" + areas[i] + "\"");
      } else {
        out.areas.push_back(static_cast<std::size_t>(idx));
      }
    }
    if (const Json* l = f_.member(*s, "within_km_of_lines")) {
      const std::string lat = here + "/within_km_of_lines";
      if (f_.expect_object(*l, lat, "within_km_of_lines")) {
        f_.reject_unknown(*l, lat, {"lines", "km"});
        const auto lines = f_.string_list(*l, lat, "lines", true);
        for (std::size_t i = 0; i < lines.size(); ++i) {
          const int idx = line_index(lines[i]);
          if (idx < 0) {
            f_.report(pointer_join(lat + "/lines", i), "ref.line", "undefined line \"" + lines[i] + "\"");
          } else {
            out.lines.push_back(static_cast<std::size_t>(idx));
          }
        }
        if (auto km = f_.number(*l, lat, "km", true)) {
          if (*km <= 0 || *km > 20000) f_.report(lat + "/km", "field.range", "km must be above 0 and at most 20000");
          out.km_of_lines = *km;
        }
      }
    }
    return out;
  }

  int obligation_ref(const std::string& id, const std::string& at) {
    const int idx = a_->obligation_index(id);
    if (idx < 0) f_.report(at, "ref.obligation", "undefined obligation \"" + id + "\"");
    return idx;
  }

  // An instant, {"date": ...} or {"after": "obligation"}.
  TimeRef time_ref(const Json& params, const std::string& at, const char* key, bool required) {
    TimeRef out;
    const Json* v = required ? f_.require(params, at, key) : f_.member(params, key);
    if (!v) return out;
    const std::string here = pointer_join(at, key);
    if (v->is_string()) {
      out.text = v->get<std::string>();
      if (auto i = f_.instant(*v, here)) {
        out.kind = TimeRef::Kind::kInstant;
        out.instant = *i;
      }
      return out;
    }
    if (!f_.expect_object(*v, here, "a time reference")) return out;
    f_.reject_unknown(*v, here, {"date", "utc_offset", "after"});
    if (const Json* d = f_.member(*v, "date")) {
      int offset = a_->local_offset_minutes;
      if (const Json* o = f_.member(*v, "utc_offset")) offset = f_.offset(*o, here + "/utc_offset").value_or(offset);
      if (auto date = f_.date(*d, here + "/date")) {
        out.kind = TimeRef::Kind::kInstant;
        out.instant = start_of_day(*date, offset);
        out.text = format_date(*date) + " (start of day, UTC" + format_offset(offset) + ")";
      }
    } else if (f_.member(*v, "after")) {
      const std::string id = f_.text(*v, here, "after", true);
      const int idx = obligation_ref(id, here + "/after");
      if (idx >= 0) {
        out.kind = TimeRef::Kind::kAfterObligation;
        out.obligation = static_cast<std::size_t>(idx);
        out.text = "completion of " + id;
      }
    } else {
      f_.report(here, "field.missing", "a time reference needs \"date\" or \"after\", or is an instant string");
    }
    return out;
  }

  DeadlineSpec deadline(const Json& params, const std::string& at, const char* key) {
    DeadlineSpec out;
    out.offset_minutes = a_->local_offset_minutes;
    const Json* v = f_.member(params, key);
    if (!v || v->is_null()) return out;
    const std::string here = pointer_join(at, key);
    if (!f_.expect_object(*v, here, "a deadline")) return out;
    f_.reject_unknown(*v, here, {"date", "instant", "utc_offset", "after", "after_instrument", "within", "note"});
    if (const Json* o = f_.member(*v, "utc_offset")) {
      out.offset_minutes = f_.offset(*o, here + "/utc_offset").value_or(out.offset_minutes);
    }
    const int forms = (f_.member(*v, "date") ? 1 : 0) + (f_.member(*v, "instant") ? 1 : 0) +
                      (f_.member(*v, "after") ? 1 : 0) + (f_.member(*v, "after_instrument") ? 1 : 0);
    if (forms != 1) {
      f_.report(here, "deadline.form", "a deadline needs exactly one of date, instant, after, after_instrument");
      return out;
    }
    if (const Json* d = f_.member(*v, "date")) {
      if (auto date = f_.date(*d, here + "/date")) {
        out.kind = DeadlineSpec::Kind::kDate;
        out.date = *date;
        out.text = format_date(*date);
      }
    } else if (const Json* i = f_.member(*v, "instant")) {
      if (auto inst = f_.instant(*i, here + "/instant")) {
        out.kind = DeadlineSpec::Kind::kInstant;
        out.instant = *inst;
        out.text = format_instant(*inst);
      }
    } else {
      const bool after_obligation = f_.member(*v, "after") != nullptr;
      const Json* w = f_.require(*v, here, "within");
      std::optional<Duration> within = w ? f_.duration(*w, here + "/within") : std::nullopt;
      const std::string ref = f_.text(*v, here, after_obligation ? "after" : "after_instrument", true);
      int idx = -1;
      if (after_obligation) {
        idx = obligation_ref(ref, here + "/after");
      } else {
        for (std::size_t k = 0; k < a_->instruments.size(); ++k) {
          if (a_->instruments[k].id == ref) idx = static_cast<int>(k);
        }
        if (idx < 0) f_.report(here + "/after_instrument", "ref.instrument", "undefined instrument \"" + ref + "\"");
      }
      if (idx >= 0 && within) {
        out.kind = after_obligation ? DeadlineSpec::Kind::kAfterObligation : DeadlineSpec::Kind::kAfterInstrument;
        out.anchor = static_cast<std::size_t>(idx);
        out.within = *within;
        out.text = describe(*within) + " after " + (after_obligation ? "completion of " : "instrument ") + ref;
      }
    }
    return out;
  }

  std::optional<EventMatch> match(const Json& params, const std::string& at, const char* key, bool required) {
    const Json* v = required ? f_.require(params, at, key) : f_.member(params, key);
    if (!v) return std::nullopt;
    const std::string here = pointer_join(at, key);
    if (!f_.expect_object(*v, here, "an event match")) return std::nullopt;
    f_.reject_unknown(*v, here, {"event_types", "subject", "by_bearer"});
    EventMatch m;
    m.event_types = types(*v, here, "event_types", true);
    m.subject = f_.text(*v, here, "subject", false);
    if (!m.subject.empty() && std::find(a_->subjects.begin(), a_->subjects.end(), m.subject) == a_->subjects.end()) {
      f_.report(here + "/subject", "ref.subject", "subject \"" + m.subject + "\" is not in the vocabulary");
    }
    m.by_bearer = f_.boolean(*v, here, "by_bearer").value_or(false);
    return m;
  }

  void read_obligations(const Json& root) {
    // First pass: ids, so that obligations may refer to ones defined later.
    std::set<std::string> seen;
    f_.each_object(root, "", "obligations", true, "an obligation", [&](const Json& p, const std::string& at) {
      Obligation o;
      o.id = f_.id(p, at, "id", true);
      unique(seen, o.id, at, "obligation");
      a_->obligations.push_back(std::move(o));
      obligation_pointers_.push_back(at);
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
    f_.reject_unknown(p, at, {"id", "instrument", "point", "text", "bearers", "beneficiaries", "kind", "params", "note"});
    o.instrument = f_.id(p, at, "instrument", true);
    bool found = false;
    for (std::size_t i = 0; i < a_->instruments.size(); ++i) {
      if (a_->instruments[i].id == o.instrument) {
        o.instrument_index = i;
        found = true;
      }
    }
    if (!o.instrument.empty() && !found) {
      f_.report(at + "/instrument", "ref.instrument", "undefined instrument \"" + o.instrument + "\"");
    }
    o.point = f_.text(p, at, "point", true);
    o.text = f_.text(p, at, "text", true);
    o.bearers = f_.string_list(p, at, "bearers", true);
    if (f_.member(p, "bearers") && f_.member(p, "bearers")->is_array() && o.bearers.empty()) f_.report(at + "/bearers", "field.empty", "an obligation needs at least one bearer");
    for (std::size_t i = 0; i < o.bearers.size(); ++i) check_party(o.bearers[i], pointer_join(at + "/bearers", i));
    o.beneficiaries = f_.string_list(p, at, "beneficiaries", false);
    for (std::size_t i = 0; i < o.beneficiaries.size(); ++i) {
      check_party(o.beneficiaries[i], pointer_join(at + "/beneficiaries", i));
    }
    o.kind_text = f_.text(p, at, "kind", true);
    const Json* params = f_.require(p, at, "params");
    const std::string pat = at + "/params";
    if (!params || !f_.expect_object(*params, pat, "params")) return;
    bool known = false;
    for (const auto& k : kKinds) {
      if (o.kind_text == k.name) {
        o.kind = k.kind;
        known = true;
      }
    }
    for (const char* k : kNotEvaluatedKinds) {
      if (o.kind_text == k) {
        o.kind = Kind::kNotEvaluated;
        o.reason = "kind \"" + o.kind_text + "\" is defined by format version 1 but not evaluated by this version of pactcheck";
        f_.report_as(Severity::kWarning, at + "/kind", "kind.not_evaluated", o.reason + "; its status will be undetermined");
        known = true;
      }
    }
    if (!known) {
      if (!o.kind_text.empty()) f_.report(at + "/kind", "kind.unknown", "unknown obligation kind \"" + o.kind_text + "\"");
      return;
    }
    switch (o.kind) {
      case Kind::kProhibition:
        f_.reject_unknown(*params, pat, {"from", "until", "event_types", "scope"});
        o.from = time_ref(*params, pat, "from", true);
        o.until = time_ref(*params, pat, "until", false);
        o.event_types = types(*params, pat, "event_types", true);
        o.scope = scope(*params, pat);
        break;
      case Kind::kHoldPositions: {
        f_.reject_unknown(*params, pat, {"from", "event_types", "positions", "scope"});
        o.from = time_ref(*params, pat, "from", true);
        o.event_types = types(*params, pat, "event_types", true);
        o.scope = scope(*params, pat);
        const Json* pos = f_.require(*params, pat, "positions");
        if (pos && f_.expect_object(*pos, pat + "/positions", "positions")) {
          for (auto it = pos->begin(); it != pos->end(); ++it) {
            const std::string here = pointer_join(pat + "/positions", it.key());
            check_party(it.key(), here);
            for (const std::string& area : f_.string_list(*pos, pat + "/positions", it.key().c_str(), true)) {
              const int idx = area_index(area);
              if (idx < 0) {
                f_.report(here, "ref.area", "undefined area \"" + area + "\"");
              } else {
                o.positions[it.key()].push_back(static_cast<std::size_t>(idx));
              }
            }
          }
          for (std::size_t i = 0; i < o.bearers.size(); ++i) {
            if (!o.positions.count(o.bearers[i])) {
              f_.report(pat + "/positions", "field.missing", "no positions given for bearer \"" + o.bearers[i] + "\"");
            }
          }
        }
        break;
      }
      case Kind::kActByDeadline: {
        f_.reject_unknown(*params, pat, {"deadline", "fulfilled_by", "trigger", "amendable", "if_no_report"});
        o.deadline = deadline(*params, pat, "deadline");
        if (auto m = match(*params, pat, "fulfilled_by", true)) o.fulfilled_by = *m;
        o.trigger = match(*params, pat, "trigger", false);
        o.amendable = f_.boolean(*params, pat, "amendable").value_or(false);
        const std::string absence = f_.text(*params, pat, "if_no_report", false);
        if (absence == "undetermined") {
          o.absence_is_violation = false;
        } else if (!absence.empty() && absence != "violated") {
          f_.report(pat + "/if_no_report", "field.enum", "if_no_report must be \"violated\" or \"undetermined\"");
        }
        break;
      }
      case Kind::kQuantityCap:
        f_.reject_unknown(*params, pat, {"caps", "event_types", "from"});
        o.event_types = types(*params, pat, "event_types", true);
        o.from = time_ref(*params, pat, "from", false);
        f_.each_object(*params, pat, "caps", true, "a cap", [&](const Json& c, const std::string& cat) {
          f_.reject_unknown(c, cat, {"category", "max", "unit", "note"});
          Cap cap{f_.id(c, cat, "category", true), f_.number(c, cat, "max", true).value_or(0)};
          if (cap.max < 0) f_.report(cat + "/max", "field.range", "a cap must not be negative");
          o.caps.push_back(std::move(cap));
        });
        break;
      case Kind::kExchange: {
        f_.reject_unknown(*params, pat, {"categories", "event_types", "principle", "agreed_totals", "deadline", "from"});
        o.event_types = types(*params, pat, "event_types", true);
        o.categories = f_.string_list(*params, pat, "categories", true);
        o.principle = f_.text(*params, pat, "principle", false);
        o.deadline = deadline(*params, pat, "deadline");
        o.from = time_ref(*params, pat, "from", false);
        const Json* totals = f_.member(*params, "agreed_totals");
        if (totals && !totals->is_null() && f_.expect_object(*totals, pat + "/agreed_totals", "agreed_totals")) {
          for (auto it = totals->begin(); it != totals->end(); ++it) {
            const std::string here = pointer_join(pat + "/agreed_totals", it.key());
            check_party(it.key(), here);
            if (!it->is_number() || it->get<double>() < 0) {
              f_.report(here, "type.number", "an agreed total must be a number of at least 0");
            } else {
              o.agreed_totals[it.key()] = it->get<double>();
            }
          }
        }
        break;
      }
      case Kind::kTerm: {
        f_.reject_unknown(*params, pat, {"start", "term", "renewal", "notice", "breach_event_types"});
        if (const Json* s = f_.require(*params, pat, "start")) {
          if (auto i = f_.instant(*s, pat + "/start")) o.term_start = *i;
        }
        if (const Json* t = f_.require(*params, pat, "term")) {
          if (auto d = f_.duration(*t, pat + "/term")) o.term_length = *d;
        }
        if (const Json* r = f_.member(*params, "renewal")) {
          if (f_.expect_object(*r, pat + "/renewal", "renewal")) {
            f_.reject_unknown(*r, pat + "/renewal", {"period", "automatic"});
            if (const Json* per = f_.require(*r, pat + "/renewal", "period")) {
              if (auto d = f_.duration(*per, pat + "/renewal/period")) o.renewal_period = *d;
            }
            o.renewal_automatic = f_.boolean(*r, pat + "/renewal", "automatic").value_or(false);
          }
        }
        if (const Json* n = f_.member(*params, "notice")) {
          const std::string nat = pat + "/notice";
          if (f_.expect_object(*n, nat, "notice")) {
            f_.reject_unknown(*n, nat, {"before_expiry", "by", "event_types"});
            if (const Json* b = f_.require(*n, nat, "before_expiry")) {
              if (auto d = f_.duration(*b, nat + "/before_expiry")) o.notice_before = *d;
            }
            o.notice_by = f_.string_list(*n, nat, "by", true);
            for (std::size_t i = 0; i < o.notice_by.size(); ++i) check_party(o.notice_by[i], pointer_join(nat + "/by", i));
            o.notice_event_types = types(*n, nat, "event_types", false);
          }
        }
        o.breach_event_types = types(*params, pat, "breach_event_types", false);
        break;
      }
      case Kind::kQualitative:
        f_.reject_unknown(*params, pat, {"event_types", "reason", "from"});
        o.event_types = types(*params, pat, "event_types", false);
        o.reason = f_.text(*params, pat, "reason", true);
        o.from = time_ref(*params, pat, "from", false);
        break;
      case Kind::kNotEvaluated:
        // Parameters are described by the schema; this version only keeps the event types, if any, as context.
        if (const Json* t = f_.member(*params, "event_types")) {
          if (t->is_array()) o.event_types = types(*params, pat, "event_types", false);
        }
        break;
    }
  }

  // Relative deadlines and "after" references must not form a cycle.
  void check_cycles() {
    const std::size_t n = a_->obligations.size();
    std::vector<int> state(n, 0);  // 0 unvisited, 1 on stack, 2 done
    std::vector<std::size_t> path;
    for (std::size_t start = 0; start < n; ++start) {
      if (state[start] != 0) continue;
      std::vector<std::pair<std::size_t, int>> stack{{start, 0}};
      while (!stack.empty()) {
        auto& [node, step] = stack.back();
        if (step == 0) state[node] = 1;
        const std::vector<std::pair<std::size_t, const char*>> next = anchors(a_->obligations[node]);
        if (static_cast<std::size_t>(step) < next.size()) {
          const auto [to, field] = next[static_cast<std::size_t>(step++)];
          if (state[to] == 1) {
            // The chain runs from `to` along the stack to `node`, whose reference to `to` closes it.
            std::string chain;
            bool on = false;
            for (const auto& frame : stack) {
              on = on || frame.first == to;
              if (on) chain += "\"" + a_->obligations[frame.first].id + (chain.empty() ? "\" waits for " : "\", which waits for ");
            }
            chain += "\"" + a_->obligations[to].id + "\"";
            f_.report(obligation_pointers_[node] + field, "ref.cycle",
                      to == node ? "obligation \"" + a_->obligations[to].id + "\" waits for its own completion"
                                 : "relative deadlines form a cycle: " + chain);
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

  // The obligations `o` waits for, each with the JSON Pointer (below the obligation) of the reference.
  static std::vector<std::pair<std::size_t, const char*>> anchors(const Obligation& o) {
    std::vector<std::pair<std::size_t, const char*>> out;
    if (o.deadline.kind == DeadlineSpec::Kind::kAfterObligation) out.push_back({o.deadline.anchor, "/params/deadline/after"});
    if (o.from.kind == TimeRef::Kind::kAfterObligation) out.push_back({o.from.obligation, "/params/from/after"});
    if (o.until.kind == TimeRef::Kind::kAfterObligation) out.push_back({o.until.obligation, "/params/until/after"});
    return out;
  }

  std::vector<Issue>& issues_;
  Fields f_;
  Agreement* a_ = nullptr;
  bool event_types_readable_ = true;
  std::vector<std::string> obligation_pointers_;  // JSON Pointer of each entry of a_->obligations
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
