// The HTML, CSV, JUnit XML and GeoJSON renderings: escaping of hostile strings, CSV quoting and formula
// neutralisation, JUnit counts, GeoJSON coordinate order. The report is built here, by hand, so that every
// hostile string sits where a renderer prints it; the end of the file runs the real fixture through check.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "pactcheck/report.hpp"
#include "render_util.hpp"
#include "support.hpp"

using OJson = nlohmann::ordered_json;
using pactcheck::testing::read_file;

namespace {

const char* const kScript = "<script>alert(1)</script>";
const char* const kBreakout = "\"><img src=x onerror=alert(1)>";
const char* const kFormula = "=HYPERLINK(\"http://evil.example\",\"x\")";
// A right-to-left override and a BEL, which must never reach the output raw.
const char* const kBidi = "Y's side \xE2\x80\xAE" "evil\x07";

OJson bearer(const char* party, const char* name, const char* status, const OJson& why, OJson history = OJson::array()) {
  return OJson{{"party", party}, {"name", name},   {"status", status},   {"disputed", false},
               {"why", why},     {"counts", OJson::object()}, {"history", std::move(history)}};
}

OJson obligation(const char* id, const char* point, const char* title, const char* status, OJson bearers, OJson evidence) {
  return OJson{{"id", id},
               {"instrument", "i1"},
               {"point", point},
               {"title", title},
               {"kind", "prohibition"},
               {"text", "Clause with 'single' and \"double\" quotes & an <em>ampersand</em>"},
               {"bearers", OJson::array()},
               {"beneficiaries", OJson::array()},
               {"status", status},
               {"disputed", false},
               {"headline", std::string("Headline ") + kScript},
               {"by_bearer", std::move(bearers)},
               {"joint_breach", nullptr},
               {"explanation", std::string("Broken, \"badly\", ") + kBreakout},
               {"deadline", nullptr},
               {"progress", nullptr},
               {"notices", nullptr},
               {"readings", nullptr},
               {"evidence", std::move(evidence)}};
}

// A small report in the shape build_report gives (schemas/report.schema.json), full of hostile strings.
OJson hostile_report() {
  OJson r;
  r["format"] = "pactcheck/report";
  r["version"] = 2;
  r["generator"] = "pactcheck test";
  r["agreement"] = OJson{{"id", "A<1>&"}, {"title", kScript}, {"text_note", nullptr}, {"zone", "+04:00"}, {"instruments", OJson::array()}};
  r["event_log"] = OJson{{"title", kBreakout}, {"synthetic", true}};
  r["as_of"] = "2020-12-31T23:59:00+04:00";
  r["as_of_utc"] = "2020-12-31T19:59:00Z";
  r["as_of_defaulted"] = false;
  r["knowledge"] = OJson{{"mode", "hindsight"}, {"known_at", nullptr}, {"later_knowledge", 0}, {"text", "everything"}};
  r["evidence_standard"] = OJson{{"violation", "any_report"}, {"completion", "any_report"}, {"text", "any report"}};
  r["input_digest"] = "sha256:00";
  r["excluded"] = OJson::array();
  r["parties"] = OJson::array({OJson{{"id", "X"}, {"name", kFormula}, {"role", "party"}},
                               OJson{{"id", "Y"}, {"name", kBidi}, {"role", "party"}}});
  r["monitors"] = OJson::array();
  r["summary"] = OJson{{"obligations", 3}, {"by_status", OJson::object()}, {"by_party", OJson::array()},
                       {"violated", OJson::array({"o1"})}, {"undetermined", OJson::array()}, {"disputed", OJson::array()}};
  OJson history = OJson::array({OJson{{"at", "2020-11-26T00:00:00+04:00"}, {"status", "violated"}, {"event", "E1"}, {"note", nullptr}}});
  OJson e1{{"event", "E1"}, {"role", "violation"}, {"bearer", "X"}, {"note", kScript}, {"disputed", false}, {"standing", "alleged"},
           {"time", "2020-11-26T12:00:00+04:00"}, {"type", "attack"}};
  OJson e2{{"event", "E2"}, {"role", "context"}, {"bearer", nullptr}, {"note", "no bearer"}, {"disputed", false}, {"standing", nullptr},
           {"time", "2020-11-27T12:00:00+04:00"}, {"type", "attack"}};
  r["obligations"] = OJson::array(
      {obligation("o1", "+1", "-2 & <i>it</i>", "violated",
                  OJson::array({bearer("X", kFormula, "violated", "\tleading tab", history),
                                bearer("Y", kBidi, "undetermined", "line one\r\nline two, with a comma")}),
                  OJson::array({e1, e2})),
       obligation("o2", "2", "@SUM(A1:A9)", "complied", OJson::array({bearer("Y", kBidi, "complied", nullptr)}), OJson::array()),
       obligation("o3", "3", "Third", "pending", OJson::array({bearer("X", kFormula, "pending", nullptr)}), OJson::array())});
  OJson where{{"name", kBreakout}, {"lat", 39.5}, {"lon", 46.75}, {"approximate", false}};
  r["events"] = OJson{
      {"total", 2},
      {"used", 2},
      {"not_relevant", 0},
      {"ignored", 0},
      {"ignored_by_reason", OJson::object()},
      {"ignored_groups", OJson::array()},
      {"not_relevant_groups", OJson::array()},
      {"evidence_events",
       OJson::array({OJson{{"id", "E1"}, {"time", "2020-11-26T12:00:00+04:00"}, {"precision", "day"}, {"type", "attack"},
                           {"actors", OJson::array({OJson{{"name", kScript}, {"party", "X"}, {"role", "perpetrator"}}})},
                           {"where", where},
                           {"sources", OJson::array({OJson{{"title", "<iframe src=x>"}, {"url", "javascript:alert(1)"}},
                                                     OJson{{"title", "ok"}, {"url", "https://example.org/a?b=1&c=2"}}})}},
                     OJson{{"id", "E2"}, {"time", "2020-11-27T12:00:00+04:00"}, {"precision", "day"}, {"type", "attack"},
                           {"actors", OJson::array()}, {"sources", OJson::array()}}})}};
  r["issues"] = OJson::array();
  return r;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// An RFC 4180 reader strict enough to catch a renderer's mistakes: CRLF records, quoted fields with doubled
// quotes; a bare LF or CR outside quotes, or a quote inside an unquoted field, fails the test.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {
      ++i;
      while (true) {
        REQUIRE_MESSAGE(i < text.size(), "unterminated quoted field");
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
        REQUIRE_MESSAGE(text[i] != '"', "a quote inside an unquoted field");
        field += text[i++];
      }
    }
    REQUIRE(i < text.size());  // every record ends with CRLF
    if (text[i] == ',') {
      row.push_back(field);
      field.clear();
      ++i;
      continue;
    }
    REQUIRE_MESSAGE(text.compare(i, 2, "\r\n") == 0, "a record must end with CRLF");
    row.push_back(field);
    field.clear();
    rows.push_back(row);
    row.clear();
    i += 2;
  }
  return rows;
}

}  // namespace

TEST_CASE("markup() escapes the five HTML/XML specials after showing controls escaped") {
  using pactcheck::render::markup;
  CHECK(markup("<a href='x'>&\"") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
  CHECK(markup("plain text") == "plain text");
  CHECK(markup("tab\there") == "tab\\u{0009}here");
  CHECK(markup("\xE2\x80\xAE" "abc") == "\\u{202E}abc");
  CHECK(markup("\xE2\x81\xA6x\xE2\x81\xA9") == "\\u{2066}x\\u{2069}");
  CHECK(markup("a\xEF\xBF\xBE" "b\xEF\xBF\xBF") == "a\\u{FFFE}b\\u{FFFF}");
  CHECK(markup("caf\xC3\xA9 \xF0\x9F\x98\x80") == "caf\xC3\xA9 \xF0\x9F\x98\x80");  // ordinary UTF-8 stays
  CHECK(markup("&amp;") == "&amp;amp;");  // an entity in the input is text, not an entity
}

TEST_CASE("the HTML report is self-contained, forbids script and shows hostile strings as inert text") {
  const OJson r = hostile_report();
  const std::string html = pactcheck::render_html(r);
  CHECK(html == pactcheck::render_html(r));  // deterministic
  CHECK(html.rfind("<!DOCTYPE html>\n", 0) == 0);
  CHECK(count(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                    "img-src data:\">") == 1);
  const std::string low = lower(html);
  // No script, no loaded resource, no markup from the inputs.
  for (const char* tag : {"<script", "<img", "<iframe", "<link", "<object", "<embed", "<svg", "<base", "<form", "<i>", "<em>"}) {
    CHECK_MESSAGE(count(low, tag) == 0, tag);
  }
  CHECK(count(low, "<style>") == 1);
  CHECK(count(low, "javascript:") == 1);           // the non-web source URL, shown as text...
  CHECK(count(low, "href=\"javascript") == 0);     // ...and never a link
  // Every tag is one the renderer writes, and none carries an event handler or a src.
  const std::vector<std::string> allowed{"!doctype", "html", "head", "meta", "title", "style", "body", "header", "footer", "h1",
                                         "h2", "h3", "dl", "dt", "dd", "code", "section", "table", "thead", "tbody", "tr", "th",
                                         "td", "a", "span", "ul", "ol", "li", "p", "blockquote", "strong"};
  for (std::size_t at = low.find('<'); at != std::string::npos; at = low.find('<', at + 1)) {
    std::size_t end = at + 1;
    if (end < low.size() && low[end] == '/') ++end;
    std::string name;
    while (end < low.size() && (std::isalnum(static_cast<unsigned char>(low[end])) || low[end] == '!')) name += low[end++];
    CHECK_MESSAGE(std::find(allowed.begin(), allowed.end(), name) != allowed.end(), "unexpected tag <" << name << ">");
    const std::string tag = low.substr(at, low.find('>', at) - at);
    CHECK_MESSAGE(tag.find(" on") == std::string::npos, tag);
    CHECK_MESSAGE(tag.find(" src") == std::string::npos, tag);
  }
  CHECK(count(html, "&lt;script&gt;alert(1)&lt;/script&gt;") >= 3);
  CHECK(count(html, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;") >= 2);
  CHECK(count(html, "&lt;iframe src=x&gt;") == 1);
  CHECK(count(html, "-2 &amp; &lt;i&gt;it&lt;/i&gt;") >= 2);
  CHECK(count(html, "Y&#39;s side \\u{202E}evil\\u{0007}") >= 2);
  CHECK(count(html, "\xE2\x80\xAE") == 0);
  CHECK(count(html, "\x07") == 0);
  CHECK(count(html, "\t") == 0);
  CHECK(count(html, "A&lt;1&gt;&amp;") >= 1);
  // A web source is a link, with its & escaped in the attribute.
  CHECK(count(html, "<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">") == 1);
  // The structure: a status table, a section per obligation, the evidence and a timeline.
  CHECK(count(html, "<table class=\"summary\">") == 1);
  CHECK(count(html, "<section class=\"obligation\"") == 3);
  CHECK(count(html, "<h2>Timeline</h2>") == 1);
  CHECK(count(html, "<table") == count(html, "</table>"));
  CHECK(count(html, "<section") == count(html, "</section>"));
  CHECK(count(html, "<tr") == count(html, "</tr>"));
  CHECK(count(html, "<td") == count(html, "</td>"));
}

TEST_CASE("csv_field neutralises formulas and quotes what RFC 4180 needs") {
  using pactcheck::render::csv_field;
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("") == "");
  CHECK(csv_field("1-2") == "1-2");  // only a leading sign is a formula
  CHECK(csv_field("=1+1") == "'=1+1");
  CHECK(csv_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_field("+1") == "'+1");
  CHECK(csv_field("-2") == "'-2");
  CHECK(csv_field("@SUM(A1:A9)") == "'@SUM(A1:A9)");
  CHECK(csv_field("\tx") == "'\tx");
  CHECK(csv_field("\rx") == "\"'\rx\"");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("crlf\r\n") == "\"crlf\r\n\"");
  CHECK(csv_field(" =1") == " =1");  // not at the start: a spreadsheet reads it as text
}

TEST_CASE("the CSV report: one row per obligation and bearer, quoted, neutralised, CRLF, no BOM") {
  const OJson r = hostile_report();
  const std::string csv = pactcheck::render_csv(r);
  CHECK(csv == pactcheck::render_csv(r));
  CHECK(csv.rfind("\xEF\xBB\xBF", 0) != 0);
  CHECK(csv.rfind("agreement_id,as_of,obligation_id,", 0) == 0);
  const auto rows = parse_csv(csv);
  REQUIRE(rows.size() == 5);  // the header, o1 x 2 bearers, o2, o3
  const auto& header = rows[0];
  for (const auto& row : rows) CHECK(row.size() == header.size());
  auto column = [&](const char* name) {
    const auto it = std::find(header.begin(), header.end(), name);
    REQUIRE_MESSAGE(it != header.end(), name);
    return static_cast<std::size_t>(it - header.begin());
  };
  const std::size_t ob = column("obligation_id"), point = column("point"), title = column("title"), bid = column("bearer_id"),
                    bname = column("bearer_name"), bstatus = column("bearer_status"), why = column("why"),
                    fv_at = column("first_violation_at"), fv_event = column("first_violation_event"),
                    evidence = column("evidence_events"), explanation = column("explanation");
  CHECK(rows[1][ob] == "o1");
  CHECK(rows[1][bid] == "X");
  CHECK(rows[1][bname] == std::string("'") + kFormula);
  CHECK(rows[1][point] == "'+1");
  CHECK(rows[1][title] == "'-2 & <i>it</i>");
  CHECK(rows[1][why] == "'\tleading tab");
  CHECK(rows[1][bstatus] == "violated");
  CHECK(rows[1][fv_at] == "2020-11-26T00:00:00+04:00");
  CHECK(rows[1][fv_event] == "E1");
  CHECK(rows[1][evidence] == "E1 E2");  // its own evidence and the obligation's (no bearer)
  CHECK(rows[1][explanation] == std::string("Broken, \"badly\", ") + kBreakout);
  CHECK(rows[2][bid] == "Y");
  CHECK(rows[2][bname] == kBidi);  // data, as it is: CSV escapes nothing but what CSV needs
  CHECK(rows[2][why] == "line one\r\nline two, with a comma");
  CHECK(rows[2][evidence] == "E2");
  CHECK(rows[2][fv_at] == "");
  CHECK(rows[3][title] == "'@SUM(A1:A9)");
  CHECK(rows[3][bstatus] == "complied");
  CHECK(rows[4][ob] == "o3");
  // The raw bytes: the formula's quotes doubled inside a quoted field.
  CHECK(count(csv, "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"") == 2);
}

TEST_CASE("the JUnit report: counts, outcomes and escaping") {
  const OJson r = hostile_report();
  const std::string xml = pactcheck::render_junit(r);
  CHECK(xml == pactcheck::render_junit(r));
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) == 0);
  CHECK(count(xml, "<testsuite name=\"A&lt;1&gt;&amp;\" tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"2\" time=\"0\" "
                   "timestamp=\"2020-12-31T23:59:00+04:00\">") == 1);
  CHECK(count(xml, "<testsuites name=\"pactcheck\" tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"2\"") == 1);
  CHECK(count(xml, "<testcase ") == 4);
  CHECK(count(xml, "<failure ") == 1);
  CHECK(count(xml, "<skipped ") == 2);
  CHECK(count(xml, "<testcase classname=\"o1\" name=\"=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)\"") == 1);
  CHECK(count(xml, "<failure message=\"violated: \\u{0009}leading tab\" type=\"violated\">") == 1);
  CHECK(count(xml, "<skipped message=\"undetermined: line one\\u{000D}\\u{000A}line two, with a comma\"/>") == 1);
  CHECK(count(xml, "<skipped message=\"pending: Headline &lt;script&gt;alert(1)&lt;/script&gt;\"/>") == 1);
  CHECK(count(xml, "name=\"Y&#39;s side \\u{202E}evil\\u{0007}\"") == 2);
  CHECK(count(lower(xml), "<script") == 0);
  CHECK(count(xml, "<img") == 0);
  for (char c : xml) CHECK_MESSAGE((static_cast<unsigned char>(c) >= 0x20 || c == '\n'), "a control character in the XML");
  // Every element opened is closed (the only self-closing ones are property and skipped).
  CHECK(count(xml, "<testcase ") == count(xml, "</testcase>"));
  CHECK(count(xml, "<failure ") == count(xml, "</failure>"));
  CHECK(count(xml, "<system-out>") == count(xml, "</system-out>"));
}

TEST_CASE("the GeoJSON report: located evidence events as [lon, lat] points") {
  const OJson r = hostile_report();
  const std::string text = pactcheck::render_geojson(r);
  CHECK(text == pactcheck::render_geojson(r));
  const OJson g = OJson::parse(text, nullptr, false);
  REQUIRE(g.is_object());
  CHECK(g["type"] == "FeatureCollection");
  REQUIRE(g["features"].size() == 1);  // E2 has no location
  const OJson& f = g["features"][0];
  CHECK(f["type"] == "Feature");
  CHECK(f["geometry"]["type"] == "Point");
  CHECK(f["geometry"]["coordinates"] == OJson::array({46.75, 39.5}));  // longitude first
  CHECK(f["properties"]["event"] == "E1");
  CHECK(f["properties"]["place"] == kBreakout);  // data, as it is: JSON escapes what JSON needs
  REQUIRE(f["properties"]["evidence_for"].size() == 1);
  CHECK(f["properties"]["evidence_for"][0]["obligation"] == "o1");
  CHECK(f["properties"]["evidence_for"][0]["bearer"] == "X");
  CHECK(f["properties"]["evidence_for"][0]["role"] == "violation");
  CHECK(f["properties"]["evidence_for"][0]["standing"] == "alleged");
  CHECK(g["pactcheck"]["events_without_location"] == OJson::array({"E2"}));
}

TEST_CASE("every format through check: the nk-2020 report, deterministic, and the GeoJSON in [lon, lat]") {
  const std::string dir = std::string(PACTCHECK_FIXTURES_DIR) + "/nk-2020/";
  const std::string agreement = read_file(dir + "agreement.json"), events = read_file(dir + "events.json");
  const nlohmann::json base{{"as_of", "2020-12-31T23:59:00+04:00"}};
  nlohmann::json options = base;
  options["format"] = "json";
  const nlohmann::json report = pactcheck::testing::check(agreement, events, options)["report"];
  REQUIRE(report.is_object());
  for (const std::string& format : pactcheck::report_formats()) {
    CAPTURE(format);
    options["format"] = format;
    const nlohmann::json a = pactcheck::testing::check(agreement, events, options);
    CHECK(a["exit_code"] == 1);
    CHECK(a["format"] == format);
    CHECK(a["rendered"] == pactcheck::testing::check(agreement, events, options)["rendered"]);
    CHECK(a["rendered"].get<std::string>().back() == '\n');
  }
  options["format"] = "geojson";
  const nlohmann::json g = nlohmann::json::parse(pactcheck::testing::check(agreement, events, options)["rendered"].get<std::string>());
  REQUIRE(g["features"].size() > 5);
  for (const auto& f : g["features"]) {
    const auto it = std::find_if(report["events"]["evidence_events"].begin(), report["events"]["evidence_events"].end(),
                                 [&](const nlohmann::json& e) { return e["id"] == f["id"]; });
    REQUIRE(it != report["events"]["evidence_events"].end());
    CHECK(f["geometry"]["coordinates"][0] == (*it)["where"]["lon"]);
    CHECK(f["geometry"]["coordinates"][1] == (*it)["where"]["lat"]);
  }
  options["format"] = "pdf";
  const nlohmann::json refused = pactcheck::testing::check(agreement, events, options);
  CHECK(refused["exit_code"] == 2);
  CHECK(refused["issues"][0]["message"] == "format must be json, text, markdown, html, csv, junit or geojson");
}
