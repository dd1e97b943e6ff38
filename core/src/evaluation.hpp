// What a kind sees when it evaluates an obligation (Query) and what it writes (Outcome).
//
// The engine prepares, for one obligation, one reading, one as-of instant and one resolution pass, the list of
// admitted facts: events inside the obligation's window and scope, known in the chosen knowledge mode, each
// with its charges (whose act it is, under which rule), its standing under the evidence standard and the
// exceptions claimed for it. Anything that is not certain (a time range that straddles the as-of instant or
// the window's start, a disputed allegation, an unresolved exception claim, an alternative event type, a place
// near a boundary, an unattributed act) is a *maybe*: a kind asks Query whether a fact counts, and the answer
// depends on the pass. The engine runs the kind once "against" the bearers (every maybe that would hurt a
// bearer counts, every maybe that would help does not) and, only if a maybe was consulted, once "for" them;
// when the two disagree the bearer's verdict is undetermined and the report says which maybes decided it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kinds/kind.hpp"
#include "pactcheck/engine.hpp"
#include "pactcheck/model.hpp"
#include "text.hpp"

namespace pactcheck {

using OJson = nlohmann::ordered_json;

enum class Certainty : std::uint8_t { kCertain, kMaybe };

// When a condition holds (rules/conditions.cpp).
struct Holding {
  std::optional<TimeRange> since;     // holds since (within this range); nullopt: does not hold (yet)
  bool uncertain = false;             // depends on something undetermined
  bool never = false;                 // can no longer come to hold (a branch not taken)
  std::vector<std::uint32_t> events;  // the events it rests on
};

constexpr std::uint16_t kNoActor = 0xFFFF;

// Whose act a fact is, for one bearer of the obligation.
struct Charge {
  Charge() = default;
  Charge(Who b, std::uint16_t a, const ResponsibilityRule* r) : bearer(b), actor(a), rule(r) {}

  Who bearer = kNobody;
  std::uint16_t actor = 0;                      // index into the event's actors (kNoActor: from a finding)
  const ResponsibilityRule* rule = nullptr;     // nullptr: the bearer's own act
  Certainty standing = Certainty::kCertain;     // under the evidence standard
  const char* label = "reported";               // confirmed | reported | alleged | disputed | avowed
  bool disputed = false;                        // the accused denies it and nothing confirms it
  bool excused = false;                         // an accepted exception covers it
  bool claim_unresolved = false;                // an exception is claimed and neither accepted nor rejected
  std::string exception;                        // the exception claimed (id), if any
};

// One admitted event, as one obligation sees it.
struct Fact {
  std::uint32_t event = 0;                      // index into the engine's events
  const Event* e = nullptr;
  Placement place;
  bool by_type = true;                          // false: admitted only for its effects on the obligation
  Certainty timing = Certainty::kCertain;       // happened by the as-of instant (range straddles it: maybe)
  Certainty in_window = Certainty::kCertain;    // inside the window (straddles its start or end: maybe)
  Certainty in_scope = Certainty::kCertain;     // no coordinates, or near a boundary: maybe
  Certainty type_match = Certainty::kCertain;   // matches only through an alternative type: maybe
  bool later_knowledge = false;                 // reported after the as-of instant (hindsight mode)
  bool during_suspension = false;               // inside an agreed suspension of the obligation
  std::vector<Charge> charges;                  // one per bearer it is charged to
  bool unattributed = false;                    // the report names nobody for the act (or only "unknown" actors)
  std::vector<std::uint16_t> non_party_actors;  // actors known to be nobody's
  bool happened_contested = false;              // someone denies the act happened and nothing confirms it
  bool completion_maybe = false;                // as a completion: contested, or unconfirmed under "confirmed"
  bool refuted = false;                         // a finding says it did not happen
  bool resolved = false;                        // a finding reports the matter resolved: it no longer weighs
  bool confirmed = false;                       // a monitor observed it or a body found it happened
  Certainty occurrence = Certainty::kCertain;   // an unattributed act: whether it happened at all
};

struct BearerOutcome {
  Who party = kNobody;
  Status status = Status::kComplied;
  bool disputed = false;
  std::string why;
  std::vector<Step> history;
  std::optional<TimeRange> done;       // when the bearer completed what the obligation asks (for anchors)
  std::optional<double> progress_done, progress_of;  // a quantity reached in part: n of N
  std::vector<std::string> remarks;    // short notes the headline shows beside the bearer's status
};

// What one evaluation of one reading in one pass produced.
struct Outcome {
  std::vector<BearerOutcome> bearers;  // in the obligation's bearer order
  std::vector<Evidence> evidence;
  std::string explanation;
  OJson deadline;                      // null when none
  OJson progress;                      // kind-specific running figures, null when none
  bool joint_breach = false;           // broken by an act charged to no bearer (a joint obligation)
  std::vector<std::string> joint_breach_events;
  std::optional<TimeRange> started;    // when the obligation began to apply
  std::vector<std::pair<Who, std::string>> maybes;  // open points consulted: (bearer or kNobody, "EVENT-ID: reason")
  std::vector<std::pair<std::uint32_t, std::string>> not_relevant;  // events considered and not counted
  std::vector<std::pair<std::uint32_t, std::string>> excluded;      // events excluded, with the reason code

  BearerOutcome& bearer(Who party);
};

enum class Pass : std::uint8_t { kAgainst, kFor };

class Engine;

// The questions a kind may ask and the place it writes its answer. Built by the engine.
class Query {
 public:
  Query(const Agreement& a, const Obligation& o, const Clause& c, std::size_t obligation_index, std::int64_t as_of,
        Pass pass, const std::vector<Fact>& facts, const std::vector<Event>& events, Outcome& out)
      : a_(a), o_(o), c_(c), index_(obligation_index), as_of_(as_of), pass_(pass), facts_(facts), events_(events), out_(out) {}

  const Agreement& agreement() const { return a_; }
  const Obligation& obligation() const { return o_; }
  const Clause& clause() const { return c_; }
  std::size_t obligation_index() const { return index_; }
  std::int64_t as_of() const { return as_of_; }
  Pass pass() const { return pass_; }
  const std::vector<Fact>& facts() const { return facts_; }
  const Event& event(const Fact& f) const { return *f.e; }
  const std::vector<Event>& events() const { return events_; }
  Outcome& out() { return out_; }

  // The window the engine resolved: start (kForever when none) and end (kNever when none), each a range.
  TimeRange start{kForever, kForever};
  TimeRange end{kNever, kNever};
  std::string start_text, end_text;
  std::string ended_how;  // "" | expired | agreed | superseded | object_ceased

  // Agreed suspensions in force during [from, to).
  struct Suspension {
    std::int64_t from, to;
    std::uint32_t event;
  };
  std::vector<Suspension> suspensions;
  const Suspension* suspended_at(std::int64_t t) const;

  // Other obligations' results so far (those this one depends on are always there).
  std::function<const Outcome*(std::size_t)> outcome_of;
  std::function<Holding(const Condition&)> resolve;  // when a condition holds

  // Events the engine kept out of the facts, per reason (before_start, out_of_scope, ...), for the kind's sentence.
  std::map<std::string, std::size_t> kept_out;

  // ---- Questions (each records the maybes it resolves) ----
  // The fact counts as an act charged to `bearer` that the obligation forbids (prohibitions, caps, ...).
  // `maybe`, when given, is set when the answer rests on an open point.
  bool against(const Fact& f, Who bearer, bool* maybe = nullptr);
  // The fact counts as `bearer` doing what the obligation asks (completions, deliveries).
  bool done_by(const Fact& f, Who bearer);
  // The fact counts as having happened, whoever did it. `hurts`: whether counting it goes against the bearers (a
  // counterpart's release that creates a debt, an occurrence that creates a deadline) rather than for them (a
  // completion, a delivery): an open point then counts in the pass against them instead of the pass for them.
  bool happened(const Fact& f, bool hurts = false);
  // A kind's own uncertainty about a fact (a figure given as a range, a distance within the uncertainty):
  // true in the pass against `bearer` when `hurts` is true, and in the pass for it when `hurts` is false.
  bool assume(const Fact& f, bool hurts, const std::string& reason);
  // The charge of `f` to `bearer`, or nullptr.
  const Charge* charge(const Fact& f, Who bearer) const;

  // ---- Writing ----
  void use(const Fact& f, const std::string& role, Who bearer, std::string note);
  void not_relevant(const Fact& f, std::string why);
  void exclude(const Fact& f, const char* reason, std::string why);

  // ---- Text helpers every kind uses ----
  const std::string& name(Who who) const { return a_.name_of(who); }
  std::string when(std::int64_t utc_ms) const { return format_instant(utc_ms, a_.zone); }
  std::string when(const Fact& f) const;  // the event's time as written, or "between A and B"

 private:
  void note_maybe(const Fact& f, const std::string& why);
  bool timing_and_place(const Fact& f, bool hurts, std::string& why) const;

  const Agreement& a_;
  const Obligation& o_;
  const Clause& c_;
  std::size_t index_;
  std::int64_t as_of_;
  Pass pass_;
  const std::vector<Fact>& facts_;
  const std::vector<Event>& events_;
  Outcome& out_;
};

Status worst(Status a, Status b);

}  // namespace pactcheck
