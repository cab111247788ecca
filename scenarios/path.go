package scenarios

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// step is one step of a field path: a key, or an index into a list.
type step struct {
	key     string
	index   int
	isIndex bool
}

// parsePath splits a dotted path with list indices, such as "sectors[0].inputs.energy",
// into its steps.
func parsePath(s string) ([]step, error) {
	if s == "" {
		return nil, errors.New("empty path")
	}
	var steps []step
	for i := 0; ; {
		j := i
		for j < len(s) && !strings.ContainsRune(".[]", rune(s[j])) {
			j++
		}
		if j == i {
			return nil, fmt.Errorf("missing name before %q", s[i:])
		}
		steps = append(steps, step{key: s[i:j]})
		for j < len(s) && s[j] == '[' {
			end := strings.IndexByte(s[j:], ']')
			if end < 0 {
				return nil, fmt.Errorf("unclosed [ in %q", s[j:])
			}
			digits := s[j+1 : j+end]
			idx, err := strconv.Atoi(digits)
			if err != nil || digits == "" || strings.Trim(digits, "0123456789") != "" {
				return nil, fmt.Errorf("bad list index %q", digits)
			}
			steps = append(steps, step{index: idx, isIndex: true})
			j += end + 1
		}
		switch {
		case j == len(s):
			return steps, nil
		case s[j] != '.':
			return nil, fmt.Errorf("unexpected %q", s[j:])
		}
		i = j + 1
	}
}

// formatPath joins steps back into a path.
func formatPath(steps []step) string {
	var p string
	for _, s := range steps {
		if s.isIndex {
			p = joinIndex(p, s.index)
		} else {
			p = joinKey(p, s.key)
		}
	}
	return p
}

// locate follows steps from the root mapping: it returns the deepest mapping key or
// list element found along the way, and its value; at is nil when not even the first
// step is in the tree.
func (d *decoder) locate(root *yaml.Node, steps []step) (at, val *yaml.Node) {
	cur := root
	for _, s := range steps {
		cur = resolve(cur)
		var next, key *yaml.Node
		switch {
		case s.isIndex && cur.Kind == yaml.SequenceNode && s.index < len(cur.Content):
			next, key = cur.Content[s.index], cur.Content[s.index]
		case !s.isIndex && cur.Kind == yaml.MappingNode:
			es, err := d.entries(cur, "")
			if err != nil {
				return at, val
			}
			for _, e := range es {
				if resolve(e.key).Value == s.key {
					next, key = e.value, e.key
					break
				}
			}
		}
		if next == nil {
			return at, val
		}
		at, val, cur = key, next, next
	}
	return at, val
}
