#include <doctest/doctest.h>

#include "pactcheck/readers.hpp"
#include "support.hpp"

using namespace pactcheck;
using nlohmann::json;
using pactcheck::testing::agreement_with;
using pactcheck::testing::base_agreement;

namespace {
const json kCeasefire = json::parse(R"([{"id": "cf", "instrument": "s", "point": "1", "text": "Cease fire.",
  "bearers": ["AZ", "AM"], "kind": "prohibition",
  "params": {"from": "2020-11-10T00:00:00+03:00", "event_types": ["armed_clash"], "scope": {"within_areas": ["zone"]}}}])");

std::vector<Issue> agreement_issues(const std::string& text) {
  std::vector<Issue> issues;
  read_agreement(text, "agreement.json", Limits{}, issues);
  return issues;
}

bool has(const std::vector<Issue>& issues, const std::string& code, const std::string& pointer) {
  for (const Issue& i : issues) {
    if (i.code == code && i.pointer == pointer) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("a valid agreement reads without issues") {
  std::vector<Issue> issues;
  auto a = read_agreement(agreement_with(kCeasefire), "agreement.json", Limits{}, issues);
  CHECK(issues.empty());
  REQUIRE(a);
  CHECK(a->obligations.size() == 1);
  CHECK(a->zone.offset_minutes_at(0) == 240);
  CHECK(a->canonical_digest.size() == 64);
}

TEST_CASE("agreement errors name their JSON Pointer") {
  json o = kCeasefire;
  o[0]["kind"] = "teleport";
  CHECK(has(agreement_issues(agreement_with(o)), "kind.unknown", "/obligations/0/kind"));

  o = kCeasefire;
  o[0]["bearers"] = {"AZ", "XX"};
  CHECK(has(agreement_issues(agreement_with(o)), "ref.party", "/obligations/0/bearers/1"));

  o = kCeasefire;
  o[0]["params"]["scope"]["within_areas"] = {"nowhere"};
  CHECK(has(agreement_issues(agreement_with(o)), "ref.area", "/obligations/0/params/scope/within_areas/0"));

  o = kCeasefire;
  o[0]["params"]["event_types"] = {"unheard_of"};
  CHECK(has(agreement_issues(agreement_with(o)), "ref.event_type", "/obligations/0/params/event_types/0"));

  o = kCeasefire;
  o[0]["params"]["from"] = "2020-11-10T00:00:00";
  CHECK(has(agreement_issues(agreement_with(o)), "time.invalid", "/obligations/0/params/from"));

  o = kCeasefire;
  o[0]["params"]["colour"] = "red";
  CHECK(has(agreement_issues(agreement_with(o)), "field.unknown", "/obligations/0/params/colour"));

  json a = base_agreement();
  a["obligations"] = kCeasefire;
  a["areas"][0]["geometry"]["coordinates"][0][1] = {47.5, 91.0};
  CHECK(has(agreement_issues(a.dump()), "geo.range", "/areas/0/geometry/coordinates/0/1/1"));
  a = base_agreement();
  a["obligations"] = kCeasefire;
  a["version"] = 2;
  CHECK(has(agreement_issues(a.dump()), "format.version", "/version"));
  CHECK(has(agreement_issues("[]"), "type.object", ""));
}

TEST_CASE("a cycle of relative deadlines is refused") {
  const json o = json::parse(R"([
    {"id": "a", "instrument": "s", "point": "1", "text": "A.", "bearers": ["AZ"], "kind": "act_by_deadline",
     "params": {"deadline": {"after": "b", "within": {"days": 3}}, "fulfilled_by": {"event_types": ["meeting_held"]}}},
    {"id": "b", "instrument": "s", "point": "2", "text": "B.", "bearers": ["AM"], "kind": "act_by_deadline",
     "params": {"deadline": {"after": "a", "within": {"days": 3}}, "fulfilled_by": {"event_types": ["meeting_held"]}}}])");
  const auto issues = agreement_issues(agreement_with(o));
  CHECK(has(issues, "ref.cycle", "/obligations/1/params/deadline/after"));
  const json dangling = json::parse(R"([
    {"id": "a", "instrument": "s", "point": "1", "text": "A.", "bearers": ["AZ"], "kind": "act_by_deadline",
     "params": {"deadline": {"after": "ghost", "within": {"days": 3}}, "fulfilled_by": {"event_types": ["meeting_held"]}}}])");
  CHECK(has(agreement_issues(agreement_with(dangling)), "ref.obligation", "/obligations/0/params/deadline/after"));
}

TEST_CASE("event problems: fatal ones are errors, one-event ones ignore that event with a warning") {
  std::vector<Issue> issues;
  auto agreement = read_agreement(agreement_with(kCeasefire), "agreement.json", Limits{}, issues);
  REQUIRE(agreement);
  std::vector<Event> events;
  auto sink = [&](Event&& e) { events.push_back(std::move(e)); };
  const std::string log = pactcheck::testing::events_with(json::parse(R"([
    {"id": "e1", "time": "2020-11-12T10:00:00+04:00", "type": "armed_clash", "where": {"lat": 91, "lon": 46.5}},
    {"id": "e2", "time": "2020-11-12T10:00:00", "type": "armed_clash"},
    {"id": "e3", "time": "2020-11-12T10:00:00Z", "type": "teleportation"},
    {"id": "e4", "time": "2020-11-12", "utc_offset": "+04:00", "type": "armed_clash"},
    {"id": "e5", "time": "2020-11-12", "type": "armed_clash"}
  ])"));
  issues.clear();
  REQUIRE(read_events(log, "events.json", Limits{}, agreement.get(), sink, issues, nullptr));
  REQUIRE(events.size() == 5);
  CHECK(events[0].ignore_reason == "malformed");
  CHECK(has(issues, "geo.range", "/events/0/where/lat"));
  CHECK(events[1].ignore_reason == "malformed");
  CHECK(has(issues, "time.invalid", "/events/1/time"));
  CHECK(events[2].ignore_reason == "unknown_type");
  CHECK(has(issues, "event.unknown_type", "/events/2/type"));
  CHECK(events[3].ignore_reason.empty());
  CHECK(events[3].precision == "day");
  CHECK(events[4].ignore_reason == "malformed");
  CHECK(has(issues, "time.no_offset", "/events/4/time"));
  for (const Issue& i : issues) CHECK(i.severity == Severity::kWarning);

  issues.clear();
  events.clear();
  const std::string dup = pactcheck::testing::events_with(json::parse(R"([
    {"id": "x", "time": "2020-11-12T10:00:00Z", "type": "armed_clash"},
    {"id": "x", "time": "2020-11-13T10:00:00Z", "type": "armed_clash"}])"));
  CHECK_FALSE(read_events(dup, "events.json", Limits{}, agreement.get(), sink, issues, nullptr));
  CHECK(has(issues, "ref.duplicate", "/events/1/id"));

  issues.clear();
  CHECK_FALSE(read_events(R"({"format": "pactcheck/events", "version": 1, "events": [42]})", "events.json", Limits{},
                          agreement.get(), sink, issues, nullptr));
  CHECK(has(issues, "type.object", "/events/0"));

  issues.clear();
  CHECK_FALSE(read_events(R"({"format": "pactcheck/agreement", "version": 1, "events": []})", "events.json", Limits{},
                          agreement.get(), sink, issues, nullptr));
  CHECK(has(issues, "format.tag", "/format"));

  issues.clear();
  Limits few;
  few.max_events = 1;
  CHECK_FALSE(read_events(dup, "events.json", few, agreement.get(), sink, issues, nullptr));
  CHECK(has(issues, "limit.events", "/events/1"));
}
