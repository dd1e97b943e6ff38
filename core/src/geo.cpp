#include "pactcheck/geo.hpp"

#include <algorithm>
#include <cmath>

#include <boost/geometry.hpp>
#include <boost/geometry/geometries/linestring.hpp>
#include <boost/geometry/geometries/multi_linestring.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/point.hpp>
#include <boost/geometry/geometries/polygon.hpp>

namespace pactcheck {
namespace bg = boost::geometry;

using GeoPoint = bg::model::point<double, 2, bg::cs::geographic<bg::degree>>;
// Counter-clockwise outer rings, as GeoJSON (RFC 7946) writes them; `correct` fixes the other orientation.
using GeoPolygon = bg::model::polygon<GeoPoint, false, true>;
using GeoMultiPolygon = bg::model::multi_polygon<GeoPolygon>;
using GeoLine = bg::model::linestring<GeoPoint>;
using GeoMultiLine = bg::model::multi_linestring<GeoLine>;

struct AreaShape::Impl {
  GeoMultiPolygon shape;
  GeoMultiLine boundary;  // every ring, as a line
};
struct LineShape::Impl {
  GeoMultiLine shape;
  double lat_min = 90, lat_max = -90;  // the band every part's geodesics stay in (distance_lower_bound_km)
};

namespace {

constexpr double kPi = 3.14159265358979323846;
GeoPoint to_point(const LonLat& p) { return GeoPoint(p.lon, p.lat); }

bool same(const LonLat& a, const LonLat& b) { return a.lon == b.lon && a.lat == b.lat; }
}  // namespace

AreaShape::AreaShape(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AreaShape::~AreaShape() = default;

std::unique_ptr<AreaShape> AreaShape::build(const std::vector<PolygonRings>& polygons, std::string& why_not) {
  auto impl = std::make_unique<Impl>();
  if (polygons.empty()) {
    why_not = "an area needs at least one polygon";
    return nullptr;
  }
  for (const PolygonRings& rings : polygons) {
    if (rings.empty()) {
      why_not = "a polygon needs an outer ring";
      return nullptr;
    }
    GeoPolygon polygon;
    for (std::size_t r = 0; r < rings.size(); ++r) {
      const Ring& ring = rings[r];
      if (ring.size() < 4) {
        why_not = "a ring needs at least four positions";
        return nullptr;
      }
      if (!same(ring.front(), ring.back())) {
        why_not = "a ring must be closed: its last position must equal its first";
        return nullptr;
      }
      auto& target = r == 0 ? polygon.outer() : (polygon.inners().emplace_back(), polygon.inners().back());
      for (const LonLat& p : ring) target.push_back(to_point(p));
    }
    bg::correct(polygon);
    std::string reason;
    if (!bg::is_valid(polygon, reason)) {
      why_not = "invalid polygon: " + reason;
      return nullptr;
    }
    auto ring_line = [&](const auto& ring) {
      GeoLine line(ring.begin(), ring.end());
      impl->boundary.push_back(std::move(line));
    };
    ring_line(polygon.outer());
    for (const auto& inner : polygon.inners()) ring_line(inner);
    impl->shape.push_back(std::move(polygon));
  }
  return std::unique_ptr<AreaShape>(new AreaShape(std::move(impl)));
}

bool AreaShape::contains(const LonLat& point) const { return bg::covered_by(to_point(point), impl_->shape); }

double AreaShape::boundary_distance_km(const LonLat& point) const {
  double best = -1;
  for (const GeoLine& line : impl_->boundary) {
    const double d = bg::distance(to_point(point), line) / 1000.0;
    if (best < 0 || d < best) best = d;
  }
  return best;
}

double AreaShape::distance_km(const LonLat& point) const { return contains(point) ? 0.0 : boundary_distance_km(point); }

LineShape::LineShape(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LineShape::~LineShape() = default;

std::unique_ptr<LineShape> LineShape::build(const std::vector<std::vector<LonLat>>& parts, std::string& why_not) {
  auto impl = std::make_unique<Impl>();
  if (parts.empty()) {
    why_not = "a line needs at least one part";
    return nullptr;
  }
  for (const auto& part : parts) {
    if (part.size() < 2) {
      why_not = "a line needs at least two positions";
      return nullptr;
    }
    GeoLine line;
    for (const LonLat& p : part) line.push_back(to_point(p));
    impl->shape.push_back(std::move(line));
    // The latitude band the part's geodesics stay in: a geodesic spanning dλ of longitude bows poleward of its
    // ends by less than (dλ/2)² radians; a segment spanning 90° or more gets the whole globe.
    for (std::size_t i = 0; i + 1 < part.size(); ++i) {
      const double span = std::fabs(part[i + 1].lon - part[i].lon);
      const double dl = std::min(span, 360.0 - span) * kPi / 180.0;
      const double bow = dl >= kPi / 2 ? 180.0 : (dl / 2) * (dl / 2) * 180.0 / kPi + 0.001;
      impl->lat_min = std::min(impl->lat_min, std::min(part[i].lat, part[i + 1].lat) - bow);
      impl->lat_max = std::max(impl->lat_max, std::max(part[i].lat, part[i + 1].lat) + bow);
    }
  }
  return std::unique_ptr<LineShape>(new LineShape(std::move(impl)));
}

double LineShape::distance_km(const LonLat& point) const {
  double best = -1;
  for (const GeoLine& line : impl_->shape) {
    const double d = bg::distance(to_point(point), line) / 1000.0;
    if (best < 0 || d < best) best = d;
  }
  return best;
}

double LineShape::distance_lower_bound_km(const LonLat& point) const {
  const double gap = point.lat < impl_->lat_min ? impl_->lat_min - point.lat : point.lat > impl_->lat_max ? point.lat - impl_->lat_max : 0.0;
  return gap * 110.0;
}

double distance_km(const LonLat& a, const LonLat& b) { return bg::distance(to_point(a), to_point(b)) / 1000.0; }

}  // namespace pactcheck
