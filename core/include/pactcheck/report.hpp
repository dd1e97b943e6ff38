// The compliance report: built from an evaluation, rendered as JSON, plain text, Markdown, HTML, CSV, JUnit XML
// or GeoJSON (docs/format.md, "Report"), every rendering from the report JSON alone.
//
// Contract: the same inputs give byte-identical output on every platform (no locale, clock or hash-map
// order is consulted; numbers print as nlohmann/json's shortest round-trip form).
#pragma once

#include <functional>
#include <set>
#include <string_view>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "pactcheck/engine.hpp"
#include "pactcheck/issues.hpp"
#include "pactcheck/readers.hpp"

namespace pactcheck {

struct ReportContext {
  std::string as_of_text;             // as the caller wrote it, or the default's rendering
  bool as_of_defaulted = false;       // true when the as-of instant was not given
  EventLogInfo log;
  std::vector<Issue> issues;          // warnings from reading the inputs
  // false: events.evidence_events is left out and events.evidence_events_omitted is true (the page, which holds the
  // log itself, asks so; docs/format.md). Every other part of the report is the same.
  bool event_details = true;
};

// SHA-256 over the canonical agreement and the canonical events in (time, id) order: "sha256:<hex>".
std::string input_digest(const Engine& engine);

nlohmann::ordered_json build_report(const Engine& engine, const Evaluation& evaluation, const ReportContext& context);

// The same report as JSON text, exactly build_report(...).dump(indent, ' ', false, replace) (`indent` < 0: compact),
// written without building the tree: what the JSON format costs at a million events.
std::string write_report(const Engine& engine, const Evaluation& evaluation, const ReportContext& context, int indent);
// The same, handed to `sink` in pieces of about a megabyte as it is written (and nothing returned): the report never
// sits in memory whole.
void write_report(const Engine& engine, const Evaluation& evaluation, const ReportContext& context, int indent,
                  const std::function<void(std::string_view)>& sink);

nlohmann::ordered_json issue_json(const Issue& issue);

// Exact bytes written for each format; each ends with a newline.
std::string render_json(const nlohmann::ordered_json& report);
std::string render_text(const nlohmann::ordered_json& report);
std::string render_markdown(const nlohmann::ordered_json& report);
// One self-contained printable HTML page: no script, no external resource, a CSP that forbids both.
std::string render_html(const nlohmann::ordered_json& report);
// RFC 4180 CSV, one row per obligation and bearer, CRLF line ends, formula-like cells neutralised.
std::string render_csv(const nlohmann::ordered_json& report);
// JUnit XML: a test suite for the agreement, a test case per obligation and bearer.
std::string render_junit(const nlohmann::ordered_json& report);
// GeoJSON (RFC 7946): the evidence events that have a location, as Point features.
std::string render_geojson(const nlohmann::ordered_json& report);

// The report formats, in the order the documentation lists them: json, text, markdown, html, csv, junit, geojson.
const std::vector<std::string>& report_formats();
// "json, text, markdown, html, csv, junit or geojson".
std::string report_formats_text();
bool is_report_format(const std::string& format);
// The rendering in `format` (one of report_formats(); anything else renders JSON).
std::string render_report(const nlohmann::ordered_json& report, const std::string& format);

}  // namespace pactcheck
