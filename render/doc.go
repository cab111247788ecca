// Package render draws Copex's charts and reports: line charts of a run's metrics
// table as PNG and SVG files, the run's key figures, and a self-contained HTML report
// that embeds the charts.
//
// It owns Copex's one chart style (style.go: typeface, type sizes, the Okabe-Ito
// palette with dash patterns and marker shapes, line widths, grid, ticks, bands,
// legends beside the plot) and the chart builders every chart goes through: a run's
// charts (Charts), the batch reports of package analysis and GetGo's screens. A
// consumer describes a chart as a plain value, a LineChart (lines, points or steps,
// with bands, markers or a categorical x axis drawn as points with intervals), a
// HeatMap or a BarChart, and draws it with PNG, SVG or Write (files, 600 x 337.5
// points, PNG at 144 dots per inch) or with Image (a w x h image at 72 dots per inch
// for GetGo, in larger type). EmbedPNG makes a PNG a data URI for a page, after
// checking that it is one.
//
// Every file is written atomically (see internal/atomicfile), so an interrupted run
// never leaves a half-written chart or report behind.
package render
