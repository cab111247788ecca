package game

import (
	"testing"

	"github.com/copex/copex/sim/ledger"
)

func TestWords(t *testing.T) {
	for _, tt := range []struct {
		got, want string
	}{
		{whole(ledger.Tokens(83525.4)), "83,525"},
		{whole(ledger.Tokens(28101.985764)), "28,102"}, // the raw figure issue 12 quotes
		{whole(ledger.Tokens(999.5)), "1,000"},
		{whole(ledger.Tokens(-1234567)), "-1,234,567"},
		{whole(0), "0"},
		{price(ledger.Tokens(1.775179)), "1.78"},
		{price(ledger.Tokens(20)), "20"},
		{price(ledger.Tokens(19.5)), "19.5"},
		{plural(1, "month", "months"), "1 month"},
		{plural(0, "month", "months"), "0 months"},
		{plural(2, "apprentice", "apprentices"), "2 apprentices"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
