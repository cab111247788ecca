package clearing

import (
	"errors"
	"fmt"
	"math"

	"github.com/copex/copex/sim/ledger"
)

// Obligation is an IOU: Debtor owes Creditor Amount (micro-tokens). Participants are
// dense ids 0..Participants-1 of the Network.
type Obligation struct {
	Debtor, Creditor int32
	Amount           ledger.Amount
}

// Network is a set of obligations among participants 0..Participants-1. Parallel
// obligations between the same pair are kept apart (each gets its own remaining
// amount); zero amounts are allowed and stay zero.
type Network struct {
	Participants int
	Obligations  []Obligation
}

// Errors of Validate, wrapped with the obligation's index.
var (
	ErrParticipant = errors.New("participant out of range")
	ErrSelf        = errors.New("self-obligation")
	ErrNegative    = errors.New("negative amount")
	ErrOverflow    = errors.New("total obligations exceed the largest amount")
	ErrLiquidity   = errors.New("negative liquidity")
	ErrSize        = errors.New("network too large")
)

// MaxParticipants is the most participants a Network may have: ids are int32, and the
// solver adds four nodes of its own (source, sink, the fund's two sides).
const MaxParticipants = math.MaxInt32 - 4

// Validate checks the network: ids in range, no self-obligation, no negative amount,
// a total that fits an Amount (every sum the solver forms is bounded by it), and few
// enough obligations and participants that the solver's arcs (two per obligation, at
// most six per participant) have int32 indexes.
func (n *Network) Validate() error {
	if n.Participants < 0 || n.Participants > MaxParticipants {
		return fmt.Errorf("%d participants: %w", n.Participants, ErrParticipant)
	}
	if 2*int64(len(n.Obligations))+6*int64(n.Participants)+2 > math.MaxInt32 {
		return fmt.Errorf("%d obligations among %d participants: %w", len(n.Obligations), n.Participants, ErrSize)
	}
	np := int32(n.Participants)
	var total ledger.Amount
	for i, o := range n.Obligations {
		switch {
		case o.Debtor < 0 || o.Debtor >= np || o.Creditor < 0 || o.Creditor >= np:
			return fmt.Errorf("obligation %d (%d owes %d): %w", i, o.Debtor, o.Creditor, ErrParticipant)
		case o.Debtor == o.Creditor:
			return fmt.Errorf("obligation %d (%d owes itself): %w", i, o.Debtor, ErrSelf)
		case o.Amount < 0:
			return fmt.Errorf("obligation %d: %w", i, ErrNegative)
		case o.Amount > ledger.MaxSupply-total:
			return fmt.Errorf("obligation %d: %w", i, ErrOverflow)
		}
		total += o.Amount
	}
	return nil
}

// Options are the settings of Clear; nil means the zero value (no liquidity).
type Options struct {
	// Liquidity is the most the fund (the DAO fund) may lend to clear more, mutual-credit
	// style: the fund becomes the counterparty of up to Liquidity of new obligations on
	// each side, participants owing it (Result.Borrowed) and it owing participants
	// (Result.Deposited) the same total, so its own net position stays zero. A chain
	// u→…→v of k obligations of x can then be replaced by u→fund and fund→v of x each,
	// saving (k-2)·x; the solver uses the fund only where that lowers the total. Zero
	// means none: no new obligation ever appears.
	Liquidity ledger.Amount
}

// Result is a clearing: the remaining network and its totals. Every participant's net
// position (owed to it minus what it owes, the fund's obligations included) is as
// before, no obligation grows, and the total remaining is the least possible.
type Result struct {
	// Remaining is the amount left of each obligation, in the Network's order.
	Remaining []ledger.Amount
	// Borrowed[i] is what participant i owes the fund after clearing, Deposited[i] what
	// the fund owes i; both nil when Options.Liquidity is zero.
	Borrowed, Deposited []ledger.Amount

	Participants, Obligations int
	// TotalDebt is the sum of the obligations before clearing (gross).
	TotalDebt ledger.Amount
	// Cleared is how much of the participants' obligations was set off:
	// TotalDebt - sum(Remaining).
	Cleared ledger.Amount
	// RemainingDebt is the gross total after clearing, the fund's obligations included:
	// sum(Remaining) + sum(Borrowed) + sum(Deposited).
	RemainingDebt ledger.Amount
	// NetInternalDebt is the sum of the positive net positions (equivalently of the
	// negative ones' magnitudes), as Fleischman, Dini and Littera (2020) define it: the
	// liquidity that would settle the network after clearing. Clearing leaves it
	// unchanged, and RemainingDebt is never below it.
	NetInternalDebt ledger.Amount
	// FundLent is the total the fund lent (sum(Borrowed) = sum(Deposited)).
	FundLent ledger.Amount
}

// Clear clears net with a fresh Solver. A simulation that clears every month should
// keep a Solver and call its Clear, which reuses its scratch.
func Clear(net *Network, opts *Options) (*Result, error) {
	var s Solver
	res := new(Result)
	if err := s.Clear(net, opts, res); err != nil {
		return nil, err
	}
	return res, nil
}

// Clear clears net into res, reusing res's slices and the solver's scratch: once both
// have grown to the largest network seen, a call allocates nothing.
func (s *Solver) Clear(net *Network, opts *Options, res *Result) error {
	if err := net.Validate(); err != nil {
		return err
	}
	var liq ledger.Amount
	if opts != nil {
		liq = opts.Liquidity
	}
	if liq < 0 {
		return fmt.Errorf("liquidity %d: %w", liq, ErrLiquidity)
	}
	s.solve(net, liq)
	s.result(net, liq > 0, res)
	return nil
}
