package councils_test

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/agents/agentstest"
	"github.com/copex/copex/agents/councils"
	"github.com/copex/copex/runs"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// small is the planning scenario cut down for tests: 2,000 members in households of 4,
// 400 co-ops of 2 to 6 workers, 50 goods.
var small = []string{"members=2000", "coops.count=400"}

// build returns an economy of scenario name (with sets) and a councils subsystem of
// its own over it, built from the scenario's section.
func build(t *testing.T, name string, sets ...string) (sim.Host, sim.Subsystem, councils.Config) {
	t.Helper()
	sc, err := scenarios.Load(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	m, err := agents.Build(sc.Config, sc.Config.Seed)
	if err != nil {
		t.Fatal(err)
	}
	h := m.(sim.Host)
	c, err := councils.New(sc.Config.Councils, h)
	if err != nil {
		t.Fatal(err)
	}
	return h, c, sc.Config.Councils
}

func tick(n int) sim.Tick { return sim.Tick{N: n, Month: n, MonthStart: true} }

// TestNesting: every active member is in exactly one council of each consumers'
// level and every employed member in one of each workers' level (CheckNest), and,
// checked here from the host alone, a council's members share what defines it: a
// household or neighbourhood its locality (and a household has at most 4 members), a
// city its localities' city (one per locality here), a workplace its co-op, an
// industry its sector.
func TestNesting(t *testing.T) {
	h, c, cfg := build(t, "planning", small...)
	if err := councils.Month(c, tick(1)); err != nil {
		t.Fatal(err)
	}
	if err := councils.CheckNest(c); err != nil {
		t.Fatal(err)
	}
	same := func(level int, key func(i int) int) {
		for k := range councils.Count(c, level) {
			ms := councils.Members(c, level, k)
			for _, i := range ms {
				if key(int(i)) != key(int(ms[0])) {
					t.Fatalf("level %d council %d holds members %d and %d of different kinds", level, k, ms[0], i)
				}
			}
			if level == councils.Household && len(ms) > cfg.Nesting.Household {
				t.Fatalf("household %d has %d members, want at most %d", k, len(ms), cfg.Nesting.Household)
			}
		}
	}
	same(councils.Household, h.MemberLocality)
	same(councils.Neighbourhood, h.MemberLocality)
	same(councils.City, h.MemberLocality)
	same(councils.Workplace, h.MemberEmployer)
	same(councils.Industry, func(i int) int { return h.CoopSectorIndex(h.MemberEmployer(i)) })
	if n := councils.Count(c, councils.Household); n < 400 {
		t.Errorf("%d households for 2,000 members in fours, want at least 400", n)
	}
}

// votes runs a year of decisions and returns every proposal (Member -1) and vote.
func votes(t *testing.T, c sim.Subsystem) []councils.Vote {
	var vs []councils.Vote
	councils.Watch(c, &vs)
	for m := 1; m <= 12; m++ {
		if err := councils.Month(c, tick(m)); err != nil {
			t.Fatal(err)
		}
	}
	return vs
}

// TestVotesAmongAffected: a proposal of a council is voted on only by its members
// (direct mode), or only by the delegates of its member councils (delegates mode,
// above households and workplaces). The check reads the councils' member lists and
// delegates, not the decision code.
func TestVotesAmongAffected(t *testing.T) {
	for _, mode := range []string{"direct", "delegates"} {
		t.Run(mode, func(t *testing.T) {
			_, c, _ := build(t, "planning", append(small, "councils.decisions.rate=6", "councils.decisions.mode="+mode)...)
			vs := votes(t, c)
			cast := 0
			for _, v := range vs {
				if v.Member < 0 {
					continue
				}
				cast++
				ms := councils.Members(c, v.Level, v.Council)
				if !slices.Contains(ms, v.Member) {
					t.Fatalf("member %d voted on a proposal of level %d council %d, which it is not in", v.Member, v.Level, v.Council)
				}
				if mode == "delegates" && v.Level != councils.Household && v.Level != councils.Workplace {
					ok := false
					for ch, p := range councils.Parents(c, v.Level-1) {
						ok = ok || (int(p) == v.Council && councils.Delegates(c, v.Level-1)[ch] == v.Member)
					}
					if !ok {
						t.Fatalf("member %d voted on level %d council %d but delegates none of its member councils", v.Member, v.Level, v.Council)
					}
				}
			}
			if cast < 1000 {
				t.Fatalf("only %d votes cast in a year: the check saw too little", cast)
			}
		})
	}
}

// TestQuorumAndJuries: each proposal is decided exactly when the votes cast reach
// quorum x those entitled (direct mode: the council's active members, all active at
// the year's start here) and at least one; the counts are recomputed from the votes.
// Juries review each decision with chance 0.3: over n decisions the number reviewed
// is binomial, within 4 standard deviations of 0.3 n (a false failure about 1 in
// 16,000).
func TestQuorumAndJuries(t *testing.T) {
	h, c, _ := build(t, "planning", append(small, "councils.decisions.rate=6", "councils.decisions.mode=direct",
		"councils.decisions.quorum=0.35", "councils.decisions.jury=0.3", "councils.tokens.base=0.35", "councils.tokens.gain=0")...)
	var vs []councils.Vote
	councils.Watch(c, &vs)
	var want struct{ proposals, decided, noQuorum int64 }
	var reviewed int64
	for m := 1; m <= 12; m++ {
		vs = vs[:0]
		if err := councils.Month(c, tick(m)); err != nil {
			t.Fatal(err)
		}
		p, d, q, r := councils.Counts(c)
		reviewed += r
		var month struct{ proposals, decided, noQuorum int64 }
		for k := 0; k < len(vs); {
			v := vs[k]
			k++
			cast := 0
			for k < len(vs) && vs[k].Member >= 0 {
				cast++
				k++
			}
			entitled := 0
			for _, i := range councils.Members(c, v.Level, v.Council) {
				if h.MemberActive(int(i)) {
					entitled++
				}
			}
			month.proposals++
			if cast > 0 && float64(cast) >= 0.35*float64(entitled) {
				month.decided++
			} else {
				month.noQuorum++
			}
		}
		if month.proposals != p || month.decided != d || month.noQuorum != q {
			t.Fatalf("month %d: proposals/decided/no quorum %d/%d/%d, recomputed from the votes %d/%d/%d", m, p, d, q,
				month.proposals, month.decided, month.noQuorum)
		}
		want.proposals += p
		want.decided += d
		want.noQuorum += q
		councils.ResetCounts(c) // as a run's measurement does each tick
	}
	if want.decided < 200 || want.noQuorum < 200 {
		t.Fatalf("decided %d, no quorum %d: both outcomes must occur often for the check to mean anything", want.decided, want.noQuorum)
	}
	n := float64(want.decided)
	if sd := math.Sqrt(n * 0.3 * 0.7); math.Abs(float64(reviewed)-0.3*n) > 4*sd {
		t.Errorf("juries reviewed %d of %d decisions, want 0.3 of them within %.0f", reviewed, want.decided, 4*sd)
	}
}

// metrics runs a scenario through runs.Run and returns its metrics.csv as rows of
// column -> value, and the folder --plan wrote to.
func metrics(t *testing.T, name string, sets ...string) ([]map[string]string, string) {
	t.Helper()
	sc, err := scenarios.Load(name, sets)
	if err != nil {
		t.Fatal(err)
	}
	dir, plan := t.TempDir(), t.TempDir()
	if _, err := runs.Run(sc, dir, runs.Options{NoCharts: true, Workers: 2, Dirs: map[string]string{"plan": plan}}); err != nil {
		t.Fatal(err)
	}
	return agentstest.ReadCSV(t, filepath.Join(dir, "metrics.csv")), plan
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestVestingNeverEarly: with vest_years 1, tokens earned in plan year y unlock when
// year y + 2 begins, so at every tick of year Y the tokens unlocked so far are
// exactly those earned by the end of year Y - 2 (read from the issued column at that
// year's last tick): never more (early) and never less (late).
func TestVestingNeverEarly(t *testing.T) {
	rows, _ := metrics(t, "planning", append(small, "ticks=48")...)
	for i, r := range rows {
		year := i/12 + 1
		want := 0.0
		if year >= 3 {
			want = num(t, rows[(year-2)*12-1]["councils_tokens_issued"])
		}
		got := num(t, r["councils_tokens_vested"])
		if got != want {
			t.Fatalf("tick %d (year %d): %v tokens unlocked, want %v (all earned by the end of year %d)", i+1, year, got, want, year-2)
		}
		if locked := num(t, r["councils_tokens_locked"]); math.Abs(locked-(num(t, r["councils_tokens_issued"])-got)) > 1e-6 {
			t.Fatalf("tick %d: locked %v != issued - vested", i+1, locked)
		}
	}
	if num(t, rows[len(rows)-1]["councils_tokens_vested"]) <= 0 {
		t.Fatal("no tokens unlocked in four years: the check saw nothing")
	}
}

// TestNonSubstitution runs planning-linear as copex run --plan DIR does and reads
// plan.csv, labour_values.csv and io.csv: at the plan's last round every good's price
// over the wage is its embodied labour value within 1%, and the plan converged. The
// check can tell the law from a wrong one: the same prices are more than 5% off
// direct labour alone (io.csv's labour rows) for some good.
func TestNonSubstitution(t *testing.T) {
	rows, dir := metrics(t, "planning-linear")
	if rows[0]["councils_plan_feasible"] != "1" {
		t.Fatalf("no feasible plan: %v rounds, excess %v", rows[0]["councils_plan_rounds"], rows[0]["councils_plan_excess"])
	}
	value := map[string]float64{}
	for _, r := range agentstest.ReadCSV(t, filepath.Join(dir, "labour_values.csv")) {
		value[r["sector"]] = num(t, r["value"])
	}
	direct := map[string]float64{}
	for _, r := range agentstest.ReadCSV(t, filepath.Join(dir, "io.csv")) {
		if r["input"] == "labour" {
			direct[r["sector"]] = num(t, r["coefficient"])
		}
	}
	plan := agentstest.ReadCSV(t, filepath.Join(dir, "plan.csv"))
	last := 0
	for _, r := range plan {
		if r["year"] == "1" {
			last = max(last, int(num(t, r["round"])))
		}
	}
	price := map[string]float64{}
	for _, r := range plan {
		if r["year"] == "1" && int(num(t, r["round"])) == last {
			price[r["good"]] = num(t, r["price"])
		}
	}
	wage := price["labour"]
	worstV, worstL := 0.0, 0.0
	for g, v := range value {
		worstV = max(worstV, math.Abs(price[g]/wage/v-1))
		worstL = max(worstL, math.Abs(price[g]/wage/direct[g]-1))
	}
	if len(value) != 8 || worstV > 0.01 {
		t.Errorf("%d goods: relative prices off labour values by %.3g, want within 1%%", len(value), worstV)
	}
	if worstL < 0.05 {
		t.Errorf("prices within %.3g of direct labour too: the check cannot tell", worstL)
	}
	t.Logf("%d rounds: p/wage vs v within %.2g, vs direct labour off by %.2g", last, worstV, worstL)
}

// TestBadInput: each bad section is refused by scenarios.Parse with the file, the
// line of the offending field and its path.
func TestBadInput(t *testing.T) {
	base, ok := scenarios.Embedded("planning-linear")
	if !ok {
		t.Fatal("planning-linear is not embedded")
	}
	cases := []struct {
		name, old, new, field, says string
	}{
		{"round limit 0", "max_rounds: 20000", "max_rounds: 0", "councils.plan.max_rounds", "at least 1"},
		{"tolerance 0", "tolerance: 0.001", "tolerance: 0", "councils.plan.tolerance", "above 0"},
		{"negative tolerance", "tolerance: 0.001", "tolerance: -0.5", "councils.plan.tolerance", ""},
		{"reward shares", "staker: 1", "staker: 0.9", "councils.stake.staker", "sum to 0.9"},
		{"nesting leaves members out", "neighbourhood: 20", "neighbourhood: 20\n    cities: [[0], [2, 3]]", "councils.nesting.cities", "locality 1"},
		{"nesting puts members twice", "neighbourhood: 20", "neighbourhood: 20\n    cities: [[0, 1], [1, 2, 3]]", "councils.nesting.cities[1][0]", "exactly one"},
		{"unproductive matrix", "base: 1\n", "base: 1\n    io: [{sector: 0, input: 1, coefficient: 2}, {sector: 1, input: 0, coefficient: 0.8}]\n",
			"councils.plan.io", "spectral radius"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := strings.Replace(string(base), c.old, c.new, 1)
			if text == string(base) {
				t.Fatalf("%q not in the scenario", c.old)
			}
			_, err := scenarios.Parse("planning-linear.yaml", []byte(text), nil)
			if err == nil {
				t.Fatal("accepted")
			}
			// The line is that of the changed text's last key.
			key := strings.SplitN(strings.TrimSpace(c.new[strings.LastIndex(strings.TrimRight(c.new, "\n"), "\n")+1:]), ":", 2)[0]
			line := 0
			for n, l := range strings.Split(text, "\n") {
				if strings.HasPrefix(strings.TrimSpace(l), key+":") && line == 0 && strings.Contains(c.new, strings.TrimSpace(l)) {
					line = n + 1
				}
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "planning-linear.yaml:"+strconv.Itoa(line)+": "+c.field) || !strings.Contains(msg, c.says) || strings.Contains(msg, "\n") {
				t.Errorf("error %q, want planning-linear.yaml:%d: %s ... %s on one line", msg, line, c.field, c.says)
			}
		})
	}
}

// TestContract runs the contract suite with the councils on: conservation every
// tick (stakes and slashing move tokens on the ledger), the same bytes for 1, 2 and 8
// workers, journal rebuild, determinism, and no allocation in a steady tick (ticks
// 13 to 32, so a year's plan, stakes and elections are inside the measured ticks).
func TestContract(t *testing.T) {
	load := func(sets ...string) func(seed uint64) (sim.Model, error) {
		sc, err := scenarios.Load("planning", append(append([]string{}, small...), sets...))
		if err != nil {
			t.Fatal(err)
		}
		return func(seed uint64) (sim.Model, error) { return agents.Build(sc.Config, seed) }
	}
	agentstest.Run(t, agentstest.Contract{New: load(), Ticks: 26,
		Steady: load("fixed.members=true", "fixed.labour=true", "fixed.foundation=true")})
}

// TestTurnoutRespondsToTokens: with no gain every entitled member votes with chance
// base (0.35), so the household turnout of year 4 is 0.35 within 4 binomial standard
// deviations (sqrt(0.35 x 0.65 / ballots)); with gain 0.4 and half 20, members
// holding unlocked tokens vote more often, so the same turnout is higher by more than
// that margin.
func TestTurnoutRespondsToTokens(t *testing.T) {
	turnout := func(gain string) (float64, float64) {
		rows, _ := metrics(t, "planning", append(small, "ticks=48", "councils.decisions.mode=direct", "councils.tokens.gain="+gain)...)
		return num(t, rows[47]["councils_turnout_household"]), num(t, rows[47]["councils_tokens_vested"])
	}
	flat, _ := turnout("0")
	// Household proposals in a year: about 500 households x rate 1, 4 members each.
	margin := 4 * math.Sqrt(0.35*0.65/(500*4))
	if math.Abs(flat-0.35) > margin {
		t.Errorf("turnout %.3f without a gain, want 0.35 within %.3f", flat, margin)
	}
	up, vested := turnout("0.4")
	if vested <= 0 || up-flat < margin {
		t.Errorf("turnout %.3f with the gain (%v tokens unlocked) against %.3f without: want higher by more than %.3f", up, vested, flat, margin)
	}
	t.Logf("household turnout in year 4: %.3f without the gain, %.3f with it", flat, up)
}

// TestAsRun: the scenario a run writes (scenario.yaml, the section with its defaults
// filled in) loads again and gives the same metrics, byte for byte.
func TestAsRun(t *testing.T) {
	for name, sets := range map[string][]string{"planning-linear": {"ticks=1"}, "planning": append([]string{"ticks=1"}, small...)} {
		var out [2][]byte
		src := name
		for k := range out {
			sc, err := scenarios.Load(src, sets)
			if err != nil {
				t.Fatalf("%s: %v", src, err)
			}
			dir := t.TempDir()
			if _, err := runs.Run(sc, dir, runs.Options{NoCharts: true}); err != nil {
				t.Fatal(err)
			}
			if out[k], err = os.ReadFile(filepath.Join(dir, "metrics.csv")); err != nil {
				t.Fatal(err)
			}
			src = filepath.Join(dir, "scenario.yaml")
		}
		if string(out[0]) != string(out[1]) {
			t.Errorf("%s: the scenario as run gives other metrics", name)
		}
	}
}

// TestStakeRewardsSplit: each year's reward is split by the scenario's shares (0.55,
// 0.2, 0.15, 0.1 in planning), each part rounded to the micro-token once per stake
// and year, so the running totals stand in those proportions within one micro-token
// per stake-year (at most 2,000 members x 4 years here); stakes are slashed and the
// tokens staked are on the ledger (the contract suite checks conservation).
func TestStakeRewardsSplit(t *testing.T) {
	rows, _ := metrics(t, "planning", append(small, "ticks=48", "councils.stake.slash_rate=0.2")...)
	last := rows[len(rows)-1]
	parts := []float64{num(t, last["councils_rewards_staker"]), num(t, last["councils_rewards_welfare"]),
		num(t, last["councils_rewards_solidarity"]), num(t, last["councils_rewards_protocol"])}
	total := parts[0] + parts[1] + parts[2] + parts[3]
	if total <= 0 || num(t, last["councils_slashed"]) <= 0 || num(t, last["councils_stake"]) <= 0 {
		t.Fatalf("rewards %v, slashed %v, stake %v: staking did not happen", total, last["councils_slashed"], last["councils_stake"])
	}
	const tol = 2000 * 4 * 1e-6 // tokens
	for k, share := range []float64{0.55, 0.2, 0.15, 0.1} {
		if math.Abs(parts[k]-share*total) > tol {
			t.Errorf("reward part %d is %v of %v, want %v of it within %v", k, parts[k], total, share, tol)
		}
	}
}
