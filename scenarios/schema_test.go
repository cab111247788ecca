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
		{[]string{"properties", "name", "type"}, "string"},
		{[]string{"properties", "description", "type"}, "string"},
		{[]string{"properties", "members", "type"}, "integer"},
		{[]string{"properties", "members", "minimum"}, 1.0},
		{[]string{"properties", "members", "maximum"}, 1e8},
		{[]string{"properties", "members", "default"}, 1000.0},
		{[]string{"properties", "members", "description"}, "members at the start"},
		{[]string{"properties", "seed", "minimum"}, 0.0},
		{[]string{"properties", "model", "enum"}, []any{"economy", "random_exchange"}},
		{[]string{"properties", "issuance", "additionalProperties"}, false},
		{[]string{"properties", "issuance", "properties", "foundation_share", "type"}, "number"},
		{[]string{"properties", "issuance", "properties", "foundation_share", "minimum"}, 0.0},
		{[]string{"properties", "issuance", "properties", "foundation_share", "maximum"}, 1.0},
		{[]string{"properties", "issuance", "properties", "foundation_share", "description"}, "share of new tokens to the Foundation"},
		{[]string{"properties", "sectors", "type"}, "array"},
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
