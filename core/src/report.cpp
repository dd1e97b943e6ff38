#include "pactcheck/report.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "pactcheck/version.hpp"
#include "sha256.hpp"

namespace pactcheck {
namespace {

using OJson = nlohmann::ordered_json;

constexpr Status kAllStatuses[] = {Status::kViolated, Status::kUndetermined, Status::kCompliedLate, Status::kCured,
                                   Status::kPending,  Status::kSuspended,    Status::kNotTriggered, Status::kComplied};

OJson status_counts() {
  OJson counts = OJson::object();
  for (Status s : kAllStatuses) counts[status_name(s)] = 0;
  return counts;
}

OJson or_null(const std::string& s) { return s.empty() ? OJson(nullptr) : OJson(s); }


OJson event_details(const Event& e) {
  OJson j;
  j["id"] = e.id;
  j["time"] = e.time_text;
  j["precision"] = e.precision;
  if (!e.latest_text.empty()) j["latest"] = e.latest_text;
  j["earliest_utc"] = format_instant(e.when.earliest.utc_ms, 0);
  j["latest_utc"] = format_instant(e.when.latest.utc_ms, 0);
  j["type"] = e.type;
  OJson actors = OJson::array();
  for (const Actor& a : e.actors) {
    actors.push_back(OJson{{"name", a.name}, {"party", or_null(a.party)}, {"role", or_null(a.role)}});
  }
  j["actors"] = actors;
  if (!e.target.empty()) j["target"] = e.target;
  if (!e.subject.empty()) j["subject"] = e.subject;
  if (e.has_where || !e.where_name.empty()) {
    OJson w{{"name", e.where_name}};
    if (e.has_where) {
      w["lat"] = e.where.lat;
      w["lon"] = e.where.lon;
    }
    w["approximate"] = e.where_approximate;
    j["where"] = w;
  }
  if (!e.quantities.empty()) {
    OJson qs = OJson::array();
    for (const Quantity& q : e.quantities) {
      OJson qj{{"category", q.category}, {"value", json_number(q.value)}, {"unit", q.unit}, {"basis", q.basis}};
      if (!q.from.empty()) qj["from"] = q.from;
      if (!q.to.empty()) qj["to"] = q.to;
      if (!q.note.empty()) qj["note"] = q.note;
      qs.push_back(qj);
    }
    j["quantities"] = qs;
  }
  const Attribution& at = e.attribution;
  if (!at.basis.empty() || !at.alleged_by.empty() || !at.denied_by.empty() || !at.observed_by.empty()) {
    j["attribution"] = OJson{{"basis", or_null(at.basis)}, {"alleged_by", at.alleged_by}, {"denied_by", at.denied_by},
                             {"observed_by", at.observed_by}};
  }
  if (!e.notes.empty()) j["notes"] = e.notes;
  OJson sources = OJson::array();
  for (const Source& s : e.sources) {
    OJson sj{{"title", s.title}};
    if (!s.url.empty()) sj["url"] = s.url;
    if (!s.publisher.empty()) sj["publisher"] = s.publisher;
    if (!s.date.empty()) sj["date"] = s.date;
    sources.push_back(sj);
  }
  j["sources"] = sources;
  return j;
}

}  // namespace

OJson issue_json(const Issue& issue) {
  OJson j{{"severity", issue.severity == Severity::kError ? "error" : "warning"},
          {"code", issue.code},
          {"message", issue.message},
          {"file", issue.file}};
  if (issue.line == 0) j["pointer"] = issue.pointer;  // syntax errors are located by line and column instead
  if (issue.line > 0) {
    j["line"] = issue.line;
    j["column"] = issue.column;
  }
  return j;
}

std::string input_digest(const Engine& engine) {
  const auto& events = engine.events();
  std::vector<std::size_t> order(events.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Event& x = events[a];
    const Event& y = events[b];
    if (x.when.earliest.utc_ms != y.when.earliest.utc_ms) return x.when.earliest.utc_ms < y.when.earliest.utc_ms;
    if (x.id != y.id) return x.id < y.id;
    return x.digest < y.digest;
  });
  Sha256 sha;
  sha.update(engine.agreement().canonical_digest);
  sha.update("\n");
  for (std::size_t i : order) {
    sha.update(events[i].digest);
    sha.update("\n");
  }
  return "sha256:" + sha.hex_digest();
}

OJson build_report(const Engine& engine, const Evaluation& ev, const ReportContext& ctx) {
  const Agreement& a = engine.agreement();
  const auto& events = engine.events();
  OJson r;
  r["format"] = "pactcheck/report";
  r["version"] = 1;
  r["generator"] = std::string("pactcheck ") + PACTCHECK_VERSION;
  OJson instruments = OJson::array();
  for (const Instrument& i : a.instruments) {
    instruments.push_back(OJson{{"id", i.id}, {"title", i.title}, {"date", format_date(i.date)}});
  }
  r["agreement"] = OJson{{"id", a.id}, {"title", a.title}, {"text_note", or_null(a.text_note)}, {"instruments", instruments}};
  r["event_log"] = OJson{{"title", or_null(ctx.log.title)}, {"synthetic", ctx.log.synthetic}};
  r["as_of"] = ctx.as_of_text;
  r["as_of_utc"] = format_instant(ev.as_of.utc_ms, 0);
  r["as_of_defaulted"] = ctx.as_of_defaulted;
  r["input_digest"] = input_digest(engine);
  r["excluded"] = OJson(std::vector<std::string>(ctx.excluded.begin(), ctx.excluded.end()));

  OJson by_status = status_counts();
  std::map<std::string, OJson> by_party;
  for (const Party& p : a.parties) by_party[p.id] = status_counts();
  OJson violated = OJson::array(), disputed = OJson::array();
  OJson obligations = OJson::array();
  std::set<std::size_t> evidence_events;
  for (const Verdict& v : ev.verdicts) {
    const Obligation& o = a.obligations[v.obligation];
    by_status[status_name(v.status)] = by_status[status_name(v.status)].get<int>() + 1;
    if (v.status == Status::kViolated) violated.push_back(o.id);
    if (v.disputed) disputed.push_back(o.id);
    OJson j;
    j["id"] = o.id;
    j["instrument"] = o.instrument;
    j["point"] = o.point;
    j["kind"] = o.kind_text;
    j["text"] = o.text;
    j["bearers"] = o.bearers;
    j["beneficiaries"] = o.beneficiaries;
    j["status"] = status_name(v.status);
    j["disputed"] = v.disputed;
    OJson bearers = OJson::array();
    for (const BearerVerdict& b : v.bearers) {
      bearers.push_back(OJson{{"party", b.party}, {"status", status_name(b.status)}, {"disputed", b.disputed}});
      auto it = by_party.find(b.party);
      if (it != by_party.end()) it->second[status_name(b.status)] = it->second[status_name(b.status)].get<int>() + 1;
    }
    j["by_bearer"] = bearers;
    j["explanation"] = v.explanation;
    j["deadline"] = v.deadline;
    j["progress"] = v.progress;
    OJson evidence = OJson::array();
    for (const Evidence& e : v.evidence) {
      const Event& event = events[e.event];
      OJson ej{{"event", event.id}, {"role", e.role}, {"bearer", or_null(e.bearer)}, {"note", e.note},
               {"disputed", e.disputed}, {"time", event.time_text}, {"type", event.type}};
      evidence.push_back(ej);
      evidence_events.insert(e.event);
    }
    j["evidence"] = evidence;
    obligations.push_back(j);
  }
  OJson parties = OJson::array();
  for (const Party& p : a.parties) {
    parties.push_back(OJson{{"party", p.id}, {"name", p.name}, {"role", p.role}, {"by_status", by_party[p.id]}});
  }
  r["summary"] = OJson{{"obligations", ev.verdicts.size()}, {"by_status", by_status}, {"by_party", parties},
                       {"violated", violated}, {"disputed", disputed}};
  r["obligations"] = obligations;

  OJson reasons = OJson::object();
  for (const char* reason : {"before_start", "out_of_scope", "after_as_of", "unknown_type", "malformed", "excluded"}) {
    reasons[reason] = 0;
  }
  OJson ignored = OJson::array();
  for (const IgnoredEvent& i : ev.ignored) {
    const Event& e = events[i.event];
    reasons[i.reason] = reasons[i.reason].get<int>() + 1;
    ignored.push_back(OJson{{"event", e.id}, {"time", e.time_text}, {"type", e.type}, {"reason", i.reason}, {"detail", i.detail}});
  }
  // Evidence events in report order, each once, with everything a reader needs to weigh it.
  std::vector<std::size_t> detail_order(evidence_events.begin(), evidence_events.end());
  std::sort(detail_order.begin(), detail_order.end(), [&](std::size_t x, std::size_t y) {
    const Event& p = events[x];
    const Event& q = events[y];
    if (p.when.earliest.utc_ms != q.when.earliest.utc_ms) return p.when.earliest.utc_ms < q.when.earliest.utc_ms;
    if (p.when.latest.utc_ms != q.when.latest.utc_ms) return p.when.latest.utc_ms < q.when.latest.utc_ms;
    return p.id < q.id;
  });
  OJson details = OJson::array();
  for (std::size_t i : detail_order) details.push_back(event_details(events[i]));
  r["events"] = OJson{{"total", ev.events_total},
                      {"used", ev.events_used},
                      {"irrelevant", ev.events_irrelevant},
                      {"ignored", ev.ignored.size()},
                      {"ignored_by_reason", reasons},
                      {"ignored_events", ignored},
                      {"evidence_events", details}};
  OJson issues = OJson::array();
  for (const Issue& issue : ctx.issues) issues.push_back(issue_json(issue));
  r["issues"] = issues;
  return r;
}

std::string render_json(const OJson& report) {
  return report.dump(2, ' ', false, OJson::error_handler_t::replace) + "\n";
}

}  // namespace pactcheck
