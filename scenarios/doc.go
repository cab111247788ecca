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
//
// The same decoder reads every file type copex and GetGo read (sweep, tune, screen,
// comparison and figures files): Decode takes a file's bytes and a pointer to the Go
// struct of its type, whose struct tags are the format, and reports every problem as
// an *Error at its line; the returned Doc places the problems a loader finds later
// (a metric that does not exist) at their line too. SchemaOf turns the same struct
// tags into the file type's JSON Schema. Besides bounds and allowed values, tags state
// relations between fields (required, only, needed, oneof, anyof, atmost, atleast,
// above: see relation); the relations of agents.Config that a schema can state are
// added by this package (extraTags), so that loader and schema agree on them.
package scenarios
