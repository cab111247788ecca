#!/bin/bash
# Counts the instructions the engine executes for a run, under valgrind's cachegrind:
# a measure of the engine's work that, unlike a timing, does not move with the load on
# a shared machine (the same binary and scenario give the same count to within a few
# thousandths). It is how the speed work of the Economy v2 issue was steered; the
# timings themselves come from `copex bench`.
#
#   scripts/instructions.sh [BINARY] [SCENARIO] [TICKS]
#
# BINARY defaults to a fresh build of ./cmd/copex, SCENARIO to economy-100k, TICKS to
# 24. One worker, so that the count does not include a second goroutine's spinning. It
# prints the instructions in the engine's own code (agents, sim and math/rand), per
# member-tick, then the functions that execute the most. Needs valgrind (Debian's
# package valgrind) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
scenario=${2:-economy-100k}
ticks=${3:-24}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$bin" ]; then
	go build -o "$work/copex" ./cmd/copex
	bin=$work/copex
fi
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
valgrind --tool=cachegrind --cache-sim=no --branch-sim=no --cachegrind-out-file="$work/cg.out" \
	"$bin" run "$scenario" --set ticks="$ticks" --workers 1 --out "$work/run" >/dev/null 2>&1
members=$(python3 -c "import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); print(sum(int(x['members']) for x in r))" "$work/run/metrics.csv")
cg_annotate --show=Ir "$work/cg.out" | python3 -c '
import re, sys
members = int(sys.argv[1])
rows = []
for line in sys.stdin:
    m = re.match(r"\s*([\d,]+)\s+\([^)]*\)\s+(\S+:\S+)$", line)
    if m and re.search(r"copex/copex/(agents|sim)|math/rand", m.group(2)):
        name = m.group(2).replace("github.com/copex/copex/", "")
        rows.append((int(m.group(1).replace(",", "")), name[name.rfind(":") + 1:]))
total = sum(r[0] for r in rows)
by = {}  # a function'"'"'s own code and what is inlined into it, from every file
for ir, name in rows:
    by[name] = by.get(name, 0) + ir
print("engine instructions: %.0f M, %.0f per member-tick (%d member-ticks)" % (total / 1e6, total / members, members))
for name, ir in sorted(by.items(), key=lambda x: -x[1])[:12]:
    print("%10.0f M  %5.1f%%  %s" % (ir / 1e6, 100 * ir / total, name))
' "$members"
