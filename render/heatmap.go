package render

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// HeatMap is the value of a quantity over a grid of two others: coloured cells, each
// with its value written in it (so that it reads without colour), and a colour bar.
type HeatMap struct {
	Title, XLabel, YLabel, ZLabel string
	X, Y                          []float64 // the grid's columns and rows
	// XCategories and YCategories, if set, make an axis categorical: its values are
	// indices into them.
	XCategories, YCategories []string
	Z                        [][]float64            // Z[row][column]: the value at Y[row], X[column]; NaN: none
	Format                   func(v float64) string // cell labels; nil: 4 significant digits
}

func (h HeatMap) heading() string { return h.Title }

// grid is a HeatMap's cells, as gonum/plot reads them.
type grid struct{ h *HeatMap }

func (g grid) Dims() (c, r int)   { return len(g.h.X), len(g.h.Y) }
func (g grid) Z(c, r int) float64 { return g.h.Z[r][c] }
func (g grid) X(c int) float64    { return g.h.X[c] }
func (g grid) Y(r int) float64    { return g.h.Y[r] }

func (h HeatMap) build(m medium) (*figure, error) {
	if len(h.X) == 0 || len(h.Y) == 0 || len(h.Z) != len(h.Y) {
		return nil, fmt.Errorf("heat map %q: %d rows of values for %d x %d cells", h.Title, len(h.Z), len(h.X), len(h.Y))
	}
	format := h.Format
	if format == nil {
		format = func(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) }
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	var labels plotter.XYLabels
	var labelValues []float64
	for r, row := range h.Z {
		if len(row) != len(h.X) {
			return nil, fmt.Errorf("heat map %q: row %d has %d values for %d columns", h.Title, r, len(row), len(h.X))
		}
		for c, v := range row {
			if finite(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
				labels.XYs = append(labels.XYs, plotter.XY{X: h.X[c], Y: h.Y[r]})
				labels.Labels = append(labels.Labels, format(v))
				labelValues = append(labelValues, v)
			}
		}
	}
	if !(lo <= hi) {
		lo, hi = 0, 1
	}
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
	}
	cm := moreland.SmoothBlueRed()
	cm.SetMin(lo)
	cm.SetMax(hi)
	p := m.newPlot(Numbers, Numbers)
	p.Y.AutoRescale = false // the cells fill the plot
	p.X.Label.Text, p.Y.Label.Text = h.XLabel, h.YLabel
	for _, a := range []struct {
		axis *plot.Axis
		vals []float64
		cats []string
	}{{&p.X, h.X, h.XCategories}, {&p.Y, h.Y, h.YCategories}} {
		switch {
		case len(a.cats) > 0:
			a.axis.Tick.Marker = categoryTicks(a.cats)
		case len(a.vals) <= maxTicks:
			a.axis.Tick.Marker = valueTicks(a.vals) // at the cells' centres
		}
	}
	hm := plotter.NewHeatMap(grid{&h}, cm.Palette(255))
	hm.Min, hm.Max = lo, hi
	p.Add(hm)
	if len(labels.XYs) > 0 {
		lb, err := plotter.NewLabels(labels)
		if err != nil {
			return nil, err
		}
		for i := range lb.TextStyle {
			lb.TextStyle[i].Font = font(m.tick)
			lb.TextStyle[i].Color = labelInk(cm, labelValues[i])
			lb.TextStyle[i].XAlign = draw.XCenter
			lb.TextStyle[i].YAlign = draw.YCenter
		}
		p.Add(lb)
	}
	bar := plot.New()
	bar.BackgroundColor = nil
	bar.HideX()
	bar.Y.Padding = 0
	bar.Y.Tick.Label.Font = font(m.tick)
	bar.Y.Tick.Label.Color, bar.Y.Color, bar.Y.Tick.Color = ink, ink, ink
	bar.Y.Tick.Marker = niceTicks{}
	bar.Y.Label.Text = h.ZLabel
	bar.Y.Label.TextStyle.Font = font(m.label)
	bar.Y.Label.TextStyle.Color = ink
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true})
	return &figure{title: h.Title, plot: p, bar: bar, xcats: h.XCategories}, nil
}

// labelInk returns the colour of a cell's label: ink on light cells, white on dark.
func labelInk(cm interface {
	At(float64) (color.Color, error)
}, v float64) color.Color {
	c, err := cm.At(v)
	if err != nil {
		return ink
	}
	r, g, b, _ := c.RGBA()
	if 0.2126*float64(r)+0.7152*float64(g)+0.0722*float64(b) < 0.45*0xffff {
		return color.White
	}
	return ink
}

// valueTicks are ticks at each of the values, labelled in full.
type valueTicks []float64

// Ticks implements plot.Ticker.
func (v valueTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	for _, x := range v {
		ts = append(ts, plot.Tick{Value: x, Label: strconv.FormatFloat(x, 'f', -1, 64)})
	}
	return ts
}
