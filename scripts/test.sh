#!/usr/bin/env bash
# Installs the Debian packages the tests need (only those missing), then runs every test:
# g++ and clang++ with -Werror, AddressSanitizer+UBSan, -fno-exceptions -fno-rtti, meson, the
# docs and format checks, and every libFuzzer target for a bounded time (TAGWIRE_FUZZ_SECONDS,
# default 60 each).
# Usage: scripts/test.sh [preset...]   (default: all of them, then the rest)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(doctest-dev libprotobuf-dev protobuf-compiler python3-protobuf meson ninja-build pkg-config
          libclang-rt-14-dev clang-format-14)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "== installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

presets=("$@")
run_meson=0
if ((${#presets[@]} == 0)); then
  presets=(gcc clang asan noexcept)
  run_meson=1
fi
for preset in "${presets[@]}"; do
  echo "== cmake workflow: $preset"
  cmake --workflow --preset "$preset" --fresh
done
if ((run_meson)); then
  echo "== meson test"
  rm -rf build/meson
  meson setup build/meson -Dtests=true -Dtools=true -Dwerror=true -Dwarning_level=3
  meson test -C build/meson --print-errorlogs
  echo "== docs/reference.md covers every public name"
  scripts/check_reference.sh
  echo "== clang-format"
  scripts/format.sh --check
  echo "== fuzzing, ${TAGWIRE_FUZZ_SECONDS:-60} s per target"
  rm -rf build/fuzz
  scripts/fuzz.sh
fi
echo "== all tests passed"
