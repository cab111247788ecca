package render

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// BarChart is groups of bars side by side in each category, from 0.
type BarChart struct {
	Title, YLabel string
	Categories    []string
	Bars          []Bars
}

// Bars is one group of a BarChart: a value per category. The first group is filled
// with its colour; the others with a tint of theirs, outlined in a dash pattern, so
// that groups differ without colour.
type Bars struct {
	Label  string
	Values []float64
}

func (b BarChart) heading() string { return b.Title }

func (b BarChart) build(m medium) (*figure, error) {
	if len(b.Categories) == 0 {
		return nil, fmt.Errorf("bar chart %q: no categories", b.Title)
	}
	p := m.newPlot(Numbers, Numbers)
	p.Add(m.grid(false))
	p.Y.Label.Text = b.YLabel
	p.Y.Min = 0
	leg := m.newLegend()
	n := max(1, len(b.Bars))
	width := vg.Points(math.Min(40, 360/float64(n*max(1, len(b.Categories)))))
	for i, g := range b.Bars {
		if len(g.Values) != len(b.Categories) {
			return nil, fmt.Errorf("bars %q: %d values for %d categories", g.Label, len(g.Values), len(b.Categories))
		}
		vs := make(plotter.Values, len(g.Values))
		for j, v := range g.Values {
			if finite(v) {
				vs[j] = v
			}
		}
		bc, err := plotter.NewBarChart(vs, width)
		if err != nil {
			return nil, err
		}
		bc.Color = colour(i)
		bc.LineStyle = draw.LineStyle{Color: colour(i), Width: m.edge}
		if i > 0 {
			bc.Color = tint(i)
			bc.LineStyle = draw.LineStyle{Color: colour(i), Width: m.ref, Dashes: scaled([]vg.Length{4, 2}, m.dash)}
		}
		bc.Offset = (vg.Length(i) - vg.Length(n-1)/2) * width
		p.Add(bc)
		if g.Label != "" {
			leg.add(g.Label, bc)
		}
	}
	p.X.Tick.Marker = categoryTicks(b.Categories)
	p.X.Min, p.X.Max = -0.5, float64(len(b.Categories))-0.5
	p.X.Tick.Length = 0
	f := &figure{title: b.Title, plot: p, xcats: b.Categories}
	if len(b.Bars) > 1 {
		f.legend = leg
	}
	return f, nil
}
