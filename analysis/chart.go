package analysis

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/copex/copex/internal/atomicfile"
	"github.com/copex/copex/render"
)

// Chart is one chart written as PNG and SVG.
type Chart struct {
	Name  string // file stem
	Title string // what the chart shows, for captions and alt text
	PNG   string // PNG file name, relative to the output folder
	SVG   string // SVG file name, relative to the output folder
	png   []byte // the PNG, for embedding in a report
}

// Charts follow the house style of package render: 16:9, 600 x 337.5 points, PNGs at
// 144 dots per inch, Liberation Sans at sizes readable from the back of a room, and
// the Okabe-Ito palette with dash patterns so that lines differ without colour.
const (
	chartWidth  vg.Length = 600
	chartHeight vg.Length = 337.5
	chartDPI              = 144
	sizeTitle             = 16
	sizeLabel             = 13
	sizeTick              = 11
	sizeLegend            = 12
)

// font and palette are render's, so every chart shares one style.
var (
	font    = render.Font
	palette = render.Palette()
)

var dashes = [][]vg.Length{nil, {8, 4}, {2, 3}, {10, 3, 2, 3}, {4, 4}}

var glyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.SquareGlyph{}, draw.PyramidGlyph{}, draw.CrossGlyph{}, draw.RingGlyph{}}

func lineStyle(i int) draw.LineStyle {
	return draw.LineStyle{Color: palette[i%len(palette)], Width: vg.Points(2), Dashes: dashes[i%len(dashes)]}
}

func glyphStyle(i int) draw.GlyphStyle {
	return draw.GlyphStyle{Color: palette[i%len(palette)], Radius: vg.Points(3.5), Shape: glyphs[i%len(glyphs)]}
}

// bandColor is a light, translucent tint of the i-th line's colour for its band.
func bandColor(i int) color.Color {
	r, g, b, _ := palette[i%len(palette)].RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 60}
}

// newPlot returns a plot in the house style.
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = wrap(title, 64)
	p.Title.TextStyle.Font = font(sizeTitle)
	p.Title.Padding = vg.Points(6)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font(sizeLabel)
		a.Label.Padding = vg.Points(4)
		a.Tick.Label.Font = font(sizeTick)
		a.Padding = vg.Points(4)
	}
	p.X.Label.Text, p.Y.Label.Text = xlabel, ylabel
	p.X.Tick.Marker, p.Y.Tick.Marker = niceTicks{}, niceTicks{}
	p.Legend.TextStyle.Font = font(sizeLegend)
	p.Legend.ThumbnailWidth = vg.Points(36)
	p.Legend.Top = true
	p.Legend.Left = true
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{225}
	g.Horizontal.Color = color.Gray{225}
	p.Add(g)
	return p
}

// drawer draws a chart on a canvas.
type drawer func(c draw.Canvas)

// plotDrawer draws a plot over the whole canvas, with a margin.
func plotDrawer(p *plot.Plot) drawer {
	return func(c draw.Canvas) { p.Draw(draw.Crop(c, 8, -8, 8, -8)) }
}

// save writes the chart as dir/name.png and dir/name.svg, atomically, and returns it.
func save(dir, name, title string, d drawer) (Chart, error) {
	ch := Chart{Name: name, Title: title, PNG: name + ".png", SVG: name + ".svg"}
	img := vgimg.NewWith(vgimg.UseWH(chartWidth, chartHeight), vgimg.UseDPI(chartDPI))
	dc := draw.New(img)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	d(dc)
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return ch, fmt.Errorf("chart %s: %w", name, err)
	}
	ch.png = buf.Bytes()
	if err := atomicfile.WriteFile(filepath.Join(dir, ch.PNG), ch.png); err != nil {
		return ch, fmt.Errorf("chart %s: %w", name, err)
	}
	svg := vgsvg.New(chartWidth, chartHeight)
	sc := draw.New(svg)
	sc.SetColor(color.White)
	sc.Fill(sc.Rectangle.Path())
	d(sc)
	// A buffer of its own: ch.png still holds the PNG's bytes (reusing buf wrote the SVG
	// over them, so every report embedded SVG text labelled image/png).
	var svgBuf bytes.Buffer
	if _, err := svg.WriteTo(&svgBuf); err != nil {
		return ch, fmt.Errorf("chart %s: %w", name, err)
	}
	if err := atomicfile.WriteFile(filepath.Join(dir, ch.SVG), svgBuf.Bytes()); err != nil {
		return ch, fmt.Errorf("chart %s: %w", name, err)
	}
	return ch, nil
}

// bandLine is a line through means with a confidence band between lower and upper.
type bandLine struct {
	label            string
	xs, mean, lo, hi []float64
}

// addBand adds the i-th band line to p: a translucent polygon for the band, dotted
// lines at its edges (so the band reads without colour), the mean as a styled line
// with markers.
func addBand(p *plot.Plot, b bandLine, i int) error {
	var mean, poly, lo, hi plotter.XYs
	for j, x := range b.xs {
		if !finite(b.mean[j]) {
			continue
		}
		mean = append(mean, plotter.XY{X: x, Y: b.mean[j]})
		lo = append(lo, plotter.XY{X: x, Y: b.lo[j]})
		hi = append(hi, plotter.XY{X: x, Y: b.hi[j]})
	}
	if len(mean) == 0 {
		return nil
	}
	poly = append(poly, lo...)
	for j := len(hi) - 1; j >= 0; j-- {
		poly = append(poly, hi[j])
	}
	if len(mean) > 1 {
		pg, err := plotter.NewPolygon(poly)
		if err != nil {
			return err
		}
		pg.Color = bandColor(i)
		pg.LineStyle.Width = 0
		p.Add(pg)
		for _, edge := range []plotter.XYs{lo, hi} {
			l, err := plotter.NewLine(edge)
			if err != nil {
				return err
			}
			l.LineStyle = draw.LineStyle{Color: palette[i%len(palette)], Width: vg.Points(0.75), Dashes: []vg.Length{1, 2}}
			p.Add(l)
		}
	}
	eb, err := plotter.NewYErrorBars(errPoints{mean, lo, hi})
	if err != nil {
		return err
	}
	eb.LineStyle.Color = palette[i%len(palette)]
	eb.LineStyle.Width = vg.Points(1)
	if len(mean) <= 30 {
		p.Add(eb)
	}
	l, s, err := plotter.NewLinePoints(mean)
	if err != nil {
		return err
	}
	l.LineStyle = lineStyle(i)
	s.GlyphStyle = glyphStyle(i)
	if len(mean) > 30 {
		s.GlyphStyle.Radius = 0
	}
	p.Add(l, s)
	if b.label != "" {
		p.Legend.Add(b.label, l, s)
	}
	return nil
}

// errPoints are points with a lower and upper bound, for YErrorBars.
type errPoints struct{ mean, lo, hi plotter.XYs }

func (e errPoints) Len() int                { return len(e.mean) }
func (e errPoints) XY(i int) (x, y float64) { return e.mean[i].X, e.mean[i].Y }
func (e errPoints) YError(i int) (float64, float64) {
	return e.mean[i].Y - e.lo[i].Y, e.hi[i].Y - e.mean[i].Y
}

// niceTicks are ticks at a round step (1, 2, 2.5 or 5 times a power of ten), at most
// about six intervals over the range, labelled without trailing zeros.
type niceTicks struct{}

// Ticks implements plot.Ticker.
func (niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) {
		return []plot.Tick{{Value: lo, Label: strconv.FormatFloat(lo, 'g', 4, 64)}}
	}
	step := render.NiceStep((hi - lo) / 6)
	var ts []plot.Tick
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+step*1e-9 && len(ts) < 20; k++ {
		v := k * step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ts = append(ts, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', 6, 64)})
	}
	return ts
}

// wrap breaks a title longer than width characters into lines at spaces.
func wrap(s string, width int) string {
	var lines []string
	for len(s) > width {
		i := strings.LastIndexByte(s[:width], ' ')
		if i <= 0 {
			break
		}
		lines = append(lines, s[:i])
		s = s[i+1:]
	}
	return strings.Join(append(lines, s), "\n")
}

// padY widens the y axis of p by 5% of its range on each side, so that bands and
// markers do not touch the frame.
func padY(p *plot.Plot) {
	r := p.Y.Max - p.Y.Min
	if !(r > 0) {
		r = math.Max(math.Abs(p.Y.Max), 1)
	}
	p.Y.Min -= 0.05 * r
	p.Y.Max += 0.05 * r
}
