// Located reading of an obligation's parameters: what every kind's reader uses, so that windows, conditions,
// deadlines, scopes, event patterns and party lists are written and checked the same way in every kind.
// Every failure is an Issue with the JSON Pointer of the offending value; nothing throws.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "fields.hpp"
#include "text.hpp"
#include "json_reader.hpp"
#include "pactcheck/model.hpp"

namespace pactcheck {

class ParamReader {
 public:
  ParamReader(Fields& f, const Agreement& a, const Json& params, std::string pointer, const Obligation& o)
      : f_(f), a_(a), params_(params), at_(std::move(pointer)), o_(o) {}

  Fields& fields() { return f_; }
  const Agreement& agreement() const { return a_; }
  const Obligation& obligation() const { return o_; }
  const Json& params() const { return params_; }
  const std::string& pointer() const { return at_; }
  std::string at(const char* key) const { return pointer_join(at_, key); }
  const Json* member(const char* key) const { return f_.member(params_, key); }

  // Reports every member of params not in `allowed`.
  void allow(std::initializer_list<const char*> allowed) { f_.reject_unknown(params_, at_, allowed); }

  // Event types from the vocabulary; unknown ones are reported.
  std::vector<TypeId> types(const char* key, bool required);
  std::vector<TypeId> types_at(const Json& parent, const std::string& pointer, const char* key, bool required);
  // Party ids of the agreement (not monitors).
  std::vector<Who> parties(const char* key, bool required);
  std::vector<Who> parties_at(const Json& parent, const std::string& pointer, const char* key, bool required);
  std::optional<Who> party_at(const Json& parent, const std::string& pointer, const char* key, bool required);
  std::vector<Who> monitors_at(const Json& parent, const std::string& pointer, const char* key);
  std::vector<std::size_t> areas_at(const Json& parent, const std::string& pointer, const char* key, bool required);
  std::vector<std::size_t> lines_at(const Json& parent, const std::string& pointer, const char* key, bool required);
  std::optional<std::size_t> obligation_at(const std::string& id, const std::string& pointer);

  // from / until of the obligation's window (each a Condition); `from_required` for kinds that need a start.
  void window(WindowSpec& out, bool from_required, bool until_allowed = true);
  // A condition at `key` (see docs/format.md "Conditions"); nullopt when absent.
  std::optional<Condition> condition(const char* key, bool required);
  Condition condition_value(const Json& v, const std::string& pointer);
  // {"within_areas": [...], "within_km_of_lines": {"lines": [...], "km": N}}
  SpatialScope scope();
  // A deadline at `key` (absent or null: kNone).
  DeadlineSpec deadline(const char* key);
  DeadlineSpec deadline_value(const Json& v, const std::string& pointer);
  // {"event_types": [...], "subject": ..., "by_bearer": bool, "category": ...}
  std::optional<EventMatch> match(const char* key, bool required);
  EventMatch match_value(const Json& v, const std::string& pointer, bool types_required = true);

  std::optional<Duration> duration(const char* key, bool required);
  std::optional<double> number(const char* key, bool required, double min, double max);
  std::optional<bool> boolean(const char* key) { return f_.boolean(params_, at_, key); }
  std::string text(const char* key, bool required) { return f_.text(params_, at_, key, required); }
  // Reports a missing `key` (field.missing) or one that is not a non-empty array (type.array: "`key` must be a
  // non-empty array of `items`"); its elements are read by the caller.
  void require_nonempty_array(const char* key, const char* items);
  // One of `choices`, or `fallback` when absent; a wrong value is reported.
  std::string choice(const char* key, std::initializer_list<const char*> choices, const char* fallback);
  void report(const std::string& pointer, const char* code, std::string message) { f_.report(pointer, code, std::move(message)); }

 private:
  Fields& f_;
  const Agreement& a_;
  const Json& params_;
  std::string at_;
  const Obligation& o_;
};

// The obligations a condition waits for (for dependency order and cycle checks).
void condition_anchors(const Condition& c, std::vector<std::size_t>& out);

}  // namespace pactcheck
