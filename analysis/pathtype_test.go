package analysis

import "testing"

// TestPathType checks the scenario field types that tune and screen files may vary,
// as the scenarios' JSON Schema gives them.
func TestPathType(t *testing.T) {
	for path, want := range map[string]string{
		"members":                   "integer",
		"ticks":                     "integer",
		"issuance.foundation_share": "number",
		"issuance.smoothing":        "number",
		"sectors[0].base_price":     "number",
		"name":                      "a string",
		"issuance.expression":       "a string",
		"issuance.formula":          "one of increase_only, monthly_projection, smoothed, expression, none",
		"sectors[1].inputs.energy":  "number",
		"fixed.prices":              "true or false",
		"no.such.path":              "",
	} {
		if got := pathType(path); got != want {
			t.Errorf("pathType(%q) = %q, want %q", path, got, want)
		}
	}
}
