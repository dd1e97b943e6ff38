// prohibition (construct 7): no act of the listed types by a bearer in a period and a spatial scope (a ceasefire).
// With "presence": true the breach is a presence that lasts (forces inside a zone, a checkpoint in a corridor),
// and a presence that ended is `cured`; an act (a shot) cannot be cured.
#include "kinds/forbidden_acts.hpp"
#include "kinds/kind.hpp"
#include "params.hpp"

namespace pactcheck {
namespace {

class Prohibition : public Clause {
 public:
  void evaluate(Query& q) const override {
    ForbiddenActs acts(q);
    for (const Fact& f : q.facts()) {
      if (f.by_type) acts.weigh(f, [](Who) { return std::string("prohibited act"); });
    }
    acts.finish();
  }
};

std::unique_ptr<Clause> read(ParamReader& r) {
  r.allow({"from", "until", "event_types", "scope", "presence"});
  auto c = std::make_unique<Prohibition>();
  r.window(c->window, true);
  c->event_types = r.types("event_types", true);
  c->scope = r.scope();
  c->presence_is_breach = r.boolean("presence").value_or(false);
  return c;
}

}  // namespace

extern const KindDef kProhibition{"prohibition", "no act of the listed types by a bearer in a period and a spatial scope", read};

}  // namespace pactcheck
