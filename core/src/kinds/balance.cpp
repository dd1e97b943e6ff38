// balance (construct 24): what a bearer brings in is no more than what it documents going out, per category
// and per calendar period (rotation "man for man": in no more than out per calendar month; replacement "piece
// for piece" of the same type: each category balanced on its own), and, when `ports` are named, every inflow
// comes in through one of them. Inflows are events of `in_event_types`, outflows events of `out_event_types`,
// each with quantities per category. A period is judged when it ends: a completed period over is a violation,
// the open period over so far is pending. A period without any data is shown as such and is no violation. An
// inflow outside every port is a violation at once, located. A figure given as a range, or a time range that
// spans two periods, is an open point where it decides a period.
#include <algorithm>
#include <cmath>
#include <map>

#include "kinds/kind.hpp"
#include "params.hpp"
#include "rules/rules.hpp"

namespace pactcheck {
namespace {

enum class Per : std::uint8_t { kDay, kWeek, kMonth };

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

// Calendar periods as consecutive indexes: days since 1970-01-01, Monday-based weeks, months since year 0.
std::int64_t period_index(Per per, const LocalDate& d) {
  switch (per) {
    case Per::kDay: return days_from_civil(d);
    case Per::kWeek: return floor_div(days_from_civil(d) + 3, 7);  // 1970-01-05 was a Monday
    case Per::kMonth: return static_cast<std::int64_t>(d.year) * 12 + (d.month - 1);
  }
  return 0;
}

LocalDate period_start(Per per, std::int64_t i) {
  switch (per) {
    case Per::kDay: return civil_from_days(i);
    case Per::kWeek: return civil_from_days(i * 7 - 3);
    case Per::kMonth: return LocalDate{static_cast<int>(floor_div(i, 12)), static_cast<int>(i - floor_div(i, 12) * 12) + 1, 1};
  }
  return LocalDate{};
}

std::string period_label(Per per, std::int64_t i) {
  const LocalDate d = period_start(per, i);
  if (per == Per::kMonth) return format_date(d).substr(0, 7);
  if (per == Per::kWeek) return "week of " + format_date(d);
  return format_date(d);
}

struct Flow {
  const Fact* f = nullptr;
  bool in = true;
  ValueRange value;
};

struct Cell {  // one category in one period, for one bearer
  std::vector<Flow> flows;
};

class Balance : public Clause {
 public:
  std::vector<TypeId> in_types, out_types;
  std::vector<std::string> categories;
  Per per = Per::kMonth;
  // The designated ports of each bearer (in the obligation's bearer order; empty: any place of entry).
  std::vector<std::vector<std::size_t>> ports;

  // Two bits per bearer: through one of its ports wherever within its location uncertainty (bit 2b), or within
  // that uncertainty of a port's boundary (bit 2b+1).
  std::uint64_t classify(const Event& e, const Agreement& a) const override {
    std::uint64_t bits = 0;
    if (!e.has_where) return bits;
    const double u = e.where_uncertainty_km;
    for (std::size_t b = 0; b < ports.size() && b < 32; ++b) {
      bool near = false, inside = false;
      for (std::size_t p : ports[b]) {
        const AreaShape* shape = a.areas[p].shape.get();
        if (!shape) continue;
        const bool in = shape->contains(e.where);
        const double edge = u > 0 ? shape->boundary_distance_km(e.where) : 0;
        if (in && (u <= 0 || edge > u)) inside = true;
        if (u > 0 && edge <= u) near = true;
      }
      if (inside) {
        bits |= std::uint64_t{1} << (2 * b);
      } else if (near) {
        bits |= std::uint64_t{1} << (2 * b + 1);
      }
    }
    return bits;
  }

  static bool has_any(const Event& e, const std::vector<TypeId>& types) {
    return std::any_of(types.begin(), types.end(), [&](TypeId t) { return e.has_type(t) || e.has_alternative_type(t); });
  }

  static std::string ports_text(const Agreement& a, const std::vector<std::size_t>& list) {
    std::vector<std::string> names;
    for (std::size_t p : list) names.push_back(a.areas[p].name.empty() ? a.areas[p].id : a.areas[p].name);
    return join_names(names, " or ");
  }

  // "12.4 km from Port A, the nearest designated port"
  static std::string nearest_port(const Agreement& a, const std::vector<std::size_t>& list, const Event& e) {
    double best = 1e300;
    std::string name;
    for (std::size_t p : list) {
      const AreaShape* shape = a.areas[p].shape.get();
      if (!shape) continue;
      const double d = shape->distance_km(e.where);
      if (d < best) {
        best = d;
        name = a.areas[p].name.empty() ? a.areas[p].id : a.areas[p].name;
      }
    }
    if (name.empty()) return "no port area has a usable outline";
    return format_number(std::round(best * 10) / 10) + " km from " + name + ", the nearest designated port";
  }

  // Whether an inflow came through one of bearer `b`'s designated ports (asks q when that is an open point).
  bool through_port(Query& q, const Fact& f, std::size_t b) const {
    if (b >= ports.size() || ports[b].empty() || b >= 32) return true;
    if (!f.e->has_where) return !q.assume(f, true, "the report gives no coordinates to say whether it came through a designated port");
    if (f.place.bits >> (2 * b) & 1U) return true;
    if (f.place.bits >> (2 * b + 1) & 1U) {
      return !q.assume(f, true, "it lies within its location uncertainty (" + format_number(f.e->where_uncertainty_km) +
                                    " km) of a designated port's boundary");
    }
    return false;
  }

  void evaluate(Query& q) const override {
    const Agreement& a = q.agreement();
    const Obligation& o = q.obligation();
    const Zone& zone = a.zone;
    const std::int64_t window_from = q.start.earliest, window_to = q.end.earliest;
    auto index_of = [&](std::int64_t t) { return period_index(per, local_date(t, zone)); };
    auto begins = [&](std::int64_t i) { return std::max(window_from, start_of_day_utc(period_start(per, i), zone)); };
    auto ends = [&](std::int64_t i) { return std::min(window_to, start_of_day_utc(period_start(per, i + 1), zone)); };
    OJson progress = OJson::array();
    std::vector<std::string> sentences;
    std::vector<bool> used(q.facts().size(), false);
    // The periods to show: from the window's start (or the first flow) to the one the report falls in.
    std::optional<std::int64_t> first_index;
    if (window_from > kForever) first_index = index_of(window_from);
    for (const Fact& f : q.facts()) {
      if (!f.by_type) continue;
      const std::int64_t i = index_of(std::max(f.e->when.earliest, window_from));
      if (!first_index || i < *first_index) first_index = i;
    }
    const std::int64_t last_index = index_of(std::max(std::min(q.as_of(), window_to - 1), window_from));
    for (std::size_t bi = 0; bi < o.bearers.size(); ++bi) {
      const Who b = o.bearers[bi];
      BearerOutcome& out = q.out().bearer(b);
      const std::string name = a.name_of(b);
      std::map<std::int64_t, std::map<std::string, Cell>> cells;
      std::vector<std::string> outside, excused;
      std::vector<Step> history;
      for (std::size_t k = 0; k < q.facts().size(); ++k) {
        const Fact& f = q.facts()[k];
        if (!f.by_type) continue;
        const Event& e = *f.e;
        const bool is_in = has_any(e, in_types), is_out = has_any(e, out_types);
        const Charge* c = q.charge(f, b);
        if ((!is_in && !is_out) || !c) continue;
        used[k] = true;
        if (c->excused) {
          q.use(f, "excused", b, "within an accepted exception: not counted");
          excused.push_back(e.id);
          continue;
        }
        const bool counts = is_in ? q.against(f, b) : q.done_by(f, b);
        if (!counts) continue;
        // The period: its time range may span two; then which one is an open point.
        std::int64_t i = index_of(e.when.earliest);
        if (index_of(e.when.latest) != i && !q.assume(f, true, "its time range spans " + period_label(per, i) + " and " +
                                                                  period_label(per, index_of(e.when.latest)))) {
          i = index_of(e.when.latest);
        }
        std::vector<std::string> figures, other;
        for (const Quantity& qty : e.quantities) {
          if (std::find(categories.begin(), categories.end(), qty.category) == categories.end()) {
            other.push_back(qty.category + " (" + format_number(qty.value.best) + ", not a category this clause balances)");
            continue;
          }
          if (qty.basis != "increment") {
            other.push_back(qty.category + " (" + format_number(qty.value.best) + ", a " + qty.basis + " figure, not a movement)");
            continue;
          }
          cells[i][qty.category].flows.push_back(Flow{&f, is_in, qty.value});
          figures.push_back(format_number(qty.value.best) + (qty.value.exact() ? "" : " (" + format_number(qty.value.lo) + " to " +
                                                                                          format_number(qty.value.hi) + ")") +
                            " " + qty.category);
        }
        std::string note = period_label(per, i) + ": " + (figures.empty() ? "no figure of a balanced category" : join_names(figures)) +
                           (is_in ? " in" : " out");
        if (!other.empty()) note += "; " + join_names(other);
        if (is_in && !through_port(q, f, bi)) {
          const std::string where = e.has_where ? nearest_port(a, ports[bi], e) : "place not given";
          q.use(f, "violation", b, note + "; not through a designated port (" + where + ")");
          outside.push_back(e.id + ", " + where);
          history.push_back(Step{e.when.earliest, Status::kViolated, e.id, "entry not through a designated port"});
          continue;
        }
        q.use(f, is_in ? "inflow" : "outflow", b, note);
      }
      // Judge each period with data; runs of periods without data are shown as such.
      Status status = Status::kComplied;
      std::vector<std::string> over, balanced_periods, open_text;
      std::size_t no_data = 0;
      auto no_data_run = [&](std::int64_t from, std::int64_t to) {  // periods [from, to)
        if (to <= from) return;
        no_data += static_cast<std::size_t>(to - from);
        const bool complete = ends(to - 1) <= q.as_of();
        progress.push_back(OJson{{"party", a.id_of(b)},
                                 {"period", to - from == 1 ? period_label(per, from) : period_label(per, from) + " to " + period_label(per, to - 1)},
                                 {"from", format_instant(begins(from), zone)},
                                 {"to", format_instant(ends(to - 1), zone)},
                                 {"periods", to - from},
                                 {"complete", complete},
                                 {"data", false},
                                 {"status", "no_data"},
                                 {"categories", OJson::array()}});
      };
      std::int64_t next = first_index ? *first_index : 0;
      for (auto& [i, by_category] : cells) {
        if (i > last_index) continue;  // cannot happen for admitted facts; kept for safety
        no_data_run(next, i);
        next = i + 1;
        const bool complete = ends(i) <= q.as_of();
        bool period_over = false, period_balanced = true, over_on_open_point = false, over_for_certain = false;
        OJson cj = OJson::array();
        std::vector<std::string> cat_text;
        for (const std::string& cat : categories) {
          auto it = by_category.find(cat);
          if (it == by_category.end()) continue;
          double in_lo = 0, in_hi = 0, in_best = 0, out_lo = 0, out_hi = 0, out_best = 0;
          std::vector<std::string> in_ids, out_ids;
          for (const Flow& fl : it->second.flows) {
            (fl.in ? in_lo : out_lo) += fl.value.lo;
            (fl.in ? in_hi : out_hi) += fl.value.hi;
            (fl.in ? in_best : out_best) += fl.value.best;
            auto& ids = fl.in ? in_ids : out_ids;
            if (std::find(ids.begin(), ids.end(), fl.f->e->id) == ids.end()) ids.push_back(fl.f->e->id);
          }
          double in = in_best, out_v = out_best;
          bool open = false;
          if (in_lo > out_hi) {
            // over whatever the ranges
          } else if (in_hi <= out_lo) {
            // within whatever the ranges
          } else {
            // Only ranged figures can leave this open. The ranges decide: every ranged figure is an open point, taken against the bearer in one pass.
            bool against = true;
            for (const Flow& fl : it->second.flows) {
              if (fl.value.exact()) continue;
              against = q.assume(*fl.f, true, "the figure for " + cat + " is given as " + format_number(fl.value.lo) + " to " +
                                                  format_number(fl.value.hi) + ", which decides whether " + name + " is over in " +
                                                  period_label(per, i));
            }
            in = against ? in_hi : in_lo;
            out_v = against ? out_lo : out_hi;
            open = true;
          }
          const double net = in - out_v;
          const bool cat_over = net > 0;
          period_over = period_over || cat_over;
          period_balanced = period_balanced && net == 0;
          OJson c{{"category", cat}, {"in", json_number(in)}, {"out", json_number(out_v)}, {"balance", json_number(net)},
                  {"over_by", cat_over ? json_number(net) : json_number(0)}, {"in_events", in_ids}, {"out_events", out_ids}};
          if (in_lo != in_hi || out_lo != out_hi) {
            c["in_range"] = OJson::array({json_number(in_lo), json_number(in_hi)});
            c["out_range"] = OJson::array({json_number(out_lo), json_number(out_hi)});
          }
          if (open) c["open_point"] = true;
          cj.push_back(c);
          cat_text.push_back(cat + ": " + format_number(in) + " in, " + format_number(out_v) + " out" +
                             (cat_over ? ", over by " + format_number(net) : "") +
                             (open ? ", taking the ranged figures " + std::string(cat_over ? "against" : "for") + " the bearer (an open point)" : ""));
          if (open && cat_over) over_on_open_point = true;
          if (!open && cat_over) over_for_certain = true;
        }
        const char* pstatus = !complete ? (period_over ? "open_over_so_far" : "open")
                              : period_over ? "over"
                              : period_balanced ? "balanced"
                                                : "under";
        progress.push_back(OJson{{"party", a.id_of(b)},
                                 {"period", period_label(per, i)},
                                 {"from", format_instant(begins(i), zone)},
                                 {"to", format_instant(ends(i), zone)},
                                 {"periods", 1},
                                 {"complete", complete},
                                 {"data", true},
                                 {"status", pstatus},
                                 {"categories", cj}});
        const std::string figures = join_all(cat_text, "; ");
        if (complete && period_over) {
          status = Status::kViolated;
          over.push_back(period_label(per, i) + " (" + figures + ")");
          // The history records what is established; a period over only on an open point is left to the verdict.
          if (over_for_certain || !over_on_open_point) {
            history.push_back(Step{ends(i), Status::kViolated, "", "over in " + period_label(per, i) + ": " + figures});
          }
        } else if (complete) {
          balanced_periods.push_back(period_label(per, i));
        } else {
          if (period_over && status == Status::kComplied) status = Status::kPending;
          open_text.push_back(period_label(per, i) + " is still open (" + figures + (period_over ? "; over so far, judged when it ends" : "") +
                              ")");
        }
      }
      if (first_index) no_data_run(next, last_index + 1);
      if (!outside.empty()) status = Status::kViolated;
      std::stable_sort(history.begin(), history.end(), [](const Step& x, const Step& y) { return x.at < y.at; });
      out.status = status;
      out.history = history;
      std::vector<std::string> parts;
      if (!over.empty()) parts.push_back("over in " + join_names(over));
      if (!balanced_periods.empty()) parts.push_back("in no more than out in " + join_names(balanced_periods));
      for (const std::string& t : open_text) parts.push_back(t);
      if (no_data > 0) parts.push_back(plural(no_data, "period", "periods") + " without any data (not a violation)");
      if (!outside.empty()) {
        parts.push_back(plural(outside.size(), "entry", "entries") + " not through a designated port (" + join_all(outside, "; ") + ")");
      }
      if (!excused.empty()) parts.push_back(plural(excused.size(), "movement", "movements") + " within an accepted exception, not counted");
      if (parts.empty()) parts.push_back("no movement reported");
      sentences.push_back(name + ": " + join_all(parts, "; "));
    }
    for (std::size_t k = 0; k < q.facts().size(); ++k) {
      const Fact& f = q.facts()[k];
      if (f.by_type && !used[k]) q.not_relevant(f, "not charged to a bearer of this obligation");
    }
    q.out().progress = progress;
    std::string text;
    for (std::size_t i = 0; i < sentences.size(); ++i) text += (i ? ". " : "") + sentences[i];
    const char* unit = per == Per::kDay ? "day" : per == Per::kWeek ? "week (Monday to Sunday)" : "calendar month";
    const std::string zone_name = !zone.is_fixed() ? zone.name()
                                  : zone.offset_minutes_at(0) == 0 ? std::string("UTC")
                                                                   : "UTC" + format_offset(zone.offset_minutes_at(0));
    text += ". Each " + std::string(unit) + " (in " + zone_name + ") is judged when it ends.";
    std::vector<std::string> port_lists;
    for (std::size_t bi = 0; bi < ports.size() && bi < o.bearers.size(); ++bi) {
      if (!ports[bi].empty()) port_lists.push_back(ports_text(a, ports[bi]) + " for " + a.name_of(o.bearers[bi]));
    }
    if (!port_lists.empty()) text += " Designated ports: " + join_all(port_lists, "; ") + ".";
    q.out().explanation = text;
  }
};

std::unique_ptr<Clause> read(ParamReader& r) {
  r.allow({"from", "until", "in_event_types", "out_event_types", "categories", "per", "ports", "note"});
  auto c = std::make_unique<Balance>();
  r.window(c->window, false);
  c->in_types = r.types("in_event_types", true);
  c->out_types = r.types("out_event_types", true);
  for (TypeId t : c->in_types) {
    if (std::find(c->out_types.begin(), c->out_types.end(), t) != c->out_types.end()) {
      r.report(r.at("out_event_types"), "field.overlap", "event type \"" + r.agreement().event_types[t] + "\" cannot be both an inflow and an outflow");
    }
  }
  c->event_types = c->in_types;
  c->event_types.insert(c->event_types.end(), c->out_types.begin(), c->out_types.end());
  Fields& f = r.fields();
  const auto categories = f.string_list(r.params(), r.pointer(), "categories", true);
  if (r.member("categories") && r.member("categories")->is_array() && r.member("categories")->empty()) {
    r.report(r.at("categories"), "field.empty", "categories must name at least one quantity category");
  }
  for (std::size_t i = 0; i < categories.size(); ++i) {
    if (!Fields::is_id(categories[i])) {
      r.report(pointer_join(r.at("categories"), i), "field.id", "\"" + categories[i] + "\" is not a valid quantity category id");
    } else if (std::find(c->categories.begin(), c->categories.end(), categories[i]) != c->categories.end()) {
      r.report(pointer_join(r.at("categories"), i), "ref.duplicate", "category \"" + categories[i] + "\" is listed twice");
    } else {
      c->categories.push_back(categories[i]);
    }
  }
  const std::string per = r.choice("per", {"day", "week", "month"}, "month");
  c->per = per == "day" ? Per::kDay : per == "week" ? Per::kWeek : Per::kMonth;
  // ports: one list for every bearer, or {"party": [areas]} per bearer.
  const Obligation& o = r.obligation();
  c->ports.assign(o.bearers.size(), {});
  if (o.bearers.size() > 32) r.report(r.pointer(), "field.range", "balance checks ports for at most 32 bearers");
  if (const Json* p = r.member("ports")) {
    const std::string here = r.at("ports");
    if (p->is_object()) {
      for (auto it = p->begin(); it != p->end(); ++it) {
        const std::string at = pointer_join(here, it.key());
        const auto who = r.agreement().find_party(it.key());
        const auto bearer = who ? std::find(o.bearers.begin(), o.bearers.end(), *who) : o.bearers.end();
        if (bearer == o.bearers.end()) {
          r.report(at, "ref.bearer", "\"" + it.key() + "\" is not a bearer of this obligation");
          continue;
        }
        auto list = r.areas_at(*p, here, it.key().c_str(), true);
        if (it->is_array() && it->empty()) r.report(at, "field.empty", "name at least one port area, or leave the party out");
        c->ports[static_cast<std::size_t>(bearer - o.bearers.begin())] = std::move(list);
      }
    } else {
      const auto list = r.areas_at(r.params(), r.pointer(), "ports", false);
      if (p->is_array() && p->empty()) r.report(here, "field.empty", "ports must name at least one area, or be left out");
      for (auto& per_bearer : c->ports) per_bearer = list;
    }
  }
  return c;
}

}  // namespace

extern const KindDef kBalance{"balance", "inflow no greater than documented outflow per category and calendar period, through designated ports",
                              read};

}  // namespace pactcheck
