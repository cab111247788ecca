package ledger_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

// fixture is a ledger with one account of every kind, each registered account but the
// external one holding 100 ordinary tokens, and a deregistered member holding 100.
type fixture struct {
	l                                               *ledger.Ledger
	member, member2, coop, coop2, foundation, dao   ledger.AccountID
	project, council, external, gone, none, missing ledger.AccountID
}

func newFixture(t *testing.T, opts ledger.Options) *fixture {
	t.Helper()
	l := newLedger(t, opts)
	f := &fixture{l: l}
	f.member = l.Open(ledger.KindMember)
	f.member2 = l.Open(ledger.KindMember)
	f.coop = l.Open(ledger.KindCoop)
	f.coop2 = l.Open(ledger.KindCoop)
	f.foundation = l.Open(ledger.KindFoundation)
	f.dao = l.Open(ledger.KindDAOFund)
	f.project = l.Open(ledger.KindProject)
	f.council = l.Open(ledger.KindCouncilFund)
	f.external = l.Open(ledger.KindExternal)
	f.gone = l.Open(ledger.KindMember)
	f.none = l.Open(ledger.KindNone)
	f.missing = ledger.AccountID(l.Len()) // never opened
	for _, a := range []ledger.AccountID{f.member, f.member2, f.coop, f.coop2, f.foundation, f.dao, f.project, f.council, f.gone} {
		must(t, l.Issue(a, tok(100), 0, ledger.TxOther, 0))
	}
	if opts.AllowExternal {
		must(t, l.Issue(f.external, tok(100), 0, ledger.TxOther, 0))
	}
	l.Deregister(f.gone)
	return f
}

type ruleCase struct {
	name         string
	payer, payee func(f *fixture) ledger.AccountID
	amount       ledger.Amount
	kind         ledger.TxKind
	want         error       // nil for a transfer that goes through
	rule         ledger.Rule // the rule of a *RuleError, 0 for none
}

func acct(pick func(f *fixture) ledger.AccountID) func(f *fixture) ledger.AccountID { return pick }

var (
	member     = acct(func(f *fixture) ledger.AccountID { return f.member })
	member2    = acct(func(f *fixture) ledger.AccountID { return f.member2 })
	coop       = acct(func(f *fixture) ledger.AccountID { return f.coop })
	coop2      = acct(func(f *fixture) ledger.AccountID { return f.coop2 })
	foundation = acct(func(f *fixture) ledger.AccountID { return f.foundation })
	dao        = acct(func(f *fixture) ledger.AccountID { return f.dao })
	project    = acct(func(f *fixture) ledger.AccountID { return f.project })
	council    = acct(func(f *fixture) ledger.AccountID { return f.council })
	external   = acct(func(f *fixture) ledger.AccountID { return f.external })
	gone       = acct(func(f *fixture) ledger.AccountID { return f.gone })
	none       = acct(func(f *fixture) ledger.AccountID { return f.none })
	missing    = acct(func(f *fixture) ledger.AccountID { return f.missing })
	negative   = acct(func(f *fixture) ledger.AccountID { return -1 })
)

// defaultRuleCases are transfers under the default options (rule 3 in force).
var defaultRuleCases = []ruleCase{
	{"member gives to a member", member, member2, tok(1), ledger.TxGift, nil, 0},
	{"member buys from a co-op", member, coop, tok(2.5), ledger.TxPurchase, nil, 0},
	{"co-op pays a wage", coop, member, tok(3), ledger.TxWage, nil, 0},
	{"co-op buys inputs from a co-op", coop, coop2, tok(4), ledger.TxInput, nil, 0},
	{"co-op pays the levy to the Foundation", coop, foundation, tok(1), ledger.TxLevy, nil, 0},
	{"Foundation pays a co-op", foundation, coop, tok(10), ledger.TxProgramme, nil, 0},
	{"member pays into the DAO fund", member, dao, tok(1), ledger.TxOther, nil, 0},
	{"project pays the council fund", project, council, tok(1), ledger.TxOther, nil, 0},
	{"member exchanges with a member", member2, member, 1, ledger.TxExchange, nil, 0},

	{"deregistered payer", gone, member, tok(1), ledger.TxGift, ledger.ErrPayerNotRegistered, ledger.RuleMembersOnly},
	{"deregistered payee", member, gone, tok(1), ledger.TxGift, ledger.ErrPayeeNotRegistered, ledger.RuleMembersOnly},
	{"unregistered (kind none) payer", none, member, tok(1), ledger.TxGift, ledger.ErrPayerNotRegistered, ledger.RuleMembersOnly},
	{"unregistered (kind none) payee", member, none, tok(1), ledger.TxGift, ledger.ErrPayeeNotRegistered, ledger.RuleMembersOnly},
	{"deregistered payer buying from a co-op", gone, coop, tok(1), ledger.TxPurchase, ledger.ErrPayerNotRegistered, ledger.RuleMembersOnly},

	{"purchase paid to a member", member, member2, tok(1), ledger.TxPurchase, ledger.ErrNoProvenance, ledger.RuleProvenance},
	{"purchase paid to the Foundation", member, foundation, tok(1), ledger.TxPurchase, ledger.ErrNoProvenance, ledger.RuleProvenance},
	{"purchase paid to a project", coop, project, tok(1), ledger.TxPurchase, ledger.ErrNoProvenance, ledger.RuleProvenance},
	{"Foundation pays a member", foundation, member, tok(1), ledger.TxProgramme, ledger.ErrFoundationPaysCoop, ledger.RuleProvenance},
	{"Foundation pays the DAO fund", foundation, dao, tok(1), ledger.TxOther, ledger.ErrFoundationPaysCoop, ledger.RuleProvenance},
	{"Foundation gives to a project", foundation, project, tok(1), ledger.TxGift, ledger.ErrFoundationPaysCoop, ledger.RuleProvenance},

	{"member pays an external account", member, external, tok(1), ledger.TxOther, ledger.ErrExternal, ledger.RuleNoConversion},
	{"external account pays a member", external, member, tok(1), ledger.TxOther, ledger.ErrExternal, ledger.RuleNoConversion},
	{"external account buys from a co-op", external, coop, tok(1), ledger.TxPurchase, ledger.ErrExternal, ledger.RuleNoConversion},
	{"conversion between members", member, member2, tok(1), ledger.TxConversion, ledger.ErrExternal, ledger.RuleNoConversion},
	{"conversion paid to a co-op", member, coop, tok(1), ledger.TxConversion, ledger.ErrExternal, ledger.RuleNoConversion},
	{"deregistered payer pays an external account (rule 3 first)", gone, external, tok(1), ledger.TxOther, ledger.ErrExternal, ledger.RuleNoConversion},
	{"Foundation sells to an external account (rule 3 holds)", foundation, external, tok(1), ledger.TxConversion, ledger.ErrExternal, ledger.RuleNoConversion},

	{"zero amount", member, member2, 0, ledger.TxGift, ledger.ErrBadAmount, 0},
	{"negative amount", member, member2, -1, ledger.TxGift, ledger.ErrBadAmount, 0},
	{"payee never opened", member, missing, tok(1), ledger.TxGift, ledger.ErrNoSuchAccount, 0},
	{"payer never opened", missing, member, tok(1), ledger.TxGift, ledger.ErrNoSuchAccount, 0},
	{"negative account", negative, member, tok(1), ledger.TxGift, ledger.ErrNoSuchAccount, 0},
	{"overdraft", member, member2, tok(100.000001), ledger.TxGift, ledger.ErrInsufficientFunds, 0},
}

// externalRuleCases are transfers with Options.AllowExternal: rule 3 is lifted, rules
// 1 and 2 still hold.
var externalRuleCases = []ruleCase{
	{"member pays an external account", member, external, tok(1), ledger.TxOther, nil, 0},
	{"external account pays a member", external, member, tok(2), ledger.TxOther, nil, 0},
	{"conversion between members", member, member2, tok(1), ledger.TxConversion, nil, 0},
	{"external account buys from a co-op", external, coop, tok(1), ledger.TxPurchase, nil, 0},
	{"deregistered payer", gone, external, tok(1), ledger.TxOther, ledger.ErrPayerNotRegistered, ledger.RuleMembersOnly},
	{"deregistered payee", external, gone, tok(1), ledger.TxOther, ledger.ErrPayeeNotRegistered, ledger.RuleMembersOnly},
	{"purchase paid to an external account", member, external, tok(1), ledger.TxPurchase, ledger.ErrNoProvenance, ledger.RuleProvenance},
	{"Foundation sells to an external account (a conversion)", foundation, external, tok(1), ledger.TxConversion, nil, 0},
	{"Foundation pays an external account other than in a conversion", foundation, external, tok(1), ledger.TxOther, ledger.ErrFoundationPaysCoop, ledger.RuleProvenance},
	{"Foundation converts to a member", foundation, member, tok(1), ledger.TxConversion, ledger.ErrFoundationPaysCoop, ledger.RuleProvenance},
	{"external account sells to the Foundation", external, foundation, tok(1), ledger.TxConversion, nil, 0},
}

// TestTransferRules: each operating rule rejects with its typed *RuleError, the
// rejection is counted under its rule (and nowhere else), and nothing moves; allowed
// transfers move exactly the amount.
func TestTransferRules(t *testing.T) {
	for _, set := range []struct {
		name  string
		opts  ledger.Options
		cases []ruleCase
	}{
		{"default", ledger.Options{}, defaultRuleCases},
		{"allow external", ledger.Options{AllowExternal: true}, externalRuleCases},
	} {
		t.Run(set.name, func(t *testing.T) {
			f := newFixture(t, set.opts)
			l := f.l
			for _, tc := range set.cases {
				payer, payee := tc.payer(f), tc.payee(f)
				before := snap(l)
				rej, funds := l.Rejections(), l.RejectedFunds()
				var pb, qb ledger.Amount
				if tc.want == nil {
					pb, qb = l.Balance(payer), l.Balance(payee)
				}
				err := l.Transfer(payer, payee, tc.amount, tc.kind, 42)
				if !errors.Is(err, tc.want) {
					t.Errorf("%s: Transfer(%d -> %d, %s, %s) = %v, want %v", tc.name, payer, payee, ledger.Format(tc.amount), tc.kind, err, tc.want)
					continue
				}
				var re *ledger.RuleError
				if isRule := errors.As(err, &re); isRule != (tc.rule != 0) || isRule && re.Rule != tc.rule {
					t.Errorf("%s: error %v: got rule error %v (rule %v), want rule %d", tc.name, err, isRule, re, tc.rule)
				}
				wantRej := rej
				wantFunds := funds
				if tc.rule != 0 {
					wantRej[tc.rule]++
					if want := fmt.Sprintf("operating rule %d: ", tc.rule); !strings.HasPrefix(err.Error(), want) {
						t.Errorf("%s: error %q, want it to start %q", tc.name, err, want)
					}
				}
				if errors.Is(err, ledger.ErrInsufficientFunds) {
					wantFunds++
				}
				if got := l.Rejections(); got != wantRej {
					t.Errorf("%s: Rejections() = %v, want %v", tc.name, got, wantRej)
				}
				if got := l.RejectedFunds(); got != wantFunds {
					t.Errorf("%s: RejectedFunds() = %d, want %d", tc.name, got, wantFunds)
				}
				if err != nil {
					if d := diffBalances(snap(l), before, true); d != "" {
						t.Errorf("%s: rejected transfer changed the ledger: %s", tc.name, d)
					}
				} else {
					if got, want := l.Balance(payer), pb-tc.amount; got != want {
						t.Errorf("%s: payer balance %s, want %s", tc.name, ledger.Format(got), ledger.Format(want))
					}
					if got, want := l.Balance(payee), qb+tc.amount; got != want {
						t.Errorf("%s: payee balance %s, want %s", tc.name, ledger.Format(got), ledger.Format(want))
					}
					if l.Supply() != before.Supply {
						t.Errorf("%s: supply %s, want %s (a transfer creates nothing)", tc.name, ledger.Format(l.Supply()), ledger.Format(before.Supply))
					}
				}
				if err := l.CheckConservation(); err != nil {
					t.Fatalf("%s: CheckConservation() = %v, want nil", tc.name, err)
				}
			}
		})
	}
}

// TestCheckRules: Check applies the same rules as Transfer and counts a rejection,
// but never moves anything, even when the transfer would go through.
func TestCheckRules(t *testing.T) {
	f := newFixture(t, ledger.Options{})
	l := f.l
	var wantRej [ledger.NumRules]int64
	var wantFunds int64
	for _, tc := range defaultRuleCases {
		before := snap(l)
		err := l.Check(tc.payer(f), tc.payee(f), tc.amount, tc.kind)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: Check() = %v, want %v", tc.name, err, tc.want)
		}
		if tc.rule != 0 {
			wantRej[tc.rule]++
		}
		if errors.Is(tc.want, ledger.ErrInsufficientFunds) {
			wantFunds++
		}
		if d := diffBalances(snap(l), before, true); d != "" {
			t.Errorf("%s: Check changed the ledger: %s", tc.name, d)
		}
	}
	if got := l.Rejections(); got != wantRej {
		t.Errorf("Rejections() = %v, want %v", got, wantRej)
	}
	if got := l.RejectedFunds(); got != wantFunds {
		t.Errorf("RejectedFunds() = %d, want %d", got, wantFunds)
	}
	if wantRej[1] == 0 || wantRej[2] == 0 || wantRej[3] == 0 {
		t.Errorf("the cases reject under rules %v; want every rule exercised", wantRej)
	}
}

// TestOtherOperationsRules: issue, save, withdraw and the other assets obey the rules
// too; each rejection is counted and moves nothing.
func TestOtherOperationsRules(t *testing.T) {
	f := newFixture(t, ledger.Options{})
	l := f.l
	iou := l.NewAsset("iou")
	must(t, l.IssueAsset(iou, f.member, tok(10), ledger.TxOther, 0))
	for _, tc := range []struct {
		name string
		op   func() error
		want error
		rule ledger.Rule
	}{
		{"issue to a member", func() error { return l.Issue(f.member, tok(1), 0, ledger.TxOther, 0) }, nil, 0},
		{"issue to an external account", func() error { return l.Issue(f.external, tok(1), 0, ledger.TxOther, 0) }, ledger.ErrExternal, ledger.RuleNoConversion},
		{"issue to a deregistered member", func() error { return l.Issue(f.gone, tok(1), 0, ledger.TxOther, 0) }, ledger.ErrPayeeNotRegistered, ledger.RuleMembersOnly},
		{"issue to an account of kind none", func() error { return l.Issue(f.none, tok(1), 3, ledger.TxOther, 0) }, ledger.ErrPayeeNotRegistered, ledger.RuleMembersOnly},
		{"issue to no account", func() error { return l.Issue(f.missing, tok(1), 0, ledger.TxOther, 0) }, ledger.ErrNoSuchAccount, 0},
		{"issue to account -1", func() error { return l.Issue(ledger.NoAccount, tok(1), 0, ledger.TxOther, 0) }, ledger.ErrNoSuchAccount, 0},
		{"issue nothing", func() error { return l.Issue(f.member, 0, 0, ledger.TxOther, 0) }, ledger.ErrBadAmount, 0},
		{"save by a deregistered member", func() error { return l.Save(f.gone, tok(1)) }, ledger.ErrPayerNotRegistered, ledger.RuleMembersOnly},
		{"withdraw by a deregistered member", func() error { return l.Withdraw(f.gone, tok(1)) }, ledger.ErrPayerNotRegistered, ledger.RuleMembersOnly},
		{"save nothing", func() error { return l.Save(f.member, 0) }, ledger.ErrBadAmount, 0},
		{"withdraw a negative amount", func() error { return l.Withdraw(f.member, -5) }, ledger.ErrBadAmount, 0},
		{"burn nothing", func() error { return l.Burn(f.member, 0, 0) }, ledger.ErrBadAmount, 0},
		{"asset issued to an external account", func() error { return l.IssueAsset(iou, f.external, tok(1), ledger.TxOther, 0) }, ledger.ErrExternal, ledger.RuleNoConversion},
		{"asset issued to a deregistered member", func() error { return l.IssueAsset(iou, f.gone, tok(1), ledger.TxOther, 0) }, ledger.ErrPayeeNotRegistered, ledger.RuleMembersOnly},
		{"asset paid to a deregistered member", func() error { return l.TransferAsset(iou, f.member, f.gone, tok(1), ledger.TxOther, 0) }, ledger.ErrPayeeNotRegistered, ledger.RuleMembersOnly},
		{"asset purchase paid to a member", func() error { return l.TransferAsset(iou, f.member, f.member2, tok(1), ledger.TxPurchase, 0) }, ledger.ErrNoProvenance, ledger.RuleProvenance},
		{"asset paid to an external account", func() error { return l.TransferAsset(iou, f.member, f.external, tok(1), ledger.TxOther, 0) }, ledger.ErrExternal, ledger.RuleNoConversion},
		{"asset converted", func() error { return l.TransferAsset(iou, f.member, f.coop, tok(1), ledger.TxConversion, 0) }, ledger.ErrExternal, ledger.RuleNoConversion},
		{"asset issued as nothing", func() error { return l.IssueAsset(iou, f.member, -1, ledger.TxOther, 0) }, ledger.ErrBadAmount, 0},
		{"asset burned as nothing", func() error { return l.BurnAsset(iou, f.member, 0, 0) }, ledger.ErrBadAmount, 0},
	} {
		before := snap(l)
		rej := l.Rejections()
		err := tc.op()
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
			continue
		}
		wantRej := rej
		if tc.rule != 0 {
			wantRej[tc.rule]++
		}
		if got := l.Rejections(); got != wantRej {
			t.Errorf("%s: Rejections() = %v, want %v", tc.name, got, wantRej)
		}
		if err != nil {
			if d := diffBalances(snap(l), before, true); d != "" {
				t.Errorf("%s: rejected operation changed the ledger: %s", tc.name, d)
			}
		}
		if err := l.CheckConservation(); err != nil {
			t.Fatalf("%s: CheckConservation() = %v, want nil", tc.name, err)
		}
	}
}

// TestInsufficientFunds: spendable is ordinary plus grant lots, never savings; grant
// lots cannot be saved; every shortfall is counted and moves nothing.
func TestInsufficientFunds(t *testing.T) {
	l := newLedger(t, ledger.Options{})
	m := l.Open(ledger.KindMember)
	c := l.Open(ledger.KindCoop)
	must(t, l.Issue(m, tok(10), 0, ledger.TxOther, 0))
	must(t, l.Issue(m, tok(5), 4, ledger.TxProgramme, 0)) // a grant lot
	must(t, l.Save(m, tok(6)))                            // ordinary 4, grant 5, savings 6
	iou := l.NewAsset("iou")
	must(t, l.IssueAsset(iou, m, tok(2), ledger.TxOther, 0))

	for i, tc := range []struct {
		name string
		op   func() error
	}{
		{"pay more than ordinary plus grant (savings are not spendable)", func() error { return l.Transfer(m, c, tok(9.000001), ledger.TxPurchase, 0) }},
		{"check the same", func() error { return l.Check(m, c, tok(9.000001), ledger.TxPurchase) }},
		{"save grant tokens", func() error { return l.Save(m, tok(4.000001)) }},
		{"withdraw more than saved", func() error { return l.Withdraw(m, tok(6.000001)) }},
		{"burn more than spendable", func() error { return l.Burn(m, tok(9.000001), 0) }},
		{"pay more of an asset than held", func() error { return l.TransferAsset(iou, m, c, tok(2.000001), ledger.TxOther, 0) }},
		{"burn more of an asset than held", func() error { return l.BurnAsset(iou, m, tok(2.000001), 0) }},
		{"pay an asset never held", func() error { return l.TransferAsset(iou, c, m, 1, ledger.TxOther, 0) }},
	} {
		before := snap(l)
		err := tc.op()
		if !errors.Is(err, ledger.ErrInsufficientFunds) {
			t.Errorf("%s: got %v, want %v", tc.name, err, ledger.ErrInsufficientFunds)
		}
		if got, want := l.RejectedFunds(), int64(i+1); got != want {
			t.Errorf("%s: RejectedFunds() = %d, want %d", tc.name, got, want)
		}
		if d := diffBalances(snap(l), before, true); d != "" {
			t.Errorf("%s: changed the ledger: %s", tc.name, d)
		}
	}
	if got := l.Rejections(); got != [ledger.NumRules]int64{} {
		t.Errorf("Rejections() = %v, want none (a shortfall breaks no rule)", got)
	}
	// Exactly the spendable amount goes through.
	must(t, l.Transfer(m, c, tok(9), ledger.TxPurchase, 0))
	if got := l.Balance(m); got != 0 {
		t.Errorf("Balance after paying everything spendable = %s, want 0", ledger.Format(got))
	}
	if got := l.Holdings(m); got != tok(6) {
		t.Errorf("Holdings = %s, want the 6 saved", ledger.Format(got))
	}
}

// TestGrantLots: grant lots are kept oldest first, spent before ordinary tokens, paid
// on as ordinary tokens, expire at the end of their month unspent (counted in
// Expired, shrinking the supply), cannot be saved, and are burned first.
func TestGrantLots(t *testing.T) {
	l := newLedger(t, ledger.Options{})
	c := l.Open(ledger.KindCoop)
	m := l.Open(ledger.KindMember)
	l.SetTime(1, 1)
	must(t, l.Issue(c, tok(10), 3, ledger.TxProgramme, 1))
	must(t, l.Issue(c, tok(20), 1, ledger.TxProgramme, 2))
	must(t, l.Issue(c, tok(5), 2, ledger.TxProgramme, 3))
	must(t, l.Issue(c, tok(7), 1, ledger.TxProgramme, 4)) // same month: one lot
	must(t, l.Issue(c, tok(4), 0, ledger.TxOther, 5))     // ordinary

	type state struct {
		lots                     []ledger.Lot
		ordinary, grant, savings ledger.Amount
		payee                    ledger.Amount // m's ordinary tokens
		expired, supply          ledger.Amount
	}
	check := func(step string, want state) {
		t.Helper()
		got := state{l.Lots(c), l.Ordinary(c), l.Grant(c), l.Savings(c), l.Ordinary(m), l.Expired(), l.Supply()}
		if !slices.Equal(got.lots, want.lots) || got.ordinary != want.ordinary || got.grant != want.grant ||
			got.savings != want.savings || got.payee != want.payee || got.expired != want.expired || got.supply != want.supply {
			t.Errorf("%s:\n got %+v\nwant %+v", step, got, want)
		}
		if l.Grant(m) != 0 || l.Lots(m) != nil {
			t.Errorf("%s: payee has grant %s, lots %v; want none (a payee receives ordinary tokens)", step, ledger.Format(l.Grant(m)), l.Lots(m))
		}
		if err := l.CheckConservation(); err != nil {
			t.Fatalf("%s: CheckConservation() = %v, want nil", step, err)
		}
	}
	lot := func(amount float64, month int32) ledger.Lot { return ledger.Lot{Amount: tok(amount), Expiry: month} }

	check("issued", state{lots: []ledger.Lot{lot(27, 1), lot(5, 2), lot(10, 3)}, ordinary: tok(4), grant: tok(42), supply: tok(46)})
	if got := l.Balance(c); got != tok(46) {
		t.Errorf("Balance = %s, want 46 (ordinary plus grant)", ledger.Format(got))
	}

	must(t, l.Transfer(c, m, tok(30), ledger.TxWage, 0)) // all of month 1, 3 of month 2
	check("paid 30", state{lots: []ledger.Lot{lot(2, 2), lot(10, 3)}, ordinary: tok(4), grant: tok(12), payee: tok(30), supply: tok(46)})

	if err := l.Save(c, tok(5)); !errors.Is(err, ledger.ErrInsufficientFunds) {
		t.Errorf("Save(5) with 4 ordinary and 12 grant = %v, want %v (grant lots cannot be saved)", err, ledger.ErrInsufficientFunds)
	}
	must(t, l.Save(c, tok(4)))
	check("saved 4", state{lots: []ledger.Lot{lot(2, 2), lot(10, 3)}, grant: tok(12), savings: tok(4), payee: tok(30), supply: tok(46)})
	if err := l.Transfer(c, m, tok(13), ledger.TxWage, 0); !errors.Is(err, ledger.ErrInsufficientFunds) {
		t.Errorf("Transfer(13) with 12 grant and 4 saved = %v, want %v (savings are not spendable)", err, ledger.ErrInsufficientFunds)
	}

	if got := l.Expire(1); got != 0 {
		t.Errorf("Expire(1) = %s, want 0 (month 1's lot was spent)", ledger.Format(got))
	}
	l.SetTime(2, 2)
	if got := l.Expire(2); got != tok(2) {
		t.Errorf("Expire(2) = %s, want 2", ledger.Format(got))
	}
	check("month 2 expired", state{lots: []ledger.Lot{lot(10, 3)}, grant: tok(10), savings: tok(4), payee: tok(30), expired: tok(2), supply: tok(44)})

	// A lot for an earlier month than the live ones goes first; a later one last.
	must(t, l.Issue(c, tok(1), 2, ledger.TxProgramme, 0))
	must(t, l.Issue(c, tok(8), 5, ledger.TxProgramme, 0))
	must(t, l.Issue(c, tok(6), 4, ledger.TxProgramme, 0))
	check("more lots", state{lots: []ledger.Lot{lot(1, 2), lot(10, 3), lot(6, 4), lot(8, 5)}, grant: tok(25), savings: tok(4), payee: tok(30), expired: tok(2), supply: tok(59)})

	must(t, l.Burn(c, tok(1.5), 0)) // grant first, oldest first
	if got := l.Burned(); got != tok(1.5) {
		t.Errorf("Burned() = %s, want 1.5", ledger.Format(got))
	}
	check("burned 1.5", state{lots: []ledger.Lot{lot(9.5, 3), lot(6, 4), lot(8, 5)}, grant: tok(23.5), savings: tok(4), payee: tok(30), expired: tok(2), supply: tok(57.5)})

	must(t, l.Withdraw(c, tok(4)))
	must(t, l.Transfer(c, m, tok(24), ledger.TxWage, 0)) // every lot, then 0.5 ordinary
	check("paid 24", state{ordinary: tok(3.5), payee: tok(54), expired: tok(2), supply: tok(57.5)})
	if got := l.Expire(10); got != 0 {
		t.Errorf("Expire(10) with no lots = %s, want 0", ledger.Format(got))
	}

	// Lots of several accounts expire together; the total is returned.
	must(t, l.Issue(c, tok(3), 6, ledger.TxProgramme, 0))
	must(t, l.Issue(m, tok(2), 6, ledger.TxProgramme, 0))
	must(t, l.Issue(m, tok(9), 7, ledger.TxProgramme, 0))
	if got := l.Expire(6); got != tok(5) {
		t.Errorf("Expire(6) = %s, want 5 (3 + 2)", ledger.Format(got))
	}
	if got := l.Lots(m); !slices.Equal(got, []ledger.Lot{lot(9, 7)}) {
		t.Errorf("member's lots = %v, want [{9 7}]", got)
	}
	if got, want := l.Expired(), tok(7); got != want {
		t.Errorf("Expired() = %s, want %s", ledger.Format(got), ledger.Format(want))
	}
	if got, want := l.Supply(), l.Issued()-l.Expired()-l.Burned(); got != want {
		t.Errorf("Supply() = %s, want issued - expired - burned = %s", ledger.Format(got), ledger.Format(want))
	}
	if got, want := l.Supply(), tok(66.5); got != want {
		t.Errorf("Supply() = %s, want %s", ledger.Format(got), ledger.Format(want))
	}
}

// TestDeregister: a deregistered account keeps its balance in the supply, its lots
// still expire, and deregistering twice changes nothing.
func TestDeregister(t *testing.T) {
	l := newLedger(t, ledger.Options{})
	m := l.Open(ledger.KindMember)
	must(t, l.Issue(m, tok(3), 0, ledger.TxOther, 0))
	must(t, l.Issue(m, tok(2), 1, ledger.TxProgramme, 0))
	l.Deregister(m)
	l.Deregister(m)
	if l.Registered(m) {
		t.Errorf("Registered after Deregister = true, want false")
	}
	if got := l.Supply(); got != tok(5) {
		t.Errorf("Supply() = %s, want 5 (a deregistered balance stays counted)", ledger.Format(got))
	}
	if got := l.Expire(1); got != tok(2) {
		t.Errorf("Expire(1) = %s, want 2", ledger.Format(got))
	}
	if got := l.Holdings(m); got != tok(3) {
		t.Errorf("Holdings = %s, want 3", ledger.Format(got))
	}
}

// TestSparseAssets: other assets are issued, paid and burned with their own supply,
// leaving the token untouched, and conserved to the unit.
func TestSparseAssets(t *testing.T) {
	l := newLedger(t, ledger.Options{})
	m := l.Open(ledger.KindMember)
	c := l.Open(ledger.KindCoop)
	must(t, l.Issue(m, tok(1), 0, ledger.TxOther, 0))
	iou := l.NewAsset("iou:bakery")
	proj := l.NewAsset("project 7")
	if got := l.Assets(); got != 3 {
		t.Errorf("Assets() = %d, want 3", got)
	}
	if got := l.AssetName(iou); got != "iou:bakery" {
		t.Errorf("AssetName(iou) = %q, want %q", got, "iou:bakery")
	}
	if got := l.AssetName(ledger.Token); got != "token" {
		t.Errorf("AssetName(Token) = %q, want %q", got, "token")
	}

	type want struct {
		m, c, supply ledger.Amount
	}
	steps := []struct {
		name  string
		op    func() error
		asset ledger.AssetID
		want  want
	}{
		{"issue 50 iou", func() error { return l.IssueAsset(iou, m, tok(50), ledger.TxOther, 0) }, iou, want{tok(50), 0, tok(50)}},
		{"issue 0.000001 project", func() error { return l.IssueAsset(proj, c, 1, ledger.TxInvestment, 0) }, proj, want{0, 1, 1}},
		{"pay 20 iou", func() error { return l.TransferAsset(iou, m, c, tok(20), ledger.TxOther, 0) }, iou, want{tok(30), tok(20), tok(50)}},
		{"pay the last iou of c back", func() error { return l.TransferAsset(iou, c, m, tok(20), ledger.TxOther, 0) }, iou, want{tok(50), 0, tok(50)}},
		{"burn 12.5 iou", func() error { return l.BurnAsset(iou, m, tok(12.5), 0) }, iou, want{tok(37.5), 0, tok(37.5)}},
		{"burn all project", func() error { return l.BurnAsset(proj, c, 1, 0) }, proj, want{0, 0, 0}},
		{"burn all iou", func() error { return l.BurnAsset(iou, m, tok(37.5), 0) }, iou, want{0, 0, 0}},
		{"issue iou again", func() error { return l.IssueAsset(iou, c, tok(4), ledger.TxOther, 0) }, iou, want{0, tok(4), tok(4)}},
	}
	for _, s := range steps {
		token := snap(l)
		if err := s.op(); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		got := want{l.BalanceOf(s.asset, m), l.BalanceOf(s.asset, c), l.SupplyOf(s.asset)}
		if got != s.want {
			t.Errorf("%s: (m, c, supply) = %v, want %v", s.name, got, s.want)
		}
		if l.Holdings(m) != token.Ordinary[m] || l.Supply() != token.Supply {
			t.Errorf("%s: the token changed (holdings %s, supply %s)", s.name, ledger.Format(l.Holdings(m)), ledger.Format(l.Supply()))
		}
		if err := l.CheckConservation(); err != nil {
			t.Fatalf("%s: CheckConservation() = %v, want nil", s.name, err)
		}
	}
	if got, want := l.SupplyOf(iou), tok(4); got != want {
		t.Errorf("SupplyOf(iou) = %s, want %s", ledger.Format(got), ledger.Format(want))
	}

	// Asset 0 through the asset API is the token.
	must(t, l.IssueAsset(ledger.Token, m, tok(2), ledger.TxOther, 0))
	must(t, l.TransferAsset(ledger.Token, m, c, tok(1.5), ledger.TxPurchase, 0))
	must(t, l.BurnAsset(ledger.Token, c, tok(0.5), 0))
	if got, want := l.BalanceOf(ledger.Token, m), tok(1.5); got != want {
		t.Errorf("BalanceOf(Token, m) = %s, want %s", ledger.Format(got), ledger.Format(want))
	}
	if got, want := l.BalanceOf(ledger.Token, c), tok(1); got != want {
		t.Errorf("BalanceOf(Token, c) = %s, want %s", ledger.Format(got), ledger.Format(want))
	}
	if got, want := l.SupplyOf(ledger.Token), tok(2.5); got != want {
		t.Errorf("SupplyOf(Token) = %s, want %s", ledger.Format(got), ledger.Format(want))
	}
}

func TestKindNames(t *testing.T) {
	for k := ledger.KindNone; k <= ledger.KindExternal; k++ {
		if got, ok := ledger.ParseKind(k.String()); !ok || got != k {
			t.Errorf("ParseKind(%q) = %v, %v, want %v, true", k.String(), got, ok, k)
		}
	}
	for k := ledger.TxOther; k <= ledger.TxConversion; k++ {
		if got, ok := ledger.ParseTxKind(k.String()); !ok || got != k {
			t.Errorf("ParseTxKind(%q) = %v, %v, want %v, true", k.String(), got, ok, k)
		}
	}
	if _, ok := ledger.ParseKind("citizen"); ok {
		t.Errorf("ParseKind(\"citizen\") ok = true, want false")
	}
	if _, ok := ledger.ParseTxKind("theft"); ok {
		t.Errorf("ParseTxKind(\"theft\") ok = true, want false")
	}
	if got := ledger.Kind(99).String(); got != "kind(99)" {
		t.Errorf("Kind(99).String() = %q, want %q", got, "kind(99)")
	}
	if got := ledger.TxKind(99).String(); got != "tx(99)" {
		t.Errorf("TxKind(99).String() = %q, want %q", got, "tx(99)")
	}
}

func TestSelfTransferAndUnknownAccounts(t *testing.T) {
	l := ledger.New(ledger.Options{})
	c := l.Open(ledger.KindCoop)
	if err := l.Issue(c, 10*ledger.Unit, 3, ledger.TxOther, 0); err != nil {
		t.Fatal(err)
	}
	if err := l.Transfer(c, c, ledger.Unit, ledger.TxOther, 0); err != ledger.ErrSameAccount {
		t.Errorf("Transfer to itself = %v, want ledger.ErrSameAccount", err)
	}
	if g := l.Grant(c); g != 10*ledger.Unit {
		t.Errorf("grant after a refused self-transfer = %s, want 10 (lots must not turn ordinary)", ledger.Format(g))
	}
	for name, err := range map[string]error{
		"Save": l.Save(7, ledger.Unit), "Withdraw": l.Withdraw(-2, ledger.Unit), "Burn": l.Burn(99, ledger.Unit, 0),
	} {
		if err != ledger.ErrNoSuchAccount {
			t.Errorf("%s on an unknown account = %v, want ledger.ErrNoSuchAccount", name, err)
		}
	}
	l.Deregister(42) // no panic
	if err := l.CheckConservation(); err != nil {
		t.Fatal(err)
	}
}
