#include <doctest/doctest.h>

#include <string>

#include "json_reader.hpp"
#include "sha256.hpp"

using namespace pactcheck;

namespace {
std::vector<Issue> read(const std::string& text, Json& root, Limits limits = {}) {
  std::vector<Issue> issues;
  JsonReadOptions options;
  options.file = "doc.json";
  options.limits = limits;
  read_json(text, options, root, issues);
  return issues;
}
}  // namespace

TEST_CASE("syntax errors carry 1-based line and column") {
  Json root;
  auto issues = read("{\n  \"a\": 1,\n  \"b\" 2\n}", root);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].code == "json.syntax");
  CHECK(issues[0].line == 3);
  CHECK(issues[0].column == 7);
  CHECK(issues[0].file == "doc.json");
  CHECK(format_issue(issues[0]).rfind("doc.json:3:7: error:", 0) == 0);
}

TEST_CASE("empty, truncated and non-JSON inputs are syntax errors") {
  for (const char* text : {"", "{", "[1, 2", "{\"a\": tru}", "NaN", "[Infinity]", "{'a': 1}", "\"\xff\""}) {
    CAPTURE(text);
    Json root;
    auto issues = read(text, root);
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].code == "json.syntax");
    CHECK(issues[0].line >= 1);
  }
}

TEST_CASE("limits: depth, string length and input size are enforced with a location") {
  Json root;
  std::string deep(100000, '[');
  auto issues = read(deep, root);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].code == "limit.depth");

  Limits small;
  small.max_string_bytes = 8;
  issues = read(R"({"key": "0123456789"})", root, small);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].code == "limit.string");
  CHECK(issues[0].pointer == "/key");

  small = Limits{};
  small.max_input_bytes = 4;
  issues = read("[1, 2, 3]", root, small);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].code == "limit.input");
}

TEST_CASE("numbers out of range and duplicate keys are errors at their pointer") {
  Json root;
  auto issues = read("{\"a\": [1,\n 1e999]}", root);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].code == "json.number_range");
  CHECK(issues[0].line == 2);
  issues = read(R"({"a": 1, "b": {"c": 1, "c": 2}})", root);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].code == "json.duplicate_key");
  CHECK(issues[0].pointer == "/b/c");
}

TEST_CASE("pointers escape ~ and /") {
  CHECK(pointer_join("", "a/b~c") == "/a~1b~0c");
  CHECK(pointer_join("/x", 3) == "/x/3");
}

TEST_CASE("a byte-order mark is skipped with a warning") {
  Json root;
  auto issues = read("\xEF\xBB\xBF{\"a\": 1}", root);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].severity == Severity::kWarning);
  CHECK(issues[0].code == "json.bom");
  CHECK(root["a"] == 1);
}

TEST_CASE("the streamed array's elements reach the sink one at a time and are not kept") {
  Json root;
  std::vector<Issue> issues;
  std::vector<std::pair<std::size_t, Json>> seen;
  JsonReadOptions options;
  options.file = "log.json";
  options.streamed_array_key = "events";
  options.sink = [&](std::size_t index, Json&& element) {
    seen.emplace_back(index, std::move(element));
    return true;
  };
  REQUIRE(read_json(R"({"events": [{"id": "a", "x": [1, {"y": 2}]}, 7, {"id": "c"}], "format": "f"})", options, root, issues));
  CHECK(issues.empty());
  REQUIRE(seen.size() == 3);
  CHECK(seen[0].first == 0);
  CHECK(seen[0].second["x"][1]["y"] == 2);
  CHECK(seen[1].second == 7);
  CHECK(seen[2].second["id"] == "c");
  CHECK(root["events"].empty());
  CHECK(root["format"] == "f");
}

TEST_CASE("SHA-256 matches the FIPS 180-4 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
