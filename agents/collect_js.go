//go:build js

package agents

import "errors"

// The browser build (GetGo in js/wasm) runs no collect section: summary expressions,
// and their interpreter, are left out of it (collect_expr.go has them).

type summaryProgram = *struct{}

type summaryVM struct{}

func (m *summaryVM) run(summaryProgram, SummaryVars) (float64, error) {
	return 0, errBrowser
}

var errBrowser = errors.New("summary expressions are not in the browser build")

func compileSummary(string) (summaryProgram, error) { return nil, errBrowser }

func usesOf(summaryProgram) uses { return usesScalars }
