package agents_test

import (
	"reflect"
	"strings"
	"unicode"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// fig is a row of a run's metrics with the columns the tests read as fields, filled
// by column name (the field name in snake case), so that a test says last.Issued.
type fig struct {
	Tick, Month                                           int
	Members, MembersLeft, Employed                        int64
	CoopsAlive, CoopsStarted, CoopsFailed, RuleViolations int64
	Issued, Expired, Burned, Supply, Savings, GrantTokens ledger.Amount
	OfferedValue, SalesValue, FoundationSpend             ledger.Amount
	FoundationBalance, UnmetWantsValue                    ledger.Amount
	PriceIndex, Gini, BalanceRatio                        float64
	RuleRejections                                        [ledger.NumRules]int64
}

// figs is a run's table read into figs.
type figs struct {
	T    *sim.Table
	Rows []fig
}

func (f *figs) Last() fig { return f.Rows[len(f.Rows)-1] }

func snake(name string) string {
	var b strings.Builder
	for i, r := range name {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// readFigs reads t's rows; a field whose column the model does not have stays zero.
func readFigs(t *sim.Table) *figs {
	out := &figs{T: t}
	typ := reflect.TypeFor[fig]()
	for i := range t.Rows {
		m := &t.Rows[i]
		var f fig
		v := reflect.ValueOf(&f).Elem()
		f.Tick, f.Month = m.Tick, m.Month
		for k := range typ.NumField() {
			name := snake(typ.Field(k).Name)
			c, ok := t.Col(name)
			if !ok {
				continue
			}
			switch fv := v.Field(k); fv.Kind() {
			case reflect.Int64:
				fv.SetInt(m.Int(c))
			case reflect.Float64:
				fv.SetFloat(m.Float(c))
			}
		}
		for r := range ledger.NumRules {
			if c, ok := t.Col("rule" + string(rune('0'+r)) + "_rejections"); ok && r > 0 {
				f.RuleRejections[r] = m.Int(c)
			}
		}
		out.Rows = append(out.Rows, f)
	}
	return out
}
