#include "pactcheck/model.hpp"

#include <algorithm>

namespace pactcheck {

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::kProhibition: return "prohibition";
    case Kind::kHoldPositions: return "hold_positions";
    case Kind::kActByDeadline: return "act_by_deadline";
    case Kind::kQuantityCap: return "quantity_cap";
    case Kind::kExchange: return "exchange";
    case Kind::kTerm: return "term";
    case Kind::kQualitative: return "qualitative";
    case Kind::kNotEvaluated: return "not_evaluated";
  }
  return "unknown";
}

const Party* Agreement::party(const std::string& party_id) const {
  for (const Party& p : parties) {
    if (p.id == party_id) return &p;
  }
  return nullptr;
}

bool Agreement::has_party(const std::string& party_id) const { return party(party_id) != nullptr; }

bool Agreement::has_party_or_monitor(const std::string& party_id) const {
  if (has_party(party_id)) return true;
  return std::any_of(monitors.begin(), monitors.end(), [&](const Party& m) { return m.id == party_id; });
}

bool Agreement::has_event_type(const std::string& type) const {
  return std::find(event_types.begin(), event_types.end(), type) != event_types.end();
}

int Agreement::obligation_index(const std::string& obligation_id) const {
  for (std::size_t i = 0; i < obligations.size(); ++i) {
    if (obligations[i].id == obligation_id) return static_cast<int>(i);
  }
  return -1;
}

bool Event::has_actor_party(const std::string& p) const {
  return std::any_of(actors.begin(), actors.end(), [&](const Actor& a) { return a.party == p; });
}

bool Event::has_unattributed_actor() const {
  return actors.empty() || std::all_of(actors.begin(), actors.end(), [](const Actor& a) { return a.party.empty(); });
}

}  // namespace pactcheck
