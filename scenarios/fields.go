package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// field is a settable field of a struct in a file, found by reflection.
type field struct {
	name     string // YAML name
	jsonName string // JSON name, for the schema
	index    []int  // for reflect.Value.FieldByIndex (through inline structs)
	typ      reflect.Type
	rules    rules
	rel      relation
}

// rules are a value's constraints and documentation, from its field's struct tags. On
// a map or a list, min, max, enum, pattern and multipleof constrain the elements, and
// keys the map keys.
type rules struct {
	min, max       *float64
	minTag, maxTag string   // as written, for messages
	enum           []string // allowed values of a string
	keys           []string // allowed keys of a map
	pattern        *regexp.Regexp
	multipleOf     float64 // 0: none
	maxLen         int     // most characters of a string (0: no limit)
	doc            string
	msg            string // the message for a failed pattern, nonempty or needed, if not the usual one
	nonempty       bool   // a value given is not empty (a list, map or string) or 0
	// element is set for the elements of a list or map, which have no default: a null
	// there is not "the default".
	element bool
}

// elem returns the rules that apply to the elements of a map or list.
func (r rules) elem() rules {
	return rules{min: r.min, max: r.max, minTag: r.minTag, maxTag: r.maxTag, enum: r.enum,
		pattern: r.pattern, multipleOf: r.multipleOf, maxLen: r.maxLen, msg: r.msg, element: true}
}

// relation is what a field's tags say about it within its struct, checked once the
// whole document is decoded (see checkRelations) and written into the schema:
//
//	required:"true"          the key must be given
//	required:"design=lhs"    ... when the sibling design is lhs ("/design": the document's)
//	only:"design=lhs"        the key may be given only then
//	needed:"true"            the value (after defaults) is not empty, or not 0 for a number;
//	needed:"model=economy"   ... when the condition holds (a nil pointer is left alone)
//	oneof:"GROUP"            exactly one field of the group is given
//	anyof:"GROUP"            at least one field of the group is not 0
//	atmost:"max"             the value is at most the sibling's (both numbers);
//	atleast:"min", above:"min" likewise
//	when:"mode=x"            the comparisons apply only when the condition holds
//	was:"sets"               the field's old name, refused with a pointer to the new one
//	msg:"..."                the message for needed (and for the rules nonempty and pattern)
//
// The rule nonempty:"true" is checked on the value given, as min and max are.
type relation struct {
	required, only, needed *cond
	oneof, anyof           string
	atmost, atleast, above string
	when                   *cond
	was                    string
}

// cond is a condition on a field's value: field (of the same struct, or of the
// document when root) written as value. A cond with no field always holds.
type cond struct {
	root         bool
	field, value string
}

// String writes c for messages: "design is lhs".
func (c *cond) String() string { return c.field + " is " + c.value }

// keyField is a struct with a field tagged yaml:",key": a list of it is written as a
// mapping, in order, each key going into that field.
type keyField struct {
	index []int
	typ   reflect.Type
	rules rules
}

// structInfo is what fieldsOf finds in a struct type.
type structInfo struct {
	fields []field
	key    *keyField
}

var structFields sync.Map // reflect.Type -> *structInfo

// fieldsOf returns the YAML fields of struct type t, in declaration order, with the
// fields of inline structs (yaml:",inline") in place. A malformed tag is a programming
// error and panics.
func fieldsOf(t reflect.Type) []field { return infoOf(t).fields }

// keyOf returns the key field of struct type t, if it has one.
func keyOf(t reflect.Type) *keyField { return infoOf(t).key }

func infoOf(t reflect.Type) *structInfo {
	if si, ok := structFields.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{}
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if opts == "inline" && sf.Type.Kind() == reflect.Struct {
			for _, f := range fieldsOf(sf.Type) {
				f.index = append([]int{i}, f.index...)
				si.fields = append(si.fields, f)
			}
			continue
		}
		if opts == "key" {
			si.key = &keyField{index: []int{i}, typ: sf.Type, rules: rulesOf(t, sf.Name, sf.Tag)}
			continue
		}
		if name == "" {
			name = strings.ToLower(sf.Name)
		}
		jsonName, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if jsonName == "" || jsonName == "-" {
			jsonName = name
		}
		tag := sf.Tag
		if extra := extraTags[t][name]; extra != "" {
			tag = reflect.StructTag(string(tag) + " " + extra)
		}
		si.fields = append(si.fields, field{name: name, jsonName: jsonName, index: []int{i}, typ: sf.Type,
			rules: rulesOf(t, sf.Name, tag), rel: relationOf(t, sf.Name, tag)})
	}
	checkRelationTags(t, si.fields)
	actual, _ := structFields.LoadOrStore(t, si)
	return actual.(*structInfo)
}

func rulesOf(t reflect.Type, name string, tag reflect.StructTag) rules {
	bad := func(what, val string) {
		panic(fmt.Sprintf("scenarios: %s.%s: bad %s %q", t, name, what, val))
	}
	r := rules{doc: tag.Get("doc"), msg: tag.Get("msg"), minTag: tag.Get("min"), maxTag: tag.Get("max")}
	switch s, ok := tag.Lookup("nonempty"); {
	case s == "true":
		r.nonempty = true
	case ok:
		bad("nonempty", s)
	}
	bound := func(s string) *float64 {
		if s == "" {
			return nil
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(f) {
			bad("bound", s)
		}
		return &f
	}
	r.min, r.max = bound(r.minTag), bound(r.maxTag)
	if s := tag.Get("enum"); s != "" {
		r.enum = strings.Split(s, ",")
	}
	if s := tag.Get("keys"); s != "" {
		r.keys = strings.Split(s, ",")
	}
	if s := tag.Get("pattern"); s != "" {
		re, err := regexp.Compile(s)
		if err != nil {
			bad("pattern", s)
		}
		r.pattern = re
	}
	if s := tag.Get("multipleof"); s != "" {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || !(f > 0) || math.IsInf(f, 0) {
			bad("multipleof", s)
		}
		r.multipleOf = f
	}
	if s := tag.Get("maxlen"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			bad("maxlen", s)
		}
		r.maxLen = n
	}
	return r
}

func relationOf(t reflect.Type, name string, tag reflect.StructTag) relation {
	condOf := func(key string) *cond {
		s, ok := tag.Lookup(key)
		switch {
		case !ok:
			return nil
		case s == "true":
			return &cond{}
		}
		f, v, ok := strings.Cut(s, "=")
		c := &cond{field: strings.TrimPrefix(f, "/"), value: v, root: strings.HasPrefix(f, "/")}
		if !ok || c.field == "" {
			panic(fmt.Sprintf("scenarios: %s.%s: bad condition %s:%q (want true or FIELD=VALUE)", t, name, key, s))
		}
		return c
	}
	return relation{required: condOf("required"), only: condOf("only"), needed: condOf("needed"), when: condOf("when"),
		oneof: tag.Get("oneof"), anyof: tag.Get("anyof"),
		atmost: tag.Get("atmost"), atleast: tag.Get("atleast"), above: tag.Get("above"),
		was: tag.Get("was")}
}

// checkRelationTags panics when a relation of a field of t names a sibling t lacks.
func checkRelationTags(t reflect.Type, fs []field) {
	has := func(name string) bool {
		for _, f := range fs {
			if f.name == name {
				return true
			}
		}
		return false
	}
	for _, f := range fs {
		for _, c := range []*cond{f.rel.required, f.rel.only, f.rel.needed, f.rel.when} {
			if c != nil && c.field != "" && !c.root && !has(c.field) {
				panic(fmt.Sprintf("scenarios: %s.%s: condition on unknown field %q", t, f.name, c.field))
			}
		}
		for _, o := range []string{f.rel.atmost, f.rel.atleast, f.rel.above} {
			if o != "" && !has(o) {
				panic(fmt.Sprintf("scenarios: %s.%s: comparison with unknown field %q", t, f.name, o))
			}
		}
	}
}

// lookupField returns the field of struct type t with the YAML name name.
func lookupField(t reflect.Type, name string) (field, bool) {
	for _, f := range fieldsOf(t) {
		if f.name == name {
			return f, true
		}
	}
	return field{}, false
}

// knownFields returns the YAML names of struct type t, sorted.
func knownFields(t reflect.Type) string {
	fs := fieldsOf(t)
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// unknownField is the message for a key that names no field of struct type t; parent
// is the dotted path of the struct ("" at the top). A key that is a field's old name
// says what it is called now.
func unknownField(t reflect.Type, name, parent string) string {
	for _, f := range fieldsOf(t) {
		if f.rel.was == name {
			return fmt.Sprintf("unknown field %q: write %s: instead", name, f.name)
		}
	}
	in := ""
	if parent != "" {
		in = " in " + parent
	}
	return fmt.Sprintf("unknown field %q%s (known: %s)", name, in, knownFields(t))
}

// joinKey appends a key to a dotted path.
func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// joinIndex appends a list index to a path.
func joinIndex(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}
