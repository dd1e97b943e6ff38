#include "kinds/forbidden_acts.hpp"

#include <algorithm>

#include "rules/rules.hpp"

namespace pactcheck {

ForbiddenActs::ForbiddenActs(Query& q) : q_(q), tally_(q.obligation().bearers.size()) {}

void ForbiddenActs::weigh(const Fact& f, const std::function<std::string(Who)>& note) {
  const Obligation& o = q_.obligation();
  const Event& e = *f.e;
  bool charged = false;
  for (std::size_t b = 0; b < o.bearers.size(); ++b) {
    const Who bearer = o.bearers[b];
    const Charge* c = q_.charge(f, bearer);
    if (c) charged = true;
    if (!c && !f.unattributed) continue;
    if (c && c->excused) {
      const auto spec = std::find_if(o.exceptions.begin(), o.exceptions.end(), [&](const ExceptionSpec& x) { return x.id == c->exception; });
      q_.use(f, "excused", bearer,
             note(bearer) + ", within an accepted exception (" + (spec != o.exceptions.end() ? spec->text : c->exception) + "): not counted");
      if (std::find(excused_.begin(), excused_.end(), e.id) == excused_.end()) excused_.push_back(e.id);
      continue;
    }
    bool maybe = false;
    if (!q_.against(f, bearer, &maybe)) continue;
    Tally& t = tally_[b];
    if (maybe) {
      t.possible.push_back(e.id);
    } else {
      t.violations.push_back(e.id);
      if (e.when.earliest < t.first) {
        t.first = e.when.earliest;
        t.first_event = e.id;
      }
    }
    if (c && c->disputed && !maybe) ++t.disputed;
    if (q_.clause().presence_is_breach && e.lasts && e.ends && e.ends->latest <= q_.as_of()) {
      ++t.ended_presences;
      t.cured_at = std::max(t.cured_at, e.ends->latest);
    } else {
      ++t.open_presences;
    }
    if (!c) {
      q_.use(f, "possible_violation", bearer, "no party is named as responsible");
    } else {
      const EventActor* actor = c->actor < e.actors.size() ? &e.actors[c->actor] : nullptr;
      std::string text = note(bearer);
      if (c->rule) text += ": " + charge_text(q_.agreement(), e, *c);
      if (actor) {
        const std::string said = attribution_text(q_.agreement(), *actor);
        if (!said.empty()) text += ", " + said;
      }
      if (q_.clause().presence_is_breach && e.lasts) {
        text += e.ends ? ", present until " + format_instant(e.ends->latest, e.offset_minutes) : ", still present";
      }
      q_.use(f, maybe ? "possible_violation" : "violation", bearer, text);
    }
  }
  if (charged) return;
  if (f.unattributed) {
    const bool certain = f.occurrence == Certainty::kCertain && f.timing == Certainty::kCertain &&
                         f.in_window == Certainty::kCertain && f.in_scope == Certainty::kCertain &&
                         f.type_match == Certainty::kCertain && !f.refuted && !f.resolved;
    if (certain && o.bearers.size() > 1) {
      q_.out().joint_breach = true;
      q_.out().joint_breach_events.push_back(e.id);
      joint_.push_back(e.id);
    }
    return;
  }
  if (!f.non_party_actors.empty()) {
    std::vector<std::string> names;
    for (std::uint16_t k : f.non_party_actors) names.push_back(e.actors[k].name.empty() ? "an unnamed actor" : e.actors[k].name);
    q_.use(f, "non_party_act", kNobody, "an act by " + join_names(names) + ", not a bearer of this obligation: charged to no bearer");
    non_party_.push_back(e.id);
  }
}

void ForbiddenActs::allowed(const Fact& f, Who bearer, const std::string& note) {
  q_.use(f, "consistent", bearer, note);
  allowed_.push_back(f.e->id);
}

void ForbiddenActs::finish(const std::string& extra) {
  const Obligation& o = q_.obligation();
  const Agreement& a = q_.agreement();
  std::vector<std::string> parts, clean;
  for (std::size_t b = 0; b < o.bearers.size(); ++b) {
    const Who bearer = o.bearers[b];
    const Tally& t = tally_[b];
    BearerOutcome& out = q_.out().bearer(bearer);
    const std::string name = a.name_of(bearer);
    const std::string possible = t.possible.empty() ? "" : "; possibly also " + join_names(t.possible) + " (open points)";
    if (t.violations.empty() && t.possible.empty()) {
      out.status = Status::kComplied;
      clean.push_back(name);
      continue;
    }
    if (t.violations.empty()) {
      out.status = Status::kViolated;  // in this pass, every open point counts against the bearer
      parts.push_back("no violation by " + name + " is established, but " + plural(t.possible.size(), "report rests", "reports rest") +
                      " on open points (" + join_names(t.possible) + ")");
      continue;
    }
    const std::string first = format_date(local_date(t.first, a.zone));
    out.history.push_back(Step{t.first, Status::kViolated, t.first_event, "first violation"});
    if (t.open_presences == 0) {
      out.status = Status::kCured;
      out.history.push_back(Step{t.cured_at, Status::kCured, "", "the presence ended"});
      parts.push_back("violated by " + name + " and put right: " + plural(t.violations.size(), "presence", "presences") +
                      " from " + first + " (" + join_names(t.violations) + "), ended by " +
                      format_date(local_date(t.cured_at, a.zone)));
      continue;
    }
    out.status = Status::kViolated;
    out.disputed = t.disputed == t.violations.size();
    std::string part = "violated by " + name + ": " + plural(t.violations.size(), "event", "events") + " from " + first + " (" +
                       join_names(t.violations) + ")";
    if (out.disputed) part += ", resting only on allegations " + name + " denies";
    parts.push_back(part + possible);
  }
  if (!joint_.empty()) {
    parts.insert(parts.begin(), "broken by " + plural(joint_.size(), "act", "acts") + " charged to no bearer (" + join_names(joint_) +
                                    "): the report names no one, so each bearer's share is undetermined");
  }
  if (!clean.empty()) parts.push_back("no violation by " + join_names(clean, " or ") + " is reported");
  std::string text = capitalised(join_all(parts, "; ")) + ".";
  if (q_.start.earliest > kForever) text += " In force since " + q_.when(q_.start.earliest) + ".";
  if (!non_party_.empty()) {
    text += " " + plural(non_party_.size(), "act", "acts") + " by others than the bearers (" + join_names(non_party_) +
            (non_party_.size() == 1 ? ") was" : ") were") + " charged to no bearer.";
  }
  if (!excused_.empty()) {
    text += " " + plural(excused_.size(), "act", "acts") + " within an accepted exception (" + join_names(excused_) +
            (excused_.size() == 1 ? ") was" : ") were") + " not counted.";
  }
  for (const auto& [reason, n] : q_.kept_out) {
    const char* what = reason == "out_of_scope" ? "outside the spatial scope"
                       : reason == "before_start" ? "before the start"
                       : reason == "after_end"    ? "after the end"
                                                  : "of a grade the clause does not count";
    text += " " + plural(n, "event", "events") + " " + what + (n == 1 ? " was" : " were") + " not counted.";
  }
  if (!extra.empty()) text += " " + extra;
  q_.out().explanation = text;
}

}  // namespace pactcheck
