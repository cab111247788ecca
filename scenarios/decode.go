package scenarios

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// decoder decodes a YAML node tree into Go values strictly, by reflection over the
// values' types and yaml struct tags, and reports problems as *Error.
type decoder struct {
	file string
	data []byte // the file's bytes, to place the parser's errors
	// set holds the nodes placed by --set overrides: their errors name the override.
	set map[*yaml.Node]bool
	// merged caches the entries of mappings, merges (<<) included, so that a mapping
	// merged many times is expanded once.
	merged map[*yaml.Node][]entry
	// root is the document's value, for conditions on its fields ("/design=lhs").
	root reflect.Value
	// checks are the structs decoded, in document order: their relations are checked
	// once the whole document is decoded.
	checks []*structCheck
	// places are where each decoded value was written, by address, for Doc.Errorf.
	places map[placeKey]place
}

func newDecoder(file string) *decoder {
	return &decoder{file: file, set: map[*yaml.Node]bool{}, merged: map[*yaml.Node][]entry{}, places: map[placeKey]place{}}
}

// placeKey identifies a decoded value: its address and type (a struct and its first
// field share an address).
type placeKey struct {
	addr uintptr
	typ  reflect.Type
}

// place is where a value was written: the key (or list element) and the value
// nodes, and its path. A value the file leaves out is placed at its struct. v keeps
// the value alive, so that its address is not reused.
type place struct {
	at, val *yaml.Node
	path    string
	v       reflect.Value
}

// record notes that the addressable value v is written at at (value node val).
func (d *decoder) record(v reflect.Value, at, val *yaml.Node, path string) {
	if v.CanAddr() {
		d.places[placeKey{v.Addr().Pointer(), v.Type()}] = place{at: at, val: val, path: path, v: v}
	}
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
	d.record(v, at, n, path)
	if err := d.decodeValue(n, v, path, at, r); err != nil {
		return err
	}
	if r.nonempty && v.Kind() != reflect.Pointer && isEmpty(v) {
		msg := r.msg
		if msg == "" {
			msg = emptyMessage(v, r)
		}
		return d.errAt(at, n, path, msg)
	}
	return nil
}

// decodeValue is decode without the check that a value is not empty.
func (d *decoder) decodeValue(n *yaml.Node, v reflect.Value, path string, at *yaml.Node, r rules) error {
	if v.Type() == numberType {
		return d.number(n, v, path, at, r)
	}
	switch v.Kind() {
	case reflect.Pointer:
		// A null leaves a pointer to a plain value unset; for a struct it is an
		// empty mapping, as for a struct that is not behind a pointer.
		if elem := v.Type().Elem(); isNull(n) && (elem.Kind() != reflect.Struct || elem == numberType) {
			v.SetZero()
			return nil
		}
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return d.decode(n, v.Elem(), path, at, r)
	case reflect.Struct:
		return d.structure(n, v, path, at, r)
	case reflect.Map:
		return d.mapping(n, v, path, at, r)
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Struct && keyOf(v.Type().Elem()) != nil {
			return d.keyed(n, v, path, at)
		}
		return d.list(n, v, path, at, r)
	}
	return d.scalar(n, v, path, at, r)
}

// structure decodes a mapping over the struct v field by field: fields the mapping
// does not name keep their value (the default), and so does a null, except in a list
// or map, where there is no default. The struct's relations are checked later.
func (d *decoder) structure(n *yaml.Node, v reflect.Value, path string, at *yaml.Node, r rules) error {
	if isNull(n) && r.element || !isNull(n) && n.Kind != yaml.MappingNode {
		return d.errAt(at, n, path, "expected a mapping, got "+describe(n))
	}
	c := &structCheck{v: v, path: path, at: at, keys: map[string]*yaml.Node{}, vals: map[string]*yaml.Node{}}
	d.checks = append(d.checks, c)
	if !isNull(n) {
		c.node = n
	}
	t := v.Type()
	defer func() {
		for _, f := range fieldsOf(t) {
			fat, fval := at, c.node
			if k := c.keys[f.name]; k != nil {
				fat, fval = k, c.vals[f.name]
			}
			d.record(v.FieldByIndex(f.index), fat, fval, joinKey(path, f.name))
		}
	}()
	if c.node == nil {
		return nil
	}
	es, err := d.entries(n, path)
	if err != nil {
		return err
	}
	for _, e := range es {
		name := resolve(e.key).Value
		f, ok := lookupField(t, name)
		if !ok {
			return d.errAt(e.key, e.value, joinKey(path, name), unknownField(t, name, path))
		}
		c.keys[name], c.vals[name] = e.key, e.value
		if err := d.decode(e.value, v.FieldByIndex(f.index), joinKey(path, name), e.key, f.rules); err != nil {
			return err
		}
	}
	return nil
}

// keyed decodes a mapping into a new slice of structs with a key field, in the
// mapping's order, which replaces v's.
func (d *decoder) keyed(n *yaml.Node, v reflect.Value, path string, at *yaml.Node) error {
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
	kf := keyOf(v.Type().Elem())
	s := reflect.MakeSlice(v.Type(), len(es), len(es))
	for i, e := range es {
		k := resolve(e.key)
		kp := joinKey(path, k.Value)
		el := s.Index(i)
		if err := d.scalar(k, el.FieldByIndex(kf.index), kp, e.key, kf.rules); err != nil {
			var se *Error
			if errors.As(err, &se) {
				se.Msg = "bad key: " + se.Msg
			}
			return err
		}
		if err := d.decode(e.value, el, kp, e.key, rules{element: true}); err != nil {
			return err
		}
	}
	v.Set(s)
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
		if r.pattern != nil {
			if tag != "!!str" {
				return wrongType() // a pattern is checked on strings only, as in the schema
			}
			if !r.pattern.MatchString(n.Value) {
				msg := r.msg
				if msg == "" {
					msg = "must match " + r.pattern.String()
				}
				return fail(msg + ", got " + describe(n))
			}
		}
		if l := utf8.RuneCountInString(n.Value); r.maxLen > 0 && l > r.maxLen {
			return fail(fmt.Sprintf("too long: %d characters, at most %d", l, r.maxLen))
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
		if err := d.bounds(float64(i), n, path, at, r); err != nil {
			return err
		}
		if msg := notMultiple(float64(i), n.Value, r); msg != "" {
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
		if err := d.bounds(float64(u), n, path, at, r); err != nil {
			return err
		}
		if msg := notMultiple(float64(u), n.Value, r); msg != "" {
			return fail(msg)
		}
		v.SetUint(u)
		return nil

	case reflect.Float32, reflect.Float64:
		f, err := d.float(n, v.Type(), path, at, r)
		if err != nil {
			return err
		}
		v.SetFloat(f)
		return nil
	}
	return fail("cannot decode into a field of type " + v.Type().String())
}

// float reads a finite number within r's bounds into a float of type t.
func (d *decoder) float(n *yaml.Node, t reflect.Type, path string, at *yaml.Node, r rules) (float64, error) {
	fail := func(msg string) error { return d.errAt(at, n, path, msg) }
	var f float64
	if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" && n.ShortTag() != "!!float" || n.Decode(&f) != nil {
		return 0, fail("expected " + expected(t) + ", got " + describe(n))
	}
	if math.IsNaN(f) || math.IsInf(f, 0) || t.Kind() == reflect.Float32 && math.Abs(f) > math.MaxFloat32 {
		return 0, fail("expected a finite number, got " + describe(n))
	}
	if err := d.bounds(f, n, path, at, r); err != nil {
		return 0, err
	}
	if msg := notMultiple(f, n.Value, r); msg != "" {
		return 0, fail(msg)
	}
	if f == 0 {
		f = 0 // not -0, which would print differently in the canonical YAML
	}
	return f, nil
}

// number decodes a number into a Number, noting whether it is written as an integer.
func (d *decoder) number(n *yaml.Node, v reflect.Value, path string, at *yaml.Node, r rules) error {
	f, err := d.float(n, v.Type(), path, at, r)
	if err != nil {
		return err
	}
	v.Set(reflect.ValueOf(Number{Value: f, Int: n.ShortTag() == "!!int"}))
	return nil
}

// notMultiple returns the message for a number x (written as lit) that is not a
// multiple of r's multipleOf, or "".
func notMultiple(x float64, lit string, r rules) string {
	switch {
	case r.multipleOf == 0 || math.Mod(x, r.multipleOf) == 0:
		return ""
	case r.multipleOf == 2:
		return "must be even, got " + lit
	}
	return fmt.Sprintf("must be a multiple of %g, got %s", r.multipleOf, lit)
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

// RangeError is the Err of an *Error for a number outside its field's bounds: the
// number and the bounds as written (Min or Max "" when there is none).
type RangeError struct {
	Value, Min, Max string
}

func (e *RangeError) Error() string {
	switch {
	case e.Min != "" && e.Max != "":
		return fmt.Sprintf("must be between %s and %s, got %s", e.Min, e.Max, e.Value)
	case e.Min != "":
		return fmt.Sprintf("must be at least %s, got %s", e.Min, e.Value)
	}
	return fmt.Sprintf("must be at most %s, got %s", e.Max, e.Value)
}

// bounds returns an *Error for a number x (node n) outside r's bounds, or nil.
func (d *decoder) bounds(x float64, n *yaml.Node, path string, at *yaml.Node, r rules) error {
	msg := outOfBounds(x, n.Value, r)
	if msg == "" {
		return nil
	}
	e := d.errAt(at, n, path, msg)
	e.Err = &RangeError{Value: n.Value, Min: r.minTag, Max: r.maxTag}
	return e
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
	case reflect.Struct:
		if t == numberType {
			return "a number"
		}
		return "a mapping"
	case reflect.Map:
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
