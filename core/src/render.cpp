// Plain-text and Markdown renderings of a report: what a monitor would hand a reader. Both are built from
// the report JSON alone, so they can never disagree with it.
#include <map>
#include <sstream>

#include "pactcheck/report.hpp"

namespace pactcheck {
namespace {

using OJson = nlohmann::ordered_json;

std::string str(const OJson& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c == '_') c = ' ';
  }
  return s;
}

std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

// Markdown-inert: user text can never become markup, a link or HTML.
std::string md(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '\n': case '\r': out += ' '; break;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>': case '|': case '~': case '#':
      case '!':
        out += '\\';
        out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

bool is_web_url(const std::string& url) {
  return (url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0) &&
         url.find_first_of(" <>\"'`\n\r\t") == std::string::npos;
}

std::map<std::string, std::string> party_names(const OJson& r) {
  std::map<std::string, std::string> names;
  for (const auto& p : r["summary"]["by_party"]) names[str(p, "party")] = str(p, "name");
  return names;
}

std::map<std::string, const OJson*> event_index(const OJson& r) {
  std::map<std::string, const OJson*> index;
  for (const auto& e : r["events"]["evidence_events"]) index[str(e, "id")] = &e;
  return index;
}

std::string counts_line(const OJson& counts) {
  std::string out;
  for (auto it = counts.begin(); it != counts.end(); ++it) {
    if (it->get<int>() == 0) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(it->get<int>()) + " " + it.key();
  }
  return out.empty() ? "none" : out;
}

std::string events_line(const OJson& r) {
  const OJson& e = r["events"];
  std::string out = std::to_string(e["total"].get<long long>()) + " in the log: " + std::to_string(e["used"].get<long long>()) +
                    " used as evidence, " + std::to_string(e["irrelevant"].get<long long>()) +
                    " considered and not relevant, " + std::to_string(e["ignored"].get<long long>()) + " ignored";
  const std::string reasons = counts_line(e["ignored_by_reason"]);
  if (e["ignored"].get<long long>() > 0) out += " (" + reasons + ")";
  return out;
}

std::string bearers_line(const OJson& o, const std::map<std::string, std::string>& /*names*/) {
  std::string out;
  for (const auto& b : o["by_bearer"]) {
    if (!out.empty()) out += ", ";
    out += str(b, "party") + " " + str(b, "status") + (b["disputed"].get<bool>() ? "*" : "");
  }
  return out;
}

std::string where_text(const OJson& e) {
  const auto it = e.find("where");
  if (it == e.end()) return "";
  std::string out = str(*it, "name");
  if (it->contains("lat")) {
    std::ostringstream s;
    s << " (" << (*it)["lat"].dump() << ", " << (*it)["lon"].dump() << (it->value("approximate", false) ? ", approx." : "") << ")";
    out += s.str();
  }
  return out;
}

std::string quantities_text(const OJson& e) {
  const auto it = e.find("quantities");
  if (it == e.end()) return "";
  std::string out;
  for (const auto& q : *it) {
    if (!out.empty()) out += "; ";
    out += q["value"].dump() + " " + str(q, "category");
    if (q.contains("from") || q.contains("to")) out += " (" + str(q, "from") + " -> " + str(q, "to") + ")";
    if (str(q, "basis") != "increment") out += " [" + str(q, "basis") + "]";
  }
  return out;
}

std::string deadline_text(const OJson& d) {
  if (d.is_null()) return "";
  std::string out = str(d, "deadline");
  if (d.contains("rule")) out += " (" + str(d, "rule") + ")";
  if (d.contains("due_before") && d["due_before"].is_string()) out += ", due before " + d["due_before"].get<std::string>();
  if (d.contains("due_by")) out += ", due by " + str(d, "due_by");
  if (d.contains("history") && d["history"].size() > 1) {
    out += "; history: ";
    bool first = true;
    for (const auto& h : d["history"]) {
      out += (first ? "" : " -> ") + str(h, "deadline") + " (" + str(h, "set_by") +
             (h.contains("announced") ? ", announced " + str(h, "announced") : "") + ")";
      first = false;
    }
  }
  if (d.contains("against_original")) out += "; against the original deadline: " + str(d, "against_original");
  return out;
}

}  // namespace

std::string render_text(const OJson& r) {
  const auto names = party_names(r);
  const auto index = event_index(r);
  std::ostringstream s;
  s << "PACTCHECK COMPLIANCE REPORT\n";
  s << "Agreement:  " << str(r["agreement"], "title") << " [" << str(r["agreement"], "id") << "]\n";
  s << "As of:      " << str(r, "as_of") << " (" << str(r, "as_of_utc") << ")"
    << (r["as_of_defaulted"].get<bool>() ? ", the latest event time in the log" : "") << "\n";
  s << "Event log:  " << str(r["event_log"], "title") << (r["event_log"]["synthetic"].get<bool>() ? " (SYNTHETIC)" : "") << "\n";
  s << "Events:     " << events_line(r) << "\n";
  if (!r["excluded"].empty()) {
    std::string ex;
    for (const auto& id : r["excluded"]) ex += (ex.empty() ? "" : ", ") + id.get<std::string>();
    s << "What-if:    excluding " << ex << "\n";
  }
  s << "Inputs:     " << str(r, "input_digest") << "\n";
  if (r["agreement"]["text_note"].is_string()) s << "Note:       " << str(r["agreement"], "text_note") << "\n";
  s << "\nSTATUS\n";
  s << "  " << pad("Obligation", 22) << pad("Point", 7) << pad("Status", 15) << "By bearer\n";
  for (const auto& o : r["obligations"]) {
    s << "  " << pad(str(o, "id"), 22) << pad(str(o, "point"), 7)
      << pad(str(o, "status") + (o["disputed"].get<bool>() ? "*" : ""), 15) << bearers_line(o, names) << "\n";
  }
  if (!r["summary"]["disputed"].empty()) s << "  (* the verdict rests only on allegations the accused side denies)\n";
  s << "\nBY PARTY\n";
  for (const auto& p : r["summary"]["by_party"]) {
    s << "  " << str(p, "name") << " (" << str(p, "party") << "): " << counts_line(p["by_status"]) << "\n";
  }
  s << "\nOBLIGATIONS\n";
  for (const auto& o : r["obligations"]) {
    s << "\n" << str(o, "id") << " (point " << str(o, "point") << ", " << str(o, "instrument") << ", " << str(o, "kind")
      << "): " << upper(str(o, "status")) << (o["disputed"].get<bool>() ? " (DISPUTED)" : "") << "\n";
    s << "  Clause:   " << str(o, "text") << "\n";
    s << "  Verdict:  " << str(o, "explanation") << "\n";
    const std::string deadline = deadline_text(o["deadline"]);
    if (!deadline.empty()) s << "  Deadline: " << deadline << "\n";
    if (o["evidence"].empty()) continue;
    s << "  Evidence:\n";
    for (const auto& e : o["evidence"]) {
      const OJson& d = *index.at(str(e, "event"));
      s << "    " << str(e, "event") << "  " << str(d, "time") << " (" << str(d, "precision") << ")  " << str(d, "type");
      const std::string where = where_text(d);
      if (!where.empty()) s << "  " << where;
      s << "\n      " << str(e, "role") << (e["bearer"].is_string() ? " by " + str(e, "bearer") : "") << ": " << str(e, "note")
        << (e["disputed"].get<bool>() ? " [disputed]" : "") << "\n";
      const std::string q = quantities_text(d);
      if (!q.empty()) s << "      Quantities: " << q << "\n";
      for (const auto& src : d["sources"]) {
        s << "      Source: " << str(src, "title");
        if (src.contains("url")) s << " <" << str(src, "url") << ">";
        s << "\n";
      }
    }
  }
  if (!r["events"]["ignored_events"].empty()) {
    s << "\nIGNORED EVENTS\n";
    for (const auto& e : r["events"]["ignored_events"]) {
      s << "  " << str(e, "event") << "  " << str(e, "time") << "  " << str(e, "type") << ": " << str(e, "reason");
      if (!str(e, "detail").empty()) s << " (" << str(e, "detail") << ")";
      s << "\n";
    }
  }
  if (!r["issues"].empty()) {
    s << "\nISSUES\n";
    for (const auto& i : r["issues"]) {
      s << "  " << str(i, "severity") << ": " << str(i, "file");
      if (i.contains("line")) s << ":" << i["line"].dump() << ":" << i["column"].dump();
      if (!str(i, "pointer").empty()) s << "#" << str(i, "pointer");
      s << ": " << str(i, "message") << "\n";
    }
  }
  return s.str();
}

std::string render_markdown(const OJson& r) {
  const auto names = party_names(r);
  const auto index = event_index(r);
  std::ostringstream s;
  s << "# Compliance report: " << md(str(r["agreement"], "title")) << "\n\n";
  s << "- **As of:** " << md(str(r, "as_of")) << " (" << md(str(r, "as_of_utc")) << ")"
    << (r["as_of_defaulted"].get<bool>() ? ", the latest event time in the log" : "") << "\n";
  s << "- **Event log:** " << md(str(r["event_log"], "title")) << (r["event_log"]["synthetic"].get<bool>() ? " (synthetic)" : "") << "\n";
  s << "- **Events:** " << md(events_line(r)) << "\n";
  if (!r["excluded"].empty()) {
    std::string ex;
    for (const auto& id : r["excluded"]) ex += (ex.empty() ? "" : ", ") + id.get<std::string>();
    s << "- **What-if:** excluding " << md(ex) << "\n";
  }
  s << "- **Input digest:** `" << str(r, "input_digest") << "`\n";
  if (r["agreement"]["text_note"].is_string()) s << "- **Note:** " << md(str(r["agreement"], "text_note")) << "\n";
  s << "\n## Status\n\n| Obligation | Point | Status | By bearer |\n|---|---|---|---|\n";
  for (const auto& o : r["obligations"]) {
    s << "| " << md(str(o, "id")) << " | " << md(str(o, "point")) << " | **" << md(str(o, "status")) << "**"
      << (o["disputed"].get<bool>() ? " (disputed)" : "") << " | " << md(bearers_line(o, names)) << " |\n";
  }
  s << "\n## By party\n\n| Party | Statuses |\n|---|---|\n";
  for (const auto& p : r["summary"]["by_party"]) {
    s << "| " << md(str(p, "name")) << " (" << md(str(p, "party")) << ") | " << md(counts_line(p["by_status"])) << " |\n";
  }
  s << "\n## Obligations\n";
  for (const auto& o : r["obligations"]) {
    s << "\n### " << md(str(o, "id")) << ": " << md(str(o, "status")) << (o["disputed"].get<bool>() ? " (disputed)" : "") << "\n\n";
    s << "Point " << md(str(o, "point")) << " of " << md(str(o, "instrument")) << " (" << md(str(o, "kind")) << ").\n\n";
    s << "> " << md(str(o, "text")) << "\n\n";
    s << "**Why:** " << md(str(o, "explanation")) << "\n";
    const std::string deadline = deadline_text(o["deadline"]);
    if (!deadline.empty()) s << "\n**Deadline:** " << md(deadline) << "\n";
    if (o["evidence"].empty()) continue;
    s << "\n| Event | Time | Type | Place | Role | Note | Sources |\n|---|---|---|---|---|---|---|\n";
    for (const auto& e : o["evidence"]) {
      const OJson& d = *index.at(str(e, "event"));
      std::string sources;
      for (const auto& src : d["sources"]) {
        if (!sources.empty()) sources += "; ";
        sources += md(str(src, "title"));
        const std::string url = str(src, "url");
        if (is_web_url(url)) sources += " <" + url + ">";
      }
      std::string note = str(e, "note");
      const std::string q = quantities_text(d);
      if (!q.empty()) note += " (" + q + ")";
      s << "| " << md(str(e, "event")) << " | " << md(str(d, "time")) << " (" << md(str(d, "precision")) << ") | "
        << md(str(d, "type")) << " | " << md(where_text(d)) << " | " << md(str(e, "role"))
        << (e["bearer"].is_string() ? " (" + md(str(e, "bearer")) + ")" : "") << (e["disputed"].get<bool>() ? ", disputed" : "")
        << " | " << md(note) << " | " << sources << " |\n";
    }
  }
  if (!r["events"]["ignored_events"].empty()) {
    s << "\n## Ignored events\n\n| Event | Time | Type | Reason | Detail |\n|---|---|---|---|---|\n";
    for (const auto& e : r["events"]["ignored_events"]) {
      s << "| " << md(str(e, "event")) << " | " << md(str(e, "time")) << " | " << md(str(e, "type")) << " | "
        << md(str(e, "reason")) << " | " << md(str(e, "detail")) << " |\n";
    }
  }
  if (!r["issues"].empty()) {
    s << "\n## Issues\n\n";
    for (const auto& i : r["issues"]) {
      s << "- " << md(str(i, "severity")) << ": " << md(str(i, "file"));
      if (i.contains("line")) s << " at line " << i["line"].dump() << ", column " << i["column"].dump();
      if (!str(i, "pointer").empty()) s << " at " << md(str(i, "pointer"));
      s << ": " << md(str(i, "message")) << "\n";
    }
  }
  return s.str();
}

}  // namespace pactcheck
