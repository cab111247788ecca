package clearing_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/copex/copex/sim/clearing"
)

// FuzzReadCSV: ReadCSV never panics; what it accepts is a valid network, and writing
// it back (every obligation whole) and reading that again gives the same network,
// names and form.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"debtor,creditor,amount\nA,B,5\nB,C,3\nC,A,4\n",
		"amount,creditor,debtor\n1.5,\"x, y\",\"q\"\"r\"\n2.000001,q\"r,x\n",
		"debtor,creditor,amount\r\nA,B,1\r\n",
		"\xef\xbb\xbfdebtor,creditor,amount\nA,B,1",
		"debtor,creditor,amount\nA,A,1\n",
		"debtor,creditor,amount\n\"A,B,1\n",
	} {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, dropSelf bool) {
		file, err := clearing.ReadCSV(bytes.NewReader(data), "f.csv", &clearing.ReadOptions{DropSelf: dropSelf})
		if err != nil {
			var e *clearing.Error
			if !errors.As(err, &e) || strings.ContainsAny(err.Error(), "\n\r") {
				t.Fatalf("error %q is not one *Error line", err)
			}
			return
		}
		if err := file.Network.Validate(); err != nil {
			t.Fatalf("accepted an invalid network: %v", err)
		}
		amounts := make([]int64, len(file.Network.Obligations))
		for i, o := range file.Network.Obligations {
			amounts[i] = o.Amount
		}
		var b bytes.Buffer
		if err := file.WriteCSV(&b, amounts); err != nil {
			t.Fatal(err)
		}
		again, err := clearing.ReadCSV(&b, "g.csv", nil)
		if err != nil {
			t.Fatalf("written file %q refused: %v", b.String(), err)
		}
		// Zero amounts are not written; compare the positive ones.
		var want []clearing.Obligation
		for _, o := range file.Network.Obligations {
			if o.Amount > 0 {
				want = append(want, o)
			}
		}
		same := len(want) == len(again.Network.Obligations)
		for i := 0; same && i < len(want); i++ {
			o, p := want[i], again.Network.Obligations[i]
			same = file.Names[o.Debtor] == again.Names[p.Debtor] && file.Names[o.Creditor] == again.Names[p.Creditor] && o.Amount == p.Amount
		}
		if !same || len(want) > 0 && again.Form != file.Form || again.Order != file.Order {
			t.Fatalf("round trip of %q through %q changed the network", data, b.String())
		}
	})
}

// TestReadCSV reads a file with quoted names, columns out of order and tokens.
func TestReadCSV(t *testing.T) {
	in := "creditor,amount,debtor\r\n\"x, y\",1.5,\"q\"\"r\"\r\nq\"\"r,2,\"x, y\"\n"
	_, err := clearing.ReadCSV(strings.NewReader(in), "f.csv", nil)
	if err == nil || !strings.Contains(err.Error(), "f.csv:3: column debtor") && !strings.Contains(err.Error(), "f.csv:3: column creditor") {
		t.Fatalf("bare quote: %v", err)
	}
	in = "creditor,amount,debtor\r\n\"x, y\",1.5,\"q\"\"r\"\r\nq,2.0,\"x, y\"\n"
	file, err := clearing.ReadCSV(strings.NewReader(in), "f.csv", nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []clearing.Obligation{{Debtor: 0, Creditor: 1, Amount: 1_500_000}, {Debtor: 1, Creditor: 2, Amount: 2_000_000}}
	if !slices.Equal(file.Network.Obligations, want) || !slices.Equal(file.Names, []string{`q"r`, "x, y", "q"}) ||
		file.Form != clearing.Tokens || file.Order != [3]int{1, 2, 0} {
		t.Errorf("ReadCSV = %+v, want %v among q\"r, \"x, y\", q in tokens", file, want)
	}
	var b bytes.Buffer
	if err := file.WriteCSV(&b, []int64{1, 0}); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "creditor,amount,debtor\n\"x, y\",0.000001,\"q\"\"r\"\n"; got != want {
		t.Errorf("WriteCSV = %q, want %q", got, want)
	}
}
