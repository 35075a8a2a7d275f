#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang++ in build/fuzz and runs each for a bounded
# time on a copy of its seed corpus; exits nonzero on any finding, printing the input's path and
# bytes. Needs clang++ with libFuzzer (Debian: clang, libclang-rt-14-dev).
# Usage: scripts/fuzz.sh [target...]          (default: every target)
# Environment: TAGWIRE_FUZZ_SECONDS  seconds per target (default 60)
#              TAGWIRE_FUZZ_PARALLEL targets fuzzed at once, one core each (default 2)
#              TAGWIRE_FUZZ_JOBS     build parallelism (default 2)
#              TAGWIRE_FUZZ_BUILD_DIR  the build directory (default build/fuzz)
#              CXX                   the clang++ to use (default clang++)
# The working corpora grow in build/fuzz/work/TARGET/corpus and are kept between runs; FUZZING.md
# tells how to run longer, reproduce a crash and turn it into a regression test.
set -uo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
build=${TAGWIRE_FUZZ_BUILD_DIR:-$src/build/fuzz}
seconds=${TAGWIRE_FUZZ_SECONDS:-60}
jobs=${TAGWIRE_FUZZ_JOBS:-2}
cxx=${CXX:-clang++}
all=(scalars nested maps_oneof unknown views fixed wire_reader stream dump)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")

for t in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $t "* ]] || { echo "fuzz.sh: unknown target '$t' (targets: ${all[*]})" >&2; exit 2; }
done
if ! command -v "$cxx" > /dev/null; then
  echo "fuzz.sh: $cxx not found: install clang and libclang-rt-14-dev (or set CXX)" >&2
  exit 1
fi

echo "== building the fuzzers with $cxx in $build"
generator=()
command -v ninja > /dev/null && generator=(-G Ninja)
if [ ! -f "$build/CMakeCache.txt" ]; then
  mkdir -p "$build"
  cmake -S "$src" -B "$build" "${generator[@]}" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DTAGWIRE_BUILD_FUZZERS=ON -DTAGWIRE_BUILD_TESTS=OFF -DTAGWIRE_BUILD_EXAMPLES=OFF -DTAGWIRE_BUILD_TOOLS=OFF \
    -DTAGWIRE_INSTALL=OFF -DTAGWIRE_WERROR=ON > "$build/configure.log" 2>&1 ||
    { cat "$build/configure.log"; exit 1; }
fi
names=()
for t in "${targets[@]}"; do names+=("fuzz_$t"); done
if ! cmake --build "$build" --parallel "$jobs" --target "${names[@]}"; then
  echo "fuzz.sh: build failed (clang++ needs libFuzzer: Debian's libclang-rt-14-dev)" >&2
  exit 1
fi

# Prints an input file as its path and its bytes in hex.
show() {
  echo "  input: $1 ($(stat -c %s "$1") bytes)"
  od -An -tx1 -v "$1" | head -64 | sed 's/^/   /'
}

export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
parallel=${TAGWIRE_FUZZ_PARALLEL:-2}

# Fuzzes one target; its verdict goes to work/TARGET/verdict.txt (first word: ok or FAIL).
run_one() {
  local t=$1 work=$build/work/$1
  mkdir -p "$work/corpus" "$work/artifacts"
  rm -f "$work/artifacts"/*
  cp "$src/fuzz/corpus/$t"/* "$work/corpus/"
  # Read-only extra seeds: past findings, and for the raw readers the dump tool's test inputs.
  local extra=()
  [ -d "$src/fuzz/regressions/$t" ] && extra+=("$src/fuzz/regressions/$t")
  if [ "$t" = dump ] || [ "$t" = wire_reader ]; then
    extra+=("$src/tools/tests/corpus" "$src/tools/tests/malformed")
  fi
  "$build/fuzz/fuzz_$t" "$work/corpus" "${extra[@]}" -dict="$src/fuzz/protobuf.dict" \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" > "$work/log.txt" 2>&1
  local rc=$?
  local done_line execs cov artifacts
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$work/log.txt" | tail -1)
  execs=$(sed -n 's/^stat::average_exec_per_sec:[[:space:]]*//p' "$work/log.txt")
  cov=$(sed -n 's/.* cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1, ft \2/p' <<< "$done_line")
  artifacts=("$work/artifacts"/*)
  {
    if [ "$rc" -ne 0 ] || [ -e "${artifacts[0]}" ]; then
      echo "FAIL $t (exit $rc); log: $work/log.txt"
      grep -E 'property failed|ERROR: |runtime error|SUMMARY' "$work/log.txt" | head -5 | sed 's/^/  /'
      grep -E '^ +#[0-9]+ 0x' "$work/log.txt" | head -12 | cut -c1-200 | sed 's/^/  /'
      for a in "${artifacts[@]}"; do [ -e "$a" ] && show "$a"; done
    else
      printf 'ok   %-12s %s exec/s, %s, corpus %s files\n' "$t" "${execs:-?}" "${cov:-?}" \
        "$(find "$work/corpus" -type f | wc -l)"
    fi
  } > "$work/verdict.txt"
}

failed=()
printf '== fuzzing %d target(s), %s s each, %s at a time\n' "${#targets[@]}" "$seconds" "$parallel"
running=0
for t in "${targets[@]}"; do
  if ((running >= parallel)); then
    wait -n
    running=$((running - 1))
  fi
  run_one "$t" &
  running=$((running + 1))
done
wait
for t in "${targets[@]}"; do
  cat "$build/work/$t/verdict.txt"
  [[ $(head -c 2 "$build/work/$t/verdict.txt") == ok ]] || failed+=("$t")
done

if ((${#failed[@]})); then
  echo "== fuzzing found problems in: ${failed[*]}"
  echo "   reproduce: $build/fuzz/fuzz_TARGET FILE; keep it: copy FILE to fuzz/regressions/TARGET/"
  exit 1
fi
echo "== fuzzing found nothing"
