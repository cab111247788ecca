package analysis

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A runs.csv written with copex sweep --plain-names reads back under the columns' own
// names, from the plain_names of the manifest.json beside it; without the manifest it
// is refused with a hint.
func TestReadRunsFilePlainNames(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "runs.csv")
	csv := "run,point,replicate,seed,issuance_foundation_share,last_price_index\np0000-r00,0,0,5,0.1,1.2\np0000-r01,0,1,6,0.1,1.4\n"
	if err := os.WriteFile(in, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadRunsFile(in); err == nil || !strings.Contains(err.Error(), "need the sweep's manifest.json") {
		t.Errorf("ReadRunsFile without a manifest = %v, want the plain-names hint", err)
	}
	manifest := `{"runs_columns": ["run", "point", "replicate", "seed", "issuance_foundation_share", "last_price_index"],
 "plain_names": {"issuance_foundation_share": "issuance.foundation_share", "last_price_index": "last(price_index)"}}`
	if err := os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := ReadRunsFile(in)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Params, []string{"issuance.foundation_share"}) || !slices.Equal(r.Metrics, []string{"last(price_index)"}) || len(r.Rows) != 2 {
		t.Errorf("ReadRunsFile = params %v, metrics %v, %d rows; want the own names and 2 rows", r.Params, r.Metrics, len(r.Rows))
	}
}
