package render

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// bandChart is a sweep-like chart: two series with 95% bands over five x values.
func bandChart() LineChart {
	xs := []float64{0.1, 0.2, 0.3, 0.4, 0.5}
	mk := func(label string, a float64) Series {
		s := Series{Label: label, X: xs, As: LinePoints}
		for _, x := range xs {
			y := a + x*x
			s.Y, s.Lower, s.Upper = append(s.Y, y), append(s.Lower, y-0.05), append(s.Upper, y+0.05)
		}
		return s
	}
	return LineChart{Title: "last(price_index) by issuance.foundation_share (mean, 95% CI)",
		XLabel: "issuance.foundation_share", YLabel: "last(price_index)",
		Series: []Series{mk("A: baseline", 1), mk("B: giveaway", 1.2)}, Markers: []Marker{{Y: 1, Label: "reference: 1"}}}
}

// categoryChart is a sweep over a categorical parameter with long levels.
func categoryChart() LineChart {
	return LineChart{Title: "last(price_index) by issuance.expression", XLabel: "issuance.expression", YLabel: "last(price_index)",
		Categories: []string{"smoothed", "0.5*projected + 0.5*smoothed", "min(projected, 2*smoothed) * release_factor"},
		Series:     []Series{{X: []float64{0, 1, 2}, Y: []float64{1.02, 1.13, 1.23}, Lower: []float64{1, 1.1, 1.21}, Upper: []float64{1.04, 1.16, 1.25}}}}
}

func heatMap() HeatMap {
	return HeatMap{Title: "last(gini) (mean) by a and b", XLabel: "a", YLabel: "b", ZLabel: "last(gini)",
		X: []float64{0.1, 0.2, 0.3}, Y: []float64{6, 12},
		Z: [][]float64{{0.12, 0.13, math.NaN()}, {0.14, 0.15, 0.16}}}
}

func barChart() BarChart {
	return BarChart{Title: "Morris screening of sd(inflation)", YLabel: "effect across the parameter's range",
		Categories: []string{"issuance.smoothing", "issuance.release_factor.value", "issuance.foundation_share"},
		Bars:       []Bars{{Label: "μ*", Values: []float64{0.001, 0.015, 0.004}}, {Label: "σ", Values: []float64{0.0005, 0.001, 0.0045}}}}
}

// over returns c drawn with alpha a over white, as the PNG encoder stores it.
func over(c color.Color, a uint8) color.RGBA {
	r, g, b, _ := c.RGBA()
	mix := func(v uint32) uint8 { return uint8((float64(v>>8)*float64(a) + 255*float64(255-a)) / 255) }
	return color.RGBA{mix(r), mix(g), mix(b), 255}
}

// share returns the fraction of img's pixels within 3 per channel of c.
func share(img image.Image, c color.RGBA) float64 {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			p := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			if near(p.R, c.R) && near(p.G, c.G) && near(p.B, c.B) {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}

func near(a, b uint8) bool { return int(a)-int(b) <= 3 && int(b)-int(a) <= 3 }

func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("PNG does not decode: %v", err)
	}
	return img
}

// Every kind of chart draws as a 1200 x 675 PNG and an SVG with its words in it.
func TestPlots(t *testing.T) {
	for _, c := range []struct {
		name  string
		p     Plot
		words []string
	}{
		{"band", bandChart(), []string{"A: baseline", "B: giveaway", "reference: 1", "issuance.foundation_share"}},
		{"category", categoryChart(), []string{"smoothed", "0.5*projected + 0.5*smoothed", "release_factor"}},
		{"heat map", heatMap(), []string{"0.12", "0.16", "last(gini)"}},
		{"bars", barChart(), []string{"μ*", "σ", "issuance.smoothing"}},
		{"empty", LineChart{Title: "nothing yet"}, []string{"nothing yet"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, err := PNG(c.p)
			if err != nil {
				t.Fatal(err)
			}
			img := decode(t, b)
			if s := img.Bounds().Size(); s != image.Pt(pngWidth, pngHeight) {
				t.Errorf("size %v, want %dx%d", s, pngWidth, pngHeight)
			}
			if n := colours(img); n < 3 {
				t.Errorf("%d colours: nothing drawn?", n)
			}
			svg, err := SVG(c.p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(svg, []byte("<?xml")) || !bytes.Contains(svg, []byte("</svg>")) {
				t.Errorf("SVG does not look like one: %.40q", svg)
			}
			for _, w := range c.words {
				if !bytes.Contains(svg, []byte(htmlEscape(w))) {
					t.Errorf("SVG lacks %q", w)
				}
			}
		})
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// A band is drawn as a tint of its line's colour; on a category axis there is no band
// but points with intervals.
func TestBands(t *testing.T) {
	tint0 := over(palette[0], 60) // the first series' band over white
	b, err := PNG(bandChart())
	if err != nil {
		t.Fatal(err)
	}
	if s := share(decode(t, b), tint0); s < 0.01 {
		t.Errorf("band chart: %.2f%% of pixels have the band's tint %v, want at least 1%%", 100*s, tint0)
	}
	noBand := bandChart()
	for i := range noBand.Series {
		noBand.Series[i].Lower, noBand.Series[i].Upper = nil, nil
	}
	if b, err = PNG(noBand); err != nil {
		t.Fatal(err)
	}
	if s := share(decode(t, b), tint0); s > 0.001 {
		t.Errorf("chart without bands: %.2f%% of pixels have the band's tint", 100*s)
	}
	if b, err = PNG(categoryChart()); err != nil {
		t.Fatal(err)
	}
	img := decode(t, b)
	if s := share(img, tint0); s > 0.001 {
		t.Errorf("category chart: %.2f%% of pixels have a band's tint; want points with intervals", 100*s)
	}
	if s := share(img, color.RGBAModel.Convert(palette[0]).(color.RGBA)); s < 0.0005 {
		t.Errorf("category chart: %.3f%% of pixels in the series' colour: no points drawn?", 100*s)
	}
}

// Image draws for GetGo: the size asked, one point a pixel, on the background given.
func TestImage(t *testing.T) {
	bg := color.RGBA{0xFF, 0xFD, 0xF7, 0xFF}
	lc := LineChart{Title: "Sales, tokens a month", XLabel: "month", XTicks: Months,
		Series: []Series{{Label: "sales", X: []float64{13, 14, 15}, Y: []float64{900, 2000, 3500}}}}
	img, err := Image(lc, 575, 222, bg)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds() != image.Rect(0, 0, 575, 222) {
		t.Fatalf("bounds %v, want 575x222", img.Bounds())
	}
	if got := img.RGBAAt(1, 1); got != bg {
		t.Errorf("corner %v, want the background %v", got, bg)
	}
	if s := share(img, color.RGBAModel.Convert(palette[0]).(color.RGBA)); s < 0.002 {
		t.Errorf("%.3f%% of pixels in the line's colour: no line?", 100*s)
	}
	// At 72 dots per inch the title's 20-point type, from the top of its ascenders to
	// the bottom of its comma, has 17 rows of pixels darker than mid-grey; drawn at 96
	// dots per inch (the vgimg default) it has 22.
	first, rows := -1, 0
	for y := 0; y < 60; y++ {
		inked := false
		for x := 0; x < 575; x++ {
			if p := img.RGBAAt(x, y); p.R < 128 && p.G < 128 && p.B < 128 {
				inked = true
				break
			}
		}
		if inked && first < 0 {
			first = y
		}
		if first >= 0 && !inked {
			break
		}
		if inked {
			rows++
		}
	}
	if rows < 15 || rows > 19 {
		t.Errorf("title ink spans %d rows, want 15..19 (20-point type at 72 dpi)", rows)
	}
}

func TestPlotErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		p    Plot
		want string
	}{
		{"ragged x", LineChart{Series: []Series{{Label: "s", X: []float64{1, 2}, Y: []float64{1}}}}, "2 x values for 1 y values"},
		{"ragged band", LineChart{Series: []Series{{Label: "s", Y: []float64{1, 2}, Lower: []float64{1}, Upper: []float64{1, 2}}}}, "band"},
		{"heat map rows", HeatMap{X: []float64{1}, Y: []float64{1, 2}, Z: [][]float64{{1}}}, "1 rows of values"},
		{"bars", BarChart{Categories: []string{"a"}, Bars: []Bars{{Label: "b", Values: []float64{1, 2}}}}, "2 values for 1 categories"},
		{"no categories", BarChart{}, "no categories"},
	} {
		_, err := PNG(c.p)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: PNG error %v, want one saying %q", c.name, err, c.want)
		}
	}
}

// EmbedPNG embeds PNGs only: the SVG text the batch reports once labelled image/png is
// refused.
func TestEmbedPNG(t *testing.T) {
	b, err := PNG(bandChart())
	if err != nil {
		t.Fatal(err)
	}
	e, err := EmbedPNG(b)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(e.Src), "data:image/png;base64,iVBORw0KGgo") || e.Width != pngWidth || e.Height != pngHeight {
		t.Errorf("EmbedPNG = %.40s… %dx%d, want a PNG data URI of %dx%d", e.Src, e.Width, e.Height, pngWidth, pngHeight)
	}
	svg, err := SVG(bandChart())
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range [][]byte{svg, nil, []byte("not an image")} {
		if _, err := EmbedPNG(bad); err == nil {
			t.Errorf("EmbedPNG(%.20q) accepted it", bad)
		}
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	c, err := Write(dir, "heatmap_gini", heatMap())
	if err != nil {
		t.Fatal(err)
	}
	if c != (Chart{Name: "heatmap_gini", Title: heatMap().Title, PNG: "heatmap_gini.png", SVG: "heatmap_gini.svg"}) {
		t.Errorf("Write = %+v", c)
	}
	checkFiles(t, dir, []Chart{c})
	if _, err := Write(filepath.Join(dir, "missing"), "x", heatMap()); err == nil {
		t.Error("Write into a missing folder: no error")
	}
	if _, err := os.Stat(filepath.Join(dir, "x.png")); !os.IsNotExist(err) {
		t.Error("a file was left behind")
	}
}

func TestWrapLabel(t *testing.T) {
	// Each character is one unit wide; a line holds 10.
	fits := func(s string) bool { return len([]rune(s)) <= 10 }
	for _, c := range []struct{ in, want string }{
		{"smoothed", "smoothed"},
		{"issuance.release_factor.value", "issuance.\nrelease_\nfactor.…"},
		{"0.5*projected", "0.5*projec\nted"}, // not broken after the point of 0.5
		{"min(a, b) * c", "min(a, b)\n* c"},  // at spaces
		{"abcdefghijklmnopqrstuvwxyz", "abcdefghij\nklmnopqrst\nuvwxyz"},
		{"", ""},
	} {
		if got := wrapLabel(c.in, fits, 3); got != c.want {
			t.Errorf("wrapLabel(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestPlotGolden compares a chart of each kind with its golden image, pixel for pixel,
// as TestGolden does for a run's charts. Rerun with -regen after a deliberate change of
// style, and look at the images.
func TestPlotGolden(t *testing.T) {
	for name, p := range map[string]Plot{"band": bandChart(), "category": categoryChart(), "heatmap": heatMap(), "bars": barChart()} {
		got, err := PNG(p)
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", name+"_golden.png")
		if *regen {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if runtime.GOARCH != "amd64" {
			t.Skipf("golden images are made on amd64, not %s", runtime.GOARCH)
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (make it with go test ./render -regen)", err)
		}
		if msg := diff(got, want); msg != "" {
			out := filepath.Join(os.TempDir(), "copex-"+name+"_got.png")
			os.WriteFile(out, got, 0o644)
			t.Errorf("%s chart differs from %s: %s; got image written to %s (rerun with -regen if the change is meant)", name, golden, msg, out)
		}
	}
}
