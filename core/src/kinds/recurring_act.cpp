// recurring_act (construct 22): "the names are delivered 24 hours before each release": one deadline per
// occurrence of an event, each met or missed on its own; the obligation's verdict is the worst of them. The
// deadline is the recurring form ({"before_each": {...}, "within": ...} or {"after_each": {...}, "within": ...});
// each occurrence's due instant comes from rules' deadline_for_occurrence. Each fulfilling act serves one
// occurrence, matched in time order:
//   before_each: the latest unused act before the occurrence's deadline (on time); failing that, the first unused
//     act after the deadline and no later than the occurrence (late); else missing;
//   after_each: the first unused act at or after the occurrence (on time or late); else missing (pending until
//     the deadline).
// A missing act is violated once its deadline has passed (or undetermined with if_no_report "undetermined").
// With no occurrence reported, no deadline has arisen: not_triggered.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "evaluation.hpp"
#include "kinds/kind.hpp"
#include "params.hpp"
#include "rules/rules.hpp"

namespace pactcheck {
namespace {

bool matches(const EventMatch& m, const Event& e) {
  if (!m.subject.empty() && e.subject != m.subject) return false;
  return std::any_of(m.types.begin(), m.types.end(), [&](TypeId t) { return e.has_type(t) || e.has_alternative_type(t); });
}

std::string words(const std::string& id) {
  std::string n = id;
  std::replace(n.begin(), n.end(), '_', ' ');
  return n;
}
std::string words(Status s) { return words(std::string(status_name(s))); }

class RecurringAct : public Clause {
 public:
  DeadlineSpec deadline;
  EventMatch act;
  bool absence_is_violation = true;

  struct Occurrence {
    const Fact* fact = nullptr;
    Limit limit;
    const Fact* act = nullptr;
    Status status = Status::kPending;
  };

  void evaluate(Query& q) const override {
    const Agreement& a = q.agreement();
    const Obligation& o = q.obligation();
    std::vector<std::string> type_names;
    for (TypeId t : act.types) type_names.push_back(words(a.event_types[t]));
    const std::string act_words = join_names(type_names, " or ");
    std::vector<std::string> each_names;
    for (TypeId t : deadline.each.types) each_names.push_back(words(a.event_types[t]));
    const std::string rule =
        describe(deadline.within) + (deadline.before_each ? " before each " : " after each ") + join_names(each_names, " or ");
    std::set<std::tuple<std::uint32_t, std::string, Who>> used;
    auto use = [&](const Fact& f, const std::string& role, Who b, const std::string& note) {
      if (used.insert({f.event, role, b}).second) q.use(f, role, b, note);
    };
    std::vector<std::string> group_text;
    std::vector<std::vector<std::size_t>> group_members;
    std::vector<OJson> group_rows;
    std::optional<Limit> next_due;
    for (std::size_t bi = 0; bi < o.bearers.size(); ++bi) {
      const Who b = o.bearers[bi];
      std::vector<Occurrence> occurrences;
      std::vector<const Fact*> acts;
      for (const Fact& f : q.facts()) {
        if (!f.by_type) continue;
        const Event& e = *f.e;
        if (matches(deadline.each, e) && (!deadline.each.by_bearer || q.charge(f, b)) && q.happened(f, true)) {
          occurrences.push_back(Occurrence{&f, deadline_for_occurrence(deadline, e), nullptr, Status::kPending});
        }
        if (matches(act, e) && (act.by_bearer ? q.done_by(f, b) : q.happened(f))) acts.push_back(&f);
      }
      // Each act first serves its own occurrence: for before_each the next occurrence after it (names precede
      // their release), for after_each the last occurrence before it (a list follows its release). An occurrence
      // left without an act then takes a spare act (one its own occurrence did not need), earliest deadline first:
      // before_each, the latest spare act before its deadline; after_each, the first spare act after it.
      std::vector<std::vector<std::size_t>> own(occurrences.size());
      for (std::size_t k = 0; k < acts.size(); ++k) {
        const TimeRange& aw = acts[k]->e->when;
        if (deadline.before_each) {
          for (std::size_t j = 0; j < occurrences.size(); ++j) {
            if (occurrences[j].fact->e->when.latest >= aw.latest) {
              own[j].push_back(k);
              break;
            }
          }
        } else {
          for (std::size_t j = occurrences.size(); j-- > 0;) {
            if (occurrences[j].fact->e->when.earliest <= aw.earliest) {
              own[j].push_back(k);
              break;
            }
          }
        }
      }
      std::vector<bool> taken(acts.size(), false);
      for (std::size_t j = 0; j < occurrences.size(); ++j) {
        Occurrence& oc = occurrences[j];
        if (own[j].empty()) continue;
        std::size_t pick = own[j].front();  // the first: late (before_each) or the one that follows (after_each)
        if (deadline.before_each) {
          for (std::size_t k : own[j]) {
            if (acts[k]->e->when.latest < oc.limit.earliest) pick = k;  // the latest one on time
          }
        }
        oc.act = acts[pick];
        taken[pick] = true;
      }
      std::set<std::pair<std::int64_t, std::size_t>> spare;
      for (std::size_t k = 0; k < acts.size(); ++k) {
        if (!taken[k]) spare.insert({deadline.before_each ? acts[k]->e->when.latest : acts[k]->e->when.earliest, k});
      }
      std::vector<std::size_t> by_deadline(occurrences.size());
      for (std::size_t k = 0; k < by_deadline.size(); ++k) by_deadline[k] = k;
      std::stable_sort(by_deadline.begin(), by_deadline.end(), [&](std::size_t x, std::size_t y) {
        return occurrences[x].limit.earliest < occurrences[y].limit.earliest;
      });
      for (std::size_t j : by_deadline) {
        Occurrence& oc = occurrences[j];
        if (oc.act) continue;
        if (deadline.before_each) {
          auto it = spare.lower_bound({oc.limit.earliest, 0});  // spare acts ending before the deadline precede it
          if (it != spare.begin()) {
            oc.act = acts[std::prev(it)->second];
            spare.erase(std::prev(it));
          }
        } else {
          auto it = spare.lower_bound({oc.fact->e->when.earliest, 0});
          if (it != spare.end()) {
            oc.act = acts[it->second];
            spare.erase(it);
          }
        }
      }
      for (Occurrence& oc : occurrences) {
        oc.status =
            judge(oc.act ? std::optional<TimeRange>(oc.act->e->when) : std::nullopt, oc.limit, q.as_of(), absence_is_violation);
      }
      // Judge.
      Status status = occurrences.empty() ? Status::kNotTriggered : Status::kComplied;
      std::vector<Step> history;
      std::map<Status, std::vector<std::string>> by_status;
      OJson rows = OJson::array();
      for (const Occurrence& oc : occurrences) {
        const Event& e = *oc.fact->e;
        status = worst(status, oc.status);
        const std::string due = when_due(oc.limit);
        std::string item = e.id;
        switch (oc.status) {
          case Status::kComplied: item += " (" + oc.act->e->id + ")"; break;
          case Status::kCompliedLate: item += " (" + oc.act->e->id + ", " + q.when(*oc.act) + "; it was due " + due + ")"; break;
          case Status::kViolated: item += " (due " + due + ")"; break;
          case Status::kPending: item += " (due " + due + ")"; break;
          default:
            item += oc.act ? " (" + oc.act->e->id + ", at a time that may fall either side of the deadline " + due.substr(3) + ")"
                           : " (no report of it " + due + ", and the log is not taken as complete)";
        }
        by_status[oc.status].push_back(item);
        if (oc.status == Status::kViolated) {
          history.push_back(Step{oc.limit.latest - 1, Status::kViolated, e.id, "no " + act_words + " " + due});
        } else if (oc.status == Status::kCompliedLate) {
          // One step: the deadline was missed, and the act came later (the status the occurrence keeps).
          history.push_back(Step{oc.act->e->when.earliest, Status::kCompliedLate, e.id,
                                 act_words + " for " + e.id + " late (" + oc.act->e->id + "); it was due " + due});
        }
        if (oc.status == Status::kPending && (!next_due || oc.limit.earliest < next_due->earliest)) next_due = oc.limit;
        const std::string role = oc.status == Status::kCompliedLate             ? "late_fulfilment"
                                 : oc.status == Status::kUndetermined && oc.act ? "fulfilment_uncertain"
                                                                                : "fulfilment";
        use(*oc.fact, "occurrence", kNobody, "sets a deadline: " + act_words + " due " + due);
        if (oc.act) {
          use(*oc.act, role, act.by_bearer ? b : kNobody,
              "for " + e.id + (oc.status == Status::kCompliedLate ? ", after its deadline" : ""));
        }
        rows.push_back(OJson{{"event", e.id},
                             {"time", q.when(*oc.fact)},
                             {"due", limit_json(oc.limit)},
                             {"status", status_name(oc.status)},
                             {"act", oc.act ? OJson(oc.act->e->id) : OJson(nullptr)},
                             {"act_time", oc.act ? OJson(q.when(*oc.act)) : OJson(nullptr)}});
      }
      for (const auto& [key, k] : spare) {
        (void)key;
        q.not_relevant(*acts[k], "a further " + act_words + " not matched to any reported occurrence");
      }
      std::stable_sort(history.begin(), history.end(), [](const Step& x, const Step& y) { return x.at < y.at; });
      BearerOutcome& out = q.out().bearer(b);
      out.status = status;
      out.history = history;
      if (!occurrences.empty()) {
        double met = 0;
        for (const Occurrence& oc : occurrences) {
          met += (oc.status == Status::kComplied || oc.status == Status::kCompliedLate) ? 1 : 0;
        }
        out.progress_done = met;
        out.progress_of = static_cast<double>(occurrences.size());
      }
      std::string text;
      if (occurrences.empty()) {
        text = "no occurrence has been reported, so no deadline has arisen";
      } else {
        std::vector<std::string> parts;
        for (Status s : {Status::kViolated, Status::kUndetermined, Status::kCompliedLate, Status::kPending, Status::kComplied}) {
          const auto it = by_status.find(s);
          if (it == by_status.end()) continue;
          const std::string label = s == Status::kComplied       ? "on time"
                                    : s == Status::kCompliedLate ? "late"
                                    : s == Status::kViolated     ? "missed"
                                                                 : words(s);
          parts.push_back(label + ": " + join_names(it->second));
        }
        text = std::to_string(occurrences.size()) + (occurrences.size() == 1 ? " occurrence" : " occurrences") + "; " +
               join_all(parts, "; ");
      }
      const auto at = std::find(group_text.begin(), group_text.end(), text);
      if (at == group_text.end()) {
        group_text.push_back(text);
        group_members.push_back({bi});
        group_rows.push_back(rows);
      } else {
        group_members[static_cast<std::size_t>(at - group_text.begin())].push_back(bi);
      }
    }
    OJson ledgers = OJson::array();
    std::string text;
    for (std::size_t g = 0; g < group_text.size(); ++g) {
      std::vector<std::string> names;
      OJson parties = OJson::array();
      for (std::size_t i : group_members[g]) {
        names.push_back(a.name_of(o.bearers[i]));
        parties.push_back(a.id_of(o.bearers[i]));
      }
      ledgers.push_back(OJson{{"parties", parties}, {"occurrences", group_rows[g]}});
      text +=
          (g ? " " : "") + (group_text.size() > 1 ? join_names(names) + ": " : std::string()) + capitalised(group_text[g]) + ".";
    }
    q.out().explanation = capitalised(act_words) + " due " + rule + ". " + text;
    q.out().progress = OJson{{"deadline", deadline.text}, {"before_each", deadline.before_each}, {"ledgers", ledgers}};
    if (next_due) {
      q.out().deadline = limit_json(*next_due);
    } else {
      q.out().deadline = OJson{{"deadline", deadline.text}, {"due_before", nullptr}};
    }
  }
};

std::unique_ptr<Clause> read(ParamReader& r) {
  r.allow({"deadline", "fulfilled_by", "if_no_report", "from", "until", "note"});
  auto c = std::make_unique<RecurringAct>();
  if (!r.member("deadline")) r.report(r.pointer(), "field.missing", "missing required field \"deadline\"");
  c->deadline = r.deadline("deadline");
  if (r.member("deadline") && c->deadline.kind != DeadlineSpec::Kind::kEach && c->deadline.kind != DeadlineSpec::Kind::kNone) {
    r.report(r.at("deadline"), "deadline.form",
             "recurring_act needs a recurring deadline: {\"before_each\": {...}, \"within\": ...} or {\"after_each\": {...}, "
             "\"within\": ...}");
  }
  if (auto m = r.match("fulfilled_by", true)) c->act = *m;
  const std::string absence = r.choice("if_no_report", {"violated", "undetermined"}, "violated");
  c->absence_is_violation = absence == "violated";
  r.window(c->window, false);
  c->event_types = c->deadline.each.types;
  c->event_types.insert(c->event_types.end(), c->act.types.begin(), c->act.types.end());
  return c;
}

}  // namespace

extern const KindDef kRecurringAct{
    "recurring_act", "an act due before or after each occurrence of an event, each deadline judged on its own", read};

}  // namespace pactcheck
