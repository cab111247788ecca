//go:build !js

package issuance

import (
	"errors"
	"fmt"
	"strings"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"
)

// Grant expressions are compiled and run by expr-lang/expr; the browser build leaves
// the interpreter out (expr_js.go).

// Expr is a compiled grant expression.
type Expr struct {
	prog *vm.Program
	vm   vm.VM
}

// Compile compiles a grant expression over Vars to a number, once per run.
func Compile(src string) (*Expr, error) {
	if strings.TrimSpace(src) == "" {
		return nil, &ExprError{1, 1, "empty expression"}
	}
	prog, err := expr.Compile(src, expr.Env(Vars{}), expr.AsFloat64())
	if err != nil {
		var fe *file.Error
		if errors.As(err, &fe) {
			msg := fe.Message
			if strings.HasPrefix(msg, "unknown name") {
				msg += " (variables: " + strings.Join(VarNames(), ", ") + ")"
			}
			return nil, &ExprError{fe.Line, fe.Column + 1, msg}
		}
		return nil, &ExprError{1, 1, err.Error()}
	}
	return &Expr{prog: prog}, nil
}

// Eval runs the expression over v.
func (e *Expr) Eval(v *Vars) (float64, error) {
	out, err := e.vm.Run(e.prog, v)
	if err != nil {
		return 0, fmt.Errorf("grant expression: %w", err)
	}
	f, _ := out.(float64)
	return f, nil
}
