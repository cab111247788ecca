package issuance

import (
	"fmt"
	"reflect"
	"sort"
)

// Vars are the named variables a grant expression may use; amounts are in tokens.
type Vars struct {
	Projected       float64 `expr:"projected"`        // P_t, this month's projection
	LastProjected   float64 `expr:"last_projected"`   // P_{t-1}
	Sales           float64 `expr:"sales"`            // S_{t-1}, last month's actual sales
	HighWater       float64 `expr:"high_water"`       // H_{t-1}, highest projection granted before
	Offered         float64 `expr:"offered"`          // value on offer this month
	Estimate        float64 `expr:"estimate"`         // E, the declared first-month estimate
	Carry           float64 `expr:"carry"`            // negative remainder carried forward
	Age             float64 `expr:"age"`              // months the line has been offered before
	ReleaseFactor   float64 `expr:"release_factor"`   // k
	FoundationShare float64 `expr:"foundation_share"` // f this month
	Month           float64 `expr:"month"`            // month number, from 1
	SavingsRatio    float64 `expr:"savings_ratio"`    // share of supply in savings
	BalanceRatio    float64 `expr:"balance_ratio"`    // circulating / offered value last month
	PriceIndex      float64 `expr:"price_index"`      // price index last month
}

// VarNames lists the variables a grant expression may use.
func VarNames() []string {
	t := reflect.TypeFor[Vars]()
	names := make([]string, t.NumField())
	for i := range names {
		names[i] = t.Field(i).Tag.Get("expr")
	}
	sort.Strings(names)
	return names
}

// ExprError is a grant expression that does not compile: an unknown variable or bad
// syntax, at a line and column of the expression (both from 1).
type ExprError struct {
	Line, Column int
	Msg          string
}

func (e *ExprError) Error() string {
	return fmt.Sprintf("grant expression, line %d column %d: %s", e.Line, e.Column, e.Msg)
}
