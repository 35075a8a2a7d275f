"""Python side of the schema interop test (run by schema_interop_test.cpp).

Usage: schema_interop.py DIR. DIR holds the modules protoc generated from tagwire's exported
schemas, cases.txt (lines "module message name") and NAME.tw.bin, the bytes tagwire wrote for
each sample. For each sample this builds the same values with the generated classes, checks that
parsing NAME.tw.bin gives an equal message and that re-serializing it (deterministic=True) gives
the same bytes, and writes its own message to NAME.py.bin for tagwire to decode.
Exits 1 on the first mismatch.
"""

import importlib
import os
import sys


def scalars_full(m, pb):
    m.i32 = -5
    m.i64 = -1234567890123
    m.u32 = 4000000000
    m.u64 = 18000000000000000000
    m.s32 = -77
    m.s64 = -9000000000
    m.f32 = 3000000000
    m.f64 = (1 << 60) + 5
    m.sf32 = -123456
    m.sf64 = -5
    m.flag = True
    m.f = 1.5
    m.d = -0.25
    m.text = "h\u00e9llo"
    m.raw = b"\x00\xff bin"
    m.blob = b"\x01\x02\xfe"
    m.c = pb.COLOR_BLUE
    m.l = pb.LIGHT_AMBER
    m.small = -300
    m.st = pb.STATUS_FAILED
    m.w.value = 7


def scalars_empty(m, pb):
    pass


def scalars_negzero(m, pb):
    m.d = -0.0
    m.f = -0.0
    m.l = pb.LIGHT_RED


def containers_full(m, pb):
    m.packed_ints.extend([1, -1, 300])
    m.loose.extend([-2, 0, 5000000000])
    m.zz.extend([-1, 1, -64])
    m.ds.extend([0.5, -0.0, 1e300])
    m.colors.extend([pb.COLOR_GREEN, pb.COLOR_RED, pb.COLOR_BLUE])
    m.lights.extend([pb.LIGHT_GREEN, pb.LIGHT_RED])
    m.names.extend(["a", "", "c"])
    for x, y in [(1, 2), (0, 0), (-3, 0)]:
        p = m.points.add()
        p.x = x
        p.y = y
    m.bits.extend([True, False, True])
    m.fx.extend([0, 4294967295])
    m.counts["b"] = 2
    m.counts["a"] = -1
    m.counts[""] = 0
    m.by_id[-5].x = 1
    m.by_id[-5].y = 1
    m.by_id[3].SetInParent()
    m.fk[18446744073709551615] = b"\x01\x00"
    m.fk[0] = b""
    m.flags[True] = pb.COLOR_BLUE
    m.flags[False] = pb.COLOR_RED
    m.sfk[-9] = 2.5
    m.sfk[9] = -2.5
    m.lk[7] = pb.LIGHT_AMBER
    m.dict["zeta"] = "z"
    m.dict["alpha"] = "a"
    m.dict["mid"] = ""


def presence_zeros(m, pb):
    m.maybe_i = 0
    m.maybe_s = ""
    m.maybe_p.SetInParent()
    m.maybe_c = pb.COLOR_RED
    m.boxed.SetInParent()
    m.maybe_d = 0.0
    m.maybe_b = False


def presence_values(m, pb):
    m.maybe_i = -9
    m.maybe_p.x = 4
    m.maybe_p.y = -4
    m.plain_p.y = 6
    m.boxed.x = -1
    m.maybe_b = True


def choice_zero_number(m, pb):
    m.id = 1
    m.number = 0


def choice_point(m, pb):
    m.id = 1
    m.where.x = 1
    m.where.y = -1


def choice_zero_enum(m, pb):
    m.id = 1
    m.shade = pb.COLOR_RED


def choice_empty_text(m, pb):
    m.id = 1
    m.text = ""


def tree(m, pb):
    m.label = "root"
    m.children.add().label = "c0"
    m.children.add().left.label = "c1-left"
    m.left.children.add().label = "deep"
    m.named["x"].label = "named-x"
    m.named["x"].named["y"].SetInParent()


def ping(m, pb):
    m.n = 1
    m.reply.pings.add().n = 2
    m.reply.pings.add().reply.SetInParent()


def frame(m, pb):
    m.sender = "ana"
    m.tags.extend(["x", "yz"])
    m.deltas.extend([-1, 1, 5])
    m.node = "pump-3"
    m.temps.extend([20.5, -1.0])


def request_full(m, pb):
    m.id = 0
    m.hdr.version = 3
    m.hdr.agent = "tagwire"
    h = m.history.add()
    h.version = 1
    h.agent = "h"
    h = m.history.add()
    h.version = 2
    h.agent = "x"
    m.header.version = 7
    m.header.agent = "tagwire"
    m.copy.version = 9
    m.copy.agent = "c"
    m.xs.extend([1, -2, 300])
    m.ys.extend([4, 5])
    m.ratio = 0.0
    m.inner_pick.a = 5
    m.inner_pick.b = "q"
    m.by_name["k"].version = 1
    m.by_name["k"].agent = "tagwire"
    m.m = pb.MODE_SLOW
    m.om = pb.MODE_FAST
    m.modes.extend([pb.MODE_FAST, pb.MODE_SLOW])
    m.big = -1
    m.d.level = 2
    m.d.more.a = 3
    m.d.more.b = "m"


def request_small(m, pb):
    m.id = 42
    m.hdr.version = 0
    m.hdr.agent = "a"
    m.header.version = -1
    m.header.agent = "b"
    m.copy.version = 5
    m.copy.agent = "c"
    m.name = "n"
    m.big = 0


def main():
    directory = sys.argv[1]
    sys.path.insert(0, directory)
    failures = 0
    with open(os.path.join(directory, "cases.txt")) as f:
        cases = [line.split() for line in f if line.strip()]
    for module_name, message_name, name in cases:
        pb = importlib.import_module(module_name)
        cls = getattr(pb, message_name)
        expected = cls()
        globals()[name](expected, pb)
        if not expected.IsInitialized():
            print(f"{name}: the Python sample lacks required fields")
            failures += 1
            continue
        with open(os.path.join(directory, name + ".tw.bin"), "rb") as f:
            tw = f.read()
        parsed = cls()
        parsed.ParseFromString(tw)  # raises on malformed input or missing required fields
        again = parsed.SerializeToString(deterministic=True)
        mine = expected.SerializeToString(deterministic=True)
        if parsed != expected:
            print(f"{name}: Python parsed tagwire's bytes as\n{parsed}\nexpected\n{expected}")
            failures += 1
        if again != tw:
            print(f"{name}: re-serialized bytes differ\n tagwire: {tw.hex(' ')}\n  python: {again.hex(' ')}")
            failures += 1
        if len(parsed.UnknownFields()) != 0:
            print(f"{name}: Python kept unknown fields: the schema does not match the bytes")
            failures += 1
        with open(os.path.join(directory, name + ".py.bin"), "wb") as f:
            f.write(mine)
    print(f"schema_interop.py: {len(cases)} samples, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
