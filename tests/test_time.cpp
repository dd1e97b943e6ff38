#include <doctest/doctest.h>

#include "pactcheck/time.hpp"

using namespace pactcheck;

TEST_CASE("instants carry their offset and convert to UTC") {
  std::string why;
  auto moscow = parse_instant("2020-11-10T00:00:00+03:00", &why);
  REQUIRE(moscow);
  CHECK(format_instant(moscow->utc_ms, 0) == "2020-11-09T21:00:00Z");
  CHECK(format_instant(moscow->utc_ms, 4 * 60) == "2020-11-10T01:00:00+04:00");
  CHECK(format_instant(*moscow) == "2020-11-10T00:00:00+03:00");
  auto z = parse_instant("2020-11-09T21:00Z", &why);
  REQUIRE(z);
  CHECK(z->utc_ms == moscow->utc_ms);
  auto frac = parse_instant("2020-11-09T21:00:00.250-02:30", &why);
  REQUIRE(frac);
  CHECK(format_instant(frac->utc_ms, 0) == "2020-11-09T23:30:00.250Z");
}

TEST_CASE("impossible instants are refused with a reason") {
  const char* bad[] = {"2020-11-10T00:00:00",        // no offset
                       "2020-11-10",                 // a date is not an instant
                       "2021-02-30T00:00:00Z",       // 30 February
                       "2020-13-01T00:00:00Z",       // month 13
                       "2020-11-10T24:00:00Z",       // hour 24
                       "2020-11-10T23:60:00Z",       // minute 60
                       "2020-11-10T23:59:60Z",       // leap second
                       "2020-11-10T00:00:00+25:00",  // offset beyond 18:00
                       "2020-11-10T00:00:00+04:60",  // offset minutes 60
                       "2020-11-10 00:00:00Z",       // space separator
                       "20-11-10T00:00:00Z",
                       "",
                       "2020-11-10T00:00:00.Z"};
  for (const char* text : bad) {
    CAPTURE(text);
    std::string why;
    CHECK_FALSE(parse_instant(text, &why));
    CHECK_FALSE(why.empty());
  }
  std::string why;
  parse_instant("2020-11-10T00:00:00", &why);
  CHECK(why.find("offset") != std::string::npos);
}

TEST_CASE("leap years and calendar steps") {
  CHECK(is_valid_date(2020, 2, 29));
  CHECK_FALSE(is_valid_date(2021, 2, 29));
  CHECK_FALSE(is_valid_date(1900, 2, 29));
  CHECK(is_valid_date(2000, 2, 29));
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({2020, 11, 10}) == 18576);
  const LocalDate back = civil_from_days(18576);
  CHECK(back.year == 2020);
  CHECK(back.month == 11);
  CHECK(back.day == 10);
  // One month after 31 January is the last day of February.
  CHECK(format_date(add_to_date({2021, 1, 31}, Duration{0, 1, 0, 0})) == "2021-02-28");
  CHECK(format_date(add_to_date({2020, 1, 31}, Duration{0, 1, 0, 0})) == "2020-02-29");
  CHECK(format_date(add_to_date({2020, 11, 10}, Duration{5, 0, 0, 0})) == "2025-11-10");
  CHECK(format_date(add_to_date({2020, 12, 31}, Duration{0, 0, 1, 0})) == "2021-01-01");
  CHECK(format_date(add_to_date({2025, 11, 10}, Duration{0, -6, 0, 0})) == "2025-05-10");
}

TEST_CASE("durations added in a zone keep the local time of day") {
  std::string why;
  const auto start = parse_instant("2020-11-10T00:00:00+03:00", &why);
  REQUIRE(start);
  const Instant expiry = add_duration(*start, Duration{5, 0, 0, 0}, 4 * 60);
  CHECK(format_instant(expiry.utc_ms, 4 * 60) == "2025-11-10T01:00:00+04:00");
  const Instant later = add_duration(*start, Duration{0, 0, 0, 12}, 4 * 60);
  CHECK(format_instant(later.utc_ms, 0) == "2020-11-10T09:00:00Z");
}

TEST_CASE("local days and where a span lies against a boundary") {
  std::string why;
  const auto start = parse_instant("2020-11-09T21:00:00Z", &why);
  REQUIRE(start);
  // 10 November in UTC+04:00 runs from 2020-11-09T20:00Z: it straddles the start of the ceasefire.
  const Instant day = start_of_day({2020, 11, 10}, 4 * 60);
  const TimeSpan whole_day{day, Instant{day.utc_ms + 86'400'000 - 1, 240}};
  CHECK(side_of(whole_day, start->utc_ms) == Side::kStraddles);
  const auto before = parse_instant("2020-11-09T20:59:00Z", &why);
  const auto after = parse_instant("2020-11-09T21:01:00Z", &why);
  CHECK(side_of(TimeSpan{*before, *before}, start->utc_ms) == Side::kBefore);
  CHECK(side_of(TimeSpan{*after, *after}, start->utc_ms) == Side::kAtOrAfter);
  CHECK(side_of(TimeSpan{*start, *start}, start->utc_ms) == Side::kAtOrAfter);
  const LocalDate local = local_date(start->utc_ms, 4 * 60);
  CHECK(format_date(local) == "2020-11-10");
  CHECK(format_date(local_date(start->utc_ms, 0)) == "2020-11-09");
  CHECK(format_date(local_date(-1, 0)) == "1969-12-31");
}

TEST_CASE("offsets") {
  std::string why;
  CHECK(parse_offset("Z", &why) == 0);
  CHECK(parse_offset("+04:00", &why) == 240);
  CHECK(parse_offset("-03:30", &why) == -210);
  CHECK(parse_offset("+18:00", &why) == 1080);
  CHECK_FALSE(parse_offset("+18:01", &why));
  CHECK_FALSE(parse_offset("+4:00", &why));
  CHECK(format_offset(-210) == "-03:30");
  CHECK(describe(Duration{1, 2, 0, 0}) == "1 year, 2 months");
}
