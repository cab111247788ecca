package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/copex/copex/internal/atomicfile"
	"github.com/copex/copex/runs"
	"github.com/copex/copex/sim/clearing"
	"github.com/copex/copex/sim/ledger"
)

// clearSummary is summary.json: amounts in the input's form (micro-token integers, or
// tokens with a point), as amount_form says.
type clearSummary struct {
	TotalDebt       json.Number `json:"total_debt"`
	Cleared         json.Number `json:"cleared"`
	Remaining       json.Number `json:"remaining"`
	NetInternalDebt json.Number `json:"net_internal_debt"`
	Participants    int         `json:"participants"`
	Obligations     int         `json:"obligations"`
	Seconds         float64     `json:"seconds"`
	AmountForm      string      `json:"amount_form"`
	DroppedSelf     int         `json:"dropped_self"`
	Liquidity       json.Number `json:"liquidity,omitempty"`
	FundLent        json.Number `json:"fund_lent,omitempty"`
}

func clearCmd(stdout io.Writer) *cobra.Command {
	var (
		out       string
		dropSelf  bool
		liquidity string
	)
	c := &cobra.Command{
		Use:   "clear FILE.csv",
		Short: "Set off obligations around cycles: the least gross debt with every net position kept",
		Long: `clear reads obligations (CSV with the header debtor,creditor,amount, in any order:
the debtor owes the creditor the amount; names are any text) and sets them off
multilaterally, exactly: the total gross obligation left is the least possible, every
participant's net position is unchanged, no obligation grows and none appears.

Amounts are integers, a count of micro-tokens ("2500000"), or all decimals with a
point and at most 6 places, tokens ("2.5"); one form per file, and the outputs use it.

It writes into --out: remaining.csv (the obligations left, same columns, in input order,
only those above zero) and summary.json (total_debt, cleared, remaining,
net_internal_debt, participants, obligations, seconds: reading and clearing). With
--liquidity L (tokens) the DAO fund
may lend up to L tokens, mutual-credit style, to shorten chains no cycle clears; what
participants owe it and it owes them is in fund.csv (participant,borrowed,deposited).`,
		Args: func(cmd *cobra.Command, args []string) error { return inputArgs(cobra.ExactArgs(1), cmd, args) },
		RunE: func(cmd *cobra.Command, args []string) error {
			var liq ledger.Amount
			if liquidity != "" {
				l, err := ledger.Parse(liquidity)
				if err != nil || l < 0 {
					return badInput(fmt.Errorf("--liquidity %q: want a number of tokens, at least 0, with at most 6 decimals", liquidity))
				}
				liq = l
			}
			start := time.Now()
			file, err := clearing.ReadFile(args[0], &clearing.ReadOptions{DropSelf: dropSelf})
			if err != nil {
				if errors.Is(err, clearing.ErrSelf) {
					err = fmt.Errorf("%w (--drop-self drops them)", err)
				}
				return badInput(err)
			}
			if file.DroppedSelf > 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "copex clear: warning: %s: dropped %d self-obligations (the first on line %d)\n",
					args[0], file.DroppedSelf, file.FirstSelf)
			}
			if out == "" {
				base := filepath.Base(args[0])
				out = runs.DefaultDir("clear-" + strings.TrimSuffix(base, filepath.Ext(base)))
			}
			if err := runs.PrepareDir(out); err != nil {
				return badInput(fmt.Errorf("--out %s: %w", out, err))
			}
			res, err := clearing.Clear(&file.Network, &clearing.Options{Liquidity: liq})
			if err != nil {
				return fmt.Errorf("clear %s: %w", args[0], err)
			}
			secs := time.Since(start).Seconds()
			files, err := writeClearing(out, file, res, liq, secs)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s: %d obligations among %d participants; cleared %s of %s, %s left (net internal debt %s); wrote %s (%s)\n",
				args[0], res.Obligations, res.Participants, amount(file.Form, res.Cleared), amount(file.Form, res.TotalDebt),
				amount(file.Form, res.RemainingDebt), amount(file.Form, res.NetInternalDebt), out, strings.Join(files, ", "))
			return nil
		},
	}
	f := c.Flags()
	f.StringVar(&out, "out", "", "output folder (default out/clear-FILE)")
	f.BoolVar(&dropSelf, "drop-self", false, "drop self-obligations (a participant owing itself) with a warning instead of refusing the file")
	f.StringVar(&liquidity, "liquidity", "", "tokens the DAO fund may lend to clear more (default none)")
	return c
}

// writeClearing writes remaining.csv, summary.json and, with liquidity, fund.csv into
// out, each atomically, and returns their names.
func writeClearing(out string, file *clearing.File, res *clearing.Result, liq ledger.Amount, secs float64) ([]string, error) {
	names := []string{"remaining.csv"}
	w, err := atomicfile.Create(filepath.Join(out, "remaining.csv"))
	if err != nil {
		return nil, badInput(fmt.Errorf("--out %s: %w", out, err))
	}
	defer w.Abort()
	if err := file.WriteCSV(w, res.Remaining); err != nil {
		return nil, err
	}
	if err := w.Commit(); err != nil {
		return nil, err
	}
	if liq > 0 {
		var b bytes.Buffer
		b.WriteString("participant,borrowed,deposited\n")
		for v, name := range file.Names {
			if res.Borrowed[v] == 0 && res.Deposited[v] == 0 {
				continue
			}
			fmt.Fprintf(&b, "%s,%s,%s\n", csvName(name), amount(file.Form, res.Borrowed[v]), amount(file.Form, res.Deposited[v]))
		}
		if err := atomicfile.WriteFile(filepath.Join(out, "fund.csv"), b.Bytes()); err != nil {
			return nil, err
		}
		names = append(names, "fund.csv")
	}
	sum := clearSummary{
		TotalDebt: amount(file.Form, res.TotalDebt), Cleared: amount(file.Form, res.Cleared),
		Remaining: amount(file.Form, res.RemainingDebt), NetInternalDebt: amount(file.Form, res.NetInternalDebt),
		Participants: res.Participants, Obligations: res.Obligations, Seconds: secs,
		AmountForm: file.Form.String(), DroppedSelf: file.DroppedSelf,
	}
	if liq > 0 {
		sum.Liquidity, sum.FundLent = amount(file.Form, liq), amount(file.Form, res.FundLent)
	}
	data, err := json.MarshalIndent(sum, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := atomicfile.WriteFile(filepath.Join(out, "summary.json"), append(data, '\n')); err != nil {
		return nil, err
	}
	return append(names, "summary.json"), nil
}

// amount writes a in the file's form.
func amount(f clearing.Form, a ledger.Amount) json.Number {
	return json.Number(f.Append(nil, a))
}

// csvName quotes a name holding a comma or a quote.
func csvName(s string) string {
	if !strings.ContainsAny(s, ",\"") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
