package screens

import (
	"bytes"
	"fmt"
	img "image"
	"image/color"

	"github.com/ebitenui/ebitenui/image"
	"github.com/ebitenui/ebitenui/widget"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/copex/copex/render"
)

// Type sizes in logical pixels at 1280×720, large enough to read on a projector.
const (
	sizeTitle   = 112
	sizeHeading = 36
	sizeBody    = 22
	sizeSmall   = 20
)

// Theme holds the faces, colours and widget styles every scene draws with.
type Theme struct {
	Title, Heading, Body, Bold, Small text.Face
	// Widgets is the ebitenui theme for Paper scenes.
	Widgets *widget.Theme
	// TitleButton styles the title screen's menu.
	TitleButton *widget.ButtonParams
}

// Colours not in render's theme.
var (
	faint      = color.RGBA{0xC8, 0xC2, 0xB0, 0xFF} // borders on Paper
	paperLight = color.RGBA{0xFF, 0xFD, 0xF7, 0xFF} // text fields and lists
	paperDark  = color.RGBA{0xE6, 0xE0, 0xD0, 0xFF} // buttons
	titleLight = color.RGBA{0x2E, 0x6A, 0x7E, 0xFF} // title-screen buttons
	veil       = color.RGBA{0x00, 0x00, 0x00, 0x99} // behind the help overlay
	muted      = color.RGBA{0x5A, 0x56, 0x4C, 0xFF} // prompts and hints
)

// NewTheme loads the Go fonts and builds the widget styles.
func NewTheme() (*Theme, error) {
	regular, err := text.NewGoTextFaceSource(bytes.NewReader(goregular.TTF))
	if err != nil {
		return nil, fmt.Errorf("load Go Regular: %w", err)
	}
	bold, err := text.NewGoTextFaceSource(bytes.NewReader(gobold.TTF))
	if err != nil {
		return nil, fmt.Errorf("load Go Bold: %w", err)
	}
	t := &Theme{
		Title:   &text.GoTextFace{Source: bold, Size: sizeTitle},
		Heading: &text.GoTextFace{Source: bold, Size: sizeHeading},
		Body:    &text.GoTextFace{Source: regular, Size: sizeBody},
		Bold:    &text.GoTextFace{Source: bold, Size: sizeBody},
		Small:   &text.GoTextFace{Source: regular, Size: sizeSmall},
	}
	t.Widgets = t.paperTheme()
	t.TitleButton = &widget.ButtonParams{
		Image: &widget.ButtonImage{
			Idle:         image.NewBorderedNineSliceColor(titleLight, render.TitleInk, 1),
			Hover:        image.NewBorderedNineSliceColor(render.TitleInk, render.TitleInk, 4),
			Pressed:      image.NewBorderedNineSliceColor(paperDark, render.TitleInk, 4),
			PressedHover: image.NewBorderedNineSliceColor(paperDark, render.TitleInk, 4),
			Disabled:     image.NewBorderedNineSliceColor(render.TitleBackground, faint, 1),
		},
		TextColor: &widget.ButtonTextColor{
			Idle:     render.TitleInk,
			Hover:    render.TitleBackground,
			Pressed:  render.TitleBackground,
			Disabled: faint,
		},
		TextFace:     &t.Bold,
		TextPadding:  &widget.Insets{Left: 24, Right: 24, Top: 10, Bottom: 10},
		TextPosition: &widget.TextPositioning{HTextPosition: widget.TextPositionCenter, VTextPosition: widget.TextPositionCenter},
		MinSize:      &img.Point{X: 420, Y: 50},
	}
	return t, nil
}

// ptr returns a pointer to v, for ebitenui's optional settings.
func ptr[T any](v T) *T { return &v }

// paperTheme is the ebitenui theme for scenes on Paper: a focused or hovered widget is
// drawn with a thick Accent outline, so focus is never shown by colour alone.
func (t *Theme) paperTheme() *widget.Theme {
	button := &widget.ButtonParams{
		Image: &widget.ButtonImage{
			Idle:            image.NewBorderedNineSliceColor(paperDark, render.Ink, 1),
			Hover:           image.NewBorderedNineSliceColor(paperLight, render.Accent, 4),
			Pressed:         image.NewBorderedNineSliceColor(faint, render.Accent, 4),
			PressedHover:    image.NewBorderedNineSliceColor(faint, render.Accent, 4),
			Disabled:        image.NewBorderedNineSliceColor(render.Paper, faint, 1),
			PressedDisabled: image.NewBorderedNineSliceColor(render.Paper, faint, 1),
		},
		TextColor: &widget.ButtonTextColor{
			Idle:     render.Ink,
			Hover:    render.Accent,
			Pressed:  render.Ink,
			Disabled: muted,
		},
		TextFace:     &t.Body,
		TextPadding:  &widget.Insets{Left: 16, Right: 16, Top: 6, Bottom: 6},
		TextPosition: &widget.TextPositioning{HTextPosition: widget.TextPositionCenter, VTextPosition: widget.TextPositionCenter},
		MinSize:      &img.Point{X: 44, Y: 40},
	}
	slider := &widget.SliderParams{
		TrackImage: &widget.SliderTrackImage{
			Idle:     image.NewBorderedNineSliceColor(paperDark, faint, 1),
			Hover:    image.NewBorderedNineSliceColor(paperDark, faint, 1),
			Disabled: image.NewBorderedNineSliceColor(paperDark, faint, 1),
		},
		HandleImage: &widget.ButtonImage{
			Idle:    image.NewBorderedNineSliceColor(muted, render.Ink, 1),
			Hover:   image.NewBorderedNineSliceColor(render.Accent, render.Ink, 2),
			Pressed: image.NewBorderedNineSliceColor(render.Accent, render.Ink, 2),
		},
		MinHandleSize: ptr(16),
		TrackPadding:  widget.NewInsetsSimple(2),
	}
	scroll := &widget.ScrollContainerImage{
		Idle:     image.NewBorderedNineSliceColor(paperLight, faint, 1),
		Disabled: image.NewBorderedNineSliceColor(render.Paper, faint, 1),
		Mask:     image.NewBorderedNineSliceColor(paperLight, faint, 1),
	}
	entry := &widget.ListEntryColor{
		Unselected:                 render.Ink,
		Selected:                   render.TitleInk,
		DisabledUnselected:         muted,
		DisabledSelected:           muted,
		SelectingBackground:        paperDark,
		SelectedBackground:         render.Accent,
		FocusedBackground:          paperDark,
		SelectingFocusedBackground: paperDark,
		SelectedFocusedBackground:  render.Accent,
		DisabledSelectedBackground: faint,
	}
	tab := *button
	tab.Image = &widget.ButtonImage{
		Idle:         image.NewBorderedNineSliceColor(paperDark, render.Ink, 1),
		Hover:        image.NewBorderedNineSliceColor(paperLight, render.Accent, 4),
		Pressed:      image.NewBorderedNineSliceColor(render.Accent, render.Ink, 3),
		PressedHover: image.NewBorderedNineSliceColor(render.Accent, render.Ink, 4),
		Disabled:     image.NewBorderedNineSliceColor(render.Paper, faint, 1),
	}
	tab.TextColor = &widget.ButtonTextColor{Idle: render.Ink, Hover: render.Accent, Pressed: render.TitleInk, Disabled: muted}
	tab.TextFace = &t.Bold
	return &widget.Theme{
		TabbookTheme: &widget.TabBookParams{
			TabButton:      &tab,
			TabSpacing:     ptr(6),
			ContentSpacing: ptr(8),
			ContentPadding: widget.NewInsetsSimple(10),
		},
		TabTheme:         &widget.TabParams{BackgroundImage: image.NewBorderedNineSliceColor(paperLight, faint, 1)},
		DefaultFace:      &t.Body,
		DefaultTextColor: render.Ink,
		ButtonTheme:      button,
		PanelTheme:       &widget.PanelParams{BackgroundImage: image.NewBorderedNineSliceColor(paperLight, faint, 1)},
		LabelTheme: &widget.LabelParams{
			Face:  &t.Body,
			Color: &widget.LabelColor{Idle: render.Ink, Disabled: muted},
		},
		TextTheme: &widget.TextParams{Face: &t.Body, Color: render.Ink},
		TextInputTheme: &widget.TextInputParams{
			Face: &t.Body,
			Image: &widget.TextInputImage{
				Idle:     image.NewBorderedNineSliceColor(paperLight, render.Ink, 1),
				Disabled: image.NewBorderedNineSliceColor(render.Paper, faint, 1),
			},
			Color: &widget.TextInputColor{
				Idle:          render.Ink,
				Disabled:      muted,
				Caret:         render.Accent,
				DisabledCaret: muted,
			},
			Padding:    &widget.Insets{Left: 8, Right: 8, Top: 6, Bottom: 6},
			CaretWidth: ptr(3),
		},
		TextAreaTheme: &widget.TextAreaParams{
			Face:                   &t.Body,
			ForegroundColor:        render.Ink,
			StripBBCode:            ptr(true),
			ControlWidgetSpacing:   ptr(4),
			TextPadding:            &widget.Insets{Left: 8, Right: 20, Top: 4, Bottom: 4},
			ScrollContainerPadding: widget.NewInsetsSimple(4),
			ScrollContainerImage:   scroll,
			Slider:                 slider,
		},
		SliderTheme: slider,
		ListTheme: &widget.ListParams{
			EntryFace:                   &t.Body,
			EntryColor:                  entry,
			EntryTextPadding:            &widget.Insets{Left: 10, Right: 10, Top: 6, Bottom: 6},
			EntryTextHorizontalPosition: ptr(widget.TextPositionStart),
			EntryTextVerticalPosition:   ptr(widget.TextPositionCenter),
			ControlWidgetSpacing:        ptr(4),
			ScrollContainerPadding:      widget.NewInsetsSimple(4),
			ScrollContainerImage:        scroll,
			Slider:                      slider,
			MinSize:                     &img.Point{X: 200, Y: 0},
		},
	}
}
