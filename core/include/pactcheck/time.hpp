// Instants, dates and calendar arithmetic with explicit UTC offsets.
//
// Contract: every instant is milliseconds since 1970-01-01T00:00Z (UTC) plus the UTC offset it was written
// with (kept only to print it back the same way). No function here consults the host's time zone or clock.
// Parsing never throws: it returns std::nullopt and an English reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pactcheck/zone.hpp"

namespace pactcheck {

struct Instant {
  std::int64_t utc_ms = 0;  // milliseconds since the Unix epoch, UTC
  int offset_minutes = 0;   // the offset the instant was written in (for display only)
  friend bool operator<(const Instant& a, const Instant& b) { return a.utc_ms < b.utc_ms; }
  friend bool operator==(const Instant& a, const Instant& b) { return a.utc_ms == b.utc_ms; }
};

struct LocalDate {
  int year = 1970;  // 1..9999
  int month = 1;    // 1..12
  int day = 1;      // 1..31, valid for the month
};

// A span of calendar time. Years and months step the calendar (clamping the day to the month's end);
// days and hours are exact.
struct Duration {
  int years = 0, months = 0, days = 0, hours = 0;
  bool empty() const { return years == 0 && months == 0 && days == 0 && hours == 0; }
};

// When an event happened, as reported: from `earliest` to `latest`, both inclusive (equal when exact).
struct TimeSpan {
  Instant earliest;
  Instant latest;
  bool exact() const { return earliest.utc_ms == latest.utc_ms; }
};

// When something happened: some instant in [earliest, latest], UTC milliseconds, both inclusive.
struct TimeRange {
  std::int64_t earliest = 0;
  std::int64_t latest = 0;
  bool exact() const { return earliest == latest; }
};

// Where a span lies relative to a boundary instant B: wholly before B, at or after B, or straddling it.
enum class Side { kBefore, kAtOrAfter, kStraddles };
Side side_of(const TimeSpan& span, std::int64_t boundary_utc_ms);

// RFC 3339 instant with a mandatory offset: YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM).
std::optional<Instant> parse_instant(std::string_view text, std::string* why_not);
// YYYY-MM-DD.
std::optional<LocalDate> parse_date(std::string_view text, std::string* why_not);
// +HH:MM, -HH:MM or Z, within ±18:00; returns minutes east of UTC.
std::optional<int> parse_offset(std::string_view text, std::string* why_not);

// Days since 1970-01-01 for a proleptic Gregorian date, and back.
std::int64_t days_from_civil(const LocalDate& date);
LocalDate civil_from_days(std::int64_t days);
bool is_valid_date(int year, int month, int day);

// 00:00 of `date` in the zone `offset_minutes` east of UTC.
Instant start_of_day(const LocalDate& date, int offset_minutes);
// The local date of an instant in the zone `offset_minutes`.
LocalDate local_date(std::int64_t utc_ms, int offset_minutes);

// Adds a calendar duration to an instant, reading the calendar in `offset_minutes`.
Instant add_duration(const Instant& start, const Duration& d, int offset_minutes);
// Adds years, months and days to a date (the day is clamped to the month's end after years and months).
LocalDate add_to_date(const LocalDate& date, const Duration& d);

// "2020-11-10T01:00:00+04:00" (milliseconds only when non-zero), shown in `offset_minutes`.
std::string format_instant(std::int64_t utc_ms, int offset_minutes);
inline std::string format_instant(const Instant& i) { return format_instant(i.utc_ms, i.offset_minutes); }
std::string format_date(const LocalDate& date);
std::string format_offset(int offset_minutes);
std::string describe(const Duration& d);  // "5 years", "1 month and 10 days"

// The same, reading the calendar in a zone (fixed offset or IANA rules).
std::int64_t start_of_day_utc(const LocalDate& date, const Zone& zone);
LocalDate local_date(std::int64_t utc_ms, const Zone& zone);
std::int64_t add_duration(std::int64_t utc_ms, const Duration& d, const Zone& zone);
std::string format_instant(std::int64_t utc_ms, const Zone& zone);

}  // namespace pactcheck
