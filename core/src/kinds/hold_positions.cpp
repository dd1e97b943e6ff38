// hold_positions (construct 8): stop at the positions held at a start instant. An advance by a bearer outside
// every area listed as its own at the start is a violation; inside one, it is consistent with the clause.
#include <map>

#include "kinds/forbidden_acts.hpp"
#include "kinds/kind.hpp"
#include "params.hpp"

namespace pactcheck {
namespace {

class HoldPositions : public Clause {
 public:
  std::vector<std::pair<Who, std::vector<std::size_t>>> positions;  // bearer -> areas held at the start

  std::uint64_t classify(const Event& e, const Agreement& a) const override {
    std::uint64_t bits = 0;
    if (!e.has_where) return bits;
    for (std::size_t b = 0; b < positions.size() && b < 64; ++b) {
      for (std::size_t area : positions[b].second) {
        if (a.areas[area].shape && a.areas[area].shape->contains(e.where)) bits |= std::uint64_t{1} << b;
      }
    }
    return bits;
  }

  void evaluate(Query& q) const override {
    ForbiddenActs acts(q);
    std::size_t consistent = 0;
    for (const Fact& f : q.facts()) {
      if (!f.by_type) continue;
      bool inside_own = false;
      for (std::size_t b = 0; b < positions.size() && b < 64; ++b) {
        if (!(f.place.bits >> b & 1U) || !q.charge(f, positions[b].first) || !f.e->has_where) continue;
        acts.allowed(f, positions[b].first, "within " + q.name(positions[b].first) + "'s area at the start");
        inside_own = true;
        ++consistent;
      }
      if (inside_own) continue;
      if (!f.e->has_where && !q.assume(f, true, "the report gives no coordinates to place it against the positions")) continue;
      acts.weigh(f, [&](Who bearer) {
        return f.e->has_where ? "advance outside " + q.name(bearer) + "'s area at the start" : std::string("advance, place not given");
      });
    }
    acts.finish(consistent == 0 ? ""
                                : plural(consistent, "advance lies", "advances lie") +
                                      " within the advancing party's own area at the start, which the clause allows.");
  }
};

std::unique_ptr<Clause> read(ParamReader& r) {
  r.allow({"from", "event_types", "positions", "scope"});
  auto c = std::make_unique<HoldPositions>();
  r.window(c->window, true, false);
  c->event_types = r.types("event_types", true);
  c->scope = r.scope();
  const Json* pos = r.member("positions");
  if (!pos) {
    r.report(r.pointer(), "field.missing", "missing required field \"positions\"");
    return c;
  }
  Fields& f = r.fields();
  if (!f.expect_object(*pos, r.at("positions"), "positions")) return c;
  std::map<Who, std::vector<std::size_t>> by_party;
  for (auto it = pos->begin(); it != pos->end(); ++it) {
    const std::string here = pointer_join(r.at("positions"), it.key());
    const auto who = r.agreement().find_party(it.key());
    if (!who) {
      r.report(here, "ref.party", "undefined party \"" + it.key() + "\"");
      continue;
    }
    by_party[*who] = r.areas_at(*pos, r.at("positions"), it.key().c_str(), true);
  }
  for (Who b : r.obligation().bearers) {
    const auto it = by_party.find(b);
    if (it == by_party.end()) {
      r.report(r.at("positions"), "field.missing", "no positions given for bearer \"" + r.agreement().id_of(b) + "\"");
      continue;
    }
    c->positions.emplace_back(b, it->second);
  }
  return c;
}

}  // namespace

extern const KindDef kHoldPositions{"hold_positions", "no advance outside the bearer's area held at a start instant", read};

}  // namespace pactcheck
