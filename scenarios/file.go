package scenarios

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// Number is a number in a file that also tells whether it was written as an integer
// (6, not 6.0 or 6e0), for the fields where that matters.
type Number struct {
	Value float64
	Int   bool
}

var numberType = reflect.TypeFor[Number]()

// FileKind is implemented by the Go type of a file to name its kind in messages
// ("empty sweep file"). A type without it is a "YAML file".
type FileKind interface {
	FileKind() string
}

// Doc is a decoded file: it places the problems found after decoding at the line of
// the field at fault, with the file's name and the field's path, as the decoder does.
type Doc struct {
	d    *decoder
	root *yaml.Node
}

// Decode decodes the YAML document data, read from file (used in messages), into v,
// a pointer to a struct whose fields hold their defaults. It is strict, as Parse is
// for scenarios: data must be a single YAML document holding a mapping; a key that
// names no field, a key given twice, a value of the wrong type, outside the field's
// bounds (min and max tags) or allowed values (enum, keys, pattern, multipleof), a
// relation its tags state and the value breaks (required, only, nonempty, oneof,
// anyof, atmost, atleast, above), a tab in the indentation and a YAML syntax error
// are each an *Error naming the file, the line and the field's path. A field the
// document leaves out keeps its value; a map or list in the document replaces the
// field's. Every error Decode returns is an *Error.
//
// The same struct tags give the file type's JSON Schema (SchemaOf).
func Decode(file string, data []byte, v any) (*Doc, error) {
	return decodeWith(file, data, v, nil)
}

// decodeWith is Decode with the overrides sets (PATH=VALUE) applied to the document
// first.
func decodeWith(file string, data []byte, v any, sets []string) (*Doc, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		panic(fmt.Sprintf("scenarios: Decode into %T, not a pointer to a struct", v))
	}
	d := newDecoder(file)
	d.data = data
	root, err := d.parse(data, kindOf(v))
	if err != nil {
		return nil, err
	}
	if len(sets) > 0 {
		def := reflect.New(rv.Elem().Type()).Elem()
		def.Set(rv.Elem())
		for _, s := range sets {
			if err := d.applySet(&root, def, s); err != nil {
				return nil, err
			}
		}
		clear(d.merged)
	}
	d.root = rv.Elem()
	if err := d.decode(root, rv.Elem(), "", root, rules{}); err != nil {
		return nil, err
	}
	if err := d.checkRelations(); err != nil {
		return nil, err
	}
	return &Doc{d: d, root: root}, nil
}

// kindOf names the kind of file that v decodes.
func kindOf(v any) string {
	if k, ok := v.(FileKind); ok {
		return k.FileKind()
	}
	return "YAML file"
}

// File returns the name of the file.
func (doc *Doc) File() string { return doc.d.file }

// Errorf returns an *Error for a problem with field, a pointer to a value that Decode
// wrote (&cfg.Replicates, &cfg.Params[2].Max) or nil for the whole document: at the
// line of its key or list element, or of its struct when the file leaves it out, and
// with its path. The message is formatted as fmt.Errorf does, and an error it wraps
// with %w is the *Error's Err.
func (doc *Doc) Errorf(field any, format string, args ...any) *Error {
	wrapped := fmt.Errorf(format, args...)
	var e *Error
	if p, ok := doc.place(field); ok {
		e = doc.d.errAt(p.at, p.val, p.path, wrapped.Error())
	} else {
		e = doc.d.errAt(doc.root, doc.root, "", wrapped.Error())
	}
	e.Err = errors.Unwrap(wrapped)
	return e
}

// Line returns the line of field (as for Errorf), or 0 when it has none.
func (doc *Doc) Line(field any) int {
	return doc.Errorf(field, "").Line
}

// place finds where field was written.
func (doc *Doc) place(field any) (place, bool) {
	if field == nil {
		return place{}, false
	}
	v := reflect.ValueOf(field)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return place{}, false
	}
	p, ok := doc.d.places[placeKey{v.Pointer(), v.Type().Elem()}]
	return p, ok
}

// TopKeys returns the keys at the top of the YAML mapping in data, each with the kind
// of its value: "mapping", "list" or "value". It is nil when data is not a single YAML
// document holding a mapping. It tells one kind of file from another; it checks
// nothing else.
func TopKeys(data []byte) map[string]string {
	d := newDecoder("")
	d.data = data
	root, err := d.parse(data, "")
	if err != nil {
		return nil
	}
	es, err := d.entries(root, "")
	if err != nil {
		return nil
	}
	keys := map[string]string{}
	for _, e := range es {
		kind := "value"
		switch resolve(e.value).Kind {
		case yaml.MappingNode:
			kind = "mapping"
		case yaml.SequenceNode:
			kind = "list"
		}
		keys[resolve(e.key).Value] = kind
	}
	return keys
}

// DecodeFile reads the file at path and decodes it into v, as Decode; it also returns
// the file's bytes. A file that cannot be read is an *Error too.
func DecodeFile(path string, v any) (*Doc, []byte, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	doc, err := Decode(path, data, v)
	return doc, data, err
}

// LoadBase loads the base scenario that a file names in the field *name: an embedded
// scenario, or a file taken relative to the file's folder unless its path is
// absolute, with the overrides in the field *set. It returns the scenario as
// resolved (an embedded name or a path) and the scenario. An error is placed at the
// override at fault, or else at the scenario's name.
func (doc *Doc) LoadBase(name *string, set *[]string) (string, *Scenario, error) {
	resolved := *name
	if _, ok := Embedded(resolved); !ok && !filepath.IsAbs(resolved) {
		resolved = filepath.Join(filepath.Dir(doc.File()), resolved)
	}
	sc, err := Load(resolved, *set)
	if err != nil {
		return resolved, nil, doc.Errorf(doc.SetAt(set, err, name), "%w", err)
	}
	return resolved, sc, nil
}

// SetAt returns the element of the overrides *set that err, an error of Load or Parse
// with those overrides, is about, or else otherwise.
func (doc *Doc) SetAt(set *[]string, err error, otherwise any) any {
	var se *Error
	if !errors.As(err, &se) || se.File != SetFile {
		return otherwise
	}
	for i, s := range *set {
		if p, _, _ := strings.Cut(s, "="); strings.TrimSpace(p) == se.Path {
			return &(*set)[i]
		}
	}
	return set
}
