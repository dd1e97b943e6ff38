// The report value (format pactcheck/report version 2, schemas/report.schema.json): every renderer is a view of it.
#include "pactcheck/report.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "pactcheck/version.hpp"
#include "sha256.hpp"
#include "text.hpp"

namespace pactcheck {
namespace {

using OJson = nlohmann::ordered_json;

constexpr Status kAllStatuses[] = {Status::kViolated,  Status::kUndetermined, Status::kCompliedLate,
                                   Status::kCured,     Status::kPending,      Status::kSuspended,
                                   Status::kNotTriggered, Status::kEnded,     Status::kComplied};
constexpr const char* kReasons[] = {"before_start", "after_end", "out_of_scope", "after_as_of", "not_yet_reported",
                                    "not_triggered", "grade_not_counted", "unknown_type", "unmapped", "malformed", "excluded"};

OJson status_counts() {
  OJson counts = OJson::object();
  for (Status s : kAllStatuses) counts[status_name(s)] = 0;
  return counts;
}

OJson or_null(const std::string& s) { return s.empty() ? OJson(nullptr) : OJson(s); }

OJson ids(const Agreement& a, const std::vector<Who>& list) {
  OJson out = OJson::array();
  for (Who w : list) out.push_back(a.id_of(w));
  return out;
}

std::string standard_text(const EvidenceStandard& s) {
  auto rule = [](Standard x, const std::string& what) -> std::string {
    switch (x) {
      case Standard::kAnyReport: return "every report of " + what + " counts (one its subject contests is flagged disputed)";
      case Standard::kUncontested:
        return what + " resting only on a report its subject contests, with no monitor's observation or body's finding, "
                      "leaves the verdict undetermined";
      case Standard::kConfirmed: return what + " counts only when a monitor observed it or a body found it";
    }
    return "";
  };
  if (s.violation == s.completion) {
    return std::string(standard_name(s.violation)) + ": " + rule(s.violation, "a violation or a completion") + ".";
  }
  return std::string(standard_name(s.violation)) + " for violations, " + standard_name(s.completion) + " for completions: " +
         rule(s.violation, "a violation") + "; " + rule(s.completion, "a completion") + ".";
}

OJson standard_json(const EvidenceStandard& s) {
  return OJson{{"violation", standard_name(s.violation)}, {"completion", standard_name(s.completion)}, {"text", standard_text(s)}};
}

OJson event_details(const Agreement& a, const Event& e) {
  OJson j;
  j["id"] = e.id;
  j["time"] = e.time_text;
  j["precision"] = e.precision;
  if (!e.latest_text.empty()) j["latest"] = e.latest_text;
  j["earliest_utc"] = format_instant(e.when.earliest, 0);
  j["latest_utc"] = format_instant(e.when.latest, 0);
  if (e.lasts) {
    j["end"] = e.ends ? OJson(e.end_text) : OJson(nullptr);
    j["ongoing"] = !e.ends.has_value();
  }
  if (e.reported) j["reported"] = e.reported_text;
  j["type"] = e.type_text;
  if (!e.alternative_types.empty()) {
    OJson alts = OJson::array();
    for (TypeId t : e.alternative_types) alts.push_back(a.event_types[t]);
    j["type_alternatives"] = alts;
  }
  if (!e.grade.empty()) j["grade"] = e.grade;
  OJson actors = OJson::array();
  for (const EventActor& x : e.actors) {
    OJson aj{{"name", x.name}, {"party", x.party == kNobody ? OJson(nullptr) : OJson(a.id_of(x.party))}, {"role", or_null(x.role)}};
    if (x.non_party) aj["non_party"] = true;
    if (x.avowed) aj["avowed"] = true;
    if (!x.alleged_by.empty()) aj["alleged_by"] = ids(a, x.alleged_by);
    if (!x.denied_by.empty()) aj["denied_by"] = ids(a, x.denied_by);
    if (!x.observed_by.empty()) aj["observed_by"] = ids(a, x.observed_by);
    actors.push_back(aj);
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
    if (e.where_uncertainty_km > 0) w["uncertainty_km"] = e.where_uncertainty_km;
    j["where"] = w;
  }
  if (!e.quantities.empty()) {
    OJson qs = OJson::array();
    for (const Quantity& q : e.quantities) {
      OJson qj{{"category", q.category}, {"value", json_number(q.value.best)}, {"unit", q.unit}, {"basis", q.basis}};
      if (!q.value.exact()) {
        qj["min"] = json_number(q.value.lo);
        qj["max"] = json_number(q.value.hi);
      }
      if (q.from.size() == 1) qj["from"] = a.id_of(q.from.front());
      if (q.from.size() > 1) qj["from"] = ids(a, q.from);
      if (q.to.size() == 1) qj["to"] = a.id_of(q.to.front());
      if (q.to.size() > 1) qj["to"] = ids(a, q.to);
      if (!q.note.empty()) qj["note"] = q.note;
      qs.push_back(qj);
    }
    j["quantities"] = qs;
  }
  if (!e.claims.empty()) {
    OJson cs = OJson::array();
    for (const Claim& c : e.claims) cs.push_back(OJson{{"exception", c.exception}, {"by", a.id_of(c.by)}, {"note", or_null(c.note)}});
    j["claims"] = cs;
  }
  if (!e.findings.empty()) {
    OJson fs = OJson::array();
    for (const Finding& f : e.findings) {
      OJson fj{{"by", a.id_of(f.by)}};
      switch (f.kind) {
        case Finding::Kind::kAttribution: fj["event"] = f.event; fj["attribution"] = ids(a, f.parties); break;
        case Finding::Kind::kException: fj["event"] = f.event; fj["exception"] = f.exception; fj["holds"] = f.holds; break;
        case Finding::Kind::kHappened: fj["event"] = f.event; fj["happened"] = f.holds; break;
        case Finding::Kind::kUnconfirmed: fj["event"] = f.event; fj["confirmed"] = false; break;
        case Finding::Kind::kResolved: fj["event"] = f.event; fj["resolved"] = true; break;
        case Finding::Kind::kPeriod:
          fj["obligation"] = f.obligation;
          fj["from"] = format_instant(f.period.earliest, a.zone);
          fj["to"] = format_instant(f.period.latest, a.zone);
          fj["state"] = f.state;
          break;
      }
      if (!f.note.empty()) fj["note"] = f.note;
      fs.push_back(fj);
    }
    j["finds"] = fs;
  }
  if (!e.notes.empty()) j["notes"] = e.notes;
  if (!e.origin_file.empty() || !e.origin_row.empty() || e.origin_line > 0) {
    OJson o = OJson::object();
    if (!e.origin_file.empty()) o["file"] = e.origin_file;
    if (e.origin_line > 0) o["line"] = e.origin_line;
    if (!e.origin_row.empty()) o["row"] = e.origin_row;
    j["origin"] = o;
  }
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

OJson bearer_json(const Agreement& a, const BearerVerdict& b) {
  OJson j{{"party", a.id_of(b.party)}, {"name", a.name_of(b.party)}, {"status", status_name(b.status)}, {"disputed", b.disputed}};
  j["why"] = or_null(b.why);
  j["counts"] = OJson{{"confirmed", b.confirmed}, {"avowed", b.avowed}, {"reported", b.reported}, {"alleged", b.alleged},
                      {"disputed", b.disputed_count}};
  if (!b.grades.empty()) {
    OJson g = OJson::object();
    for (const auto& [grade, n] : b.grades) g[grade] = n;
    j["grades"] = g;
  }
  if (b.if_against) {
    j["if_against"] = status_name(*b.if_against);
    j["if_for"] = status_name(*b.if_for);
  }
  if (!b.open_points.empty()) j["open_points"] = b.open_points;
  if (b.progress_of) j["progress"] = OJson{{"done", json_number(*b.progress_done)}, {"of", json_number(*b.progress_of)}};
  if (!b.remarks.empty()) j["remarks"] = b.remarks;
  OJson history = OJson::array();
  for (const Step& s : b.history) {
    history.push_back(OJson{{"at", format_instant(s.at, a.zone)}, {"status", status_name(s.status)}, {"event", or_null(s.event)},
                            {"note", or_null(s.note)}});
  }
  j["history"] = history;
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

std::string input_digest(const Engine& engine) { return engine.input_digest(); }

namespace {

// The parts of a report, built once and assembled either as one tree (build_report: the text and Markdown
// renderers read it) or written straight to JSON text (write_report: the large arrays, evidence and the events'
// ids, never become a tree). Both give the same document.

// Everything before "summary".
OJson report_head(const Engine& engine, const Evaluation& ev, const ReportContext& ctx) {
  const Agreement& a = engine.agreement();
  OJson r;
  r["format"] = "pactcheck/report";
  r["version"] = 2;
  r["generator"] = std::string("pactcheck ") + PACTCHECK_VERSION;
  OJson instruments = OJson::array();
  for (const Instrument& i : a.instruments) instruments.push_back(OJson{{"id", i.id}, {"title", i.title}, {"date", format_date(i.date)}});
  r["agreement"] = OJson{{"id", a.id}, {"title", a.title}, {"text_note", or_null(a.text_note)}, {"zone", a.zone.name()},
                         {"instruments", instruments}};
  r["event_log"] = OJson{{"title", or_null(ctx.log.title)}, {"synthetic", ctx.log.synthetic}};
  r["as_of"] = ctx.as_of_text;
  r["as_of_utc"] = format_instant(ev.options.as_of, 0);
  r["as_of_defaulted"] = ctx.as_of_defaulted;
  r["knowledge"] = ev.options.known_at
                       ? OJson{{"mode", "known_at"}, {"known_at", format_instant(*ev.options.known_at, a.zone)},
                               {"later_knowledge", 0},
                               {"text", "as it could have been written at " + format_instant(*ev.options.known_at, a.zone) +
                                            ": only what had been reported by then"}}
                       : OJson{{"mode", "hindsight"}, {"known_at", nullptr}, {"later_knowledge", ev.later_knowledge},
                               {"text", "everything in the log about what happened by the as-of instant; evidence reported after "
                                        "it is marked as later knowledge"}};
  r["evidence_standard"] = standard_json(a.standard);
  r["input_digest"] = input_digest(engine);
  r["excluded"] = OJson(std::vector<std::string>(ev.options.excluded.begin(), ev.options.excluded.end()));
  OJson parties = OJson::array(), monitors = OJson::array();
  for (Who w = 0; w < a.entities.size(); ++w) {
    const Entity& x = a.entities[w];
    (x.monitor ? monitors : parties).push_back(OJson{{"id", x.id}, {"name", x.name}, {"role", x.role}});
  }
  r["parties"] = parties;
  r["monitors"] = monitors;
  return r;
}

OJson summary_json(const Agreement& a, const Evaluation& ev) {
  OJson by_status = status_counts();
  std::map<std::string, OJson> by_party;
  for (Who p = 0; p < a.party_count; ++p) by_party[a.entities[p].id] = status_counts();
  OJson violated = OJson::array(), disputed = OJson::array(), undetermined = OJson::array();
  for (const Verdict& v : ev.verdicts) {
    const Obligation& o = a.obligations[v.obligation];
    by_status[status_name(v.status)] = by_status[status_name(v.status)].get<int>() + 1;
    if (v.status == Status::kViolated) violated.push_back(o.id);
    if (v.status == Status::kUndetermined) undetermined.push_back(o.id);
    if (v.disputed) disputed.push_back(o.id);
    for (const BearerVerdict& b : v.bearers) {
      auto it = by_party.find(a.id_of(b.party));
      if (it != by_party.end()) it->second[status_name(b.status)] = it->second[status_name(b.status)].get<int>() + 1;
    }
  }
  OJson party_summary = OJson::array();
  for (Who p = 0; p < a.party_count; ++p) {
    const Entity& x = a.entities[p];
    party_summary.push_back(OJson{{"party", x.id}, {"name", x.name}, {"role", x.role}, {"by_status", by_party[x.id]}});
  }
  return OJson{{"obligations", ev.verdicts.size()}, {"by_status", by_status}, {"by_party", party_summary},
               {"violated", violated},           {"undetermined", undetermined}, {"disputed", disputed}};
}

// One obligation's entry, without its last member, "evidence".
OJson obligation_json(const Agreement& a, const Verdict& v) {
  const Obligation& o = a.obligations[v.obligation];
  OJson j;
  j["id"] = o.id;
  j["instrument"] = o.instrument;
  j["point"] = o.point;
  j["title"] = or_null(o.title);
  j["kind"] = o.kind_text;
  j["text"] = o.text;
  j["bearers"] = ids(a, o.bearers);
  j["beneficiaries"] = ids(a, o.beneficiaries);
  j["status"] = status_name(v.status);
  j["disputed"] = v.disputed;
  j["headline"] = v.headline;
  OJson bearers = OJson::array();
  for (const BearerVerdict& b : v.bearers) bearers.push_back(bearer_json(a, b));
  j["by_bearer"] = bearers;
  j["joint_breach"] = v.joint_breach ? OJson{{"events", v.joint_breach_events}} : OJson(nullptr);
  j["explanation"] = v.explanation;
  j["deadline"] = v.deadline;
  j["progress"] = v.progress;
  j["notices"] = v.notices;
  if (!v.readings.empty()) {
    OJson readings = OJson::array();
    for (const ReadingVerdict& rv : v.readings) {
      OJson rb = OJson::array();
      for (const auto& [p, s] : rv.bearers) rb.push_back(OJson{{"party", a.id_of(p)}, {"status", status_name(s)}});
      readings.push_back(OJson{{"id", rv.id}, {"label", rv.label}, {"status", status_name(rv.status)}, {"by_bearer", rb},
                               {"explanation", rv.explanation}});
    }
    j["readings"] = readings;
  } else {
    j["readings"] = nullptr;
  }
  if (o.standard.violation != a.standard.violation || o.standard.completion != a.standard.completion) {
    j["evidence_standard"] = standard_json(o.standard);
  }
  return j;
}

// The members of one evidence item, in report order, handed to `out` (TreeMembers or WriterMembers): one
// description for the report tree and for the JSON written straight from the evaluation.
template <class Members>
void evidence_members(const Agreement& a, const std::vector<Event>& events, const Evidence& e, Members& out) {
  const Event& event = events[e.event];
  out.text("event", event.id);
  out.text("role", e.role);
  if (e.bearer == kNobody) {
    out.null("bearer");
  } else {
    out.text("bearer", a.id_of(e.bearer));
  }
  out.text("note", e.note);
  out.flag("disputed", e.disputed);
  if (e.standing.empty()) {
    out.null("standing");
  } else {
    out.text("standing", e.standing);
  }
  out.text("time", event.time_text);
  out.text("type", event.type_text);
  if (!e.rule.empty()) out.text("rule", e.rule);
  if (!e.actor.empty()) out.text("actor", e.actor);
  if (!e.uncertain.empty()) out.text("uncertain", e.uncertain);
  if (e.later_knowledge) out.flag("later_knowledge", true);
}

struct TreeMembers {
  OJson& into;
  void text(const char* key, const std::string& value) { into[key] = value; }
  void null(const char* key) { into[key] = nullptr; }
  void flag(const char* key, bool value) { into[key] = value; }
};

OJson evidence_json(const Agreement& a, const std::vector<Event>& events, const Evidence& e) {
  OJson ej = OJson::object();
  TreeMembers members{ej};
  evidence_members(a, events, e, members);
  return ej;
}

// Every event accounted for: ignored ones grouped by (reason, obligation, detail), not relevant ones likewise;
// and the events cited as evidence, in report order.
struct Account {
  struct Group {
    std::string reason, obligation, detail;
    std::vector<std::uint32_t> events;  // indexes into Engine::events(), in report order
  };
  OJson reasons = OJson::object();
  std::vector<Group> ignored_groups, not_relevant_groups;
  std::vector<std::uint32_t> evidence_events;
};

Account account(const Engine& engine, const Evaluation& ev) {
  const Agreement& a = engine.agreement();
  Account out;
  const std::vector<std::uint32_t>& order = engine.in_report_order();
  for (const char* reason : kReasons) out.reasons[reason] = 0;
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, std::size_t> ignored_index, not_relevant_index;
  auto add = [&](std::vector<Account::Group>& groups, std::map<Key, std::size_t>& index, const std::string& reason,
                 std::size_t obligation, const std::string& detail, std::uint32_t event) {
    const std::string ob = obligation < a.obligations.size() ? a.obligations[obligation].id : "";
    auto key = std::make_tuple(reason, ob, detail);
    auto it = index.find(key);
    if (it == index.end()) {
      it = index.emplace(std::move(key), groups.size()).first;
      groups.push_back(Account::Group{reason, ob, detail, {}});
    }
    groups[it->second].events.push_back(event);
  };
  std::vector<std::string> counted;
  for (std::uint32_t i : order) {
    const EventAccount& acc = ev.accounts[i];
    if (acc.fate == EventAccount::Fate::kIgnored) {
      counted.clear();
      for (const Exclusion& x : acc.reasons) {
        if (std::find(counted.begin(), counted.end(), x.reason) == counted.end()) {
          counted.push_back(x.reason);
          out.reasons[x.reason] = out.reasons.value(x.reason, 0) + 1;
        }
        add(out.ignored_groups, ignored_index, x.reason, x.obligation, x.detail, i);
      }
    } else if (acc.fate == EventAccount::Fate::kNotRelevant) {
      if (acc.reasons.empty()) {
        add(out.not_relevant_groups, not_relevant_index, "not_relevant", static_cast<std::size_t>(-1),
            "no obligation concerns its type", i);
      } else {
        add(out.not_relevant_groups, not_relevant_index, "not_relevant", acc.reasons.front().obligation,
            acc.reasons.front().detail, i);
      }
    }
  }
  for (const Verdict& v : ev.verdicts) {
    for (const Evidence& e : v.evidence) out.evidence_events.push_back(e.event);
  }
  std::sort(out.evidence_events.begin(), out.evidence_events.end(),
            [&](std::uint32_t x, std::uint32_t y) { return engine.before(x, y); });
  out.evidence_events.erase(std::unique(out.evidence_events.begin(), out.evidence_events.end()), out.evidence_events.end());
  return out;
}

OJson issues_json(const ReportContext& ctx) {
  OJson issues = OJson::array();
  for (const Issue& issue : ctx.issues) issues.push_back(issue_json(issue));
  return issues;
}

// Writes JSON text exactly as nlohmann's dump(indent, ' ', false, replace) would write the same tree: `indent` < 0
// is compact. Values given as trees go through nlohmann's own serializer.
class JsonWriter {
 public:
  // `sink`, when given, takes the text written so far whenever it passes about a megabyte, and at flush().
  JsonWriter(std::string& out, int indent, const std::function<void(std::string_view)>* sink = nullptr)
      : out_(out), sink_(sink), serializer_(nlohmann::detail::output_adapter<char, std::string>(out), ' ', OJson::error_handler_t::replace),
        pretty_(indent >= 0), step_(indent >= 0 ? static_cast<unsigned>(indent) : 0) {}

  void open(char bracket) {
    out_ += bracket;
    members_.push_back(0);
  }
  void close(char bracket) {
    if (pretty_ && members_.back() > 0) newline(members_.size() - 1);
    members_.pop_back();
    out_ += bracket;
  }
  // Before a member of the innermost object.
  void key(const char* name) {
    item();
    out_ += '"';
    out_ += name;
    out_ += pretty_ ? "\": " : "\":";
  }
  // Before an element of the innermost array.
  void item() {
    if (sink_ && out_.size() >= (1u << 20)) flush();
    if (members_.back()++ > 0) out_ += ',';
    if (pretty_) newline(members_.size());
  }
  void value(const OJson& v) { serializer_.dump(v, pretty_, false, step_, static_cast<unsigned>(members_.size()) * step_); }
  void string(const std::string& s) {
    for (const char c : s) {
      const auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u >= 0x80 || c == '"' || c == '\\') {
        value(OJson(s));
        return;
      }
    }
    out_ += '"';
    out_ += s;
    out_ += '"';
  }
  // A literal written as it is: null, true or false.
  void literal(const char* text) { out_ += text; }
  void flush() {
    if (!sink_ || out_.empty()) return;
    (*sink_)(out_);
    out_.clear();
  }

 private:
  void newline(std::size_t depth) {
    out_ += '\n';
    out_.append(depth * step_, ' ');
  }

  std::string& out_;
  const std::function<void(std::string_view)>* sink_;
  nlohmann::detail::serializer<OJson> serializer_;
  bool pretty_;
  unsigned step_;
  std::vector<std::size_t> members_;
};

struct WriterMembers {
  JsonWriter& w;
  void text(const char* key, const std::string& value) {
    w.key(key);
    w.string(value);
  }
  void null(const char* key) {
    w.key(key);
    w.literal("null");
  }
  void flag(const char* key, bool value) {
    w.key(key);
    w.literal(value ? "true" : "false");
  }
};

}  // namespace

OJson build_report(const Engine& engine, const Evaluation& ev, const ReportContext& ctx) {
  const Agreement& a = engine.agreement();
  const auto& events = engine.events();
  OJson r = report_head(engine, ev, ctx);
  r["summary"] = summary_json(a, ev);
  OJson obligations = OJson::array();
  for (const Verdict& v : ev.verdicts) {
    OJson j = obligation_json(a, v);
    OJson evidence = OJson::array();
    for (const Evidence& e : v.evidence) evidence.push_back(evidence_json(a, events, e));
    j["evidence"] = evidence;
    obligations.push_back(j);
  }
  r["obligations"] = obligations;
  Account acc = account(engine, ev);
  auto groups_json = [&](const std::vector<Account::Group>& groups, bool with_reason) {
    OJson out = OJson::array();
    for (const Account::Group& g : groups) {
      OJson j = OJson::object();
      if (with_reason) j["reason"] = g.reason;
      j["obligation"] = or_null(g.obligation);
      j["detail"] = g.detail;
      OJson list = OJson::array();
      for (std::uint32_t i : g.events) list.push_back(events[i].id);
      j["events"] = list;
      out.push_back(j);
    }
    return out;
  };
  r["events"] = OJson{{"total", events.size()},
                      {"used", ev.used},
                      {"not_relevant", ev.not_relevant},
                      {"ignored", ev.ignored},
                      {"ignored_by_reason", acc.reasons},
                      {"ignored_groups", groups_json(acc.ignored_groups, true)},
                      {"not_relevant_groups", groups_json(acc.not_relevant_groups, false)}};
  if (ctx.event_details) {
    OJson details = OJson::array();
    for (std::uint32_t i : acc.evidence_events) details.push_back(event_details(a, events[i]));
    r["events"]["evidence_events"] = std::move(details);
  } else {
    r["events"]["evidence_events_omitted"] = true;
  }
  r["issues"] = issues_json(ctx);
  return r;
}

namespace {

void write_report_to(const Engine& engine, const Evaluation& ev, const ReportContext& ctx, int indent, std::string& out,
                     const std::function<void(std::string_view)>* sink) {
  const Agreement& a = engine.agreement();
  const auto& events = engine.events();
  JsonWriter w(out, indent, sink);
  w.open('{');
  const OJson head = report_head(engine, ev, ctx);
  for (auto it = head.begin(); it != head.end(); ++it) {
    w.key(it.key().c_str());
    w.value(*it);
  }
  w.key("summary");
  w.value(summary_json(a, ev));
  w.key("obligations");
  w.open('[');
  for (const Verdict& v : ev.verdicts) {
    w.item();
    w.open('{');
    const OJson entry = obligation_json(a, v);
    for (auto it = entry.begin(); it != entry.end(); ++it) {
      w.key(it.key().c_str());
      w.value(*it);
    }
    w.key("evidence");
    w.open('[');
    WriterMembers members{w};
    for (const Evidence& e : v.evidence) {
      w.item();
      w.open('{');
      evidence_members(a, events, e, members);
      w.close('}');
    }
    w.close(']');
    w.close('}');
  }
  w.close(']');
  const Account acc = account(engine, ev);
  w.key("events");
  w.open('{');
  w.key("total");
  w.value(events.size());
  w.key("used");
  w.value(ev.used);
  w.key("not_relevant");
  w.value(ev.not_relevant);
  w.key("ignored");
  w.value(ev.ignored);
  w.key("ignored_by_reason");
  w.value(acc.reasons);
  auto groups = [&](const char* name, const std::vector<Account::Group>& list, bool with_reason) {
    w.key(name);
    w.open('[');
    for (const Account::Group& g : list) {
      w.item();
      w.open('{');
      if (with_reason) {
        w.key("reason");
        w.string(g.reason);
      }
      w.key("obligation");
      if (g.obligation.empty()) {
        w.value(nullptr);
      } else {
        w.string(g.obligation);
      }
      w.key("detail");
      w.string(g.detail);
      w.key("events");
      w.open('[');
      for (std::uint32_t i : g.events) {
        w.item();
        w.string(events[i].id);
      }
      w.close(']');
      w.close('}');
    }
    w.close(']');
  };
  groups("ignored_groups", acc.ignored_groups, true);
  groups("not_relevant_groups", acc.not_relevant_groups, false);
  if (ctx.event_details) {
    w.key("evidence_events");
    w.open('[');
    for (std::uint32_t i : acc.evidence_events) {
      w.item();
      w.value(event_details(a, events[i]));
    }
    w.close(']');
  } else {
    w.key("evidence_events_omitted");
    w.value(OJson(true));
  }
  w.close('}');
  w.key("issues");
  w.value(issues_json(ctx));
  w.close('}');
  w.flush();
}

}  // namespace

std::string write_report(const Engine& engine, const Evaluation& ev, const ReportContext& ctx, int indent) {
  std::string out;
  write_report_to(engine, ev, ctx, indent, out, nullptr);
  return out;
}

void write_report(const Engine& engine, const Evaluation& ev, const ReportContext& ctx, int indent,
                  const std::function<void(std::string_view)>& sink) {
  std::string buffer;
  write_report_to(engine, ev, ctx, indent, buffer, &sink);
}

std::string render_json(const OJson& report) { return report.dump(2, ' ', false, OJson::error_handler_t::replace) + "\n"; }

}  // namespace pactcheck
