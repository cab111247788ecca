package issuance

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/copex/copex/sim/ledger"
)

func tok(f float64) ledger.Amount { return ledger.Tokens(f) }

// step runs one month for a single line: the value on offer this month, then the
// grant; sales is what sold in the month (recorded after the grant).
type step struct {
	offered, sales, grant float64
}

func TestFormulas(t *testing.T) {
	tests := []struct {
		name  string
		cfg   func(*Config)
		steps []step
	}{
		{"increase_only: E, then only increases of what is on offer (Appendix 1)", func(c *Config) {}, []step{
			{100, 100, 100}, // P_1 = E = 100, H_0 = 0
			{100, 100, 0},   // P = 100 = H
			{150, 150, 50},  // the increase
			{120, 120, 0},   // a fall creates nothing
			{200, 200, 50},  // only above the high-water mark of 150
		}},
		{"increase_only on sales projection", func(c *Config) { c.Projection = "sales" }, []step{
			{100, 80, 100}, // P_1 = E
			{100, 130, 0},  // P_2 = S_1 = 80 < H = 100
			{100, 130, 30}, // P_3 = S_2 = 130: 30 above H
		}},
		{"monthly_projection: projection plus excess, less shortfall", func(c *Config) { c.Formula = "monthly_projection" }, []step{
			{100, 80, 100},  // P_1 = E = 100
			{100, 120, 60},  // P_2 = S_1 = 80; 80 + (80 - 100) = 60
			{100, 100, 160}, // P_3 = 120; 120 + (120 - 80) = 160
			{100, 10, 80},   // P_4 = 100; 100 + (100 - 120) = 80
			{100, 50, 0},    // P_5 = 10; 10 + (10 - 100) = -80: carried
			{100, 50, 10},   // P_6 = 50; 50 - 80 + (50 - 10) = 10
		}},
		{"smoothed: P = a*S + (1-a)*P, grant on the increase", func(c *Config) { c.Formula = "smoothed"; c.Smoothing = 0.5 }, []step{
			{100, 200, 100}, // P_1 = E
			{100, 150, 50},  // P_2 = 0.5*200 + 0.5*100 = 150
			{100, 150, 0},   // P_3 = 0.5*150 + 0.5*150 = 150
		}},
		{"expression", func(c *Config) {
			c.Formula = "expression"
			c.Expression = "max(0, offered - high_water) * release_factor * 2"
		}, []step{
			{100, 100, 200}, // (100 - 0) * 1 * 2
			{130, 100, 60},  // H = P_1 = 100 (projection = offered): (130 - 100) * 2
		}},
		{"none", func(c *Config) { c.Formula = "none" }, []step{{100, 100, 0}, {200, 200, 0}}},
		{"fixed release factor", func(c *Config) { c.ReleaseFactor.Value = 1.5 }, []step{{100, 100, 150}, {120, 120, 30}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Default()
			tt.cfg(&cfg)
			is, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			var ls Lines
			ls.Add(tok(tt.steps[0].offered))
			out := make([]ledger.Amount, 1)
			for m, s := range tt.steps {
				total, err := is.Grants(&ls, []ledger.Amount{tok(s.offered)}, []bool{true}, Env{Month: m + 1}, out)
				if err != nil {
					t.Fatal(err)
				}
				if out[0] != tok(s.grant) || total != out[0] {
					t.Errorf("month %d: grant = %s (total %s), want %s", m+1, ledger.Format(out[0]), ledger.Format(total), ledger.Format(tok(s.grant)))
				}
				ls.RecordSales(0, tok(s.sales))
			}
		})
	}
}

func TestReleaseFactorAndShare(t *testing.T) {
	cfg := Default()
	cfg.ReleaseFactor = ReleaseFactor{Mode: "savings_adjusted", Min: 1, Max: 1.2}
	cfg.FoundationShare = 0.2
	cfg.FoundationShareRamp = Ramp{To: 0.5, Months: 12}
	is, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ s, want float64 }{{0, 1}, {0.1, 1 / 0.9}, {0.2, 1.2}, {1, 1.2}} {
		if got := is.ReleaseFactor(c.s); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("ReleaseFactor(%g) = %g, want %g", c.s, got, c.want)
		}
	}
	for _, c := range []struct {
		month int
		want  float64
	}{{1, 0.2}, {7, 0.35}, {13, 0.5}, {40, 0.5}} {
		if got := is.FoundationShare(c.month); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("FoundationShare(%d) = %g, want %g", c.month, got, c.want)
		}
	}
	if got := is.Expiry(5); got != 5+12-1 {
		t.Errorf("Expiry(5) = %d, want 16", got)
	}
}

func TestGrowthCap(t *testing.T) {
	cfg := Default()
	cfg.GrowthCap.MonthlyIssuance = 150
	is, _ := New(cfg)
	var ls Lines
	ls.Add(tok(100))
	ls.Add(tok(100))
	out := make([]ledger.Amount, 2)
	total, _ := is.Grants(&ls, []ledger.Amount{tok(100), tok(100)}, []bool{true, true}, Env{Month: 1}, out)
	if total != tok(150) || out[0] != tok(75) || out[1] != tok(75) {
		t.Errorf("capped grants = %v (total %d), want 75 each", out, total)
	}
	cfg = Default()
	cfg.GrowthCap.OfferedValue = 150
	is, _ = New(cfg)
	ls = Lines{}
	ls.Add(tok(100))
	ls.Add(tok(100))
	total, _ = is.Grants(&ls, []ledger.Amount{tok(100), tok(100)}, []bool{true, false}, Env{Month: 1, TotalOffered: tok(200)}, out)
	if total != 0 {
		t.Errorf("grants past the offered-value cap = %s, want 0", ledger.Format(total))
	}
}

func TestExpressionErrors(t *testing.T) {
	tests := []struct {
		src        string
		line, col  int
		wantSubstr string
	}{
		{"salse * 2", 1, 1, "unknown name salse"},
		{"sales +", 1, 0, "unexpected token"},
		{"sales *\n  (projected +", 2, 0, ""},
		{"", 1, 1, "empty"},
	}
	for _, tt := range tests {
		_, err := Compile(tt.src)
		var ee *ExprError
		if !errors.As(err, &ee) {
			t.Errorf("Compile(%q) = %v, want an *ExprError", tt.src, err)
			continue
		}
		if ee.Line != tt.line || (tt.col > 0 && ee.Column != tt.col) {
			t.Errorf("Compile(%q) at line %d column %d, want line %d column %d (%v)", tt.src, ee.Line, ee.Column, tt.line, tt.col, ee)
		}
		if tt.wantSubstr != "" && !strings.Contains(ee.Msg, tt.wantSubstr) {
			t.Errorf("Compile(%q) message %q lacks %q", tt.src, ee.Msg, tt.wantSubstr)
		}
	}
	if _, err := Compile("max(0, projected - high_water) * release_factor"); err != nil {
		t.Errorf("a good expression failed: %v", err)
	}
}
