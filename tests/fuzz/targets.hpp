// The fuzz targets' entry points, shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.cpp) and the doctest
// suite, which replays every file of tests/fuzz/regressions/<target>/ through the same function.
//
// Each returns "" when the input was handled as pactcheck promises (an envelope or located issues, the
// invariants below), or a description of the broken promise. A crash, an abort or a sanitizer report is of
// course also a failure; the harnesses turn a non-empty answer into an abort so that libFuzzer keeps the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pactcheck::fuzz {

// The input is an agreement document. read_agreement returns an agreement exactly when it reported no error;
// every issue names the file and a pointer or a line; validate() answers with an envelope.
std::string agreement_reader(const std::uint8_t* data, std::size_t size);

// The input is "<fixture name>\n<event log>": the log is read against that fixture's agreement (none when the
// name is unknown). read_events succeeds exactly when it reported no error; the events it passed on are then
// evaluated, and every event is accounted for exactly once (used, irrelevant or ignored with a reason), and
// every used event is evidence of some obligation.
std::string event_reader(const std::uint8_t* data, std::size_t size);

// The input is "<agreement>\0<event log>\0<options>" (missing parts are empty). check() never reports an
// internal error, its envelope is well-formed, and a refused input carries located errors.
std::string full_check(const std::uint8_t* data, std::size_t size);

// The input is "<fixture name>\n<as-of instant or empty>\n<event log>". A session's report equals a fresh
// check byte for byte (json, text and markdown), and the same log with its events shuffled or reversed gives
// the same report (up to the input positions in issue pointers, which follow the input order).
std::string differential(const std::uint8_t* data, std::size_t size);

// The input is a CSV file. csv::read fails exactly when it reported an error; every issue is located by line and
// column (or is the file-level limit.input); every field has a line and a column; and the records, written back as
// RFC 4180 CSV with every field quoted, read again to the same fields.
std::string csv_reader(const std::uint8_t* data, std::size_t size);

// The input is "<fixture name>\n<mapping document>\0<CSV file>". The mapping is read against that fixture's
// agreement (none when the name is unknown) and the CSV imported through it (import_events, and check when there
// is an agreement): no internal error, well-formed envelopes, every data row in the account exactly once and in
// order, one event per row with a valid unique id, and an event log the event reader accepts in which every row
// kept as unmapped is ignored as unmapped and no imported row is malformed.
std::string csv_import(const std::uint8_t* data, std::size_t size);

// An envelope with the input positions of events ("/events/12") blanked and the issue lists sorted, the
// "rendered" copy dropped: what must not change when the events of a log are reordered.
std::string order_free(const std::string& envelope);

struct Target {
  const char* name;
  std::string (*run)(const std::uint8_t*, std::size_t);
};
const std::vector<Target>& targets();

}  // namespace pactcheck::fuzz
