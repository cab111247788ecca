package render

import (
	"bytes"
	"fmt"
	"html/template"
	"path/filepath"
	"strconv"

	"github.com/copex/copex/internal/atomicfile"
)

// ReportData is what a run report shows.
type ReportData struct {
	Title        string   // page heading; empty: "Copex run: " and the scenario
	Scenario     string   // scenario name
	ScenarioHash string   // hash identifying the scenario's exact content
	Description  string   // what the scenario is about, as its file says
	AsRun        string   // the scenario as run, in a line: its size, length, seed and overrides
	Settings     []Figure // the settings the run used (the grant formula and its coefficients, ...)
	Seed         uint64   // random seed of the run
	Version      string   // Copex version that ran it
	Ticks        int      // ticks run
	WallSeconds  float64  // wall-clock time of the whole run (0: not shown)
	StepSeconds  float64  // time spent stepping and measuring ticks (0: not shown)
	Figures      []Figure // key figures, see KeyFigures
	Charts       []Chart  // charts to embed, see Charts
}

// reportView is ReportData made ready for the template.
type reportView struct {
	Title, Description, Version, AsRun string
	Facts, Settings, Figures           []Figure
	Charts                             []chartView
}

// chartView is a chart embedded in the page.
type chartView struct {
	Title         string
	Src           template.URL
	Width, Height int
}

// Report writes a self-contained HTML page about a run to path, atomically: a header,
// the run's facts, its key figures and every chart, embedded as a PNG data URI read
// from dir, with its title as caption and alt text.
func Report(path string, d ReportData, dir string) error {
	v := reportView{Title: d.Title, Description: d.Description, Version: d.Version, AsRun: d.AsRun,
		Settings: d.Settings, Figures: d.Figures}
	if v.Title == "" {
		v.Title = "Copex run: " + d.Scenario
	}
	addFact := func(label, value string) {
		if value != "" {
			v.Facts = append(v.Facts, Figure{label, value})
		}
	}
	addFact("Scenario", d.Scenario)
	addFact("Scenario hash", d.ScenarioHash)
	addFact("Seed", strconv.FormatUint(d.Seed, 10))
	addFact("Ticks", count(int64(d.Ticks)))
	addFact("Copex version", d.Version)
	if d.WallSeconds > 0 {
		addFact("Run time", seconds(d.WallSeconds))
	}
	if d.StepSeconds > 0 {
		addFact("Time stepping ticks", seconds(d.StepSeconds))
	}
	for _, c := range d.Charts {
		e, err := EmbedPNGFile(filepath.Join(dir, c.PNG))
		if err != nil {
			return fmt.Errorf("report: chart %s: %w", c.Name, err)
		}
		v.Charts = append(v.Charts, chartView{Title: c.Title, Src: e.Src, Width: e.Width, Height: e.Height})
	}
	var buf bytes.Buffer
	if err := reportTemplate.Execute(&buf, v); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := atomicfile.WriteFile(path, buf.Bytes()); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

// seconds writes a duration in seconds.
func seconds(s float64) string {
	if s < 10 {
		return strconv.FormatFloat(s, 'f', 2, 64) + " s"
	}
	return strconv.FormatFloat(s, 'f', 1, 64) + " s"
}

var reportTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<style>
:root { color-scheme: light; }
* { box-sizing: border-box; }
body {
	margin: 0; background: #fff; color: #111;
	font: 20px/1.5 "Liberation Sans", "Helvetica Neue", Arial, sans-serif;
}
header { background: #0b3954; color: #fff; padding: 1.2em 2rem; }
header h1 { margin: 0; font-size: 2em; line-height: 1.2; }
header p { margin: 0.5em 0 0; max-width: 50em; font-size: 1.1em; }
header p.asrun { font-weight: bold; }
main { max-width: 1280px; margin: 0 auto; padding: 1rem 2rem 3rem; }
h2 { font-size: 1.5em; margin: 1.5em 0 0.5em; border-bottom: 3px solid #0b3954; }
table { border-collapse: collapse; width: 100%; max-width: 48em; }
th, td { text-align: left; padding: 0.35em 0.8em; border-bottom: 1px solid #ccc; vertical-align: top; }
th { font-weight: normal; color: #333; width: 55%; }
td { font-weight: bold; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
tbody tr:nth-child(odd) { background: #f1f4f7; }
figure { margin: 2em 0; page-break-inside: avoid; }
figure img { display: block; width: 100%; height: auto; border: 1px solid #ccc; }
figcaption { margin-top: 0.4em; font-size: 1.1em; font-weight: bold; }
footer { max-width: 1280px; margin: 0 auto; padding: 0 2rem 2rem; color: #555; font-size: 0.8em; }
</style>
</head>
<body>
<header>
<h1>{{.Title}}</h1>
{{- with .Description}}
<p>{{.}}</p>
{{- end}}
{{- with .AsRun}}
<p class="asrun">{{.}}</p>
{{- end}}
</header>
<main>
<section>
<h2>The run</h2>
<table>
<tbody>
{{- range .Facts}}
<tr><th scope="row">{{.Label}}</th><td>{{.Value}}</td></tr>
{{- end}}
</tbody>
</table>
</section>
{{- if .Settings}}
<section>
<h2>The scenario as run</h2>
<table>
<tbody>
{{- range .Settings}}
<tr><th scope="row">{{.Label}}</th><td>{{.Value}}</td></tr>
{{- end}}
</tbody>
</table>
</section>
{{- end}}
{{- if .Figures}}
<section>
<h2>Key figures</h2>
<table>
<tbody>
{{- range .Figures}}
<tr><th scope="row">{{.Label}}</th><td>{{.Value}}</td></tr>
{{- end}}
</tbody>
</table>
</section>
{{- end}}
{{- if .Charts}}
<section>
<h2>Charts</h2>
{{- range .Charts}}
<figure>
<img src="{{.Src}}" alt="{{.Title}}" width="{{.Width}}" height="{{.Height}}">
<figcaption>{{.Title}}</figcaption>
</figure>
{{- end}}
</section>
{{- end}}
</main>
<footer>Made by Copex{{with .Version}} {{.}}{{end}}.</footer>
</body>
</html>
`))
