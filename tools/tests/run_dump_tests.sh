#!/usr/bin/env bash
# Differential test of tagwire-dump against protoc --decode_raw.
# Usage: run_dump_tests.sh TAGWIRE_DUMP [PROTOC]
#  - every corpus/*.bin: protoc accepts it, and tagwire-dump prints byte-identical output;
#  - every malformed/*.bin: protoc rejects it, and tagwire-dump prints nothing on stdout,
#    exactly the expected message on stderr, and exits with 1;
#  - the options (--offsets, --max-depth, --help) and the command line.
# The inputs are committed; make_corpus.sh regenerates them.
set -uo pipefail
dump=${1:?usage: run_dump_tests.sh TAGWIRE_DUMP [PROTOC]}
protoc=${2:-protoc}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() { checks=$((checks + 1)); }

# --- valid inputs: identical to protoc ------------------------------------------------
valid=0
for f in "$here"/corpus/*.bin; do
  name=$(basename "$f")
  valid=$((valid + 1))
  check
  if ! "$protoc" --decode_raw < "$f" > "$tmp/protoc.txt" 2> "$tmp/protoc.err"; then
    fail "$name: protoc rejects a corpus file: $(cat "$tmp/protoc.err")"
    continue
  fi
  "$dump" "$f" > "$tmp/dump.txt" 2> "$tmp/dump.err"
  rc=$?
  [ "$rc" -eq 0 ] || fail "$name: exit $rc: $(cat "$tmp/dump.err")"
  [ -s "$tmp/dump.err" ] && fail "$name: unexpected stderr: $(cat "$tmp/dump.err")"
  if ! cmp -s "$tmp/protoc.txt" "$tmp/dump.txt"; then
    fail "$name: output differs from protoc --decode_raw"
    diff "$tmp/protoc.txt" "$tmp/dump.txt" | head -20
  fi
  # Standard input reads the same.
  "$dump" < "$f" > "$tmp/stdin.txt" 2>/dev/null
  cmp -s "$tmp/dump.txt" "$tmp/stdin.txt" || fail "$name: stdin output differs from file output"
done
# Guard against an empty or partial corpus making the loop vacuous.
[ "$valid" -ge 50 ] || fail "only $valid corpus files (expected at least 50)"
[ -s "$here/corpus/empty.bin" ] && fail "corpus/empty.bin should be zero bytes"

# --- malformed inputs: protoc rejects, tagwire-dump names the offset --------------------
declare -A expected=(
  [bad_wire_type_6]='tagwire-dump: invalid wire type at byte 0 (field 1, wire type 6)'
  [bad_wire_type_7]='tagwire-dump: invalid wire type at byte 2 (field 2, wire type 7)'
  [bad_wire_type_in_group]='tagwire-dump: invalid wire type at byte 1 (field 2, wire type 6)'
  [end_group_without_start]='tagwire-dump: mismatched end-group at byte 2 (field 1, end-group without a start)'
  [field_number_0]='tagwire-dump: invalid field number at byte 0 (field number 0)'
  [groups_101_deep]='tagwire-dump: nesting too deep at byte 100 (field 1, over 100 nested groups)'
  [length_over_2gib]='tagwire-dump: length over 2 GiB at byte 1 (field 1)'
  [mismatched_group]='tagwire-dump: mismatched end-group at byte 3 (field 2, inside group 1)'
  [nested_group_mismatch]='tagwire-dump: mismatched end-group at byte 4 (field 1, inside group 2)'
  [overlong_length]='tagwire-dump: varint too long at byte 1 (field 1, length over 5 bytes)'
  [overlong_tag]='tagwire-dump: varint too long at byte 0 (tag over 5 bytes)'
  [overlong_varint]='tagwire-dump: varint too long at byte 1 (field 1, in a varint)'
  [truncated_after_tag]='tagwire-dump: truncated input at byte 1 (field 1, in a varint)'
  [truncated_in_fixed32]='tagwire-dump: truncated input at byte 9 (field 3, in a fixed32)'
  [truncated_in_fixed64]='tagwire-dump: truncated input at byte 14 (field 4, in a fixed64)'
  [truncated_in_group]='tagwire-dump: truncated input at byte 3 (field 1, group never closed)'
  [truncated_in_group_varint]='tagwire-dump: truncated input at byte 2 (field 1, in a varint)'
  [truncated_in_length]='tagwire-dump: truncated input at byte 4 (field 2, in a length)'
  [truncated_in_nested]='tagwire-dump: truncated input at byte 5 (field 5, 2-byte payload)'
  [truncated_in_payload]='tagwire-dump: truncated input at byte 5 (field 2, 3-byte payload)'
  [truncated_in_tag]='tagwire-dump: truncated input at byte 3 (in a tag)'
  [truncated_in_varint]='tagwire-dump: truncated input at byte 1 (field 1, in a varint)'
  [zero_tag]='tagwire-dump: invalid field number at byte 2 (field number 0)'
)
seen=0
for f in "$here"/malformed/*.bin; do
  name=$(basename "$f" .bin)
  seen=$((seen + 1))
  check
  "$protoc" --decode_raw < "$f" > "$tmp/protoc.txt" 2> "$tmp/protoc.err"
  rc=$?
  [ "$rc" -eq 1 ] || fail "$name: protoc exit $rc on a malformed input"
  [ "$(cat "$tmp/protoc.err")" = "Failed to parse input." ] || fail "$name: protoc said: $(cat "$tmp/protoc.err")"
  "$dump" "$f" > "$tmp/dump.txt" 2> "$tmp/dump.err"
  rc=$?
  [ "$rc" -eq 1 ] || fail "$name: tagwire-dump exit $rc (want 1)"
  [ -s "$tmp/dump.txt" ] && fail "$name: tagwire-dump printed on stdout: $(head -3 "$tmp/dump.txt")"
  if [ -z "${expected[$name]+set}" ]; then
    fail "$name: no expected message in run_dump_tests.sh; got: $(cat "$tmp/dump.err")"
  elif [ "$(cat "$tmp/dump.err")" != "${expected[$name]}" ]; then
    fail "$name: message"$'\n'"  got:  $(cat "$tmp/dump.err")"$'\n'"  want: ${expected[$name]}"
  fi
done
[ "$seen" -eq "${#expected[@]}" ] || fail "$seen malformed files but ${#expected[@]} expected messages"

# --- options --------------------------------------------------------------------------
# expect_output NAME EXPECTED_TEXT ARGS...: stdout of tagwire-dump ARGS is exactly EXPECTED_TEXT.
expect_output() {
  local name=$1 want=$2
  shift 2
  check
  "$dump" "$@" > "$tmp/out.txt" 2> "$tmp/err.txt"
  local rc=$?
  [ "$rc" -eq 0 ] || fail "$name: exit $rc: $(cat "$tmp/err.txt")"
  printf '%s\n' "$want" > "$tmp/want.txt"
  if ! cmp -s "$tmp/want.txt" "$tmp/out.txt"; then
    fail "$name: output"
    diff "$tmp/want.txt" "$tmp/out.txt" | head -20
  fi
}

expect_output offsets "$(cat <<'T'
1 {  # @0 group
  2: 1  # @1 varint
  3: "in group"  # @3 len:8
  4 {  # @13 group
    5: 0x00000007  # @14 fixed32
    6 {  # @19 group
      7: 1  # @20 varint
    }
    6 {  # @23 group
      7: 4  # @24 varint
    }
    6 {  # @27 group
    }
  }
}
10 {  # @31 group
  11: 1  # @32 varint
}
10 {  # @35 group
}
10 {  # @37 group
  11: 18446744073709551611  # @38 varint
}
12 {  # @50 group
}
20: 99  # @52 varint
21 {  # @55 len:7
  1: 3  # @58 varint
  3 {  # @60 len:3
    2: "x"  # @62 len:1
  }
}
T
)" --offsets "$here/corpus/groups.bin"

# Offsets are from the start of the input, also inside nested messages; -o is --offsets.
printf '\x1d\x01\x02\x03\x04\x21\x01\x02\x03\x04\x05\x06\x07\x08\x2a\x05\x12\x03\x08\x96\x01' > "$tmp/fixed.bin"
expect_output offsets_nested "$(cat <<'T'
3: 0x04030201  # @0 fixed32
4: 0x0807060504030201  # @5 fixed64
5 {  # @14 len:5
  2 {  # @16 len:3
    1: 150  # @18 varint
  }
}
T
)" -o "$tmp/fixed.bin"

# --max-depth N moves protoc's limit of 10 nested messages; 0 prints every payload as a string.
expect_output max_depth_1 "$(cat <<'T'
1: 1
2: "root"
4 {
  1: 2
  2: "a"
  4: "\010\004\022\003a.a"
  4: "\010\005"
}
4 {
  1: 3
  2: "b"
  3: "\010\006\022\007b.child\032\002\010\007"
}
T
)" --max-depth 1 "$here/corpus/tree.bin"
expect_output max_depth_0 '3: 0x04030201
4: 0x0807060504030201
5: "\022\003\010\226\001"' --max-depth=0 "$tmp/fixed.bin"
check
"$protoc" --decode_raw < "$here/corpus/nested_12_deep.bin" > "$tmp/protoc.txt"
"$dump" --max-depth 10 "$here/corpus/nested_12_deep.bin" > "$tmp/dump.txt"
cmp -s "$tmp/protoc.txt" "$tmp/dump.txt" || fail "--max-depth 10 differs from the default"
check
"$dump" --max-depth 12 "$here/corpus/nested_12_deep.bin" > "$tmp/dump.txt"
grep -q '^                        1: 150$' "$tmp/dump.txt" || fail "--max-depth 12 does not expand 12 levels"
grep -q '"' "$tmp/dump.txt" && fail "--max-depth 12 still prints a string"
# The depth also bounds groups inside a nested message, as protoc's budget does: 11 groups
# inside a payload need 11.
check
"$dump" "$here/corpus/nested_groups_11.bin" | grep -q '^2: "' || fail "nested_groups_11 expanded at depth 10"
check
"$dump" --max-depth 11 "$here/corpus/nested_groups_11.bin" | grep -q '^2 {$' || fail "nested_groups_11 not expanded at depth 11"

# --- command line ---------------------------------------------------------------------
check
"$dump" --help > "$tmp/help.txt" 2>&1 || fail "--help exit status"
grep -q -- '--offsets' "$tmp/help.txt" && grep -q -- '--max-depth' "$tmp/help.txt" ||
  fail "--help does not document the options"
# expect_error NAME RC MESSAGE ARGS...: tagwire-dump ARGS fails with RC and MESSAGE first on stderr.
expect_error() {
  local name=$1 want_rc=$2 want=$3
  shift 3
  check
  "$dump" "$@" > "$tmp/out.txt" 2> "$tmp/err.txt" < /dev/null
  local rc=$?
  [ "$rc" -eq "$want_rc" ] || fail "$name: exit $rc (want $want_rc)"
  [ "$(head -1 "$tmp/err.txt")" = "$want" ] || fail "$name: stderr: $(cat "$tmp/err.txt")"
  [ -s "$tmp/out.txt" ] && fail "$name: printed on stdout"
}
expect_error unknown_option 2 "tagwire-dump: unknown option '--bogus'" --bogus
expect_error bad_depth 2 "tagwire-dump: --max-depth wants a number from 0 to 1000, not 'x'" --max-depth x
expect_error depth_too_big 2 "tagwire-dump: --max-depth wants a number from 0 to 1000, not '1001'" --max-depth 1001
expect_error missing_depth 2 "tagwire-dump: --max-depth needs a number" --max-depth
expect_error two_files 2 "tagwire-dump: more than one input file" a b
expect_error missing_file 1 "tagwire-dump: cannot open $tmp/none.bin: No such file or directory" "$tmp/none.bin"
# Empty standard input is the empty message: no output, success.
check
"$dump" - < /dev/null > "$tmp/out.txt" 2>&1 || fail "empty stdin: exit status"
[ -s "$tmp/out.txt" ] && fail "empty stdin: printed $(cat "$tmp/out.txt")"

echo "$checks checks, $valid valid and $seen malformed inputs, $failures failures"
[ "$failures" -eq 0 ]
