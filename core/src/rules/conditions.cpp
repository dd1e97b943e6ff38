// When a condition holds (constructs 4-6, 21; issue 11 §4): from evidence already in the log, never from
// hand-made marker events. An event condition holds from the first matching event; a count from the event that
// brings the running total to the figure; an obligation's state from when it was reached (complied: when every
// bearer had done it; started: when it began to apply; violated: its first violation); "done by" / "not done by"
// are decided at their instant (the default branch); all / any from the last / first part.
#include <algorithm>

#include "rules/rules.hpp"

namespace pactcheck {
namespace {

bool matches(const EventMatch& m, const Event& e) {
  if (!m.subject.empty() && e.subject != m.subject) return false;
  return std::any_of(m.types.begin(), m.types.end(), [&](TypeId t) { return e.has_type(t); });
}

// Matching visible events in report order.
std::vector<std::uint32_t> matching(const ConditionContext& ctx, const EventMatch& m) {
  std::vector<std::uint32_t> out;
  for (TypeId t : m.types) {
    if (t >= ctx.events_by_type.size()) continue;
    for (std::uint32_t i : ctx.events_by_type[t]) {
      const Event& e = ctx.events[i];
      if (ctx.visible(i) && matches(m, e)) out.push_back(i);
    }
  }
  std::sort(out.begin(), out.end(), [&](std::uint32_t a, std::uint32_t b) {
    const Event& x = ctx.events[a];
    const Event& y = ctx.events[b];
    if (x.when.earliest != y.when.earliest) return x.when.earliest < y.when.earliest;
    if (x.when.latest != y.when.latest) return x.when.latest < y.when.latest;
    return x.id < y.id;
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// When every bearer of the obligation had done it: nullopt when one has not (yet).
std::optional<TimeRange> done_any(const Outcome& out, bool& uncertain) {
  std::optional<TimeRange> first;
  for (const BearerOutcome& b : out.bearers) {
    if (!b.done) continue;
    if (!first || b.done->earliest < first->earliest) first = b.done;
    uncertain = uncertain || b.status == Status::kUndetermined;
  }
  return first;
}

std::optional<TimeRange> done_all(const Outcome& out, bool& uncertain) {
  if (out.bearers.empty()) return std::nullopt;
  TimeRange when{kForever, kForever};
  for (const BearerOutcome& b : out.bearers) {
    if (!b.done) {
      uncertain = uncertain || b.status == Status::kUndetermined;
      return std::nullopt;
    }
    when.earliest = std::max(when.earliest, b.done->earliest);
    when.latest = std::max(when.latest, b.done->latest);
    uncertain = uncertain || b.status == Status::kUndetermined;
  }
  return when;
}

}  // namespace

Holding holds(const ConditionContext& ctx, const Condition& c) {
  Holding h;
  switch (c.kind) {
    case Condition::Kind::kNone: h.since = TimeRange{kForever, kForever}; break;
    case Condition::Kind::kInstant: h.since = TimeRange{c.instant.utc_ms, c.instant.utc_ms}; break;
    case Condition::Kind::kEvent: {
      const auto list = matching(ctx, c.match);
      if (!list.empty()) {
        h.since = ctx.events[list.front()].when;
        h.events.push_back(list.front());
      }
      break;
    }
    case Condition::Kind::kCount: {
      double total = 0;
      for (std::uint32_t i : matching(ctx, c.match)) {
        const Event& e = ctx.events[i];
        bool counted = false;
        for (const Quantity& q : e.quantities) {
          if (q.category != c.match.category || q.basis == "planned" || q.basis == "remaining") continue;
          total = q.basis == "increment" ? total + q.value.best : std::max(total, q.value.best);
          counted = true;
          if (!q.value.exact()) h.uncertain = true;
        }
        if (counted) h.events.push_back(i);
        if (total >= c.at_least) {
          h.since = e.when;
          break;
        }
      }
      if (!h.since) h.events.clear();
      break;
    }
    case Condition::Kind::kObligation: {
      const Outcome* out = ctx.outcome_of(c.obligation);
      if (!out) break;
      if (c.state == "started") {
        h.since = out->started;
      } else if (c.state == "violated") {
        for (const BearerOutcome& b : out->bearers) {
          for (const Step& s : b.history) {
            if (s.status == Status::kViolated && (!h.since || s.at < h.since->earliest)) h.since = TimeRange{s.at, s.at};
          }
          if (b.status == Status::kUndetermined) h.uncertain = true;
        }
      } else {
        h.since = c.any_bearer ? done_any(*out, h.uncertain) : done_all(*out, h.uncertain);
      }
      break;
    }
    case Condition::Kind::kDoneBy:
    case Condition::Kind::kNotDoneBy: {
      const Outcome* out = ctx.outcome_of(c.obligation);
      bool uncertain = false;
      const std::optional<TimeRange> done = out ? done_all(*out, uncertain) : std::nullopt;
      const std::int64_t by = c.instant.utc_ms;
      const bool done_in_time = done && done->latest <= by;
      const bool maybe_in_time = done && done->earliest <= by && !done_in_time;
      const bool want_done = c.kind == Condition::Kind::kDoneBy;
      h.uncertain = uncertain || maybe_in_time;
      if (want_done) {
        if (done_in_time) {
          h.since = *done;
        } else if (ctx.query.as_of >= by && !maybe_in_time && !uncertain) {
          h.never = true;
        }
      } else {
        if (done_in_time) {
          h.never = !uncertain;
        } else if (ctx.query.as_of >= by) {
          h.since = TimeRange{by, by};
        }
      }
      break;
    }
    case Condition::Kind::kAll:
    case Condition::Kind::kAny: {
      const bool all = c.kind == Condition::Kind::kAll;
      std::optional<TimeRange> acc;
      bool any_missing = false;
      for (const Condition& part : c.parts) {
        const Holding p = holds(ctx, part);
        h.uncertain = h.uncertain || p.uncertain;
        h.events.insert(h.events.end(), p.events.begin(), p.events.end());
        if (!p.since) {
          any_missing = true;
          if (all && p.never) h.never = true;
          continue;
        }
        if (!acc) {
          acc = p.since;
        } else if (all) {
          acc = TimeRange{std::max(acc->earliest, p.since->earliest), std::max(acc->latest, p.since->latest)};
        } else {
          acc = TimeRange{std::min(acc->earliest, p.since->earliest), std::min(acc->latest, p.since->latest)};
        }
      }
      if (all && any_missing) acc.reset();
      if (!all && !acc) {
        h.never = std::all_of(c.parts.begin(), c.parts.end(), [&](const Condition& p) { return holds(ctx, p).never; });
      }
      h.since = acc;
      break;
    }
  }
  if (h.since && h.since->earliest > ctx.query.as_of) h.since.reset();
  return h;
}

}  // namespace pactcheck
