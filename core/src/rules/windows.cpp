// An obligation's period of application (constructs 2, 7, 16, 17; issue 12 §2, issue 13 §2): when it starts,
// when it ends (by its `until`, an agreed extension, an agreed early end, supersession by a later instrument, or
// because its object ceased), and when it is suspended. Effects that need the parties' agreement (suspend,
// extend, end, supersede) count only when every party of role "party" agreed; otherwise they are shown as
// declared by whoever declared them and change nothing (a declared unilateral suspension changes something only
// where the obligation allows it). A repudiation is shown, never turned into a violation before the deadline.
#include <algorithm>

#include "rules/rules.hpp"

namespace pactcheck {

bool agreed_by_all(const Agreement& a, const std::vector<Who>& agreed_by, std::vector<std::string>* missing) {
  bool all = true;
  for (Who p = 0; p < a.party_count; ++p) {
    if (a.entities[p].role != "party") continue;
    if (std::find(agreed_by.begin(), agreed_by.end(), p) == agreed_by.end()) {
      all = false;
      if (missing) missing->push_back(a.entities[p].name);
    }
  }
  return all;
}

std::vector<std::string> names_of(const Agreement& a, const std::vector<Who>& list) {
  std::vector<std::string> out;
  for (Who w : list) out.push_back(a.name_of(w));
  return out;
}

Window resolve_window(const ConditionContext& ctx, const Obligation& o, std::size_t obligation_index, const Clause& c,
                      const std::vector<std::uint32_t>& effects) {
  const Agreement& a = ctx.agreement;
  Window w;
  if (c.window.from.kind == Condition::Kind::kNone) {
    w.start = TimeRange{kForever, kForever};
  } else {
    const Holding h = holds(ctx, c.window.from);
    w.start_uncertain = h.uncertain;
    if (h.since) {
      w.start = *h.since;
      w.start_text = h.since->exact() ? format_instant(h.since->earliest, a.zone)
                                      : "between " + format_instant(h.since->earliest, a.zone) + " and " +
                                            format_instant(h.since->latest, a.zone);
    } else {
      w.start_text = c.window.from.kind == Condition::Kind::kInstant ? format_instant(c.window.from.instant.utc_ms, a.zone)
                                                                      : "on " + c.window.from.text;
    }
  }
  if (c.window.until.kind != Condition::Kind::kNone) {
    const Holding h = holds(ctx, c.window.until);
    if (h.since) {
      w.end = *h.since;
      w.ended_how = "expired";
      w.end_text = format_instant(h.since->earliest, a.zone);
    } else if (c.window.until.kind == Condition::Kind::kInstant) {
      w.end = TimeRange{c.window.until.instant.utc_ms, c.window.until.instant.utc_ms};
      w.end_text = format_instant(c.window.until.instant.utc_ms, a.zone);
    }
  }
  bool open = false;
  std::uint32_t opened_by = 0;
  for (std::uint32_t i : effects) {
    const Event& e = ctx.events[i];
    for (const Effect& x : e.effects) {
      if (x.obligation_index != obligation_index) continue;
      std::vector<std::string> missing;
      std::vector<Who> agreed = x.agreed_by;
      if (x.party != kNobody && std::find(agreed.begin(), agreed.end(), x.party) == agreed.end()) agreed.push_back(x.party);
      const bool all = agreed_by_all(a, agreed, &missing);
      OJson n{{"kind", x.kind}, {"event", e.id}, {"at", format_instant(e.when.earliest, a.zone)}};
      if (x.party != kNobody) n["party"] = a.id_of(x.party);
      if (!x.agreed_by.empty()) n["agreed_by"] = names_of(a, x.agreed_by);
      if (!x.reason.empty()) n["reason"] = x.reason;
      bool shown = true;
      if (x.kind == "suspend") {
        const bool accepted = all || o.unilateral_suspension_allowed;
        n["accepted"] = accepted && !open;
        n["note"] = open ? "a further suspension while one is in force; no change"
                    : all ? "suspended by agreement of the parties"
                    : accepted ? "a suspension declared by " + join_names(names_of(a, agreed)) + " alone, which this obligation allows"
                               : "a suspension declared by " + (agreed.empty() ? std::string("no party") : join_names(names_of(a, agreed))) +
                                     " without the agreement of " + join_names(missing) + ": shown, and it changes no verdict";
        if (accepted && !open) {
          open = true;
          opened_by = i;
        }
      } else if (x.kind == "resume") {
        if (open) {
          w.suspensions.push_back(Query::Suspension{ctx.events[opened_by].when.earliest, e.when.earliest, opened_by});
          open = false;
          n["note"] = "ends the suspension";
        } else {
          n["note"] = "no suspension was in force";
        }
      } else if (x.kind == "extend") {
        n["accepted"] = all;
        if (all) {
          n["from"] = w.end.earliest >= kNever ? OJson(nullptr) : OJson(format_instant(w.end.earliest, a.zone));
          n["to"] = format_instant(x.until.utc_ms, a.zone);
          n["note"] = "the parties extend the period" +
                      (w.end.earliest >= kNever ? std::string() : " from " + format_instant(w.end.earliest, a.zone)) + " to " +
                      format_instant(x.until.utc_ms, a.zone);
          w.end = TimeRange{x.until.utc_ms, x.until.utc_ms};
          w.end_text = format_instant(x.until.utc_ms, a.zone);
          w.ended_how = "expired";
        } else {
          n["note"] = "an extension not agreed by " + join_names(missing) + ": not applied";
        }
      } else if (x.kind == "end" || x.kind == "supersede") {
        n["accepted"] = all;
        if (all) {
          if (e.when.earliest < w.end.earliest) {
            w.end = TimeRange{e.when.earliest, e.when.latest};
            w.end_text = format_instant(e.when.earliest, a.zone);
            w.ended_how = x.kind == "end" ? "agreed" : "superseded";
            w.ended_by = i;
          }
          n["note"] = x.kind == "end" ? "the parties end the obligation" : "superseded by a later instrument";
        } else {
          n["note"] = std::string(x.kind == "end" ? "an end" : "a supersession") + " agreed by " +
                      (x.agreed_by.empty() ? std::string("no party") : join_names(names_of(a, x.agreed_by))) +
                      " only, not by " + join_names(missing) + ": the obligation stands";
        }
      } else if (x.kind == "object_ceased") {
        if (e.when.earliest < w.end.earliest) {
          w.end = TimeRange{e.when.earliest, e.when.latest};
          w.end_text = format_instant(e.when.earliest, a.zone);
          w.ended_how = "object_ceased";
          w.ended_by = i;
        }
        n["note"] = "what the obligation concerns ceased to exist";
      } else if (x.kind == "repudiate") {
        n["note"] = a.name_of(x.party) + " announced that it will not perform (an anticipatory breach; no violation "
                    "is recorded before the obligation falls due)";
      } else {
        shown = false;  // amend_deadline and notice are the kinds' business
      }
      if (shown) {
        w.notices.push_back(n);
        w.effect_events.push_back(i);
      }
    }
  }
  if (open) w.suspensions.push_back(Query::Suspension{ctx.events[opened_by].when.earliest, kNever, opened_by});
  return w;
}

}  // namespace pactcheck
