// The rules every kind shares, one file each (docs/architecture.md, "Where each shared rule lives"):
//   knowledge.cpp       times as uncertain as the sources, and what was known when (issue 12 §1)
//   responsibility.cpp  whose act is charged to which bearer, under which rule (construct 18)
//   evidence.cpp        the evidence standard, findings and the exceptions a clause admits (constructs 15, 19, 20)
//   conditions.cpp      when a condition holds: instants, events, counts, other obligations (constructs 4-6, 21)
//   windows.cpp         an obligation's period: start, end, extensions, agreed ends, suspensions (constructs 2, 16, 17)
//   deadlines.cpp       deadlines as exclusive bounds, amendments, recurring deadlines (constructs 3, 4, 16, 22)
//   combine.cpp         open points and readings into one verdict per bearer (constructs 23, 25)
// Each is a function over plain values; the engine calls them in this order.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "evaluation.hpp"

namespace pactcheck {

// ---- knowledge.cpp -------------------------------------------------------------------------------------------

// Whether an event can be used at all in a query, and how certain its timing is.
struct TimeAdmission {
  const char* reason = nullptr;  // nullptr: admitted; else after_as_of | not_yet_reported | excluded
  std::string detail;
  Certainty timing = Certainty::kCertain;  // kMaybe: its time range straddles the as-of instant
  bool later_knowledge = false;            // reported after the as-of instant (hindsight mode only)
};
TimeAdmission admit_time(const Event& e, const QueryOptions& q);
// Whether a finding (or any knowledge) reported in event `e` is available to the query.
bool known_in(const Event& e, const QueryOptions& q);

// ---- responsibility.cpp ------------------------------------------------------------------------------------------

// Fills f.charges (one per bearer an actor's act is charged to), f.unattributed and f.non_party_actors.
void attribute(const Agreement& a, const Obligation& o, std::size_t obligation_index, const Event& e, Fact& f);
// "Azerbaijani special forces", "an act by Syrian government forces, charged to Russia under r-backs", ...
std::string charge_text(const Agreement& a, const Event& e, const Charge& c);

// ---- evidence.cpp ----------------------------------------------------------------------------------------------

// Findings about events, by the id of the event they concern: (finding's event index, finding index).
using FindingsIndex = std::unordered_map<std::string, std::vector<std::pair<std::uint32_t, std::uint16_t>>>;

struct Weighing {
  const Agreement& agreement;
  const Obligation& obligation;
  const std::vector<Event>& events;
  const FindingsIndex& findings;
  const QueryOptions& query;
  // Whether another bearer's breach of obligation `o` (this one when equal) is on record before `t` (counter_breach).
  std::function<bool(std::size_t o, Who other_than, std::int64_t t)> breached_before;
  // Findings over a period about this obligation, known in the query: (event index, finding index).
  std::vector<std::pair<std::uint32_t, std::uint16_t>> period_findings;
};
// Applies findings, the evidence standard and the exceptions to one attributed fact. Returns the findings used
// (event indexes), which the report lists as evidence.
std::vector<std::uint32_t> weigh(const Weighing& w, Fact& f);
// Findings over a period (construct 28): a body's "no violation observed" or "complied" over [from, to] contests
// the allegations of that period; its "violated" makes the bearers it names violated; its "complied" settles a
// verdict the log left open. Applies them to a verdict the kinds produced and lists them as evidence.
void apply_period_findings(const Agreement& a, const Obligation& o, const std::vector<Event>& events,
                           const std::vector<std::pair<std::uint32_t, std::uint16_t>>& findings, std::int64_t as_of, Verdict& v);
// "alleged by Republic of Armenia, denied by Republic of Azerbaijan, observed by Russian peacekeepers"
std::string attribution_text(const Agreement& a, const EventActor& actor);

// ---- conditions.cpp ----------------------------------------------------------------------------------------------

struct ConditionContext {
  const Agreement& agreement;
  const std::vector<Event>& events;
  const std::vector<std::vector<std::uint32_t>>& events_by_type;  // TypeId -> events, in report order
  const QueryOptions& query;
  std::function<const Outcome*(std::size_t)> outcome_of;
  std::function<bool(std::uint32_t)> visible;  // admitted by time, knowledge and exclusion
};
Holding holds(const ConditionContext& ctx, const Condition& c);

// ---- windows.cpp -------------------------------------------------------------------------------------------------

struct Window {
  std::optional<TimeRange> start;       // nullopt: not in force yet
  bool start_uncertain = false;
  std::string start_text;
  TimeRange end{kNever, kNever};
  std::string end_text;
  std::string ended_how;                // "" | expired | extended | agreed | superseded | object_ceased
  std::uint32_t ended_by = 0;           // the event that ended it (agreed, superseded, object_ceased)
  std::vector<Query::Suspension> suspensions;
  OJson notices = OJson::array();       // extensions, ends, declared suspensions, repudiations, for the report
  std::vector<std::uint32_t> effect_events;  // events whose effects were applied or shown
};
// Resolves the window of one reading as of the query, applying extension, end, suspension and repudiation effects
// found among `effects` (events with effects on this obligation, admitted by time and knowledge, in report order).
Window resolve_window(const ConditionContext& ctx, const Obligation& o, std::size_t obligation_index, const Clause& c,
                      const std::vector<std::uint32_t>& effects);
// Every party of role "party" agreed (agreed_by); `missing` gets the names of those who did not.
bool agreed_by_all(const Agreement& a, const std::vector<Who>& agreed_by, std::vector<std::string>* missing);
// The display names of `list`, in its order.
std::vector<std::string> names_of(const Agreement& a, const std::vector<Who>& list);

// ---- deadlines.cpp -------------------------------------------------------------------------------------------------

// A deadline as an exclusive bound that may be uncertain: an act is on time when it certainly happened before
// `earliest`, late when it certainly happened at or after `latest`. Instant deadlines are inclusive (an act at
// exactly the stated instant is on time); date deadlines run to the end of the day.
struct Limit {
  std::int64_t earliest = 0, latest = 0;
  Zone zone;
  std::string text;          // "2020-11-15", or "2021-02-28 to 2021-03-01" when the anchor is uncertain
  bool end_of_day = false;   // a date: the bound is 00:00 of the next day
  std::string rule;          // relative deadlines: "1 month after completion of j2-first-meeting"
  bool extended = false;     // moved by an agreed suspension
};
// nullopt when the deadline is anchored on something that has not happened (or kNone).
std::optional<Limit> resolve_deadline(const DeadlineSpec& d, const Agreement& a, const std::function<Holding(const Condition&)>& holds_fn,
                                      Holding* anchor_out);
// The deadline for one occurrence (recurring deadlines): `within` before or after the event's time.
Limit deadline_for_occurrence(const DeadlineSpec& d, const Event& occurrence);
OJson limit_json(const Limit& l);
std::string when_due(const Limit& l);  // "by the end of 2020-11-20 (UTC+04:00)", "by 2020-11-10T22:00:00+04:00"
// Status of an act (or its absence) against a deadline as of `as_of`.
Status judge(const std::optional<TimeRange>& act, const Limit& l, std::int64_t as_of, bool absence_is_violation);
// A deadline as the kind applies it: as written, then moved by the amendments announced among the facts (each
// from its announcement on), then pushed back by agreed suspensions that begin before it. Records the amendment
// events as evidence and the history for the report.
struct DeadlineState {
  std::optional<Limit> original, effective;
  OJson history = OJson::array();
  std::vector<std::uint32_t> amendments;  // events
  Holding anchor;                          // kAfter: when the anchor holds
  bool waiting = false;                    // kAfter and the anchor has not happened (yet)
};
DeadlineState deadline_state(Query& q, const DeadlineSpec& spec, bool amendable);

// ---- combine.cpp ---------------------------------------------------------------------------------------------------

// One reading's result after both passes.
struct ReadingResult {
  Outcome against;            // the pass in which every open point went against the bearers
  std::optional<Outcome> for_bearers;  // the other pass, when open points were consulted
};
// Per bearer: the status both passes agree on, or undetermined with both bounds and the open points.
void combine_passes(const Agreement& a, const Obligation& o, const ReadingResult& r, Verdict& v);
// Several readings: the status they agree on, else undetermined with each reading shown.
void combine_readings(const Agreement& a, const Obligation& o, std::vector<Verdict>& per_reading, Verdict& v);
// The obligation's own status (worst of its bearers', or violated by an act charged to no bearer), its disputed
// flag and its headline.
void finish_verdict(const Agreement& a, const Obligation& o, const std::vector<Event>& events, Verdict& v);

}  // namespace pactcheck
