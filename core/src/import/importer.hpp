// Rows of an ACLED or UCDP GED export into a pactcheck/events document (format version 1), through a mapping
// (docs/import.md). Every data row becomes exactly one event: imported, or kept with `unmapped` set to the
// reasons it could not be mapped, so that a check reports it as ignored with that reason. Nothing throws.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "import/mapping.hpp"
#include "pactcheck/issues.hpp"

namespace pactcheck::import {

struct ImportOptions {
  std::string file = "events";  // the CSV's name, in issues and in each event's origin
  std::string title;            // the log's title (default: the mapping's log.title, else "<source> export <file>")
  Limits limits;
  std::function<void(std::size_t done, std::size_t total)> progress;  // bytes of the CSV read
};

struct ImportResult {
  bool ok = false;                          // false: the CSV was refused (the errors are in the issues)
  nlohmann::ordered_json events;            // the pactcheck/events document
  nlohmann::ordered_json account;           // every row: imported as event X, or kept as unmapped and why
  std::size_t rows = 0, imported = 0, unmapped = 0;
  std::vector<std::int64_t> lines;          // the CSV line of each event, by index in `events`
};

ImportResult import_rows(std::string_view csv, const Mapping& mapping, const ImportOptions& options,
                         std::vector<Issue>& issues);

// Dates as exports write them: YYYY-MM-DD (optionally followed by a time of day, which is ignored: "2020-11-09
// 00:00:00.000"), "9 November 2020", "09-November-2020", "9 Nov 2020". nullopt otherwise.
std::optional<LocalDate> parse_export_date(std::string_view text);

}  // namespace pactcheck::import
