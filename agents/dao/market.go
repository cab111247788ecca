package dao

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// The achievement-token market: each month, for each won mission's tokens, a call
// auction. Holders offer part of what they hold (asks), members bid with tokens they
// have (bids), each at the tokens' value times a random factor within the spread; the
// value of a token is its last royalty per token times the months its output still
// sells. Bids are matched from the highest, asks from the lowest, while the bid is at
// least the ask; every trade clears at one price, the midpoint of the last matched bid
// and ask, which every matched bid is at or above and every matched ask at or below.

// ErrNotHeld refuses an ask for more tokens than the seller holds.
var ErrNotHeld = errors.New("dao: an ask for more achievement tokens than the seller holds")

// order is an ask or a bid: qty tokens at a limit price (micro-tokens a token).
type order struct {
	acct  ledger.AccountID
	qty   int64
	price ledger.Amount
	seq   int32 // arrival, for ties
}

// Trade is one matched trade of an auction.
type Trade struct {
	Buyer, Seller ledger.AccountID
	Qty           int64
	Price         ledger.Amount // a token
}

// auction is one call auction's book (reused).
type auction struct {
	asks, bids []order
	trades     []Trade
}

// maxPrice bounds a limit price (micro-tokens a token): with at most 10^6 tokens of a
// mission in one order, price × qty stays below 10^18 < 2^63.
const maxPrice = ledger.Amount(1e12)

func (a *auction) reset() { a.asks, a.bids, a.trades = a.asks[:0], a.bids[:0], a.trades[:0] }

// Ask posts an ask of qty tokens of asset at price; it is refused (ErrNotHeld) for
// more tokens than seller holds.
func (a *auction) Ask(l *ledger.Ledger, asset ledger.AssetID, seller ledger.AccountID, qty int64, price ledger.Amount) error {
	if qty <= 0 || price <= 0 || price > maxPrice || qty > 1e6 {
		return fmt.Errorf("dao: ask of %d at %d: quantity 1..1e6 and a price 1..%d", qty, price, maxPrice)
	}
	if l.BalanceOf(asset, seller) < ledger.Amount(qty) {
		return ErrNotHeld
	}
	a.asks = append(a.asks, order{acct: seller, qty: qty, price: price, seq: int32(len(a.asks))})
	return nil
}

// Bid posts a bid of qty tokens at price; it is refused if buyer cannot pay it all.
func (a *auction) Bid(l *ledger.Ledger, buyer ledger.AccountID, qty int64, price ledger.Amount) error {
	if qty <= 0 || price <= 0 || price > maxPrice || qty > 1e6 {
		return fmt.Errorf("dao: bid of %d at %d: quantity 1..1e6 and a price 1..%d", qty, price, maxPrice)
	}
	if l.Balance(buyer) < price*ledger.Amount(qty) {
		return ledger.ErrInsufficientFunds
	}
	a.bids = append(a.bids, order{acct: buyer, qty: qty, price: price, seq: int32(len(a.bids))})
	return nil
}

// Clear matches the book and settles the trades on the ledger: the buyer pays qty ×
// price tokens, the seller hands over qty achievement tokens. A trade whose buyer can
// no longer pay, or whose seller no longer holds the tokens (one account may post in
// several books), is skipped whole. It returns the trades made.
func (a *auction) Clear(l *ledger.Ledger, asset ledger.AssetID) ([]Trade, error) {
	slices.SortFunc(a.asks, func(x, y order) int { return cmp.Or(cmp.Compare(x.price, y.price), cmp.Compare(x.seq, y.seq)) })
	slices.SortFunc(a.bids, func(x, y order) int { return cmp.Or(cmp.Compare(y.price, x.price), cmp.Compare(x.seq, y.seq)) })
	// Match: the quantities each order trades, and the marginal pair's prices.
	i, j := 0, 0
	var lastBid, lastAsk ledger.Amount
	bidLeft, askLeft := int64(0), int64(0)
	if len(a.bids) > 0 {
		bidLeft = a.bids[0].qty
	}
	if len(a.asks) > 0 {
		askLeft = a.asks[0].qty
	}
	start := len(a.trades)
	for i < len(a.bids) && j < len(a.asks) && a.bids[i].price >= a.asks[j].price {
		b, s := &a.bids[i], &a.asks[j]
		q := min(bidLeft, askLeft)
		if b.acct != s.acct {
			a.trades = append(a.trades, Trade{Buyer: b.acct, Seller: s.acct, Qty: q})
		}
		lastBid, lastAsk = b.price, s.price
		bidLeft -= q
		askLeft -= q
		if bidLeft == 0 {
			if i++; i < len(a.bids) {
				bidLeft = a.bids[i].qty
			}
		}
		if askLeft == 0 {
			if j++; j < len(a.asks) {
				askLeft = a.asks[j].qty
			}
		}
	}
	price := lastAsk + (lastBid-lastAsk)/2
	out := a.trades[start:]
	n := 0
	for _, t := range out {
		t.Price = price
		cost := price * ledger.Amount(t.Qty) // ≤ maxPrice × 1e6 < 2^63
		if l.BalanceOf(asset, t.Seller) < ledger.Amount(t.Qty) || l.Balance(t.Buyer) < cost {
			continue
		}
		if err := l.Transfer(t.Buyer, t.Seller, cost, ledger.TxExchange, int64(asset)); err != nil {
			if errors.Is(err, ledger.ErrInsufficientFunds) {
				continue
			}
			return nil, fmt.Errorf("dao: achievement-token payment: %w", err)
		}
		if err := l.TransferAsset(asset, t.Seller, t.Buyer, ledger.Amount(t.Qty), ledger.TxExchange, int64(asset)); err != nil {
			return nil, fmt.Errorf("dao: achievement-token transfer: %w", err)
		}
		out[n] = t
		n++
	}
	a.trades = a.trades[:start+n]
	return a.trades[start:], nil
}

// runMarket runs this month's auctions.
func (d *DAO) runMarket(t sim.Tick) error {
	d.seed(t.Month, partMarket)
	mk := d.cfg.Market
	for id := range d.missions {
		ms := &d.missions[id]
		if ms.state != stateWon || ms.sellLeft <= 0 || ms.lastRoy <= 0 || d.known == 0 {
			continue
		}
		m := &d.cfg.Missions[ms.kind]
		value := float64(ms.lastRoy) * float64(ms.sellLeft) / float64(m.Shares)
		if value < 1 {
			continue
		}
		quote := func() ledger.Amount {
			p := value * (1 + mk.Spread*(2*d.rng.Float64()-1))
			return ledger.Amount(math.Min(math.Max(math.Round(p), 1), float64(maxPrice)))
		}
		a := &d.market
		a.reset()
		for _, h := range ms.holders {
			held := int64(d.l.BalanceOf(ms.asset, h))
			if held == 0 || !d.l.Registered(h) || d.rng.Float64() >= mk.Sell {
				continue
			}
			if err := a.Ask(d.l, ms.asset, h, max(1, held/2), quote()); err != nil {
				return err
			}
		}
		if len(a.asks) == 0 {
			continue
		}
		for range mk.Bidders {
			i := d.rng.IntN(d.known)
			if !d.h.MemberActive(i) {
				continue
			}
			acct := d.h.MemberAccount(i)
			p := quote()
			qty := min(1+d.rng.Int64N(max(1, m.Shares/20)), int64(d.l.Balance(acct)/p))
			if qty <= 0 {
				continue
			}
			if err := a.Bid(d.l, acct, qty, p); err != nil {
				return err
			}
		}
		trades, err := a.Clear(d.l, ms.asset)
		if err != nil {
			return err
		}
		for _, tr := range trades {
			ms.holders = addHolder(ms.holders, tr.Buyer)
			d.tick.traded += tr.Qty
			d.tick.tradedValue += tr.Price * ledger.Amount(tr.Qty)
		}
	}
	return nil
}
