// Shared by the kinds whose breach is a forbidden act charged to a bearer (prohibition, hold_positions,
// keep_distance, ...): the per-bearer tally, acts charged to no bearer, presences that ended, and the sentence.
// Not a kind itself.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "evaluation.hpp"

namespace pactcheck {

class ForbiddenActs {
 public:
  explicit ForbiddenActs(Query& q);

  // One fact the clause's own test found forbidden (in scope, of a forbidden type, too near a line...). `note`
  // says why, for a bearer ("prohibited act", "12.3 km from the line, within 25 km"). Decides, through the
  // query, whether it counts against each bearer, and records the evidence.
  void weigh(const Fact& f, const std::function<std::string(Who)>& note);
  // A fact the clause allows (an advance inside one's own area): listed, not counted.
  void allowed(const Fact& f, Who bearer, const std::string& note);

  // Writes every bearer's status, history and the explanation. `what` names the duty in sentences ("the
  // prohibition"), `extra` is appended (kind-specific counts).
  void finish(const std::string& extra = "");

 private:
  struct Tally {
    std::vector<std::string> violations;  // certain
    std::vector<std::string> possible;    // resting on an open point (counted in the pass against the bearer)
    std::int64_t first = kNever;
    std::string first_event;
    std::size_t disputed = 0;
    std::size_t open_presences = 0, ended_presences = 0;
    std::int64_t cured_at = kForever;
  };
  Query& q_;
  std::vector<Tally> tally_;
  std::vector<std::string> joint_, non_party_, excused_, allowed_;
};

}  // namespace pactcheck
