#!/bin/bash
# Compares the speed of two copex binaries fairly on a shared machine: it runs them at
# the same time, one worker each (one per core of a two-core machine), so that both
# see the same load, then again with their places swapped, and prints each run's tick
# loop time (step_seconds in the manifest) and whether their metrics are byte-identical.
# A timing of one binary on this machine drifts by a third from one minute to the next;
# the pair's ratio moves by a few percent.
#
#   scripts/pair.sh OLD NEW [SCENARIO] [SET...]
#
# SCENARIO defaults to economy-1m; SETs are --set overrides (ticks=36 for a quicker
# look). Build the binaries first, e.g. `git stash; go build -o /tmp/old ./cmd/copex;
# git stash pop; go build -o /tmp/new ./cmd/copex`.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: scripts/pair.sh OLD NEW [SCENARIO] [SET...]" >&2; exit 2; }
old=$1 new=$2
scenario=${3:-economy-1m}
shift $(($# < 3 ? $# : 3))
sets=()
for s in "$@"; do sets+=(--set "$s"); done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
step() { grep -o '"step_seconds": [0-9.]*' "$1/manifest.json" | cut -d' ' -f2; }
run() { "$1" run "$scenario" --workers 1 "${sets[@]}" --out "$2" >/dev/null 2>&1; }
for round in 1 2; do
	if [ $round = 1 ]; then
		run "$old" "$work/old$round" & p=$!
		run "$new" "$work/new$round"
	else # the other way round: which starts first does not decide
		run "$new" "$work/new$round" & p=$!
		run "$old" "$work/old$round"
	fi
	wait "$p"
	echo "round $round: old $(step "$work/old$round") s, new $(step "$work/new$round") s"
done
if cmp -s "$work/old1/metrics.csv" "$work/new1/metrics.csv"; then
	echo "metrics.csv: byte-identical"
else
	echo "metrics.csv: differs"
fi
