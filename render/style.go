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

// Type sizes, in points, large enough to read from the back of a room.
const (
	sizeTitle  = 16
	sizeLabel  = 13
	sizeTick   = 11
	sizeLegend = 12
)

// margin is the blank border around a chart.
const margin = vg.Length(8)

// sans is the charts' typeface (the Liberation fonts ship with gonum/plot).
var sans = gfont.Font{Typeface: "Liberation", Variant: "Sans"}

// font returns the charts' typeface at size points.
func font(size vg.Length) gfont.Font { return gfont.From(sans, size) }

// Font returns the charts' typeface at size points, for charts drawn elsewhere in the
// house style.
func Font(size vg.Length) gfont.Font { return font(size) }

// Palette returns the charts' colours (Okabe-Ito), in order.
func Palette() []color.Color { return palette }

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

// dashes are the lines' dash patterns; the first is solid.
var dashes = [][]vg.Length{
	nil,
	{8, 4},
	{2, 3},
	{10, 3, 2, 3},
	{4, 4},
	{10, 3, 2, 3, 2, 3},
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
func lineStyle(i int) draw.LineStyle {
	return draw.LineStyle{
		Color:  palette[i%len(palette)],
		Width:  vg.Points(2),
		Dashes: dashes[i%len(dashes)],
	}
}

// glyphStyle returns the marker style of a chart's i-th line.
func glyphStyle(i int) draw.GlyphStyle {
	return draw.GlyphStyle{
		Color:  palette[i%len(palette)],
		Radius: vg.Points(3.5),
		Shape:  glyphs[i%len(glyphs)],
	}
}

// refStyle is the style of reference lines.
var refStyle = draw.LineStyle{
	Color:  color.Gray{110},
	Width:  vg.Points(1.25),
	Dashes: []vg.Length{3, 3},
}

// style sets p's fonts, axes and ticks; xsteps are the x axis' tick steps to choose
// from, and whole says the y values are counts.
func style(p *plot.Plot, xsteps []float64, whole bool) {
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font(sizeLabel)
		a.Label.Padding = vg.Points(4)
		a.Tick.Label.Font = font(sizeTick)
		a.Padding = vg.Points(4)
	}
	p.X.Tick.Marker = stepTicks(xsteps)
	p.Y.Tick.Marker = niceTicks{whole: whole}
	p.Y.AutoRescale = true // to the outermost ticks
}

// grid returns light grid lines at the major ticks.
func grid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = color.Gray{225}
	g.Horizontal.Color = color.Gray{225}
	return g
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
	whole bool // the values are counts: no step under 1
}

// yIntervals is the most intervals between ticks on a y axis.
const yIntervals = 6

// Ticks implements plot.Ticker.
func (n niceTicks) Ticks(lo, hi float64) []plot.Tick {
	const eps = 1e-9 // slack for values a rounding error off a multiple of the step
	step := NiceStep((hi - lo) / yIntervals)
	if n.whole {
		step = math.Max(step, 1)
	}
	first, last := math.Floor(lo/step+eps), math.Ceil(hi/step-eps)
	for range 8 {
		if last-first <= yIntervals {
			break
		}
		step = NiceStep(step * (1 + 1e-6)) // the next round step
		first, last = math.Floor(lo/step+eps), math.Ceil(hi/step-eps)
	}
	div, suffix := unit(math.Max(math.Abs(first), math.Abs(last)) * step)
	prec := decimals(step / div)
	if prec > 2 { // too fine a step to write short
		div, suffix, prec = 1, "", decimals(step)
	}
	var ts []plot.Tick
	for i := 0.0; i <= last-first && i <= 4*yIntervals; i++ {
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

// NiceStep returns the smallest of 1, 2, 2.5, 5 and 10 times a power of ten that is at
// least x (give or take a rounding error): a round step for an axis.
func NiceStep(x float64) float64 {
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
