// Geometry on the WGS 84 ellipsoid: which areas contain a point, how far a point is from a line.
//
// Contract: coordinates are degrees, longitude first as in GeoJSON; distances are kilometres along the
// ellipsoid (Boost.Geometry's geographic strategies). Shapes are validated when built (`build_*` returns an
// error message instead of a shape); queries on valid shapes never throw.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pactcheck {

struct LonLat {
  double lon = 0;  // degrees east, [-180, 180]
  double lat = 0;  // degrees north, [-90, 90]
};

// One polygon as GeoJSON rings: the first ring is the outer boundary, the rest are holes. Rings are closed.
using Ring = std::vector<LonLat>;
using PolygonRings = std::vector<Ring>;

class AreaShape {
 public:
  // Builds an area from one or more polygons. Returns nullptr and a reason when a ring has fewer than four
  // positions, is not closed, or the polygon is self-intersecting.
  static std::unique_ptr<AreaShape> build(const std::vector<PolygonRings>& polygons, std::string& why_not);
  ~AreaShape();
  bool contains(const LonLat& point) const;  // boundary points count as inside
  double boundary_distance_km(const LonLat& point) const;  // to the nearest ring, inside or outside
  double distance_km(const LonLat& point) const;           // 0 inside, else to the boundary

  struct Impl;

 private:
  explicit AreaShape(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class LineShape {
 public:
  // Builds a line from one or more polylines of at least two positions each.
  static std::unique_ptr<LineShape> build(const std::vector<std::vector<LonLat>>& parts, std::string& why_not);
  ~LineShape();
  double distance_km(const LonLat& point) const;  // shortest distance to any part
  // A cheap bound, never above distance_km(point): the point's distance in latitude from every part's band
  // (its vertices' latitudes widened by how far a geodesic between them can bow), at 110 km per degree (a
  // degree of the meridian is at least 110.57 km). 0 when the point lies within the band.
  double distance_lower_bound_km(const LonLat& point) const;

  struct Impl;

 private:
  explicit LineShape(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Distance in km between two points on the ellipsoid.
double distance_km(const LonLat& a, const LonLat& b);

}  // namespace pactcheck
