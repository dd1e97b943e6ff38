// libFuzzer harness for pactcheck::fuzz::csv_reader (tests/fuzz/targets.hpp says what it checks).
#include <cstdio>
#include <cstdlib>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string why = pactcheck::fuzz::csv_reader(data, size);
  if (!why.empty()) {
    std::fprintf(stderr, "pactcheck fuzz target csv_reader: %s\n", why.c_str());
    std::abort();
  }
  return 0;
}
