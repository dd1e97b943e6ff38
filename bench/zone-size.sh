#!/bin/sh
# Measures what the time zone code and its compiled rules (core/src/zone.cpp, core/src/tzdata/tzdata.inc) add to
# the WebAssembly module: relinks build-wasm/wasm/pactcheck.wasm twice with its own link line, once as it is and
# once with bench/zone-size.cpp (which keeps every entry point of zone.hpp alive), and prints both sizes, raw and
# gzip -9. Until the string API calls into zone.hpp the linker drops the zone code, so the module as built does
# not grow; this is the cost once it does.
#
#   bench/zone-size.sh [BUILD_WASM_DIR]     (default build-wasm; build pactcheck_wasm there first)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build-wasm}" && pwd)
dir="$build/wasm"
[ -f "$dir/CMakeFiles/pactcheck_wasm.dir/link.txt" ] || { echo "no pactcheck_wasm in $build: build it first" >&2; exit 2; }
out="$build/zone-size"
mkdir -p "$out/without" "$out/with"
link=$(cat "$dir/CMakeFiles/pactcheck_wasm.dir/link.txt")
flags=$(sed -n 's/^CXX_FLAGS = //p' "$dir/CMakeFiles/pactcheck_wasm.dir/flags.make")
cd "$dir"
# shellcheck disable=SC2086
NODE_PATH=/usr/share/nodejs em++ $flags @CMakeFiles/pactcheck_wasm.dir/includes_CXX.rsp \
  -c "$root/bench/zone-size.cpp" -o "$out/zone-size.o"
sh -c "$(echo "$link" | sed "s|-o pactcheck.mjs|-o $out/without/pactcheck.mjs|")"
sh -c "$(echo "$link" | sed "s|-o pactcheck.mjs|$out/zone-size.o -o $out/with/pactcheck.mjs|")"
size() { wc -c < "$1" | tr -d ' '; }
gz() { gzip -9 -c "$1" | wc -c | tr -d ' '; }
a=$out/without/pactcheck.wasm
b=$out/with/pactcheck.wasm
echo "pactcheck.wasm without zones: $(size "$a") bytes raw, $(gz "$a") gzip -9"
echo "pactcheck.wasm with zones:    $(size "$b") bytes raw, $(gz "$b") gzip -9"
echo "added by zones:               $(( $(size "$b") - $(size "$a") )) bytes raw, $(( $(gz "$b") - $(gz "$a") )) gzip -9"
