package governance_test

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/copex/copex/sim/governance"
	"github.com/copex/copex/sim/ledger"
)

// FuzzResolve decodes bytes into an electorate (5 bytes a voter: act, delegate,
// program, group and area, fallback and reputation) and requires the Resolver to
// balance and to agree with the reference.
func FuzzResolve(f *testing.F) {
	f.Add([]byte{3, 2, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14})
	f.Add([]byte{7, 0, 0xff, 0x10, 0x20, 0x30, 0x40, 0x50, 0x61, 0x72, 0x83, 0x94, 0xa5, 0xb6, 0xc7, 0xd8, 0xe9, 0xfa})
	f.Add(bytes.Repeat([]byte{1, 9, 4, 2}, 40))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		capw, k := int64(data[0]%6), 2+int(data[1]%3)
		data = data[2:]
		n := len(data) / 5
		if n == 0 || n > 200 {
			return
		}
		e := &governance.Electorate{
			Direct: make([]governance.Choice, n), Delegate: make([]int32, n), Program: make([]uint8, n),
			Fallback: make([]governance.Choice, n), Group: make([]int32, n), Area: make([]int32, n), Reputation: make([]float64, n),
			Programs: []governance.Program{governance.Abstainer{}, governance.CostUnder{Limit: 5}, governance.MostReputed{Area: 1}, governance.CoopMajority{}},
		}
		for i := range n {
			b := data[5*i : 5*i+5]
			switch a := int(b[0] % 8); {
			case a < k:
				e.Direct[i] = governance.Choice(a)
			case a == 7:
				e.Direct[i] = governance.Abstain
			default:
				e.Direct[i] = governance.NoVote
			}
			e.Delegate[i] = int32(b[1]%byte(min(n+1, 255))) - 1
			e.Program[i] = b[2] % 5
			e.Group[i], e.Area[i] = int32(b[3]%4)-1, int32(b[3]>>4%3)-1
			e.Fallback[i] = governance.Choice(int(b[4]%byte(k+1)) - 1)
			e.Reputation[i] = float64(b[4] >> 4)
		}
		p := governance.Proposal{Options: k, Cost: ledger.Amount(len(data) % 10)}
		r := governance.Resolver{Cap: capw}
		res, err := r.Resolve(e, p)
		if err != nil {
			t.Fatal(err)
		}
		checkBalance(t, res)
		w, ch, next, fate, s := reference(e, p, capw)
		got := res.Stats
		if d := got.GiniPower - s.GiniPower; d > 1e-12 || d < -1e-12 {
			t.Fatalf("gini %v, reference %v", got.GiniPower, s.GiniPower)
		}
		got.GiniPower = s.GiniPower
		if !reflect.DeepEqual(got, s) || !reflect.DeepEqual(res.Weight, w) || !reflect.DeepEqual(res.Choice, ch) ||
			!reflect.DeepEqual(res.Next, next) || !reflect.DeepEqual(res.Fate, fate) {
			t.Fatalf("resolver and reference differ:\n%+v\n%+v", got, s)
		}
	})
}

// TestDeterministic: the same electorate gives byte-identical outputs from a fresh
// Resolver and from one reused after other votes of other sizes.
func TestDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 4))
	e, p := randomElectorate(rng, 5000, 3)
	write := func(r *governance.Resolver) []byte {
		res, err := r.Resolve(e, p)
		if err != nil {
			t.Fatal(err)
		}
		checkBalance(t, res)
		var buf bytes.Buffer
		if err := governance.NewVotesEncoder(&buf).Encode(1, "coop", &res.Stats); err != nil {
			t.Fatal(err)
		}
		if err := governance.WriteGraph(&buf, e, res); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	fresh := write(&governance.Resolver{Cap: 4})
	reused := governance.Resolver{Cap: 4}
	for _, n := range []int{9000, 3, 5000} {
		other, q := randomElectorate(rng, n, 2)
		res, err := reused.Resolve(other, q)
		if err != nil {
			t.Fatal(err)
		}
		checkBalance(t, res)
	}
	if got := write(&reused); !bytes.Equal(got, fresh) {
		t.Errorf("a reused resolver wrote %d bytes differing from a fresh one's %d", len(got), len(fresh))
	}
}
