#include "pactcheck/time.hpp"

#include <cstdio>

namespace pactcheck {
namespace {

constexpr std::int64_t kMsPerMinute = 60'000;
constexpr std::int64_t kMsPerDay = 86'400'000;
constexpr int kMaxOffsetMinutes = 18 * 60;

bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

bool fail(std::string* why_not, const char* reason) {
  if (why_not) *why_not = reason;
  return false;
}

int days_in_month(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// Parses YYYY-MM-DD at the start of `text`.
bool parse_date_prefix(std::string_view text, LocalDate& out, std::string* why_not) {
  int y = 0, m = 0, d = 0;
  if (text.size() < 10 || !read_digits(text, 0, 4, y) || text[4] != '-' || !read_digits(text, 5, 2, m) ||
      text[7] != '-' || !read_digits(text, 8, 2, d)) {
    return fail(why_not, "expected a date written YYYY-MM-DD");
  }
  if (y < 1) return fail(why_not, "year 0000 is out of range");
  if (m < 1 || m > 12) return fail(why_not, "month must be 01 to 12");
  if (d < 1 || d > days_in_month(y, m)) return fail(why_not, "that day does not exist in that month");
  out = {y, m, d};
  return true;
}

}  // namespace

bool is_valid_date(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

// Howard Hinnant's days_from_civil / civil_from_days.
std::int64_t days_from_civil(const LocalDate& date) {
  std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = date.month > 2 ? date.month - 3 : date.month + 9;
  const std::int64_t doy = (153 * mp + 2) / 5 + date.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

LocalDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return {static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

Side side_of(const TimeSpan& span, std::int64_t boundary_utc_ms) {
  if (span.latest.utc_ms < boundary_utc_ms) return Side::kBefore;
  if (span.earliest.utc_ms >= boundary_utc_ms) return Side::kAtOrAfter;
  return Side::kStraddles;
}

std::optional<int> parse_offset(std::string_view text, std::string* why_not) {
  if (text == "Z" || text == "z") return 0;
  int h = 0, m = 0;
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || !read_digits(text, 1, 2, h) || text[3] != ':' ||
      !read_digits(text, 4, 2, m)) {
    fail(why_not, "expected a UTC offset written Z, +HH:MM or -HH:MM");
    return std::nullopt;
  }
  if (m > 59) {
    fail(why_not, "offset minutes must be 00 to 59");
    return std::nullopt;
  }
  const int minutes = h * 60 + m;
  if (minutes > kMaxOffsetMinutes) {
    fail(why_not, "UTC offset beyond +/-18:00");
    return std::nullopt;
  }
  return text[0] == '-' ? -minutes : minutes;
}

std::optional<LocalDate> parse_date(std::string_view text, std::string* why_not) {
  LocalDate date;
  if (!parse_date_prefix(text, date, why_not)) return std::nullopt;
  if (text.size() != 10) {
    fail(why_not, "expected only a date, YYYY-MM-DD");
    return std::nullopt;
  }
  return date;
}

std::optional<Instant> parse_instant(std::string_view text, std::string* why_not) {
  LocalDate date;
  if (!parse_date_prefix(text, date, why_not)) return std::nullopt;
  if (text.size() == 10) {
    fail(why_not, "a date alone is not an instant: add a time and a UTC offset");
    return std::nullopt;
  }
  if (text[10] != 'T' && text[10] != 't') {
    fail(why_not, "expected 'T' between date and time");
    return std::nullopt;
  }
  int hh = 0, mm = 0, ss = 0, ms = 0;
  std::size_t pos = 11;
  if (!read_digits(text, pos, 2, hh) || pos + 2 >= text.size() || text[pos + 2] != ':' ||
      !read_digits(text, pos + 3, 2, mm)) {
    fail(why_not, "expected a time written HH:MM or HH:MM:SS");
    return std::nullopt;
  }
  pos += 5;
  if (pos < text.size() && text[pos] == ':') {
    if (!read_digits(text, pos + 1, 2, ss)) {
      fail(why_not, "expected seconds written SS");
      return std::nullopt;
    }
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      std::size_t digits = 0;
      int scale = 100;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (digits < 3) ms += (text[pos] - '0') * scale;
        scale /= 10;
        ++digits;
        ++pos;
      }
      if (digits == 0 || digits > 9) {
        fail(why_not, "a fraction of a second needs 1 to 9 digits");
        return std::nullopt;
      }
    }
  }
  if (hh > 23) {
    fail(why_not, "hour must be 00 to 23");
    return std::nullopt;
  }
  if (mm > 59) {
    fail(why_not, "minute must be 00 to 59");
    return std::nullopt;
  }
  if (ss > 59) {
    fail(why_not, "second must be 00 to 59 (leap seconds are not supported)");
    return std::nullopt;
  }
  if (pos >= text.size()) {
    fail(why_not, "the instant has no UTC offset: add Z or +HH:MM (pactcheck never guesses a zone)");
    return std::nullopt;
  }
  const auto offset = parse_offset(text.substr(pos), why_not);
  if (!offset) return std::nullopt;
  const std::int64_t local_ms = days_from_civil(date) * kMsPerDay + (hh * 3600LL + mm * 60LL + ss) * 1000LL + ms;
  return Instant{local_ms - *offset * kMsPerMinute, *offset};
}

Instant start_of_day(const LocalDate& date, int offset_minutes) {
  return Instant{days_from_civil(date) * kMsPerDay - offset_minutes * kMsPerMinute, offset_minutes};
}

LocalDate local_date(std::int64_t utc_ms, int offset_minutes) {
  std::int64_t local = utc_ms + offset_minutes * kMsPerMinute;
  std::int64_t days = local / kMsPerDay;
  if (local % kMsPerDay < 0) --days;
  return civil_from_days(days);
}

LocalDate add_to_date(const LocalDate& date, const Duration& d) {
  const int total_months = date.year * 12 + (date.month - 1) + d.years * 12 + d.months;
  LocalDate out{total_months / 12, total_months % 12 + 1, date.day};
  const int last = days_in_month(out.year, out.month);
  if (out.day > last) out.day = last;
  return civil_from_days(days_from_civil(out) + d.days);
}

Instant add_duration(const Instant& start, const Duration& d, int offset_minutes) {
  const std::int64_t local = start.utc_ms + offset_minutes * kMsPerMinute;
  std::int64_t days = local / kMsPerDay;
  std::int64_t ms_of_day = local % kMsPerDay;
  if (ms_of_day < 0) {
    ms_of_day += kMsPerDay;
    --days;
  }
  const LocalDate moved = add_to_date(civil_from_days(days), d);
  const std::int64_t local_out = days_from_civil(moved) * kMsPerDay + ms_of_day + d.hours * 3'600'000LL;
  return Instant{local_out - offset_minutes * kMsPerMinute, start.offset_minutes};
}

std::string format_offset(int offset_minutes) {
  if (offset_minutes == 0) return "Z";
  char buf[16];
  const int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', a / 60, a % 60);
  return buf;
}

std::string format_date(const LocalDate& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  return buf;
}

std::string format_instant(std::int64_t utc_ms, int offset_minutes) {
  const std::int64_t local = utc_ms + offset_minutes * kMsPerMinute;
  std::int64_t days = local / kMsPerDay;
  std::int64_t ms_of_day = local % kMsPerDay;
  if (ms_of_day < 0) {
    ms_of_day += kMsPerDay;
    --days;
  }
  const LocalDate date = civil_from_days(days);
  const int h = static_cast<int>(ms_of_day / 3'600'000);
  const int m = static_cast<int>(ms_of_day / 60'000 % 60);
  const int s = static_cast<int>(ms_of_day / 1000 % 60);
  const int ms = static_cast<int>(ms_of_day % 1000);
  char buf[48];
  if (ms != 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d", date.year, date.month, date.day, h, m, s, ms);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", date.year, date.month, date.day, h, m, s);
  }
  return std::string(buf) + format_offset(offset_minutes);
}

std::string describe(const Duration& d) {
  std::string out;
  auto part = [&out](int n, const char* unit) {
    if (n == 0) return;
    if (!out.empty()) out += ", ";
    out += std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
  };
  part(d.years, "year");
  part(d.months, "month");
  part(d.days, "day");
  part(d.hours, "hour");
  return out.empty() ? "0 days" : out;
}

std::int64_t start_of_day_utc(const LocalDate& date, const Zone& zone) {
  return zone.start_of_day_utc(date.year, date.month, date.day);
}

LocalDate local_date(std::int64_t utc_ms, const Zone& zone) { return local_date(utc_ms, zone.offset_minutes_at(utc_ms)); }

std::int64_t add_duration(std::int64_t utc_ms, const Duration& d, const Zone& zone) {
  const int offset = zone.offset_minutes_at(utc_ms);
  const std::int64_t local = utc_ms + offset * kMsPerMinute;
  std::int64_t days = local / kMsPerDay;
  std::int64_t ms_of_day = local % kMsPerDay;
  if (ms_of_day < 0) {
    ms_of_day += kMsPerDay;
    --days;
  }
  const LocalDate moved = add_to_date(civil_from_days(days), d);
  const auto h = static_cast<int>(ms_of_day / 3'600'000), m = static_cast<int>(ms_of_day / 60'000 % 60),
             s = static_cast<int>(ms_of_day / 1000 % 60), ms = static_cast<int>(ms_of_day % 1000);
  return zone.from_local(moved.year, moved.month, moved.day, h, m, s, ms).utc_ms + d.hours * 3'600'000LL;
}

std::string format_instant(std::int64_t utc_ms, const Zone& zone) { return format_instant(utc_ms, zone.offset_minutes_at(utc_ms)); }

}  // namespace pactcheck
