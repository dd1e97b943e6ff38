// exchange (construct 10, 11): running totals of an exchange per side (prisoners, detainees, bodies), against
// agreed totals if any. With no agreed totals ("all for all") the verdict stays undetermined: pactcheck never
// assumes that "all" was reached, unless a report of those still held ("remaining") settles it. A side given as
// several parties ("released by the armed formations") is one of them, unknown which.
#include <algorithm>
#include <map>

#include "evaluation.hpp"
#include "kinds/kind.hpp"
#include "kinds/shown_events.hpp"
#include "params.hpp"
#include "rules/rules.hpp"

namespace pactcheck {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

class Exchange : public Clause {
 public:
  std::vector<std::string> categories;
  std::string principle;
  std::map<Who, double> agreed_totals;  // receiving party -> total
  DeadlineSpec deadline;
  bool amendable = false;

  bool accepts_amendment() const override { return amendable; }
  bool count_reported_totals = false;

  void marks(const Agreement& a, std::vector<std::pair<std::int64_t, std::string>>& out) const override {
    if (deadline.kind == DeadlineSpec::Kind::kDate) {
      out.emplace_back(start_of_day_utc(add_to_date(deadline.date, Duration{0, 0, 1, 0}), deadline.zone), "");
    }
    (void)a;
  }

  void evaluate(Query& q) const override {
    const Agreement& a = q.agreement();
    const Obligation& o = q.obligation();
    const bool agreed = !agreed_totals.empty();
    std::map<Who, double> owed;
    for (Who party : o.bearers) {
      for (const auto& [receiver, total] : agreed_totals) {
        if (receiver != party) owed[party] += total;
      }
    }
    std::map<Who, std::map<std::string, double>> given;
    std::map<Who, double> received, delivered;
    std::map<Who, std::uint32_t> completed_by;
    std::map<Who, std::pair<double, std::string>> remaining;  // holding side -> still held, event
    double unknown_direction = 0, either_side = 0;
    OJson reported = OJson::array();
    std::vector<std::string> reported_text;
    std::size_t batches = 0;
    ShownEvents shown(q.out().evidence);
    for (const Fact& f : q.facts()) {
      if (!f.by_type) continue;
      const Event& e = *f.e;
      bool counted = false;
      for (const Quantity& qty : e.quantities) {
        if (!contains(categories, qty.category)) continue;
        const double v = qty.value.best;
        if (qty.basis == "remaining") {
          for (Who holder : qty.from) {
            const bool hurts = v > 0;
            if (hurts ? q.against(f, holder) || !q.charge(f, holder) : q.happened(f)) remaining[holder] = {v, e.id};
          }
          q.use(f, "remaining", qty.from.size() == 1 ? qty.from.front() : kNobody,
                format_number(v) + " " + qty.category + " reported still held");
          counted = true;
          continue;
        }
        if (qty.basis == "cumulative_report" || qty.basis == "level") {
          reported.push_back(OJson{{"event", e.id}, {"category", qty.category}, {"value", json_number(v)},
                                   {"from", qty.from.size() == 1 ? OJson(a.id_of(qty.from.front())) : OJson(nullptr)},
                                   {"to", qty.to.size() == 1 ? OJson(a.id_of(qty.to.front())) : OJson(nullptr)}});
          reported_text.push_back(format_number(v) + " " + qty.category + " (" + e.id + ")");
          if (count_reported_totals && qty.from.size() == 1 && q.happened(f)) {
            const Who from = qty.from.front();
            delivered[from] = std::max(delivered[from], v);
            given[from][qty.category] = std::max(given[from][qty.category], v);
            if (agreed && owed.count(from) && !completed_by.count(from) && delivered[from] >= owed[from]) completed_by[from] = f.event;
          }
          q.use(f, "reported_total", kNobody,
                count_reported_totals ? "a running total reported by a party or the press, counted as the clause says"
                                      : "a running total reported by a party or the press, shown beside the computed one");
          counted = true;
          continue;
        }
        if (qty.basis == "planned") continue;
        if (!q.happened(f)) continue;
        if (qty.to.empty() && qty.from.empty()) {
          unknown_direction += v;
        } else if (qty.from.size() > 1) {
          either_side += v;
          for (Who from : qty.from) {
            if (q.assume(f, false, "handed over by one of " + join_names([&] {
                                     std::vector<std::string> n;
                                     for (Who w : qty.from) n.push_back(a.name_of(w));
                                     return n;
                                   }(), " or ") + ", unknown which")) {
              delivered[from] += v;
            }
          }
        } else {
          if (!qty.from.empty()) {
            const Who from = qty.from.front();
            given[from][qty.category] += v;
            delivered[from] += v;
            if (agreed && owed.count(from) && !completed_by.count(from) && delivered[from] >= owed[from]) completed_by[from] = f.event;
          }
        }
        if (qty.to.size() == 1) received[qty.to.front()] += v;
        counted = true;
      }
      if (counted) {
        ++batches;
        if (!shown.contains(f.event)) q.use(f, "exchange", kNobody, "exchange batch");
      } else {
        q.not_relevant(f, "no exchanged quantity of the clause's categories");
      }
    }
    DeadlineState ds = deadline_state(q, deadline, amendable);
    const std::optional<Limit>& limit = ds.effective;
    const bool due = limit && q.as_of() + 1 >= limit->latest;
    OJson sides = OJson::array();
    for (Who party : o.bearers) {
      OJson g = OJson::object();
      for (const auto& [category, value] : given[party]) g[category] = json_number(value);
      sides.push_back(OJson{{"party", a.id_of(party)}, {"given", g}, {"total_given", json_number(delivered[party])},
                            {"total_received", json_number(received[party])},
                            {"owed", agreed ? json_number(owed[party]) : OJson(nullptr)},
                            {"completed_by", completed_by.count(party) ? OJson(q.events()[completed_by[party]].id) : OJson(nullptr)},
                            {"still_held", remaining.count(party) ? json_number(remaining[party].first) : OJson(nullptr)}});
    }
    std::vector<std::string> parts;
    for (Who party : o.bearers) {
      BearerOutcome& out = q.out().bearer(party);
      std::string part = a.name_of(party) + " handed over " + format_number(delivered[party]) +
                         (agreed ? " of " + format_number(owed[party]) + " agreed" : "") + " and received " +
                         format_number(received[party]);
      if (agreed) {
        out.progress_done = delivered[party];
        out.progress_of = owed[party];
      }
      const auto held = remaining.find(party);
      if (!agreed) {
        if (held != remaining.end() && held->second.first == 0) {
          out.status = Status::kComplied;
          part += "; " + held->second.second + " reports none still held";
        } else if (held != remaining.end()) {
          out.status = due ? Status::kViolated : Status::kUndetermined;
          part += "; " + held->second.second + " reports " + format_number(held->second.first) + " still held" +
                  (due ? " after the deadline" : "");
          if (due) out.history.push_back(Step{limit->latest, Status::kViolated, held->second.second, "still held after the deadline"});
        } else {
          out.status = batches == 0 ? Status::kPending : Status::kUndetermined;
        }
      } else if (completed_by.count(party)) {
        const TimeRange when = q.events()[completed_by[party]].when;
        out.status = limit ? judge(when, *limit, q.as_of(), true) : Status::kComplied;
        out.done = when;
        part += ", completing its share with " + q.events()[completed_by[party]].id;
        if (out.status == Status::kCompliedLate) part += ", after the deadline";
      } else if (due) {
        out.status = Status::kViolated;
        part += ", short of the total when it fell due " + when_due(*limit) + " (" + format_number(delivered[party]) + " of " +
                format_number(owed[party]) + ")";
        out.history.push_back(Step{limit->latest, Status::kViolated, "", "short of the total at the deadline"});
      } else {
        out.status = Status::kPending;
        if (limit) part += "; the total is due " + when_due(*limit);
      }
      parts.push_back(part);
    }
    q.out().progress = OJson{{"principle", principle.empty() ? OJson(nullptr) : OJson(principle)},
                             {"agreed_totals", [&] {
                                if (!agreed) return OJson(nullptr);
                                OJson t = OJson::object();
                                for (const auto& [p, v] : agreed_totals) t[a.id_of(p)] = json_number(v);
                                return t;
                              }()},
                             {"completeness", agreed ? OJson(nullptr) : OJson(batches == 0 ? "none" : "partial")},
                             {"sides", sides},
                             {"direction_unknown", json_number(unknown_direction)},
                             {"side_unknown", json_number(either_side)},
                             {"reported_totals", reported}};
    if (limit) {
      q.out().deadline = limit_json(*limit);
      if (!ds.amendments.empty()) q.out().deadline["history"] = ds.history;
    }
    std::string text = std::to_string(batches) + " exchange " + (batches == 1 ? "batch" : "batches") + " reported: ";
    for (std::size_t i = 0; i < parts.size(); ++i) text += (i ? "; " : "") + parts[i];
    if (unknown_direction > 0) text += "; " + format_number(unknown_direction) + " more with no direction given";
    if (either_side > 0) text += "; " + format_number(either_side) + " more handed over by one side of several, unknown which";
    text += ".";
    if (!reported_text.empty() && !count_reported_totals) {
      text += " Reported running totals (" + join_names(reported_text) +
              ") are listed, not added: this clause counts the exchanges batch by batch (count_reported_totals is not set).";
    }
    if (!agreed && batches > 0 && remaining.empty()) {
      text += " There is no agreed total" + std::string(principle.empty() ? "" : " (\"" + principle + "\")") +
              ", so whether everyone was exchanged cannot be established from the reports.";
    }
    q.out().explanation = text;
  }
};

std::unique_ptr<Clause> read(ParamReader& r) {
  r.allow({"categories", "event_types", "principle", "agreed_totals", "deadline", "from", "amendable", "count_reported_totals"});
  auto c = std::make_unique<Exchange>();
  c->event_types = r.types("event_types", true);
  c->categories = r.fields().string_list(r.params(), r.pointer(), "categories", true);
  c->principle = r.text("principle", false);
  c->deadline = r.deadline("deadline");
  if (c->deadline.kind == DeadlineSpec::Kind::kAfter) c->extra_conditions.emplace_back(&c->deadline.anchor, "/deadline/after");
  c->amendable = r.boolean("amendable").value_or(false);
  c->count_reported_totals = r.boolean("count_reported_totals").value_or(false);
  r.window(c->window, false, false);
  const Json* totals = r.member("agreed_totals");
  if (totals && !totals->is_null() && r.fields().expect_object(*totals, r.at("agreed_totals"), "agreed_totals")) {
    for (auto it = totals->begin(); it != totals->end(); ++it) {
      const std::string here = pointer_join(r.at("agreed_totals"), it.key());
      const auto who = r.agreement().find_party(it.key());
      if (!who) r.report(here, "ref.party", "undefined party \"" + it.key() + "\"");
      if (!it->is_number() || it->get<double>() < 0) {
        r.report(here, "type.number", "an agreed total must be a number of at least 0");
      } else if (who) {
        c->agreed_totals[*who] = it->get<double>();
      }
    }
  }
  return c;
}

}  // namespace

extern const KindDef kExchange{"exchange", "running totals of an exchange per side, against agreed totals if any", read};

}  // namespace pactcheck
