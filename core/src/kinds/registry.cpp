// The table of kinds. Adding a kind: write core/src/kinds/<kind>.cpp defining `extern const KindDef k<Kind>`,
// list it here and in core/CMakeLists.txt, add its schema fragment (schemas/kinds/<kind>.schema.json), its
// docs/format.md section and a fixture (docs/architecture.md, "Adding a kind").
#include "kinds/kind.hpp"

namespace pactcheck {

extern const KindDef kProhibition, kHoldPositions, kActByDeadline, kQuantityCap, kExchange, kTerm, kQualitative;
extern const KindDef kKeepDistance, kContinuingActivity, kBalance, kRate, kStagedCount, kReciprocal, kOrdering, kRecurringAct;

// In the order docs/format.md lists them.
const std::vector<const KindDef*>& all_kinds() {
  static const std::vector<const KindDef*> kinds{
      &kProhibition, &kHoldPositions, &kKeepDistance, &kActByDeadline, &kRecurringAct, &kQuantityCap, &kRate, &kStagedCount,
      &kExchange,    &kReciprocal,    &kOrdering,     &kBalance,       &kContinuingActivity, &kTerm, &kQualitative};
  return kinds;
}

const KindDef* find_kind(const std::string& name) {
  for (const KindDef* k : all_kinds()) {
    if (name == k->name) return k;
  }
  return nullptr;
}

}  // namespace pactcheck
