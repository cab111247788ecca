#!/usr/bin/env bash
# Tries hostile inputs and faults against copex and prints a table by area: inputs
# tried, clean refusals (one line on stderr, exit status 2), valid inputs that ran
# (exit 0) and defects (a panic, a stack trace, more than one line of error, another
# exit status, a hang, a success where a refusal was due, or a negative supply).
#
#   scripts/hostile.sh [COPEX]      # COPEX: a copex binary (default: built from ./cmd/copex)
#
# Every input is made in a fresh temporary folder; nothing outside it is written.
set -uo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
copex=${1:-}
[ -n "$copex" ] && copex=$(realpath "$copex")
if [ -z "$copex" ]; then
  copex="$tmp/copex"
  go build -o "$copex" ./cmd/copex || exit 1
fi
mkdir -p "$tmp/w/x"
cp scenarios/baseline.yaml "$tmp/w/x/base.yaml"
cd "$tmp/w/x" # two folders deep, so that a name leading out of out/ stays in $tmp

declare -A tried clean valid defects
areas=()
detail=""

# case AREA EXPECT(error|ok) CMD...: runs CMD (copex arguments) for at most 60 s.
case_() {
  local area=$1 expect=$2
  shift 2
  [ -n "${tried[$area]+x}" ] || { areas+=("$area"); tried[$area]=0; clean[$area]=0; valid[$area]=0; defects[$area]=0; }
  tried[$area]=$((tried[$area] + 1))
  local out="$tmp/o.$RANDOM"
  timeout 60 "$copex" "$@" >"$out.out" 2>"$out.err" </dev/null
  local code=$? lines
  lines=$(wc -l <"$out.err")
  local why=""
  if [ $code -eq 124 ]; then why="hung (60 s)"
  elif grep -qE "panic|goroutine [0-9]+|fatal error" "$out.err"; then why="panic"
  elif [ $code -eq 2 ] && [ "$lines" -eq 1 ]; then
    if [ "$expect" = error ]; then clean[$area]=$((clean[$area] + 1)); return; fi
    why="refused a valid input: $(head -c 200 "$out.err")"
  elif [ $code -eq 0 ]; then
    if [ "$expect" = ok ]; then
      if [ -f out/metrics.csv ] && awk -F, 'NR==1{for(i=1;i<=NF;i++) if($i=="supply") c=i} NR>1 && c && $c ~ /^-/ {bad=1} END{exit !bad}' out/metrics.csv; then
        why="exit 0 with a negative supply"
      else valid[$area]=$((valid[$area] + 1)); rm -rf out; return; fi
    else why="exit 0 where a refusal was due"; fi
  else why="exit $code, $lines lines: $(head -c 200 "$out.err" | tr '\n' ' ')"; fi
  defects[$area]=$((defects[$area] + 1))
  detail+="- $area: copex $* -> $why"$'\n'
  rm -rf out
}

small=(--set members=600 --set coops.count=20 --set ticks=3 -q --out out)

# Scenario files.
printf 'name: x\nbogus: 1\n' >unknown.yaml
printf 'name: x\nmembers: 5\nmembers: 6\n' >dup.yaml
printf 'name: x\nsectors:\n\t- name: a\n' >tabs.yaml
printf 'name: x\n---\nname: y\n' >twodocs.yaml
printf 'name: x\nmembers: -4\n' >negative.yaml
printf 'name: x\nmembers: .nan\n' >nan.yaml
printf 'name: x\nseed: 18446744073709551616\n' >seed.yaml
printf 'name: x\nissuance: {formula: expression}\n' >noexpr.yaml
printf 'name: x\nissuance: {formula: expression, expression: "offered +"}\n' >badexpr.yaml
printf 'name: "\x01"\n' >ctrl.yaml
printf 'name: x\nsectors: []\n' >nosectors.yaml
printf 'name: x\nsectors: [' >truncated.yaml
head -c 5000000 /dev/zero | tr '\0' 'a' >big.yaml
mkdir -p folder.yaml
for f in unknown dup tabs twodocs negative nan seed noexpr badexpr ctrl nosectors truncated big; do
  case_ "scenario files" error run $f.yaml "${small[@]}"
done
case_ "scenario files" error run folder.yaml "${small[@]}"
case_ "scenario files" error run /dev/zero "${small[@]}"
case_ "scenario files" error validate /dev/null
sed 's/^name: .*/name: ../' base.yaml >dotdot.yaml
sed 's|^name: .*|name: ../../escape|' base.yaml >escape.yaml
case_ "scenario files" ok run dotdot.yaml --set members=600 --set coops.count=20 --set ticks=2 -q
case_ "scenario files" ok run escape.yaml --set members=600 --set coops.count=20 --set ticks=2 -q
[ -e "$tmp/w/escape" ] || [ -e "$tmp/w/x/escape" ] && { defects["scenario files"]=$((defects["scenario files"] + 1)); detail+="- scenario files: name ../../escape wrote outside out/"$'\n'; }

# Overrides and money.
for s in giveaway.amount=1e13 member.initial_balance=1e12 members=100000000 members=0 ticks=0 \
  seed=-1 'sectors[0].base_price=1e9' 'sectors[9].wage=1' clock=day issuance.formula=nosuch \
  exchange.levy_rate=2 'coops.types.bogus=1' issuance.release_factor.value=1e300; do
  case_ "overrides and amounts" error run baseline "${small[@]}" --set "$s"
done
for s in giveaway.amount=1e12 'sectors[0].base_price=1e3' issuance.release_factor.value=100 member.fraud_rate=1; do
  case_ "overrides and amounts" ok run baseline "${small[@]}" --set "$s"
done
case_ "overrides and amounts" ok run random-exchange --set members=2000 --set ticks=3 -q --out out --set random_exchange.initial_balance=1e8

# Batch files.
printf 'scenario: baseline\nparameters:\n  seed: {range: {from: 0, to: 1e300, step: 1e-300}}\nmetrics: [last(supply)]\n' >huge.yaml
printf 'scenario: baseline\ndesign: lhs\nsamples: 4611686018427387904\nreplicates: 4\nparameters:\n  issuance.foundation_share: {min: 0, max: 1}\nmetrics: [last(supply)]\n' >lhs.yaml
printf 'scenario: /dev/zero\nparameters:\n  seed: {values: ["1"]}\nmetrics: [last(supply)]\n' >devzero.yaml
printf 'scenario: baseline\nparameters:\n  seed: {values: ["1"]}\nmetrics: [last(supply), last(supply)]\n' >dupmetric.yaml
printf 'scenario: baseline\nparameters:\n  seed: {values: ["1"]}\nmetrics: [nosuch(supply)]\n' >badmetric.yaml
for f in huge lhs devzero dupmetric badmetric; do
  case_ "batch files" error sweep $f.yaml --out sw -q
done
case_ "batch files" error compare baseline giveaway --replicates 9223372036854775807 --out cmp -q
case_ "batch files" error sweep dupmetric.yaml --workers 0 --out sw -q

# Tune, compare and screen files.
printf 'scenario: baseline\nparameters:\n  issuance.foundation_share: {min: 0, max: 1}\nobjective:\n  - {metric: last(price_index), weight: 1e400}\n' >tune-weight.yaml
printf 'scenario: baseline\nparameters:\n  name: {min: 0, max: 1}\nobjective:\n  - {metric: last(price_index), weight: 1}\n' >tune-name.yaml
printf 'scenario: baseline\nsets: [members=600]\nparameters:\n  issuance.foundation_share: {min: 0, max: 1}\nobjective:\n  - {metric: last(price_index), weight: 1}\n' >tune-sets.yaml
printf 'a: baseline\nb: giveaway\nreplicates: 0\nmetrics: [last(supply)]\n' >compare0.yaml
for f in tune-weight tune-name tune-sets; do case_ "tune, compare, screen files" error tune $f.yaml --out tn -q; done
case_ "tune, compare, screen files" error compare compare0.yaml --out cmp -q
case_ "tune, compare, screen files" error screen /dev/zero --out sc -q

# Merging shards.
printf 'scenario: two-coops\nparameters:\n  ticks: {values: ["2", "3"]}\nmetrics: [last(supply)]\n' >tiny.yaml
"$copex" sweep tiny.yaml --shard 1/2 --out s1 -q >/dev/null 2>&1
"$copex" sweep tiny.yaml --shard 2/2 --out s2 -q >/dev/null 2>&1
"$copex" sweep tiny.yaml --shard 1/3 --out t1 -q >/dev/null 2>&1
case_ "merging shards" error merge s1 s1 --out m1
case_ "merging shards" error merge s1 t1 --out m2
case_ "merging shards" error merge s1 s2 --out s1
case_ "merging shards" ok merge s1 s2 --out m3

# The command line.
case_ "command line" error nosuch
case_ "command line" error rnu
case_ "command line" error run a b
case_ "command line" error run --bogus
case_ "command line" error help nosuch
case_ "command line" error run baseline --workers 0 -q --out out
case_ "command line" error run baseline --workers -3 -q --out out
case_ "command line" ok --version

# Journals.
"$copex" run two-coops --journal j.csv --out jr -q >/dev/null 2>&1
awk -F, 'NR==40{ $7 = $7 "1" } {print}' OFS=, j.csv >flip.csv
head -c -40 j.csv >cut.csv
awk -F, 'NR==6{ $NF=toupper($NF) } {print}' OFS=, j.csv >upper.csv
case_ "journals" ok audit j.csv --manifest jr/manifest.json
for f in flip cut upper; do case_ "journals" error audit $f.csv; done
case_ "journals" error audit /dev/zero

echo "| area | inputs tried | clean refusals | valid, ran | defects |"
echo "|---|--:|--:|--:|--:|"
total=0; totald=0
for a in "${areas[@]}"; do
  echo "| $a | ${tried[$a]} | ${clean[$a]} | ${valid[$a]} | ${defects[$a]} |"
  total=$((total + tried[$a])); totald=$((totald + defects[$a]))
done
echo
echo "$total inputs, $totald defects."
[ -n "$detail" ] && printf '\nDefects:\n%s' "$detail"
[ "$totald" -eq 0 ]
