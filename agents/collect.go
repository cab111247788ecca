package agents

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// Custom data collection (the scenario's collect: section), in the manner of Mesa's
// agent reporters and Agents.jl's adata: chosen fields of every member and co-op, and
// named summaries, sampled every few ticks at the end of StageJoin, when the tick's
// state is final. A scenario without the section collects nothing and registers no
// phase.

// Collect is the collect section: what to record, and how often.
type Collect struct {
	Every     int       `yaml:"every" json:"every" min:"0" max:"100000" doc:"ticks between samples: ticks every, 2×every, … are sampled (0 or 1: every tick)"`
	Members   []string  `yaml:"members" json:"members" enum:"balance,spendable,grant,savings,employer,locality,role,active,joined" doc:"fields of each member to record (members.parquet)"`
	Coops     []string  `yaml:"coops" json:"coops" enum:"balance,workers,price,sector,locality,type,alive,born,month_sales,grant" doc:"fields of each co-op to record (coops.parquet)"`
	Summaries []Summary `yaml:"summaries" json:"summaries" doc:"named numbers computed by an expression over the members and co-ops (summaries.parquet)"`
}

// Summary is one named number per sample: an expression over the tick's members and
// co-ops, or its statistic over a window of ticks ending at the sample.
type Summary struct {
	Name string `yaml:"name" json:"name" pattern:"^[a-z_][a-z0-9_]*$" maxlen:"64" needed:"true" doc:"column name (lower-case letters, digits, _)"`
	// Expr is an expr-lang expression of the variables in SummaryVars, for example
	// mean(map(filter(members, .employer >= 0), .balance)).
	Expr   string `yaml:"expr" json:"expr" maxlen:"4096" needed:"true" doc:"expression over tick, month, supply, foundation, members and coops (their fields as collected), a number"`
	Window int    `yaml:"window" json:"window" min:"0" max:"100000" doc:"ticks the statistic covers, ending at the sample (0 or 1: the sampled tick alone)"`
	Stat   string `yaml:"stat" json:"stat" enum:"mean,min,max,sum" doc:"statistic over the window (default mean)"`
}

// MemberFields and CoopFields are the fields collect may record, in the order of the
// section's enum tags.
var (
	MemberFields = fieldNames[Collect]("Members")
	CoopFields   = fieldNames[Collect]("Coops")
)

func fieldNames[T any](name string) []string {
	f, _ := reflect.TypeFor[T]().FieldByName(name)
	return strings.Split(f.Tag.Get("enum"), ",")
}

// On reports whether the section asks for anything.
func (c *Collect) On() bool {
	return len(c.Members) > 0 || len(c.Coops) > 0 || len(c.Summaries) > 0
}

// Validate checks what the tags cannot: known field names (the tags check them in a
// file; this also covers a configuration built in code), no field or summary twice,
// and summaries whose expressions compile. It returns a *FieldError.
func (c *Collect) Validate() error {
	if c.Every < 0 || c.Every > 100000 {
		return fieldErr("collect.every", "is %d, want 0 to 100000", c.Every)
	}
	for _, l := range []struct {
		path  string
		names []string
		known []string
	}{{"collect.members", c.Members, MemberFields}, {"collect.coops", c.Coops, CoopFields}} {
		for i, n := range l.names {
			p := fmt.Sprintf("%s[%d]", l.path, i)
			if !slices.Contains(l.known, n) {
				return fieldErr(p, "no field %q (fields: %s)", n, strings.Join(l.known, ", "))
			}
			if slices.Index(l.names, n) < i {
				return fieldErr(p, "field %q is listed twice", n)
			}
		}
	}
	seen := map[string]bool{}
	for i, s := range c.Summaries {
		p := fmt.Sprintf("collect.summaries[%d]", i)
		if !validName(s.Name) || strings.ToLower(s.Name) != s.Name || s.Name[0] >= '0' && s.Name[0] <= '9' {
			return fieldErr(p+".name", "%q is not a column name (lower-case letters, digits and _)", s.Name)
		}
		if s.Name == "tick" || s.Name == "month" || seen[s.Name] {
			return fieldErr(p+".name", "summary %q is named twice (or tick or month)", s.Name)
		}
		seen[s.Name] = true
		if s.Window < 0 || s.Window > 100000 {
			return fieldErr(p+".window", "is %d, want 0 to 100000", s.Window)
		}
		switch s.Stat {
		case "", "mean", "min", "max", "sum":
		default:
			return fieldErr(p+".stat", "is %q, want mean, min, max or sum", s.Stat)
		}
		if _, err := compileSummary(s.Expr); err != nil {
			return fieldErr(p+".expr", "%v", err)
		}
	}
	return nil
}

// SummaryVars are the variables a summary's expression may use. Amounts are tokens.
type SummaryVars struct {
	Tick       float64      `expr:"tick"`       // tick number, from 1
	Month      float64      `expr:"month"`      // month of the tick, from 1
	Supply     float64      `expr:"supply"`     // tokens in existence
	Foundation float64      `expr:"foundation"` // the Foundation's holdings
	Members    []MemberView `expr:"members"`    // every member registered (see .active)
	Coops      []CoopView   `expr:"coops"`      // every co-op started (see .alive)
}

// MemberView is one member as a summary's expression sees it.
type MemberView struct {
	Balance   float64 `expr:"balance"`   // holdings: ordinary, grant and savings
	Spendable float64 `expr:"spendable"` // ordinary and grant tokens
	Grant     float64 `expr:"grant"`     // grant tokens
	Savings   float64 `expr:"savings"`   // savings
	Employer  int     `expr:"employer"`  // co-op number, or -1
	Locality  int     `expr:"locality"`
	Role      string  `expr:"role"` // none, worker or apprentice
	Active    bool    `expr:"active"`
	Joined    int     `expr:"joined"` // month of joining (0: founding)
}

// CoopView is one co-op as a summary's expression sees it.
type CoopView struct {
	Balance    float64 `expr:"balance"` // holdings
	Workers    int     `expr:"workers"`
	Price      float64 `expr:"price"` // price of its offer, tokens a unit
	Sector     string  `expr:"sector"`
	Locality   int     `expr:"locality"`
	Type       string  `expr:"type"`
	Alive      bool    `expr:"alive"`
	Born       int     `expr:"born"`        // month started (0: at the start)
	MonthSales float64 `expr:"month_sales"` // sold so far this month
	Grant      float64 `expr:"grant"`       // grant received this month
}

// Kind says how a collected column holds its values.
type Kind uint8

// Kinds of collected columns.
const (
	KindInt    Kind = iota // Ints
	KindAmount             // Ints, micro-tokens (ledger.Amount)
	KindFloat              // Floats
	KindString             // Strs
	KindBool               // Bools
)

// SampleColumn is one column of a sample: its name, kind and one value per row.
type SampleColumn struct {
	Name   string
	Kind   Kind
	Ints   []int64
	Floats []float64
	Strs   []string
	Bools  []bool
}

// Sample is one table's rows at one sampled tick: "members" (a row per member
// registered, its number first), "coops" (a row per co-op started) or "summaries"
// (one row). Its slices are reused for the next sample.
type Sample struct {
	Table       string
	Tick, Month int
	Len         int
	Cols        []SampleColumn
}

// Collector samples an economy's members and co-ops as its Collect section asks.
type Collector struct {
	e       *Economy
	cfg     Collect
	sink    func(*Sample) error
	members Sample
	coops   Sample
	summ    Sample
	progs   []summaryProgram
	win     [][]float64 // per summary: the window's values, a ring
	pos     []int       // per summary: values added to the ring
	uses    []uses      // per summary: the lists its expression reads
	vars    SummaryVars
	vm      summaryVM
}

// NewCollector returns a collector of m's state for its scenario's collect section,
// handing each sample to sink. It fails with a *FieldError if m is not an economy.
func NewCollector(m sim.Model, sink func(*Sample) error) (*Collector, error) {
	e, ok := m.(*Economy)
	if !ok {
		return nil, fieldErr("collect", "only the economy model collects members and co-ops")
	}
	cfg := e.cfg.Collect
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c := &Collector{e: e, cfg: cfg, sink: sink}
	c.members = layout("members", "member", cfg.Members, memberKinds)
	c.coops = layout("coops", "coop", cfg.Coops, coopKinds)
	c.summ = Sample{Table: "summaries", Len: 1}
	for _, s := range cfg.Summaries {
		p, err := compileSummary(s.Expr)
		if err != nil {
			return nil, err
		}
		c.progs = append(c.progs, p)
		c.win = append(c.win, make([]float64, 0, max(s.Window, 1)))
		c.pos = append(c.pos, 0)
		c.uses = append(c.uses, usesOf(p))
		c.summ.Cols = append(c.summ.Cols, SampleColumn{Name: s.Name, Kind: KindFloat, Floats: make([]float64, 1)})
	}
	return c, nil
}

var memberKinds = map[string]Kind{"balance": KindAmount, "spendable": KindAmount, "grant": KindAmount,
	"savings": KindAmount, "employer": KindInt, "locality": KindInt, "role": KindString,
	"active": KindBool, "joined": KindInt}

var coopKinds = map[string]Kind{"balance": KindAmount, "workers": KindInt, "price": KindAmount,
	"sector": KindString, "locality": KindInt, "type": KindString, "alive": KindBool,
	"born": KindInt, "month_sales": KindAmount, "grant": KindAmount}

func layout(table, id string, fields []string, kinds map[string]Kind) Sample {
	s := Sample{Table: table, Cols: []SampleColumn{{Name: id, Kind: KindInt}}}
	for _, f := range fields {
		s.Cols = append(s.Cols, SampleColumn{Name: f, Kind: kinds[f]})
	}
	return s
}

// Layouts returns the tables the collector writes, with their columns and no rows:
// members and coops when fields are chosen, summaries when any is named.
func (c *Collector) Layouts() []*Sample {
	var out []*Sample
	if len(c.cfg.Members) > 0 {
		out = append(out, &c.members)
	}
	if len(c.cfg.Coops) > 0 {
		out = append(out, &c.coops)
	}
	if len(c.cfg.Summaries) > 0 {
		out = append(out, &c.summ)
	}
	return out
}

// Every returns the sampling period in ticks.
func (c *Collector) Every() int { return max(c.cfg.Every, 1) }

// Register registers the collection phase, last in StageJoin when registered after
// the economy's own phases.
func (c *Collector) Register(r *sim.Registry) {
	r.Phase(sim.Phase{Name: "collect/sample", Stage: sim.StageJoin, Cadence: sim.EveryTick, Run: c.sample})
}

// Model returns the economy with the collection phase registered after its own: what
// a run steps when the scenario collects.
func (c *Collector) Model() sim.Model { return collecting{c.e, c} }

// collecting is an economy that also collects; every other method is the economy's.
type collecting struct {
	*Economy
	c *Collector
}

func (m collecting) Register(r *sim.Registry) {
	m.Economy.Register(r)
	m.c.Register(r)
}

func (c *Collector) sample(t sim.Tick) error {
	every := c.Every()
	rem := (every - t.N%every) % every // ticks until the next sample
	var filled uses
	for i, s := range c.cfg.Summaries {
		// A window no longer than the period is evaluated on its last w ticks before
		// each sample; a longer one on every tick, the ring keeping the last w.
		w := max(s.Window, 1)
		if rem >= w {
			continue
		}
		if w <= every && rem == w-1 {
			c.win[i], c.pos[i] = c.win[i][:0], 0
		}
		if need := c.uses[i] &^ filled; need != 0 {
			c.fillVars(t, need, filled == 0)
			filled |= need
		}
		out, err := c.vm.run(c.progs[i], c.vars)
		if err != nil {
			return fmt.Errorf("collect.summaries[%d] %s: %w", i, s.Name, err)
		}
		if len(c.win[i]) < w {
			c.win[i] = append(c.win[i], out)
		} else {
			c.win[i][c.pos[i]%w] = out
		}
		c.pos[i]++
	}
	if rem != 0 {
		return nil
	}
	if len(c.cfg.Members) > 0 {
		c.fillMembers(t)
		if err := c.sink(&c.members); err != nil {
			return err
		}
	}
	if len(c.cfg.Coops) > 0 {
		c.fillCoops(t)
		if err := c.sink(&c.coops); err != nil {
			return err
		}
	}
	if len(c.cfg.Summaries) > 0 {
		c.summ.Tick, c.summ.Month = t.N, t.Month
		for i, s := range c.cfg.Summaries {
			c.summ.Cols[i].Floats[0] = stat(s.Stat, c.win[i])
		}
		if err := c.sink(&c.summ); err != nil {
			return err
		}
	}
	return nil
}

func stat(name string, xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	switch name {
	case "min":
		return slices.Min(xs)
	case "max":
		return slices.Max(xs)
	}
	var sum float64
	for _, x := range xs {
		sum += x
	}
	if name == "sum" {
		return sum
	}
	return sum / float64(len(xs))
}

// resize sets every column of s to n rows.
func resize(s *Sample, n int) {
	s.Len = n
	for i := range s.Cols {
		col := &s.Cols[i]
		switch col.Kind {
		case KindInt, KindAmount:
			col.Ints = slices.Grow(col.Ints[:0], n)[:n]
		case KindFloat:
			col.Floats = slices.Grow(col.Floats[:0], n)[:n]
		case KindString:
			col.Strs = slices.Grow(col.Strs[:0], n)[:n]
		case KindBool:
			col.Bools = slices.Grow(col.Bools[:0], n)[:n]
		}
	}
}

var roleNames = [...]string{roleNone: "none", roleWorker: "worker", roleApprentice: "apprentice"}

// fill sets dst[i] = f(i) for every i: one column of a sample.
func fill[T any](dst []T, f func(i int) T) {
	for i := range dst {
		dst[i] = f(i)
	}
}

// fillMembers fills the members' sample, column by column: which field a column holds
// is decided once per column, not once per member.
func (c *Collector) fillMembers(t sim.Tick) {
	e, s := c.e, &c.members
	s.Tick, s.Month = t.N, t.Month
	resize(s, e.Members())
	for k := range s.Cols {
		col := &s.Cols[k]
		switch col.Name {
		case "member":
			fill(col.Ints, func(i int) int64 { return int64(i) })
		case "balance":
			fill(col.Ints, e.Balance)
		case "spendable":
			fill(col.Ints, func(i int) int64 { return e.ledger.Balance(e.m.acct[i]) })
		case "grant":
			fill(col.Ints, func(i int) int64 { return e.ledger.Grant(e.m.acct[i]) })
		case "savings":
			fill(col.Ints, e.MemberSavings)
		case "employer":
			fill(col.Ints, func(i int) int64 { return int64(e.MemberEmployer(i)) })
		case "locality":
			fill(col.Ints, func(i int) int64 { return int64(e.m.locality[i]) })
		case "role":
			fill(col.Strs, e.MemberRole)
		case "active":
			fill(col.Bools, func(i int) bool { return e.m.active[i] })
		case "joined":
			fill(col.Ints, func(i int) int64 { return int64(e.m.joinedAt[i]) })
		}
	}
}

// fillCoops fills the co-ops' sample, column by column.
func (c *Collector) fillCoops(t sim.Tick) {
	e, s := c.e, &c.coops
	s.Tick, s.Month = t.N, t.Month
	resize(s, e.Coops())
	for k := range s.Cols {
		col := &s.Cols[k]
		switch col.Name {
		case "coop":
			fill(col.Ints, func(i int) int64 { return int64(i) })
		case "balance":
			fill(col.Ints, e.CoopBalance)
		case "workers":
			fill(col.Ints, func(i int) int64 { return int64(e.CoopWorkers(i)) })
		case "price":
			fill(col.Ints, e.CoopPrice)
		case "sector":
			fill(col.Strs, func(i int) string { return e.sectors[e.c.sector[i]] })
		case "locality":
			fill(col.Ints, func(i int) int64 { return int64(e.c.locality[i]) })
		case "type":
			fill(col.Strs, func(i int) string { return typeNames[e.c.kind[i]] })
		case "alive":
			fill(col.Bools, func(i int) bool { return e.c.alive[i] })
		case "born":
			fill(col.Ints, func(i int) int64 { return int64(e.c.born[i]) })
		case "month_sales":
			fill(col.Ints, func(i int) int64 { return e.c.monthSales[i] })
		case "grant":
			fill(col.Ints, func(i int) int64 { return e.c.grant[i] })
		}
	}
}

func tokens(a ledger.Amount) float64 { return float64(a) / float64(ledger.Unit) }

// uses says which of a summary's variables must be filled before it runs: the
// members' and co-ops' lists cost a pass over every one, so are filled only for the
// expressions that name them.
type uses uint8

const (
	usesScalars uses = 1 << iota // tick, month, supply, foundation
	usesMembers
	usesCoops
)

// fillVars fills the variables need names for tick t; first (the tick's first call)
// empties the lists an earlier tick filled.
func (c *Collector) fillVars(t sim.Tick, need uses, first bool) {
	e, v := c.e, &c.vars
	if first {
		v.Members, v.Coops = v.Members[:0], v.Coops[:0]
	}
	if need&usesScalars != 0 {
		v.Tick, v.Month = float64(t.N), float64(t.Month)
		v.Supply = tokens(e.ledger.Supply())
		v.Foundation = tokens(e.ledger.Holdings(e.foundation))
	}
	if need&usesMembers != 0 {
		c.fillMemberViews()
	}
	if need&usesCoops != 0 {
		c.fillCoopViews()
	}
}

func (c *Collector) fillMemberViews() {
	e, v := c.e, &c.vars
	v.Members = slices.Grow(v.Members[:0], e.Members())[:e.Members()]
	for i := range v.Members {
		a := e.m.acct[i]
		v.Members[i] = MemberView{Balance: tokens(e.Balance(i)), Spendable: tokens(e.ledger.Balance(a)),
			Grant: tokens(e.ledger.Grant(a)), Savings: tokens(e.MemberSavings(i)), Employer: e.MemberEmployer(i),
			Locality: int(e.m.locality[i]), Role: e.MemberRole(i), Active: e.m.active[i], Joined: int(e.m.joinedAt[i])}
	}
}

func (c *Collector) fillCoopViews() {
	e, v := c.e, &c.vars
	v.Coops = slices.Grow(v.Coops[:0], e.Coops())[:e.Coops()]
	for i := range v.Coops {
		v.Coops[i] = CoopView{Balance: tokens(e.CoopBalance(i)), Workers: e.CoopWorkers(i), Price: tokens(e.CoopPrice(i)),
			Sector: e.sectors[e.c.sector[i]], Locality: int(e.c.locality[i]), Type: typeNames[e.c.kind[i]],
			Alive: e.c.alive[i], Born: int(e.c.born[i]), MonthSales: tokens(e.c.monthSales[i]), Grant: tokens(e.c.grant[i])}
	}
}

// Accessors of the state collect records, beside those in economy.go and market.go.

// MemberSavings returns member i's savings.
func (e *Economy) MemberSavings(i int) ledger.Amount { return e.ledger.Savings(e.m.acct[i]) }

// MemberEmployer returns the co-op member i works in, or -1.
func (e *Economy) MemberEmployer(i int) int { return int(e.m.employer[i]) }

// MemberRole returns member i's role: none, worker or apprentice.
func (e *Economy) MemberRole(i int) string { return roleNames[e.m.role[i]] }

// CoopBalance returns co-op c's holdings.
func (e *Economy) CoopBalance(c int) ledger.Amount { return e.ledger.Holdings(e.c.acct[c]) }
