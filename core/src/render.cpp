// Plain-text and Markdown renderings of a report: what a monitor hands a reader. Both are built from the report
// JSON alone, so they can never disagree with it. Each opens with a summary a reader who has never seen the files
// understands (point, title, each bearer's status by name), then the details; each source is printed once, in a
// numbered list, and referred to by number. User text never reaches a terminal with its control characters or
// bidirectional overrides intact (they are shown escaped), and never becomes Markdown markup.
#include <algorithm>
#include <map>
#include <sstream>

#include "pactcheck/report.hpp"
#include "render_util.hpp"
#include "text.hpp"

namespace pactcheck {

using namespace render;  // the shared helpers of render_util.hpp

namespace {

// Markdown-inert: user text can never become markup, a link or HTML.
std::string md(const std::string& raw) {
  const std::string s = safe(raw);
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
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

std::string bearers_line(const OJson& o) {
  std::string out;
  for (const auto& b : o["by_bearer"]) {
    if (!out.empty()) out += "; ";
    out += str(b, "name") + ": " + words(str(b, "status")) + (b["disputed"].get<bool>() ? " (disputed)" : "");
  }
  return out;
}

}  // namespace

std::string render_text(const OJson& r) {
  const auto names = names_of(r);
  const auto index = event_index(r);
  const Sources sources(r, true);
  std::ostringstream s;
  s << "PACTCHECK COMPLIANCE REPORT\n";
  s << "Agreement:  " << safe(str(r["agreement"], "title")) << " [" << safe(str(r["agreement"], "id")) << "]\n";
  s << "As of:      " << str(r, "as_of") << " (" << str(r, "as_of_utc") << ")"
    << (r["as_of_defaulted"].get<bool>() ? ", the latest event time in the log" : "") << "\n";
  s << "Knowledge:  " << str(r["knowledge"], "text");
  if (r["knowledge"].value("later_knowledge", 0) > 0) s << " (" << r["knowledge"]["later_knowledge"].get<int>() << " used)";
  s << "\n";
  s << "Standard:   " << str(r["evidence_standard"], "text") << "\n";
  s << "Event log:  " << safe(str(r["event_log"], "title")) << (r["event_log"]["synthetic"].get<bool>() ? " (SYNTHETIC)" : "") << "\n";
  s << "Events:     " << events_line(r) << "\n";
  if (!r["excluded"].empty()) s << "What-if:    excluding " << safe(id_list(r["excluded"])) << "\n";
  s << "Inputs:     " << str(r, "input_digest") << "\n";
  if (r["agreement"]["text_note"].is_string()) s << "Note:       " << safe(str(r["agreement"], "text_note")) << "\n";
  s << "\nSUMMARY\n";
  std::size_t title_width = 10;
  for (const auto& o : r["obligations"]) title_width = std::max(title_width, std::min<std::size_t>(safe(title_of(o)).size(), 50));
  s << "  " << pad("Point", 7) << pad("Obligation", title_width + 1) << pad("Status", 14) << "By bearer\n";
  for (const auto& o : r["obligations"]) {
    s << "  " << pad(safe(str(o, "point")), 7) << pad(safe(title_of(o)), title_width + 1)
      << pad(words(str(o, "status")) + (o["disputed"].get<bool>() ? "*" : ""), 14) << safe(bearers_line(o)) << "\n";
  }
  if (!r["summary"]["disputed"].empty()) s << "  (* the violation rests only on allegations the accused side denies)\n";
  s << "\nBY PARTY\n";
  for (const auto& p : r["summary"]["by_party"]) {
    if (counts_line(p["by_status"]) != "none") s << "  " << safe(str(p, "name")) << ": " << counts_line(p["by_status"]) << "\n";
  }
  s << "\nOBLIGATIONS\n";
  for (const auto& o : r["obligations"]) {
    s << "\n" << (str(o, "title").empty() ? "" : safe(str(o, "title")) + " ") << "[" << safe(str(o, "id")) << "], point " << safe(str(o, "point")) << " of "
      << safe(str(o, "instrument")) << " (" << str(o, "kind") << "): " << upper(str(o, "status"))
      << (o["disputed"].get<bool>() ? " (DISPUTED)" : "") << "\n";
    s << "  Clause:   " << safe(str(o, "text")) << "\n";
    s << "  In short: " << safe(str(o, "headline")) << "\n";
    s << "  Verdict:  " << safe(str(o, "explanation")) << "\n";
    const std::string deadline = deadline_text(o["deadline"]);
    if (!deadline.empty()) s << "  Deadline: " << safe(deadline) << "\n";
    const std::string notices = notices_text(o["notices"]);
    if (!notices.empty()) s << "  Notices:  " << safe(notices) << "\n";
    if (o.contains("evidence_standard")) s << "  Standard: " << str(o["evidence_standard"], "text") << "\n";
    for (const auto& b : o["by_bearer"]) {
      if (b["history"].size() <= 1 && str(b, "why").empty() && !b.contains("progress")) continue;
      s << "  " << safe(str(b, "name")) << ": " << words(str(b, "status"));
      if (b.contains("progress")) s << ", " << b["progress"]["done"].dump() << " of " << b["progress"]["of"].dump();
      if (!str(b, "why").empty()) s << "; " << safe(str(b, "why"));
      if (b["history"].size() > 1) {
        s << "; history:";
        for (const auto& h : b["history"]) s << " " << str(h, "at").substr(0, 10) << " " << words(str(h, "status")) << (h["event"].is_string() ? " (" + safe(str(h, "event")) + ")" : "");
      }
      s << "\n";
    }
    if (o["evidence"].empty()) continue;
    s << "  Evidence:\n";
    std::string previous;
    const std::size_t listed = listed_evidence_entries(o);
    for (std::size_t i = 0; i < listed; ++i) {
      const OJson& e = o["evidence"][i];
      const bool new_event = str(e, "event") != previous;
      previous = str(e, "event");
      const OJson& d = *index.at(str(e, "event"));
      if (new_event) {  // one header per event, then one line per role it plays
        s << "    " << safe(str(e, "event")) << "  " << safe(str(d, "time")) << " (" << str(d, "precision") << ")  " << safe(str(d, "type"));
        const std::string where = where_text(d);
        if (!where.empty()) s << "  " << safe(where);
        const std::string refs = sources.refs(d);
        if (!refs.empty()) s << "  " << refs;
        s << "\n";
        const std::string q = quantities_text(d, names);
        if (!q.empty()) s << "      Quantities: " << safe(q) << "\n";
      }
      s << "      " << safe(evidence_role(e, names)) << ": " << safe(str(e, "note"));
      if (e.contains("uncertain")) s << " [open: " << safe(str(e, "uncertain")) << "]";
      if (e.value("later_knowledge", false)) s << " [later knowledge]";
      s << "\n";
    }
    const std::string rest = evidence_rest(o, listed);
    if (!rest.empty()) s << "    " << rest << "\n";
  }
  const OJson& ev = r["events"];
  if (!ev["ignored_groups"].empty()) {
    s << "\nIGNORED EVENTS\n";
    for (const auto& g : ev["ignored_groups"]) {
      s << "  " << words(str(g, "reason")) << (g["obligation"].is_string() ? " (" + safe(str(g, "obligation")) + ")" : "") << ", "
        << g["events"].size() << ": " << safe(id_list(g["events"])) << "\n      " << safe(str(g, "detail")) << "\n";
    }
  }
  if (!ev["not_relevant_groups"].empty()) {
    s << "\nNOT RELEVANT\n";
    for (const auto& g : ev["not_relevant_groups"]) {
      s << "  " << (g["obligation"].is_string() ? safe(str(g, "obligation")) + ": " : "") << safe(str(g, "detail")) << ", "
        << g["events"].size() << ": " << safe(id_list(g["events"])) << "\n";
    }
  }
  if (!sources.list().empty()) {
    s << "\nSOURCES\n";
    std::size_t n = 0;
    for (const OJson* src : sources.list()) {
      s << "  [" << ++n << "] " << safe(str(*src, "title"));
      if (!str(*src, "publisher").empty()) s << ", " << safe(str(*src, "publisher"));
      if (!str(*src, "date").empty()) s << ", " << safe(str(*src, "date"));
      if (!str(*src, "url").empty()) s << " <" << safe(str(*src, "url")) << ">";
      s << "\n";
    }
  }
  if (!r["issues"].empty()) {
    s << "\nISSUES\n";
    for (const auto& i : r["issues"]) {
      s << "  " << str(i, "severity") << ": " << safe(str(i, "file"));
      if (i.contains("line")) s << ":" << i["line"].dump() << ":" << i["column"].dump();
      if (!str(i, "pointer").empty()) s << "#" << safe(str(i, "pointer"));
      s << ": " << safe(str(i, "message")) << "\n";
    }
  }
  return s.str();
}

std::string render_markdown(const OJson& r) {
  const auto names = names_of(r);
  const auto index = event_index(r);
  const Sources sources(r, true);
  std::ostringstream s;
  s << "# Compliance report: " << md(str(r["agreement"], "title")) << "\n\n";
  s << "- **As of:** " << md(str(r, "as_of")) << " (" << md(str(r, "as_of_utc")) << ")"
    << (r["as_of_defaulted"].get<bool>() ? ", the latest event time in the log" : "") << "\n";
  s << "- **Knowledge:** " << md(str(r["knowledge"], "text")) << "\n";
  s << "- **Evidence standard:** " << md(str(r["evidence_standard"], "text")) << "\n";
  s << "- **Event log:** " << md(str(r["event_log"], "title")) << (r["event_log"]["synthetic"].get<bool>() ? " (synthetic)" : "") << "\n";
  s << "- **Events:** " << md(events_line(r)) << "\n";
  if (!r["excluded"].empty()) s << "- **What-if:** excluding " << md(id_list(r["excluded"])) << "\n";
  s << "- **Input digest:** `" << str(r, "input_digest") << "`\n";
  if (r["agreement"]["text_note"].is_string()) s << "- **Note:** " << md(str(r["agreement"], "text_note")) << "\n";
  s << "\n## Summary\n\n| Point | Obligation | Status | By bearer |\n|---|---|---|---|\n";
  for (const auto& o : r["obligations"]) {
    s << "| " << md(str(o, "point")) << " | " << md(title_of(o)) << " | **" << md(words(str(o, "status"))) << "**"
      << (o["disputed"].get<bool>() ? " (disputed)" : "") << " | " << md(bearers_line(o)) << " |\n";
  }
  s << "\n## By party\n\n| Party | Statuses |\n|---|---|\n";
  for (const auto& p : r["summary"]["by_party"]) {
    if (counts_line(p["by_status"]) != "none") s << "| " << md(str(p, "name")) << " | " << md(counts_line(p["by_status"])) << " |\n";
  }
  s << "\n## Obligations\n";
  for (const auto& o : r["obligations"]) {
    s << "\n### " << md(title_of(o)) << ": " << md(words(str(o, "status"))) << (o["disputed"].get<bool>() ? " (disputed)" : "") << "\n\n";
    s << "`" << str(o, "id") << "`, point " << md(str(o, "point")) << " of " << md(str(o, "instrument")) << " (" << md(str(o, "kind")) << ").\n\n";
    s << "> " << md(str(o, "text")) << "\n\n";
    s << "**In short:** " << md(str(o, "headline")) << "\n\n";
    s << "**Why:** " << md(str(o, "explanation")) << "\n";
    const std::string deadline = deadline_text(o["deadline"]);
    if (!deadline.empty()) s << "\n**Deadline:** " << md(deadline) << "\n";
    const std::string notices = notices_text(o["notices"]);
    if (!notices.empty()) s << "\n**Notices:** " << md(notices) << "\n";
    for (const auto& b : o["by_bearer"]) {
      if (b["history"].size() <= 1 && str(b, "why").empty() && !b.contains("progress")) continue;
      s << "\n- **" << md(str(b, "name")) << ":** " << md(words(str(b, "status")));
      if (b.contains("progress")) s << ", " << b["progress"]["done"].dump() << " of " << b["progress"]["of"].dump();
      if (!str(b, "why").empty()) s << "; " << md(str(b, "why"));
      if (b["history"].size() > 1) {
        s << "; history:";
        for (const auto& h : b["history"]) s << " " << md(str(h, "at").substr(0, 10)) << " " << md(words(str(h, "status")));
      }
      s << "\n";
    }
    if (o["evidence"].empty()) continue;
    s << "\n| Event | Time | Type | Place | Role | Note | Sources |\n|---|---|---|---|---|---|---|\n";
    const std::size_t listed = listed_evidence_entries(o);
    for (std::size_t i = 0; i < listed; ++i) {
      const OJson& e = o["evidence"][i];
      const OJson& d = *index.at(str(e, "event"));
      std::string note = str(e, "note");
      const std::string q = quantities_text(d, names);
      if (!q.empty()) note += " (" + q + ")";
      if (e.contains("uncertain")) note += " [open: " + str(e, "uncertain") + "]";
      if (e.value("later_knowledge", false)) note += " [later knowledge]";
      s << "| " << md(str(e, "event")) << " | " << md(str(d, "time")) << " (" << md(str(d, "precision")) << ") | " << md(str(d, "type"))
        << " | " << md(where_text(d)) << " | " << md(evidence_role(e, names)) << (e["disputed"].get<bool>() ? ", disputed" : "")
        << " | " << md(note) << " | " << md(sources.refs(d)) << " |\n";
    }
    const std::string rest = evidence_rest(o, listed);
    if (!rest.empty()) s << "\n" << md(rest) << "\n";
  }
  const OJson& ev = r["events"];
  if (!ev["ignored_groups"].empty()) {
    s << "\n## Ignored events\n\n| Reason | Obligation | Events | Detail |\n|---|---|---|---|\n";
    for (const auto& g : ev["ignored_groups"]) {
      s << "| " << md(words(str(g, "reason"))) << " | " << md(str(g, "obligation")) << " | " << md(id_list(g["events"])) << " | "
        << md(str(g, "detail")) << " |\n";
    }
  }
  if (!ev["not_relevant_groups"].empty()) {
    s << "\n## Not relevant\n\n| Obligation | Events | Why |\n|---|---|---|\n";
    for (const auto& g : ev["not_relevant_groups"]) {
      s << "| " << md(str(g, "obligation")) << " | " << md(id_list(g["events"])) << " | " << md(str(g, "detail")) << " |\n";
    }
  }
  if (!sources.list().empty()) {
    s << "\n## Sources\n\n";
    std::size_t n = 0;
    for (const OJson* src : sources.list()) {
      s << ++n << ". " << md(str(*src, "title"));
      if (!str(*src, "publisher").empty()) s << ", " << md(str(*src, "publisher"));
      if (!str(*src, "date").empty()) s << ", " << md(str(*src, "date"));
      const std::string url = str(*src, "url");
      if (is_web_url(url)) s << " <" << url << ">";
      s << "\n";
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

const std::vector<std::string>& report_formats() {
  static const std::vector<std::string> formats{"json", "text", "markdown", "html", "csv", "junit", "geojson"};
  return formats;
}

std::string report_formats_text() {
  const auto& formats = report_formats();
  return join_names(formats, " or ");
}

bool is_report_format(const std::string& format) {
  return std::find(report_formats().begin(), report_formats().end(), format) != report_formats().end();
}

std::string render_report(const OJson& report, const std::string& format) {
  if (format == "text") return render_text(report);
  if (format == "markdown") return render_markdown(report);
  if (format == "html") return render_html(report);
  if (format == "csv") return render_csv(report);
  if (format == "junit") return render_junit(report);
  if (format == "geojson") return render_geojson(report);
  return render_json(report);
}

}  // namespace pactcheck
