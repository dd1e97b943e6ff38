#include "pactcheck/api.hpp"

#include <exception>

#include "fields.hpp"
#include "import/importer.hpp"
#include "import/mapping.hpp"
#include "json_reader.hpp"
#include "pactcheck/engine.hpp"
#include "pactcheck/readers.hpp"
#include "pactcheck/report.hpp"
#include "pactcheck/version.hpp"

namespace pactcheck {
namespace {

using OJson = nlohmann::ordered_json;

struct Options {
  std::optional<Instant> as_of;
  std::string as_of_text;
  std::optional<Instant> known_at;
  std::string format = "json";
  std::set<std::string> exclude;
  bool report = true;         // the envelope holds the report object
  bool rendered = true;       // the envelope holds "rendered" beside "report"
  bool event_details = true;  // the report holds events.evidence_events (ReportContext::event_details)
  bool strict = false;
  std::string agreement_name = "agreement";
  std::string events_name = "events";
  Limits limits;
  // The events as CSV (docs/import.md): json (default), csv (the source the mapping names), acled or ucdp.
  std::string events_format = "json";
  std::optional<std::string> mapping;  // the mapping document's text
  std::string mapping_name = "mapping";
  // import_events only
  std::string source;  // acled | ucdp | "" (the mapping's)
  std::string title;
};

std::string envelope_error(int exit_code, const std::vector<Issue>& issues) {
  OJson list = OJson::array();
  for (const Issue& issue : issues) list.push_back(issue_json(issue));
  OJson env{{"ok", false}, {"exit_code", exit_code}, {"issues", list}};
  return env.dump(-1, ' ', false, OJson::error_handler_t::replace);
}

std::string internal_error(const char* what) {
  Issue issue;
  issue.code = "internal";
  issue.message = std::string("internal error: ") + what + " (please report this as a bug)";
  return envelope_error(kExitInternal, {issue});
}

void read_limits(Fields& f, const Json& root, Limits& limits) {
  const Json* l = f.member(root, "limits");
  if (!l || !f.expect_object(*l, "/limits", "limits")) return;
  f.reject_unknown(*l, "/limits", {"max_input_bytes", "max_depth", "max_string_bytes", "max_events"});
  auto limit = [&](const char* key, std::size_t& into) {
    const Json* v = f.member(*l, key);
    if (!v) return;
    if (!v->is_number_unsigned() || v->get<unsigned long long>() == 0) {
      f.report(pointer_join("/limits", key), "options.limit", std::string(key) + " must be a whole number above 0");
      return;
    }
    into = static_cast<std::size_t>(std::min<unsigned long long>(v->get<unsigned long long>(), SIZE_MAX));
  };
  limit("max_input_bytes", limits.max_input_bytes);
  limit("max_depth", limits.max_depth);
  limit("max_string_bytes", limits.max_string_bytes);
  limit("max_events", limits.max_events);
}

// The options of import_events: {"source", "events_name", "mapping_name", "title", "strict", "limits"}.
bool read_import_options(std::string_view text, Options& out, std::vector<Issue>& issues) {
  if (text.empty()) return true;
  Json root;
  JsonReadOptions jro;
  jro.file = "options";
  if (!read_json(text, jro, root, issues)) return false;
  Fields f("options", issues);
  const std::size_t before = issues.size();
  if (!f.expect_object(root, "", "the options")) return false;
  f.reject_unknown(root, "", {"source", "events_name", "mapping_name", "title", "strict", "limits"});
  out.source = f.text(root, "", "source", false);
  if (!out.source.empty() && out.source != "acled" && out.source != "ucdp") {
    f.report("/source", "options.source", "source must be \"acled\" or \"ucdp\"");
  }
  if (f.member(root, "events_name")) out.events_name = f.text(root, "", "events_name", true);
  if (f.member(root, "mapping_name")) out.mapping_name = f.text(root, "", "mapping_name", true);
  out.title = f.text(root, "", "title", false);
  out.strict = f.boolean(root, "", "strict").value_or(out.strict);
  read_limits(f, root, out.limits);
  return issues.size() == before;
}

// Reads the options object; `for_session_report` accepts only the per-query options.
bool read_options(std::string_view text, Options& out, std::vector<Issue>& issues, bool for_session_report) {
  if (text.empty()) return true;
  Json root;
  JsonReadOptions jro;
  jro.file = "options";
  if (!read_json(text, jro, root, issues)) return false;
  Fields f("options", issues);
  const std::size_t before = issues.size();
  if (!f.expect_object(root, "", "the options")) return false;
  if (for_session_report) {
    f.reject_unknown(root, "", {"as_of", "known_at", "format", "exclude", "report", "rendered", "event_details"});
  } else {
    f.reject_unknown(root, "", {"as_of", "known_at", "format", "exclude", "report", "rendered", "event_details", "strict",
                                "agreement_name", "events_name", "limits", "events_format", "mapping", "mapping_name"});
  }
  if (const Json* a = f.member(root, "as_of")) {
    if (!a->is_null()) {
      out.as_of = f.instant(*a, "/as_of");
      if (out.as_of) out.as_of_text = a->get<std::string>();
    }
  }
  if (const Json* k = f.member(root, "known_at")) {
    if (!k->is_null()) out.known_at = f.instant(*k, "/known_at");
  }
  if (const Json* fm = f.member(root, "format")) {
    if (auto s = f.string_at(*fm, "/format")) {
      out.format = *s;
      if (!is_report_format(out.format)) {
        f.report("/format", "options.format", "format must be " + report_formats_text());
      }
    }
  }
  for (const std::string& id : f.string_list(root, "", "exclude", false)) out.exclude.insert(id);
  out.report = f.boolean(root, "", "report").value_or(out.report);
  out.rendered = f.boolean(root, "", "rendered").value_or(out.rendered);
  if (!out.report && !out.rendered) {
    f.report("/rendered", "options.rendered", "report and rendered are both false: the envelope would hold no report");
  }
  out.event_details = f.boolean(root, "", "event_details").value_or(out.event_details);
  if (!out.event_details && out.format != "json") {
    f.report("/event_details", "options.event_details",
             "event_details false goes with format json only: the " + out.format + " format shows the evidence events' details");
  }
  out.strict = f.boolean(root, "", "strict").value_or(out.strict);
  if (f.member(root, "agreement_name")) out.agreement_name = f.text(root, "", "agreement_name", true);
  if (f.member(root, "events_name")) out.events_name = f.text(root, "", "events_name", true);
  read_limits(f, root, out.limits);
  if (const Json* ef = f.member(root, "events_format")) {
    if (auto v = f.string_at(*ef, "/events_format")) {
      out.events_format = *v;
      if (*v != "json" && *v != "csv" && *v != "acled" && *v != "ucdp") {
        f.report("/events_format", "options.events_format", "events_format must be json, csv, acled or ucdp");
      }
    }
  }
  if (const Json* mp = f.member(root, "mapping")) {
    if (auto v = f.string_at(*mp, "/mapping")) out.mapping = *v;
  }
  if (f.member(root, "mapping_name")) out.mapping_name = f.text(root, "", "mapping_name", true);
  if (out.events_format != "json" && !out.mapping && issues.size() == before) {
    f.report("/mapping", "options.mapping", "events given as CSV (events_format \"" + out.events_format +
                                              "\") need the mapping document (\"mapping\", docs/import.md)");
  }
  if (out.events_format == "json" && out.mapping) {
    f.report("/mapping", "options.mapping", "a mapping goes with CSV events only: give events_format too (csv, acled or ucdp)");
  }
  return issues.size() == before;
}

}  // namespace

struct Session::State {
  std::shared_ptr<const Agreement> agreement;
  std::unique_ptr<Engine> engine;
  std::vector<Issue> warnings;
  EventLogInfo log;
  bool strict = false;
};

namespace {

// Issues the event reader found in a log imported from CSV point into a document nobody wrote: locate them at
// the CSV row the event came from instead.
void locate_in_rows(std::vector<Issue>& issues, std::size_t from, const std::string& file, const std::vector<std::int64_t>& lines) {
  for (std::size_t i = from; i < issues.size(); ++i) {
    Issue& issue = issues[i];
    if (issue.file != file || issue.line > 0 || issue.pointer.rfind("/events/", 0) != 0) continue;
    std::size_t end = 8, n = 0;
    while (end < issue.pointer.size() && issue.pointer[end] >= '0' && issue.pointer[end] <= '9') {
      n = n * 10 + static_cast<std::size_t>(issue.pointer[end] - '0');
      ++end;
    }
    if (end == 8 || n >= lines.size()) continue;
    const std::string rest = issue.pointer.substr(end);
    issue.message += " (in the event imported from this row" + (rest.empty() ? std::string() : ", at " + rest) + ")";
    issue.pointer.clear();
    issue.line = lines[n];
    issue.column = 1;
  }
}

// Runs the importer for `check`: the mapping (checked against the agreement) and the CSV, into an event log's
// text. Returns false with the issues when either is refused.
bool import_for_check(std::string_view csv, const Agreement& agreement, const Options& options, const Progress& progress,
                      std::string& log_text, std::vector<std::int64_t>& lines, std::vector<Issue>& issues) {
  const auto mapping = import::read_mapping(*options.mapping, options.mapping_name, options.limits, &agreement, issues);
  if (!mapping) return false;
  const std::string source = import::source_name(mapping->source);
  if (options.events_format != "csv" && options.events_format != source) {
    Issue issue;
    issue.code = "options.events_format";
    issue.message = "the events are given as " + options.events_format + " but the mapping is for " + source;
    issue.file = "options";
    issue.pointer = "/events_format";
    issues.push_back(issue);
    return false;
  }
  import::ImportOptions io;
  io.file = options.events_name;
  io.limits = options.limits;
  if (progress) io.progress = [&progress](std::size_t done, std::size_t total) { progress("import", done, total); };
  import::ImportResult result = import::import_rows(csv, *mapping, io, issues);
  if (!result.ok) return false;
  log_text = result.events.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  lines = std::move(result.lines);
  return true;
}

// Loads both documents into a session state; on failure returns nullptr and the error envelope.
// With `events_owned` (the log's text, which `events_json` views), the text is released as soon as the events are
// read: the evaluation and the report never need it.
std::unique_ptr<Session::State> load(std::string_view agreement_json, std::string_view events_json, const Options& options,
                                     std::string& envelope_out, const Progress& progress = nullptr,
                                     std::string* events_owned = nullptr) {
  std::vector<Issue> issues;
  std::shared_ptr<const Agreement> agreement = read_agreement(agreement_json, options.agreement_name, options.limits, issues);
  if (!agreement) {
    envelope_out = envelope_error(kExitInvalid, issues);
    return nullptr;
  }
  std::string imported;
  std::vector<std::int64_t> lines;
  Limits limits = options.limits;
  if (options.events_format != "json") {
    if (!import_for_check(events_json, *agreement, options, progress, imported, lines, issues) || has_errors(issues)) {
      envelope_out = envelope_error(kExitInvalid, issues);
      return nullptr;
    }
    events_json = imported;
    limits.max_input_bytes = SIZE_MAX;  // the CSV was measured; the log made from it is larger
  }
  auto state = std::make_unique<Session::State>();
  state->agreement = agreement;
  state->engine = std::make_unique<Engine>(agreement);
  Engine& engine = *state->engine;
  // An event of a log takes at least about 64 bytes of its text. With a 64-bit address space the room for that many
  // costs nothing until it is used (untouched pages), and the events then never move while the log is read: moving
  // them would hold the old and the new array at once. A 32-bit heap (WebAssembly) grows as the events come.
  if (sizeof(void*) >= 8) engine.reserve(std::min<std::size_t>(limits.max_events, events_json.size() / 64 + 1));
  std::size_t read = 0;
  const std::size_t before = issues.size();
  const bool ok = read_events(events_json, options.events_name, limits, agreement.get(),
                              [&](Event&& e) {
                                engine.add(std::move(e));
                                if (progress && ++read % 4096 == 0) progress("read", read, 0);
                              },
                              issues, &state->log);
  if (!lines.empty()) locate_in_rows(issues, before, options.events_name, lines);
  if (events_owned) std::string().swap(*events_owned);
  if (!ok || has_errors(issues) || (options.strict && !issues.empty())) {
    if (options.strict) {
      for (Issue& issue : issues) issue.severity = Severity::kError;
    }
    envelope_out = envelope_error(kExitInvalid, issues);
    return nullptr;
  }
  state->warnings = std::move(issues);
  state->strict = options.strict;
  return state;
}

// The envelope of a report. With `rendered_out`, the rendered report goes there instead, and the envelope has
// neither "report" nor "rendered" (check_output: what the CLI needs).
// With `output` too, the rendered report goes to it in pieces instead.
std::string run_report(const Session::State& state, const Options& options, std::string* rendered_out = nullptr,
                       const Output& output = nullptr) {
  std::vector<Issue> issues = state.warnings;
  for (const std::string& id : options.exclude) {
    bool found = false;
    for (const Event& e : state.engine->events()) found = found || e.id == id;
    if (!found) {
      Issue issue;
      issue.severity = Severity::kWarning;
      issue.code = "options.exclude";
      issue.message = "excluded event \"" + id + "\" is not in the log";
      issue.file = "options";
      issue.pointer = "/exclude";
      issues.push_back(issue);
    }
  }
  ReportContext ctx;
  ctx.log = state.log;
  const Zone& zone = state.agreement->zone;
  Instant as_of;
  if (options.as_of) {
    as_of = *options.as_of;
    ctx.as_of_text = options.as_of_text;
  } else if (options.known_at) {
    as_of = *options.known_at;
    ctx.as_of_text = format_instant(as_of.utc_ms, zone);
  } else {
    if (auto latest = state.engine->latest_event_time()) {
      as_of = Instant{*latest, zone.offset_minutes_at(*latest)};
    } else {
      const std::int64_t start = start_of_day_utc(state.agreement->instruments.front().date, zone);
      as_of = Instant{start, zone.offset_minutes_at(start)};
      Issue issue;
      issue.severity = Severity::kWarning;
      issue.code = "options.as_of";
      issue.message = "the log has no usable event and no as-of instant was given; the report is as of the first instrument's date";
      issue.file = "options";
      issues.push_back(issue);
    }
    ctx.as_of_text = format_instant(as_of);
    ctx.as_of_defaulted = true;
  }
  ctx.issues = issues;
  ctx.event_details = options.event_details;
  QueryOptions query;
  query.as_of = as_of.utc_ms;
  if (options.known_at) query.known_at = options.known_at->utc_ms;
  query.excluded = options.exclude;
  const Evaluation evaluation = state.engine->evaluate(query);
  bool violated = false;
  for (const Verdict& v : evaluation.verdicts) violated = violated || v.status == Status::kViolated;
  // The report as JSON text, and the rendered report. The JSON format is written straight from the evaluation;
  // the other formats are rendered from the report as a tree.
  std::string report_text, rendered;
  if (options.format == "json" && rendered_out && output) {
    write_report(*state.engine, evaluation, ctx, 2, output);
    output("\n");
  } else if (options.format == "json") {
    if (options.rendered || rendered_out) {
      rendered = write_report(*state.engine, evaluation, ctx, 2);
      rendered += '\n';
    }
    if (!rendered_out && options.report) report_text = write_report(*state.engine, evaluation, ctx, -1);
  } else {
    const OJson report = build_report(*state.engine, evaluation, ctx);
    if (options.rendered || rendered_out) rendered = render_report(report, options.format);
    if (!rendered_out && options.report) report_text = report.dump(-1, ' ', false, OJson::error_handler_t::replace);
    if (rendered_out && output) {
      output(rendered);
      rendered = std::string();
    }
  }
  OJson issue_list = OJson::array();
  for (const Issue& issue : ctx.issues) issue_list.push_back(issue_json(issue));
  // The same bytes as dumping {"ok", "exit_code", "format", "report", "rendered", "issues"} as one tree.
  const auto dumped = [](const OJson& j) { return j.dump(-1, ' ', false, OJson::error_handler_t::replace); };
  std::string env = "{\"ok\":true,\"exit_code\":" + std::to_string(violated ? kExitViolated : kExitOk) +
                    ",\"format\":" + dumped(options.format);
  if (rendered_out) {
    *rendered_out = std::move(rendered);
  } else {
    if (options.report) {
      env += ",\"report\":";
      env += report_text;
      report_text = std::string();
    }
    if (options.rendered) {
      env += ",\"rendered\":";
      env += dumped(OJson(std::move(rendered)));
    }
  }
  env += ",\"issues\":";
  env += dumped(issue_list);
  env += '}';
  return env;
}

}  // namespace

std::string check(std::string_view agreement_json, std::string_view events_json, std::string_view options_json) {
  return check(agreement_json, events_json, options_json, nullptr);
}

std::string check(std::string_view agreement_json, std::string_view events_json, std::string_view options_json,
                  const Progress& progress) {
  try {
    Options options;
    std::vector<Issue> issues;
    if (!read_options(options_json, options, issues, false)) return envelope_error(kExitInvalid, issues);
    std::string envelope;
    auto state = load(agreement_json, events_json, options, envelope, progress);
    if (!state) return envelope;
    if (progress) progress("evaluate", 0, 0);
    return run_report(*state, options);
  } catch (const std::exception& e) {
    return internal_error(e.what());
  } catch (...) {
    return internal_error("unknown exception");
  }
}

CheckOutput check_output(std::string_view agreement_json, std::string events_json, std::string_view options_json,
                         const Progress& progress, const Output& output) {
  CheckOutput out;
  try {
    Options options;
    std::vector<Issue> issues;
    if (!read_options(options_json, options, issues, false)) {
      out.envelope = envelope_error(kExitInvalid, issues);
      return out;
    }
    auto state = load(agreement_json, events_json, options, out.envelope, progress, &events_json);
    if (!state) return out;
    if (progress) progress("evaluate", 0, 0);
    out.envelope = run_report(*state, options, &out.rendered, output);
  } catch (const std::exception& e) {
    out.envelope = internal_error(e.what());
  } catch (...) {
    out.envelope = internal_error("unknown exception");
  }
  return out;
}

std::string import_events(std::string_view csv, std::string_view mapping_json, std::string_view options_json) {
  return import_events(csv, mapping_json, options_json, nullptr);
}

std::string import_events(std::string_view csv, std::string_view mapping_json, std::string_view options_json,
                          const Progress& progress) {
  try {
    Options options;
    std::vector<Issue> issues;
    if (!read_import_options(options_json, options, issues)) return envelope_error(kExitInvalid, issues);
    const auto mapping = import::read_mapping(mapping_json, options.mapping_name, options.limits, nullptr, issues);
    if (!mapping) return envelope_error(kExitInvalid, issues);
    if (!options.source.empty() && options.source != import::source_name(mapping->source)) {
      Issue issue;
      issue.code = "options.source";
      issue.message = "the file is read as " + options.source + " but the mapping is for " + import::source_name(mapping->source);
      issue.file = "options";
      issue.pointer = "/source";
      issues.push_back(issue);
      return envelope_error(kExitInvalid, issues);
    }
    import::ImportOptions io;
    io.file = options.events_name;
    io.title = options.title;
    io.limits = options.limits;
    if (progress) io.progress = [&progress](std::size_t done, std::size_t total) { progress("import", done, total); };
    import::ImportResult result = import::import_rows(csv, *mapping, io, issues);
    if (options.strict) {
      for (Issue& issue : issues) issue.severity = Severity::kError;
    }
    if (!result.ok || has_errors(issues)) return envelope_error(kExitInvalid, issues);
    OJson list = OJson::array();
    for (const Issue& issue : issues) list.push_back(issue_json(issue));
    std::string rendered = result.events.dump(2, ' ', false, OJson::error_handler_t::replace) + "\n";
    OJson env{{"ok", true}, {"exit_code", kExitOk}};
    env["events"] = std::move(result.events);
    env["rendered"] = std::move(rendered);
    env["account"] = std::move(result.account);
    env["issues"] = std::move(list);
    return env.dump(-1, ' ', false, OJson::error_handler_t::replace);
  } catch (const std::exception& e) {
    return internal_error(e.what());
  } catch (...) {
    return internal_error("unknown exception");
  }
}

std::string validate(std::string_view document_json, std::string_view options_json) {
  try {
    Options options;
    std::vector<Issue> issues;
    if (!read_options(options_json, options, issues, false)) return envelope_error(kExitInvalid, issues);
    const std::string name = options.agreement_name != "agreement" ? options.agreement_name : options.events_name;
    // Peek at the format tag without keeping the document: the real readers stream and locate.
    std::string format;
    {
      Json root;
      JsonReadOptions jro;
      jro.file = name;
      jro.limits = options.limits;
      jro.streamed_array_key = "events";
      jro.sink = [](std::size_t, Json&&) { return true; };
      if (!read_json(document_json, jro, root, issues)) return envelope_error(kExitInvalid, issues);
      issues.clear();
      if (root.is_object() && root.contains("format") && root["format"].is_string()) format = root["format"].get<std::string>();
    }
    if (format == "pactcheck/agreement") {
      read_agreement(document_json, name, options.limits, issues);
    } else if (format == "pactcheck/events") {
      read_events(document_json, name, options.limits, nullptr, [](Event&&) {}, issues, nullptr);
    } else if (format == "pactcheck/report") {
      // Reports are pactcheck's own output; their shape is checked by the JSON Schema in schemas/.
    } else {
      Issue issue;
      issue.code = "format.tag";
      issue.file = name;
      issue.pointer = "/format";
      issue.message = format.empty() ? "not a pactcheck document: no \"format\" tag"
                                     : "unknown format \"" + format + "\"";
      issues.push_back(issue);
    }
    const bool ok = !has_errors(issues) && !(options.strict && !issues.empty());
    OJson list = OJson::array();
    for (const Issue& issue : issues) list.push_back(issue_json(issue));
    OJson env{{"ok", ok}, {"exit_code", ok ? kExitOk : kExitInvalid}, {"format", format}, {"issues", list}};
    return env.dump(-1, ' ', false, OJson::error_handler_t::replace);
  } catch (const std::exception& e) {
    return internal_error(e.what());
  } catch (...) {
    return internal_error("unknown exception");
  }
}

std::string validate_inputs(std::string_view agreement_json, std::string_view events_json, std::string_view options_json) {
  try {
    Options options;
    std::vector<Issue> issues;
    if (!read_options(options_json, options, issues, false)) return envelope_error(kExitInvalid, issues);
    std::string envelope;
    const auto state = load(agreement_json, events_json, options, envelope);
    if (!state) return envelope;
    OJson list = OJson::array();
    for (const Issue& issue : state->warnings) list.push_back(issue_json(issue));
    OJson env{{"ok", true}, {"exit_code", kExitOk}, {"events", state->engine->events().size()}, {"issues", list}};
    return env.dump(-1, ' ', false, OJson::error_handler_t::replace);
  } catch (const std::exception& e) {
    return internal_error(e.what());
  } catch (...) {
    return internal_error("unknown exception");
  }
}

const char* version() { return PACTCHECK_VERSION; }

Session::Session(std::unique_ptr<State> state) : state_(std::move(state)) {}
Session::~Session() = default;

std::unique_ptr<Session> Session::open(std::string_view agreement_json, std::string_view events_json,
                                       std::string_view options_json, std::string& envelope_out) {
  try {
    Options options;
    std::vector<Issue> issues;
    if (!read_options(options_json, options, issues, false)) {
      envelope_out = envelope_error(kExitInvalid, issues);
      return nullptr;
    }
    auto state = load(agreement_json, events_json, options, envelope_out);
    if (!state) return nullptr;
    envelope_out = OJson{{"ok", true}, {"exit_code", 0}, {"issues", OJson::array()}}.dump();
    return std::unique_ptr<Session>(new Session(std::move(state)));
  } catch (const std::exception& e) {
    envelope_out = internal_error(e.what());
  } catch (...) {
    envelope_out = internal_error("unknown exception");
  }
  return nullptr;
}

std::string Session::report(std::string_view options_json) const {
  try {
    Options options;
    std::vector<Issue> issues;
    if (!read_options(options_json, options, issues, true)) return envelope_error(kExitInvalid, issues);
    return run_report(*state_, options);
  } catch (const std::exception& e) {
    return internal_error(e.what());
  } catch (...) {
    return internal_error("unknown exception");
  }
}

std::string Session::timeline() const {
  try {
    const Agreement& a = *state_->agreement;
    const Zone& zone = a.zone;
    struct Mark {
      std::int64_t at;
      std::string kind, id, instant;
    };
    std::vector<Mark> marks;
    for (const Event& e : state_->engine->events()) {
      if (!e.ignore_reason.empty()) continue;
      marks.push_back({e.when.earliest, "event", e.id, format_instant(e.when.earliest, zone)});
    }
    for (const auto& [at, label] : state_->engine->marks()) marks.push_back({at, "deadline", label, format_instant(at, zone)});
    std::stable_sort(marks.begin(), marks.end(), [](const Mark& x, const Mark& y) {
      return x.at != y.at ? x.at < y.at : (x.kind != y.kind ? x.kind < y.kind : x.id < y.id);
    });
    OJson out = OJson::array();
    for (const Mark& m : marks) out.push_back(OJson{{"instant", m.instant}, {"kind", m.kind}, {"id", m.id}});
    return out.dump();
  } catch (...) {
    return "[]";
  }
}

}  // namespace pactcheck
