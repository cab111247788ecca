package clearing_test

import (
	"fmt"
	"os"
	"strings"

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

// An obligations file names its participants; amounts with a point are tokens, and the
// remaining network is written back in the same form. Ana's net is 4-5-2.5 = -3.5, Ben's
// +2, Cleo's +1.5: Ana pays each directly.
func ExampleReadCSV() {
	in := "debtor,creditor,amount\nana,ben,5.0\nben,cleo,3.0\ncleo,ana,4.0\nana,cleo,2.5\n"
	file, err := clearing.ReadCSV(strings.NewReader(in), "month.csv", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := clearing.Clear(&file.Network, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := file.WriteCSV(os.Stdout, res.Remaining); err != nil {
		fmt.Println(err)
	}
	_, err = clearing.ReadCSV(strings.NewReader("debtor,creditor,amount\nana,ben,-1\n"), "bad.csv", nil)
	fmt.Println(err)
	// Output:
	// debtor,creditor,amount
	// ana,ben,2.0
	// ana,cleo,1.5
	// bad.csv:2: column amount: "-1" is negative; an obligation is owed by its debtor (swap the names)
}
