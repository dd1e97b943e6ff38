// The one interface between the engine and an obligation kind (docs/architecture.md).
//
// A kind is a KindDef in the table of kinds/registry.cpp: its name, a one-line summary, and a function that
// reads an obligation's `params` into a Clause. A Clause holds the parameters of one reading of one obligation
// and knows three things: which events it looks at, what it caches about an event when the event is added
// (geometry), and how it evaluates the obligation per bearer at one query. Everything every kind shares (time,
// windows, responsibility, evidence standard, exceptions, suspensions, amendments, readings, worst-of) is done
// by the engine and the rules in core/src/rules/ before and after Clause::evaluate; a kind never re-implements it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "pactcheck/model.hpp"

namespace pactcheck {

class ParamReader;
class Query;

// What a clause caches about one event when it is added (geometry is the costly part).
struct Placement {
  enum class Where : std::uint8_t { kInScope, kOutOfScope, kUnknown, kNearBoundary } where = Where::kInScope;
  std::uint64_t bits = 0;  // kind-specific: e.g. hold_positions sets bit i when inside bearer i's areas
};

class Clause {
 public:
  virtual ~Clause() = default;

  // Parameters the engine applies for every kind (read with ParamReader's shared readers).
  WindowSpec window;                     // from / until; Kind::kNone: always
  SpatialScope scope;                    // empty: everywhere
  std::vector<TypeId> event_types;       // every type the clause looks at; the engine indexes events by them
  std::optional<Condition> trigger;      // the obligation exists only once this holds
  bool presence_is_breach = false;       // a breach that lasts (a force inside a zone) is cured when it ends

  // Kind-specific geometry or other tests of one event, computed once when the event is added.
  virtual std::uint64_t classify(const Event& /*event*/, const Agreement& /*agreement*/) const { return 0; }

  // Evaluates the obligation per bearer for one query (one as-of instant, one reading, one resolution pass):
  // reads q.facts() through q's questions and writes q.out(). Must not throw.
  virtual void evaluate(Query& q) const = 0;

  // Whether events may amend this clause's deadline (params.amendable), and whether it takes a notice (a term).
  virtual bool accepts_amendment() const { return false; }
  virtual bool accepts_notice() const { return false; }

  // Deadlines worth marking on a timeline, as [instant, label] (absolute ones only).
  virtual void marks(const Agreement& /*agreement*/, std::vector<std::pair<std::int64_t, std::string>>& /*out*/) const {}

  // Conditions this clause holds beyond window and trigger (deadline anchors, stage conditions), so that the
  // engine can order obligations and detect cycles. Each with the JSON Pointer below `params` it was read at.
  std::vector<std::pair<const Condition*, std::string>> extra_conditions;
};

struct KindDef {
  const char* name;
  const char* summary;  // one line: what it checks
  std::unique_ptr<Clause> (*read)(ParamReader& r);
};

// The table of kinds, in the order docs/format.md lists them; nullptr when `name` is unknown.
const KindDef* find_kind(const std::string& name);
const std::vector<const KindDef*>& all_kinds();

}  // namespace pactcheck
