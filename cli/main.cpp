// pactcheck command-line interface: reads files, calls the core's string API, writes the report.
//
// Exit codes: 0 no obligation violated; 1 at least one violated; 2 invalid input or usage; 3 internal error.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include <nlohmann/json.hpp>

#include "pactcheck/api.hpp"
#include "pactcheck/issues.hpp"
#include "pactcheck/report.hpp"

namespace {

using nlohmann::json;

const char* kUsage =
    "pactcheck - checks reported events against the obligations of a ceasefire or peace agreement\n"
    "\n"
    "Usage:\n"
    "  pactcheck check --agreement FILE --events FILE [--as-of INSTANT] [--known-at INSTANT]\n"
    "                  [--format json|text|markdown|html|csv|junit|geojson]\n"
    "                  [-o FILE] [--exclude EVENT_ID]... [--strict] [--max-input-bytes N] [--max-depth N]\n"
    "                  [--max-string-bytes N] [--max-events N]\n"
    "                  [--mapping MAP.json [--events-format acled|ucdp]]\n"
    "  pactcheck import acled|ucdp FILE.csv --mapping MAP.json [-o FILE] [--account FILE] [--title TEXT]\n"
    "                  [--strict] [--max-input-bytes N] [--max-depth N] [--max-string-bytes N] [--max-events N]\n"
    "  pactcheck validate [--strict] [--max-input-bytes N] [--max-depth N] [--max-string-bytes N] [--max-events N] FILE...\n"
    "  pactcheck validate --agreement FILE --events FILE [--strict] [--mapping MAP.json [--events-format acled|ucdp]]\n"
    "                  [--max-input-bytes N] [--max-depth N] [--max-string-bytes N] [--max-events N]\n"
    "  pactcheck --help | --version\n"
    "\n"
    "FILE may be '-' for standard input (once). INSTANT is RFC 3339 with a UTC offset, for example\n"
    "2020-11-16T12:00:00+04:00; without --as-of the report is as of the latest event in the log, using everything\n"
    "the log knows (evidence reported later is marked); --known-at gives the report as it could have been\n"
    "written then, from what had been reported by that instant (and is the as-of instant unless --as-of is given).\n"
    "--exclude leaves an event out (what-if); --strict turns warnings into errors. --format html writes one\n"
    "self-contained printable page (no script), csv one row per obligation and bearer (formula-like cells\n"
    "neutralised with a leading '), junit JUnit XML (a failure per violated bearer), geojson the located evidence.\n"
    "\n"
    "import turns an ACLED export (the 31-column export or HDX's 28-column file) or a UCDP GED file into an event\n"
    "log through a mapping file (docs/import.md) and writes it to standard output or -o FILE; every row becomes an\n"
    "event, imported or kept as unmapped with the reason, and one line on standard error counts them (--account FILE\n"
    "writes the account of every row as JSON). check reads --events as such a CSV file when its name ends in .csv\n"
    "or --events-format says so; it then needs --mapping. On a terminal, long imports and checks show their\n"
    "progress on standard error.\n"
    "\n"
    "validate FILE... checks each document on its own (its format tag says which). validate --agreement FILE\n"
    "--events FILE reads the two as check does, without evaluating: it prints exactly the errors and warnings\n"
    "check would for those files (an event naming a party or obligation the agreement lacks among them), and\n"
    "--strict turns exactly those warnings into errors, as it does for check.\n"
    "\n";

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
         " events in a log (rows in a CSV export).\n" + kUsageTail;
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

// Progress on standard error, only when it is a terminal and only once the work has taken a while
// (PACTCHECK_PROGRESS_DELAY_MS, default 300): never in pipes, files or tests.
class ProgressLine {
 public:
  explicit ProgressLine(const std::string& path) : what_(path.substr(path.find_last_of('/') + 1)), start_(Clock::now()) {
    enabled_ = isatty(STDERR_FILENO) == 1;
    if (const char* d = std::getenv("PACTCHECK_PROGRESS_DELAY_MS")) delay_ = std::chrono::milliseconds(std::atol(d));
  }
  ~ProgressLine() { finish(); }

  void operator()(std::string_view stage, std::size_t done, std::size_t total) {
    if (!enabled_) return;
    const auto now = Clock::now();
    if (now - start_ < delay_ || (shown_ && now - last_ < std::chrono::milliseconds(100) && stage == stage_)) return;
    last_ = now;
    stage_ = std::string(stage);
    std::string line = "pactcheck: " + what_ + ": ";
    if (stage == "import") {
      const auto pct = total ? static_cast<unsigned>(done * 100 / total) : 100u;
      const std::string size = total >= 1048576 ? std::to_string(total / 1048576) + " MB" : std::to_string((total + 1023) / 1024) + " kB";
      line += "importing rows, " + std::to_string(pct) + "% of " + size;
    } else if (stage == "read") {
      line += "reading events, " + std::to_string(done) + " so far";
    } else {
      line += "checking the obligations";
    }
    std::fprintf(stderr, "\r%-78.78s", line.c_str());
    std::fflush(stderr);
    shown_ = true;
  }

  // Clears the line (before anything else is written to standard error).
  void finish() {
    if (!shown_) return;
    std::fprintf(stderr, "\r%78s\r", "");
    std::fflush(stderr);
    shown_ = false;
  }

 private:
  using Clock = std::chrono::steady_clock;
  std::string what_;
  Clock::time_point start_, last_;
  std::chrono::milliseconds delay_{300};
  bool enabled_ = false, shown_ = false;
  std::string stage_;
};

bool ends_with(const std::string& s, const char* suffix) {
  const std::size_t n = std::strlen(suffix);
  if (s.size() < n) return false;
  for (std::size_t i = 0; i < n; ++i) {
    char c = s[s.size() - n + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != suffix[i]) return false;
  }
  return true;
}

bool write_output(const std::string& path, const std::string& text, const char* what) {
  if (path.empty() || path == "-") {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "pactcheck: error: cannot write the " << what << " to standard output\n";
      return false;
    }
    return true;
  }
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    std::cerr << path << ": error: cannot write the " << what << " [io]\n";
    return false;
  }
  return true;
}

int run_import(const std::vector<std::string>& args) {
  if (args.empty() || (args[0] != "acled" && args[0] != "ucdp")) {
    return usage_error("import needs the source first: pactcheck import acled|ucdp FILE.csv --mapping MAP.json");
  }
  const std::string source = args[0];
  std::string csv_path, mapping_path, output_path, account_path, title;
  json options{{"source", source}};
  json limits = json::object();
  std::size_t max_input = pactcheck::Limits().max_input_bytes;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    std::string v;
    if (a == "--mapping") {
      if (!value(mapping_path)) return usage_error("--mapping needs a file");
    } else if (a == "-o" || a == "--output") {
      if (!value(output_path)) return usage_error("-o needs a file");
    } else if (a == "--account") {
      if (!value(account_path)) return usage_error("--account needs a file");
    } else if (a == "--title") {
      if (!value(title)) return usage_error("--title needs a text");
      options["title"] = title;
    } else if (a == "--strict") {
      options["strict"] = true;
    } else if (a == "--max-input-bytes" || a == "--max-depth" || a == "--max-string-bytes" || a == "--max-events") {
      unsigned long long n = 0;
      if (!value(v) || !parse_count(v, n)) return usage_error(a + " needs a whole number above 0");
      std::string key = a.substr(2);
      for (char& c : key) c = c == '-' ? '_' : c;
      limits[key] = n;
      if (key == "max_input_bytes") max_input = static_cast<std::size_t>(n);
    } else if (a.size() > 1 && a[0] == '-') {
      return usage_error("unknown option '" + a + "'");
    } else if (csv_path.empty()) {
      csv_path = a;
    } else {
      return usage_error("import reads one FILE.csv");
    }
  }
  if (csv_path.empty() || mapping_path.empty()) return usage_error("import needs FILE.csv and --mapping MAP.json");
  if (csv_path == "-" && mapping_path == "-") return usage_error("only one input can be standard input");
  std::string error;
  const auto csv = read_input(csv_path, max_input, error);
  if (!csv) {
    std::cerr << csv_path << ": error: " << error << " [io]\n";
    return pactcheck::kExitInvalid;
  }
  const auto mapping = read_input(mapping_path, max_input, error);
  if (!mapping) {
    std::cerr << mapping_path << ": error: " << error << " [io]\n";
    return pactcheck::kExitInvalid;
  }
  if (!limits.empty()) options["limits"] = limits;
  options["events_name"] = csv_path == "-" ? "<stdin>" : csv_path;
  options["mapping_name"] = mapping_path == "-" ? "<stdin>" : mapping_path;
  std::string result;
  {
    ProgressLine progress(csv_path);
    result = pactcheck::import_events(*csv, *mapping, options.dump(),
                                      [&progress](std::string_view stage, std::size_t done, std::size_t total) {
                                        progress(stage, done, total);
                                      });
  }
  // Ordered, so that --account keeps the core's member order.
  const nlohmann::ordered_json envelope = nlohmann::ordered_json::parse(result, nullptr, false);
  if (envelope.is_discarded() || !envelope.is_object()) {
    std::cerr << "pactcheck: internal error: unreadable result\n";
    return pactcheck::kExitInternal;
  }
  print_issues(json(envelope.value("issues", nlohmann::ordered_json::array())));
  if (!envelope.value("ok", false)) return envelope.value("exit_code", static_cast<int>(pactcheck::kExitInternal));
  const nlohmann::ordered_json& account = envelope["account"];
  const int rows = account.value("rows", 0);
  std::cerr << (csv_path == "-" ? "<stdin>" : csv_path) << ": " << rows << (rows == 1 ? " row" : " rows") << " read, "
            << account.value("imported", 0) << " imported, " << account.value("unmapped", 0) << " kept as unmapped\n";
  if (!write_output(output_path, envelope.value("rendered", std::string()), "event log")) return pactcheck::kExitInvalid;
  if (!account_path.empty() && !write_output(account_path, account.dump(2) + "\n", "account")) return pactcheck::kExitInvalid;
  return pactcheck::kExitOk;
}

// check, or with `validate_only` validate --agreement/--events: the files read exactly as check reads them,
// nothing evaluated, the same issues printed (docs/format.md, "Validation").
int run_check(const std::vector<std::string>& args, bool validate_only) {
  const char* command = validate_only ? "validate" : "check";
  std::string agreement_path, events_path, output_path, format = "json", mapping_path, events_format;
  std::optional<std::string> as_of, known_at;
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
    } else if (a == "--known-at") {
      if (!value(v)) return usage_error("--known-at needs an instant");
      known_at = v;
    } else if (a == "--format") {
      if (!value(format)) return usage_error("--format needs " + pactcheck::report_formats_text());
      if (!pactcheck::is_report_format(format)) {
        return usage_error("unknown format '" + format + "' (" + pactcheck::report_formats_text() + ")");
      }
    } else if (a == "-o" || a == "--output") {
      if (!value(output_path)) return usage_error("-o needs a file");
    } else if (a == "--exclude") {
      if (!value(v)) return usage_error("--exclude needs an event id");
      exclude.push_back(v);
    } else if (a == "--strict") {
      options["strict"] = true;
    } else if (a == "--mapping") {
      if (!value(mapping_path)) return usage_error("--mapping needs a file");
    } else if (a == "--events-format") {
      if (!value(events_format)) return usage_error("--events-format needs acled, ucdp or json");
      if (events_format != "acled" && events_format != "ucdp" && events_format != "json") {
        return usage_error("unknown events format '" + events_format + "' (acled, ucdp or json)");
      }
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
    if (validate_only && (a == "--as-of" || a == "--known-at" || a == "--format" || a == "-o" || a == "--output" ||
                          a == "--exclude")) {
      return usage_error("validate reads the files only; " + a + " is check's");
    }
  }
  if (agreement_path.empty() || events_path.empty()) {
    return usage_error(std::string(command) + " needs --agreement FILE and --events FILE");
  }
  if (agreement_path == "-" && events_path == "-") return usage_error("only one input can be standard input");
  // CSV events: by --events-format, else by the file name; the mapping names the source (acled or ucdp).
  if (events_format.empty()) events_format = ends_with(events_path, ".csv") ? "csv" : "json";
  if (events_format != "json" && mapping_path.empty()) {
    return usage_error("CSV events (" + events_path + ") need --mapping MAP.json (docs/import.md)");
  }
  if (events_format == "json" && !mapping_path.empty()) {
    return usage_error("--mapping goes with CSV events: name them FILE.csv or give --events-format acled|ucdp");
  }
  if (!mapping_path.empty()) {
    if (mapping_path == "-" && (agreement_path == "-" || events_path == "-")) return usage_error("only one input can be standard input");
    std::string mapping_error;
    const auto mapping = read_input(mapping_path, max_input, mapping_error);
    if (!mapping) {
      std::cerr << mapping_path << ": error: " << mapping_error << " [io]\n";
      return pactcheck::kExitInvalid;
    }
    options["events_format"] = events_format;
    options["mapping"] = *mapping;
    options["mapping_name"] = mapping_path == "-" ? "<stdin>" : mapping_path;
  }
  std::string error;
  const auto agreement = read_input(agreement_path, max_input, error);
  if (!agreement) {
    std::cerr << agreement_path << ": error: " << error << " [io]\n";
    return pactcheck::kExitInvalid;
  }
  auto events = read_input(events_path, max_input, error);
  if (!events) {
    std::cerr << events_path << ": error: " << error << " [io]\n";
    return pactcheck::kExitInvalid;
  }
  if (as_of) options["as_of"] = *as_of;
  if (known_at) options["known_at"] = *known_at;
  options["format"] = format;
  if (!exclude.empty()) options["exclude"] = exclude;
  if (!limits.empty()) options["limits"] = limits;
  options["agreement_name"] = agreement_path == "-" ? "<stdin>" : agreement_path;
  options["events_name"] = events_path == "-" ? "<stdin>" : events_path;
  std::string options_text;
  try {
    options_text = options.dump();
  } catch (const json::exception&) {  // the mapping's bytes are not UTF-8 (the options carry them as a string)
    std::cerr << mapping_path << ": error: the mapping is not valid UTF-8: save it as UTF-8 [json.encoding]\n";
    return pactcheck::kExitInvalid;
  }
  if (validate_only) {
    const json envelope = json::parse(pactcheck::validate_inputs(*agreement, *events, options_text), nullptr, false);
    if (envelope.is_discarded() || !envelope.is_object()) {
      std::cerr << "pactcheck: internal error: unreadable result\n";
      return pactcheck::kExitInternal;
    }
    const json issues = envelope.value("issues", json::array());
    print_issues(issues);
    if (!envelope.value("ok", false)) return envelope.value("exit_code", static_cast<int>(pactcheck::kExitInternal));
    std::cout << agreement_path << " + " << events_path << ": valid, " << envelope.value("events", 0) << " events, "
              << issues.size() << (issues.size() == 1 ? " warning" : " warnings") << "\n";
    return pactcheck::kExitOk;
  }
  // The report goes out as it is written: to the file (opened at the first piece, so that a failed check leaves
  // none) or to standard output.
  const bool to_stdout = output_path.empty() || output_path == "-";
  std::ofstream file_out;
  bool wrote = false, write_failed = false;
  const auto output = [&](std::string_view chunk) {
    if (write_failed) return;
    if (!wrote) {
      wrote = true;
      if (!to_stdout) file_out.open(output_path, std::ios::binary);
    }
    std::ostream& os = to_stdout ? static_cast<std::ostream&>(std::cout) : file_out;
    os.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    if (!os) write_failed = true;
  };
  pactcheck::CheckOutput result;
  {
    ProgressLine progress(events_path);
    result = pactcheck::check_output(*agreement, std::move(*events), options_text,
                                     [&progress](std::string_view stage, std::size_t done, std::size_t total) {
                                       progress(stage, done, total);
                                     },
                                     output);
  }
  const json envelope = json::parse(result.envelope, nullptr, false);
  if (envelope.is_discarded() || !envelope.is_object()) {
    std::cerr << "pactcheck: internal error: unreadable result\n";
    return pactcheck::kExitInternal;
  }
  print_issues(envelope.value("issues", json::array()));
  if (!envelope.value("ok", false)) return envelope.value("exit_code", static_cast<int>(pactcheck::kExitInternal));
  if (!wrote) {
    if (!write_output(output_path, result.rendered, "report")) return pactcheck::kExitInvalid;
  } else {
    if (to_stdout) {
      std::cout.flush();
      write_failed = write_failed || !std::cout;
    } else {
      file_out.close();
      write_failed = write_failed || !file_out;
    }
    if (write_failed) {
      if (to_stdout) {
        std::cerr << "pactcheck: error: cannot write the report to standard output\n";
      } else {
        std::cerr << output_path << ": error: cannot write the report [io]\n";
      }
      return pactcheck::kExitInvalid;
    }
  }
  return envelope.value("exit_code", static_cast<int>(pactcheck::kExitInternal));
}

int run_validate(const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (a == "--agreement" || a == "--events") return run_check(args, true);
  }
  // The --max-... flags, as for check, and --strict; every other argument is a file.
  std::vector<std::string> paths;
  bool strict = false;
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
    } else if (a == "--strict") {
      strict = true;
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
    if (strict) options["strict"] = true;
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
    if (args[0] == "check") return run_check(rest, false);
    if (args[0] == "validate") return run_validate(rest);
    if (args[0] == "import") return run_import(rest);
    return usage_error("unknown command '" + args[0] + "'");
  } catch (const std::exception& e) {
    std::cerr << "pactcheck: internal error: " << e.what() << "\n";
    return pactcheck::kExitInternal;
  } catch (...) {
    std::cerr << "pactcheck: internal error\n";
    return pactcheck::kExitInternal;
  }
}
