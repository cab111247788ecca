package screens

import (
	"fmt"
	"hash/fnv"
	"image"
	stddraw "image/draw"

	"github.com/hajimehoshi/ebiten/v2"

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

// chart returns the spec as a chart in Copex's one style (package render). Every chart
// of the game is by month.
func (s chartSpec) chart() render.LineChart {
	c := render.LineChart{Title: s.title, XLabel: s.xLabel, YLabel: s.yLabel, XTicks: render.Months}
	for _, l := range s.lines {
		se := render.Series{Label: l.name, X: l.xs, Y: l.ys}
		if len(l.ys) < 3 {
			se.As = render.LinePoints // one month is a point, not yet a line: mark it
		}
		c.Series = append(c.Series, se)
	}
	if s.markLabel != "" {
		c.Markers = []render.Marker{{Y: s.mark, Label: s.markLabel}}
	}
	return c
}

// chartImage is a chart drawn into an Ebiten image, redrawn only when its spec changes
// (drawing a chart takes about 10 ms, too long to do every frame).
type chartImage struct {
	img    *ebiten.Image
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
	img, err := render.Image(s.chart(), b.Dx(), b.Dy(), paperLight)
	if err != nil {
		// A chart the data cannot make (ragged series) shows as an empty panel rather
		// than failing the screen.
		img = image.NewRGBA(b)
		stddraw.Draw(img, b, image.NewUniform(paperLight), image.Point{}, stddraw.Src)
	}
	c.img.WritePixels(img.Pix)
	c.key, c.drawn = k, true
	c.redraw++
}
