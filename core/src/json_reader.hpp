// Reads a JSON document without exceptions, enforcing Limits, locating every failure, and optionally
// streaming the elements of one top-level array so that the whole document never sits in memory.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "pactcheck/issues.hpp"

namespace pactcheck {

using Json = nlohmann::json;

// Called once per element of the streamed array, in document order, with the element's index and value.
// Return false to stop reading (the callback has recorded why).
using ElementSink = std::function<bool(std::size_t index, Json&& element)>;

struct JsonReadOptions {
  std::string file;                 // name used in issue locations
  Limits limits;
  std::string streamed_array_key;   // top-level key whose array elements go to `sink` ("" = none)
  ElementSink sink;
};

// Parses `text` into `root`. On failure returns false and appends one located error to `issues`:
// syntax errors carry line and column, limit and value errors a JSON Pointer. A UTF-8 byte-order mark is
// skipped with a warning. Duplicate object keys are errors.
bool read_json(std::string_view text, const JsonReadOptions& options, Json& root, std::vector<Issue>& issues);

// Short name of a JSON value's type for messages: "object", "array", "string", "number", "boolean", "null".
const char* json_type_name(const Json& value);

}  // namespace pactcheck
