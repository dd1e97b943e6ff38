// reciprocal (construct 11): the bearers' due quantity follows from the counterpart's act ("30 prisoners per
// civilian hostage released, 50 per soldier"). Every counterpart release opens a debt (ratio x what it released,
// per give category), due `within` after that release, or simply owed (pending until given) when `within` is
// absent. The bearers' releases are credited to open debts oldest first. With after_counterpart (default true)
// the bearers' performance is due after the counterpart's act: a release before any debt it could answer is
// listed as given ahead and not credited; with after_counterpart false it is carried forward as a credit against
// the next debts. Per debt: complied, complied_late, violated (short at its deadline, by how much), pending
// (still inside its window, or owed with no deadline), undetermined (a release straddling the deadline). The
// report keeps a ledger: what was owed and given per counterpart release, and the running balance. Several
// bearers owe jointly: a release by any of them is credited.
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

std::string amounts_text(const std::map<std::string, double>& m) {
  std::vector<std::string> parts;
  for (const auto& [cat, v] : m) parts.push_back(count_of(v, cat));
  return parts.empty() ? "nothing" : join_names(parts);
}

OJson amounts_json(const std::map<std::string, double>& m) {
  OJson j = OJson::object();
  for (const auto& [cat, v] : m) j[cat] = json_number(v);
  return j;
}

constexpr double kHuge = 1e300;  // owed amounts are kept finite, whatever the figures

struct Ratio {
  std::string give, receive;
  double ratio = 0;
};

class Reciprocal : public Clause {
 public:
  Who counterpart = kNobody;
  std::vector<Ratio> ratios;
  bool after_counterpart = true;
  std::optional<Duration> within;

  bool receives(const std::string& cat) const {
    return std::any_of(ratios.begin(), ratios.end(), [&](const Ratio& r) { return r.receive == cat; });
  }
  bool gives(const std::string& cat) const {
    return std::any_of(ratios.begin(), ratios.end(), [&](const Ratio& r) { return r.give == cat; });
  }

  struct Debt {
    const Fact* fact = nullptr;
    std::map<std::string, double> received, owed, credited, credited_by_due;
    std::optional<Limit> limit;
    std::optional<TimeRange> completed;
    std::string completed_by;
    std::vector<std::string> credited_from;
    bool complete() const {
      for (const auto& [cat, v] : owed) {
        const auto it = credited.find(cat);
        if ((it == credited.end() ? 0 : it->second) < v) return false;
      }
      return true;
    }
  };

  void evaluate(Query& q) const override {
    const Agreement& a = q.agreement();
    const Obligation& o = q.obligation();
    const std::string& them = a.name_of(counterpart);
    auto bearer_gives = [&](const std::vector<Who>& from) {
      return std::any_of(from.begin(), from.end(),
                         [&](Who w) { return std::find(o.bearers.begin(), o.bearers.end(), w) != o.bearers.end(); });
    };
    DeadlineSpec each;
    each.kind = DeadlineSpec::Kind::kEach;
    each.before_each = false;
    each.zone = a.zone;
    if (within) each.within = *within;

    std::vector<Debt> debts;
    std::size_t head = 0;                                                     // debts before it are complete
    std::map<std::string, std::vector<std::pair<const Fact*, double>>> bank;  // after_counterpart false: credit ahead
    OJson surplus = OJson::array();
    std::set<std::tuple<std::uint32_t, std::string, Who>> used;
    auto use = [&](const Fact& f, const std::string& role, Who b, const std::string& note) {
      if (used.insert({f.event, role, b}).second) q.use(f, role, b, note);
    };
    auto credit = [&](Debt& d, const std::string& cat, double amount, const Fact& giver, std::int64_t at_earliest,
                      std::int64_t at_latest) {
      d.credited[cat] += amount;
      if (!d.limit || at_latest < d.limit->earliest) d.credited_by_due[cat] += amount;
      if (std::find(d.credited_from.begin(), d.credited_from.end(), giver.e->id) == d.credited_from.end()) {
        d.credited_from.push_back(giver.e->id);
      }
      if (!d.completed && d.complete()) {
        d.completed = TimeRange{at_earliest, at_latest};
        d.completed_by = giver.e->id;
      }
    };
    for (const Fact& f : q.facts()) {
      if (!f.by_type) continue;
      const Event& e = *f.e;
      bool relevant = false;
      // The counterpart's releases: each opens a debt.
      std::map<std::string, double> received;
      for (const Quantity& qty : e.quantities) {
        if (!receives(qty.category) || qty.basis != "increment") continue;
        bool theirs = false;
        if (!qty.from.empty()) {
          const bool named = std::find(qty.from.begin(), qty.from.end(), counterpart) != qty.from.end();
          theirs =
              named && (qty.from.size() == 1 || q.assume(f, true, "released by one of several parties, " + them + " among them"));
        } else if (!gives(qty.category)) {
          theirs = std::any_of(e.actors.begin(), e.actors.end(), [&](const EventActor& x) { return x.party == counterpart; });
        }
        if (!theirs) continue;
        double v = qty.value.best;
        if (!qty.value.exact()) {
          v = q.assume(f, true,
                       "its " + qty.category + " figure is given as " + format_number(qty.value.lo) + " to " +
                           format_number(qty.value.hi))
                  ? qty.value.hi
                  : qty.value.lo;
        }
        received[qty.category] += v;
      }
      if (!received.empty() && q.happened(f, true)) {
        relevant = true;
        Debt d;
        d.fact = &f;
        d.received = received;
        for (const Ratio& r : ratios) {
          const auto it = received.find(r.receive);
          if (it != received.end()) d.owed[r.give] = std::min(d.owed[r.give] + r.ratio * it->second, kHuge);
        }
        if (within) d.limit = deadline_for_occurrence(each, e);
        // Credit carried forward (after_counterpart false).
        for (auto& [cat, owed] : d.owed) {
          auto& list = bank[cat];
          while (!list.empty() && d.credited[cat] < owed) {
            const double take = std::min(list.front().second, owed - d.credited[cat]);
            credit(d, cat, take, *list.front().first, e.when.earliest, e.when.latest);
            list.front().second -= take;
            if (list.front().second <= 0) list.erase(list.begin());
          }
        }
        if (!d.completed && d.complete()) d.completed = e.when;  // nothing owed (a zero figure)
        use(f, "counterpart_release", kNobody,
            them + " released " + amounts_text(received) + ": " + amounts_text(d.owed) + " owed" +
                (d.limit ? " " + when_due(*d.limit) : " (no time limit)"));
        debts.push_back(std::move(d));
      }
      // The bearers' releases: credited to open debts, oldest first.
      for (const Quantity& qty : e.quantities) {
        if (!gives(qty.category) || qty.basis != "increment") continue;
        Who giver = kNobody;
        bool ours = false;
        if (!qty.from.empty()) {
          if (!bearer_gives(qty.from)) continue;
          ours = q.happened(f);
          for (Who w : qty.from) {
            if (std::find(o.bearers.begin(), o.bearers.end(), w) != o.bearers.end()) giver = w;
          }
        } else if (!receives(qty.category)) {
          for (Who b : o.bearers) {
            if (q.charge(f, b) && q.done_by(f, b)) {
              ours = true;
              giver = b;
              break;
            }
          }
        }
        if (!ours) continue;
        relevant = true;
        double left = qty.value.best;
        if (!qty.value.exact()) {
          left = q.assume(f, true,
                          "its " + qty.category + " figure is given as " + format_number(qty.value.lo) + " to " +
                              format_number(qty.value.hi))
                     ? qty.value.lo
                     : qty.value.hi;
        }
        const double given = left;
        std::vector<std::string> on_time, late_to;
        for (std::size_t k = head; k < debts.size() && left > 0; ++k) {
          Debt& d = debts[k];
          const auto owed = d.owed.find(qty.category);
          if (owed == d.owed.end() || d.credited[qty.category] >= owed->second) continue;
          const TimeRange& dw = d.fact->e->when;
          if (after_counterpart && e.when.earliest < dw.latest && d.fact != &f) {
            // Certainly before the counterpart's release: it cannot answer it; overlapping: an open point.
            if (e.when.latest < dw.earliest) continue;
            const std::string overlap =
                "its time range overlaps that of " + d.fact->e->id + ", so it may have come before that release";
            if (q.assume(f, true, overlap)) continue;
          }
          const double take = std::min(left, owed->second - d.credited[qty.category]);
          credit(d, qty.category, take, f, e.when.earliest, e.when.latest);
          left -= take;
          const bool late = d.limit && e.when.earliest >= d.limit->latest;
          (late ? late_to : on_time).push_back(format_number(take) + " to " + d.fact->e->id);
        }
        while (head < debts.size() && debts[head].complete()) ++head;
        if (left > 0) {
          if (after_counterpart) {
            surplus.push_back(
                OJson{{"event", e.id},
                      {"category", qty.category},
                      {"value", json_number(left)},
                      {"why", "given with no open debt it could answer (performance is due after the counterpart's release)"}});
          } else {
            bank[qty.category].emplace_back(&f, left);
            surplus.push_back(OJson{{"event", e.id},
                                    {"category", qty.category},
                                    {"value", json_number(left)},
                                    {"why", "given ahead of the counterpart's release: carried forward as credit"}});
          }
        }
        const std::string rest = left > 0 ? (after_counterpart ? "; " + format_number(left) + " answer no open debt"
                                                               : "; " + format_number(left) + " carried forward")
                                          : "";
        const bool split = on_time.size() + late_to.size() > 1 || left > 0;
        auto credited = [&](const std::vector<std::string>& to) {
          if (to.empty()) return std::string();
          if (!split) return ", credited to " + to.front().substr(to.front().find(" to ") + 4);
          return ": " + join_names(to);
        };
        if (!late_to.empty()) {
          use(f, "late_fulfilment", giver,
              count_of(given, qty.category) + " given" + credited(late_to) +
                  (late_to.size() > 1 ? ", after their deadlines" : ", after its deadline"));
        }
        if (!on_time.empty() || late_to.empty()) {
          use(f, "fulfilment", giver, count_of(given, qty.category) + " given" + credited(on_time) + rest);
        }
      }
      if (!relevant) q.not_relevant(f, "no release by " + them + " or by a bearer in the clause's categories");
    }

    // Judge each debt.
    Status status = debts.empty() ? Status::kNotTriggered : Status::kComplied;
    std::vector<Step> history;
    std::vector<std::string> parts;
    OJson ledger = OJson::array();
    std::map<std::string, double> total_owed, total_given;
    std::optional<TimeRange> all_done;
    std::optional<Limit> next_due;
    std::string next_for;
    for (const Debt& d : debts) {
      const Event& e = *d.fact->e;
      Status st = Status::kComplied;
      std::map<std::string, double> outstanding;
      for (const auto& [cat, v] : d.owed) {
        const auto it = d.credited.find(cat);
        const double c = it == d.credited.end() ? 0 : it->second;
        total_owed[cat] += v;
        total_given[cat] += c;
        if (c < v) outstanding[cat] = v - c;
      }
      if (d.limit) {
        st = judge(d.completed, *d.limit, q.as_of(), true);
      } else {
        st = d.completed ? Status::kComplied : Status::kPending;
      }
      std::string s = e.id + " (" + them + " released " + amounts_text(d.received) + " on " +
                      format_date(local_date(e.when.earliest, a.zone)) + "): " + amounts_text(d.owed) + " owed" +
                      (d.limit ? " by " + d.limit->text : " (no time limit)");
      std::map<std::string, double> short_at_due;
      for (const auto& [cat, v] : d.owed) {
        const auto it = d.credited_by_due.find(cat);
        const double c = it == d.credited_by_due.end() ? 0 : it->second;
        if (c < v) short_at_due[cat] = v - c;
      }
      switch (st) {
        case Status::kComplied:
          s += ", given in full" + std::string(d.limit ? " on time" : "") +
               (d.credited_from.empty() ? std::string() : " (" + join_names(d.credited_from) + ")");
          break;
        case Status::kCompliedLate:
          s += "; " + amounts_text(d.credited_by_due) + " given by then, " + amounts_text(short_at_due) +
               " short; given in full late, by " + d.completed_by + " on " +
               format_date(local_date(d.completed->earliest, a.zone));
          history.push_back(Step{d.limit->latest - 1, Status::kViolated, e.id,
                                 amounts_text(short_at_due) + " short of what " + e.id + " made due"});
          history.push_back(Step{d.completed->earliest, Status::kCompliedLate, d.completed_by,
                                 "what " + e.id + " made due, given in full late"});
          break;
        case Status::kViolated:
          s += "; " + amounts_text(d.credited_by_due) + " given by then" +
               (d.credited_from.empty() ? "" : " (" + join_names(d.credited_from) + ")") + ": violated by " +
               amounts_text(short_at_due);
          history.push_back(Step{d.limit->latest - 1, Status::kViolated, e.id,
                                 amounts_text(short_at_due) + " short of what " + e.id + " made due"});
          break;
        case Status::kPending:
          s += "; " + amounts_text(d.credited) + " given so far, " + amounts_text(outstanding) + " outstanding" +
               (d.limit ? ", still within the time allowed" : ", owed with no time limit");
          break;
        default:
          s += ": undetermined: the release that completes it (" + d.completed_by + ") may fall either side of the deadline";
      }
      parts.push_back(s);
      status = worst(status, st);
      if (d.completed && (!all_done || d.completed->latest > all_done->latest)) all_done = d.completed;
      if (st == Status::kPending && d.limit && (!next_due || d.limit->earliest < next_due->earliest)) {
        next_due = d.limit;
        next_for = e.id;
      }
      ledger.push_back(OJson{{"event", e.id},
                             {"time", e.time_text},
                             {"received", amounts_json(d.received)},
                             {"owed", amounts_json(d.owed)},
                             {"given", amounts_json(d.credited)},
                             {"given_by_due", d.limit ? amounts_json(d.credited_by_due) : OJson(nullptr)},
                             {"outstanding", amounts_json(outstanding)},
                             {"due", d.limit ? limit_json(*d.limit) : OJson(nullptr)},
                             {"status", status_name(st)},
                             {"completed_by", d.completed_by.empty() ? OJson(nullptr) : OJson(d.completed_by)},
                             {"credited_from", d.credited_from}});
    }
    std::map<std::string, double> balance;
    double owed_sum = 0, given_sum = 0;
    for (const auto& [cat, v] : total_owed) {
      balance[cat] = v - total_given[cat];
      owed_sum += v;
      given_sum += total_given[cat];
    }
    OJson ratios_json = OJson::array();
    for (const Ratio& r : ratios) {
      ratios_json.push_back(
          OJson{{"give_category", r.give}, {"per_receive_category", r.receive}, {"ratio", json_number(r.ratio)}});
    }
    q.out().progress = OJson{
        {"counterpart", a.id_of(counterpart)},
        {"after_counterpart", after_counterpart},
        {"within", within ? OJson(describe(*within)) : OJson(nullptr)},
        {"ratios", ratios_json},
        {"ledger", ledger},
        {"balance",
         OJson{{"owed", amounts_json(total_owed)}, {"given", amounts_json(total_given)}, {"outstanding", amounts_json(balance)}}},
        {"not_credited", surplus}};
    std::string text;
    if (debts.empty()) {
      text = them + " has released no one the clause counts, so nothing is owed yet";
    } else {
      text = join_all(parts, ". ") + ". Balance: " + amounts_text(total_owed) + " owed, " + amounts_text(total_given) + " given";
      std::map<std::string, double> open;
      for (const auto& [cat, v] : balance) {
        if (v > 0) open[cat] = v;
      }
      text += open.empty() ? ", nothing outstanding" : ", " + amounts_text(open) + " outstanding";
    }
    if (!surplus.empty()) {
      text +=
          "; " + std::to_string(surplus.size()) + (surplus.size() == 1 ? " release" : " releases") +
          (after_counterpart ? " answered no open debt and " + std::string(surplus.size() == 1 ? "is" : "are") + " not credited"
                             : " came ahead and " + std::string(surplus.size() == 1 ? "is" : "are") + " carried forward");
    }
    q.out().explanation = text + ".";
    if (next_due) {
      q.out().deadline = limit_json(*next_due);
      q.out().deadline["for"] = next_for;
    }
    std::stable_sort(history.begin(), history.end(), [](const Step& x, const Step& y) { return x.at < y.at; });
    for (Who b : o.bearers) {
      BearerOutcome& out = q.out().bearer(b);
      out.status = status;
      out.history = history;
      if (owed_sum > 0) {
        out.progress_done = given_sum;
        out.progress_of = owed_sum;
      }
      if (!debts.empty() && (status == Status::kComplied || status == Status::kCompliedLate) && all_done) out.done = all_done;
    }
  }
};

std::unique_ptr<Clause> read(ParamReader& r) {
  r.allow({"event_types", "counterpart", "ratio", "after_counterpart", "within", "from", "note"});
  auto c = std::make_unique<Reciprocal>();
  Fields& f = r.fields();
  c->event_types = r.types("event_types", true);
  if (auto who = r.party_at(r.params(), r.pointer(), "counterpart", true)) {
    c->counterpart = *who;
    if (std::find(r.obligation().bearers.begin(), r.obligation().bearers.end(), *who) != r.obligation().bearers.end()) {
      r.report(r.at("counterpart"), "field.conflict", "the counterpart must not be a bearer of the obligation");
    }
  }
  r.require_nonempty_array("ratio", "ratios");
  f.each_object(r.params(), r.pointer(), "ratio", false, "a ratio", [&](const Json& x, const std::string& at) {
    f.reject_unknown(x, at, {"give_category", "per_receive_category", "ratio", "note"});
    Ratio k;
    k.give = f.id(x, at, "give_category", true);
    k.receive = f.id(x, at, "per_receive_category", true);
    if (auto n = f.number(x, at, "ratio", true)) {
      if (!(*n > 0) || *n > 1e9) {
        r.report(at + "/ratio", "field.range", "ratio must be above 0 and at most 1000000000");
      } else {
        k.ratio = *n;
      }
    }
    for (const Ratio& other : c->ratios) {
      if (other.give == k.give && other.receive == k.receive && !k.give.empty()) {
        r.report(at, "ref.duplicate", "a second ratio for " + k.give + " per " + k.receive);
      }
    }
    if (!k.give.empty() && k.give == k.receive) {
      r.report(at + "/per_receive_category", "field.conflict", "the category given and the category received must differ");
    }
    c->ratios.push_back(std::move(k));
  });
  c->after_counterpart = r.boolean("after_counterpart").value_or(true);
  c->within = r.duration("within", false);
  r.window(c->window, false, false);
  return c;
}

}  // namespace

extern const KindDef kReciprocal{"reciprocal", "a quantity owed in proportion to what a counterpart releases, after it", read};

}  // namespace pactcheck
