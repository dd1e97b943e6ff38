// Golden tests: every case of every fixtures/<fixture>/cases.json must produce its expected output exactly.
// A case is a check (the default) or, with "type": "import", an import of a CSV file through a mapping
// (fixtures/README.md).
#include <doctest/doctest.h>

#include <algorithm>
#include <dirent.h>
#include <regex>
#include <set>
#include <sstream>
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

// Compares `actual` with the file at `path`, or rewrites the file when updating.
void compare_or_update(const std::string& path, const std::string& actual) {
  if (settings().update_golden) {
    CHECK(write_file(path, actual));
    MESSAGE("updated " << path);
    return;
  }
  const std::string expected = read_file(path);
  CHECK_MESSAGE(!expected.empty(), "missing expected file " << path << " (run with --update-golden)");
  if (actual != expected) FAIL_CHECK("output differs from " << path << "\n--- actual output follows ---\n" << actual);
}

// One case's inputs, read from its fixture folder, and its options as the API takes them.
struct CaseInputs {
  std::string type, agreement, events, mapping;
  json options;
};

CaseInputs read_case(const std::string& fixture, const json& c) {
  const std::string dir = std::string(PACTCHECK_FIXTURES_DIR) + "/" + fixture + "/";
  CaseInputs in;
  in.type = c.value("type", std::string("check"));
  const std::string agreement_file = c.value("agreement", std::string("agreement.json"));
  const std::string events_file = c.value("events", std::string("events.json"));
  in.options = c.value("options", json::object());
  in.options["events_name"] = events_file;
  in.events = read_file(dir + events_file);
  if (c.contains("mapping")) {
    in.mapping = read_file(dir + c["mapping"].get<std::string>());
    in.options["mapping_name"] = c["mapping"];
  }
  if (in.type != "import") {
    in.agreement = read_file(dir + agreement_file);
    in.options["agreement_name"] = agreement_file;
    if (c.contains("mapping")) in.options["mapping"] = in.mapping;
  }
  return in;
}

// Runs one case; returns the number of cases checked (0 or 1).
int run_case(const std::string& fixture, const json& c) {
  const std::string dir = std::string(PACTCHECK_FIXTURES_DIR) + "/" + fixture + "/";
  const std::string name = c.value("name", std::string("<unnamed>"));
  CAPTURE(fixture);
  CAPTURE(name);
  const CaseInputs in = read_case(fixture, c);
  REQUIRE_MESSAGE((in.type == "check" || in.type == "import"), "a case's type is check or import, not " << in.type);
  REQUIRE_MESSAGE(c.contains("exit_code"), "each case declares its exit_code");
  REQUIRE_MESSAGE(c.contains("expected"), "each case names its expected file");
  if (c.contains("mapping")) REQUIRE_MESSAGE(!in.mapping.empty(), "missing mapping " << c["mapping"]);
  std::string result;
  if (in.type == "import") {
    REQUIRE_MESSAGE(c.contains("mapping"), "an import case names its mapping");
    result = pactcheck::import_events(in.events, in.mapping, in.options.dump());
  } else {
    result = pactcheck::check(in.agreement, in.events, in.options.dump());
  }
  const int declared = c["exit_code"].get<int>();
  const json envelope = json::parse(result, nullptr, false);
  REQUIRE(envelope.is_object());
  const int actual_code = envelope.value("exit_code", -1);
  const std::string actual = declared == 2 ? envelope.value("issues", json::array()).dump(2) + "\n"
                                           : envelope.value("rendered", std::string());
  if (settings().update_golden && (actual_code != declared || actual_code == 3)) {
    FAIL("refusing to bless: exit code " << actual_code << " but the case declares " << declared
                                         << "; fix the declaration deliberately first. Issues: "
                                         << envelope.value("issues", json::array()).dump());
    return 1;
  }
  CHECK_MESSAGE(actual_code == declared, "issues: " << envelope.value("issues", json::array()).dump());
  compare_or_update(dir + c["expected"].get<std::string>(), actual);
  // An import's account of every row, and its warnings, in the core's member order.
  const nlohmann::ordered_json ordered = nlohmann::ordered_json::parse(result, nullptr, false);
  if (c.contains("account")) {
    REQUIRE_MESSAGE(ordered.contains("account"), "the envelope has no account");
    compare_or_update(dir + c["account"].get<std::string>(), ordered["account"].dump(2) + "\n");
  }
  if (c.contains("warnings")) compare_or_update(dir + c["warnings"].get<std::string>(), envelope["issues"].dump(2) + "\n");
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

// validate --agreement --events (validate_inputs) promises the issues check gives for the same files, and that
// strict turns exactly those into errors: held over every check case of the corpus, strict and not.
TEST_CASE("golden: validating the two files gives exactly the issues check gives for them, strict or not") {
  const std::vector<std::string> fixtures = fixture_names();
  REQUIRE_MESSAGE(!fixtures.empty(), "no fixtures found under " PACTCHECK_FIXTURES_DIR);
  int compared = 0, with_warnings = 0, refused = 0;
  for (const std::string& fixture : fixtures) {
    const json manifest = json::parse(read_file(std::string(PACTCHECK_FIXTURES_DIR) + "/" + fixture + "/cases.json"), nullptr, false);
    REQUIRE(manifest.is_object());
    for (const json& c : manifest.value("cases", json::array())) {
      CaseInputs in = read_case(fixture, c);
      if (in.type != "check") continue;
      CAPTURE(fixture);
      CAPTURE(c.value("name", std::string()));
      for (const bool strict : {false, true}) {
        CAPTURE(strict);
        json options = in.options;
        if (strict) options["strict"] = true;
        const json checked = json::parse(pactcheck::check(in.agreement, in.events, options.dump()), nullptr, false);
        REQUIRE(checked.is_object());
        // Issues about the query itself (as-of, exclusions) are check's alone: validation takes no query.
        json file_issues = json::array();
        for (const json& issue : checked["issues"]) {
          if (issue.value("file", std::string()) != "options") file_issues.push_back(issue);
        }
        if (file_issues.empty() && !checked.value("ok", false)) continue;  // the options were refused
        for (const char* query : {"as_of", "known_at", "format", "exclude"}) options.erase(query);
        const json validated = json::parse(pactcheck::validate_inputs(in.agreement, in.events, options.dump()), nullptr, false);
        REQUIRE(validated.is_object());
        CHECK(validated["issues"] == file_issues);
        CHECK(validated.value("ok", false) == checked.value("ok", false));
        CHECK(validated.value("exit_code", -1) == (checked.value("ok", false) ? 0 : checked.value("exit_code", -1)));
        ++compared;
        if (!strict && checked.value("ok", false) && !file_issues.empty()) ++with_warnings;
        if (strict && !checked.value("ok", false)) ++refused;
      }
    }
  }
  // The corpus must exercise the promise: cases with warnings, and cases strict refuses.
  CHECK(compared > 100);
  CHECK(with_warnings >= 5);
  CHECK(refused >= 10);
}

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::size_t count_of(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

}  // namespace

// Issue 13 (a report a reader takes in at a glance): in every text and Markdown report of the corpus, what comes
// before the obligations' details (header, summary table, by party) fits on one 40-line screen for text, and
// every source is printed once, in the numbered list, cited by number: [n] in text, "n." entries in Markdown.
TEST_CASE("golden: text and Markdown reports open with a one-screen summary and print each source once") {
  const std::vector<std::string> fixtures = fixture_names();
  REQUIRE_MESSAGE(!fixtures.empty(), "no fixtures found under " PACTCHECK_FIXTURES_DIR);
  int reports = 0, with_sources = 0;
  std::size_t longest_summary = 0;
  for (const std::string& fixture : fixtures) {
    const json manifest = json::parse(read_file(std::string(PACTCHECK_FIXTURES_DIR) + "/" + fixture + "/cases.json"), nullptr, false);
    REQUIRE(manifest.is_object());
    for (const json& c : manifest.value("cases", json::array())) {
      const CaseInputs in = read_case(fixture, c);
      const std::string format = in.options.value("format", std::string("json"));
      if (in.type != "check" || (format != "text" && format != "markdown")) continue;
      CAPTURE(fixture);
      CAPTURE(c.value("name", std::string()));
      const json envelope = json::parse(pactcheck::check(in.agreement, in.events, in.options.dump()), nullptr, false);
      REQUIRE(envelope.is_object());
      if (!envelope.value("ok", false)) continue;
      const std::string report = envelope.value("rendered", std::string());
      const std::vector<std::string> lines = lines_of(report);
      const bool markdown = format == "markdown";
      const auto details = std::find(lines.begin(), lines.end(), markdown ? "## Obligations" : "OBLIGATIONS");
      REQUIRE_MESSAGE(details != lines.end(), "the report has no obligations section");
      const auto summary_lines = static_cast<std::size_t>(details - lines.begin());
      if (!markdown) {
        CHECK_MESSAGE(summary_lines <= 40, "the summary takes " << summary_lines << " lines");
        longest_summary = std::max(longest_summary, summary_lines);
      }
      ++reports;
      const auto list = std::find(lines.begin(), lines.end(), markdown ? "## Sources" : "SOURCES");
      std::size_t listed = 0;
      if (list != lines.end()) {
        const std::regex entry(markdown ? R"(^(\d+)\. (.+)$)" : R"(^  \[(\d+)\] (.+)$)");
        std::smatch m;
        auto first = list + 1;
        if (first != lines.end() && first->empty()) ++first;  // Markdown: a blank line after the heading
        for (auto it = first; it != lines.end() && std::regex_match(*it, m, entry); ++it) {
          ++listed;
          CHECK_MESSAGE(std::stoul(m[1].str()) == listed, "source entries are numbered 1, 2, ... in order");
          CHECK_MESSAGE(count_of(report, m[2].str()) == 1, "source printed more than once: " << m[2].str());
        }
        CHECK_MESSAGE(listed > 0, "an empty SOURCES section");
        ++with_sources;
      }
      // Every citation [n] before the list names an entry of it, and every entry is cited.
      const std::string body = list == lines.end() ? report : report.substr(0, report.find(*list + "\n"));
      std::set<std::size_t> cited;
      // "[3]" or "[3, 4, 7]" (in Markdown the brackets are escaped: \[3, 4\]).
      const std::regex citation(R"(\[(\d+(?:, \d+)*)\\?\])");
      const std::regex number(R"(\d+)");
      for (std::sregex_iterator it(body.begin(), body.end(), citation), end; it != end; ++it) {
        const std::string numbers = (*it)[1].str();
        for (std::sregex_iterator n(numbers.begin(), numbers.end(), number); n != end; ++n) cited.insert(std::stoul(n->str()));
      }
      for (const std::size_t n : cited) CHECK_MESSAGE((n >= 1 && n <= listed), "citation [" << n << "] names no listed source");
      CHECK_MESSAGE(cited.size() == listed, cited.size() << " sources cited, " << listed << " listed");
    }
  }
  REQUIRE_MESSAGE(reports >= 10, "the corpus has too few text and Markdown cases: " << reports);
  CHECK(with_sources >= 5);
  MESSAGE("longest text summary: " << longest_summary << " lines");
}

TEST_CASE("golden: the JSON report written straight from the evaluation is the report tree, in pieces or whole") {
  // write_report (the JSON format, and check_output's pieces) and build_report (the tree the text and Markdown
  // renderers read) must give the same document: the JSON goldens check one, the text and Markdown goldens the other.
  using ojson = nlohmann::ordered_json;
  const std::vector<std::string> fixtures = fixture_names();
  REQUIRE_MESSAGE(!fixtures.empty(), "no fixtures found under " PACTCHECK_FIXTURES_DIR);
  int compared = 0;
  for (const std::string& fixture : fixtures) {
    const json manifest = json::parse(read_file(std::string(PACTCHECK_FIXTURES_DIR) + "/" + fixture + "/cases.json"), nullptr, false);
    REQUIRE(manifest.is_object());
    for (const json& c : manifest.value("cases", json::array())) {
      CaseInputs in = read_case(fixture, c);
      if (in.type != "check") continue;
      CAPTURE(fixture);
      CAPTURE(c.value("name", std::string()));
      json as_json = in.options, as_text = in.options;
      as_json["format"] = "json";
      as_text["format"] = "text";
      const ojson written = ojson::parse(pactcheck::check(in.agreement, in.events, as_json.dump()), nullptr, false);
      const ojson tree = ojson::parse(pactcheck::check(in.agreement, in.events, as_text.dump()), nullptr, false);
      REQUIRE(written.is_object());
      REQUIRE(tree.is_object());
      if (!written.value("ok", false)) continue;
      CHECK(written["report"] == tree["report"]);
      CHECK(written["rendered"].get<std::string>() == written["report"].dump(2, ' ', false, ojson::error_handler_t::replace) + "\n");
      std::string pieces;
      std::size_t calls = 0;
      const pactcheck::CheckOutput out = pactcheck::check_output(
          in.agreement, in.events, as_json.dump(), nullptr, [&](std::string_view chunk) {
            pieces.append(chunk);
            ++calls;
          });
      CHECK(out.rendered.empty());
      CHECK(calls > 0);
      CHECK(pieces == written["rendered"].get<std::string>());
      ++compared;
    }
  }
  CHECK(compared > 50);
}
