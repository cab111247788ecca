package screens

import (
	"image/color"

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

// textArea is a scrolling read-only block of text.
func textArea(s string, minW, minH int, opts ...widget.WidgetOpt) *widget.TextArea {
	return widget.NewTextArea(
		widget.TextAreaOpts.ContainerOpts(widget.ContainerOpts.WidgetOpts(
			append([]widget.WidgetOpt{widget.WidgetOpts.MinSize(minW, minH)}, opts...)...,
		)),
		widget.TextAreaOpts.Text(s),
		widget.TextAreaOpts.ShowVerticalScrollbar(),
		widget.TextAreaOpts.VerticalScrollMode(widget.ScrollBeginning),
	)
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
	panel.AddChild(textArea(body+helpKeys, 980, 440,
		widget.WidgetOpts.LayoutData(widget.RowLayoutData{Stretch: true, MaxWidth: 984, MaxHeight: 440})))
	panel.AddChild(button("Close help (Esc)", onClose))
	root.AddChild(panel)
	return &helpOverlay{ui: newUI(th, root)}
}

func (h *helpOverlay) draw(screen *ebiten.Image) {
	h.ui.Draw(screen)
}
