// The in-memory model of an agreement and of reported events, as read from format version 1
// (docs/format.md). Readers fill these; the engine only reads them.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pactcheck/geo.hpp"
#include "pactcheck/time.hpp"

namespace pactcheck {

struct Source {
  std::string title, url, publisher, date;
};

struct Party {
  std::string id, name, role;
};

struct NamedShapeArea {
  std::string id, name, note;
  bool approximate = false;
  std::unique_ptr<AreaShape> shape;
};

struct NamedShapeLine {
  std::string id, name, note;
  bool approximate = false;
  std::unique_ptr<LineShape> shape;
};

// Where an obligation applies. Empty means everywhere.
struct SpatialScope {
  std::vector<std::size_t> areas;  // indexes into Agreement::areas
  std::vector<std::size_t> lines;  // indexes into Agreement::lines
  double km_of_lines = 0;
  bool empty() const { return areas.empty() && lines.empty(); }
};

// A point in time an obligation refers to: a fixed instant, or the completion of another obligation.
struct TimeRef {
  enum class Kind { kNone, kInstant, kAfterObligation } kind = Kind::kNone;
  Instant instant;
  std::size_t obligation = 0;  // kAfterObligation: index into Agreement::obligations
  std::string text;            // as written, for reports
};

// A deadline as written in the agreement.
struct DeadlineSpec {
  enum class Kind { kNone, kDate, kInstant, kAfterObligation, kAfterInstrument } kind = Kind::kNone;
  LocalDate date;             // kDate
  int offset_minutes = 0;     // zone of kDate and of relative deadlines
  Instant instant;            // kInstant
  std::size_t anchor = 0;     // kAfterObligation: obligation index; kAfterInstrument: instrument index
  Duration within;            // relative deadlines
  std::string text;           // as written, for reports
};

struct EventMatch {
  std::vector<std::string> event_types;
  std::string subject;  // empty: any
  bool by_bearer = false;
};

enum class Kind {
  kProhibition,
  kHoldPositions,
  kActByDeadline,
  kQuantityCap,
  kExchange,
  kTerm,
  kQualitative,
  kNotEvaluated,  // defined by format v1, not evaluated by this version
};
const char* kind_name(Kind kind);

struct Cap {
  std::string category;
  double max = 0;
};

struct Obligation {
  std::string id, instrument, point, text, kind_text;
  std::size_t instrument_index = 0;
  Kind kind = Kind::kQualitative;
  std::vector<std::string> bearers, beneficiaries;  // party ids
  std::string reason;                                // qualitative / not evaluated: why no verdict

  // prohibition, hold_positions, qualitative, quantity_cap, exchange
  TimeRef from, until;
  std::vector<std::string> event_types;
  SpatialScope scope;
  std::map<std::string, std::vector<std::size_t>> positions;  // hold_positions: party -> area indexes

  // act_by_deadline (and exchange's optional deadline)
  DeadlineSpec deadline;
  EventMatch fulfilled_by;
  std::optional<EventMatch> trigger;
  bool amendable = false;
  bool absence_is_violation = true;  // if_no_report

  // quantity_cap
  std::vector<Cap> caps;

  // exchange
  std::vector<std::string> categories;
  std::string principle;
  std::map<std::string, double> agreed_totals;  // receiving party -> total

  // term
  Instant term_start;
  Duration term_length, renewal_period, notice_before;
  bool renewal_automatic = false;
  std::vector<std::string> notice_by;
  std::vector<std::string> notice_event_types;
  std::vector<std::string> breach_event_types;
};

struct Instrument {
  std::string id, title;
  LocalDate date;
  std::vector<Source> sources;
};

struct Agreement {
  std::string id, title, signed_date, text_note;
  int local_offset_minutes = 0;
  std::vector<Party> parties;
  std::vector<Party> monitors;
  std::map<std::string, std::string> actor_parties;  // actor name -> party id
  std::vector<Instrument> instruments;
  std::vector<std::string> event_types;
  std::vector<std::string> subjects;
  std::vector<NamedShapeArea> areas;
  std::vector<NamedShapeLine> lines;
  std::vector<Obligation> obligations;
  std::string canonical_digest;  // hex SHA-256 of the canonical agreement document

  bool has_party(const std::string& party_id) const;
  bool has_party_or_monitor(const std::string& party_id) const;
  bool has_event_type(const std::string& type) const;
  const Party* party(const std::string& party_id) const;
  int obligation_index(const std::string& obligation_id) const;  // -1 if absent
};

struct Actor {
  std::string name, party, role;  // party: "" when unattributed
};

struct Quantity {
  std::string category, unit, basis, from, to, note;  // basis: level|increment|planned|cumulative_report
  double value = 0;
};

struct Attribution {
  std::string basis;  // observed|reported|claimed|""
  std::vector<std::string> alleged_by, denied_by, observed_by;
};

struct Effect {
  std::string kind;        // amend_deadline | notice
  std::string obligation;  // id
  std::size_t obligation_index = 0;
  DeadlineSpec deadline;   // amend_deadline
  std::string party;       // notice
  std::vector<std::string> agreed_by;
};

struct Event {
  std::string id, type, subject, target, notes, precision;
  std::size_t input_index = 0;  // position in the input log
  TimeSpan when;
  std::string time_text, latest_text;
  std::vector<Actor> actors;
  bool has_where = false;
  std::string where_name;
  bool where_approximate = false;
  LonLat where;
  std::vector<Quantity> quantities;
  Attribution attribution;
  std::vector<Effect> effects;
  std::vector<Source> sources;
  std::string digest;  // hex SHA-256 of the event's canonical JSON

  // Reasons this event cannot be used at all (malformed field, unknown type), set by the reader.
  std::string ignore_reason;  // "" | "unknown_type" | "malformed"
  std::string ignore_detail;

  bool has_actor_party(const std::string& party) const;
  bool has_unattributed_actor() const;
};

}  // namespace pactcheck
