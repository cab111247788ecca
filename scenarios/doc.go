// Package scenarios loads Copex scenarios: YAML files that name a scenario, describe it
// and set any of the fields of agents.Config, over agents.Default.
//
// Loading is strict. The YAML is parsed into a node tree and walked against the Go
// types by reflection, so that an unknown key, a value of the wrong type, a number
// outside a field's bounds (its min and max struct tags) or a word outside its allowed
// values (its enum and keys tags) is reported at its line, by its dotted path, as an
// *Error: for example
//
//	scenarios/x.yaml:12: issuance.foundation_share: must be between 0 and 1, got 1.5
//
// Relations between fields are checked by agents.Config.Validate, whose errors are
// mapped back to the line of the offending key, and a grant expression is compiled so
// that its errors point into the file too.
//
// Overrides given on the command line as PATH=VALUE (--set members=100000, --set
// sectors[0].wage=900) are applied to the node tree before decoding, so the same checks
// apply to them; their errors name the override instead of a line.
//
// A few scenarios are embedded in the binary (Names, Embedded); Load takes either such
// a name or a file path. Schema describes the format as a JSON Schema, and
// Scenario.Hash identifies the effective scenario.
package scenarios
