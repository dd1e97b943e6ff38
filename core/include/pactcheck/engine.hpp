// The evaluator: events in, verdicts per obligation and bearer out, as of any instant.
//
// Contract: events may be added in any order and at any time; each is classified against every obligation
// once, when added (type, spatial scope, positions: the costly part). A report at an instant only walks the
// events each obligation kept, so a query at another instant, or with some events excluded, never re-reads
// the log. Nothing here throws on valid model input.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pactcheck/issues.hpp"
#include "pactcheck/model.hpp"

namespace pactcheck {

// Ordered from most to least severe; an obligation's overall status is its worst bearer status.
enum class Status { kViolated, kUndetermined, kCompliedLate, kCured, kPending, kSuspended, kNotTriggered, kComplied };
const char* status_name(Status status);

// A quantity as JSON: whole numbers without a fraction ("1960", not "1960.0"), others as shortest doubles.
nlohmann::ordered_json json_number(double value);

struct Evidence {
  std::size_t event = 0;  // index into Engine::events()
  std::string role;       // violation, undetermined, fulfilment, late_fulfilment, amendment, level, not_covered, ...
  std::string bearer;     // party the evidence concerns, "" for all
  std::string note;       // one short clause for the reader
  bool disputed = false;
};

struct BearerVerdict {
  std::string party;
  Status status = Status::kComplied;
  bool disputed = false;
  std::string why;
};

struct Verdict {
  std::size_t obligation = 0;
  Status status = Status::kComplied;
  bool disputed = false;
  std::vector<BearerVerdict> bearers;
  std::string explanation;
  std::vector<Evidence> evidence;
  nlohmann::ordered_json deadline;  // null when the obligation has none
  nlohmann::ordered_json progress;  // kind-specific running figures, null when none
};

struct IgnoredEvent {
  std::size_t event = 0;
  std::string reason;  // before_start, out_of_scope, after_as_of, unknown_type, malformed, excluded
  std::string detail;
};

struct Evaluation {
  Instant as_of;
  std::vector<Verdict> verdicts;  // in agreement order
  std::size_t events_total = 0, events_used = 0, events_irrelevant = 0;
  std::vector<IgnoredEvent> ignored;  // in (time, id) order
};

class Engine {
 public:
  explicit Engine(std::shared_ptr<const Agreement> agreement);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Adds one event (already validated by the reader). Ids must be unique; the reader guarantees it.
  void add(Event&& event);

  // Evaluates every obligation as of `as_of`, leaving out the events whose ids are in `excluded`.
  Evaluation evaluate(const Instant& as_of, const std::set<std::string>& excluded) const;

  const Agreement& agreement() const;
  const std::vector<Event>& events() const;
  // The latest instant any event may have happened at; nullopt when there are no usable events.
  std::optional<Instant> latest_event_time() const;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace pactcheck
