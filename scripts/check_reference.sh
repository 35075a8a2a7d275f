#!/usr/bin/env bash
# Checks that docs/reference.md documents every public name of the headers, and nothing else.
# Public: a namespace-scope declaration in namespace tagwire outside namespace detail (a struct,
# class, enum, concept, variable or function whose line starts at column 0, as the headers are
# written), and every TAGWIRE_ macro. Documented: a name in a `### ` heading of reference.md, in
# backticks (`### \`encode\`, \`encode_to\``). Members of classes are documented in their class's
# entry and not checked here. Exits 1 and lists the differences when the two sets differ.
# Usage: scripts/check_reference.sh
set -euo pipefail
cd "$(dirname "$0")/.."

declared=$(mktemp)
documented=$(mktemp)
trap 'rm -f "$declared" "$documented"' EXIT

for h in include/tagwire/*.hpp; do
  awk '
    # Skip internals: from a line opening namespace detail (or tagwire::detail) to its closing comment.
    /^namespace (tagwire::)?detail \{/ { skip = 1; next }
    /^\}  \/\/ namespace (tagwire::)?detail/ { skip = 0; next }
    skip { next }
    /^#define TAGWIRE_DETAIL_/ { next }  # internal by name
    /^#define TAGWIRE_/ { n = $2; sub(/\(.*/, "", n); print n; next }
    /^(\/\/|#|namespace|\}|static_assert|$)/ { next }
    /^[ \t]/ { next }
    {
      line = $0
      sub(/\/\/.*/, "", line)
      sub(/^template <[^>]*(<[^>]*>[^>]*)*> */, "", line)
      if (line ~ /^(struct|class|enum class|enum|concept) /) {
        sub(/^(struct|class|enum class|enum|concept) /, "", line)
        n = line; sub(/[^A-Za-z0-9_].*/, "", n)
        if (n != "") print n
        next
      }
      if (line ~ /^inline constexpr /) {
        n = line; sub(/ *=.*/, "", n); sub(/.* /, "", n)
        print n
        next
      }
      if (line ~ /\(/ && line !~ /operator/) {
        n = line; sub(/\(.*/, "", n); sub(/.*[^A-Za-z0-9_]/, "", n)
        if (n != "" && n != "requires") print n
      }
    }
  ' "$h"
done | sort -u > "$declared"

{ grep -E '^### ' docs/reference.md || true; } | { grep -oE '`[A-Za-z_][A-Za-z0-9_]*`' || true; } | tr -d '`' |
  sort -u > "$documented"

missing=$(comm -23 "$declared" "$documented")
stale=$(comm -13 "$declared" "$documented")
status=0
if [ -n "$missing" ]; then
  echo "public names without an entry in docs/reference.md:"
  printf '  %s\n' $missing
  status=1
fi
if [ -n "$stale" ]; then
  echo "docs/reference.md entries for names the headers do not declare:"
  printf '  %s\n' $stale
  status=1
fi
[ "$status" -ne 0 ] || echo "docs/reference.md: all $(wc -l < "$declared") public names documented"
exit "$status"
