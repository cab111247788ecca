package analysis

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// img matches an <img> tag's source; dataURI a data URI's type and base64 payload.
var (
	imgSrc  = regexp.MustCompile(`<img [^>]*src="([^"]*)"`)
	dataURI = regexp.MustCompile(`^data:(image/[a-z0-9.+-]+);base64,([A-Za-z0-9+/=]+)$`)
)

// checkImages checks every image embedded in the report at path (see imageProblems)
// and returns how many it found.
func checkImages(t *testing.T, path string) int {
	t.Helper()
	page, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n, problems := imageProblems(page)
	for _, p := range problems {
		t.Errorf("%s: %s", path, p)
	}
	return n
}

// imageProblems decodes every image embedded in an HTML page and checks that it is
// what its data URI says: a PNG that image/png decodes, at least 400 x 200 pixels and
// of more than one colour, or an SVG document. It returns how many images the page has
// and what is wrong with them.
func imageProblems(page []byte) (int, []string) {
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	srcs := imgSrc.FindAllSubmatch(page, -1)
	if n := bytes.Count(page, []byte("<img ")); n != len(srcs) {
		bad("%d <img> tags, %d with a src", n, len(srcs))
	}
	for i, m := range srcs {
		src := []byte(html.UnescapeString(string(m[1]))) // as a browser reads the attribute
		d := dataURI.FindSubmatch(src)
		if d == nil {
			bad("image %d is not a base64 data URI: %.60q", i, src)
			continue
		}
		b, err := base64.StdEncoding.DecodeString(string(d[2]))
		if err != nil {
			bad("image %d: %v", i, err)
			continue
		}
		switch string(d[1]) {
		case "image/png":
			im, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				bad("image %d labelled image/png does not decode (%v); it starts %.20q", i, err, b)
				continue
			}
			if s := im.Bounds().Size(); s.X < 400 || s.Y < 200 {
				bad("image %d is only %v pixels", i, s)
			}
			if colours(im, 2) < 2 {
				bad("image %d is blank: one colour", i)
			}
		case "image/svg+xml":
			if !(bytes.HasPrefix(b, []byte("<?xml")) || bytes.HasPrefix(b, []byte("<svg"))) || !bytes.Contains(b, []byte("</svg>")) {
				bad("image %d labelled image/svg+xml is not an SVG document: %.40q", i, b)
			}
		default:
			bad("image %d has type %s, want image/png or image/svg+xml", i, d[1])
		}
	}
	return len(srcs), out
}

// colours counts the distinct colours of im, up to limit.
func colours(im image.Image, limit int) int {
	seen := map[[4]uint32]bool{}
	b := im.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := im.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}

// Every report the package writes embeds its charts as real images: a sweep's (and
// analyze's) report with band charts and heat maps, one with a categorical parameter,
// a comparison's, a screening's and a tuning's.
func TestReportsEmbedImages(t *testing.T) {
	dir := t.TempDir()

	runsCSV := filepath.Join(dir, "runs.csv")
	if err := os.WriteFile(runsCSV, []byte(sweepCSV()), 0o644); err != nil {
		t.Fatal(err)
	}
	sweep := filepath.Join(dir, "sweep")
	a, err := ReportFile(runsCSV, sweep)
	if err != nil {
		t.Fatal(err)
	}
	if n := checkImages(t, filepath.Join(sweep, "report.html")); n != len(a.Charts) || n != 6 {
		t.Errorf("sweep report: %d images, %d charts, want 6", n, len(a.Charts))
	}

	cat, err := ReadRuns(strings.NewReader("run,point,replicate,seed,issuance.formula,last(y)\n" +
		"0,0,0,1,smoothed,1\n1,0,1,2,smoothed,3\n2,1,0,1,increase_only,5\n3,1,1,2,increase_only,7\n"))
	if err != nil {
		t.Fatal(err)
	}
	catDir := filepath.Join(dir, "categorical")
	if _, err := Report(cat, catDir); err != nil {
		t.Fatal(err)
	}
	if n := checkImages(t, filepath.Join(catDir, "report.html")); n != 1 {
		t.Errorf("categorical report: %d images, want 1", n)
	}

	c, err := Compare(load(t, "baseline"), load(t, "giveaway"), CompareOptions{Replicates: 2, Seed: 1,
		Metrics: []string{"last(price_index)"}, Series: []string{"price_index", "coops_alive"}})
	if err != nil {
		t.Fatal(err)
	}
	cmpDir := filepath.Join(dir, "compare")
	if _, err := c.Write(cmpDir); err != nil {
		t.Fatal(err)
	}
	if n := checkImages(t, filepath.Join(cmpDir, "report.html")); n != 2 {
		t.Errorf("compare report: %d images, want 2", n)
	}

	sf, err := LoadScreen("../scenarios/tune/screen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Screen(sf, 0)
	if err != nil {
		t.Fatal(err)
	}
	scrDir := filepath.Join(dir, "screen")
	if _, err := res.Write(scrDir); err != nil {
		t.Fatal(err)
	}
	if n := checkImages(t, filepath.Join(scrDir, "report.html")); n != len(sf.Metrics) {
		t.Errorf("screen report: %d images, want %d", n, len(sf.Metrics))
	}

	tf, err := LoadTune(example)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := Tune(tf, TuneOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tuneDir := filepath.Join(dir, "tune")
	if _, err := tr.Write(tuneDir); err != nil {
		t.Fatal(err)
	}
	if n := checkImages(t, filepath.Join(tuneDir, "report.html")); n != 1+len(tf.Params) {
		t.Errorf("tune report: %d images, want %d (the objective and each parameter)", n, 1+len(tf.Params))
	}
}

// The check tells a real PNG from the SVG text the reports used to label image/png,
// and from a blank image.
func TestImageProblems(t *testing.T) {
	svg := []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>`)
	var blank bytes.Buffer
	if err := png.Encode(&blank, image.NewGray(image.Rect(0, 0, 600, 300))); err != nil {
		t.Fatal(err)
	}
	uri := func(typ string, b []byte) string {
		return `<img src="data:` + typ + `;base64,` + base64.StdEncoding.EncodeToString(b) + `">`
	}
	for _, c := range []struct {
		page string
		want string // the problem reported; empty: none
	}{
		{uri("image/svg+xml", svg), ""},
		{uri("image/png", svg), "image 0 labelled image/png does not decode"},
		{uri("image/png", blank.Bytes()), "image 0 is blank"},
		{uri("image/svg+xml", blank.Bytes()), "not an SVG document"},
		{`<img src="chart.png">`, "not a base64 data URI"},
	} {
		n, problems := imageProblems([]byte(c.page))
		got := strings.Join(problems, "; ")
		if n != 1 || (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("imageProblems(%.50q) = %d, %q, want 1 image and %q", c.page, n, got, c.want)
		}
	}
}
