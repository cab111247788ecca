package analysis

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html/template"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/copex/copex/internal/atomicfile"
	"github.com/copex/copex/render"
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
// metric against each varied parameter (at each value, the mean and 95% confidence band
// of the replicate means, each replicate's runs averaged over the other parameters'
// values first: see Runs.Marginal), a heat map of each
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
				title = fmt.Sprintf("%s by %s (mean, 95%% CI over replicates, averaged over the other parameters)", metric, param)
			}
			lc := render.LineChart{Title: title, XLabel: param, YLabel: metric, Categories: r.categories(p),
				Series: []render.Series{b.series(render.LinePoints)}}
			ch, err := render.Write(outDir, stem(metric)+"_by_"+stem(param), lc)
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

// table is a table for the HTML report, with an optional caption.
type table struct {
	Caption string
	Header  []string
	Rows    [][]string
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

// heatMap draws the mean of metric m over the grid of the two parameters, with the
// value written in each cell (so it reads without colour) and a colour bar.
func heatMap(r *Runs, m int, dir string) (Chart, error) {
	xs, ys := r.distinct(0), r.distinct(1)
	z := make([][]float64, len(ys))
	for i := range z {
		z[i] = make([]float64, len(xs))
		for j := range z[i] {
			z[i][j] = math.NaN()
		}
	}
	for _, p := range r.Points() {
		c, rr := slices.Index(xs, p.Params[0]), slices.Index(ys, p.Params[1])
		z[rr][c] = p.Stats[m].Mean
	}
	metric := r.Metrics[m]
	return render.Write(dir, "heatmap_"+stem(metric), render.HeatMap{
		Title:  fmt.Sprintf("%s (mean) by %s and %s", metric, r.Params[0], r.Params[1]),
		XLabel: r.Params[0], YLabel: r.Params[1], ZLabel: metric,
		X: xs, Y: ys, Z: z,
		XCategories: r.categories(0), YCategories: r.categories(1),
		Format: num,
	})
}

// writeHTML writes a self-contained report: a title, a summary, a table and the charts,
// each read back from its PNG file beside path and embedded as a data URI.
func writeHTML(path, title, lead string, t table, charts []Chart) error {
	return writePage(path, reportPage{Title: title, Lead: lead, Tables: []table{t}}, charts)
}

// reportPage is what a report says besides its charts: a title, a warning (shown
// above the summary, if set), a summary and tables.
type reportPage struct {
	Title, Warning, Lead string
	Tables               []table
}

// writePage writes a self-contained report of rp and the charts, each read back from
// its PNG file beside path and embedded as a data URI.
func writePage(path string, rp reportPage, charts []Chart) error {
	type img struct {
		Title string
		render.Embedded
	}
	var imgs []img
	for _, c := range charts {
		e, err := render.EmbedPNGFile(filepath.Join(filepath.Dir(path), c.PNG))
		if err != nil {
			return fmt.Errorf("report: chart %s: %w", c.Name, err)
		}
		imgs = append(imgs, img{c.Title, e})
	}
	var buf bytes.Buffer
	err := page.Execute(&buf, struct {
		reportPage
		Charts []img
	}{rp, imgs})
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return atomicfile.WriteFile(path, buf.Bytes())
}

var page = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>
body{font-family:"Liberation Sans",Arial,sans-serif;max-width:1240px;margin:2em auto;padding:0 1em;color:#111}
table{border-collapse:collapse;font-size:14px;margin:1em 0}
th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#f2f2f2}
td:nth-child(1),th:nth-child(1){text-align:left}
figure{margin:1.5em 0}
img{max-width:100%;height:auto;border:1px solid #eee}
.warning{border:2px solid #b00;background:#fff3f3;padding:.5em 1em}
</style></head><body>
<h1>{{.Title}}</h1>
{{if .Warning}}<p class="warning"><strong>Warning:</strong> {{.Warning}}</p>
{{end}}<p>{{.Lead}}</p>
{{range .Tables}}<table>{{if .Caption}}<caption>{{.Caption}}</caption>{{end}}<thead><tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</tbody></table>
{{end}}{{range .Charts}}<figure><img src="{{.Src}}" alt="{{.Title}}" width="{{.Width}}" height="{{.Height}}"><figcaption>{{.Title}}</figcaption></figure>
{{end}}</body></html>
`))

// writeFile writes text to path atomically.
func writeFile(path, text string) error { return atomicfile.WriteFile(path, []byte(text)) }
