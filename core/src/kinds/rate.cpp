// rate (construct 9): a floor and/or a cap on the quantity of one category per calendar period (day, week from
// Monday, or month, in the agreement's zone): "at least 600 aid trucks a day", "at most 35,000 rotated troops per
// calendar month". Each period's figure is the sum of the category's increments reported in it. A period is
// judged once it has ended (as of its last millisecond); the current one is pending; a period without any report
// is undetermined, never complied. `measure` says what must meet the bounds: every period (`each_period`) or the
// average over the periods covered (`average`). Events of `obstruction_event_types` charged to a bearer ("entry
// refused at Kerem Shalom") are named beside the period they fall in, so the reader sees whose act was missing.
//
// Loops over periods are bounded: at most kMaxPeriods periods are evaluated, and the report says so when the
// bound is hit (the rest are undetermined).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "evaluation.hpp"
#include "kinds/kind.hpp"
#include "params.hpp"
#include "rules/rules.hpp"

namespace pactcheck {
namespace {

constexpr std::int64_t kMaxPeriods = 100000;
constexpr std::int64_t kMaxPlacementSpan = 366;  // an event whose time range spans more periods is not placed
constexpr std::size_t kListed = 8;               // periods named in the explanation, per kind of problem

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

double rounded(double v) { return std::round(v * 100.0) / 100.0; }

enum class Per { kDay, kWeek, kMonth };

// Calendar periods in a zone, numbered: days since 1970-01-01, weeks since Monday 1969-12-29, months since year 0.
struct Calendar {
  Per per = Per::kDay;
  Zone zone;

  std::int64_t index_of(std::int64_t utc_ms) const {
    const LocalDate d = local_date(utc_ms, zone);
    switch (per) {
      case Per::kDay: return days_from_civil(d);
      case Per::kWeek: return floor_div(days_from_civil(d) + 3, 7);
      case Per::kMonth: return static_cast<std::int64_t>(d.year) * 12 + (d.month - 1);
    }
    return 0;
  }
  LocalDate first_day(std::int64_t index) const {
    switch (per) {
      case Per::kDay: return civil_from_days(index);
      case Per::kWeek: return civil_from_days(index * 7 - 3);
      case Per::kMonth:
        return LocalDate{static_cast<int>(floor_div(index, 12)), static_cast<int>(index - floor_div(index, 12) * 12) + 1, 1};
    }
    return {};
  }
  std::int64_t start(std::int64_t index) const { return start_of_day_utc(first_day(index), zone); }
  std::string label(std::int64_t index) const {
    const LocalDate d = first_day(index);
    switch (per) {
      case Per::kDay: return format_date(d);
      case Per::kWeek: return "week of " + format_date(d);
      case Per::kMonth: return format_date(d).substr(0, 7);
    }
    return {};
  }
  // "2025-01-21", "the week of 2025-01-20", "2025-01".
  std::string the_label(std::int64_t index) const { return (per == Per::kWeek ? "the " : "") + label(index); }
  // "on 2025-01-21", "in the week of 2025-01-20", "in 2025-01".
  std::string in_label(std::int64_t index) const {
    return (per == Per::kDay ? "on " : per == Per::kWeek ? "in the " : "in ") + label(index);
  }
  const char* name() const { return per == Per::kDay ? "day" : per == Per::kWeek ? "week" : "month"; }
  const char* plural_name() const { return per == Per::kDay ? "days" : per == Per::kWeek ? "weeks" : "months"; }
};

struct Obstruction {
  std::string text;    // "entry refused by Israel at Kerem Shalom (E-12)"
  std::string remark;  // "entry refused 2025-01-21 (E-12)", beside the bearer's status
  Who by = kNobody;
};

// One period's figures for one bearer, as far as the reports go.
struct Cell {
  double floor_sum = 0, cap_sum = 0;
  bool floor_data = false, cap_data = false;
  std::vector<std::string> events;  // events counted in it
  std::vector<Obstruction> obstructions;
};

// One period as reported.
struct Row {
  std::int64_t index = 0;
  std::string label;
  bool partial = false, ended = false, no_data = false, not_judged = false, suspended = false;
  Status status = Status::kComplied;
  std::optional<double> figure;
  std::optional<double> short_by, over_by;
  std::string note;
  std::vector<std::string> events, obstructions;
};

class Rate : public Clause {
 public:
  std::string category;
  Per per = Per::kDay;
  std::optional<double> min, max;
  bool average = false;
  std::vector<TypeId> count_types;        // the types whose quantities count
  std::vector<TypeId> obstruction_types;  // acts by a bearer that stop the flow

  bool has_type(const Event& e, const std::vector<TypeId>& list) const {
    return std::any_of(list.begin(), list.end(), [&](TypeId t) { return e.has_type(t) || e.has_alternative_type(t); });
  }

  std::string bounds_text() const {
    if (min && max) return "from " + format_number(*min) + " to " + format_number(*max);
    return min ? "at least " + format_number(*min) : "at most " + format_number(*max);
  }

  void evaluate(Query& q) const override {
    const Agreement& a = q.agreement();
    const Obligation& o = q.obligation();
    Calendar cal{per, a.zone};
    // The periods the window covers up to the as-of instant, bounded.
    const std::int64_t window_start = q.start.earliest;
    const std::int64_t window_end = q.end.latest;  // exclusive; kNever when open-ended
    const std::int64_t horizon = std::min(q.as_of(), window_end - 1);
    const std::int64_t first = cal.index_of(window_start);
    std::int64_t last = cal.index_of(std::max(horizon, window_start));
    bool limited = false;
    if (last - first + 1 > kMaxPeriods) {
      last = first + kMaxPeriods - 1;
      limited = true;
    }
    auto period_end = [&](std::int64_t p) { return std::min(cal.start(p + 1), window_end); };
    const std::int64_t evaluated_end = period_end(last);

    // Figures per bearer and period.
    std::vector<std::map<std::int64_t, Cell>> cells(o.bearers.size());
    for (const Fact& f : q.facts()) {
      if (!f.by_type) continue;
      const Event& e = *f.e;
      const std::int64_t p0 = cal.index_of(e.when.earliest), p1 = cal.index_of(e.when.latest);
      if (p0 > last || e.when.earliest >= evaluated_end) {
        q.not_relevant(f, limited ? "after the last period evaluated (at most " + std::to_string(kMaxPeriods) + " periods are)"
                                  : "after the periods evaluated");
        continue;
      }
      const std::int64_t lo = std::max(p0, first), hi = std::min(p1, last);
      bool used = false;
      // Obstructions: a bearer's act that stops the flow, named beside its period.
      if (has_type(e, obstruction_types)) {
        for (std::size_t i = 0; i < o.bearers.size(); ++i) {
          const Who b = o.bearers[i];
          if (!q.charge(f, b) || !q.against(f, b)) continue;
          const std::string act = e.types.empty() ? std::string("obstruction") : id_words(a.event_types[e.types.front()]);
          std::string what = act + " by " + a.name_of(b);
          if (e.has_where && !e.where_name.empty()) {
            what += " at " + e.where_name;
          } else if (!e.target.empty()) {
            what += " (" + e.target + ")";
          }
          const Obstruction x{what + " (" + e.id + ")", act + " " + cal.in_label(lo) + ", " + e.id, b};
          // Shown in every bearer's ledger (the flow is one), remarked beside the obstructing bearer only.
          for (auto& bearer_cells : cells) {
            for (std::int64_t p = lo; p <= hi && p - lo < kMaxPlacementSpan; ++p) bearer_cells[p].obstructions.push_back(x);
          }
          q.use(f, "obstruction", b,
                what + " " + cal.in_label(lo) + ": an act of " + a.name_of(b) + " that stops the flow the clause counts");
          used = true;
        }
      }
      if (!has_type(e, count_types)) {
        if (!used) q.not_relevant(f, "an obstruction type, but not charged to a bearer");
        continue;
      }
      // The category's increments in this event.
      double v_lo = 0, v_best = 0, v_hi = 0;
      bool any = false, other_basis = false;
      for (const Quantity& qty : e.quantities) {
        if (qty.category != category) continue;
        if (qty.basis != "increment") {
          other_basis = true;
          continue;
        }
        any = true;
        v_lo += qty.value.lo;
        v_best += qty.value.best;
        v_hi += qty.value.hi;
      }
      if (!any) {
        if (!used) {
          q.not_relevant(
              f, other_basis
                     ? "its " + category + " figure is not an increment (planned, a level or a running total), so it is not added"
                     : "no " + category + " quantity");
        }
        continue;
      }
      // A figure given as a range: the open point decides which end counts (the low end against a floor, the high
      // end against a cap, in the pass against the bearers).
      double floor_v = v_best, cap_v = v_best;
      if (v_lo != v_hi) {
        const bool worst =
            q.assume(f, true, "its " + category + " figure is given as " + format_number(v_lo) + " to " + format_number(v_hi));
        floor_v = worst ? v_lo : v_hi;
        cap_v = worst ? v_hi : v_lo;
      }
      // A time range over several periods: counted in none of them (against a floor) or in each (against a cap)
      // in the pass against the bearers, and the other way round in the other pass.
      bool floor_place = true, cap_place = true;
      std::string where = "the figure for " + cal.label(lo);
      if (lo != hi) {
        if (hi - lo >= kMaxPlacementSpan) {
          q.not_relevant(f, "its time range spans more than " + std::to_string(kMaxPlacementSpan) + " " + cal.plural_name() +
                                ", too wide to place in a period");
          continue;
        }
        const bool worst = q.assume(
            f, true,
            "its time range spans " + cal.label(lo) + " to " + cal.label(hi) + ", so its " + cal.name() + " is uncertain");
        floor_place = !worst;
        cap_place = worst;
        where = "the figures for " + cal.label(lo) + " to " + cal.label(hi);
      }
      std::set<Who> counted_for;  // the bearers it was counted for, as evidence (kNobody: an act charged to no one)
      for (std::size_t i = 0; i < o.bearers.size(); ++i) {
        const Who b = o.bearers[i];
        const bool charged = q.charge(f, b) != nullptr;
        // A floor counts what was delivered, whoever is named: the bearer's own act, or an act charged to no one
        // (an aid agency's convoy) that the bearer had to let through; a cap beside a floor bounds the same
        // figure. A cap alone counts the bearer's own acts (and unattributed ones, as open points).
        const bool performs = min && (charged ? q.done_by(f, b) : q.happened(f));
        const bool breaches = max && (min ? q.happened(f, true) : (charged || f.unattributed) && q.against(f, b));
        if (!performs && !breaches) continue;
        for (std::int64_t p = lo; p <= hi; ++p) {
          Cell& c = cells[i][p];
          if (performs && floor_place) {
            c.floor_sum += floor_v;
            c.floor_data = true;
          }
          if (breaches && cap_place) {
            c.cap_sum += cap_v;
            c.cap_data = true;
          }
          if ((performs && floor_place) || (breaches && cap_place) || lo != hi) c.events.push_back(e.id);
        }
        counted_for.insert(charged ? b : kNobody);
      }
      if (counted_for.empty()) {
        if (!used) q.not_relevant(f, "not an act of a bearer, nor delivered by anyone the floor counts");
        continue;
      }
      const std::string amount = count_of(v_best, category);
      const std::string range = v_lo != v_hi ? " (" + format_number(v_lo) + " to " + format_number(v_hi) + ")" : "";
      for (Who b : counted_for) q.use(f, "counted", b, amount + range + ", counted in " + where);
    }

    // Per bearer: the rows, the verdict, the sentence.
    struct Ledger {
      std::vector<Row> rows;
      Status status = Status::kPending;
      std::string sentence;
      std::vector<Step> history;
      OJson average = nullptr;
    };
    // Agreed suspensions, merged into disjoint intervals in time order: a period inside one is not judged, a
    // period partly inside one is partial.
    std::vector<std::pair<std::int64_t, std::int64_t>> suspended;
    for (const Query::Suspension& w : q.suspensions) suspended.emplace_back(w.from, w.to);
    std::sort(suspended.begin(), suspended.end());
    std::vector<std::pair<std::int64_t, std::int64_t>> merged;
    for (const auto& w : suspended) {
      if (!merged.empty() && w.first <= merged.back().second) {
        merged.back().second = std::max(merged.back().second, w.second);
      } else {
        merged.push_back(w);
      }
    }
    std::vector<Ledger> ledgers(o.bearers.size());
    std::vector<std::vector<std::string>> remarks(o.bearers.size());
    for (std::size_t i = 0; i < o.bearers.size(); ++i) {
      Ledger& L = ledgers[i];
      std::size_t judged = 0, met = 0, undetermined_n = 0;
      std::vector<std::string> short_list, over_list, missing_list;
      std::size_t short_n = 0, over_n = 0;
      std::optional<std::string> current;
      double avg_floor_sum = 0, avg_cap_sum = 0;
      std::size_t avg_periods = 0, avg_missing = 0;
      std::size_t next_suspension = 0;
      for (std::int64_t p = first; p <= last; ++p) {
        Row r;
        r.index = p;
        r.label = cal.label(p);
        const std::int64_t begins = std::max(cal.start(p), window_start);
        const std::int64_t ends = period_end(p);
        r.partial = begins > cal.start(p) || ends < cal.start(p + 1);
        r.ended = q.as_of() + 1 >= ends;
        while (next_suspension < merged.size() && merged[next_suspension].second <= begins) ++next_suspension;
        if (next_suspension < merged.size() && merged[next_suspension].first < ends) {
          if (merged[next_suspension].first <= begins && merged[next_suspension].second >= ends) {
            r.suspended = true;
          } else {
            r.partial = true;
          }
        }
        if (r.suspended && r.ended) {
          r.no_data = true;
          r.status = Status::kSuspended;
          r.note = "suspended by agreement: not judged";
          L.rows.push_back(std::move(r));
          continue;
        }
        const auto it = cells[i].find(p);
        const Cell* c = it == cells[i].end() ? nullptr : &it->second;
        if (c) {
          r.events = c->events;
          for (const Obstruction& x : c->obstructions) r.obstructions.push_back(x.text);
        }
        const bool floor_data = c && c->floor_data, cap_data = c && c->cap_data;
        r.no_data = !floor_data && !cap_data;
        if (!r.no_data) r.figure = min ? c->floor_sum : c->cap_sum;
        if (!r.ended) {
          r.status = Status::kPending;
          r.note = "not over yet";
          current = r.label;
          L.rows.push_back(std::move(r));
          continue;
        }
        if (!r.partial) {
          ++avg_periods;
          if (r.no_data) ++avg_missing;
          if (floor_data) avg_floor_sum += c->floor_sum;
          if (cap_data) avg_cap_sum += c->cap_sum;
        }
        // The period on its own.
        Status s = Status::kComplied;
        std::vector<std::string> notes;
        if (r.no_data && !(r.partial && !max)) {
          s = Status::kUndetermined;
          notes.push_back("no report");
        }
        if (min && r.partial) {
          notes.push_back("a partial " + std::string(cal.name()) +
                          " (the obligation starts, ends or is suspended in it): the floor is not applied to it");
          if (!max) r.not_judged = true;
        } else if (min && floor_data && c->floor_sum < *min) {
          r.short_by = *min - c->floor_sum;
          s = Status::kViolated;
          notes.push_back(format_number(c->floor_sum) + " of at least " + format_number(*min) + ", " +
                          format_number(*r.short_by) + " short");
        }
        if (max && cap_data && c->cap_sum > *max) {
          r.over_by = c->cap_sum - *max;
          s = Status::kViolated;
          notes.push_back(format_number(c->cap_sum) + " of at most " + format_number(*max) + ", " + format_number(*r.over_by) +
                          " over");
        }
        if (s == Status::kComplied && !r.not_judged && !r.no_data) {
          notes.push_back(format_number(*r.figure) + " of " + bounds_text());
        }
        r.status = s;
        r.note = join_all(notes, "; ");
        if (r.not_judged) {
          L.rows.push_back(std::move(r));
          continue;
        }
        ++judged;
        std::string item = r.label + " (" + r.note;
        if ((s != Status::kComplied) && !r.obstructions.empty()) item += "; " + join_names(r.obstructions);
        item += ")";
        if (r.short_by && ++short_n <= kListed) short_list.push_back(item);
        if (r.over_by && ++over_n <= kListed) over_list.push_back(item);
        if (s == Status::kUndetermined) {
          ++undetermined_n;
          if (missing_list.size() < kListed) {
            missing_list.push_back(r.obstructions.empty() ? r.label : r.label + " (" + join_names(r.obstructions) + ")");
          }
        }
        if (s == Status::kComplied) ++met;
        if (s != Status::kComplied && c) {
          for (const Obstruction& x : c->obstructions) {
            if (x.by != o.bearers[i]) continue;
            if (remarks[i].size() < 3) {
              remarks[i].push_back(x.remark);
            } else if (remarks[i].size() == 3) {
              remarks[i].push_back("more obstructions in the explanation");
            }
          }
        }
        if (!average && s == Status::kViolated) {
          L.history.push_back(Step{ends - 1, Status::kViolated, "", r.label + ": " + r.note});
        }
        L.rows.push_back(std::move(r));
      }
      // The verdict.
      const std::string per_word = cal.name();
      std::vector<std::string> parts;
      auto more = [](std::size_t n, std::size_t listed) {
        return n > listed ? " and " + std::to_string(n - listed) + " more" : std::string();
      };
      if (!average) {
        if (short_n > 0 || over_n > 0) {
          L.status = Status::kViolated;
        } else if (undetermined_n > 0) {
          L.status = Status::kUndetermined;
        } else if (met > 0) {
          L.status = Status::kComplied;
        } else {
          L.status = Status::kPending;
        }
        if (short_n > 0) {
          parts.push_back(plural(short_n, per_word.c_str(), cal.plural_name()) + " short: " + join_names(short_list) +
                          more(short_n, short_list.size()));
        }
        if (over_n > 0) {
          parts.push_back(plural(over_n, per_word.c_str(), cal.plural_name()) + " over: " + join_names(over_list) +
                          more(over_n, over_list.size()));
        }
        if (undetermined_n > 0) {
          parts.push_back("no report for " + join_names(missing_list) + more(undetermined_n, missing_list.size()));
        }
        if (met > 0) {
          parts.push_back(plural(met, per_word.c_str(), cal.plural_name()) + (min && max ? " within the bounds"
                                                                              : min      ? " met the floor"
                                                                                         : " within the cap"));
        }
      } else {
        // The average over the full periods that have ended: a period with no report counts as 0 for the lower
        // bound of the average, so a floor met even so is met, and a cap exceeded even so is exceeded.
        Status s = Status::kPending;
        std::string avg_text;
        if (avg_periods > 0) {
          const double n = static_cast<double>(avg_periods);
          const double reported = static_cast<double>(avg_periods - avg_missing);
          s = Status::kComplied;
          std::vector<std::string> why;
          if (min) {
            const double lo_avg = avg_floor_sum / n;
            if (lo_avg >= *min) {
              why.push_back(
                  "the average of " + format_number(rounded(lo_avg)) + " a " + per_word + " meets the floor of " +
                  format_number(*min) +
                  (avg_missing > 0 ? " even counting the " + std::string(cal.plural_name()) + " without a report as zero" : ""));
            } else if (avg_missing > 0) {
              s = worst(s, Status::kUndetermined);
              why.push_back("the average is " + format_number(rounded(avg_floor_sum / std::max(reported, 1.0))) + " a " +
                            per_word + " over the " + plural(avg_periods - avg_missing, per_word.c_str(), cal.plural_name()) +
                            " with a report, and " + plural(avg_missing, per_word.c_str(), cal.plural_name()) +
                            " have none, so whether the average meets the floor of " + format_number(*min) +
                            " cannot be established");
            } else {
              s = worst(s, Status::kViolated);
              why.push_back("the average of " + format_number(rounded(lo_avg)) + " a " + per_word + " is below the floor of " +
                            format_number(*min) + " by " + format_number(rounded(*min - lo_avg)));
            }
          }
          if (max) {
            const double lo_avg = avg_cap_sum / n;
            if (lo_avg > *max) {
              s = worst(s, Status::kViolated);
              why.push_back("the average of " + format_number(rounded(lo_avg)) + " a " + per_word + " is above the cap of " +
                            format_number(*max) + " by " + format_number(rounded(lo_avg - *max)));
            } else if (avg_missing > 0) {
              s = worst(s, Status::kUndetermined);
              why.push_back(plural(avg_missing, per_word.c_str(), cal.plural_name()) +
                            " without a report, so whether the average stays within the cap of " + format_number(*max) +
                            " cannot be established");
            } else {
              why.push_back("the average of " + format_number(rounded(lo_avg)) + " a " + per_word + " is within the cap of " +
                            format_number(*max));
            }
          }
          avg_text = join_all(why, "; ");
          L.average = OJson{{"periods", avg_periods},
                            {"without_report", avg_missing},
                            {"average", min ? json_number(rounded(avg_floor_sum / n)) : json_number(rounded(avg_cap_sum / n))}};
        }
        // A window with a stated end is judged on the average over all its periods, once they have all ended.
        const bool running = window_end < kNever && q.as_of() + 1 < window_end && !limited;
        if (avg_periods == 0) {
          L.status = Status::kPending;
        } else if (running) {
          L.status = Status::kPending;
          avg_text = "so far " + avg_text + "; the average is judged once the last " + per_word + ", " +
                     cal.label(cal.index_of(window_end - 1)) + ", has ended";
        } else {
          L.status = s;
          if (s == Status::kViolated) {
            L.history.push_back(Step{std::min(q.as_of(), window_end - 1), Status::kViolated, "", avg_text});
          }
        }
        if (!avg_text.empty()) parts.push_back(avg_text);
        if (short_n > 0) {
          parts.push_back(plural(short_n, per_word.c_str(), cal.plural_name()) +
                          " below the floor on their own: " + join_names(short_list) + more(short_n, short_list.size()));
        }
        if (over_n > 0) {
          parts.push_back(plural(over_n, per_word.c_str(), cal.plural_name()) +
                          " above the cap on their own: " + join_names(over_list) + more(over_n, over_list.size()));
        }
        if (undetermined_n > 0) {
          parts.push_back("no report for " + join_names(missing_list) + more(undetermined_n, missing_list.size()));
        }
      }
      if (current) parts.push_back(*current + " is not over yet");
      if (limited) {
        L.status = worst(L.status, Status::kUndetermined);
        parts.push_back("only the first " + std::to_string(kMaxPeriods) + " " + cal.plural_name() + " (to " + cal.label(last) +
                        ") were evaluated; the later ones are undetermined");
      }
      if (judged == 0 && !current && parts.empty()) parts.push_back("no " + per_word + " has ended yet");
      L.sentence = join_all(parts, "; ");
    }

    // The report: ledgers, grouped where bearers' figures are the same.
    auto rows_json = [&](const std::vector<Row>& rows) {
      OJson out = OJson::array();
      for (std::size_t k = 0; k < rows.size(); ++k) {
        const Row& r = rows[k];
        const char* status = r.not_judged ? "not_judged" : r.suspended ? "suspended" : status_name(r.status);
        if (r.no_data && r.ended && r.obstructions.empty()) {
          // A run of periods without any report is one entry.
          std::size_t m = k;
          while (m + 1 < rows.size() && rows[m + 1].no_data && rows[m + 1].ended && rows[m + 1].obstructions.empty() &&
                 rows[m + 1].status == r.status && rows[m + 1].partial == r.partial && rows[m + 1].not_judged == r.not_judged &&
                 rows[m + 1].suspended == r.suspended) {
            ++m;
          }
          OJson j{{"period", m == k ? r.label : r.label + " to " + rows[m].label},
                  {"periods", m - k + 1},
                  {"status", status},
                  {"figure", nullptr},
                  {"short_by", nullptr},
                  {"over_by", nullptr},
                  {"note", r.note},
                  {"events", OJson::array()}};
          if (r.partial) j["partial"] = true;
          out.push_back(j);
          k = m;
          continue;
        }
        OJson j{{"period", r.label},
                {"periods", 1},
                {"status", status},
                {"figure", r.figure ? json_number(*r.figure) : OJson(nullptr)},
                {"short_by", r.short_by ? json_number(*r.short_by) : OJson(nullptr)},
                {"over_by", r.over_by ? json_number(*r.over_by) : OJson(nullptr)},
                {"note", r.note},
                {"events", r.events}};
        if (r.partial) j["partial"] = true;
        if (!r.obstructions.empty()) j["obstructions"] = r.obstructions;
        out.push_back(j);
      }
      return out;
    };
    OJson groups = OJson::array();
    std::vector<std::string> dumps;
    std::vector<std::vector<std::size_t>> members;
    for (std::size_t i = 0; i < ledgers.size(); ++i) {
      OJson rows = rows_json(ledgers[i].rows);
      const std::string d = rows.dump() + ledgers[i].average.dump() + status_name(ledgers[i].status);
      const auto at = std::find(dumps.begin(), dumps.end(), d);
      if (at == dumps.end()) {
        dumps.push_back(d);
        members.push_back({i});
        groups.push_back(OJson{{"parties", OJson::array()},
                               {"status", status_name(ledgers[i].status)},
                               {"average", ledgers[i].average},
                               {"periods", rows}});
      } else {
        members[static_cast<std::size_t>(at - dumps.begin())].push_back(i);
      }
    }
    for (std::size_t g = 0; g < members.size(); ++g) {
      for (std::size_t i : members[g]) groups[g]["parties"].push_back(a.id_of(o.bearers[i]));
    }
    q.out().progress = OJson{{"category", category},
                             {"per", cal.name()},
                             {"measure", average ? "average" : "each_period"},
                             {"min", min ? json_number(*min) : OJson(nullptr)},
                             {"max", max ? json_number(*max) : OJson(nullptr)},
                             {"periods_evaluated", last - first + 1},
                             {"limit_reached", limited},
                             {"ledgers", groups}};
    const std::string head =
        capitalised(bounds_text()) + " " + id_words(category) + " a " + cal.name() + " (" +
        (average ? "on average over the " + std::string(cal.plural_name()) + " covered" : "every " + std::string(cal.name())) +
        "), from " + cal.the_label(first) + (window_end < kNever ? " to " + cal.the_label(cal.index_of(window_end - 1)) : "");
    std::string text;
    for (std::size_t g = 0; g < members.size(); ++g) {
      std::vector<std::string> names;
      for (std::size_t i : members[g]) names.push_back(a.name_of(o.bearers[i]));
      const std::string body = ledgers[members[g].front()].sentence;
      text += (g ? " " : "") + (members.size() > 1 ? join_names(names) + ": " : std::string()) + capitalised(body) + ".";
    }
    q.out().explanation = head + ". " + text;
    for (std::size_t i = 0; i < o.bearers.size(); ++i) {
      BearerOutcome& out = q.out().bearer(o.bearers[i]);
      out.status = ledgers[i].status;
      out.history = ledgers[i].history;
      // Obstructions beside the status only where they bear on it (a period short or without a report).
      if (out.status == Status::kViolated || out.status == Status::kUndetermined) out.remarks = remarks[i];
    }
  }
};

std::unique_ptr<Clause> read(ParamReader& r) {
  r.allow(
      {"category", "per", "min", "max", "measure", "event_types", "obstruction_event_types", "from", "until", "scope", "note"});
  auto c = std::make_unique<Rate>();
  Fields& f = r.fields();
  c->category = f.id(r.params(), r.pointer(), "category", true);
  if (!r.member("per")) r.report(r.pointer(), "field.missing", "missing required field \"per\"");
  const std::string per = r.choice("per", {"day", "week", "month"}, "day");
  c->per = per == "week" ? Per::kWeek : per == "month" ? Per::kMonth : Per::kDay;
  if (!r.member("measure")) r.report(r.pointer(), "field.missing", "missing required field \"measure\"");
  c->average = r.choice("measure", {"each_period", "average"}, "each_period") == "average";
  c->min = r.number("min", false, 0, 1e15);
  c->max = r.number("max", false, 0, 1e15);
  if (!r.member("min") && !r.member("max")) r.report(r.pointer(), "field.missing", "a rate needs \"min\", \"max\" or both");
  if (c->min && c->max && *c->min > *c->max) r.report(r.at("min"), "field.range", "min must not be above max");
  if (!c->min && !c->max) c->min = 0;  // already reported; keeps evaluation defined
  c->count_types = r.types("event_types", true);
  c->obstruction_types = r.types("obstruction_event_types", false);
  c->event_types = c->count_types;
  c->event_types.insert(c->event_types.end(), c->obstruction_types.begin(), c->obstruction_types.end());
  r.window(c->window, true);
  c->scope = r.scope();
  return c;
}

}  // namespace

extern const KindDef kRate{"rate", "a floor or cap on a quantity per calendar day, week or month", read};

}  // namespace pactcheck
