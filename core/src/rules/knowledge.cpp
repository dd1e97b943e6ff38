// Times as uncertain as the sources, and what was known when (issue 12 §1; docs/format.md "The time rule").
//
// An event happened at some instant of [earliest, latest]. As of T it certainly happened by T when
// latest <= T; it may or may not have when earliest <= T < latest (a maybe: a violation resting on it is
// undetermined, a completion resting on it is not yet done); it had not when earliest > T (after_as_of).
// In hindsight mode (the default) everything in the log is known, and evidence reported after T is marked as
// later knowledge; with known_at K, only what had been reported by K is known (reported, or else latest).
#include "rules/rules.hpp"

namespace pactcheck {

TimeAdmission admit_time(const Event& e, const QueryOptions& q) {
  TimeAdmission out;
  if (q.excluded.count(e.id)) {
    out.reason = "excluded";
    out.detail = "left out by request (what-if)";
    return out;
  }
  if (q.known_at && e.known_at() > *q.known_at) {
    out.reason = "not_yet_reported";
    out.detail = "reported after " + format_instant(*q.known_at, 0) + ", the instant the report is written as of";
    return out;
  }
  if (e.when.earliest > q.as_of) {
    out.reason = "after_as_of";
    out.detail = "reported to happen after the as-of instant";
    return out;
  }
  if (e.when.latest > q.as_of) out.timing = Certainty::kMaybe;
  out.later_knowledge = !q.known_at && e.reported && *e.reported > q.as_of;
  return out;
}

bool known_in(const Event& e, const QueryOptions& q) {
  if (q.excluded.count(e.id)) return false;
  return !q.known_at || e.known_at() <= *q.known_at;
}

}  // namespace pactcheck
