// doctest main: adds --fixture=NAME (golden test of one fixture) and --update-golden.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>

#include "support.hpp"

int main(int argc, char** argv) {
  auto& s = pactcheck::testing::settings();
  const char* env = std::getenv("PACTCHECK_UPDATE_GOLDEN");
  s.update_golden = env != nullptr && std::strcmp(env, "1") == 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--fixture=", 10) == 0) s.fixture = argv[i] + 10;
    if (std::strcmp(argv[i], "--update-golden") == 0) s.update_golden = true;
  }
  doctest::Context context(argc, argv);
  return context.run();
}
