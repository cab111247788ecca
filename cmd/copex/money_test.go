package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAmountsAtTheirBounds drives every amount field to its bound, and the cases that
// once wrapped int64 (a giveaway of 1e13 tokens reported a supply of -9.2e12), and
// requires either a run whose supply stays non-negative, or a one-line refusal with
// exit status 2, or a one-line stop naming the ledger's supply limit: never a panic,
// never a wrong answer with exit 0.
func TestAmountsAtTheirBounds(t *testing.T) {
	small := []string{"--set", "members=600", "--set", "coops.count=20", "--set", "ticks=3"}
	cases := []struct {
		scenario string
		sets     []string
	}{
		{"baseline", []string{"giveaway.amount=1e13", "giveaway.share=1"}},
		{"baseline", []string{"giveaway.amount=1e12", "giveaway.share=1"}},
		{"baseline", []string{"member.initial_balance=1e12"}},
		{"baseline", []string{"member.initial_balance=1e9"}},
		{"baseline", []string{"member.fraud_value=1e12", "member.fraud_rate=1", "member.invitations=1"}},
		{"baseline", []string{"foundation.awareness_cost=1e12"}},
		{"baseline", []string{"issuance.investment.per_startup=1e12", "issuance.investment.max_per_month=1e12"}},
		{"baseline", []string{"sectors[0].base_price=1e9"}},
		{"baseline", []string{"sectors[0].base_price=1e3", "sectors[0].productivity=1e3"}},
		{"baseline", []string{"sectors[0].wage=1e9"}},
		{"baseline", []string{"issuance.release_factor.mode=fixed", "issuance.release_factor.value=100"}},
		{"two-coops", []string{"founding_coops[0].estimate=1e12"}},
		{"two-coops", []string{"founding_coops[0].estimate=1e15"}},
		{"random-exchange", []string{"random_exchange.initial_balance=1e12"}},
		{"random-exchange", []string{"random_exchange.initial_balance=1e8"}},
	}
	for _, c := range cases {
		name := c.scenario + " " + strings.Join(c.sets, " ")
		out := filepath.Join(t.TempDir(), "run")
		args := []string{"run", c.scenario, "--out", out, "-q"}
		if c.scenario == "baseline" {
			args = append(args, small...)
		} else {
			args = append(args, "--set", "ticks=3", "--set", "members=2000")
		}
		if c.scenario == "two-coops" {
			args = args[:len(args)-2] // its members are its founders'
		}
		for _, s := range c.sets {
			args = append(args, "--set", s)
		}
		code, _, stderr := copex(t, args...)
		switch {
		case code == 0:
			f, err := os.Open(filepath.Join(out, "metrics.csv"))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			rows, err := csv.NewReader(f).ReadAll()
			f.Close()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			col := -1
			for i, h := range rows[0] {
				if h == "supply" {
					col = i
				}
			}
			for _, r := range rows[1:] {
				if strings.HasPrefix(r[col], "-") {
					t.Errorf("%s: exit 0 with a negative supply %s at tick %s", name, r[col], r[0])
				}
			}
		case strings.Count(stderr, "\n") != 1 || strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine"):
			t.Errorf("%s: exit %d with %q; want one line", name, code, stderr)
		case code == exitBadInput:
		case code == exitFailure && strings.Contains(stderr, "largest supply"):
		default:
			t.Errorf("%s: exit %d: %s", name, code, stderr)
		}
	}
}
