// The mapping document (format "pactcheck/mapping", version 1; docs/import.md, schemas/mapping.schema.json):
// how the rows of an ACLED or UCDP GED export become events of one agreement's vocabulary.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pactcheck/issues.hpp"
#include "pactcheck/model.hpp"
#include "pactcheck/zone.hpp"

namespace pactcheck::import {

enum class Source { kAcled, kUcdp };
const char* source_name(Source s);

// Who an actor name is: a party of the agreement, or a known non-party.
struct ActorRule {
  std::string party;  // "" for a non-party
  bool non_party = false;
};

// Which event type(s) a source classification means, and which actor columns the act is charged to.
struct TypeRule {
  std::string event_type, sub_event_type;  // ACLED; sub_event_type "" matches any
  int type_of_violence = 0;                // UCDP
  std::vector<std::string> types;          // empty when `unmapped` is set
  std::string unmapped;                    // keep such rows as unmapped, with this reason
  std::vector<std::string> charge;         // actor columns; empty: the mapping's default
  std::string subject;                     // a fixed subject id, or
  std::string subject_column;              // a column whose value
  std::map<std::string, std::string> subject_values;  // names the subject (values not listed: no subject)
  std::string pointer;                     // JSON Pointer of the rule in the mapping
};

// How a precision code becomes a time range around the row's date(s).
struct TimeRule {
  enum class Kind { kDay, kDays, kMonth, kYear, kStartToEnd, kUnmapped } kind = Kind::kDay;
  int either_side = 0;  // kDays
  std::string reason;   // kUnmapped
};

struct GeoRule {
  std::optional<double> uncertainty_km;
  bool approximate = false;
  std::string unmapped;  // keep such rows as unmapped, with this reason
};

struct QuantityRule {
  std::string column, min_column, max_column;
  std::string category, unit, basis;
  bool skip_zero = false;
  std::string pointer;
};

struct Mapping {
  Source source = Source::kAcled;
  std::string title, agreement_id, id_prefix;
  Zone zone;
  bool named_zone = false;  // an IANA zone (emitted as "zone"), else a fixed offset (emitted as "utc_offset")
  std::string log_title, log_description;
  bool synthetic = false;
  std::map<std::string, ActorRule> actors;
  std::vector<std::string> charge;  // default actor columns
  std::vector<TypeRule> types;
  std::map<std::string, TimeRule> time_rules;  // by precision code as written ("1", "2", ...)
  std::map<std::string, GeoRule> geo_rules;
  std::vector<QuantityRule> quantities;
  std::string reported_column, reported_as;  // as: unix_seconds | date
  std::string attribution_basis;

  // The rule for an ACLED classification (a sub-type rule before a type rule) or a UCDP type; null if none.
  const TypeRule* find_rule(const std::string& event_type, const std::string& sub_event_type) const;
  const TypeRule* find_rule(int type_of_violence) const;
};

// The actor columns of each source, in the order they are read.
const std::vector<std::string>& actor_columns(Source s);

// Reads a mapping. `file` names it in issues (default "mapping"). With an agreement, party ids, event types and
// subjects must be the agreement's. Returns nullopt when the mapping has an error.
std::optional<Mapping> read_mapping(std::string_view text, const std::string& file, const Limits& limits,
                                    const Agreement* agreement, std::vector<Issue>& issues);

}  // namespace pactcheck::import
