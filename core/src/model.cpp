#include "pactcheck/model.hpp"

#include <algorithm>

#include "kinds/kind.hpp"

namespace pactcheck {

const char* standard_name(Standard s) {
  switch (s) {
    case Standard::kAnyReport: return "any_report";
    case Standard::kUncontested: return "uncontested";
    case Standard::kConfirmed: return "confirmed";
  }
  return "uncontested";
}

std::optional<Who> Agreement::find(const std::string& entity_id) const {
  for (std::size_t i = 0; i < entities.size(); ++i) {
    if (entities[i].id == entity_id) return static_cast<Who>(i);
  }
  return std::nullopt;
}

std::optional<Who> Agreement::find_party(const std::string& party_id) const {
  auto w = find(party_id);
  if (w && is_party(*w)) return w;
  return std::nullopt;
}

std::optional<TypeId> Agreement::find_type(const std::string& type_id) const {
  const auto it = std::find(event_types.begin(), event_types.end(), type_id);
  if (it == event_types.end()) return std::nullopt;
  return static_cast<TypeId>(it - event_types.begin());
}

int Agreement::obligation_index(const std::string& obligation_id) const {
  for (std::size_t i = 0; i < obligations.size(); ++i) {
    if (obligations[i].id == obligation_id) return static_cast<int>(i);
  }
  return -1;
}

const std::string& Agreement::name_of(Who who) const {
  static const std::string kNoOne = "no one";
  return who < entities.size() ? entities[who].name : kNoOne;
}

const std::string& Agreement::id_of(Who who) const {
  static const std::string kNone;
  return who < entities.size() ? entities[who].id : kNone;
}

Reading::Reading() = default;
Reading::Reading(std::string reading_id, std::string reading_label, std::unique_ptr<Clause> reading_clause)
    : id(std::move(reading_id)), label(std::move(reading_label)), clause(std::move(reading_clause)) {}
Reading::~Reading() = default;
Reading::Reading(Reading&&) noexcept = default;
Reading& Reading::operator=(Reading&&) noexcept = default;

bool Event::has_type(TypeId t) const { return std::find(types.begin(), types.end(), t) != types.end(); }
bool Event::has_alternative_type(TypeId t) const {
  return std::find(alternative_types.begin(), alternative_types.end(), t) != alternative_types.end();
}

}  // namespace pactcheck
