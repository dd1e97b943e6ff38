// Shared helpers for the doctest suite: running the core's string API and reading fixture files.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pactcheck::testing {

// Command-line settings of the test binary (parsed in main.cpp).
struct Settings {
  std::string fixture;       // --fixture=NAME: the golden test checks only this fixture
  bool update_golden = false;  // --update-golden or PACTCHECK_UPDATE_GOLDEN=1
};
Settings& settings();

// Runs pactcheck::check and parses the envelope.
nlohmann::json check(const std::string& agreement, const std::string& events, const nlohmann::json& options = nlohmann::json::object());

// A small valid agreement (parties AZ, AM, RU; local offset +04:00) with the given obligations and extras
// merged over the base document. Synthetic, for unit tests.
nlohmann::json base_agreement();
std::string agreement_with(const nlohmann::json& obligations, const nlohmann::json& extra = nlohmann::json::object());
std::string events_with(const nlohmann::json& events);

// Status of one obligation, and of one bearer, in an envelope's report.
std::string status_of(const nlohmann::json& envelope, const std::string& obligation);
std::string bearer_status(const nlohmann::json& envelope, const std::string& obligation, const std::string& party);
const nlohmann::json& obligation_of(const nlohmann::json& envelope, const std::string& obligation);

// The reasons an event was ignored for, in the report's order (empty when it was not ignored).
std::vector<std::string> ignored_reasons(const nlohmann::json& envelope, const std::string& event);

// Building blocks of synthetic agreements and logs for unit tests: an obligation of instrument "s", point 1, with
// clause text "Clause <id>."; an event with `extra` members merged in; one actor "<party> forces" of a party.
nlohmann::json obligation_json(const std::string& id, const std::string& kind, const nlohmann::json& params,
                               const nlohmann::json& bearers);
nlohmann::json event_json(const std::string& id, const std::string& time, const std::string& type,
                          const nlohmann::json& extra = nlohmann::json::object());
nlohmann::json forces_of(const std::string& party);

std::string read_file(const std::string& path);  // "" when missing
bool write_file(const std::string& path, const std::string& data);

}  // namespace pactcheck::testing
