package dao

// Owners: every member is a customer-owner of a few co-ops (drawn once, in its
// locality when it can; a co-op that closes is replaced by another) and a
// producer-owner of the co-op it works in. A member that is both is a prosumer and
// holds both stakes. Each member has a competence (its chance of voting for the
// better option) and a reputation (its competence as others see it, with noise).

// setupMembers draws the competences and customer co-ops of the members present.
func (d *DAO) setupMembers() {
	d.seed(0, partMembers)
	d.growMembers()
}

// growMembers sets up the members that joined since the last call.
func (d *DAO) growMembers() {
	n := d.h.Members()
	if n <= d.known {
		return
	}
	k := d.cfg.Customers
	lo, hi := d.cfg.Competence.Min, d.cfg.Competence.Max
	for i := d.known; i < n; i++ {
		p := lo + (hi-lo)*d.rng.Float64()
		d.competence = append(d.competence, p)
		// Reputation: competence seen through noise of a tenth of the range.
		d.reputation = append(d.reputation, p+0.1*(hi-lo)*d.rng.NormFloat64())
		for range k {
			d.cust = append(d.cust, int32(d.pickCoop(d.h.MemberLocality(i))))
		}
	}
	d.known = n
}

// pickCoop draws a live co-op, in locality loc if one of a few draws is there; -1
// when none is alive.
func (d *DAO) pickCoop(loc int) int {
	n := d.h.Coops()
	if n == 0 {
		return -1
	}
	found := -1
	for try := range 16 {
		c := d.rng.IntN(n)
		if !d.h.CoopAlive(c) {
			continue
		}
		if found < 0 {
			found = c
		}
		if d.h.CoopLocality(c) == loc || try >= 8 {
			return c
		}
	}
	if found >= 0 {
		return found
	}
	for c := range n { // every draw missed: the first live co-op
		if d.h.CoopAlive(c) {
			return c
		}
	}
	return -1
}

// rebuildOwners finds each co-op's owners this month (CSR in start/owner/stake):
// customer-owners with stake 1, producer-owners with the producer stake, both for a
// prosumer. Customers of a closed co-op move to another.
func (d *DAO) rebuildOwners() {
	d.seed(d.month(), partMembers)
	d.growMembers()
	nc := d.h.Coops()
	d.start = grow(d.start, nc+2)
	clear(d.start)
	k := d.cfg.Customers
	n := d.known
	count := d.start[2:] // count[c] at start[c+2], so that the prefix sums land in place
	for i := range n {
		if !d.h.MemberActive(i) {
			continue
		}
		cs := d.cust[i*k : i*k+k]
		for j, c := range cs {
			if c < 0 || int(c) >= nc || !d.h.CoopAlive(int(c)) {
				c = int32(d.pickCoop(d.h.MemberLocality(i)))
				cs[j] = c
			}
			if c >= 0 && !seenBefore(cs[:j], c) {
				count[c]++
			}
		}
		if e := d.h.MemberEmployer(i); e >= 0 && e < nc && !seenBefore(cs, int32(e)) {
			count[e]++
		}
	}
	// Prefix sums: start[c+1] becomes the first slot of co-op c+1 ... shifted so that
	// start[c] is where c's owners begin once filled.
	for c := 2; c < nc+2; c++ {
		d.start[c] += d.start[c-1]
	}
	total := int(d.start[nc+1])
	d.owner = grow(d.owner, total)
	d.stake = grow(d.stake, total)
	// Fill: start[c+1] is the next free slot of co-op c; when done start[c] is its first.
	fill := d.start[1:]
	ps := int64(d.cfg.ProducerStake)
	for i := range n {
		if !d.h.MemberActive(i) {
			continue
		}
		cs := d.cust[i*k : i*k+k]
		e := d.h.MemberEmployer(i)
		for j, c := range cs {
			if c < 0 || seenBefore(cs[:j], c) {
				continue
			}
			s := int64(1)
			if int(c) == e {
				s += ps // a prosumer: customer and producer
			}
			d.owner[fill[c]], d.stake[fill[c]] = int32(i), s
			fill[c]++
		}
		if e >= 0 && e < nc && !seenBefore(cs, int32(e)) {
			d.owner[fill[e]], d.stake[fill[e]] = int32(i), ps
			fill[e]++
		}
	}
}

// owners returns co-op c's owners and their stakes this month.
func (d *DAO) owners(c int) ([]int32, []int64) {
	lo, hi := d.start[c], d.start[c+1]
	return d.owner[lo:hi], d.stake[lo:hi]
}

func seenBefore(s []int32, c int32) bool {
	for _, x := range s {
		if x == c {
			return true
		}
	}
	return false
}

// month is the current month.
func (d *DAO) month() int { return d.now.Month }
