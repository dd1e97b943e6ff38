// The RFC 4180 CSV reader (core/src/import/csv.hpp): records and their locations, line ends, quoting, the
// byte-order mark, UTF-8, limits, and every problem as a located Issue.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "import/csv.hpp"

using pactcheck::Issue;
using pactcheck::Limits;
using pactcheck::Severity;
namespace csv = pactcheck::csv;

namespace {

struct Read {
  bool ok = false;
  std::vector<csv::Record> records;
  std::vector<Issue> issues;

  // The fields of each record, as text.
  std::vector<std::vector<std::string>> texts() const {
    std::vector<std::vector<std::string>> out;
    for (const auto& r : records) {
      out.emplace_back();
      for (const auto& f : r.fields) out.back().push_back(f.text);
    }
    return out;
  }
};

Read read(const std::string& text, Limits limits = {}) {
  Read r;
  csv::Options options;
  options.file = "t.csv";
  options.limits = limits;
  r.ok = csv::read(text, options, [&](csv::Record&& rec) {
    r.records.push_back(std::move(rec));
    return true;
  }, r.issues);
  return r;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("csv: LF, CRLF and lone CR line ends, with or without a line end after the last record") {
  const Rows expected = {{"a", "b"}, {"1", "2"}, {"3", "4"}};
  for (const char* text : {"a,b\n1,2\n3,4", "a,b\n1,2\n3,4\n", "a,b\r\n1,2\r\n3,4", "a,b\r\n1,2\r\n3,4\r\n", "a,b\r1,2\r3,4\r",
                           "a,b\r\n1,2\n3,4\r"}) {
    CAPTURE(text);
    const Read r = read(text);
    CHECK(r.ok);
    CHECK(r.issues.empty());
    CHECK(r.texts() == expected);
    REQUIRE(r.records.size() == 3);
    CHECK(r.records[2].line == 3);
    CHECK(r.records[2].index == 2);
  }
}

TEST_CASE("csv: quoted fields hold commas, doubled quotes and line breaks; records are located by the line they start on") {
  const Read r = read("id,notes,n\r\nA1,\"On 9 November, \"\"quoted\"\", 2 killed\",2\r\nA2,\"two\nlines, and\r\nthree\",3\r\nA3,,\r\n");
  REQUIRE(r.ok);
  CHECK(r.issues.empty());
  CHECK(r.texts() == Rows{{"id", "notes", "n"},
                          {"A1", "On 9 November, \"quoted\", 2 killed", "2"},
                          {"A2", "two\nlines, and\r\nthree", "3"},
                          {"A3", "", ""}});
  CHECK(r.records[1].line == 2);
  CHECK(r.records[2].line == 3);
  CHECK(r.records[3].line == 6);  // after the two line breaks inside A2's notes
  // Fields: their line and byte column; a quoted field is located at its opening quote.
  CHECK(r.records[1].fields[1].line == 2);
  CHECK(r.records[1].fields[1].column == 4);
  CHECK(r.records[1].fields[2].column == 42);
  CHECK(r.records[2].fields[2].line == 5);
  CHECK(r.records[2].fields[2].column == 8);
  CHECK(r.records[3].fields[2].column == 5);
}

TEST_CASE("csv: a UTF-8 byte-order mark is skipped and columns count from after it; UTF-16 is refused") {
  const Read r = read("\xEF\xBB\xBF" "event_id_cnty,x\r\nARM4926,\xC3\xA9\r\n");
  REQUIRE(r.ok);
  CHECK(r.issues.empty());
  CHECK(r.texts() == Rows{{"event_id_cnty", "x"}, {"ARM4926", "\xC3\xA9"}});
  CHECK(r.records[0].fields[0].column == 1);
  CHECK(r.records[0].fields[1].column == 15);
  for (const std::string& bom : {std::string("\xFF\xFE"), std::string("\xFE\xFF")}) {
    const Read u = read(bom + "a\0,\0b\0", {});
    CHECK_FALSE(u.ok);
    REQUIRE(u.issues.size() == 1);
    CHECK(u.issues[0].code == "csv.encoding");
    CHECK(u.issues[0].line == 1);
  }
}

TEST_CASE("csv: blank lines between records are no records; an empty file or one of blank lines has no header") {
  const Read r = read("a,b\n\n1,2\r\n\r\n\n3,4\n\n");
  REQUIRE(r.ok);
  CHECK(r.texts() == Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}});
  CHECK(r.records[2].line == 6);
  for (const char* empty : {"", "\n", "\r\n\r\n", "\xEF\xBB\xBF"}) {
    CAPTURE(empty);
    const Read e = read(empty);
    CHECK_FALSE(e.ok);
    REQUIRE(e.issues.size() == 1);
    CHECK(e.issues[0].code == "csv.empty");
    CHECK(e.issues[0].severity == Severity::kError);
    CHECK(e.issues[0].line == 1);
    CHECK(e.issues[0].column == 1);
  }
  const Read header = read("a,b,c");
  CHECK(header.ok);
  CHECK(header.texts() == Rows{{"a", "b", "c"}});
  // A line holding only "" is a record with one empty field, not a blank line.
  CHECK(read("a\n\"\"\n").texts() == Rows{{"a"}, {""}});
}

TEST_CASE("csv: an unterminated quote is an error at the opening quote, and reading stops") {
  const Read r = read("a,b\n1,2\n3,\"no end\n4,5\n");
  CHECK_FALSE(r.ok);
  REQUIRE(r.issues.size() == 1);
  CHECK(r.issues[0].code == "csv.unterminated_quote");
  CHECK(r.issues[0].file == "t.csv");
  CHECK(r.issues[0].line == 3);
  CHECK(r.issues[0].column == 3);
  CHECK(r.records.size() == 2);  // the records before it were passed on
}

TEST_CASE("csv: a ragged row is a located warning and the record is still passed on, flagged") {
  const Read r = read("a,b,c\n1,2,3\n4,5\n6,7,8,9\n");
  REQUIRE(r.ok);
  REQUIRE(r.issues.size() == 2);
  CHECK(r.issues[0].code == "csv.ragged_row");
  CHECK(r.issues[0].severity == Severity::kWarning);
  CHECK(r.issues[0].message == "row has 2 fields, the header 3");
  CHECK(r.issues[0].line == 3);
  CHECK(r.issues[0].column == 3);  // its last field
  CHECK(r.issues[1].message == "row has 4 fields, the header 3");
  CHECK(r.issues[1].line == 4);
  CHECK(r.issues[1].column == 7);  // the first field too many
  REQUIRE(r.records.size() == 4);
  CHECK(r.records[1].problem_code.empty());
  CHECK(r.records[2].problem_code == "csv.ragged_row");
  CHECK(r.records[3].problem == "row has 4 fields, the header 3");
}

TEST_CASE("csv: stray quotes are kept as written, with a warning") {
  const Read r = read("a,b\nab\"c,\"d\"e\n");
  REQUIRE(r.ok);
  CHECK(r.texts() == Rows{{"a", "b"}, {"ab\"c", "de"}});
  REQUIRE(r.issues.size() == 1);  // one warning per record
  CHECK(r.issues[0].code == "csv.stray_quote");
  CHECK(r.issues[0].line == 2);
  CHECK(r.issues[0].column == 3);
  CHECK(r.records[1].problem_code == "csv.stray_quote");
}

TEST_CASE("csv: invalid UTF-8 is refused with the line and column of the first bad byte") {
  struct Bad {
    std::string bytes;
    const char* what;
  };
  for (const Bad& bad : {Bad{"\xFF", "0xFF"}, Bad{"\xC0\xAF", "overlong /"}, Bad{"\xED\xA0\x80", "a surrogate"},
                         Bad{"\xE2\x82", "a truncated sequence"}, Bad{"\xF4\x90\x80\x80", "above U+10FFFF"},
                         Bad{"\x80", "a lone continuation byte"}, Bad{"\xF8\x88\x80\x80\x80", "five bytes"}}) {
    CAPTURE(bad.what);
    const Read r = read("a,b\r\n1,x" + bad.bytes + "y\r\n");
    CHECK_FALSE(r.ok);
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].code == "csv.invalid_utf8");
    CHECK(r.issues[0].line == 2);
    CHECK(r.issues[0].column == 4);
    CHECK(r.records.empty());  // refused before any record is passed on
  }
  // Inside a quoted field that spans lines, the line is the physical line.
  const Read q = read("a\n\"x\ny\xFF\"\n");
  REQUIRE(q.issues.size() == 1);
  CHECK(q.issues[0].line == 3);
  CHECK(q.issues[0].column == 2);
  // Valid multi-byte text of every length passes.
  CHECK(read("a\n\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xEF\xBF\xBD\n").ok);
  CHECK(csv::invalid_utf8_at("ok \xE2\x82\xAC") == std::string_view::npos);
  CHECK(csv::invalid_utf8_at("ok \xE2\x82") == 3);
}

TEST_CASE("csv: limits on the input, one field and the rows after the header") {
  Limits small;
  small.max_input_bytes = 10;
  const Read big = read("a,b\n12345,6789\n", small);
  CHECK_FALSE(big.ok);
  REQUIRE(big.issues.size() == 1);
  CHECK(big.issues[0].code == "limit.input");
  CHECK(big.issues[0].line == 0);
  CHECK(big.issues[0].message == "input of 15 bytes exceeds the limit of 10 bytes (max_input_bytes)");

  Limits field;
  field.max_string_bytes = 8;
  for (const char* text : {"a,b\n1,123456789\n", "a,b\n1,\"12345\n6789\"\n"}) {
    CAPTURE(text);
    const Read r = read(text, field);
    CHECK_FALSE(r.ok);
    REQUIRE(r.issues.size() == 1);
    CHECK(r.issues[0].code == "limit.string");
    CHECK(r.issues[0].line == 2);
    CHECK(r.issues[0].column == 3);
    CHECK(r.issues[0].message == "field exceeds the limit of 8 bytes (max_string_bytes)");
  }
  CHECK(read("a,b\n1,12345678\n", field).ok);  // exactly the limit

  Limits rows;
  rows.max_events = 2;
  CHECK(read("h\n1\n2\n", rows).ok);  // the header does not count
  const Read many = read("h\n1\n2\n\"3\n\"\n4\n", rows);
  CHECK_FALSE(many.ok);
  REQUIRE(many.issues.size() == 1);
  CHECK(many.issues[0].code == "limit.events");
  CHECK(many.issues[0].line == 4);
  CHECK(many.issues[0].message == "more than 2 rows after the header (max_events)");
}

TEST_CASE("csv: a 10 MB field is refused by the default max_string_bytes, and reading it takes one pass") {
  std::string text = "id,notes\nX1,\"";
  text.append(10u * 1024u * 1024u, 'n');
  text += "\"\n";
  const Read r = read(text);
  CHECK_FALSE(r.ok);
  REQUIRE(r.issues.size() == 1);
  CHECK(r.issues[0].code == "limit.string");
  CHECK(r.issues[0].line == 2);
  CHECK(r.issues[0].column == 4);
  Limits raised;
  raised.max_string_bytes = 16u * 1024u * 1024u;
  const Read ok = read(text, raised);
  CHECK(ok.ok);
  REQUIRE(ok.records.size() == 2);
  CHECK(ok.records[1].fields[1].text.size() == 10u * 1024u * 1024u);
}

TEST_CASE("csv: the sink can stop reading; progress ends at the text's size") {
  std::vector<csv::Record> seen;
  std::vector<Issue> issues;
  csv::Options options;
  std::size_t last_done = 0, last_total = 0;
  options.progress = [&](std::size_t done, std::size_t total) {
    CHECK(done <= total);
    last_done = done;
    last_total = total;
  };
  const std::string text = "a\n1\n2\n3\n";
  CHECK(csv::read(text, options, [&](csv::Record&& r) {
    seen.push_back(std::move(r));
    return true;
  }, issues));
  CHECK(last_done == text.size());
  CHECK(last_total == text.size());
  seen.clear();
  CHECK(csv::read(text, options, [&](csv::Record&& r) {
    seen.push_back(std::move(r));
    return seen.size() < 2;
  }, issues));
  CHECK(seen.size() == 2);
  CHECK(issues.empty());
}

TEST_CASE("csv: formula-looking cells and markup are read as the text they are") {
  const Read r = read("a,b,c,d\n\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",+cmd,@SUM(A1:A9),<script>x</script>\n-2+3,=1+1,\"'=x\",\t=tab\n");
  REQUIRE(r.ok);
  CHECK(r.texts() == Rows{{"a", "b", "c", "d"},
                          {"=HYPERLINK(\"http://x\",\"y\")", "+cmd", "@SUM(A1:A9)", "<script>x</script>"},
                          {"-2+3", "=1+1", "'=x", "\t=tab"}});
}
