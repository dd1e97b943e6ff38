#include "evaluation.hpp"

#include <algorithm>

#include "rules/rules.hpp"

namespace pactcheck {

const char* status_name(Status status) {
  switch (status) {
    case Status::kViolated: return "violated";
    case Status::kUndetermined: return "undetermined";
    case Status::kCompliedLate: return "complied_late";
    case Status::kCured: return "cured";
    case Status::kPending: return "pending";
    case Status::kSuspended: return "suspended";
    case Status::kNotTriggered: return "not_triggered";
    case Status::kEnded: return "ended";
    case Status::kComplied: return "complied";
  }
  return "undetermined";
}

Status worst(Status a, Status b) { return static_cast<int>(a) < static_cast<int>(b) ? a : b; }

BearerOutcome& Outcome::bearer(Who party) {
  for (BearerOutcome& b : bearers) {
    if (b.party == party) return b;
  }
  bearers.emplace_back();
  bearers.back().party = party;
  return bearers.back();
}

const Query::Suspension* Query::suspended_at(std::int64_t t) const {
  for (const Suspension& s : suspensions) {
    if (t >= s.from && t < s.to) return &s;
  }
  return nullptr;
}

const Charge* Query::charge(const Fact& f, Who bearer) const {
  for (const Charge& c : f.charges) {
    if (c.bearer == bearer) return &c;
  }
  return nullptr;
}

std::string Query::when(const Fact& f) const {
  const Event& e = *f.e;
  return e.when.exact() ? e.time_text
                        : "between " + format_instant(e.when.earliest, e.offset_minutes) + " and " +
                              format_instant(e.when.latest, e.offset_minutes);
}

void Query::note_maybe(const Fact& f, const std::string& why) {
  out_.maybes.emplace_back(kNobody, f.e->id + ": " + why);
}

// The open points of time, window, scope and type that concern any use of the fact.
bool Query::timing_and_place(const Fact& f, bool completion, std::string& why) const {
  std::vector<std::string> parts;
  if (f.timing == Certainty::kMaybe) {
    parts.push_back(completion ? "its reported time range ends after the as-of instant, so it may not be done yet"
                               : "its reported time range ends after the as-of instant: it may not have happened yet");
  }
  if (f.in_window == Certainty::kMaybe) parts.push_back("its reported time range straddles the start or end of the obligation");
  if (f.in_scope == Certainty::kMaybe) {
    parts.push_back(f.place.where == Placement::Where::kNearBoundary
                        ? "it lies within its location uncertainty of the scope's boundary"
                        : "the report gives no coordinates to place it in scope");
  }
  if (f.type_match == Certainty::kMaybe) {
    std::vector<std::string> names;
    for (TypeId t : f.e->types) names.push_back(a_.event_types[t]);
    for (TypeId t : f.e->alternative_types) names.push_back(a_.event_types[t]);
    parts.push_back("its type is uncertain (" + join_names(names, " or ") + ")");
  }
  why = join_all(parts, "; ");
  return !parts.empty();
}

bool Query::against(const Fact& f, Who bearer, bool* maybe) {
  if (maybe) *maybe = false;
  if (f.refuted || f.resolved) return false;
  const Charge* c = charge(f, bearer);
  std::vector<std::string> parts;
  if (!c) {
    if (!f.unattributed) return false;
    parts.push_back("the report names no one as responsible");
    if (f.occurrence == Certainty::kMaybe) parts.push_back("and whether it happened is contested");
  } else {
    if (c->excused) return false;
    if (c->standing == Certainty::kMaybe) {
      const EventActor* actor = c->actor < f.e->actors.size() ? &f.e->actors[c->actor] : nullptr;
      const std::string who_said = actor ? attribution_text(a_, *actor) : "";
      parts.push_back(c->disputed ? (who_said.empty() ? "contested, and confirmed by no one" : who_said + ", confirmed by no one")
                                  : "not confirmed by a monitor or a finding (the evidence standard asks for one)");
    }
    if (c->claim_unresolved) {
      const auto spec = std::find_if(o_.exceptions.begin(), o_.exceptions.end(),
                                     [&](const ExceptionSpec& x) { return x.id == c->exception; });
      parts.push_back("an exception is claimed (" + (spec != o_.exceptions.end() ? spec->text : c->exception) +
                      ") and no finding has settled the claim");
    }
  }
  std::string place;
  if (timing_and_place(f, false, place)) parts.push_back(place);
  if (parts.empty()) return true;
  out_.maybes.emplace_back(c ? bearer : kNobody, f.e->id + ": " + join_all(parts, "; "));
  if (maybe) *maybe = true;
  return pass_ == Pass::kAgainst;
}

bool Query::done_by(const Fact& f, Who bearer) {
  if (f.refuted || f.resolved || !charge(f, bearer)) return false;
  return happened(f);
}

bool Query::happened(const Fact& f, bool hurts) {
  if (f.refuted || f.resolved) return false;
  std::vector<std::string> parts;
  if (f.completion_maybe) parts.push_back("contested, and confirmed by no one");
  std::string place;
  if (timing_and_place(f, true, place)) parts.push_back(place);
  if (parts.empty()) return true;
  note_maybe(f, join_all(parts, "; "));
  return hurts ? pass_ == Pass::kAgainst : pass_ == Pass::kFor;
}

bool Query::assume(const Fact& f, bool hurts, const std::string& reason) {
  note_maybe(f, reason);
  return hurts ? pass_ == Pass::kAgainst : pass_ == Pass::kFor;
}

void Query::use(const Fact& f, const std::string& role, Who bearer, std::string note) {
  Evidence ev;
  ev.event = f.event;
  ev.role = role;
  ev.bearer = bearer;
  ev.note = std::move(note);
  ev.later_knowledge = f.later_knowledge;
  if (const Charge* c = bearer == kNobody ? nullptr : charge(f, bearer)) {
    ev.standing = c->label;
    ev.disputed = c->disputed;
    if (c->rule) {
      ev.rule = c->rule->id;
      if (c->actor < f.e->actors.size()) ev.actor = f.e->actors[c->actor].name;
    }
  }
  std::string place;
  if (timing_and_place(f, role.find("fulfil") != std::string::npos, place)) ev.uncertain = place;
  if (!out_.evidence.empty()) {
    Evidence& last = out_.evidence.back();
    if (last.event == ev.event && last.role == ev.role && last.bearer == ev.bearer) {
      last.note += "; " + ev.note;
      last.disputed = last.disputed && ev.disputed;
      return;
    }
  }
  out_.evidence.push_back(std::move(ev));
}

void Query::not_relevant(const Fact& f, std::string why) { out_.not_relevant.emplace_back(f.event, std::move(why)); }

void Query::exclude(const Fact& f, const char* reason, std::string why) {
  out_.excluded.emplace_back(f.event, std::string(reason) + "\n" + why);
}

}  // namespace pactcheck
