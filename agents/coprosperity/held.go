package coprosperity

import "github.com/copex/copex/sim/ledger"

// held is the table of materialised IOU holdings, (holder, issuer) -> amount: the IOUs
// withdrawn from the pool, swapped or lent, which are their holders' property and the
// obligations that clearing sets off. It is an open-addressing hash table with linear
// probing and backward-shift deletion (no tombstones), so that a steady run that adds
// and removes holdings allocates nothing once the table has grown to its working size.
// Iteration is in slot order, which depends only on the sequence of operations, so it
// is deterministic.
type held struct {
	slots []slot // empty slots hold emptyKey
	n     int
	mask  uint64
	total ledger.Amount // sum of all values
}

const emptyKey = ^uint64(0)

// slot is a key and its value side by side, so that a probe reads one cache line.
type slot struct {
	key uint64
	val ledger.Amount
}

func pair(holder, issuer int32) uint64 { return uint64(uint32(holder))<<32 | uint64(uint32(issuer)) }

func unpair(k uint64) (holder, issuer int32) { return int32(uint32(k >> 32)), int32(uint32(k)) }

func newHeld(capacity int) *held {
	size := 16
	for size < 2*capacity {
		size *= 2
	}
	h := &held{}
	h.alloc(size)
	return h
}

func (h *held) alloc(size int) {
	h.slots = make([]slot, size)
	for i := range h.slots {
		h.slots[i].key = emptyKey
	}
	h.mask = uint64(size - 1)
	h.n = 0
}

// slot hashes k (a 64-bit finaliser, so neighbouring pairs spread).
func (h *held) slot(k uint64) uint64 {
	k ^= k >> 33
	k *= 0xff51afd7ed558ccd
	k ^= k >> 33
	return k & h.mask
}

// get returns the amount at (holder, issuer).
func (h *held) get(holder, issuer int32) ledger.Amount {
	k := pair(holder, issuer)
	for i := h.slot(k); ; i = (i + 1) & h.mask {
		switch h.slots[i].key {
		case k:
			return h.slots[i].val
		case emptyKey:
			return 0
		}
	}
}

// add adds v (which may be negative) at (holder, issuer); a holding that reaches zero
// is removed. It panics on a negative holding: the callers check what they take.
func (h *held) add(holder, issuer int32, v ledger.Amount) {
	if v == 0 {
		return
	}
	h.total += v
	k := pair(holder, issuer)
	i := h.slot(k)
	for ; h.slots[i].key != emptyKey; i = (i + 1) & h.mask {
		if h.slots[i].key == k {
			h.slots[i].val += v
			switch {
			case h.slots[i].val < 0:
				panic("coprosperity: negative IOU holding")
			case h.slots[i].val == 0:
				h.remove(i)
			}
			return
		}
	}
	if v < 0 {
		panic("coprosperity: negative IOU holding")
	}
	h.slots[i] = slot{k, v}
	h.n++
	if 4*h.n > 3*len(h.slots) {
		h.grow()
	}
}

// remove empties slot i and shifts back the entries after it that probed past it.
func (h *held) remove(i uint64) {
	h.n--
	for {
		h.slots[i] = slot{emptyKey, 0}
		j := i
		for {
			j = (j + 1) & h.mask
			if h.slots[j].key == emptyKey {
				return
			}
			home := h.slot(h.slots[j].key)
			// Entry j may move to i if its home is not cyclically in (i, j].
			if (j > i && (home <= i || home > j)) || (j < i && home <= i && home > j) {
				h.slots[i] = h.slots[j]
				i = j
				break
			}
		}
	}
}

func (h *held) grow() {
	old := h.slots
	h.alloc(2 * len(old))
	total := h.total
	for _, sl := range old {
		if sl.key != emptyKey {
			h.insertNew(sl.key, sl.val)
		}
	}
	h.total = total
}

func (h *held) insertNew(k uint64, v ledger.Amount) {
	i := h.slot(k)
	for h.slots[i].key != emptyKey {
		i = (i + 1) & h.mask
	}
	h.slots[i] = slot{k, v}
	h.n++
}

// each calls f for every holding, in slot order.
func (h *held) each(f func(holder, issuer int32, v ledger.Amount)) {
	for _, sl := range h.slots {
		if sl.key != emptyKey {
			hd, is := unpair(sl.key)
			f(hd, is, sl.val)
		}
	}
}
