// Property tests over randomly generated logs (issue 4 §3): nothing lost, nothing invented, and the order in
// which events arrive never matters. The logs are built to be awkward: many events share an instant (also
// written in other offsets), some are date-only or ranges, some are malformed or of an unknown type, some
// amend deadlines, give notice or suspend an obligation, and every obligation kind is present.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "pactcheck/api.hpp"
#include "pactcheck/engine.hpp"
#include "pactcheck/readers.hpp"
#include "pactcheck/report.hpp"
#include "support.hpp"
#include "targets.hpp"

using nlohmann::json;
using namespace pactcheck::testing;

namespace {

constexpr unsigned kSeeds = 150;

json obligations() {
  return json::parse(R"([
    {"id": "cf", "instrument": "s", "point": "1", "text": "Cease fire.", "bearers": ["AZ", "AM"], "kind": "prohibition",
     "params": {"from": "2020-11-10T00:00:00+03:00", "event_types": ["armed_clash"], "scope": {"within_areas": ["zone"]}}},
    {"id": "pos", "instrument": "s", "point": "1", "text": "Hold.", "bearers": ["AZ", "AM"], "kind": "hold_positions",
     "params": {"from": "2020-11-10T00:00:00+03:00", "event_types": ["territorial_advance"],
                "positions": {"AZ": ["az-area"], "AM": ["am-area"]}, "scope": {"within_areas": ["zone"]}}},
    {"id": "hand", "instrument": "s", "point": "2", "text": "Hand over.", "bearers": ["AM"], "kind": "act_by_deadline",
     "params": {"deadline": {"date": "2020-11-20"}, "amendable": true,
                "fulfilled_by": {"event_types": ["territory_handover"], "subject": "district-a"}}},
    {"id": "meet", "instrument": "s", "point": "3", "text": "Meet.", "bearers": ["AZ", "AM"], "kind": "act_by_deadline",
     "params": {"deadline": {"date": "2020-11-25"}, "fulfilled_by": {"event_types": ["meeting_held"], "subject": "group"}}},
    {"id": "lists", "instrument": "s", "point": "3", "text": "Lists.", "bearers": ["AZ", "AM"], "kind": "act_by_deadline",
     "params": {"deadline": {"after": "meet", "within": {"days": 10}}, "fulfilled_by": {"event_types": ["lists_submitted"]}}},
    {"id": "cond", "instrument": "s", "point": "4", "text": "Withdraw if asked.", "bearers": ["RU"], "kind": "act_by_deadline",
     "params": {"trigger": {"event_types": ["protest"]}, "fulfilled_by": {"event_types": ["withdrawal"]},
                "if_no_report": "undetermined"}},
    {"id": "cap", "instrument": "s", "point": "5", "text": "Cap.", "bearers": ["RU"], "kind": "quantity_cap",
     "params": {"event_types": ["deployment"], "caps": [{"category": "servicemen", "max": 1000}]}},
    {"id": "x", "instrument": "s", "point": "6", "text": "Exchange.", "bearers": ["AZ", "AM"], "kind": "exchange",
     "params": {"categories": ["prisoners"], "event_types": ["prisoner_exchange"], "agreed_totals": {"AM": 40, "AZ": 40},
                "deadline": {"date": "2020-12-10"}}},
    {"id": "term", "instrument": "s", "point": "7", "text": "Term.", "bearers": ["RU"], "kind": "term",
     "params": {"start": "2020-11-10T00:00:00+03:00", "term": {"days": 20},
                "renewal": {"period": {"days": 10}, "automatic": true},
                "notice": {"before_expiry": {"days": 3}, "by": ["AZ", "AM"]}, "breach_event_types": ["withdrawal"]}},
    {"id": "q", "instrument": "s", "point": "8", "text": "Returns.", "bearers": ["AZ"], "kind": "qualitative",
     "params": {"event_types": ["refugee_return"], "reason": "no test."}},
    {"id": "k", "instrument": "s", "point": "9", "text": "Distance.", "bearers": ["AZ"], "kind": "keep_distance",
     "params": {"from": "2020-11-10T00:00:00+03:00", "event_types": ["armed_clash"],
                "zones": [{"party": "AZ", "from_lines": ["road"], "km": 5}]}}
  ])");
}

const std::string& agreement() {
  static const std::string text = agreement_with(obligations());
  return text;
}

// A random log of up to `n` events; instants come from a small set so that many events share one.
json random_events(std::mt19937& rng, int n) {
  const char* types[] = {"armed_clash", "territorial_advance", "territory_handover", "deployment", "prisoner_exchange",
                         "refugee_return", "protest", "meeting_held", "lists_submitted", "withdrawal",
                         "notice_of_termination", "deadline_amendment", "unknown_kind"};
  const char* parties[] = {"AZ", "AM", "RU", ""};
  auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<unsigned>(k)); };
  json events = json::array();
  for (int i = 0; i < n; ++i) {
    const std::string type = types[pick(13)];
    json e{{"id", "ev-" + std::to_string(i)}, {"type", type}};
    // 6 days x 3 hours = 18 instants (+04:00); a third written in another offset (the same instant).
    const int day = 8 + 4 * pick(6), hour = 6 * (1 + pick(3));
    char time[40];
    const int style = pick(10);
    if (style < 3) {
      std::snprintf(time, sizeof time, "2020-11-%02dT%02d:00:00+03:00", day, hour - 1);
    } else if (style == 3) {
      std::snprintf(time, sizeof time, "2020-11-%02dT%02d:00:00Z", day, hour - 4);
    } else {
      std::snprintf(time, sizeof time, "2020-11-%02dT%02d:00:00+04:00", day, hour);
    }
    e["time"] = time;
    const int precision = pick(10);
    if (precision == 0) {
      e["precision"] = "day";
    } else if (precision == 1) {
      e["time"] = std::string(time).substr(0, 10);
      e["utc_offset"] = "+04:00";
    } else if (precision == 2) {
      e["precision"] = "range";
      char latest[40];
      std::snprintf(latest, sizeof latest, "2020-11-%02dT%02d:00:00+04:00", day + 1 + pick(3), hour);
      e["latest"] = latest;
    }
    const std::string party = parties[pick(4)];
    e["actors"] = json::array({json{{"name", "actor " + std::to_string(pick(3))}}});
    if (!party.empty()) e["actors"][0]["party"] = party;
    if (pick(5) == 0) e["actors"].push_back(json{{"name", "second actor"}, {"party", parties[pick(3)]}});
    if (pick(5) != 0) e["where"] = {{"lat", 38.5 + pick(250) / 100.0}, {"lon", 45.5 + pick(250) / 100.0}};
    if (type == "territory_handover" || pick(4) == 0) e["subject"] = pick(2) ? "district-a" : "group";
    if (type == "meeting_held" && pick(2)) e["subject"] = "group";
    if (type == "deployment") {
      const char* bases[] = {"increment", "level", "planned", "cumulative_report"};
      e["quantities"] = {{{"category", pick(4) ? "servicemen" : "helicopters"}, {"value", pick(700)}, {"basis", bases[pick(4)]}}};
    }
    if (type == "prisoner_exchange") {
      e["quantities"] = {{{"category", "prisoners"}, {"value", pick(30)}, {"from", "AM"}, {"to", "AZ"}},
                         {{"category", "prisoners"}, {"value", pick(30)}, {"from", "AZ"}, {"to", "AM"}}};
    }
    const int attribution = pick(6);
    if (attribution == 0) e["attribution"] = {{"basis", "claimed"}, {"alleged_by", {"AZ"}}, {"denied_by", {"AM"}}};
    if (attribution == 1) e["attribution"] = {{"basis", "observed"}, {"observed_by", {"MON"}}};
    if (type == "deadline_amendment" && pick(2)) {
      char date[20];
      std::snprintf(date, sizeof date, "2020-11-%02d", 18 + pick(10));
      e["effects"] = {{{"kind", "amend_deadline"}, {"obligation", "hand"}, {"deadline", {{"date", date}}}}};
    }
    if (type == "notice_of_termination") e["effects"] = {{{"kind", "notice"}, {"obligation", "term"}, {"party", pick(2) ? "AZ" : "AM"}}};
    if (type == "protest" && pick(3) == 0) {
      e["effects"] = {{{"kind", pick(2) ? "suspend" : "resume"}, {"obligation", "cf"}, {"agreed_by", pick(2) ? json{"AZ", "AM"} : json{"AZ"}}}};
    }
    const int broken = pick(25);
    if (broken == 0) e["where"] = {{"lat", 91}, {"lon", 46.5}};
    if (broken == 1) e["time"] = "2020-11-31T12:00:00+04:00";
    if (broken == 2) e["time"] = "2020-11-12T12:00:00";
    if (broken == 3) e["actors"][0]["party"] = "XX";
    events.push_back(e);
  }
  return events;
}

const std::set<std::string> kReasons = {"before_start", "after_end", "out_of_scope", "after_as_of", "not_yet_reported",
                                        "not_triggered", "grade_not_counted", "unknown_type", "unmapped", "malformed", "excluded"};

struct Tally {
  std::map<std::string, std::size_t> reasons;
  std::size_t used = 0, irrelevant = 0, ties = 0;
};

// Every event is accounted for exactly once: used, not relevant (in one group) or ignored (in at least one group,
// every group with a reason and a detail); every used event is evidence of some obligation.
void check_accounting(const json& env, const json& events, Tally& tally) {
  const json& r = env["report"];
  const json& counts = r["events"];
  const std::size_t total = counts["total"], used = counts["used"], irrelevant = counts["not_relevant"], ignored = counts["ignored"];
  CHECK(total == events.size());
  CHECK(used + irrelevant + ignored == total);
  std::set<std::string> input_ids, ignored_ids, not_relevant_ids, evidence_ids, counted_ids;
  for (const json& e : events) input_ids.insert(e["id"].get<std::string>());
  for (const json& g : counts["ignored_groups"]) {
    const std::string reason = g["reason"];
    CHECK_MESSAGE(kReasons.count(reason) == 1, g.dump());
    CHECK_MESSAGE(!g["detail"].get<std::string>().empty(), "an ignored group without a detail: " << g.dump());
    CHECK(!g["events"].empty());
    for (const json& id : g["events"]) {
      CHECK(input_ids.count(id.get<std::string>()) == 1);
      ignored_ids.insert(id.get<std::string>());
    }
    tally.reasons[reason] += g["events"].size();
  }
  CHECK(ignored_ids.size() == ignored);
  std::size_t distinct_reasons = 0;
  for (const auto& [reason, n] : counts["ignored_by_reason"].items()) {
    CHECK(kReasons.count(reason) == 1);
    distinct_reasons += n.get<std::size_t>();
  }
  CHECK(distinct_reasons >= ignored);
  for (const json& g : counts["not_relevant_groups"]) {
    for (const json& id : g["events"]) CHECK_MESSAGE(not_relevant_ids.insert(id.get<std::string>()).second, "not relevant twice: " << id);
  }
  CHECK(not_relevant_ids.size() == irrelevant);
  for (const json& o : r["obligations"]) {
    for (const json& e : o["evidence"]) {
      evidence_ids.insert(e["event"].get<std::string>());
      if (e["role"] != "out_of_scope") counted_ids.insert(e["event"].get<std::string>());
    }
  }
  CHECK_MESSAGE(counted_ids.size() == used, "used " << used << " but " << counted_ids.size() << " events in evidence");
  for (const std::string& id : counted_ids) {
    CHECK_MESSAGE(ignored_ids.count(id) == 0, id << " is both evidence and ignored");
    CHECK_MESSAGE(not_relevant_ids.count(id) == 0, id << " is both evidence and not relevant");
    CHECK(input_ids.count(id) == 1);
  }
  std::set<std::string> listed;
  for (const json& e : counts["evidence_events"]) listed.insert(e["id"].get<std::string>());
  CHECK(listed == evidence_ids);
  tally.used += used;
  tally.irrelevant += irrelevant;
}

json envelope(const json& events, const json& options) {
  const json env = check(agreement(), events_with(events), options);
  REQUIRE_MESSAGE(env.value("ok", false), env.dump());
  return env;
}

std::string order_free(const json& events, const json& options) {
  return pactcheck::fuzz::order_free(pactcheck::check(agreement(), events_with(events), options.dump()));
}

// The instant of an event for grouping ties: its time and latest as written, converted to UTC milliseconds.
std::int64_t instant_of(const json& e) {
  const std::string t = e["time"].get<std::string>();
  auto parsed = pactcheck::parse_instant(t.size() == 10 ? t + "T00:00:00+04:00" : t, nullptr);
  return parsed ? parsed->utc_ms : -1;
}

}  // namespace

TEST_CASE("property: every event is accounted for: used as evidence, irrelevant, or ignored with a reason") {
  Tally tally;
  for (unsigned seed = 1; seed <= kSeeds; ++seed) {
    CAPTURE(seed);
    std::mt19937 rng(seed);
    const json events = random_events(rng, static_cast<int>(rng() % 80));
    for (const char* as_of : {"2020-11-15T12:00:00+04:00", "2020-11-22T00:00:00+04:00", "2020-12-31T00:00:00+04:00"}) {
      CAPTURE(as_of);
      check_accounting(envelope(events, {{"as_of", as_of}}), events, tally);
    }
    check_accounting(envelope(events, json::object()), events, tally);  // as of the latest event
  }
  // The generator really produced every case the properties are about.
  MESSAGE("used " << tally.used << ", irrelevant " << tally.irrelevant);
  CHECK(tally.used > 0);
  CHECK(tally.irrelevant > 0);
  for (const char* reason : {"before_start", "out_of_scope", "after_as_of", "unknown_type", "malformed"}) {
    CAPTURE(reason);
    CHECK(tally.reasons[reason] > 0);
  }
}

TEST_CASE("property: reordering the whole log, or only events with equal times, never changes the report") {
  std::size_t tied_groups = 0;
  for (unsigned seed = 1; seed <= kSeeds; ++seed) {
    CAPTURE(seed);
    std::mt19937 rng(seed * 7919u);
    json events = random_events(rng, 10 + static_cast<int>(rng() % 60));
    const json options = {{"as_of", "2020-11-26T00:00:00+04:00"}, {"format", "json"}};

    // Sorted by instant; then each run of equal instants reversed, then each run shuffled.
    std::stable_sort(events.begin(), events.end(), [](const json& a, const json& b) { return instant_of(a) < instant_of(b); });
    const std::string sorted = order_free(events, options);
    json reversed_ties = events, shuffled_ties = events;
    for (std::size_t i = 0; i < events.size();) {
      std::size_t j = i + 1;
      while (j < events.size() && instant_of(events[j]) == instant_of(events[i])) ++j;
      if (j - i > 1) ++tied_groups;
      std::reverse(reversed_ties.begin() + static_cast<long>(i), reversed_ties.begin() + static_cast<long>(j));
      std::shuffle(shuffled_ties.begin() + static_cast<long>(i), shuffled_ties.begin() + static_cast<long>(j), rng);
      i = j;
    }
    CHECK(order_free(reversed_ties, options) == sorted);
    CHECK(order_free(shuffled_ties, options) == sorted);

    // The whole log shuffled, and reversed.
    json shuffled = events;
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    CHECK(order_free(shuffled, options) == sorted);
    json reversed = events;
    std::reverse(reversed.begin(), reversed.end());
    CHECK(order_free(reversed, options) == sorted);

    // The text rendering too, where no event position appears unless an event was malformed.
    const json text = {{"as_of", "2020-11-26T00:00:00+04:00"}, {"format", "text"}};
    const json a = check(agreement(), events_with(events), text);
    const json b = check(agreement(), events_with(shuffled), text);
    if (a["issues"].empty()) CHECK(a["rendered"] == b["rendered"]);
  }
  MESSAGE(tied_groups << " groups of events with equal instants were reordered");
  CHECK(tied_groups > kSeeds);
}

TEST_CASE("property: a log added in two parts, with queries in between, equals the whole log at once") {
  std::vector<pactcheck::Issue> issues;
  std::shared_ptr<const pactcheck::Agreement> parsed = pactcheck::read_agreement(agreement(), "agreement", {}, issues);
  REQUIRE(parsed);
  const pactcheck::Instant as_of = *pactcheck::parse_instant("2020-12-01T00:00:00+04:00", nullptr);
  for (unsigned seed = 1; seed <= kSeeds; ++seed) {
    CAPTURE(seed);
    std::mt19937 rng(seed * 104729u);
    const json events = random_events(rng, static_cast<int>(rng() % 70));
    std::vector<pactcheck::Event> read;
    issues.clear();
    REQUIRE(pactcheck::read_events(events_with(events), "events", {}, parsed.get(),
                                   [&](pactcheck::Event&& e) { read.push_back(std::move(e)); }, issues, nullptr));
    pactcheck::Engine whole(parsed), parts(parsed);
    for (const pactcheck::Event& e : read) whole.add(pactcheck::Event(e));
    // The second half first, queried at several instants (and with an exclusion), then the first half.
    const std::size_t half = read.size() / 2;
    for (std::size_t i = half; i < read.size(); ++i) parts.add(pactcheck::Event(read[i]));
    for (const char* t : {"2020-11-12T00:00:00+04:00", "2020-11-21T00:00:00+04:00", "2021-01-01T00:00:00Z"}) {
      pactcheck::QueryOptions q;
      q.as_of = pactcheck::parse_instant(t, nullptr)->utc_ms;
      q.excluded = {"ev-1"};
      parts.evaluate(q);
    }
    for (std::size_t i = 0; i < half; ++i) parts.add(pactcheck::Event(read[i]));
    pactcheck::ReportContext ctx;
    ctx.as_of_text = "2020-12-01T00:00:00+04:00";
    pactcheck::QueryOptions q;
    q.as_of = as_of.utc_ms;
    const std::string a = pactcheck::build_report(whole, whole.evaluate(q), ctx).dump();
    const std::string b = pactcheck::build_report(parts, parts.evaluate(q), ctx).dump();
    CHECK(a == b);
  }
}

TEST_CASE("property: a session answers as fresh checks do; excluding an event equals removing it") {
  for (unsigned seed = 1; seed <= kSeeds / 3; ++seed) {
    CAPTURE(seed);
    std::mt19937 rng(seed * 31337u);
    const json events = random_events(rng, 1 + static_cast<int>(rng() % 50));
    std::string opened;
    const auto session = pactcheck::Session::open(agreement(), events_with(events), "{}", opened);
    REQUIRE_MESSAGE(session, opened);
    std::size_t previous_after = events.size() + 1;
    for (const char* as_of : {"2020-11-09T00:00:00+04:00", "2020-11-16T06:00:00+04:00", "2020-11-24T18:00:00+04:00",
                              "2020-12-15T00:00:00+04:00"}) {
      CAPTURE(as_of);
      for (const char* format : {"json", "text", "markdown", "html", "csv", "junit", "geojson"}) {
        const json options = {{"as_of", as_of}, {"format", format}};
        CHECK(session->report(options.dump()) == pactcheck::check(agreement(), events_with(events), options.dump()));
      }
      // Later as-of instants see more of the log: the count of events after the as-of never grows.
      const json env = json::parse(session->report(json{{"as_of", as_of}}.dump()));
      const std::size_t after = env["report"]["events"]["ignored_by_reason"]["after_as_of"];
      CHECK(after <= previous_after);
      previous_after = after;
    }
    // What-if: excluding one event gives the verdicts of the log without it.
    const std::size_t victim = rng() % events.size();
    const std::string id = events[victim]["id"];
    const json options = {{"as_of", "2020-12-15T00:00:00+04:00"}};
    json without = events;
    without.erase(without.begin() + static_cast<long>(victim));
    const json excluded = json::parse(session->report(json{{"as_of", "2020-12-15T00:00:00+04:00"}, {"exclude", {id}}}.dump()));
    const json removed = check(agreement(), events_with(without), options);
    REQUIRE(excluded["ok"] == true);
    REQUIRE(removed["ok"] == true);
    CHECK(excluded["report"]["obligations"] == removed["report"]["obligations"]);
    CHECK(excluded["report"]["summary"] == removed["report"]["summary"]);
    bool listed = false;
    for (const std::string& reason : ignored_reasons(excluded, id)) listed = listed || reason == "excluded";
    const bool malformed = [&] {
      const json plain = json::parse(session->report(options.dump()));
      for (const std::string& reason : ignored_reasons(plain, id)) {
        if (reason == "malformed" || reason == "unknown_type") return true;
      }
      return false;
    }();
    CHECK_MESSAGE((listed || malformed), id << " is neither listed as excluded nor ignored by the reader");
  }
}
