#include "pactcheck/zone.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "pactcheck/time.hpp"

namespace pactcheck {
namespace {

struct TzZone {
  const char* name;
  const char* posix;    // POSIX TZ rule for instants after the zone's last transition
  std::uint32_t begin;  // [begin, end) in kTzRules
  std::uint32_t end;
};
struct TzLink {
  const char* name;
  std::uint16_t zone;  // index in kTzZones
};

#include "tzdata/tzdata.inc"

constexpr std::int64_t kMsPerSecond = 1000;
constexpr std::int64_t kMsPerMinute = 60'000;
constexpr std::int64_t kMsPerDay = 86'400'000;
constexpr int kMaxFixedMinutes = 18 * 60;
// Rules are evaluated for instants within about +/-300,000 years; beyond, the offset at that bound applies. Keeps
// every sum below far from int64 overflow.
constexpr std::int64_t kRuleLimitMs = 10'000'000'000'000'000LL;
// Every offset in the tz database is well within a day, so the instants a local time can name lie within this.
constexpr std::int64_t kLocalWindowMs = 2 * kMsPerDay;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int round_to_minutes(std::int64_t seconds) {
  return static_cast<int>(seconds >= 0 ? (seconds + 30) / 60 : -((-seconds + 30) / 60));
}

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(std::int64_t y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

int year_of(std::int64_t utc_ms) {
  return civil_from_days(floor_div(std::clamp(utc_ms, -kRuleLimitMs, kRuleLimitMs), kMsPerDay)).year;
}

// --- POSIX TZ rules ("EET-2EEST,M3.5.0/3,M10.5.0/4"), with RFC 8536's extension of rule times to +/-167 hours --

struct RuleDate {
  char kind = 'M';  // 'J': Julian day n (1..365, 29 February never counted); 'N': zero-based day n (0..365);
                    // 'M': month m, week w (5 = last), weekday d (0 = Sunday)
  int n = 0, m = 3, w = 2, d = 0;
};

struct PosixRule {
  std::string std_name, dst_name;
  std::int64_t std_offset_s = 0, dst_offset_s = 0;  // east of UTC
  bool has_dst = false;
  RuleDate start, end{'M', 0, 11, 1, 0};
  std::int64_t start_time_s = 7200, end_time_s = 7200;  // local wall-clock time of day of each change
};

class RuleParser {
 public:
  explicit RuleParser(std::string_view s) : s_(s) {}

  bool parse(PosixRule& out) {
    if (!name(out.std_name) || !hms(out.std_offset_s)) return false;
    out.std_offset_s = -out.std_offset_s;  // POSIX counts west of UTC
    if (at_end()) return true;
    out.has_dst = true;
    if (!name(out.dst_name)) return false;
    out.dst_offset_s = out.std_offset_s + 3600;
    if (!at_end() && peek() != ',') {
      if (!hms(out.dst_offset_s)) return false;
      out.dst_offset_s = -out.dst_offset_s;
    }
    if (at_end()) return true;  // POSIX's default rule (zic always writes one)
    if (!eat(',') || !date(out.start)) return false;
    if (eat('/') && !hms(out.start_time_s)) return false;
    if (!eat(',') || !date(out.end)) return false;
    if (eat('/') && !hms(out.end_time_s)) return false;
    return at_end();
  }

 private:
  bool at_end() const { return i_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[i_]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  bool name(std::string& out) {
    if (eat('<')) {
      const std::size_t close = s_.find('>', i_);
      if (close == std::string_view::npos) return false;
      out = std::string(s_.substr(i_, close - i_));
      i_ = close + 1;
      return true;
    }
    const std::size_t from = i_;
    while (!at_end() && ((peek() >= 'A' && peek() <= 'Z') || (peek() >= 'a' && peek() <= 'z'))) ++i_;
    out = std::string(s_.substr(from, i_ - from));
    return out.size() >= 3;
  }
  bool number(int max_digits, int& out) {
    int value = 0, digits = 0;
    while (!at_end() && digits < max_digits && peek() >= '0' && peek() <= '9') {
      value = value * 10 + (peek() - '0');
      ++i_;
      ++digits;
    }
    out = value;
    return digits > 0;
  }
  bool hms(std::int64_t& out) {  // [+-]h[hh][:mm[:ss]], in seconds
    int sign = 1;
    if (eat('-')) {
      sign = -1;
    } else {
      eat('+');
    }
    int h = 0, m = 0, sec = 0;
    if (!number(3, h)) return false;
    if (eat(':')) {
      if (!number(2, m)) return false;
      if (eat(':') && !number(2, sec)) return false;
    }
    out = sign * (h * 3600LL + m * 60LL + sec);
    return true;
  }
  bool date(RuleDate& out) {
    if (eat('J')) {
      out.kind = 'J';
      return number(3, out.n) && out.n >= 1 && out.n <= 365;
    }
    if (eat('M')) {
      out.kind = 'M';
      return number(2, out.m) && eat('.') && number(1, out.w) && eat('.') && number(1, out.d) && out.m >= 1 &&
             out.m <= 12 && out.w >= 1 && out.w <= 5 && out.d <= 6;
    }
    out.kind = 'N';
    return number(3, out.n) && out.n <= 365;
  }

  std::string_view s_;
  std::size_t i_ = 0;
};

// Days since 1970-01-01 of the rule date's local day in year y.
std::int64_t rule_day(const RuleDate& r, int y) {
  const std::int64_t jan1 = days_from_civil(LocalDate{y, 1, 1});
  if (r.kind == 'J') return jan1 + r.n - 1 + (is_leap(y) && r.n >= 60 ? 1 : 0);
  if (r.kind == 'N') return jan1 + r.n;
  const std::int64_t first = days_from_civil(LocalDate{y, r.m, 1});
  const std::int64_t weekday = ((first + 4) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
  std::int64_t day = first + (r.d - weekday + 7) % 7 + (r.w - 1) * 7LL;
  while (day >= first + days_in_month(y, r.m)) day -= 7;
  return day;
}

}  // namespace

namespace detail {

struct ZoneType {
  int offset_minutes = 0;
  std::string abbreviation;
  bool dst = false;
};

struct ZoneRules {
  std::vector<ZoneType> types;
  int initial_type = 0;                 // in force before the first transition
  std::vector<std::int64_t> at_ms;      // transition instants, ascending
  std::vector<std::uint16_t> type_of;   // the type each transition starts
  bool has_dst_rule = false;            // after the last transition, the POSIX rule's changes apply
  PosixRule rule;
  int rule_std_type = 0, rule_dst_type = 0;

  struct Change {
    std::int64_t at_ms;
    int type;
  };

  std::int64_t last_transition_ms() const {
    return at_ms.empty() ? std::numeric_limits<std::int64_t>::min() : at_ms.back();
  }

  // The POSIX rule's changes of years y0..y0+3 at most (y1 is capped there), ascending; a change to standard
  // time and one to DST at the same instant (DST all year) cancel out. No allocation: this runs for every lookup
  // after a zone's last transition.
  struct RuleChanges {
    Change items[8];
    std::size_t size = 0;
    const Change* begin() const { return items; }
    const Change* end() const { return items + size; }
  };
  RuleChanges rule_changes(int y0, int y1) const {
    Change all[8];
    std::size_t n = 0;
    for (int y = y0; y <= std::min(y1, y0 + 3); ++y) {
      all[n++] = {rule_day(rule.start, y) * kMsPerDay + (rule.start_time_s - rule.std_offset_s) * kMsPerSecond,
                  rule_dst_type};
      all[n++] = {rule_day(rule.end, y) * kMsPerDay + (rule.end_time_s - rule.dst_offset_s) * kMsPerSecond,
                  rule_std_type};
    }
    std::sort(all, all + n, [this](const Change& a, const Change& b) {
      if (a.at_ms != b.at_ms) return a.at_ms < b.at_ms;
      return a.type == rule_std_type && b.type != rule_std_type;
    });
    RuleChanges out;
    for (std::size_t k = 0; k < n; ++k) {
      if (k + 1 < n && all[k].at_ms == all[k + 1].at_ms && all[k].type != all[k + 1].type) {
        ++k;
        continue;
      }
      out.items[out.size++] = all[k];
    }
    return out;
  }

  // The index of the type in force at t.
  int type_at(std::int64_t t) const {
    const auto it = std::upper_bound(at_ms.begin(), at_ms.end(), t);
    const int table_type = it == at_ms.begin() ? initial_type : type_of[static_cast<std::size_t>(it - at_ms.begin() - 1)];
    if (!has_dst_rule || it != at_ms.end()) return table_type;
    const std::int64_t clamped = std::clamp(t, -kRuleLimitMs, kRuleLimitMs);
    const int y = year_of(clamped);
    int type = table_type;
    const std::int64_t after = last_transition_ms();
    for (const Change& c : rule_changes(y - 1, y + 1)) {
      if (c.at_ms > after && c.at_ms <= clamped) type = c.type;
    }
    return type;
  }

  // The type in force at `from`, and the changes in (from, to], ascending; `to - from` is at most a few days.
  int changes_between(std::int64_t from, std::int64_t to, std::vector<Change>& out) const {
    const int before = type_at(from);
    for (auto it = std::upper_bound(at_ms.begin(), at_ms.end(), from); it != at_ms.end() && *it <= to; ++it) {
      out.push_back({*it, type_of[static_cast<std::size_t>(it - at_ms.begin())]});
    }
    const std::int64_t last = last_transition_ms();
    if (has_dst_rule && to > last) {
      const std::int64_t lo = std::max(from, last);
      for (const Change& c : rule_changes(year_of(lo) - 1, year_of(to) + 1)) {
        if (c.at_ms > lo && c.at_ms <= to) out.push_back(c);
      }
    }
    return before;
  }
};

}  // namespace detail

namespace {

using detail::ZoneRules;
using detail::ZoneType;

class Reader {
 public:
  Reader(const unsigned char* p, const unsigned char* end) : p_(p), end_(end) {}
  bool varint(std::uint64_t& out) {
    out = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ == end_) return false;
      const unsigned char byte = *p_++;
      out |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return false;
  }
  bool done() const { return p_ == end_; }

 private:
  const unsigned char* p_;
  const unsigned char* end_;
};

std::int64_t unzigzag(std::uint64_t v) {
  return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
}

// Decodes kTzZones[index]; nullptr if the table is damaged (the tests prove it is not).
std::shared_ptr<const ZoneRules> decode(std::size_t index) {
  const TzZone& z = kTzZones[index];
  auto rules = std::make_shared<ZoneRules>();
  Reader in(kTzRules + z.begin, kTzRules + z.end);
  std::uint64_t type_count = 0, initial = 0, count = 0;
  if (!in.varint(type_count) || type_count == 0 || type_count > 0xffff) return nullptr;
  constexpr std::size_t kAbbreviationCount = sizeof kTzAbbreviations / sizeof kTzAbbreviations[0];
  for (std::uint64_t k = 0; k < type_count; ++k) {
    std::uint64_t offset = 0, abbreviation = 0;
    if (!in.varint(offset) || !in.varint(abbreviation) || abbreviation / 2 >= kAbbreviationCount) return nullptr;
    rules->types.push_back(
        ZoneType{round_to_minutes(unzigzag(offset)), kTzAbbreviations[abbreviation / 2], (abbreviation & 1) != 0});
  }
  if (!in.varint(initial) || initial >= type_count || !in.varint(count)) return nullptr;
  rules->initial_type = static_cast<int>(initial);
  std::int64_t at_s = 0;
  for (std::uint64_t k = 0; k < count; ++k) {
    std::uint64_t code = 0;
    if (!in.varint(code)) return nullptr;
    const std::uint64_t delta = code / type_count;
    static const std::int64_t kUnits[] = {3600, 60, 1};
    at_s += unzigzag(delta / 3) * kUnits[delta % 3];
    rules->at_ms.push_back(at_s * kMsPerSecond);
    rules->type_of.push_back(static_cast<std::uint16_t>(code % type_count));
  }
  if (!in.done()) return nullptr;
  PosixRule rule;
  if (!RuleParser(z.posix).parse(rule)) return nullptr;
  if (rule.has_dst) {
    rules->has_dst_rule = true;
    rules->rule_std_type = static_cast<int>(rules->types.size());
    rules->types.push_back(ZoneType{round_to_minutes(rule.std_offset_s), rule.std_name, false});
    rules->rule_dst_type = static_cast<int>(rules->types.size());
    rules->types.push_back(ZoneType{round_to_minutes(rule.dst_offset_s), rule.dst_name, true});
  }
  rules->rule = std::move(rule);
  return rules;
}

template <typename Record, std::size_t N>
const Record* find_name(const Record (&records)[N], std::string_view name) {
  const Record* end = records + N;
  const Record* it = std::lower_bound(records, end, name,
                                      [](const Record& r, std::string_view n) { return std::string_view(r.name) < n; });
  return it != end && std::string_view(it->name) == name ? it : nullptr;
}

std::string fixed_name(int minutes) {
  if (minutes == 0) return "UTC";
  return format_offset(minutes);
}

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool fail(std::string* why_not, std::string reason) {
  if (why_not) *why_not = std::move(reason);
  return false;
}

bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  out = value;
  return true;
}

}  // namespace

Zone::Zone(std::string zone_name, int fixed_minutes, std::shared_ptr<const detail::ZoneRules> rules)
    : name_(std::move(zone_name)), fixed_minutes_(fixed_minutes), rules_(std::move(rules)) {}

Zone Zone::fixed(int offset_minutes) {
  const int minutes = std::clamp(offset_minutes, -kMaxFixedMinutes, kMaxFixedMinutes);
  return Zone(fixed_name(minutes), minutes, nullptr);
}

std::optional<Zone> Zone::named(std::string_view iana) {
  std::size_t index = 0;
  if (const TzZone* zone = find_name(kTzZones, iana)) {
    index = static_cast<std::size_t>(zone - kTzZones);
  } else if (const TzLink* link = find_name(kTzLinks, iana)) {
    index = link->zone;
  } else {
    return std::nullopt;
  }
  auto rules = decode(index);
  if (!rules) return std::nullopt;
  return Zone(kTzZones[index].name, 0, std::move(rules));
}

int Zone::offset_minutes_at(std::int64_t utc_ms) const {
  if (!rules_) return fixed_minutes_;
  return rules_->types[static_cast<std::size_t>(rules_->type_at(utc_ms))].offset_minutes;
}

std::string Zone::abbreviation_at(std::int64_t utc_ms) const {
  if (!rules_) return std::string();
  return rules_->types[static_cast<std::size_t>(rules_->type_at(utc_ms))].abbreviation;
}

bool Zone::is_dst_at(std::int64_t utc_ms) const {
  if (!rules_) return false;
  return rules_->types[static_cast<std::size_t>(rules_->type_at(utc_ms))].dst;
}

Zone::Resolved Zone::from_local(int year, int month, int day, int hour, int minute, int second,
                                int millisecond) const {
  // Carry the month into the year, keep the year where day counts cannot overflow, then add the rest exactly.
  const std::int64_t months = static_cast<std::int64_t>(year) * 12 + (static_cast<std::int64_t>(month) - 1);
  const std::int64_t y = std::clamp<std::int64_t>(floor_div(months, 12), -1'000'000, 1'000'000);
  const int m = static_cast<int>(months - floor_div(months, 12) * 12) + 1;
  const std::int64_t local = days_from_civil(LocalDate{static_cast<int>(y), m, 1}) * kMsPerDay +
                             (static_cast<std::int64_t>(day) - 1) * kMsPerDay + hour * 3'600'000LL +
                             minute * kMsPerMinute + second * kMsPerSecond + millisecond;
  if (!rules_) {
    const std::int64_t t = local - fixed_minutes_ * kMsPerMinute;
    return Resolved{t, Resolved::Kind::kUnique, t};
  }
  // The instants that could show `local`: one per stretch of constant offset near it, if it lies in its stretch.
  std::vector<ZoneRules::Change> changes;
  const int first_type = rules_->changes_between(local - kLocalWindowMs, local + kLocalWindowMs, changes);
  const auto offset_ms = [this](int type) {
    return rules_->types[static_cast<std::size_t>(type)].offset_minutes * kMsPerMinute;
  };
  std::vector<std::int64_t> found;
  for (std::size_t k = 0; k <= changes.size(); ++k) {
    const int type = k == 0 ? first_type : changes[k - 1].type;
    const std::int64_t begin = k == 0 ? std::numeric_limits<std::int64_t>::min() : changes[k - 1].at_ms;
    const std::int64_t end = k == changes.size() ? std::numeric_limits<std::int64_t>::max() : changes[k].at_ms;
    const std::int64_t t = local - offset_ms(type);
    if (t >= begin && t < end) found.push_back(t);
  }
  if (found.size() == 1) return Resolved{found[0], Resolved::Kind::kUnique, found[0]};
  if (found.size() > 1) return Resolved{found.front(), Resolved::Kind::kAmbiguous, found.back()};
  // In a gap: the change whose jump forward skipped `local`.
  int before = first_type;
  for (const ZoneRules::Change& c : changes) {
    if (local >= c.at_ms + offset_ms(before) && local < c.at_ms + offset_ms(c.type)) {
      return Resolved{c.at_ms, Resolved::Kind::kNonexistent, c.at_ms};
    }
    before = c.type;
  }
  const std::int64_t t = local - offset_ms(first_type);  // unreachable with consistent data
  return Resolved{t, Resolved::Kind::kUnique, t};
}

std::int64_t Zone::start_of_day_utc(int year, int month, int day) const {
  return from_local(year, month, day, 0, 0, 0, 0).utc_ms;
}

bool operator==(const Zone& a, const Zone& b) {
  if (a.is_fixed() != b.is_fixed()) return false;
  return a.is_fixed() ? a.fixed_minutes_ == b.fixed_minutes_ : a.name_ == b.name_;
}

LocalDateTime to_local(const Zone& zone, std::int64_t utc_ms) {
  const std::int64_t t = std::clamp(utc_ms, -kRuleLimitMs, kRuleLimitMs);
  const std::int64_t local = t + zone.offset_minutes_at(t) * kMsPerMinute;
  const std::int64_t days = floor_div(local, kMsPerDay);
  const std::int64_t ms_of_day = local - days * kMsPerDay;
  const LocalDate date = civil_from_days(days);
  return LocalDateTime{date.year,
                       date.month,
                       date.day,
                       static_cast<int>(ms_of_day / 3'600'000),
                       static_cast<int>(ms_of_day / kMsPerMinute % 60),
                       static_cast<int>(ms_of_day / kMsPerSecond % 60),
                       static_cast<int>(ms_of_day % kMsPerSecond)};
}

Zone::Resolved resolve_local(const Zone& zone, const LocalDateTime& l) {
  return zone.from_local(l.year, l.month, l.day, l.hour, l.minute, l.second, l.millisecond);
}

std::optional<Zone> parse_zone(std::string_view text, std::string* why_not) {
  if (text.empty()) {
    fail(why_not, "expected a time zone: an IANA name such as Europe/Kyiv, or a UTC offset such as +03:00");
    return std::nullopt;
  }
  if (text == "Z" || text == "z" || text == "UTC") return Zone::fixed(0);
  if (text[0] == '+' || text[0] == '-') {
    const auto offset = parse_offset(text, why_not);
    if (!offset) return std::nullopt;
    return Zone::fixed(*offset);
  }
  if (auto zone = Zone::named(text)) return zone;
  for (const std::string& name : zone_names()) {
    if (same_ignoring_case(name, text)) {
      fail(why_not, "not a time zone in the IANA tz database; names are case-sensitive: did you mean " + name + "?");
      return std::nullopt;
    }
  }
  fail(why_not, std::string("not a time zone in the IANA tz database ") + kTzdataVersion +
                    ": expected a name such as Europe/Kyiv, or a UTC offset such as +03:00");
  return std::nullopt;
}

std::optional<LocalDateTime> parse_local_datetime(std::string_view text, std::string* why_not) {
  const auto date = parse_date(text.substr(0, std::min<std::size_t>(text.size(), 10)), why_not);
  if (!date) return std::nullopt;
  if (text.size() == 10) {
    fail(why_not, "a date alone is not a date and time: add THH:MM");
    return std::nullopt;
  }
  if (text[10] != 'T' && text[10] != 't') {
    fail(why_not, "expected 'T' between date and time");
    return std::nullopt;
  }
  LocalDateTime out;
  out.year = date->year;
  out.month = date->month;
  out.day = date->day;
  std::size_t pos = 11;
  if (!read_digits(text, pos, 2, out.hour) || pos + 2 >= text.size() || text[pos + 2] != ':' ||
      !read_digits(text, pos + 3, 2, out.minute)) {
    fail(why_not, "expected a time written HH:MM or HH:MM:SS");
    return std::nullopt;
  }
  pos += 5;
  if (pos < text.size() && text[pos] == ':') {
    if (!read_digits(text, pos + 1, 2, out.second)) {
      fail(why_not, "expected seconds written SS");
      return std::nullopt;
    }
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      std::size_t digits = 0;
      int scale = 100;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (digits < 3) out.millisecond += (text[pos] - '0') * scale;
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
  if (out.hour > 23) {
    fail(why_not, "hour must be 00 to 23");
    return std::nullopt;
  }
  if (out.minute > 59) {
    fail(why_not, "minute must be 00 to 59");
    return std::nullopt;
  }
  if (out.second > 59) {
    fail(why_not, "second must be 00 to 59 (leap seconds are not supported)");
    return std::nullopt;
  }
  if (pos < text.size()) {
    const char c = text[pos];
    fail(why_not, c == 'Z' || c == 'z' || c == '+' || c == '-'
                      ? "a local date and time takes no UTC offset: the time zone gives it"
                      : "unexpected text after the time");
    return std::nullopt;
  }
  return out;
}

std::string_view tzdata_version() { return kTzdataVersion; }

std::vector<std::string> zone_names() {
  std::vector<std::string> names;
  for (const TzZone& z : kTzZones) names.emplace_back(z.name);
  for (const TzLink& l : kTzLinks) names.emplace_back(l.name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace pactcheck
