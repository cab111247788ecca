package main

import (
	"fmt"

	"github.com/copex/copex/internal/atomicfile"
	"github.com/copex/copex/sim/ledger"
)

// writeBalances writes every account's rebuilt balances as CSV.
func writeBalances(path string, l *ledger.Ledger) error {
	f, err := atomicfile.Create(path)
	if err != nil {
		return badInput(err)
	}
	defer f.Abort()
	fmt.Fprintln(f, "account,kind,registered,ordinary,grant,savings")
	for a := range l.Len() {
		id := ledger.AccountID(a)
		fmt.Fprintf(f, "%d,%s,%t,%s,%s,%s\n", a, l.Kind(id), l.Registered(id),
			ledger.Format(l.Ordinary(id)), ledger.Format(l.Grant(id)), ledger.Format(l.Savings(id)))
	}
	return f.Commit()
}
