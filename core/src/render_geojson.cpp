// The GeoJSON rendering of a report (RFC 7946): a FeatureCollection of the events used as evidence that have a
// location, one Point feature each, coordinates [longitude, latitude], in the report's chronological order.
// Each feature's properties name the event (id, time, precision, type, place) and list what it is evidence for
// (obligation, bearer, role, standing). The report carries no geometry for the agreement's areas and lines, so
// they are not rendered; evidence events without coordinates are listed by id in the foreign member
// "pactcheck", beside the agreement, the as-of instant and the input digest.
#include <map>
#include <string>

#include "pactcheck/report.hpp"
#include "render_util.hpp"

namespace pactcheck {

using namespace render;  // the shared helpers of render_util.hpp

std::string render_geojson(const OJson& r) {
  std::map<std::string, OJson> uses;  // event id -> what it is evidence for
  for (const auto& o : items(r, "obligations")) {
    for (const auto& e : items(o, "evidence")) {
      OJson use{{"obligation", str(o, "id")}, {"bearer", member(e, "bearer")}, {"role", str(e, "role")},
                {"standing", member(e, "standing")}, {"disputed", flag(e, "disputed")}};
      OJson& list = uses[str(e, "event")];
      if (!list.is_array()) list = OJson::array();
      list.push_back(use);
    }
  }
  OJson features = OJson::array();
  OJson without_location = OJson::array();
  for (const auto& d : items(member(r, "events"), "evidence_events")) {
    const OJson& where = member(d, "where");
    const OJson& lat = member(where, "lat");
    const OJson& lon = member(where, "lon");
    const std::string id = str(d, "id");
    if (!lat.is_number() || !lon.is_number()) {
      without_location.push_back(id);
      continue;
    }
    OJson properties{{"event", id}, {"time", str(d, "time")}, {"precision", str(d, "precision")}, {"type", str(d, "type")},
                     {"place", str(where, "name")}, {"approximate", flag(where, "approximate")}};
    if (member(where, "uncertainty_km").is_number()) properties["uncertainty_km"] = member(where, "uncertainty_km");
    const auto it = uses.find(id);
    properties["evidence_for"] = it == uses.end() ? OJson::array() : it->second;
    features.push_back(OJson{{"type", "Feature"},
                             {"id", id},
                             {"geometry", OJson{{"type", "Point"}, {"coordinates", OJson::array({lon, lat})}}},
                             {"properties", properties}});
  }
  const OJson& agreement = member(r, "agreement");
  OJson out{{"type", "FeatureCollection"},
            {"pactcheck", OJson{{"agreement", str(agreement, "id")},
                                {"title", str(agreement, "title")},
                                {"as_of", str(r, "as_of")},
                                {"input_digest", str(r, "input_digest")},
                                {"generator", str(r, "generator")},
                                {"events_without_location", without_location}}},
            {"features", features}};
  return out.dump(2, ' ', false, OJson::error_handler_t::replace) + "\n";
}

}  // namespace pactcheck
