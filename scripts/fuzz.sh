#!/usr/bin/env bash
# Runs every fuzz target of the tree for FUZZTIME each (default 30s), one at a time, and
# fails on the first that finds a failing input (go test keeps it under testdata/fuzz).
#
#   scripts/fuzz.sh            # or FUZZTIME=5m scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
t=${FUZZTIME:-30s}
grep -rl --include='*_test.go' '^func Fuzz' . | sort | while read -r f; do
  pkg=./$(dirname "${f#./}")
  for name in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$f" | cut -d' ' -f2); do
    echo "== $pkg $name ($t)"
    go test "$pkg" -run '^$' -fuzz "^$name\$" -fuzztime "$t" -parallel 1
  done
done
