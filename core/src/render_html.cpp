// The HTML rendering of a report: one self-contained, printable page. No script and no external resource (no
// fonts, images or style sheets): an inline <style> only, under a Content-Security-Policy that forbids script
// and every load. Every string from the inputs goes through markup() (render_util.hpp): control and
// bidirectional characters shown escaped, then & < > " ' as character references, so it stays inert text in
// element content and quoted attributes alike. Links are written only for http(s) source URLs.
#include <sstream>

#include "pactcheck/report.hpp"
#include "render_util.hpp"

namespace pactcheck {

using namespace render;  // the shared helpers of render_util.hpp

namespace {

constexpr const char* kStyle = R"css(
:root { color-scheme: light; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1b1b;
       background: #fff; margin: 0 auto; max-width: 70rem; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .75rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #bbb; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .4rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid #c8c8c8; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
blockquote { margin: .5rem 0; padding: .4rem .8rem; border-left: 4px solid #999; background: #f7f7f7; }
ul.bearers { margin: 0; padding-left: 1.1rem; }
.status { font-weight: 700; white-space: nowrap; }
.status-violated { color: #a40000; }
.status-undetermined, .status-suspended { color: #7a5200; }
.status-pending, .status-not_triggered { color: #3d4f7a; }
.status-complied, .status-complied_late, .status-cured, .status-ended { color: #1d6b2a; }
.obligation { border-top: 1px solid #ddd; margin-top: 1.5rem; }
.meta, .hint { color: #555; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .9em; }
footer { margin-top: 2rem; color: #555; font-size: .85rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  .obligation { break-inside: avoid-page; }
  table, tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
)css";

std::string esc(const std::string& s) { return markup(s); }

std::string status_span(const std::string& status, bool disputed) {
  return "<span class=\"status status-" + esc(status) + "\">" + esc(words(status)) + "</span>" + (disputed ? " (disputed)" : "");
}

std::string name_of(const std::map<std::string, std::string>& names, const std::string& id) {
  const auto it = names.find(id);
  return it == names.end() ? id : it->second;
}

// Source references as links to the numbered list at the end: "[1], [3]".
std::string source_links(const Sources& sources, const OJson& event) {
  std::string out;
  for (std::size_t n : sources.numbers(event)) {
    out += (out.empty() ? "" : ", ") + std::string("<a href=\"#source-") + std::to_string(n) + "\">[" + std::to_string(n) + "]</a>";
  }
  return out;
}

void fact(std::ostringstream& s, const char* label, const std::string& value_html) {
  s << "<dt>" << label << "</dt><dd>" << value_html << "</dd>\n";
}

}  // namespace

std::string render_html(const OJson& r) {
  const auto names = names_of(r);
  const auto index = event_index(r);
  const Sources sources(r);
  const OJson& agreement = member(r, "agreement");
  const OJson& obligations = items(r, "obligations");
  const std::string title = str(agreement, "title").empty() ? str(agreement, "id") : str(agreement, "title");
  std::ostringstream s;
  s << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    << "<meta name=\"generator\" content=\"" << esc(str(r, "generator")) << "\">\n"
    << "<title>Compliance report: " << esc(title) << " as of " << esc(str(r, "as_of")) << "</title>\n"
    << "<style>" << kStyle << "</style>\n</head>\n<body>\n";

  s << "<header>\n<h1>Compliance report: " << esc(title) << "</h1>\n<dl class=\"facts\">\n";
  fact(s, "Agreement", esc(str(agreement, "title")) + " <code>" + esc(str(agreement, "id")) + "</code>");
  fact(s, "As of", esc(str(r, "as_of")) + " (" + esc(str(r, "as_of_utc")) + ")" +
                       (flag(r, "as_of_defaulted") ? ", the latest event time in the log" : ""));
  const OJson& knowledge = member(r, "knowledge");
  fact(s, "Knowledge", esc(str(knowledge, "text")) +
                           (integer(knowledge, "later_knowledge") > 0 ? " (" + std::to_string(integer(knowledge, "later_knowledge")) + " used)" : ""));
  fact(s, "Evidence standard", esc(str(member(r, "evidence_standard"), "text")));
  const OJson& log = member(r, "event_log");
  fact(s, "Event log", esc(str(log, "title")) + (flag(log, "synthetic") ? " <strong>(SYNTHETIC)</strong>" : ""));
  if (member(member(r, "events"), "total").is_number()) fact(s, "Events", esc(events_line(r)));
  if (!items(r, "excluded").empty()) fact(s, "What-if", "excluding " + esc(id_list(items(r, "excluded"))));
  fact(s, "Input digest", "<code>" + esc(str(r, "input_digest")) + "</code>");
  if (member(agreement, "text_note").is_string()) fact(s, "Note", esc(str(agreement, "text_note")));
  s << "</dl>\n</header>\n";

  // The status table: what a reader who has never seen the files needs first.
  s << "<section>\n<h2>Summary</h2>\n<table class=\"summary\">\n<thead><tr><th>Point</th><th>Obligation</th><th>Status</th>"
       "<th>By bearer</th></tr></thead>\n<tbody>\n";
  std::size_t n = 0;
  for (const auto& o : obligations) {
    ++n;
    s << "<tr><td>" << esc(str(o, "point")) << "</td><td><a href=\"#obligation-" << n << "\">" << esc(title_of(o)) << "</a></td><td>"
      << status_span(str(o, "status"), flag(o, "disputed")) << "</td><td><ul class=\"bearers\">";
    for (const auto& b : items(o, "by_bearer")) {
      s << "<li>" << esc(str(b, "name")) << ": " << status_span(str(b, "status"), flag(b, "disputed")) << "</li>";
    }
    s << "</ul></td></tr>\n";
  }
  s << "</tbody>\n</table>\n";
  if (!items(member(r, "summary"), "disputed").empty()) {
    s << "<p class=\"hint\">(disputed: the violation rests only on allegations the accused side denies)</p>\n";
  }
  s << "</section>\n";

  const OJson& by_party = items(member(r, "summary"), "by_party");
  if (!by_party.empty()) {
    s << "<section>\n<h2>By party</h2>\n<table>\n<thead><tr><th>Party</th><th>Statuses</th></tr></thead>\n<tbody>\n";
    for (const auto& p : by_party) {
      const OJson& counts = member(p, "by_status");
      if (!counts.is_object() || counts_line(counts) == "none") continue;
      s << "<tr><td>" << esc(str(p, "name")) << "</td><td>" << esc(counts_line(counts)) << "</td></tr>\n";
    }
    s << "</tbody>\n</table>\n</section>\n";
  }

  s << "<section>\n<h2>Obligations</h2>\n";
  n = 0;
  for (const auto& o : obligations) {
    ++n;
    s << "<section class=\"obligation\" id=\"obligation-" << n << "\">\n<h3>" << esc(title_of(o)) << ": "
      << status_span(str(o, "status"), flag(o, "disputed")) << "</h3>\n";
    s << "<p class=\"meta\"><code>" << esc(str(o, "id")) << "</code>, point " << esc(str(o, "point")) << " of "
      << esc(str(o, "instrument")) << " (" << esc(str(o, "kind")) << ")</p>\n";
    s << "<blockquote>" << esc(str(o, "text")) << "</blockquote>\n";
    s << "<p><strong>In short:</strong> " << esc(str(o, "headline")) << "</p>\n";
    s << "<p><strong>Verdict:</strong> " << esc(str(o, "explanation")) << "</p>\n";
    const std::string deadline = deadline_text(member(o, "deadline"));
    if (!deadline.empty()) s << "<p><strong>Deadline:</strong> " << esc(deadline) << "</p>\n";
    const std::string notices = notices_text(member(o, "notices"));
    if (!notices.empty()) s << "<p><strong>Notices:</strong> " << esc(notices) << "</p>\n";
    if (member(o, "evidence_standard").is_object()) {
      s << "<p><strong>Evidence standard:</strong> " << esc(str(member(o, "evidence_standard"), "text")) << "</p>\n";
    }
    s << "<ul class=\"bearers\">\n";
    for (const auto& b : items(o, "by_bearer")) {
      s << "<li><strong>" << esc(str(b, "name")) << "</strong>: " << status_span(str(b, "status"), flag(b, "disputed"));
      const OJson& progress = member(b, "progress");
      if (progress.is_object()) s << ", " << esc(number_text(progress, "done")) << " of " << esc(number_text(progress, "of"));
      if (!str(b, "why").empty()) s << "; " << esc(str(b, "why"));
      const OJson& history = items(b, "history");
      if (history.size() > 1) {
        s << "; history:";
        for (const auto& h : history) {
          s << " " << esc(str(h, "at").substr(0, 10)) << " " << esc(words(str(h, "status")))
            << (member(h, "event").is_string() ? " (" + esc(str(h, "event")) + ")" : "");
        }
      }
      s << "</li>\n";
    }
    s << "</ul>\n";
    const OJson& evidence = items(o, "evidence");
    if (evidence.empty()) {
      s << "<p class=\"hint\">No event is evidence for this obligation.</p>\n</section>\n";
      continue;
    }
    s << "<table class=\"evidence\">\n<thead><tr><th>Event</th><th>Time</th><th>Type</th><th>Place</th><th>Role</th><th>Note</th>"
         "<th>Sources</th></tr></thead>\n<tbody>\n";
    for (const auto& e : evidence) {
      const auto it = index.find(str(e, "event"));
      const OJson& d = it == index.end() ? nothing() : *it->second;
      std::string note = str(e, "note");
      const std::string q = d.is_object() ? quantities_text(d, names) : std::string();
      if (!q.empty()) note += " (" + q + ")";
      if (member(e, "uncertain").is_string()) note += " [open: " + str(e, "uncertain") + "]";
      if (flag(e, "later_knowledge")) note += " [later knowledge]";
      s << "<tr><td>" << esc(str(e, "event")) << "</td><td>" << esc(str(e, "time"))
        << (d.is_object() ? " (" + esc(str(d, "precision")) + ")" : "") << "</td><td>" << esc(str(e, "type")) << "</td><td>"
        << (d.is_object() ? esc(where_text(d)) : "") << "</td><td>" << esc(evidence_role(e, names))
        << (flag(e, "disputed") ? ", disputed" : "") << "</td><td>" << esc(note) << "</td><td>"
        << (d.is_object() ? source_links(sources, d) : "") << "</td></tr>\n";
    }
    s << "</tbody>\n</table>\n</section>\n";
  }
  s << "</section>\n";

  // The timeline: every evidence event in the report's (chronological) order, with what it is evidence for.
  const OJson& events = items(member(r, "events"), "evidence_events");
  if (!events.empty()) {
    std::map<std::string, std::vector<std::string>> uses;
    for (const auto& o : obligations) {
      for (const auto& e : items(o, "evidence")) {
        std::string use = title_of(o) + ": " + evidence_role(e, names);
        uses[str(e, "event")].push_back(use);
      }
    }
    s << "<section>\n<h2>Timeline</h2>\n<p class=\"hint\">The events used as evidence, in chronological order.</p>\n"
         "<table class=\"timeline\">\n<thead><tr><th>Time</th><th>Event</th><th>Type</th><th>Place</th><th>Actors</th>"
         "<th>Evidence for</th><th>Sources</th></tr></thead>\n<tbody>\n";
    for (const auto& d : events) {
      std::string actors;
      for (const auto& a : items(d, "actors")) {
        std::string who = str(a, "name");
        if (member(a, "party").is_string()) who += " (" + name_of(names, str(a, "party")) + ")";
        actors += (actors.empty() ? "" : "; ") + who;
      }
      s << "<tr><td>" << esc(str(d, "time")) << " (" << esc(str(d, "precision")) << ")</td><td>" << esc(str(d, "id")) << "</td><td>"
        << esc(str(d, "type")) << "</td><td>" << esc(where_text(d)) << "</td><td>" << esc(actors) << "</td><td><ul class=\"bearers\">";
      for (const std::string& use : uses[str(d, "id")]) s << "<li>" << esc(use) << "</li>";
      s << "</ul></td><td>" << source_links(sources, d) << "</td></tr>\n";
    }
    s << "</tbody>\n</table>\n</section>\n";
  }

  const OJson& ev = member(r, "events");
  if (!items(ev, "ignored_groups").empty()) {
    s << "<section>\n<h2>Ignored events</h2>\n<table>\n<thead><tr><th>Reason</th><th>Obligation</th><th>Events</th><th>Detail</th>"
         "</tr></thead>\n<tbody>\n";
    for (const auto& g : items(ev, "ignored_groups")) {
      s << "<tr><td>" << esc(words(str(g, "reason"))) << "</td><td>" << esc(str(g, "obligation")) << "</td><td>"
        << esc(id_list(items(g, "events"))) << "</td><td>" << esc(str(g, "detail")) << "</td></tr>\n";
    }
    s << "</tbody>\n</table>\n</section>\n";
  }
  if (!items(ev, "not_relevant_groups").empty()) {
    s << "<section>\n<h2>Not relevant</h2>\n<table>\n<thead><tr><th>Obligation</th><th>Events</th><th>Why</th></tr></thead>\n<tbody>\n";
    for (const auto& g : items(ev, "not_relevant_groups")) {
      s << "<tr><td>" << esc(str(g, "obligation")) << "</td><td>" << esc(id_list(items(g, "events"))) << "</td><td>"
        << esc(str(g, "detail")) << "</td></tr>\n";
    }
    s << "</tbody>\n</table>\n</section>\n";
  }
  if (!sources.list().empty()) {
    s << "<section>\n<h2>Sources</h2>\n<ol class=\"sources\">\n";
    n = 0;
    for (const OJson* src : sources.list()) {
      s << "<li id=\"source-" << ++n << "\">" << esc(str(*src, "title"));
      if (!str(*src, "publisher").empty()) s << ", " << esc(str(*src, "publisher"));
      if (!str(*src, "date").empty()) s << ", " << esc(str(*src, "date"));
      const std::string url = str(*src, "url");
      if (is_web_url(url)) {
        s << " &lt;<a href=\"" << esc(url) << "\" rel=\"noopener noreferrer\">" << esc(url) << "</a>&gt;";
      } else if (!url.empty()) {
        s << " &lt;" << esc(url) << "&gt;";  // not a web address: shown, never a link
      }
      s << "</li>\n";
    }
    s << "</ol>\n</section>\n";
  }
  if (!items(r, "issues").empty()) {
    s << "<section>\n<h2>Issues</h2>\n<ul>\n";
    for (const auto& i : items(r, "issues")) {
      s << "<li>" << esc(str(i, "severity")) << ": " << esc(str(i, "file"));
      if (member(i, "line").is_number()) s << ":" << esc(number_text(i, "line")) << ":" << esc(number_text(i, "column"));
      if (!str(i, "pointer").empty()) s << "#" << esc(str(i, "pointer"));
      s << ": " << esc(str(i, "message")) << "</li>\n";
    }
    s << "</ul>\n</section>\n";
  }
  s << "<footer>\n<p>" << esc(str(r, "generator")) << ", report format " << esc(str(r, "format")) << " version "
    << esc(number_text(r, "version")) << ". Input digest <code>" << esc(str(r, "input_digest")) << "</code>.</p>\n</footer>\n"
    << "</body>\n</html>\n";
  return s.str();
}

}  // namespace pactcheck
