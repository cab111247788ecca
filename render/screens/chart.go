package screens

import (
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	stddraw "image/draw"
	"math"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/copex/copex/render"
)

// line is one line of a chart: ys at x = 1, 2, ... unless xs is given.
type line struct {
	name   string
	xs, ys []float64
}

// chartSpec is what a chart shows. Two equal specs draw the same chart.
type chartSpec struct {
	title, xLabel, yLabel string
	lines                 []line
	// mark, if markLabel is set, is a dashed horizontal line: a pass/fail point.
	mark      float64
	markLabel string
}

// key identifies the spec's content, so a chart is redrawn only when it changes.
func (s chartSpec) key() uint64 {
	h := fnv.New64a()
	fmt.Fprintf(h, "%q %q %q %v %q", s.title, s.xLabel, s.yLabel, s.mark, s.markLabel)
	for _, l := range s.lines {
		fmt.Fprintf(h, "|%q %v %v", l.name, l.xs, l.ys)
	}
	return h.Sum64()
}

// dashes tell the lines apart without colour; the first is solid.
var dashes = [][]vg.Length{nil, {8, 4}, {2, 3}, {10, 3, 2, 3}}

// plot builds the gonum/plot chart, in the house style (render's font and palette), with
// type large enough for a projector.
func (s chartSpec) plot() *plot.Plot {
	p := plot.New()
	p.BackgroundColor = paperLight
	p.Title.Text = s.title
	p.Title.TextStyle.Font = render.Font(20)
	p.Title.TextStyle.Color = render.Ink
	p.X.Label.Text, p.Y.Label.Text = s.xLabel, s.yLabel
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = render.Font(18)
		ax.Tick.Label.Font = render.Font(16)
		ax.Label.TextStyle.Color, ax.Tick.Label.Color = render.Ink, render.Ink
		ax.Color, ax.Tick.Color = render.Ink, render.Ink
	}
	p.Y.Tick.Marker = plainTicks{}
	p.Legend.TextStyle.Font = render.Font(16)
	p.Legend.Top, p.Legend.Left = true, true
	p.Add(plotter.NewGrid())
	pal := render.Palette()
	xmin, xmax := math.Inf(1), math.Inf(-1)
	legend := 0 // entries in the legend
	for i, l := range s.lines {
		pts := make(plotter.XYs, len(l.ys))
		for j, y := range l.ys {
			x := float64(j + 1)
			if l.xs != nil {
				x = l.xs[j]
			}
			pts[j] = plotter.XY{X: x, Y: y}
			xmin, xmax = math.Min(xmin, x), math.Max(xmax, x)
		}
		ln, err := plotter.NewLine(pts)
		if err != nil {
			continue // a NaN or infinite value: leave the line out rather than fail the screen
		}
		ln.Color = pal[i%len(pal)]
		ln.Width = vg.Points(3)
		ln.Dashes = dashes[i%len(dashes)]
		p.Add(ln)
		if l.name != "" {
			p.Legend.Add(l.name, ln)
			legend++
		}
	}
	if s.markLabel != "" && xmin <= xmax {
		if xmin == xmax {
			xmin, xmax = xmin-0.5, xmax+0.5
		}
		m, err := plotter.NewLine(plotter.XYs{{X: xmin, Y: s.mark}, {X: xmax, Y: s.mark}})
		if err == nil {
			m.Color = render.Ink
			m.Width = vg.Points(2)
			m.Dashes = []vg.Length{6, 4}
			p.Add(m)
			p.Legend.Add(s.markLabel, m)
			legend++
		}
	}
	if len(s.lines) == 0 || xmin > xmax {
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
		return p
	}
	// Headroom over the data for the legend, which sits at the top left, so that no
	// line runs through it: a fifth of the range for each legend entry.
	if n := legend; n > 0 && p.Y.Max > p.Y.Min {
		p.Y.Max += (p.Y.Max - p.Y.Min) * 0.2 * float64(n)
	}
	return p
}

// chartImage is a chart drawn into an Ebiten image, redrawn only when its spec changes
// (drawing a chart takes about 10 ms, too long to do every frame).
type chartImage struct {
	img    *ebiten.Image
	rgba   *image.RGBA
	key    uint64
	drawn  bool
	redraw int // how many times it was drawn, for tests
}

func newChartImage(w, h int) *chartImage {
	return &chartImage{img: ebiten.NewImage(w, h)}
}

// set shows s, drawing it only if it differs from what is shown.
func (c *chartImage) set(s chartSpec) {
	k := s.key()
	if c.drawn && k == c.key {
		return
	}
	b := c.img.Bounds()
	cv := vgimg.NewWith(vgimg.UseWH(vg.Length(b.Dx()), vg.Length(b.Dy())), vgimg.UseDPI(72), vgimg.UseBackgroundColor(color.Transparent))
	s.plot().Draw(draw.New(cv))
	src := cv.Image()
	if c.rgba == nil {
		c.rgba = image.NewRGBA(b)
	}
	stddraw.Draw(c.rgba, b, src, src.Bounds().Min, stddraw.Src)
	c.img.WritePixels(c.rgba.Pix)
	c.key, c.drawn = k, true
	c.redraw++
}

// plainTicks are gonum's default ticks, labelled without trailing zeros ("1750",
// not "1750.00").
type plainTicks struct{}

func (plainTicks) Ticks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = strconv.FormatFloat(math.Round(ts[i].Value*1e6)/1e6, 'f', -1, 64)
		}
	}
	return ts
}
