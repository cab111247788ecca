package firms_test

import (
	"strings"
	"testing"

	"github.com/copex/copex/scenarios"
)

// TestBadInput: the loader refuses firm parameters out of range, and combinations
// Validate refuses, in one line naming the file, line and field.
func TestBadInput(t *testing.T) {
	const head = "model: economy\nmembers: 100\nsectors:\n  - {name: food, share: 1, base_price: 2, productivity: 10, wage: 10}\ncoops: {count: 2, workers_min: 2, workers_max: 4}\nfirms:\n  enabled: true\n"
	for _, tt := range []struct {
		name, body, want string
	}{
		{"no firms", "  count: 0\n", "bad.yaml:8: firms.count: no firms: set count, share or entry_per_year above 0"},
		{"negative count", "  count: -3\n", "bad.yaml:8: firms.count: must be between 0 and"},
		{"share above 10", "  share: 11\n", "bad.yaml:8: firms.share: must be between 0 and 10"},
		{"no founders", "  count: 2\n  workers: 0\n", "bad.yaml:9: firms.workers: must be between 1 and"},
		{"reservation above 1.5", "  count: 2\n  pay: {reservation: 2}\n", "bad.yaml:9: firms.pay.reservation: must be between 0.01 and 1.5"},
		{"negative elasticity", "  count: 2\n  pay: {elasticity: -0.1}\n", "bad.yaml:9: firms.pay.elasticity: must be between 0 and 2"},
		{"cap below the reservation", "  count: 2\n  pay: {reservation: 0.9, max: 0.8}\n",
			"bad.yaml:9: firms.pay.max: is 0.8, below reservation 0.9"},
		{"scale exponent above 1", "  count: 2\n  scale: {exponent: 1.5}\n", "bad.yaml:9: firms.scale.exponent: must be between 0 and 1"},
		{"markup outside its bounds", "  count: 2\n  pricing: {markup: 0.5, max_markup: 0.3}\n",
			"bad.yaml:9: firms.pricing.markup: is 0.5, want it between min_markup 0 and max_markup 0.3"},
		{"hiring rate above 1", "  count: 2\n  hiring: {rate: 2}\n", "bad.yaml:9: firms.hiring.rate: must be between 0 and 1"},
		{"too many founders", "  count: 20000\n  workers: 1000\n", "bad.yaml:8: firms.count: 20000 firms of 1000 workers: at most 10000000 founders"},
		{"unknown owners", "  count: 2\n  owners: shareholders\n", "bad.yaml:9: firms.owners: must be one of outside, members"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := scenarios.Parse("bad.yaml", []byte(head+tt.body), nil)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("Parse = %v, want one line starting %q", err, tt.want)
			}
		})
	}
}
