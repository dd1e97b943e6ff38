// The ACLED and UCDP GED importers and their mapping documents (core/src/import/, docs/import.md), through the
// core's API (import_events, check with CSV events) and directly.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "import/importer.hpp"
#include "import/mapping.hpp"
#include "pactcheck/api.hpp"
#include "pactcheck/readers.hpp"
#include "support.hpp"

using nlohmann::json;
using pactcheck::testing::agreement_with;
using pactcheck::testing::ignored_reasons;
using pactcheck::testing::read_file;
namespace import = pactcheck::import;

namespace {

const std::vector<std::string> kAcledColumns = {
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region",
    "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp"};

std::string quote(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

using Row = std::map<std::string, std::string>;

// An ACLED row with sensible defaults: a battle between AZ and AM forces on 2020-11-12 inside the test zone.
Row acled_row(const Row& changes = {}) {
  Row r = {{"event_id_cnty", "AZE1"},
           {"event_date", "2020-11-12"},
           {"year", "2020"},
           {"time_precision", "1"},
           {"disorder_type", "Political violence"},
           {"event_type", "Battles"},
           {"sub_event_type", "Armed clash"},
           {"actor1", "Military Forces of Azerbaijan (2003-)"},
           {"actor2", "Military Forces of Armenia (2018-)"},
           {"country", "Azerbaijan"},
           {"admin1", "Khojavend"},
           {"location", "Hadrut"},
           {"latitude", "39.5200"},
           {"longitude", "46.9000"},
           {"geo_precision", "1"},
           {"source", "Source One; Source Two"},
           {"notes", "On 12 November 2020, a clash, with \"quotes\"."},
           {"fatalities", "2"},
           {"timestamp", "1605625231"}};
  for (const auto& [k, v] : changes) r[k] = v;
  return r;
}

std::string csv_of(const std::vector<std::string>& columns, const std::vector<Row>& rows, const char* eol = "\r\n") {
  std::string out;
  for (std::size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + columns[i];
  out += eol;
  for (const Row& r : rows) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto it = r.find(columns[i]);
      out += (i ? "," : "") + quote(it == r.end() ? "" : it->second);
    }
    out += eol;
  }
  return out;
}

std::string acled_csv(const std::vector<Row>& rows) { return csv_of(kAcledColumns, rows); }

json acled_mapping() {
  return json::parse(R"J({
    "format": "pactcheck/mapping", "version": 1, "source": "acled", "title": "unit", "zone": "+04:00",
    "actors": {"Military Forces of Azerbaijan (2003-)": {"party": "AZ"}, "Military Forces of Armenia (2018-)": {"party": "AM"},
               "Civilians (Azerbaijan)": {"non_party": true}},
    "charge": ["actor1", "assoc_actor_1"],
    "event_types": [
      {"event_type": "Battles", "sub_event_type": "Armed clash", "types": ["armed_clash"],
       "charge": ["actor1", "assoc_actor_1", "actor2", "assoc_actor_2"]},
      {"event_type": "Battles", "types": ["armed_clash", "territorial_advance"]},
      {"event_type": "Violence against civilians", "types": ["armed_clash"]},
      {"event_type": "Strategic developments", "sub_event_type": "Non-violent transfer of territory", "types": ["territory_handover"],
       "subject": {"column": "admin1", "values": {"Aghdam": "district-a"}}},
      {"event_type": "Strategic developments", "sub_event_type": "Other", "unmapped": "a grab bag"}
    ],
    "time_precision": {"1": {"range": "day"}, "2": {"range": "days", "either_side": 3}, "3": {"range": "month"}},
    "geo_precision": {"1": {"uncertainty_km": 2}, "2": {"uncertainty_km": 15, "approximate": true}},
    "quantities": [{"column": "fatalities", "category": "fatalities", "unit": "persons", "skip_zero": true}],
    "reported": {"column": "timestamp", "as": "unix_seconds"},
    "attribution": {"basis": "reported"}
  })J");
}

nlohmann::ordered_json import_acled(const std::string& csv, const json& mapping = acled_mapping(), json options = json::object()) {
  if (!options.contains("events_name")) options["events_name"] = "t.csv";
  return nlohmann::ordered_json::parse(pactcheck::import_events(csv, mapping.dump(), options.dump()));
}

// An ordered value as a plain one, to compare with json::parse(...) whatever the member order.
json plain(const nlohmann::ordered_json& value) { return json::parse(value.dump()); }

// The events of an import envelope (empty when refused).
const nlohmann::ordered_json& events_of(const nlohmann::ordered_json& env) {
  static const nlohmann::ordered_json kNone = nlohmann::ordered_json::array();
  return env.contains("events") ? env["events"]["events"] : kNone;
}

std::vector<std::string> codes(const nlohmann::ordered_json& env) {
  std::vector<std::string> out;
  for (const auto& i : env["issues"]) out.push_back(i["code"].get<std::string>());
  return out;
}

// A ceasefire in the unit agreement's zone, from 2020-11-10.
std::string ceasefire_agreement() {
  return agreement_with(json::parse(R"J([
    {"id": "p1", "instrument": "s", "point": "1", "text": "Ceasefire.", "bearers": ["AZ", "AM"], "kind": "prohibition",
     "params": {"from": "2020-11-10T00:00:00+03:00", "event_types": ["armed_clash"], "scope": {"within_areas": ["zone"]}}}
  ])J"),
                        json{{"vocabulary", {{"event_types", json::array({{{"id", "armed_clash"}}, {{"id", "territorial_advance"}},
                                                                          {{"id", "territory_handover"}}})},
                                             {"subjects", json::array({{{"id", "district-a"}}})}}}});
}

}  // namespace

TEST_CASE("import: export dates in the forms ACLED and UCDP write them") {
  using pactcheck::LocalDate;
  const auto is = [](const char* text, int y, int m, int d) {
    const auto date = import::parse_export_date(text);
    return date && date->year == y && date->month == m && date->day == d;
  };
  CHECK(is("2020-11-09", 2020, 11, 9));
  CHECK(is("2020-11-09 00:00:00.000", 2020, 11, 9));
  CHECK(is("2020-11-09T00:00:00", 2020, 11, 9));
  CHECK(is("09 November 2020", 2020, 11, 9));
  CHECK(is("9 November 2020", 2020, 11, 9));
  CHECK(is("09-November-2020", 2020, 11, 9));
  CHECK(is("9 Nov 2020", 2020, 11, 9));
  CHECK(is(" 29 February 2020 ", 2020, 2, 29));
  for (const char* bad : {"", "2020-02-30", "2020-13-01", "29 February 2021", "11/09/2020", "2020-11-09x", "9 Novembre 2020",
                          "November 9, 2020", "99 November 2020", "9 November 20", "yesterday"}) {
    CAPTURE(bad);
    CHECK_FALSE(import::parse_export_date(bad));
  }
}

TEST_CASE("import: an ACLED row becomes an event: day in the mapping's zone, actors, place, quantity, reported, origin") {
  const auto env = import_acled(acled_csv({acled_row()}));
  REQUIRE(env["ok"] == true);
  CHECK(env["exit_code"] == 0);
  CHECK(env["issues"].empty());
  REQUIRE(events_of(env).size() == 1);
  const auto& e = events_of(env)[0];
  CHECK(e["id"] == "AZE1");
  CHECK(e["time"] == "2020-11-12");
  CHECK(e["utc_offset"] == "+04:00");
  CHECK_FALSE(e.contains("precision"));
  CHECK(e["type"] == "armed_clash");
  CHECK(e["reported"] == "2020-11-17T15:00:31Z");
  CHECK(e["actors"] == json::parse(R"J([{"name": "Military Forces of Azerbaijan (2003-)", "party": "AZ"},
                                       {"name": "Military Forces of Armenia (2018-)", "party": "AM"}])J"));
  CHECK(plain(e["where"]) == json::parse(R"J({"name": "Hadrut, Khojavend, Azerbaijan", "lat": 39.52, "lon": 46.9, "uncertainty_km": 2})J"));
  CHECK(plain(e["quantities"]) == json::parse(R"J([{"category": "fatalities", "value": 2, "unit": "persons"}])J"));
  CHECK(e["attribution"] == json::parse(R"J({"basis": "reported"})J"));
  CHECK(e["notes"] == "On 12 November 2020, a clash, with \"quotes\".");
  CHECK(plain(e["sources"]) == json::parse(R"J([{"title": "ACLED event AZE1", "publisher": "ACLED"},
    {"title": "Source One", "note": "cited by ACLED"}, {"title": "Source Two", "note": "cited by ACLED"}])J"));
  CHECK(plain(e["origin"]) == json::parse(R"J({"format": "acled", "file": "t.csv", "line": 2, "row": "AZE1"})J"));
  CHECK(e["extra"]["acled"]["sub_event_type"] == "Armed clash");
  CHECK_FALSE(e.contains("unmapped"));
  // The document and the account.
  CHECK(env["events"]["format"] == "pactcheck/events");
  CHECK(env["events"]["version"] == 1);
  CHECK(env["events"]["title"] == "ACLED export t.csv");
  CHECK(env["rendered"] == env["events"].dump(2) + "\n");
  CHECK(env["account"]["rows"] == 1);
  CHECK(env["account"]["imported"] == 1);
  CHECK(env["account"]["unmapped"] == 0);
  CHECK(plain(env["account"]["by_row"][0]) == json::parse(R"J({"line": 2, "row": "AZE1", "event": "AZE1", "fate": "imported", "types": ["armed_clash"]})J"));
  // And the log it renders reads as a valid pactcheck/events document.
  std::vector<pactcheck::Issue> issues;
  CHECK(pactcheck::read_events(env["rendered"].get<std::string>(), "log", {}, nullptr, [](pactcheck::Event&&) {}, issues, nullptr));
  CHECK(issues.empty());
}

TEST_CASE("import: columns are found by name, in any order, among extra columns, and HDX's HXL row is skipped") {
  std::vector<std::string> columns = {"data_id", "iso3", "notes", "event_type", "sub_event_type", "actor1", "event_date",
                                      "time_precision", "event_id_cnty", "actor2", "assoc_actor_1", "assoc_actor_2", "timestamp"};
  std::string text = csv_of(columns, {}, "\n");
  text += "#x_data_id,#country+code,#description,#event+type,#event+type+sub,#group+name+first,#date+occurred,"
          "#date+precision,#event+code,#group+name+second,#group+name+first+assoc,#group+name+second+assoc,#date+reported\n";
  text += "77,ARM,\"A note, quoted\",Battles,Armed clash,Military Forces of Azerbaijan (2003-),09 November 2020,1,ARM4926,,,,1605625231";
  const auto env = import_acled(text);
  REQUIRE(env["ok"] == true);
  CHECK(env["account"]["hxl_line"] == 2);
  REQUIRE(events_of(env).size() == 1);
  const auto& e = events_of(env)[0];
  CHECK(e["id"] == "ARM4926");
  CHECK(e["time"] == "2020-11-09");
  CHECK(e["notes"] == "A note, quoted");
  CHECK(e["origin"]["line"] == 3);
  // No fatalities column (HDX's layout), nor the admin1 the mapping reads subjects from: a warning each, and no
  // quantity.
  REQUIRE(env["issues"].size() == 2);
  CHECK(env["issues"][0]["code"] == "import.missing_column");
  CHECK(env["issues"][0]["message"] == "the header has no column \"fatalities\": the mapping's quantity fatalities is not imported");
  CHECK(env["issues"][0]["line"] == 1);
  CHECK(env["issues"][1]["message"] == "the header has no column \"admin1\": no subject is read from it");
  CHECK_FALSE(e.contains("quantities"));
}

TEST_CASE("import: a file without a column every export has is refused, located at the header") {
  const auto env = import_acled("event_id_cnty,event_date,event_type\nA,2020-11-12,Battles\n");
  CHECK(env["ok"] == false);
  CHECK(env["exit_code"] == 2);
  const auto c = codes(env);
  CHECK(std::count(c.begin(), c.end(), "import.missing_column") == 3);  // time_precision, sub_event_type, actor1
  CHECK(env["issues"][0]["message"] ==
        "the header has no column \"time_precision\", which every ACLED file has");
  CHECK(env["issues"][0]["line"] == 1);
}

TEST_CASE("import: time precision becomes a range: a day, days either side, the month; a named zone is kept") {
  const auto env = import_acled(acled_csv({acled_row({{"event_id_cnty", "D2"}, {"time_precision", "2"}}),
                                           acled_row({{"event_id_cnty", "D3"}, {"time_precision", "3"}, {"event_date", "2020-02-15"}})}));
  REQUIRE(env["ok"] == true);
  const auto& two = events_of(env)[0];
  CHECK(two["time"] == "2020-11-09T00:00:00+04:00");
  CHECK(two["precision"] == "range");
  CHECK(two["latest"] == "2020-11-15T23:59:59.999+04:00");
  const auto& three = events_of(env)[1];
  CHECK(three["time"] == "2020-02-01T00:00:00+04:00");
  CHECK(three["latest"] == "2020-02-29T23:59:59.999+04:00");
  // The reported instant must not be before the event: here it is (2020-11-17 for a February event is fine).
  CHECK(three["reported"] == "2020-11-17T15:00:31Z");

  json named = acled_mapping();
  named["zone"] = "Europe/Kyiv";
  const auto kyiv = import_acled(acled_csv({acled_row({{"event_date", "2015-03-29"}}),
                                            acled_row({{"event_id_cnty", "K2"}, {"event_date", "2015-03-29"}, {"time_precision", "2"}})}),
                                 named);
  REQUIRE(kyiv["ok"] == true);
  CHECK(events_of(kyiv)[0]["time"] == "2015-03-29");
  CHECK(events_of(kyiv)[0]["zone"] == "Europe/Kyiv");
  CHECK_FALSE(events_of(kyiv)[0].contains("utc_offset"));
  // Kyiv moved from +02:00 to +03:00 on 29 March 2015: each end of the range in the offset of its own instant.
  CHECK(events_of(kyiv)[1]["time"] == "2015-03-26T00:00:00+02:00");
  CHECK(events_of(kyiv)[1]["latest"] == "2015-04-01T23:59:59.999+03:00");
  CHECK(events_of(kyiv)[1]["zone"] == "Europe/Kyiv");
}

TEST_CASE("import: a row that maps to nothing is kept, unmapped, with every reason; the account lists it") {
  const auto env = import_acled(acled_csv({
      acled_row({{"event_id_cnty", "U1"}, {"event_type", "Protests"}, {"sub_event_type", "Peaceful protest"}}),
      acled_row({{"event_id_cnty", "U2"}, {"event_type", "Strategic developments"}, {"sub_event_type", "Other"}}),
      acled_row({{"event_id_cnty", "U3"}, {"time_precision", "4"}}),
      acled_row({{"event_id_cnty", "U4"}, {"event_date", "30 February 2020"}}),
      acled_row({{"event_id_cnty", "U5"}, {"event_date", "soon"}, {"event_type", "Riots"}}),
      acled_row({{"event_id_cnty", "OK"}}),
  }));
  REQUIRE(env["ok"] == true);
  const auto& events = events_of(env);
  REQUIRE(events.size() == 6);
  CHECK(events[0]["unmapped"] == "event_type \"Protests\", sub_event_type \"Peaceful protest\": no rule in the mapping");
  CHECK_FALSE(events[0].contains("type"));
  CHECK(events[0]["time"] == "2020-11-12");  // whatever is valid is kept
  CHECK(events[0]["actors"].size() == 1);    // the default charge: actor1 and its associates
  CHECK(events[0]["target"] == "Military Forces of Armenia (2018-)");
  CHECK(events[1]["unmapped"] == "event_type \"Strategic developments\", sub_event_type \"Other\": a grab bag");
  CHECK(events[2]["unmapped"] == "time_precision \"4\" has no rule in the mapping");
  CHECK(events[2]["time"] == "2020-01-01T00:00:00+04:00");  // the date is readable: the whole year holds it
  CHECK(events[2]["latest"] == "2020-12-31T23:59:59.999+04:00");
  CHECK(events[2]["type"] == "armed_clash");
  CHECK(events[3]["unmapped"] == "event_date \"30 February 2020\" is not a date");
  CHECK(events[3]["time"] == "0001-01-01T00:00:00Z");  // nothing readable: the widest range there is
  CHECK(events[3]["latest"] == "9999-12-31T23:59:59.999Z");
  CHECK(events[3]["reported"] == "2020-11-17T15:00:31Z");  // it happened before it was uploaded, at least
  CHECK(events[4]["unmapped"] == "event_date \"soon\" is not a date; event_type \"Riots\", sub_event_type \"Armed clash\": no rule in the mapping");
  CHECK_FALSE(events[5].contains("unmapped"));
  CHECK(env["account"]["rows"] == 6);
  CHECK(env["account"]["imported"] == 1);
  CHECK(env["account"]["unmapped"] == 5);
  for (std::size_t i = 0; i < 6; ++i) {
    const auto& row = env["account"]["by_row"][i];
    CHECK(row["line"] == i + 2);
    CHECK(row["event"] == events[i]["id"]);
    CHECK(row["fate"] == (i < 5 ? "unmapped" : "imported"));
    if (i < 5) CHECK(row["reason"] == events[i]["unmapped"]);
  }
  // Checked, each unmapped row is ignored with reason "unmapped" and its reason; none is malformed.
  json options{{"events_format", "acled"}, {"mapping", acled_mapping().dump()}, {"as_of", "2021-01-01T00:00:00+04:00"}};
  const json checked = json::parse(pactcheck::check(ceasefire_agreement(), acled_csv({
      acled_row({{"event_id_cnty", "U1"}, {"event_type", "Protests"}, {"sub_event_type", "Peaceful protest"}}),
      acled_row({{"event_id_cnty", "U4"}, {"event_date", "30 February 2020"}}),
      acled_row({{"event_id_cnty", "OK"}})}), options.dump()));
  REQUIRE(checked["ok"] == true);
  CHECK(checked["issues"].empty());
  CHECK(ignored_reasons(checked, "U1") == std::vector<std::string>{"unmapped"});
  CHECK(ignored_reasons(checked, "U4") == std::vector<std::string>{"unmapped"});
  CHECK(ignored_reasons(checked, "OK").empty());
  bool detail = false;
  for (const auto& g : checked["report"]["events"]["ignored_groups"]) {
    if (g["events"] == json::array({"U1"})) {
      detail = g["detail"] == "event_type \"Protests\", sub_event_type \"Peaceful protest\": no rule in the mapping";
    }
  }
  CHECK(detail);
}

TEST_CASE("import: who is charged: the rule's actor columns, parties and non-parties; the rest is the target") {
  const auto env = import_acled(acled_csv({
      acled_row({{"event_id_cnty", "B1"}, {"assoc_actor_1", "Unit X; Military Forces of Azerbaijan (2003-)"},
                 {"assoc_actor_2", "Somebody (Armenia)"}}),
      acled_row({{"event_id_cnty", "V1"}, {"event_type", "Violence against civilians"}, {"sub_event_type", "Attack"},
                 {"actor2", "Civilians (Azerbaijan)"}, {"assoc_actor_2", "Teachers (Azerbaijan); Civilians (Azerbaijan)"}}),
  }));
  REQUIRE(env["ok"] == true);
  const auto& battle = events_of(env)[0];
  CHECK(battle["actors"] == json::parse(R"J([{"name": "Military Forces of Azerbaijan (2003-)", "party": "AZ"}, {"name": "Unit X"},
    {"name": "Military Forces of Armenia (2018-)", "party": "AM"}, {"name": "Somebody (Armenia)"}])J"));
  CHECK_FALSE(battle.contains("target"));
  const auto& notes = env["account"]["by_row"][0]["notes"];
  REQUIRE(notes.size() == 2);
  CHECK(notes[0] == "actor \"Unit X\" (assoc_actor_1) is not in the mapping: unattributed unless the agreement names it");
  const auto& attack = events_of(env)[1];
  CHECK(attack["actors"] == json::parse(R"J([{"name": "Military Forces of Azerbaijan (2003-)", "party": "AZ"}])J"));
  CHECK(attack["target"] == "Civilians (Azerbaijan); Teachers (Azerbaijan)");

  // A non-party charged column.
  json m = acled_mapping();
  m["event_types"][2]["charge"] = {"actor2"};
  const auto np = import_acled(acled_csv({acled_row({{"event_type", "Violence against civilians"}, {"actor2", "Civilians (Azerbaijan)"}})}), m);
  CHECK(events_of(np)[0]["actors"] == json::parse(R"J([{"name": "Civilians (Azerbaijan)", "non_party": true}])J"));
  CHECK(events_of(np)[0]["target"] == "Military Forces of Azerbaijan (2003-)");
}

TEST_CASE("import: several types, a subject from a column, geo precision, quantities, reported") {
  const auto env = import_acled(acled_csv({
      acled_row({{"event_id_cnty", "T1"}, {"sub_event_type", "Government regains territory"}, {"geo_precision", "2"},
                 {"fatalities", "0"}}),
      acled_row({{"event_id_cnty", "H1"}, {"event_type", "Strategic developments"},
                 {"sub_event_type", "Non-violent transfer of territory"}, {"admin1", "Aghdam"}, {"geo_precision", "3"}}),
      acled_row({{"event_id_cnty", "H2"}, {"event_type", "Strategic developments"},
                 {"sub_event_type", "Non-violent transfer of territory"}, {"admin1", "Elsewhere"}, {"fatalities", "x"},
                 {"timestamp", "1000"}, {"latitude", "91"}}),
  }));
  REQUIRE(env["ok"] == true);
  const auto& t1 = events_of(env)[0];
  CHECK(t1["types"] == json::parse(R"J(["armed_clash", "territorial_advance"])J"));
  CHECK_FALSE(t1.contains("type"));
  CHECK(t1["where"]["approximate"] == true);
  CHECK(t1["where"]["uncertainty_km"] == 15);
  CHECK_FALSE(t1.contains("quantities"));  // skip_zero: ACLED's 0 means "no figure"
  CHECK(env["account"]["by_row"][0]["types"] == json::parse(R"J(["armed_clash", "territorial_advance"])J"));
  const auto& h1 = events_of(env)[1];
  CHECK(h1["subject"] == "district-a");
  CHECK_FALSE(h1["where"].contains("uncertainty_km"));  // geo_precision 3 has no rule: a note, no uncertainty
  CHECK(env["account"]["by_row"][1]["notes"][0] == "geo_precision \"3\" has no rule in the mapping: no uncertainty is given");
  const auto& h2 = events_of(env)[2];
  CHECK_FALSE(h2.contains("subject"));  // "Elsewhere" names no subject
  CHECK_FALSE(h2.contains("quantities"));
  CHECK_FALSE(h2.contains("reported"));
  CHECK_FALSE(h2["where"].contains("lat"));
  // Each bad value is a warning at its cell.
  std::vector<std::string> messages;
  for (const auto& i : env["issues"]) {
    CHECK(i["code"] == "import.value");
    CHECK(i["line"] == 4);
    messages.push_back(i["message"].get<std::string>());
  }
  CHECK(messages == std::vector<std::string>{
                        "timestamp \"1000\" is before the event happened; no reported instant is given",
                        "latitude \"91\" is not a number from -90 to 90; the event has no coordinates",
                        "fatalities \"x\" is not a number of 0 or more; no fatalities quantity is given"});
}

TEST_CASE("import: ids: duplicates and unusable ids are kept, renamed and unmapped; formula cells stay text") {
  const auto env = import_acled(acled_csv({
      acled_row({{"event_id_cnty", "A1"}}),
      acled_row({{"event_id_cnty", "A1"}}),
      acled_row({{"event_id_cnty", ""}}),
      acled_row({{"event_id_cnty", "=HYPERLINK(\"http://x\",\"y\")"}, {"notes", "=HYPERLINK(\"http://x\",\"y\")"},
                 {"actor1", "+cmd"}, {"location", "@SUM(A1:A9)"}}),
  }));
  REQUIRE(env["ok"] == true);
  const auto& events = events_of(env);
  REQUIRE(events.size() == 4);
  CHECK(events[0]["id"] == "A1");
  CHECK_FALSE(events[0].contains("unmapped"));
  CHECK(events[1]["id"] == "A1-line3");
  CHECK(events[1]["unmapped"] == "event_id_cnty A1 repeats the row on line 2");
  CHECK(events[1]["origin"]["row"] == "A1");
  CHECK(events[2]["id"] == "row-4");
  CHECK(events[2]["unmapped"] == "event_id_cnty \"\" is not a usable event id");
  CHECK(events[3]["id"] == "row-5");
  CHECK(events[3]["notes"] == "=HYPERLINK(\"http://x\",\"y\")");
  CHECK(events[3]["actors"][0]["name"] == "+cmd");
  CHECK(events[3]["where"]["name"] == "@SUM(A1:A9), Khojavend, Azerbaijan");
  CHECK(events[3]["origin"]["row"] == "=HYPERLINK(\"http://x\",\"y\")");
}

TEST_CASE("import: a malformed CSV row is kept as unmapped with the CSV problem; fatal CSV problems refuse the file") {
  std::string text = acled_csv({acled_row({{"event_id_cnty", "R1"}})});
  text += "R2,2020-11-12,2020\r\n";
  const auto env = import_acled(text);
  REQUIRE(env["ok"] == true);
  REQUIRE(events_of(env).size() == 2);
  const auto& r2 = events_of(env)[1];
  CHECK(r2["id"] == "R2");
  CHECK(r2["unmapped"].get<std::string>().rfind("the row is not well-formed CSV: row has 3 fields, the header 31", 0) == 0);
  CHECK_FALSE(r2.contains("actors"));
  REQUIRE(env["issues"].size() == 1);
  CHECK(env["issues"][0]["code"] == "csv.ragged_row");
  CHECK(env["issues"][0]["line"] == 3);
  // --strict turns that warning into an error.
  const auto strict = import_acled(text, acled_mapping(), {{"strict", true}});
  CHECK(strict["exit_code"] == 2);
  // An unterminated quote refuses the file, located.
  const auto open = import_acled(acled_csv({acled_row()}) + "X,\"2020\r\n");
  CHECK(open["ok"] == false);
  CHECK(open["issues"][0]["code"] == "csv.unterminated_quote");
  CHECK(open["issues"][0]["file"] == "t.csv");
  CHECK(open["issues"][0]["line"] == 3);
  CHECK(open["issues"][0]["column"] == 3);
}

TEST_CASE("import: UCDP GED: date_start to date_end, best with low and high, an id prefix, type_of_violence") {
  const std::vector<std::string> columns = {"id", "year", "type_of_violence", "side_a", "side_b", "where_prec", "where_coordinates",
                                            "adm_1", "latitude", "longitude", "country", "date_prec", "date_start", "date_end",
                                            "best", "high", "low", "source_article", "source_headline", "dyad_name"};
  const std::vector<Row> rows = {
      {{"id", "101"}, {"type_of_violence", "1"}, {"side_a", "Government of Azerbaijan"}, {"side_b", "Government of Armenia"},
       {"where_prec", "2"}, {"where_coordinates", "Hadrut town"}, {"latitude", "39.52"}, {"longitude", "46.9"},
       {"date_prec", "2"}, {"date_start", "2020-11-11 00:00:00.000"}, {"date_end", "2020-11-13 00:00:00.000"},
       {"best", "3"}, {"high", "5"}, {"low", "2"}, {"source_article", "A;B"}, {"source_headline", "Clash"}},
      {{"id", "102"}, {"type_of_violence", "2"}, {"side_a", "X"}, {"side_b", "Y"}, {"date_prec", "1"},
       {"date_start", "2020-11-12"}, {"date_end", "2020-11-12"}, {"best", "1"}, {"high", "1"}, {"low", "2"}},
      {{"id", "103"}, {"type_of_violence", "3"}, {"side_a", "Government of Azerbaijan"}, {"side_b", "Civilians"},
       {"date_prec", "1"}, {"date_start", "2020-11-12"}, {"date_end", "2020-11-11"}},
  };
  const json mapping = json::parse(R"J({
    "format": "pactcheck/mapping", "version": 1, "source": "ucdp", "zone": "Asia/Baku", "id_prefix": "GED-",
    "actors": {"Government of Azerbaijan": {"party": "AZ"}, "Government of Armenia": {"party": "AM"}, "Civilians": {"non_party": true}},
    "charge": ["side_a"],
    "event_types": [{"type_of_violence": 1, "types": ["armed_clash"], "charge": ["side_a", "side_b"]},
                    {"type_of_violence": 2, "unmapped": "non-state"},
                    {"type_of_violence": 3, "types": ["armed_clash"]}],
    "date_prec": {"1": {"range": "start_to_end"}, "2": {"range": "start_to_end"}},
    "where_prec": {"2": {"uncertainty_km": 25, "approximate": true}},
    "quantities": [{"column": "best", "min_column": "low", "max_column": "high", "category": "fatalities", "unit": "persons"}]
  })J");
  const auto env = nlohmann::ordered_json::parse(
      pactcheck::import_events(csv_of(columns, rows, "\n"), mapping.dump(), R"J({"events_name": "ged.csv", "source": "ucdp"})J"));
  REQUIRE(env["ok"] == true);
  const auto& events = events_of(env);
  REQUIRE(events.size() == 3);
  CHECK(events[0]["id"] == "GED-101");
  CHECK(events[0]["time"] == "2020-11-11T00:00:00+04:00");
  CHECK(events[0]["zone"] == "Asia/Baku");
  CHECK(events[0]["latest"] == "2020-11-13T23:59:59.999+04:00");
  CHECK(events[0]["actors"].size() == 2);
  CHECK(plain(events[0]["quantities"]) == json::parse(R"J([{"category": "fatalities", "value": 3, "min": 2, "max": 5, "unit": "persons"}])J"));
  CHECK(events[0]["where"]["name"] == "Hadrut town");
  CHECK(events[0]["where"]["uncertainty_km"] == 25);
  CHECK(events[0]["notes"] == "Clash");
  CHECK(events[0]["sources"].size() == 3);
  CHECK(events[0]["origin"]["row"] == "101");
  CHECK(events[1]["unmapped"] == "type_of_violence \"2\": non-state");
  CHECK(events[1]["quantities"][0]["value"] == 1);  // low 2 above best 1: only the value, with a warning
  CHECK_FALSE(events[1]["quantities"][0].contains("min"));
  CHECK(events[1]["time"] == "2020-11-12");
  CHECK(events[2]["unmapped"] == "date_end \"2020-11-11\" is before date_start \"2020-11-12\"");
  CHECK(events[2]["time"] == "2020-01-01T00:00:00+04:00");
  CHECK(events[2]["actors"] == json::parse(R"J([{"name": "Government of Azerbaijan", "party": "AZ"}])J"));
  CHECK(events[2]["target"] == "Civilians");
  REQUIRE(env["issues"].size() == 1);
  CHECK(env["issues"][0]["message"] == "best 1 is outside low 2 to high 1; only the value is given");
  // The source in the options must be the mapping's.
  const json wrong = json::parse(pactcheck::import_events(csv_of(columns, rows), mapping.dump(), R"J({"source": "acled"})J"));
  CHECK(wrong["exit_code"] == 2);
  CHECK(wrong["issues"][0]["code"] == "options.source");
  // An ACLED file read with a UCDP mapping: its columns are missing.
  const json acled = json::parse(pactcheck::import_events(acled_csv({acled_row()}), mapping.dump(), "{}"));
  CHECK(acled["exit_code"] == 2);
  CHECK(acled["issues"][0]["code"] == "import.missing_column");
}

TEST_CASE("import: mapping documents: every problem located by JSON Pointer in the file \"mapping\"") {
  struct Bad {
    const char* what;
    std::function<void(json&)> change;
    const char* code;
    const char* pointer;
  };
  const std::vector<Bad> bads = {
      {"no zone", [](json& m) { m.erase("zone"); }, "field.missing", ""},
      {"a zone that is not one", [](json& m) { m["zone"] = "Asia/Atlantis"; }, "time.zone", "/zone"},
      {"an unknown member", [](json& m) { m["geo"] = 1; }, "field.unknown", "/geo"},
      {"another format", [](json& m) { m["format"] = "pactcheck/events"; }, "format.tag", "/format"},
      {"version 2", [](json& m) { m["version"] = 2; }, "format.version", "/version"},
      {"an unknown source", [](json& m) { m["source"] = "gdelt"; }, "field.enum", "/source"},
      {"types and unmapped", [](json& m) { m["event_types"][4]["types"] = {"armed_clash"}; }, "field.conflict", "/event_types/4"},
      {"neither types nor unmapped", [](json& m) { m["event_types"][0].erase("types"); }, "field.missing", "/event_types/0"},
      {"an invalid type id", [](json& m) { m["event_types"][0]["types"][0] = "armed clash"; }, "field.id", "/event_types/0/types/0"},
      {"a duplicate rule", [](json& m) { m["event_types"].push_back(m["event_types"][0]); }, "mapping.duplicate_rule", "/event_types/5"},
      {"a charge column of UCDP", [](json& m) { m["charge"] = {"side_a"}; }, "mapping.column", "/charge/0"},
      {"days without either_side", [](json& m) { m["time_precision"]["2"].erase("either_side"); }, "field.missing", "/time_precision/2"},
      {"either_side 0", [](json& m) { m["time_precision"]["2"]["either_side"] = 0; }, "field.range", "/time_precision/2/either_side"},
      {"start_to_end in ACLED", [](json& m) { m["time_precision"]["1"]["range"] = "start_to_end"; }, "field.enum", "/time_precision/1/range"},
      {"no time_precision", [](json& m) { m.erase("time_precision"); }, "field.missing", ""},
      {"an actor with party and non_party", [](json& m) { m["actors"]["Civilians (Azerbaijan)"]["party"] = "AZ"; }, "field.conflict",
       "/actors/Civilians (Azerbaijan)"},
      {"an actor with neither", [](json& m) { m["actors"]["X/Y"] = json::object(); }, "field.missing", "/actors/X~1Y"},
      {"a negative uncertainty", [](json& m) { m["geo_precision"]["1"]["uncertainty_km"] = -1; }, "field.range",
       "/geo_precision/1/uncertainty_km"},
      {"a quantity without a category", [](json& m) { m["quantities"][0].erase("category"); }, "field.missing", "/quantities/0"},
      {"reported as hours", [](json& m) { m["reported"]["as"] = "hours"; }, "field.enum", "/reported/as"},
      {"an unknown attribution basis", [](json& m) { m["attribution"]["basis"] = "rumour"; }, "field.enum", "/attribution/basis"},
  };
  for (const Bad& bad : bads) {
    CAPTURE(bad.what);
    json m = acled_mapping();
    bad.change(m);
    const json env = json::parse(pactcheck::import_events(acled_csv({acled_row()}), m.dump(), "{}"));
    CHECK(env["exit_code"] == 2);
    REQUIRE(!env["issues"].empty());
    bool found = false;
    for (const auto& i : env["issues"]) {
      found = found || (i["code"] == bad.code && i["pointer"] == bad.pointer && i["file"] == "mapping" && i["severity"] == "error");
    }
    CHECK_MESSAGE(found, env["issues"].dump());
  }
  // Not JSON: by line and column.
  const json syntax = json::parse(pactcheck::import_events("a\n", "{\n  \"format\": ,\n}", R"J({"mapping_name": "map.json"})J"));
  CHECK(syntax["issues"][0]["code"] == "json.syntax");
  CHECK(syntax["issues"][0]["file"] == "map.json");
  CHECK(syntax["issues"][0]["line"] == 2);
}

TEST_CASE("import: in a check, the mapping must fit the agreement: parties, event types and subjects") {
  const std::string csv = acled_csv({acled_row()});
  auto check_with = [&](const json& mapping, const json& extra = json::object()) {
    json options{{"events_format", "acled"}, {"mapping", mapping.dump()}, {"mapping_name", "map.json"}, {"events_name", "t.csv"}};
    for (auto it = extra.begin(); it != extra.end(); ++it) options[it.key()] = it.value();
    return json::parse(pactcheck::check(ceasefire_agreement(), csv, options.dump()));
  };
  CHECK(check_with(acled_mapping())["exit_code"] == 1);  // the clash violates the ceasefire
  json party = acled_mapping();
  party["actors"]["Military Forces of Armenia (2018-)"]["party"] = "ARM";
  json env = check_with(party);
  CHECK(env["exit_code"] == 2);
  CHECK(env["issues"][0]["code"] == "mapping.party");
  CHECK(env["issues"][0]["file"] == "map.json");
  CHECK(env["issues"][0]["pointer"] == "/actors/Military Forces of Armenia (2018-)/party");
  json type = acled_mapping();
  type["event_types"][0]["types"] = {"shelling"};
  env = check_with(type);
  CHECK(env["issues"][0]["code"] == "mapping.event_type");
  CHECK(env["issues"][0]["pointer"] == "/event_types/0/types/0");
  CHECK(env["issues"][0]["message"] == "event type \"shelling\" is not in the vocabulary of agreement \"unit\"");
  json subject = acled_mapping();
  subject["event_types"][3]["subject"]["values"]["Aghdam"] = "district-z";
  env = check_with(subject);
  CHECK(env["issues"][0]["code"] == "mapping.subject");
  CHECK(env["issues"][0]["pointer"] == "/event_types/3/subject/values/Aghdam");
  json other = acled_mapping();
  other["agreement"] = "nk-2020";
  env = check_with(other);
  CHECK(env["exit_code"] == 1);
  CHECK(env["issues"][0]["code"] == "mapping.agreement");
  CHECK(env["issues"][0]["severity"] == "warning");
  // The options: a CSV format needs a mapping; a mapping needs a CSV format; the format must be the mapping's.
  env = json::parse(pactcheck::check(ceasefire_agreement(), csv, R"J({"events_format": "acled"})J"));
  CHECK(env["issues"][0]["code"] == "options.mapping");
  CHECK(env["issues"][0]["pointer"] == "/mapping");
  env = json::parse(pactcheck::check(ceasefire_agreement(), csv, json{{"mapping", acled_mapping().dump()}}.dump()));
  CHECK(env["issues"][0]["code"] == "options.mapping");
  env = check_with(acled_mapping(), {{"events_format", "ucdp"}});
  CHECK(env["issues"][0]["code"] == "options.events_format");
  env = check_with(acled_mapping(), {{"events_format", "xlsx"}});
  CHECK(env["issues"][0]["code"] == "options.events_format");
  CHECK(check_with(acled_mapping(), {{"events_format", "csv"}})["exit_code"] == 1);
}

TEST_CASE("import: in a check, CSV problems keep their line and column, and problems in an imported event point at its row") {
  json options{{"events_format", "csv"}, {"mapping", acled_mapping().dump()}, {"events_name", "t.csv"}};
  const json bad = json::parse(pactcheck::check(ceasefire_agreement(), acled_csv({}) + "\"x", options.dump()));
  CHECK(bad["exit_code"] == 2);
  CHECK(bad["issues"][0]["code"] == "csv.unterminated_quote");
  CHECK(bad["issues"][0]["line"] == 2);
  CHECK(bad["issues"][0]["column"] == 1);
  // A target joined from two names is longer than one field may be: refused, at the row it came from.
  options["limits"] = {{"max_string_bytes", 40}};
  const json joined = json::parse(pactcheck::check(ceasefire_agreement(), acled_csv({
      acled_row({{"event_type", "Violence against civilians"}, {"actor2", "Civilians of a long place name"},
                 {"assoc_actor_2", "Workers of another long place"}, {"notes", ""}, {"source", ""}, {"admin1", ""}, {"country", ""}})}),
      options.dump()));
  CHECK(joined["exit_code"] == 2);
  REQUIRE(joined["issues"].size() == 1);
  CHECK(joined["issues"][0]["code"] == "limit.string");
  CHECK(joined["issues"][0]["file"] == "t.csv");
  CHECK(joined["issues"][0]["line"] == 2);
  CHECK(joined["issues"][0]["column"] == 1);
  CHECK(joined["issues"][0]["message"].get<std::string>().find("(in the event imported from this row, at /target)") != std::string::npos);
}

TEST_CASE("import: a session opens on CSV events as a check does; progress is told") {
  json options{{"events_format", "acled"}, {"mapping", acled_mapping().dump()}};
  std::string envelope;
  const std::string csv = acled_csv({acled_row(), acled_row({{"event_id_cnty", "AZE2"}, {"event_date", "2020-11-13"}})});
  auto session = pactcheck::Session::open(ceasefire_agreement(), csv, options.dump(), envelope);
  REQUIRE(session);
  const std::string fresh = pactcheck::check(ceasefire_agreement(), csv, json{{"events_format", "acled"},
                                                                              {"mapping", acled_mapping().dump()},
                                                                              {"as_of", "2020-12-01T00:00:00+04:00"}}.dump());
  CHECK(session->report(R"J({"as_of": "2020-12-01T00:00:00+04:00"})J") == fresh);
  std::vector<std::string> stages;
  std::size_t total = 0;
  pactcheck::check(ceasefire_agreement(), csv, options.dump(), [&](std::string_view stage, std::size_t done, std::size_t all) {
    if (stages.empty() || stages.back() != stage) stages.emplace_back(stage);
    if (stage == "import") {
      CHECK(done <= all);
      total = all;
    }
  });
  CHECK(stages == std::vector<std::string>{"import", "evaluate"});
  CHECK(total == csv.size());
}

TEST_CASE("import: the fixture's ACLED export: every row accounted for, and the imported log validates") {
  const std::string dir = std::string(PACTCHECK_FIXTURES_DIR) + "/import-nk-2020/";
  const std::string csv = read_file(dir + "acled-nk-2020.csv");
  REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
  REQUIRE(csv.find("\r\n") != std::string::npos);
  const auto env = nlohmann::ordered_json::parse(pactcheck::import_events(csv, read_file(dir + "mapping.json"), R"J({"source": "acled"})J"));
  REQUIRE(env["ok"] == true);
  CHECK(env["account"]["rows"] == 18);
  CHECK(env["account"]["imported"] == 14);
  CHECK(env["account"]["unmapped"] == 4);
  const auto agreement_text = read_file(std::string(PACTCHECK_FIXTURES_DIR) + "/nk-2020/agreement.json");
  std::vector<pactcheck::Issue> issues;
  const auto agreement = pactcheck::read_agreement(agreement_text, "agreement.json", {}, issues);
  REQUIRE(agreement);
  std::vector<pactcheck::Event> events;
  REQUIRE(pactcheck::read_events(env["rendered"].get<std::string>(), "log", {}, agreement.get(),
                                 [&](pactcheck::Event&& e) { events.push_back(std::move(e)); }, issues, nullptr));
  CHECK(issues.empty());
  REQUIRE(events.size() == 18);
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& row = env["account"]["by_row"][i];
    CAPTURE(row.dump());
    CHECK(events[i].origin_line == row["line"].get<std::int64_t>());
    CHECK(events[i].ignore_reason == (row["fate"] == "unmapped" ? "unmapped" : ""));
  }
  CHECK(events[9].notes.find('\n') != std::string::npos);  // AZE1270: a note with a line break inside
}
