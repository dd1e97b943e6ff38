// An RFC 4180 CSV reader: records streamed one at a time, every field located by line and column, every
// problem an Issue. Never throws; enforces Limits.
//
// What it reads (docs/import.md, "The CSV reader"):
// - fields separated by commas; a field in double quotes may hold commas, line breaks and doubled quotes ("");
// - records ended by CRLF, LF or a lone CR; the last record with or without a line end; blank lines between
//   records are skipped (they are no records);
// - a UTF-8 byte-order mark at the start is skipped (spreadsheets write one); a UTF-16 mark is refused;
// - the text must be UTF-8: the first invalid byte is refused with its line and column.
// Lines are 1-based physical lines (a line break inside a quoted field starts a new line); columns are 1-based
// and counted in bytes from the start of the line, as for JSON syntax errors. A record is located by the line
// it starts on.
//
// Fatal (an error; reading stops): limit.input, csv.encoding, csv.invalid_utf8, csv.empty,
// csv.unterminated_quote, limit.string (one field over max_string_bytes), limit.events (more records after the
// header than max_events). Confined to one record (a warning; the record is still passed on, with `problem`
// set): csv.ragged_row (a field count other than the header's), csv.stray_quote (a quote inside an unquoted
// field, or text after a closing quote; kept as written).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "pactcheck/issues.hpp"

namespace pactcheck::csv {

struct Field {
  std::string text;
  std::int64_t line = 0;    // the line the field starts on
  std::int64_t column = 0;  // its first byte's column on that line (the opening quote of a quoted field)
};

struct Record {
  std::size_t index = 0;    // 0 for the first record of the file (the header)
  std::int64_t line = 0;    // the line the record starts on
  std::vector<Field> fields;
  std::string problem_code;  // "" or the code of the warning about this record (csv.ragged_row, csv.stray_quote)
  std::string problem;       // that warning's message
};

struct Options {
  std::string file;  // the name issues carry
  Limits limits;     // max_input_bytes (the text), max_string_bytes (one field), max_events (records after the header)
  // Called every few thousand records and at the end with the bytes read so far and the text's size.
  std::function<void(std::size_t done, std::size_t total)> progress;
};

// Reads `text`, calling `sink` for each record in order (return false from it to stop early; the reader then
// returns true). The first record is the header: later records whose field count differs get csv.ragged_row.
// Returns false on a fatal problem, recorded in `issues`.
bool read(std::string_view text, const Options& options, const std::function<bool(Record&&)>& sink,
          std::vector<Issue>& issues);

// Byte offset of the first byte that is not part of valid UTF-8 (overlong forms, surrogates and code points
// above U+10FFFF included), or std::string_view::npos.
std::size_t invalid_utf8_at(std::string_view text);

}  // namespace pactcheck::csv
