// Whether an event is already in an outcome's evidence, through a set kept up to date as the evidence grows (it is
// only ever appended to): a scan of the evidence for every fact was quadratic on a large log.
#pragma once

#include <cstdint>
#include <unordered_set>
#include <vector>

#include "pactcheck/engine.hpp"

namespace pactcheck {

class ShownEvents {
 public:
  explicit ShownEvents(const std::vector<Evidence>& evidence) : evidence_(evidence) {}

  bool contains(std::uint32_t event) {
    for (; scanned_ < evidence_.size(); ++scanned_) events_.insert(evidence_[scanned_].event);
    return events_.count(event) > 0;
  }

 private:
  const std::vector<Evidence>& evidence_;
  std::size_t scanned_ = 0;
  std::unordered_set<std::uint32_t> events_;
};

}  // namespace pactcheck
