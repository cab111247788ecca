//go:build js

package issuance

import "errors"

// The browser build (GetGo in js/wasm) leaves grant expressions and their interpreter
// out (about 4 MB of wasm): a scenario with formula expression is refused there with
// this error, and runs with copex (expr_run.go).

// Expr is a compiled grant expression: none in the browser build.
type Expr struct{}

var errBrowser = errors.New("grant expressions (formula: expression) are not in the browser build")

// Compile refuses every grant expression in the browser build.
func Compile(string) (*Expr, error) { return nil, &ExprError{1, 1, errBrowser.Error()} }

// Eval is never reached: no expression compiles.
func (e *Expr) Eval(*Vars) (float64, error) { return 0, errBrowser }
