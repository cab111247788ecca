package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// field is a settable field of a struct in a scenario, found by reflection.
type field struct {
	name     string // YAML name
	jsonName string // JSON name, for the schema
	index    []int  // for reflect.Value.FieldByIndex (through inline structs)
	typ      reflect.Type
	rules    rules
}

// rules are a field's constraints and documentation, from its struct tags. On a map or
// a list, min, max and enum constrain the elements, and keys the map keys.
type rules struct {
	min, max       *float64
	minTag, maxTag string   // as written, for messages
	enum           []string // allowed values of a string
	keys           []string // allowed keys of a map
	doc            string
}

// elem returns the rules that apply to the elements of a map or list.
func (r rules) elem() rules {
	return rules{min: r.min, max: r.max, minTag: r.minTag, maxTag: r.maxTag, enum: r.enum}
}

var structFields sync.Map // reflect.Type -> []field

// fieldsOf returns the YAML fields of struct type t, in declaration order, with the
// fields of inline structs (yaml:",inline") in place. A malformed min or max tag is a
// programming error and panics.
func fieldsOf(t reflect.Type) []field {
	if fs, ok := structFields.Load(t); ok {
		return fs.([]field)
	}
	var fs []field
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
				fs = append(fs, f)
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(sf.Name)
		}
		jsonName, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if jsonName == "" || jsonName == "-" {
			jsonName = name
		}
		fs = append(fs, field{name: name, jsonName: jsonName, index: []int{i}, typ: sf.Type, rules: rulesOf(t, sf)})
	}
	structFields.Store(t, fs)
	return fs
}

func rulesOf(t reflect.Type, sf reflect.StructField) rules {
	r := rules{doc: sf.Tag.Get("doc"), minTag: sf.Tag.Get("min"), maxTag: sf.Tag.Get("max")}
	bound := func(tag string) *float64 {
		if tag == "" {
			return nil
		}
		f, err := strconv.ParseFloat(tag, 64)
		if err != nil || math.IsNaN(f) {
			panic(fmt.Sprintf("scenarios: %s.%s: bad bound %q", t, sf.Name, tag))
		}
		return &f
	}
	r.min, r.max = bound(r.minTag), bound(r.maxTag)
	if s := sf.Tag.Get("enum"); s != "" {
		r.enum = strings.Split(s, ",")
	}
	if s := sf.Tag.Get("keys"); s != "" {
		r.keys = strings.Split(s, ",")
	}
	return r
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
// is the dotted path of the struct ("" at the top).
func unknownField(t reflect.Type, name, parent string) string {
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
