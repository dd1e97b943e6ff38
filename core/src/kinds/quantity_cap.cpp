// quantity_cap (construct 10): reported levels per category stay within a cap (1,960 servicemen, 90 APCs).
// "level" figures are a reported total present, "increment" figures add to a running level, "planned" figures
// are noted and never counted; a category the clause does not list is shown as not covered. A level that went
// over the cap and came back within it is `cured`. A level has an age: past `stale_after` (default 6 months) the
// category's level is unknown, and the verdict says so.
#include <algorithm>
#include <map>

#include "evaluation.hpp"
#include "kinds/kind.hpp"
#include "params.hpp"

namespace pactcheck {
namespace {

struct Cap {
  std::string category;
  double max = 0;
};

class QuantityCap : public Clause {
 public:
  std::vector<Cap> caps;
  Duration stale_after{0, 6, 0, 0};
  bool never_stale = false;

  void evaluate(Query& q) const override {
    const Obligation& o = q.obligation();
    struct Ledger {
      double level = 0, peak = 0;
      bool reported = false, uncertain = false;
      std::string peak_event, last_event;
      std::int64_t last_at = 0;
    };
    std::map<std::string, Ledger> ledger;
    std::map<std::string, double> not_covered;
    std::vector<std::string> disputed_events;
    for (const Fact& f : q.facts()) {
      if (!f.by_type) continue;
      const Event& e = *f.e;
      bool counted = false, listed = false;
      for (const Quantity& qty : e.quantities) {
        const auto cap = std::find_if(caps.begin(), caps.end(), [&](const Cap& k) { return k.category == qty.category; });
        if (cap == caps.end()) {
          not_covered[qty.category] = qty.value.best;
          q.use(f, "not_covered", kNobody, qty.category + " (" + format_number(qty.value.best) + ") is not a category this clause caps");
          listed = true;
          continue;
        }
        if (qty.basis == "planned") {
          q.use(f, "planned", kNobody, "planned figure of " + format_number(qty.value.best) + " " + qty.category + ", not counted");
          listed = true;
          continue;
        }
        // A level report that would put a bearer over the cap counts against it only as the evidence allows; one
        // that keeps it within counts as a report that helps it (an open point goes the other way).
        Ledger& l = ledger[qty.category];
        const double prospective = qty.basis == "increment" ? l.level + qty.value.hi : qty.value.hi;
        bool counts = true;
        for (Who b : o.bearers) {
          if (!q.charge(f, b)) continue;
          if (prospective > cap->max ? !q.against(f, b) : !q.happened(f)) counts = false;
        }
        if (!counts) {
          q.use(f, "level_not_counted", kNobody, "a level report that does not count in this pass");
          listed = true;
          continue;
        }
        double value = qty.value.best;
        if (!qty.value.exact() && qty.value.lo <= cap->max && qty.value.hi > cap->max) {
          value = q.assume(f, true, "the figure is given as " + format_number(qty.value.lo) + " to " + format_number(qty.value.hi) +
                                        ", either side of the cap")
                      ? qty.value.hi
                      : qty.value.lo;
        }
        l.level = qty.basis == "increment" ? l.level + value : value;
        l.reported = true;
        l.last_event = e.id;
        l.last_at = e.when.latest;
        if (l.level > l.peak) {
          l.peak = l.level;
          l.peak_event = e.id;
        }
        counted = true;
        bool disputed = false;
        for (Who b : o.bearers) {
          if (const Charge* c = q.charge(f, b)) disputed = disputed || c->disputed;
        }
        if (disputed && l.level > cap->max) disputed_events.push_back(e.id);
        q.use(f, "level", o.bearers.size() == 1 ? o.bearers.front() : kNobody,
              qty.category + " at " + format_number(l.level) + " of at most " + format_number(cap->max));
      }
      if (!counted && !listed) q.not_relevant(f, "no capped quantity");
    }
    OJson caps_json = OJson::array();
    Status status = Status::kComplied;
    std::vector<std::string> over, cured, within, stale;
    bool any_reported = false;
    for (const Cap& cap : caps) {
      const Ledger& l = ledger[cap.category];
      OJson j{{"category", cap.category}, {"max", json_number(cap.max)}};
      j["reported_level"] = l.reported ? json_number(l.level) : OJson(nullptr);
      j["peak"] = l.reported ? json_number(l.peak) : OJson(nullptr);
      if (l.reported) j["last_reported"] = l.last_event;
      if (!l.reported) {
        caps_json.push_back(j);
        continue;
      }
      any_reported = true;
      // A level's age runs to the as-of instant, or to the obligation's end when it has ended.
      const std::int64_t now = q.ended_how.empty() ? q.as_of() : std::min(q.as_of(), q.end.earliest);
      const bool is_stale = !never_stale && add_duration(l.last_at, stale_after, q.agreement().zone) < now;
      j["stale"] = is_stale;
      caps_json.push_back(j);
      if (l.level > cap.max) {
        status = worst(status, Status::kViolated);
        over.push_back(cap.category + " at " + format_number(l.level) + " against " + format_number(cap.max));
      } else if (l.peak > cap.max) {
        status = worst(status, Status::kCured);
        cured.push_back(cap.category + " peaked at " + format_number(l.peak) + " (" + l.peak_event + ") and is back to " +
                        format_number(l.level));
      } else if (is_stale) {
        status = worst(status, Status::kUndetermined);
        stale.push_back(cap.category + " (last reported at " + format_number(l.level) + " by " + l.last_event + ", " +
                        format_date(local_date(l.last_at, q.agreement().zone)) + ")");
      } else {
        within.push_back(cap.category + " " + format_number(l.level) + " of " + format_number(cap.max));
      }
    }
    OJson nc = OJson::array();
    for (const auto& [category, value] : not_covered) nc.push_back(OJson{{"category", category}, {"last_reported", json_number(value)}});
    q.out().progress = OJson{{"caps", caps_json}, {"not_covered", nc}};
    for (Who b : o.bearers) {
      BearerOutcome& out = q.out().bearer(b);
      out.status = status;
      out.disputed = status == Status::kViolated && !disputed_events.empty() && disputed_events.size() == over.size();
    }
    std::string text;
    if (!over.empty()) text = "Over the cap: " + join_names(over) + ".";
    if (!cured.empty()) text += std::string(text.empty() ? "" : " ") + "Over the cap earlier, now within it: " + join_names(cured) + ".";
    if (!stale.empty()) {
      text += std::string(text.empty() ? "" : " ") + "Level unknown: the last report is older than " + describe(stale_after) +
              ": " + join_names(stale) + ".";
    }
    if (over.empty() && cured.empty() && stale.empty()) {
      text = !any_reported ? "No reported level of a capped category." : "Every reported level is within its cap: " + join_names(within) + ".";
    }
    if (!not_covered.empty()) {
      std::vector<std::string> names;
      for (const auto& [category, value] : not_covered) names.push_back(category);
      text += " Reported but not covered by the clause (no verdict): " + join_names(names) + ".";
    }
    q.out().explanation = text;
  }
};

std::unique_ptr<Clause> read(ParamReader& r) {
  r.allow({"caps", "event_types", "from", "until", "stale_after"});
  auto c = std::make_unique<QuantityCap>();
  c->event_types = r.types("event_types", true);
  r.window(c->window, false);
  if (const Json* s = r.member("stale_after")) {
    if (s->is_string() && s->get<std::string>() == "never") {
      c->never_stale = true;
    } else if (auto d = r.duration("stale_after", false)) {
      c->stale_after = *d;
    }
  }
  Fields& f = r.fields();
  f.each_object(r.params(), r.pointer(), "caps", true, "a cap", [&](const Json& cap, const std::string& at) {
    f.reject_unknown(cap, at, {"category", "max", "unit", "note"});
    Cap k{f.id(cap, at, "category", true), f.number(cap, at, "max", true).value_or(0)};
    if (k.max < 0) f.report(at + "/max", "field.range", "a cap must not be negative");
    c->caps.push_back(std::move(k));
  });
  return c;
}

}  // namespace

extern const KindDef kQuantityCap{"quantity_cap", "reported levels per category stay within a cap", read};

}  // namespace pactcheck
