// qualitative: a clause with no machine-checkable test. Its related events are listed and its verdict stays
// undetermined, with the reason the agreement gives.
#include <map>

#include "evaluation.hpp"
#include "kinds/kind.hpp"
#include "params.hpp"

namespace pactcheck {
namespace {

class Qualitative : public Clause {
 public:
  std::string reason;

  void evaluate(Query& q) const override {
    std::map<std::string, std::pair<double, std::string>> latest;  // category -> value, event
    std::size_t count = 0;
    for (const Fact& f : q.facts()) {
      if (!f.by_type) continue;
      ++count;
      q.use(f, "context", kNobody, "reported activity under this clause");
      for (const Quantity& qty : f.e->quantities) {
        if (qty.basis == "cumulative_report" || qty.basis == "level") latest[qty.category] = {qty.value.best, f.e->id};
      }
    }
    OJson figures = OJson::array();
    for (const auto& [category, value] : latest) {
      figures.push_back(OJson{{"category", category}, {"latest_reported", json_number(value.first)}, {"event", value.second}});
    }
    q.out().progress = OJson{{"events", count}, {"latest_reported_figures", figures}};
    for (Who b : q.obligation().bearers) {
      BearerOutcome& out = q.out().bearer(b);
      out.status = Status::kUndetermined;
      out.why = reason;
    }
    q.out().explanation = "No verdict: " + reason + " " + plural(count, "related event is", "related events are") + " listed.";
  }
};

std::unique_ptr<Clause> read(ParamReader& r) {
  r.allow({"event_types", "reason", "from", "until"});
  auto c = std::make_unique<Qualitative>();
  c->event_types = r.types("event_types", false);
  c->reason = r.text("reason", true);
  r.window(c->window, false);
  return c;
}

}  // namespace

extern const KindDef kQualitative{"qualitative", "a clause with no machine-checkable test: related events are listed", read};

}  // namespace pactcheck
