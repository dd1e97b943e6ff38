// keep_distance, continuing_activity and balance: verdicts on small synthetic agreements, with each boundary
// tested on both sides (24.9 km and 25.1 km, the last instant of a period, a gap of exactly max_gap), and the
// readers' located issues for bad parameters.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "pactcheck/geo.hpp"
#include "pactcheck/readers.hpp"
#include "support.hpp"

using nlohmann::json;
using namespace pactcheck::testing;

namespace {

json ob(const std::string& id, const std::string& kind, const json& params, const json& bearers = {"AZ", "AM"}) {
  return obligation_json(id, kind, params, bearers);
}

json ev(const std::string& id, const std::string& time, const std::string& type, const json& extra = json::object()) {
  return event_json(id, time, type, extra);
}

json at(double lat, double lon, double uncertainty = 0) {
  json w{{"lat", lat}, {"lon", lon}};
  if (uncertainty > 0) w["uncertainty_km"] = uncertainty;
  return w;
}
json by(const std::string& party) { return forces_of(party); }
json by_both() { return json::array({json{{"name", "AZ forces"}, {"party", "AZ"}}, json{{"name", "AM forces"}, {"party", "AM"}}}); }

// The unit agreement with extra event types, lines and areas for these kinds.
std::string agreement_for(const json& obligations) {
  json a = base_agreement();
  a["obligations"] = obligations;
  for (const char* t : {"sighting", "patrol", "patrol_paused", "patrol_resumed", "arrival", "departure"}) {
    a["vocabulary"]["event_types"].push_back(json{{"id", t}});
  }
  // A meridian (a geodesic, so distances east of it are easy to place) and a second line 0.3 degrees east.
  a["lines"].push_back(json::parse(R"({"id": "mer", "name": "the meridian line", "geometry": {"type": "LineString",
                                       "coordinates": [[46.5, 39.0], [46.5, 40.5]]}})"));
  a["lines"].push_back(json::parse(R"({"id": "mer2", "name": "the second line", "geometry": {"type": "LineString",
                                       "coordinates": [[46.8, 39.0], [46.8, 40.5]]}})"));
  a["areas"].push_back(json::parse(R"({"id": "west", "name": "the west side", "geometry": {"type": "Polygon",
                                       "coordinates": [[[45.0, 39.0], [46.5, 39.0], [46.5, 40.5], [45.0, 40.5], [45.0, 39.0]]]}})"));
  a["areas"].push_back(json::parse(R"({"id": "port", "name": "the port", "geometry": {"type": "Polygon",
                                       "coordinates": [[[46.0, 39.0], [46.2, 39.0], [46.2, 39.2], [46.0, 39.2], [46.0, 39.0]]]}})"));
  return a.dump();
}

json as_array(const json& value) { return value.is_null() ? json::array() : value.is_array() ? value : json::array({value}); }

json run(const json& obligations, const json& events, const std::string& as_of, const json& extra = json::object()) {
  json options = extra;
  options["as_of"] = as_of;
  const json env = check(agreement_for(as_array(obligations)), events_with(as_array(events)), options);
  REQUIRE_MESSAGE(env.value("ok", false), env.dump());
  return env;
}

std::string role_of(const json& env, const std::string& obligation, const std::string& event, const std::string& bearer = "") {
  for (const auto& e : obligation_of(env, obligation)["evidence"]) {
    if (e["event"] == event && (bearer.empty() || e["bearer"] == bearer)) return e["role"].get<std::string>();
  }
  return "<none>";
}

std::string note_of(const json& env, const std::string& obligation, const std::string& event) {
  for (const auto& e : obligation_of(env, obligation)["evidence"]) {
    if (e["event"] == event) return e["note"].get<std::string>();
  }
  return "<none>";
}

bool has_issue(const std::string& agreement, const std::string& code, const std::string& pointer) {
  std::vector<pactcheck::Issue> issues;
  pactcheck::read_agreement(agreement, "agreement.json", pactcheck::Limits{}, issues);
  for (const auto& i : issues) {
    if (i.code == code && i.pointer == pointer) return true;
  }
  INFO("issues: " << [&] {
    std::string s;
    for (const auto& i : issues) s += i.code + " at " + i.pointer + "; ";
    return s;
  }());
  return false;
}

// The longitude east of the meridian line 46.5 E at latitude `lat` whose distance from it is `km`.
double east_of_meridian(double lat, double km) {
  std::string why;
  auto line = pactcheck::LineShape::build({{{46.5, 39.0}, {46.5, 40.5}}}, why);
  REQUIRE(line);
  double lo = 46.5, hi = 48.5;
  for (int i = 0; i < 80; ++i) {
    const double mid = (lo + hi) / 2;
    (line->distance_km({mid, lat}) < km ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

const json kDistance = json::parse(R"({"from": "2020-11-10T00:00:00+04:00", "event_types": ["sighting"],
  "zones": [{"party": "AZ", "from_lines": ["mer"], "km": 25}, {"party": "AM", "from_lines": ["mer2"], "km": 25}]})");

}  // namespace

TEST_CASE("keep_distance: 24.9 km is too near, 25.1 km is not") {
  const json o = ob("kd", "keep_distance", kDistance);
  const json near = ev("near", "2020-11-12T10:00:00+04:00", "sighting", {{"actors", by("AZ")}, {"where", at(39.75, east_of_meridian(39.75, 24.9))}});
  const json far = ev("far", "2020-11-12T10:00:00+04:00", "sighting", {{"actors", by("AZ")}, {"where", at(39.75, east_of_meridian(39.75, 25.1))}});
  const json a = run(o, near, "2020-11-20T00:00:00+04:00");
  CHECK(bearer_status(a, "kd", "AZ") == "violated");
  CHECK(role_of(a, "kd", "near") == "violation");
  CHECK(note_of(a, "kd", "near").find("24.9 km from the meridian line, within 25 km") == 0);
  const json b = run(o, far, "2020-11-20T00:00:00+04:00");
  CHECK(bearer_status(b, "kd", "AZ") == "complied");
  CHECK(role_of(b, "kd", "far") == "consistent");
  CHECK(note_of(b, "kd", "far") == "25.1 km from the meridian line, beyond 25 km");
}

TEST_CASE("keep_distance: each party measures from its own line") {
  const json o = ob("kd", "keep_distance", kDistance);
  // 24.9 km east of the meridian is about 0.6 km from AM's line 0.3 degrees east: too near for AM.
  const double lon = east_of_meridian(39.75, 24.9);
  const json env = run(o, {ev("am", "2020-11-12T10:00:00+04:00", "sighting", {{"actors", by("AM")}, {"where", at(39.75, lon)}}),
                           ev("az", "2020-11-12T11:00:00+04:00", "sighting", {{"actors", by("AZ")}, {"where", at(39.75, 46.9)}})},
                       "2020-11-20T00:00:00+04:00");
  CHECK(bearer_status(env, "kd", "AM") == "violated");
  CHECK(note_of(env, "kd", "am").find("from the second line") != std::string::npos);
  CHECK(bearer_status(env, "kd", "AZ") == "complied");  // 46.9 E is about 34 km from AZ's line, the meridian
  CHECK(role_of(env, "kd", "az") == "consistent");
}

TEST_CASE("keep_distance: a location uncertainty that reaches the limit is an open point") {
  const json o = ob("kd", "keep_distance", kDistance, {"AZ"});
  json p = kDistance;
  p["zones"] = json::array({kDistance["zones"][0]});
  const json one = ob("kd", "keep_distance", p, {"AZ"});
  auto status_at = [&](double km, double u) {
    return bearer_status(run(one, ev("e", "2020-11-12T10:00:00+04:00", "sighting",
                                     {{"actors", by("AZ")}, {"where", at(39.75, east_of_meridian(39.75, km), u)}}),
                             "2020-11-20T00:00:00+04:00"),
                         "kd", "AZ");
  };
  CHECK(status_at(25.1, 0.3) == "undetermined");
  CHECK(status_at(24.9, 0.3) == "undetermined");
  CHECK(status_at(25.5, 0.3) == "complied");
  CHECK(status_at(24.6, 0.3) == "violated");
  const json env = run(one, ev("e", "2020-11-12T10:00:00+04:00", "sighting",
                               {{"actors", by("AZ")}, {"where", at(39.75, east_of_meridian(39.75, 25.1), 0.3)}}),
                       "2020-11-20T00:00:00+04:00");
  const json& b = obligation_of(env, "kd")["by_bearer"][0];
  CHECK(b["if_against"] == "violated");
  CHECK(b["if_for"] == "complied");
  CHECK(b["open_points"][0].get<std::string>().find("within its location uncertainty (0.3 km) of the 25 km limit") != std::string::npos);
  // No coordinates at all: an open point too.
  CHECK(bearer_status(run(one, ev("e", "2020-11-12T10:00:00+04:00", "sighting", {{"actors", by("AZ")}}), "2020-11-20T00:00:00+04:00"),
                      "kd", "AZ") == "undetermined");
}

TEST_CASE("keep_distance: before the deadline a sighting too near is a withdrawal in progress") {
  json p = kDistance;
  p["deadline"] = json{{"date", "2020-11-20"}};
  const json o = ob("kd", "keep_distance", p);
  const json before = ev("b", "2020-11-20T23:59:00+04:00", "sighting", {{"actors", by("AZ")}, {"where", at(39.75, 46.6)}});
  const json after = ev("a", "2020-11-21T00:00:00+04:00", "sighting", {{"actors", by("AZ")}, {"where", at(39.75, 46.6)}});
  const json pending = run(o, before, "2020-11-20T23:59:59+04:00");
  CHECK(bearer_status(pending, "kd", "AZ") == "pending");
  CHECK(bearer_status(pending, "kd", "AM") == "pending");
  CHECK(role_of(pending, "kd", "b") == "withdrawal_in_progress");
  const json due = run(o, before, "2020-11-21T00:00:01+04:00");
  CHECK(bearer_status(due, "kd", "AZ") == "complied");
  CHECK(role_of(due, "kd", "b") == "withdrawal_in_progress");
  const json late = run(o, {before, after}, "2020-11-21T00:00:01+04:00");
  CHECK(bearer_status(late, "kd", "AZ") == "violated");
  CHECK(role_of(late, "kd", "a") == "violation");
  CHECK(obligation_of(late, "kd")["deadline"]["due_before"] == "2020-11-21T00:00:00+04:00");
}

TEST_CASE("keep_distance: on one's own side, within a buffer, per weapon class, from areas") {
  // 2 km on AZ's own side (the area west of the meridian): across the line is a violation whatever the distance.
  const json own = ob("own", "keep_distance",
                      json::parse(R"({"from": "2020-11-10T00:00:00+04:00", "event_types": ["sighting"],
                                      "zones": [{"party": "AZ", "from_lines": ["mer"], "km": 2, "own_side": "west"}]})"),
                      {"AZ"});
  CHECK(bearer_status(run(own, ev("x", "2020-11-12T10:00:00+04:00", "sighting", {{"actors", by("AZ")}, {"where", at(39.75, 47.2)}}),
                          "2020-11-20T00:00:00+04:00"),
                      "own", "AZ") == "violated");
  CHECK(bearer_status(run(own, ev("x", "2020-11-12T10:00:00+04:00", "sighting", {{"actors", by("AZ")}, {"where", at(39.75, 46.0)}}),
                          "2020-11-20T00:00:00+04:00"),
                      "own", "AZ") == "complied");
  CHECK(bearer_status(run(own, ev("x", "2020-11-12T10:00:00+04:00", "sighting", {{"actors", by("AZ")}, {"where", at(39.75, 46.49)}}),
                          "2020-11-20T00:00:00+04:00"),
                      "own", "AZ") == "violated");
  // Within 5 km of a line (a buffer a force must stay inside).
  const json within = ob("in", "keep_distance",
                         json::parse(R"({"from": "2020-11-10T00:00:00+04:00", "event_types": ["sighting"],
                                         "zones": [{"party": "AZ", "from_lines": ["mer"], "km": 5, "side": "within"}]})"),
                         {"AZ"});
  CHECK(bearer_status(run(within, ev("x", "2020-11-12T10:00:00+04:00", "sighting",
                                     {{"actors", by("AZ")}, {"where", at(39.75, east_of_meridian(39.75, 5.1))}}),
                          "2020-11-20T00:00:00+04:00"),
                      "in", "AZ") == "violated");
  CHECK(bearer_status(run(within, ev("x", "2020-11-12T10:00:00+04:00", "sighting",
                                     {{"actors", by("AZ")}, {"where", at(39.75, east_of_meridian(39.75, 4.9))}}),
                          "2020-11-20T00:00:00+04:00"),
                      "in", "AZ") == "complied");
  // A zone for one weapon class only: a sighting without it is not this zone's business.
  const json cls = ob("cls", "keep_distance",
                      json::parse(R"({"from": "2020-11-10T00:00:00+04:00", "event_types": ["sighting"],
                                      "zones": [{"party": "AZ", "from_lines": ["mer"], "km": 25, "weapon_classes": ["artillery"]}]})"),
                      {"AZ"});
  const json tanks = ev("t", "2020-11-12T10:00:00+04:00", "sighting",
                        {{"actors", by("AZ")}, {"where", at(39.75, 46.6)}, {"quantities", {{{"category", "tanks"}, {"value", 3}}}}});
  const json guns = ev("g", "2020-11-12T11:00:00+04:00", "sighting",
                       {{"actors", by("AZ")}, {"where", at(39.75, 46.6)}, {"quantities", {{{"category", "artillery"}, {"value", 3}}}}});
  CHECK(bearer_status(run(cls, tanks, "2020-11-20T00:00:00+04:00"), "cls", "AZ") == "complied");
  const json g = run(cls, {tanks, guns}, "2020-11-20T00:00:00+04:00");
  CHECK(bearer_status(g, "cls", "AZ") == "violated");
  CHECK(note_of(g, "cls", "g").find("artillery (3) ") == 0);
  // 0 km from areas: stay out of them.
  const json out = ob("out", "keep_distance",
                      json::parse(R"({"from": "2020-11-10T00:00:00+04:00", "event_types": ["sighting"],
                                      "zones": [{"party": "AZ", "from_areas": ["port"], "km": 0}]})"),
                      {"AZ"});
  CHECK(bearer_status(run(out, ev("x", "2020-11-12T10:00:00+04:00", "sighting", {{"actors", by("AZ")}, {"where", at(39.1, 46.1)}}),
                          "2020-11-20T00:00:00+04:00"),
                      "out", "AZ") == "violated");
  CHECK(bearer_status(run(out, ev("x", "2020-11-12T10:00:00+04:00", "sighting", {{"actors", by("AZ")}, {"where", at(39.3, 46.1)}}),
                          "2020-11-20T00:00:00+04:00"),
                      "out", "AZ") == "complied");
}

TEST_CASE("keep_distance: an unattributed sighting too near only one party's line is an open point for that party only") {
  const json o = ob("kd", "keep_distance", kDistance);
  // At 46.3 E: about 17 km from the meridian (AZ's line) and 43 km from AM's.
  const json env = run(o, ev("u", "2020-11-12T10:00:00+04:00", "sighting", {{"where", at(39.75, 46.3)}}), "2020-11-20T00:00:00+04:00");
  CHECK(bearer_status(env, "kd", "AZ") == "undetermined");
  CHECK(bearer_status(env, "kd", "AM") == "complied");
}

TEST_CASE("keep_distance: a reading with another width that disagrees leaves the verdict undetermined") {
  json o = ob("kd", "keep_distance", kDistance, {"AZ"});
  o["params"]["zones"] = json::array({kDistance["zones"][0]});
  o["readings"] = json::parse(R"([{"id": "narrow", "label": "10 km", "set": {"zones": [{"party": "AZ", "from_lines": ["mer"], "km": 10}]}}])");
  const json env = run(o, ev("e", "2020-11-12T10:00:00+04:00", "sighting", {{"actors", by("AZ")}, {"where", at(39.75, east_of_meridian(39.75, 12))}}),
                       "2020-11-20T00:00:00+04:00");
  CHECK(bearer_status(env, "kd", "AZ") == "undetermined");
  const json& r = obligation_of(env, "kd")["readings"];
  REQUIRE(r.size() == 2);
  CHECK(r[0]["by_bearer"][0]["status"] == "violated");
  CHECK(r[1]["by_bearer"][0]["status"] == "complied");
}

TEST_CASE("keep_distance: bad parameters are located issues, never a crash") {
  auto with = [](const json& params, const json& bearers = {"AZ", "AM"}) { return agreement_for(as_array(ob("kd", "keep_distance", params, bearers))); };
  const std::string z = "/obligations/0/params/zones";
  CHECK(has_issue(with(json::parse(R"({"from": "2020-11-10T00:00:00Z", "event_types": ["sighting"]})")), "field.missing", "/obligations/0/params"));
  CHECK(has_issue(with(json::parse(R"({"from": "2020-11-10T00:00:00Z", "event_types": ["sighting"], "zones": []})")), "field.empty", z));
  CHECK(has_issue(with(json::parse(R"({"from": "2020-11-10T00:00:00Z", "event_types": ["sighting"],
                                       "zones": [{"party": "AZ", "km": 5, "from_lines": ["mer"], "from_areas": ["port"]}]})"), {"AZ"}),
                  "zone.form", z + "/0"));
  CHECK(has_issue(with(json::parse(R"({"from": "2020-11-10T00:00:00Z", "event_types": ["sighting"],
                                       "zones": [{"party": "AZ", "km": -1, "from_lines": ["mer"]}]})"), {"AZ"}),
                  "field.range", z + "/0/km"));
  CHECK(has_issue(with(json::parse(R"({"from": "2020-11-10T00:00:00Z", "event_types": ["sighting"],
                                       "zones": [{"party": "AZ", "km": 1e9, "from_lines": ["mer"]}]})"), {"AZ"}),
                  "field.range", z + "/0/km"));
  CHECK(has_issue(with(json::parse(R"({"from": "2020-11-10T00:00:00Z", "event_types": ["sighting"],
                                       "zones": [{"party": "RU", "km": 5, "from_lines": ["mer"]}, {"party": "AZ", "km": 5, "from_lines": ["mer"]}]})"),
                       {"AZ"}),
                  "ref.bearer", z + "/0/party"));
  CHECK(has_issue(with(json::parse(R"({"from": "2020-11-10T00:00:00Z", "event_types": ["sighting"],
                                       "zones": [{"party": "AZ", "km": 5, "from_lines": ["mer"], "side": "around", "own_side": "nowhere"}]})"),
                       {"AZ"}),
                  "field.enum", z + "/0/side"));
  CHECK(has_issue(with(json::parse(R"({"from": "2020-11-10T00:00:00Z", "event_types": ["sighting"],
                                       "zones": [{"party": "AZ", "km": 5, "from_lines": ["mer"], "own_side": "nowhere"}]})"), {"AZ"}),
                  "ref.area", z + "/0/own_side"));
  CHECK(has_issue(with(json::parse(R"({"from": "2020-11-10T00:00:00Z", "event_types": ["sighting"],
                                       "zones": [{"party": "AZ", "km": 5, "from_lines": ["mer"]}]})")),
                  "zone.none", z));
  CHECK(has_issue(with(json::parse(R"({"from": "2020-11-10T00:00:00Z", "event_types": ["sighting"],
                                       "zones": [{"party": "AZ", "km": 0, "from_lines": ["mer"]}]})"), {"AZ"}),
                  "field.range", z + "/0/km"));
  CHECK(has_issue(with(json::parse(R"({"from": "2020-11-10T00:00:00Z", "event_types": ["sighting"], "zones": "all"})"), {"AZ"}),
                  "type.array", z));
  // 20000 km: everything is too near; nothing breaks.
  const json huge = ob("kd", "keep_distance", json::parse(R"({"from": "2020-11-10T00:00:00+04:00", "event_types": ["sighting"],
                                                              "zones": [{"party": "AZ", "from_lines": ["mer"], "km": 20000}]})"), {"AZ"});
  CHECK(bearer_status(run(huge, ev("x", "2020-11-12T10:00:00+04:00", "sighting", {{"actors", by("AZ")}, {"where", at(-60, -170)}}),
                          "2020-11-20T00:00:00+04:00"),
                      "kd", "AZ") == "violated");
}

TEST_CASE("keep_distance and continuing_activity read format 1.0's examples (docs/format.md, constructs 8 and 13)") {
  json a = base_agreement();
  a["parties"] = json::parse(R"([{"id": "UA", "name": "Ukraine"}, {"id": "DPR", "name": "DPR"}, {"id": "LPR", "name": "LPR"},
                                 {"id": "RU", "name": "Russia"}, {"id": "TR", "name": "Turkey"}])");
  a["instruments"] = json::parse(R"([{"id": "minsk2", "title": "Minsk II", "date": "2015-02-12"},
                                     {"id": "idlib-2020", "title": "Idlib protocol", "date": "2020-03-05"}])");
  a["vocabulary"]["event_types"] = json::parse(R"([{"id": "heavy_weapon_sighting"}, {"id": "joint_patrol"}, {"id": "patrol_suspended"},
                                                   {"id": "patrol_resumed"}, {"id": "withdrawal"}])");
  a["lines"] = json::parse(R"([{"id": "de-facto-contact-line", "name": "contact line", "geometry": {"type": "LineString", "coordinates": [[38.0, 47.0], [38.0, 49.0]]}},
                               {"id": "memorandum-2014-line", "name": "memorandum line", "geometry": {"type": "LineString", "coordinates": [[38.2, 47.0], [38.2, 49.0]]}},
                               {"id": "m4-highway", "name": "M4", "geometry": {"type": "LineString", "coordinates": [[36.1, 35.8], [36.8, 35.86]]}}])");
  a["obligations"] = json::parse(R"([
    {"id": "m2-2-complete", "instrument": "minsk2", "point": "2", "text": "Withdrawal complete.", "bearers": ["UA", "DPR", "LPR"],
     "kind": "act_by_deadline", "params": {"deadline": {"date": "2015-03-01"}, "fulfilled_by": {"event_types": ["withdrawal"]}}},
    {"id": "m2-2-distance", "instrument": "minsk2", "point": "2", "text": "Distances.", "bearers": ["UA", "DPR", "LPR"],
     "kind": "keep_distance", "params": {
       "from": {"after": "m2-2-complete"}, "event_types": ["heavy_weapon_sighting"],
       "zones": [
         {"party": "UA", "from_lines": ["de-facto-contact-line"], "km": 25, "weapon_classes": ["artillery_100mm_plus"]},
         {"party": "UA", "from_lines": ["de-facto-contact-line"], "km": 35, "weapon_classes": ["mlrs"]},
         {"party": "UA", "from_lines": ["de-facto-contact-line"], "km": 70, "weapon_classes": ["heavy_mlrs", "tactical_missiles"]},
         {"party": "DPR", "from_lines": ["memorandum-2014-line"], "km": 25, "weapon_classes": ["artillery_100mm_plus"]},
         {"party": "DPR", "from_lines": ["memorandum-2014-line"], "km": 35, "weapon_classes": ["mlrs"]},
         {"party": "DPR", "from_lines": ["memorandum-2014-line"], "km": 70, "weapon_classes": ["heavy_mlrs", "tactical_missiles"]}]}},
    {"id": "idlib-patrols", "instrument": "idlib-2020", "point": "3", "text": "Joint patrols begin on 15 March 2020.",
     "bearers": ["RU", "TR"], "kind": "continuing_activity",
     "params": {"start": {"date": "2020-03-15"}, "route": "m4-highway", "km": 2, "event_types": ["joint_patrol"],
                "suspend_event_types": ["patrol_suspended"], "resume_event_types": ["patrol_resumed"]}}])");
  std::vector<pactcheck::Issue> issues;
  pactcheck::read_agreement(a.dump(), "agreement.json", pactcheck::Limits{}, issues);
  for (const auto& i : issues) {
    INFO(i.code << " at " << i.pointer << ": " << i.message);
    CHECK(i.severity == pactcheck::Severity::kWarning);  // LPR has no zone in the example: a warning, not an error
  }
  const json env = check(a.dump(), events_with(json::array()), json{{"as_of", "2020-03-16T12:00:00+03:00"}});
  REQUIRE(env.value("ok", false));
  CHECK(status_of(env, "idlib-patrols") == "violated");
  CHECK(status_of(env, "m2-2-distance") == "not_triggered");
}

// ---- continuing_activity --------------------------------------------------------------------------------------

namespace {

json patrols(const json& extra = json::object()) {
  json p = json::parse(R"({"start": {"date": "2020-11-15"}, "route": "mer", "km": 2, "event_types": ["patrol"],
                           "suspend_event_types": ["patrol_paused"], "resume_event_types": ["patrol_resumed"],
                           "max_gap": {"days": 7}})");
  for (auto it = extra.begin(); it != extra.end(); ++it) p[it.key()] = it.value();
  return p;
}

json patrol(const std::string& id, const std::string& time, double lon = 46.5, const json& actors = by_both()) {
  return ev(id, time, "patrol", {{"actors", actors}, {"where", at(39.75, lon)}});
}

}  // namespace

TEST_CASE("continuing_activity: begun on the last day of the start is on time, the next day late") {
  const json o = ob("ca", "continuing_activity", patrols());
  CHECK(bearer_status(run(o, {}, "2020-11-15T23:59:59+04:00"), "ca", "AZ") == "pending");
  CHECK(bearer_status(run(o, {}, "2020-11-16T00:00:01+04:00"), "ca", "AZ") == "violated");
  const json on_time = run(o, patrol("p", "2020-11-15T23:59:00+04:00"), "2020-11-16T12:00:00+04:00");
  CHECK(bearer_status(on_time, "ca", "AZ") == "complied");
  CHECK(role_of(on_time, "ca", "p", "AZ") == "fulfilment");
  const json late = run(o, patrol("p", "2020-11-16T00:00:00+04:00"), "2020-11-16T12:00:00+04:00");
  CHECK(bearer_status(late, "ca", "AZ") == "complied_late");
  CHECK(role_of(late, "ca", "p", "AZ") == "late_fulfilment");
  // One bearer alone on patrol: only that bearer began.
  const json alone = run(o, patrol("p", "2020-11-14T10:00:00+04:00", 46.5, by("AZ")), "2020-11-16T12:00:00+04:00");
  CHECK(bearer_status(alone, "ca", "AZ") == "complied");
  CHECK(bearer_status(alone, "ca", "AM") == "violated");
  // Format 1.0's start as an instant.
  const json instant = ob("ca", "continuing_activity", patrols({{"start", "2020-11-15T12:00:00+04:00"}}));
  CHECK(bearer_status(run(instant, patrol("p", "2020-11-15T12:00:00+04:00"), "2020-11-16T12:00:00+04:00"), "ca", "AZ") == "complied");
  CHECK(bearer_status(run(instant, patrol("p", "2020-11-15T12:00:01+04:00"), "2020-11-16T12:00:00+04:00"), "ca", "AZ") == "complied_late");
}

TEST_CASE("continuing_activity: a gap of exactly max_gap is no lapse; one second more is") {
  const json o = ob("ca", "continuing_activity", patrols());
  const json first = patrol("p1", "2020-11-10T10:00:00+04:00");
  CHECK(bearer_status(run(o, {first, patrol("p2", "2020-11-17T10:00:00+04:00")}, "2020-11-18T00:00:00+04:00"), "ca", "AZ") == "complied");
  const json cured = run(o, {first, patrol("p2", "2020-11-17T10:00:01+04:00")}, "2020-11-18T00:00:00+04:00");
  CHECK(bearer_status(cured, "ca", "AZ") == "cured");
  CHECK(obligation_of(cured, "ca")["progress"]["bearers"][0]["lapses"][0]["from"] == "2020-11-17T10:00:00+04:00");
  CHECK(obligation_of(cured, "ca")["progress"]["bearers"][0]["lapses"][0]["ended_by"] == "p2");
  // A lapse still going on: from the instant max_gap ran out.
  CHECK(bearer_status(run(o, first, "2020-11-17T10:00:00+04:00"), "ca", "AZ") == "complied");
  const json lapsed = run(o, first, "2020-11-17T10:00:01+04:00");
  CHECK(bearer_status(lapsed, "ca", "AZ") == "violated");
  CHECK(obligation_of(lapsed, "ca")["progress"]["bearers"][0]["lapses"][0]["to"].is_null());
  // A month: calendar steps in the agreement's zone.
  const json monthly = ob("ca", "continuing_activity", patrols({{"max_gap", {{"months", 1}}}}));
  CHECK(bearer_status(run(monthly, first, "2020-12-10T10:00:00+04:00"), "ca", "AZ") == "complied");
  CHECK(bearer_status(run(monthly, first, "2020-12-10T10:00:01+04:00"), "ca", "AZ") == "violated");
}

TEST_CASE("continuing_activity: a pause stops the clock only when excused") {
  const json first = patrol("p1", "2020-11-10T10:00:00+04:00");
  const json pause = ev("s", "2020-11-12T10:00:00+04:00", "patrol_paused", {{"actors", by_both()}});
  const json resume = ev("r", "2020-11-22T10:00:00+04:00", "patrol_resumed", {{"actors", by_both()}});
  const json again = patrol("p2", "2020-11-23T10:00:00+04:00");
  // Not excused: the bearers' own pause does not stop the clock.
  const json o = ob("ca", "continuing_activity", patrols());
  const json own = run(o, {first, pause, resume, again}, "2020-11-24T00:00:00+04:00");
  CHECK(bearer_status(own, "ca", "AZ") == "cured");
  CHECK(role_of(own, "ca", "s", "AZ") == "pause");
  CHECK(role_of(own, "ca", "r", "AZ") == "resumption");
  // The obligation allows a bearer to suspend it: paused from day 2 to day 12, 5 of the 7 days are left after it.
  json allowed = o;
  allowed["unilateral_suspension"] = "allowed";
  CHECK(bearer_status(run(allowed, {first, pause, resume, again}, "2020-11-24T00:00:00+04:00"), "ca", "AZ") == "complied");
  CHECK(bearer_status(run(allowed, {first, pause}, "2020-11-20T00:00:00+04:00"), "ca", "AZ") == "suspended");
  CHECK(bearer_status(run(allowed, {first, pause, resume}, "2020-11-27T10:00:00+04:00"), "ca", "AZ") == "complied");
  CHECK(bearer_status(run(allowed, {first, pause, resume}, "2020-11-27T10:00:01+04:00"), "ca", "AZ") == "violated");
  // A third party blocks the road: the claimed exception, once a monitor accepts it, excuses the pause.
  json excepted = o;
  excepted["exceptions"] = json::parse(R"([{"id": "blocked", "kind": "third_party_obstruction", "text": "the road is blocked by others"}])");
  json claimed = pause;
  claimed["claims"] = json::parse(R"([{"exception": "blocked", "by": "AZ"}, {"exception": "blocked", "by": "AM"}])");
  const json finding = ev("f", "2020-11-13T10:00:00+04:00", "protest",
                          {{"finds", json::parse(R"([{"by": "MON", "event": "s", "exception": "blocked", "holds": true}])")}});
  CHECK(bearer_status(run(excepted, {first, claimed, resume, again, finding}, "2020-11-24T00:00:00+04:00"), "ca", "AZ") == "complied");
  // Unsettled, the claim is an open point.
  const json open = run(excepted, {first, claimed, resume, again}, "2020-11-24T00:00:00+04:00");
  CHECK(bearer_status(open, "ca", "AZ") == "undetermined");
  CHECK(obligation_of(open, "ca")["by_bearer"][0]["if_against"] == "cured");
  CHECK(obligation_of(open, "ca")["by_bearer"][0]["if_for"] == "complied");
}

TEST_CASE("continuing_activity: an agreed suspension stops the clock; an off-route patrol does not count") {
  const json o = ob("ca", "continuing_activity", patrols());
  const json first = patrol("p1", "2020-11-10T10:00:00+04:00");
  auto effect = [](const std::string& kind) {
    return json::array({json{{"kind", kind}, {"obligation", "ca"}, {"agreed_by", {"AZ", "AM"}}}});
  };
  const json s = ev("s", "2020-11-12T10:00:00+04:00", "protest", {{"effects", effect("suspend")}});
  const json r = ev("r", "2020-11-20T10:00:00+04:00", "protest", {{"effects", effect("resume")}});
  // 2 days before, 8 days suspended: due again 5 days after the resumption.
  CHECK(bearer_status(run(o, {first, s, r}, "2020-11-25T10:00:00+04:00"), "ca", "AZ") == "complied");
  CHECK(bearer_status(run(o, {first, s, r}, "2020-11-25T10:00:01+04:00"), "ca", "AZ") == "violated");
  // km 2: 1.9 km from the route counts, 2.1 km does not.
  const double on = east_of_meridian(39.75, 1.9), off = east_of_meridian(39.75, 2.1);
  CHECK(bearer_status(run(o, patrol("p", "2020-11-14T10:00:00+04:00", on), "2020-11-16T12:00:00+04:00"), "ca", "AZ") == "complied");
  const json env = run(o, patrol("p", "2020-11-14T10:00:00+04:00", off), "2020-11-16T12:00:00+04:00");
  CHECK(bearer_status(env, "ca", "AZ") == "violated");
  CHECK(role_of(env, "ca", "p", "AZ") == "off_route");
}

TEST_CASE("continuing_activity: bad parameters are located issues") {
  auto with = [](const json& params) { return agreement_for(as_array(ob("ca", "continuing_activity", params))); };
  const std::string p = "/obligations/0/params";
  CHECK(has_issue(with(json::parse(R"({"start": {"date": "2020-11-15"}, "event_types": ["patrol"]})")), "field.missing", p));
  CHECK(has_issue(with(json::parse(R"({"start": {"date": "2020-11-15"}, "route": "nowhere", "event_types": ["patrol"]})")), "ref.line",
                  p + "/route"));
  CHECK(has_issue(with(json::parse(R"({"route": "mer", "event_types": ["patrol"]})")), "field.missing", p));
  CHECK(has_issue(with(json::parse(R"({"start": {"date": "2020-11-15"}, "route": "mer", "event_types": ["patrol"], "coverage": 0.5})")),
                  "field.unknown", p + "/coverage"));
  CHECK(has_issue(with(json::parse(R"({"start": {"date": "2020-11-15"}, "route": "mer", "event_types": ["patrol"], "km": -2})")),
                  "field.range", p + "/km"));
  CHECK(has_issue(with(json::parse(R"({"start": {"date": "2020-11-15"}, "route": "mer", "event_types": ["patrol"], "max_gap": {}})")),
                  "type.duration", p + "/max_gap"));
  CHECK(has_issue(with(json::parse(R"({"start": {"before_each": {"event_types": ["patrol"]}, "within": {"days": 1}}, "route": "mer",
                                       "event_types": ["patrol"]})")),
                  "deadline.form", p + "/start"));
  CHECK(has_issue(with(json::parse(R"({"start": 5, "route": "mer", "event_types": ["patrol"]})")), "type.object", p + "/start"));
  // max_gap of 100000 years: no overflow, no lapse.
  const json o = ob("ca", "continuing_activity", patrols({{"max_gap", {{"years", 100000}}}}));
  CHECK(bearer_status(run(o, patrol("p", "2020-11-14T10:00:00+04:00"), "2030-01-01T00:00:00+04:00"), "ca", "AZ") == "complied");
}

// ---- balance ------------------------------------------------------------------------------------------------

namespace {

json rotation(const json& extra = json::object()) {
  json p = json::parse(R"({"from": "2020-11-01T00:00:00+04:00", "in_event_types": ["arrival"], "out_event_types": ["departure"],
                           "categories": ["troops", "tanks"], "per": "month"})");
  for (auto it = extra.begin(); it != extra.end(); ++it) p[it.key()] = it.value();
  return p;
}

json move(const std::string& id, const std::string& time, bool in, double n, const json& extra = json::object()) {
  json e = ev(id, time, in ? "arrival" : "departure",
              {{"actors", by("AZ")}, {"where", at(39.1, 46.1)}, {"quantities", {{{"category", "troops"}, {"value", n}}}}});
  for (auto it = extra.begin(); it != extra.end(); ++it) e[it.key()] = it.value();
  return e;
}

const json* period(const json& env, const std::string& label) {
  for (const auto& p : obligation_of(env, "bal")["progress"]) {
    if (p["period"] == label) return &p;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("balance: the last minute of a month belongs to it; a month is judged when it ends") {
  const json o = ob("bal", "balance", rotation(), {"AZ"});
  const json out = move("out", "2020-11-10T10:00:00+04:00", false, 100);
  const json in_last = move("in", "2020-11-30T23:59:00+04:00", true, 100);
  const json in_next = move("in", "2020-12-01T00:00:00+04:00", true, 100);
  const json same = run(o, {out, in_last}, "2020-12-05T00:00:00+04:00");
  CHECK(bearer_status(same, "bal", "AZ") == "complied");
  REQUIRE(period(same, "2020-11"));
  CHECK((*period(same, "2020-11"))["status"] == "balanced");
  CHECK((*period(same, "2020-11"))["categories"][0]["balance"] == 0);
  const json next = run(o, {out, in_next}, "2020-12-31T23:59:59+04:00");
  CHECK(bearer_status(next, "bal", "AZ") == "pending");  // December over so far, not judged yet
  CHECK((*period(next, "2020-11"))["status"] == "under");
  CHECK((*period(next, "2020-12"))["status"] == "open_over_so_far");
  const json judged = run(o, {out, in_next}, "2021-01-01T00:00:00+04:00");
  CHECK(bearer_status(judged, "bal", "AZ") == "violated");
  CHECK((*period(judged, "2020-12"))["status"] == "over");
  CHECK((*period(judged, "2020-12"))["categories"][0]["over_by"] == 100);
  // A month over, judged at its end.
  const json over = move("in2", "2020-11-20T10:00:00+04:00", true, 150);
  CHECK(bearer_status(run(o, {out, over}, "2020-11-30T23:59:59+04:00"), "bal", "AZ") == "pending");
  CHECK(bearer_status(run(o, {out, over}, "2020-12-01T00:00:00+04:00"), "bal", "AZ") == "violated");
}

TEST_CASE("balance: weeks run Monday to Sunday, days midnight to midnight, in the agreement's zone") {
  // 2020-11-15 was a Sunday.
  const json in = move("in", "2020-11-15T23:00:00+04:00", true, 10);
  const json out_monday = move("out", "2020-11-16T01:00:00+04:00", false, 10);
  const json out_sunday = move("out", "2020-11-15T01:00:00+04:00", false, 10);
  const json weekly = ob("bal", "balance", rotation({{"per", "week"}}), {"AZ"});
  CHECK(bearer_status(run(weekly, {in, out_monday}, "2020-11-30T00:00:00+04:00"), "bal", "AZ") == "violated");
  CHECK(bearer_status(run(weekly, {in, out_sunday}, "2020-11-30T00:00:00+04:00"), "bal", "AZ") == "complied");
  CHECK(period(run(weekly, {in, out_sunday}, "2020-11-30T00:00:00+04:00"), "week of 2020-11-09"));
  const json daily = ob("bal", "balance", rotation({{"per", "day"}}), {"AZ"});
  CHECK(bearer_status(run(daily, {in, out_sunday}, "2020-11-30T00:00:00+04:00"), "bal", "AZ") == "complied");
  // 23:00 on the 15th at +04:00 is 19:00Z; the same instant written in UTC is still the 15th's day here.
  const json in_utc = move("in", "2020-11-15T19:00:00Z", true, 10);
  CHECK(bearer_status(run(daily, {in_utc, out_sunday}, "2020-11-30T00:00:00+04:00"), "bal", "AZ") == "complied");
}

TEST_CASE("balance: periods without data, ranged figures, categories apart, ports") {
  const json o = ob("bal", "balance", rotation(), {"AZ"});
  // January without data: shown, not a violation.
  const json env = run(o, {move("a", "2020-11-05T10:00:00+04:00", true, 5), move("b", "2020-11-06T10:00:00+04:00", false, 5)},
                       "2021-02-15T00:00:00+04:00");
  CHECK(bearer_status(env, "bal", "AZ") == "complied");
  const json* none = period(env, "2020-12 to 2021-02");
  REQUIRE(none);
  CHECK((*none)["data"] == false);
  CHECK((*none)["periods"] == 3);
  // A figure given as a range that decides the month is an open point.
  const json ranged = move("in", "2020-11-05T10:00:00+04:00", true, 100,
                           {{"quantities", {{{"category", "troops"}, {"value", 100}, {"min", 90}, {"max", 110}}}}});
  CHECK(bearer_status(run(o, {ranged, move("out", "2020-11-06T10:00:00+04:00", false, 100)}, "2020-12-05T00:00:00+04:00"), "bal", "AZ") ==
        "undetermined");
  CHECK(bearer_status(run(o, {ranged, move("out", "2020-11-06T10:00:00+04:00", false, 110)}, "2020-12-05T00:00:00+04:00"), "bal", "AZ") ==
        "complied");
  // Piece for piece of the same type: tanks out do not balance troops in.
  const json tanks_out = move("out", "2020-11-06T10:00:00+04:00", false, 0, {{"quantities", {{{"category", "tanks"}, {"value", 5}}}}});
  CHECK(bearer_status(run(o, {move("in", "2020-11-05T10:00:00+04:00", true, 5), tanks_out}, "2020-12-05T00:00:00+04:00"), "bal", "AZ") ==
        "violated");
  // Ports: an inflow outside them is a violation at once; without coordinates, an open point.
  const json ported = ob("bal", "balance", rotation({{"ports", {"port"}}}), {"AZ"});
  const json outside = move("in", "2020-11-05T10:00:00+04:00", true, 5, {{"where", at(39.5, 46.5)}});
  const json balancing = move("out", "2020-11-06T10:00:00+04:00", false, 5);
  const json v = run(ported, {outside, balancing}, "2020-11-10T00:00:00+04:00");
  CHECK(bearer_status(v, "bal", "AZ") == "violated");
  CHECK(role_of(v, "bal", "in") == "violation");
  CHECK(note_of(v, "bal", "in").find("not through a designated port") != std::string::npos);
  CHECK(bearer_status(run(ported, {move("in", "2020-11-05T10:00:00+04:00", true, 5), balancing}, "2020-11-10T00:00:00+04:00"), "bal", "AZ") ==
        "complied");
  json unplaced = move("in", "2020-11-05T10:00:00+04:00", true, 5);
  unplaced.erase("where");
  CHECK(bearer_status(run(ported, {unplaced, balancing}, "2020-11-10T00:00:00+04:00"), "bal", "AZ") == "undetermined");
  // Per bearer: AM's ports differ from AZ's.
  const json per_bearer = ob("bal", "balance", rotation({{"ports", {{"AZ", {"port"}}, {"AM", {"am-area"}}}}}));
  const json am_in = move("am", "2020-11-05T10:00:00+04:00", true, 5, {{"actors", by("AM")}});
  const json am_out = move("am-out", "2020-11-06T10:00:00+04:00", false, 5, {{"actors", by("AM")}});
  const json pb = run(per_bearer, {am_in, am_out}, "2020-11-10T00:00:00+04:00");
  CHECK(bearer_status(pb, "bal", "AM") == "violated");  // the port area is AZ's, not AM's
  CHECK(bearer_status(pb, "bal", "AZ") == "complied");
}

TEST_CASE("balance: bad parameters are located issues; a century of days is one row") {
  auto with = [](const json& params) { return agreement_for(as_array(ob("bal", "balance", params, {"AZ"}))); };
  const std::string p = "/obligations/0/params";
  CHECK(has_issue(with(rotation({{"per", "fortnight"}})), "field.enum", p + "/per"));
  CHECK(has_issue(with(rotation({{"categories", json::array()}})), "field.empty", p + "/categories"));
  CHECK(has_issue(with(rotation({{"out_event_types", {"arrival"}}})), "field.overlap", p + "/out_event_types"));
  CHECK(has_issue(with(rotation({{"ports", {{"RU", {"port"}}}}})), "ref.bearer", p + "/ports/RU"));
  CHECK(has_issue(with(rotation({{"ports", {"nowhere"}}})), "ref.area", p + "/ports/0"));
  CHECK(has_issue(with(rotation({{"ports", 3}})), "type.array", p + "/ports"));
  json missing = rotation();
  missing.erase("in_event_types");
  CHECK(has_issue(with(missing), "field.missing", p));
  const json daily = ob("bal", "balance", rotation({{"from", "1920-01-01T00:00:00+04:00"}, {"per", "day"}}), {"AZ"});
  const json env = run(daily, move("in", "2020-11-05T10:00:00+04:00", true, 5), "2020-11-10T00:00:00+04:00");
  CHECK(bearer_status(env, "bal", "AZ") == "violated");
  CHECK(obligation_of(env, "bal")["progress"].size() == 3);  // no data until 2020-11-04, the 5th, no data since
}
