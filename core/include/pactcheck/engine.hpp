// The evaluator: events in, verdicts per obligation and bearer out, as of any instant, in either knowledge mode.
//
// Contract: events may be added in any order and at any time; each is classified against every obligation
// once, when added (type, spatial scope, positions: the costly part). A query walks only the events each
// obligation kept, so a report at another instant, in another knowledge mode or with some events excluded never
// re-reads the log. Nothing here throws on valid model input. The stages are described in docs/architecture.md.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pactcheck/issues.hpp"
#include "pactcheck/model.hpp"

namespace pactcheck {

// Ordered from most to least severe; an obligation's overall status is its worst bearer status.
enum class Status {
  kViolated,
  kUndetermined,
  kCompliedLate,
  kCured,
  kPending,
  kSuspended,
  kNotTriggered,
  kEnded,
  kComplied,
};
const char* status_name(Status status);

// One event as evidence for one obligation.
struct Evidence {
  std::uint32_t event = 0;   // index into Engine::events()
  std::string role;          // violation, fulfilment, late_fulfilment, amendment, level, context, ...
  Who bearer = kNobody;      // the party it concerns, kNobody for the obligation as a whole
  std::string note;          // one short clause for the reader
  bool disputed = false;     // rests on an allegation the accused denies, with nothing confirming it
  std::string standing;      // confirmed | reported | alleged | disputed | avowed | "" (not an act charged)
  std::string rule;          // the responsibility rule it was charged under, if any
  std::string actor;         // the actor whose act it is, when that is not the bearer itself
  std::string uncertain;     // why it may or may not count, if it is a maybe
  bool later_knowledge = false;  // reported after the as-of instant
};

// From `at` on, the bearer's status was `status`, because of `event` (empty: a deadline passing).
struct Step {
  std::int64_t at = 0;
  Status status = Status::kComplied;
  std::string event;
  std::string note;
};

struct BearerVerdict {
  Who party = kNobody;
  Status status = Status::kComplied;
  bool disputed = false;
  std::string why;
  std::vector<Step> history;
  std::size_t confirmed = 0, avowed = 0, reported = 0, alleged = 0, disputed_count = 0;  // charges behind the verdict
  // When the evidence leaves the verdict open: what it would be if every open point went against the bearer,
  // and if every one went for it, and the points (maybes) that decide.
  std::optional<Status> if_against, if_for;
  std::vector<std::string> open_points;
  std::optional<double> progress_done, progress_of;  // a quantity reached in part: n of N
  std::vector<std::string> remarks;  // short notes beside the status ("violated against the original deadline")
  std::map<std::string, std::size_t> grades;  // violations per grade, when events carry grades
};

// A reading the agreement names (another start, another width) and the statuses it gives.
struct ReadingVerdict {
  std::string id, label;
  Status status = Status::kComplied;
  std::vector<std::pair<Who, Status>> bearers;
  std::string explanation;
};

struct Verdict {
  std::size_t obligation = 0;
  Status status = Status::kComplied;
  bool disputed = false;
  std::vector<BearerVerdict> bearers;
  std::string headline;       // one sentence a reader takes in at a glance
  std::string explanation;    // the kind's account, with the reason for every open point
  std::vector<Evidence> evidence;
  nlohmann::ordered_json deadline;  // null when the obligation has none
  nlohmann::ordered_json progress;  // kind-specific running figures, null when none
  nlohmann::ordered_json notices;   // repudiations, declared suspensions, branch taken, end: null when none
  bool joint_breach = false;        // broken by an act charged to no bearer
  std::vector<std::string> joint_breach_events;
  std::vector<ReadingVerdict> readings;  // only when the obligation has more than one reading
};

// Why an event was not used. `obligation` is the obligation it was excluded from (npos: every obligation).
struct Exclusion {
  std::string reason;  // before_start, after_end, out_of_scope, after_as_of, not_yet_reported, unknown_type, ...
  std::size_t obligation = static_cast<std::size_t>(-1);
  std::string detail;
};

struct EventAccount {
  enum class Fate : std::uint8_t { kUsed, kNotRelevant, kIgnored } fate = Fate::kNotRelevant;
  std::vector<Exclusion> reasons;   // kIgnored: every reason; kNotRelevant: why it was not counted (may be empty)
};

struct QueryOptions {
  std::int64_t as_of = 0;                  // UTC ms
  std::optional<std::int64_t> known_at;    // knowledge mode: only what had been reported by then
  std::set<std::string> excluded;          // what-if: events left out
};

struct Evaluation {
  QueryOptions options;
  std::vector<Verdict> verdicts;           // in agreement order
  std::vector<EventAccount> accounts;      // per event, in input order
  std::size_t used = 0, not_relevant = 0, ignored = 0, later_knowledge = 0;
};

class Engine {
 public:
  explicit Engine(std::shared_ptr<const Agreement> agreement);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Adds one event (already validated by the reader). Ids must be unique; the reader guarantees it.
  void add(Event&& event);
  // Room for `count` events, so that adding them never moves those already added (a hint; more may follow).
  void reserve(std::size_t count);

  Evaluation evaluate(const QueryOptions& options) const;

  const Agreement& agreement() const;
  const std::vector<Event>& events() const;
  // The report order of events: by earliest time, then latest time, then id.
  bool before(std::uint32_t a, std::uint32_t b) const;
  // Every event's index in that order; worked out once after the last add (a Session's queries share it).
  const std::vector<std::uint32_t>& in_report_order() const;
  // SHA-256 over the canonical agreement and each event's canonical digest in (time, id) order: "sha256:<hex>";
  // worked out once after the last add.
  const std::string& input_digest() const;
  // The latest instant any usable event may have happened at; nullopt when there are none.
  std::optional<std::int64_t> latest_event_time() const;
  // Deadlines and other instants of the agreement worth marking on a timeline.
  std::vector<std::pair<std::int64_t, std::string>> marks() const;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace pactcheck
