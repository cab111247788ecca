package scenarios_test

import (
	"fmt"

	"github.com/copex/copex/scenarios"
)

func ExampleLoad() {
	s, err := scenarios.Load("two-coops", []string{"ticks=12"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Name, "from", s.Source)
	fmt.Println("members:", s.Config.Members, "ticks:", s.Config.Ticks)
	for _, sec := range s.Config.Sectors {
		fmt.Println("sector:", sec.Name, sec.BasePrice, sec.Wage)
	}
	fmt.Println("founding co-ops:", len(s.Config.Founding))
	// Output:
	// two-coops from embedded:two-coops
	// members: 2 ticks: 12
	// sector: bread 1 100
	// sector: crafts 1 100
	// founding co-ops: 2
}

func ExampleParse() {
	src := []byte(`name: tiny
members: 10
issuance:
  formula: smoothed
  foundation_share: 1.5
`)
	_, err := scenarios.Parse("tiny.yaml", src, nil)
	fmt.Println(err)
	_, err = scenarios.Parse("tiny.yaml", []byte("name: tiny\n"), []string{"coops.size=4"})
	fmt.Println(err)
	// Output:
	// tiny.yaml:5: issuance.foundation_share: must be between 0 and 1, got 1.5
	// --set coops.size: unknown field "size" in coops (known: buffer_months, capacity_gain, count, depreciation, estimate, fail_after_months, grant_use, hire_when_sold_out, index_costs, input_substitution, pay, pay_cap, pay_floor, pay_speed, shed_when_unsold, types, workers_max, workers_min)
}
