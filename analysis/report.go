package analysis

import (
	"bytes"
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"html/template"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/copex/copex/internal/atomicfile"
)

// Analysis is what Report wrote.
type Analysis struct {
	Points []Point
	Charts []Chart
	Files  []string // file names, relative to the output folder
}

// ReportFile reads a sweep's runs.csv and writes its report into outDir (see Report).
func ReportFile(runsCSV, outDir string) (*Analysis, error) {
	r, err := ReadRunsFile(runsCSV)
	if err != nil {
		return nil, err
	}
	return Report(r, outDir)
}

// Report writes the analysis of a sweep into outDir (created if need be): points.csv
// (per point and metric: n, mean, sd and the 95% confidence interval), a chart of each
// metric against each varied parameter (the mean across the runs at each value, over
// the other parameters' values, with its 95% confidence band), a heat map of each
// metric's mean for a two-parameter sweep, and report.html, one self-contained page
// with every chart and the table of point statistics.
func Report(r *Runs, outDir string) (*Analysis, error) {
	if len(r.Rows) == 0 {
		return nil, fmt.Errorf("report: no runs")
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	a := &Analysis{Points: r.Points()}
	if err := writePoints(r, a.Points, filepath.Join(outDir, "points.csv")); err != nil {
		return nil, err
	}
	a.Files = append(a.Files, "points.csv")
	for p, param := range r.Params {
		for m, metric := range r.Metrics {
			xs, st := r.Marginal(p, m)
			b := bandLine{xs: xs}
			for _, s := range st {
				b.mean, b.lo, b.hi = append(b.mean, s.Mean), append(b.lo, s.Lower), append(b.hi, s.Upper)
			}
			title := fmt.Sprintf("%s by %s (mean, 95%% CI)", metric, param)
			if len(r.Params) > 1 {
				title = fmt.Sprintf("%s by %s (mean, 95%% CI, over the other parameters)", metric, param)
			}
			pl := newPlot(title, param, metric)
			r.axis(&pl.X, p)
			if err := addBand(pl, b, 0); err != nil {
				return nil, fmt.Errorf("chart %s: %w", title, err)
			}
			padY(pl)
			ch, err := save(outDir, stem(metric)+"_by_"+stem(param), title, plotDrawer(pl))
			if err != nil {
				return nil, err
			}
			a.Charts = append(a.Charts, ch)
		}
	}
	if len(r.Params) == 2 && len(r.distinct(0)) > 1 && len(r.distinct(1)) > 1 {
		for m, metric := range r.Metrics {
			ch, err := heatMap(r, m, outDir)
			if err != nil {
				return nil, fmt.Errorf("heat map %s: %w", metric, err)
			}
			a.Charts = append(a.Charts, ch)
		}
	}
	for _, c := range a.Charts {
		a.Files = append(a.Files, c.PNG, c.SVG)
	}
	if err := writeHTML(filepath.Join(outDir, "report.html"), "Sweep analysis",
		fmt.Sprintf("%d runs at %d points; parameters: %s; metrics: %s.", len(r.Rows), len(a.Points),
			orNone(r.Params), strings.Join(r.Metrics, ", ")),
		pointsTable(r, a.Points), a.Charts); err != nil {
		return nil, err
	}
	a.Files = append(a.Files, "report.html")
	return a, nil
}

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}

var nonWord = regexp.MustCompile(`[^A-Za-z0-9]+`)

// stem turns a metric or parameter name into a file-name stem: "sd(price_index)"
// becomes "sd_price_index".
func stem(s string) string { return strings.Trim(nonWord.ReplaceAllString(s, "_"), "_") }

// writePoints writes the point statistics as CSV.
func writePoints(r *Runs, pts []Point, path string) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(append(append([]string{"point"}, r.Params...), "metric", "n", "mean", "sd", "lower", "upper"))
	for _, p := range pts {
		for m, s := range p.Stats {
			rec := []string{strconv.Itoa(p.Point)}
			for i, v := range p.Params {
				rec = append(rec, r.Label(i, v))
			}
			rec = append(rec, r.Metrics[m], strconv.Itoa(s.N), formatFloat(s.Mean), formatFloat(s.SD), formatFloat(s.Lower), formatFloat(s.Upper))
			w.Write(rec)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, buf.Bytes())
}

// table is a table for the HTML report.
type table struct {
	Header []string
	Rows   [][]string
}

func pointsTable(r *Runs, pts []Point) table {
	t := table{Header: append(append([]string{"point"}, r.Params...), "metric", "n", "mean", "sd", "95% CI")}
	for _, p := range pts {
		for m, s := range p.Stats {
			row := []string{strconv.Itoa(p.Point)}
			for i, v := range p.Params {
				if r.categorical(i) {
					row = append(row, r.Label(i, v))
				} else {
					row = append(row, num(v))
				}
			}
			row = append(row, r.Metrics[m], strconv.Itoa(s.N), num(s.Mean), num(s.SD), "["+num(s.Lower)+", "+num(s.Upper)+"]")
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}

// num formats a figure to 4 significant digits.
func num(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	if a := math.Abs(v); a >= 1e4 && a < 1e15 {
		// Large figures in full, to 4 significant digits: 93230, not 9.323e+04.
		mag := math.Pow(10, math.Floor(math.Log10(a))-3)
		return strconv.FormatFloat(math.Round(v/mag)*mag, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// grid is the mean of one metric at each cell of a two-parameter sweep.
type grid struct {
	xs, ys []float64
	z      [][]float64 // z[row(y)][col(x)]
}

func (g grid) Dims() (c, r int)   { return len(g.xs), len(g.ys) }
func (g grid) Z(c, r int) float64 { return g.z[r][c] }
func (g grid) X(c int) float64    { return g.xs[c] }
func (g grid) Y(r int) float64    { return g.ys[r] }
func (g grid) index(v float64, xs []float64) int {
	for i, x := range xs {
		if x == v {
			return i
		}
	}
	return -1
}

// heatMap draws the mean of metric m over the grid of the two parameters, with the
// value written in each cell (so it reads without colour) and a colour bar.
func heatMap(r *Runs, m int, dir string) (Chart, error) {
	g := grid{xs: r.distinct(0), ys: r.distinct(1)}
	g.z = make([][]float64, len(g.ys))
	for i := range g.z {
		g.z[i] = make([]float64, len(g.xs))
		for j := range g.z[i] {
			g.z[i][j] = math.NaN()
		}
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	var labels plotter.XYLabels
	for _, p := range r.Points() {
		c, rr := g.index(p.Params[0], g.xs), g.index(p.Params[1], g.ys)
		v := p.Stats[m].Mean
		g.z[rr][c] = v
		if finite(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
			labels.XYs = append(labels.XYs, plotter.XY{X: p.Params[0], Y: p.Params[1]})
			labels.Labels = append(labels.Labels, num(v))
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
	metric := r.Metrics[m]
	title := fmt.Sprintf("%s (mean) by %s and %s", metric, r.Params[0], r.Params[1])
	pl := newPlot(title, r.Params[0], r.Params[1])
	r.axis(&pl.X, 0)
	r.axis(&pl.Y, 1)
	hm := plotter.NewHeatMap(g, cm.Palette(255))
	hm.Min, hm.Max = lo, hi
	pl.Add(hm)
	lb, err := plotter.NewLabels(labels)
	if err != nil {
		return Chart{}, err
	}
	for i := range lb.TextStyle {
		lb.TextStyle[i].Font = font(sizeTick)
		lb.TextStyle[i].XAlign = draw.XCenter
		lb.TextStyle[i].YAlign = draw.YCenter
	}
	pl.Add(lb)
	bar := plot.New()
	bar.HideX()
	bar.Y.Padding = 0
	bar.Y.Tick.Label.Font = font(sizeTick)
	bar.Y.Label.Text = metric
	bar.Y.Label.TextStyle.Font = font(sizeLabel)
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true})
	return save(dir, "heatmap_"+stem(metric), title, func(c draw.Canvas) {
		c = draw.Crop(c, 8, -8, 8, -8)
		w := vg.Points(90)
		pl.Draw(draw.Crop(c, 0, -w, 0, 0))
		top := pl.Title.TextStyle.Height(pl.Title.Text) + pl.Title.Padding
		bar.Draw(draw.Crop(c, c.Max.X-c.Min.X-w+vg.Points(20), 0, vg.Points(40), -top-vg.Points(4)))
	})
}

// writeHTML writes a self-contained report: a title, a summary, a table and the charts
// as PNG data URIs.
func writeHTML(path, title, lead string, t table, charts []Chart) error {
	type img struct {
		Title, Src string
	}
	var imgs []img
	for _, c := range charts {
		imgs = append(imgs, img{c.Title, "data:image/png;base64," + base64.StdEncoding.EncodeToString(c.png)})
	}
	var buf bytes.Buffer
	err := page.Execute(&buf, struct {
		Title, Lead string
		Table       table
		Charts      []img
	}{title, lead, t, imgs})
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return atomicfile.WriteFile(path, buf.Bytes())
}

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"url": func(s string) template.URL { return template.URL(s) },
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>
body{font-family:"Liberation Sans",Arial,sans-serif;max-width:1240px;margin:2em auto;padding:0 1em;color:#111}
table{border-collapse:collapse;font-size:14px;margin:1em 0}
th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#f2f2f2}
td:nth-child(1),th:nth-child(1){text-align:left}
figure{margin:1.5em 0}
img{max-width:100%;height:auto;border:1px solid #eee}
</style></head><body>
<h1>{{.Title}}</h1>
<p>{{.Lead}}</p>
<table><thead><tr>{{range .Table.Header}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Table.Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</tbody></table>
{{range .Charts}}<figure><img src="{{url .Src}}" alt="{{.Title}}" width="1200" height="675"><figcaption>{{.Title}}</figcaption></figure>
{{end}}</body></html>
`))

// writeFile writes text to path atomically.
func writeFile(path, text string) error { return atomicfile.WriteFile(path, []byte(text)) }

// axis labels a categorical parameter's axis with its levels.
func (r *Runs) axis(a *plot.Axis, p int) {
	if !r.categorical(p) {
		return
	}
	a.Tick.Marker = levelTicks(r.Levels[p])
	a.Min, a.Max = -0.5, float64(len(r.Levels[p]))-0.5
}

// levelTicks are ticks at 0, 1, ... labelled with a categorical parameter's levels.
type levelTicks []string

// Ticks implements plot.Ticker.
func (l levelTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	for i, s := range l {
		ts = append(ts, plot.Tick{Value: float64(i), Label: s})
	}
	return ts
}
