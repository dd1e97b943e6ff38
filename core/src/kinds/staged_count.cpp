// staged_count (construct 10): a total reached in stages of a stated size on stated days ("3 hostages by day 1,
// 4 more by day 7, ..."). Each stage has a due date (any deadline form; `day_one: true` when the text counts the
// start day as day 1), a count and a category. Releases are allocated to stages in time order:
//   cumulative (default): to the earliest stage of the category not yet full, so a release ahead of time counts
//     for the next stage (by each due date the running total must reach the sum of the stages so far);
//   per_stage: to the stage in whose window (after the previous stage's due date, up to its own) it happened;
//     what goes beyond that stage's count first makes up earlier stages that fell short (late), and the rest is
//     surplus that does not carry forward; releases after the last due date make up shortfalls, oldest first.
// Per stage: complied (full on time), complied_late (full after its due date; the history shows it short at the
// due date and completed later), violated (short at the due date, as of a report after it), pending (not yet
// due), not_triggered or undetermined (due date anchored on something not yet, or not certainly, happened). A
// quantity reached only in part is never complied. Stage deadlines are not amendable (amend_deadline effects are
// refused for this kind); agreed suspensions push every stage's due date back.
#include "kinds/staged_count.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "kinds/kind.hpp"
#include "params.hpp"

namespace pactcheck {
namespace {

std::string words(const std::string& id) {
  std::string s = id;
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

std::string short_words(double n) { return n == 1 ? "one short" : format_number(n) + " short"; }

// "3 hostages", "1 (hostages)": category ids are plural nouns, and no singular is known.
std::string count_of(double n, const std::string& category) {
  return n == 1 ? "1 (" + words(category) + ")" : format_number(n) + " " + words(category);
}

struct Stage {
  DeadlineSpec due;
  double count = 0;
  std::string category;
};

class StagedCount : public Clause {
 public:
  std::vector<Stage> stages;
  bool per_stage = false;

  void marks(const Agreement& /*a*/, std::vector<std::pair<std::int64_t, std::string>>& out) const override {
    for (std::size_t k = 0; k < stages.size(); ++k) {
      const DeadlineSpec& d = stages[k].due;
      if (d.kind == DeadlineSpec::Kind::kDate) {
        out.emplace_back(start_of_day_utc(add_to_date(d.date, Duration{0, 0, 1, 0}), d.zone), "stage " + std::to_string(k + 1));
      } else if (d.kind == DeadlineSpec::Kind::kInstant) {
        out.emplace_back(d.instant.utc_ms, "stage " + std::to_string(k + 1));
      }
    }
  }

  // One release counted for a bearer: part of one event's quantities of one category.
  struct Release {
    const Fact* fact = nullptr;
    TimeRange when;
    std::string category;
    double value = 0;
  };
  // What a stage received.
  struct Fill {
    double filled = 0, by_due = 0;
    std::optional<TimeRange> completed;
    std::string completed_by;
    std::vector<std::pair<const Fact*, double>> parts;
  };

  void evaluate(Query& q) const override {
    const Agreement& a = q.agreement();
    const Obligation& o = q.obligation();
    const std::size_t n = stages.size();
    // Each stage's due date as the kind applies it (suspensions push it back).
    std::vector<DeadlineState> due(n);
    for (std::size_t k = 0; k < n; ++k) due[k] = deadline_state(q, stages[k].due, false);
    double total_of = 0;
    std::map<std::string, double> of_category;
    for (const Stage& s : stages) {
      total_of += s.count;
      of_category[s.category] += s.count;
    }
    // The value of each fact's quantities, once per fact (the open point of a range is the same for every bearer).
    std::map<std::uint32_t, std::map<std::string, double>> values;
    for (const Fact& f : q.facts()) {
      if (!f.by_type) continue;
      std::map<std::string, std::pair<double, double>> range;
      for (const Quantity& qty : f.e->quantities) {
        if (!of_category.count(qty.category) || qty.basis != "increment") continue;
        if (!qty.from.empty() && std::none_of(qty.from.begin(), qty.from.end(), [&](Who w) {
              return std::find(o.bearers.begin(), o.bearers.end(), w) != o.bearers.end();
            })) {
          continue;  // given by someone who does not bear this obligation (the other side of an exchange)
        }
        range[qty.category].first += qty.value.lo;
        range[qty.category].second += qty.value.hi;
        values[f.event][qty.category] += qty.value.best;
      }
      for (auto& [cat, lohi] : range) {
        if (lohi.first != lohi.second) {
          const bool worst = q.assume(
              f, true, "its " + cat + " figure is given as " + format_number(lohi.first) + " to " + format_number(lohi.second));
          values[f.event][cat] = worst ? lohi.first : lohi.second;
        }
      }
    }
    std::set<std::tuple<std::uint32_t, std::string, Who>> used;
    auto use = [&](const Fact& f, const std::string& role, Who b, const std::string& note) {
      if (used.insert({f.event, role, b}).second) q.use(f, role, b, note);
    };
    std::vector<std::string> group_text;
    std::vector<std::vector<std::string>> group_names;
    OJson stages_json = OJson::array();
    double shown_done = 0;
    std::optional<std::size_t> next_open;
    for (std::size_t bi = 0; bi < o.bearers.size(); ++bi) {
      const Who b = o.bearers[bi];
      // The releases that count for this bearer, in time order.
      std::vector<Release> releases;
      for (const Fact& f : q.facts()) {
        const auto v = values.find(f.event);
        if (v == values.end()) continue;
        const bool charged = q.charge(f, b) != nullptr;
        bool by_quantity = false;
        for (const Quantity& qty : f.e->quantities) by_quantity = by_quantity || !qty.from.empty();
        const bool counts = (charged && !by_quantity) ? q.done_by(f, b) : q.happened(f);
        if (!counts) continue;
        for (const auto& [cat, value] : v->second) releases.push_back(Release{&f, f.e->when, cat, value});
      }
      // Allocate.
      std::vector<Fill> fill(n);
      std::vector<std::pair<const Fact*, double>> surplus;
      auto due_earliest = [&](std::size_t k) { return due[k].effective ? due[k].effective->earliest : kNever; };
      auto give = [&](std::size_t k, const Release& r, double& left) {
        const double take = std::min(left, stages[k].count - fill[k].filled);
        if (take <= 0) return;
        fill[k].filled += take;
        left -= take;
        fill[k].parts.emplace_back(r.fact, take);
        if (due[k].effective && r.when.latest < due[k].effective->earliest) fill[k].by_due += take;
        if (fill[k].filled >= stages[k].count && !fill[k].completed) {
          fill[k].completed = r.when;
          fill[k].completed_by = r.fact->e->id;
        }
      };
      for (const Release& r : releases) {
        double left = r.value;
        if (!per_stage) {
          for (std::size_t k = 0; k < n && left > 0; ++k) {
            if (stages[k].category == r.category) give(k, r, left);
          }
        } else {
          // The stage window it falls in: the first stage whose due date it certainly precedes.
          std::size_t w = n;
          for (std::size_t k = 0; k < n; ++k) {
            if (r.when.latest < due_earliest(k)) {
              w = k;
              break;
            }
          }
          if (w > 0 && w <= n) {
            const std::size_t prev = w - 1;
            if (r.when.earliest < due_earliest(prev)) {
              const bool later =
                  q.assume(*r.fact, true, "its time range straddles the due date of stage " + std::to_string(prev + 1));
              if (!later) w = prev;
            }
          }
          if (w < n && stages[w].category == r.category) give(w, r, left);
          for (std::size_t k = 0; k < std::min(w, n) && left > 0; ++k) {
            if (stages[k].category == r.category) give(k, r, left);
          }
        }
        if (left > 0) surplus.emplace_back(r.fact, left);
      }
      // Judge each stage.
      Status status = Status::kComplied;
      std::vector<Step> history;
      std::vector<std::string> parts;
      double done = 0;
      std::optional<TimeRange> all_done;
      bool all_complete = true;
      for (std::size_t k = 0; k < n; ++k) {
        const Stage& s = stages[k];
        const Fill& fl = fill[k];
        const std::string name = "stage " + std::to_string(k + 1);
        done += fl.filled;
        std::string what = name + " (" + count_of(s.count, s.category);
        Status st = Status::kPending;
        std::string sentence;
        OJson due_json = nullptr;
        if (due[k].waiting) {
          const bool unsure = due[k].anchor.uncertain;
          st = unsure ? Status::kUndetermined : Status::kNotTriggered;
          what += ", due " + s.due.text + ")";
          sentence = what + ": " +
                     (unsure ? "undetermined: its due date runs from " + s.due.anchor.text +
                                   ", which cannot be established from the reports"
                             : "not triggered: its due date runs from " + s.due.anchor.text + ", which has not been reported") +
                     (fl.filled > 0 ? "; " + format_number(fl.filled) + " of " + format_number(s.count) + " so far" : "");
          due_json = OJson{{"deadline", s.due.text}, {"due_before", nullptr}};
        } else if (s.count == 0) {
          st = Status::kComplied;
          if (due[k].effective) due_json = limit_json(*due[k].effective);
          sentence = what + "): nothing to release";
        } else if (!due[k].effective) {
          st = Status::kUndetermined;
          sentence = what + "): no due date could be resolved";
        } else {
          const Limit& l = *due[k].effective;
          due_json = limit_json(l);
          Limit shown = l;
          shown.rule.clear();  // the rule is in the progress and the deadline
          what += " " + when_due(shown) + ")";
          st = judge(fl.completed, l, q.as_of(), true);
          const std::string by_due = format_number(fl.by_due) + " of " + format_number(s.count) + " by " + l.text;
          switch (st) {
            case Status::kComplied:
              sentence = what + ": complied, completed by " + fl.completed_by + " (" +
                         format_date(local_date(fl.completed->earliest, a.zone)) + ")";
              break;
            case Status::kCompliedLate:
              sentence = what + ": " + short_words(s.count - fl.by_due) + " at its due date (" + by_due +
                         "), completed late by " + fl.completed_by + " (" +
                         format_date(local_date(fl.completed->earliest, a.zone)) + ")";
              history.push_back(
                  Step{l.latest - 1, Status::kViolated, "", name + ": " + short_words(s.count - fl.by_due) + ", " + by_due});
              history.push_back(Step{fl.completed->earliest, Status::kCompliedLate, fl.completed_by, name + " completed late"});
              break;
            case Status::kViolated:
              sentence = what + ": " + short_words(s.count - fl.by_due) + " at its due date: " + by_due +
                         (fl.filled > fl.by_due ? "; " + format_number(fl.filled) + " of " + format_number(s.count) +
                                                      " since, still " + short_words(s.count - fl.filled)
                                                : "");
              history.push_back(
                  Step{l.latest - 1, Status::kViolated, "", name + ": " + short_words(s.count - fl.by_due) + ", " + by_due});
              break;
            case Status::kPending:
              sentence = what + ": pending, " + format_number(fl.filled) + " of " + format_number(s.count) + " so far";
              break;
            default:
              sentence = what + ": undetermined: " +
                         (fl.completed
                              ? "it was completed by " + fl.completed_by + ", at a time that may fall either side of the due date"
                              : "the due date may or may not have passed");
          }
        }
        if (st != Status::kComplied && st != Status::kCompliedLate) all_complete = false;
        if (fl.completed && all_complete) {
          if (!all_done || fl.completed->latest > all_done->latest) all_done = fl.completed;
        }
        status = worst(status, st);
        parts.push_back(sentence);
        if (bi == 0) {
          if (!next_open && st != Status::kComplied && st != Status::kCompliedLate) next_open = k;
          OJson contributions = OJson::array();
          for (const auto& [f, v] : fl.parts) contributions.push_back(OJson{{"event", f->e->id}, {"counted", json_number(v)}});
          stages_json.push_back(
              OJson{{"stage", k + 1},
                    {"category", s.category},
                    {"count", json_number(s.count)},
                    {"due", due_json},
                    {"status", status_name(st)},
                    {"reached", json_number(fl.filled)},
                    {"reached_by_due",
                     due[k].effective && q.as_of() + 1 >= due[k].effective->latest ? json_number(fl.by_due) : OJson(nullptr)},
                    {"short_by", st == Status::kViolated ? json_number(s.count - fl.filled) : OJson(nullptr)},
                    {"completed_by", fl.completed ? OJson(fl.completed_by) : OJson(nullptr)},
                    {"releases", contributions}});
        }
        // Evidence: each release as it counted for this stage.
        for (const auto& [f, v] : fl.parts) {
          const bool late = due[k].effective && f->e->when.earliest >= due[k].effective->latest;
          const bool unsure = due[k].effective && !late && f->e->when.latest >= due[k].effective->earliest;
          use(*f,
              late     ? "late_fulfilment"
              : unsure ? "fulfilment_uncertain"
                       : "fulfilment",
              q.charge(*f, b) ? b : kNobody,
              count_of(v, s.category) + " counted toward " + name + (late ? ", after its due date" : ""));
        }
      }
      if (n == 0) status = Status::kUndetermined;
      double surplus_total = 0;
      for (const auto& [f, v] : surplus) {
        surplus_total += v;
        use(*f, "surplus", q.charge(*f, b) ? b : kNobody,
            format_number(v) + " beyond " +
                (per_stage ? "its stage's count (per_stage counting does not carry it forward)" : "the stages' total"));
      }
      BearerOutcome& out = q.out().bearer(b);
      out.status = status;
      std::stable_sort(history.begin(), history.end(), [](const Step& x, const Step& y) { return x.at < y.at; });
      out.history = history;
      out.progress_done = done;
      out.progress_of = total_of;
      if (all_complete && n > 0 && all_done) out.done = all_done;
      if (bi == 0) shown_done = done;
      std::string text =
          capitalised(join_all(parts, "; ")) + ". In all " + format_number(done) + " of " + format_number(total_of) +
          (surplus_total > 0 ? " (and " + format_number(surplus_total) + " more not counted toward any stage)" : "") + ".";
      const auto at = std::find(group_text.begin(), group_text.end(), text);
      if (at == group_text.end()) {
        group_text.push_back(text);
        group_names.push_back({a.name_of(b)});
      } else {
        group_names[static_cast<std::size_t>(at - group_text.begin())].push_back(a.name_of(b));
      }
    }
    for (const Fact& f : q.facts()) {
      if (f.by_type && !values.count(f.event)) q.not_relevant(f, "no increment of the stages' categories given by a bearer");
    }
    std::string text = std::string(per_stage ? "Counted per stage" : "Counted cumulatively") + ". ";
    for (std::size_t g = 0; g < group_text.size(); ++g) {
      text += (g ? " " : "") + (group_text.size() > 1 ? join_names(group_names[g]) + ": " : std::string()) + group_text[g];
    }
    q.out().explanation = text;
    q.out().progress = OJson{{"counting", per_stage ? "per_stage" : "cumulative"},
                             {"total", OJson{{"done", json_number(shown_done)}, {"of", json_number(total_of)}}},
                             {"stages", stages_json}};
    if (n > 0) {
      const std::size_t k = next_open ? *next_open : n - 1;
      if (due[k].effective) {
        q.out().deadline = limit_json(*due[k].effective);
        q.out().deadline["stage"] = k + 1;
      } else {
        q.out().deadline = OJson{{"deadline", stages[k].due.text}, {"due_before", nullptr}, {"stage", k + 1}};
      }
    }
  }
};

std::unique_ptr<Clause> read(ParamReader& r) {
  r.allow({"event_types", "counting", "stages", "from", "note"});
  auto c = std::make_unique<StagedCount>();
  c->event_types = r.types("event_types", true);
  c->per_stage = r.choice("counting", {"cumulative", "per_stage"}, "cumulative") == "per_stage";
  r.window(c->window, false, false);
  Fields& f = r.fields();
  r.require_nonempty_array("stages", "stages");
  f.each_object(r.params(), r.pointer(), "stages", false, "a stage", [&](const Json& s, const std::string& at) {
    f.reject_unknown(s, at, {"due", "count", "category", "note"});
    Stage st;
    if (const Json* d = f.require(s, at, "due")) st.due = r.deadline_value(*d, at + "/due");
    if (st.due.kind == DeadlineSpec::Kind::kEach) {
      r.report(at + "/due", "deadline.form", "a stage is due once: a deadline before or after each event is recurring_act's");
    }
    if (auto n = f.number(s, at, "count", true)) {
      if (*n < 0 || *n > 1e12 || *n != static_cast<double>(static_cast<long long>(*n))) {
        r.report(at + "/count", "field.range", "count must be a whole number from 0 to 1000000000000");
      } else {
        st.count = *n;
      }
    }
    st.category = f.id(s, at, "category", true);
    c->stages.push_back(std::move(st));
  });
  // The vector is complete: pointers into it stay valid.
  for (std::size_t k = 0; k < c->stages.size(); ++k) {
    if (c->stages[k].due.kind == DeadlineSpec::Kind::kAfter) {
      c->extra_conditions.emplace_back(&c->stages[k].due.anchor, "/stages/" + std::to_string(k) + "/due/after");
    }
  }
  return c;
}

}  // namespace

extern const KindDef kStagedCount{"staged_count", "a total reached in stages of stated size by stated due dates", read};

std::optional<std::vector<StageBound>> staged_count_stages(Query& q, std::size_t obligation) {
  const auto& obligations = q.agreement().obligations;
  if (obligation >= obligations.size()) return std::nullopt;
  const Obligation& o = obligations[obligation];
  if (o.kind != &kStagedCount || o.readings.empty() || !o.readings.front().clause) return std::nullopt;
  const auto& c = static_cast<const StagedCount&>(o.clause());  // safe: kStagedCount's reader makes only StagedCount
  std::vector<StageBound> out;
  for (const Stage& s : c.stages) {
    StageBound b;
    b.due = resolve_deadline(s.due, q.agreement(), q.resolve, nullptr);
    b.count = s.count;
    b.category = s.category;
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace pactcheck
