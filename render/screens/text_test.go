package screens

import (
	"testing"

	"github.com/copex/copex/sim/ledger"
)

func TestTokens(t *testing.T) {
	for _, tt := range []struct {
		in   ledger.Amount
		want string
	}{
		{28101_985764, "28,102"},          // the raw treasury, whole tokens
		{99_994999, "99.99"},              // under 100: two decimals, half rounds up
		{99_995000, "100"},                // rounds into the whole-token range
		{20_000000, "20"},                 // a whole small amount: no decimals
		{19_500000, "19.50"},              // a price
		{0, "0"},                          //
		{-1_234_567_890000, "−1,234,568"}, // a loss of 1,234,567.89 tokens
		{1_000000, "1"},
		{500_000, "0.50"},
		{4, "0"}, // four micro-tokens
	} {
		if got := tokens(tt.in); got != tt.want {
			t.Errorf("tokens(%d) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPlural(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{{0, "0 apprentices"}, {1, "1 apprentice"}, {2, "2 apprentices"}} {
		if got := plural(tt.n, "apprentice", "apprentices"); got != tt.want {
			t.Errorf("plural(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
	if got := monthsOf(1.04); got != "1 month" {
		t.Errorf("monthsOf(1.04) = %q, want 1 month", got)
	}
}

func TestUndrawable(t *testing.T) {
	if err := undrawable("Café, Ελληνικά, Кафе — 20%"); err != nil {
		t.Errorf("Latin, Greek and Cyrillic refused: %v", err)
	}
	for _, s := range []string{"街", "☕", "مرحبا"} {
		if err := undrawable(s); err == nil {
			t.Errorf("undrawable(%q) = nil, want a refusal", s)
		}
	}
}
