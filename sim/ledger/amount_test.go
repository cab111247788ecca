package ledger_test

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

func TestTokens(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want ledger.Amount
	}{
		{0, 0},
		{1, 1_000_000},
		{-1, -1_000_000},
		{12.5, 12_500_000},
		{0.000001, 1},
		{0.0000004, 0},
		{0.0000005, 1},   // half rounds away from zero
		{-0.0000005, -1}, // on both sides
		{0.0000015, 2},
		{0.1 + 0.2, 300_000}, // the float error is rounded away, once
		{1.0 / 3, 333_333},
		{2.0 / 3, 666_667},
		{1e12, 1e18},
		{1e13, math.MaxInt64}, // beyond the int64 range saturates
		{-1e13, math.MinInt64},
		{math.Inf(1), math.MaxInt64},
		{math.Inf(-1), math.MinInt64},
		{math.NaN(), 0},
	} {
		if got := ledger.Tokens(tc.in); got != tc.want {
			t.Errorf("Tokens(%v) = %d, want %d", tc.in, got, tc.want)
		}
	}
	if got, want := ledger.Float(12_500_000), 12.5; got != want {
		t.Errorf("Float(12500000) = %v, want %v", got, want)
	}
	if got := ledger.Tokens(ledger.Float(123_456_789)); got != 123_456_789 {
		t.Errorf("Tokens(Float(123456789)) = %d, want 123456789", got)
	}
}

func TestScale(t *testing.T) {
	for _, tc := range []struct {
		a    ledger.Amount
		r    float64
		want ledger.Amount
	}{
		{tok(10), 0.1, tok(1)},
		{tok(10), 0, 0},
		{tok(10), 1, tok(10)},
		{3, 0.5, 2}, // 1.5 micro-tokens rounds away from zero
		{-3, 0.5, -2},
		{tok(100), 1.0 / 3, 33_333_333},
		{tok(7), 1.07, 7_490_000},
	} {
		if got := ledger.Scale(tc.a, tc.r); got != tc.want {
			t.Errorf("Scale(%d, %v) = %d, want %d", tc.a, tc.r, got, tc.want)
		}
	}
}

func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		name               string
		total              ledger.Amount
		r                  float64
		wantPart, wantRest ledger.Amount
	}{
		{"a third", tok(10), 1.0 / 3, 3_333_333, 6_666_667},
		{"two thirds", tok(10), 2.0 / 3, 6_666_667, 3_333_333},
		{"half of one unit rounds up", 1, 0.5, 1, 0},
		{"half of an odd amount", 7, 0.5, 4, 3},
		{"nothing", tok(5), 0, 0, tok(5)},
		{"everything", tok(5), 1, tok(5), 0},
		{"share above 1 is capped", 100, 1.5, 100, 0},
		{"negative share is floored", 100, -0.2, 0, 100},
		{"zero total", 0, 0.3, 0, 0},
		{"negative total", -10, 0.5, -5, -5},
		{"largest amount", math.MaxInt64, 0.5, 4_611_686_018_427_387_904, 4_611_686_018_427_387_903},
	} {
		t.Run(tc.name, func(t *testing.T) {
			part, rest := ledger.Split(tc.total, tc.r)
			if part != tc.wantPart || rest != tc.wantRest {
				t.Errorf("Split(%d, %v) = (%d, %d), want (%d, %d)", tc.total, tc.r, part, rest, tc.wantPart, tc.wantRest)
			}
			if part+rest != tc.total {
				t.Errorf("Split(%d, %v): part + rest = %d, want %d", tc.total, tc.r, part+rest, tc.total)
			}
		})
	}
}

// TestSplitExact: whatever the share, the two parts add up to the total to the unit,
// neither is negative, and the part is within one unit of total*r.
func TestSplitExact(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 100_000 {
		total := r.Int64N(1e15)
		share := r.Float64()
		part, rest := ledger.Split(total, share)
		if part+rest != total || part < 0 || rest < 0 {
			t.Fatalf("Split(%d, %v) = (%d, %d), want non-negative parts adding up to %d", total, share, part, rest, total)
		}
		if d := math.Abs(float64(part) - float64(total)*share); d > 1 {
			t.Fatalf("Split(%d, %v): part %d is %v from total*r, want <= 1", total, share, part, d)
		}
	}
}

var formatCases = []struct {
	a ledger.Amount
	s string
}{
	{0, "0"},
	{1, "0.000001"},
	{-1, "-0.000001"},
	{999_999, "0.999999"},
	{100_000, "0.1"},
	{1_000_000, "1"},
	{-1_000_000, "-1"},
	{3_000_000, "3"},
	{12_500_000, "12.5"},
	{-12_500_000, "-12.5"},
	{1_234_567, "1.234567"},
	{-1_234_567, "-1.234567"},
	{1_000_010, "1.00001"},
	{10_000_000_000, "10000"},
	{math.MaxInt64, "9223372036854.775807"},
	{math.MinInt64, "-9223372036854.775808"},
	{math.MinInt64 + 1, "-9223372036854.775807"},
}

func TestFormat(t *testing.T) {
	for _, tc := range formatCases {
		if got := ledger.Format(tc.a); got != tc.s {
			t.Errorf("Format(%d) = %q, want %q", tc.a, got, tc.s)
		}
		if got := string(ledger.AppendFormat([]byte("x="), tc.a)); got != "x="+tc.s {
			t.Errorf("AppendFormat(\"x=\", %d) = %q, want %q", tc.a, got, "x="+tc.s)
		}
	}
}

func TestAppendFormatAllocs(t *testing.T) {
	buf := make([]byte, 0, 32)
	got := testing.AllocsPerRun(100, func() { buf = ledger.AppendFormat(buf[:0], -1_234_567_891) })
	if got != 0 {
		t.Errorf("AppendFormat into a large enough buffer: %v allocs, want 0", got)
	}
}

func TestParse(t *testing.T) {
	for _, tc := range formatCases {
		got, err := ledger.Parse(tc.s)
		if err != nil || got != tc.a {
			t.Errorf("Parse(%q) = %d, %v, want %d, nil", tc.s, got, err, tc.a)
		}
	}
	// Accepted though not as Format writes them.
	for _, tc := range []struct {
		s    string
		want ledger.Amount
	}{
		{"007.50", 7_500_000},
		{"-0", 0},
		{"1.000000", 1_000_000},
		{"0.5", 500_000},
		{"-0.05", -50_000},
	} {
		got, err := ledger.Parse(tc.s)
		if err != nil || got != tc.want {
			t.Errorf("Parse(%q) = %d, %v, want %d, nil", tc.s, got, err, tc.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, s := range []string{
		"", "-", ".", "-.", "1.", ".5", "-.5",
		"1.2345678", // 7 places
		"abc", "1.2.3", "1e6", "+1", " 1", "1 ", "--1", "1.-5", "1.+5", "1,5", "0x10", "1_000",
		"9223372036855",         // whole part too large
		"9223372036854.775808",  // one unit above the largest amount
		"9223372036854.999999",  // (both wrapped round to a negative before the fix)
		"-9223372036854.775809", // one unit below the smallest
		"18446744073709551616",  // beyond uint64
		"-18446744073709551616.1",
	} {
		if got, err := ledger.Parse(s); err == nil {
			t.Errorf("Parse(%q) = %d, nil, want an error", s, got)
		} else if !strings.Contains(err.Error(), "amount") {
			t.Errorf("Parse(%q) error = %q, want it to say \"amount\"", s, err)
		}
	}
}

// TestFormatParseRoundTrip: Parse(Format(a)) == a for random amounts of every size
// and sign, and Format writes at most 6 decimals with no trailing zero.
func TestFormatParseRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 200_000 {
		var a ledger.Amount
		switch i % 4 {
		case 0:
			a = int64(r.Uint64())
		case 1:
			a = r.Int64N(2e6) - 1e6
		case 2:
			a = (r.Int64N(2e9) - 1e9) * 1_000
		default:
			a = r.Int64N(1e12) * ledger.Unit
		}
		s := ledger.Format(a)
		got, err := ledger.Parse(s)
		if err != nil || got != a {
			t.Fatalf("Parse(Format(%d) = %q) = %d, %v, want %d", a, s, got, err, a)
		}
		if _, frac, ok := strings.Cut(s, "."); ok && (len(frac) > 6 || strings.HasSuffix(frac, "0")) {
			t.Fatalf("Format(%d) = %q: want at most 6 decimals and no trailing zero", a, s)
		}
	}
}

func TestRate(t *testing.T) {
	for _, c := range []struct {
		r    float64
		a    ledger.Amount
		want ledger.Amount
	}{
		{0.5, 10, 5}, {0.5, 11, 5}, {1, 123456789, 123456789}, {0, 99, 0}, {0.25, 1 << 62, 1 << 60},
		{1.0 / 3, 3_000_000, 999_999}, // truncates: 0.333... in 32.32 is a hair under a third
	} {
		if got := ledger.RateOf(c.r).Of(c.a); got != c.want {
			t.Errorf("RateOf(%g).Of(%d) = %d, want %d", c.r, c.a, got, c.want)
		}
	}
	if ledger.RateOf(-1) != 0 || ledger.RateOf(0.75).Float() != 0.75 {
		t.Error("RateOf(-1) or Float wrong")
	}
}
