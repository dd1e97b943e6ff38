// The in-memory model of an agreement and of reported events (docs/format.md), as the readers normalise
// them: every reference resolved to an index, every time to UTC milliseconds with its uncertainty, every
// actor's attribution spelled out. The engine only reads these; nothing downstream parses text again.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pactcheck/geo.hpp"
#include "pactcheck/time.hpp"
#include "pactcheck/zone.hpp"

namespace pactcheck {

class Clause;    // an obligation's kind-specific parameters (core/src/kinds/kind.hpp)
struct KindDef;  // an obligation kind: its reader and evaluator

// Index into Agreement::entities (parties first, then monitors); kNobody when there is none.
using Who = std::uint16_t;
constexpr Who kNobody = 0xFFFF;
// Index into Agreement::event_types.
using TypeId = std::uint16_t;

constexpr std::int64_t kNever = INT64_MAX / 4;     // an instant after every real one
constexpr std::int64_t kForever = INT64_MIN / 4;   // an instant before every real one

struct Source {
  std::string title, url, publisher, date;
};

// A party to the agreement or a body that reports on it.
struct Entity {
  std::string id, name;
  // Parties: party | guarantor | mediator | other (a force that signed nothing, such as a backed army).
  // Monitors: monitor | investigator | court | commission.
  std::string role;
  bool monitor = false;
  bool finder() const { return monitor; }  // a monitor's observation or a body's finding confirms
};

// "Bearer B answers for the acts of these forces" (construct 18).
struct ResponsibilityRule {
  std::string id, text;
  std::string basis;                        // controls | backs | territory | other
  Who bearer = kNobody;
  std::vector<Who> answers_for;             // parties (usually role "other"); empty with basis territory: anyone
  std::vector<std::size_t> within_areas;    // the act must be inside one of these areas (territory)
  std::vector<std::size_t> obligations;     // empty: every obligation the bearer bears
};

struct NamedArea {
  std::string id, name, note;
  bool approximate = false;
  std::unique_ptr<AreaShape> shape;
};

struct NamedLine {
  std::string id, name, note;
  bool approximate = false;
  std::unique_ptr<LineShape> shape;
};

// What a verdict needs (construct 20). Levels, weakest first.
enum class Standard {
  kAnyReport,   // every report counts; a denied, unconfirmed one is flagged disputed
  kUncontested, // (default) a report counts unless the accused (or, for a completion, another party) contests it
                // and no monitor or finding confirms it: then the verdict it would decide is undetermined
  kConfirmed,   // only a monitor's observation or a body's finding counts; anything else leaves it undetermined
};
const char* standard_name(Standard s);

struct EvidenceStandard {
  Standard violation = Standard::kUncontested;
  Standard completion = Standard::kUncontested;
};

// An exception a clause admits (construct 19).
struct ExceptionSpec {
  std::string id, kind, text;  // kind: self_defence | authorisation | third_party_obstruction | force_majeure | counter_breach
  std::vector<Who> authorised_by;            // authorisation: the bodies whose authorisation excuses an act
  std::vector<std::size_t> breach_of;        // counter_breach: the obligations whose breach by another bearer excuses
};

// An event pattern: which events count as "it happened".
struct EventMatch {
  std::vector<TypeId> types;
  std::string subject;            // "" = any
  bool by_bearer = false;         // the event's actors must include (or be answered for by) the bearer
  std::string category;           // counts: the quantity category counted ("" = any)
  std::vector<std::string> all_of;  // reserved
};

// A condition on what has happened (construct 21): an instant, an event, a count reached, another
// obligation's state, or a combination. It holds from an instant on, possibly known only within a range.
struct Condition {
  enum class Kind {
    kNone,         // no condition: holds since forever
    kInstant,      // a fixed instant
    kEvent,        // the first event matching `match`
    kCount,        // when the running total of `match.category` in matching events reaches `at_least`
    kObligation,   // when obligation `obligation` reached `state` (complied: done by all bearers; started: its start)
    kNotDoneBy,    // obligation `obligation` not done by `instant` (holds from `instant`, or never)
    kDoneBy,       // obligation `obligation` done by `instant` (holds from its completion, or never)
    kAll,          // every part holds: from the last
    kAny,          // some part holds: from the first
  } kind = Kind::kNone;
  Instant instant;
  EventMatch match;
  double at_least = 0;
  std::size_t obligation = 0;
  std::string state;     // kObligation: complied | started | violated
  bool any_bearer = false;  // kObligation complied: one bearer's completion suffices (default: every bearer's)
  std::vector<Condition> parts;
  std::string text;      // as written, for reports
};

// A deadline as written (constructs 3, 4, 22).
struct DeadlineSpec {
  enum class Kind {
    kNone,
    kDate,             // end of `date` in `zone`
    kInstant,          // `instant`, inclusive
    kAfter,            // `within` after `anchor` holds (end of that day for day-counted durations)
    kAfterInstrument,  // `within` after the instrument's date
    kEach,             // recurring: `within` before (negative) or after each event matching `each`
  } kind = Kind::kNone;
  LocalDate date;
  Zone zone;
  Instant instant;
  std::size_t instrument = 0;
  Condition anchor;
  Duration within;
  bool before_each = false;
  EventMatch each;
  bool day_counted = true;  // kAfter: the due instant is the end of the local day (else exact)
  std::string text;         // as written, for reports
};

// An obligation's period of application: from `from` (if set) until `until` (if set).
struct WindowSpec {
  Condition from;
  Condition until;
};

// Where an obligation applies. Empty means everywhere.
struct SpatialScope {
  std::vector<std::size_t> areas;
  std::vector<std::size_t> lines;
  double km_of_lines = 0;
  bool empty() const { return areas.empty() && lines.empty(); }
};

// One reading of an obligation's parameters (construct 23, 25): the clause as written, or an alternative
// the agreement names (another start instant, another width).
struct Reading {
  std::string id, label;
  std::unique_ptr<Clause> clause;

  Reading();
  Reading(std::string reading_id, std::string reading_label, std::unique_ptr<Clause> reading_clause);
  ~Reading();  // out of line: Clause is complete only in the core
  Reading(Reading&&) noexcept;
  Reading& operator=(Reading&&) noexcept;
};

struct Obligation {
  std::string id, instrument, point, title, text, kind_text, note;
  std::size_t instrument_index = 0;
  const KindDef* kind = nullptr;
  std::vector<Who> bearers, beneficiaries;
  std::vector<Reading> readings;            // at least one
  std::optional<Condition> applies_if;      // a default branch: the obligation exists only if this holds
  std::vector<ExceptionSpec> exceptions;
  EvidenceStandard standard;
  std::vector<std::string> counts_grades;   // empty: every grade counts
  bool unilateral_suspension_allowed = false;

  const Clause& clause() const { return *readings.front().clause; }
};

struct Instrument {
  std::string id, title;
  LocalDate date;
  std::vector<Source> sources;
};

struct Agreement {
  std::string id, title, signed_date, text_note;
  Zone zone;                                     // date-only deadlines and reports' local times
  std::vector<Entity> entities;                  // parties, then monitors
  std::size_t party_count = 0;                   // entities[0, party_count) are parties
  std::map<std::string, Who> actor_names;        // actor name as exported -> entity
  std::vector<std::string> non_party_actors;     // actor names known to be nobody's
  std::vector<ResponsibilityRule> responsibility;
  std::vector<Instrument> instruments;
  std::vector<std::string> event_types;          // TypeId -> id
  std::vector<std::string> subjects;
  std::vector<std::string> grades;
  std::vector<NamedArea> areas;
  std::vector<NamedLine> lines;
  std::vector<Obligation> obligations;
  EvidenceStandard standard;
  std::string canonical_digest;                  // hex SHA-256 of the canonical agreement document

  std::optional<Who> find(const std::string& id) const;             // party or monitor
  std::optional<Who> find_party(const std::string& id) const;
  std::optional<TypeId> find_type(const std::string& id) const;
  int obligation_index(const std::string& obligation_id) const;     // -1 if absent
  const std::string& name_of(Who who) const;                        // entity name, or "no one"
  const std::string& id_of(Who who) const;
  bool is_party(Who who) const { return who < party_count; }
};

// ---- Events ------------------------------------------------------------------------------------------------

// A figure as reported: `best`, within [lo, hi] (equal when exact).
struct ValueRange {
  double lo = 0, best = 0, hi = 0;
  bool exact() const { return lo == hi; }
};

struct Quantity {
  std::string category, unit, basis, note;  // basis: level | increment | planned | cumulative_report | remaining
  ValueRange value;
  std::vector<Who> from, to;                // exchanges: the giving / receiving side (several: one of them)
};

// Who is said to have done the act, and who says so (construct 15; per actor, issue 13).
struct EventActor {
  std::string name, role;
  Who party = kNobody;        // kNobody with non_party false: unattributed (the report does not say whose)
  bool non_party = false;     // known to be nobody's: a defector, a third party
  bool avowed = false;        // the party acknowledges the act and defends it as its right
  std::vector<Who> alleged_by, denied_by, observed_by;
};

// An exception claimed for the act (construct 19).
struct Claim {
  std::string exception;      // the exception's id in the obligation
  Who by = kNobody;
  std::string note;
};

// What a monitor, investigator, court or commission found about another event or a period (constructs 15, 28).
struct Finding {
  // kHappened: it happened (holds) or did not; kUnconfirmed: the body could not confirm it (contests a claim).
  enum class Kind { kAttribution, kException, kHappened, kUnconfirmed, kResolved, kPeriod } kind = Kind::kHappened;
  Who by = kNobody;
  std::string event;          // the event it is about (kAttribution .. kResolved)
  std::vector<Who> parties;   // kAttribution: whose act it was (empty: nobody's); kPeriod: the bearers it concerns
  std::string exception;      // kException
  bool holds = true;          // kException: the claim holds; kHappened: the act happened
  std::string obligation;     // kPeriod
  std::size_t obligation_index = 0;
  TimeRange period;           // kPeriod
  std::string state;          // kPeriod: complied | violated | no_violation_observed
  std::string note;
};

// What the event does to the agreement itself (construct 16, 17).
struct Effect {
  std::string kind;  // amend_deadline | notice | suspend | resume | repudiate | extend | end | supersede | object_ceased
  std::string obligation;
  std::size_t obligation_index = 0;
  DeadlineSpec deadline;        // amend_deadline
  Instant until;                // extend: the new end
  Who party = kNobody;          // notice, repudiate, suspend (who declares it)
  std::vector<Who> agreed_by;
  std::string reason;
};

struct Event {
  std::string id;
  std::uint32_t input_index = 0;       // position in the input log
  std::vector<TypeId> types;           // one or more (construct: an offensive is shelling and an advance)
  std::vector<TypeId> alternative_types;  // the type may instead be one of these (issue 12 §3)
  std::string type_text;               // as written: "shelling" or "shelling+territorial_advance"
  TimeRange when;                      // when it happened (or began): [earliest, latest], UTC ms, inclusive
  bool lasts = false;                  // an act with a duration: it goes on until `ends` (or is ongoing)
  std::optional<TimeRange> ends;       // lasts: when it ended; nullopt: ongoing
  std::optional<std::int64_t> reported;  // when it became known; nullopt: when it happened (when.latest)
  std::string time_text, latest_text, precision, end_text, reported_text;
  int offset_minutes = 0;              // the offset the time was written in (for display)
  std::string subject, target, notes, grade;
  std::vector<EventActor> actors;
  bool has_where = false;
  std::string where_name;
  bool where_approximate = false;
  double where_uncertainty_km = 0;
  LonLat where;
  std::vector<Quantity> quantities;
  std::vector<Claim> claims;
  std::vector<Finding> findings;
  std::vector<Effect> effects;
  std::vector<Source> sources;
  std::string origin_file, origin_row;  // imported rows: the file and row id they came from
  std::int64_t origin_line = 0;
  std::string digest;                   // hex SHA-256 of the event's canonical JSON

  // Reasons this event cannot be used at all, set by the reader: "" | unknown_type | malformed | unmapped.
  std::string ignore_reason;
  std::string ignore_detail;

  bool has_type(TypeId t) const;
  bool has_alternative_type(TypeId t) const;
  std::int64_t known_at() const { return reported ? *reported : when.latest; }
};

}  // namespace pactcheck
