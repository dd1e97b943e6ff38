// The page's queries on an open session, natively: opens a Session on a log, then asks for reports at several
// new as-of instants and one what-if exclusion, each as web/worker.mjs asks (format json, no rendered copy, no
// evidence events' details), and prints one JSON line:
//   {"tool":"session-queries","bytes":...,"open_ms":...,"asof_ms":[...],"asof_median_ms":...,"whatif_ms":...,
//    "report_bytes":...,"peak_rss_kb":...}
// ms are the calls alone (the log already read into memory). The wasm twin is bench/wasm-session.mjs; the
// instants are the same (bench/session-instants.json). A bench, not a test: it asserts nothing.
//
//   bench-session-queries AGREEMENT.json EVENTS.json INSTANTS.json
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench_common.hpp"
#include "pactcheck/api.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: bench-session-queries AGREEMENT.json EVENTS.json INSTANTS.json\n");
    return 2;
  }
  std::string agreement, events, instants_text;
  if (!bench::read_file(argv[1], agreement) || !bench::read_file(argv[2], events) || !bench::read_file(argv[3], instants_text)) {
    std::fprintf(stderr, "bench-session-queries: cannot read the inputs\n");
    return 2;
  }
  const auto instants = nlohmann::json::parse(instants_text, nullptr, false);
  if (!instants.is_object() || !instants["as_of"].is_array() || instants["as_of"].empty()) {
    std::fprintf(stderr, "bench-session-queries: %s has no as_of list\n", argv[3]);
    return 2;
  }
  std::string envelope;
  double t = bench::now_ms();
  auto session = pactcheck::Session::open(agreement, events, "{}", envelope);
  const double open_ms = bench::now_ms() - t;
  if (!session) {
    std::fprintf(stderr, "bench-session-queries: the session did not open: %.2000s\n", envelope.c_str());
    return 3;
  }
  const std::size_t log_bytes = events.size();
  std::string().swap(events);
  auto query = [&](const nlohmann::json& options, std::size_t& bytes) {
    const double start = bench::now_ms();
    const std::string out = session->report(options.dump());
    const double ms = bench::now_ms() - start;
    bytes = out.size();
    if (out.rfind("{\"ok\":true", 0) != 0) {
      std::fprintf(stderr, "bench-session-queries: a query failed: %.2000s\n", out.c_str());
      return -1.0;
    }
    return ms;
  };
  nlohmann::json view = {{"format", "json"}, {"rendered", false}, {"event_details", false}};
  std::vector<double> asof_ms;
  std::size_t bytes = 0;
  for (const auto& at : instants["as_of"]) {
    view["as_of"] = at;
    const double ms = query(view, bytes);
    if (ms < 0) return 3;
    asof_ms.push_back(ms);
  }
  // The first event on the session's timeline, left out at the last instant (its baseline is the query before).
  const auto timeline = nlohmann::json::parse(session->timeline(), nullptr, false);
  std::string excluded;
  for (const auto& mark : timeline) {
    if (mark.value("kind", "") == "event") {
      excluded = mark.value("id", "");
      break;
    }
  }
  view["exclude"] = nlohmann::json::array({excluded});
  const double whatif_ms = query(view, bytes);
  if (whatif_ms < 0) return 3;
  std::vector<double> sorted = asof_ms;
  std::sort(sorted.begin(), sorted.end());
  const double median = sorted.size() % 2 ? sorted[sorted.size() / 2] : (sorted[sorted.size() / 2 - 1] + sorted[sorted.size() / 2]) / 2;
  nlohmann::json out = {{"tool", "session-queries"}, {"bytes", log_bytes}, {"open_ms", open_ms}};
  out["asof_ms"] = asof_ms;
  out["asof_median_ms"] = median;
  out["whatif_ms"] = whatif_ms;
  out["report_bytes"] = bytes;
  out["peak_rss_kb"] = bench::peak_rss_kb();
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
