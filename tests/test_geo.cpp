#include <doctest/doctest.h>

#include "pactcheck/geo.hpp"

using namespace pactcheck;

TEST_CASE("point in polygon on the ellipsoid, either ring orientation, with holes") {
  std::string why;
  const Ring outer{{46.0, 39.0}, {47.0, 39.0}, {47.0, 40.0}, {46.0, 40.0}, {46.0, 39.0}};
  const Ring clockwise{{46.0, 39.0}, {46.0, 40.0}, {47.0, 40.0}, {47.0, 39.0}, {46.0, 39.0}};
  const Ring hole{{46.4, 39.4}, {46.6, 39.4}, {46.6, 39.6}, {46.4, 39.6}, {46.4, 39.4}};
  auto area = AreaShape::build({{outer, hole}}, why);
  REQUIRE_MESSAGE(area, why);
  CHECK(area->contains({46.2, 39.2}));
  CHECK_FALSE(area->contains({46.5, 39.5}));  // in the hole
  CHECK_FALSE(area->contains({47.2, 39.5}));
  CHECK(area->contains({46.0, 39.5}));  // on the boundary counts as inside
  auto cw = AreaShape::build({{clockwise}}, why);
  REQUIRE(cw);
  CHECK(cw->contains({46.5, 39.5}));
  auto multi = AreaShape::build({{outer}, {{{10, 10}, {11, 10}, {11, 11}, {10, 11}, {10, 10}}}}, why);
  REQUIRE(multi);
  CHECK(multi->contains({10.5, 10.5}));
  CHECK(multi->contains({46.5, 39.5}));
  CHECK_FALSE(multi->contains({20, 20}));
}

TEST_CASE("invalid polygons are refused with a reason") {
  std::string why;
  CHECK_FALSE(AreaShape::build({{{{0, 0}, {1, 0}, {0, 0}}}}, why));
  CHECK(why.find("four") != std::string::npos);
  CHECK_FALSE(AreaShape::build({{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}}}, why));
  CHECK(why.find("closed") != std::string::npos);
  // A bow tie crosses itself.
  CHECK_FALSE(AreaShape::build({{{{0, 0}, {1, 1}, {1, 0}, {0, 1}, {0, 0}}}}, why));
  CHECK(why.find("invalid polygon") != std::string::npos);
  CHECK_FALSE(AreaShape::build({}, why));
}

TEST_CASE("distances in km on WGS 84") {
  // One degree of latitude at the equator is 110.574 km on the ellipsoid (a sphere would say 111.2).
  CHECK(distance_km({0, 0}, {0, 1}) == doctest::Approx(110.574).epsilon(0.001));
  // One degree of longitude at 40 N is about 85.4 km.
  CHECK(distance_km({46, 40}, {47, 40}) == doctest::Approx(85.39).epsilon(0.002));
  std::string why;
  // A meridian is a geodesic; a parallel is not (the geodesic between two points at 39.8 N bulges ~120 m north).
  auto line = LineShape::build({{{46.5, 39.0}, {46.5, 40.0}}}, why);
  REQUIRE(line);
  CHECK(line->distance_km({46.5, 39.5}) < 1e-6);
  CHECK(line->distance_km({46.6, 39.5}) == doctest::Approx(distance_km({46.5, 39.5}, {46.6, 39.5})).epsilon(0.001));
  CHECK(line->distance_km({46.5, 41.0}) == doctest::Approx(distance_km({46.5, 40.0}, {46.5, 41.0})).epsilon(0.001));
  auto parallel = LineShape::build({{{46.0, 39.8}, {47.0, 39.8}}}, why);
  REQUIRE(parallel);
  CHECK(parallel->distance_km({46.5, 39.8}) == doctest::Approx(0.12).epsilon(0.1));
  CHECK_FALSE(LineShape::build({{{46.0, 39.8}}}, why));
}
