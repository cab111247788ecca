package scenarios

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// decoder decodes a YAML node tree into Go values strictly, by reflection over the
// values' types and yaml struct tags, and reports problems as *Error.
type decoder struct {
	file string
	// set holds the nodes placed by --set overrides: their errors name the override.
	set map[*yaml.Node]bool
	// merged caches the entries of mappings, merges (<<) included, so that a mapping
	// merged many times is expanded once.
	merged map[*yaml.Node][]entry
}

func newDecoder(file string) *decoder {
	return &decoder{file: file, set: map[*yaml.Node]bool{}, merged: map[*yaml.Node][]entry{}}
}

// errAt returns an *Error at node at (a mapping key, a list element or, for the whole
// document, nil) for the value node val. A problem in a node placed by an override is
// reported against the override.
func (d *decoder) errAt(at, val *yaml.Node, path, msg string) *Error {
	e := &Error{File: d.file, Path: path, Msg: msg}
	switch {
	case d.set[at] || d.set[val]:
		e.File = SetFile
	case at != nil:
		e.Line = at.Line
	}
	return e
}

// entry is a key and its value in a mapping.
type entry struct{ key, value *yaml.Node }

// entries returns the pairs of mapping n in order, followed by those of the mappings
// it merges (<<) that its own keys do not override. A key given twice is an error.
func (d *decoder) entries(n *yaml.Node, path string) ([]entry, error) {
	return d.entriesOf(n, path, map[*yaml.Node]bool{})
}

func (d *decoder) entriesOf(n *yaml.Node, path string, visiting map[*yaml.Node]bool) ([]entry, error) {
	if es, ok := d.merged[n]; ok {
		return es, nil
	}
	if visiting[n] {
		return nil, d.errAt(n, nil, path, "a mapping merges itself")
	}
	visiting[n] = true
	defer delete(visiting, n)
	var own, merged []entry
	first := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		keyNode, val := n.Content[i], n.Content[i+1]
		k := resolve(keyNode)
		if k.Kind != yaml.ScalarNode {
			return nil, d.errAt(keyNode, nil, path, "a key must be a plain value, got "+describe(k))
		}
		if k.ShortTag() == "!!merge" {
			es, err := d.mergeOf(val, path, visiting)
			if err != nil {
				return nil, err
			}
			merged = append(merged, es...)
			continue
		}
		if prev, dup := first[k.Value]; dup {
			return nil, d.errAt(keyNode, val, joinKey(path, k.Value),
				fmt.Sprintf("duplicate key (first at line %d)", prev.Line))
		}
		first[k.Value] = keyNode
		own = append(own, entry{keyNode, val})
	}
	for _, e := range merged {
		if _, ok := first[resolve(e.key).Value]; !ok {
			first[resolve(e.key).Value] = e.key
			own = append(own, e)
		}
	}
	d.merged[n] = own
	return own, nil
}

// mergeOf returns the entries merged by a << key: those of a mapping, or of a list of
// mappings where the earlier ones win.
func (d *decoder) mergeOf(val *yaml.Node, path string, visiting map[*yaml.Node]bool) ([]entry, error) {
	const msg = "a merge (<<) takes a mapping or a list of mappings, got "
	v := resolve(val)
	switch v.Kind {
	case yaml.MappingNode:
		return d.entriesOf(v, path, visiting)
	case yaml.SequenceNode:
		var all []entry
		for _, el := range v.Content {
			m := resolve(el)
			if m.Kind != yaml.MappingNode {
				return nil, d.errAt(el, nil, path, msg+"a list holding "+describe(m))
			}
			es, err := d.entriesOf(m, path, visiting)
			if err != nil {
				return nil, err
			}
			all = append(all, es...)
		}
		return all, nil
	}
	return nil, d.errAt(val, nil, path, msg+describe(v))
}

// decode sets v from node n, checking n's type against v's and the rules r. path
// names v for messages and at is the node whose line they give.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string, at *yaml.Node, r rules) error {
	n = resolve(n)
	switch v.Kind() {
	case reflect.Pointer:
		if isNull(n) {
			v.SetZero()
			return nil
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return d.decode(n, v.Elem(), path, at, r)
	case reflect.Struct:
		return d.structure(n, v, path, at)
	case reflect.Map:
		return d.mapping(n, v, path, at, r)
	case reflect.Slice:
		return d.list(n, v, path, at, r)
	}
	return d.scalar(n, v, path, at, r)
}

// structure decodes a mapping over the struct v field by field: fields the mapping
// does not name keep their value (the default).
func (d *decoder) structure(n *yaml.Node, v reflect.Value, path string, at *yaml.Node) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return d.errAt(at, n, path, "expected a mapping, got "+describe(n))
	}
	es, err := d.entries(n, path)
	if err != nil {
		return err
	}
	t := v.Type()
	for _, e := range es {
		name := resolve(e.key).Value
		f, ok := lookupField(t, name)
		if !ok {
			return d.errAt(e.key, e.value, joinKey(path, name), unknownField(t, name, path))
		}
		if err := d.decode(e.value, v.FieldByIndex(f.index), joinKey(path, name), e.key, f.rules); err != nil {
			return err
		}
	}
	return nil
}

// mapping decodes a mapping into a new map, which replaces v's.
func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string, at *yaml.Node, r rules) error {
	if isNull(n) {
		v.SetZero()
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return d.errAt(at, n, path, "expected a mapping, got "+describe(n))
	}
	es, err := d.entries(n, path)
	if err != nil {
		return err
	}
	t := v.Type()
	m := reflect.MakeMapWithSize(t, len(es))
	for _, e := range es {
		k := resolve(e.key)
		kp := joinKey(path, k.Value)
		key := reflect.New(t.Key()).Elem()
		if err := d.scalar(k, key, kp, e.key, rules{}); err != nil {
			var se *Error
			if errors.As(err, &se) {
				se.Msg = "bad key: " + se.Msg
			}
			return err
		}
		if len(r.keys) > 0 && !slices.Contains(r.keys, k.Value) {
			return d.errAt(e.key, e.value, kp, fmt.Sprintf("unknown key %s (allowed: %s)",
				describe(k), strings.Join(r.keys, ", ")))
		}
		if m.MapIndex(key).IsValid() {
			return d.errAt(e.key, e.value, kp, "duplicate key")
		}
		val := reflect.New(t.Elem()).Elem()
		if err := d.decode(e.value, val, kp, e.key, r.elem()); err != nil {
			return err
		}
		m.SetMapIndex(key, val)
	}
	v.Set(m)
	return nil
}

// list decodes a sequence into a new slice, which replaces v's.
func (d *decoder) list(n *yaml.Node, v reflect.Value, path string, at *yaml.Node, r rules) error {
	if isNull(n) {
		v.SetZero()
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return d.errAt(at, n, path, "expected a list, got "+describe(n))
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, el := range n.Content {
		if err := d.decode(el, s.Index(i), joinIndex(path, i), el, r.elem()); err != nil {
			return err
		}
	}
	v.Set(s)
	return nil
}

// scalar decodes a plain value into a bool, integer, float or string, and checks it
// against r. Any plain value is a string, as written; an integer may be written as a
// float with no fractional part (1e6).
func (d *decoder) scalar(n *yaml.Node, v reflect.Value, path string, at *yaml.Node, r rules) error {
	fail := func(msg string) error { return d.errAt(at, n, path, msg) }
	wrongType := func() error { return fail("expected " + expected(v.Type()) + ", got " + describe(n)) }
	if n.Kind != yaml.ScalarNode || isNull(n) {
		return wrongType()
	}
	tag := n.ShortTag()
	numeric := tag == "!!int" || tag == "!!float"
	switch v.Kind() {
	case reflect.Bool:
		var b bool
		if tag != "!!bool" || n.Decode(&b) != nil {
			return wrongType()
		}
		v.SetBool(b)
		return nil

	case reflect.String:
		if len(r.enum) > 0 && !slices.Contains(r.enum, n.Value) {
			return fail(fmt.Sprintf("must be one of %s; got %s", strings.Join(r.enum, ", "), describe(n)))
		}
		v.SetString(n.Value)
		return nil

	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if !numeric {
			return wrongType()
		}
		i, ok, integral := toInt(n)
		if !integral {
			return wrongType()
		}
		if !ok || v.OverflowInt(i) {
			return fail("expected " + expected(v.Type()) + ", got " + describe(n) + ", which is out of range")
		}
		if msg := outOfBounds(float64(i), n.Value, r); msg != "" {
			return fail(msg)
		}
		v.SetInt(i)
		return nil

	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if !numeric {
			return wrongType()
		}
		u, ok, integral := toUint(n)
		if !integral {
			return wrongType()
		}
		if !ok || v.OverflowUint(u) {
			return fail("expected " + expected(v.Type()) + ", got " + describe(n) + ", which is out of range")
		}
		if msg := outOfBounds(float64(u), n.Value, r); msg != "" {
			return fail(msg)
		}
		v.SetUint(u)
		return nil

	case reflect.Float32, reflect.Float64:
		var f float64
		if !numeric || n.Decode(&f) != nil {
			return wrongType()
		}
		if math.IsNaN(f) || math.IsInf(f, 0) || v.OverflowFloat(f) {
			return fail("expected a finite number, got " + describe(n))
		}
		if msg := outOfBounds(f, n.Value, r); msg != "" {
			return fail(msg)
		}
		if f == 0 {
			f = 0 // not -0, which would print differently in the canonical YAML
		}
		v.SetFloat(f)
		return nil
	}
	return fail("cannot decode into a field of type " + v.Type().String())
}

// Integers beyond these do not fit in an int64 and a uint64.
const (
	twoTo63 = 1 << 63
	twoTo64 = 1 << 64
)

// toInt reads an integer scalar: ok is false when it does not fit in an int64, and
// integral false when it is not an integer at all.
func toInt(n *yaml.Node) (i int64, ok, integral bool) {
	var x any
	if n.Decode(&x) != nil {
		return 0, false, false
	}
	switch x := x.(type) {
	case int:
		return int64(x), true, true
	case int64:
		return x, true, true
	case uint64:
		return 0, false, true
	case float64:
		if math.IsInf(x, 0) {
			return 0, false, true
		}
		if x != math.Trunc(x) { // also NaN
			return 0, false, false
		}
		if x < -twoTo63 || x >= twoTo63 {
			return 0, false, true
		}
		return int64(x), true, true
	}
	return 0, false, false
}

// toUint reads a non-negative integer scalar, as toInt.
func toUint(n *yaml.Node) (u uint64, ok, integral bool) {
	var x any
	if n.Decode(&x) != nil {
		return 0, false, false
	}
	switch x := x.(type) {
	case int:
		return uint64(x), x >= 0, true
	case int64:
		return uint64(x), x >= 0, true
	case uint64:
		return x, true, true
	case float64:
		if math.IsInf(x, 0) {
			return 0, false, true
		}
		if x != math.Trunc(x) {
			return 0, false, false
		}
		if x < 0 || x >= twoTo64 {
			return 0, false, true
		}
		return uint64(x), true, true
	}
	return 0, false, false
}

// outOfBounds returns the message for a number x (written as lit) outside r's bounds,
// or "".
func outOfBounds(x float64, lit string, r rules) string {
	below := r.min != nil && x < *r.min
	above := r.max != nil && x > *r.max
	switch {
	case !below && !above:
		return ""
	case r.min != nil && r.max != nil:
		return fmt.Sprintf("must be between %s and %s, got %s", r.minTag, r.maxTag, lit)
	case below:
		return fmt.Sprintf("must be at least %s, got %s", r.minTag, lit)
	default:
		return fmt.Sprintf("must be at most %s, got %s", r.maxTag, lit)
	}
}

// expected names what a value of type t is written as.
func expected(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "a non-negative integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Struct, reflect.Map:
		return "a mapping"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Pointer:
		return expected(t.Elem())
	}
	return t.String()
}

// describe names the value of node n for a message.
func describe(n *yaml.Node) string {
	n = resolve(n)
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!null":
			if n.Value == "" {
				return "no value"
			}
			return "null"
		case "!!str":
			return strconv.Quote(clip(n.Value))
		}
		return clip(n.Value)
	}
	return "nothing"
}

// clip shortens a long value for a message.
func clip(s string) string {
	const limit = 40
	if len(s) <= limit {
		return s
	}
	for i := range s {
		if i >= limit {
			return s[:i] + "..."
		}
	}
	return s
}

// resolve follows aliases to the node they name.
func resolve(n *yaml.Node) *yaml.Node {
	for range 100 {
		if n.Kind != yaml.AliasNode || n.Alias == nil {
			break
		}
		n = n.Alias
	}
	return n
}

// isNull reports whether n is a null (~, null or nothing at all).
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}
