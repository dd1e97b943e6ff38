#include "targets.hpp"

#include <algorithm>
#include <dirent.h>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string_view>

#include <nlohmann/json.hpp>

#include "import/csv.hpp"
#include "import/importer.hpp"
#include "import/mapping.hpp"
#include "pactcheck/api.hpp"
#include "pactcheck/engine.hpp"
#include "pactcheck/readers.hpp"

#ifndef PACTCHECK_FIXTURES_DIR
#error "PACTCHECK_FIXTURES_DIR must name fixtures/"
#endif

namespace pactcheck::fuzz {
namespace {

using nlohmann::json;
using OJson = nlohmann::ordered_json;

std::string read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Every fixture's agreement, by fixture name, read once.
struct Fixture {
  std::string text;
  std::shared_ptr<const Agreement> agreement;
};
const std::map<std::string, Fixture>& fixtures() {
  static const std::map<std::string, Fixture> all = [] {
    std::map<std::string, Fixture> out;
    if (DIR* dir = opendir(PACTCHECK_FIXTURES_DIR)) {
      while (dirent* entry = readdir(dir)) {
        const std::string name = entry->d_name;
        if (name.empty() || name[0] == '.') continue;
        std::string text = read_whole(std::string(PACTCHECK_FIXTURES_DIR) + "/" + name + "/agreement.json");
        if (text.empty()) continue;
        std::vector<Issue> issues;
        std::shared_ptr<const Agreement> agreement = read_agreement(text, "agreement.json", Limits{}, issues);
        if (agreement) out[name] = Fixture{std::move(text), std::move(agreement)};
      }
      closedir(dir);
    }
    return out;
  }();
  return all;
}

// Splits off the first line ("" when there is no newline: then the whole input is the rest).
std::string_view first_line(std::string_view& rest) {
  const auto nl = rest.find('\n');
  if (nl == std::string_view::npos) return {};
  std::string_view line = rest.substr(0, nl);
  rest.remove_prefix(nl + 1);
  return line;
}

// Ids as docs/format.md defines them: non-empty; letters, digits, - _ . :
bool valid_id(const std::string& id) {
  if (id.empty()) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                    c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

std::string check_issues(const std::vector<Issue>& issues, const std::string& file) {
  for (const Issue& i : issues) {
    if (i.code.empty() || i.message.empty()) return "an issue without a code or a message";
    if (i.file != file && i.file != "options") return "an issue names the file \"" + i.file + "\"";
    if (i.line < 0 || i.column < 0 || (i.line > 0 && i.column == 0)) return "an issue with a bad line or column";
    if (!i.pointer.empty() && i.pointer[0] != '/') return "an issue with a malformed pointer \"" + i.pointer + "\"";
  }
  return {};
}

// The invariants of an envelope returned by check(), validate() or a session.
std::string check_envelope(const std::string& text, bool allow_report) {
  const json env = json::parse(text, nullptr, false);
  if (env.is_discarded() || !env.is_object()) return "the envelope is not a JSON object: " + text.substr(0, 200);
  if (!env.contains("ok") || !env["ok"].is_boolean()) return "the envelope has no boolean \"ok\"";
  if (!env.contains("exit_code") || !env["exit_code"].is_number_integer()) return "the envelope has no exit_code";
  const int code = env["exit_code"].get<int>();
  if (code == kExitInternal) return "internal error: " + env.dump();
  if (!env.contains("issues") || !env["issues"].is_array()) return "the envelope has no issues array";
  for (const json& i : env["issues"]) {
    if (!i.is_object() || !i.contains("severity") || !i.contains("code") || !i.contains("message") || !i.contains("file")) {
      return "an issue lacks severity, code, message or file: " + i.dump();
    }
    if (!i.contains("pointer") && !(i.contains("line") && i.contains("column"))) return "an unlocated issue: " + i.dump();
  }
  if (env["ok"].get<bool>()) {
    if (allow_report && code != kExitOk && code != kExitViolated) return "ok with exit code " + std::to_string(code);
    if (allow_report && (!env.contains("report") || !env.contains("rendered"))) return "ok without a report";
  } else {
    if (code != kExitInvalid) return "not ok with exit code " + std::to_string(code);
    bool error = false;
    for (const json& i : env["issues"]) error = error || i["severity"] == "error";
    if (!error) return "refused without an error issue";
  }
  return {};
}

// Events in input order through the engine; every event is accounted for exactly once.
std::string check_accounting(std::shared_ptr<const Agreement> agreement, std::vector<Event> events) {
  Engine engine(std::move(agreement));
  std::set<std::string> ids;
  for (Event& e : events) {
    if (!ids.insert(e.id).second) return "the reader passed on a duplicate id " + e.id;
    if (e.ignore_reason.empty() && e.when.latest < e.when.earliest) return "event " + e.id + " ends before it starts";
    if (!e.ignore_reason.empty() && e.ignore_detail.empty()) return "event " + e.id + " is ignored without a detail";
    engine.add(std::move(e));
  }
  const auto latest = engine.latest_event_time();
  const std::int64_t as_of = latest ? *latest : 0;
  for (const std::int64_t at : {as_of, as_of - std::int64_t{86'400'000} * 3}) {
    QueryOptions q;
    q.as_of = at;
    const Evaluation ev = engine.evaluate(q);
    if (ev.accounts.size() != engine.events().size()) return "not every event has an account";
    if (ev.used + ev.not_relevant + ev.ignored != engine.events().size()) return "the event counts do not add up";
    static const std::set<std::string> kReasons = {"before_start", "after_end", "out_of_scope", "after_as_of",
                                                   "not_yet_reported", "not_triggered", "grade_not_counted",
                                                   "unknown_type", "unmapped", "malformed", "excluded"};
    std::set<std::size_t> in_evidence;
    for (const Verdict& v : ev.verdicts) {
      for (const Evidence& e : v.evidence) {
        if (e.event >= engine.events().size()) return "evidence names no event";
        if (e.role != "out_of_scope") in_evidence.insert(e.event);
      }
    }
    std::size_t used = 0;
    for (std::size_t i = 0; i < ev.accounts.size(); ++i) {
      const EventAccount& acc = ev.accounts[i];
      if (acc.fate == EventAccount::Fate::kIgnored) {
        if (acc.reasons.empty()) return "event " + engine.events()[i].id + " is ignored without a reason";
        for (const Exclusion& x : acc.reasons) {
          if (!kReasons.count(x.reason)) return "an ignored event has the reason \"" + x.reason + "\"";
        }
        if (in_evidence.count(i)) return "event " + engine.events()[i].id + " is both evidence and ignored";
      }
      if (acc.fate == EventAccount::Fate::kUsed) {
        ++used;
        if (!in_evidence.count(i)) return "event " + engine.events()[i].id + " is used but in no evidence";
      }
    }
    if (in_evidence.size() != used) {
      return "used events (" + std::to_string(used) + ") are not the events in evidence (" + std::to_string(in_evidence.size()) + ")";
    }
  }
  return {};
}

}  // namespace

// An envelope with the input positions of events ("/events/12") blanked and the issue lists sorted: what
// must not change when the events of a log are reordered.
std::string order_free(const std::string& envelope) {
  std::string text;
  text.reserve(envelope.size());
  for (std::size_t i = 0; i < envelope.size();) {
    if (envelope.compare(i, 8, "/events/") == 0) {
      text += "/events/#";
      i += 8;
      while (i < envelope.size() && envelope[i] >= '0' && envelope[i] <= '9') ++i;
    } else {
      text += envelope[i++];
    }
  }
  OJson env = OJson::parse(text, nullptr, false);
  if (env.is_discarded()) return text;
  auto sort_list = [](OJson& list) {
    if (!list.is_array()) return;
    std::sort(list.begin(), list.end(), [](const OJson& a, const OJson& b) { return a.dump() < b.dump(); });
  };
  sort_list(env["issues"]);
  if (env.contains("report")) sort_list(env["report"]["issues"]);
  env.erase("rendered");  // for format json, the report itself
  return env.dump();
}

std::string agreement_reader(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<Issue> issues;
  const auto agreement = read_agreement(text, "agreement.json", Limits{}, issues);
  if (agreement && has_errors(issues)) return "an agreement was returned despite errors";
  if (!agreement && !has_errors(issues)) return "the agreement was refused without an error";
  if (std::string why = check_issues(issues, "agreement.json"); !why.empty()) return why;
  if (agreement && agreement->obligations.empty()) return "an agreement without obligations was accepted";
  if (agreement) {
    std::vector<std::string> ids = {agreement->id};
    for (const Entity& p : agreement->entities) ids.push_back(p.id);
    for (const Instrument& i : agreement->instruments) ids.push_back(i.id);
    for (const Obligation& o : agreement->obligations) ids.push_back(o.id);
    for (const std::string& t : agreement->event_types) ids.push_back(t);
    for (const std::string& id : ids) {
      if (!valid_id(id)) return "an agreement with the invalid id \"" + id + "\" was accepted";
    }
  }
  return check_envelope(validate(text, R"({"agreement_name": "agreement.json"})"), false);
}

std::string event_reader(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string name(first_line(text));
  const auto it = fixtures().find(name);
  const Agreement* agreement = it == fixtures().end() ? nullptr : it->second.agreement.get();
  std::vector<Issue> issues;
  std::vector<Event> events;
  EventLogInfo info;
  const bool ok = read_events(text, "events.json", Limits{}, agreement, [&](Event&& e) { events.push_back(std::move(e)); },
                              issues, &info);
  if (ok == has_errors(issues)) return ok ? "the log was accepted despite errors" : "the log was refused without an error";
  if (std::string why = check_issues(issues, "events.json"); !why.empty()) return why;
  if (!ok) return {};
  if (info.count != events.size()) return "info.count differs from the events passed on";
  for (const Event& e : events) {
    if (!valid_id(e.id)) return "an event with the invalid id \"" + e.id + "\" was passed on";
  }
  if (it == fixtures().end()) return {};
  return check_accounting(it->second.agreement, std::move(events));
}

std::string full_check(const std::uint8_t* data, std::size_t size) {
  std::string_view parts[3];
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < 3; ++i) {
    const auto zero = i < 2 ? rest.find('\0') : std::string_view::npos;
    parts[i] = rest.substr(0, zero);
    if (zero == std::string_view::npos) break;
    rest.remove_prefix(zero + 1);
  }
  const std::string envelope = check(parts[0], parts[1], parts[2]);
  if (std::string why = check_envelope(envelope, true); !why.empty()) return why;
  // The same inputs through a session give the same verdict on validity.
  std::string opened;
  const auto session = Session::open(parts[0], parts[1], parts[2], opened);
  if (std::string why = check_envelope(opened, false); !why.empty()) return "Session::open: " + why;
  const bool checked_ok = json::parse(envelope, nullptr, false).value("ok", false);
  if (!session && checked_ok) return "check accepted what Session::open refused";
  if (session && !checked_ok) return "Session::open accepted what check refused";
  if (session && !json::parse(session->timeline(), nullptr, false).is_array()) return "the timeline is not an array";
  return {};
}

std::string differential(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string name(first_line(text));
  const std::string as_of(first_line(text));
  const auto it = fixtures().find(name);
  if (it == fixtures().end()) return {};
  const std::string& agreement = it->second.text;
  const std::string events(text);
  OJson options = OJson::object();
  if (!as_of.empty()) options["as_of"] = as_of;

  std::string opened;
  const auto session = Session::open(agreement, events, "{}", opened);
  if (!session) {
    // Refused: a fresh check refuses with exactly the same envelope.
    const std::string fresh = check(agreement, events, options.dump(-1, ' ', false, OJson::error_handler_t::replace));
    const json f = json::parse(fresh, nullptr, false);
    if (f.value("exit_code", -1) != kExitInvalid) return "Session::open refused what check accepted";
    if (as_of.empty() && fresh != opened) return "Session::open and check refuse differently:\n" + opened + "\n" + fresh;
    return {};
  }
  std::string whole_json;
  for (const char* format : {"json", "text", "markdown", "html", "csv", "junit", "geojson"}) {
    options["format"] = format;
    const std::string query = options.dump(-1, ' ', false, OJson::error_handler_t::replace);
    const std::string from_session = session->report(query);
    const std::string fresh = check(agreement, events, query);
    if (from_session != fresh) return std::string("Session::report and check differ (") + format + "):\n" + from_session + "\n" + fresh;
    if (std::string why = check_envelope(fresh, true); !why.empty()) return why;
    if (std::string(format) == "json") whole_json = fresh;
  }
  if (!json::parse(whole_json, nullptr, false).value("ok", false)) return {};  // e.g. a bad as-of instant

  // The same log, its events shuffled and reversed: the same report.
  OJson log = OJson::parse(events, nullptr, false);
  if (log.is_discarded() || !log.is_object() || !log.contains("events") || !log["events"].is_array()) return {};
  std::seed_seq seed(events.begin(), events.end());
  std::mt19937 rng(seed);
  options["format"] = "json";
  const std::string query = options.dump(-1, ' ', false, OJson::error_handler_t::replace);
  const std::string expected = order_free(whole_json);
  for (int round = 0; round < 2; ++round) {
    if (round == 0) {
      std::shuffle(log["events"].begin(), log["events"].end(), rng);
    } else {
      std::reverse(log["events"].begin(), log["events"].end());
    }
    // nlohmann's DOM parser drops a byte-order mark; keep it, so that its warning stays.
    const std::string bom = events.rfind("\xEF\xBB\xBF", 0) == 0 ? "\xEF\xBB\xBF" : "";
    const std::string reordered = check(agreement, bom + log.dump(-1, ' ', false, OJson::error_handler_t::replace), query);
    if (order_free(reordered) != expected) {
      return std::string(round == 0 ? "shuffling" : "reversing") + " the events changed the report:\n" + expected + "\n" +
             order_free(reordered);
    }
  }
  return {};
}

namespace {

std::string csv_quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Reads CSV into records; "" when it was accepted, else why not (or "refused" when refused with an error).
std::string read_records(std::string_view text, std::vector<csv::Record>& records, std::vector<Issue>& issues) {
  csv::Options options;
  options.file = "events.csv";
  const bool ok = csv::read(text, options, [&](csv::Record&& r) {
    records.push_back(std::move(r));
    return true;
  }, issues);
  if (ok == has_errors(issues)) return ok ? "the CSV was accepted despite errors" : "the CSV was refused without an error";
  for (const Issue& i : issues) {
    if (i.code.empty() || i.message.empty() || i.file != "events.csv") return "an issue without a code, a message or the file";
    if (i.line <= 0 && i.code != "limit.input") return "an unlocated CSV issue: " + i.code;
    if (i.line > 0 && i.column <= 0) return "an issue with a line but no column";
  }
  return ok ? "" : "refused";
}

}  // namespace

std::string csv_reader(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<csv::Record> records;
  std::vector<Issue> issues;
  const std::string why = read_records(text, records, issues);
  if (why == "refused") return {};
  if (!why.empty()) return why;
  std::int64_t last_line = 0;
  std::string again;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const csv::Record& r = records[i];
    if (r.index != i) return "records out of order";
    if (r.line <= last_line) return "a record does not start on a later line than the one before";
    last_line = r.line;
    if (r.fields.empty()) return "a record without fields";
    for (std::size_t k = 0; k < r.fields.size(); ++k) {
      const csv::Field& f = r.fields[k];
      if (f.line < r.line || f.column < 1) return "a field without a location";
      if (csv::invalid_utf8_at(f.text) != std::string_view::npos) return "a field that is not UTF-8";
      again += (k ? "," : "") + csv_quoted(f.text);
    }
    again += "\r\n";
  }
  std::vector<csv::Record> reread;
  std::vector<Issue> reissues;
  const std::string rewhy = read_records(again, reread, reissues);
  if (!rewhy.empty()) return "the records written back as CSV are not read again: " + rewhy;
  if (reread.size() != records.size()) return "the records written back as CSV read as another number of records";
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (reread[i].fields.size() != records[i].fields.size()) return "a record written back reads with another number of fields";
    for (std::size_t k = 0; k < records[i].fields.size(); ++k) {
      if (reread[i].fields[k].text != records[i].fields[k].text) return "a field written back reads differently";
    }
  }
  return {};
}

std::string csv_import(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string name(first_line(text));
  const auto zero = text.find('\0');
  const std::string_view mapping = text.substr(0, zero);
  const std::string_view csv = zero == std::string_view::npos ? std::string_view() : text.substr(zero + 1);
  const auto it = fixtures().find(name);
  const Agreement* agreement = it == fixtures().end() ? nullptr : it->second.agreement.get();

  // The mapping reader: a mapping exactly when there is no error, every issue located in "mapping"; read alone
  // (as import_events reads it) and against the agreement (as check reads it).
  std::vector<Issue> issues;
  const auto m = import::read_mapping(mapping, "mapping", Limits{}, nullptr, issues);
  if (m.has_value() == has_errors(issues)) return m ? "a mapping was returned despite errors" : "the mapping was refused without an error";
  if (std::string why = check_issues(issues, "mapping"); !why.empty()) return "mapping: " + why;
  std::vector<Issue> against_issues;
  const bool fits = agreement && import::read_mapping(mapping, "mapping", Limits{}, agreement, against_issues).has_value();

  // import_events: a well-formed envelope; when ok, one event per row, each accounted for once and in order.
  const std::string envelope = import_events(csv, mapping, R"({"events_name": "events.csv"})");
  const OJson env = OJson::parse(envelope, nullptr, false);
  if (env.is_discarded() || !env.is_object() || !env.contains("ok") || !env.contains("issues")) return "a malformed import envelope";
  const int code = env.value("exit_code", -1);
  if (code == kExitInternal) return "internal error: " + envelope;
  if (!env["ok"].get<bool>()) {
    if (code != kExitInvalid) return "an import refused with exit code " + std::to_string(code);
    bool error = false;
    for (const OJson& i : env["issues"]) error = error || i.value("severity", "") == "error";
    if (!error) return "an import refused without an error";
    if (m) {
      for (const OJson& i : env["issues"]) {
        if (i.value("severity", "") == "error" && i.value("file", "") == "events.csv" && !i.contains("line") &&
            i.value("code", "") != "limit.input") {
          return "an unlocated CSV error: " + i.dump();
        }
      }
    }
    return {};
  }
  if (!m) return "an import succeeded with a mapping the reader refused";
  const OJson& account = env["account"];
  const OJson& events = env["events"]["events"];
  const OJson& rows = account["by_row"];
  if (!rows.is_array() || !events.is_array() || rows.size() != events.size()) return "not one event per row";
  if (account["rows"] != rows.size()) return "the account's row count is not its rows";
  std::size_t imported = 0;
  std::int64_t last = 0;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const OJson& r = rows[i];
    const OJson& e = events[i];
    if (r["event"] != e["id"]) return "the account names another event than the log at row " + std::to_string(i);
    if (!ids.insert(e["id"].get<std::string>()).second) return "a duplicate event id " + e["id"].dump();
    if (!valid_id(e["id"].get<std::string>())) return "an invalid event id " + e["id"].dump();
    if (r["line"].get<std::int64_t>() <= last) return "rows out of order in the account";
    last = r["line"].get<std::int64_t>();
    const bool unmapped = r["fate"] == "unmapped";
    if (unmapped != e.contains("unmapped")) return "the account and the event disagree on whether the row is unmapped";
    if (!unmapped) ++imported;
    if (e["origin"]["line"] != r["line"]) return "an event's origin is not its row";
  }
  if (account["imported"] != imported || account["unmapped"] != rows.size() - imported) return "the account's counts are wrong";
  // The log reads, and every row keeps its fate.
  std::vector<Issue> read_issues;
  std::vector<Event> read;
  const std::string log = env["rendered"].get<std::string>();
  Limits limits;
  limits.max_input_bytes = SIZE_MAX;
  if (!read_events(log, "log", limits, agreement, [&](Event&& e) { read.push_back(std::move(e)); }, read_issues, nullptr)) {
    return "the imported log is refused by the event reader: " + (read_issues.empty() ? std::string() : read_issues[0].message);
  }
  if (read.size() != rows.size()) return "the event reader read another number of events";
  for (std::size_t i = 0; i < read.size(); ++i) {
    const bool unmapped = rows[i]["fate"] == "unmapped";
    // (Against an agreement the mapping does not fit, the reader's own warnings, an undefined party say, come
    // first: the row is then malformed, which check never lets happen, as it refuses such a mapping.)
    if (unmapped && (fits || !agreement) && read[i].ignore_reason != "unmapped") {
      return "a row kept as unmapped is ignored as \"" + read[i].ignore_reason + "\": " + read[i].ignore_detail;
    }
    if (!unmapped && fits && !read[i].ignore_reason.empty()) {
      return "an imported row is ignored as " + read[i].ignore_reason + ": " + read[i].ignore_detail;
    }
  }
  if (!agreement) return {};
  // And checked against the agreement: refused when the mapping does not fit it, else a report.
  OJson options{{"events_format", "csv"}, {"mapping", std::string(mapping)}, {"events_name", "events.csv"}};
  const std::string checked = check(it->second.text, csv, options.dump(-1, ' ', false, OJson::error_handler_t::replace));
  if (std::string why = check_envelope(checked, true); !why.empty()) return "check: " + why;
  const bool checked_ok = json::parse(checked, nullptr, false).value("ok", false);
  if (!fits && checked_ok) return "check accepted a mapping that does not fit the agreement";
  if (fits && !checked_ok) return "check refused CSV that import_events accepted, through a mapping that fits: " + checked.substr(0, 400);
  return {};
}

const std::vector<Target>& targets() {
  static const std::vector<Target> all = {{"agreement_reader", agreement_reader},
                                          {"event_reader", event_reader},
                                          {"full_check", full_check},
                                          {"differential", differential},
                                          {"csv_reader", csv_reader},
                                          {"csv_import", csv_import}};
  return all;
}

}  // namespace pactcheck::fuzz
