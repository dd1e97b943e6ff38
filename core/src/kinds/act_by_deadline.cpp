// act_by_deadline (constructs 3, 4, 16, 22, 27): an act due by a deadline (a date, an instant, relative to an
// instrument or to when a condition held, or none), done by one event or by several together ("all"), and, when
// the act must stay done, undone by a reversal (a post re-occupied): the history shows each step, and the
// verdict is that of the state as of the report.
#include <algorithm>

#include "evaluation.hpp"
#include "kinds/kind.hpp"
#include "kinds/shown_events.hpp"
#include "params.hpp"
#include "rules/rules.hpp"

namespace pactcheck {
namespace {

bool matches(const EventMatch& m, const Event& e) {
  if (!m.subject.empty() && e.subject != m.subject) return false;
  return std::any_of(m.types.begin(), m.types.end(), [&](TypeId t) { return e.has_type(t) || e.has_alternative_type(t); });
}

std::string words(Status s) {
  std::string n = status_name(s);
  std::replace(n.begin(), n.end(), '_', ' ');
  return n;
}

class ActByDeadline : public Clause {
 public:
  DeadlineSpec deadline;
  std::vector<EventMatch> parts;        // the act: every part must be done ("constitution and law")
  std::optional<EventMatch> undone_by;  // the act must stay done: these events reverse it
  bool by_bearer = false;
  bool amendable = false;

  bool accepts_amendment() const override { return amendable; }
  bool absence_is_violation = true;
  std::optional<Duration> report_expected_within;  // open-ended acts: absence counts after this long

  void marks(const Agreement& a, std::vector<std::pair<std::int64_t, std::string>>& out) const override {
    if (deadline.kind == DeadlineSpec::Kind::kDate) {
      out.emplace_back(start_of_day_utc(add_to_date(deadline.date, Duration{0, 0, 1, 0}), deadline.zone), "");
    } else if (deadline.kind == DeadlineSpec::Kind::kInstant) {
      out.emplace_back(deadline.instant.utc_ms, "");
    }
    (void)a;
  }

  // When the act was done (all parts), for one group of bearers, walking completions and reversals in order.
  struct Track {
    std::optional<TimeRange> done;        // the current completion, if done as of now
    std::vector<std::uint32_t> completing;  // the events that (last) completed it
    std::vector<Step> history;
    bool reversed = false;
  };

  bool counts(Query& q, const Fact& f, const std::vector<Who>& group) const {
    return by_bearer ? q.done_by(f, group.front()) : q.happened(f);
  }

  Track track(Query& q, const std::vector<Who>& group) const {
    Track t;
    std::vector<std::optional<TimeRange>> part_done(parts.size());
    std::vector<std::uint32_t> part_event(parts.size(), 0);
    for (const Fact& f : q.facts()) {
      if (!f.by_type) continue;
      const Event& e = *f.e;
      if (undone_by && matches(*undone_by, e) && t.done) {
        const bool by_them = !by_bearer || q.charge(f, group.front());
        if (by_them && (q.happened(f))) {
          q.use(f, "reversal", by_bearer ? group.front() : kNobody, "undoes the act");
          t.history.push_back(Step{e.when.earliest, Status::kViolated, e.id, "undone"});
          t.done.reset();
          t.reversed = true;
          std::fill(part_done.begin(), part_done.end(), std::nullopt);
          continue;
        }
      }
      for (std::size_t p = 0; p < parts.size(); ++p) {
        if (!matches(parts[p], e)) continue;
        if (part_done[p]) continue;
        if (!counts(q, f, group)) continue;
        part_done[p] = e.when;
        part_event[p] = f.event;
      }
      if (!t.done && std::all_of(part_done.begin(), part_done.end(), [](const auto& x) { return x.has_value(); })) {
        TimeRange when{kForever, kForever};
        t.completing.clear();
        for (std::size_t p = 0; p < parts.size(); ++p) {
          when.earliest = std::max(when.earliest, part_done[p]->earliest);
          when.latest = std::max(when.latest, part_done[p]->latest);
          if (std::find(t.completing.begin(), t.completing.end(), part_event[p]) == t.completing.end()) {
            t.completing.push_back(part_event[p]);
          }
        }
        t.done = when;
        t.history.push_back(Step{when.earliest, Status::kComplied, e.id, t.reversed ? "done again" : "done"});
      }
    }
    return t;
  }

  void evaluate(Query& q) const override {
    const Agreement& a = q.agreement();
    const Obligation& o = q.obligation();
    DeadlineState ds = deadline_state(q, deadline, amendable);
    if (ds.waiting) {
      const bool unsure = ds.anchor.uncertain;
      for (Who b : o.bearers) q.out().bearer(b).status = unsure ? Status::kUndetermined : Status::kNotTriggered;
      q.out().explanation = std::string(unsure ? "Undetermined" : "Not triggered") + ": the deadline runs from " +
                            deadline.anchor.text + ", which " +
                            (unsure ? "cannot be established from the reports." : "has not been reported as of this report.");
      q.out().deadline = OJson{{"deadline", deadline.text}, {"due_before", nullptr}};
      return;
    }
    std::optional<Limit> effective = ds.effective;
    if (!effective && report_expected_within && q.start.earliest > kForever) {
      Limit l;
      l.earliest = l.latest = add_duration(q.start.earliest, *report_expected_within, a.zone) + 1;
      l.zone = a.zone;
      l.text = format_instant(l.earliest - 1, a.zone);
      l.rule = describe(*report_expected_within) + " after the start, when a report is expected (if_no_report_after)";
      effective = l;
    }
    if (effective) {
      q.out().deadline = effective->earliest >= kNever ? OJson{{"deadline", "suspended"}, {"due_before", nullptr}} : limit_json(*effective);
      if (ds.original) q.out().deadline["history"] = ds.history;
    }
    std::vector<std::vector<Who>> groups;
    if (by_bearer) {
      for (Who b : o.bearers) groups.push_back({b});
    } else {
      groups.push_back(o.bearers);
    }
    std::vector<std::string> sentences;
    for (const auto& group : groups) {
      Track t = track(q, group);
      std::vector<std::string> names;
      for (Who b : group) names.push_back(a.name_of(b));
      const std::string who = join_names(names);
      const bool many = group.size() > 1;
      std::string done;
      if (t.done) {
        std::vector<std::string> ids;
        for (std::uint32_t e : t.completing) ids.push_back(q.events()[e].id);
        const Event& last = q.events()[t.completing.back()];
        done = " (" + join_names(ids) + ", " + (last.when.exact() ? last.time_text : "between " +
               format_instant(last.when.earliest, last.offset_minutes) + " and " + format_instant(last.when.latest, last.offset_minutes)) + ")";
      }
      Status status = Status::kPending;
      std::string sentence;
      if (t.reversed && !t.done) {
        status = Status::kViolated;
        sentence = "Done, then undone (" + t.history.back().event + "): " + who + (many ? " have" : " has") + " not done it again";
      } else if (!effective) {
        status = t.done ? Status::kComplied : Status::kPending;
        sentence = t.done ? "Done" + done + "; no deadline applies"
                          : who + (many ? " have" : " has") + " not been reported doing it; no deadline applies";
      } else {
        status = judge(t.done, *effective, q.as_of(), absence_is_violation);
        const std::string due = when_due(*effective);
        switch (status) {
          case Status::kComplied: sentence = "Done on time" + done + ", " + due; break;
          case Status::kCompliedLate: sentence = "Done late" + done + "; it was due " + due; break;
          case Status::kPending: sentence = who + (many ? " have" : " has") + " not been reported doing it yet; it is due " + due; break;
          case Status::kViolated: sentence = who + (many ? " were" : " was") + " not reported doing it " + due; break;
          default:
            sentence = t.done ? "Done" + done + ", but that time range straddles the deadline (due " + due.substr(3) + ")"
                              : "No report shows it done " + due + ", and the log is not taken as complete for this obligation, so no verdict";
        }
        if (!ds.amendments.empty() && ds.original) {
          const Status against = judge(t.done, *ds.original, q.as_of(), absence_is_violation);
          q.out().deadline["against_original"] = status_name(against);
          if (against != status) {
            sentence += "; against the original deadline (" + ds.original->text + ") it is " + words(against) +
                        ", which the amendment of " + q.events()[ds.amendments.back()].id + " superseded";
            if (against == Status::kViolated || against == Status::kCompliedLate) {
              for (Who b : group) q.out().bearer(b).remarks.push_back(words(against) + " against the original deadline");
            }
          }
        }
      }
      if (t.reversed) {
        sentence += std::string("; history: ") + [&] {
          std::string h;
          for (const Step& s : t.history) h += (h.empty() ? "" : ", then ") + s.note + " " + s.event;
          return h;
        }();
      }
      if (groups.size() > 1) sentence = who + ": " + (sentence.empty() ? sentence : std::string(1, static_cast<char>(std::tolower(sentence[0]))) + sentence.substr(1));
      sentences.push_back(sentence);
      for (std::uint32_t ev : t.completing) {
        if (!t.done) break;
        for (const Fact& f : q.facts()) {
          if (f.event != ev) continue;
          const bool late = status == Status::kCompliedLate;
          const bool unsure = status == Status::kUndetermined;
          q.use(f, late ? "late_fulfilment" : unsure ? "fulfilment_uncertain" : "fulfilment", by_bearer ? group.front() : kNobody,
                late ? "the act, done after the deadline" : unsure ? "the act, at a time that may fall either side of the deadline" : "the act");
        }
      }
      // Earlier completions that a reversal undid are evidence too.
      for (const Step& s : t.history) {
        if (s.status != Status::kComplied || s.event.empty()) continue;
        for (const Fact& f : q.facts()) {
          if (f.e->id == s.event && std::find(t.completing.begin(), t.completing.end(), f.event) == t.completing.end()) {
            q.use(f, "fulfilment", by_bearer ? group.front() : kNobody, "the act, later undone");
          }
        }
      }
      for (Who b : group) {
        BearerOutcome& out = q.out().bearer(b);
        out.status = status;
        out.history = t.history;
        if (t.done && (status == Status::kComplied || status == Status::kCompliedLate || status == Status::kUndetermined)) out.done = t.done;
        if (!t.done && status == Status::kViolated && effective) out.history.push_back(Step{effective->latest, Status::kViolated, "", "the deadline passed"});
      }
    }
    // Events of the act's types that did not count, with why: another subject, not a bearer's act, a repeat.
    ShownEvents shown(q.out().evidence);
    for (const Fact& f : q.facts()) {
      const bool used = shown.contains(f.event);
      if (used || !f.by_type) continue;
      const bool any_part = std::any_of(parts.begin(), parts.end(), [&](const EventMatch& m) { return matches(m, *f.e); });
      const bool reversal = undone_by && matches(*undone_by, *f.e);
      if (!any_part && !reversal) {
        std::string subjects;
        for (const EventMatch& m : parts) subjects += (subjects.empty() ? "" : " or ") + m.subject;
        q.not_relevant(f, subjects.empty() ? "not the act this obligation asks for" : "about another subject than " + subjects);
      } else if (by_bearer && std::none_of(o.bearers.begin(), o.bearers.end(), [&](Who b) { return q.charge(f, b) != nullptr; })) {
        q.not_relevant(f, "not an act of a bearer");
      } else {
        q.not_relevant(f, "a further report of the act, already counted");
      }
    }
    std::string text;
    for (std::size_t i = 0; i < sentences.size(); ++i) text += (i ? "; " : "") + sentences[i];
    q.out().explanation = text + ".";
  }
};

std::unique_ptr<Clause> read(ParamReader& r) {
  r.allow({"deadline", "fulfilled_by", "trigger", "amendable", "if_no_report", "if_no_report_after", "undone_by", "from"});
  auto c = std::make_unique<ActByDeadline>();
  r.window(c->window, false, false);
  c->deadline = r.deadline("deadline");
  if (c->deadline.kind == DeadlineSpec::Kind::kAfter) c->extra_conditions.emplace_back(&c->deadline.anchor, "/deadline/after");
  if (c->deadline.kind == DeadlineSpec::Kind::kEach) {
    r.report(r.at("deadline"), "deadline.form", "act_by_deadline takes one deadline; a deadline before or after each event is recurring_act's");
  }
  if (const Json* fb = r.member("fulfilled_by")) {
    Fields& f = r.fields();
    const std::string here = r.at("fulfilled_by");
    if (f.expect_object(*fb, here, "an event match")) {
      if (const Json* all = f.member(*fb, "all")) {
        f.reject_unknown(*fb, here, {"all", "by_bearer", "note"});
        if (!all->is_array() || all->empty()) {
          r.report(here + "/all", "type.array", "must be a non-empty array of event matches");
        } else {
          for (std::size_t i = 0; i < all->size(); ++i) {
            const std::string at = pointer_join(here + "/all", i);
            if (!f.expect_object((*all)[i], at, "an event match")) continue;
            f.reject_unknown((*all)[i], at, {"event_types", "subject", "note"});
            c->parts.push_back(r.match_value((*all)[i], at));
          }
        }
        c->by_bearer = f.boolean(*fb, here, "by_bearer").value_or(false);
      } else {
        f.reject_unknown(*fb, here, {"event_types", "subject", "by_bearer", "note"});
        c->parts.push_back(r.match_value(*fb, here));
        c->by_bearer = c->parts.back().by_bearer;
      }
    }
  } else {
    r.report(r.pointer(), "field.missing", "missing required field \"fulfilled_by\"");
  }
  c->undone_by = r.match("undone_by", false);
  c->trigger = r.condition("trigger", false);
  c->amendable = r.boolean("amendable").value_or(false);
  const std::string absence = r.choice("if_no_report", {"violated", "undetermined"}, "violated");
  c->absence_is_violation = absence == "violated";
  c->report_expected_within = r.duration("if_no_report_after", false);
  for (const EventMatch& m : c->parts) c->event_types.insert(c->event_types.end(), m.types.begin(), m.types.end());
  if (c->undone_by) c->event_types.insert(c->event_types.end(), c->undone_by->types.begin(), c->undone_by->types.end());
  return c;
}

}  // namespace

extern const KindDef kActByDeadline{"act_by_deadline", "an act due by a deadline (absolute, relative, anchored, or none)", read};

}  // namespace pactcheck
