#!/usr/bin/python3
"""Turns tagwire_bench's JSON (google-benchmark, aggregates only) into the markdown tables of issue 4:
the side-by-side table, the compile-time and code-size comparison, and the goals. Used by
scripts/bench.sh; only the standard library. Exit status 1 when a benchmark reported an error other
than "SKIPPED: ..." (a correctness check failed), 0 otherwise (missed goals do not fail)."""

import argparse
import json
import statistics
import sys

LIBS = ["tagwire", "libprotobuf", "protozero", "memcpy"]
# The libprotobuf row each ratio is taken against (the goals: Arena for decode).
PB_REF = {"decode": "arena", "encode": "built"}
# The protozero row a tagwire row is compared with: the same variant, except where tagwire has one
# protozero has not.
PZ_OF = {"owning_fresh_noutf8": "owning_fresh", "views_vector": "views"}


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--json", required=True, help="tagwire_bench --benchmark_format=json output")
    p.add_argument("--out", help="also write the markdown here")
    p.add_argument("--info", action="append", default=[], help="key=value lines for the header")
    p.add_argument("--compile", action="append", default=[],
                   help="name=ms,ms,... wall times (tagwire_tu, protobuf_tu, protobuf_pb_cc, protoc)")
    p.add_argument("--size", action="append", default=[],
                   help="name=bytes of .text (tagwire_tu, protobuf_tu, protobuf_pb_cc)")
    return p.parse_args()


def kv(items):
    out = {}
    for item in items:
        key, _, value = item.partition("=")
        out[key] = value
    return out


def fmt_ns(ns):
    if ns >= 100:
        return f"{ns:,.0f}"
    return f"{ns:.1f}"


def fmt_ratio(r):
    return "—" if r is None else f"{r:.2f}x"


def main():
    args = parse_args()
    with open(args.json) as f:
        doc = json.load(f)
    info = kv(args.info)
    ctx = doc.get("context", {})

    rows = {}     # (message, op, lib, variant) -> dict(ns, bytes)
    order = []    # first-seen order
    errors = []   # (name, message)
    # Registration order (family_index), not the order of the JSON: with random interleaving the
    # runs come out shuffled.
    benchmarks = sorted(doc.get("benchmarks", []), key=lambda b: b.get("family_index", 0))
    for b in benchmarks:
        if b.get("error_occurred"):
            errors.append((b["run_name"], b.get("error_message", "")))
            continue
        if b.get("run_type") != "aggregate" or b.get("aggregate_name") != "median":
            if b.get("run_type") == "iteration" and b.get("repetitions", 1) == 1:
                pass  # a single repetition: no aggregates, use the run itself
            else:
                continue
        parts = b["run_name"].split("/")
        if len(parts) != 4:
            continue
        key = tuple(parts)
        scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]]
        if key not in rows:
            order.append(key)
        rows[key] = {"ns": b["cpu_time"] * scale, "bytes": b.get("wire_bytes", 0.0)}

    seen_err = {}
    for name, msg in errors:
        seen_err.setdefault(name, msg)
    failures = {n: m for n, m in seen_err.items() if not m.startswith("SKIPPED")}
    skipped = {n: m for n, m in seen_err.items() if m.startswith("SKIPPED")}

    def ns(msg, op, lib, variant):
        r = rows.get((msg, op, lib, variant))
        return None if r is None else r["ns"]

    def vs_pb(key):
        msg, op, _, _ = key
        ref = ns(msg, op, "libprotobuf", PB_REF[op])
        return None if ref is None else ref / rows[key]["ns"]

    def vs_pz(key):
        msg, op, lib, variant = key
        if lib != "tagwire":
            return None
        ref = ns(msg, op, "protozero", PZ_OF.get(variant, variant))
        return None if ref is None else ref / rows[key]["ns"]

    out = []
    if failures:
        out.append(f"**{len(failures)} BENCHMARK(S) FAILED THEIR CORRECTNESS CHECK: see the end. "
                   "Their rows are missing.**")
        out.append("")
    reps = next((b.get("repetitions") for b in doc.get("benchmarks", []) if "repetitions" in b), 1)
    date = info.get("date", ctx.get("date", ""))
    out.append(f"### tagwire benchmarks ({date})")
    out.append("")
    out.append(f"- machine: {info.get('machine', '?')}, {info.get('cores', ctx.get('num_cpus', '?'))} cores"
               f" (shared with other work: medians of {reps} repetitions, CPU time)")
    out.append(f"- compiler: {info.get('compiler', ctx.get('compiler', '?'))}, -O2; "
               f"libprotobuf {ctx.get('libprotobuf', '?')} (Debian), protozero {ctx.get('protozero', '?')}, "
               f"google-benchmark {info.get('benchmark', '?')}")
    out.append("- **vs libprotobuf**: libprotobuf's time / this row's time (above 1: faster), against "
               "libprotobuf decoding with an Arena (`arena`) and encoding a built message (`built`). "
               "**vs protozero**: against protozero's row of the same variant "
               "(`owning_fresh_noutf8` against `owning_fresh`: protozero checks no UTF-8; `views_vector` against "
               "`views`).")
    out.append("- decode variants: `owning_fresh` a new struct per decode (`tagwire::decode<T>`); "
               "`owning_reused` one struct, emptied with `clear()` on each member (capacity kept, like "
               "protobuf's `Clear()`), then `decode_into`; `views` string_view/span/packed_view members, and "
               "repeated_view for Person's phone numbers (`views_vector`: a std::vector of phone views, as "
               "protozero's `views`); "
               "`fixed_*` fixed_string/fixed_vector members (no heap); libprotobuf `fresh` (stack message), "
               "`arena` (an Arena per decode), `reused` (ParseFromArray on one message). Encode: `span` into "
               "a large enough buffer, `string_reused` appended to one emptied std::string, `string_fresh` a new "
               "std::string per message; libprotobuf `built` SerializeToArray, `fill_serialize` Clear + set "
               "every field from the plain struct + SerializeToArray.")
    out.append("- Checked before timing: every decoder's values equal the source struct, every encoder's bytes "
               "equal libprotobuf's. protozero is hand-written in the usual way: it checks no UTF-8 and its "
               "`views` of packed fields are its lazy ranges, which check nothing until iterated (tagwire's "
               "packed_view checks every varint, and repeated_view decodes every element once to check it, when "
               "decoding; iterating a repeated_view decodes each element again). libprotobuf checks UTF-8 (proto3) on decode "
               "and encode. bytes: the input for decode, the output for encode (GoogleMessage1's input keeps "
               "three explicit zero values that encoders drop).")
    out.append("")
    out.append("| message | op | library | variant | bytes | ns/op | MB/s | vs libprotobuf | vs protozero |")
    out.append("|---|---|---|---|--:|--:|--:|--:|--:|")
    for key in order:
        msg, op, lib, variant = key
        r = rows[key]
        mbs = r["bytes"] / r["ns"] * 1e3 if r["ns"] > 0 else 0.0
        lib_cell = f"**{lib}**" if lib == "tagwire" else lib
        out.append(f"| {msg} | {op} | {lib_cell} | {variant} | {r['bytes']:,.0f} | {fmt_ns(r['ns'])} | "
                   f"{mbs:,.0f} | {fmt_ratio(vs_pb(key))} | {fmt_ratio(vs_pz(key))} |")
    out.append("")

    # Compile time and code size.
    comp = {k: [float(x) / 1000 for x in v.split(",") if x] for k, v in kv(args.compile).items()}
    size = {k: int(v) for k, v in kv(args.size).items() if v}
    med = {k: statistics.median(v) for k, v in comp.items() if v}
    if med or size:
        out.append("#### Compile time and code size: the address book (examples/address_book) encoded and decoded")
        out.append("")
        out.append("| | tagwire | protoc-generated + libprotobuf |")
        out.append("|---|--:|--:|")
        if med:
            pb_total = med.get("protobuf_tu", 0) + med.get("protobuf_pb_cc", 0)
            out.append(f"| `g++ -O2 -c`, wall, median of {len(comp.get('tagwire_tu', []))} | "
                       f"{med.get('tagwire_tu', 0):.2f} s | {pb_total:.2f} s (user TU "
                       f"{med.get('protobuf_tu', 0):.2f} s + address_book.pb.cc "
                       f"{med.get('protobuf_pb_cc', 0):.2f} s; protoc itself {med.get('protoc', 0):.2f} s) |")
        if size:
            pb_size = size.get("protobuf_tu", 0) + size.get("protobuf_pb_cc", 0)
            out.append(f"| `-Os` code: bytes in `.text*` sections of the object(s) | {size.get('tagwire_tu', 0):,} B | "
                       f"{pb_size:,} B (user TU {size.get('protobuf_tu', 0):,} B + address_book.pb.cc "
                       f"{size.get('protobuf_pb_cc', 0):,} B; libprotobuf.so not counted) |")
        out.append("")
        out.append("Code size counts every `.text*` section of the `-Os -ffunction-sections` object: the two "
                   "functions (`save`: encode_to a vector, `load`: decode) and every inline and template "
                   "function they instantiate, libstdc++'s included; shared libraries (libstdc++.so, "
                   "libprotobuf.so) are not counted.")
        out.append("")

    # Goals.
    goals = []

    def goal(work, measured, target, ok, note=""):
        goals.append((work, measured, target, ok, note))

    def speedup(msg, op, variant, ref_variant):
        a = ns(msg, op, "tagwire", variant)
        b = ns(msg, op, "libprotobuf", ref_variant)
        return None if a is None or b is None else b / a

    def speed_goal(label, msg, op, variants, ref_variant, target):
        for v in variants:
            r = speedup(msg, op, v, ref_variant)
            goal(f"{label} (`{v}`)", fmt_ratio(r), f"≥ {target}x libprotobuf `{ref_variant}`",
                 None if r is None else r >= target)

    speed_goal("decode Person, owning", "person", "decode", ["owning_fresh", "owning_reused"], "arena", 3)
    speed_goal("decode Person, views", "person", "decode", ["views"], "arena", 10)
    speed_goal("decode EntityUpdate, fixed-capacity", "entity_update", "decode",
               ["fixed_fresh", "fixed_reused"], "arena", 5)
    speed_goal("decode GoogleMessage1, owning", "google_message1", "decode", ["owning_fresh", "owning_reused"],
               "arena", 2)
    speed_goal("decode GoogleMessage1, views", "google_message1", "decode", ["views"], "arena", 3.5)
    speed_goal("decode Large", "large", "decode", ["owning_fresh", "owning_reused"], "reused", 1.5)
    mc = ns("large_doubles", "decode", "memcpy", "copy")
    for v in ["owning_fresh", "owning_reused"]:
        t = ns("large_doubles", "decode", "tagwire", v)
        r = None if t is None or mc is None else t / mc
        goal(f"decode Large's 10,000 doubles (`{v}`)", "—" if r is None else f"{r:.2f}x memcpy time",
             "≤ 2x memcpy time", None if r is None else r <= 2)
    speed_goal("encode Person", "person", "encode", ["span", "string_reused"], "built", 3)
    speed_goal("encode EntityUpdate", "entity_update", "encode", ["span", "string_reused"], "built", 1.5)
    speed_goal("encode GoogleMessage1", "google_message1", "encode", ["span", "string_reused"], "built", 1.5)
    speed_goal("encode Large", "large", "encode", ["span", "string_reused"], "built", 1)
    mc = ns("large_doubles", "encode", "memcpy", "copy")
    t = ns("large_doubles", "encode", "tagwire", "span")
    r = None if t is None or mc is None else t / mc
    goal("encode Large's doubles are one memcpy (`span`)", "—" if r is None else f"{r:.2f}x memcpy time",
         "≈ memcpy (≤ 1.25x its time)", None if r is None else r <= 1.25)
    pz = [(k, vs_pz(k)) for k in order if k[2] == "tagwire" and vs_pz(k) is not None]
    slower = [(k, x) for k, x in pz if x <= 1.0]
    worst = min(pz, key=lambda kx: kx[1]) if pz else None
    goal("every row faster than protozero",
         f"{len(pz) - len(slower)} of {len(pz)} rows" + (f"; slowest {'/'.join(worst[0])} {worst[1]:.2f}x"
                                                          if worst else ""),
         "all", None if not pz else not slower)
    if "tagwire_tu" in med:
        goal("compile time of the address-book TU (`g++ -O2 -c`)", f"{med['tagwire_tu']:.2f} s "
             f"(protoc-generated: {med.get('protobuf_tu', 0) + med.get('protobuf_pb_cc', 0):.2f} s)",
             "≤ 1.0 s", med["tagwire_tu"] <= 1.0)
    if "tagwire_tu" in size:
        goal("`-Os` code for address-book encode+decode", f"{size['tagwire_tu']:,} B (protoc-generated: "
             f"{size.get('protobuf_tu', 0) + size.get('protobuf_pb_cc', 0):,} B)", "≤ 8 KB (8,192 B)",
             size["tagwire_tu"] <= 8192)

    out.append("#### Goals of issue 4")
    out.append("")
    out.append("| work | measured | goal | result |")
    out.append("|---|--:|---|---|")
    for work, measured, target, ok, _ in goals:
        res = "n/a" if ok is None else ("pass" if ok else "**miss**")
        out.append(f"| {work} | {measured} | {target} | {res} |")
    out.append("")
    if slower:
        out.append("Rows not faster than protozero: " +
                   ", ".join(f"{'/'.join(k)} ({x:.2f}x)" for k, x in slower) + ".")
        out.append("")

    for n, m in sorted(skipped.items()):
        out.append(f"- skipped: {n}: {m}")
    for n, m in sorted(failures.items()):
        out.append(f"- **FAILED**: {n}: {m}")
    text = "\n".join(out).rstrip() + "\n"
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)
    if failures:
        sys.stderr.write(f"bench: {len(failures)} benchmark(s) failed their correctness check\n")
        return 1
    if not rows:
        sys.stderr.write("bench: no results\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
