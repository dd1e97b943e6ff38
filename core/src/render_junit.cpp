// The JUnit XML rendering of a report, for CI dashboards: one <testsuite> for the agreement (name = its id), one
// <testcase> per obligation and bearer (classname = the obligation's id, name = the bearer's name). A violated
// bearer is a <failure>; complied, complied late, cured and ended pass; every other status (undetermined,
// pending, not triggered, suspended) is <skipped>: not a verdict yet. Nothing is an <error>. The timestamp is the
// report's as-of instant. Every string goes through markup() (render_util.hpp), which escapes & < > " ' and
// shows control characters (which XML 1.0 cannot carry) escaped.
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "pactcheck/report.hpp"
#include "render_util.hpp"

namespace pactcheck {

using namespace render;  // the shared helpers of render_util.hpp

namespace {

enum class Outcome { kPass, kFailure, kSkipped };

Outcome outcome_of(const std::string& status) {
  if (status == "violated") return Outcome::kFailure;
  if (status == "complied" || status == "complied_late" || status == "cured" || status == "ended") return Outcome::kPass;
  return Outcome::kSkipped;
}

struct Case {
  std::string classname, name, status, message;
  std::vector<std::string> detail;  // lines, each escaped on its own
  Outcome outcome = Outcome::kSkipped;
};

// The evidence lines for one bearer and for the obligation as a whole (or, with `bearer` empty, all of them).
void evidence_lines(std::vector<std::string>& lines, const OJson& o, const std::string& bearer,
                    const std::map<std::string, std::string>& names, const std::map<std::string, const OJson*>& index) {
  bool first = true;
  for (const auto& e : items(o, "evidence")) {
    const OJson& by = member(e, "bearer");
    if (!bearer.empty() && by.is_string() && by.get<std::string>() != bearer) continue;
    if (first) lines.push_back("Evidence:");
    first = false;
    const auto it = index.find(str(e, "event"));
    const std::string where = it == index.end() ? std::string() : where_text(*it->second);
    lines.push_back("  " + str(e, "event") + " " + str(e, "time") + " " + str(e, "type") + (where.empty() ? "" : " at " + where) +
                    ": " + evidence_role(e, names) + ": " + str(e, "note"));
  }
}

std::string lines_text(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += (out.empty() ? "" : "\n") + markup(line);
  return out;
}

}  // namespace

std::string render_junit(const OJson& r) {
  const auto names = names_of(r);
  const auto index = event_index(r);
  std::vector<Case> cases;
  for (const auto& o : items(r, "obligations")) {
    const std::string headline = str(o, "headline");
    const std::string title = title_of(o);
    auto add = [&](const std::string& name, const std::string& bearer, const std::string& status, const std::string& why) {
      Case c;
      c.classname = str(o, "id");
      c.name = name;
      c.status = status;
      c.outcome = outcome_of(status);
      c.message = words(status) + ": " + (why.empty() ? headline : why);
      c.detail.push_back(words(status) + ". " + title + " (point " + str(o, "point") + "): " + str(o, "explanation"));
      evidence_lines(c.detail, o, bearer, names, index);
      cases.push_back(c);
    };
    const OJson& bearers = items(o, "by_bearer");
    if (bearers.empty()) add("(no bearer)", "", str(o, "status"), "");
    for (const auto& b : bearers) {
      add(str(b, "name").empty() ? str(b, "party") : str(b, "name"), str(b, "party"), str(b, "status"), str(b, "why"));
    }
  }
  std::size_t failures = 0, skipped = 0;
  for (const Case& c : cases) {
    if (c.outcome == Outcome::kFailure) ++failures;
    if (c.outcome == Outcome::kSkipped) ++skipped;
  }
  const std::string counts = "tests=\"" + std::to_string(cases.size()) + "\" failures=\"" + std::to_string(failures) +
                             "\" errors=\"0\" skipped=\"" + std::to_string(skipped) + "\"";
  const OJson& agreement = member(r, "agreement");
  const std::string as_of = markup(str(r, "as_of"));
  std::ostringstream s;
  s << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  s << "<testsuites name=\"pactcheck\" " << counts << " time=\"0\">\n";
  s << "  <testsuite name=\"" << markup(str(agreement, "id")) << "\" " << counts << " time=\"0\" timestamp=\"" << as_of << "\">\n";
  s << "    <properties>\n";
  auto property = [&](const char* name, const std::string& value) {
    s << "      <property name=\"" << name << "\" value=\"" << markup(value) << "\"/>\n";
  };
  property("agreement_title", str(agreement, "title"));
  property("as_of", str(r, "as_of"));
  property("as_of_utc", str(r, "as_of_utc"));
  property("knowledge", str(member(r, "knowledge"), "mode"));
  property("evidence_standard", str(member(r, "evidence_standard"), "text"));
  property("event_log", str(member(r, "event_log"), "title"));
  property("synthetic", flag(member(r, "event_log"), "synthetic") ? "true" : "false");
  property("input_digest", str(r, "input_digest"));
  property("generator", str(r, "generator"));
  for (const auto& id : items(r, "excluded")) property("excluded", id.is_string() ? id.get<std::string>() : std::string());
  s << "    </properties>\n";
  for (const Case& c : cases) {
    s << "    <testcase classname=\"" << markup(c.classname) << "\" name=\"" << markup(c.name) << "\" time=\"0\"";
    switch (c.outcome) {
      case Outcome::kPass:
        s << ">\n      <system-out>" << lines_text(c.detail) << "</system-out>\n    </testcase>\n";
        break;
      case Outcome::kFailure:
        s << ">\n      <failure message=\"" << markup(c.message) << "\" type=\"" << markup(c.status) << "\">" << lines_text(c.detail)
          << "</failure>\n    </testcase>\n";
        break;
      case Outcome::kSkipped:
        s << ">\n      <skipped message=\"" << markup(c.message) << "\"/>\n      <system-out>" << lines_text(c.detail)
          << "</system-out>\n    </testcase>\n";
        break;
    }
  }
  s << "  </testsuite>\n</testsuites>\n";
  return s.str();
}

}  // namespace pactcheck
