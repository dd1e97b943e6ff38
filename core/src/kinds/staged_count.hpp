// What staged_count lets other kinds know of its stages (ordering's within_stages_of). Kept apart from the
// shared kind interface on purpose: it is a helper between two kinds of this directory, not part of kind.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "evaluation.hpp"
#include "rules/rules.hpp"

namespace pactcheck {

extern const KindDef kStagedCount;

// One stage of a staged_count obligation, its due date resolved as of the query.
struct StageBound {
  std::optional<Limit> due;  // nullopt: anchored on something that has not happened (yet)
  double count = 0;
  std::string category;
};

// The stages of obligation `obligation` (reading "as written"), their due dates resolved through q.resolve, or
// nullopt when that obligation is not a staged_count. The downcast inside is safe: it is done only after checking
// that the obligation's kind is kStagedCount, whose reader makes no other Clause than its own. Amendments do not
// apply to stages (staged_count takes none); agreed suspensions of the staged_count obligation are not applied
// here (they are applied to its own verdict).
std::optional<std::vector<StageBound>> staged_count_stages(Query& q, std::size_t obligation);

}  // namespace pactcheck
