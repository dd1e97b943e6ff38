#include "text.hpp"

#include <algorithm>
#include <cmath>

namespace pactcheck {

std::string join_names(const std::vector<std::string>& items, const char* last) {
  std::string out;
  if (items.size() > kMaxNamedInSentence) {
    for (std::size_t i = 0; i < kMaxNamedInSentence; ++i) out += (i ? ", " : "") + items[i];
    return out + last + std::to_string(items.size() - kMaxNamedInSentence) + " more";
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? last : ", ";
    out += items[i];
  }
  return out;
}

std::string join_all(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? separator : "") + items[i];
  return out;
}

std::string plural(std::size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

std::string format_number(double v) {
  if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return nlohmann::ordered_json(v).dump();
}

nlohmann::ordered_json json_number(double value) {
  if (std::floor(value) == value && std::fabs(value) < 9e15) return nlohmann::ordered_json(static_cast<long long>(value));
  return nlohmann::ordered_json(value);
}

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string id_words(const std::string& id) {
  std::string s = id;
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}

std::string count_of(double n, const std::string& category) {
  return n == 1 ? "1 (" + id_words(category) + ")" : format_number(n) + " " + id_words(category);
}

}  // namespace pactcheck
