package render

import (
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	gfont "gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// This file is Copex's one chart style: the typeface, the palette, dash patterns and
// marker shapes, line widths, the grid, the axes and their ticks. Every chart (a run's,
// a batch report's, GetGo's) is drawn with it; only the sizes differ between a chart
// in a file and a chart on GetGo's screen (see medium).

// medium is what differs between a chart in a file and one on GetGo's screen: type
// sizes and stroke widths, in points, and the background. A file chart is 600 points
// wide and shown across a page or a projector; a screen chart is a panel of GetGo's
// 1280 x 720 screen, read from the back of a room, so its type is larger.
type medium struct {
	title, label, tick, legend vg.Length // type sizes
	line                       vg.Length // data lines
	ref                        vg.Length // reference lines (markers)
	edge                       vg.Length // a band's edges
	gridWidth                  vg.Length // grid lines
	radius                     vg.Length // data markers
	thumb                      vg.Length // width of a legend thumbnail
	dash                       float64   // scale of the dash patterns
	margin                     vg.Length // blank border around the chart
	background                 color.Color
}

// paper is the medium of chart files (PNG at 144 dots per inch, SVG).
var paper = medium{
	title: 16, label: 13, tick: 11, legend: 12,
	line: 2, ref: 1.25, edge: 0.75, gridWidth: 0.25, radius: 3.5, thumb: 36, dash: 1, margin: 8,
	background: color.White,
}

// screen is the medium of GetGo's charts (72 dots per inch: a point is a pixel). Its
// background is the game's, given when drawing.
var screen = medium{
	title: 20, label: 18, tick: 16, legend: 16,
	line: 3, ref: 2, edge: 1.25, gridWidth: 1, radius: 4.5, thumb: 40, dash: 1.5, margin: 4,
	background: color.White,
}

// sans is the charts' typeface (the Liberation fonts ship with gonum/plot).
var sans = gfont.Font{Typeface: "Liberation", Variant: "Sans"}

// font returns the charts' typeface at size points.
func font(size vg.Length) gfont.Font { return gfont.From(sans, size) }

// ink is the colour of the charts' text and axes: GetGo's ink, near black.
var ink color.Color = Ink

// palette is the Okabe-Ito palette, readable by people with colour-blindness; lines
// differ in dash pattern and marker shape as well.
var palette = []color.Color{
	color.RGBA{0, 114, 178, 255},   // blue
	color.RGBA{213, 94, 0, 255},    // vermilion
	color.RGBA{0, 158, 115, 255},   // bluish green
	color.RGBA{204, 121, 167, 255}, // reddish purple
	color.RGBA{230, 159, 0, 255},   // orange
	color.RGBA{86, 180, 233, 255},  // sky blue
	color.RGBA{0, 0, 0, 255},       // black
}

// colour returns the i-th series' colour.
func colour(i int) color.Color { return palette[i%len(palette)] }

// tint returns a light, translucent tint of the i-th series' colour, for its band.
func tint(i int) color.Color {
	r, g, b, _ := colour(i).RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), 60}
}

// dashes are the lines' dash patterns; the first is solid.
var dashes = [][]vg.Length{
	nil,
	{8, 4},
	{2, 3},
	{10, 3, 2, 3},
	{4, 4},
	{10, 3, 2, 3, 2, 3},
}

// scaled returns a dash pattern scaled by k.
func scaled(d []vg.Length, k float64) []vg.Length {
	if d == nil {
		return nil
	}
	out := make([]vg.Length, len(d))
	for i, l := range d {
		out[i] = l * vg.Length(k)
	}
	return out
}

// glyphs are the lines' marker shapes, alternately filled and hollow.
var glyphs = []draw.GlyphDrawer{
	draw.CircleGlyph{},
	draw.SquareGlyph{},
	draw.PyramidGlyph{},
	draw.CrossGlyph{},
	draw.RingGlyph{},
	draw.BoxGlyph{},
	draw.TriangleGlyph{},
	draw.PlusGlyph{},
}

// lineStyle returns the style of a chart's i-th line.
func (m medium) lineStyle(i int) draw.LineStyle {
	return draw.LineStyle{Color: colour(i), Width: m.line, Dashes: scaled(dashes[i%len(dashes)], m.dash)}
}

// glyphStyle returns the marker style of a chart's i-th line.
func (m medium) glyphStyle(i int) draw.GlyphStyle {
	return draw.GlyphStyle{Color: colour(i), Radius: m.radius, Shape: glyphs[i%len(glyphs)]}
}

// edgeStyle returns the style of the edges of the i-th line's band: dotted, so that a
// band reads without its tint.
func (m medium) edgeStyle(i int) draw.LineStyle {
	return draw.LineStyle{Color: colour(i), Width: m.edge, Dashes: scaled([]vg.Length{1, 2}, m.dash)}
}

// refStyle returns the style of reference lines (markers).
func (m medium) refStyle() draw.LineStyle {
	return draw.LineStyle{Color: color.Gray{110}, Width: m.ref, Dashes: scaled([]vg.Length{3, 3}, m.dash)}
}

// newPlot returns an empty plot in the style: fonts, ink, axes and ticks of the given
// kinds. The title and legend are drawn around it (see figure).
func (m medium) newPlot(xticks, yticks Ticks) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil // the figure fills the background
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font(m.label)
		a.Label.TextStyle.Color = ink
		a.Label.Padding = vg.Points(4)
		a.Tick.Label.Font = font(m.tick)
		a.Tick.Label.Color = ink
		a.Color, a.Tick.Color = ink, ink
		a.Padding = vg.Points(4)
	}
	p.X.Tick.Marker = xticks.ticker()
	p.Y.Tick.Marker = yticks.ticker()
	p.Y.AutoRescale = true // to the outermost ticks
	return p
}

// grid returns light grid lines at the major ticks: horizontal ones, and vertical ones
// if vertical.
func (m medium) grid(vertical bool) *plotter.Grid {
	g := plotter.NewGrid()
	g.Horizontal = draw.LineStyle{Color: color.Gray{225}, Width: m.gridWidth}
	g.Vertical = g.Horizontal
	if !vertical {
		g.Vertical.Color = nil
	}
	return g
}

// Ticks says how an axis is counted, which sets where its ticks fall.
type Ticks uint8

const (
	// Numbers are ticks at a round step: 1, 2, 2.5 or 5 times a power of ten.
	Numbers Ticks = iota
	// Counts are Numbers for whole numbers: no step under 1.
	Counts
	// Months are ticks at multiples of a quarter, a year and so on.
	Months
	// Weeks are ticks at multiples of four weeks, a quarter (13), a year (52) and so on.
	Weeks
)

func (t Ticks) ticker() plot.Ticker {
	switch t {
	case Months:
		return stepTicks(monthSteps)
	case Weeks:
		return stepTicks(weekSteps)
	case Counts:
		return niceTicks{whole: true}
	}
	return niceTicks{}
}

// Tick steps of a time axis in months and in weeks: multiples of a quarter, a year and
// so on, so that ticks fall on round dates.
var (
	monthSteps = []float64{1, 2, 3, 6, 12, 24, 60, 120, 240, 600, 1200}
	weekSteps  = []float64{1, 2, 4, 13, 26, 52, 104, 260, 520, 1040, 2600}
)

// maxTicks is the most labelled ticks an axis gets.
const maxTicks = 8

// stepTicks are ticks at multiples of the smallest step that gives at most maxTicks.
type stepTicks []float64

// Ticks implements plot.Ticker.
func (s stepTicks) Ticks(lo, hi float64) []plot.Tick {
	step := s[len(s)-1]
	for _, c := range s {
		if (hi-lo)/c < maxTicks {
			step = c
			break
		}
	}
	for (hi-lo)/step >= maxTicks {
		step *= 10
	}
	var ts []plot.Tick
	for k := math.Ceil(lo / step); k*step <= hi && len(ts) <= maxTicks; k++ {
		v := k * step
		ts = append(ts, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', -1, 64)})
	}
	return ts
}

// niceTicks are at most yIntervals+1 ticks at a round step (1, 2, 2.5 or 5 times a
// power of ten) that cover the range; large values are written short (250k, 1.5M).
// The step is the smallest that covers the range in yIntervals, so the ticks of the
// range they cover are the same ticks: the axis can be widened to them (AutoRescale).
type niceTicks struct {
	whole     bool // the values are counts: no step under 1
	intervals int  // the most intervals between ticks; 0: yIntervals
}

// yIntervals is the most intervals between ticks on a y axis.
const yIntervals = 6

// fit returns n with at most as many intervals as fit length at one per 1.75 type
// sizes of a tick label (between 2 and yIntervals), so that a short axis on GetGo's
// screen does not crowd its labels.
func (n niceTicks) fit(length, size vg.Length) niceTicks {
	n.intervals = max(2, min(yIntervals, int(length/(1.75*size))))
	return n
}

// Ticks implements plot.Ticker.
func (n niceTicks) Ticks(lo, hi float64) []plot.Tick {
	const eps = 1e-9 // slack for values a rounding error off a multiple of the step
	k := float64(n.intervals)
	if k == 0 {
		k = yIntervals
	}
	step := niceStep((hi - lo) / k)
	if n.whole {
		step = math.Max(step, 1)
	}
	first, last := math.Floor(lo/step+eps), math.Ceil(hi/step-eps)
	for range 8 {
		if last-first <= k {
			break
		}
		step = niceStep(step * (1 + 1e-6)) // the next round step
		first, last = math.Floor(lo/step+eps), math.Ceil(hi/step-eps)
	}
	div, suffix := unit(math.Max(math.Abs(first), math.Abs(last)) * step)
	prec := decimals(step / div)
	if prec > 2 { // too fine a step to write short
		div, suffix, prec = 1, "", decimals(step)
	}
	var ts []plot.Tick
	for i := 0.0; i <= last-first && i <= 4*k; i++ {
		v := (first + i) * step
		label := strconv.FormatFloat(v/div, 'f', prec, 64) + suffix
		if v == 0 {
			label = "0"
		}
		ts = append(ts, plot.Tick{Value: v, Label: label})
	}
	return ts
}

// unit returns the divisor and suffix to write numbers up to max short: 1e6 and "M"
// for millions. Numbers under 10,000 are written in full.
func unit(max float64) (float64, string) {
	switch {
	case max >= 1e12:
		return 1e12, "T"
	case max >= 1e9:
		return 1e9, "G"
	case max >= 1e6:
		return 1e6, "M"
	case max >= 1e4:
		return 1e3, "k"
	}
	return 1, ""
}

// niceStep returns the smallest of 1, 2, 2.5, 5 and 10 times a power of ten that is at
// least x (give or take a rounding error): a round step for an axis.
func niceStep(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 0) {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(x)))
	for _, f := range []float64{1, 2, 2.5, 5} {
		if f*mag >= x*(1-1e-9) {
			return f * mag
		}
	}
	return 10 * mag
}

// decimals returns how many decimals write multiples of step exactly.
func decimals(step float64) int {
	for d := range 12 {
		s := step * math.Pow10(d)
		if math.Abs(s-math.Round(s)) < 1e-9*s {
			return d
		}
	}
	return 12
}

// categoryTicks are ticks at 0, 1, ... labelled with the categories' names.
type categoryTicks []string

// Ticks implements plot.Ticker.
func (l categoryTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	for i, s := range l {
		ts = append(ts, plot.Tick{Value: float64(i), Label: s})
	}
	return ts
}
