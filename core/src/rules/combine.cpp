// Open points and readings into one verdict per bearer (issue 11 §4, construct 23 and 25).
//
// A kind is run once with every open point against the bearers and, if it consulted any, once with every one for
// them. Where both give the same status it stands. Where the only difference is that a completion may already
// have happened, the bearer is pending (not yet certainly done). Otherwise the verdict is undetermined, and the
// report gives both bounds and the open points that decide between them ("violated unless the self-defence
// claim holds"). Readings the agreement names (another start, another width) are evaluated in full, each; where
// they disagree, the verdict is undetermined and each reading's status is shown.
#include <algorithm>
#include <unordered_set>

#include "rules/rules.hpp"

namespace pactcheck {
namespace {

std::string status_words(Status s) {
  std::string n = status_name(s);
  std::replace(n.begin(), n.end(), '_', ' ');
  return n;
}

// Appends what `from` has that `into` does not (the same event, role and bearer), in order. A set of what is
// there already: with tens of thousands of entries, scanning `into` for each one was quadratic.
void add_evidence(std::vector<Evidence>& into, const std::vector<Evidence>& from) {
  if (from.empty()) return;
  const auto key = [](const Evidence& e) {
    std::string k;
    k.reserve(8 + e.role.size());
    k.append(reinterpret_cast<const char*>(&e.event), sizeof e.event);
    k.append(reinterpret_cast<const char*>(&e.bearer), sizeof e.bearer);
    k += e.role;
    return k;
  };
  std::unordered_set<std::string> seen;
  seen.reserve(into.size() + from.size());
  for (const Evidence& e : into) seen.insert(key(e));
  for (const Evidence& e : from) {
    if (seen.insert(key(e)).second) into.push_back(e);
  }
}

std::vector<std::string> points_for(const Outcome& o, Who bearer) {
  std::vector<std::string> out;
  for (const auto& [who, why] : o.maybes) {
    if ((who == bearer || who == kNobody) && std::find(out.begin(), out.end(), why) == out.end()) out.push_back(why);
  }
  return out;
}

}  // namespace

void combine_passes(const Agreement& a, const Obligation& o, const ReadingResult& r, Verdict& v) {
  const Outcome& against = r.against;
  const Outcome* other = r.for_bearers ? &*r.for_bearers : nullptr;
  bool differs = false;
  v.bearers.clear();
  for (std::size_t i = 0; i < o.bearers.size(); ++i) {
    const BearerOutcome* ba = nullptr;
    for (const BearerOutcome& b : against.bearers) {
      if (b.party == o.bearers[i]) ba = &b;
    }
    BearerVerdict bv;
    bv.party = o.bearers[i];
    if (!ba) {
      bv.status = Status::kUndetermined;
      bv.why = "no verdict was reached";
      v.bearers.push_back(bv);
      continue;
    }
    bv.status = ba->status;
    bv.why = ba->why;
    bv.disputed = ba->disputed;
    bv.history = ba->history;
    bv.progress_done = ba->progress_done;
    bv.progress_of = ba->progress_of;
    bv.remarks = ba->remarks;
    const BearerOutcome* bf = nullptr;
    if (other) {
      for (const BearerOutcome& b : other->bearers) {
        if (b.party == o.bearers[i]) bf = &b;
      }
    }
    if (bf && bf->status != ba->status) {
      std::vector<std::string> points = points_for(against, bv.party);
      for (const std::string& p : points_for(*other, bv.party)) {
        if (std::find(points.begin(), points.end(), p) == points.end()) points.push_back(p);
      }
      bv.open_points = points;
      if (ba->status == Status::kPending && bf->status == Status::kComplied) {
        bv.status = Status::kPending;
        bv.if_against = ba->status;
        bv.if_for = bf->status;
        bv.why = "not yet certainly done (complied if the open points go for " + a.name_of(bv.party) + "): " + join_names(points, "; ");
      } else {
        differs = true;
        bv.if_against = ba->status;
        bv.if_for = bf->status;
        bv.status = Status::kUndetermined;
        bv.disputed = ba->disputed || bf->disputed;
        bv.why = status_words(ba->status) + " if the open points go against " + a.name_of(bv.party) + ", " +
                 status_words(bf->status) + " if they go for it: " + join_names(points, "; ");
      }
    }
    v.bearers.push_back(bv);
  }
  v.explanation = against.explanation;
  if (differs && other) {
    v.explanation = "If the open points go against the bearers: " + against.explanation + " If they go for them: " +
                    other->explanation;
  }
  v.evidence = against.evidence;
  if (other) add_evidence(v.evidence, other->evidence);
  v.deadline = against.deadline;
  v.progress = against.progress;
  v.joint_breach = against.joint_breach;
  v.joint_breach_events = against.joint_breach_events;
}

void combine_readings(const Agreement& /*a*/, const Obligation& o, std::vector<Verdict>& per_reading, Verdict& v) {
  if (per_reading.size() == 1) {
    v = std::move(per_reading.front());
    return;
  }
  v = per_reading.front();
  v.readings.clear();
  for (std::size_t r = 0; r < per_reading.size(); ++r) {
    const Verdict& rv = per_reading[r];
    Status reading_status = rv.bearers.empty() ? Status::kUndetermined : Status::kComplied;
    for (const BearerVerdict& b : rv.bearers) reading_status = worst(reading_status, b.status);
    if (rv.joint_breach && o.bearers.size() > 1) reading_status = Status::kViolated;
    ReadingVerdict out{o.readings[r].id, o.readings[r].label, reading_status, {}, rv.explanation};
    for (const BearerVerdict& b : rv.bearers) out.bearers.emplace_back(b.party, b.status);
    v.readings.push_back(out);
    if (r > 0) add_evidence(v.evidence, rv.evidence);
  }
  std::string text;
  auto severe = [](Status s) {
    return s == Status::kViolated || s == Status::kUndetermined || s == Status::kCompliedLate || s == Status::kCured;
  };
  for (std::size_t i = 0; i < v.bearers.size(); ++i) {
    bool all_same = true, any_severe = false;
    std::vector<std::string> parts;
    for (std::size_t r = 0; r < per_reading.size(); ++r) {
      const Status s = per_reading[r].bearers[i].status;
      all_same = all_same && s == per_reading.front().bearers[i].status;
      any_severe = any_severe || severe(s);
      parts.push_back(status_words(s) + " " + (r == 0 ? std::string("as written") : "under \"" + o.readings[r].label + "\""));
    }
    if (all_same) continue;
    if (!any_severe) {
      // No reading finds a breach: the verdict as written stands, and the others are noted.
      for (std::size_t r = 1; r < per_reading.size(); ++r) {
        const Status s = per_reading[r].bearers[i].status;
        if (s != v.bearers[i].status) v.bearers[i].remarks.push_back(status_words(s) + " under \"" + o.readings[r].label + "\"");
      }
      continue;
    }
    v.bearers[i].status = Status::kUndetermined;
    v.bearers[i].why = "the readings disagree: " + join_names(parts, " and ");
    v.bearers[i].if_against.reset();
    v.bearers[i].if_for.reset();
  }
  for (std::size_t r = 0; r < per_reading.size(); ++r) {
    text += std::string(r ? " " : "") + (r == 0 ? "As written: " : "Under \"" + o.readings[r].label + "\": ") +
            per_reading[r].explanation;
  }
  v.explanation = text;
  v.joint_breach = std::all_of(per_reading.begin(), per_reading.end(), [](const Verdict& x) { return x.joint_breach; });
}

void finish_verdict(const Agreement& a, const Obligation& o, const std::vector<Event>& events, Verdict& v) {
  v.status = Status::kComplied;
  for (const BearerVerdict& b : v.bearers) v.status = worst(v.status, b.status);
  if (v.bearers.empty()) v.status = Status::kUndetermined;
  if (v.joint_breach && o.bearers.size() > 1) v.status = Status::kViolated;
  // Disputed: the violation rests only on bearers' verdicts that rest on denied, unconfirmed allegations.
  v.disputed = v.status == Status::kViolated && !v.joint_breach;
  for (const BearerVerdict& b : v.bearers) {
    if (b.status == Status::kViolated && !b.disputed) v.disputed = false;
  }
  for (BearerVerdict& b : v.bearers) {
    b.confirmed = b.reported = b.alleged = b.disputed_count = b.avowed = 0;
    for (const Evidence& e : v.evidence) {
      if (e.bearer != b.party || e.standing.empty()) continue;
      if (e.role == "violation" && !events[e.event].grade.empty()) ++b.grades[events[e.event].grade];
      if (e.standing == "confirmed") ++b.confirmed;
      else if (e.standing == "avowed") ++b.avowed;
      else if (e.standing == "disputed") ++b.disputed_count;
      else if (e.standing == "alleged") ++b.alleged;
      else ++b.reported;
    }
  }
  // The headline: bearers grouped by status, each group in one clause, every clause naming its bearers.
  std::vector<std::string> clauses;
  if (v.joint_breach && o.bearers.size() > 1) {
    std::vector<std::string> ids = v.joint_breach_events;
    clauses.push_back("broken by an act charged to no bearer (" + join_names(ids) + ")");
  }
  for (Status s : {Status::kViolated, Status::kUndetermined, Status::kCompliedLate, Status::kCured, Status::kPending,
                   Status::kSuspended, Status::kNotTriggered, Status::kEnded, Status::kComplied}) {
    std::vector<std::string> names;
    for (const BearerVerdict& b : v.bearers) {
      if (b.status != s) continue;
      std::string n = a.name_of(b.party);
      if (s == Status::kViolated) {
        for (const Step& step : b.history) {
          if (step.status == Status::kViolated) {
            n += " (first " + format_date(local_date(step.at, a.zone)) + (step.event.empty() ? "" : ", " + step.event) + ")";
            break;
          }
        }
      }
      if (!b.remarks.empty()) n += " (" + join_names(b.remarks, "; ") + ")";
      names.push_back(n);
    }
    if (names.empty()) continue;
    const std::string word = s == Status::kPending       ? "pending for"
                             : s == Status::kNotTriggered ? "not triggered for"
                             : s == Status::kUndetermined ? "undetermined for"
                             : s == Status::kSuspended    ? "suspended for"
                             : s == Status::kEnded        ? "ended for"
                                                          : status_words(s) + " by";
    clauses.push_back(word + " " + join_names(names));
  }
  v.headline = capitalised(join_all(clauses, "; ")) + ".";
}

}  // namespace pactcheck
