// pactcheck command-line interface: reads files, calls the core's string API, writes the report.
//
// Exit codes: 0 no obligation violated; 1 at least one violated; 2 invalid input or usage; 3 internal error.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

#include <nlohmann/json.hpp>

#include "pactcheck/api.hpp"
#include "pactcheck/issues.hpp"

namespace {

using nlohmann::json;

const char* kUsage =
    "pactcheck - checks reported events against the obligations of a ceasefire or peace agreement\n"
    "\n"
    "Usage:\n"
    "  pactcheck check --agreement FILE --events FILE [--as-of INSTANT] [--format json|text|markdown]\n"
    "                  [-o FILE] [--exclude EVENT_ID]... [--strict] [--max-input-bytes N] [--max-depth N]\n"
    "                  [--max-string-bytes N] [--max-events N]\n"
    "  pactcheck validate [--max-input-bytes N] [--max-depth N] [--max-string-bytes N] [--max-events N] FILE...\n"
    "  pactcheck --help | --version\n"
    "\n"
    "FILE may be '-' for standard input (once). INSTANT is RFC 3339 with a UTC offset, for example\n"
    "2020-11-16T12:00:00+04:00; without --as-of the report is as of the latest event in the log.\n"
    "--exclude leaves an event out (what-if); --strict turns warnings into errors.\n";

const char* kUsageTail =
    "\n"
    "Exit codes: 0 no obligation violated, 1 at least one violated, 2 invalid input or usage, 3 internal error.\n"
    "Formats: docs/format.md.\n";

// The usage text with the limits' defaults, which come from pactcheck::Limits.
std::string usage() {
  const pactcheck::Limits d;
  return std::string(kUsage) + "Limits (defaults): --max-input-bytes " + std::to_string(d.max_input_bytes) +
         " per file, --max-depth " + std::to_string(d.max_depth) + " levels of nesting,\n--max-string-bytes " +
         std::to_string(d.max_string_bytes) + " per string or key, --max-events " + std::to_string(d.max_events) +
         " events in a log.\n" + kUsageTail;
}

int usage_error(const std::string& message) {
  std::cerr << "pactcheck: " << message << "\nRun 'pactcheck --help' for usage.\n";
  return pactcheck::kExitInvalid;
}

// Reads a whole file (or standard input for "-"), refusing one larger than `max_bytes` before reading it.
std::optional<std::string> read_input(const std::string& path, std::size_t max_bytes, std::string& error) {
  if (path == "-") {
    std::string data;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, stdin)) > 0) {
      data.append(buf, n);
      if (data.size() > max_bytes) {
        error = "standard input exceeds the limit of " + std::to_string(max_bytes) + " bytes (--max-input-bytes)";
        return std::nullopt;
      }
    }
    return data;
  }
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    error = "cannot open '" + path + "': " + std::strerror(errno);
    return std::nullopt;
  }
  if (S_ISDIR(st.st_mode)) {
    error = "'" + path + "' is a directory";
    return std::nullopt;
  }
  if (S_ISREG(st.st_mode) && static_cast<unsigned long long>(st.st_size) > max_bytes) {
    error = "'" + path + "' is " + std::to_string(st.st_size) + " bytes, over the limit of " + std::to_string(max_bytes) +
            " bytes (--max-input-bytes)";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open '" + path + "': " + std::strerror(errno);
    return std::nullopt;
  }
  std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (data.size() > max_bytes) {
    error = "'" + path + "' exceeds the limit of " + std::to_string(max_bytes) + " bytes (--max-input-bytes)";
    return std::nullopt;
  }
  return data;
}

void print_issues(const json& issues) {
  for (const auto& i : issues) {
    std::string location = i.value("file", std::string("input"));
    if (i.contains("line")) {
      location += ":" + std::to_string(i["line"].get<long long>()) + ":" + std::to_string(i["column"].get<long long>());
    } else if (!i.value("pointer", std::string()).empty()) {
      location += "#" + i["pointer"].get<std::string>();
    }
    std::cerr << location << ": " << i.value("severity", std::string("error")) << ": " << i.value("message", std::string())
              << " [" << i.value("code", std::string()) << "]\n";
  }
}

bool parse_count(const std::string& text, unsigned long long& out) {
  if (text.empty() || text.size() > 19) return false;
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + static_cast<unsigned long long>(c - '0');
  }
  return out > 0;
}

int run_check(const std::vector<std::string>& args) {
  std::string agreement_path, events_path, output_path, format = "json";
  std::optional<std::string> as_of;
  json options = json::object();
  json exclude = json::array();
  json limits = json::object();
  std::size_t max_input = pactcheck::Limits().max_input_bytes;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    std::string v;
    if (a == "--agreement") {
      if (!value(agreement_path)) return usage_error("--agreement needs a file");
    } else if (a == "--events") {
      if (!value(events_path)) return usage_error("--events needs a file");
    } else if (a == "--as-of") {
      if (!value(v)) return usage_error("--as-of needs an instant");
      as_of = v;
    } else if (a == "--format") {
      if (!value(format)) return usage_error("--format needs json, text or markdown");
      if (format != "json" && format != "text" && format != "markdown") return usage_error("unknown format '" + format + "'");
    } else if (a == "-o" || a == "--output") {
      if (!value(output_path)) return usage_error("-o needs a file");
    } else if (a == "--exclude") {
      if (!value(v)) return usage_error("--exclude needs an event id");
      exclude.push_back(v);
    } else if (a == "--strict") {
      options["strict"] = true;
    } else if (a == "--max-input-bytes" || a == "--max-depth" || a == "--max-string-bytes" || a == "--max-events") {
      unsigned long long n = 0;
      if (!value(v) || !parse_count(v, n)) return usage_error(a + " needs a whole number above 0");
      std::string key = a.substr(2);
      for (char& c : key) c = c == '-' ? '_' : c;
      limits[key] = n;
      if (key == "max_input_bytes") max_input = static_cast<std::size_t>(n);
    } else {
      return usage_error("unknown option '" + a + "'");
    }
  }
  if (agreement_path.empty() || events_path.empty()) return usage_error("check needs --agreement FILE and --events FILE");
  if (agreement_path == "-" && events_path == "-") return usage_error("only one input can be standard input");
  std::string error;
  const auto agreement = read_input(agreement_path, max_input, error);
  if (!agreement) {
    std::cerr << agreement_path << ": error: " << error << " [io]\n";
    return pactcheck::kExitInvalid;
  }
  const auto events = read_input(events_path, max_input, error);
  if (!events) {
    std::cerr << events_path << ": error: " << error << " [io]\n";
    return pactcheck::kExitInvalid;
  }
  if (as_of) options["as_of"] = *as_of;
  options["format"] = format;
  if (!exclude.empty()) options["exclude"] = exclude;
  if (!limits.empty()) options["limits"] = limits;
  options["agreement_name"] = agreement_path == "-" ? "<stdin>" : agreement_path;
  options["events_name"] = events_path == "-" ? "<stdin>" : events_path;
  const json envelope = json::parse(pactcheck::check(*agreement, *events, options.dump()), nullptr, false);
  if (envelope.is_discarded() || !envelope.is_object()) {
    std::cerr << "pactcheck: internal error: unreadable result\n";
    return pactcheck::kExitInternal;
  }
  print_issues(envelope.value("issues", json::array()));
  if (!envelope.value("ok", false)) return envelope.value("exit_code", static_cast<int>(pactcheck::kExitInternal));
  const std::string rendered = envelope.value("rendered", std::string());
  if (output_path.empty() || output_path == "-") {
    std::cout << rendered;
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "pactcheck: error: cannot write the report to standard output\n";
      return pactcheck::kExitInvalid;
    }
  } else {
    std::ofstream out(output_path, std::ios::binary);
    out << rendered;
    out.close();
    if (!out) {
      std::cerr << output_path << ": error: cannot write the report [io]\n";
      return pactcheck::kExitInvalid;
    }
  }
  return envelope.value("exit_code", static_cast<int>(pactcheck::kExitInternal));
}

int run_validate(const std::vector<std::string>& args) {
  // The --max-... flags, as for check; every other argument is a file.
  std::vector<std::string> paths;
  json limits = json::object();
  std::size_t max_input = pactcheck::Limits().max_input_bytes;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--max-input-bytes" || a == "--max-depth" || a == "--max-string-bytes" || a == "--max-events") {
      unsigned long long n = 0;
      if (i + 1 >= args.size() || !parse_count(args[i + 1], n)) return usage_error(a + " needs a whole number above 0");
      ++i;
      std::string key = a.substr(2);
      for (char& c : key) c = c == '-' ? '_' : c;
      limits[key] = n;
      if (key == "max_input_bytes") max_input = static_cast<std::size_t>(n);
    } else if (a.size() > 1 && a[0] == '-') {
      return usage_error("unknown option '" + a + "'");
    } else {
      paths.push_back(a);
    }
  }
  if (paths.empty()) return usage_error("validate needs at least one FILE");
  int worst = pactcheck::kExitOk;
  int stdin_uses = 0;
  for (const std::string& path : paths) {
    if (path == "-" && ++stdin_uses > 1) return usage_error("only one input can be standard input");
    std::string error;
    const auto text = read_input(path, max_input, error);
    if (!text) {
      std::cerr << path << ": error: " << error << " [io]\n";
      worst = std::max(worst, static_cast<int>(pactcheck::kExitInvalid));
      continue;
    }
    json options{{"events_name", path == "-" ? "<stdin>" : path}};
    if (!limits.empty()) options["limits"] = limits;
    const json envelope = json::parse(pactcheck::validate(*text, options.dump()), nullptr, false);
    if (envelope.is_discarded()) return pactcheck::kExitInternal;
    print_issues(envelope.value("issues", json::array()));
    const int code = envelope.value("exit_code", static_cast<int>(pactcheck::kExitInternal));
    if (code == pactcheck::kExitOk) std::cout << path << ": valid " << envelope.value("format", std::string()) << "\n";
    worst = std::max(worst, code);
  }
  return worst;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) return usage_error("no command given");
    if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
      std::cout << usage();
      return pactcheck::kExitOk;
    }
    if (args[0] == "--version") {
      std::cout << "pactcheck " << pactcheck::version() << "\n";
      return pactcheck::kExitOk;
    }
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    for (const std::string& a : rest) {
      if (a == "--help" || a == "-h") {
        std::cout << usage();
        return pactcheck::kExitOk;
      }
    }
    if (args[0] == "check") return run_check(rest);
    if (args[0] == "validate") return run_validate(rest);
    return usage_error("unknown command '" + args[0] + "'");
  } catch (const std::exception& e) {
    std::cerr << "pactcheck: internal error: " << e.what() << "\n";
    return pactcheck::kExitInternal;
  } catch (...) {
    std::cerr << "pactcheck: internal error\n";
    return pactcheck::kExitInternal;
  }
}
