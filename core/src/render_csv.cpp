// The CSV rendering of a report (RFC 4180): a header row, then one row per obligation and bearer (an obligation
// without bearers has one row with the bearer columns empty). CRLF line ends, UTF-8 without a byte-order mark.
// Fields hold the report's strings as they are (this is data, not a view: nothing is escaped but what CSV needs)
// except that a field beginning with = + - @ TAB or CR gets a leading ' so that a spreadsheet never evaluates it
// as a formula (csv_field in render_util.cpp; docs/format.md, "Report").
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "pactcheck/report.hpp"
#include "render_util.hpp"

namespace pactcheck {

using namespace render;  // the shared helpers of render_util.hpp

namespace {

constexpr const char* kColumns[] = {
    "agreement_id",  "as_of",        "obligation_id",     "instrument",          "point",
    "title",         "kind",         "obligation_status", "obligation_disputed", "bearer_id",
    "bearer_name",   "bearer_status", "bearer_disputed",  "first_violation_at",  "first_violation_event",
    "first_completion_at", "first_completion_event", "evidence_events", "why", "explanation"};

void row(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  out += "\r\n";
}

const char* yes_no(bool b) { return b ? "true" : "false"; }

// The first step of the bearer's history whose status is one of `statuses`: its instant and event ("" if none).
std::pair<std::string, std::string> first_step(const OJson& bearer, std::initializer_list<const char*> statuses) {
  for (const auto& h : items(bearer, "history")) {
    const std::string status = str(h, "status");
    for (const char* s : statuses) {
      if (status == s) return {str(h, "at"), str(h, "event")};
    }
  }
  return {"", ""};
}

// The events cited for this bearer or for the obligation as a whole (no bearer), in the report's order, once each;
// for an obligation without bearers (`bearer` empty), every event cited.
std::string evidence_ids(const OJson& obligation, const std::string& bearer) {
  std::vector<std::string> ids;
  for (const auto& e : items(obligation, "evidence")) {
    const OJson& by = member(e, "bearer");
    if (!bearer.empty() && by.is_string() && by.get<std::string>() != bearer) continue;
    const std::string id = str(e, "event");
    bool seen = false;
    for (const std::string& x : ids) seen = seen || x == id;
    if (!seen) ids.push_back(id);
  }
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : " ") + id;
  return out;
}

}  // namespace

std::string render_csv(const OJson& r) {
  std::string out;
  row(out, std::vector<std::string>(std::begin(kColumns), std::end(kColumns)));
  const std::string agreement = str(member(r, "agreement"), "id");
  const std::string as_of = str(r, "as_of");
  for (const auto& o : items(r, "obligations")) {
    std::vector<std::string> head{agreement,
                                  as_of,
                                  str(o, "id"),
                                  str(o, "instrument"),
                                  str(o, "point"),
                                  str(o, "title"),
                                  str(o, "kind"),
                                  str(o, "status"),
                                  yes_no(flag(o, "disputed"))};
    const OJson& bearers = items(o, "by_bearer");
    if (bearers.empty()) {
      std::vector<std::string> fields = head;
      fields.insert(fields.end(), {"", "", "", "", "", "", "", "", evidence_ids(o, ""), "", str(o, "explanation")});
      row(out, fields);
      continue;
    }
    for (const auto& b : bearers) {
      const auto violation = first_step(b, {"violated"});
      const auto completion = first_step(b, {"complied", "complied_late", "cured"});
      std::vector<std::string> fields = head;
      fields.insert(fields.end(), {str(b, "party"), str(b, "name"), str(b, "status"), yes_no(flag(b, "disputed")), violation.first,
                                   violation.second, completion.first, completion.second, evidence_ids(o, str(b, "party")),
                                   str(b, "why"), str(o, "explanation")});
      row(out, fields);
    }
  }
  return out;
}

}  // namespace pactcheck
