#!/bin/bash
# Makes cmd/copex/default.pgo, the CPU profile that `go build` and `go run` use for
# profile-guided optimisation of the copex command (Go's -pgo=auto: a main package's
# default.pgo is applied to it and everything it imports). With it the compiler
# inlines the calls the profile shows hot (settling baskets, choosing offers, the
# ledger's payments) and lays out their code accordingly: economy-1m runs 8-11%
# faster (scripts/pair.sh), with byte-identical outputs (PGO changes how the code is compiled, never what
# it computes).
#
#   scripts/pgo.sh
#
# Re-run it after a large change to the engine's hot paths (an old profile still
# works; it only guides less well). It builds copex without a profile, runs the
# reference workload with --cpuprofile (economy-1m for 36 months, economy-100k, the
# random exchange, the baseline, co-prosperity at 100,000 members and the planning
# economy, so that every hot loop is represented), and merges the profiles with
# `go tool pprof -proto`. Takes under a minute on two cores (30 s here).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -pgo=off -o "$work/copex" ./cmd/copex
run() {
	local name=$1
	shift
	"$work/copex" run "$name" "$@" --cpuprofile "$work/$name.prof" --out "$work/out-$name" >/dev/null
}
run economy-1m --set ticks=36
run economy-100k
run random-exchange --set ticks=2000
run baseline
run coprosperity-100k --set ticks=36
run planning-1m --set ticks=12
go tool pprof -proto "$work"/*.prof >"$work/default.pgo" 2>/dev/null
mv "$work/default.pgo" cmd/copex/default.pgo
echo "wrote cmd/copex/default.pgo ($(wc -c <cmd/copex/default.pgo) bytes)"
