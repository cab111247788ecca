package scenarios

import (
	"fmt"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// applySet applies one override, PATH=VALUE, to the tree at *root (the document's
// mapping, which it may replace by a copy), whose Go type and defaults are def's. The path is checked against the type;
// keys the file does not have are added, maps and lists with their default contents, so
// that "coops.types.worker=0.7" changes one share and keeps the others. The value
// replaces whatever the file had and is checked later, when the tree is decoded.
func (d *decoder) applySet(root **yaml.Node, def reflect.Value, set string) error {
	path, raw, ok := strings.Cut(set, "=")
	path = strings.TrimSpace(path)
	fail := func(msg string) error { return &Error{File: SetFile, Path: path, Msg: msg} }
	if !ok {
		return fail("expected PATH=VALUE")
	}
	steps, err := parsePath(path)
	if err != nil {
		return fail("bad path: " + err.Error())
	}
	slot := root
	t := def.Type()
	for i, s := range steps {
		prefix := formatPath(steps[:i])
		for t.Kind() == reflect.Pointer {
			t, def = t.Elem(), reflect.Value{}
		}
		switch t.Kind() {
		case reflect.Struct:
			if s.isIndex {
				return fail(prefix + " is a mapping, not a list")
			}
			f, ok := lookupField(t, s.key)
			if !ok {
				return fail(unknownField(t, s.key, prefix))
			}
			n, err := d.container(slot, yaml.MappingNode, prefix)
			if err != nil {
				return err
			}
			fieldDef := reflect.Value{}
			if def.IsValid() {
				fieldDef = def.FieldByIndex(f.index)
			}
			slot = d.child(n, s.key, nil, func() *yaml.Node { return d.fresh(f.typ, fieldDef) })
			t, def = f.typ, fieldDef
		case reflect.Map:
			if s.isIndex {
				return fail(prefix + " is a mapping, not a list")
			}
			n, err := d.container(slot, yaml.MappingNode, prefix)
			if err != nil {
				return err
			}
			elem := t.Elem()
			slot = d.child(n, s.key, t.Key(), func() *yaml.Node { return d.fresh(elem, reflect.Value{}) })
			t, def = elem, reflect.Value{}
		case reflect.Slice:
			if !s.isIndex {
				return fail(fmt.Sprintf("%s is a list: index it, as in %s[0]", prefix, prefix))
			}
			n, err := d.container(slot, yaml.SequenceNode, prefix)
			if err != nil {
				return err
			}
			if s.index >= len(n.Content) {
				return fail(fmt.Sprintf("index %d is out of range: %s has %d elements", s.index, prefix, len(n.Content)))
			}
			slot = &n.Content[s.index]
			t, def = t.Elem(), reflect.Value{}
		default:
			want := "a mapping"
			if s.isIndex {
				want = "a list"
			}
			return fail(fmt.Sprintf("%s is %s, not %s", prefix, expected(t), want))
		}
	}
	v, err := valueNode(raw, t)
	if err != nil {
		return fail(err.Error())
	}
	d.mark(v)
	*slot = v
	return nil
}

// container makes the node in slot a mapping or list that an override may change, and
// returns it. An alias or anchored node is copied first, so that the override changes
// this place only; a null becomes an empty collection; a node of another kind is an
// error in the file.
func (d *decoder) container(slot **yaml.Node, kind yaml.Kind, path string) (*yaml.Node, error) {
	n := *slot
	switch {
	case n.Kind == yaml.AliasNode:
		n = copyTree(resolve(n))
	case n.Anchor != "":
		n = copyTree(n)
	case isNull(n):
		n = &yaml.Node{Kind: kind}
		d.set[n] = true
	}
	*slot = n
	if n.Kind != kind {
		want := "a mapping"
		if kind == yaml.SequenceNode {
			want = "a list"
		}
		return nil, d.errAt(n, n, path, "expected "+want+", got "+describe(n))
	}
	return n, nil
}

// child returns the slot of the value of key name in mapping n, adding the key (with
// fresh's node) when n has it neither itself nor through a merge. keyType is the Go
// type of a map's keys, to match keys by value (04 is 4), or nil for a struct's fields.
func (d *decoder) child(n *yaml.Node, name string, keyType reflect.Type, fresh func() *yaml.Node) **yaml.Node {
	match := func(k *yaml.Node) bool { return sameKey(resolve(k), name, keyType) }
	for i := 0; i+1 < len(n.Content); i += 2 {
		if match(n.Content[i]) && resolve(n.Content[i]).ShortTag() != "!!merge" {
			return &n.Content[i+1]
		}
	}
	val := (*yaml.Node)(nil)
	if es, err := d.entries(n, ""); err == nil {
		for _, e := range es {
			if match(e.key) {
				val = copyTree(resolve(e.value)) // from a merge: make it this mapping's own
				break
			}
		}
	}
	key := &yaml.Node{Kind: yaml.ScalarNode, Value: name}
	d.set[key] = true
	if val == nil {
		val = fresh()
	}
	delete(d.merged, n)
	n.Content = append(n.Content, key, val)
	return &n.Content[len(n.Content)-1]
}

// sameKey reports whether key node k names name: as written or, for a map with keys
// of type keyType, as the same value.
func sameKey(k *yaml.Node, name string, keyType reflect.Type) bool {
	if k.Kind != yaml.ScalarNode {
		return false
	}
	if k.Value == name || keyType == nil {
		return k.Value == name
	}
	a, b := reflect.New(keyType), reflect.New(keyType)
	other := &yaml.Node{Kind: yaml.ScalarNode, Value: name}
	if k.Decode(a.Interface()) != nil || other.Decode(b.Interface()) != nil {
		return false
	}
	return a.Elem().Equal(b.Elem())
}

// fresh returns the node for a key an override adds: a map or list with the default
// contents def (when there is one), an empty mapping for a struct (whose fields keep
// their defaults), or a null that the override's value replaces.
func (d *decoder) fresh(t reflect.Type, def reflect.Value) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}
	switch t.Kind() {
	case reflect.Struct:
		n = &yaml.Node{Kind: yaml.MappingNode}
	case reflect.Map, reflect.Slice:
		n = &yaml.Node{Kind: yaml.MappingNode}
		if t.Kind() == reflect.Slice {
			n.Kind = yaml.SequenceNode
		}
		if def.IsValid() && def.Len() > 0 {
			var enc yaml.Node
			if enc.Encode(def.Interface()) == nil && enc.Kind == n.Kind {
				n = &enc
			}
		}
	}
	d.mark(n)
	return n
}

// valueNode parses an override's value: as YAML (a scalar, or a flow mapping or list),
// or as it is for a string.
func valueNode(raw string, t reflect.Type) (*yaml.Node, error) {
	if t.Kind() == reflect.String {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: raw}, nil
	}
	var doc yaml.Node
	if err := safely(func() error { return yaml.Unmarshal([]byte(raw), &doc) }); err != nil {
		return nil, fmt.Errorf("bad value %q: %s", clip(raw), strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}, nil
	}
	return doc.Content[0], nil
}

// mark records the nodes of tree n as placed by an override.
func (d *decoder) mark(n *yaml.Node) {
	d.set[n] = true
	for _, c := range n.Content {
		d.mark(c)
	}
}

// copyTree copies the tree at n (aliases in it still point to their anchors), without
// n's anchor.
func copyTree(n *yaml.Node) *yaml.Node {
	c := *n
	c.Anchor = ""
	if n.Content != nil {
		c.Content = make([]*yaml.Node, len(n.Content))
		for i, child := range n.Content {
			c.Content[i] = copyTree(child)
		}
	}
	return &c
}

// safely runs f, turning a panic (in the YAML parser) into an error.
func safely(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: internal error: %v", r)
		}
	}()
	return f()
}
