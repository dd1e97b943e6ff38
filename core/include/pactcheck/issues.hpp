// Located problems with the input: what went wrong and exactly where.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pactcheck {

enum class Severity { kError, kWarning };

// One problem. `file` names the input (as the caller named it); `pointer` is an RFC 6901 JSON Pointer into
// that document ("" when the problem is not inside the document); `line` and `column` (1-based) are set for
// syntax errors, 0 otherwise.
struct Issue {
  Severity severity = Severity::kError;
  std::string code;     // stable machine-readable code, e.g. "json.syntax", "time.no_offset"
  std::string message;  // one plain English sentence
  std::string file;
  std::string pointer;
  std::int64_t line = 0;
  std::int64_t column = 0;
};

bool has_errors(const std::vector<Issue>& issues);
// "events.json:3:17: error: ..." or "events.json#/events/2/time: warning: ..."
std::string format_issue(const Issue& issue);

// Limits on input size and shape, each with a default and enforced with a located error when exceeded.
struct Limits {
  std::size_t max_input_bytes = 512u * 1024u * 1024u;  // per document
  std::size_t max_depth = 64;                            // nesting of arrays and objects
  std::size_t max_string_bytes = 1024u * 1024u;          // one string or key
  std::size_t max_events = 5'000'000;                    // events in one log
};

// Appends "~0"/"~1"-escaped `token` to a JSON Pointer.
std::string pointer_join(const std::string& base, const std::string& token);
std::string pointer_join(const std::string& base, std::size_t index);

}  // namespace pactcheck
