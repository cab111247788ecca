package render

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/copex/copex/internal/atomicfile"
	"github.com/copex/copex/sim"
)

// Chart is one chart that Charts wrote.
type Chart struct {
	Name  string // short name and file stem: "supply", "gini", ...
	Title string // what the chart shows, for captions and alt text
	PNG   string // PNG file name, relative to the output folder
	SVG   string // SVG file name, relative to the output folder
}

// Charts are 16:9, 600 x 337.5 points (about 21 x 12 cm); PNGs are drawn at 144 dots
// per inch, so they are 1200 x 675 pixels and stay sharp on a projector.
const (
	chartWidth  vg.Length = 600
	chartHeight vg.Length = 337.5
	chartDPI              = 144
	pngWidth              = 1200
	pngHeight             = 675
)

// series is one line of a chart.
type series struct {
	label string
	ys    []float64
}

// chartSpec describes one chart of a run.
type chartSpec struct {
	name, title, ylabel string
	// series returns the chart's lines; none means the data are absent and the chart
	// is skipped.
	series func(t *sim.Table) []series
	ref    bool // draw a reference line at 1
	zero   bool // start the y axis at 0 (or lower, for negative data)
	unit   bool // show at least 0..1 on the y axis
	whole  bool // the values are counts
}

// specs are the charts of a run, in the order Charts writes them.
var specs = []chartSpec{
	{
		name: "supply", title: "Token supply, circulation and offered value", ylabel: "tokens", zero: true,
		series: func(t *sim.Table) []series {
			return columns(t, "supply", "supply", "circulating", "circulating", "offered_value", "offered value (this month)")
		},
	},
	{
		name: "balance_ratio", title: "Balance ratio (circulating tokens / offered value)", ylabel: "balance ratio", ref: true,
		series: func(t *sim.Table) []series { return columns(t, "balance_ratio", "balance ratio") },
	},
	{
		name: "price_index", title: "Price index", ylabel: "price index (1 at the start)", ref: true,
		series: func(t *sim.Table) []series { return columns(t, "price_index", "price index") },
	},
	{
		name: "unmet_wants", title: "Unmet wants by category", ylabel: "tokens (this month)", zero: true,
		series: func(t *sim.Table) []series {
			var out []series
			for _, c := range t.Columns() {
				if s, ok := strings.CutPrefix(c.Name, "unmet_"); ok && c.Name != "unmet_wants_value" {
					out = append(out, columns(t, c.Name, s)...)
				}
			}
			return out
		},
	},
	{
		name: "coops", title: "Co-operatives alive, started and failed", ylabel: "co-ops", zero: true, whole: true,
		series: func(t *sim.Table) []series {
			return columns(t, "coops_alive", "alive", "coops_started", "started (cumulative)", "coops_failed", "failed (cumulative)")
		},
	},
	{
		name: "foundation", title: "Foundation income and spending", ylabel: "tokens (this month)", zero: true,
		series: func(t *sim.Table) []series {
			out := columns(t, "foundation_income", "income", "foundation_spend", "spending")
			if len(out) == 0 {
				return nil
			}
			for _, c := range t.Columns() {
				p, ok := strings.CutPrefix(c.Name, "spend_")
				if !ok {
					continue
				}
				for _, s := range columns(t, c.Name, "spending: "+p) {
					if nonzero(s.ys) {
						out = append(out, s)
					}
				}
			}
			return out
		},
	},
	{
		name: "gini", title: "Inequality of member holdings (Gini coefficient)", ylabel: "Gini coefficient", unit: true,
		series: func(t *sim.Table) []series { return columns(t, "gini", "Gini coefficient") },
	},
}

// columns returns the named columns that t has, labelled; pairs are name, label.
func columns(t *sim.Table, pairs ...string) []series {
	var out []series
	for i := 0; i+1 < len(pairs); i += 2 {
		if ys := t.Series(pairs[i]); ys != nil {
			out = append(out, series{label: pairs[i+1], ys: ys})
		}
	}
	return out
}

func nonzero(ys []float64) bool {
	for _, y := range ys {
		if y != 0 {
			return true
		}
	}
	return false
}

// Charts draws the charts of a run's metrics table into dir (created if need be), each
// as NAME.png and NAME.svg, and returns them in order: supply, balance_ratio,
// price_index, unmet_wants, coops, foundation and gini. A chart whose columns the
// table lacks is skipped (unmet_wants for a model without sectors); an empty table
// gives no charts. The x axis is the month, or the tick when a month spans several
// ticks (a weekly clock).
func Charts(t *sim.Table, dir string) ([]Chart, error) {
	if t == nil || len(t.Rows) == 0 {
		return nil, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("charts: %w", err)
	}
	x := timeAxis(t)
	var out []Chart
	for _, s := range specs {
		ss := s.series(t)
		if len(ss) == 0 {
			continue
		}
		c := Chart{Name: s.name, Title: s.title, PNG: s.name + ".png", SVG: s.name + ".svg"}
		fig, err := s.build(x, ss)
		if err != nil {
			return nil, fmt.Errorf("chart %s: %w", s.name, err)
		}
		if err := fig.writePNG(filepath.Join(dir, c.PNG)); err != nil {
			return nil, fmt.Errorf("chart %s: %w", s.name, err)
		}
		if err := fig.writeSVG(filepath.Join(dir, c.SVG)); err != nil {
			return nil, fmt.Errorf("chart %s: %w", s.name, err)
		}
		out = append(out, c)
	}
	return out, nil
}

// xAxis is the time axis of a run's charts.
type xAxis struct {
	values []float64 // one per row
	label  string
	steps  []float64 // tick steps to choose from
}

// timeAxis returns the x axis for t's rows: months, or ticks (weeks) when a month
// spans several rows.
func timeAxis(t *sim.Table) xAxis {
	weekly := false
	for i := 1; i < len(t.Rows); i++ {
		if t.Rows[i].Month <= t.Rows[i-1].Month {
			weekly = true
			break
		}
	}
	x := xAxis{values: make([]float64, len(t.Rows)), label: "month", steps: monthSteps}
	if weekly {
		x.label, x.steps = "tick (week)", weekSteps
	}
	for i, r := range t.Rows {
		if weekly {
			x.values[i] = float64(r.Tick)
		} else {
			x.values[i] = float64(r.Month)
		}
	}
	return x
}

// figure is a plot with its legend, which is drawn beside the plot rather than over
// the data.
type figure struct {
	plot   *plot.Plot
	title  string
	legend *plot.Legend // nil for a single line
}

// build draws the chart's lines ss over x.
func (s *chartSpec) build(x xAxis, ss []series) (*figure, error) {
	xs := x.values
	p := plot.New()
	style(p, x.steps, s.whole)
	p.X.Label.Text = x.label
	p.Y.Label.Text = s.ylabel
	p.Add(grid())
	if s.zero {
		p.Y.Min = 0
	}
	leg := plot.NewLegend()
	leg.TextStyle.Font = font(sizeLegend)
	leg.Top, leg.Left = true, true
	leg.ThumbnailWidth = vg.Points(36)
	leg.Padding = vg.Points(4)
	n := len(ss)
	var ref *plotter.Line
	if s.ref {
		var err error
		if ref, err = referenceLine(xs); err != nil {
			return nil, err
		}
		p.Add(ref) // under the data
		n++
	}
	for i, sr := range ss {
		thumbs, err := addSeries(p, xs, sr.ys, i, len(ss))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", sr.label, err)
		}
		leg.Add(sr.label, thumbs...)
	}
	if ref != nil {
		leg.Add("reference: 1", ref)
	}
	if s.unit {
		p.Y.Min = math.Min(p.Y.Min, 0)
		p.Y.Max = math.Max(p.Y.Max, 1)
	}
	f := &figure{plot: p, title: s.title}
	if n > 1 {
		f.legend = &leg
	}
	return f, nil
}

// addSeries adds the i-th of n lines to p and returns its legend thumbnails. The line
// is broken where a value is not finite; markers every few points tell lines apart
// without colour, staggered so that lines do not hide each other's markers.
func addSeries(p *plot.Plot, xs, ys []float64, i, n int) ([]plot.Thumbnailer, error) {
	ls := lineStyle(i)
	var seg, marks plotter.XYs
	flush := func() error {
		if len(seg) > 1 {
			l, err := plotter.NewLine(seg)
			if err != nil {
				return err
			}
			l.LineStyle = ls
			p.Add(l)
		}
		seg = nil
		return nil
	}
	step := max(1, len(ys)/8)
	for j, y := range ys {
		if math.IsNaN(y) || math.IsInf(y, 0) {
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		}
		pt := plotter.XY{X: xs[j], Y: y}
		seg = append(seg, pt)
		if j%step == i*step/n {
			marks = append(marks, pt)
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	sc, err := plotter.NewScatter(marks)
	if err != nil {
		return nil, err
	}
	sc.GlyphStyle = glyphStyle(i)
	if len(marks) > 0 {
		p.Add(sc)
	}
	return []plot.Thumbnailer{lineThumb(ls), sc}, nil
}

// lineThumb draws a line style as a legend thumbnail.
type lineThumb draw.LineStyle

// Thumbnail implements plot.Thumbnailer.
func (l lineThumb) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(draw.LineStyle(l), c.Min.X, y, c.Max.X, y)
}

// referenceLine returns a horizontal line at 1 across xs.
func referenceLine(xs []float64) (*plotter.Line, error) {
	lo, hi := xs[0], xs[len(xs)-1]
	if lo == hi {
		lo, hi = lo-1, hi+1
	}
	l, err := plotter.NewLine(plotter.XYs{{X: lo, Y: 1}, {X: hi, Y: 1}})
	if err != nil {
		return nil, err
	}
	l.LineStyle = refStyle
	return l, nil
}

// draw draws the figure on c: the title across the top, the legend (if any) on the
// right, the plot in the rest.
func (f *figure) draw(c vg.CanvasSizer) {
	dc := draw.New(c)
	dc.SetColor(f.plot.BackgroundColor)
	dc.Fill(dc.Rectangle.Path())
	dc = draw.Crop(dc, margin, -margin, margin, -margin)

	ts := f.plot.Title.TextStyle
	ts.Font = font(sizeTitle)
	descent := ts.FontExtents().Descent
	dc.FillText(ts, vg.Point{X: dc.Center().X, Y: dc.Max.Y + descent}, f.title)
	dc.Max.Y -= ts.Rectangle(f.title).Size().Y + vg.Points(8)

	if f.legend != nil {
		r := f.legend.Rectangle(dc)
		w := r.Max.X - r.Min.X + vg.Points(12)
		f.legend.Draw(draw.Crop(dc, dc.Max.X-dc.Min.X-w+vg.Points(12), 0, 0, -vg.Points(4)))
		dc.Max.X -= w
	}
	f.plot.Draw(dc)
}

// writePNG writes the figure as a PNG file, atomically.
func (f *figure) writePNG(path string) error {
	c := vgimg.NewWith(vgimg.UseWH(chartWidth, chartHeight), vgimg.UseDPI(chartDPI))
	f.draw(c)
	return writeTo(path, vgimg.PngCanvas{Canvas: c})
}

// writeSVG writes the figure as an SVG file, atomically.
func (f *figure) writeSVG(path string) error {
	c := vgsvg.New(chartWidth, chartHeight)
	f.draw(c)
	return writeTo(path, c)
}

// writeTo writes w's content to path atomically.
func writeTo(path string, w io.WriterTo) error {
	f, err := atomicfile.Create(path)
	if err != nil {
		return err
	}
	if _, err := w.WriteTo(f); err != nil {
		f.Abort()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Commit()
}
