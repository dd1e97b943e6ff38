// term (constructs 16, 17): a presence or regime for a term, renewed automatically for further periods unless
// an entitled party gives notice before a notice deadline. A notice in time ends the regime when its period
// expires; a late notice rolls to the next period. A breach by a bearer during the term is a violation. A term
// that ends otherwise (agreed early end, supersession, its object gone) ends with a status that says so.
#include <algorithm>
#include <map>

#include "evaluation.hpp"
#include "kinds/kind.hpp"
#include "params.hpp"

namespace pactcheck {
namespace {

bool contains(const std::vector<TypeId>& list, TypeId t) { return std::find(list.begin(), list.end(), t) != list.end(); }
bool any_type(const Event& e, const std::vector<TypeId>& list) {
  return std::any_of(e.types.begin(), e.types.end(), [&](TypeId t) { return contains(list, t); });
}

class Term : public Clause {
 public:
  Instant start;
  Duration length, renewal_period, notice_before;
  bool renewal_automatic = false;
  std::vector<Who> notice_by;
  std::vector<TypeId> notice_types, breach_types;

  bool accepts_notice() const override { return true; }

  void evaluate(Query& q) const override {
    const Agreement& a = q.agreement();
    const Obligation& o = q.obligation();
    const Zone& zone = a.zone;
    std::vector<const Fact*> notices, breaches;
    for (const Fact& f : q.facts()) {
      const Event& e = *f.e;
      bool notice = false;
      for (const Effect& x : e.effects) {
        notice = notice || (x.kind == "notice" && x.obligation_index == q.obligation_index() &&
                            std::find(notice_by.begin(), notice_by.end(), x.party) != notice_by.end());
      }
      if (any_type(e, notice_types)) {
        for (const EventActor& actor : e.actors) {
          notice = notice || std::find(notice_by.begin(), notice_by.end(), actor.party) != notice_by.end();
        }
      }
      if (notice && q.happened(f)) notices.push_back(&f);
      const bool breach = f.by_type && any_type(e, breach_types);
      if (breach) breaches.push_back(&f);
      if (!notice && !breach) q.not_relevant(f, "neither a notice by an entitled party nor a breach");
    }
    const Duration back{-notice_before.years, -notice_before.months, -notice_before.days, -notice_before.hours};
    std::int64_t period_start = start.utc_ms;
    std::int64_t expiry = add_duration(period_start, length, zone);
    std::int64_t notice_deadline = add_duration(expiry, back, zone);
    int renewals = 0;
    const Fact* ending_notice = nullptr;
    std::map<const Fact*, int> late_for_period;
    const bool ended_otherwise = !q.ended_how.empty() && q.ended_how != "expired";
    for (int guard = 0; guard < 10000; ++guard) {
      for (const Fact* n : notices) {
        if (n->e->when.latest < notice_deadline) {
          ending_notice = n;
          break;
        }
        if (n->e->when.earliest < expiry && !late_for_period.count(n)) late_for_period[n] = renewals + 1;
      }
      if (ending_notice || q.as_of() < expiry || !renewal_automatic || renewal_period.empty()) break;
      if (ended_otherwise && q.end.earliest < expiry) break;
      period_start = expiry;
      expiry = add_duration(period_start, renewal_period, zone);
      notice_deadline = add_duration(expiry, back, zone);
      ++renewals;
    }
    const bool ended = q.as_of() >= expiry && (ending_notice || !renewal_automatic);
    q.out().progress = OJson{{"period", renewals + 1},
                             {"period_start", format_instant(period_start, zone)},
                             {"expires", format_instant(expiry, zone)},
                             {"notice_deadline", notice_before.empty() ? OJson(nullptr) : OJson(format_instant(notice_deadline, zone))},
                             {"renewals", renewals},
                             {"ending_notice", ending_notice ? OJson(ending_notice->e->id) : OJson(nullptr)},
                             {"ended", ended || ended_otherwise}};
    std::vector<std::string> late_ids;
    for (const Fact* n : notices) {
      if (n == ending_notice) {
        std::string note = "notice given before the notice deadline of period " + std::to_string(renewals + 1) +
                           ": the regime ends when that period expires";
        if (late_for_period.count(n)) {
          note = "notice given after the notice deadline of period " + std::to_string(late_for_period[n]) +
                 ", so that period renewed; " + note;
        }
        q.use(*n, "notice", kNobody, note);
      } else if (late_for_period.count(n)) {
        late_ids.push_back(n->e->id);
        q.use(*n, "late_notice", kNobody, "notice given after the notice deadline of period " + std::to_string(late_for_period[n]) +
                                               ", so it did not stop that renewal");
      } else {
        q.use(*n, "notice", kNobody, "a further notice; the regime's end is already set");
      }
    }
    std::vector<std::string> breached_by;
    for (Who b : o.bearers) {
      BearerOutcome& out = q.out().bearer(b);
      out.status = Status::kComplied;
      for (const Fact* f : breaches) {
        if (f->e->when.earliest >= expiry) continue;
        bool maybe = false;
        if (!q.against(*f, b, &maybe)) continue;
        out.status = Status::kViolated;
        out.history.push_back(Step{f->e->when.earliest, Status::kViolated, f->e->id, "breaks the term"});
        q.use(*f, maybe ? "possible_violation" : "violation", b, "breaks the term before it expires");
        if (std::find(breached_by.begin(), breached_by.end(), a.name_of(b)) == breached_by.end()) breached_by.push_back(a.name_of(b));
      }
    }
    std::string text;
    if (!breached_by.empty()) text = "Breached by " + join_names(breached_by) + " before the term expired. ";
    if (ended_otherwise) {
      text += "The term ran in period " + std::to_string(renewals + 1) + " (to expire " + format_instant(expiry, zone) +
              ") until it ended otherwise, at " + q.end_text + ".";
    } else if (ended && ending_notice) {
      text += "The regime ended at " + format_instant(expiry, zone) + " after notice (" + ending_notice->e->id + ").";
    } else if (ended) {
      text += "The term ended at " + format_instant(expiry, zone) + ".";
    } else {
      text += "In force in period " + std::to_string(renewals + 1) + " (" +
              plural(static_cast<std::size_t>(renewals), "automatic renewal", "automatic renewals") + "), expiring " +
              format_instant(expiry, zone);
      if (ending_notice) {
        text += "; notice to end it was given in time (" + ending_notice->e->id + "), so it will not renew.";
      } else if (!notice_before.empty() && renewal_automatic) {
        text += "; it renews for " + describe(renewal_period) + " unless a party gives notice by " + format_instant(notice_deadline, zone) + ".";
      } else {
        text += ".";
      }
    }
    if (!late_ids.empty()) {
      text += " " + std::string(late_ids.size() == 1 ? "Notice " : "Notices ") + join_names(late_ids) +
              " came after a notice deadline and did not stop the renewal of that period.";
    }
    q.out().explanation = text;
  }
};

std::unique_ptr<Clause> read(ParamReader& r) {
  r.allow({"start", "term", "renewal", "notice", "breach_event_types"});
  auto c = std::make_unique<Term>();
  Fields& f = r.fields();
  if (const Json* s = f.require(r.params(), r.pointer(), "start")) {
    if (auto i = f.instant(*s, r.at("start"))) {
      c->start = *i;
      c->window.from.kind = Condition::Kind::kInstant;
      c->window.from.instant = *i;
      c->window.from.text = format_instant(*i);
    }
  }
  if (auto d = r.duration("term", true)) c->length = *d;
  if (const Json* rn = r.member("renewal")) {
    const std::string at = r.at("renewal");
    if (f.expect_object(*rn, at, "renewal")) {
      f.reject_unknown(*rn, at, {"period", "automatic"});
      if (const Json* per = f.require(*rn, at, "period")) {
        if (auto d = f.duration(*per, at + "/period")) c->renewal_period = *d;
      }
      c->renewal_automatic = f.boolean(*rn, at, "automatic").value_or(false);
    }
  }
  if (const Json* n = r.member("notice")) {
    const std::string at = r.at("notice");
    if (f.expect_object(*n, at, "notice")) {
      f.reject_unknown(*n, at, {"before_expiry", "by", "event_types"});
      if (const Json* b = f.require(*n, at, "before_expiry")) {
        if (auto d = f.duration(*b, at + "/before_expiry")) c->notice_before = *d;
      }
      c->notice_by = r.parties_at(*n, at, "by", true);
      c->notice_types = r.types_at(*n, at, "event_types", false);
    }
  }
  c->breach_types = r.types("breach_event_types", false);
  c->event_types = c->notice_types;
  c->event_types.insert(c->event_types.end(), c->breach_types.begin(), c->breach_types.end());
  return c;
}

}  // namespace

extern const KindDef kTerm{"term", "a presence or regime for a term, with automatic renewal and a notice window", read};

}  // namespace pactcheck
