// Typed, located access to the members of a parsed JSON document. Every failure appends an Issue naming
// the file and JSON Pointer; nothing throws.
#pragma once

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "json_reader.hpp"
#include "pactcheck/issues.hpp"
#include "pactcheck/model.hpp"
#include "pactcheck/time.hpp"

namespace pactcheck {

class Fields {
 public:
  Fields(std::string file, std::vector<Issue>& issues, Severity severity = Severity::kError)
      : file_(std::move(file)), issues_(issues), severity_(severity) {}

  const std::string& file() const { return file_; }
  std::size_t issue_count() const { return issues_.size(); }

  void report(const std::string& pointer, const char* code, std::string message) {
    report_as(severity_, pointer, code, std::move(message));
  }
  void report_as(Severity severity, const std::string& pointer, const char* code, std::string message) {
    Issue issue;
    issue.severity = severity;
    issue.code = code;
    issue.message = std::move(message);
    issue.file = file_;
    issue.pointer = pointer;
    issues_.push_back(std::move(issue));
  }

  bool expect_object(const Json& value, const std::string& pointer, const char* what) {
    if (value.is_object()) return true;
    report(pointer, "type.object", std::string(what) + " must be an object, not " + json_type_name(value));
    return false;
  }

  // Reports members of `object` not named in `allowed`.
  void reject_unknown(const Json& object, const std::string& pointer, std::initializer_list<const char*> allowed) {
    for (auto it = object.begin(); it != object.end(); ++it) {
      const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* name) { return it.key() == name; });
      if (!known) report(pointer_join(pointer, it.key()), "field.unknown", "unknown field \"" + it.key() + "\"");
    }
  }

  const Json* member(const Json& object, const char* key) const {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }

  const Json* require(const Json& object, const std::string& pointer, const char* key) {
    const Json* value = member(object, key);
    if (!value) report(pointer, "field.missing", std::string("missing required field \"") + key + "\"");
    return value;
  }

  // Calls fn(element, pointer) for each object in the array member `key`; non-arrays and non-objects are reported.
  template <typename Fn>
  void each_object(const Json& parent, const std::string& pointer, const char* key, bool required, const char* what, Fn&& fn) {
    const Json* list = required ? require(parent, pointer, key) : member(parent, key);
    if (!list) return;
    const std::string here = pointer_join(pointer, key);
    if (!list->is_array()) {
      report(here, "type.array", std::string("must be an array, not ") + json_type_name(*list));
      return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string at = pointer_join(here, i);
      if (expect_object((*list)[i], at, what)) fn((*list)[i], at);
    }
  }

  // The `sources` array of an instrument or an event.
  std::vector<Source> sources(const Json& parent, const std::string& pointer) {
    std::vector<Source> out;
    each_object(parent, pointer, "sources", false, "a source", [&](const Json& s, const std::string& at) {
      reject_unknown(s, at, {"title", "url", "publisher", "date", "note"});
      out.push_back({text(s, at, "title", true), text(s, at, "url", false), text(s, at, "publisher", false),
                     text(s, at, "date", false)});
    });
    return out;
  }

  std::optional<std::string> string_at(const Json& value, const std::string& pointer) {
    if (!value.is_string()) {
      report(pointer, "type.string", std::string("must be a string, not ") + json_type_name(value));
      return std::nullopt;
    }
    return value.get_ref<const std::string&>();
  }

  // A string member; `required` reports its absence. Returns "" when absent or wrong.
  std::string text(const Json& object, const std::string& pointer, const char* key, bool required) {
    const Json* value = required ? require(object, pointer, key) : member(object, key);
    if (!value) return {};
    if (value->is_string()) return value->get_ref<const std::string&>();
    string_at(*value, pointer_join(pointer, key));  // reports it
    return {};
  }

  static bool is_id(const std::string& s) {
    if (s.empty() || s.size() > 200) return false;
    for (char c : s) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.' || c == ':';
      if (!ok) return false;
    }
    return true;
  }

  std::string id(const Json& object, const std::string& pointer, const char* key, bool required) {
    const std::string s = text(object, pointer, key, required);
    if (!s.empty() && !is_id(s)) {
      report(pointer_join(pointer, key), "field.id", "\"" + s + "\" is not a valid id (letters, digits, - _ . :)");
      return {};
    }
    const Json* given = member(object, key);
    if (s.empty() && given && given->is_string()) {  // "" would read as "absent" to every caller: say so here
      report(pointer_join(pointer, key), "field.id", "an id must not be empty (letters, digits, - _ . :)");
    }
    return s;
  }

  std::vector<std::string> string_list(const Json& object, const std::string& pointer, const char* key, bool required) {
    std::vector<std::string> out;
    const Json* value = required ? require(object, pointer, key) : member(object, key);
    if (!value) return out;
    const std::string here = pointer_join(pointer, key);
    if (!value->is_array()) {
      report(here, "type.array", std::string("must be an array of strings, not ") + json_type_name(*value));
      return out;
    }
    for (std::size_t i = 0; i < value->size(); ++i) {
      const Json& element = (*value)[i];
      if (element.is_string()) {
        out.push_back(element.get_ref<const std::string&>());
      } else {
        string_at(element, pointer_join(here, i));  // reports it
      }
    }
    return out;
  }

  std::optional<double> number(const Json& object, const std::string& pointer, const char* key, bool required) {
    const Json* value = required ? require(object, pointer, key) : member(object, key);
    if (!value) return std::nullopt;
    if (!value->is_number()) {
      report(pointer_join(pointer, key), "type.number", std::string("must be a number, not ") + json_type_name(*value));
      return std::nullopt;
    }
    return value->get<double>();
  }

  std::optional<bool> boolean(const Json& object, const std::string& pointer, const char* key) {
    const Json* value = member(object, key);
    if (!value) return std::nullopt;
    if (!value->is_boolean()) {
      report(pointer_join(pointer, key), "type.boolean", std::string("must be true or false, not ") + json_type_name(*value));
      return std::nullopt;
    }
    return value->get<bool>();
  }

  std::optional<Instant> instant(const Json& value, const std::string& pointer) {
    auto s = string_at(value, pointer);
    if (!s) return std::nullopt;
    std::string why;
    auto parsed = parse_instant(*s, &why);
    if (!parsed) report(pointer, "time.invalid", "\"" + *s + "\" is not a valid instant: " + why);
    return parsed;
  }

  std::optional<LocalDate> date(const Json& value, const std::string& pointer) {
    auto s = string_at(value, pointer);
    if (!s) return std::nullopt;
    std::string why;
    auto parsed = parse_date(*s, &why);
    if (!parsed) report(pointer, "time.invalid_date", "\"" + *s + "\" is not a valid date: " + why);
    return parsed;
  }

  std::optional<int> offset(const Json& value, const std::string& pointer) {
    auto s = string_at(value, pointer);
    if (!s) return std::nullopt;
    std::string why;
    auto parsed = parse_offset(*s, &why);
    if (!parsed) report(pointer, "time.invalid_offset", "\"" + *s + "\" is not a valid UTC offset: " + why);
    return parsed;
  }

  std::optional<Duration> duration(const Json& value, const std::string& pointer) {
    if (!expect_object(value, pointer, "a duration")) return std::nullopt;
    reject_unknown(value, pointer, {"years", "months", "days", "hours"});
    Duration d;
    bool ok = true;
    auto part = [&](const char* key, int& out) {
      const Json* v = member(value, key);
      if (!v) return;
      if (!v->is_number_integer() || v->get<long long>() < 0 || v->get<long long>() > 100000) {
        report(pointer_join(pointer, key), "type.duration", std::string("\"") + key + "\" must be a whole number from 0 to 100000");
        ok = false;
        return;
      }
      out = static_cast<int>(v->get<long long>());
    };
    part("years", d.years);
    part("months", d.months);
    part("days", d.days);
    part("hours", d.hours);
    if (ok && d.empty()) {
      report(pointer, "type.duration", "a duration needs at least one of years, months, days, hours above zero");
      ok = false;
    }
    return ok ? std::optional<Duration>(d) : std::nullopt;
  }

 private:
  std::string file_;
  std::vector<Issue>& issues_;
  Severity severity_;
};

}  // namespace pactcheck
