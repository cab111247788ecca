package sweep

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// parquetColumn is a column of a Parquet file as a reader sees it: its name, physical
// type and logical type (if any).
type parquetColumn struct {
	Name, Kind, Logical string
}

// readParquetColumns opens a Parquet file and returns its columns in file order and
// its first row.
func readParquetColumns(t *testing.T, path string) ([]parquetColumn, parquet.Row) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	var cols []parquetColumn
	for _, fld := range pf.Schema().Fields() {
		logical := ""
		if lt := fld.Type().LogicalType(); lt != nil {
			logical = lt.String()
		}
		cols = append(cols, parquetColumn{fld.Name(), fld.Type().Kind().String(), logical})
	}
	rows := make([]parquet.Row, 1)
	r := parquet.NewReader(pf)
	defer r.Close()
	if n, _ := r.ReadRows(rows); n != 1 {
		t.Fatalf("%s: no rows", path)
	}
	return cols, rows[0]
}

// ticks.parquet has the columns of ticks.csv and of the manifest, in their order, with
// an integer parameter (grant_expiry_months) as INT64; with PlainNames, under plain
// names that the manifest maps back.
func TestTicksParquetColumns(t *testing.T) {
	dir := t.TempDir()
	s, err := Load(writeFile(t, dir, "s.yaml", strings.Replace(small, "[0.1, 0.2, 0.3]", "[0.1]", 1)))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, plain := range []bool{false, true} {
		out := filepath.Join(dir, "parquet")
		csvOut := filepath.Join(dir, "csv")
		if plain {
			out, csvOut = out+"-plain", csvOut+"-plain"
		}
		if _, err := Execute(ctx, s, out, Options{PlainNames: plain}); err != nil {
			t.Fatal(err)
		}
		if _, err := Execute(ctx, s, csvOut, Options{PlainNames: plain, CSV: true}); err != nil {
			t.Fatal(err)
		}
		m, err := ReadManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		csvHeader := strings.Split(strings.SplitN(string(read(t, filepath.Join(csvOut, TicksCSV))), "\n", 2)[0], ",")
		cols, row := readParquetColumns(t, filepath.Join(out, TicksParquet))
		var names []string
		for i, c := range cols {
			names = append(names, c.Name)
			if i >= len(m.Ticks) {
				continue
			}
			want := parquetColumn{Name: m.Ticks[i].Name}
			switch m.Ticks[i].Type {
			case TypeString:
				want.Kind, want.Logical = "BYTE_ARRAY", "STRING"
			case TypeInt64:
				want.Kind, want.Logical = "INT64", "INT(64,true)"
			default:
				want.Kind = "DOUBLE"
			}
			if c != want {
				t.Errorf("plain %v: ticks.parquet column %d = %+v, want %+v", plain, i, c, want)
			}
		}
		if !slices.Equal(names, csvHeader) {
			t.Errorf("plain %v: ticks.parquet columns\n%v\nwant those of ticks.csv\n%v", plain, names, csvHeader)
		}
		share, expiry, runs := "issuance.foundation_share", "issuance.grant_expiry_months", "last(price_index)"
		if plain {
			share, expiry, runs = "issuance_foundation_share", "issuance_grant_expiry_months", "last_price_index"
		}
		// The leading columns: run, point, replicate, seed, then the parameters.
		wantLead := []string{"run", "point", "replicate", "seed", share, expiry, "tick"}
		if len(names) < len(wantLead) || !slices.Equal(names[:len(wantLead)], wantLead) {
			t.Errorf("plain %v: ticks.parquet starts %v, want %v", plain, names[:min(len(names), len(wantLead))], wantLead)
		}
		if m.Ticks[5].Type != TypeInt64 || m.Ticks[4].Type != TypeDouble {
			t.Errorf("plain %v: parameter columns %+v, want double and int64", plain, m.Ticks[4:6])
		}
		if got := row[5].Int64(); got != 6 {
			t.Errorf("plain %v: first row's %s = %d, want 6", plain, expiry, got)
		}
		if !slices.Contains(m.Runs, runs) {
			t.Errorf("plain %v: runs columns %v lack %s", plain, m.Runs, runs)
		}
		runsHeader := strings.SplitN(string(read(t, filepath.Join(out, RunsCSV))), "\n", 2)[0]
		if runsHeader != strings.Join(m.Runs, ",") {
			t.Errorf("plain %v: runs.csv header %q, want the manifest's %v", plain, runsHeader, m.Runs)
		}
		if plain != (len(m.PlainNames) > 0) || plain && m.PlainNames["last_price_index"] != "last(price_index)" {
			t.Errorf("plain %v: manifest plain_names %v", plain, m.PlainNames)
		}
		for _, n := range names {
			if plain && PlainName(n) != n {
				t.Errorf("column %q is not plain", n)
			}
		}
	}
}

// Sweeping a field that is also a per-tick column (members) names the parameter's ticks
// column parameters.members, so the table has no column twice.
func TestParameterNamedLikeColumn(t *testing.T) {
	dir := t.TempDir()
	s, err := Load(writeFile(t, dir, "m.yaml", "scenario: baseline\nset: [coops.count=5, ticks=2]\nparameters:\n  members: {values: [100, 120]}\nmetrics: [last(price_index)]\n"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	if _, err := Execute(context.Background(), s, out, Options{}); err != nil {
		t.Fatal(err)
	}
	cols, row := readParquetColumns(t, filepath.Join(out, TicksParquet))
	if cols[4] != (parquetColumn{"parameters.members", "INT64", "INT(64,true)"}) || row[4].Int64() != 100 {
		t.Errorf("column 4 = %+v (first row %v), want parameters.members, INT64, 100", cols[4], row[4])
	}
	if !slices.ContainsFunc(cols, func(c parquetColumn) bool { return c.Name == "members" }) {
		t.Error("no per-tick members column")
	}
}

func TestPlainName(t *testing.T) {
	for in, want := range map[string]string{
		"last(price_index)":         "last_price_index",
		"issuance.foundation_share": "issuance_foundation_share",
		"sectors[0].base_price":     "sectors_0_base_price",
		"run":                       "run",
		"_x__y_":                    "x__y",
		"2(x)":                      "x2_x",
		"((":                        "x",
	} {
		if got := PlainName(in); got != want {
			t.Errorf("PlainName(%q) = %q, want %q", in, got, want)
		}
	}
}
