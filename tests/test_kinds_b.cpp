// rate, staged_count, reciprocal, ordering and recurring_act on small synthetic agreements, at instants on both
// sides of each boundary (the last millisecond of a period or a day, day 0 against day 1 counting).
#include <doctest/doctest.h>

#include "support.hpp"

using nlohmann::json;
using namespace pactcheck::testing;

namespace {

json ob(const std::string& id, const std::string& kind, const json& params, const json& bearers = json::array({"AZ"})) {
  return obligation_json(id, kind, params, bearers);
}

json ev(const std::string& id, const std::string& time, const std::string& type, const json& extra = json::object()) {
  return event_json(id, time, type, extra);
}

json qty(const std::string& category, double value) { return json{{"category", category}, {"value", value}}; }
json by(const std::string& party) { return forces_of(party); }

json as_array(const json& value) { return value.is_array() ? value : json::array({value}); }

// The unit agreement's vocabulary, with the event types these kinds look at.
json vocabulary() {
  json v = base_agreement()["vocabulary"];
  for (const char* t : {"aid_entry", "entry_refused", "rotation", "hostage_release", "prisoner_release", "names_delivered"}) {
    v["event_types"].push_back(json{{"id", t}});
  }
  return json{{"vocabulary", v}};
}

json run(const json& obligations_in, const json& events_in, const std::string& as_of) {
  const json env =
      check(agreement_with(as_array(obligations_in), vocabulary()), events_with(as_array(events_in)), json{{"as_of", as_of}});
  REQUIRE_MESSAGE(env.value("ok", false), env.dump());
  return env;
}

json issues_of(const json& obligations_in) {
  const json env = check(agreement_with(as_array(obligations_in), vocabulary()), events_with(json::array()),
                         json{{"as_of", "2020-12-01T00:00:00+04:00"}});
  return env.value("issues", json::array());
}

bool has_issue_at(const json& issues, const std::string& pointer) {
  for (const auto& i : issues) {
    if (i.value("pointer", std::string()) == pointer && i.value("severity", std::string()) == "error") return true;
  }
  return false;
}

}  // namespace

std::string explanation(const json& env, const std::string& id) {
  return obligation_of(env, id).value("explanation", std::string());
}

// ---- rate ------------------------------------------------------------------------------------------------------

json daily_floor(const std::string& measure) {
  return json{{"category", "trucks"},
              {"per", "day"},
              {"min", 10},
              {"measure", measure},
              {"event_types", {"aid_entry"}},
              {"obstruction_event_types", {"entry_refused"}},
              {"from", "2020-11-10T00:00:00+04:00"}};
}

TEST_CASE("rate: a day is judged from its last millisecond; an event at 00:00 belongs to the next day") {
  const json events = {ev("d10", "2020-11-10T12:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 10)}}}),
                       ev("d11", "2020-11-11T23:59:59.999+04:00", "aid_entry", {{"quantities", {qty("trucks", 9)}}}),
                       ev("d12", "2020-11-12T00:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 1)}}})};
  const json o = ob("r", "rate", daily_floor("each_period"));
  const json before = run(o, events, "2020-11-11T23:59:59.998+04:00");
  CHECK(status_of(before, "r") == "complied");  // 10 November met; 11 November not over yet
  const auto& p = obligation_of(before, "r")["progress"]["ledgers"][0]["periods"];
  REQUIRE(p.size() == 2);
  CHECK(p[1]["status"] == "pending");
  const json after = run(o, events, "2020-11-11T23:59:59.999+04:00");
  CHECK(status_of(after, "r") == "violated");
  const auto& q = obligation_of(after, "r")["progress"]["ledgers"][0]["periods"];
  CHECK(q[1]["period"] == "2020-11-11");
  CHECK(q[1]["figure"] == 9);
  CHECK(q[1]["short_by"] == 1);
  CHECK(explanation(after, "r").find("2020-11-11 (9 of at least 10, 1 short)") != std::string::npos);
  // The next day's first millisecond is in the next day.
  const json later = run(o, events, "2020-11-12T23:59:59.999+04:00");
  CHECK(obligation_of(later, "r")["progress"]["ledgers"][0]["periods"][2]["figure"] == 1);
}

TEST_CASE("rate: a floor met on average but not every day: each_period violated, average complied") {
  const json events = {ev("a", "2020-11-10T12:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 12)}}}),
                       ev("b", "2020-11-11T12:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 8)}}})};
  const json env = run({ob("each", "rate", daily_floor("each_period")), ob("avg", "rate", daily_floor("average"))}, events,
                       "2020-11-12T06:00:00+04:00");
  CHECK(status_of(env, "each") == "violated");
  CHECK(status_of(env, "avg") == "complied");
  CHECK(obligation_of(env, "avg")["progress"]["ledgers"][0]["average"]["average"] == 10);
}

TEST_CASE("rate: a day without a report is undetermined, never complied; average counts it as zero for the bound") {
  const json events = {ev("a", "2020-11-10T12:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 30)}}}),
                       ev("c", "2020-11-12T12:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 10)}}})};
  const json env = run({ob("each", "rate", daily_floor("each_period")), ob("avg", "rate", daily_floor("average"))}, events,
                       "2020-11-13T00:00:00+04:00");
  CHECK(status_of(env, "each") == "undetermined");
  CHECK(explanation(env, "each").find("o report for 2020-11-11") != std::string::npos);
  CHECK(status_of(env, "avg") == "complied");  // 40 over 3 days is above 10 even with 11 November as zero
  const json low = run(ob("avg", "rate", daily_floor("average")),
                       {ev("a", "2020-11-10T12:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 12)}}}),
                        ev("c", "2020-11-12T12:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 12)}}})},
                       "2020-11-13T00:00:00+04:00");
  CHECK(status_of(low, "avg") == "undetermined");  // 24 over 3 days may or may not reach 30
}

TEST_CASE("rate: a partial first day is not held to the floor; a bounded average is pending until the end") {
  json params = daily_floor("average");
  params["from"] = "2020-11-10T12:00:00+04:00";
  params["until"] = "2020-11-13T00:00:00+04:00";
  const json events = {ev("a", "2020-11-10T13:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 1)}}}),
                       ev("b", "2020-11-11T12:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 10)}}}),
                       ev("c", "2020-11-12T12:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 10)}}})};
  const json mid = run(ob("avg", "rate", params), events, "2020-11-12T06:00:00+04:00");
  CHECK(status_of(mid, "avg") == "pending");
  const json end = run(ob("avg", "rate", params), events, "2020-11-12T23:59:59.999+04:00");
  CHECK(status_of(end, "avg") == "complied");
  const auto& p = obligation_of(end, "avg")["progress"]["ledgers"][0]["periods"];
  CHECK(p[0]["status"] == "not_judged");
  CHECK(p[0]["partial"] == true);
}

TEST_CASE("rate: a monthly cap, the last millisecond of the month, and a week from Monday") {
  const json cap = ob("cap", "rate",
                      json{{"category", "troops"},
                           {"per", "month"},
                           {"max", 100},
                           {"measure", "each_period"},
                           {"event_types", {"rotation"}},
                           {"from", "2020-11-01T00:00:00+04:00"}});
  const json events = {
      ev("n1", "2020-11-05T12:00:00+04:00", "rotation", {{"actors", by("AZ")}, {"quantities", {qty("troops", 60)}}}),
      ev("n2", "2020-11-30T23:59:59.999+04:00", "rotation", {{"actors", by("AZ")}, {"quantities", {qty("troops", 50)}}}),
      ev("d1", "2020-12-01T00:00:00+04:00", "rotation", {{"actors", by("AZ")}, {"quantities", {qty("troops", 90)}}})};
  CHECK(status_of(run(cap, events, "2020-11-30T23:59:59.998+04:00"), "cap") == "pending");
  const json env = run(cap, events, "2020-11-30T23:59:59.999+04:00");
  CHECK(status_of(env, "cap") == "violated");
  CHECK(obligation_of(env, "cap")["progress"]["ledgers"][0]["periods"][0]["over_by"] == 10);
  // Another party's rotation does not count against AZ's cap.
  const json other =
      run(cap, {ev("x", "2020-11-05T12:00:00+04:00", "rotation", {{"actors", by("AM")}, {"quantities", {qty("troops", 500)}}})},
          "2020-12-01T00:00:00+04:00");
  CHECK(status_of(other, "cap") == "undetermined");  // no report of AZ's rotations in November
  // Weeks start on Monday (9 November 2020 was one): Sunday 23:00 is in the first week, Monday 00:30 in the second.
  const json weekly = ob("w", "rate",
                         json{{"category", "trucks"},
                              {"per", "week"},
                              {"min", 5},
                              {"measure", "each_period"},
                              {"event_types", {"aid_entry"}},
                              {"from", "2020-11-09T00:00:00+04:00"}});
  const json wk = run(weekly,
                      {ev("sun", "2020-11-15T23:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 5)}}}),
                       ev("mon", "2020-11-16T00:30:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 4)}}})},
                      "2020-11-23T00:00:00+04:00");
  const auto& weeks = obligation_of(wk, "w")["progress"]["ledgers"][0]["periods"];
  CHECK(weeks[0]["period"] == "week of 2020-11-09");
  CHECK(weeks[0]["figure"] == 5);
  CHECK(weeks[1]["figure"] == 4);
  CHECK(status_of(wk, "w") == "violated");
}

TEST_CASE("rate: a figure given as a range across the floor is an open point; obstructions are named") {
  const json events = json::array({ev("a", "2020-11-10T12:00:00+04:00", "aid_entry",
                          {{"quantities", {json{{"category", "trucks"}, {"value", 10}, {"min", 8}, {"max", 12}}}}})});
  const json env = run(ob("r", "rate", daily_floor("each_period")), events, "2020-11-11T00:00:00+04:00");
  CHECK(status_of(env, "r") == "undetermined");
  const json blocked = run(ob("r", "rate", daily_floor("each_period")),
                           {ev("a", "2020-11-10T12:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 4)}}}),
                            ev("x", "2020-11-10T09:00:00+04:00", "entry_refused",
                               {{"actors", by("AZ")}, {"where", json{{"name", "Crossing A"}, {"lat", 39.5}, {"lon", 46.5}}}})},
                           "2020-11-11T00:00:00+04:00");
  CHECK(status_of(blocked, "r") == "violated");
  CHECK(explanation(blocked, "r").find("entry refused by Azerbaijan at Crossing A (x)") != std::string::npos);
}

TEST_CASE("rate: bad parameters are located; a far as-of is bounded and says so") {
  json bad = daily_floor("each_period");
  bad.erase("per");
  bad["max"] = 5;
  bad["measure"] = "median";
  const json issues = issues_of(ob("r", "rate", bad));
  CHECK(has_issue_at(issues, "/obligations/0/params"));      // per is missing
  CHECK(has_issue_at(issues, "/obligations/0/params/min"));  // min above max
  CHECK(has_issue_at(issues, "/obligations/0/params/measure"));
  const json env = run(ob("r", "rate", daily_floor("each_period")),
                       {ev("a", "2020-11-10T12:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 10)}}})},
                       "9999-12-31T00:00:00+04:00");
  CHECK(status_of(env, "r") == "undetermined");
  CHECK(obligation_of(env, "r")["progress"]["limit_reached"] == true);
  CHECK(obligation_of(env, "r")["progress"]["periods_evaluated"] == 100000);
}

// ---- staged_count ----------------------------------------------------------------------------------------------

json stage(const json& due, double count, const std::string& category = "hostages") {
  return json{{"due", due}, {"count", count}, {"category", category}};
}
json release(const std::string& id, const std::string& time, double n, const std::string& category = "hostages") {
  return ev(id, time, "hostage_release", {{"actors", by("AZ")}, {"quantities", {qty(category, n)}}});
}

TEST_CASE("staged_count: day 0 against day 1 counting moves the due date by one day") {
  // The instrument is dated 2020-11-09: "within 7 days" is due by the end of 16 November; counting the signing
  // day as day 1, by the end of 15 November.
  const json day0 = stage(json{{"after_instrument", "s"}, {"within", {{"days", 7}}}}, 2);
  const json day1 = stage(json{{"after_instrument", "s"}, {"within", {{"days", 7}}}, {"day_one", true}}, 2);
  const json obligations = {ob("d0", "staged_count", json{{"event_types", {"hostage_release"}}, {"stages", {day0}}}),
                            ob("d1", "staged_count", json{{"event_types", {"hostage_release"}}, {"stages", {day1}}})};
  const json events = json::array({release("r", "2020-11-16T12:00:00+04:00", 2)});
  const json env = run(obligations, events, "2020-11-20T00:00:00+04:00");
  CHECK(status_of(env, "d0") == "complied");
  CHECK(status_of(env, "d1") == "complied_late");
  // The last millisecond of 15 November: the day-1 stage is now due and missed; the day-0 one still pending.
  const json edge = run(obligations, json::array(), "2020-11-15T23:59:59.999+04:00");
  CHECK(status_of(edge, "d1") == "violated");
  CHECK(status_of(edge, "d0") == "pending");
  const json before = run(obligations, json::array(), "2020-11-15T23:59:59.998+04:00");
  CHECK(status_of(before, "d1") == "pending");
}

TEST_CASE("staged_count: a stage one short at its due date, then completed late, reads complied_late with its history") {
  const json params = {{"event_types", {"hostage_release"}},
                       {"stages", {stage(json{{"date", "2020-11-10"}}, 3), stage(json{{"date", "2020-11-16"}}, 4)}}};
  const json events = {release("r1", "2020-11-10T12:00:00+04:00", 3), release("r2", "2020-11-15T12:00:00+04:00", 3),
                       release("r3", "2020-11-17T12:00:00+04:00", 1)};
  const json due = run(ob("h", "staged_count", params), events, "2020-11-16T23:59:59.999+04:00");
  CHECK(status_of(due, "h") == "violated");
  CHECK(explanation(due, "h").find("one short at its due date: 3 of 4 by 2020-11-16") != std::string::npos);
  const auto& st = obligation_of(due, "h")["progress"]["stages"];
  CHECK(st[0]["status"] == "complied");
  CHECK(st[1]["status"] == "violated");
  CHECK(st[1]["short_by"] == 1);
  CHECK(obligation_of(due, "h")["by_bearer"][0]["progress"]["done"] == 6);
  CHECK(obligation_of(due, "h")["by_bearer"][0]["progress"]["of"] == 7);
  const json late = run(ob("h", "staged_count", params), events, "2020-11-18T00:00:00+04:00");
  CHECK(status_of(late, "h") == "complied_late");
  const auto& history = obligation_of(late, "h")["by_bearer"][0]["history"];
  REQUIRE(history.size() == 2);
  CHECK(history[0]["status"] == "violated");
  CHECK(history[1]["status"] == "complied_late");
  CHECK(history[1]["event"] == "r3");
  // A day before the due date the stage is pending, with the running figure.
  const json early = run(ob("h", "staged_count", params), events, "2020-11-15T23:59:59.999+04:00");
  CHECK(status_of(early, "h") == "pending");
}

TEST_CASE("staged_count: cumulative carries a release ahead forward, per_stage does not") {
  json params = {{"event_types", {"hostage_release"}},
                 {"stages", {stage(json{{"date", "2020-11-10"}}, 3), stage(json{{"date", "2020-11-16"}}, 4)}}};
  const json events = json::array({release("r1", "2020-11-10T12:00:00+04:00", 7)});
  CHECK(status_of(run(ob("h", "staged_count", params), events, "2020-11-20T00:00:00+04:00"), "h") == "complied");
  params["counting"] = "per_stage";
  const json env = run(ob("h", "staged_count", params), events, "2020-11-20T00:00:00+04:00");
  CHECK(status_of(env, "h") == "violated");
  CHECK(obligation_of(env, "h")["progress"]["stages"][1]["reached"] == 0);
}

TEST_CASE("staged_count: a quantity reached only in part is never complied; an anchored stage waits") {
  const json obligations = {
      ob("w", "act_by_deadline", json{{"fulfilled_by", {{"event_types", {"withdrawal"}}}}}),
      ob("h", "staged_count",
         json{{"event_types", {"hostage_release"}},
              {"stages", {stage(json{{"date", "2020-11-10"}}, 26), stage(json{{"after", "w"}, {"within", {{"days", 2}}}}, 5)}}})};
  const json events = json::array({release("r1", "2020-11-10T12:00:00+04:00", 20)});
  const json env = run(obligations, events, "2020-11-12T00:00:00+04:00");
  CHECK(status_of(env, "h") == "violated");
  CHECK(obligation_of(env, "h")["progress"]["stages"][1]["status"] == "not_triggered");
  const json with_w =
      run(obligations, {release("r1", "2020-11-10T12:00:00+04:00", 26), ev("wd", "2020-11-11T10:00:00+04:00", "withdrawal")},
          "2020-11-13T23:59:59.998+04:00");
  CHECK(obligation_of(with_w, "h")["progress"]["stages"][1]["status"] == "pending");  // due by the end of 13 November
  CHECK(status_of(with_w, "h") == "pending");
}

TEST_CASE("staged_count: bad parameters are located") {
  const json issues =
      issues_of(ob("h", "staged_count",
                   json{{"event_types", {"hostage_release"}},
                        {"stages",
                         {json{{"due", {{"date", "2020-11-10"}}}, {"count", -1}, {"category", "hostages"}},
                          json{{"due", {{"before_each", {{"event_types", {"withdrawal"}}}}, {"within", {{"hours", 2}}}}},
                               {"count", 1},
                               {"category", "hostages"}}}},
                        {"counting", "sometimes"}}));
  CHECK(has_issue_at(issues, "/obligations/0/params/stages/0/count"));
  CHECK(has_issue_at(issues, "/obligations/0/params/stages/1/due"));
  CHECK(has_issue_at(issues, "/obligations/0/params/counting"));
  CHECK(has_issue_at(issues_of(ob("h", "staged_count", json{{"event_types", {"hostage_release"}}, {"stages", json::array()}})),
                     "/obligations/0/params/stages"));
}

// ---- reciprocal ------------------------------------------------------------------------------------------------

json reciprocal_params(bool with_within = true) {
  json p = {{"event_types", {"hostage_release", "prisoner_release"}},
            {"counterpart", "AM"},
            {"ratio",
             {json{{"give_category", "prisoners"}, {"per_receive_category", "civilians"}, {"ratio", 30}},
              json{{"give_category", "prisoners"}, {"per_receive_category", "soldiers"}, {"ratio", 50}}}}};
  if (with_within) p["within"] = json{{"days", 1}};
  return p;
}
json handed(const std::string& id, const std::string& time, const std::string& type, const std::string& party,
            const json& quantities) {
  return ev(id, time, type, {{"actors", by(party)}, {"quantities", as_array(quantities)}});
}

TEST_CASE("reciprocal: 3 civilians released, 90 owed, 60 given: pending inside the window, violated by 30 from its end") {
  const json events = {handed("h1", "2020-11-10T12:00:00+04:00", "hostage_release", "AM", {qty("civilians", 3)}),
                       handed("p1", "2020-11-10T20:00:00+04:00", "prisoner_release", "AZ", {qty("prisoners", 60)})};
  const json o = ob("rc", "reciprocal", reciprocal_params());
  // Due by 2020-11-11T12:00 (inclusive): as of one millisecond before, still pending.
  const json inside = run(o, events, "2020-11-11T11:59:59.999+04:00");
  CHECK(status_of(inside, "rc") == "pending");
  const json at_end = run(o, events, "2020-11-11T12:00:00+04:00");
  CHECK(status_of(at_end, "rc") == "violated");
  const auto& row = obligation_of(at_end, "rc")["progress"]["ledger"][0];
  CHECK(row["owed"]["prisoners"] == 90);
  CHECK(row["given"]["prisoners"] == 60);
  CHECK(row["outstanding"]["prisoners"] == 30);
  CHECK(explanation(at_end, "rc").find("violated by 30 prisoners") != std::string::npos);
  CHECK(obligation_of(at_end, "rc")["by_bearer"][0]["progress"]["done"] == 60);
  // 30 more exactly at the deadline instant are on time.
  json more = events;
  more.push_back(handed("p2", "2020-11-11T12:00:00+04:00", "prisoner_release", "AZ", {qty("prisoners", 30)}));
  CHECK(status_of(run(o, more, "2020-11-12T00:00:00+04:00"), "rc") == "complied");
  more.back()["time"] = "2020-11-11T12:00:00.001+04:00";
  CHECK(status_of(run(o, more, "2020-11-12T00:00:00+04:00"), "rc") == "complied_late");
}

TEST_CASE("reciprocal: ratios per category, no time limit, releases ahead, nothing owed yet") {
  const json events = json::array({
      handed("h1", "2020-11-10T12:00:00+04:00", "hostage_release", "AM", {qty("civilians", 1), qty("soldiers", 1)})});
  const json no_limit = run(ob("rc", "reciprocal", reciprocal_params(false)), events, "2020-12-01T00:00:00+04:00");
  CHECK(status_of(no_limit, "rc") == "pending");  // 80 owed, no time limit: owed, not late
  CHECK(obligation_of(no_limit, "rc")["progress"]["ledger"][0]["owed"]["prisoners"] == 80);
  const json none = run(ob("rc", "reciprocal", reciprocal_params()), json::array(), "2020-12-01T00:00:00+04:00");
  CHECK(status_of(none, "rc") == "not_triggered");
  // A release before any counterpart release is not credited (performance is due after the counterpart's act)...
  const json ahead = {handed("p0", "2020-11-10T11:00:00+04:00", "prisoner_release", "AZ", {qty("prisoners", 80)}), events[0]};
  CHECK(status_of(run(ob("rc", "reciprocal", reciprocal_params()), ahead, "2020-12-01T00:00:00+04:00"), "rc") == "violated");
  // ... unless after_counterpart is false: then it is carried forward.
  json p = reciprocal_params();
  p["after_counterpart"] = false;
  CHECK(status_of(run(ob("rc", "reciprocal", p), ahead, "2020-12-01T00:00:00+04:00"), "rc") == "complied");
  // One exchange event with both sides' quantities: the release answers the same event's debt.
  const json together = {ev("x", "2020-11-10T12:00:00+04:00", "hostage_release",
                            {{"quantities",
                              {json{{"category", "civilians"}, {"value", 1}, {"from", "AM"}, {"to", "AZ"}},
                               json{{"category", "prisoners"}, {"value", 30}, {"from", "AZ"}, {"to", "AM"}}}}})};
  CHECK(status_of(run(ob("rc", "reciprocal", reciprocal_params()), together, "2020-12-01T00:00:00+04:00"), "rc") == "complied");
}

TEST_CASE("reciprocal: bad parameters are located (a zero ratio, the counterpart a bearer)") {
  json p = reciprocal_params();
  p["ratio"][0]["ratio"] = 0;
  p["counterpart"] = "AZ";
  const json issues = issues_of(ob("rc", "reciprocal", p));
  CHECK(has_issue_at(issues, "/obligations/0/params/ratio/0/ratio"));
  CHECK(has_issue_at(issues, "/obligations/0/params/counterpart"));
  p = reciprocal_params();
  p["ratio"] = json::array();
  CHECK(has_issue_at(issues_of(ob("rc", "reciprocal", p)), "/obligations/0/params/ratio"));
}

// ---- ordering --------------------------------------------------------------------------------------------------

json ordering_params() {
  return json{{"event_types", {"hostage_release"}}, {"order", {"living_women", "living_others", "bodies"}}};
}

TEST_CASE("ordering: right in count, wrong in order; a simultaneous release is not out of order") {
  const json events = {release("w1", "2020-11-10T10:00:00+04:00", 1, "living_women"),
                       release("b1", "2020-11-10T11:00:00+04:00", 2, "bodies"),
                       release("w2", "2020-11-10T12:00:00+04:00", 1, "living_women")};
  const json env = run(ob("or", "ordering", ordering_params()), events, "2020-11-11T00:00:00+04:00");
  CHECK(status_of(env, "or") == "violated");
  CHECK(explanation(env, "or").find("2 bodies released (b1) before the last of the living women (w2)") != std::string::npos);
  // w2 at the same instant as b1: released together, in order.
  json same = events;
  same[2]["time"] = "2020-11-10T11:00:00+04:00";
  CHECK(status_of(run(ob("or", "ordering", ordering_params()), same, "2020-11-11T00:00:00+04:00"), "or") == "complied");
  // One millisecond later it is out of order.
  same[2]["time"] = "2020-11-10T11:00:00.001+04:00";
  CHECK(status_of(run(ob("or", "ordering", ordering_params()), same, "2020-11-11T00:00:00+04:00"), "or") == "violated");
}

TEST_CASE("ordering: overlapping time ranges make the order an open point") {
  json day = release("b1", "2020-11-10", 2, "bodies");
  day["utc_offset"] = "+04:00";
  const json events = {day, release("w1", "2020-11-10T12:00:00+04:00", 1, "living_women")};
  const json env = run(ob("or", "ordering", ordering_params()), events, "2020-11-11T00:00:00+04:00");
  CHECK(status_of(env, "or") == "undetermined");
}

TEST_CASE("ordering: inside each stage of a staged_count; right in count only when the stage's count was met") {
  const json staged = ob("h", "staged_count",
                         json{{"event_types", {"hostage_release"}},
                              {"stages", {stage(json{{"date", "2020-11-10"}}, 3), stage(json{{"date", "2020-11-16"}}, 2)}}});
  json params = ordering_params();
  params["within_stages_of"] = "h";
  auto rel = [](const std::string& id, const std::string& time, const std::string& cat, double n) {
    return ev(id, time, "hostage_release", {{"actors", by("AZ")}, {"quantities", {qty("hostages", n), qty(cat, n)}}});
  };
  // Stage 1: 2 bodies before the last woman, 3 of 3 in count. Stage 2: a woman after stage 1's bodies is fine.
  const json events = {rel("b1", "2020-11-10T09:00:00+04:00", "bodies", 2),
                       rel("w1", "2020-11-10T10:00:00+04:00", "living_women", 1),
                       rel("w2", "2020-11-12T10:00:00+04:00", "living_women", 2)};
  const json env = run({staged, ob("or", "ordering", params)}, events, "2020-11-20T00:00:00+04:00");
  CHECK(status_of(env, "or") == "violated");
  CHECK(explanation(env, "or").find(
            "Right in count, wrong in order: 2 bodies released (b1) before the last of the living women (w1) in stage 1") !=
        std::string::npos);
  const auto& windows = obligation_of(env, "or")["progress"]["windows"];
  CHECK(windows[0]["status"] == "violated");
  CHECK(windows[1]["status"] == "complied");
  // Without the stages, w2 after b1 would also break the order.
  const json flat = run(ob("or", "ordering", ordering_params()), events, "2020-11-20T00:00:00+04:00");
  CHECK(explanation(flat, "or").find("Wrong in order") != std::string::npos);
  // within_stages_of must name a staged_count.
  params["within_stages_of"] = "w";
  const json wrong =
      run({ob("w", "act_by_deadline", json{{"fulfilled_by", {{"event_types", {"withdrawal"}}}}}), ob("or", "ordering", params)},
          events, "2020-11-20T00:00:00+04:00");
  CHECK(status_of(wrong, "or") == "undetermined");
}

TEST_CASE("ordering: bad parameters are located") {
  json p = ordering_params();
  p["order"] = json::array({"bodies"});
  CHECK(has_issue_at(issues_of(ob("or", "ordering", p)), "/obligations/0/params/order"));
  p = ordering_params();
  p["within_stages_of"] = "nope";
  CHECK(has_issue_at(issues_of(ob("or", "ordering", p)), "/obligations/0/params/within_stages_of"));
}

// ---- recurring_act ---------------------------------------------------------------------------------------------

json names_before_each() {
  return json{{"deadline", {{"before_each", {{"event_types", {"hostage_release"}}}}, {"within", {{"hours", 24}}}}},
              {"fulfilled_by", {{"event_types", {"names_delivered"}}}}};
}

TEST_CASE("recurring_act: names exactly 24 hours before a release are on time, one millisecond later late") {
  const json o = ob("names", "recurring_act", names_before_each());
  const json on_time = {ev("n1", "2020-11-11T12:00:00+04:00", "names_delivered"), release("r1", "2020-11-12T12:00:00+04:00", 3)};
  CHECK(status_of(run(o, on_time, "2020-11-13T00:00:00+04:00"), "names") == "complied");
  json late = on_time;
  late[0]["time"] = "2020-11-11T12:00:00.001+04:00";
  const json env = run(o, late, "2020-11-13T00:00:00+04:00");
  CHECK(status_of(env, "names") == "complied_late");
  CHECK(obligation_of(env, "names")["progress"]["ledgers"][0]["occurrences"][0]["status"] == "complied_late");
}

TEST_CASE("recurring_act: one deadline per release, each act serves one release, the worst decides") {
  const json o = ob("names", "recurring_act", names_before_each());
  const json events = {ev("n1", "2020-11-09T12:00:00+04:00", "names_delivered"), release("r1", "2020-11-10T12:00:00+04:00", 3),
                       release("r2", "2020-11-16T12:00:00+04:00", 4), ev("n3", "2020-11-21T10:00:00+04:00", "names_delivered"),
                       release("r3", "2020-11-22T12:00:00+04:00", 5)};
  const json env = run(o, events, "2020-11-23T00:00:00+04:00");
  CHECK(status_of(env, "names") == "violated");
  const auto& occ = obligation_of(env, "names")["progress"]["ledgers"][0]["occurrences"];
  REQUIRE(occ.size() == 3);
  CHECK(occ[0]["status"] == "complied");
  CHECK(occ[1]["status"] == "violated");  // n1 served r1 already
  CHECK(occ[2]["status"] == "complied");
  const auto& history = obligation_of(env, "names")["by_bearer"][0]["history"];
  REQUIRE(history.size() == 1);
  CHECK(history[0]["event"] == "r2");
  CHECK(obligation_of(env, "names")["by_bearer"][0]["progress"]["done"] == 2);
  // No release reported: no deadline has arisen.
  CHECK(status_of(run(o, json::array(), "2020-11-23T00:00:00+04:00"), "names") == "not_triggered");
}

TEST_CASE("recurring_act: after each occurrence, pending until its deadline, then violated") {
  const json o = ob("rep", "recurring_act",
                    json{{"deadline", {{"after_each", {{"event_types", {"hostage_release"}}}}, {"within", {{"hours", 12}}}}},
                         {"fulfilled_by", {{"event_types", {"names_delivered"}}, {"by_bearer", true}}}});
  const json events = json::array({release("r1", "2020-11-10T12:00:00+04:00", 3)});
  CHECK(status_of(run(o, events, "2020-11-10T23:59:59.999+04:00"), "rep") == "pending");
  CHECK(status_of(run(o, events, "2020-11-11T00:00:00+04:00"), "rep") == "violated");
  // A report by another party does not count when by_bearer is set.
  json other = events;
  other.push_back(ev("n", "2020-11-10T13:00:00+04:00", "names_delivered", {{"actors", by("AM")}}));
  CHECK(status_of(run(o, other, "2020-11-11T00:00:00+04:00"), "rep") == "violated");
  other.back()["actors"] = by("AZ");
  CHECK(status_of(run(o, other, "2020-11-11T00:00:00+04:00"), "rep") == "complied");
}

TEST_CASE("recurring_act: the deadline must be recurring") {
  json p = names_before_each();
  p["deadline"] = json{{"date", "2020-11-10"}};
  CHECK(has_issue_at(issues_of(ob("names", "recurring_act", p)), "/obligations/0/params/deadline"));
  p.erase("deadline");
  CHECK(has_issue_at(issues_of(ob("names", "recurring_act", p)), "/obligations/0/params"));
}

TEST_CASE("recurring_act: an act serves its own occurrence first (late names are the next release's, a list the last one's)") {
  // Names 21 hours before R-3 are R-3's (late), not R-4's (on time a week ahead); R-4 had none.
  const json names = ob("names", "recurring_act", names_before_each());
  const json before = {release("r3", "2020-11-12T09:00:00+04:00", 1), ev("n3", "2020-11-11T12:00:00+04:00", "names_delivered"),
                       release("r4", "2020-11-19T10:00:00+04:00", 1)};
  const json env = run(names, before, "2020-11-20T00:00:00+04:00");
  const auto& occ = obligation_of(env, "names")["progress"]["ledgers"][0]["occurrences"];
  CHECK(occ[0]["status"] == "complied_late");
  CHECK(occ[1]["status"] == "violated");
  // A list two hours after R-4 is R-4's (on time), not R-3's (late by a week); R-3 had none.
  const json lists = ob("lists", "recurring_act",
                        json{{"deadline", {{"after_each", {{"event_types", {"hostage_release"}}}}, {"within", {{"hours", 12}}}}},
                             {"fulfilled_by", {{"event_types", {"names_delivered"}}}}});
  const json after = {release("r3", "2020-11-12T09:00:00+04:00", 1), release("r4", "2020-11-19T10:00:00+04:00", 1),
                      ev("l4", "2020-11-19T12:00:00+04:00", "names_delivered")};
  const json env2 = run(lists, after, "2020-11-20T00:00:00+04:00");
  const auto& occ2 = obligation_of(env2, "lists")["progress"]["ledgers"][0]["occurrences"];
  CHECK(occ2[0]["status"] == "violated");
  CHECK(occ2[1]["status"] == "complied");
  // Two lists delivered ahead of the first release: the second serves the next release, on time.
  const json spare = {ev("n1", "2020-11-10T08:00:00+04:00", "names_delivered"),
                      ev("n2", "2020-11-10T09:00:00+04:00", "names_delivered"), release("r1", "2020-11-12T09:00:00+04:00", 1),
                      release("r2", "2020-11-19T10:00:00+04:00", 1)};
  CHECK(status_of(run(names, spare, "2020-11-20T00:00:00+04:00"), "names") == "complied");
}

// ---- degenerate input: nothing throws, divides by zero or loops without bound ---------------------------------

TEST_CASE("degenerate input: zero counts and figures, huge durations and figures, a far as-of") {
  const std::string far = "9999-12-31T23:59:59+04:00";
  // A stage of 0 is complied; a stage due 100000 years on is pending.
  const json staged = ob("h", "staged_count",
                         json{{"event_types", {"hostage_release"}},
                              {"stages",
                               {stage(json{{"date", "2020-11-10"}}, 0),
                                stage(json{{"after_instrument", "s"}, {"within", {{"years", 100000}, {"days", 100000}}}}, 1)}}});
  const json env = run(staged, {release("r", "2020-11-10T12:00:00+04:00", 0)}, far);
  CHECK(obligation_of(env, "h")["progress"]["stages"][0]["status"] == "complied");
  CHECK(status_of(env, "h") == "pending");
  // Ratios of the largest figures stay finite; a release of 0 owes nothing.
  json p = reciprocal_params();
  p["ratio"][0]["ratio"] = 1e9;
  const json big = {handed("h1", "2020-11-10T12:00:00+04:00", "hostage_release", "AM", {qty("civilians", 1e300)}),
                    handed("h2", "2020-11-11T12:00:00+04:00", "hostage_release", "AM", {qty("soldiers", 0)})};
  const json env2 = run(ob("rc", "reciprocal", p), big, far);
  CHECK(status_of(env2, "rc") == "violated");
  CHECK(obligation_of(env2, "rc")["progress"]["ledger"][1]["status"] == "complied");
  // A monthly rate from 2000 to the far as-of evaluates all its 96000 months (the limit is 100000 periods; a
  // daily one reaches it, see "rate: bad parameters ..."); months without a report are undetermined.
  json monthly = daily_floor("average");
  monthly["per"] = "month";
  monthly["from"] = "2000-01-01T00:00:00+04:00";
  const json env3 = run(ob("m", "rate", monthly),
                        {ev("a", "2020-11-10T12:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 10)}}})}, far);
  CHECK(obligation_of(env3, "m")["progress"]["limit_reached"] == false);
  CHECK(status_of(env3, "m") == "undetermined");
  // An ordering of releases of 0 has nothing out of order; an event whose time range spans years is not placed.
  const json zero = {release("b", "2020-11-10T10:00:00+04:00", 0, "bodies"),
                     release("w", "2020-11-10T12:00:00+04:00", 1, "living_women")};
  CHECK(status_of(run(ob("or", "ordering", ordering_params()), zero, far), "or") == "complied");
  json wide = ev("x", "2020-11-10T12:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 10)}}});
  wide["precision"] = "range";
  wide["latest"] = "2023-11-10T12:00:00+04:00";
  const json env4 = run(ob("r", "rate", daily_floor("each_period")), {wide}, "2024-01-01T00:00:00+04:00");
  CHECK(status_of(env4, "r") == "undetermined");
}

TEST_CASE("rate: a day inside an agreed suspension is not judged") {
  const json events = {
      ev("a", "2020-11-10T12:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 10)}}}),
      ev("s", "2020-11-11T00:00:00+04:00", "meeting_held",
         {{"effects", {json{{"kind", "suspend"}, {"obligation", "r"}, {"agreed_by", {"AZ", "AM"}}}}}}),
      ev("e", "2020-11-12T00:00:00+04:00", "meeting_held", {{"effects", {json{{"kind", "resume"}, {"obligation", "r"}}}}}),
      ev("c", "2020-11-12T12:00:00+04:00", "aid_entry", {{"quantities", {qty("trucks", 10)}}})};
  const json env = run(ob("r", "rate", daily_floor("each_period")), events, "2020-11-13T00:00:00+04:00");
  CHECK(status_of(env, "r") == "complied");
  const auto& p = obligation_of(env, "r")["progress"]["ledgers"][0]["periods"];
  REQUIRE(p.size() == 4);  // the 13th has begun
  CHECK(p[1]["status"] == "suspended");
  CHECK(p[2]["status"] == "complied");
}
