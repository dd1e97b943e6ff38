// Deadlines (constructs 3, 4, 16, 22; issue 11 §5). A date deadline means the end of that day in its zone: the
// act is on time when it certainly happened before 00:00 of the next day. An instant deadline is inclusive: an
// act at exactly the stated instant is on time. Either way, a report as of the last instant at which the act
// would still be on time is final: what had not happened by then is late. A relative deadline counts from when
// its anchor held; when that is known only within a range, so is the deadline, and an act between the two
// bounds is undetermined. An amendment moves the deadline from its announcement on; an agreed suspension that
// begins before the deadline stops its clock for as long as it lasts.
#include <algorithm>

#include "rules/rules.hpp"

namespace pactcheck {
namespace {

Limit end_of_date(const LocalDate& date, const Zone& zone, const std::string& text) {
  const std::int64_t next = start_of_day_utc(add_to_date(date, Duration{0, 0, 1, 0}), zone);
  Limit l;
  l.earliest = l.latest = next;
  l.zone = zone;
  l.text = text;
  l.end_of_day = true;
  return l;
}

std::string zone_label(const Zone& z, std::int64_t at) {
  if (!z.is_fixed()) return z.name();
  const int off = z.offset_minutes_at(at);
  return off == 0 ? "UTC" : "UTC" + format_offset(off);
}

}  // namespace

std::optional<Limit> resolve_deadline(const DeadlineSpec& d, const Agreement& a,
                                      const std::function<Holding(const Condition&)>& holds_fn, Holding* anchor_out) {
  switch (d.kind) {
    case DeadlineSpec::Kind::kNone:
    case DeadlineSpec::Kind::kEach: return std::nullopt;
    case DeadlineSpec::Kind::kDate: return end_of_date(d.date, d.zone, d.text);
    case DeadlineSpec::Kind::kInstant: {
      Limit l;
      l.earliest = l.latest = d.instant.utc_ms + 1;
      l.zone = Zone::fixed(d.instant.offset_minutes);
      l.text = d.text;
      return l;
    }
    case DeadlineSpec::Kind::kAfterInstrument: {
      const LocalDate due = add_to_date(a.instruments[d.instrument].date, d.within);
      Limit l = end_of_date(due, d.zone, format_date(due));
      l.rule = d.text;
      return l;
    }
    case DeadlineSpec::Kind::kAfter: {
      const Holding h = holds_fn(d.anchor);
      if (anchor_out) *anchor_out = h;
      if (!h.since) return std::nullopt;
      Limit l;
      l.zone = d.zone;
      l.rule = d.text;
      if (d.day_counted) {
        const LocalDate first = add_to_date(local_date(h.since->earliest, d.zone), d.within);
        const LocalDate last = add_to_date(local_date(h.since->latest, d.zone), d.within);
        l.earliest = end_of_date(first, d.zone, "").earliest;
        l.latest = end_of_date(last, d.zone, "").latest;
        l.end_of_day = true;
        l.text = format_date(first) == format_date(last) ? format_date(first) : format_date(first) + " to " + format_date(last);
      } else {
        l.earliest = add_duration(h.since->earliest, d.within, d.zone) + 1;
        l.latest = add_duration(h.since->latest, d.within, d.zone) + 1;
        l.text = l.earliest == l.latest ? format_instant(l.earliest - 1, d.zone)
                                        : format_instant(l.earliest - 1, d.zone) + " to " + format_instant(l.latest - 1, d.zone);
      }
      return l;
    }
  }
  return std::nullopt;
}

Limit deadline_for_occurrence(const DeadlineSpec& d, const Event& occurrence) {
  Duration back = d.within;
  if (d.before_each) back = Duration{-back.years, -back.months, -back.days, -back.hours};
  Limit l;
  l.zone = d.zone;
  l.earliest = add_duration(occurrence.when.earliest, back, d.zone) + 1;
  l.latest = add_duration(occurrence.when.latest, back, d.zone) + 1;
  l.text = l.earliest == l.latest ? format_instant(l.earliest - 1, d.zone)
                                  : format_instant(l.earliest - 1, d.zone) + " to " + format_instant(l.latest - 1, d.zone);
  l.rule = describe(d.within) + (d.before_each ? " before " : " after ") + occurrence.id;
  return l;
}

OJson limit_json(const Limit& l) {
  OJson j;
  j["deadline"] = l.text;
  if (!l.rule.empty()) j["rule"] = l.rule;
  if (l.earliest >= kNever) {
    j["due_before"] = nullptr;
  } else if (l.end_of_day || l.extended) {
    j["due_before"] = l.earliest == l.latest ? format_instant(l.earliest, l.zone)
                                             : format_instant(l.earliest, l.zone) + " to " + format_instant(l.latest, l.zone);
  } else {
    j["due_by"] = l.earliest == l.latest ? format_instant(l.earliest - 1, l.zone)
                                         : format_instant(l.earliest - 1, l.zone) + " to " + format_instant(l.latest - 1, l.zone);
  }
  return j;
}

std::string when_due(const Limit& l) {
  if (l.earliest >= kNever) return "once the agreed suspension ends";
  std::string out = l.extended     ? "before " + l.text + " (extended by an agreed suspension)"
                    : l.end_of_day ? "by the end of " + l.text + " (" + zone_label(l.zone, l.earliest) + ")"
                                   : "by " + (l.earliest == l.latest ? format_instant(l.earliest - 1, l.zone) : l.text);
  if (!l.rule.empty()) out += ", " + l.rule;
  return out;
}

Status judge(const std::optional<TimeRange>& act, const Limit& l, std::int64_t as_of, bool absence_is_violation) {
  if (act) {
    if (act->latest < l.earliest) return Status::kComplied;
    if (act->earliest >= l.latest) return Status::kCompliedLate;
    return Status::kUndetermined;
  }
  // Final from the last instant at which the act would still have been on time.
  if (as_of + 1 < l.earliest) return Status::kPending;
  if (as_of + 1 >= l.latest) return absence_is_violation ? Status::kViolated : Status::kUndetermined;
  return Status::kUndetermined;
}

DeadlineState deadline_state(Query& q, const DeadlineSpec& spec, bool amendable) {
  DeadlineState s;
  auto holds_fn = [&](const Condition& c) { return q.resolve(c); };
  s.original = resolve_deadline(spec, q.agreement(), holds_fn, &s.anchor);
  s.waiting = spec.kind == DeadlineSpec::Kind::kAfter && !s.original;
  s.effective = s.original;
  if (s.original) {
    OJson h = limit_json(*s.original);
    h["set_by"] = "agreement";
    s.history.push_back(h);
  }
  if (amendable) {
    for (const Fact& f : q.facts()) {
      for (const Effect& effect : f.e->effects) {
        if (effect.kind != "amend_deadline" || effect.obligation_index != q.obligation_index()) continue;
        // An amendment that names who agreed binds only when every party did; one without agreed_by is taken
        // as agreed (as the report cannot tell otherwise, and as format 0.1 read it).
        std::vector<std::string> missing;
        if (!effect.agreed_by.empty() && !agreed_by_all(q.agreement(), effect.agreed_by, &missing)) {
          q.use(f, "context", kNobody,
                "would move the deadline to " + effect.deadline.text + ", but it was agreed by " +
                    join_names(names_of(q.agreement(), effect.agreed_by)) + " without " + join_names(missing) +
                    ": shown, and the deadline stands");
          continue;
        }
        s.effective = resolve_deadline(effect.deadline, q.agreement(), holds_fn, nullptr);
        if (!s.effective) continue;
        s.amendments.push_back(f.event);
        OJson h = limit_json(*s.effective);
        h["set_by"] = f.e->id;
        h["announced"] = f.e->time_text;
        s.history.push_back(h);
        q.use(f, "amendment", kNobody, "moves the deadline to " + effect.deadline.text);
      }
    }
  }
  if (s.effective) {
    Limit& l = *s.effective;
    for (const Query::Suspension& w : q.suspensions) {
      if (w.from >= l.earliest) continue;
      if (w.to >= kNever) {
        l.earliest = l.latest = kNever;
        l.text = "suspended";
        l.end_of_day = false;
      } else {
        l.earliest += w.to - w.from;
        l.latest += w.to - w.from;
        l.extended = true;
        l.text = format_instant(l.earliest, l.zone);
      }
      OJson h = l.earliest >= kNever ? OJson{{"deadline", "suspended"}, {"due_before", nullptr}} : limit_json(l);
      h["set_by"] = q.events()[w.event].id;
      h["announced"] = q.events()[w.event].time_text;
      h["reason"] = "the clock stops during the agreed suspension";
      s.history.push_back(h);
      if (l.earliest >= kNever) break;
    }
  }
  return s;
}

}  // namespace pactcheck
