#include "pactcheck/issues.hpp"

namespace pactcheck {

bool has_errors(const std::vector<Issue>& issues) {
  for (const Issue& issue : issues) {
    if (issue.severity == Severity::kError) return true;
  }
  return false;
}

std::string format_issue(const Issue& issue) {
  std::string out = issue.file.empty() ? "input" : issue.file;
  if (issue.line > 0) {
    out += ":" + std::to_string(issue.line) + ":" + std::to_string(issue.column);
  } else if (!issue.pointer.empty()) {
    out += "#" + issue.pointer;
  }
  out += issue.severity == Severity::kError ? ": error: " : ": warning: ";
  out += issue.message;
  out += " [" + issue.code + "]";
  return out;
}

std::string pointer_join(const std::string& base, const std::string& token) {
  std::string out = base + "/";
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string pointer_join(const std::string& base, std::size_t index) { return base + "/" + std::to_string(index); }

}  // namespace pactcheck
