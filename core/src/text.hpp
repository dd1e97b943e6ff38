// Small text helpers shared by kinds' sentences and the renderers. Locale-free and deterministic.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pactcheck {

// Most items a sentence names; the rest are counted ("A, B, ... and 1631 more"): a report at a million events
// keeps sentences readable, and its evidence lists every item.
constexpr std::size_t kMaxNamedInSentence = 25;
// "A", "A and B", "A, B and C" (`last` joins the final pair: " and " or " or "); past kMaxNamedInSentence items,
// the first ones and a count of the rest ("A, B, ... Y and 7 more").
std::string join_names(const std::vector<std::string>& items, const char* last = " and ");
// Every item separated by `separator` ("A; B; C").
std::string join_all(const std::vector<std::string>& items, const char* separator);
// "1 event", "3 events".
std::string plural(std::size_t n, const char* one, const char* many);
// Whole numbers without a fraction ("1960"), others in shortest round-trip form ("2.5").
std::string format_number(double v);
// The same as JSON: an integer when whole, else a double.
nlohmann::ordered_json json_number(double value);
// The first letter in upper case (ASCII).
std::string capitalised(std::string s);
// A vocabulary id read as words: "living_women" -> "living women".
std::string id_words(const std::string& id);
// A count of a category whose id is a plural noun with no known singular: "2 bodies", "1 (living women)".
std::string count_of(double n, const std::string& category);

}  // namespace pactcheck
