package dao

import (
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// book is a ledger with n members holding tokens and a mission's achievement tokens.
func book(t *testing.T, n int, tokens ledger.Amount, held int64) (*ledger.Ledger, ledger.AccountID, ledger.AssetID) {
	t.Helper()
	l := ledger.New(ledger.Options{})
	first := l.OpenN(ledger.KindMember, n)
	if err := l.IssueN(first, n, tokens, ledger.TxGift, 0); err != nil {
		t.Fatal(err)
	}
	asset := l.NewAsset("achievement/test/0")
	for a := first; a < first+ledger.AccountID(n); a++ {
		if err := l.IssueAsset(asset, a, ledger.Amount(held), ledger.TxBonus, 0); err != nil {
			t.Fatal(err)
		}
	}
	return l, first, asset
}

// TestAskNotHeld: a member cannot offer tokens it does not hold, and a trade whose
// seller no longer holds the tokens when the book clears is skipped whole (no payment,
// no transfer).
func TestAskNotHeld(t *testing.T) {
	l, first, asset := book(t, 3, ledger.Tokens(100), 10)
	var a auction
	if err := a.Ask(l, asset, first, 11, ledger.Tokens(1)); !errors.Is(err, ErrNotHeld) {
		t.Fatalf("ask of 11 tokens with 10 held = %v, want ErrNotHeld", err)
	}
	if err := a.Ask(l, asset, first, 10, ledger.Tokens(1)); err != nil {
		t.Fatal(err)
	}
	if err := a.Bid(l, first+1, 10, ledger.Tokens(2)); err != nil {
		t.Fatal(err)
	}
	// The seller gives its tokens away before the auction clears.
	if err := l.TransferAsset(asset, first, first+2, 5, ledger.TxGift, 0); err != nil {
		t.Fatal(err)
	}
	trades, err := a.Clear(l, asset)
	if err != nil {
		t.Fatal(err)
	}
	if len(trades) != 0 || l.BalanceOf(asset, first) != 5 || l.Balance(first+1) != ledger.Tokens(100) {
		t.Fatalf("trades %v, seller holds %d, buyer %s: want no trade", trades, l.BalanceOf(asset, first), ledger.Format(l.Balance(first+1)))
	}
	if err := a.Bid(l, first+1, 1000, ledger.Tokens(1)); !errors.Is(err, ledger.ErrInsufficientFunds) {
		t.Fatalf("bid for 1000 tokens at 1 with 100 held = %v, want ErrInsufficientFunds", err)
	}
}

// TestCallAuction checks the auction against a brute force on random books: the
// volume traded is the largest any single price could clear, max over p of min(asks
// at or below p, bids at or above p); the one price is at or above every matched ask
// and at or below every matched bid; tokens and achievement tokens are conserved and
// nobody ends with more achievement tokens sold than held.
func TestCallAuction(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for n := range 300 {
		sellers, buyers := 1+rng.IntN(8), 1+rng.IntN(8)
		l, first, asset := book(t, sellers+buyers, ledger.Tokens(1000), 50)
		var a auction
		type o struct {
			q int64
			p ledger.Amount
		}
		var asks, bids []o
		for s := range sellers {
			q, p := 1+rng.Int64N(50), ledger.Amount(1+rng.Int64N(20))*ledger.Unit
			if err := a.Ask(l, asset, first+ledger.AccountID(s), q, p); err != nil {
				t.Fatal(err)
			}
			asks = append(asks, o{q, p})
		}
		for b := range buyers {
			q, p := 1+rng.Int64N(50), ledger.Amount(1+rng.Int64N(20))*ledger.Unit
			if err := a.Bid(l, first+ledger.AccountID(sellers+b), q, p); err != nil {
				t.Fatal(err)
			}
			bids = append(bids, o{q, p})
		}
		best := int64(0)
		for _, c := range append(append([]o{}, asks...), bids...) {
			var s, d int64
			for _, x := range asks {
				if x.p <= c.p {
					s += x.q
				}
			}
			for _, x := range bids {
				if x.p >= c.p {
					d += x.q
				}
			}
			best = max(best, min(s, d))
		}
		supply, assets := l.Supply(), l.SupplyOf(asset)
		trades, err := a.Clear(l, asset)
		if err != nil {
			t.Fatal(err)
		}
		var vol int64
		for _, tr := range trades {
			vol += tr.Qty
			if tr.Price != trades[0].Price {
				t.Fatalf("case %d: two prices %d and %d", n, tr.Price, trades[0].Price)
			}
		}
		if vol != best {
			t.Fatalf("case %d: traded %d, a single price clears at most %d", n, vol, best)
		}
		if vol > 0 {
			p := trades[0].Price
			for _, tr := range trades {
				ask := asks[tr.Seller-first].p
				bid := bids[int(tr.Buyer-first)-sellers].p
				if ask > p || bid < p {
					t.Fatalf("case %d: price %d outside matched ask %d / bid %d", n, p, ask, bid)
				}
			}
		}
		if l.Supply() != supply || l.SupplyOf(asset) != assets {
			t.Fatalf("case %d: supply moved", n)
		}
		if err := l.CheckConservation(); err != nil {
			t.Fatal(err)
		}
	}
}
