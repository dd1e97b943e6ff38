// Golden tests: every case of every fixtures/<fixture>/cases.json must produce its expected output exactly.
#include <doctest/doctest.h>

#include <algorithm>
#include <dirent.h>
#include <string>
#include <vector>

#include "pactcheck/api.hpp"
#include "support.hpp"

using nlohmann::json;
using pactcheck::testing::read_file;
using pactcheck::testing::settings;
using pactcheck::testing::write_file;

namespace {

std::vector<std::string> fixture_names() {
  std::vector<std::string> names;
  if (DIR* dir = opendir(PACTCHECK_FIXTURES_DIR)) {
    while (dirent* entry = readdir(dir)) {
      const std::string name = entry->d_name;
      if (name == "." || name == "..") continue;
      if (!read_file(std::string(PACTCHECK_FIXTURES_DIR) + "/" + name + "/cases.json").empty()) names.push_back(name);
    }
    closedir(dir);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Runs one case; returns the number of cases checked (0 or 1).
int run_case(const std::string& fixture, const json& c) {
  const std::string dir = std::string(PACTCHECK_FIXTURES_DIR) + "/" + fixture + "/";
  const std::string name = c.value("name", std::string("<unnamed>"));
  CAPTURE(fixture);
  CAPTURE(name);
  const std::string agreement_file = c.value("agreement", std::string("agreement.json"));
  const std::string events_file = c.value("events", std::string("events.json"));
  json options = c.value("options", json::object());
  options["agreement_name"] = agreement_file;
  options["events_name"] = events_file;
  const std::string agreement = read_file(dir + agreement_file);
  const std::string events = read_file(dir + events_file);
  REQUIRE_MESSAGE(c.contains("exit_code"), "each case declares its exit_code");
  REQUIRE_MESSAGE(c.contains("expected"), "each case names its expected file");
  const int declared = c["exit_code"].get<int>();
  const json envelope = json::parse(pactcheck::check(agreement, events, options.dump()), nullptr, false);
  REQUIRE(envelope.is_object());
  const int actual_code = envelope.value("exit_code", -1);
  const std::string actual = declared == 2 ? envelope.value("issues", json::array()).dump(2) + "\n"
                                           : envelope.value("rendered", std::string());
  const std::string expected_path = dir + c["expected"].get<std::string>();
  if (settings().update_golden) {
    if (actual_code != declared || actual_code == 3) {
      FAIL("refusing to bless: exit code " << actual_code << " but the case declares " << declared
                                           << "; fix the declaration deliberately first. Issues: "
                                           << envelope.value("issues", json::array()).dump());
      return 1;
    }
    CHECK(write_file(expected_path, actual));
    MESSAGE("updated " << expected_path);
    return 1;
  }
  CHECK_MESSAGE(actual_code == declared, "issues: " << envelope.value("issues", json::array()).dump());
  const std::string expected = read_file(expected_path);
  CHECK_MESSAGE(!expected.empty(), "missing expected file " << expected_path << " (run with --update-golden)");
  if (actual != expected) {
    FAIL_CHECK("output differs from " << expected_path << "\n--- actual output follows ---\n" << actual);
  }
  return 1;
}

}  // namespace

TEST_CASE("golden: every fixture case produces its expected output") {
  std::vector<std::string> fixtures = fixture_names();
  REQUIRE_MESSAGE(!fixtures.empty(), "no fixtures found under " PACTCHECK_FIXTURES_DIR);
  if (!settings().fixture.empty()) {
    REQUIRE_MESSAGE(std::find(fixtures.begin(), fixtures.end(), settings().fixture) != fixtures.end(),
                    "fixture " << settings().fixture << " has no cases.json");
    fixtures = {settings().fixture};
  }
  int checked = 0;
  for (const std::string& fixture : fixtures) {
    const json manifest = json::parse(read_file(std::string(PACTCHECK_FIXTURES_DIR) + "/" + fixture + "/cases.json"), nullptr, false);
    REQUIRE_MESSAGE(manifest.is_object(), fixture << "/cases.json is not valid JSON");
    REQUIRE_MESSAGE(manifest.contains("cases"), fixture << "/cases.json has no cases");
    for (const json& c : manifest["cases"]) checked += run_case(fixture, c);
  }
  REQUIRE_MESSAGE(checked > 0, "the corpus has no cases");
}
