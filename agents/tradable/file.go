package tradable

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// ErrNoMarket is returned by WriteMarket for a run without the tradable section.
var ErrNoMarket = errors.New("the run has no token market (switch on tradable)")

// WriteMarket writes the token's price series of a run's table to path, as
// copex run --market FILE does: a header tick,price,volume,peg and a row a tick, the
// price and peg in outside units a token and the volume in tokens, exact decimals.
// It writes a temporary file beside path and renames it.
func WriteMarket(path string, t *sim.Table) error {
	price, ok1 := t.Col("market_price")
	volume, ok2 := t.Col("market_volume")
	peg, ok3 := t.Col("market_peg")
	if !ok1 || !ok2 || !ok3 {
		return ErrNoMarket
	}
	b := []byte("tick,price,volume,peg\n")
	for i := range t.Rows {
		m := &t.Rows[i]
		b = strconv.AppendInt(b, int64(m.Tick), 10)
		for _, c := range []sim.Col{price, volume, peg} {
			b = append(b, ',')
			b = ledger.AppendFormat(b, m.Amount(c))
		}
		b = append(b, '\n')
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".market-*.csv")
	if err != nil {
		return fmt.Errorf("market file: %w", err)
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("market file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("market file: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("market file: %w", err)
	}
	return nil
}
