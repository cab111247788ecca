// Package render draws Copex's charts and reports: line charts of a run's metrics
// table as PNG and SVG files, the run's key figures, and a self-contained HTML report
// that embeds the charts.
//
// Every file is written atomically (see internal/atomicfile), so an interrupted run
// never leaves a half-written chart or report behind.
package render
