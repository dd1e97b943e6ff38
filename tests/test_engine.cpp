// Verdicts per kind and per edge, on small synthetic agreements.
#include <doctest/doctest.h>

#include "kinds/kind.hpp"
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

json at(double lat, double lon) { return json{{"lat", lat}, {"lon", lon}}; }
json by(const std::string& party) { return forces_of(party); }

const json kCeasefireParams = json::parse(R"({"from": "2020-11-10T00:00:00+03:00", "event_types": ["armed_clash"],
                                              "scope": {"within_areas": ["zone"]}})");

// nlohmann reads a one-element braced list as a copy of that element, not an array: accept both.
json as_array(const json& value) { return value.is_array() ? value : json::array({value}); }

json run(const json& obligations_in, const json& events_in, const std::string& as_of, const json& extra = json::object()) {
  const json obligations = as_array(obligations_in);
  const json events = as_array(events_in);
  json options = extra;
  options["as_of"] = as_of;
  const json env = check(agreement_with(obligations), events_with(events), options);
  REQUIRE_MESSAGE(env.value("ok", false), env.dump());
  return env;
}

std::string role_of(const json& env, const std::string& obligation, const std::string& event) {
  for (const auto& e : obligation_of(env, obligation)["evidence"]) {
    if (e["event"] == event) return e["role"].get<std::string>();
  }
  return "<none>";
}

// The first reason an event was ignored for ("<not ignored>" when it was not).
std::string ignored_reason(const json& env, const std::string& event) {
  const auto reasons = ignored_reasons(env, event);
  return reasons.empty() ? "<not ignored>" : reasons.front();
}

}  // namespace

TEST_CASE("ceasefire start: 20:59Z before, 21:01Z after, a date-only day straddles") {
  const json obligations = {ob("cf", "prohibition", kCeasefireParams)};
  const json events = {
      ev("early", "2020-11-09T20:59:00Z", "armed_clash", {{"actors", by("AZ")}, {"where", at(39.8, 46.7)}}),
      ev("late", "2020-11-09T21:01:00Z", "armed_clash", {{"actors", by("AZ")}, {"where", at(39.8, 46.7)}}),
      ev("day", "2020-11-10", "armed_clash", {{"utc_offset", "+04:00"}, {"actors", by("AM")}, {"where", at(39.8, 46.7)}})};
  const json env = run(obligations, events, "2020-11-20T00:00:00+04:00");
  CHECK(bearer_status(env, "cf", "AZ") == "violated");
  CHECK(bearer_status(env, "cf", "AM") == "undetermined");
  CHECK(status_of(env, "cf") == "violated");
  CHECK(ignored_reason(env, "early") == "before_start");
  CHECK(role_of(env, "cf", "late") == "violation");
  CHECK(role_of(env, "cf", "day") == "possible_violation");
  // Before the start the obligation is not yet in force.
  const json before = run(obligations, events, "2020-11-09T20:00:00Z");
  CHECK(status_of(before, "cf") == "not_triggered");
}

TEST_CASE("spatial scope: outside is out of scope, no coordinates is undetermined, near a line counts") {
  json params = kCeasefireParams;
  json near_road = json::parse(R"({"from": "2020-11-10T00:00:00+03:00", "event_types": ["armed_clash"],
                                   "scope": {"within_km_of_lines": {"lines": ["road"], "km": 2.5}}})");
  const json obligations = {ob("cf", "prohibition", params), ob("road", "prohibition", near_road, {"AZ"})};
  const json events = {
      ev("border", "2020-11-12T10:00:00+04:00", "armed_clash", {{"actors", by("AZ")}, {"where", at(39.6, 45.5)}}),
      ev("nowhere", "2020-11-12T11:00:00+04:00", "armed_clash", {{"actors", by("AM")}}),
      ev("close", "2020-11-12T12:00:00+04:00", "armed_clash", {{"actors", by("AZ")}, {"where", at(39.81, 46.5)}}),
      ev("far", "2020-11-12T13:00:00+04:00", "armed_clash", {{"actors", by("AZ")}, {"where", at(39.9, 46.5)}})};
  const json env = run(obligations, events, "2020-12-01T00:00:00+04:00");
  // An act of a bearer outside the scope is listed as context, and not counted.
  CHECK(role_of(env, "cf", "border") == "out_of_scope");
  CHECK(bearer_status(env, "cf", "AM") == "undetermined");
  CHECK(role_of(env, "road", "close") == "violation");
  CHECK(role_of(env, "road", "far") == "out_of_scope");
  CHECK(role_of(env, "cf", "far") == "violation");
  CHECK(ignored_reason(env, "border") == "out_of_scope");
}

TEST_CASE("disputed: under any_report a violation resting only on denied allegations is flagged; a monitor's observation is not") {
  json cf = ob("cf", "prohibition", kCeasefireParams);
  cf["evidence_standard"] = {{"violation", "any_report"}};
  const json obligations = {cf};
  const json denied = {{"basis", "claimed"}, {"alleged_by", {"AM"}}, {"denied_by", {"AZ"}}};
  const json observed = {{"basis", "observed"}, {"alleged_by", {"AZ"}}, {"denied_by", {"AM"}}, {"observed_by", {"MON"}}};
  const json events = {
      ev("a", "2020-11-12T10:00:00+04:00", "armed_clash", {{"actors", by("AZ")}, {"where", at(39.8, 46.7)}, {"attribution", denied}}),
      ev("b", "2020-11-12T11:00:00+04:00", "armed_clash", {{"actors", by("AM")}, {"where", at(39.8, 46.7)}, {"attribution", observed}})};
  const json env = run(obligations, events, "2020-12-01T00:00:00+04:00");
  const json& o = obligation_of(env, "cf");
  for (const auto& b : o["by_bearer"]) CHECK(b["disputed"] == (b["party"] == "AZ"));
  CHECK(bearer_status(env, "cf", "AM") == "violated");
  // The obligation's violation does not rest only on disputed findings: Armenia's was observed.
  CHECK(o["disputed"] == false);
  const json only_denied = run(obligations, json::array({events[0]}), "2020-12-01T00:00:00+04:00");
  CHECK(obligation_of(only_denied, "cf")["disputed"] == true);
  CHECK(only_denied["report"]["summary"]["disputed"] == json::array({"cf"}));
}

TEST_CASE("positions: an advance inside the bearer's own area is consistent, outside is a violation") {
  const json params = json::parse(R"({"from": "2020-11-10T00:00:00+03:00", "event_types": ["territorial_advance"],
      "positions": {"AZ": ["az-area"], "AM": ["am-area"]}, "scope": {"within_areas": ["zone"]}})");
  const json events = {
      ev("own", "2020-11-12T10:00:00+04:00", "territorial_advance", {{"actors", by("AZ")}, {"where", at(39.2, 46.5)}}),
      ev("theirs", "2020-11-13T10:00:00+04:00", "territorial_advance", {{"actors", by("AM")}, {"where", at(39.2, 46.5)}})};
  const json env = run({ob("hold", "hold_positions", params)}, events, "2020-12-01T00:00:00+04:00");
  CHECK(bearer_status(env, "hold", "AZ") == "complied");
  CHECK(role_of(env, "hold", "own") == "consistent");
  CHECK(bearer_status(env, "hold", "AM") == "violated");
}

TEST_CASE("deadline: date-only is the end of that day in the agreement's zone; amendments and lateness") {
  const json params = json::parse(R"({"deadline": {"date": "2020-11-15"}, "amendable": true,
      "fulfilled_by": {"event_types": ["territory_handover"], "subject": "district-a"}})");
  const json obligations = {ob("hand", "act_by_deadline", params, {"AM"})};
  const json done_last_minute = json::array({ev("h", "2020-11-15T23:59:00+04:00", "territory_handover", {{"subject", "district-a"}})});
  CHECK(status_of(run(obligations, done_last_minute, "2020-12-01T00:00:00Z"), "hand") == "complied");
  const json done_after = json::array({ev("h", "2020-11-16T00:00:00+04:00", "territory_handover", {{"subject", "district-a"}})});
  CHECK(status_of(run(obligations, done_after, "2020-12-01T00:00:00Z"), "hand") == "complied_late");
  CHECK(status_of(run(obligations, json::array(), "2020-11-15T23:00:00+04:00"), "hand") == "pending");
  CHECK(status_of(run(obligations, json::array(), "2020-11-16T00:00:00+04:00"), "hand") == "violated");
  const json straddling = json::array({ev("h", "2020-11-15", "territory_handover", {{"subject", "district-a"}, {"utc_offset", "+03:00"}})});
  CHECK(status_of(run(obligations, straddling, "2020-12-01T00:00:00Z"), "hand") == "undetermined");

  json amended = {ev("amend", "2020-11-14T12:00:00+04:00", "deadline_amendment",
                     {{"effects", {{{"kind", "amend_deadline"}, {"obligation", "hand"}, {"deadline", {{"date", "2020-11-25"}}}}}}}),
                  ev("h", "2020-11-25T01:00:00+04:00", "territory_handover", {{"subject", "district-a"}})};
  const json mid = run(obligations, amended, "2020-11-20T00:00:00+04:00");
  CHECK(status_of(mid, "hand") == "pending");
  const json after = run(obligations, amended, "2020-12-01T00:00:00+04:00");
  CHECK(status_of(after, "hand") == "complied");
  const json& deadline = obligation_of(after, "hand")["deadline"];
  CHECK(deadline["against_original"] == "complied_late");
  REQUIRE(deadline["history"].size() == 2);
  CHECK(deadline["history"][0]["deadline"] == "2020-11-15");
  CHECK(deadline["history"][1]["set_by"] == "amend");
  // Before the amendment is announced the original deadline applies.
  CHECK(status_of(run(obligations, amended, "2020-11-14T00:00:00+04:00"), "hand") == "pending");
}

TEST_CASE("deadline: an amendment agreed by some parties only is shown and the deadline stands") {
  const json params = json::parse(R"({"deadline": {"date": "2020-11-15"}, "amendable": true,
      "fulfilled_by": {"event_types": ["territory_handover"], "subject": "district-a"}})");
  const json obligations = {ob("hand", "act_by_deadline", params, {"AM"})};
  auto log = [](const json& agreed_by) {
    json effect = {{"kind", "amend_deadline"}, {"obligation", "hand"}, {"deadline", {{"date", "2020-11-25"}}}};
    if (!agreed_by.is_null()) effect["agreed_by"] = agreed_by;
    return json{ev("amend", "2020-11-14T12:00:00+04:00", "deadline_amendment", {{"effects", json::array({effect})}}),
                ev("h", "2020-11-20T10:00:00+04:00", "territory_handover", {{"subject", "district-a"}})};
  };
  // The base agreement's parties of role "party" are AZ and AM (RU is the guarantor, whose agreement is not needed).
  CHECK(status_of(run(obligations, log(json::array({"AZ", "AM"})), "2020-12-01T00:00:00+04:00"), "hand") == "complied");
  CHECK(status_of(run(obligations, log(nullptr), "2020-12-01T00:00:00+04:00"), "hand") == "complied");
  const json one_sided = run(obligations, log(json::array({"AM"})), "2020-12-01T00:00:00+04:00");
  CHECK(status_of(one_sided, "hand") == "complied_late");
  CHECK(obligation_of(one_sided, "hand")["deadline"]["history"].size() == 1);
  CHECK(role_of(one_sided, "hand", "amend") == "context");
}

TEST_CASE("anchored deadline: not triggered until the anchor is done, then counted from its day") {
  const json a = ob("meet", "act_by_deadline", json::parse(R"({"deadline": {"date": "2021-01-30"},
      "fulfilled_by": {"event_types": ["meeting_held"], "subject": "group"}})"), {"AZ", "AM"});
  const json b = ob("lists", "act_by_deadline", json::parse(R"({"deadline": {"after": "meet", "within": {"months": 1}},
      "fulfilled_by": {"event_types": ["lists_submitted"]}})"), {"AZ", "AM"});
  CHECK(status_of(run({a, b}, json::array(), "2021-01-20T00:00:00+04:00"), "lists") == "not_triggered");
  const json met = json::array({ev("m", "2021-01-30T10:00:00+04:00", "meeting_held", {{"subject", "group"}})});
  const json env = run({a, b}, met, "2021-02-27T00:00:00+04:00");
  CHECK(status_of(env, "lists") == "pending");
  CHECK(obligation_of(env, "lists")["deadline"]["deadline"].get<std::string>().rfind("2021-02-28", 0) == 0);
  CHECK(status_of(run({a, b}, met, "2021-03-01T00:00:00+04:00"), "lists") == "violated");
  const json both = {ev("m", "2021-01-30T10:00:00+04:00", "meeting_held", {{"subject", "group"}}),
                     ev("l", "2021-02-20T10:00:00+04:00", "lists_submitted")};
  CHECK(status_of(run({a, b}, both, "2021-03-05T00:00:00+04:00"), "lists") == "complied");
}

TEST_CASE("trigger: an act that exists only after its trigger") {
  const json o = ob("cond", "act_by_deadline", json::parse(R"({"fulfilled_by": {"event_types": ["withdrawal"]},
      "trigger": {"event_types": ["protest"]}})"), {"RU"});
  CHECK(status_of(run({o}, json::array(), "2021-01-01T00:00:00Z"), "cond") == "not_triggered");
  CHECK(status_of(run({o}, {ev("t", "2020-12-01T00:00:00Z", "protest")}, "2021-01-01T00:00:00Z"), "cond") == "pending");
}

TEST_CASE("caps: levels, increments, planned figures, unlisted categories and cure") {
  const json o = ob("cap", "quantity_cap", json::parse(R"({"event_types": ["deployment"],
      "caps": [{"category": "servicemen", "max": 100}, {"category": "apc", "max": 5}]})"), {"RU"});
  auto q = [](const std::string& cat, double v, const std::string& basis) {
    return json::array({json{{"category", cat}, {"value", v}, {"basis", basis}}});
  };
  const json events = {ev("plan", "2020-11-10T00:00:00Z", "deployment", {{"quantities", q("servicemen", 500, "planned")}}),
                       ev("d1", "2020-11-11T00:00:00Z", "deployment", {{"quantities", q("servicemen", 60, "increment")}}),
                       ev("d2", "2020-11-12T00:00:00Z", "deployment", {{"quantities", q("servicemen", 60, "increment")}}),
                       ev("heli", "2020-11-12T06:00:00Z", "deployment", {{"quantities", q("helicopters", 8, "level")}}),
                       ev("d3", "2020-11-13T00:00:00Z", "deployment", {{"quantities", q("servicemen", 90, "level")}})};
  CHECK(status_of(run({o}, events, "2020-11-11T12:00:00Z"), "cap") == "complied");
  const json over = run({o}, events, "2020-11-12T12:00:00Z");
  CHECK(status_of(over, "cap") == "violated");
  CHECK(role_of(over, "cap", "heli") == "not_covered");
  CHECK(role_of(over, "cap", "plan") == "planned");
  CHECK(status_of(run({o}, events, "2020-11-14T00:00:00Z"), "cap") == "cured");
}

TEST_CASE("exchange: all for all without a total stays undetermined; agreed totals decide") {
  const json all = ob("x", "exchange", json::parse(R"({"categories": ["prisoners"], "event_types": ["prisoner_exchange"],
      "principle": "all for all", "agreed_totals": null})"));
  const json batch = json::array({ev("e", "2020-12-14T22:00:00+04:00", "prisoner_exchange",
                         {{"quantities", {{{"category", "prisoners"}, {"value", 12}, {"from", "AM"}, {"to", "AZ"}},
                                          {{"category", "prisoners"}, {"value", 44}, {"from", "AZ"}, {"to", "AM"}}}}})});
  CHECK(status_of(run({all}, json::array(), "2021-01-01T00:00:00Z"), "x") == "pending");
  const json env = run({all}, batch, "2021-01-01T00:00:00Z");
  CHECK(status_of(env, "x") == "undetermined");
  CHECK(obligation_of(env, "x")["progress"]["completeness"] == "partial");
  const json agreed = ob("y", "exchange", json::parse(R"({"categories": ["prisoners"], "event_types": ["prisoner_exchange"],
      "agreed_totals": {"AM": 44, "AZ": 20}, "deadline": {"date": "2020-12-31"}})"));
  CHECK(bearer_status(run({agreed}, batch, "2020-12-20T00:00:00Z"), "y", "AZ") == "complied");
  CHECK(bearer_status(run({agreed}, batch, "2020-12-20T00:00:00Z"), "y", "AM") == "pending");
  CHECK(bearer_status(run({agreed}, batch, "2021-01-02T00:00:00Z"), "y", "AM") == "violated");
}

TEST_CASE("term: renewal, notice in time and late notice") {
  const json o = ob("term", "term", json::parse(R"({"start": "2020-11-10T00:00:00+03:00", "term": {"years": 5},
      "renewal": {"period": {"years": 5}, "automatic": true},
      "notice": {"before_expiry": {"months": 6}, "by": ["AZ", "AM"]}, "breach_event_types": ["withdrawal"]})"), {"RU"});
  const json first = run({o}, json::array(), "2021-01-01T00:00:00Z");
  CHECK(status_of(first, "term") == "complied");
  CHECK(obligation_of(first, "term")["progress"]["expires"] == "2025-11-10T01:00:00+04:00");
  CHECK(obligation_of(first, "term")["progress"]["notice_deadline"] == "2025-05-10T01:00:00+04:00");
  CHECK(obligation_of(run({o}, json::array(), "2026-01-01T00:00:00Z"), "term")["progress"]["period"] == 2);
  const json notice = json::array({ev("n", "2025-03-01T00:00:00Z", "notice_of_termination",
                          {{"effects", {{{"kind", "notice"}, {"obligation", "term"}, {"party", "AZ"}}}}})});
  const json ended = run({o}, notice, "2026-01-01T00:00:00Z");
  CHECK(obligation_of(ended, "term")["progress"]["ended"] == true);
  CHECK(obligation_of(ended, "term")["progress"]["period"] == 1);
  const json late = json::array({ev("n", "2025-07-01T00:00:00Z", "notice_of_termination",
                        {{"effects", {{{"kind", "notice"}, {"obligation", "term"}, {"party", "AZ"}}}}})});
  // Too late to stop the first renewal, but in time for the second period: it ends the regime in 2030.
  const json renewed = run({o}, late, "2026-01-01T00:00:00Z");
  CHECK(obligation_of(renewed, "term")["progress"]["period"] == 2);
  CHECK(obligation_of(renewed, "term")["progress"]["ending_notice"] == "n");
  CHECK(role_of(renewed, "term", "n") == "notice");
  CHECK(obligation_of(run({o}, late, "2031-01-01T00:00:00Z"), "term")["progress"]["ended"] == true);
  const json both = {late[0], ev("m", "2026-01-01T00:00:00Z", "notice_of_termination",
                                  {{"effects", {{{"kind", "notice"}, {"obligation", "term"}, {"party", "AM"}}}}})};
  CHECK(role_of(run({o}, both, "2027-01-01T00:00:00Z"), "term", "m") == "notice");
  CHECK(status_of(run({o}, {ev("w", "2024-04-01T00:00:00Z", "withdrawal", {{"actors", by("RU")}})}, "2024-05-01T00:00:00Z"),
                  "term") == "violated");
}

TEST_CASE("qualitative never claims a verdict; every kind of the format is evaluated") {
  const json q = ob("q", "qualitative", json::parse(R"({"event_types": ["refugee_return"], "reason": "no test."})"));
  const json k = ob("k", "keep_distance", json::parse(R"({"from": "2020-11-10T00:00:00+03:00", "event_types": ["armed_clash"],
      "zones": [{"party": "AZ", "from_lines": ["road"], "km": 5}, {"party": "AM", "from_lines": ["road"], "km": 5}]})"));
  const json env = run({q, k}, {ev("r", "2020-11-14T12:00:00+04:00", "refugee_return")}, "2020-12-01T00:00:00Z");
  CHECK(status_of(env, "q") == "undetermined");
  CHECK(role_of(env, "q", "r") == "context");
  CHECK(status_of(env, "k") == "complied");
  for (const auto& issue : env["issues"]) CHECK(issue["code"] != "kind.not_evaluated");
  for (const char* kind : {"prohibition", "hold_positions", "keep_distance", "act_by_deadline", "recurring_act", "quantity_cap",
                           "rate", "staged_count", "exchange", "reciprocal", "ordering", "balance", "continuing_activity", "term",
                           "qualitative"}) {
    CAPTURE(kind);
    CHECK(pactcheck::find_kind(kind) != nullptr);
  }
  CHECK(pactcheck::all_kinds().size() == 15);
}

TEST_CASE("suspension: agreed by every party it suspends; a unilateral one is not accepted") {
  const json obligations = {ob("cf", "prohibition", kCeasefireParams)};
  auto effect = [](const std::string& kind, const json& agreed) {
    return json::array({json{{"kind", kind}, {"obligation", "cf"}, {"agreed_by", agreed}}});
  };
  const json events = {
      ev("s", "2020-11-15T00:00:00+04:00", "protest", {{"effects", effect("suspend", {"AZ", "AM"})}}),
      ev("during", "2020-11-16T00:00:00+04:00", "armed_clash", {{"actors", by("AZ")}, {"where", at(39.8, 46.7)}}),
      ev("r", "2020-11-20T00:00:00+04:00", "protest", {{"effects", effect("resume", json::array())}}),
      ev("after", "2020-11-21T00:00:00+04:00", "armed_clash", {{"actors", by("AM")}, {"where", at(39.8, 46.7)}})};
  const json during = run(obligations, events, "2020-11-17T00:00:00+04:00");
  CHECK(status_of(during, "cf") == "suspended");
  CHECK(role_of(during, "cf", "during") == "during_suspension");
  const json after = run(obligations, events, "2020-11-25T00:00:00+04:00");
  CHECK(bearer_status(after, "cf", "AZ") == "complied");
  CHECK(bearer_status(after, "cf", "AM") == "violated");
  json unilateral = events;
  unilateral[0]["effects"] = effect("suspend", {"AZ"});
  const json claimed = run(obligations, unilateral, "2020-11-17T00:00:00+04:00");
  CHECK(bearer_status(claimed, "cf", "AZ") == "violated");
  CHECK(role_of(claimed, "cf", "s") == "unilateral_suspension");
}

TEST_CASE("suspension stops a deadline's clock") {
  const json hand = ob("hand", "act_by_deadline", json::parse(R"({"deadline": {"date": "2020-11-20"},
      "fulfilled_by": {"event_types": ["territory_handover"]}})"), {"AM"});
  auto effect = [](const std::string& kind) {
    return json::array({json{{"kind", kind}, {"obligation", "hand"}, {"agreed_by", {"AZ", "AM"}}}});
  };
  const json events = {ev("s", "2020-11-15T00:00:00+04:00", "protest", {{"effects", effect("suspend")}}),
                       ev("r", "2020-11-25T00:00:00+04:00", "protest", {{"effects", effect("resume")}})};
  // Suspended over the original deadline: not violated.
  CHECK(status_of(run({hand}, json::array({events[0]}), "2020-11-22T00:00:00+04:00"), "hand") == "suspended");
  // Resumed after ten days: the deadline moves ten days later.
  const json after = run({hand}, events, "2020-11-28T00:00:00+04:00");
  CHECK(status_of(after, "hand") == "pending");
  CHECK(obligation_of(after, "hand")["deadline"]["due_before"] == "2020-12-01T00:00:00+04:00");
  CHECK(status_of(run({hand}, events, "2020-12-01T00:00:00+04:00"), "hand") == "violated");
}
