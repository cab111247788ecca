package coprosperity

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/copex/copex/sim/clearing"
	"github.com/copex/copex/sim/ledger"
)

// clear sets off the month's obligations: every withdrawn IOU of j held by i is j's
// obligation to i, and sim/clearing finds the least gross total with every net
// position unchanged (exact min-cost flow). What is set off is destroyed (cleared).
// With liquidity, the DAO fund becomes the counterparty of new obligations: the
// participants it lends to owe it (it holds their new IOUs) and it owes those it
// deposits with (they hold the fund's IOUs). With --obligations DIR the round's
// obligations before and after are written as month-NNN-before.csv and -after.csv.
//
// Obligations in co-ops' IOUs (value units) are a network of their own, cleared apart
// (clearCoops): set-off never nets an hour against a token's worth, and the fund
// lends only in the members' unit.
func (s *Subsystem) clear() error {
	if s.cfg.Clearing == "none" {
		return nil
	}
	c := &s.clearer
	n := len(s.iou) + 1 // the fund is the last node
	node := func(a int32) int32 {
		if a == fund {
			return int32(n - 1)
		}
		return a
	}
	c.net.Participants = n
	c.net.Obligations = c.net.Obligations[:0]
	cn := &s.coopNet
	cn.reset(n)
	s.hd.each(func(holder, issuer int32, v ledger.Amount) {
		if s.coopIOU(issuer) {
			cn.add(node(issuer), node(holder), v)
			return
		}
		c.net.Obligations = append(c.net.Obligations, clearing.Obligation{Debtor: node(issuer), Creditor: node(holder), Amount: v})
	})
	cn.room(2 * s.cfg.Circle * len(s.coopList))
	if err := s.clearCoops(n); err != nil {
		return err
	}
	if len(c.net.Obligations) == 0 {
		return nil
	}
	// liquidity_hours ≤ 1e9 hours of at most MaxHourValue: under 2^63.
	opts := clearing.Options{Liquidity: ledger.Amount(s.cfg.Liquidity * float64(s.meanVal))}
	if !s.clearGroups() {
		if len(c.net.Obligations) > c.warmed || n > c.warmedNodes {
			if err := c.warm(n, max(2*len(c.net.Obligations), n*s.cfg.Circle/2), &opts); err != nil {
				return err
			}
		}
		if err := c.solver.Clear(&c.net, &opts, &c.res); err != nil {
			return fmt.Errorf("coprosperity: month %d: clearing: %w", s.month, err)
		}
	} else if err := s.solveGroups(); err != nil {
		return err
	}
	if s.obligDir != "" {
		if err := s.writeRound(c, false); err != nil {
			return err
		}
	}
	who := func(v int32) int32 {
		if int(v) == n-1 {
			return fund
		}
		return v
	}
	var setOff ledger.Amount
	for e, o := range c.net.Obligations {
		x := o.Amount - c.res.Remaining[e]
		if x == 0 {
			continue
		}
		s.takeOut(who(o.Creditor), who(o.Debtor), x)
		setOff += x
	}
	s.vintage.remove(setOff)
	var lent ledger.Amount
	if c.res.Borrowed != nil {
		for v := range n - 1 {
			if b := c.res.Borrowed[v]; b > 0 {
				// v's new obligation to the fund: the fund holds b of v's IOUs.
				s.hd.add(fund, int32(v), b)
				s.iou[v].issued += b
				s.iou[v].out += b
				lent += b
			}
			if d := c.res.Deposited[v]; d > 0 {
				// The fund's new obligation to v: v holds d of the fund's IOUs.
				s.hd.add(int32(v), fund, d)
				s.heldIn[v] += d
				s.fundIOU.issued += d
				s.fundIOU.out += d
			}
		}
		s.vintage.add(s.month, 2*lent)
	}
	s.stats.obligations = int64(len(c.net.Obligations))
	s.stats.gross = c.res.TotalDebt
	s.stats.cleared = c.res.TotalDebt - c.res.RemainingDebt
	s.stats.nid = c.res.NetInternalDebt
	s.stats.lent = lent
	s.cum.lent += lent
	s.cum.cleared += setOff
	if s.obligDir != "" {
		return s.writeRound(c, true)
	}
	return nil
}

// numGroups is the number of groups of communities cleared apart (in parallel).
const numGroups = 8

// group is one group of communities' clearing: its network in local numbers, which
// obligation of the month's network each of its obligations is, and its solver.
type group struct {
	net    clearing.Network
	index  []int32 // into clearer.net.Obligations
	solver clearer
	err    error
}

// clearGroups splits the month's network into numGroups groups of communities
// (community mod numGroups) when that loses nothing: with no liquidity (the fund would
// join every community) and every obligation inside a community (as providers,
// swaps and guarantors are). The groups are a fixed function of the network, whatever
// the number of workers, so the results are too; each group's optimum is the
// optimum of its part, and the parts share no participant, so together they are the
// whole network's optimum.
func (s *Subsystem) clearGroups() bool {
	c := &s.clearer
	if s.cfg.Liquidity > 0 || s.cfg.Neighbourhood == 0 || len(s.members) < 2 {
		return false
	}
	n := c.net.Participants
	if cap(c.local) < n {
		c.local = make([]int32, n, n+n/4)
	}
	c.local = c.local[:n]
	for i := range c.local {
		c.local[i] = -1
	}
	for g := range c.groups {
		c.groups[g].net.Participants = 0
		c.groups[g].net.Obligations = c.groups[g].net.Obligations[:0]
		c.groups[g].index = c.groups[g].index[:0]
	}
	for e, o := range c.net.Obligations {
		if int(o.Debtor) == n-1 || int(o.Creditor) == n-1 || s.community[o.Debtor] != s.community[o.Creditor] {
			return false
		}
		g := &c.groups[int(s.community[o.Debtor])%numGroups]
		for _, v := range [2]int32{o.Debtor, o.Creditor} {
			if c.local[v] < 0 {
				c.local[v] = int32(g.net.Participants)
				g.net.Participants++
			}
		}
		g.net.Obligations = append(g.net.Obligations, clearing.Obligation{Debtor: c.local[o.Debtor], Creditor: c.local[o.Creditor], Amount: o.Amount})
		g.index = append(g.index, int32(e))
	}
	// Room for twice this month's when it comes within a fifth of the room there is,
	// so that a network that has stopped growing (give or take) appends without
	// allocating.
	for g := range c.groups {
		gr := &c.groups[g]
		if m := len(gr.index); cap(gr.index) < m+m/4 {
			gr.index = append(make([]int32, 0, 2*m), gr.index...)
			gr.net.Obligations = append(make([]clearing.Obligation, 0, 2*m), gr.net.Obligations...)
		}
	}
	return true
}

// solveGroups clears the groups on the host's pool and gathers their results into
// the month's clearing, as one solve of the whole network would give them.
func (s *Subsystem) solveGroups() error {
	c := &s.clearer
	if c.task == nil {
		c.task = func(g int) { c.groups[g].solve() }
	}
	if p := s.h.Pool(); p != nil {
		p.Run(numGroups, c.task)
	} else {
		for g := range numGroups {
			c.task(g)
		}
	}
	r := &c.res
	r.Remaining = grow(r.Remaining, len(c.net.Obligations))
	r.Borrowed, r.Deposited = nil, nil
	r.Participants, r.Obligations = c.net.Participants, len(c.net.Obligations)
	r.TotalDebt, r.Cleared, r.RemainingDebt, r.NetInternalDebt, r.FundLent = 0, 0, 0, 0, 0
	for g := range c.groups {
		gr := &c.groups[g]
		if gr.err != nil {
			return fmt.Errorf("coprosperity: month %d: clearing: %w", s.month, gr.err)
		}
		if len(gr.net.Obligations) == 0 {
			continue
		}
		res := &gr.solver.res
		for e, i := range gr.index {
			r.Remaining[i] = res.Remaining[e]
		}
		r.TotalDebt += res.TotalDebt
		r.Cleared += res.Cleared
		r.RemainingDebt += res.RemainingDebt
		r.NetInternalDebt += res.NetInternalDebt
	}
	return nil
}

// solve clears the group's network with its own solver (warmed as the whole one is).
func (g *group) solve() {
	g.err = nil
	if len(g.net.Obligations) == 0 {
		return
	}
	c := &g.solver
	n := g.net.Participants
	if len(g.net.Obligations) > c.warmed || n > c.warmedNodes {
		// A group's participants are those with obligations this month, which vary:
		// half as many again leaves room for that.
		nn := n + n/2
		if g.err = c.warm(nn, max(2*len(g.net.Obligations), 4*nn), nil); g.err != nil {
			return
		}
	}
	g.err = c.solver.Clear(&g.net, nil, &c.res)
}

// warm grows the solver's scratch by clearing a synthetic network of m obligations
// among n participants, all one strongly connected component (rotations of the
// participants, amounts 1 to 3, so that there is flow to route), with the round's
// options. sim/clearing sizes its scratch to the largest network it has seen, exactly;
// a network that grows by a few obligations a month would make every month allocate,
// so the scratch is grown geometrically ahead of the networks, and a run whose network
// has stopped growing allocates nothing.
func (c *clearer) warm(n, m int, opts *clearing.Options) error {
	if n < 2 {
		return nil
	}
	net := clearing.Network{Participants: n, Obligations: make([]clearing.Obligation, m)}
	for k := range net.Obligations {
		d := k % n
		off := 1 + (k/n)%(n-1)
		net.Obligations[k] = clearing.Obligation{Debtor: int32(d), Creditor: int32((d + off) % n), Amount: ledger.Amount(1 + k%3)}
	}
	if err := c.solver.Clear(&net, opts, &c.res); err != nil {
		return fmt.Errorf("coprosperity: warming the clearing solver: %w", err)
	}
	c.warmed, c.warmedNodes = m, n
	if cap(c.net.Obligations) < m {
		c.net.Obligations = append(make([]clearing.Obligation, 0, m), c.net.Obligations...)
	}
	if cap(c.res.Remaining) < m {
		c.res.Remaining = make([]ledger.Amount, 0, m)
	}
	return nil
}

// takeOut takes x of issuer's IOUs from holder and books them as set off.
func (s *Subsystem) takeOut(holder, issuer int32, x ledger.Amount) {
	s.addHeld(holder, issuer, -x)
	if issuer == fund {
		s.fundIOU.out -= x
		s.fundIOU.cleared += x
		return
	}
	s.iou[issuer].out -= x
	s.iou[issuer].cleared += x
}

// UseDir takes the folder of copex run --obligations (sim.DirUser).
func (s *Subsystem) UseDir(name, dir string) bool {
	if name != "obligations" || s.cfg.Clearing == "none" {
		return false
	}
	s.obligDir = dir
	return true
}

// writeRound writes the round's obligations before (after false) or after clearing,
// in copex clear's format (debtor,creditor,amount; amounts in hours to 6 places;
// participants named p<member number>, the fund dao_fund), atomically. The fund's new
// obligations (liquidity) are in the after file.
func (s *Subsystem) writeRound(c *clearer, after bool) error {
	n := c.net.Participants
	names := append(s.names[:n-1:n-1], "dao_fund")
	f := clearing.File{Network: c.net, Names: names, Form: clearing.Tokens, Order: [3]int{0, 1, 2}}
	amounts := make([]ledger.Amount, len(c.net.Obligations))
	suffix := "before"
	if after {
		suffix = "after"
		copy(amounts, c.res.Remaining)
		for v := range n - 1 {
			if c.res.Borrowed == nil {
				break
			}
			if b := c.res.Borrowed[v]; b > 0 {
				f.Network.Obligations = append(f.Network.Obligations, clearing.Obligation{Debtor: int32(v), Creditor: int32(n - 1), Amount: b})
				amounts = append(amounts, b)
			}
			if d := c.res.Deposited[v]; d > 0 {
				f.Network.Obligations = append(f.Network.Obligations, clearing.Obligation{Debtor: int32(n - 1), Creditor: int32(v), Amount: d})
				amounts = append(amounts, d)
			}
		}
	} else {
		for e, o := range c.net.Obligations {
			amounts[e] = o.Amount
		}
	}
	return s.writeNet(&f, fmt.Sprintf("month-%03d-%s.csv", s.month, suffix), amounts)
}

// writeNet writes f's network with amounts as file name in the obligations folder,
// atomically.
func (s *Subsystem) writeNet(f *clearing.File, name string, amounts []ledger.Amount) error {
	f.Name = name
	path := filepath.Join(s.obligDir, name)
	tmp, err := os.CreateTemp(s.obligDir, "."+name+".*")
	if err != nil {
		return fmt.Errorf("coprosperity: write obligations: %w", err)
	}
	if err := f.WriteCSV(tmp, amounts); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("coprosperity: write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("coprosperity: write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("coprosperity: write %s: %w", path, err)
	}
	return nil
}

// coopNet is the month's network of obligations in co-ops' IOUs, in local numbers
// (those with such obligations; the fund, which holds none, would be one more).
type coopNet struct {
	g      group
	local  []int32 // node of the month's whole network -> local number (-1: none)
	global []int32 // local number -> node
	names  []string
}

func (cn *coopNet) reset(n int) {
	for _, v := range cn.global {
		cn.local[v] = -1
	}
	for len(cn.local) < n {
		cn.local = append(cn.local, -1)
	}
	cn.global = cn.global[:0]
	cn.g.net.Participants = 0
	cn.g.net.Obligations = cn.g.net.Obligations[:0]
}

// room gives the network room for twice its obligations and participants when it
// comes within a fifth of the room there is, so that a network that has stopped
// growing (give or take) appends without allocating next month.
// It starts with room for every co-op holding IOUs of its whole circle twice over
// (k co-ops).
func (cn *coopNet) room(k int) {
	if m := len(cn.g.net.Obligations); cap(cn.g.net.Obligations) < max(m+m/4, k) {
		cn.g.net.Obligations = append(make([]clearing.Obligation, 0, max(2*m, k)), cn.g.net.Obligations...)
	}
	if m := len(cn.global); cap(cn.global) < m+m/4 {
		cn.global = append(make([]int32, 0, 2*m), cn.global...)
	}
}

func (cn *coopNet) node(v int32) int32 {
	if cn.local[v] < 0 {
		cn.local[v] = int32(len(cn.global))
		cn.global = append(cn.global, v)
	}
	return cn.local[v]
}

func (cn *coopNet) add(debtor, creditor int32, v ledger.Amount) {
	o := clearing.Obligation{Debtor: cn.node(debtor), Creditor: cn.node(creditor), Amount: v}
	cn.g.net.Obligations = append(cn.g.net.Obligations, o)
	cn.g.net.Participants = len(cn.global)
}

// clearCoops sets off the month's obligations in co-ops' IOUs (n nodes in the whole
// network, the fund the last), exactly as the members' are but with no liquidity,
// and writes the round as month-NNN-coops-before.csv and -after.csv with
// --obligations.
func (s *Subsystem) clearCoops(n int) error {
	cn := &s.coopNet
	g := &cn.g
	if len(g.net.Obligations) == 0 {
		return nil
	}
	// Warm the solver once for every co-op holding IOUs of all its circle twice over
	// (the network's whole reach), so that its scratch does not grow month by month.
	if c := &g.solver; len(g.net.Obligations) > c.warmed || g.net.Participants > c.warmedNodes {
		k := len(s.coopList) + 1
		if err := c.warm(max(2*k, g.net.Participants+g.net.Participants/2), max(2*len(g.net.Obligations), 2*s.cfg.Circle*k), nil); err != nil {
			return err
		}
	}
	if g.solve(); g.err != nil {
		return fmt.Errorf("coprosperity: month %d: clearing co-ops' IOUs: %w", s.month, g.err)
	}
	res := &g.solver.res
	who := func(v int32) int32 {
		if u := cn.global[v]; int(u) != n-1 {
			return u
		}
		return fund
	}
	if s.obligDir != "" {
		if err := s.writeCoops(n, false); err != nil {
			return err
		}
	}
	for e, o := range g.net.Obligations {
		if x := o.Amount - res.Remaining[e]; x != 0 {
			s.takeOut(who(o.Creditor), who(o.Debtor), x)
		}
	}
	st := &s.stats
	st.cObligations = int64(len(g.net.Obligations))
	st.cGross, st.cCleared, st.cNid = res.TotalDebt, res.TotalDebt-res.RemainingDebt, res.NetInternalDebt
	if s.obligDir != "" {
		return s.writeCoops(n, true)
	}
	return nil
}

// writeCoops writes the co-ops' round before or after clearing, the participants
// named as in the members' files.
func (s *Subsystem) writeCoops(n int, after bool) error {
	cn := &s.coopNet
	cn.names = cn.names[:0]
	for _, v := range cn.global {
		if int(v) == n-1 {
			cn.names = append(cn.names, "dao_fund")
		} else {
			cn.names = append(cn.names, s.names[v])
		}
	}
	amounts := make([]ledger.Amount, len(cn.g.net.Obligations))
	suffix := "before"
	if after {
		suffix = "after"
		copy(amounts, cn.g.solver.res.Remaining)
	} else {
		for e, o := range cn.g.net.Obligations {
			amounts[e] = o.Amount
		}
	}
	f := clearing.File{Network: cn.g.net, Names: cn.names, Form: clearing.Tokens, Order: [3]int{0, 1, 2}}
	return s.writeNet(&f, fmt.Sprintf("month-%03d-coops-%s.csv", s.month, suffix), amounts)
}
