// ordering (construct 12): releases must follow `order` (quantity categories, first to last: living women, other
// living hostages, bodies). A release of a later category that comes before a release of an earlier one breaks
// the order, whatever the counts ("right in count, wrong in order: 2 bodies released (E-5) before the last of
// the living women (E-7)"). Releases at the same instant (a simultaneous handover, or one event with both
// categories) do not break it; releases whose time ranges overlap make the order an open point. With
// `within_stages_of` (a staged_count obligation) the order applies inside each stage's window: from the previous
// stage's due date up to the stage's own (and after the last one); the stage windows are read from that
// obligation's clause through staged_count_stages (kinds/staged_count.hpp).
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "evaluation.hpp"
#include "kinds/kind.hpp"
#include "kinds/shown_events.hpp"
#include "kinds/staged_count.hpp"
#include "params.hpp"
#include "rules/rules.hpp"

namespace pactcheck {
namespace {

constexpr std::size_t kListedBreaches = 20;

class Ordering : public Clause {
 public:
  std::vector<std::string> order;
  std::optional<std::size_t> within_stages_of;
  std::string stages_id;
  Condition stages_anchor;  // orders this obligation after the staged_count it reads

  struct Release {
    const Fact* fact = nullptr;
    std::map<std::size_t, double> ranks;  // rank in `order` -> how many
    std::size_t window = 0;
    double stage_category = 0;  // the stage's own category in the same event (for "right in count")
  };
  struct Breach {
    const Release* early = nullptr;
    std::size_t early_rank = 0;
    const Release* later = nullptr;
    std::size_t later_rank = 0;
    bool certain = true;
  };

  void evaluate(Query& q) const override {
    const Agreement& a = q.agreement();
    const Obligation& o = q.obligation();
    // The windows the order applies in.
    std::vector<StageBound> stages;
    if (within_stages_of) {
      auto s = staged_count_stages(q, *within_stages_of);
      if (!s) {
        for (Who b : o.bearers) q.out().bearer(b).status = Status::kUndetermined;
        q.out().explanation = "within_stages_of names " + stages_id +
                              ", which is not a staged_count obligation, so the stages the order applies in are unknown.";
        return;
      }
      stages = std::move(*s);
    }
    const std::size_t windows = stages.empty() ? 1 : stages.size() + 1;
    auto bound = [&](std::size_t k) { return k < stages.size() && stages[k].due ? stages[k].due->earliest : kNever; };
    auto window_name = [&](std::size_t k) {
      if (stages.empty()) return std::string("all releases");
      return k < stages.size() ? "stage " + std::to_string(k + 1) : std::string("after the last stage");
    };
    auto rank_of = [&](const std::string& cat) -> std::optional<std::size_t> {
      const auto it = std::find(order.begin(), order.end(), cat);
      if (it == order.end()) return std::nullopt;
      return static_cast<std::size_t>(it - order.begin());
    };
    std::set<std::tuple<std::uint32_t, std::string, Who>> used;
    auto use = [&](const Fact& f, const std::string& role, Who b, const std::string& note) {
      if (used.insert({f.event, role, b}).second) q.use(f, role, b, note);
    };
    std::vector<std::string> group_text;
    std::vector<std::vector<std::string>> group_names;
    OJson windows_json = OJson::array();
    for (std::size_t bi = 0; bi < o.bearers.size(); ++bi) {
      const Who b = o.bearers[bi];
      std::vector<Release> releases;
      for (const Fact& f : q.facts()) {
        if (!f.by_type) continue;
        Release r;
        r.fact = &f;
        bool mine = true, any_bearer_from = false, any_from = false;
        for (const Quantity& qty : f.e->quantities) {
          if (qty.basis != "increment") continue;
          const auto rank = rank_of(qty.category);
          if (!rank) continue;
          if (!qty.from.empty()) {
            any_from = true;
            if (std::find(qty.from.begin(), qty.from.end(), b) != qty.from.end()) any_bearer_from = true;
          }
          if (qty.value.best > 0) r.ranks[*rank] += qty.value.best;  // a figure of 0 releases no one
        }
        if (r.ranks.empty()) continue;
        if (any_from) {
          mine = any_bearer_from;
        } else {
          const bool charged_to_someone =
              std::any_of(o.bearers.begin(), o.bearers.end(), [&](Who w) { return q.charge(f, w) != nullptr; });
          mine = !charged_to_someone || q.charge(f, b) != nullptr;
        }
        if (!mine || !q.happened(f, true)) continue;
        // Its window: the first stage whose due date it certainly precedes.
        std::size_t w = windows - 1;
        for (std::size_t k = 0; k + 1 < windows; ++k) {
          if (f.e->when.latest < bound(k)) {
            w = k;
            break;
          }
        }
        if (w > 0 && f.e->when.earliest < bound(w - 1) &&
            !q.assume(f, true,
                      "its time range straddles the due date of stage " + std::to_string(w) + ", so its stage is uncertain")) {
          w = w - 1;
        }
        r.window = w;
        if (w < stages.size()) {
          for (const Quantity& qty : f.e->quantities) {
            if (qty.category == stages[w].category && qty.basis == "increment") r.stage_category += qty.value.best;
          }
        }
        releases.push_back(std::move(r));
      }
      // Per window: the last release of each rank, by earliest and by latest time (two of each, so that a release
      // is never compared with itself).
      std::vector<Breach> breaches;
      std::vector<std::vector<const Release*>> in_window(windows);
      for (const Release& r : releases) in_window[r.window].push_back(&r);
      std::vector<bool> window_breached(windows, false);
      for (std::size_t w = 0; w < windows; ++w) {
        struct Top {
          const Release* first = nullptr;
          const Release* second = nullptr;
        };
        std::vector<Top> by_earliest(order.size()), by_latest(order.size());
        auto push = [](Top& t, const Release* r, std::int64_t (*key)(const Release*)) {
          if (!t.first || key(r) > key(t.first)) {
            t.second = t.first;
            t.first = r;
          } else if (!t.second || key(r) > key(t.second)) {
            t.second = r;
          }
        };
        auto earliest = [](const Release* r) { return r->fact->e->when.earliest; };
        auto latest = [](const Release* r) { return r->fact->e->when.latest; };
        for (const Release* r : in_window[w]) {
          for (const auto& [rank, n] : r->ranks) {
            push(by_earliest[rank], r, earliest);
            push(by_latest[rank], r, latest);
          }
        }
        auto other = [](const Top& t, const Release* self) { return t.first == self ? t.second : t.first; };
        for (const Release* x : in_window[w]) {
          const TimeRange& xw = x->fact->e->when;
          std::optional<Breach> found;
          for (const auto& [j, n] : x->ranks) {
            for (std::size_t i = 0; i < j && !(found && found->certain); ++i) {
              const Release* y = other(by_earliest[i], x);
              if (y && xw.latest < y->fact->e->when.earliest) {
                found = Breach{x, j, y, i, true};
                break;
              }
              const Release* z = other(by_latest[i], x);
              if (!found && z && xw.earliest < z->fact->e->when.latest && !(xw.exact() && z->fact->e->when.exact())) {
                found = Breach{x, j, z, i, false};
              }
            }
            if (found && found->certain) break;
          }
          if (!found) continue;
          if (!found->certain && !q.assume(*x->fact, true,
                                           "its time range overlaps that of " + found->later->fact->e->id + " (" +
                                               id_words(order[found->later_rank]) + "), so which came first is open")) {
            continue;
          }
          breaches.push_back(*found);
          window_breached[w] = true;
        }
      }
      // The sentence and the report.
      Status status = Status::kComplied;
      std::vector<Step> history;
      std::vector<std::string> described;
      for (const Breach& br : breaches) {
        status = Status::kViolated;
        const Event& x = *br.early->fact->e;
        const Event& y = *br.later->fact->e;
        const std::string what = count_of(br.early->ranks.at(br.early_rank), order[br.early_rank]) + " released (" + x.id +
                                 ") before the last of the " + id_words(order[br.later_rank]) + " (" + y.id + ")";
        if (described.size() < 3) {
          std::string where = stages.empty() ? "" : " in " + window_name(br.early->window);
          described.push_back(what + where + (br.certain ? "" : ", on the reading that their overlapping times put it first"));
        }
        history.push_back(Step{y.when.latest, Status::kViolated, x.id, what});
        use(*br.early->fact, "out_of_order", q.charge(*br.early->fact, b) ? b : kNobody, what);
        use(*br.later->fact, "overtaken", q.charge(*br.later->fact, b) ? b : kNobody,
            "released after " + x.id + ", though " + id_words(order[br.later_rank]) + " come first");
      }
      std::set<const Release*> in_breach;
      for (const Breach& br : breaches) {
        in_breach.insert(br.early);
        in_breach.insert(br.later);
      }
      // Releases at one exact instant in one window were released together.
      std::map<std::pair<std::size_t, std::int64_t>, std::vector<const Release*>> together;
      for (const Release& r : releases) {
        if (r.fact->e->when.exact()) together[{r.window, r.fact->e->when.earliest}].push_back(&r);
      }
      for (const Release& r : releases) {
        if (in_breach.count(&r)) continue;
        std::vector<std::string> cats, with;
        for (const auto& [rank, n] : r.ranks) cats.push_back(count_of(n, order[rank]));
        if (r.fact->e->when.exact()) {
          for (const Release* other : together[{r.window, r.fact->e->when.earliest}]) {
            if (other != &r) with.push_back(other->fact->e->id);
          }
        }
        use(*r.fact, "in_order", q.charge(*r.fact, b) ? b : kNobody,
            join_names(cats) + (stages.empty() ? "" : ", in " + window_name(r.window)) +
                (with.empty() ? "" : ", at the same instant as " + join_names(with) + " (released together, not out of order)"));
      }
      std::stable_sort(history.begin(), history.end(), [](const Step& s1, const Step& s2) { return s1.at < s2.at; });
      BearerOutcome& out = q.out().bearer(b);
      out.status = status;
      out.history = history;
      std::string text;
      if (releases.empty()) {
        text = "No release of the ordered categories has been reported, so none is out of order";
      } else if (breaches.empty()) {
        text = std::to_string(releases.size()) + (releases.size() == 1 ? " release" : " releases") + ", none out of order";
      } else {
        // Right in count: every breached stage released exactly its count.
        bool right_count = !stages.empty();
        for (std::size_t w = 0; w < windows && right_count; ++w) {
          if (!window_breached[w]) continue;
          if (w >= stages.size()) {
            right_count = false;
            break;
          }
          double n = 0;
          for (const Release* r : in_window[w]) n += r->stage_category;
          right_count = n == stages[w].count;
        }
        text = std::string(right_count ? "Right in count, wrong in order: " : "Wrong in order: ") + join_all(described, "; ") +
               (breaches.size() > described.size() ? " (" + std::to_string(breaches.size() - described.size()) + " more)" : "");
      }
      const auto at = std::find(group_text.begin(), group_text.end(), text);
      if (at == group_text.end()) {
        group_text.push_back(text);
        group_names.push_back({a.name_of(b)});
      } else {
        group_names[static_cast<std::size_t>(at - group_text.begin())].push_back(a.name_of(b));
      }
      if (bi == 0) {
        for (std::size_t w = 0; w < windows; ++w) {
          OJson rel = OJson::array();
          for (const Release* r : in_window[w]) {
            OJson cats = OJson::object();
            for (const auto& [rank, n] : r->ranks) cats[order[rank]] = json_number(n);
            rel.push_back(OJson{{"event", r->fact->e->id}, {"time", q.when(*r->fact)}, {"categories", cats}});
          }
          OJson br = OJson::array();
          for (const Breach& x : breaches) {
            if (x.early->window != w || br.size() >= kListedBreaches) continue;
            br.push_back(OJson{{"early", x.early->fact->e->id},
                               {"category", order[x.early_rank]},
                               {"count", json_number(x.early->ranks.at(x.early_rank))},
                               {"before", x.later->fact->e->id},
                               {"before_category", order[x.later_rank]},
                               {"certain", x.certain}});
          }
          if (!stages.empty() && w == stages.size() && rel.empty()) continue;
          OJson until = nullptr;
          if (w < stages.size()) {
            until = stages[w].due ? limit_json(*stages[w].due) : OJson{{"deadline", "not yet known"}, {"due_before", nullptr}};
          }
          windows_json.push_back(OJson{{"window", window_name(w)},
                                       {"until", until},
                                       {"status", window_breached[w] ? "violated" : "complied"},
                                       {"releases", rel},
                                       {"breaches", br}});
        }
      }
    }
    ShownEvents shown_events(q.out().evidence);
    for (const Fact& f : q.facts()) {
      const bool shown = shown_events.contains(f.event);
      if (f.by_type && !shown) q.not_relevant(f, "no release of the ordered categories by a bearer");
    }
    std::string text;
    for (std::size_t g = 0; g < group_text.size(); ++g) {
      text += (g ? " " : "") + (group_text.size() > 1 ? join_names(group_names[g]) + ": " : std::string()) + group_text[g] + ".";
    }
    std::vector<std::string> named;
    for (const std::string& c : order) named.push_back(id_words(c));
    q.out().explanation =
        "Order: " + join_names(named, ", then ") + (stages.empty() ? "" : ", inside each stage of " + stages_id) + ". " + text;
    q.out().progress = OJson{
        {"order", order}, {"within_stages_of", stages_id.empty() ? OJson(nullptr) : OJson(stages_id)}, {"windows", windows_json}};
  }
};

std::unique_ptr<Clause> read(ParamReader& r) {
  r.allow({"event_types", "order", "within_stages_of", "from", "note"});
  auto c = std::make_unique<Ordering>();
  Fields& f = r.fields();
  c->event_types = r.types("event_types", true);
  c->order = f.string_list(r.params(), r.pointer(), "order", true);
  if (r.member("order") && r.member("order")->is_array() && c->order.size() < 2) {
    r.report(r.at("order"), "field.range", "order needs at least two categories");
  }
  for (std::size_t i = 0; i < c->order.size(); ++i) {
    if (!Fields::is_id(c->order[i])) {
      r.report(pointer_join(r.at("order"), i), "field.id", "\"" + c->order[i] + "\" is not a valid id");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (c->order[j] == c->order[i]) {
        r.report(pointer_join(r.at("order"), i), "ref.duplicate", "\"" + c->order[i] + "\" is listed twice");
      }
    }
  }
  c->stages_id = f.id(r.params(), r.pointer(), "within_stages_of", false);
  if (!c->stages_id.empty()) {
    if (auto idx = r.obligation_at(c->stages_id, r.at("within_stages_of"))) {
      c->within_stages_of = *idx;
      c->stages_anchor.kind = Condition::Kind::kObligation;
      c->stages_anchor.obligation = *idx;
      c->stages_anchor.state = "started";
      c->stages_anchor.text = "the stages of " + c->stages_id;
      c->extra_conditions.emplace_back(&c->stages_anchor, "/within_stages_of");
    }
  }
  r.window(c->window, false, false);
  return c;
}

}  // namespace

extern const KindDef kOrdering{"ordering", "releases follow an order of categories (inside each stage of a staged count)", read};

}  // namespace pactcheck
