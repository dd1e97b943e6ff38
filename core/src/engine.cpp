#include "pactcheck/engine.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

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
    case Status::kComplied: return "complied";
  }
  return "undetermined";
}

nlohmann::ordered_json json_number(double value) {
  if (std::floor(value) == value && std::fabs(value) < 9e15) return nlohmann::ordered_json(static_cast<long long>(value));
  return nlohmann::ordered_json(value);
}

namespace {

using OJson = nlohmann::ordered_json;

enum class Where { kInScope, kOutOfScope, kUnknown };

// What the engine learnt about one event for one obligation when the event was added.
struct Candidate {
  std::size_t event = 0;
  Where where = Where::kInScope;
  std::uint64_t inside_positions = 0;  // hold_positions: bit i set when inside bearer i's areas
};

// A deadline as an exclusive bound that may be uncertain: an act is on time when it certainly happened
// before `earliest`, late when it certainly happened at or after `latest`.
struct Limit {
  std::int64_t earliest = 0, latest = 0;
  int offset_minutes = 0;
  std::string text;          // "2020-11-15", or "2021-02-28 to 2021-03-01" when the anchor is uncertain
  bool end_of_day = false;   // a date: the bound is 00:00 of the next day
  std::string rule;          // relative deadlines: "1 month after completion of j2-first-meeting"
  bool extended = false;     // moved by an agreed suspension: `text` is then the exclusive bound
};

// When an obligation was completed, for obligations anchored on it.
struct Completion {
  bool done = false;
  bool uncertain = false;  // its own verdict was undetermined
  TimeSpan when;
};

std::string party_name(const Agreement& a, const std::string& id) {
  const Party* p = a.party(id);
  return p ? p->name : id;
}

std::string join_names(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

Status worst(Status a, Status b) { return static_cast<int>(a) < static_cast<int>(b) ? a : b; }

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

OJson agreed_json(const std::map<std::string, double>& totals) {
  OJson out = OJson::object();
  for (const auto& [party, total] : totals) out[party] = json_number(total);
  return out;
}

std::string format_number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return OJson(v).dump();
}

}  // namespace

struct Engine::State {
  std::shared_ptr<const Agreement> agreement;
  std::vector<Event> events;
  std::vector<std::vector<Candidate>> candidates;  // per obligation
  std::vector<std::size_t> order;                   // obligations, anchors before dependants
  mutable bool sorted = true;

  // ---- Classification when an event is added --------------------------------------------------------------

  Where locate(const Obligation& o, const Event& e) const {
    if (o.scope.empty()) return Where::kInScope;
    if (!e.has_where) return Where::kUnknown;
    for (std::size_t a : o.scope.areas) {
      if (agreement->areas[a].shape->contains(e.where)) return Where::kInScope;
    }
    for (std::size_t l : o.scope.lines) {
      if (agreement->lines[l].shape->distance_km(e.where) <= o.scope.km_of_lines) return Where::kInScope;
    }
    return Where::kOutOfScope;
  }

  void add(Event&& event) {
    const std::size_t index = events.size();
    sorted = false;  // ties and late arrivals alike: the report order is (time, id), never input order
    events.push_back(std::move(event));
    const Event& e = events.back();
    if (!e.ignore_reason.empty()) return;
    for (std::size_t i = 0; i < agreement->obligations.size(); ++i) {
      const Obligation& o = agreement->obligations[i];
      bool relevant = false;
      switch (o.kind) {
        case Kind::kActByDeadline:
          relevant = contains(o.fulfilled_by.event_types, e.type) || (o.trigger && contains(o.trigger->event_types, e.type));
          break;
        case Kind::kTerm:
          relevant = contains(o.notice_event_types, e.type) || contains(o.breach_event_types, e.type);
          break;
        case Kind::kNotEvaluated:
          break;
        default:
          relevant = contains(o.event_types, e.type);
      }
      for (const Effect& effect : e.effects) relevant = relevant || effect.obligation_index == i;
      if (!relevant) continue;
      Candidate c{index, locate(o, e), 0};
      if (o.kind == Kind::kHoldPositions && e.has_where) {
        for (std::size_t b = 0; b < o.bearers.size() && b < 64; ++b) {
          const auto it = o.positions.find(o.bearers[b]);
          if (it == o.positions.end()) continue;
          for (std::size_t area : it->second) {
            if (agreement->areas[area].shape->contains(e.where)) c.inside_positions |= (std::uint64_t{1} << b);
          }
        }
      }
      candidates[i].push_back(c);
    }
  }

  void sort_if_needed() const {
    if (sorted) return;
    auto& self = const_cast<State&>(*this);
    for (auto& list : self.candidates) {
      std::stable_sort(list.begin(), list.end(), [&](const Candidate& a, const Candidate& b) { return before(a.event, b.event); });
    }
    sorted = true;
  }

  // The report's order of events: by earliest time, then latest time, then id.
  bool before(std::size_t a, std::size_t b) const {
    const Event& x = events[a];
    const Event& y = events[b];
    if (x.when.earliest.utc_ms != y.when.earliest.utc_ms) return x.when.earliest.utc_ms < y.when.earliest.utc_ms;
    if (x.when.latest.utc_ms != y.when.latest.utc_ms) return x.when.latest.utc_ms < y.when.latest.utc_ms;
    return x.id < y.id;
  }
};

namespace {

// Evaluates every obligation for one (as_of, excluded) query.
class Evaluator {
  struct Window {
    std::int64_t from, to;  // UTC ms, [from, to)
    std::size_t event;      // the suspending event
  };

 public:
  Evaluator(const Engine::State& s, const Instant& as_of, const std::set<std::string>& excluded)
      : s_(s), a_(*s.agreement), as_of_(as_of), excluded_(excluded) {}

  Evaluation run() {
    Evaluation out;
    out.as_of = as_of_;
    const std::size_t n = a_.obligations.size();
    completions_.assign(n, Completion{});
    verdicts_.assign(n, Verdict{});
    used_.assign(s_.events.size(), false);
    ignore_reason_.assign(s_.events.size(), std::string());
    ignore_detail_.assign(s_.events.size(), std::string());
    for (std::size_t i : s_.order) evaluate(i);
    out.verdicts = std::move(verdicts_);
    account(out);
    return out;
  }

 private:
  bool visible(std::size_t e) const {
    const Event& ev = s_.events[e];
    return ev.ignore_reason.empty() && excluded_.count(ev.id) == 0 && ev.when.earliest.utc_ms <= as_of_.utc_ms;
  }

  // Records why an event was not used, unless a reason is already known.
  void ignore(std::size_t e, const char* reason, std::string detail) {
    if (ignore_reason_[e].empty() || (ignore_reason_[e] == "irrelevant" && std::string(reason) != "irrelevant")) {
      ignore_reason_[e] = reason;
      ignore_detail_[e] = std::move(detail);
    }
  }

  void use(Verdict& v, std::size_t e, const char* role, std::string bearer, std::string note, bool disputed = false) {
    used_[e] = true;
    if (!v.evidence.empty()) {
      Evidence& last = v.evidence.back();
      if (last.event == e && last.role == role && last.bearer == bearer) {
        last.note += "; " + note;
        last.disputed = last.disputed && disputed;
        return;
      }
    }
    v.evidence.push_back(Evidence{e, role, std::move(bearer), std::move(note), disputed});
  }

  const Event& ev(std::size_t e) const { return s_.events[e]; }

  // Resolves a time reference; nullopt when it depends on an obligation not completed as of now.
  std::optional<TimeSpan> resolve(const TimeRef& ref) const {
    switch (ref.kind) {
      case TimeRef::Kind::kNone: return std::nullopt;
      case TimeRef::Kind::kInstant: return TimeSpan{ref.instant, ref.instant};
      case TimeRef::Kind::kAfterObligation: {
        const Completion& c = completions_[ref.obligation];
        if (!c.done) return std::nullopt;
        return c.when;
      }
    }
    return std::nullopt;
  }

  Limit limit_for_date(const LocalDate& date, int offset, const std::string& text) const {
    const Instant next = start_of_day(add_to_date(date, Duration{0, 0, 1, 0}), offset);
    return Limit{next.utc_ms, next.utc_ms, offset, text, true, ""};
  }

  // The deadline as written, resolved as of now; nullopt when it is anchored on something not yet done.
  std::optional<Limit> limit_for(const DeadlineSpec& d) const {
    switch (d.kind) {
      case DeadlineSpec::Kind::kNone: return std::nullopt;
      case DeadlineSpec::Kind::kDate: return limit_for_date(d.date, d.offset_minutes, d.text);
      case DeadlineSpec::Kind::kInstant:
        return Limit{d.instant.utc_ms + 1, d.instant.utc_ms + 1, d.instant.offset_minutes, d.text, false, ""};
      case DeadlineSpec::Kind::kAfterInstrument: {
        const LocalDate due = add_to_date(a_.instruments[d.anchor].date, d.within);
        Limit l = limit_for_date(due, d.offset_minutes, format_date(due));
        l.rule = d.text;
        return l;
      }
      case DeadlineSpec::Kind::kAfterObligation: {
        const Completion& c = completions_[d.anchor];
        if (!c.done) return std::nullopt;
        const LocalDate first = add_to_date(local_date(c.when.earliest.utc_ms, d.offset_minutes), d.within);
        const LocalDate last = add_to_date(local_date(c.when.latest.utc_ms, d.offset_minutes), d.within);
        Limit lo = limit_for_date(first, d.offset_minutes, "");
        Limit hi = limit_for_date(last, d.offset_minutes, "");
        const std::string dates = format_date(first) == format_date(last) ? format_date(first)
                                                                           : format_date(first) + " to " + format_date(last);
        return Limit{lo.earliest, hi.latest, d.offset_minutes, dates, true, d.text};
      }
    }
    return std::nullopt;
  }

  OJson limit_json(const Limit& l) const {
    OJson j;
    j["deadline"] = l.text;
    if (!l.rule.empty()) j["rule"] = l.rule;
    if (l.end_of_day || l.extended) {
      j["due_before"] = l.earliest == l.latest ? format_instant(l.earliest, l.offset_minutes)
                                               : format_instant(l.earliest, l.offset_minutes) + " to " +
                                                     format_instant(l.latest, l.offset_minutes);
    } else {
      j["due_by"] = format_instant(l.earliest - 1, l.offset_minutes);
    }
    return j;
  }

  std::string when_text(const Limit& l) const {
    if (l.earliest == INT64_MAX) return "once the agreed suspension ends";  // the clock is stopped: no instant yet
    const std::string zone = l.offset_minutes == 0 ? "UTC" : "UTC" + format_offset(l.offset_minutes);
    std::string out = l.extended     ? "before " + l.text + " (extended by an agreed suspension)"
                      : l.end_of_day ? "by the end of " + l.text + " (" + zone + ")"
                                     : "by " + format_instant(l.earliest - 1, l.offset_minutes);
    if (!l.rule.empty()) out += ", " + l.rule;
    return out;
  }

  static std::string span_text(const Event& e) {
    return e.when.exact() ? e.time_text
                          : "between " + format_instant(e.when.earliest) + " and " + format_instant(e.when.latest);
  }

  // Status of a done-or-not act against one deadline.
  Status judge(const std::optional<std::size_t>& act, const Limit& l, bool absence_is_violation) const {
    if (act) {
      const TimeSpan& w = ev(*act).when;
      if (w.latest.utc_ms < l.earliest) return Status::kComplied;
      if (w.earliest.utc_ms >= l.latest) return Status::kCompliedLate;
      return Status::kUndetermined;
    }
    if (as_of_.utc_ms < l.earliest) return Status::kPending;
    if (as_of_.utc_ms >= l.latest) return absence_is_violation ? Status::kViolated : Status::kUndetermined;
    return Status::kUndetermined;
  }

  // Agreed suspensions of this obligation as [from, to) windows; a suspension not agreed by every party with
  // role "party" is listed as evidence but not accepted.
  void collect_suspensions(std::size_t index, Verdict& v) {
    windows_.clear();
    std::vector<std::string> required;
    for (const Party& p : a_.parties) {
      if (p.role == "party") required.push_back(p.id);
    }
    bool is_open = false;
    std::size_t open = 0;
    for (const Candidate& c : s_.candidates[index]) {
      if (!visible(c.event)) continue;
      for (const Effect& effect : ev(c.event).effects) {
        if (effect.obligation_index != index) continue;
        if (effect.kind == "suspend" && is_open) {
          use(v, c.event, "suspension", "", "a further suspension while one is already in force; no change");
        } else if (effect.kind == "suspend") {
          std::vector<std::string> missing;
          for (const std::string& p : required) {
            if (!contains(effect.agreed_by, p)) missing.push_back(party_name(a_, p));
          }
          if (missing.empty()) {
            is_open = true;
            open = c.event;
            use(v, c.event, "suspension", "", "suspends the obligation by agreement of the parties");
          } else {
            use(v, c.event, "unilateral_suspension", "", "a suspension not agreed by " + join_names(missing) + ": not accepted");
          }
        } else if (effect.kind == "resume" && is_open) {
          windows_.push_back({ev(open).when.earliest.utc_ms, ev(c.event).when.earliest.utc_ms, open});
          use(v, c.event, "resumption", "", "ends the suspension");
          is_open = false;
        }
      }
    }
    if (is_open) windows_.push_back({ev(open).when.earliest.utc_ms, INT64_MAX, open});
  }

  const Window* suspended_at(std::int64_t t) const {
    for (const Window& w : windows_) {
      if (t >= w.from && t < w.to) return &w;
    }
    return nullptr;
  }

  void evaluate(std::size_t index) {
    const Obligation& o = a_.obligations[index];
    Verdict& v = verdicts_[index];
    v.obligation = index;
    collect_suspensions(index, v);
    switch (o.kind) {
      case Kind::kProhibition:
      case Kind::kHoldPositions: evaluate_prohibition(o, v); break;
      case Kind::kActByDeadline: evaluate_act(o, v, completions_[index]); break;
      case Kind::kQuantityCap: evaluate_cap(o, v); break;
      case Kind::kExchange: evaluate_exchange(o, v); break;
      case Kind::kTerm: evaluate_term(o, v); break;
      case Kind::kQualitative: evaluate_qualitative(o, v); break;
      case Kind::kNotEvaluated:
        for (const std::string& b : o.bearers) v.bearers.push_back({b, Status::kUndetermined, false, o.reason});
        v.explanation = "No verdict: " + o.reason + ".";
        break;
    }
    if (const Window* w = suspended_at(as_of_.utc_ms)) {
      // Findings made before the suspension stand; what is still open is suspended.
      const bool done_counts = o.kind == Kind::kActByDeadline || o.kind == Kind::kExchange;
      for (BearerVerdict& b : v.bearers) {
        const bool settled = b.status == Status::kViolated || b.status == Status::kCompliedLate || b.status == Status::kCured ||
                             (done_counts && b.status == Status::kComplied);
        if (!settled) b.status = Status::kSuspended;
      }
      v.explanation += " Suspended by agreement since " + ev(w->event).time_text + " (" + ev(w->event).id + ").";
    }
    v.status = Status::kComplied;
    for (const BearerVerdict& b : v.bearers) v.status = worst(v.status, b.status);
    // The obligation is disputed when its violation rests only on bearers' verdicts that are disputed.
    v.disputed = v.status == Status::kViolated;
    for (const BearerVerdict& b : v.bearers) {
      if (b.status == Status::kViolated && !b.disputed) v.disputed = false;
    }
    if (v.bearers.empty()) v.status = Status::kUndetermined;
  }

  // Before `from` (or when `from` is not yet known), every bearer is not_triggered. Returns the start span.
  std::optional<TimeSpan> start_or_not_triggered(const Obligation& o, Verdict& v, const char* what) {
    if (o.from.kind == TimeRef::Kind::kNone) return TimeSpan{Instant{INT64_MIN / 2, 0}, Instant{INT64_MIN / 2, 0}};
    const auto start = resolve(o.from);
    if (!start || start->earliest.utc_ms > as_of_.utc_ms) {
      for (const std::string& b : o.bearers) v.bearers.push_back({b, Status::kNotTriggered, false, ""});
      v.explanation = std::string("Not yet in force as of this report: ") + what + " starts " +
                      (start ? "at " + format_instant(start->earliest) : "on " + o.from.text) + ".";
      for (const Candidate& c : s_.candidates[v.obligation]) {
        if (visible(c.event)) ignore(c.event, "before_start", o.id + " was not yet in force at the as-of instant");
      }
      return std::nullopt;
    }
    return start;
  }

  void evaluate_prohibition(const Obligation& o, Verdict& v) {
    const bool positions = o.kind == Kind::kHoldPositions;
    const auto start = start_or_not_triggered(o, v, positions ? "the duty to hold positions" : "the prohibition");
    if (!start) return;
    const auto until = resolve(o.until);
    struct Tally {
      std::vector<std::string> violations;
      std::size_t disputed = 0, undetermined = 0;
      std::vector<std::string> undetermined_ids;
    };
    std::vector<Tally> tally(o.bearers.size());
    std::size_t out_of_scope = 0, before_start = 0;
    for (const Candidate& c : s_.candidates[v.obligation]) {
      if (!visible(c.event)) continue;
      const Event& e = ev(c.event);
      if (!contains(o.event_types, e.type)) continue;
      const Side side = side_of(e.when, start->latest.utc_ms);
      if (side == Side::kBefore || (side == Side::kStraddles && e.when.latest.utc_ms < start->earliest.utc_ms)) {
        ignore(c.event, "before_start", "happened before " + o.id + " applied (" + format_instant(start->earliest) + ")");
        ++before_start;
        continue;
      }
      if (until && e.when.earliest.utc_ms >= until->latest.utc_ms) {
        ignore(c.event, "out_of_scope", "happened after " + o.id + " ended");
        continue;
      }
      if (c.where == Where::kOutOfScope) {
        ignore(c.event, "out_of_scope", "outside the spatial scope of " + o.id);
        ++out_of_scope;
        continue;
      }
      if (const Window* w = suspended_at(e.when.earliest.utc_ms)) {
        if (suspended_at(e.when.latest.utc_ms) == w) {
          use(v, c.event, "during_suspension", "", "happened while the obligation was suspended by agreement; not counted");
          continue;
        }
      }
      const bool straddles = side == Side::kStraddles || (until && side_of(e.when, until->earliest.utc_ms) == Side::kStraddles);
      bool any_bearer = false;
      for (std::size_t b = 0; b < o.bearers.size(); ++b) {
        const std::string& bearer = o.bearers[b];
        if (!e.has_actor_party(bearer)) continue;
        any_bearer = true;
        if (positions && c.where != Where::kUnknown && e.has_where && (c.inside_positions >> b & 1U)) {
          use(v, c.event, "consistent", bearer, "within " + party_name(a_, bearer) + "'s area at the start");
          continue;
        }
        if (straddles) {
          use(v, c.event, "undetermined", bearer, "its reported time range straddles the start or end of the obligation");
          tally[b].undetermined_ids.push_back(e.id);
          continue;
        }
        if (c.where == Where::kUnknown || (positions && !e.has_where)) {
          use(v, c.event, "undetermined", bearer, "the report gives no coordinates to place it in scope");
          tally[b].undetermined_ids.push_back(e.id);
          continue;
        }
        const bool denied = contains(e.attribution.denied_by, bearer);
        const bool disputed = denied && e.attribution.observed_by.empty();
        std::string note = positions ? "advance outside " + party_name(a_, bearer) + "'s area at the start" : "prohibited act";
        if (!e.attribution.alleged_by.empty()) {
          std::vector<std::string> names;
          for (const auto& p : e.attribution.alleged_by) names.push_back(a_.has_party(p) ? party_name(a_, p) : p);
          note += ", alleged by " + join_names(names);
        }
        if (denied) note += ", denied by " + party_name(a_, bearer);
        if (!e.attribution.observed_by.empty()) note += ", observed by " + join_names(e.attribution.observed_by);
        use(v, c.event, "violation", bearer, note, disputed);
        tally[b].violations.push_back(e.id);
        if (disputed) ++tally[b].disputed;
      }
      if (!any_bearer && e.has_unattributed_actor()) {
        for (std::size_t b = 0; b < o.bearers.size(); ++b) tally[b].undetermined_ids.push_back(e.id);
        use(v, c.event, "undetermined", "", "no party is named as responsible");
      } else if (!any_bearer) {
        ignore(c.event, "irrelevant", "");  // acts of non-bearers: considered, not counted
      }
    }
    std::size_t consistent = 0;
    for (const Evidence& e : v.evidence) consistent += e.role == "consistent" ? 1 : 0;
    std::vector<std::string> parts, clean;
    for (std::size_t b = 0; b < o.bearers.size(); ++b) {
      BearerVerdict bv{o.bearers[b], Status::kComplied, false, ""};
      const Tally& t = tally[b];
      const std::string name = party_name(a_, o.bearers[b]);
      if (!t.violations.empty()) {
        bv.status = Status::kViolated;
        bv.disputed = t.disputed == t.violations.size();
        std::string part = "violated by " + name + " (" + plural(t.violations.size(), "event", "events") + ": " +
                           join_names(t.violations) + ")";
        if (bv.disputed) part += ", resting only on allegations " + name + " denies";
        parts.push_back(part);
      } else if (!t.undetermined_ids.empty()) {
        bv.status = Status::kUndetermined;
        parts.push_back("undetermined for " + name + " (" + join_names(t.undetermined_ids) +
                        ": responsibility, place or time not established)");
      } else {
        clean.push_back(name);
      }
      v.bearers.push_back(bv);
    }
    if (!clean.empty()) {
      std::string names;
      for (std::size_t i = 0; i < clean.size(); ++i) names += (i == 0 ? "" : i + 1 == clean.size() ? " or " : ", ") + clean[i];
      parts.push_back("no violation by " + names + " is reported");
    }
    std::string text;
    for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? "; " : "") + parts[i];
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    text += " since " + format_instant(start->earliest.utc_ms, a_.local_offset_minutes) + ".";
    if (out_of_scope > 0) text += " " + plural(out_of_scope, "event", "events") + " outside the spatial scope " +
                                  (out_of_scope == 1 ? "was" : "were") + " not counted.";
    if (before_start > 0) text += " " + plural(before_start, "event", "events") + " before the start " +
                                  (before_start == 1 ? "was" : "were") + " not counted.";
    if (consistent > 0) text += " " + plural(consistent, "advance lies", "advances lie") +
                                " within the advancing party's own area at the start, which the clause allows.";
    v.explanation = text;
  }

  bool matches(const EventMatch& m, const Event& e, const std::string& bearer) const {
    if (!contains(m.event_types, e.type)) return false;
    if (!m.subject.empty() && e.subject != m.subject) return false;
    if (m.by_bearer && !e.has_actor_party(bearer)) return false;
    return true;
  }

  void evaluate_act(const Obligation& o, Verdict& v, Completion& completion) {
    const auto& list = s_.candidates[v.obligation];
    // Trigger: the obligation exists only once a trigger event has happened.
    if (o.trigger) {
      std::optional<std::size_t> trigger;
      for (const Candidate& c : list) {
        if (visible(c.event) && matches(*o.trigger, ev(c.event), "")) {
          trigger = c.event;
          break;
        }
      }
      if (!trigger) {
        for (const std::string& b : o.bearers) v.bearers.push_back({b, Status::kNotTriggered, false, ""});
        v.explanation = "Not triggered: no event of type " + join_names(o.trigger->event_types) +
                        (o.trigger->subject.empty() ? "" : " concerning " + o.trigger->subject) +
                        ", which brings this obligation into force, has been reported.";
        return;
      }
      use(v, *trigger, "trigger", "", "brings the obligation into force");
    }
    // The deadline as written, then its amendments in the order they were announced.
    std::optional<Limit> original = limit_for(o.deadline);
    if (o.deadline.kind == DeadlineSpec::Kind::kAfterObligation && !original) {
      const Verdict& anchor = verdicts_[o.deadline.anchor];
      const bool unsure = anchor.status == Status::kUndetermined;
      for (const std::string& b : o.bearers) {
        v.bearers.push_back({b, unsure ? Status::kUndetermined : Status::kNotTriggered, false, ""});
      }
      v.explanation = std::string(unsure ? "Undetermined" : "Not triggered") + ": the deadline runs from the completion of " +
                      a_.obligations[o.deadline.anchor].id + ", which " +
                      (unsure ? "cannot be established from the reports." : "has not been reported as of this report.");
      v.deadline = OJson{{"deadline", o.deadline.text}, {"due_before", nullptr}};
      return;
    }
    std::optional<Limit> effective = original;
    OJson history = OJson::array();
    if (original) {
      OJson h = limit_json(*original);
      h["set_by"] = "agreement";
      history.push_back(h);
    }
    std::vector<std::size_t> amendments;
    for (const Candidate& c : list) {
      if (!visible(c.event)) continue;
      for (const Effect& effect : ev(c.event).effects) {
        if (effect.kind != "amend_deadline" || effect.obligation_index != v.obligation) continue;
        effective = limit_for(effect.deadline);
        amendments.push_back(c.event);
        OJson h = limit_json(*effective);
        h["set_by"] = ev(c.event).id;
        h["announced"] = ev(c.event).time_text;
        history.push_back(h);
        use(v, c.event, "amendment", "", "moves the deadline to " + effect.deadline.text);
      }
    }
    // An agreed suspension that begins before the deadline stops its clock for as long as it lasts.
    if (effective) {
      for (const Window& w : windows_) {
        if (w.from >= effective->earliest) continue;
        if (w.to == INT64_MAX) {
          effective->earliest = effective->latest = INT64_MAX;
          effective->text = "suspended";
          effective->end_of_day = false;
        } else {
          effective->earliest += w.to - w.from;
          effective->latest += w.to - w.from;
          effective->extended = true;
          effective->text = format_instant(effective->earliest, effective->offset_minutes);
        }
        OJson h = effective->earliest == INT64_MAX ? OJson{{"deadline", "suspended"}, {"due_before", nullptr}} : limit_json(*effective);
        h["set_by"] = ev(w.event).id;
        h["announced"] = ev(w.event).time_text;
        h["reason"] = "the clock stops during the agreed suspension";
        history.push_back(h);
        if (effective->earliest == INT64_MAX) break;
      }
    }
    if (effective) {
      v.deadline = effective->earliest == INT64_MAX ? OJson{{"deadline", "suspended"}, {"due_before", nullptr}} : limit_json(*effective);
      v.deadline["history"] = history;
    }
    // Without by_bearer, one act by anyone discharges the obligation for every bearer at once.
    std::vector<std::vector<std::string>> groups;
    if (o.fulfilled_by.by_bearer) {
      for (const std::string& bearer : o.bearers) groups.push_back({bearer});
    } else {
      groups.push_back(o.bearers);
    }
    std::vector<std::string> parts;
    for (const auto& group : groups) {
      std::optional<std::size_t> act;
      for (const Candidate& c : list) {
        if (visible(c.event) && matches(o.fulfilled_by, ev(c.event), group.front())) {
          act = c.event;
          break;
        }
      }
      std::vector<std::string> names;
      for (const std::string& bearer : group) names.push_back(party_name(a_, bearer));
      const std::string who = join_names(names);
      const bool many = group.size() > 1;
      const std::string done = act ? " (" + ev(*act).id + ", " + span_text(ev(*act)) + ")" : "";
      Status status = Status::kPending;
      if (!effective) {
        status = act ? Status::kComplied : Status::kPending;
        parts.push_back(act ? "Done" + done + "; no deadline applies"
                            : who + (many ? " have" : " has") + " not been reported doing it; no deadline applies");
      } else {
        status = judge(act, *effective, o.absence_is_violation);
        const std::string due = when_text(*effective);
        switch (status) {
          case Status::kComplied: parts.push_back("Done on time" + done + ", " + due); break;
          case Status::kCompliedLate: parts.push_back("Done late" + done + "; it was due " + due); break;
          case Status::kPending:
            parts.push_back(who + (many ? " have" : " has") + " not been reported doing it yet; it is due " + due);
            break;
          case Status::kViolated:
            parts.push_back(who + (many ? " were" : " was") + " not reported doing it " + due);
            break;
          default:
            parts.push_back(act ? "Done" + done + ", but that time range straddles the deadline (due " + due.substr(3) + ")"
                                : "No report shows it done " + due +
                                      ", and the log is not taken as complete for this obligation, so no verdict");
        }
        if (!amendments.empty() && original) {
          const Status against = judge(act, *original, o.absence_is_violation);
          v.deadline["against_original"] = status_name(against);
          if (against != status) {
            std::string name = status_name(against);
            std::replace(name.begin(), name.end(), '_', ' ');
            parts.back() += "; against the original deadline (" + original->text + ") it is " + name +
                            ", which the amendment of " + ev(amendments.back()).id + " superseded";
          }
        }
      }
      if (act) {
        const bool late = status == Status::kCompliedLate;
        const bool unsure = status == Status::kUndetermined;
        use(v, *act, late ? "late_fulfilment" : unsure ? "fulfilment_uncertain" : "fulfilment",
            o.fulfilled_by.by_bearer ? group.front() : "",
            late ? "the act, done after the deadline" : unsure ? "the act, at a time that may fall either side of the deadline" : "the act");
        if (!completion.done &&
            (status == Status::kComplied || status == Status::kCompliedLate || status == Status::kUndetermined)) {
          completion.done = true;
          completion.when = ev(*act).when;
        }
      }
      for (const std::string& bearer : group) v.bearers.push_back({bearer, status, false, ""});
    }
    // Repeated or superfluous reports of the act are listed but not counted twice.
    for (const Candidate& c : list) {
      if (visible(c.event) && !used_[c.event]) ignore(c.event, "irrelevant", "");
    }
    std::string text;
    for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? "; " : "") + parts[i];
    v.explanation = text + ".";
  }

  void evaluate_cap(const Obligation& o, Verdict& v) {
    const auto start = o.from.kind == TimeRef::Kind::kNone ? std::optional<TimeSpan>(TimeSpan{}) : resolve(o.from);
    struct Ledger {
      double level = 0, peak = 0;
      bool reported = false;
      std::string peak_event;
    };
    std::map<std::string, Ledger> ledger;
    std::map<std::string, double> not_covered;
    for (const Candidate& c : s_.candidates[v.obligation]) {
      if (!visible(c.event)) continue;
      const Event& e = ev(c.event);
      if (o.from.kind != TimeRef::Kind::kNone && (!start || e.when.latest.utc_ms < start->earliest.utc_ms)) {
        ignore(c.event, "before_start", "before " + o.id + " applies");
        continue;
      }
      bool counted = false, listed = false;
      for (const Quantity& q : e.quantities) {
        const auto cap = std::find_if(o.caps.begin(), o.caps.end(), [&](const Cap& k) { return k.category == q.category; });
        if (cap == o.caps.end()) {
          not_covered[q.category] = q.value;
          use(v, c.event, "not_covered", "", q.category + " (" + format_number(q.value) + ") is not a category this clause caps");
          listed = true;
          continue;
        }
        if (q.basis == "planned") {
          use(v, c.event, "planned", "", "planned figure of " + format_number(q.value) + " " + q.category + ", not counted");
          listed = true;
          continue;
        }
        Ledger& l = ledger[q.category];
        l.level = q.basis == "increment" ? l.level + q.value : q.value;
        l.reported = true;
        if (l.level > l.peak) {
          l.peak = l.level;
          l.peak_event = e.id;
        }
        counted = true;
        use(v, c.event, "level", "", q.category + " at " + format_number(l.level) + " of at most " + format_number(cap->max));
      }
      if (!counted && !listed) ignore(c.event, "irrelevant", "");
    }
    OJson caps = OJson::array();
    Status status = Status::kComplied;
    std::vector<std::string> over, cured, within;
    for (const Cap& cap : o.caps) {
      const Ledger& l = ledger[cap.category];
      OJson j{{"category", cap.category}, {"max", json_number(cap.max)}};
      j["reported_level"] = l.reported ? json_number(l.level) : OJson(nullptr);
      j["peak"] = l.reported ? json_number(l.peak) : OJson(nullptr);
      caps.push_back(j);
      if (!l.reported) continue;
      if (l.level > cap.max) {
        status = worst(status, Status::kViolated);
        over.push_back(cap.category + " at " + format_number(l.level) + " against " + format_number(cap.max));
      } else if (l.peak > cap.max) {
        status = worst(status, Status::kCured);
        cured.push_back(cap.category + " peaked at " + format_number(l.peak) + " (" + l.peak_event + ") and is back to " +
                        format_number(l.level));
      } else {
        within.push_back(cap.category + " " + format_number(l.level) + " of " + format_number(cap.max));
      }
    }
    OJson nc = OJson::array();
    for (const auto& [category, value] : not_covered) nc.push_back(OJson{{"category", category}, {"last_reported", json_number(value)}});
    v.progress = OJson{{"caps", caps}, {"not_covered", nc}};
    for (const std::string& b : o.bearers) v.bearers.push_back({b, status, false, ""});
    std::string text;
    if (!over.empty()) text = "Over the cap: " + join_names(over) + ".";
    if (!cured.empty()) text += std::string(text.empty() ? "" : " ") + "Over the cap earlier, now within it: " + join_names(cured) + ".";
    if (over.empty() && cured.empty()) {
      text = within.empty() ? "No reported level of a capped category." : "Every reported level is within its cap: " + join_names(within) + ".";
    }
    if (!not_covered.empty()) {
      std::vector<std::string> names;
      for (const auto& [category, value] : not_covered) names.push_back(category);
      text += " Reported but not covered by the clause (no verdict): " + join_names(names) + ".";
    }
    v.explanation = text;
  }

  void evaluate_exchange(const Obligation& o, Verdict& v) {
    const bool agreed = !o.agreed_totals.empty();
    // What each bearer owes: the agreed totals of every other party it hands over to.
    std::map<std::string, double> owed;
    for (const std::string& party : o.bearers) {
      for (const auto& [receiver, total] : o.agreed_totals) {
        if (receiver != party) owed[party] += total;
      }
    }
    std::map<std::string, std::map<std::string, double>> given;  // from -> category -> total
    std::map<std::string, double> received, delivered;             // to -> total; from -> total
    std::map<std::string, std::size_t> completed_by;               // from -> event that reached its total
    double unknown_direction = 0;
    OJson reported = OJson::array();
    std::size_t batches = 0;
    for (const Candidate& c : s_.candidates[v.obligation]) {
      if (!visible(c.event)) continue;
      const Event& e = ev(c.event);
      bool counted = false;
      for (const Quantity& q : e.quantities) {
        if (!contains(o.categories, q.category)) continue;
        if (q.basis == "cumulative_report" || q.basis == "level") {
          reported.push_back(OJson{{"event", e.id}, {"category", q.category}, {"value", json_number(q.value)},
                                   {"from", q.from.empty() ? OJson(nullptr) : OJson(q.from)},
                                   {"to", q.to.empty() ? OJson(nullptr) : OJson(q.to)}});
          use(v, c.event, "reported_total", "", "a running total reported by a party or the press, shown beside the computed one");
          counted = true;
          continue;
        }
        if (q.basis == "planned") continue;
        if (q.to.empty() && q.from.empty()) {
          unknown_direction += q.value;
        } else {
          if (!q.from.empty()) {
            given[q.from][q.category] += q.value;
            delivered[q.from] += q.value;
            if (agreed && owed.count(q.from) && !completed_by.count(q.from) && delivered[q.from] >= owed[q.from]) {
              completed_by[q.from] = c.event;
            }
          }
          if (!q.to.empty()) received[q.to] += q.value;
        }
        counted = true;
      }
      if (counted) {
        ++batches;
        if (!used_[c.event]) use(v, c.event, "exchange", "", "exchange batch");
      } else {
        ignore(c.event, "irrelevant", "");
      }
    }
    OJson sides = OJson::array();
    for (const std::string& party : o.bearers) {
      OJson g = OJson::object();
      for (const auto& [category, value] : given[party]) g[category] = json_number(value);
      sides.push_back(OJson{{"party", party}, {"given", g}, {"total_given", json_number(delivered[party])},
                            {"total_received", json_number(received[party])},
                            {"owed", agreed ? json_number(owed[party]) : OJson(nullptr)},
                            {"completed_by", completed_by.count(party) ? OJson(ev(completed_by[party]).id) : OJson(nullptr)}});
    }
    const std::optional<Limit> deadline = limit_for(o.deadline);
    std::vector<std::string> parts;
    for (const std::string& party : o.bearers) {
      BearerVerdict bv{party, Status::kPending, false, ""};
      std::string part = party_name(a_, party) + " handed over " + format_number(delivered[party]) +
                         (agreed ? " of " + format_number(owed[party]) + " agreed" : "") + " and received " +
                         format_number(received[party]);
      if (!agreed) {
        bv.status = batches == 0 ? Status::kPending : Status::kUndetermined;
      } else if (completed_by.count(party)) {
        // Reached: on time or late against the deadline, judged by the batch that completed it.
        bv.status = deadline ? judge(completed_by[party], *deadline, true) : Status::kComplied;
        part += ", completing its share with " + ev(completed_by[party]).id;
        if (bv.status == Status::kCompliedLate) part += ", after the deadline";
      } else if (deadline && as_of_.utc_ms >= deadline->latest) {
        bv.status = Status::kViolated;
        part += ", short of the total when it fell due " + when_text(*deadline);
      } else {
        bv.status = Status::kPending;
        if (deadline) part += "; the total is due " + when_text(*deadline);
      }
      parts.push_back(part);
      v.bearers.push_back(bv);
    }
    v.progress = OJson{{"principle", o.principle.empty() ? OJson(nullptr) : OJson(o.principle)},
                       {"agreed_totals", agreed ? agreed_json(o.agreed_totals) : OJson(nullptr)},
                       {"completeness", agreed ? OJson(nullptr) : OJson(batches == 0 ? "none" : "partial")},
                       {"sides", sides},
                       {"direction_unknown", json_number(unknown_direction)},
                       {"reported_totals", reported}};
    if (deadline) v.deadline = limit_json(*deadline);
    std::string text = std::to_string(batches) + " exchange " + (batches == 1 ? "batch" : "batches") + " reported: ";
    for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? "; " : "") + parts[i];
    if (unknown_direction > 0) text += "; " + format_number(unknown_direction) + " more with no direction given";
    text += ".";
    if (!agreed && batches > 0) {
      text += " There is no agreed total" + std::string(o.principle.empty() ? "" : " (\"" + o.principle + "\")") +
              ", so whether everyone was exchanged cannot be established from the reports.";
    }
    v.explanation = text;
  }

  // A notice under a term ends the regime at the end of the first period whose notice deadline it precedes.
  void evaluate_term(const Obligation& o, Verdict& v) {
    const int zone = a_.local_offset_minutes;
    if (as_of_.utc_ms < o.term_start.utc_ms) {
      for (const std::string& b : o.bearers) v.bearers.push_back({b, Status::kNotTriggered, false, ""});
      v.explanation = "The term starts at " + format_instant(o.term_start.utc_ms, zone) + ".";
      return;
    }
    std::vector<std::size_t> notices;  // events, once each, in time order
    std::vector<std::size_t> breaches;
    for (const Candidate& c : s_.candidates[v.obligation]) {
      if (!visible(c.event)) continue;
      const Event& e = ev(c.event);
      bool notice = false;
      for (const Effect& effect : e.effects) {
        notice = notice || (effect.kind == "notice" && effect.obligation_index == v.obligation && contains(o.notice_by, effect.party));
      }
      if (contains(o.notice_event_types, e.type)) {
        for (const Actor& actor : e.actors) notice = notice || contains(o.notice_by, actor.party);
      }
      if (notice) notices.push_back(c.event);
      if (contains(o.breach_event_types, e.type)) breaches.push_back(c.event);
      if (!notice && !contains(o.breach_event_types, e.type)) ignore(c.event, "irrelevant", "");
    }
    const Duration back{-o.notice_before.years, -o.notice_before.months, -o.notice_before.days, -o.notice_before.hours};
    Instant period_start = o.term_start;
    Instant expiry = add_duration(period_start, o.term_length, zone);
    Instant notice_deadline = add_duration(expiry, back, zone);
    int renewals = 0;
    std::optional<std::size_t> ending_notice;
    std::map<std::size_t, int> late_for_period;  // notice event -> the period it came too late for
    for (int guard = 0; guard < 10000; ++guard) {
      for (std::size_t n : notices) {
        if (ev(n).when.latest.utc_ms < notice_deadline.utc_ms) {
          ending_notice = n;
          break;
        }
        if (ev(n).when.earliest.utc_ms < expiry.utc_ms && !late_for_period.count(n)) late_for_period[n] = renewals + 1;
      }
      if (ending_notice || as_of_.utc_ms < expiry.utc_ms || !o.renewal_automatic || o.renewal_period.empty()) break;
      period_start = expiry;
      expiry = add_duration(period_start, o.renewal_period, zone);
      notice_deadline = add_duration(expiry, back, zone);
      ++renewals;
    }
    const bool ended = as_of_.utc_ms >= expiry.utc_ms && (ending_notice || !o.renewal_automatic);
    v.progress = OJson{{"period", renewals + 1},
                       {"period_start", format_instant(period_start.utc_ms, zone)},
                       {"expires", format_instant(expiry.utc_ms, zone)},
                       {"notice_deadline", o.notice_before.empty() ? OJson(nullptr) : OJson(format_instant(notice_deadline.utc_ms, zone))},
                       {"renewals", renewals},
                       {"ending_notice", ending_notice ? OJson(ev(*ending_notice).id) : OJson(nullptr)},
                       {"ended", ended}};
    std::vector<std::string> late_ids;
    for (std::size_t n : notices) {
      const Event& e = ev(n);
      if (ending_notice && n == *ending_notice) {
        std::string note = "notice given before the notice deadline of period " + std::to_string(renewals + 1) +
                           ": the regime ends when that period expires";
        if (late_for_period.count(n)) {
          note = "notice given after the notice deadline of period " + std::to_string(late_for_period[n]) +
                 ", so that period renewed; " + note;
        }
        use(v, n, "notice", "", note);
      } else if (late_for_period.count(n)) {
        late_ids.push_back(e.id);
        use(v, n, "late_notice", "", "notice given after the notice deadline of period " +
                                         std::to_string(late_for_period[n]) + ", so it did not stop that renewal");
      } else {
        use(v, n, "notice", "", "a further notice; the regime's end is already set");
      }
    }
    std::vector<std::string> breached_by;
    for (const std::string& b : o.bearers) {
      BearerVerdict bv{b, Status::kComplied, false, ""};
      for (std::size_t e : breaches) {
        if (ev(e).has_actor_party(b) && ev(e).when.earliest.utc_ms < expiry.utc_ms) {
          bv.status = Status::kViolated;
          use(v, e, "violation", b, "breaks the term before it expires");
          breached_by.push_back(party_name(a_, b));
        }
      }
      v.bearers.push_back(bv);
    }
    std::string text;
    if (!breached_by.empty()) text = "Breached by " + join_names(breached_by) + " before the term expired. ";
    if (ended && ending_notice) {
      text += "The regime ended at " + format_instant(expiry.utc_ms, zone) + " after notice (" + ev(*ending_notice).id + ").";
    } else if (ended) {
      text += "The term ended at " + format_instant(expiry.utc_ms, zone) + ".";
    } else {
      text += "In force in period " + std::to_string(renewals + 1) + " (" +
              plural(static_cast<std::size_t>(renewals), "automatic renewal", "automatic renewals") + "), expiring " +
              format_instant(expiry.utc_ms, zone);
      if (ending_notice) {
        text += "; notice to end it was given in time (" + ev(*ending_notice).id + "), so it will not renew.";
      } else if (!o.notice_before.empty() && o.renewal_automatic) {
        text += "; it renews for " + describe(o.renewal_period) + " unless a party gives notice by " +
                format_instant(notice_deadline.utc_ms, zone) + ".";
      } else {
        text += ".";
      }
    }
    if (!late_ids.empty()) {
      text += " " + std::string(late_ids.size() == 1 ? "Notice " : "Notices ") + join_names(late_ids) +
              " came after a notice deadline and did not stop the renewal of that period.";
    }
    v.explanation = text;
  }

  void evaluate_qualitative(const Obligation& o, Verdict& v) {
    const auto start = start_or_not_triggered(o, v, "the obligation");
    if (!start) return;
    std::map<std::string, std::pair<double, std::string>> latest_figures;  // category -> value, event
    std::size_t count = 0;
    for (const Candidate& c : s_.candidates[v.obligation]) {
      if (!visible(c.event)) continue;
      const Event& e = ev(c.event);
      if (o.from.kind != TimeRef::Kind::kNone && e.when.latest.utc_ms < start->earliest.utc_ms) {
        ignore(c.event, "before_start", "before " + o.id + " applies");
        continue;
      }
      ++count;
      use(v, c.event, "context", "", "reported activity under this clause");
      for (const Quantity& q : e.quantities) {
        if (q.basis == "cumulative_report" || q.basis == "level") latest_figures[q.category] = {q.value, e.id};
      }
    }
    OJson figures = OJson::array();
    for (const auto& [category, value] : latest_figures) {
      figures.push_back(OJson{{"category", category}, {"latest_reported", json_number(value.first)}, {"event", value.second}});
    }
    v.progress = OJson{{"events", count}, {"latest_reported_figures", figures}};
    for (const std::string& b : o.bearers) v.bearers.push_back({b, Status::kUndetermined, false, o.reason});
    v.explanation = "No verdict: " + o.reason + " " + plural(count, "related event is", "related events are") + " listed.";
  }

  void account(Evaluation& out) {
    out.events_total = s_.events.size();
    std::vector<std::size_t> ignored_events;
    for (std::size_t e = 0; e < s_.events.size(); ++e) {
      const Event& event = s_.events[e];
      std::string reason, detail;
      if (!event.ignore_reason.empty()) {
        reason = event.ignore_reason;
        detail = event.ignore_detail;
      } else if (excluded_.count(event.id)) {
        reason = "excluded";
        detail = "left out by request (what-if)";
      } else if (event.when.earliest.utc_ms > as_of_.utc_ms) {
        reason = "after_as_of";
        detail = "reported to happen after the as-of instant";
      } else if (used_[e]) {
        ++out.events_used;
        continue;
      } else if (!ignore_reason_[e].empty() && ignore_reason_[e] != "irrelevant") {
        reason = ignore_reason_[e];
        detail = ignore_detail_[e];
      } else {
        ++out.events_irrelevant;
        continue;
      }
      out.ignored.push_back(IgnoredEvent{e, reason, detail});
    }
    std::sort(out.ignored.begin(), out.ignored.end(),
              [&](const IgnoredEvent& x, const IgnoredEvent& y) { return s_.before(x.event, y.event); });
    for (Verdict& v : out.verdicts) {
      std::stable_sort(v.evidence.begin(), v.evidence.end(), [&](const Evidence& x, const Evidence& y) {
        if (x.event != y.event) return s_.before(x.event, y.event);
        return x.bearer < y.bearer;
      });
    }
  }

  const Engine::State& s_;
  const Agreement& a_;
  Instant as_of_;
  const std::set<std::string>& excluded_;
  std::vector<Window> windows_;  // of the obligation being evaluated
  std::vector<Completion> completions_;
  std::vector<Verdict> verdicts_;
  std::vector<bool> used_;
  std::vector<std::string> ignore_reason_, ignore_detail_;
};

// Obligations in an order where every anchor comes before the obligations that depend on it.
std::vector<std::size_t> dependency_order(const Agreement& a) {
  const std::size_t n = a.obligations.size();
  std::vector<std::vector<std::size_t>> dependants(n);
  std::vector<std::size_t> pending(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const Obligation& o = a.obligations[i];
    std::vector<std::size_t> anchors;
    if (o.deadline.kind == DeadlineSpec::Kind::kAfterObligation) anchors.push_back(o.deadline.anchor);
    if (o.from.kind == TimeRef::Kind::kAfterObligation) anchors.push_back(o.from.obligation);
    if (o.until.kind == TimeRef::Kind::kAfterObligation) anchors.push_back(o.until.obligation);
    for (std::size_t anchor : anchors) {
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
  state_->candidates.resize(state_->agreement->obligations.size());
  state_->order = dependency_order(*state_->agreement);
}

Engine::~Engine() = default;

void Engine::add(Event&& event) {
  state_->add(std::move(event));
}

Evaluation Engine::evaluate(const Instant& as_of, const std::set<std::string>& excluded) const {
  state_->sort_if_needed();
  return Evaluator(*state_, as_of, excluded).run();
}

const Agreement& Engine::agreement() const { return *state_->agreement; }
const std::vector<Event>& Engine::events() const { return state_->events; }

std::optional<Instant> Engine::latest_event_time() const {
  std::optional<Instant> latest;
  for (const Event& e : state_->events) {
    if (!e.ignore_reason.empty()) continue;
    if (!latest || e.when.latest.utc_ms > latest->utc_ms) latest = e.when.latest;
  }
  return latest;
}

}  // namespace pactcheck
