#!/usr/bin/env bash
# Builds and runs the side-by-side benchmark suite of issue 4 (bench/suite: tagwire, libprotobuf,
# protozero and memcpy on the same data), then prints one markdown table, the compile time and
# code size of the address book with tagwire and with protoc-generated code, and the goals table.
# The markdown also goes to build/bench/results.md (the raw JSON to build/bench/results.json).
#
# Environment:
#   TAGWIRE_BENCH_FILTER    a --benchmark_filter regex (e.g. 'person|entity_update/decode')
#   TAGWIRE_BENCH_REPS      repetitions (default 5; the table shows medians)
#   TAGWIRE_BENCH_MIN_TIME  seconds per repetition of each benchmark (default 0.1)
#   TAGWIRE_BENCH_COMPILE   0: skip the compile-time and code-size measurements
#   TAGWIRE_BENCH_RUN       0: do not run the suite; report build/bench/results.json again
#   TAGWIRE_BENCH_GOOGLE_MESSAGE1  the google_message1_proto3.pb data set (default ../shared/data)
#   TAGWIRE_BENCH_JOBS      build parallelism (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

packages=(libbenchmark-dev libprotobuf-dev protobuf-compiler libprotozero-dev cmake g++ binutils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "== installing Debian packages: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build=build/bench
reps=${TAGWIRE_BENCH_REPS:-5}
min_time=${TAGWIRE_BENCH_MIN_TIME:-0.1}
jobs=${TAGWIRE_BENCH_JOBS:-2}

echo "== building tagwire_bench (g++, Release, -O2) in $build" >&2
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=g++ \
  -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" -DTAGWIRE_BUILD_BENCHMARKS=ON -DTAGWIRE_BUILD_TESTS=OFF \
  -DTAGWIRE_BUILD_EXAMPLES=OFF -DTAGWIRE_BUILD_TOOLS=OFF -DTAGWIRE_INSTALL=OFF -DTAGWIRE_WERROR=ON >/dev/null
cmake --build "$build" -j "$jobs" --target tagwire_bench tagwire_bench_compile_tagwire \
  tagwire_bench_compile_protobuf >&2
bin="$build/bench/tagwire_bench"
[ -x "$bin" ] || { echo "bench: $bin was not built (missing libprotobuf-dev/protozero?)" >&2; exit 1; }

# Repetitions in random order across all benchmarks: a burst of load from other work on a shared
# machine then spreads over every row instead of skewing the few that ran during it.
flags=(--benchmark_repetitions="$reps" --benchmark_enable_random_interleaving=true
       --benchmark_report_aggregates_only=true
       --benchmark_min_time="$min_time" --benchmark_format=json)
[ -n "${TAGWIRE_BENCH_FILTER:-}" ] && flags+=(--benchmark_filter="$TAGWIRE_BENCH_FILTER")
suite_start=$(date +%s)
if [ "${TAGWIRE_BENCH_RUN:-1}" != 0 ]; then
  echo "== running tagwire_bench: ${flags[*]}" >&2
  "$bin" "${flags[@]}" >"$build/results.json"
else
  echo "== TAGWIRE_BENCH_RUN=0: reporting the last run, $build/results.json" >&2
fi
suite_secs=$(($(date +%s) - suite_start))

# Compile time (wall, g++ -O2 -c, median of 3) and -Os .text bytes of the address book's encode
# and decode: tagwire (bench/compile/address_book_tagwire.cpp) against protoc-generated code
# (address_book.proto) and the TU that uses it (address_book_protobuf.cpp).
compile_args=()
if [ "${TAGWIRE_BENCH_COMPILE:-1}" != 0 ]; then
  echo "== compile time and code size of the address book" >&2
  c="$build/compile"
  mkdir -p "$c"
  cxx=(g++ -std=c++20)
  ms() {  # runs the command, prints its wall time in milliseconds
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000))
  }
  times() {  # name command...: three runs, as name=ms,ms,ms
    local name=$1 out=()
    shift
    for _ in 1 2 3; do out+=("$(ms "$@")"); done
    local IFS=,
    echo "$name=${out[*]}"
  }
  text() {  # the bytes in .text* sections of an object
    size -A "$1" | awk '$1 ~ /^\.text/ { s += $2 } END { print s + 0 }'
  }
  tw_src=bench/compile/address_book_tagwire.cpp
  pb_src=bench/compile/address_book_protobuf.cpp
  compile_args+=(--compile "$(times protoc protoc --proto_path=bench/compile --cpp_out="$c" \
                 bench/compile/address_book.proto)")
  compile_args+=(--compile "$(times tagwire_tu "${cxx[@]}" -O2 -Iinclude -c "$tw_src" -o "$c/tw.o")")
  compile_args+=(--compile "$(times protobuf_tu "${cxx[@]}" -O2 -I"$c" -c "$pb_src" -o "$c/pb_tu.o")")
  compile_args+=(--compile "$(times protobuf_pb_cc "${cxx[@]}" -O2 -c "$c/address_book.pb.cc" -o "$c/pb_cc.o")")
  os=(-Os -ffunction-sections)
  "${cxx[@]}" "${os[@]}" -Iinclude -c "$tw_src" -o "$c/tw_os.o"
  "${cxx[@]}" "${os[@]}" -I"$c" -c "$pb_src" -o "$c/pb_tu_os.o"
  "${cxx[@]}" "${os[@]}" -c "$c/address_book.pb.cc" -o "$c/pb_cc_os.o"
  compile_args+=(--size "tagwire_tu=$(text "$c/tw_os.o")" --size "protobuf_tu=$(text "$c/pb_tu_os.o")"
                 --size "protobuf_pb_cc=$(text "$c/pb_cc_os.o")")
fi

machine="$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
status=0
/usr/bin/python3 bench/report.py --json "$build/results.json" --out "$build/results.md" \
  --info "date=$(date -u +%Y-%m-%d)" --info "machine=$machine" --info "cores=$(nproc)" \
  --info "compiler=$(g++ --version | head -1)" \
  --info "benchmark=$(dpkg-query -W -f='${Version}' libbenchmark-dev 2>/dev/null || echo '?')" \
  "${compile_args[@]}" || status=$?
echo
echo "(suite: ${suite_secs} s; whole script: $(($(date +%s) - start)) s; table also in $build/results.md)"
exit "$status"
