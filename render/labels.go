package render

import (
	"strings"
	"unicode"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
)

// legend is a plot legend in the style, drawn beside the plot (see figure.draw).
type legend struct {
	plot.Legend
	n int // entries
}

func (m medium) newLegend() *legend {
	l := &legend{Legend: plot.NewLegend()}
	l.TextStyle.Font = font(m.legend)
	l.TextStyle.Color = ink
	l.Top, l.Left = true, true
	l.ThumbnailWidth = m.thumb
	l.Padding = vg.Points(4)
	return l
}

// add adds an entry.
func (l *legend) add(name string, thumbs ...plot.Thumbnailer) {
	l.Add(name, thumbs...)
	l.n++
}

// wrapText breaks s into lines at spaces so that each fits (a word too long for a line
// gets a line of its own).
func wrapText(s string, fits func(string) bool) string {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for _, w := range words {
		next := w
		if cur != "" {
			next = cur + " " + w
		}
		if cur != "" && !fits(next) {
			lines = append(lines, cur)
			next = w
		}
		cur = next
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return strings.Join(lines, "\n")
}

// categoryLabels returns ticks labelled with the categories, each label wrapped to fit
// room in style ts in at most three lines (cut short with "…" beyond), so that long
// names (parameter paths, expressions) do not run into each other.
func categoryLabels(cats []string, ts text.Style, room vg.Length) categoryTicks {
	fits := func(s string) bool { return ts.Width(s) <= room }
	out := make(categoryTicks, len(cats))
	for i, c := range cats {
		out[i] = wrapLabel(c, fits, 3)
	}
	return out
}

// wrapLabel wraps s to lines that fit, breaking at spaces or after a '.', '_', ',' or
// '/' (parameter paths, expressions), or within a word too long for a line, and keeps
// at most max lines, ending the last in "…" if s did not fit.
func wrapLabel(s string, fits func(string) bool, max int) string {
	var pieces []string
	cur := ""
	prev := ' '
	for _, r := range s {
		cur += string(r)
		// Not after the point of a number: "0.5" stays whole.
		if strings.ContainsRune(" _,/", r) || r == '.' && !unicode.IsDigit(prev) {
			pieces = append(pieces, cur)
			cur = ""
		}
		prev = r
	}
	if cur != "" {
		pieces = append(pieces, cur)
	}
	var lines []string
	line := ""
	trim := func(s string) string { return strings.TrimRight(s, " ") }
	for _, p := range pieces {
		if line != "" && !fits(trim(line+p)) {
			lines = append(lines, trim(line))
			line = ""
		}
		line += p
		for !fits(trim(line)) && len([]rune(trim(line))) > 1 {
			r := []rune(trim(line))
			k := len(r) - 1
			for k > 1 && !fits(string(r[:k])) {
				k--
			}
			lines = append(lines, string(r[:k]))
			line = string(r[k:])
		}
	}
	if t := trim(line); t != "" {
		lines = append(lines, t)
	}
	if len(lines) > max {
		last := []rune(lines[max-1])
		for len(last) > 1 && !fits(string(last)+"…") {
			last = last[:len(last)-1]
		}
		lines = append(lines[:max-1], string(last)+"…")
	}
	return strings.Join(lines, "\n")
}
