package render_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/render"
	"github.com/copex/copex/sim"
	"github.com/copex/copex/sim/ledger"
)

// Example draws the charts of a small run and writes its report.
func Example() {
	var cfg agents.Config
	cfg.Sectors = []agents.Sector{{Name: "food"}, {Name: "housing"}}
	cols, err := agents.Columns(cfg)
	if err != nil {
		log.Fatal(err)
	}
	t := sim.NewTable(cols)
	for month := 1; month <= 12; month++ {
		f := float64(month)
		m := t.AddRow(month, month)
		t.SetInt(m, "members", 100)
		t.SetInt(m, "coops_alive", 4)
		t.SetInt(m, "supply", ledger.Tokens(10_000+500*f))
		t.SetInt(m, "circulating", ledger.Tokens(9_000+400*f))
		t.SetInt(m, "offered_value", ledger.Tokens(9_000+450*f))
		t.SetInt(m, "sales_value", ledger.Tokens(6_000))
		t.SetFloat(m, "balance_ratio", (9_000+400*f)/(9_000+450*f))
		t.SetFloat(m, "price_index", 1+0.01*f)
		t.SetInt(m, "unmet_food", ledger.Tokens(100))
		t.SetInt(m, "unmet_housing", ledger.Tokens(300-20*f))
		t.SetFloat(m, "gini", 0.3)
	}

	dir, err := os.MkdirTemp("", "copex-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	charts, err := render.Charts(t, dir)
	if err != nil {
		log.Fatal(err)
	}
	for _, c := range charts {
		fmt.Println(c.Name, c.PNG, c.SVG)
	}
	d := render.ReportData{Scenario: "example", Seed: 1, Ticks: t.Len(), Figures: render.KeyFigures(t), Charts: charts}
	if err := render.Report(filepath.Join(dir, "report.html"), d, dir); err != nil {
		log.Fatal(err)
	}
	for _, f := range d.Figures {
		if f.Label == "Token supply" {
			fmt.Println(f.Label+":", f.Value)
		}
	}
	// Output:
	// supply supply.png supply.svg
	// balance_ratio balance_ratio.png balance_ratio.svg
	// grants grants.png grants.svg
	// money money.png money.svg
	// price_index price_index.png price_index.svg
	// unmet_wants unmet_wants.png unmet_wants.svg
	// idle idle.png idle.svg
	// coops coops.png coops.svg
	// foundation foundation.png foundation.svg
	// gini gini.png gini.svg
	// Token supply: 16,000 tokens
}
