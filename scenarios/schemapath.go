package scenarios

import (
	"encoding/json"
	"strings"
	"sync"
)

// decodedSchema is the scenario format's JSON Schema, decoded once (nil if it cannot
// be made).
var decodedSchema = sync.OnceValue(func() map[string]any {
	b, err := Schema()
	if err != nil {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	return m
})

// FieldSchema returns the JSON Schema of the scenario field at a path such as
// sectors[0].base_price or issuance.foundation_share, and whether the schema has one:
// what a sweep or a tuning asks of a field it varies (its type, its values).
func FieldSchema(path string) (map[string]any, bool) {
	node := decodedSchema()
	if node == nil {
		return nil, false
	}
	for _, part := range strings.Split(path, ".") {
		key, rest, _ := strings.Cut(part, "[")
		props, _ := node["properties"].(map[string]any)
		next, ok := props[key].(map[string]any)
		if !ok {
			if next, ok = node["additionalProperties"].(map[string]any); !ok {
				return nil, false
			}
		}
		node = next
		for ; rest != ""; _, rest, _ = strings.Cut(rest, "[") {
			if node, ok = node["items"].(map[string]any); !ok {
				return nil, false
			}
		}
	}
	return node, true
}

// SchemaTypes returns the JSON Schema types a field's schema allows ("integer",
// "number", "string", ...; "null" left out).
func SchemaTypes(node map[string]any) []string {
	types, ok := node["type"].([]any)
	if !ok {
		types = []any{node["type"]}
	}
	var out []string
	for _, t := range types {
		if t, ok := t.(string); ok && t != "null" {
			out = append(out, t)
		}
	}
	return out
}
