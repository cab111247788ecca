//go:build !js

package agents

import (
	"errors"
	"fmt"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
)

// Summary expressions are compiled and run by expr-lang/expr. They are left out of the
// browser build (collect_js.go), which has no collect section to run and is smaller by
// the interpreter (about 4 MB of wasm).

type summaryProgram = *vm.Program

// summaryVM runs compiled summaries, reusing its stack between runs.
type summaryVM struct{ vm vm.VM }

func (m *summaryVM) run(p summaryProgram, vars SummaryVars) (float64, error) {
	out, err := m.vm.Run(p, vars)
	if err != nil {
		return 0, err
	}
	return out.(float64), nil
}

func compileSummary(src string) (summaryProgram, error) {
	if strings.TrimSpace(src) == "" {
		return nil, errors.New("empty expression")
	}
	prog, err := expr.Compile(src, expr.Env(SummaryVars{}), expr.AsFloat64())
	if err != nil {
		var fe *file.Error
		if errors.As(err, &fe) {
			return nil, fmt.Errorf("column %d: %s (variables: tick, month, supply, foundation, members, coops)", fe.Column+1, fe.Message)
		}
		return nil, err
	}
	return prog, nil
}

type identVisitor struct{ u uses }

func (v *identVisitor) Visit(n *ast.Node) {
	if id, ok := (*n).(*ast.IdentifierNode); ok {
		switch id.Value {
		case "members":
			v.u |= usesMembers
		case "coops":
			v.u |= usesCoops
		}
	}
}

func usesOf(p summaryProgram) uses {
	v := identVisitor{u: usesScalars}
	n := p.Node()
	ast.Walk(&n, &v)
	return v.u
}
