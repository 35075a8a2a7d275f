#!/usr/bin/env bash
# meson's generated pkg-config file works: install the meson build into a scratch DESTDIR, then
# compile tests/consumer/main.cpp with `pkg-config --cflags tagwire` and run it. Exit 77
# (a skip for meson test) when pkg-config is missing.
# Usage: meson_pkg_config.sh BUILD_DIR WORK_DIR INCLUDEDIR MAIN_CPP CXX...
# (INCLUDEDIR: the absolute include directory the build installs to, e.g. /usr/local/include)
set -euo pipefail
build=$1 work=$2 includedir=$3 main=$4
shift 4
command -v pkg-config >/dev/null || { echo "pkg-config not found: skipped"; exit 77; }
rm -rf "$work"
meson install -C "$build" --no-rebuild --quiet --destdir "$work/root"
pc=$(find "$work/root" -name tagwire.pc)
[ -n "$pc" ] || { echo "meson install wrote no tagwire.pc"; exit 1; }
# The sysroot makes pkg-config prefix the -I path with the DESTDIR.
export PKG_CONFIG_PATH="${pc%/*}" PKG_CONFIG_SYSROOT_DIR="$work/root"
cflags=$(pkg-config --cflags tagwire)
cflags=${cflags% }  # some pkg-config versions end the line with a space
expected="-I$work/root$includedir -std=c++20"
[ "$cflags" = "$expected" ] || { echo "pkg-config --cflags tagwire: '$cflags', expected '$expected'"; exit 1; }
# shellcheck disable=SC2086 # cflags is a list of words
"$@" $cflags "$main" -o "$work/consumer"
"$work/consumer"
echo "consumer (meson's pkg-config file) built with: $* $cflags, and ran"
