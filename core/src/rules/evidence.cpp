// The evidence standard, findings, and the exceptions a clause admits (constructs 15, 19, 20; issue 11 §2-3).
//
// A charge (an act charged to a bearer) is `confirmed` when a monitor observed it or a body (monitor,
// investigator, court, commission) found it; `avowed` when the bearer acknowledges the act as its right;
// `disputed` when the accused denies it and nothing confirms it; `alleged` when a party says so; else `reported`.
// Under the default standard (uncontested) a disputed charge is an open point: the verdict it would decide is
// undetermined. A finding settles what it finds from the moment it is known (in hindsight mode: always; with
// known_at: once reported by then). An exception claimed for an act excuses it when a finding accepts it (or the
// authorising body itself records the authorisation, or the agreement's counter-breach rule applies); a rejected
// claim changes nothing; an unresolved one is an open point ("violated unless the claim holds").
#include <algorithm>

#include "rules/rules.hpp"

namespace pactcheck {
namespace {

bool contains(const std::vector<Who>& list, Who w) { return std::find(list.begin(), list.end(), w) != list.end(); }

Certainty under(Standard s, bool confirmed, bool contested) {
  switch (s) {
    case Standard::kAnyReport: return Certainty::kCertain;
    case Standard::kUncontested: return contested && !confirmed ? Certainty::kMaybe : Certainty::kCertain;
    case Standard::kConfirmed: return confirmed ? Certainty::kCertain : Certainty::kMaybe;
  }
  return Certainty::kCertain;
}

}  // namespace

std::string attribution_text(const Agreement& a, const EventActor& actor) {
  auto names = [&](const std::vector<Who>& list) {
    std::vector<std::string> out;
    for (Who w : list) out.push_back(a.name_of(w));
    return join_names(out);
  };
  std::vector<std::string> parts;
  if (!actor.alleged_by.empty()) parts.push_back("alleged by " + names(actor.alleged_by));
  if (!actor.denied_by.empty()) parts.push_back("denied by " + names(actor.denied_by));
  if (!actor.observed_by.empty()) parts.push_back("observed by " + names(actor.observed_by));
  if (actor.avowed) parts.push_back("avowed as its right by " + (actor.party != kNobody ? a.name_of(actor.party) : actor.name));
  return join_names(parts, ", ");
}

std::vector<std::uint32_t> weigh(const Weighing& w, Fact& f) {
  const Event& e = *f.e;
  const Obligation& o = w.obligation;
  std::vector<std::uint32_t> used;
  bool found_happened = false, found_not = false, unconfirmed = false, resolved = false;
  std::optional<std::vector<Who>> found_whose;
  std::vector<std::pair<std::string, bool>> exception_findings;
  if (const auto it = w.findings.find(e.id); it != w.findings.end()) {
    for (const auto& [event_index, finding_index] : it->second) {
      const Event& fe = w.events[event_index];
      // A finding counts once it is known; in hindsight mode a finding published after the as-of instant is
      // later knowledge about what happened by then, and counts too.
      if (!fe.ignore_reason.empty() || !known_in(fe, w.query)) continue;
      const Finding& x = fe.findings[finding_index];
      used.push_back(event_index);
      switch (x.kind) {
        case Finding::Kind::kAttribution: found_whose = x.parties; break;
        case Finding::Kind::kException: exception_findings.emplace_back(x.exception, x.holds); break;
        case Finding::Kind::kHappened: (x.holds ? found_happened : found_not) = true; break;
        case Finding::Kind::kUnconfirmed: unconfirmed = true; break;
        case Finding::Kind::kResolved: resolved = true; break;
        case Finding::Kind::kPeriod: break;
      }
    }
  }
  if (found_whose) {
    f.charges.clear();
    f.non_party_actors.clear();
    f.unattributed = false;
    // Whose act it was, as found: a bearer's own, or a force a bearer answers for under a rule.
    for (Who p : *found_whose) {
      std::uint16_t actor = kNoActor;
      for (std::size_t k = 0; k < e.actors.size(); ++k) {
        if (e.actors[k].party == p) actor = static_cast<std::uint16_t>(k);
      }
      if (contains(o.bearers, p)) {
        f.charges.push_back(Charge{p, actor, nullptr});
        continue;
      }
      for (const ResponsibilityRule& r : w.agreement.responsibility) {
        const bool applies = r.obligations.empty() ||
                             std::find(r.obligations.begin(), r.obligations.end(),
                                       static_cast<std::size_t>(&o - &w.agreement.obligations.front())) != r.obligations.end();
        if (applies && contains(o.bearers, r.bearer) && contains(r.answers_for, p)) f.charges.push_back(Charge{r.bearer, actor, &r});
      }
    }
  }
  f.refuted = found_not;
  f.resolved = resolved;
  bool any_observed = false, any_denied = false;
  for (const EventActor& actor : e.actors) {
    any_observed = any_observed || !actor.observed_by.empty();
    any_denied = any_denied || !actor.denied_by.empty();
  }
  f.confirmed = found_happened || any_observed;
  // A body's "no violation observed" over a period that holds the act contests the allegation of it.
  auto attested_clean = [&](Who bearer) {
    for (const auto& [event_index, finding_index] : w.period_findings) {
      const Finding& x = w.events[event_index].findings[finding_index];
      if (x.state == "violated") continue;
      if (!x.parties.empty() && !contains(x.parties, bearer)) continue;
      if (e.when.earliest >= x.period.earliest && e.when.latest <= x.period.latest) {
        used.push_back(event_index);
        return true;
      }
    }
    return false;
  };
  for (Charge& c : f.charges) {
    const EventActor* actor = c.actor < e.actors.size() ? &e.actors[c.actor] : nullptr;
    const bool avowed = actor && actor->avowed;
    const bool denied = actor && (contains(actor->denied_by, c.bearer) ||
                                  (actor->party != kNobody && contains(actor->denied_by, actor->party)));
    // A finding that the act happened confirms it, but not whose it was when the accused denies it.
    const bool confirmed = found_whose.has_value() || (found_happened && !denied) || (actor && !actor->observed_by.empty());
    if (!confirmed && attested_clean(c.bearer)) unconfirmed = true;
    c.disputed = (denied || unconfirmed) && !confirmed && !avowed;
    c.label = confirmed ? "confirmed" : avowed ? "avowed" : c.disputed ? "disputed"
                                      : actor && !actor->alleged_by.empty() ? "alleged" : "reported";
    c.standing = under(o.standard.violation, confirmed || avowed, c.disputed);
    for (const Claim& claim : e.claims) {
      const auto spec = std::find_if(o.exceptions.begin(), o.exceptions.end(),
                                     [&](const ExceptionSpec& x) { return x.id == claim.exception; });
      if (spec == o.exceptions.end()) continue;
      const bool for_this = claim.by == c.bearer || (actor && claim.by == actor->party) ||
                            (claim.by < w.agreement.entities.size() && w.agreement.entities[claim.by].monitor);
      if (!for_this) continue;
      c.exception = claim.exception;
      const auto found = std::find_if(exception_findings.begin(), exception_findings.end(),
                                      [&](const auto& x) { return x.first == claim.exception; });
      if (found != exception_findings.end()) {
        c.excused = found->second;
        c.claim_unresolved = false;
      } else if (spec->kind == "authorisation" && contains(spec->authorised_by, claim.by)) {
        c.excused = true;
      } else if (spec->kind == "counter_breach" && w.breached_before) {
        std::vector<std::size_t> breach_of = spec->breach_of;
        if (breach_of.empty()) breach_of.push_back(static_cast<std::size_t>(&o - &w.agreement.obligations.front()));
        c.excused = std::any_of(breach_of.begin(), breach_of.end(),
                                [&](std::size_t b) { return w.breached_before(b, c.bearer, e.when.earliest); });
        c.claim_unresolved = !c.excused;
      } else {
        c.claim_unresolved = true;
      }
      if (c.excused || c.claim_unresolved) break;
    }
  }
  // As a completion (or the mere occurrence of an unattributed act): contested when someone denies it or a body
  // could not confirm it, and nothing confirms it.
  const bool contested = any_denied || unconfirmed;
  f.completion_maybe = under(o.standard.completion, f.confirmed, contested) == Certainty::kMaybe;
  f.happened_contested = contested && !f.confirmed;
  f.occurrence = under(o.standard.violation, f.confirmed, contested);
  return used;
}

void apply_period_findings(const Agreement& a, const Obligation& o, const std::vector<Event>& events,
                           const std::vector<std::pair<std::uint32_t, std::uint16_t>>& findings, std::int64_t as_of, Verdict& v) {
  for (const auto& [event_index, finding_index] : findings) {
    const Finding& x = events[event_index].findings[finding_index];
    if (x.period.earliest > as_of) continue;
    const std::string span = format_date(local_date(x.period.earliest, a.zone)) + " to " + format_date(local_date(x.period.latest, a.zone));
    Evidence ev;
    ev.event = event_index;
    ev.standing = "confirmed";
    if (x.state == "violated") {
      ev.role = "finding_violation";
      ev.note = a.name_of(x.by) + " finds the obligation violated over " + span;
    } else {
      ev.role = "finding_compliance";
      ev.note = a.name_of(x.by) + (x.state == "complied" ? " finds it complied with over " : " observed no violation over ") + span;
    }
    v.evidence.push_back(ev);
    for (BearerVerdict& b : v.bearers) {
      if (!x.parties.empty() && !contains(x.parties, b.party)) continue;
      if (x.state == "violated") {
        if (b.status != Status::kViolated) b.why = "found violated by " + a.name_of(x.by) + " over " + span;
        b.status = worst(b.status, Status::kViolated);
        b.history.push_back(Step{x.period.earliest, Status::kViolated, events[event_index].id, "found violated"});
        b.if_against.reset();
        b.if_for.reset();
      } else if (x.state == "complied" && (b.status == Status::kPending || b.status == Status::kUndetermined)) {
        b.status = Status::kComplied;
        b.why = "found complied with by " + a.name_of(x.by) + " over " + span;
        b.if_against.reset();
        b.if_for.reset();
      }
    }
  }
  (void)o;
}

}  // namespace pactcheck
