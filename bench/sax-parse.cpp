// The baseline the check is measured against: a bare nlohmann SAX parse of a file with a handler that does
// nothing but count values. Prints one JSON line (bench_common.hpp).
//
//   bench-sax-parse FILE
#include <nlohmann/json.hpp>

#include "bench_common.hpp"

namespace {

struct NoOp {
  std::size_t values = 0;
  bool null() { return ++values, true; }
  bool boolean(bool) { return ++values, true; }
  bool number_integer(nlohmann::json::number_integer_t) { return ++values, true; }
  bool number_unsigned(nlohmann::json::number_unsigned_t) { return ++values, true; }
  bool number_float(nlohmann::json::number_float_t, const nlohmann::json::string_t&) { return ++values, true; }
  bool string(nlohmann::json::string_t&) { return ++values, true; }
  bool binary(nlohmann::json::binary_t&) { return ++values, true; }
  bool start_object(std::size_t) { return true; }
  bool end_object() { return ++values, true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return ++values, true; }
  bool key(nlohmann::json::string_t&) { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: bench-sax-parse FILE\n");
    return 2;
  }
  std::string text;
  if (!bench::read_file(argv[1], text)) {
    std::fprintf(stderr, "bench-sax-parse: cannot read %s\n", argv[1]);
    return 2;
  }
  NoOp handler;
  const double started = bench::now_ms();
  const bool ok = nlohmann::json::sax_parse(text.begin(), text.end(), &handler, nlohmann::detail::input_format_t::json, true);
  const double ms = bench::now_ms() - started;
  if (!ok) {
    std::fprintf(stderr, "bench-sax-parse: %s is not valid JSON\n", argv[1]);
    return 1;
  }
  bench::print("nlohmann-sax", text.size(), ms, handler.values);
  return 0;
}
