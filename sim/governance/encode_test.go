package governance_test

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/copex/copex/sim/governance"
)

// TestVotesCSV writes many resolved votes, with awkward levels, and decodes the file
// back with encoding/csv: every field must equal the figure it came from (the floats
// are written in the shortest form that parses back to the same float64), and each
// row must balance.
func TestVotesCSV(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2))
	var r governance.Resolver
	var buf bytes.Buffer
	enc := governance.NewVotesEncoder(&buf)
	levels := []string{"coop", "region, north", `the "sector"`, " padded", "multi\nline"}
	var want []governance.Stats
	for id := range 200 {
		e, p := randomElectorate(rng, 1+rng.IntN(80), 2+rng.IntN(2))
		r.Cap = int64(rng.IntN(4))
		res, err := r.Resolve(e, p)
		if err != nil {
			t.Fatal(err)
		}
		checkBalance(t, res)
		if err := enc.Encode(int64(id), levels[id%len(levels)], &res.Stats); err != nil {
			t.Fatal(err)
		}
		want = append(want, res.Stats)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != governance.VotesHeader {
		t.Fatalf("header = %q, want %q", got, governance.VotesHeader)
	}
	if len(rows) != 1+len(want) {
		t.Fatalf("%d rows, want %d", len(rows), 1+len(want))
	}
	for i, row := range rows[1:] {
		s := want[i]
		num := func(c int) int64 {
			x, err := strconv.ParseInt(row[c], 10, 64)
			if err != nil {
				t.Fatalf("row %d column %s: %v", i+1, rows[0][c], err)
			}
			return x
		}
		flt := func(c int) float64 {
			x, err := strconv.ParseFloat(row[c], 64)
			if err != nil {
				t.Fatalf("row %d column %s: %v", i+1, rows[0][c], err)
			}
			return x
		}
		got := []any{num(0), row[1], num(2), num(3), num(4), num(5), num(6), flt(7), flt(8), num(9), num(10), num(11), num(12), num(13), num(14)}
		exp := []any{int64(i), levels[i%len(levels)], s.Eligible, s.Direct, s.Delegated, s.LostCycles, s.MaxWeight, s.GiniPower, s.MeanChain,
			s.MaxChain, int64(s.Outcome), int64(s.DirectOutcome), s.Cast, s.Abstained, s.LostOther}
		if !reflect.DeepEqual(got, exp) {
			t.Fatalf("row %d = %v, want %v", i+1, got, exp)
		}
		if num(12)+num(13)+num(5)+num(14) != num(2) {
			t.Fatalf("row %d does not balance: %v", i+1, row)
		}
	}
}

// TestGraphCSV writes the hand-worked vote's graph (large enough electorates are also
// written, to cross the 64 KiB chunks) and reads it back: the weights and delegates
// must be the result's, and the outcome recomputed from the file alone must be the
// resolver's.
func TestGraphCSV(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 3))
	var r governance.Resolver
	for _, n := range []int{1, 50, 30000} {
		e, p := randomElectorate(rng, n, 3)
		r.Cap = 4
		res, err := r.Resolve(e, p)
		if err != nil {
			t.Fatal(err)
		}
		checkBalance(t, res)
		var buf bytes.Buffer
		if err := governance.WriteGraph(&buf, e, res); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(rows[0], ","); got != governance.GraphHeader || len(rows) != n+1 {
			t.Fatalf("header %q and %d rows, want %q and %d", got, len(rows), governance.GraphHeader, n+1)
		}
		totals := make([]int64, p.Options)
		for i, row := range rows[1:] {
			v, _ := strconv.Atoi(row[0])
			w, _ := strconv.Atoi(row[3])
			d := int64(-1)
			if row[1] != "" {
				d, _ = strconv.ParseInt(row[1], 10, 32)
			}
			if v != i || int32(w) != res.Weight[i] || int32(d) != res.Next[i] {
				t.Fatalf("n %d row %d = %v, want voter %d delegate %d weight %d", n, i+1, row, i, res.Next[i], res.Weight[i])
			}
			if row[2] != "" && (row[1] != "" && e.Program[i] == 0 || e.Direct[i] != governance.NoVote) {
				t.Fatalf("n %d row %d: program %s for a voter who did not use one", n, i+1, row[2])
			}
			if w > 0 {
				c, _ := strconv.Atoi(row[4])
				totals[c] += int64(w)
			}
		}
		if !reflect.DeepEqual(totals, res.Totals) {
			t.Errorf("n %d: totals from the file %v, want %v", n, totals, res.Totals)
		}
	}
}

// TestWriteGraphIDs: the graph under the voters' own numbers is the graph by index
// with every voter and delegate number replaced by its id.
func TestWriteGraphIDs(t *testing.T) {
	X := governance.NoVote
	e := &governance.Electorate{Direct: []governance.Choice{governance.Yes, X, X}, Delegate: []int32{-1, 0, 1}}
	var r governance.Resolver
	res, err := r.Resolve(e, governance.Proposal{Options: 2})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := governance.WriteGraphIDs(&buf, e, res, []int32{40, 7, 19}); err != nil {
		t.Fatal(err)
	}
	want := governance.GraphHeader + "\n40,,,3,1\n7,40,,0,1\n19,7,,0,1\n"
	if got := buf.String(); got != want {
		t.Errorf("WriteGraphIDs =\n%s\nwant\n%s", got, want)
	}
	if err := governance.WriteGraphIDs(&buf, e, res, []int32{1}); err == nil {
		t.Error("WriteGraphIDs with 1 id for 3 voters: no error")
	}
}
