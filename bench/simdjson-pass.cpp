// The fast-parser reference: simdjson (Debian libsimdjson-dev 3.0.1) on-demand over every event of a log,
// touching each event's id and time so that the pass reads every event. Prints one JSON line (bench_common.hpp).
//
//   bench-simdjson-pass FILE
#include <simdjson.h>

#include "bench_common.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: bench-simdjson-pass FILE\n");
    return 2;
  }
  std::string text;
  if (!bench::read_file(argv[1], text)) {
    std::fprintf(stderr, "bench-simdjson-pass: cannot read %s\n", argv[1]);
    return 2;
  }
  const double started = bench::now_ms();
  simdjson::padded_string padded(text);  // the copy into a padded buffer is part of the pass
  simdjson::ondemand::parser parser;
  simdjson::ondemand::document doc;
  std::size_t events = 0, bytes_seen = 0;
  auto error = parser.iterate(padded).get(doc);
  if (!error) {
    simdjson::ondemand::array list;
    error = doc["events"].get_array().get(list);
    if (!error) {
      for (auto element : list) {
        simdjson::ondemand::object event;
        if ((error = element.get_object().get(event))) break;
        // Visit every member of the event (values skipped but validated by the iterator), as a reader would.
        for (auto field : event) {
          std::string_view key;
          if ((error = field.unescaped_key().get(key))) break;
          bytes_seen += key.size();
          if (key == "id" || key == "time") {
            std::string_view value;
            if ((error = field.value().get_string().get(value))) break;
            bytes_seen += value.size();
          }
        }
        if (error) break;
        ++events;
      }
    }
  }
  const double ms = bench::now_ms() - started;
  if (error) {
    std::fprintf(stderr, "bench-simdjson-pass: %s: %s\n", argv[1], simdjson::error_message(error));
    return 1;
  }
  bench::print("simdjson-ondemand", text.size(), ms, events);
  return 0;
}
