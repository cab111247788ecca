package dao

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/governance"
	"github.com/copex/copex/sim/ledger"
)

// DAO is the platform subsystem over one economy.
type DAO struct {
	cfg Config
	h   sim.Host
	l   *ledger.Ledger

	escrow ledger.AccountID // the prize escrow: one project account for every mission
	src    rand.PCG
	rng    *rand.Rand
	split  Splitter

	// Owners: each member's competence, reputation and customer co-ops.
	known      int       // members set up so far
	competence []float64 // probability of voting for the better option
	reputation []float64 // what others see of it
	cust       []int32   // Customers per member: co-ops it is a customer-owner of (-1 none)

	// Each co-op's owners this month (CSR by co-op): member, stake, area.
	start []int32
	owner []int32
	stake []int64
	fill  []int32

	// One vote's electorate (reused) and the programs.
	el       governance.Electorate
	programs []governance.Program
	progCum  []float64
	resolver governance.Resolver
	weights  []int64
	parts    []ledger.Amount

	votes    []voteRecord
	nextVote int64
	graphDir string
	graphErr error // the first failure to write a graph, returned by the next phase

	missions []mission
	pledges  []pledge
	team     []teamSlot
	bundles  []bundle
	market   auction

	plat          []int32 // a platform vote's electorate: active members
	platformMonth int
	platformVotes int

	bench       *governance.CompetenceResult
	benchVoters int

	now  sim.Tick
	tick counters
}

// counters are a tick's figures (flows) and the stocks measured with them.
type counters struct {
	votes, passed, correct, directCorrect, lostCycles int64
	turnout                                           float64
	opened, won, late, failed, unfunded               int64
	pledged, paid, refunded, royalties, dividends     ledger.Amount
	issued, traded                                    int64
	tradedValue                                       ledger.Amount
	bundlesSold                                       int64
	bundlePaid                                        ledger.Amount
	priceChanges                                      int64
}

var (
	_ sim.Subsystem    = (*DAO)(nil)
	_ sim.OutputWriter = (*DAO)(nil)
	_ sim.DirUser      = (*DAO)(nil)
)

// New builds the subsystem over host h (nil: only to list what it registers). It
// opens the prize escrow account and draws the owners' competences and customer
// co-ops, the bundles' co-ops and the voting programs.
func New(cfg Config, h sim.Host) (sim.Subsystem, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	d := &DAO{cfg: cfg.withDefaults(), h: h}
	if h == nil {
		return d, nil
	}
	d.l = h.Ledger()
	d.escrow = d.l.Open(ledger.KindProject)
	d.rng = rand.New(&d.src)
	sim.Seed(&d.src, h.Seed(), 0, 0, sim.PurposeDAO)
	for _, p := range d.cfg.Programs {
		d.programs = append(d.programs, newProgram(p))
	}
	c := 0.0
	for _, p := range d.cfg.Programs {
		c += p.Share
		d.progCum = append(d.progCum, c)
	}
	d.el.Programs = d.programs
	d.setupMembers()
	d.setupBundles()
	// Room for every vote of the run: each co-op meets every meet_every_months with a
	// dividend and each kind of mission on the agenda, and missions decided by vote
	// add one each.
	months := h.Clock().Month(max(h.Clock().Ticks, 1))
	perMeeting := 1 + 2*len(d.cfg.Missions)
	d.votes = make([]voteRecord, 0, min(h.Coops()*(months/d.cfg.MeetEvery+1)*perMeeting, 1<<18))
	return d, nil
}

// Register adds the platform's phases and columns; it reads only the configuration.
func (d *DAO) Register(r *sim.Registry) {
	r.Phase(sim.Phase{Name: "dao/begin", Stage: sim.StageOpen, Cadence: sim.EveryTick, Run: d.begin})
	r.Phase(sim.Phase{Name: "dao/meetings", Stage: sim.StageGovern, Cadence: sim.MonthStart, Run: d.meetings})
	if len(d.cfg.Missions) > 0 {
		r.Phase(sim.Phase{Name: "dao/missions", Stage: sim.StageGovern, Cadence: sim.MonthStart, Run: d.settleMissions})
		r.Phase(sim.Phase{Name: "dao/achievement-market", Stage: sim.StageTrade, Cadence: sim.MonthStart, Run: d.runMarket})
	}
	if len(d.cfg.Bundles) > 0 {
		r.Phase(sim.Phase{Name: "dao/bundles", Stage: sim.StageTrade, Cadence: sim.MonthStart, Run: d.buyBundles})
	}
	d.registerColumns(r)
	r.Param(sim.Param{Name: "dao.quorum", Doc: "share of the eligible votes that must be cast, from the next vote on",
		Min: 0, Max: 1, Get: func() float64 { return d.cfg.Quorum }, Set: func(v float64) error { d.cfg.Quorum = v; return nil }})
	r.Param(sim.Param{Name: "dao.dividend.share", Doc: "share of a co-op's balance proposed as a dividend at its next meeting",
		Min: 0, Max: 0.5, Get: func() float64 { return d.cfg.Dividend.Share }, Set: func(v float64) error { d.cfg.Dividend.Share = v; return nil }})
}

// begin starts a tick: the tick's figures start from zero; on the first tick the
// competence experiment runs.
func (d *DAO) begin(t sim.Tick) error {
	d.tick = counters{}
	d.now = t
	if t.N == 1 && d.cfg.Benchmark.Replicates > 0 && d.bench == nil {
		return d.runBenchmark()
	}
	return nil
}

// seed reseeds the subsystem's stream for month m and a purpose within it, so that
// each part draws the same numbers whatever ran before it.
func (d *DAO) seed(month, part int) {
	sim.Seed(&d.src, d.h.Seed(), part, month, sim.PurposeDAO)
}

// The parts of a month that draw, each its own stream.
const (
	partMeetings = iota + 1
	partMissions
	partMarket
	partBundles
	partMembers
	partBench
	partPlatform // + the vote's number in its month
)

// UseDir receives the --delegations folder: each vote's graph is written there.
func (d *DAO) UseDir(name, dir string) bool {
	if name != "delegations" {
		return false
	}
	d.graphDir = dir
	return true
}

// WriteOutputs writes votes.csv (one row a vote) and, when the competence experiment
// ran, competence.csv.
func (d *DAO) WriteOutputs(dir string) ([]string, error) {
	files := []string{"votes.csv"}
	if err := writeAtomic(filepath.Join(dir, "votes.csv"), d.writeVotes); err != nil {
		return nil, err
	}
	if d.bench != nil {
		if err := writeAtomic(filepath.Join(dir, "competence.csv"), d.writeBenchmark); err != nil {
			return nil, err
		}
		files = append(files, "competence.csv")
	}
	return files, nil
}

// writeAtomic writes a file through a temporary file in the same folder, renamed
// into place once complete.
func writeAtomic(path string, write func(f *os.File) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("dao: %w", err)
	}
	if err := write(f); err != nil {
		f.Close()
		os.Remove(f.Name())
		return fmt.Errorf("dao: write %s: %w", filepath.Base(path), err)
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("dao: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return fmt.Errorf("dao: %w", err)
	}
	return nil
}

// registerColumns registers the per-tick columns and their measurement.
func (d *DAO) registerColumns(r *sim.Registry) {
	votes := r.Count("dao_votes", "votes held this tick (co-op proposals and mission winners)")
	passed := r.Count("dao_votes_passed", "proposals passed this tick")
	correct := r.Count("dao_votes_correct", "binary votes this tick whose outcome was the better option")
	direct := r.Count("dao_votes_direct_correct", "binary votes this tick that direct voting alone would have decided for the better option")
	lost := r.Count("dao_votes_lost_cycles", "votes lost in delegation cycles this tick")
	turnout := r.Ratio("dao_turnout", "mean share of eligible votes cast, over this tick's votes")
	open := r.Count("dao_missions_open", "missions open (before their deadline, late ones included)")
	opened := r.Count("dao_missions_opened", "missions opened this tick")
	won := r.Count("dao_missions_won", "missions won this tick")
	late := r.Count("dao_missions_late", "missions that missed their deadline this tick")
	failed := r.Count("dao_missions_failed", "missions that failed this tick (pledges refunded)")
	pledged := r.Amount("dao_prizes_pledged", "prize pledges escrowed this tick, tokens")
	paid := r.Amount("dao_prizes_paid", "prizes paid to winning teams this tick, tokens")
	refunded := r.Amount("dao_prizes_refunded", "pledges refunded this tick, tokens")
	escrow := r.Amount("dao_escrow", "tokens held in the prize escrow")
	issued := r.Count("dao_achievement_issued", "achievement tokens issued this tick")
	traded := r.Count("dao_achievement_traded", "achievement tokens traded in the call auctions this tick")
	price := r.Ratio("dao_achievement_price", "mean price of the achievement tokens traded this tick, tokens a token (0: none traded)")
	royalties := r.Amount("dao_royalties", "mission revenue paid to achievement-token holders this tick, tokens")
	sold := r.Count("dao_bundles_sold", "bundles bought this tick")
	split := r.Amount("dao_bundle_payments", "bundle payments split among the contributing co-ops this tick, tokens")
	dividends := r.Amount("dao_dividends", "dividends the owners voted to pay themselves this tick, tokens")
	prices := r.Count("dao_price_changes", "co-op prices changed by their owners' vote this tick")
	r.Measure(func(m *sim.Metrics) {
		c := &d.tick
		m.Set(votes, c.votes)
		m.Set(passed, c.passed)
		m.Set(correct, c.correct)
		m.Set(direct, c.directCorrect)
		m.Set(lost, c.lostCycles)
		if c.votes > 0 {
			m.SetFloat(turnout, c.turnout/float64(c.votes))
		} else {
			m.SetFloat(turnout, 0)
		}
		m.Set(open, d.openMissions())
		m.Set(opened, c.opened)
		m.Set(won, c.won)
		m.Set(late, c.late)
		m.Set(failed, c.failed)
		m.Set(pledged, c.pledged)
		m.Set(paid, c.paid)
		m.Set(refunded, c.refunded)
		if d.l != nil {
			m.Set(escrow, d.l.Holdings(d.escrow))
		}
		m.Set(issued, c.issued)
		m.Set(traded, c.traded)
		if c.traded > 0 {
			m.SetFloat(price, ledger.Float(c.tradedValue)/float64(c.traded))
		} else {
			m.SetFloat(price, 0)
		}
		m.Set(royalties, c.royalties)
		m.Set(sold, c.bundlesSold)
		m.Set(split, c.bundlePaid)
		m.Set(dividends, c.dividends)
		m.Set(prices, c.priceChanges)
	})
}
