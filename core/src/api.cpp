#include "pactcheck/api.hpp"

#include <exception>

#include "fields.hpp"
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
  std::string format = "json";
  std::set<std::string> exclude;
  bool strict = false;
  std::string agreement_name = "agreement";
  std::string events_name = "events";
  Limits limits;
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
    f.reject_unknown(root, "", {"as_of", "format", "exclude"});
  } else {
    f.reject_unknown(root, "", {"as_of", "format", "exclude", "strict", "agreement_name", "events_name", "limits"});
  }
  if (const Json* a = f.member(root, "as_of")) {
    if (!a->is_null()) {
      out.as_of = f.instant(*a, "/as_of");
      if (out.as_of) out.as_of_text = a->get<std::string>();
    }
  }
  if (const Json* fm = f.member(root, "format")) {
    if (auto s = f.string_at(*fm, "/format")) {
      out.format = *s;
      if (out.format != "json" && out.format != "text" && out.format != "markdown") {
        f.report("/format", "options.format", "format must be json, text or markdown");
      }
    }
  }
  for (const std::string& id : f.string_list(root, "", "exclude", false)) out.exclude.insert(id);
  out.strict = f.boolean(root, "", "strict").value_or(out.strict);
  if (f.member(root, "agreement_name")) out.agreement_name = f.text(root, "", "agreement_name", true);
  if (f.member(root, "events_name")) out.events_name = f.text(root, "", "events_name", true);
  if (const Json* l = f.member(root, "limits")) {
    if (f.expect_object(*l, "/limits", "limits")) {
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
      limit("max_input_bytes", out.limits.max_input_bytes);
      limit("max_depth", out.limits.max_depth);
      limit("max_string_bytes", out.limits.max_string_bytes);
      limit("max_events", out.limits.max_events);
    }
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

// Loads both documents into a session state; on failure returns nullptr and the error envelope.
std::unique_ptr<Session::State> load(std::string_view agreement_json, std::string_view events_json, const Options& options,
                                     std::string& envelope_out) {
  std::vector<Issue> issues;
  std::shared_ptr<const Agreement> agreement = read_agreement(agreement_json, options.agreement_name, options.limits, issues);
  if (!agreement) {
    envelope_out = envelope_error(kExitInvalid, issues);
    return nullptr;
  }
  auto state = std::make_unique<Session::State>();
  state->agreement = agreement;
  state->engine = std::make_unique<Engine>(agreement);
  Engine& engine = *state->engine;
  const bool ok = read_events(events_json, options.events_name, options.limits, agreement.get(),
                              [&engine](Event&& e) { engine.add(std::move(e)); }, issues, &state->log);
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

std::string run_report(const Session::State& state, const Options& options) {
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
  ctx.excluded = options.exclude;
  ctx.log = state.log;
  Instant as_of;
  if (options.as_of) {
    as_of = *options.as_of;
    ctx.as_of_text = options.as_of_text;
  } else {
    const int zone = state.agreement->local_offset_minutes;
    if (auto latest = state.engine->latest_event_time()) {
      as_of = Instant{latest->utc_ms, zone};
    } else {
      as_of = start_of_day(state.agreement->instruments.front().date, zone);
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
  const Evaluation evaluation = state.engine->evaluate(as_of, options.exclude);
  OJson report = build_report(*state.engine, evaluation, ctx);
  bool violated = false;
  for (const Verdict& v : evaluation.verdicts) violated = violated || v.status == Status::kViolated;
  std::string rendered = options.format == "text"       ? render_text(report)
                         : options.format == "markdown" ? render_markdown(report)
                                                        : render_json(report);
  OJson issue_list = report["issues"];
  OJson env{{"ok", true}, {"exit_code", violated ? kExitViolated : kExitOk}, {"format", options.format}};
  env["report"] = std::move(report);
  env["rendered"] = std::move(rendered);
  env["issues"] = std::move(issue_list);
  return env.dump(-1, ' ', false, OJson::error_handler_t::replace);
}

}  // namespace

std::string check(std::string_view agreement_json, std::string_view events_json, std::string_view options_json) {
  try {
    Options options;
    std::vector<Issue> issues;
    if (!read_options(options_json, options, issues, false)) return envelope_error(kExitInvalid, issues);
    std::string envelope;
    auto state = load(agreement_json, events_json, options, envelope);
    if (!state) return envelope;
    return run_report(*state, options);
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
    const int zone = a.local_offset_minutes;
    struct Mark {
      std::int64_t at;
      std::string kind, id, instant;
    };
    std::vector<Mark> marks;
    for (const Event& e : state_->engine->events()) {
      if (!e.ignore_reason.empty()) continue;
      marks.push_back({e.when.earliest.utc_ms, "event", e.id, format_instant(e.when.earliest.utc_ms, zone)});
    }
    for (const Obligation& o : a.obligations) {
      if (o.deadline.kind == DeadlineSpec::Kind::kDate) {
        const Instant due = start_of_day(add_to_date(o.deadline.date, Duration{0, 0, 1, 0}), o.deadline.offset_minutes);
        marks.push_back({due.utc_ms, "deadline", o.id, format_instant(due.utc_ms, zone)});
      } else if (o.deadline.kind == DeadlineSpec::Kind::kInstant) {
        marks.push_back({o.deadline.instant.utc_ms, "deadline", o.id, format_instant(o.deadline.instant.utc_ms, zone)});
      }
    }
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
