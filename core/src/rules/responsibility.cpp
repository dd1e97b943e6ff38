// Whose act is charged to whom (construct 18; issue 11 §1).
//
// An actor's act is charged to a bearer of the obligation when the actor is that bearer's (its own act), or when
// a responsibility rule of the agreement says the bearer answers for the actor's party ("forces under its
// control", a guarantor for the side it backs), or, for a territory rule, for anyone acting inside the rule's
// areas who is not itself a party. Any other act is charged to no bearer: by a known non-party (a defector, a
// third party, another party that does not bear this obligation) it leaves the bearers' verdicts alone; by an
// actor the report does not identify (monitors recording fire without attributing it) it is *unattributed*.
#include <algorithm>

#include "rules/rules.hpp"

namespace pactcheck {
namespace {

bool contains(const std::vector<Who>& list, Who w) { return std::find(list.begin(), list.end(), w) != list.end(); }

bool rule_applies(const Agreement& a, const ResponsibilityRule& r, std::size_t obligation_index, const Event& e) {
  if (!r.obligations.empty() &&
      std::find(r.obligations.begin(), r.obligations.end(), obligation_index) == r.obligations.end()) {
    return false;
  }
  if (r.within_areas.empty()) return true;
  if (!e.has_where) return false;
  return std::any_of(r.within_areas.begin(), r.within_areas.end(),
                     [&](std::size_t area) { return a.areas[area].shape && a.areas[area].shape->contains(e.where); });
}

}  // namespace

void attribute(const Agreement& a, const Obligation& o, std::size_t obligation_index, const Event& e, Fact& f) {
  f.charges.clear();
  f.non_party_actors.clear();
  f.unattributed = false;
  for (std::size_t k = 0; k < e.actors.size(); ++k) {
    const EventActor& actor = e.actors[k];
    const auto index = static_cast<std::uint16_t>(k);
    bool charged = false;
    if (actor.party != kNobody && contains(o.bearers, actor.party)) {
      f.charges.push_back(Charge{actor.party, index, nullptr});
      charged = true;
    }
    for (const ResponsibilityRule& r : a.responsibility) {
      if (charged || !contains(o.bearers, r.bearer) || !rule_applies(a, r, obligation_index, e)) continue;
      const bool answered = actor.party != kNobody ? contains(r.answers_for, actor.party)
                                                   : r.basis == "territory" && r.answers_for.empty();
      const bool anyone_on_soil = r.basis == "territory" && r.answers_for.empty() && actor.party != kNobody &&
                                  a.entities[actor.party].role == "other";
      if (answered || anyone_on_soil) {
        f.charges.push_back(Charge{r.bearer, index, &r});
        charged = true;
      }
    }
    if (charged) continue;
    if (actor.party != kNobody || actor.non_party) {
      f.non_party_actors.push_back(index);
    } else {
      f.unattributed = true;
    }
  }
  if (e.actors.empty()) f.unattributed = true;
}

std::string charge_text(const Agreement& a, const Event& e, const Charge& c) {
  const EventActor* actor = c.actor < e.actors.size() ? &e.actors[c.actor] : nullptr;
  const std::string name = actor && !actor->name.empty() ? actor->name : "an unnamed actor";
  if (!c.rule) return actor && !actor->name.empty() ? actor->name : a.name_of(c.bearer);
  std::string whose;
  if (actor && actor->party != kNobody) {
    whose = a.name_of(actor->party) == name ? " (not a bearer)" : " (" + a.name_of(actor->party) + ", not a bearer)";
  } else if (!actor) {
    whose = " (found to be the act of a force " + a.name_of(c.bearer) + " answers for)";
  }
  return "an act by " + name + whose + ", charged to " + a.name_of(c.bearer) + " under " + c.rule->id;
}

}  // namespace pactcheck
