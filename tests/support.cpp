#include "support.hpp"

#include <fstream>
#include <iterator>
#include <sstream>

#include "pactcheck/api.hpp"

namespace pactcheck::testing {

using nlohmann::json;

Settings& settings() {
  static Settings s;
  return s;
}

json check(const std::string& agreement, const std::string& events, const json& options) {
  return json::parse(pactcheck::check(agreement, events, options.dump()), nullptr, false);
}

json base_agreement() {
  return json::parse(R"J({
    "format": "pactcheck/agreement", "version": 1, "id": "unit", "title": "Unit-test agreement (synthetic)",
    "signed": "2020-11-09", "local_offset": "+04:00",
    "parties": [{"id": "AZ", "name": "Azerbaijan"}, {"id": "AM", "name": "Armenia"},
                {"id": "RU", "name": "Russia", "role": "guarantor"}],
    "monitors": [{"id": "MON", "name": "Monitor"}],
    "instruments": [{"id": "s", "title": "Statement", "date": "2020-11-09"}],
    "vocabulary": {
      "event_types": [{"id": "armed_clash"}, {"id": "territorial_advance"}, {"id": "territory_handover"},
                      {"id": "deadline_amendment"}, {"id": "deployment"}, {"id": "prisoner_exchange"},
                      {"id": "meeting_held"}, {"id": "lists_submitted"}, {"id": "notice_of_termination"},
                      {"id": "withdrawal"}, {"id": "refugee_return"}, {"id": "protest"}],
      "subjects": [{"id": "district-a"}, {"id": "group"}]
    },
    "areas": [
      {"id": "zone", "name": "Zone", "geometry": {"type": "Polygon",
        "coordinates": [[[46.0, 39.0], [47.5, 39.0], [47.5, 40.5], [46.0, 40.5], [46.0, 39.0]]]}},
      {"id": "az-area", "name": "AZ area", "geometry": {"type": "Polygon",
        "coordinates": [[[46.0, 39.0], [47.5, 39.0], [47.5, 39.5], [46.0, 39.5], [46.0, 39.0]]]}},
      {"id": "am-area", "name": "AM area", "geometry": {"type": "Polygon",
        "coordinates": [[[46.0, 39.5], [47.5, 39.5], [47.5, 40.5], [46.0, 40.5], [46.0, 39.5]]]}}
    ],
    "lines": [{"id": "road", "name": "Road", "geometry": {"type": "LineString", "coordinates": [[46.0, 39.8], [47.0, 39.8]]}}],
    "obligations": []
  })J");
}

std::string agreement_with(const json& obligations, const json& extra) {
  json a = base_agreement();
  a["obligations"] = obligations;
  for (auto it = extra.begin(); it != extra.end(); ++it) a[it.key()] = it.value();
  return a.dump();
}

std::string events_with(const json& events) {
  return json{{"format", "pactcheck/events"}, {"version", 1}, {"title", "unit events (synthetic)"}, {"synthetic", true},
              {"events", events}}
      .dump();
}

const json& obligation_of(const json& envelope, const std::string& obligation) {
  static const json kMissing = json::object();
  if (!envelope.contains("report")) return kMissing;
  for (const auto& o : envelope["report"]["obligations"]) {
    if (o["id"] == obligation) return o;
  }
  return kMissing;
}

std::string status_of(const json& envelope, const std::string& obligation) {
  const json& o = obligation_of(envelope, obligation);
  return o.contains("status") ? o["status"].get<std::string>() : "<missing>";
}

std::string bearer_status(const json& envelope, const std::string& obligation, const std::string& party) {
  const json& o = obligation_of(envelope, obligation);
  if (!o.contains("by_bearer")) return "<missing>";
  for (const auto& b : o["by_bearer"]) {
    if (b["party"] == party) return b["status"].get<std::string>();
  }
  return "<missing>";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

bool write_file(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out << data;
  return static_cast<bool>(out);
}

std::vector<std::string> ignored_reasons(const json& envelope, const std::string& event) {
  std::vector<std::string> out;
  for (const auto& g : envelope["report"]["events"]["ignored_groups"]) {
    for (const auto& id : g["events"]) {
      if (id == event) out.push_back(g["reason"].get<std::string>());
    }
  }
  return out;
}

json obligation_json(const std::string& id, const std::string& kind, const json& params, const json& bearers) {
  return json{{"id", id},           {"instrument", "s"}, {"point", "1"},    {"text", "Clause " + id + "."},
              {"bearers", bearers}, {"kind", kind},      {"params", params}};
}

json event_json(const std::string& id, const std::string& time, const std::string& type, const json& extra) {
  json e{{"id", id}, {"time", time}, {"type", type}};
  for (auto it = extra.begin(); it != extra.end(); ++it) e[it.key()] = it.value();
  return e;
}

json forces_of(const std::string& party) { return json::array({json{{"name", party + " forces"}, {"party", party}}}); }

}  // namespace pactcheck::testing
