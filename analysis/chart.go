package analysis

import (
	"github.com/copex/copex/render"
)

// Chart is one chart written as PNG and SVG. Every chart of the analysis is drawn by
// package render, in the style of a run's charts and GetGo's.
type Chart = render.Chart

// bandLine is a line through means with a confidence band between lower and upper.
type bandLine struct {
	label            string
	xs, mean, lo, hi []float64
}

// series returns the band line as a series of a render.LineChart, drawn as shape.
func (b bandLine) series(shape render.Shape) render.Series {
	return render.Series{Label: b.label, X: b.xs, Y: b.mean, Lower: b.lo, Upper: b.hi, As: shape}
}

// categories returns the levels of parameter p for a categorical axis, or nil for a
// numeric parameter.
func (r *Runs) categories(p int) []string {
	if !r.categorical(p) {
		return nil
	}
	return r.Levels[p]
}
