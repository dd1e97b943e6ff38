// Time zones (core/include/pactcheck/zone.hpp). The same suite runs natively and compiled to WebAssembly, so
// passing both proves the two builds agree.
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "pactcheck/time.hpp"
#include "pactcheck/zone.hpp"

using namespace pactcheck;

namespace {

struct TzType {
  int offset_s;
  const char* abbreviation;
  bool dst;
};
struct TzVector {
  const char* zone;
  std::int64_t at_s;
  TzType before;
  TzType after;
  const char* source;
};
struct TzLinkVector {
  const char* link;
  const char* zone;
};

#include "tzdata_vectors.inc"

std::int64_t utc(const char* text) {
  std::string why;
  const auto instant = parse_instant(text, &why);
  REQUIRE_MESSAGE(instant, text << ": " << why);
  return instant->utc_ms;
}

Zone zone(const char* name) {
  const auto z = Zone::named(name);
  REQUIRE_MESSAGE(z, name);
  return *z;
}

using Kind = Zone::Resolved::Kind;

int round_minutes(int seconds) { return seconds >= 0 ? (seconds + 30) / 60 : -((-seconds + 30) / 60); }

}  // namespace

TEST_CASE("zone: Europe/Kyiv springs forward on 29 March 2015 (EET -> EEST at 03:00 local = 01:00Z)") {
  const Zone kyiv = zone("Europe/Kyiv");
  CHECK(kyiv.name() == "Europe/Kyiv");
  CHECK_FALSE(kyiv.is_fixed());
  CHECK(kyiv.offset_minutes_at(utc("2015-03-29T00:59:59.999Z")) == 120);
  CHECK(kyiv.abbreviation_at(utc("2015-03-29T00:59:59.999Z")) == "EET");
  CHECK_FALSE(kyiv.is_dst_at(utc("2015-03-29T00:59:59.999Z")));
  CHECK(kyiv.offset_minutes_at(utc("2015-03-29T01:00:00Z")) == 180);
  CHECK(kyiv.abbreviation_at(utc("2015-03-29T01:00:00Z")) == "EEST");
  CHECK(kyiv.is_dst_at(utc("2015-03-29T01:00:00Z")));

  const auto before = kyiv.from_local(2015, 3, 29, 2, 30, 0, 0);
  CHECK(before.kind == Kind::kUnique);
  CHECK(before.utc_ms == utc("2015-03-29T00:30:00Z"));
  CHECK(before.second_utc_ms == before.utc_ms);

  const auto gap = kyiv.from_local(2015, 3, 29, 3, 30, 0, 0);
  CHECK(gap.kind == Kind::kNonexistent);
  CHECK(gap.utc_ms == utc("2015-03-29T01:00:00Z"));
  CHECK(gap.second_utc_ms == gap.utc_ms);
  // The gap is [03:00, 04:00): its first minute does not exist either, and 04:00 does.
  CHECK(kyiv.from_local(2015, 3, 29, 3, 0, 0, 0).kind == Kind::kNonexistent);
  CHECK(kyiv.from_local(2015, 3, 29, 3, 59, 59, 999).utc_ms == utc("2015-03-29T01:00:00Z"));
  const auto after = kyiv.from_local(2015, 3, 29, 4, 0, 0, 0);
  CHECK(after.kind == Kind::kUnique);
  CHECK(after.utc_ms == utc("2015-03-29T01:00:00Z"));
}

TEST_CASE("zone: Europe/Kyiv falls back on 25 October 2015 (04:00 EEST -> 03:00 EET): 03:30 occurs twice") {
  const Zone kyiv = zone("Europe/Kyiv");
  const auto twice = kyiv.from_local(2015, 10, 25, 3, 30, 0, 0);
  CHECK(twice.kind == Kind::kAmbiguous);
  CHECK(twice.utc_ms == utc("2015-10-25T00:30:00Z"));
  CHECK(twice.second_utc_ms == utc("2015-10-25T01:30:00Z"));
  CHECK(kyiv.abbreviation_at(twice.utc_ms) == "EEST");
  CHECK(kyiv.abbreviation_at(twice.second_utc_ms) == "EET");
  CHECK(kyiv.from_local(2015, 10, 25, 2, 59, 0, 0).kind == Kind::kUnique);
  CHECK(kyiv.from_local(2015, 10, 25, 3, 0, 0, 0).kind == Kind::kAmbiguous);
  const auto later = kyiv.from_local(2015, 10, 25, 4, 0, 0, 0);
  CHECK(later.kind == Kind::kUnique);
  CHECK(later.utc_ms == utc("2015-10-25T02:00:00Z"));
}

TEST_CASE("zone: links resolve to their zone and equal it") {
  const Zone kiev = zone("Europe/Kiev");
  CHECK(kiev.name() == "Europe/Kyiv");
  CHECK(kiev == zone("Europe/Kyiv"));
  CHECK(zone("US/Eastern") == zone("America/New_York"));
  CHECK(zone("Asia/Calcutta").name() == "Asia/Kolkata");
  CHECK(zone("UTC").name() == "Etc/UTC");
  CHECK(zone("Europe/Kyiv") != zone("Europe/Moscow"));
  // The Etc/GMT zones keep POSIX's sign: Etc/GMT+4 is four hours behind UTC.
  CHECK(zone("Etc/GMT+4").offset_minutes_at(utc("2020-06-01T00:00:00Z")) == -240);
  CHECK(zone("Etc/GMT+4").abbreviation_at(0) == "-04");
  for (const TzLinkVector& l : kTzLinkVectors) {
    CAPTURE(l.link);
    CHECK(zone(l.link).name() == l.zone);
  }
}

TEST_CASE("zone: Europe/Moscow was +04:00 from 2011 and +03:00 from 26 October 2014") {
  const Zone moscow = zone("Europe/Moscow");
  CHECK(moscow.offset_minutes_at(utc("2013-01-15T12:00:00Z")) == 240);
  CHECK(moscow.offset_minutes_at(utc("2013-07-15T12:00:00Z")) == 240);
  CHECK(moscow.offset_minutes_at(utc("2015-01-15T12:00:00Z")) == 180);
  CHECK(moscow.offset_minutes_at(utc("2015-07-15T12:00:00Z")) == 180);
  CHECK(moscow.offset_minutes_at(utc("2014-10-25T21:59:59Z")) == 240);
  CHECK(moscow.offset_minutes_at(utc("2014-10-25T22:00:00Z")) == 180);
  CHECK(moscow.abbreviation_at(utc("2013-07-15T12:00:00Z")) == "MSK");
  CHECK_FALSE(moscow.is_dst_at(utc("2013-07-15T12:00:00Z")));
  // 01:00 to 02:00 on 26 October 2014 happened twice, both in standard time.
  const auto twice = moscow.from_local(2014, 10, 26, 1, 30, 0, 0);
  CHECK(twice.kind == Kind::kAmbiguous);
  CHECK(twice.utc_ms == utc("2014-10-25T21:30:00Z"));
  CHECK(twice.second_utc_ms == utc("2014-10-25T22:30:00Z"));
}

TEST_CASE("zone: Asia/Baku is +04:00 with no DST since 2016, and had DST (+05:00) in 2015") {
  const Zone baku = zone("Asia/Baku");
  CHECK(baku.offset_minutes_at(utc("2015-01-15T12:00:00Z")) == 240);
  CHECK(baku.offset_minutes_at(utc("2015-07-15T12:00:00Z")) == 300);
  CHECK(baku.is_dst_at(utc("2015-07-15T12:00:00Z")));
  CHECK(baku.offset_minutes_at(utc("2015-10-24T23:59:59Z")) == 300);
  CHECK(baku.offset_minutes_at(utc("2015-10-25T00:00:00Z")) == 240);
  CHECK(baku.from_local(2015, 3, 29, 4, 30, 0, 0).kind == Kind::kNonexistent);
  for (int year = 2016; year <= 2100; ++year) {
    for (int month = 1; month <= 12; ++month) {
      const std::int64_t t = days_from_civil({year, month, 15}) * 86'400'000LL;
      CAPTURE(year);
      CAPTURE(month);
      CHECK(baku.offset_minutes_at(t) == 240);
      CHECK_FALSE(baku.is_dst_at(t));
    }
  }
  CHECK(baku.abbreviation_at(utc("2020-11-10T00:00:00Z")) == "+04");
  CHECK(baku.from_local(2020, 3, 29, 4, 30, 0, 0).kind == Kind::kUnique);
}

TEST_CASE("zone: Asia/Kabul is +04:30") {
  const Zone kabul = zone("Asia/Kabul");
  CHECK(kabul.offset_minutes_at(utc("2021-08-15T12:00:00Z")) == 270);
  CHECK(kabul.offset_minutes_at(utc("1990-01-01T00:00:00Z")) == 270);
  const auto r = kabul.from_local(2021, 8, 15, 16, 30, 0, 0);
  CHECK(r.kind == Kind::kUnique);
  CHECK(r.utc_ms == utc("2021-08-15T12:00:00Z"));
}

TEST_CASE("zone: America/New_York around both 2021 transitions") {
  const Zone ny = zone("America/New_York");
  // 14 March 2021, 02:00 EST -> 03:00 EDT (07:00Z).
  CHECK(ny.offset_minutes_at(utc("2021-03-14T06:59:59Z")) == -300);
  CHECK(ny.abbreviation_at(utc("2021-03-14T06:59:59Z")) == "EST");
  CHECK(ny.offset_minutes_at(utc("2021-03-14T07:00:00Z")) == -240);
  CHECK(ny.abbreviation_at(utc("2021-03-14T07:00:00Z")) == "EDT");
  const auto gap = ny.from_local(2021, 3, 14, 2, 30, 0, 0);
  CHECK(gap.kind == Kind::kNonexistent);
  CHECK(gap.utc_ms == utc("2021-03-14T07:00:00Z"));
  CHECK(ny.from_local(2021, 3, 14, 1, 59, 0, 0).utc_ms == utc("2021-03-14T06:59:00Z"));
  CHECK(ny.from_local(2021, 3, 14, 3, 0, 0, 0).utc_ms == utc("2021-03-14T07:00:00Z"));
  // 7 November 2021, 02:00 EDT -> 01:00 EST (06:00Z): 01:30 occurs twice.
  CHECK(ny.offset_minutes_at(utc("2021-11-07T05:59:59Z")) == -240);
  CHECK(ny.offset_minutes_at(utc("2021-11-07T06:00:00Z")) == -300);
  const auto twice = ny.from_local(2021, 11, 7, 1, 30, 0, 0);
  CHECK(twice.kind == Kind::kAmbiguous);
  CHECK(twice.utc_ms == utc("2021-11-07T05:30:00Z"));
  CHECK(twice.second_utc_ms == utc("2021-11-07T06:30:00Z"));
  const auto after = ny.from_local(2021, 11, 7, 2, 0, 0, 0);
  CHECK(after.kind == Kind::kUnique);
  CHECK(after.utc_ms == utc("2021-11-07T07:00:00Z"));
}

TEST_CASE("zone: far-future instants follow each zone's POSIX TZ rule") {
  const Zone kyiv = zone("Europe/Kyiv");
  // Last Sunday of March 2080 is the 31st; of October, the 27th (glibc's zdump agrees).
  CHECK(kyiv.offset_minutes_at(utc("2080-03-31T00:59:59Z")) == 120);
  CHECK(kyiv.offset_minutes_at(utc("2080-03-31T01:00:00Z")) == 180);
  CHECK(kyiv.abbreviation_at(utc("2080-07-01T00:00:00Z")) == "EEST");
  CHECK(kyiv.offset_minutes_at(utc("2080-10-27T00:59:59Z")) == 180);
  CHECK(kyiv.offset_minutes_at(utc("2080-10-27T01:00:00Z")) == 120);
  CHECK(kyiv.from_local(2080, 3, 31, 3, 30, 0, 0).kind == Kind::kNonexistent);
  CHECK(kyiv.from_local(2080, 10, 27, 3, 30, 0, 0).kind == Kind::kAmbiguous);
  const Zone ny = zone("America/New_York");
  // Second Sunday of March 2080: 10 March; first Sunday of November: 3 November.
  CHECK(ny.offset_minutes_at(utc("2080-03-10T06:59:59Z")) == -300);
  CHECK(ny.offset_minutes_at(utc("2080-03-10T07:00:00Z")) == -240);
  CHECK(ny.offset_minutes_at(utc("2080-11-03T05:59:59Z")) == -240);
  CHECK(ny.offset_minutes_at(utc("2080-11-03T06:00:00Z")) == -300);
  // Southern hemisphere: Sydney is in DST at the turn of the year.
  CHECK(zone("Australia/Sydney").offset_minutes_at(utc("2081-01-01T00:00:00Z")) == 660);
  CHECK(zone("Australia/Sydney").offset_minutes_at(utc("2080-07-01T00:00:00Z")) == 600);
}

TEST_CASE("zone: every transition and 2080 change the generator recorded") {
  REQUIRE(sizeof kTzVectors / sizeof kTzVectors[0] > 1000);
  std::size_t checked = 0;
  for (const TzVector& v : kTzVectors) {
    CAPTURE(v.zone);
    CAPTURE(v.at_s);
    CAPTURE(v.source);
    const Zone z = zone(v.zone);
    const std::int64_t t = v.at_s * 1000;
    CHECK(z.offset_minutes_at(t - 1) == round_minutes(v.before.offset_s));
    CHECK(z.abbreviation_at(t - 1) == v.before.abbreviation);
    CHECK(z.is_dst_at(t - 1) == v.before.dst);
    CHECK(z.offset_minutes_at(t) == round_minutes(v.after.offset_s));
    CHECK(z.abbreviation_at(t) == v.after.abbreviation);
    CHECK(z.is_dst_at(t) == v.after.dst);
    ++checked;
  }
  CHECK(checked == sizeof kTzVectors / sizeof kTzVectors[0]);
}

TEST_CASE("zone: the compiled table names every zone and link, from the pinned tz version") {
  CHECK(tzdata_version() == kExpectedTzdataVersion);
  const auto names = zone_names();
  CHECK(names.size() == kExpectedZoneCount + sizeof kTzLinkVectors / sizeof kTzLinkVectors[0]);
  std::size_t canonical = 0;
  for (const std::string& name : names) {
    CAPTURE(name);
    const auto z = Zone::named(name);
    REQUIRE(z);
    if (z->name() == name) ++canonical;
  }
  CHECK(canonical == kExpectedZoneCount);
}

TEST_CASE("zone: fixed offsets") {
  const Zone plus4 = Zone::fixed(240);
  CHECK(plus4.is_fixed());
  CHECK(plus4.name() == "+04:00");
  CHECK(Zone::fixed(0).name() == "UTC");
  CHECK(Zone::fixed(-330).name() == "-05:30");
  CHECK(Zone::fixed(5000).name() == "+18:00");
  CHECK(plus4.offset_minutes_at(utc("1900-01-01T00:00:00Z")) == 240);
  CHECK(plus4.offset_minutes_at(utc("2080-01-01T00:00:00Z")) == 240);
  CHECK(plus4.abbreviation_at(0).empty());
  CHECK_FALSE(plus4.is_dst_at(0));
  const auto r = plus4.from_local(2020, 11, 10, 1, 0, 0, 0);
  CHECK(r.kind == Kind::kUnique);
  CHECK(r.utc_ms == utc("2020-11-10T01:00:00+04:00"));
  CHECK(plus4.start_of_day_utc(2020, 11, 10) == utc("2020-11-09T20:00:00Z"));
  CHECK(plus4 == Zone::fixed(240));
  CHECK(plus4 != Zone::fixed(180));
  CHECK(Zone::fixed(0) != zone("Etc/UTC"));
  CHECK(Zone::fixed(180) != zone("Europe/Moscow"));
}

TEST_CASE("zone: unknown names are refused") {
  CHECK_FALSE(Zone::named("Mars/Olympus_Mons"));
  CHECK_FALSE(Zone::named(""));
  CHECK_FALSE(Zone::named("europe/kyiv"));
  CHECK_FALSE(Zone::named("Europe/Kyiv "));
  CHECK_FALSE(Zone::named("+04:00"));
  CHECK_FALSE(Zone::named("localtime"));
  CHECK_FALSE(Zone::named("posix/Europe/Kyiv"));
  CHECK_FALSE(Zone::named(std::string("Europe/Kyiv\0x", 13)));
}

TEST_CASE("zone: start of day when midnight falls in a gap, twice, or the whole day was skipped") {
  // Santiago, 8 September 2019: 00:00 -04 jumped to 01:00 -03 (04:00Z).
  const Zone santiago = zone("America/Santiago");
  CHECK(santiago.from_local(2019, 9, 8, 0, 0, 0, 0).kind == Kind::kNonexistent);
  CHECK(santiago.start_of_day_utc(2019, 9, 8) == utc("2019-09-08T04:00:00Z"));
  CHECK(to_local(santiago, santiago.start_of_day_utc(2019, 9, 8)).hour == 1);
  CHECK(santiago.start_of_day_utc(2019, 9, 9) == utc("2019-09-09T00:00:00-03:00"));
  // Beirut, 29 March 2015: 00:00 EET jumped to 01:00 EEST (28 March, 22:00Z).
  CHECK(zone("Asia/Beirut").start_of_day_utc(2015, 3, 29) == utc("2015-03-28T22:00:00Z"));
  // Havana, 14 March 2021: 00:00 CST jumped to 01:00 CDT; 7 November 2021: 01:00 CDT went back to 00:00 CST,
  // so that day's midnight occurred twice and the day starts at the first.
  const Zone havana = zone("America/Havana");
  CHECK(havana.start_of_day_utc(2021, 3, 14) == utc("2021-03-14T05:00:00Z"));
  const auto twice = havana.from_local(2021, 11, 7, 0, 0, 0, 0);
  CHECK(twice.kind == Kind::kAmbiguous);
  CHECK(havana.start_of_day_utc(2021, 11, 7) == utc("2021-11-07T04:00:00Z"));
  // Apia skipped 30 December 2011 (29 December, 23:59:59 -10 was followed by 31 December, 00:00 +14).
  const Zone apia = zone("Pacific/Apia");
  CHECK(apia.start_of_day_utc(2011, 12, 30) == utc("2011-12-30T10:00:00Z"));
  CHECK(apia.start_of_day_utc(2011, 12, 31) == utc("2011-12-30T10:00:00Z"));
  CHECK(apia.from_local(2011, 12, 30, 12, 0, 0, 0).kind == Kind::kNonexistent);
  // An ordinary day.
  CHECK(zone("Europe/Kyiv").start_of_day_utc(2015, 3, 29) == utc("2015-03-28T22:00:00Z"));
}

TEST_CASE("zone: history before 1970, and offsets that are not whole minutes") {
  const Zone kyiv = zone("Europe/Kyiv");
  CHECK(kyiv.offset_minutes_at(utc("1870-01-01T00:00:00Z")) == 122);  // local mean time +02:02:04
  CHECK(kyiv.abbreviation_at(utc("1870-01-01T00:00:00Z")) == "LMT");
  CHECK(kyiv.offset_minutes_at(utc("1943-01-01T00:00:00Z")) == 60);  // CET under German occupation
  CHECK(kyiv.abbreviation_at(utc("1943-01-01T00:00:00Z")) == "CET");
  // Monrovia kept -00:44:30 until 7 January 1972; rounded to -00:45.
  const Zone monrovia = zone("Africa/Monrovia");
  CHECK(monrovia.offset_minutes_at(utc("1971-06-01T00:00:00Z")) == -45);
  CHECK(monrovia.offset_minutes_at(utc("1972-01-07T00:44:30Z")) == 0);
}

TEST_CASE("zone: out-of-range fields carry, and extreme inputs stay defined") {
  const Zone kyiv = zone("Europe/Kyiv");
  CHECK(kyiv.from_local(2015, 13, 1, 0, 0, 0, 0).utc_ms == kyiv.from_local(2016, 1, 1, 0, 0, 0, 0).utc_ms);
  CHECK(kyiv.from_local(2015, 2, 30, 0, 0, 0, 0).utc_ms == kyiv.from_local(2015, 3, 2, 0, 0, 0, 0).utc_ms);
  CHECK(kyiv.from_local(2015, 3, 28, 24, 0, 0, 0).utc_ms == kyiv.start_of_day_utc(2015, 3, 29));
  CHECK(kyiv.from_local(2015, 0, 1, 0, 0, 0, 0).utc_ms == kyiv.from_local(2014, 12, 1, 0, 0, 0, 0).utc_ms);
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  for (const Zone& z : {kyiv, zone("America/New_York"), zone("Etc/UTC"), Zone::fixed(-600)}) {
    CAPTURE(z.name());
    CHECK(z.offset_minutes_at(kMin) == z.offset_minutes_at(kMin / 2));
    CHECK(z.offset_minutes_at(kMax) == z.offset_minutes_at(kMax / 2));
    (void)to_local(z, kMin);
    (void)to_local(z, kMax);
    constexpr int kBig = std::numeric_limits<int>::max();
    constexpr int kSmall = std::numeric_limits<int>::min();
    (void)z.from_local(kBig, kBig, kBig, kBig, kBig, kBig, kBig);
    (void)z.from_local(kSmall, kSmall, kSmall, kSmall, kSmall, kSmall, kSmall);
    (void)z.start_of_day_utc(kBig, 1, 1);
  }
}

TEST_CASE("zone: parse_zone accepts IANA names and offsets, with reasons") {
  std::string why;
  auto kyiv = parse_zone("Europe/Kyiv", &why);
  REQUIRE(kyiv);
  CHECK(kyiv->name() == "Europe/Kyiv");
  auto kiev = parse_zone("Europe/Kiev", &why);
  REQUIRE(kiev);
  CHECK(*kiev == *kyiv);
  auto plus3 = parse_zone("+03:00", &why);
  REQUIRE(plus3);
  CHECK(*plus3 == Zone::fixed(180));
  auto minus5 = parse_zone("-05:00", &why);
  REQUIRE(minus5);
  CHECK(minus5->offset_minutes_at(0) == -300);
  CHECK(minus5->name() == "-05:00");
  for (const char* utc_text : {"Z", "UTC"}) {
    auto z = parse_zone(utc_text, &why);
    REQUIRE(z);
    CHECK(*z == Zone::fixed(0));
  }
  auto etc = parse_zone("Etc/UTC", &why);
  REQUIRE(etc);
  CHECK_FALSE(etc->is_fixed());

  const char* bad[] = {"", "+25:00", "+04:60", "+4", "04:00", "Nowhere/Else", "europe/kyiv", "Europe/Kyiv/", " UTC"};
  for (const char* text : bad) {
    CAPTURE(text);
    std::string reason;
    CHECK_FALSE(parse_zone(text, &reason));
    CHECK_FALSE(reason.empty());
  }
  parse_zone("europe/kyiv", &why);
  CHECK(why.find("Europe/Kyiv") != std::string::npos);
  parse_zone("Nowhere/Else", &why);
  CHECK(why.find(std::string(tzdata_version())) != std::string::npos);
  parse_zone("+25:00", &why);
  CHECK(why.find("18:00") != std::string::npos);
  CHECK_FALSE(parse_zone("Nowhere", nullptr));  // no reason wanted
}

TEST_CASE("zone: parse_local_datetime reads local times and refuses impossible ones") {
  std::string why;
  auto t = parse_local_datetime("2015-03-29T02:30", &why);
  REQUIRE(t);
  CHECK(t->year == 2015);
  CHECK(t->month == 3);
  CHECK(t->day == 29);
  CHECK(t->hour == 2);
  CHECK(t->minute == 30);
  CHECK(t->second == 0);
  CHECK(t->millisecond == 0);
  auto s = parse_local_datetime("2015-10-25T03:30:15.25", &why);
  REQUIRE(s);
  CHECK(s->second == 15);
  CHECK(s->millisecond == 250);
  auto nine = parse_local_datetime("2015-10-25T03:30:15.123456789", &why);
  REQUIRE(nine);
  CHECK(nine->millisecond == 123);
  CHECK(resolve_local(zone("Europe/Kyiv"), *s).kind == Kind::kAmbiguous);

  struct Bad {
    const char* text;
    const char* reason_contains;
  };
  const Bad bad[] = {{"2015-03-29T24:00", "hour"},
                     {"2021-02-30T00:00", "day"},
                     {"2015-13-01T00:00", "month"},
                     {"2015-03-29T23:60", "minute"},
                     {"2015-03-29T23:59:60", "leap"},
                     {"2015-03-29T02:30Z", "offset"},
                     {"2015-03-29T02:30+03:00", "offset"},
                     {"2015-03-29", "time"},
                     {"2015-03-29 02:30", "'T'"},
                     {"2015-03-29T2:30", "HH:MM"},
                     {"2015-03-29T02:30:00.", "fraction"},
                     {"2015-03-29T02:30:00.1234567890", "fraction"},
                     {"2015-03-29T02:30x", "unexpected"},
                     {"", "date"},
                     {"0000-01-01T00:00", "year"}};
  for (const Bad& b : bad) {
    CAPTURE(b.text);
    std::string reason;
    CHECK_FALSE(parse_local_datetime(b.text, &reason));
    CHECK(reason.find(b.reason_contains) != std::string::npos);
  }
}

TEST_CASE("zone: property: from_local(to_local(t)) gives t back, 10,000 instants in 1970-2100 across 50 zones") {
  // Fifty zones: some with notable histories, then every n-th canonical zone of the table.
  std::vector<Zone> zones;
  for (const char* name : {"Europe/Kyiv", "Europe/Moscow", "Asia/Baku", "Asia/Kabul", "America/New_York",
                           "America/Santiago", "Asia/Beirut", "America/Havana", "Pacific/Apia", "Australia/Lord_Howe",
                           "Europe/Dublin", "Asia/Gaza", "Africa/Casablanca", "America/Godthab", "Pacific/Chatham",
                           "Asia/Kathmandu", "Africa/Monrovia", "Pacific/Kiritimati", "Asia/Tehran", "Antarctica/Troll"}) {
    zones.push_back(zone(name));
  }
  std::vector<std::string> canonical;
  for (const std::string& name : zone_names()) {
    if (Zone::named(name)->name() == name) canonical.push_back(name);
  }
  for (std::size_t k = 0; zones.size() < 50; k += canonical.size() / 30) zones.push_back(zone(canonical[k].c_str()));
  REQUIRE(zones.size() == 50);

  std::mt19937_64 rng(20201110);  // the raw engine's output is the same on every platform
  const std::int64_t from = utc("1970-01-01T00:00:00Z");
  const std::int64_t span = utc("2100-01-01T00:00:00Z") - from;
  int ambiguous = 0;
  for (int i = 0; i < 10'000; ++i) {
    const Zone& z = zones[static_cast<std::size_t>(i) % zones.size()];
    const std::int64_t t = from + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(span));
    const LocalDateTime local = to_local(z, t);
    const Zone::Resolved r = resolve_local(z, local);
    CAPTURE(z.name());
    CAPTURE(format_instant(t, 0));
    CHECK(r.kind != Kind::kNonexistent);
    if (r.kind == Kind::kAmbiguous) {
      ++ambiguous;
      CHECK((r.utc_ms == t || r.second_utc_ms == t));
      CHECK(r.utc_ms < r.second_utc_ms);
      CHECK(to_local(z, r.utc_ms).hour == local.hour);
      CHECK(to_local(z, r.second_utc_ms).minute == local.minute);
    } else {
      CHECK(r.utc_ms == t);
    }
  }
  // Overlaps are rare (an hour or so a year), but 10,000 draws find some.
  CHECK(ambiguous > 0);
}
