package ledger_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// newLedger returns a ledger whose conservation (rule 4) is checked when the test
// ends, after all of its operations.
func newLedger(t testing.TB, opts ledger.Options) *ledger.Ledger {
	t.Helper()
	l := ledger.New(opts)
	t.Cleanup(func() {
		if err := l.CheckConservation(); err != nil {
			t.Errorf("CheckConservation() after the test = %v, want nil", err)
		}
	})
	return l
}

// must fails the test at once if err is not nil.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// snapshot is everything a ledger holds: every part of every balance, the grant lots,
// registration, other assets and the supply counters. Rejection counters are not
// part of it.
type snapshot struct {
	Kinds                    []ledger.Kind
	Registered               []bool
	Ordinary, Grant, Savings []ledger.Amount
	Lots                     [][]ledger.Lot
	Assets                   [][]ledger.Amount // [asset-1][account]
	AssetSupply              []ledger.Amount
	Issued, Expired, Burned  ledger.Amount
	Supply                   ledger.Amount
	Month                    int
}

func snap(l *ledger.Ledger) snapshot {
	var s snapshot
	n := l.Len()
	for i := range n {
		a := ledger.AccountID(i)
		s.Kinds = append(s.Kinds, l.Kind(a))
		s.Registered = append(s.Registered, l.Registered(a))
		s.Ordinary = append(s.Ordinary, l.Ordinary(a))
		s.Grant = append(s.Grant, l.Grant(a))
		s.Savings = append(s.Savings, l.Savings(a))
		s.Lots = append(s.Lots, l.Lots(a))
	}
	for as := 1; as < l.Assets(); as++ {
		bal := make([]ledger.Amount, n)
		for i := range n {
			bal[i] = l.BalanceOf(ledger.AssetID(as), ledger.AccountID(i))
		}
		s.Assets = append(s.Assets, bal)
		s.AssetSupply = append(s.AssetSupply, l.SupplyOf(ledger.AssetID(as)))
	}
	s.Issued, s.Expired, s.Burned, s.Supply = l.Issued(), l.Expired(), l.Burned(), l.Supply()
	s.Month = l.Month()
	return s
}

// diffBalances describes the first difference in what two snapshots hold (accounts,
// balances, lots, assets and supply), or returns "" if they hold the same.
// The issued/expired/burned history is compared only when history is true.
func diffBalances(got, want snapshot, history bool) string {
	if len(got.Kinds) != len(want.Kinds) {
		return fmt.Sprintf("%d accounts, want %d", len(got.Kinds), len(want.Kinds))
	}
	for i := range got.Kinds {
		switch {
		case got.Kinds[i] != want.Kinds[i]:
			return fmt.Sprintf("account %d: kind %v, want %v", i, got.Kinds[i], want.Kinds[i])
		case got.Registered[i] != want.Registered[i]:
			return fmt.Sprintf("account %d: registered %v, want %v", i, got.Registered[i], want.Registered[i])
		case got.Ordinary[i] != want.Ordinary[i]:
			return fmt.Sprintf("account %d: ordinary %s, want %s", i, ledger.Format(got.Ordinary[i]), ledger.Format(want.Ordinary[i]))
		case got.Grant[i] != want.Grant[i]:
			return fmt.Sprintf("account %d: grant %s, want %s", i, ledger.Format(got.Grant[i]), ledger.Format(want.Grant[i]))
		case got.Savings[i] != want.Savings[i]:
			return fmt.Sprintf("account %d: savings %s, want %s", i, ledger.Format(got.Savings[i]), ledger.Format(want.Savings[i]))
		case !slices.Equal(got.Lots[i], want.Lots[i]):
			return fmt.Sprintf("account %d: lots %v, want %v", i, got.Lots[i], want.Lots[i])
		}
	}
	if len(got.Assets) != len(want.Assets) {
		return fmt.Sprintf("%d assets, want %d", len(got.Assets)+1, len(want.Assets)+1)
	}
	for as := range got.Assets {
		if got.AssetSupply[as] != want.AssetSupply[as] {
			return fmt.Sprintf("asset %d: supply %s, want %s", as+1, ledger.Format(got.AssetSupply[as]), ledger.Format(want.AssetSupply[as]))
		}
		for i := range got.Assets[as] {
			if g, w := got.Assets[as][i], want.Assets[as][i]; g != w {
				return fmt.Sprintf("asset %d, account %d: %s, want %s", as+1, i, ledger.Format(g), ledger.Format(w))
			}
		}
	}
	if got.Supply != want.Supply {
		return fmt.Sprintf("supply %s, want %s", ledger.Format(got.Supply), ledger.Format(want.Supply))
	}
	if history && (got.Issued != want.Issued || got.Expired != want.Expired || got.Burned != want.Burned) {
		return fmt.Sprintf("issued/expired/burned %s/%s/%s, want %s/%s/%s",
			ledger.Format(got.Issued), ledger.Format(got.Expired), ledger.Format(got.Burned),
			ledger.Format(want.Issued), ledger.Format(want.Expired), ledger.Format(want.Burned))
	}
	return ""
}

// tok is ledger.Tokens, short.
func tok(t float64) ledger.Amount { return ledger.Tokens(t) }
