// The string API's contract: envelopes, located errors, determinism, accounting and incremental queries.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <set>

#include "pactcheck/api.hpp"
#include "support.hpp"

using nlohmann::json;
using namespace pactcheck::testing;

namespace {

std::string nk(const char* file) { return read_file(std::string(PACTCHECK_FIXTURES_DIR) + "/nk-2020/" + file); }

const json kOptions = {{"as_of", "2021-12-31T23:59:00+04:00"}, {"format", "json"}};

}  // namespace

TEST_CASE("malformed input comes back as located issues, never an exception") {
  const json env = check("{\n  \"format\": \"pactcheck/agreement\",\n  oops\n}", nk("events.json"));
  REQUIRE(env.is_object());
  CHECK(env["ok"] == false);
  CHECK(env["exit_code"] == 2);
  REQUIRE(env["issues"].size() == 1);
  CHECK(env["issues"][0]["line"] == 3);
  CHECK(env["issues"][0]["file"] == "agreement");

  const json wrong_type = check(nk("agreement.json"), "[]");
  CHECK(wrong_type["exit_code"] == 2);
  CHECK(wrong_type["issues"][0]["code"] == "type.object");

  const json bad_options = check(nk("agreement.json"), nk("events.json"), json{{"as_of", "yesterday"}});
  CHECK(bad_options["exit_code"] == 2);
  CHECK(bad_options["issues"][0]["pointer"] == "/as_of");
  CHECK(json::parse(pactcheck::check(nk("agreement.json"), nk("events.json"), "{"), nullptr, false)["exit_code"] == 2);

  const json deep = check(std::string(200000, '['), "");
  CHECK(deep["issues"][0]["code"] == "limit.depth");
  // The module-level functions still answer normally afterwards.
  CHECK(check(nk("agreement.json"), nk("events.json"), kOptions)["ok"] == true);
}

TEST_CASE("the same inputs give byte-identical output; whitespace and event order do not matter") {
  const std::string a = pactcheck::check(nk("agreement.json"), nk("events.json"), kOptions.dump());
  const std::string b = pactcheck::check(nk("agreement.json"), nk("events.json"), kOptions.dump());
  CHECK(a == b);
  json log = json::parse(nk("events.json"));
  std::mt19937 rng(7);
  std::shuffle(log["events"].begin(), log["events"].end(), rng);
  const std::string shuffled = pactcheck::check(json::parse(nk("agreement.json")).dump(), log.dump(), kOptions.dump());
  CHECK(json::parse(shuffled)["rendered"] == json::parse(a)["rendered"]);
}

TEST_CASE("a session answers many as-of queries and what-ifs exactly as fresh checks do") {
  std::string envelope;
  auto session = pactcheck::Session::open(nk("agreement.json"), nk("events.json"), "{}", envelope);
  REQUIRE_MESSAGE(session, envelope);
  for (const char* as_of : {"2020-11-10T02:00:00+04:00", "2020-11-16T12:00:00+04:00", "2020-12-31T23:59:00+04:00",
                            "2021-12-31T23:59:00+04:00"}) {
    CAPTURE(as_of);
    const json options = {{"as_of", as_of}, {"format", "text"}};
    CHECK(json::parse(session->report(options.dump()))["rendered"] ==
          check(nk("agreement.json"), nk("events.json"), options)["rendered"]);
  }
  const json what_if = json::parse(session->report(R"({"as_of": "2020-12-31T23:59:00+04:00", "exclude": ["NK-020"]})"));
  CHECK(status_of(what_if, "p1-positions") == "complied");
  const json timeline = json::parse(session->timeline());
  REQUIRE(timeline.is_array());
  CHECK(timeline.size() >= 46);
  CHECK(json::parse(session->report(R"({"strict": true})"))["exit_code"] == 2);  // not a per-query option
}

TEST_CASE("a page's query leaves out the rendered copy and the evidence events' details, and nothing else") {
  std::string envelope;
  auto session = pactcheck::Session::open(nk("agreement.json"), nk("events.json"), "{}", envelope);
  REQUIRE_MESSAGE(session, envelope);
  for (const char* as_of : {"2020-11-10T02:00:00+04:00", "2020-12-31T23:59:00+04:00", "2021-12-31T23:59:00+04:00"}) {
    CAPTURE(as_of);
    const json full = json::parse(session->report(json{{"as_of", as_of}, {"exclude", {"NK-020"}}}.dump()));
    const json view = json::parse(
        session->report(json{{"as_of", as_of}, {"exclude", {"NK-020"}}, {"rendered", false}, {"event_details", false}}.dump()));
    REQUIRE(full["ok"] == true);
    CHECK(full.contains("rendered"));
    CHECK_FALSE(view.contains("rendered"));
    json expected = full["report"];
    REQUIRE(expected["events"]["evidence_events"].is_array());
    CHECK_FALSE(expected["events"]["evidence_events"].empty());
    expected["events"].erase("evidence_events");
    expected["events"]["evidence_events_omitted"] = true;
    CHECK(view["report"] == expected);
    CHECK(view["exit_code"] == full["exit_code"]);
    // Without the rendered copy alone, the report object is the whole one.
    const json unrendered = json::parse(session->report(json{{"as_of", as_of}, {"exclude", {"NK-020"}}, {"rendered", false}}.dump()));
    CHECK(unrendered["report"] == full["report"]);
  }
  const json rendered_only = json::parse(session->report(R"({"format": "markdown", "report": false})"));
  CHECK_FALSE(rendered_only.contains("report"));
  CHECK(rendered_only["rendered"] == json::parse(session->report(R"({"format": "markdown"})"))["rendered"]);
  const json nothing = json::parse(session->report(R"({"report": false, "rendered": false})"));
  CHECK(nothing["exit_code"] == 2);
  CHECK(nothing["issues"][0]["pointer"] == "/rendered");
  const json text_without_details = json::parse(session->report(R"({"format": "text", "event_details": false})"));
  CHECK(text_without_details["exit_code"] == 2);
  CHECK(text_without_details["issues"][0]["pointer"] == "/event_details");
  CHECK(text_without_details["issues"][0]["code"] == "options.event_details");
  const json not_a_flag = check(nk("agreement.json"), nk("events.json"), json{{"rendered", "no"}});
  CHECK(not_a_flag["exit_code"] == 2);
  CHECK(not_a_flag["issues"][0]["pointer"] == "/rendered");
}

TEST_CASE("a large log: sentences name 25 items and count the rest; text and Markdown list 40 events an obligation") {
  json log = json::parse(nk("events.json"));
  const int added = 120;
  for (int i = 0; i < added; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "NK-X%03d", i);
    log["events"].push_back({{"id", id},
                             {"time", "2020-12-05T10:" + std::string(i % 60 < 10 ? "0" : "") + std::to_string(i % 60) + ":00+04:00"},
                             {"precision", "exact"},
                             {"type", "shelling"},
                             {"actors", {{{"name", "Military Forces of Azerbaijan"}, {"party", "AZ"}, {"role", "perpetrator"}}}},
                             {"where", {{"name", "Stepanakert"}, {"lat", 39.8153}, {"lon", 46.7519}, {"approximate", false}}},
                             {"sources", {{{"title", "SYNTHETIC test report"}, {"publisher", "pactcheck tests"}}}}});
  }
  const std::string events = log.dump();
  const json options = {{"as_of", "2020-12-31T23:59:00+04:00"}};
  const json full = check(nk("agreement.json"), events, options);
  REQUIRE(full["ok"] == true);
  const json& ceasefire = obligation_of(full, "p1-ceasefire");
  std::set<std::string> evidence_events;
  for (const json& e : ceasefire["evidence"]) evidence_events.insert(e["event"].get<std::string>());
  CHECK(evidence_events.size() > 40 + 50);
  CHECK(evidence_events.count("NK-X119") == 1);  // the evidence lists every event
  const std::string why = ceasefire["by_bearer"][0].dump() + ceasefire["explanation"].dump();
  CHECK(why.find(" more") != std::string::npos);
  CHECK(why.find("NK-X119") == std::string::npos);  // past the 25 a sentence names
  for (const char* format : {"text", "markdown"}) {
    CAPTURE(format);
    json with_format = options;
    with_format["format"] = format;
    const std::string text = check(nk("agreement.json"), events, with_format)["rendered"].get<std::string>();
    const std::string rest = "and " + std::to_string(evidence_events.size() - 40) + " more events (";
    CHECK(text.find(rest) != std::string::npos);
    CHECK(text.find("the JSON report (--format json) lists every one") != std::string::npos);
    CHECK(text.find("NK-X119") == std::string::npos);
  }
}

TEST_CASE("the 2020 fixture: the statuses the issue asks about") {
  auto at = [](const char* as_of) { return check(nk("agreement.json"), nk("events.json"), json{{"as_of", as_of}}); };
  const json early = at("2020-11-16T12:00:00+04:00");
  CHECK(status_of(early, "p2-aghdam") == "pending");
  CHECK(status_of(early, "p6-kalbajar") == "pending");
  CHECK(status_of(early, "p1-ceasefire") == "complied");
  const json late = at("2020-12-31T23:59:00+04:00");
  CHECK(status_of(late, "p6-kalbajar") == "complied");
  CHECK(obligation_of(late, "p6-kalbajar")["deadline"]["against_original"] == "complied_late");
  CHECK(status_of(late, "p2-aghdam") == "complied");
  CHECK(status_of(late, "p6-lachin") == "complied");
  CHECK(status_of(late, "p1-ceasefire") == "violated");
  CHECK(status_of(late, "p3-contingent") == "complied");
  CHECK(status_of(late, "p8-exchange") == "undetermined");
  CHECK(late["exit_code"] == 1);
  bool helicopters_not_covered = false;
  for (const auto& e : obligation_of(late, "p3-contingent")["evidence"]) {
    helicopters_not_covered = helicopters_not_covered || (e["event"] == "NK-006" && e["role"] == "not_covered");
  }
  CHECK(helicopters_not_covered);
  bool border_out_of_scope = false;
  const json year_end = at("2021-12-31T23:59:00+04:00");
  for (const std::string& reason : ignored_reasons(year_end, "NK-041")) border_out_of_scope = border_out_of_scope || reason == "out_of_scope";
  CHECK(border_out_of_scope);
}

TEST_CASE("validate identifies the document and locates its problems") {
  const json ok = json::parse(pactcheck::validate(nk("agreement.json"), "{}"));
  CHECK(ok["ok"] == true);
  CHECK(ok["format"] == "pactcheck/agreement");
  const json events = json::parse(pactcheck::validate(nk("events.json"), "{}"));
  CHECK(events["format"] == "pactcheck/events");
  CHECK(events["ok"] == true);
  const json unknown = json::parse(pactcheck::validate(R"({"format": "something"})", "{}"));
  CHECK(unknown["exit_code"] == 2);
  CHECK(unknown["issues"][0]["pointer"] == "/format");
  CHECK(std::string(pactcheck::version()) == "0.1.0");
}

