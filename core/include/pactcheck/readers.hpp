// Readers for the agreement and event-log documents (format version 1, docs/format.md).
//
// Contract: readers never throw. Every problem is appended to `issues` with its file and JSON Pointer (or
// line and column for syntax errors). Document-level problems are errors; a problem confined to one event
// makes that event ignored (reason "malformed" or "unknown_type") with a warning, so that one bad row does
// not hide a whole log, and the report still accounts for it.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pactcheck/issues.hpp"
#include "pactcheck/model.hpp"

namespace pactcheck {

// Returns the agreement, or nullptr when it has any error.
std::unique_ptr<Agreement> read_agreement(std::string_view text, const std::string& file, const Limits& limits,
                                          std::vector<Issue>& issues);

struct EventLogInfo {
  std::string title;
  bool synthetic = false;
  std::size_t count = 0;
};

// Streams the events of an event log to `sink` in input order, one at a time; the log is never held as a
// JSON tree. `agreement` may be null (then vocabulary and reference checks are skipped). Returns false when
// the log has an error (after which the events already passed to `sink` must be discarded).
bool read_events(std::string_view text, const std::string& file, const Limits& limits, const Agreement* agreement,
                 const std::function<void(Event&&)>& sink, std::vector<Issue>& issues, EventLogInfo* info);

}  // namespace pactcheck
