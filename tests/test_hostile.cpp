// Hostile input that is too large to commit, the limits' contract, and the replay of every input the fuzz
// targets ever failed on (tests/fuzz/regressions/<target>/). The committed hostile corpus is
// fixtures/hostile/ (golden tests).
#include <doctest/doctest.h>

#include <algorithm>
#include <dirent.h>
#include <string>
#include <vector>

#include "pactcheck/api.hpp"
#include "pactcheck/issues.hpp"
#include "support.hpp"
#include "targets.hpp"

using nlohmann::json;
using namespace pactcheck::testing;

namespace {

std::string hostile(const char* file) { return read_file(std::string(PACTCHECK_FIXTURES_DIR) + "/hostile/" + file); }

const json kAsOf = {{"as_of", "2020-12-01T12:00:00+04:00"}};

// The valid hostile log with one more event whose "notes" is `notes`.
std::string log_with_notes(const std::string& notes) {
  json log = json::parse(hostile("events.json"));
  log["events"].push_back(json{{"id", "E-BIG"}, {"time", "2020-11-26T10:00:00+04:00"}, {"type", "meeting_held"}, {"notes", notes}});
  return log.dump();
}

const json& first_issue(const json& env) {
  static const json kNone = json::object();
  return env.contains("issues") && !env["issues"].empty() ? env["issues"][0] : kNone;
}

}  // namespace

TEST_CASE("hostile: a 100 MB string is refused by max_string_bytes, located, and the API keeps answering") {
  const std::size_t size = 100u * 1024u * 1024u;
  std::string events = log_with_notes("");
  const std::string marker = "\"notes\":\"\"";
  const auto at = events.find(marker);
  REQUIRE(at != std::string::npos);
  events.insert(at + marker.size() - 1, std::string(size, 'x'));
  REQUIRE(events.size() > size);
  const json env = check(hostile("agreement.json"), events, kAsOf);
  REQUIRE(env.is_object());
  CHECK(env["exit_code"] == 2);
  REQUIRE(env["issues"].size() == 1);
  CHECK(first_issue(env)["code"] == "limit.string");
  CHECK(first_issue(env)["pointer"] == "/events/4/notes");
  CHECK(first_issue(env)["message"] ==
        "string of 104857600 bytes exceeds the limit of 1048576 bytes (max_string_bytes)");

  // The same document as a key: located at the object that holds it.
  std::string keyed = hostile("events.json");
  keyed.insert(keyed.find("\"format\""), "\"" + std::string(size, 'k') + "\": 1, ");
  const json key_env = check(hostile("agreement.json"), keyed, kAsOf);
  CHECK(first_issue(key_env)["code"] == "limit.string");
  CHECK(first_issue(key_env)["pointer"] == "");

  // With max_input_bytes lowered, the document is refused by its size before it is parsed.
  json lowered = kAsOf;
  lowered["limits"] = {{"max_input_bytes", 50u * 1024u * 1024u}};
  const json refused = check(hostile("agreement.json"), events, lowered);
  CHECK(first_issue(refused)["code"] == "limit.input");
  CHECK(first_issue(refused)["message"].get<std::string>().find("(max_input_bytes)") != std::string::npos);

  // Nothing is left behind: a normal check right after gives the normal answer.
  CHECK(check(hostile("agreement.json"), hostile("events.json"), kAsOf)["exit_code"] == 1);
}

TEST_CASE("hostile: a 10 MB CSV field is refused by max_string_bytes at its line and column, in an import and a check") {
  std::string csv = hostile("events.csv");
  const std::string note = "SYNTHETIC: an exchange of fire, reported by the mission.";
  const auto at = csv.find(note);
  REQUIRE(at != std::string::npos);
  csv.replace(at, note.size(), std::string(10u * 1024u * 1024u, 'x'));
  const std::string mapping = hostile("mapping.json");
  const json imported = json::parse(pactcheck::import_events(csv, mapping, R"({"events_name": "big.csv"})"));
  CHECK(imported["exit_code"] == 2);
  REQUIRE(imported["issues"].size() == 1);
  CHECK(imported["issues"][0]["code"] == "limit.string");
  CHECK(imported["issues"][0]["file"] == "big.csv");
  CHECK(imported["issues"][0]["line"] == 2);
  CHECK(imported["issues"][0]["message"] == "field exceeds the limit of 1048576 bytes (max_string_bytes)");
  json options = kAsOf;
  options["events_format"] = "csv";
  options["mapping"] = mapping;
  const json checked = check(hostile("agreement.json"), csv, options);
  CHECK(checked["exit_code"] == 2);
  CHECK(first_issue(checked)["code"] == "limit.string");
  CHECK(first_issue(checked)["line"] == 2);
  // Raised, the row imports, its note kept whole, and the check runs.
  options["limits"] = {{"max_string_bytes", 16u * 1024u * 1024u}};
  const json raised = check(hostile("agreement.json"), csv, options);
  CHECK(raised["ok"] == true);
  // Nothing is left behind.
  CHECK(check(hostile("agreement.json"), hostile("events.json"), kAsOf)["exit_code"] == 1);
}

TEST_CASE("limits: each has a documented default, can be raised, and names itself when exceeded") {
  // The defaults documented in README.md ("Limits").
  const pactcheck::Limits defaults;
  CHECK(defaults.max_input_bytes == 512u * 1024u * 1024u);
  CHECK(defaults.max_depth == 64);
  CHECK(defaults.max_string_bytes == 1024u * 1024u);
  CHECK(defaults.max_events == 5'000'000);

  const std::string agreement = hostile("agreement.json");
  auto with_limits = [](const json& limits) {
    json options = kAsOf;
    options["limits"] = limits;
    return options;
  };

  SUBCASE("max_string_bytes: 2 MB of notes") {
    const std::string events = log_with_notes(std::string(2u * 1024u * 1024u, 'n'));
    const json refused = check(agreement, events, kAsOf);
    CHECK(first_issue(refused)["code"] == "limit.string");
    CHECK(first_issue(refused)["pointer"] == "/events/4/notes");
    CHECK(check(agreement, events, with_limits({{"max_string_bytes", 4u * 1024u * 1024u}}))["ok"] == true);
  }
  SUBCASE("max_depth: 100 levels inside an event's extra data") {
    std::string deep = std::string(100, '[') + std::string(100, ']');
    json log = json::parse(hostile("events.json"));
    std::string events = log.dump();
    events.insert(events.find("\"id\":\"E-002\""), "\"extra\":" + deep + ",");
    const json refused = check(agreement, events, kAsOf);
    CHECK(first_issue(refused)["code"] == "limit.depth");
    CHECK(first_issue(refused)["message"] == "nesting deeper than 64 levels (max_depth)");
    CHECK(first_issue(refused)["pointer"].get<std::string>().rfind("/events/1/extra/0/0/", 0) == 0);
    CHECK(check(agreement, events, with_limits({{"max_depth", 200}}))["ok"] == true);
  }
  SUBCASE("max_events: 11 events against 10") {
    json log = json::parse(hostile("events.json"));
    for (int i = 0; i < 7; ++i) {
      log["events"].push_back(json{{"id", "M-" + std::to_string(i)}, {"time", "2020-11-26T10:00:00+04:00"}, {"type", "meeting_held"}});
    }
    const json refused = check(agreement, log.dump(), with_limits({{"max_events", 10}}));
    CHECK(first_issue(refused)["code"] == "limit.events");
    CHECK(first_issue(refused)["pointer"] == "/events/10");
    CHECK(first_issue(refused)["message"] == "more than 10 events (max_events)");
    CHECK(check(agreement, log.dump(), with_limits({{"max_events", 11}}))["ok"] == true);
  }
  SUBCASE("max_input_bytes: one byte short, then exactly enough") {
    // Each document is measured on its own; here the larger one is refused.
    const std::string events = hostile("events.json");
    const std::size_t larger = std::max(agreement.size(), events.size());
    const json refused = check(agreement, events, with_limits({{"max_input_bytes", larger - 1}}));
    CHECK(first_issue(refused)["code"] == "limit.input");
    CHECK(first_issue(refused)["file"] == (agreement.size() > events.size() ? "agreement" : "events"));
    CHECK(first_issue(refused)["message"] == "input of " + std::to_string(larger) + " bytes exceeds the limit of " +
                                                  std::to_string(larger - 1) + " bytes (max_input_bytes)");
    CHECK(check(agreement, events, with_limits({{"max_input_bytes", larger}}))["ok"] == true);
  }
  SUBCASE("a limit must be a whole number above 0") {
    for (const json& bad : {json(0), json(-1), json(1.5), json("64"), json(nullptr)}) {
      CAPTURE(bad.dump());
      const json env = check(agreement, hostile("events.json"), with_limits({{"max_depth", bad}}));
      CHECK(env["exit_code"] == 2);
      CHECK(first_issue(env)["code"] == "options.limit");
      CHECK(first_issue(env)["pointer"] == "/limits/max_depth");
    }
    const json unknown = check(agreement, hostile("events.json"), with_limits({{"max_lines", 5}}));
    CHECK(first_issue(unknown)["code"] == "field.unknown");
  }
}

TEST_CASE("fuzz regressions: every input a fuzz target ever failed on is handled now") {
  int replayed = 0;
  for (const pactcheck::fuzz::Target& target : pactcheck::fuzz::targets()) {
    const std::string dir = std::string(PACTCHECK_FUZZ_REGRESSIONS_DIR) + "/" + target.name;
    std::vector<std::string> files;
    DIR* d = opendir(dir.c_str());
    REQUIRE_MESSAGE(d != nullptr, "missing regression folder " << dir);
    while (dirent* entry = readdir(d)) {
      if (entry->d_name[0] != '.') files.push_back(entry->d_name);
    }
    closedir(d);
    std::sort(files.begin(), files.end());
    for (const std::string& file : files) {
      CAPTURE(target.name);
      CAPTURE(file);
      const std::string data = read_file(dir + "/" + file);
      const std::string why = target.run(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
      CHECK_MESSAGE(why.empty(), why);
      ++replayed;
    }
  }
  MESSAGE("replayed " << replayed << " regression inputs");
  CHECK(replayed > 0);
}
