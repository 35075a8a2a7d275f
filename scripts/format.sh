#!/usr/bin/env bash
# Formats the C++ sources with clang-format and the top-level .clang-format.
# Usage: scripts/format.sh           reformat every file in place
#        scripts/format.sh --check   change nothing: list the files that would change, with the
#                                    number of lines each, and exit 1 if there are any (CI)
#        scripts/format.sh --diff    like --check, and print the changes
# Files: *.hpp, *.cpp, *.h under include/ tests/ examples/ tools/ bench/ fuzz/ (tracked or new,
# not ignored). Versions of clang-format disagree, so CI and this script use clang-format-14
# (Debian 12's); set CLANG_FORMAT to use another binary.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=format
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  --diff) mode=diff ;;
  *) echo "usage: $0 [--check | --diff]" >&2; exit 2 ;;
esac

cf=${CLANG_FORMAT:-}
if [ -z "$cf" ]; then
  for c in clang-format-14 clang-format; do
    if command -v "$c" >/dev/null; then cf=$c; break; fi
  done
fi
if [ -z "$cf" ]; then
  echo "clang-format not found (Debian: apt-get install clang-format-14)" >&2
  exit 2
fi
if ! "$cf" --version | grep -q 'version 14\.'; then
  echo "warning: $("$cf" --version) is not clang-format 14; its output may differ from CI's" >&2
fi

dirs=(include tests examples tools bench fuzz)
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard -- "${dirs[@]}" |
                       grep -E '\.(hpp|cpp|h)$' | sort -u)
else
  mapfile -t files < <(find "${dirs[@]}" -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.h' \) \
                         2>/dev/null | sort)
fi

if [ "$mode" = format ]; then
  for f in "${files[@]}"; do [ -f "$f" ] && "$cf" -i --style=file "$f"; done
  echo "formatted ${#files[@]} files with $cf"
  exit 0
fi

changed=0
lines=0
for f in "${files[@]}"; do
  [ -f "$f" ] || continue  # deleted but not yet committed
  if ! out=$(diff -U0 "$f" <("$cf" --style=file "$f")); then
    n=$(grep -c '^-[^-]' <<<"$out" || true)
    [ "$n" -gt 0 ] || n=$(grep -c '^+[^+]' <<<"$out" || true)
    echo "$f: $n lines"
    [ "$mode" = diff ] && printf '%s\n' "$out"
    changed=$((changed + 1))
    lines=$((lines + n))
  fi
done
if ((changed)); then
  echo "$changed of ${#files[@]} files need formatting ($lines lines): run scripts/format.sh" >&2
  exit 1
fi
echo "all ${#files[@]} files are formatted"
