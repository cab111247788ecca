package scenarios

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim/issuance"
)

// extraTags are relation tags (see relation) for the fields of types this package
// does not own, by type and YAML name: the relations of agents.Config.Validate that a
// JSON Schema can state, so that the schema and the loader agree on them. They are
// added to the fields' own tags, as if written there.
var extraTags = map[reflect.Type]map[string]string{
	reflect.TypeFor[agents.Config](): {
		"sectors": `needed:"model=economy" msg:"an economy needs at least one sector"`,
	},
	reflect.TypeFor[agents.Coops](): {
		"workers_min": `atmost:"workers_max"`,
	},
	reflect.TypeFor[issuance.Config](): {
		"expression": `needed:"formula=expression" msg:"the expression formula needs an expression"`,
	},
	reflect.TypeFor[issuance.ReleaseFactor](): {
		"min": `atmost:"max" when:"mode=savings_adjusted"`,
	},
}

// structCheck is a decoded struct whose relations are still to be checked.
type structCheck struct {
	v    reflect.Value // the struct
	path string
	// at is the struct's key or list element, node its mapping (nil for a null).
	at, node *yaml.Node
	// keys and vals are the key and value nodes of the fields given, by YAML name.
	keys, vals map[string]*yaml.Node
}

// checkRelations checks the relations of every struct decoded, in document order.
func (d *decoder) checkRelations() error {
	for _, c := range d.checks {
		if err := d.checkStruct(c); err != nil {
			return err
		}
	}
	return nil
}

// checkStruct checks the relations between the fields of one struct: keys given
// only when allowed, one of each oneof group, required keys, needed values, one
// value set in each anyof group, and comparisons, in that order.
func (d *decoder) checkStruct(c *structCheck) error {
	fs := fieldsOf(c.v.Type())
	given := func(f field) bool { return c.keys[f.name] != nil }
	fail := func(f field, msg string) error {
		if k := c.keys[f.name]; k != nil {
			return d.errAt(k, c.vals[f.name], joinKey(c.path, f.name), msg)
		}
		return d.errAt(c.at, c.node, joinKey(c.path, f.name), msg)
	}
	for _, f := range fs {
		if f.rel.only != nil && given(f) && !d.holds(c, f.rel.only) {
			return fail(f, "only allowed when "+f.rel.only.String())
		}
	}
	for _, g := range groups(fs, func(f field) string { return f.rel.oneof }) {
		var allowed, in []field
		for _, f := range g {
			if f.rel.only == nil || d.holds(c, f.rel.only) {
				allowed = append(allowed, f)
			}
			if given(f) {
				in = append(in, f)
			}
		}
		// The second written is the one at fault.
		slices.SortStableFunc(in, func(a, b field) int {
			ka, kb := c.keys[a.name], c.keys[b.name]
			return cmp.Or(cmp.Compare(ka.Line, kb.Line), cmp.Compare(ka.Column, kb.Column))
		})
		switch {
		case len(in) > 1:
			return fail(in[1], "give "+orList(allowed)+", not "+map[bool]string{true: "both", false: "more than one"}[len(allowed) == 2])
		case len(in) == 0 && len(allowed) == 1:
			return fail(allowed[0], "missing")
		case len(in) == 0:
			return d.errAt(c.at, c.node, c.path, "give "+orList(allowed))
		}
	}
	for _, f := range fs {
		if r := f.rel.required; r != nil && !given(f) && d.holds(c, r) {
			if r.field != "" {
				return fail(f, "missing: needed when "+r.String())
			}
			return fail(f, "missing")
		}
	}
	for _, f := range fs {
		if r := f.rel.needed; r != nil && d.holds(c, r) {
			v := c.v.FieldByIndex(f.index)
			if v.Kind() == reflect.Pointer {
				if v.IsNil() {
					continue
				}
				v = v.Elem()
			}
			if isEmpty(v) {
				msg := f.rules.msg
				if msg == "" {
					msg = emptyMessage(v, f.rules)
				}
				return fail(f, msg)
			}
		}
	}
	for _, g := range groups(fs, func(f field) string { return f.rel.anyof }) {
		set := false
		for _, f := range g {
			set = set || !isEmpty(c.v.FieldByIndex(f.index))
		}
		if !set {
			both := ""
			if len(g) == 2 {
				both = " (or both)"
			}
			return d.errAt(c.at, c.node, c.path, "set "+orList(g)+both+" above 0")
		}
	}
	for _, f := range fs {
		if f.rel.when != nil && !d.holds(c, f.rel.when) {
			continue
		}
		x, ok := numberOf(c.v.FieldByIndex(f.index))
		for _, o := range []struct {
			other string
			bad   func(x, y float64) bool
			msg   string
		}{
			{f.rel.atmost, func(x, y float64) bool { return x > y }, "is %s, more than %s (%s)"},
			{f.rel.atleast, func(x, y float64) bool { return x < y }, "is %s, less than %s (%s)"},
			{f.rel.above, func(x, y float64) bool { return x <= y }, "is %s, not more than %s (%s)"},
		} {
			if o.other == "" || !ok {
				continue
			}
			of, _ := lookupField(c.v.Type(), o.other)
			y, ok := numberOf(c.v.FieldByIndex(of.index))
			if ok && o.bad(x, y) {
				return fail(f, fmt.Sprintf(o.msg, formatNumber(x), joinKey(c.path, of.name), formatNumber(y)))
			}
		}
	}
	return nil
}

// holds reports whether condition k holds in the struct of c (or the document).
func (d *decoder) holds(c *structCheck, k *cond) bool {
	if k.field == "" {
		return true
	}
	sv := c.v
	if k.root {
		sv = d.root
	}
	f, ok := lookupField(sv.Type(), k.field)
	if !ok {
		panic(fmt.Sprintf("scenarios: condition on unknown field %q of %s", k.field, sv.Type()))
	}
	s, ok := valueString(sv.FieldByIndex(f.index))
	return ok && s == k.value
}

// valueString writes a plain value as a condition compares it.
func valueString(v reflect.Value) (string, bool) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "", false
		}
		v = v.Elem()
	}
	switch {
	case v.Kind() == reflect.String:
		return v.String(), true
	case v.Kind() == reflect.Bool:
		return strconv.FormatBool(v.Bool()), true
	}
	if x, ok := numberOf(v); ok {
		return formatNumber(x), true
	}
	return "", false
}

// numberOf returns the value of a number (an integer, a float, a Number or a pointer
// to one; not a nil pointer).
func numberOf(v reflect.Value) (float64, bool) {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return 0, false
		}
		v = v.Elem()
	}
	switch {
	case v.Type() == numberType:
		return v.Interface().(Number).Value, true
	case isInt(v.Type()):
		return float64(v.Int()), true
	case isUint(v.Type()):
		return float64(v.Uint()), true
	case v.Kind() == reflect.Float32 || v.Kind() == reflect.Float64:
		return v.Float(), true
	}
	return 0, false
}

func formatNumber(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// isEmpty reports whether v is an empty string, list or map, 0 or a nil pointer.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String, reflect.Slice, reflect.Map:
		return v.Len() == 0
	case reflect.Pointer:
		return v.IsNil()
	}
	x, ok := numberOf(v)
	return ok && x == 0
}

// emptyMessage says what is wrong with an empty value v.
func emptyMessage(v reflect.Value, r rules) string {
	if _, ok := numberOf(v); ok {
		if r.min != nil && *r.min == 0 {
			return "must be above 0, got 0"
		}
		return "must not be 0"
	}
	return "must not be empty"
}

// groups returns the fields of fs by the group name of each (skipping ""), the
// groups in the order of their first field.
func groups(fs []field, name func(field) string) [][]field {
	var order []string
	by := map[string][]field{}
	for _, f := range fs {
		g := name(f)
		if g == "" {
			continue
		}
		if _, ok := by[g]; !ok {
			order = append(order, g)
		}
		by[g] = append(by[g], f)
	}
	out := make([][]field, len(order))
	for i, g := range order {
		out[i] = by[g]
	}
	return out
}

// orList writes the fields' names as "a, b or c".
func orList(fs []field) string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
