#!/usr/bin/env bash
# Regenerates the test inputs of run_dump_tests.sh (commit the results):
#   corpus/*.bin     inputs protoc --decode_raw accepts (encoded by protoc --encode from
#                    corpus.proto, plus hand-made byte strings for libprotobuf's edge cases);
#   malformed/*.bin  inputs it rejects (hand-made byte strings).
# Usage: tools/tests/make_corpus.sh [PROTOC]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
protoc=${1:-protoc}
corpus=$here/corpus
bad=$here/malformed
mkdir -p "$corpus" "$bad"
rm -f "$corpus"/*.bin "$bad"/*.bin

# enc NAME TYPE: encodes the text-format message on stdin as tagwire_dump_test.TYPE.
enc() { "$protoc" -I"$here" --encode="tagwire_dump_test.$2" "$here/corpus.proto" > "$corpus/$1.bin"; }
# ok NAME BYTES / fail NAME BYTES: writes BYTES (printf \xHH escapes) as a valid / malformed input.
ok() { printf "$2" > "$corpus/$1.bin"; }
fail() { printf "$2" > "$bad/$1.bin"; }
# rep N S: S repeated N times.
rep() { local i out=; for ((i = 0; i < $1; i++)); do out+=$2; done; printf '%s' "$out"; }

# --- encoded by protoc ---------------------------------------------------------------
enc empty scalars < /dev/null
enc scalars_zero scalars <<'T'
i32: 0 i64: 0 u32: 0 u64: 0 s32: 0 s64: 0 b: false c: RED f32: 0 f64: 0 sf32: 0 sf64: 0
fl: 0 db: 0 s: "" by: ""
T
enc scalars_max scalars <<'T'
i32: 2147483647 i64: 9223372036854775807 u32: 4294967295 u64: 18446744073709551615
s32: 2147483647 s64: 9223372036854775807 b: true c: GREEN f32: 4294967295
f64: 18446744073709551615 sf32: 2147483647 sf64: 9223372036854775807
fl: 3.4028235e38 db: 1.7976931348623157e308 s: "max" by: "\377"
T
enc scalars_negative scalars <<'T'
i32: -1 i64: -9223372036854775808 s32: -2147483648 s64: -9223372036854775808 c: MINUS_TWO
sf32: -2147483648 sf64: -1 fl: -0.0 db: -2.5
T
enc scalars_special_floats scalars <<'T'
fl: inf db: -inf s: "\x01"
T
enc scalars_nan scalars <<'T'
fl: nan db: nan f32: 0xdeadbeef f64: 0xfeedfacecafebabe
T

deep=
for ((i = 1; i <= 7; i++)); do deep+="id: $i name: \"level $i\" child { "; done
deep+="id: 8"
for ((i = 1; i <= 7; i++)); do deep+=" }"; done
enc nested_7_deep node <<< "$deep"

# 12 levels: protoc expands 10 and prints the rest as a string.
deep=
for ((i = 1; i <= 12; i++)); do deep+="child { "; done
deep+="id: 150"
for ((i = 1; i <= 12; i++)); do deep+=" }"; done
enc nested_12_deep node <<< "$deep"

enc nested_empty_children node <<'T'
child { } kids { } kids { id: 0 } kids { child { child { } } }
T
enc tree node <<'T'
id: 1 name: "root"
kids { id: 2 name: "a" kids { id: 4 name: "a.a" } kids { id: 5 } }
kids { id: 3 name: "b" child { id: 6 name: "b.child" child { id: 7 } } }
T

enc strings_plain strings <<'T'
s: "" s: "hello" s: "hello world" s: "The quick brown fox jumps over the lazy dog."
s: "a" s: "ab" s: "abc" s: "0123456789" s: "x y" s: " " s: "!"
s: "tab\there" s: "new\nline" s: "cr\rreturn" s: "quote\" apostrophe' backslash\\"
s: "question?? trigraph??= percent % brace { }"
T
enc strings_look_like_messages strings <<'T'
b: "\010\001" b: "\010\226\001" b: "\n\003abc" b: "\r\001\002\003\004"
b: "\t\001\002\003\004\005\006\007\010" b: "\013\014" b: "\013\010\001\014"
b: "\022\000" b: "\010\001\020\002\030\003"
b: "\010\001\000" b: "\010" b: "\n\005ab" b: "\014" b: "\013\024" b: "\016\000"
b: "\000" b: "\002\001" b: "\010\200" b: "\010\377\377\377\377\377\377\377\377\377\377\001"
T
enc strings_unicode strings <<'T'
s: "héllo wörld" s: "日本語のテキスト" s: "emoji 🎉✓" s: "Ωμέγα" s: "\u00e9\u20ac"
b: "\303\251" s: "mixed ascii é \001 end"
T

allbytes=
for ((i = 0; i < 256; i++)); do allbytes+=$(printf '\\%03o' "$i"); done
enc bytes_every_value strings <<< "b: \"$allbytes\""
allbytes_rev=
for ((i = 255; i >= 0; i--)); do allbytes_rev+=$(printf '\\%03o' "$i"); done
enc bytes_every_value_reversed strings <<< "b: \"$allbytes_rev\" b: \"\" b: \"\\000\""

enc groups with_groups <<'T'
G { a: 1 s: "in group" Inner { x: 7 Deep { y: -1 } Deep { y: 2 } Deep { } } }
R { v: 1 } R { } R { v: -5 }
Empty { }
after: 99
msg { id: 3 child { name: "x" } }
T
# Two groups, then tree and 10 children: protoc expands the first 8 payloads.
deep=
for ((i = 1; i <= 10; i++)); do deep+="child { "; done
deep+="id: 11"
for ((i = 1; i <= 10; i++)); do deep+=" }"; done
enc len_11_deep_in_groups with_groups <<< "G { Inner { tree { $deep } } }"
enc groups_empty with_groups <<'T'
G { } Empty { }
T

enc packed packed <<'T'
pi: [1, -1, 0, 300, 2147483647, -2147483648]
ps: [0, -1, 1, -9223372036854775808, 9223372036854775807]
pf: [1, 4294967295]
pd: [1.5, -0.0, 1e300]
unpacked: [1, 2, 3]
pb: [true, false, true]
pu: [18446744073709551615, 0]
T
enc packed_single packed <<'T'
pi: [8] pb: [true]
T

enc big_field_numbers big_numbers <<'T'
f1: 1 f15: 15 f16: 16 f2047: 2047 f2048: 2048 f262143: 262143 f262144: 262144
f18999: "reserved neighbour" f20000: 20000 f33554431: -1 f33554432 { id: 1 } fmax: 536870911
T

enc everything everything <<'T'
sc { i32: -7 s: "nested string" by: "\000\001\002" fl: 1.25 }
tree { id: 1 kids { id: 2 } }
g { G { a: 5 } R { v: 6 } }
p { pi: [1, 2, 3] pd: [0.5] }
st { s: "\010\001" s: "plain text here" }
big { fmax: 1 }
more { more { more { more { more { sc { u64: 1 } } } } } }
T

# --- hand-made inputs protoc accepts -------------------------------------------------
# Zero, overlong and 10-byte varints; bits beyond 64 are dropped.
ok varint_non_minimal '\x08\x80\x00\x10\x81\x80\x80\x00\x18\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f'
# A 5-byte tag whose bits beyond 32 are dropped (field 1), at the top level and nested.
ok tag_bits_beyond_32 '\x88\x80\x80\x80\x10\x05'
ok nested_tag_bits_beyond_32 '\x12\x06\x88\x80\x80\x80\x70\x05'
# Inside a length-delimited field a tag may take 10 bytes (protoc's CodedInputStream).
ok nested_tag_6_bytes '\x12\x07\x88\x80\x80\x80\x80\x00\x05'
ok nested_tag_10_bytes '\x12\x0b\x88\x80\x80\x80\x80\x80\x80\x80\x80\x00\x05'
ok nested_tag_11_bytes '\x12\x0c\x88\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00\x05'
ok tag_non_minimal '\x88\x00\x05\x92\x80\x00\x01\x61'
# Nested lengths: up to 10 bytes, cut to 32 bits, at most 2 GiB - 1.
ok nested_length_cut_to_32_bits '\x12\x06\x0a\x80\x80\x80\x80\x10'
ok nested_length_10_bytes '\x12\x0c\x0a\x81\x80\x80\x80\x80\x80\x80\x80\x80\x00\x61'
ok nested_length_2gib '\x12\x06\x0a\x80\x80\x80\x80\x08'
ok nested_length_4gib_plus_1 '\x12\x07\x0a\x81\x80\x80\x80\x10\x61'
ok length_5_bytes '\x0a\x83\x80\x80\x80\x00abc'
# Bytes that are almost a message.
ok nested_trailing_zero '\x12\x03\x08\x01\x00'
ok nested_zero_tag_non_minimal '\x12\x04\x08\x01\x80\x00'
ok nested_end_group_only '\x12\x01\x0c'
ok nested_end_group_after_field '\x12\x03\x08\x01\x0c'
ok nested_mismatched_group '\x12\x02\x0b\x14'
ok nested_unclosed_group '\x12\x03\x0b\x08\x01'
ok nested_wire_type_6 '\x12\x02\x0e\x00'
ok nested_wire_type_7 '\x12\x02\x0f\x00'
ok nested_field_0 '\x12\x02\x02\x00'
ok nested_truncated_varint '\x12\x02\x08\x80'
ok nested_truncated_fixed32 '\x12\x04\x0d\x01\x02\x03'
ok nested_truncated_fixed64 '\x12\x08\x09\x01\x02\x03\x04\x05\x06\x07'
ok nested_truncated_length '\x12\x03\x0a\x05\x61'
ok nested_truncated_tag '\x12\x03\x08\x01\x80'
ok nested_varint_11_bytes '\x12\x0c\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01'
ok nested_empty_group '\x12\x02\x0b\x0c'
ok empty_group_top '\x0b\x0c'
ok nested_group_with_len '\x12\x08\x0b\x12\x04\x08\x01\x10\x02\x0c'
# Groups inside a length-delimited field may nest as deep as the printing budget left.
ok nested_groups_10 "\\x12\\x16$(rep 10 '\x0b')\\x08\\x01$(rep 10 '\x0c')"
ok nested_groups_11 "\\x12\\x18$(rep 11 '\x0b')\\x08\\x01$(rep 11 '\x0c')"
ok nested_groups_9_at_depth_1 "\\x1a\\x16\\x12\\x14$(rep 9 '\x0b')\\x08\\x01$(rep 9 '\x0c')"
ok nested_groups_10_at_depth_1 "\\x1a\\x18\\x12\\x16$(rep 10 '\x0b')\\x08\\x01$(rep 10 '\x0c')"
# Groups at the top level may nest 100 deep.
ok groups_100_deep "$(rep 100 '\x0b')\\x08\\x01$(rep 100 '\x0c')"
# Groups spend protoc's printing budget of 10 too: under 9 groups a payload is expanded,
# under 10 it is a string.
ok groups_3_then_len "$(rep 3 '\x0b')\\x12\\x02\\x08\\x01$(rep 3 '\x0c')"
ok groups_9_then_len "$(rep 9 '\x0b')\\x12\\x02\\x08\\x01$(rep 9 '\x0c')"
ok groups_10_then_len "$(rep 10 '\x0b')\\x12\\x02\\x08\\x01$(rep 10 '\x0c')"
ok large_field_numbers_raw '\xf8\xff\xff\xff\x0f\x01\xfd\xff\xff\xff\x0f\x01\x02\x03\x04'
ok repeated_fields_interleaved '\x08\x01\x12\x00\x08\x02\x12\x01\x41\x08\x03'

# --- inputs protoc rejects -----------------------------------------------------------
# A valid message (1: 150, 2: "abc", 3: fixed32, 4: fixed64, 5 {1: 1}) cut short at many points.
whole='\x08\x96\x01\x12\x03abc\x1d\x01\x02\x03\x04\x21\x01\x02\x03\x04\x05\x06\x07\x08\x2a\x02\x08\x01'
fail truncated_in_varint '\x08\x96'
fail truncated_after_tag '\x08'
fail truncated_in_length '\x08\x96\x01\x12'
fail truncated_in_payload '\x08\x96\x01\x12\x03ab'
fail truncated_in_fixed32 '\x08\x96\x01\x12\x03abc\x1d\x01\x02'
fail truncated_in_fixed64 '\x08\x96\x01\x12\x03abc\x1d\x01\x02\x03\x04\x21\x01\x02\x03\x04\x05\x06\x07'
fail truncated_in_tag '\x08\x96\x01\x80'
fail truncated_in_nested '\x08\x96\x01\x2a\x02\x08'
fail truncated_in_group '\x0b\x08\x01'
fail truncated_in_group_varint '\x0b\x08'
fail bad_wire_type_6 '\x0e\x00'
fail bad_wire_type_7 '\x08\x01\x17\x00'
fail bad_wire_type_in_group '\x0b\x16\x0c'
fail overlong_varint '\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01'
fail overlong_tag '\x88\x80\x80\x80\x80\x00\x05'
fail overlong_length '\x0a\x81\x80\x80\x80\x80\x00a'
fail length_over_2gib '\x0a\x80\x80\x80\x80\x08'
fail mismatched_group '\x0b\x08\x01\x14'
fail end_group_without_start '\x08\x01\x0c'
fail nested_group_mismatch '\x0b\x13\x08\x01\x0c\x14'
fail field_number_0 '\x02\x00'
fail zero_tag '\x08\x01\x00'
fail groups_101_deep "$(rep 101 '\x0b')\\x08\\x01$(rep 101 '\x0c')"

printf 'corpus: %s valid, %s malformed inputs\n' "$(ls "$corpus" | wc -l)" "$(ls "$bad" | wc -l)"
