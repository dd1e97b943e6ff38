// The compliance report: built from an evaluation, rendered as JSON, plain text or Markdown.
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

}  // namespace pactcheck
