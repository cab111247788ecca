package runs

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/parquet-go/parquet-go"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/internal/atomicfile"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// Parquet outputs: the scenario's collect section (members.parquet, coops.parquet,
// summaries.parquet) and, with Options.Parquet, metrics.parquet beside metrics.csv.
// Columns keep the order of their source (parquet.Group would sort them by name);
// tokens are DECIMAL(18, 6) on int64 micro-tokens, so they are exact.

// parquetRowGroup bounds the rows a row group holds in memory before it is written.
const parquetRowGroup = 1 << 16

// orderedGroup is a Parquet group whose fields keep the order given.
type orderedGroup struct {
	parquet.Group
	fields []parquet.Field
}

func (g orderedGroup) Fields() []parquet.Field { return g.fields }

// parquetColumn is one column of a Parquet file: its name and node.
type parquetColumn struct {
	name string
	node parquet.Node
}

// orderedSchema returns a schema with cols in the order given.
func orderedSchema(name string, cols []parquetColumn) (*parquet.Schema, error) {
	g := parquet.Group{}
	for _, c := range cols {
		if _, dup := g[c.name]; dup {
			return nil, fmt.Errorf("parquet schema: column %q twice", c.name)
		}
		g[c.name] = c.node
	}
	byName := map[string]parquet.Field{}
	for _, f := range g.Fields() {
		byName[f.Name()] = f
	}
	fields := make([]parquet.Field, len(cols))
	for i, c := range cols {
		fields[i] = byName[c.name]
	}
	return parquet.NewSchema(name, orderedGroup{g, fields}), nil
}

func amountNode() parquet.Node { return parquet.Decimal(6, 18, parquet.Int64Type) }

// parquetFile writes rows of a fixed set of columns to a file that appears complete
// or not at all.
type parquetFile struct {
	f     *atomicfile.File
	w     *parquet.Writer
	batch []parquet.Row
}

func createParquet(path string, cols []parquetColumn) (*parquetFile, error) {
	schema, err := orderedSchema(filepath.Base(path), cols)
	if err != nil {
		return nil, err
	}
	f, err := atomicfile.Create(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrOutput, err)
	}
	w := parquet.NewWriter(f, schema, parquet.Compression(&parquet.Snappy),
		parquet.MaxRowsPerRowGroup(parquetRowGroup), parquet.CreatedBy("copex", Version(), ""))
	return &parquetFile{f: f, w: w}, nil
}

// row returns the i-th row of the batch being built, with n columns.
func (p *parquetFile) row(i, n int) parquet.Row {
	for len(p.batch) <= i {
		p.batch = append(p.batch, make(parquet.Row, n))
	}
	return p.batch[i]
}

func (p *parquetFile) flush(n int) error {
	if _, err := p.w.WriteRows(p.batch[:n]); err != nil {
		return fmt.Errorf("%w: %v", ErrOutput, err)
	}
	return nil
}

func (p *parquetFile) commit() error {
	if err := p.w.Close(); err != nil {
		return fmt.Errorf("%w: %v", ErrOutput, err)
	}
	return p.f.Commit()
}

func (p *parquetFile) abort() { p.f.Abort() }

// collection writes the samples of a run's collect section, one Parquet file per table.
type collection struct {
	files map[string]*parquetFile
	names []string // file names, in order
}

// startCollect returns the model to step and the collection writing its samples in
// dir: m itself and nil when the scenario collects nothing.
func startCollect(sc *scenarios.Scenario, m sim.Model, dir string) (sim.Model, *collection, error) {
	if !sc.Config.Collect.On() {
		return m, nil, nil
	}
	c := &collection{files: map[string]*parquetFile{}}
	col, err := agents.NewCollector(m, c.write)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", sc.Source, err)
	}
	for _, s := range col.Layouts() {
		cols := []parquetColumn{{"tick", parquet.Int(64)}, {"month", parquet.Int(64)}}
		for _, sc := range s.Cols {
			cols = append(cols, parquetColumn{sc.Name, sampleNode(sc.Kind)})
		}
		name := s.Table + ".parquet"
		f, err := createParquet(filepath.Join(dir, name), cols)
		if err != nil {
			c.abort()
			return nil, nil, err
		}
		c.files[s.Table] = f
		c.names = append(c.names, name)
	}
	return col.Model(), c, nil
}

func sampleNode(k agents.Kind) parquet.Node {
	switch k {
	case agents.KindAmount:
		return amountNode()
	case agents.KindFloat:
		return parquet.Leaf(parquet.DoubleType)
	case agents.KindString:
		// few distinct values (roles, sectors, types): a dictionary each
		return parquet.Encoded(parquet.String(), &parquet.RLEDictionary)
	case agents.KindBool:
		return parquet.Leaf(parquet.BooleanType)
	}
	return parquet.Int(64)
}

// write appends one sample's rows to its table's file.
func (c *collection) write(s *agents.Sample) error {
	p := c.files[s.Table]
	n := len(s.Cols) + 2
	for lo := 0; lo < s.Len; lo += parquetRowGroup {
		hi := min(lo+parquetRowGroup, s.Len)
		for i := lo; i < hi; i++ {
			row := p.row(i-lo, n)
			row[0] = parquet.Int64Value(int64(s.Tick)).Level(0, 0, 0)
			row[1] = parquet.Int64Value(int64(s.Month)).Level(0, 0, 1)
			for k := range s.Cols {
				col := &s.Cols[k]
				var v parquet.Value
				switch col.Kind {
				case agents.KindFloat:
					v = parquet.DoubleValue(col.Floats[i])
				case agents.KindString:
					v = parquet.ByteArrayValue([]byte(col.Strs[i]))
				case agents.KindBool:
					v = parquet.BooleanValue(col.Bools[i])
				default:
					v = parquet.Int64Value(col.Ints[i])
				}
				row[k+2] = v.Level(0, 0, k+2)
			}
		}
		if err := p.flush(hi - lo); err != nil {
			return err
		}
	}
	return nil
}

// commit completes the files and returns their names, in order.
func (c *collection) commit() ([]string, error) {
	if c == nil {
		return nil, nil
	}
	for _, name := range c.names {
		if err := c.files[name[:len(name)-len(".parquet")]].commit(); err != nil {
			return nil, err
		}
	}
	return slices.Clone(c.names), nil
}

func (c *collection) abort() {
	if c == nil {
		return
	}
	for _, f := range c.files {
		f.abort()
	}
}

// writeMetricsParquet writes the metrics table as Parquet: counts as int64, amounts
// as exact decimals, ratios as doubles, in the columns' order.
func writeMetricsParquet(path string, t *sim.Table) error {
	cols := make([]parquetColumn, len(t.Columns()))
	for i, c := range t.Columns() {
		cols[i].name = c.Name
		switch c.Kind {
		case sim.KindCount:
			cols[i].node = parquet.Int(64)
		case sim.KindAmount:
			cols[i].node = amountNode()
		default:
			cols[i].node = parquet.Leaf(parquet.DoubleType)
		}
	}
	p, err := createParquet(path, cols)
	if err != nil {
		return err
	}
	defer p.abort()
	n := 0
	for r := range t.Rows {
		m := &t.Rows[r]
		row := p.row(n, len(cols))
		for i, c := range t.Columns() {
			var v parquet.Value
			if c.Kind == sim.KindRatio {
				v = parquet.DoubleValue(m.Float(sim.Col(i)))
			} else {
				v = parquet.Int64Value(m.Int(sim.Col(i)))
			}
			row[i] = v.Level(0, 0, i)
		}
		if n++; n == parquetRowGroup {
			if err := p.flush(n); err != nil {
				return err
			}
			n = 0
		}
	}
	if err := p.flush(n); err != nil {
		return err
	}
	return p.commit()
}

// parquetFiles completes the collection's files and, when asked, writes
// metrics.parquet; it returns files with their names added.
func parquetFiles(files []string, dir string, c *collection, t *sim.Table, metrics bool) ([]string, error) {
	if metrics {
		if err := writeMetricsParquet(filepath.Join(dir, "metrics.parquet"), t); err != nil {
			return nil, err
		}
		files = append(files, "metrics.parquet")
	}
	names, err := c.commit()
	if err != nil {
		return nil, err
	}
	return append(files, names...), nil
}
