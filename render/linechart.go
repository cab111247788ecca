package render

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A Plot is a chart to draw: a LineChart, a HeatMap or a BarChart. Draw one with PNG,
// SVG, Write or Image.
type Plot interface {
	// heading returns the chart's title.
	heading() string
	// build lays the chart out for a medium.
	build(m medium) (*figure, error)
}

// LineChart is lines (or points) over an x axis, each with an optional band, and
// dashed horizontal markers. A chart with several lines or markers gets a legend beside
// the plot, never over the data. Values that are not finite break a line.
type LineChart struct {
	Title, XLabel, YLabel string
	XTicks, YTicks        Ticks // how each axis counts (default Numbers)
	// Categories, if set, makes the x axis categorical: x values are indices into it
	// (0, 1, ...), and each series is drawn as points with its interval (Lower, Upper)
	// as error bars, not as a line with a band.
	Categories []string
	Series     []Series
	Markers    []Marker
	YFrom0     bool // start the y axis at 0 (or lower, for negative data)
	YUnit      bool // show at least 0..1 on the y axis
}

// Series is one line of a LineChart.
type Series struct {
	Label string // legend entry; empty: none
	X, Y  []float64
	// Lower and Upper, if set, are a band around Y (a confidence interval), drawn as a
	// translucent tint of the line's colour between dotted edges.
	Lower, Upper []float64
	As           Shape // how the series is drawn (default Line)
}

// Shape says how a Series is drawn.
type Shape uint8

const (
	// Line is a line with a marker every few points, staggered between lines, so that
	// lines differ without colour.
	Line Shape = iota
	// LinePoints is a line with a marker at every point: each point is a measurement
	// (a sweep's parameter values).
	LinePoints
	// Points is markers only (the evaluations of a search).
	Points
	// Steps is a line that holds each value until the next point (the best so far).
	Steps
)

// Marker is a dashed horizontal line across a LineChart: a reference value or a pass
// point.
type Marker struct {
	Y     float64
	Label string // legend entry; empty: none
}

func (c LineChart) heading() string { return c.Title }

// x returns the series' x values: X, or 1, 2, ... when X is nil.
func (s Series) x() []float64 {
	if s.X != nil {
		return s.X
	}
	xs := make([]float64, len(s.Y))
	for i := range xs {
		xs[i] = float64(i + 1)
	}
	return xs
}

func (s Series) check() error {
	if s.X != nil && len(s.X) != len(s.Y) {
		return fmt.Errorf("series %q: %d x values for %d y values", s.Label, len(s.X), len(s.Y))
	}
	if (s.Lower != nil || s.Upper != nil) && (len(s.Lower) != len(s.Y) || len(s.Upper) != len(s.Y)) {
		return fmt.Errorf("series %q: band of %d lower and %d upper values for %d y values", s.Label, len(s.Lower), len(s.Upper), len(s.Y))
	}
	return nil
}

func (s Series) banded() bool { return s.Lower != nil }

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func (c LineChart) build(m medium) (*figure, error) {
	p := m.newPlot(c.XTicks, c.YTicks)
	p.Add(m.grid(true))
	p.X.Label.Text, p.Y.Label.Text = c.XLabel, c.YLabel
	cats := len(c.Categories) > 0
	if cats {
		p.X.Tick.Marker = categoryTicks(c.Categories) // wrapped to fit when drawn
		p.X.Min, p.X.Max = -0.5, float64(len(c.Categories))-0.5
	}
	if c.YFrom0 {
		p.Y.Min = 0
	}
	// The x extent of the data, for the markers.
	xlo, xhi := math.Inf(1), math.Inf(-1)
	for _, s := range c.Series {
		if err := s.check(); err != nil {
			return nil, err
		}
		for j, x := range s.x() {
			if finite(x) && finite(s.Y[j]) {
				xlo, xhi = math.Min(xlo, x), math.Max(xhi, x)
			}
		}
	}
	if cats {
		xlo, xhi = -0.5, float64(len(c.Categories))-0.5
	}
	leg := m.newLegend()
	type ref struct {
		line  *plotter.Line
		label string
	}
	var refs []ref
	if xlo <= xhi {
		lo, hi := xlo, xhi
		if lo == hi {
			lo, hi = lo-1, hi+1
		}
		for _, mk := range c.Markers {
			if !finite(mk.Y) {
				continue
			}
			l, err := plotter.NewLine(plotter.XYs{{X: lo, Y: mk.Y}, {X: hi, Y: mk.Y}})
			if err != nil {
				return nil, err
			}
			l.LineStyle = m.refStyle()
			p.Add(l) // under the data
			refs = append(refs, ref{l, mk.Label})
		}
	}
	for i, s := range c.Series {
		var thumbs []plot.Thumbnailer
		var err error
		if cats {
			thumbs, err = m.addIntervals(p, s, i, len(c.Series))
		} else {
			thumbs, err = m.addSeries(p, s, i, len(c.Series))
		}
		if err != nil {
			return nil, fmt.Errorf("series %q: %w", s.Label, err)
		}
		if s.Label != "" {
			leg.add(s.Label, thumbs...)
		}
	}
	for _, r := range refs {
		if r.label != "" {
			leg.add(r.label, r.line)
		}
	}
	if !(xlo <= xhi) { // nothing to draw
		p.X.Min, p.X.Max = 0, 1
		p.Y.Min, p.Y.Max = math.Min(p.Y.Min, 0), 1
	}
	if c.YUnit {
		p.Y.Min = math.Min(p.Y.Min, 0)
		p.Y.Max = math.Max(p.Y.Max, 1)
	}
	f := &figure{title: c.Title, plot: p, xcats: c.Categories}
	if len(c.Series)+len(refs) > 1 && leg.n > 0 {
		f.legend = leg
	}
	return f, nil
}

// addSeries adds the i-th of n series to p and returns its legend thumbnails. A line is
// broken where a value is not finite; markers every few points tell lines apart
// without colour, staggered so that lines do not hide each other's markers.
func (m medium) addSeries(p *plot.Plot, s Series, i, n int) ([]plot.Thumbnailer, error) {
	xs, ys := s.x(), s.Y
	var thumbs []plot.Thumbnailer
	if s.banded() {
		if err := m.addBand(p, xs, s.Lower, s.Upper, i); err != nil {
			return nil, err
		}
		thumbs = append(thumbs, bandThumb{fill: tint(i), edge: m.edgeStyle(i)})
	}
	ls := m.lineStyle(i)
	var seg, marks plotter.XYs
	flush := func() error {
		if len(seg) > 1 && s.As != Points {
			l, err := plotter.NewLine(seg)
			if err != nil {
				return err
			}
			l.LineStyle = ls
			if s.As == Steps {
				l.StepStyle = plotter.PostStep
			}
			p.Add(l)
		}
		seg = nil
		return nil
	}
	step := max(1, len(ys)/8)
	if s.As == Points || s.As == LinePoints {
		step = 1
	}
	for j, y := range ys {
		if !finite(y) || !finite(xs[j]) {
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		}
		pt := plotter.XY{X: xs[j], Y: y}
		seg = append(seg, pt)
		if step == 1 || j%step == i*step/n {
			marks = append(marks, pt)
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if s.As != Points {
		thumbs = append(thumbs, lineThumb(ls))
	}
	if len(marks) == 0 {
		return thumbs, nil
	}
	sc, err := plotter.NewScatter(marks)
	if err != nil {
		return nil, err
	}
	sc.GlyphStyle = m.glyphStyle(i)
	p.Add(sc)
	return append(thumbs, sc), nil
}

// addBand adds the band between lo and hi over xs, in pieces where both are finite.
func (m medium) addBand(p *plot.Plot, xs, lo, hi []float64, i int) error {
	var los, his plotter.XYs
	flush := func() error {
		if len(los) > 1 {
			poly := append(plotter.XYs{}, los...)
			for j := len(his) - 1; j >= 0; j-- {
				poly = append(poly, his[j])
			}
			pg, err := plotter.NewPolygon(poly)
			if err != nil {
				return err
			}
			pg.Color = tint(i)
			pg.LineStyle.Width = 0
			p.Add(pg)
			for _, edge := range []plotter.XYs{los, his} {
				l, err := plotter.NewLine(edge)
				if err != nil {
					return err
				}
				l.LineStyle = m.edgeStyle(i)
				p.Add(l)
			}
		}
		los, his = nil, nil
		return nil
	}
	for j, x := range xs {
		if !finite(x) || !finite(lo[j]) || !finite(hi[j]) {
			if err := flush(); err != nil {
				return err
			}
			continue
		}
		los = append(los, plotter.XY{X: x, Y: lo[j]})
		his = append(his, plotter.XY{X: x, Y: hi[j]})
	}
	return flush()
}

// addIntervals adds the i-th of n series on a category axis: a marker at each value
// with its interval as an error bar, set a little apart from the other series'.
func (m medium) addIntervals(p *plot.Plot, s Series, i, n int) ([]plot.Thumbnailer, error) {
	off := 0.0
	if n > 1 {
		off = (float64(i) - float64(n-1)/2) * math.Min(0.15, 0.6/float64(n))
	}
	var pts plotter.XYs
	var bars errPoints
	for j, x := range s.x() {
		y := s.Y[j]
		if !finite(x) || !finite(y) {
			continue
		}
		pt := plotter.XY{X: x + off, Y: y}
		pts = append(pts, pt)
		if s.banded() && finite(s.Lower[j]) && finite(s.Upper[j]) {
			bars.mid = append(bars.mid, pt)
			bars.lo = append(bars.lo, math.Min(s.Lower[j], y))
			bars.hi = append(bars.hi, math.Max(s.Upper[j], y))
		}
	}
	bs := draw.LineStyle{Color: colour(i), Width: m.ref}
	var thumbs []plot.Thumbnailer
	if s.banded() {
		thumbs = append(thumbs, barThumb(bs))
	}
	if len(bars.mid) > 0 {
		eb, err := plotter.NewYErrorBars(bars)
		if err != nil {
			return nil, err
		}
		eb.LineStyle = bs
		eb.CapWidth = 2.5 * m.radius
		p.Add(eb)
	}
	if len(pts) == 0 {
		return thumbs, nil
	}
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		return nil, err
	}
	sc.GlyphStyle = m.glyphStyle(i)
	sc.GlyphStyle.Radius *= 1.25
	p.Add(sc)
	return append(thumbs, sc), nil
}

// errPoints are points with a lower and upper bound, for YErrorBars.
type errPoints struct {
	mid    plotter.XYs
	lo, hi []float64
}

func (e errPoints) Len() int                { return len(e.mid) }
func (e errPoints) XY(i int) (x, y float64) { return e.mid[i].X, e.mid[i].Y }
func (e errPoints) YError(i int) (float64, float64) {
	return e.mid[i].Y - e.lo[i], e.hi[i] - e.mid[i].Y
}

// lineThumb draws a line style as a legend thumbnail.
type lineThumb draw.LineStyle

// Thumbnail implements plot.Thumbnailer.
func (l lineThumb) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(draw.LineStyle(l), c.Min.X, y, c.Max.X, y)
}

// bandThumb draws a band as a legend thumbnail: a tinted strip between dotted edges.
type bandThumb struct {
	fill color.Color
	edge draw.LineStyle
}

// Thumbnail implements plot.Thumbnailer.
func (b bandThumb) Thumbnail(c *draw.Canvas) {
	h := (c.Max.Y - c.Min.Y) / 2
	y := c.Center().Y
	r := vg.Rectangle{Min: vg.Point{X: c.Min.X, Y: y - h/2}, Max: vg.Point{X: c.Max.X, Y: y + h/2}}
	c.SetColor(b.fill)
	c.Fill(r.Path())
	c.StrokeLine2(b.edge, r.Min.X, r.Min.Y, r.Max.X, r.Min.Y)
	c.StrokeLine2(b.edge, r.Min.X, r.Max.Y, r.Max.X, r.Max.Y)
}

// barThumb draws an error bar as a legend thumbnail.
type barThumb draw.LineStyle

// Thumbnail implements plot.Thumbnailer.
func (b barThumb) Thumbnail(c *draw.Canvas) {
	x := c.Center().X
	h := (c.Max.Y - c.Min.Y) / 2
	y := c.Center().Y
	c.StrokeLine2(draw.LineStyle(b), x, y-h, x, y+h)
	c.StrokeLine2(draw.LineStyle(b), x-h/2, y-h, x+h/2, y-h)
	c.StrokeLine2(draw.LineStyle(b), x-h/2, y+h, x+h/2, y+h)
}
