#!/usr/bin/env bash
# Builds the native tree (build/) and, unless PACTCHECK_SKIP_WASM=1, the WebAssembly tree (build-wasm/).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DPACTCHECK_WERROR="${PACTCHECK_WERROR:-ON}" >/dev/null
cmake --build build -j"$jobs"
if [ "${PACTCHECK_SKIP_WASM:-0}" != 1 ]; then
  emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release -DPACTCHECK_WERROR="${PACTCHECK_WERROR:-ON}" >/dev/null
  cmake --build build-wasm -j"$jobs"
fi
