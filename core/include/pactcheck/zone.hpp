// Time zones: fixed UTC offsets and the IANA tz database's named zones ("Europe/Kyiv").
//
// Contract: instants are milliseconds since 1970-01-01T00:00Z (UTC), as in time.hpp; offsets are whole minutes
// east of UTC. Named zones use the rules compiled into pactcheck (core/src/tzdata/tzdata.inc, generated from
// the tz database version tzdata_version() names; see docs/zones.md): the host's clock, zone setting and zone
// files are never consulted, so the native build and the WebAssembly module give the same answers. The few
// historical offsets that are not whole minutes (local mean time before standard time; Liberia's -00:44:30
// until 1972) are rounded to the nearest minute. Local dates and times are proleptic Gregorian. Nothing here
// throws; parsing returns std::nullopt and an English reason.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pactcheck {

namespace detail {
struct ZoneRules;  // a named zone's decoded transitions and POSIX TZ rule (zone.cpp)
}

class Zone {
 public:
  Zone() : name_("UTC") {}  // UTC, as Zone::fixed(0)
  // A constant offset, clamped to -18:00..+18:00 (the range parse_offset accepts). name() is "+04:00",
  // "-05:30", or "UTC" for 0.
  static Zone fixed(int offset_minutes);
  // An IANA zone by its name, exactly as the tz database spells it; a link ("Europe/Kiev", "US/Eastern",
  // "UTC") gives the zone it names, so name() is then the canonical name ("Europe/Kyiv", "Etc/UTC").
  // std::nullopt for a name the tz database does not have.
  static std::optional<Zone> named(std::string_view iana);

  bool is_fixed() const { return rules_ == nullptr; }
  // The canonical IANA name, or the offset text of a fixed zone.
  const std::string& name() const { return name_; }

  // The offset in force at that UTC instant, in minutes east of UTC. Before a zone's first recorded
  // transition the earliest known offset applies (usually local mean time); after its last, its POSIX TZ rule.
  int offset_minutes_at(std::int64_t utc_ms) const;
  // The tz database's abbreviation in force at that UTC instant ("EET", "EEST", "+04"); empty for a fixed zone.
  std::string abbreviation_at(std::int64_t utc_ms) const;
  // Whether daylight saving time is in force at that UTC instant (false for a fixed zone).
  bool is_dst_at(std::int64_t utc_ms) const;

  // A local wall-clock time in this zone, and the UTC instant(s) it names.
  struct Resolved {
    std::int64_t utc_ms = 0;
    enum class Kind { kUnique, kAmbiguous, kNonexistent } kind = Kind::kUnique;
    std::int64_t second_utc_ms = 0;
  };
  // kUnique: the one instant (second_utc_ms equals utc_ms).
  // kAmbiguous (clocks went back, so the time occurred twice): utc_ms is the earlier instant, second_utc_ms the
  //   later one.
  // kNonexistent (clocks went forward over it): utc_ms and second_utc_ms are both the first instant after the gap,
  //   i.e. the moment of the change.
  // Fields out of range carry into the next larger one (month 13 is January of the next year, 30 February is
  // 1 or 2 March, 24:00 is the next day's 00:00); validate text first with parse_local_datetime.
  Resolved from_local(int year, int month, int day, int hour, int minute, int second, int millisecond) const;
  // The first instant of that local date: its 00:00, the earlier one if 00:00 occurred twice, or the end of the
  // gap if clocks jumped over midnight (if they skipped the whole date, that is the next date's first instant).
  std::int64_t start_of_day_utc(int year, int month, int day) const;

  // Same fixed offset, or same canonical zone (so a link equals its zone). A fixed zone never equals a named
  // one, even "UTC" and "Etc/UTC".
  friend bool operator==(const Zone& a, const Zone& b);
  friend bool operator!=(const Zone& a, const Zone& b) { return !(a == b); }

 private:
  Zone(std::string zone_name, int fixed_minutes, std::shared_ptr<const detail::ZoneRules> rules);
  std::string name_;
  int fixed_minutes_ = 0;
  std::shared_ptr<const detail::ZoneRules> rules_;  // null for a fixed zone; immutable, shared by copies
};

// A local date and time of day without a zone.
struct LocalDateTime {
  int year = 1970;       // 1..9999
  int month = 1;         // 1..12
  int day = 1;           // 1..31, valid for the month
  int hour = 0;          // 0..23
  int minute = 0;        // 0..59
  int second = 0;        // 0..59
  int millisecond = 0;   // 0..999
};

// The local date and time in `zone` at that UTC instant.
LocalDateTime to_local(const Zone& zone, std::int64_t utc_ms);
// zone.from_local(...) with the fields of `local`.
Zone::Resolved resolve_local(const Zone& zone, const LocalDateTime& local);

// "Europe/Kyiv" (or a link to it), "+03:00", "-05:00", "Z" or "UTC" (the last two are Zone::fixed(0); the IANA
// zone is "Etc/UTC"). IANA names are matched exactly; a miss that differs only in case is reported with the
// right spelling.
std::optional<Zone> parse_zone(std::string_view text, std::string* why_not);
// YYYY-MM-DDTHH:MM[:SS[.fff]] with no offset ("2015-03-29T02:30"); 1 to 9 fraction digits, kept to the
// millisecond. The same checks as parse_instant: a day the month does not have, month 13, hour 24, minute or
// second 60 are refused.
std::optional<LocalDateTime> parse_local_datetime(std::string_view text, std::string* why_not);

// The tz database version the compiled rules come from ("2025b").
std::string_view tzdata_version();
// Every name Zone::named accepts (zones and links), sorted.
std::vector<std::string> zone_names();

}  // namespace pactcheck
