package scenarios

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

func TestSchema(t *testing.T) {
	data, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	again, err := Schema()
	if err != nil || !bytes.Equal(data, again) {
		t.Fatal("Schema is not deterministic")
	}
	var root map[string]any
	if err := json.Unmarshal(data, &root); err != nil {
		t.Fatalf("Schema is not valid JSON: %v", err)
	}
	// get follows a path of object keys through the schema.
	get := func(path ...string) any {
		var v any = root
		for _, k := range path {
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		}
		return v
	}
	tests := []struct {
		path []string
		want any
	}{
		{[]string{"$schema"}, "https://json-schema.org/draft/2020-12/schema"},
		{[]string{"type"}, "object"},
		{[]string{"additionalProperties"}, false},
		// Any plain value is a string, as written.
		{[]string{"properties", "name", "type"}, []any{"string", "number", "boolean"}},
		{[]string{"properties", "description", "type"}, []any{"string", "number", "boolean"}},
		{[]string{"properties", "members", "type"}, "integer"},
		{[]string{"properties", "members", "minimum"}, 1.0},
		{[]string{"properties", "members", "maximum"}, 1e8},
		{[]string{"properties", "members", "default"}, 1000.0},
		{[]string{"properties", "members", "description"}, "members at the start"},
		{[]string{"properties", "seed", "minimum"}, 0.0},
		{[]string{"properties", "seed", "maximum"}, float64(1<<64 - 1)},
		{[]string{"properties", "ticks", "maximum"}, 100000.0},
		{[]string{"properties", "model", "enum"}, []any{"economy", "random_exchange"}},
		{[]string{"properties", "issuance", "additionalProperties"}, false},
		{[]string{"properties", "issuance", "properties", "foundation_share", "type"}, "number"},
		{[]string{"properties", "issuance", "properties", "foundation_share", "minimum"}, 0.0},
		{[]string{"properties", "issuance", "properties", "foundation_share", "maximum"}, 1.0},
		{[]string{"properties", "issuance", "properties", "foundation_share", "description"}, "share of new tokens to the Foundation"},
		{[]string{"properties", "sectors", "type"}, []any{"array", "null"}},
		// A null for a struct means its defaults; in a list there are none.
		{[]string{"properties", "issuance", "type"}, []any{"object", "null"}},
		{[]string{"properties", "sectors", "items", "type"}, "object"},
		// The relations of agents.Config.Validate that a schema can state.
		{[]string{"allOf"}, []any{map[string]any{
			"if":   map[string]any{"properties": map[string]any{"model": map[string]any{"const": "economy"}}},
			"then": map[string]any{"properties": map[string]any{"sectors": map[string]any{"type": "array", "minItems": 1.0}}, "required": []any{"sectors"}},
		}}},
		{[]string{"properties", "coops", "x-copex-order"}, []any{map[string]any{"property": "workers_min", "atMost": "workers_max"}}},
		{[]string{"properties", "issuance", "allOf"}, []any{map[string]any{
			"if":   map[string]any{"properties": map[string]any{"formula": map[string]any{"const": "expression"}}, "required": []any{"formula"}},
			"then": map[string]any{"properties": map[string]any{"expression": map[string]any{"minLength": 1.0}}, "required": []any{"expression"}},
		}}},
		{[]string{"properties", "sectors", "items", "properties", "base_price", "minimum"}, 0.000001},
		{[]string{"properties", "sectors", "items", "properties", "inputs", "additionalProperties", "maximum"}, 1.0},
		{[]string{"properties", "coops", "properties", "types", "propertyNames", "enum"},
			[]any{"worker", "producer", "consumer", "multi_stakeholder"}},
		{[]string{"properties", "coops", "properties", "types", "additionalProperties", "type"}, "number"},
		{[]string{"properties", "founding_coops", "items", "properties", "growth", "propertyNames", "pattern"}, "^-?[0-9]+$"},
		{[]string{"properties", "fixed", "properties", "prices", "type"}, "boolean"},
	}
	for _, tt := range tests {
		if got := get(tt.path...); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%v = %#v, want %#v", tt.path, got, tt.want)
		}
	}
}
