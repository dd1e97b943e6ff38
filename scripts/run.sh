#!/usr/bin/env bash
# The main job: sets everything up, builds the CLI and the WebAssembly page, checks the built-in 2020
# Nagorno-Karabakh fixture and prints the report as a monitor would read it, then serves the offline page on
# http://127.0.0.1:8080/ (until Ctrl-C). Extra arguments go to `pactcheck check` (e.g. --as-of, --format);
# --no-serve (or PACTCHECK_NO_SERVE=1, or no terminal on standard output) skips the page; PACTCHECK_PORT sets
# its port.
set -euo pipefail
cd "$(dirname "$0")/.."
serve=1
args=()
for a in "$@"; do
  if [ "$a" = "--no-serve" ]; then serve=0; else args+=("$a"); fi
done
[ "${PACTCHECK_NO_SERVE:-0}" = 1 ] && serve=0
[ -t 1 ] || serve=0
bash scripts/setup.sh >&2
if [ "$serve" = 1 ]; then bash scripts/build.sh >&2; else PACTCHECK_SKIP_WASM=1 bash scripts/build.sh >&2; fi
set +e
build/cli/pactcheck check --agreement fixtures/nk-2020/agreement.json --events fixtures/nk-2020/events.json \
  --as-of 2020-12-31T23:59:00+04:00 --format text "${args[@]}"
code=$?
set -e
echo "pactcheck exited with $code (0: no obligation violated, 1: at least one violated, 2: invalid input)" >&2
# A violated obligation is a finding, not a failure of this script.
[ "$code" -le 1 ] || exit "$code"
if [ "$serve" = 1 ]; then
  echo "Serving the offline page: open http://127.0.0.1:${PACTCHECK_PORT:-8080}/ (it loads nothing from elsewhere; Ctrl-C stops it)" >&2
  exec node web/serve.mjs build-wasm/web --port "${PACTCHECK_PORT:-8080}"
fi
