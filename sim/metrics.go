package sim

import (
	"strconv"

	"github.com/copex/copex/sim/ledger"
)

// Metrics is one tick's measurements (MODEL §11). Amounts are micro-tokens; issued,
// expired and burned are cumulative, so Supply = Issued - Expired - Burned on every
// row. Started, failed, joined, left and rejections are cumulative too.
type Metrics struct {
	Tick, Month int

	Members, MembersJoined, MembersLeft, Employed int64
	CoopsAlive, CoopsStarted, CoopsFailed         int64

	Issued, Expired, Burned, Supply, Circulating, Savings ledger.Amount
	GrantTokens                                           ledger.Amount // live grant lots

	OfferedValue, SalesValue, Wages ledger.Amount
	BalanceRatio, PriceIndex        float64
	Inflation, Velocity             float64

	UnmetWantsValue ledger.Amount
	UnmetBySector   []ledger.Amount // per sector, in the order of Table.Sectors

	FoundationBalance, FoundationIncome, FoundationSpend, Levy ledger.Amount
	ProgrammeSpend                                             [NumProgrammes]ledger.Amount
	Investment                                                 ledger.Amount // Foundation investment issuance (cumulative)
	ObligationsMet, ObligationsMissed                          int64         // start-ups' offer obligations (cumulative)

	Gini, P10, P50, P90 float64
	RuleViolations      int64
	RuleRejections      [ledger.NumRules]int64
	FundsRejections     int64
}

// Programmes of the Foundation (MODEL §5).
const (
	ProgStartups = iota
	ProgApprenticeships
	ProgInnovation
	ProgCommons
	ProgAwareness
	NumProgrammes
)

// ProgrammeNames are the Foundation programmes' names in scenarios and metrics.
var ProgrammeNames = [NumProgrammes]string{"startups", "apprenticeships", "innovation", "commons", "awareness"}

// ColumnKind says how a metrics column is written.
type ColumnKind uint8

// Column kinds.
const (
	KindCount  ColumnKind = iota // a whole number
	KindAmount                   // tokens, written as an exact decimal
	KindRatio                    // a float
)

// Column describes one metrics column.
type Column struct {
	Name string
	Kind ColumnKind
	Doc  string
	get  func(*Metrics) (int64, float64)
}

func cnt(f func(*Metrics) int64) func(*Metrics) (int64, float64) {
	return func(m *Metrics) (int64, float64) { v := f(m); return v, float64(v) }
}

func amt(f func(*Metrics) ledger.Amount) func(*Metrics) (int64, float64) {
	return func(m *Metrics) (int64, float64) { v := f(m); return v, ledger.Float(v) }
}

func rat(f func(*Metrics) float64) func(*Metrics) (int64, float64) {
	return func(m *Metrics) (int64, float64) { return 0, f(m) }
}

// fixedColumns are the columns every run writes, in order.
var fixedColumns = []Column{
	{"tick", KindCount, "tick number, from 1", cnt(func(m *Metrics) int64 { return int64(m.Tick) })},
	{"month", KindCount, "month of the tick, from 1", cnt(func(m *Metrics) int64 { return int64(m.Month) })},
	{"members", KindCount, "registered members", cnt(func(m *Metrics) int64 { return m.Members })},
	{"members_joined", KindCount, "members who joined (cumulative)", cnt(func(m *Metrics) int64 { return m.MembersJoined })},
	{"members_left", KindCount, "members who left or were barred (cumulative)", cnt(func(m *Metrics) int64 { return m.MembersLeft })},
	{"employed", KindCount, "members working in a co-op", cnt(func(m *Metrics) int64 { return m.Employed })},
	{"coops_alive", KindCount, "co-ops trading", cnt(func(m *Metrics) int64 { return m.CoopsAlive })},
	{"coops_started", KindCount, "co-ops started (cumulative, founding co-ops excluded)", cnt(func(m *Metrics) int64 { return m.CoopsStarted })},
	{"coops_failed", KindCount, "co-ops failed (cumulative)", cnt(func(m *Metrics) int64 { return m.CoopsFailed })},
	{"issued", KindAmount, "tokens issued (cumulative)", amt(func(m *Metrics) ledger.Amount { return m.Issued })},
	{"expired", KindAmount, "grant tokens expired unspent (cumulative)", amt(func(m *Metrics) ledger.Amount { return m.Expired })},
	{"burned", KindAmount, "tokens burned (cumulative)", amt(func(m *Metrics) ledger.Amount { return m.Burned })},
	{"supply", KindAmount, "issued - expired - burned", amt(func(m *Metrics) ledger.Amount { return m.Supply })},
	{"circulating", KindAmount, "supply not in savings", amt(func(m *Metrics) ledger.Amount { return m.Circulating })},
	{"savings", KindAmount, "tokens in savings", amt(func(m *Metrics) ledger.Amount { return m.Savings })},
	{"grant_tokens", KindAmount, "live grant lots", amt(func(m *Metrics) ledger.Amount { return m.GrantTokens })},
	{"offered_value", KindAmount, "value of goods and services on offer this month", amt(func(m *Metrics) ledger.Amount { return m.OfferedValue })},
	{"sales_value", KindAmount, "value sold this month", amt(func(m *Metrics) ledger.Amount { return m.SalesValue })},
	{"wages", KindAmount, "wages and bonuses paid this month", amt(func(m *Metrics) ledger.Amount { return m.Wages })},
	{"balance_ratio", KindRatio, "circulating / offered value", rat(func(m *Metrics) float64 { return m.BalanceRatio })},
	{"price_index", KindRatio, "price index, 1 at the start", rat(func(m *Metrics) float64 { return m.PriceIndex })},
	{"inflation", KindRatio, "change of the price index this tick", rat(func(m *Metrics) float64 { return m.Inflation })},
	{"velocity", KindRatio, "sales / circulating", rat(func(m *Metrics) float64 { return m.Velocity })},
	{"unmet_wants_value", KindAmount, "value of wants left unmet this month", amt(func(m *Metrics) ledger.Amount { return m.UnmetWantsValue })},
	{"foundation_balance", KindAmount, "the Foundation's tokens", amt(func(m *Metrics) ledger.Amount { return m.FoundationBalance })},
	{"foundation_income", KindAmount, "grant share and levy received this month", amt(func(m *Metrics) ledger.Amount { return m.FoundationIncome })},
	{"foundation_spend", KindAmount, "paid to co-ops by programmes this month", amt(func(m *Metrics) ledger.Amount { return m.FoundationSpend })},
	{"levy", KindAmount, "transport levy paid this month", amt(func(m *Metrics) ledger.Amount { return m.Levy })},
	{"investment_issued", KindAmount, "Foundation investment issuance (cumulative)", amt(func(m *Metrics) ledger.Amount { return m.Investment })},
	{"obligations_met", KindCount, "start-ups that offered the value they were funded for (cumulative)", cnt(func(m *Metrics) int64 { return m.ObligationsMet })},
	{"obligations_missed", KindCount, "start-ups that did not, in time: a lesson, never repaid (cumulative)", cnt(func(m *Metrics) int64 { return m.ObligationsMissed })},
	{"gini", KindRatio, "Gini coefficient of member holdings", rat(func(m *Metrics) float64 { return m.Gini })},
	{"p10", KindRatio, "10th percentile of member holdings, tokens", rat(func(m *Metrics) float64 { return m.P10 })},
	{"p50", KindRatio, "median member holdings, tokens", rat(func(m *Metrics) float64 { return m.P50 })},
	{"p90", KindRatio, "90th percentile of member holdings, tokens", rat(func(m *Metrics) float64 { return m.P90 })},
	{"rule_violations", KindCount, "transfers rejected under an operating rule (cumulative)", cnt(func(m *Metrics) int64 { return m.RuleViolations })},
	{"rule1_rejections", KindCount, "rejected: not a registered co-op or member (cumulative)", cnt(func(m *Metrics) int64 { return m.RuleRejections[ledger.RuleMembersOnly] })},
	{"rule2_rejections", KindCount, "rejected: no co-op provenance (cumulative)", cnt(func(m *Metrics) int64 { return m.RuleRejections[ledger.RuleProvenance] })},
	{"rule3_rejections", KindCount, "rejected: conversion to outside currency (cumulative)", cnt(func(m *Metrics) int64 { return m.RuleRejections[ledger.RuleNoConversion] })},
	{"funds_rejections", KindCount, "rejected: insufficient funds (cumulative)", cnt(func(m *Metrics) int64 { return m.FundsRejections })},
}

func init() {
	for p := range NumProgrammes {
		fixedColumns = append(fixedColumns, Column{"spend_" + ProgrammeNames[p], KindAmount,
			"Foundation spending on " + ProgrammeNames[p] + " this month",
			amt(func(m *Metrics) ledger.Amount { return m.ProgrammeSpend[p] })})
	}
}

// Table holds a run's metrics, one row per tick.
type Table struct {
	Sectors []string // names of the per-sector columns
	Rows    []Metrics
	cols    []Column
}

// NewTable returns an empty table for a model with these sectors.
func NewTable(sectors []string) *Table {
	t := &Table{Sectors: sectors}
	t.cols = append(t.cols, fixedColumns...)
	for i, s := range sectors {
		t.cols = append(t.cols, Column{"unmet_" + s, KindAmount, "unmet wants for " + s + " this month",
			amt(func(m *Metrics) ledger.Amount {
				if i < len(m.UnmetBySector) {
					return m.UnmetBySector[i]
				}
				return 0
			})})
	}
	return t
}

// Columns returns the table's columns in order.
func (t *Table) Columns() []Column { return t.cols }

// Len returns the number of rows.
func (t *Table) Len() int { return len(t.Rows) }

// Series returns a column as floats (tokens for amounts), or nil for an unknown name.
func (t *Table) Series(name string) []float64 {
	for _, c := range t.cols {
		if c.Name != name {
			continue
		}
		out := make([]float64, len(t.Rows))
		for i := range t.Rows {
			_, out[i] = c.get(&t.Rows[i])
		}
		return out
	}
	return nil
}

// Last returns the last row, or a zero row for an empty table.
func (t *Table) Last() Metrics {
	if len(t.Rows) == 0 {
		return Metrics{}
	}
	return t.Rows[len(t.Rows)-1]
}

// AppendHeader appends the CSV header line.
func (t *Table) AppendHeader(b []byte) []byte {
	for i, c := range t.cols {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, c.Name...)
	}
	return append(b, '\n')
}

// AppendRow appends one CSV row. Amounts are exact decimals; ratios use the shortest
// representation that reads back to the same float.
func (t *Table) AppendRow(b []byte, m *Metrics) []byte {
	for i, c := range t.cols {
		if i > 0 {
			b = append(b, ',')
		}
		iv, fv := c.get(m)
		switch c.Kind {
		case KindCount:
			b = strconv.AppendInt(b, iv, 10)
		case KindAmount:
			b = ledger.AppendFormat(b, iv)
		default:
			b = strconv.AppendFloat(b, fv, 'g', -1, 64)
		}
	}
	return append(b, '\n')
}
