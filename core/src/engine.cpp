// The engine orchestrates the stages of docs/architecture.md for every obligation, in dependency order:
// admit (time, knowledge, window, scope, grade), attribute, weigh, evaluate (the kind, in one or two passes),
// combine (passes, readings), and accounts for every event. It knows no kind by name.
#include "pactcheck/engine.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_set>

#include "evaluation.hpp"
#include "kinds/kind.hpp"
#include "params.hpp"
#include "rules/rules.hpp"
#include "sha256.hpp"

namespace pactcheck {
namespace {

struct Candidate {
  std::uint32_t event = 0;
  Placement place;
  bool by_type = false;         // its type (or an alternative) is one the clause looks at
  bool via_alternative = false; // only through an alternative type
};

constexpr std::size_t kAll = static_cast<std::size_t>(-1);

std::string scope_text(const Agreement& a, const SpatialScope& s) {
  std::vector<std::string> parts;
  for (std::size_t i : s.areas) parts.push_back(a.areas[i].name);
  for (std::size_t i : s.lines) parts.push_back("within " + format_number(s.km_of_lines) + " km of " + a.lines[i].name);
  return join_names(parts, " or ");
}

Placement::Where locate(const Agreement& a, const SpatialScope& s, const Event& e) {
  if (s.empty()) return Placement::Where::kInScope;
  if (!e.has_where) return Placement::Where::kUnknown;
  const double u = e.where_uncertainty_km;
  bool near = false;
  for (std::size_t i : s.areas) {
    const AreaShape* shape = a.areas[i].shape.get();
    if (!shape) continue;
    const bool inside = shape->contains(e.where);
    if (inside && (u <= 0 || shape->boundary_distance_km(e.where) > u)) return Placement::Where::kInScope;
    if (u > 0 && shape->boundary_distance_km(e.where) <= u) near = true;
  }
  for (std::size_t i : s.lines) {
    const LineShape* shape = a.lines[i].shape.get();
    if (!shape) continue;
    // Far from the line's latitude band: neither within the distance nor near it, without the geodesic.
    if (shape->distance_lower_bound_km(e.where) - u > s.km_of_lines) continue;
    const double d = shape->distance_km(e.where);
    if (d + u <= s.km_of_lines) return Placement::Where::kInScope;
    if (d - u <= s.km_of_lines) near = true;
  }
  return near ? Placement::Where::kNearBoundary : Placement::Where::kOutOfScope;
}

Evidence evidence(std::uint32_t event, std::string role, Who bearer, std::string note) {
  Evidence e;
  e.event = event;
  e.role = std::move(role);
  e.bearer = bearer;
  e.note = std::move(note);
  return e;
}

bool wants_type(const std::vector<TypeId>& wanted, TypeId t) { return std::find(wanted.begin(), wanted.end(), t) != wanted.end(); }

}  // namespace

struct Engine::State {
  std::shared_ptr<const Agreement> agreement;
  std::vector<Event> events;
  std::vector<std::vector<std::vector<Candidate>>> candidates;  // [obligation][reading]
  std::vector<std::vector<std::uint32_t>> events_by_type;        // TypeId -> events
  std::vector<std::vector<std::uint32_t>> effects_for;           // obligation -> events with effects on it
  std::vector<std::vector<std::uint32_t>> period_findings_for;   // obligation -> events with findings over a period
  FindingsIndex findings;
  std::vector<std::size_t> order;                                 // obligations, anchors before dependants
  mutable bool sorted = true;
  // Worked out on first use after the last add; cleared by add.
  mutable std::optional<std::vector<std::uint32_t>> report_order;
  mutable std::optional<std::string> digest;

  bool before(std::uint32_t x, std::uint32_t y) const {
    const Event& p = events[x];
    const Event& q = events[y];
    if (p.when.earliest != q.when.earliest) return p.when.earliest < q.when.earliest;
    if (p.when.latest != q.when.latest) return p.when.latest < q.when.latest;
    return p.id < q.id;
  }

  void add(Event&& event) {
    const auto index = static_cast<std::uint32_t>(events.size());
    sorted = false;
    report_order.reset();
    digest.reset();
    events.push_back(std::move(event));
    const Event& e = events.back();
    if (!e.ignore_reason.empty()) return;
    const Agreement& a = *agreement;
    for (TypeId t : e.types) events_by_type[t].push_back(index);
    for (std::size_t k = 0; k < e.findings.size(); ++k) {
      const Finding& f = e.findings[k];
      if (f.kind == Finding::Kind::kPeriod) {
        period_findings_for[f.obligation_index].push_back(index);
      } else {
        findings[f.event].emplace_back(index, static_cast<std::uint16_t>(k));
      }
    }
    std::vector<bool> has_effect(a.obligations.size(), false);
    for (const Effect& x : e.effects) {
      if (x.obligation_index < a.obligations.size() && !has_effect[x.obligation_index]) {
        has_effect[x.obligation_index] = true;
        effects_for[x.obligation_index].push_back(index);
      }
    }
    for (std::size_t o = 0; o < a.obligations.size(); ++o) {
      const Obligation& ob = a.obligations[o];
      for (std::size_t r = 0; r < ob.readings.size(); ++r) {
        const Clause& c = *ob.readings[r].clause;
        const bool primary = std::any_of(e.types.begin(), e.types.end(), [&](TypeId t) { return wants_type(c.event_types, t); });
        const bool alternative = std::any_of(e.alternative_types.begin(), e.alternative_types.end(),
                                             [&](TypeId t) { return wants_type(c.event_types, t); });
        if (!primary && !alternative && !has_effect[o]) continue;
        Candidate cand;
        cand.event = index;
        cand.by_type = primary || alternative;
        cand.via_alternative = !primary && alternative;
        cand.place.where = locate(a, c.scope, e);
        cand.place.bits = c.classify(e, a);
        candidates[o][r].push_back(cand);
      }
    }
  }

  void sort_if_needed() const {
    if (sorted) return;
    auto& self = const_cast<State&>(*this);
    auto by_time = [&](std::uint32_t x, std::uint32_t y) { return before(x, y); };
    for (auto& per_reading : self.candidates) {
      for (auto& list : per_reading) {
        std::stable_sort(list.begin(), list.end(), [&](const Candidate& x, const Candidate& y) { return before(x.event, y.event); });
      }
    }
    for (auto& list : self.events_by_type) std::sort(list.begin(), list.end(), by_time);
    for (auto& list : self.effects_for) std::sort(list.begin(), list.end(), by_time);
    for (auto& list : self.period_findings_for) std::sort(list.begin(), list.end(), by_time);
    sorted = true;
  }
};

namespace {

// One query: every obligation in dependency order, then the accounts.
class Run {
 public:
  Run(const Engine::State& s, const QueryOptions& q) : s_(s), a_(*s.agreement), q_(q) {}

  Evaluation go() {
    Evaluation out;
    out.options = q_;
    const std::size_t n = a_.obligations.size();
    anchors_.assign(n, std::nullopt);
    verdicts_.assign(n, Verdict{});
    used_.assign(s_.events.size(), false);
    reasons_.assign(s_.events.size(), {});
    notes_.assign(s_.events.size(), {});
    visible_.assign(s_.events.size(), 0);
    for (std::uint32_t i = 0; i < s_.events.size(); ++i) {
      const Event& e = s_.events[i];
      visible_[i] = e.ignore_reason.empty() && admit_time(e, q_).reason == nullptr ? 1 : 0;
    }
    for (std::size_t i : s_.order) evaluate(i);
    out.verdicts = std::move(verdicts_);
    account(out);
    return out;
  }

 private:
  ConditionContext context() const {
    return ConditionContext{a_, s_.events, s_.events_by_type, q_,
                            [this](std::size_t o) { return anchors_[o] ? &*anchors_[o] : nullptr; },
                            [this](std::uint32_t i) { return visible_[i] != 0; }};
  }

  void exclude(std::uint32_t e, const char* reason, std::size_t obligation, std::string detail) {
    for (const Exclusion& x : reasons_[e]) {
      if (x.reason == reason && x.obligation == obligation) return;
    }
    reasons_[e].push_back(Exclusion{reason, obligation, std::move(detail)});
  }

  // Every bearer gets `status`, every visible candidate is excluded with `reason`.
  Verdict not_in_force(std::size_t oi, std::size_t r, Status status, const std::string& text, const char* reason,
                       const std::string& detail) {
    const Obligation& o = a_.obligations[oi];
    Verdict v;
    v.obligation = oi;
    for (Who b : o.bearers) {
      BearerVerdict bv;
      bv.party = b;
      bv.status = status;
      v.bearers.push_back(bv);
    }
    v.explanation = text;
    for (const Candidate& c : s_.candidates[oi][r]) {
      if (visible_[c.event] && c.by_type) exclude(c.event, reason, oi, detail);
    }
    return v;
  }

  Verdict evaluate_reading(std::size_t oi, std::size_t r, Outcome& anchor) {
    const Obligation& o = a_.obligations[oi];
    const Clause& c = *o.readings[r].clause;
    const ConditionContext ctx = context();
    OJson notices = OJson::array();
    std::vector<std::uint32_t> notice_events;
    // A default branch: the obligation exists only if its condition holds.
    if (o.applies_if) {
      const Holding h = holds(ctx, *o.applies_if);
      if (!h.since) {
        const std::string why = h.never ? "which can no longer happen, so the other branch applies"
                                : h.uncertain ? "which cannot be established from the reports"
                                              : "which does not hold as of this report";
        Verdict v = not_in_force(oi, r, h.uncertain && !h.never ? Status::kUndetermined : Status::kNotTriggered,
                                 "Branch not taken: this obligation applies only if " + o.applies_if->text + ", " + why + ".",
                                 "not_triggered", "the branch of " + o.id + " is not taken");
        v.notices = OJson::array({OJson{{"kind", "branch"}, {"condition", o.applies_if->text}, {"taken", false}, {"why", why}}});
        return v;
      }
      notices.push_back(OJson{{"kind", "branch"}, {"condition", o.applies_if->text}, {"taken", true},
                              {"since", format_instant(h.since->earliest, a_.zone)}});
      for (std::uint32_t e : h.events) notice_events.push_back(e);
    }
    std::vector<std::uint32_t> effects;
    for (std::uint32_t e : s_.effects_for[oi]) {
      if (visible_[e]) effects.push_back(e);
    }
    Window w = resolve_window(ctx, o, oi, c, effects);
    for (auto& n : w.notices) notices.push_back(n);
    // A trigger: the obligation exists once it has happened.
    std::vector<std::uint32_t> trigger_events;
    if (c.trigger) {
      const Holding h = holds(ctx, *c.trigger);
      if (!h.since) {
        return not_in_force(oi, r, h.uncertain ? Status::kUndetermined : Status::kNotTriggered,
                            "Not triggered: " + c.trigger->text + ", which brings this obligation into force, has not been reported" +
                                (h.uncertain ? " with certainty." : "."),
                            "not_triggered", o.id + " had not been triggered by the as-of instant");
      }
      trigger_events = h.events;
    }
    if (!w.start || w.start->earliest > q_.as_of) {
      const std::string what = c.window.from.kind == Condition::Kind::kInstant ? "at " + w.start_text : w.start_text;
      return not_in_force(oi, r, w.start_uncertain ? Status::kUndetermined : Status::kNotTriggered,
                          "Not yet in force as of this report: it starts " + (w.start ? "at " + w.start_text : w.start_text) +
                              (w.start_uncertain ? ", which cannot be established from the reports." : "."),
                          "before_start", o.id + " was not yet in force at the as-of instant");
    }
    anchor.started = w.start;
    // Admit.
    std::vector<Fact> facts;
    std::map<std::string, std::size_t> kept_out;
    std::vector<std::pair<std::uint32_t, std::string>> during_suspension;
    std::map<std::uint32_t, std::vector<std::uint32_t>> findings_of;
    std::vector<std::pair<std::uint32_t, std::uint16_t>> period_findings;
    for (std::uint32_t e : s_.period_findings_for[oi]) {
      if (!s_.events[e].ignore_reason.empty() || !known_in(s_.events[e], q_)) continue;
      for (std::size_t k = 0; k < s_.events[e].findings.size(); ++k) {
        const Finding& x = s_.events[e].findings[k];
        if (x.kind == Finding::Kind::kPeriod && x.obligation_index == oi) period_findings.emplace_back(e, static_cast<std::uint16_t>(k));
      }
    }
    const bool limited_window = c.window.from.kind != Condition::Kind::kNone || w.end.earliest < kNever;
    for (const Candidate& cand : s_.candidates[oi][r]) {
      if (!visible_[cand.event]) continue;
      const Event& e = s_.events[cand.event];
      const TimeAdmission t = admit_time(e, q_);
      Fact f;
      f.event = cand.event;
      f.e = &e;
      f.place = cand.place;
      f.by_type = cand.by_type;
      f.timing = t.timing;
      f.later_knowledge = t.later_knowledge;
      if (cand.by_type) {
        const bool alternatives_match = std::any_of(e.alternative_types.begin(), e.alternative_types.end(),
                                                    [&](TypeId ty) { return wants_type(c.event_types, ty); });
        const bool primary_match = !cand.via_alternative;
        if (cand.via_alternative || (!e.alternative_types.empty() && !(primary_match && alternatives_match))) {
          f.type_match = Certainty::kMaybe;
        }
        // Every reason the window, the scope and the grades give is recorded, each with this obligation.
        const std::int64_t act_end = e.lasts ? (e.ends ? e.ends->latest : q_.as_of) : e.when.latest;
        bool kept = false;
        auto keep_out = [&](const char* reason, std::string detail) {
          exclude(cand.event, reason, oi, std::move(detail));
          ++kept_out[reason];
          kept = true;
        };
        if (limited_window && act_end < w.start->earliest) {
          keep_out("before_start", "happened before " + o.id + " applied (" + w.start_text + ")");
        }
        if (e.when.earliest >= w.end.latest) keep_out("after_end", "happened after " + o.id + " ended (" + w.end_text + ")");
        if (cand.place.where == Placement::Where::kOutOfScope) {
          keep_out("out_of_scope", "outside the spatial scope of " + o.id + " (" + scope_text(a_, c.scope) + ")");
          Fact ctx_fact = f;
          attribute(a_, o, oi, e, ctx_fact);
          if (!ctx_fact.charges.empty()) out_of_scope_context_.push_back({oi, cand.event, ctx_fact.charges.front().bearer});
        }
        if (!o.counts_grades.empty() && !e.grade.empty() &&
            std::find(o.counts_grades.begin(), o.counts_grades.end(), e.grade) == o.counts_grades.end()) {
          keep_out("grade_not_counted", "graded \"" + e.grade + "\", a grade " + o.id + " does not count");
        }
        if (kept) continue;
        const bool straddles_start = !e.lasts && limited_window && e.when.earliest < w.start->latest;
        const bool straddles_end = e.when.latest >= w.end.earliest;
        if (straddles_start || straddles_end) f.in_window = Certainty::kMaybe;
        if (cand.place.where != Placement::Where::kInScope) f.in_scope = Certainty::kMaybe;
      }
      attribute(a_, o, oi, e, f);
      Weighing weighing{a_, o, s_.events, s_.findings, q_,
                        [&](std::size_t other, Who not_this, std::int64_t t_before) {
                          return breached_before(other, oi, facts, not_this, t_before);
                        },
                        period_findings};
      const auto used_findings = weigh(weighing, f);
      if (!used_findings.empty()) findings_of[f.event] = used_findings;
      if (cand.by_type) {
        bool in_suspension = false;
        for (const Query::Suspension& sw : w.suspensions) {
          if (e.when.earliest >= sw.from && e.when.latest < sw.to) in_suspension = true;
        }
        if (in_suspension) {
          during_suspension.emplace_back(cand.event, "happened while the obligation was suspended by agreement; not counted");
          continue;
        }
      }
      facts.push_back(std::move(f));
    }
    // Evaluate, in one or two passes.
    ReadingResult result;
    auto run = [&](Pass pass, Outcome& out) {
      for (Who b : o.bearers) {
        out.bearers.emplace_back();
        out.bearers.back().party = b;
      }
      Query q(a_, o, c, oi, q_.as_of, pass, facts, s_.events, out);
      q.start = *w.start;
      q.end = w.end;
      q.start_text = w.start_text;
      q.end_text = w.end_text;
      q.ended_how = w.end.latest <= q_.as_of ? w.ended_how : "";
      q.suspensions = w.suspensions;
      q.kept_out = kept_out;
      q.outcome_of = [this](std::size_t other) { return anchors_[other] ? &*anchors_[other] : nullptr; };
      q.resolve = [this](const Condition& cond) { return holds(context(), cond); };
      c.evaluate(q);
      out.started = w.start;
    };
    run(Pass::kAgainst, result.against);
    if (!result.against.maybes.empty()) {
      result.for_bearers.emplace();
      run(Pass::kFor, *result.for_bearers);
    }
    // What kinds excluded or found not relevant, for the accounts.
    for (const Outcome* out : {&result.against, result.for_bearers ? &*result.for_bearers : nullptr}) {
      if (!out) continue;
      for (const auto& [e, text] : out->excluded) {
        const auto cut = text.find('\n');
        exclude(e, text.substr(0, cut).c_str(), oi, text.substr(cut + 1));
      }
      for (const auto& [e, why] : out->not_relevant) notes_[e].push_back(Exclusion{"not_relevant", oi, why});
    }
    Verdict v;
    v.obligation = oi;
    combine_passes(a_, o, result, v);
    apply_period_findings(a_, o, s_.events, period_findings, q_.as_of, v);
    // Evidence the engine adds: acts during an agreed suspension, the notices' events, the findings used.
    for (const auto& [e, why] : during_suspension) v.evidence.push_back(evidence(e, "during_suspension", kNobody, why));
    for (std::size_t k = 0; k < w.effect_events.size(); ++k) {
      const OJson& n = w.notices[k];
      const std::string kind = n["kind"].get<std::string>();
      const std::string role = kind == "suspend" ? (n.value("accepted", false) ? "suspension" : "unilateral_suspension")
                               : kind == "resume" ? "resumption"
                                                  : kind;
      v.evidence.push_back(evidence(w.effect_events[k], role, kNobody, n.value("note", std::string())));
    }
    for (std::uint32_t e : notice_events) v.evidence.push_back(evidence(e, "branch", kNobody, "decides which branch applies"));
    for (std::uint32_t e : trigger_events) v.evidence.push_back(evidence(e, "trigger", kNobody, "brings the obligation into force"));
    // The events shown so far, as a set kept up to date: one scan, not one per finding.
    std::unordered_set<std::uint32_t> shown_events;
    if (!findings_of.empty()) {
      for (const Evidence& x : v.evidence) shown_events.insert(x.event);
    }
    for (const auto& entry : findings_of) {
      const std::uint32_t e = entry.first;
      const std::vector<std::uint32_t>& list = entry.second;
      if (shown_events.count(e) == 0) continue;
      for (std::uint32_t fe : list) {
        v.evidence.push_back(evidence(fe, "finding", kNobody, "a finding about " + s_.events[e].id));
        shown_events.insert(fe);
        v.evidence.back().later_knowledge = !q_.known_at && s_.events[fe].known_at() > q_.as_of;
      }
    }
    std::string out_of_scope_note;
    for (const auto& [from_o, e, bearer] : out_of_scope_context_) {
      if (from_o != oi) continue;
      if (out_of_scope_note.empty()) {
        out_of_scope_note = "outside the clause's scope (" + scope_text(a_, c.scope) + "): listed as context, not counted";
      }
      v.evidence.push_back(evidence(e, "out_of_scope", bearer, out_of_scope_note));
    }
    out_of_scope_context_.clear();
    // Suspension and end, over whatever the kind found.
    if (const Query::Suspension* sw = [&]() -> const Query::Suspension* {
          for (const Query::Suspension& x : w.suspensions) {
            if (q_.as_of >= x.from && q_.as_of < x.to) return &x;
          }
          return nullptr;
        }()) {
      for (std::size_t i = 0; i < v.bearers.size(); ++i) {
        BearerVerdict& b = v.bearers[i];
        const bool done = i < result.against.bearers.size() && result.against.bearers[i].done.has_value();
        const bool settled = b.status == Status::kViolated || b.status == Status::kCompliedLate ||
                             b.status == Status::kCured || (done && b.status == Status::kComplied);
        if (!settled) b.status = Status::kSuspended;
      }
      v.explanation += " Suspended by agreement since " + s_.events[sw->event].time_text + " (" + s_.events[sw->event].id + ").";
    }
    if (!w.ended_how.empty() && w.ended_how != "expired" && w.end.latest <= q_.as_of) {
      for (BearerVerdict& b : v.bearers) {
        // A breach before the end stands, and so does an open point about one; a verdict that falls only after the
        // end (a deadline that passed once the obligation had ended) does not; the rest ended.
        const bool open_point = b.status == Status::kUndetermined && b.if_against.has_value();
        std::int64_t first_breach = kNever;
        for (const Step& step : b.history) {
          if (step.status == Status::kViolated) first_breach = std::min(first_breach, step.at);
        }
        const bool breach_before_end = first_breach < w.end.earliest;
        const bool settled = b.status == Status::kCompliedLate || b.status == Status::kCured ||
                             (b.status == Status::kViolated && (breach_before_end || b.history.empty()));
        if (!settled && !(open_point && breach_before_end)) {
          b.status = Status::kEnded;
          b.history.erase(std::remove_if(b.history.begin(), b.history.end(), [&](const Step& step) { return step.at >= w.end.earliest; }),
                          b.history.end());
          b.history.push_back(Step{w.end.earliest, Status::kEnded, s_.events[w.ended_by].id, "ended"});
          b.if_against.reset();
          b.if_for.reset();
          b.open_points.clear();
          b.why.clear();
        }
      }
      const std::string how = w.ended_how == "agreed" ? "ended by agreement of the parties"
                              : w.ended_how == "superseded" ? "was superseded"
                                                            : "lapsed: what it concerns ceased to exist";
      v.explanation += " It " + how + " at " + w.end_text + " (" + s_.events[w.ended_by].id + ").";
    }
    if (!notices.empty()) v.notices = notices;
    anchor = std::move(result.against);
    // An anchor the other pass completes is uncertain, not absent.
    if (result.for_bearers) {
      for (std::size_t i = 0; i < anchor.bearers.size() && i < result.for_bearers->bearers.size(); ++i) {
        if (!anchor.bearers[i].done && result.for_bearers->bearers[i].done) {
          anchor.bearers[i].done = result.for_bearers->bearers[i].done;
          anchor.bearers[i].status = Status::kUndetermined;
        }
      }
    }
    for (std::size_t i = 0; i < anchor.bearers.size() && i < v.bearers.size(); ++i) {
      if (v.bearers[i].status == Status::kUndetermined) anchor.bearers[i].status = Status::kUndetermined;
    }
    anchor.started = w.start;
    return v;
  }

  // Whether a bearer other than `not_this` breached obligation `other` before `t` (counter-breach defences).
  bool breached_before(std::size_t other, std::size_t current, const std::vector<Fact>& facts, Who not_this, std::int64_t t) const {
    if (other == current) {
      return std::any_of(facts.begin(), facts.end(), [&](const Fact& f) {
        return f.e->when.latest < t && std::any_of(f.charges.begin(), f.charges.end(), [&](const Charge& c) {
                 return c.bearer != not_this && c.standing == Certainty::kCertain && !c.excused;
               });
      });
    }
    if (!anchors_[other]) return false;
    for (const BearerOutcome& b : anchors_[other]->bearers) {
      if (b.party == not_this) continue;
      for (const Step& s : b.history) {
        if (s.status == Status::kViolated && s.at < t) return true;
      }
    }
    return false;
  }

  void evaluate(std::size_t oi) {
    const Obligation& o = a_.obligations[oi];
    std::vector<Verdict> per_reading;
    Outcome anchor;
    for (std::size_t r = 0; r < o.readings.size(); ++r) {
      Outcome reading_anchor;
      per_reading.push_back(evaluate_reading(oi, r, reading_anchor));
      if (r == 0) anchor = std::move(reading_anchor);
    }
    Verdict v;
    combine_readings(a_, o, per_reading, v);
    v.obligation = oi;
    finish_verdict(a_, o, s_.events, v);
    // Sorted through their positions (stable, as sorting the entries would be), then moved once.
    {
      std::vector<std::uint32_t> by(v.evidence.size());
      for (std::uint32_t i = 0; i < by.size(); ++i) by[i] = i;
      std::stable_sort(by.begin(), by.end(), [&](std::uint32_t i, std::uint32_t j) {
        const Evidence& x = v.evidence[i];
        const Evidence& y = v.evidence[j];
        if (x.event != y.event) return s_.before(x.event, y.event);
        return x.bearer < y.bearer;
      });
      std::vector<Evidence> sorted;
      sorted.reserve(by.size());
      for (std::uint32_t i : by) sorted.push_back(std::move(v.evidence[i]));
      v.evidence = std::move(sorted);
    }
    for (std::size_t i = 0; i < anchor.bearers.size() && i < v.bearers.size(); ++i) {
      if (v.bearers[i].status == Status::kUndetermined) anchor.bearers[i].status = Status::kUndetermined;
    }
    anchors_[oi] = std::move(anchor);
    for (const Evidence& e : v.evidence) {
      if (e.role != "out_of_scope") used_[e.event] = true;
    }
    verdicts_[oi] = std::move(v);
  }

  void account(Evaluation& out) {
    out.accounts.resize(s_.events.size());
    for (std::uint32_t i = 0; i < s_.events.size(); ++i) {
      const Event& e = s_.events[i];
      EventAccount& acc = out.accounts[i];
      const TimeAdmission t = admit_time(e, q_);
      if (e.ignore_reason == "malformed") {
        acc.fate = EventAccount::Fate::kIgnored;
        acc.reasons.push_back(Exclusion{e.ignore_reason, kAll, e.ignore_detail});
      } else if (used_[i]) {
        acc.fate = EventAccount::Fate::kUsed;  // a finding reported after the as-of instant is used, as later knowledge
      } else if (t.reason) {
        acc.fate = EventAccount::Fate::kIgnored;
        acc.reasons.push_back(Exclusion{t.reason, kAll, t.detail});
      } else if (!e.ignore_reason.empty()) {
        acc.fate = EventAccount::Fate::kIgnored;
        acc.reasons.push_back(Exclusion{e.ignore_reason, kAll, e.ignore_detail});
      } else if (!reasons_[i].empty()) {
        acc.fate = EventAccount::Fate::kIgnored;
        acc.reasons = reasons_[i];
      } else {
        acc.fate = EventAccount::Fate::kNotRelevant;
        acc.reasons = notes_[i];
      }
      if (acc.fate == EventAccount::Fate::kUsed) ++out.used;
      if (acc.fate == EventAccount::Fate::kNotRelevant) ++out.not_relevant;
      if (acc.fate == EventAccount::Fate::kIgnored) ++out.ignored;
      if (acc.fate == EventAccount::Fate::kUsed && !q_.known_at && e.known_at() > q_.as_of) ++out.later_knowledge;
    }
  }

  const Engine::State& s_;
  const Agreement& a_;
  const QueryOptions& q_;
  std::vector<std::optional<Outcome>> anchors_;
  std::vector<Verdict> verdicts_;
  std::vector<bool> used_;
  std::vector<std::vector<Exclusion>> reasons_, notes_;
  std::vector<char> visible_;
  struct ContextAct {
    std::size_t obligation;
    std::uint32_t event;
    Who bearer;
  };
  std::vector<ContextAct> out_of_scope_context_;
};

// Obligations in an order where every anchor comes before the obligations that wait for it.
std::vector<std::size_t> dependency_order(const Agreement& a) {
  const std::size_t n = a.obligations.size();
  std::vector<std::vector<std::size_t>> dependants(n);
  std::vector<std::size_t> pending(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const Obligation& o = a.obligations[i];
    std::vector<std::size_t> anchors;
    if (o.applies_if) condition_anchors(*o.applies_if, anchors);
    for (const Reading& r : o.readings) {
      condition_anchors(r.clause->window.from, anchors);
      condition_anchors(r.clause->window.until, anchors);
      if (r.clause->trigger) condition_anchors(*r.clause->trigger, anchors);
      for (const auto& [c, where] : r.clause->extra_conditions) condition_anchors(*c, anchors);
    }
    std::sort(anchors.begin(), anchors.end());
    anchors.erase(std::unique(anchors.begin(), anchors.end()), anchors.end());
    for (std::size_t anchor : anchors) {
      if (anchor == i) continue;
      dependants[anchor].push_back(i);
      ++pending[i];
    }
  }
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < n; ++i) {
    if (pending[i] == 0) order.push_back(i);
  }
  for (std::size_t k = 0; k < order.size(); ++k) {
    for (std::size_t d : dependants[order[k]]) {
      if (--pending[d] == 0) order.push_back(d);
    }
  }
  return order;  // the reader rejects cycles, so this holds every obligation
}

}  // namespace

Engine::Engine(std::shared_ptr<const Agreement> agreement) : state_(std::make_unique<State>()) {
  state_->agreement = std::move(agreement);
  const Agreement& a = *state_->agreement;
  state_->candidates.resize(a.obligations.size());
  for (std::size_t o = 0; o < a.obligations.size(); ++o) state_->candidates[o].resize(a.obligations[o].readings.size());
  state_->events_by_type.resize(a.event_types.size());
  state_->effects_for.resize(a.obligations.size());
  state_->period_findings_for.resize(a.obligations.size());
  state_->order = dependency_order(a);
}

Engine::~Engine() = default;

void Engine::add(Event&& event) { state_->add(std::move(event)); }
void Engine::reserve(std::size_t count) { state_->events.reserve(count); }

Evaluation Engine::evaluate(const QueryOptions& options) const {
  state_->sort_if_needed();
  return Run(*state_, options).go();
}

const Agreement& Engine::agreement() const { return *state_->agreement; }
const std::vector<Event>& Engine::events() const { return state_->events; }
bool Engine::before(std::uint32_t a, std::uint32_t b) const { return state_->before(a, b); }

const std::vector<std::uint32_t>& Engine::in_report_order() const {
  if (!state_->report_order) {
    std::vector<std::uint32_t> order(state_->events.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) { return state_->before(x, y); });
    state_->report_order = std::move(order);
  }
  return *state_->report_order;
}

const std::string& Engine::input_digest() const {
  if (!state_->digest) {
    const auto& events = state_->events;
    std::vector<std::size_t> order(events.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      const Event& x = events[a];
      const Event& y = events[b];
      if (x.when.earliest != y.when.earliest) return x.when.earliest < y.when.earliest;
      if (x.id != y.id) return x.id < y.id;
      return x.digest < y.digest;
    });
    Sha256 sha;
    sha.update(state_->agreement->canonical_digest);
    sha.update("\n");
    for (std::size_t i : order) {
      sha.update(events[i].digest);
      sha.update("\n");
    }
    state_->digest = "sha256:" + sha.hex_digest();
  }
  return *state_->digest;
}

std::optional<std::int64_t> Engine::latest_event_time() const {
  std::optional<std::int64_t> latest;
  for (const Event& e : state_->events) {
    if (!e.ignore_reason.empty()) continue;
    if (!latest || e.when.latest > *latest) latest = e.when.latest;
  }
  return latest;
}

std::vector<std::pair<std::int64_t, std::string>> Engine::marks() const {
  std::vector<std::pair<std::int64_t, std::string>> out;
  const Agreement& a = *state_->agreement;
  for (const Obligation& o : a.obligations) {
    std::vector<std::pair<std::int64_t, std::string>> list;
    o.clause().marks(a, list);
    for (auto& [at, label] : list) out.emplace_back(at, o.id + (label.empty() ? "" : " " + label));
  }
  return out;
}

}  // namespace pactcheck
