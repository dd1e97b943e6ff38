#!/usr/bin/env bash
# Installs everything pactcheck needs on Debian 12 (apt-get and npm), idempotently. Run as root or with sudo.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/versions.env

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for pkg in $PACTCHECK_APT_PACKAGES; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# npm comes with the nodesource nodejs on some images; do not fight it.
if command -v npm >/dev/null 2>&1; then missing=("${missing[@]/npm}"); fi
if command -v node >/dev/null 2>&1; then missing=("${missing[@]/nodejs}"); fi
read -r -a missing <<< "${missing[*]:-}"
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

check_pin() {  # package, expected version prefix
  local have
  have=$(dpkg-query -W -f='${Version}' "$1")
  case "$have" in
    "$2"*) ;;
    *) echo "setup: $1 is $have but pactcheck is pinned to $2 (scripts/versions.env)" >&2; exit 1 ;;
  esac
}
check_pin emscripten "$(head -n1 wasm/emscripten-version)"
check_pin nlohmann-json3-dev "$PACTCHECK_PIN_nlohmann_json3_dev"
check_pin doctest-dev "$PACTCHECK_PIN_doctest_dev"
check_pin libboost-dev "$PACTCHECK_PIN_libboost_dev"
check_pin clang-14 "$PACTCHECK_PIN_clang_14"
check_pin libsimdjson-dev "$PACTCHECK_PIN_libsimdjson_dev"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "setup: ready"
