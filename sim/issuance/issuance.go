package issuance

import (
	"errors"
	"fmt"

	"github.com/copex/copex/sim/ledger"
)

// Config is the issuance section of a scenario (MODEL §3).
type Config struct {
	// Formula is increase_only, monthly_projection, smoothed, expression or none.
	Formula string `yaml:"formula" json:"formula" enum:"increase_only,monthly_projection,smoothed,expression,none" doc:"grant formula"`
	// Projection says how the projection P_t of an offer line is re-estimated: from the
	// value on offer ("offered") or from last month's actual sales ("sales"). The seed
	// reads both ways; designers choose.
	Projection string `yaml:"projection" json:"projection" enum:"offered,sales" doc:"basis of the projection P_t after the first month"`
	// ProjectionReading is how monthly_projection is read. every_month (the first
	// wave's): the whole projection is granted every month, with last month's excess or
	// shortfall corrected, and co-ops keep their sales, so money grows with the sum of
	// sales. increase: only the projection's increase is granted (money follows the
	// level of sales). advance: the projection is advanced each month and repaid from
	// the month's receipts (burned), as mutual credit is.
	ProjectionReading string `yaml:"projection_reading" json:"projection_reading" enum:"every_month,increase,advance" doc:"monthly_projection read as: every_month (the whole projection each month), increase (its increase only), advance (advanced and repaid from receipts)"`
	// Smoothing is a in P_{t+1} = a*S_t + (1-a)*P_t for the smoothed formula.
	Smoothing float64 `yaml:"smoothing" json:"smoothing" min:"0" max:"1" doc:"smoothing weight a of the smoothed formula"`
	// Expression is the grant formula, in tokens, for the expression formula.
	Expression string `yaml:"expression" json:"expression" doc:"grant in tokens, over the formula variables"`
	// ReleaseFactor k multiplies every grant (tokens per unit of offered value).
	ReleaseFactor ReleaseFactor `yaml:"release_factor" json:"release_factor"`
	// FoundationShare f of every created token goes to the Foundation.
	FoundationShare float64 `yaml:"foundation_share" json:"foundation_share" min:"0" max:"1" doc:"share of new tokens to the Foundation"`
	// FoundationShareRamp moves f linearly to To over Months months.
	FoundationShareRamp Ramp `yaml:"foundation_share_ramp" json:"foundation_share_ramp"`
	// GrantExpiryMonths: grant lots expire after this many months unspent (0 = never).
	GrantExpiryMonths int `yaml:"grant_expiry_months" json:"grant_expiry_months" min:"0" max:"1200" doc:"months before an unspent grant lot expires (0 never)"`
	// SpendGrants is which tokens a payment takes first: first (grant lots, oldest
	// first: a co-op's grants are what it spends, and so never wait to expire) or last
	// (ordinary tokens first: the grants wait in the co-op's treasury, as a reserve, and
	// expire there unless it needs them within GrantExpiryMonths).
	// GrantTaint is what a grant token becomes when it is spent: first_spend (an
	// ordinary token: the payee gets ordinary tokens) or survives (still a grant token:
	// the payee holds it as a grant lot of its own, expiring GrantExpiryMonths after it
	// arrived, so that grant tokens left unspent by whoever holds them expire).
	GrantTaint  string `yaml:"grant_taint" json:"grant_taint" enum:"first_spend,survives" doc:"what a spent grant token becomes: first_spend (ordinary) or survives (a grant lot of the payee's, expiring grant_expiry_months after it arrived)"`
	SpendGrants string `yaml:"spend_grants" json:"spend_grants" enum:"first,last" doc:"which tokens payments take first: first (grant lots) or last (ordinary tokens first, so grants wait in treasuries and can expire)"`
	// GrowthCap stops or limits issuance past a ceiling.
	GrowthCap GrowthCap `yaml:"growth_cap" json:"growth_cap"`
	// Investment is the Foundation's investment issuance.
	Investment Investment `yaml:"investment" json:"investment"`

	// Netting says what a line's fall does to later grants. none (Appendix 1's letter):
	// each line keeps its own high-water mark for ever, so a line that shrinks or
	// closes is never set against another's growth and churn issues anew. closures: a
	// closed line's high-water mark becomes a debit that later grants in its scope pay
	// off before any is issued. decreases: closures, and any fall of a line below its
	// mark (the mark follows it down, the fall is debited), so that grants in a scope
	// track the net growth of its offers: a high-water mark of the scope's total.
	Netting string `yaml:"netting" json:"netting" enum:"none,closures,decreases" doc:"what a line's fall or closure does: none (each line's own high-water mark), closures (a closed line's mark is netted against later grants), decreases (every fall is)"`
	// NettingScope is where debits are set against grants: within the sector, or
	// across the economy.
	NettingScope string `yaml:"netting_scope" json:"netting_scope" enum:"sector,economy" doc:"where falls are netted against grants: within the sector or across the economy"`
	// OnClose: keep (a closing co-op's unspent grant tokens are paid out with the rest
	// of its holdings) or burn (they are destroyed: the offer they were issued against
	// is gone).
	OnClose string `yaml:"on_close" json:"on_close" enum:"keep,burn" doc:"a closing co-op's unspent grant tokens: keep (paid out) or burn"`
	// Basis: grants on nominal offered value (price rises count as new value), or on
	// real value, at the sector's base prices (only more goods and services count).
	Basis string `yaml:"basis" json:"basis" enum:"nominal,real" doc:"value grants are reckoned on: nominal (at today's prices) or real (at base prices: price rises are not new goods)"`
}

// ReleaseFactor is k, fixed or adjusted for savings.
type ReleaseFactor struct {
	Mode  string  `yaml:"mode" json:"mode" enum:"fixed,savings_adjusted" doc:"fixed k, or k = 1/(1-s) for savings share s"`
	Value float64 `yaml:"value" json:"value" min:"0" max:"100" doc:"k when fixed"`
	Min   float64 `yaml:"min" json:"min" min:"0" max:"100" doc:"lower clip of a savings-adjusted k"`
	Max   float64 `yaml:"max" json:"max" min:"0" max:"100" doc:"upper clip of a savings-adjusted k"`
}

// Ramp moves a share linearly to To over Months months (Months 0: no ramp).
type Ramp struct {
	To     float64 `yaml:"to" json:"to" min:"0" max:"1" doc:"share reached at the end of the ramp"`
	Months int     `yaml:"months" json:"months" min:"0" max:"1200" doc:"length of the ramp (0 none)"`
}

// GrowthCap is the carrying-capacity ceiling: past OfferedValue of total offers no
// tokens are created; MonthlyIssuance bounds a month's total issuance (0: no cap).
type GrowthCap struct {
	OfferedValue    float64 `yaml:"offered_value" json:"offered_value" min:"0" doc:"total offered value past which nothing is issued (tokens, 0 none)"`
	MonthlyIssuance float64 `yaml:"monthly_issuance" json:"monthly_issuance" min:"0" doc:"most tokens issued in a month (0 none)"`
}

// Investment is Foundation investment issuance: tokens created to fund a start-up on
// condition that it offers equivalent value within ObligationMonths.
type Investment struct {
	Enabled          bool    `yaml:"enabled" json:"enabled" doc:"let the Foundation create tokens to fund start-ups"`
	PerStartup       float64 `yaml:"per_startup" json:"per_startup" min:"0" max:"1e12" doc:"tokens created for each start-up"`
	MaxPerMonth      float64 `yaml:"max_per_month" json:"max_per_month" min:"0" max:"1e12" doc:"most tokens created by investment in a month (0 none)"`
	ObligationMonths int     `yaml:"obligation_months" json:"obligation_months" min:"1" max:"1200" doc:"months to offer equivalent value"`
}

// Default returns the issuance settings of Appendix 1.
func Default() Config {
	return Config{
		Formula:           "increase_only",
		Projection:        "offered",
		ProjectionReading: "every_month",
		Smoothing:         0.5,
		ReleaseFactor:     ReleaseFactor{Mode: "fixed", Value: 1, Min: 1, Max: 2},
		FoundationShare:   0.2,
		GrantExpiryMonths: 12,
		SpendGrants:       "first",
		GrantTaint:        "first_spend",
		Investment:        Investment{PerStartup: 0, ObligationMonths: 12},
		Netting:           "none",
		NettingScope:      "economy",
		OnClose:           "keep",
		Basis:             "nominal",
	}
}

// Lines holds the offer lines' state as arrays indexed by line (one line per co-op
// here): the first-month estimate E, the projection P, last month's sales S, the
// high-water mark H of projections granted, and a carried negative remainder.
type Lines struct {
	Estimate, Projected, Sales, HighWater, Carry []ledger.Amount
	Months                                       []int32 // months the line has been offered
	Group                                        []int32 // the line's netting group (its sector), from 0
}

// Add opens a line with a first-month estimate and returns its index.
func (ls *Lines) Add(estimate ledger.Amount) int {
	ls.Estimate = append(ls.Estimate, estimate)
	ls.Projected = append(ls.Projected, estimate)
	ls.Sales = append(ls.Sales, 0)
	ls.HighWater = append(ls.HighWater, 0)
	ls.Carry = append(ls.Carry, 0)
	ls.Months = append(ls.Months, 0)
	ls.Group = append(ls.Group, 0)
	return len(ls.Estimate) - 1
}

// Len returns the number of lines.
func (ls *Lines) Len() int { return len(ls.Estimate) }

// Env is the economy-wide state a month's issuance sees.
type Env struct {
	Month        int
	SavingsRatio float64 // savings / supply
	BalanceRatio float64 // circulating / offered value
	PriceIndex   float64
	TotalOffered ledger.Amount
}

// Issuer computes grants by the scenario's rules. It decides amounts only; the
// caller applies them to the ledger (Split, Issue), so that decisions and effects stay
// apart. The grant formula is a Formula chosen once, when the issuer is made.
type Issuer struct {
	cfg     Config
	formula Formula
	vars    Vars // the expression's variables, kept here so a month allocates nothing

	debit  []ledger.Amount // per netting scope: falls not yet set against grants
	gsum   []ledger.Amount // scratch: a month's grants per scope
	netted ledger.Amount   // grants withheld by netting, last month
	first  ledger.Amount   // grants to lines in their first month, last month
}

// ErrBadConfig wraps configuration errors.
var ErrBadConfig = errors.New("issuance")

// New checks cfg and chooses its formula (compiling an expression once per run).
func New(cfg Config) (*Issuer, error) {
	switch cfg.Projection {
	case "", "offered", "sales":
	default:
		return nil, fmt.Errorf("%w: projection must be offered or sales, got %q", ErrBadConfig, cfg.Projection)
	}
	f, err := NewFormula(cfg)
	if err != nil {
		return nil, err
	}
	return &Issuer{cfg: cfg, formula: f}, nil
}

// Config returns the issuer's settings.
func (is *Issuer) Config() Config { return is.cfg }

// ReleaseFactor returns k for a savings share s.
func (is *Issuer) ReleaseFactor(s float64) float64 {
	rf := is.cfg.ReleaseFactor
	if rf.Mode != "savings_adjusted" {
		return rf.Value
	}
	if s >= 1 {
		return rf.Max
	}
	return min(max(1/(1-s), rf.Min), rf.Max)
}

// FoundationShare returns f in month m (from 1), following the ramp.
func (is *Issuer) FoundationShare(month int) float64 {
	f, r := is.cfg.FoundationShare, is.cfg.FoundationShareRamp
	if r.Months <= 0 {
		return f
	}
	p := min(float64(month-1)/float64(r.Months), 1)
	return f + (r.To-f)*p
}

// Expiry returns the expiry month of a grant issued in month m (0: never).
func (is *Issuer) Expiry(month int) int {
	if is.cfg.GrantExpiryMonths <= 0 {
		return 0
	}
	return month + is.cfg.GrantExpiryMonths - 1
}

// Close records that line i closed: under netting, its high-water mark becomes a
// debit of its scope.
func (is *Issuer) Close(ls *Lines, i int) {
	if is.cfg.Netting == "closures" || is.cfg.Netting == "decreases" {
		*is.debitOf(ls, i) += ls.HighWater[i]
		ls.HighWater[i] = 0
	}
}

// debitOf returns the debit of line i's scope.
func (is *Issuer) debitOf(ls *Lines, i int) *ledger.Amount {
	g := 0
	if is.cfg.NettingScope == "sector" {
		g = int(ls.Group[i])
	}
	for len(is.debit) <= g {
		is.debit = append(is.debit, 0)
		is.gsum = append(is.gsum, 0)
	}
	return &is.debit[g]
}

// Netted returns the grants last month's netting withheld (offered value, before the
// release factor), and Debit the falls still to be set against later grants.
func (is *Issuer) Netted() ledger.Amount { return is.netted }

// Debit returns the falls and closures not yet set against grants, all scopes.
func (is *Issuer) Debit() ledger.Amount {
	var d ledger.Amount
	for _, v := range is.debit {
		d += v
	}
	return d
}

// FirstMonth returns last month's grants to lines in their first month (before the
// release factor): the issuance that new co-ops, and so churn, bring.
func (is *Issuer) FirstMonth() ledger.Amount { return is.first }

// net sets the scopes' debits against this month's grants out: each scope's grants
// are scaled down together until its debit is paid off or they are all withheld.
func (is *Issuer) net(ls *Lines, out []ledger.Amount) {
	is.netted = 0
	if is.cfg.Netting != "closures" && is.cfg.Netting != "decreases" {
		return
	}
	clear(is.gsum)
	for i, g := range out {
		if g > 0 {
			is.debitOf(ls, i)
			is.gsum[is.scope(ls, i)] += g
		}
	}
	for i, g := range out {
		if g <= 0 {
			continue
		}
		s := is.scope(ls, i)
		if is.debit[s] <= 0 {
			continue
		}
		// the share of the scope's grants its debit takes, the same for every line
		r := min(1, float64(is.debit[s])/float64(is.gsum[s]))
		out[i] = g - ledger.Scale(g, r)
	}
	for s := range is.gsum {
		take := min(is.gsum[s], is.debit[s])
		is.debit[s] -= take
		is.netted += take
	}
}

func (is *Issuer) scope(ls *Lines, i int) int {
	if is.cfg.NettingScope == "sector" {
		return int(ls.Group[i])
	}
	return 0
}

// Grants computes this month's grant for each live line i (alive[i]), given the value
// on offer offered[i] and last month's sales ls.Sales[i], writes it to out[i] (before
// the release factor and the Foundation split, in micro-tokens), updates the lines'
// projections, and returns the total after the release factor and growth cap. out must
// be as long as the lines.
func (is *Issuer) Grants(ls *Lines, offered []ledger.Amount, alive []bool, env Env, out []ledger.Amount) (ledger.Amount, error) {
	k := is.ReleaseFactor(env.SavingsRatio)
	capped := is.cfg.GrowthCap.OfferedValue > 0 && ledger.Float(env.TotalOffered) > is.cfg.GrowthCap.OfferedValue
	var total ledger.Amount
	is.vars = Vars{ReleaseFactor: k, FoundationShare: is.FoundationShare(env.Month), Month: float64(env.Month),
		SavingsRatio: env.SavingsRatio, BalanceRatio: env.BalanceRatio, PriceIndex: env.PriceIndex}
	vars := &is.vars
	decreases := is.cfg.Netting == "decreases"
	for i := range ls.Estimate {
		out[i] = 0
		if !alive[i] {
			continue
		}
		g, err := is.grant(ls, i, offered[i], vars)
		if err != nil {
			return 0, err
		}
		if decreases && ls.Projected[i] < ls.HighWater[i] {
			// the line fell: its mark follows it down and the fall is debited
			*is.debitOf(ls, i) += ls.HighWater[i] - ls.Projected[i]
			ls.HighWater[i] = ls.Projected[i]
		}
		if capped || g <= 0 {
			ls.Months[i]++
			continue
		}
		out[i] = g
		ls.Months[i]++
	}
	is.net(ls, out)
	is.first = 0
	for i, g := range out {
		if g <= 0 {
			continue
		}
		if ls.Months[i] == 1 {
			is.first += g
		}
		if !is.formula.AppliesReleaseFactor() {
			g = ledger.Scale(g, k) // an expression applies k itself, if it wants it
		}
		out[i] = g
		total += g
	}
	if c := is.cfg.GrowthCap.MonthlyIssuance; c > 0 && ledger.Float(total) > c {
		limit := ledger.Tokens(c)
		r := float64(limit) / float64(total)
		total = 0
		for i, g := range out {
			out[i] = ledger.Scale(g, r)
			total += out[i]
		}
	}
	return total, nil
}

// grant returns line i's grant this month and moves its projection on.
func (is *Issuer) grant(ls *Lines, i int, offered ledger.Amount, v *Vars) (ledger.Amount, error) {
	first := ls.Months[i] == 0
	prevP := ls.Projected[i]
	p := ls.Estimate[i]
	if !first {
		p = is.formula.Project(ls, i, offered)
	}
	ls.Projected[i] = p
	g, err := is.formula.Grant(ls, i, Step{Projected: p, LastProjected: prevP, Offered: offered, First: first}, v)
	if err != nil {
		return 0, err
	}
	ls.HighWater[i] = max(ls.HighWater[i], p)
	return g, nil
}

// RecordSales stores a line's actual sales for the month just ended.
func (ls *Lines) RecordSales(i int, s ledger.Amount) { ls.Sales[i] = s }
