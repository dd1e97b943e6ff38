// Size probe for bench/zone-size.sh: keeps every entry point of pactcheck/zone.hpp alive in a copy of the
// WebAssembly module, so that the bytes the time zone code and table add can be measured before anything in the
// string API uses them. Not part of any build target.
#include <emscripten.h>

#include <cstdint>
#include <string>

#include "pactcheck/zone.hpp"

extern "C" EMSCRIPTEN_KEEPALIVE int pactcheck_zone_size_probe(const char* zone, const char* local, double utc_ms) {
  std::string why;
  const auto z = pactcheck::parse_zone(zone, &why);
  if (!z) return -static_cast<int>(why.size());
  const auto t = static_cast<std::int64_t>(utc_ms);
  int sum = z->offset_minutes_at(t) + static_cast<int>(z->abbreviation_at(t).size()) + (z->is_dst_at(t) ? 1 : 0);
  if (const auto l = pactcheck::parse_local_datetime(local, &why)) {
    sum += static_cast<int>(pactcheck::resolve_local(*z, *l).utc_ms % 1000);
    sum += static_cast<int>(z->start_of_day_utc(l->year, l->month, l->day) % 1000);
    sum += pactcheck::to_local(*z, t).hour;
  }
  sum += static_cast<int>(pactcheck::zone_names().size() + pactcheck::tzdata_version().size());
  return sum + (*z == pactcheck::Zone::fixed(0) ? 1 : 0);
}
