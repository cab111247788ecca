package render

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"image"
	"image/color"
	stddraw "image/draw"
	"image/png"
	"os"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/copex/copex/internal/atomicfile"
)

// File charts are 16:9, 600 x 337.5 points (about 21 x 12 cm); PNGs are drawn at 144
// dots per inch, so they are 1200 x 675 pixels and stay sharp on a projector.
const (
	chartWidth  vg.Length = 600
	chartHeight vg.Length = 337.5
	chartDPI              = 144
	pngWidth              = 1200
	pngHeight             = 675
)

// figure is a chart laid out: its title across the top, a legend or colour bar beside
// the plot (never over the data), the plot in the rest.
type figure struct {
	title  string
	plot   *plot.Plot
	legend *legend    // nil: none
	bar    *plot.Plot // a heat map's colour bar; nil: none
	xcats  []string   // the categories of a categorical x axis, labelled to fit when drawn
}

// draw draws the figure on c in medium m.
func (f *figure) draw(c vg.CanvasSizer, m medium) {
	dc := draw.New(c)
	dc.SetColor(m.background)
	dc.Fill(dc.Rectangle.Path())
	dc = draw.Crop(dc, m.margin, -m.margin, m.margin, -m.margin)

	if f.title != "" {
		ts := plot.New().Title.TextStyle
		ts.Font = font(m.title)
		ts.Color = ink
		width := dc.Max.X - dc.Min.X
		title := wrapText(f.title, func(s string) bool { return ts.Width(s) <= width })
		descent := ts.FontExtents().Descent
		dc.FillText(ts, vg.Point{X: dc.Center().X, Y: dc.Max.Y + descent}, title)
		dc.Max.Y -= ts.Rectangle(title).Size().Y + m.title/2
	}
	if f.legend != nil {
		r := f.legend.Rectangle(dc)
		w := r.Max.X - r.Min.X + m.legend
		f.legend.Draw(draw.Crop(dc, dc.Max.X-dc.Min.X-w+m.legend, 0, 0, -vg.Points(4)))
		dc.Max.X -= w
	}
	var bar draw.Canvas
	if f.bar != nil {
		w := 10 * m.tick
		bar = draw.Crop(dc, dc.Max.X-dc.Min.X-w+m.tick, 0, 0, 0)
		dc.Max.X -= w
	}
	if n := len(f.xcats); n > 0 {
		// Each label gets its category's share of the width, less the y axis (about
		// six digits) and a gap.
		room := ((dc.Max.X - dc.Min.X - 6*m.tick) / vg.Length(n)) * 0.9
		f.plot.X.Tick.Marker = categoryLabels(f.xcats, f.plot.X.Tick.Label, room)
	}
	if t, ok := f.plot.Y.Tick.Marker.(niceTicks); ok {
		// About the height of the data: less the x axis' labels and ticks.
		h := dc.Max.Y - dc.Min.Y - 2*(m.label+m.tick)
		f.plot.Y.Tick.Marker = t.fit(h, m.tick)
	}
	f.plot.Draw(dc)
	if f.bar != nil {
		data := f.plot.DataCanvas(dc) // the colour bar spans the cells' height
		bar.Min.Y, bar.Max.Y = data.Min.Y, data.Max.Y
		f.bar.Draw(bar)
	}
}

// layout builds p for medium m.
func layout(p Plot, m medium) (*figure, error) {
	f, err := p.build(m)
	if err != nil {
		return nil, fmt.Errorf("chart %q: %w", p.heading(), err)
	}
	return f, nil
}

// PNG draws p as a 1200 x 675 PNG (600 x 337.5 points at 144 dots per inch).
func PNG(p Plot) ([]byte, error) {
	f, err := layout(p, paper)
	if err != nil {
		return nil, err
	}
	c := vgimg.NewWith(vgimg.UseWH(chartWidth, chartHeight), vgimg.UseDPI(chartDPI))
	f.draw(c, paper)
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart %q: %w", p.heading(), err)
	}
	return buf.Bytes(), nil
}

// SVG draws p as a 600 x 337.5 point SVG.
func SVG(p Plot) ([]byte, error) {
	f, err := layout(p, paper)
	if err != nil {
		return nil, err
	}
	c := vgsvg.New(chartWidth, chartHeight)
	f.draw(c, paper)
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart %q: %w", p.heading(), err)
	}
	return buf.Bytes(), nil
}

// Image draws p for GetGo's screen: w x h pixels at 72 dots per inch (a point a
// pixel), in the screen's type sizes, on background (nil: white).
func Image(p Plot, w, h int, background color.Color) (*image.RGBA, error) {
	m := screen
	if background != nil {
		m.background = background
	}
	f, err := layout(p, m)
	if err != nil {
		return nil, err
	}
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(w), vg.Length(h)), vgimg.UseDPI(72), vgimg.UseBackgroundColor(m.background))
	f.draw(c, m)
	src := c.Image()
	if rgba, ok := src.(*image.RGBA); ok && rgba.Bounds() == image.Rect(0, 0, w, h) {
		return rgba, nil
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	stddraw.Draw(out, out.Bounds(), src, src.Bounds().Min, stddraw.Src)
	return out, nil
}

// Chart is one chart written as files.
type Chart struct {
	Name  string // short name and file stem: "supply", "gini", ...
	Title string // what the chart shows, for captions and alt text
	PNG   string // PNG file name, relative to the output folder
	SVG   string // SVG file name, relative to the output folder
}

// Write draws p as dir/name.png and dir/name.svg (see PNG and SVG), each written
// atomically, and returns the chart. The folder must exist.
func Write(dir, name string, p Plot) (Chart, error) {
	c := Chart{Name: name, Title: p.heading(), PNG: name + ".png", SVG: name + ".svg"}
	b, err := PNG(p)
	if err != nil {
		return c, err
	}
	if err := atomicfile.WriteFile(filepath.Join(dir, c.PNG), b); err != nil {
		return c, fmt.Errorf("chart %s: %w", name, err)
	}
	if b, err = SVG(p); err != nil {
		return c, err
	}
	if err := atomicfile.WriteFile(filepath.Join(dir, c.SVG), b); err != nil {
		return c, fmt.Errorf("chart %s: %w", name, err)
	}
	return c, nil
}

// Embedded is an image ready to embed in an HTML page.
type Embedded struct {
	Src           template.URL // a data:image/png;base64 URI
	Width, Height int          // in pixels
}

// EmbedPNG returns the PNG image b as a data URI, after checking that it is one: a
// report never labels anything else image/png.
func EmbedPNG(b []byte) (Embedded, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return Embedded{}, fmt.Errorf("embed: not a PNG image: %w", err)
	}
	return Embedded{
		// The URI is built here from PNG bytes, so it is safe to mark as a URL.
		Src:    template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(b)),
		Width:  cfg.Width,
		Height: cfg.Height,
	}, nil
}

// EmbedPNGFile reads a PNG file and returns it ready to embed (see EmbedPNG).
func EmbedPNGFile(path string) (Embedded, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Embedded{}, err
	}
	e, err := EmbedPNG(b)
	if err != nil {
		return Embedded{}, fmt.Errorf("%s: %w", path, err)
	}
	return e, nil
}
