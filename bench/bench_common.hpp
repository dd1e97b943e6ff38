// Shared by the bench programs: read a whole file, time a pass, print one JSON line with the peak RSS.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

namespace bench {

// Into a string of the file's size, read once (no second copy to count in the peak).
inline bool read_file(const char* path, std::string& out) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return false;
  const std::streamoff size = in.tellg();
  if (size < 0) return false;
  out.resize(static_cast<std::size_t>(size));
  in.seekg(0);
  return static_cast<bool>(in.read(out.data(), static_cast<std::streamsize>(size)));
}

inline long peak_rss_kb() {
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // kilobytes on Linux
}

inline double now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// {"tool":..., "bytes":..., "ms":..., "count":..., "peak_rss_kb":...}: ms is the pass alone, without reading the file.
inline void print(const char* tool, std::size_t bytes, double ms, std::size_t count) {
  std::printf("{\"tool\":\"%s\",\"bytes\":%zu,\"ms\":%.2f,\"count\":%zu,\"peak_rss_kb\":%ld}\n", tool, bytes, ms, count,
              peak_rss_kb());
}

}  // namespace bench
