#include "json_reader.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pactcheck {
namespace {

struct Frame {
  Json* value;
  std::size_t next_index = 0;  // arrays: index of the next element
  std::string pending_key;     // objects: key of the next member
  bool streamed = false;       // this is the streamed array: completed elements go to the sink
};

// nlohmann SAX handler that builds the DOM itself so that it can check limits, detect duplicate keys, keep
// JSON Pointers for messages and stream one array's elements.
class Builder {
 public:
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  Builder(std::string_view text, Json& root, const JsonReadOptions& options, std::vector<Issue>& issues)
      : text_(text), root_(root), options_(options), issues_(issues) {}

  bool null() { return put(Json(nullptr)); }
  bool boolean(bool v) { return put(Json(v)); }
  bool number_integer(number_integer_t v) { return put(Json(v)); }
  bool number_unsigned(number_unsigned_t v) { return put(Json(v)); }
  bool number_float(number_float_t v, const string_t& /*text*/) {
    if (!std::isfinite(v)) return fail("json.number_range", "number is too large for a double", next_pointer());
    return put(Json(v));
  }
  bool string(string_t& v) {
    if (v.size() > options_.limits.max_string_bytes) {
      return fail("limit.string", "string of " + std::to_string(v.size()) + " bytes exceeds the limit of " +
                                      std::to_string(options_.limits.max_string_bytes) + " bytes (max_string_bytes)",
                  next_pointer());
    }
    return put(Json(std::move(v)));
  }
  bool binary(binary_t& /*v*/) { return fail("json.binary", "binary values are not JSON", next_pointer()); }

  bool start_object(std::size_t /*size*/) { return open(Json::object()); }
  bool end_object() { return close(); }
  bool start_array(std::size_t /*size*/) { return open(Json::array()); }
  bool end_array() { return close(); }

  bool key(string_t& k) {
    Frame& top = stack_.back();
    if (k.size() > options_.limits.max_string_bytes) {
      return fail("limit.string", "object key exceeds the limit of " +
                                      std::to_string(options_.limits.max_string_bytes) + " bytes (max_string_bytes)",
                  pointer_of(stack_.size() - 1));
    }
    if (top.value->contains(k)) {
      return fail("json.duplicate_key", "duplicate key \"" + k + "\"", pointer_join(pointer_of(stack_.size() - 1), k));
    }
    top.pending_key = std::move(k);
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/, const nlohmann::detail::exception& ex) {
    if (failed_) return false;  // our own error already recorded; nlohmann reports the abort as a parse error
    failed_ = true;
    Issue issue;
    issue.file = options_.file;
    std::string what = ex.what();
    // "[json.exception.parse_error.101] parse error at line 3, column 0: syntax error while ..."
    const auto bracket = what.find("] ");
    if (bracket != std::string::npos) what = what.substr(bracket + 2);
    const auto colon = what.find(": ");
    if (what.rfind("parse error at line", 0) == 0 && colon != std::string::npos) what = what.substr(colon + 2);
    const std::size_t end = std::min(position, text_.size());
    const auto overflow = what.find("number overflow parsing '");
    if (overflow != std::string::npos) {
      // Valid JSON syntax, but the number does not fit a double: say so rather than "malformed".
      issue.code = "json.number_range";
      const std::string number = what.substr(overflow + 25, what.find('\'', overflow + 25) - (overflow + 25));
      issue.message = "the number " + number + " is too large for a double (at most about 1.8e308)";
    } else if (text_.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      issue.code = "json.syntax";
      issue.message = "malformed JSON: the document is empty (no JSON value)";
    } else {
      issue.code = "json.syntax";
      issue.message = "malformed JSON: " + what;
      if (end >= text_.size() && what.find("end of input") == std::string::npos) {
        issue.message += " (the input ends here: is it truncated?)";
      }
    }
    // Line and column from the byte offset of the last character read (nlohmann's own column is off by the
    // look-ahead): 1-based line, column counted in bytes from the start of that line.
    issue.line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < end; ++i) {
      if (text_[i] == '\n') {
        ++issue.line;
        line_start = i + 1;
      }
    }
    issue.column = static_cast<std::int64_t>(end - line_start);
    if (issue.column == 0) issue.column = 1;
    issues_.push_back(std::move(issue));
    return false;
  }

  bool failed() const { return failed_; }

 private:
  // The JSON Pointer of the container at stack_[depth], built only for a message: while a container is open,
  // its parent's next_index (arrays) or pending_key (objects) still name it.
  std::string pointer_of(std::size_t depth) const {
    std::string pointer;
    for (std::size_t i = 0; i < depth; ++i) {
      const Frame& parent = stack_[i];
      pointer = parent.value->is_array() ? pointer_join(pointer, parent.next_index) : pointer_join(pointer, parent.pending_key);
    }
    return pointer;
  }

  std::string next_pointer() const {
    if (stack_.empty()) return "";
    const Frame& top = stack_.back();
    const std::string pointer = pointer_of(stack_.size() - 1);
    return top.value->is_array() ? pointer_join(pointer, top.next_index) : pointer_join(pointer, top.pending_key);
  }

  bool fail(const char* code, std::string message, std::string pointer) {
    if (failed_) return false;
    failed_ = true;
    Issue issue;
    issue.code = code;
    issue.message = std::move(message);
    issue.file = options_.file;
    issue.pointer = std::move(pointer);
    issues_.push_back(std::move(issue));
    return false;
  }

  // Places a completed scalar (or, from close(), a completed container) into its parent.
  bool put(Json&& value) {
    if (stack_.empty()) {
      root_ = std::move(value);
      return true;
    }
    Frame& top = stack_.back();
    if (top.value->is_array()) {
      const std::size_t index = top.next_index++;
      if (top.streamed) {
        if (index >= options_.limits.max_events) {
          return fail("limit.events", "more than " + std::to_string(options_.limits.max_events) +
                                          " events (max_events)", pointer_join(pointer_of(stack_.size() - 1), index));
        }
        if (!options_.sink(index, std::move(value))) {
          failed_ = true;
          return false;
        }
        return true;
      }
      top.value->push_back(std::move(value));
    } else {
      (*top.value)[top.pending_key] = std::move(value);
    }
    return true;
  }

  bool open(Json&& container) {
    if (stack_.size() + 1 > options_.limits.max_depth) {
      return fail("limit.depth", "nesting deeper than " + std::to_string(options_.limits.max_depth) +
                                     " levels (max_depth)", next_pointer());
    }
    const bool streamed = container.is_array() && stack_.size() == 1 && root_.is_object() &&
                          !options_.streamed_array_key.empty() && stack_.back().pending_key == options_.streamed_array_key &&
                          static_cast<bool>(options_.sink);
    Json* slot = nullptr;
    if (stack_.empty()) {
      root_ = std::move(container);
      slot = &root_;
    } else if (stack_.back().value->is_array() && stack_.back().streamed) {
      pending_elements_.push_back(std::move(container));
      slot = &pending_elements_.back();
    } else if (stack_.back().value->is_array()) {
      stack_.back().value->push_back(std::move(container));
      slot = &stack_.back().value->back();
    } else {
      Json& member = (*stack_.back().value)[stack_.back().pending_key];
      member = std::move(container);
      slot = &member;
    }
    stack_.push_back(Frame{slot, 0, {}, streamed});
    return true;
  }

  bool close() {
    Frame done = std::move(stack_.back());
    stack_.pop_back();
    if (!stack_.empty() && stack_.back().value->is_array()) {
      Frame& parent = stack_.back();
      if (parent.streamed) {
        Json element = std::move(pending_elements_.back());
        pending_elements_.pop_back();
        return put(std::move(element));
      }
      ++parent.next_index;
    }
    return true;
  }

  std::string_view text_;
  Json& root_;
  const JsonReadOptions& options_;
  std::vector<Issue>& issues_;
  std::vector<Frame> stack_;
  std::vector<Json> pending_elements_;  // at most one: the streamed element being built
  bool failed_ = false;
};

}  // namespace

const char* json_type_name(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: return "object";
    case Json::value_t::array: return "array";
    case Json::value_t::string: return "string";
    case Json::value_t::boolean: return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "number";
    case Json::value_t::null: return "null";
    default: return "value";
  }
}

bool read_json(std::string_view text, const JsonReadOptions& options, Json& root, std::vector<Issue>& issues) {
  // An issue about the file as a whole: at its start (line 1, column 1) when `at_start`, else unlocated.
  auto file_issue = [&](Severity severity, const char* code, std::string message, bool at_start) {
    Issue issue;
    issue.severity = severity;
    issue.code = code;
    issue.file = options.file;
    issue.message = std::move(message);
    if (at_start) issue.line = issue.column = 1;
    issues.push_back(std::move(issue));
  };
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  if (text.size() > options.limits.max_input_bytes) {
    file_issue(Severity::kError, "limit.input",
               "input of " + std::to_string(text.size()) + " bytes exceeds the limit of " +
                   std::to_string(options.limits.max_input_bytes) + " bytes (max_input_bytes)",
               false);
    return false;
  }
  if (text.size() >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) {
    file_issue(Severity::kWarning, "json.bom", "the file starts with a UTF-8 byte-order mark, which was skipped", true);
    text.remove_prefix(3);
  } else if (text.size() >= 2 && ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF))) {
    file_issue(Severity::kError, "json.encoding",
               "the file starts with a UTF-16 byte-order mark: pactcheck reads UTF-8 only; save the file as UTF-8", true);
    return false;
  }
  root = Json();
  Builder builder(text, root, options, issues);
  const bool ok = Json::sax_parse(text.begin(), text.end(), &builder, nlohmann::detail::input_format_t::json, true);
  return ok && !builder.failed();
}

}  // namespace pactcheck
