// continuing_activity (construct 13): an activity (joint patrols, passage) that must begin by a deadline
// ("to begin on 15 March") and go on along a route. The start and the continuation are separate checks, per
// bearer: the start against the deadline (rules/deadlines: complied, complied_late, pending, violated); the
// continuation, once begun, against `max_gap` (a gap longer than that is a lapse: violated while it lasts, cured
// once the activity is seen again). A bearer's own pause (an event of suspend_event_types) is shown as such; it
// stops the max_gap clock only when an accepted exception covers it (a third party blocks the road) or the
// obligation allows unilateral suspension; agreed suspensions (effects) stop it always. The bearer's status is
// the worse of the two checks.
#include <algorithm>
#include <cmath>

#include "kinds/kind.hpp"
#include "params.hpp"
#include "rules/rules.hpp"

namespace pactcheck {
namespace {

constexpr double kOnLineKm = 0.01;  // coordinates rounded to about 10 m still lie on the route

bool has_any(const Event& e, const std::vector<TypeId>& types) {
  return std::any_of(types.begin(), types.end(), [&](TypeId t) { return e.has_type(t) || e.has_alternative_type(t); });
}

struct Interval {
  std::int64_t from, to;  // [from, to)
};

// The instant by which the activity is due again, `budget` ms after `t`, not counting time inside `stops`
// (sorted, merged). kNever when a stop never ends.
std::int64_t due_after(std::int64_t t, std::int64_t budget, const std::vector<Interval>& stops) {
  std::int64_t cur = t, left = budget;
  for (const Interval& s : stops) {
    if (s.to <= cur) continue;
    if (s.from > cur) {
      if (s.from - cur >= left) return cur + left;
      left -= s.from - cur;
    }
    if (s.to >= kNever) return kNever;
    cur = s.to;
  }
  return cur + left;
}

std::vector<Interval> merged(std::vector<Interval> list) {
  std::sort(list.begin(), list.end(), [](const Interval& x, const Interval& y) { return x.from < y.from; });
  std::vector<Interval> out;
  for (const Interval& i : list) {
    if (i.to <= i.from) continue;
    if (!out.empty() && i.from <= out.back().to) {
      out.back().to = std::max(out.back().to, i.to);
    } else {
      out.push_back(i);
    }
  }
  return out;
}

class ContinuingActivity : public Clause {
 public:
  DeadlineSpec start;
  std::size_t route = static_cast<std::size_t>(-1);  // an index into Agreement::lines
  double km = 0;
  std::vector<TypeId> activity_types, suspend_types, resume_types;
  std::optional<Duration> max_gap;

  std::uint64_t classify(const Event& e, const Agreement& a) const override {
    if (!e.has_where || route >= a.lines.size() || !a.lines[route].shape) return 0;
    const double d = a.lines[route].shape->distance_km(e.where);
    const double u = e.where_uncertainty_km, limit = km + kOnLineKm;
    if (d + u <= limit) return 1;      // on the route wherever within its uncertainty
    if (d - u <= limit) return 2;      // on it or off it, within its uncertainty
    return 0;
  }

  void marks(const Agreement& /*a*/, std::vector<std::pair<std::int64_t, std::string>>& out) const override {
    if (start.kind == DeadlineSpec::Kind::kDate) {
      out.emplace_back(start_of_day_utc(add_to_date(start.date, Duration{0, 0, 1, 0}), start.zone), "start due");
    } else if (start.kind == DeadlineSpec::Kind::kInstant) {
      out.emplace_back(start.instant.utc_ms, "start due");
    }
  }

  std::string route_name(const Agreement& a) const {
    if (route >= a.lines.size()) return "the route";
    return a.lines[route].name.empty() ? a.lines[route].id : a.lines[route].name;
  }

  double distance(const Agreement& a, const Event& e) const {
    if (!e.has_where || route >= a.lines.size() || !a.lines[route].shape) return 0;
    return a.lines[route].shape->distance_km(e.where);
  }

  std::string km_text(double d) const { return format_number(std::round(d * 10) / 10); }

  // Whether the activity event `f` counts as `b`'s activity on the route; records off-route events.
  bool on_route(Query& q, const Fact& f, Who b) const {
    const Agreement& a = q.agreement();
    if (!f.e->has_where) return q.assume(f, false, "the report gives no coordinates to place it on " + route_name(a));
    if (f.place.bits & 1U) return true;
    const double d = distance(a, *f.e);
    if (f.place.bits & 2U) {
      return q.assume(f, false, "it lies " + km_text(d) + " km from " + route_name(a) + ", within its location uncertainty (" +
                                    km_text(f.e->where_uncertainty_km) + " km) of the " + format_number(km) + " km it may be off it");
    }
    q.use(f, "off_route", b, km_text(d) + " km from " + route_name(a) + ", beyond the " + format_number(km) + " km that counts as on it: not counted");
    return false;
  }

  struct Pause {
    std::int64_t from = 0, to = kNever;
    std::string event, ended_by, excuse;
    bool excused = false;
  };
  struct Lapse {
    std::int64_t from = 0, to = kNever;  // to: when the activity was seen again (kNever: still lapsed)
    std::string after, ended_by;
    bool open = false;                   // rests on an open point
  };

  void evaluate(Query& q) const override {
    const Agreement& a = q.agreement();
    const Obligation& o = q.obligation();
    DeadlineState ds = deadline_state(q, start, false);
    const std::optional<Limit>& limit = ds.effective;
    if (limit) {
      q.out().deadline = limit->earliest >= kNever ? OJson{{"deadline", "suspended"}, {"due_before", nullptr}} : limit_json(*limit);
    } else {
      q.out().deadline = OJson{{"deadline", start.text}, {"due_before", nullptr}};
    }
    const std::int64_t horizon = std::min(q.as_of(), q.end.earliest);  // the activity is owed until then
    OJson per_bearer = OJson::array();
    std::vector<std::pair<std::string, std::vector<std::string>>> sentences;  // what was found, and for whom
    std::vector<bool> used(q.facts().size(), false);
    for (Who b : o.bearers) {
      BearerOutcome& out = q.out().bearer(b);
      const std::string name = a.name_of(b);
      std::vector<const Fact*> acts;
      std::vector<Pause> pauses;
      std::vector<Step> history;
      bool paused = false;
      for (std::size_t k = 0; k < q.facts().size(); ++k) {
        const Fact& f = q.facts()[k];
        if (!f.by_type) continue;
        const Event& e = *f.e;
        if (has_any(e, activity_types) && q.charge(f, b)) {
          used[k] = true;
          if (!q.done_by(f, b) || !on_route(q, f, b)) continue;
          acts.push_back(&f);
          if (paused) {
            pauses.back().to = e.when.earliest;
            pauses.back().ended_by = e.id;
            paused = false;
            history.push_back(Step{e.when.earliest, Status::kComplied, e.id, "active again: the pause ends"});
          }
        } else if (has_any(e, suspend_types) && q.charge(f, b)) {
          used[k] = true;
          if (!q.done_by(f, b)) continue;
          if (paused) {
            q.use(f, "pause", b, "a further pause while already paused: no change");
            continue;
          }
          const Charge* c = q.charge(f, b);
          Pause p;
          p.from = e.when.earliest;
          p.event = e.id;
          const auto spec = std::find_if(o.exceptions.begin(), o.exceptions.end(), [&](const ExceptionSpec& x) { return x.id == c->exception; });
          const std::string exception = spec != o.exceptions.end() ? spec->text : c->exception;
          if (c->excused) {
            p.excused = true;
            p.excuse = "excused by an accepted exception (" + exception + ")";
          } else if (c->claim_unresolved) {
            p.excused = q.assume(f, false, "an exception is claimed for the pause (" + exception + ") and no finding has settled the claim");
            p.excuse = "excused only if the exception claimed (" + exception + ") holds, which no finding has settled";
          } else if (o.unilateral_suspension_allowed) {
            p.excused = true;
            p.excuse = "excused: the obligation allows a bearer to suspend it";
          } else {
            p.excuse = c->exception.empty()
                           ? "not excused: no exception is claimed and the obligation does not allow a bearer to suspend it, so the clock runs"
                           : "not excused: the exception claimed (" + exception + ") was not accepted, so the clock runs";
          }
          q.use(f, "pause", b, "paused by " + name + ", " + p.excuse);
          history.push_back(Step{p.from, Status::kSuspended, e.id, std::string("paused (") + (p.excused ? "excused" : "not excused") + ")"});
          pauses.push_back(p);
          paused = true;
        } else if (has_any(e, resume_types) && q.charge(f, b)) {
          used[k] = true;
          if (!q.done_by(f, b)) continue;
          if (!paused) {
            q.use(f, "resumption", b, "no pause by " + name + " was in force");
            continue;
          }
          pauses.back().to = e.when.earliest;
          pauses.back().ended_by = e.id;
          paused = false;
          q.use(f, "resumption", b, "ends the pause of " + pauses.back().event);
          history.push_back(Step{e.when.earliest, Status::kComplied, e.id, "resumed"});
        }
      }
      // The start.
      std::optional<TimeRange> first;
      if (!acts.empty()) first = acts.front()->e->when;
      Status start_status = Status::kPending;
      std::string start_text;
      if (ds.waiting) {
        start_status = ds.anchor.uncertain ? Status::kUndetermined : Status::kNotTriggered;
        start_text = "the start is due " + start.text + ", and " + start.anchor.text +
                     (ds.anchor.uncertain ? " cannot be established from the reports" : " has not been reported");
      } else if (limit) {
        start_status = judge(first, *limit, q.as_of(), true);
        const std::string due = when_due(*limit);
        const std::string began = first ? " (" + acts.front()->e->id + ", " + q.when(*acts.front()) + ")" : "";
        switch (start_status) {
          case Status::kComplied: start_text = "began on time" + began + ", " + due; break;
          case Status::kCompliedLate: start_text = "began late" + began + "; it was due " + due; break;
          case Status::kPending: start_text = "has not been reported beginning yet; it is due " + due; break;
          case Status::kViolated: start_text = "was not reported beginning " + due; break;
          default:
            start_text = first ? "began" + began + " at a time that may fall either side of the start deadline (due " +
                                     (due.rfind("by ", 0) == 0 ? due.substr(3) : due) + ")"
                               : "no report shows it begun " + due;
        }
      }
      if (first) {
        const Fact& f0 = *acts.front();
        const bool late = start_status == Status::kCompliedLate;
        q.use(f0, late ? "late_fulfilment" : start_status == Status::kUndetermined ? "fulfilment_uncertain" : "fulfilment", b,
              std::string("the first activity on ") + route_name(a) + (late ? ", after the start deadline" : ""));
        history.push_back(Step{f0.e->when.earliest, late ? Status::kCompliedLate : Status::kComplied, f0.e->id,
                               late ? "began late" : "began"});
        out.done = f0.e->when;
      } else if (start_status == Status::kViolated && limit) {
        history.push_back(Step{limit->latest, Status::kViolated, "", "not begun by the start deadline"});
      }
      // The continuation: gaps longer than max_gap once begun, not counting excused pauses and agreed suspensions.
      std::vector<Lapse> lapses;
      std::size_t activities = acts.size();
      if (max_gap && first) {
        std::vector<Interval> stops;
        for (const Query::Suspension& s : q.suspensions) stops.push_back(Interval{s.from, s.to});
        for (const Pause& p : pauses) {
          if (p.excused) stops.push_back(Interval{p.from, p.to});
        }
        stops = merged(stops);
        auto due = [&](std::int64_t t) {
          const std::int64_t next = add_duration(t, *max_gap, a.zone);
          if (next <= t) return kNever;
          return due_after(t, next - t, stops);
        };
        std::int64_t prev = acts.front()->e->when.latest;
        std::string prev_id = acts.front()->e->id;
        for (std::size_t i = 1; i < acts.size(); ++i) {
          const Fact& f = *acts[i];
          const std::int64_t by = due(prev);
          if (by < kNever && f.e->when.latest > by) {
            const bool certain = f.e->when.earliest > by;
            if (certain || q.assume(f, true, "its time range leaves open whether the gap since " + prev_id + " exceeds " + describe(*max_gap))) {
              lapses.push_back(Lapse{by, f.e->when.earliest, prev_id, f.e->id, !certain});
              q.use(f, "activity", b, "on " + route_name(a) + " again, after a lapse since " + prev_id);
            } else {
              q.use(f, "activity", b, "on " + route_name(a));
            }
          } else {
            q.use(f, "activity", b, "on " + route_name(a));
          }
          if (f.e->when.latest > prev) {
            prev = f.e->when.latest;
            prev_id = f.e->id;
          }
        }
        const std::int64_t by = due(prev);
        if (by < kNever && horizon > by) lapses.push_back(Lapse{by, kNever, prev_id, "", false});
      } else {
        for (std::size_t i = 1; i < acts.size(); ++i) q.use(*acts[i], "activity", b, "on " + route_name(a));
      }
      // The continuation's status.
      Status cont = Status::kComplied;
      for (const Lapse& l : lapses) {
        history.push_back(Step{l.from, Status::kViolated, "", "lapse: no activity within " + describe(*max_gap) + " of " + l.after});
        if (l.to < kNever) history.push_back(Step{l.to, Status::kCured, l.ended_by, "activity again after the lapse"});
        cont = worst(cont, l.to < kNever ? Status::kCured : Status::kViolated);
      }
      if (paused && cont == Status::kComplied) cont = Status::kSuspended;
      out.status = worst(start_status, cont);
      // What the worse status hides, beside it in the headline.
      for (const Lapse& l : lapses) {
        if (l.to < kNever && out.status != Status::kCured) {
          out.remarks.push_back("lapsed " + format_date(local_date(l.from, a.zone)) + " to " + format_date(local_date(l.to, a.zone)));
        }
      }
      if (paused && out.status != Status::kSuspended) {
        out.remarks.push_back("paused since " + format_date(local_date(pauses.back().from, a.zone)));
      }
      std::stable_sort(history.begin(), history.end(), [](const Step& x, const Step& y) { return x.at < y.at; });
      out.history = history;
      // The bearer's sentence and figures.
      std::vector<std::string> parts;
      if (!start_text.empty()) parts.push_back(start_text);
      OJson pj = OJson::array(), lj = OJson::array();
      for (const Pause& p : pauses) {
        parts.push_back("paused on " + format_date(local_date(p.from, a.zone)) + " (" + p.event + "), " + p.excuse +
                        (p.to < kNever ? ", and resumed on " + format_date(local_date(p.to, a.zone)) + " (" + p.ended_by + ")"
                                       : ", and still paused"));
        pj.push_back(OJson{{"event", p.event}, {"from", format_instant(p.from, a.zone)},
                           {"to", p.to < kNever ? OJson(format_instant(p.to, a.zone)) : OJson(nullptr)},
                           {"ended_by", p.ended_by.empty() ? OJson(nullptr) : OJson(p.ended_by)}, {"excused", p.excused}, {"why", p.excuse}});
      }
      for (const Lapse& l : lapses) {
        parts.push_back(std::string("lapsed") + (l.open ? " (an open point)" : "") + ": no activity within " + describe(*max_gap) + " of " +
                        l.after + ", from " + format_instant(l.from, a.zone) +
                        (l.to < kNever ? " until " + l.ended_by + " (" + format_date(local_date(l.to, a.zone)) + ")" : ", and still lapsed"));
        lj.push_back(OJson{{"after", l.after}, {"from", format_instant(l.from, a.zone)},
                           {"to", l.to < kNever ? OJson(format_instant(l.to, a.zone)) : OJson(nullptr)},
                           {"ended_by", l.ended_by.empty() ? OJson(nullptr) : OJson(l.ended_by)}});
      }
      if (max_gap && first && lapses.empty()) parts.push_back("no gap longer than " + describe(*max_gap) + " so far");
      const std::string body = join_all(parts, "; ");
      const auto group = std::find_if(sentences.begin(), sentences.end(), [&](const auto& x) { return x.first == body; });
      if (group == sentences.end()) {
        sentences.emplace_back(body, std::vector<std::string>{name});
      } else {
        group->second.push_back(name);
      }
      per_bearer.push_back(OJson{{"party", a.id_of(b)},
                                 {"began", first ? OJson(format_instant(first->earliest, a.zone)) : OJson(nullptr)},
                                 {"first_event", first ? OJson(acts.front()->e->id) : OJson(nullptr)},
                                 {"activities", activities},
                                 {"last_activity", acts.empty() ? OJson(nullptr) : OJson(acts.back()->e->id)},
                                 {"paused", paused},
                                 {"pauses", pj},
                                 {"lapses", lj}});
    }
    for (std::size_t k = 0; k < q.facts().size(); ++k) {
      const Fact& f = q.facts()[k];
      if (f.by_type && !used[k]) q.not_relevant(f, "not by a bearer of this obligation");
    }
    q.out().progress = OJson{{"route", route_name(a)},
                             {"km", json_number(km)},
                             {"max_gap", max_gap ? OJson(describe(*max_gap)) : OJson(nullptr)},
                             {"bearers", per_bearer}};
    std::string text;
    for (const auto& [body, names] : sentences) {
      std::string sentence = body;
      if (names.size() > 1) {  // the bodies are written for one bearer
        for (const auto& [one, many] : {std::pair<std::string, std::string>{"has not been", "have not been"}, {"was not reported", "were not reported"}}) {
          for (auto at = sentence.find(one); at != std::string::npos; at = sentence.find(one, at + many.size())) sentence.replace(at, one.size(), many);
        }
      }
      text += (text.empty() ? "" : " ") + join_names(names) + " " + sentence + ".";
    }
    if (!max_gap) text += " No max_gap is set: only the start is checked.";
    q.out().explanation = text;
  }
};

// `start` as format 1.0 wrote it (an instant, or {"after": obligation} with no `within`) or as any deadline.
DeadlineSpec read_start(ParamReader& r) {
  Fields& f = r.fields();
  const Json* v = r.member("start");
  DeadlineSpec d;
  d.zone = r.agreement().zone;
  if (!v) {
    r.report(r.pointer(), "field.missing", "missing required field \"start\"");
    return d;
  }
  const std::string here = r.at("start");
  if (v->is_string()) {
    if (auto i = f.instant(*v, here)) {
      d.kind = DeadlineSpec::Kind::kInstant;
      d.instant = *i;
      d.text = format_instant(*i);
    }
    return d;
  }
  if (v->is_object() && f.member(*v, "after") && !f.member(*v, "within")) {
    f.reject_unknown(*v, here, {"after", "note"});
    d.anchor = r.condition_value(*v, here);
    if (d.anchor.kind == Condition::Kind::kNone) return d;
    d.kind = DeadlineSpec::Kind::kAfter;
    d.within = Duration{};
    d.day_counted = false;
    d.text = "at " + d.anchor.text;
    return d;
  }
  d = r.deadline("start");
  if (d.kind == DeadlineSpec::Kind::kEach) {
    r.report(here, "deadline.form", "the start is one deadline, not one before or after each event");
    d.kind = DeadlineSpec::Kind::kNone;
  }
  return d;
}

std::unique_ptr<Clause> read(ParamReader& r) {
  r.allow({"start", "until", "route", "km", "event_types", "suspend_event_types", "resume_event_types", "max_gap", "note"});
  auto c = std::make_unique<ContinuingActivity>();
  if (auto u = r.condition("until", false)) c->window.until = *u;
  c->start = read_start(r);
  if (c->start.kind == DeadlineSpec::Kind::kAfter) c->extra_conditions.emplace_back(&c->start.anchor, "/start/after");
  const std::string route = r.fields().id(r.params(), r.pointer(), "route", true);
  if (!route.empty()) {
    const auto& lines = r.agreement().lines;
    const auto it = std::find_if(lines.begin(), lines.end(), [&](const NamedLine& l) { return l.id == route; });
    if (it == lines.end()) {
      r.report(r.at("route"), "ref.line", "undefined line \"" + route + "\"");
    } else {
      c->route = static_cast<std::size_t>(it - lines.begin());
    }
  }
  c->km = r.number("km", false, 0, 20000).value_or(0);
  c->activity_types = r.types("event_types", true);
  c->suspend_types = r.types("suspend_event_types", false);
  c->resume_types = r.types("resume_event_types", false);
  c->max_gap = r.duration("max_gap", false);
  c->event_types = c->activity_types;
  for (const auto* list : {&c->suspend_types, &c->resume_types}) c->event_types.insert(c->event_types.end(), list->begin(), list->end());
  for (TypeId t : c->suspend_types) {
    if (std::find(c->activity_types.begin(), c->activity_types.end(), t) != c->activity_types.end()) {
      r.report(r.at("suspend_event_types"), "field.overlap", "an event type cannot be both the activity and its pause");
    }
  }
  return c;
}

}  // namespace

extern const KindDef kContinuingActivity{"continuing_activity",
                                         "an activity along a route that must begin by a deadline and recur at least every max_gap", read};

}  // namespace pactcheck
