package clearing_test

import (
	"fmt"

	"github.com/copex/copex/sim/clearing"
)

// Three participants owe each other around a cycle, with one more obligation across
// it; clearing leaves only what the net positions require.
func ExampleClear() {
	net := &clearing.Network{Participants: 3, Obligations: []clearing.Obligation{
		{Debtor: 0, Creditor: 1, Amount: 5},
		{Debtor: 1, Creditor: 2, Amount: 3},
		{Debtor: 2, Creditor: 0, Amount: 4},
		{Debtor: 0, Creditor: 2, Amount: 2},
	}}
	res, err := clearing.Clear(net, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("remaining:", res.Remaining)
	fmt.Println("gross before:", res.TotalDebt, "after:", res.RemainingDebt, "net internal debt:", res.NetInternalDebt)
	// Output:
	// remaining: [2 0 0 1]
	// gross before: 14 after: 3 net internal debt: 3
}

// A Solver kept between months allocates nothing once warm; with a fund limit, the fund
// shortens chains that no cycle clears.
func ExampleSolver_Clear() {
	chain := &clearing.Network{Participants: 4, Obligations: []clearing.Obligation{
		{Debtor: 0, Creditor: 1, Amount: 10},
		{Debtor: 1, Creditor: 2, Amount: 10},
		{Debtor: 2, Creditor: 3, Amount: 10},
	}}
	var s clearing.Solver
	var res clearing.Result
	for _, limit := range []int64{0, 4} {
		if err := s.Clear(chain, &clearing.Options{Liquidity: limit}, &res); err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println("fund limit", limit, "remaining", res.Remaining, "lent", res.FundLent, "gross", res.RemainingDebt)
	}
	// Output:
	// fund limit 0 remaining [10 10 10] lent 0 gross 30
	// fund limit 4 remaining [6 6 6] lent 4 gross 26
}
