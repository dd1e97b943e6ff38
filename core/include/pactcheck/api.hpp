// pactcheck's string-in, string-out entry points: what the CLI and the WebAssembly module call.
//
// Contract: none of these functions throws for any input (malformed, hostile or huge input comes back as
// located issues in the envelope); they need no file system, console or clock.
#pragma once

#include <cstddef>
#include <functional>
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
//    "report": true,                          // optional; false: the envelope has no "report" (the rendered
//                                             // text alone: what the CLI writes, written once)
//    "rendered": true,                        // optional; false: the envelope has no "rendered" (the report
//                                             // object alone: half the bytes for format json); not both false
//    "event_details": true,                   // optional; false (format json only): the report leaves out
//                                             // events.evidence_events and says so (events.evidence_events_omitted)
//    "strict": false,                         // optional; warnings count as errors
//    "agreement_name": "agreement.json", "events_name": "events.json",  // names used in issue locations
//    "limits": {"max_input_bytes": ..., "max_depth": ..., "max_string_bytes": ..., "max_events": ...},
//    "events_format": "json" | "csv" | "acled" | "ucdp",  // optional; default "json". Otherwise `events_json`
//                                             // is an ACLED or UCDP GED export (CSV text), imported through
//    "mapping": "<the mapping document's text>",  // (required with CSV events; docs/import.md) and then checked;
//                                             // "csv" means the source the mapping names
//    "mapping_name": "mapping.json"}          // optional; the mapping's name in issue locations (default "mapping")
// With CSV events, issues about the CSV are located by line and column of the CSV, issues about the mapping by
// its JSON Pointer, and the report's event log is the imported one (as import_events would render it).
// Returns the envelope, compact JSON:
//   {"ok": true, "exit_code": 0|1, "report": {...}, "rendered": "...", "issues": [...]}  or
//   {"ok": false, "exit_code": 2|3, "issues": [{"severity","code","message","file","pointer","line","column"}]}
// `rendered` is the report as the format renders it (for "json": pretty-printed, what the CLI writes), unless the
// options say "rendered": false; "report" is there unless they say "report": false.
std::string check(std::string_view agreement_json, std::string_view events_json, std::string_view options_json);

// Told now and then how far long work has got, for hosts that show it (the CLI on a terminal). `stage` is
// "import" (done and total: bytes of the CSV read), "read" (done: events read so far; total 0) or "evaluate"
// (once, 0 and 0). It must not throw.
using Progress = std::function<void(std::string_view stage, std::size_t done, std::size_t total)>;

// `check`, telling `progress` how far it has got.
std::string check(std::string_view agreement_json, std::string_view events_json, std::string_view options_json,
                  const Progress& progress);

// `check`, with the rendered report apart from the envelope: `envelope` is check's envelope without "report"
// and "rendered" (ok, exit_code, format, issues; or the error envelope), and `rendered` the report as the format
// asked (empty on error). What the CLI writes, without an envelope as large as two reports.
// With `output`, the rendered report is handed to it in pieces as it is written instead (and `rendered` stays
// empty); it is called only when the check succeeds, before check_output returns. The log's text is taken by value
// (move it in) and released once the events are read.
struct CheckOutput {
  std::string envelope;
  std::string rendered;
};
using Output = std::function<void(std::string_view chunk)>;
CheckOutput check_output(std::string_view agreement_json, std::string events_json, std::string_view options_json,
                         const Progress& progress, const Output& output = nullptr);

// Turns an ACLED or UCDP GED export (CSV text, RFC 4180) into an event log (pactcheck/events, version 1) through a
// mapping document (pactcheck/mapping, docs/import.md). Every data row becomes one event: imported, or kept with
// "unmapped" set to the reasons it could not be mapped (a check then reports it as ignored, reason "unmapped").
//
// `options_json` is an object (every member optional):
//   {"source": "acled" | "ucdp",               // the file is read as this; must be the mapping's source
//    "events_name": "acled.csv", "mapping_name": "mapping.json",  // names in issue locations and in each origin
//    "title": "...",                           // the log's title (default: the mapping's log.title)
//    "strict": false,                          // warnings count as errors
//    "limits": {...}}                          // as for check; max_events limits the rows
// Returns the envelope, compact JSON:
//   {"ok": true, "exit_code": 0, "events": {...the document...}, "rendered": "<the document, pretty, ending with a
//    newline: what the CLI writes>", "account": {"source", "file", "header_line", "hxl_line", "rows", "imported",
//    "unmapped", "by_row": [{"line", "row", "event", "fate": "imported"|"unmapped", "types"?, "reason"?,
//    "notes"?}]}, "issues": [...warnings...]}  or
//   {"ok": false, "exit_code": 2|3, "issues": [...]}: CSV problems located by "line" and "column", mapping problems
//   by "pointer" in the file named "mapping" (or mapping_name).
std::string import_events(std::string_view csv, std::string_view mapping_json, std::string_view options_json);
std::string import_events(std::string_view csv, std::string_view mapping_json, std::string_view options_json,
                          const Progress& progress);

// Validates one document of any pactcheck format (the `format` tag decides which), on its own: what needs the
// other file (an event naming a party or obligation the agreement does not have) is validate_inputs's.
// Returns {"ok": bool, "exit_code": 0|2, "format": "pactcheck/events", "issues": [...]}.
std::string validate(std::string_view document_json, std::string_view options_json);

// Validates an agreement and its event log together, read exactly as check reads them (the same options, CSV
// events with a mapping included): the issues are every error and warning check would give for these files,
// and "strict" turns exactly those warnings into errors, as in check. Nothing is evaluated.
// Returns {"ok": bool, "exit_code": 0|2|3, "events": N (when ok), "issues": [...]}.
std::string validate_inputs(std::string_view agreement_json, std::string_view events_json, std::string_view options_json);

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
