package sim

import "github.com/copex/copex/sim/ledger"

// Host is what a subsystem sees of the economy it runs in: the ledger and clock, the
// members and co-ops by their dense numbers, and the worker pool. Subsystems (the
// Co-prosperity IOUs, the DAO platform, councils, ...) act on the economy only through
// it and the ledger, so that none imports the economy's package or another subsystem.
//
// Members and co-ops are numbered from 0 as they register and are never renumbered;
// one that left (MemberActive, CoopAlive false) keeps its number. A subsystem that keeps
// per-member or per-co-op arrays grows them when the counts grow (at the start of its
// phases, say).
type Host interface {
	Ledger() *ledger.Ledger
	Clock() Clock
	// Pool returns the pool the parallel phases run on (it may change between ticks:
	// ask for it each time).
	Pool() *Pool
	// Seed is the run's seed; a subsystem derives its random streams from it (Seed).
	Seed() uint64

	Members() int
	MemberAccount(i int) ledger.AccountID
	MemberActive(i int) bool
	MemberEmployer(i int) int // the co-op member i works in, or -1
	MemberLocality(i int) int

	Coops() int
	CoopAccount(c int) ledger.AccountID
	CoopAlive(c int) bool
	CoopSectorIndex(c int) int // the co-op's sector, an index into Sectors()
	CoopLocality(c int) int

	Sectors() []string
	Localities() int
	Foundation() ledger.AccountID

	// For agents/dao's price proposals: co-op c's price per unit on the Exchange
	// Platform, whether its last tick's orders exceeded its offer, and a new price its
	// owners decided (it stays within the platform's floor and ceiling).
	CoopPrice(c int) ledger.Amount
	CoopSoldOut(c int) bool
	SetCoopPrice(c int, price ledger.Amount)
	// CoopMonthSales is the value co-op c sold in the last month that closed (what
	// agents/dao's achievement tokens earn royalties on).
	CoopMonthSales(c int) ledger.Amount

	// For agents/councils' plan: the economy-wide spending shares by sector (the plan's
	// consumption; they are normalised, and weigh the price index too), and co-op c's
	// planned output in units a month (0: none), which caps what it makes and which it
	// hires towards.
	SetSectorShares(shares []float64) error
	SetCoopTarget(c int, units float64)

	// agents/councils: sector s's technique as the scenario gives it (its share of
	// spending, normalised; base price and monthly wage in tokens; units a worker makes
	// in a month), and its input-output coefficients (value bought from sector
	// SectorInput(s, k) per unit of value made, k < SectorInputs(s), in the order of
	// the supplying sectors' names).
	SectorTechnique(s int) (share, basePrice, wage, productivity float64)
	SectorInputs(s int) int
	SectorInput(s, k int) (sector int, coef float64)

	// Co-ops run from outside the economy's own rules (a subsystem's for-profit firms,
	// say; agents/control.go). Found registers a new co-op now with workers founders
	// from those looking for work (new members join for the rest). A controlled co-op
	// is not hired or shed for by the economy's rules, and its price stays where
	// SetCoopPrice put it. Its pay of a worker a month, whether it is granted tokens for
	// its offers, its workers and their units a month are set here; Hire and Release
	// return how many were hired or let go.
	Found(sector, locality, workers int) (int, error)
	SetControlled(c int, on bool)
	SetCoopWage(c int, monthly ledger.Amount)
	CoopWage(c int) ledger.Amount
	SetCoopGranted(c int, on bool)
	CoopWorkers(c int) int
	Hire(c, n int) int
	Release(c, n int) int
	CoopProductivity(c int) float64
	SetCoopProductivity(c int, units float64)

	// agents/horizon: an input-cost shock sets sector s's k-th input coefficient (as
	// SectorInput numbers them; refused if the sector's coefficients would reach 1
	// together), and a new technique sets the sector's units a worker makes in a month
	// (what co-ops founded from then on start with, and the level above which capacity
	// wears out).
	SetSectorInput(s, k int, coef float64) error
	SetSectorProductivity(s int, units float64) error

	// agents/firms: what co-op c would pay out to its members this month above their
	// wages, the bonus share of its grant, its buffer and its inputs, were its month's
	// pay settled now (a for-profit firm's owners take it instead).
	CoopSurplus(c int) ledger.Amount

	// agents/horizon: whether co-op c is run from outside (SetControlled): its owners
	// make its decisions, so the subsystem's monitoring reactions leave it.
	Controlled(c int) bool
}

// Subsystem is a part of a model that a scenario switches on: it registers its phases
// (with their stage in the tick), metric columns, measurements and mid-run parameters,
// as a model does. Register reads only the subsystem's configuration, so that what a
// scenario registers can be listed without building it (copex phases); the phases act
// through the Host the subsystem was made with.
type Subsystem interface {
	Register(r *Registry)
}

// OutputWriter is implemented by models and subsystems that write files of their own
// beside metrics.csv at the end of a run (votes.csv, plan.csv, ...). WriteOutputs
// writes them into dir, atomically, and returns their names relative to dir.
type OutputWriter interface {
	WriteOutputs(dir string) ([]string, error)
}

// DirUser is implemented by models and subsystems that write files during a run into
// a folder the user names: copex run --plan DIR (planning rounds), --delegations DIR
// (each vote's delegation graph), --obligations DIR (each clearing round's obligations
// before and after). UseDir is called before the first tick with the flag's name and
// folder (which exists); it reports whether anything in the model writes such files.
type DirUser interface {
	UseDir(name, dir string) bool
}
