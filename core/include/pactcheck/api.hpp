// pactcheck's string-in, string-out entry points: what the CLI and the WebAssembly module call.
//
// Contract: none of these functions throws for any input (malformed, hostile or huge input comes back as
// located issues in the envelope); they need no file system, console or clock.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace pactcheck {

// Exit codes, shared by the CLI and the envelopes.
enum ExitCode : int {
  kExitOk = 0,         // no obligation violated
  kExitViolated = 1,   // at least one obligation violated
  kExitInvalid = 2,    // invalid input or usage; every issue is reported, located
  kExitInternal = 3,   // internal error (a bug in pactcheck)
};

// Checks an event log against an agreement.
//
// `agreement_json` and `events_json` are the documents' text (UTF-8). `options_json` is an object:
//   {"as_of": "2020-11-16T12:00:00+04:00",   // optional; default: the latest event time in the log
//    "format": "json" | "text" | "markdown",  // optional; default "json"
//    "exclude": ["NK-020"],                   // optional; what-if: events left out, reported as excluded
//    "strict": false,                         // optional; warnings count as errors
//    "agreement_name": "agreement.json", "events_name": "events.json",  // names used in issue locations
//    "limits": {"max_input_bytes": ..., "max_depth": ..., "max_string_bytes": ..., "max_events": ...}}
// Returns the envelope, compact JSON:
//   {"ok": true, "exit_code": 0|1, "report": {...}, "rendered": "...", "issues": [...]}  or
//   {"ok": false, "exit_code": 2|3, "issues": [{"severity","code","message","file","pointer","line","column"}]}
// `rendered` is present for the text and markdown formats; for "json" the report object is the output.
std::string check(std::string_view agreement_json, std::string_view events_json, std::string_view options_json);

// Validates one document of any pactcheck format (the `format` tag decides which).
// Returns {"ok": bool, "exit_code": 0|2, "format": "pactcheck/events", "issues": [...]}.
std::string validate(std::string_view document_json, std::string_view options_json);

// pactcheck's version, e.g. "0.1.0".
const char* version();

// A loaded agreement and event log that can be queried at many instants and with events excluded, without
// re-reading the inputs. Create with Session::open; every call returns an envelope as `check` does.
class Session {
 public:
  // Returns nullptr and sets `envelope_out` to an error envelope when the inputs are invalid.
  static std::unique_ptr<Session> open(std::string_view agreement_json, std::string_view events_json,
                                       std::string_view options_json, std::string& envelope_out);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // `options_json` as for `check` (as_of, format, exclude); limits and names are fixed at open.
  std::string report(std::string_view options_json) const;

  // Instants worth scrubbing to, as a JSON array of {"instant", "kind": "event"|"deadline", "id"} in time order.
  std::string timeline() const;

  struct State;

 private:
  explicit Session(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace pactcheck
