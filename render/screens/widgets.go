package screens

import (
	"image/color"
	"math"
	"strings"

	"github.com/ebitenui/ebitenui"
	"github.com/ebitenui/ebitenui/image"
	"github.com/ebitenui/ebitenui/widget"
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/copex/copex/render"
)

// newUI wraps root in an ebitenui UI styled with the Paper theme.
func newUI(th *Theme, root *widget.Container) *ebitenui.UI {
	return &ebitenui.UI{Container: root, PrimaryTheme: th.Widgets}
}

// column is a vertical stack with the given spacing and padding.
func column(spacing int, pad *widget.Insets, opts ...widget.ContainerOpt) *widget.Container {
	return widget.NewContainer(append([]widget.ContainerOpt{
		widget.ContainerOpts.Layout(widget.NewRowLayout(
			widget.RowLayoutOpts.Direction(widget.DirectionVertical),
			widget.RowLayoutOpts.Spacing(spacing),
			widget.RowLayoutOpts.Padding(pad),
		)),
	}, opts...)...)
}

// row is a horizontal stack with the given spacing.
func row(spacing int, opts ...widget.ContainerOpt) *widget.Container {
	return widget.NewContainer(append([]widget.ContainerOpt{
		widget.ContainerOpts.Layout(widget.NewRowLayout(
			widget.RowLayoutOpts.Direction(widget.DirectionHorizontal),
			widget.RowLayoutOpts.Spacing(spacing),
		)),
	}, opts...)...)
}

// stretch lays a widget out across its column.
func stretch() widget.WidgetOpt {
	return widget.WidgetOpts.LayoutData(widget.RowLayoutData{Stretch: true})
}

// label is a line (or, with maxWidth > 0, a wrapped paragraph) of text.
func label(s string, face text.Face, clr color.Color, maxWidth float64, opts ...widget.WidgetOpt) *widget.Text {
	f := face
	to := []widget.TextOpt{widget.TextOpts.Text(s, &f, clr), widget.TextOpts.WidgetOpts(opts...)}
	if maxWidth > 0 {
		to = append(to, widget.TextOpts.MaxWidth(maxWidth))
	}
	return widget.NewText(to...)
}

// button is a Paper-theme button that calls onClick when clicked or activated with Enter
// or Space while focused.
func button(s string, onClick func(), opts ...widget.WidgetOpt) *widget.Button {
	return widget.NewButton(
		widget.ButtonOpts.TextLabel(s),
		widget.ButtonOpts.WidgetOpts(opts...),
		widget.ButtonOpts.ClickedHandler(func(*widget.ButtonClickedEventArgs) { onClick() }),
	)
}

// textArea is a scrolling read-only block of text in th's body face. The text is
// wrapped here, to the width left beside the scrollbar: the text area itself wraps
// to its whole width, so long lines would run under its scrollbar.
func textArea(th *Theme, s string, minW, minH int, opts ...widget.WidgetOpt) *widget.TextArea {
	return widget.NewTextArea(
		widget.TextAreaOpts.ContainerOpts(widget.ContainerOpts.WidgetOpts(
			append([]widget.WidgetOpt{widget.WidgetOpts.MinSize(minW, minH)}, opts...)...,
		)),
		widget.TextAreaOpts.Text(wrapText(th.Body, s, float64(minW-textAreaChrome))),
		widget.TextAreaOpts.ShowVerticalScrollbar(),
		widget.TextAreaOpts.VerticalScrollMode(widget.ScrollBeginning),
	)
}

// textAreaChrome is the width of a text area taken by its scrollbar, paddings and
// borders (see the theme's TextAreaParams), with a little to spare.
const textAreaChrome = 72

// wrapText breaks each line of s at spaces so that it is at most width wide in face.
// A wrapped line's continuation keeps the line's indentation.
func wrapText(face text.Face, s string, width float64) string {
	var out []string
	for _, ln := range strings.Split(s, "\n") {
		if text.Advance(ln, face) <= width {
			out = append(out, ln)
			continue
		}
		indent := ln[:len(ln)-len(strings.TrimLeft(ln, " "))]
		cur := ""
		for _, w := range breakLong(face, strings.Fields(ln), width-text.Advance(indent, face)) {
			next := indent + w
			if cur != "" {
				next = cur + " " + w
			}
			if cur != "" && text.Advance(next, face) > width {
				out = append(out, cur)
				next = indent + w
			}
			cur = next
		}
		out = append(out, cur)
	}
	return strings.Join(out, "\n")
}

// breakLong splits any word wider than width into pieces that fit (a word with no
// spaces, or text in a script written without them).
func breakLong(face text.Face, words []string, width float64) []string {
	var out []string
	for _, w := range words {
		for text.Advance(w, face) > width {
			rs := []rune(w)
			n := 1
			for n < len(rs) && text.Advance(string(rs[:n+1]), face) <= width {
				n++
			}
			out = append(out, string(rs[:n]))
			w = string(rs[n:])
		}
		if w != "" {
			out = append(out, w)
		}
	}
	return out
}

// fitLines wraps s to width in face and keeps at most n lines, ending a cut with "…".
func fitLines(face text.Face, s string, width float64, n int) string {
	lines := strings.Split(wrapText(face, s, width), "\n")
	if len(lines) <= n {
		return strings.Join(lines, "\n")
	}
	lines = lines[:n]
	last := []rune(lines[n-1])
	for len(last) > 0 && text.Advance(string(last)+" …", face) > width {
		last = last[:len(last)-1]
	}
	lines[n-1] = strings.TrimRight(string(last), " ,;") + " …"
	return strings.Join(lines, "\n")
}

// optionButton is a button for one option of a group, its label wrapped to width
// inside it; relabel changes the label the same way.
func optionButton(th *Theme, s string, width float64, onClick func(), opts ...widget.WidgetOpt) *widget.Button {
	return button(wrapText(th.Body, s, width), onClick, opts...)
}

// relabel sets a button's label, wrapped to width.
func relabel(th *Theme, b *widget.Button, s string, width float64) {
	b.Text().Label = wrapText(th.Body, s, width)
}

// scrollPanel shows content, a column of widgets, in a box of w×h with a vertical
// scrollbar, styled like a text area. Content wider than w-textAreaChrome is clipped,
// so its paragraphs should be wrapped to that width.
func scrollPanel(th *Theme, content *widget.Container, w, h int, opts ...widget.WidgetOpt) *widget.Container {
	params := th.Widgets.TextAreaTheme
	outer := widget.NewContainer(
		widget.ContainerOpts.Layout(widget.NewGridLayout(
			widget.GridLayoutOpts.Columns(2), widget.GridLayoutOpts.Spacing(*params.ControlWidgetSpacing, 0),
			widget.GridLayoutOpts.Stretch([]bool{true, false}, []bool{true}),
		)),
		widget.ContainerOpts.WidgetOpts(append([]widget.WidgetOpt{widget.WidgetOpts.MinSize(w, h)}, opts...)...),
	)
	sc := widget.NewScrollContainer(
		widget.ScrollContainerOpts.Content(content),
		widget.ScrollContainerOpts.StretchContentWidth(),
		widget.ScrollContainerOpts.Image(params.ScrollContainerImage),
		widget.ScrollContainerOpts.Padding(params.ScrollContainerPadding),
	)
	outer.AddChild(sc)
	page := func() int {
		ch := content.GetWidget().Rect.Dy()
		if ch <= 0 {
			return 1000
		}
		return int(math.Round(float64(sc.ViewRect().Dy()) / float64(ch) * 1000))
	}
	sl := widget.NewSlider(
		widget.SliderOpts.Orientation(widget.DirectionVertical),
		widget.SliderOpts.MinMax(0, 1000),
		widget.SliderOpts.PageSizeFunc(page),
		widget.SliderOpts.TrackImage(params.Slider.TrackImage),
		widget.SliderOpts.HandleImage(params.Slider.HandleImage),
		widget.SliderOpts.MinHandleSize(*params.Slider.MinHandleSize),
		widget.SliderOpts.TrackPadding(params.Slider.TrackPadding),
		widget.SliderOpts.ChangedHandler(func(args *widget.SliderChangedEventArgs) {
			cur := args.Slider.Current
			if page() >= 1000 {
				cur = 0
			}
			sc.ScrollTop = float64(cur) / 1000
		}),
	)
	outer.AddChild(sl)
	sc.GetWidget().ScrolledEvent.AddHandler(func(args any) {
		if a, ok := args.(*widget.WidgetScrolledEventArgs); ok {
			sl.Current -= int(math.Round(a.Y * float64(max(page()/3, 1))))
		}
	})
	return outer
}

// tab is a page of a tab book. It carries the Paper theme itself: a tab's page is
// out of the widget tree while another tab shows, and widgets added to it then must
// still find their styles.
func newTab(th *Theme, name string, layout widget.Layouter) *widget.TabBookTab {
	t := widget.NewTabBookTab(
		widget.TabBookTabOpts.Label(name),
		widget.TabBookTabOpts.ContainerOpts(widget.ContainerOpts.Layout(layout)),
	)
	t.GetWidget().SetTheme(th.Widgets)
	return t
}

// helpKeys ends every help text.
const helpKeys = `

Keys
  Tab / Shift-Tab   move between buttons and fields (the focused one has a thick outline)
  Enter or Space    press the focused button; Enter also confirms a field
  Esc               close this help, or go back
  F1 or ?           show or hide this help
The mouse works everywhere too: click, and scroll long text with the wheel.`

// helpOverlay shows a scene's help over it.
type helpOverlay struct {
	ui *ebitenui.UI
}

func newHelpOverlay(th *Theme, heading, body string, onClose func()) *helpOverlay {
	root := widget.NewContainer(
		widget.ContainerOpts.BackgroundImage(image.NewNineSliceColor(veil)),
		widget.ContainerOpts.Layout(widget.NewAnchorLayout()),
	)
	panel := column(16, widget.NewInsetsSimple(28),
		widget.ContainerOpts.BackgroundImage(image.NewBorderedNineSliceColor(paperLight, render.Accent, 4)),
		widget.ContainerOpts.WidgetOpts(
			widget.WidgetOpts.LayoutData(widget.AnchorLayoutData{
				HorizontalPosition: widget.AnchorLayoutPositionCenter,
				VerticalPosition:   widget.AnchorLayoutPositionCenter,
			}),
			widget.WidgetOpts.MinSize(1040, 600),
		),
	)
	panel.AddChild(label("Help: "+heading, th.Heading, render.Accent, 0))
	panel.AddChild(textArea(th, body+helpKeys, 980, 440,
		widget.WidgetOpts.LayoutData(widget.RowLayoutData{Stretch: true, MaxWidth: 984, MaxHeight: 440})))
	panel.AddChild(button("Close help (Esc)", onClose))
	root.AddChild(panel)
	return &helpOverlay{ui: newUI(th, root)}
}

func (h *helpOverlay) draw(screen *ebiten.Image) {
	h.ui.Draw(screen)
}
