package screens

import (
	"fmt"
	"strings"

	"github.com/ebitenui/ebitenui/widget"

	"github.com/copex/copex/game"
	"github.com/copex/copex/render"
)

// field is one thing the player fills in: a phase 1 question or a canvas box. The
// screens only show it; the game checks and stores what is entered.
type field struct {
	id, title, prompt, unit string
	kind                    game.QuestionKind
	options                 []game.Option
	value                   func() string
	set                     func(v string) error
	toggle                  func(v string) error // SomeOf
	advice                  func() string
}

// display is the field's value in words: option labels rather than their codes.
func (f field) display() string {
	v := f.value()
	if f.kind == game.OneOf || f.kind == game.SomeOf {
		var labels []string
		for _, c := range strings.Split(v, ",") {
			for _, o := range f.options {
				if o.Value == c {
					labels = append(labels, o.Label)
				}
			}
		}
		v = strings.Join(labels, ", ")
	}
	return v
}

// summary is the field's value for a list, marked filled (●) or not (○):
// "● Price: 12".
func (f field) summary() string {
	v := f.display()
	mark := "●"
	if v == "" {
		mark, v = "○", "(to fill in)"
	}
	return mark + " " + f.title + ": " + shorten(v, 28)
}

// shorten cuts s to at most n characters (not bytes), marking the cut.
func shorten(s string, n int) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// chosen reports whether option v is part of the field's value.
func (f field) chosen(v string) bool {
	for _, c := range strings.Split(f.value(), ",") {
		if c == v {
			return true
		}
	}
	return false
}

// optionWidth is the width an option's label wraps to inside its button, in the two
// columns of the editor (784 pixels wide: each button 387, less its padding of 32).
const optionWidth = 340

// listWidth is the width of a picker's list, and listTextWidth what its entries wrap
// to inside it (less the entries' padding, the scrollbar and the borders).
const (
	listWidth     = 420
	listTextWidth = listWidth - 20 - textAreaChrome
)

// fieldPicker is a list of fields on the left and an editor for the selected one on
// the right, with the selected option's advice under it.
type fieldPicker struct {
	p       *page
	fields  []field
	list    *widget.List
	editor  *widget.Container
	input   *widget.TextInput
	cur     int
	onEdit  func() // after a change the game accepted
	editorW int
	// focus names the option whose button gets the keyboard when the editor is
	// rebuilt, so a keyboard player stays where they were.
	focus string
}

// newFieldPicker adds a picker over fields to parent, on page p.
func newFieldPicker(p *page, parent *widget.Container, name string, fields []field, onEdit func()) *fieldPicker {
	fp := &fieldPicker{p: p, fields: fields, onEdit: onEdit, editorW: 760}
	th := p.app.theme
	box := widget.NewContainer(
		widget.ContainerOpts.Layout(widget.NewGridLayout(
			widget.GridLayoutOpts.Columns(2),
			widget.GridLayoutOpts.Stretch([]bool{false, true}, []bool{true}),
			widget.GridLayoutOpts.Spacing(24, 0),
		)),
		widget.ContainerOpts.WidgetOpts(fill()),
	)
	entries := make([]any, len(fields))
	for i := range fields {
		entries[i] = i
	}
	entryLabel := func(e any) string { return wrapText(th.Small, fp.fields[e.(int)].summary(), listTextWidth) }
	fp.list = widget.NewList(
		widget.ListOpts.Entries(entries),
		widget.ListOpts.EntryLabelFunc(entryLabel),
		widget.ListOpts.EntrySelectedHandler(func(args *widget.ListEntrySelectedEventArgs) {
			fp.show(args.Entry.(int))
		}),
		widget.ListOpts.SelectFocus(),
		widget.ListOpts.HideHorizontalSlider(),
		widget.ListOpts.ContainerOpts(widget.ContainerOpts.WidgetOpts(widget.WidgetOpts.MinSize(listWidth, 0), namedList(name, entryLabel))),
		widget.ListOpts.EntryFontFace(&th.Small),
	)
	box.AddChild(fp.list)
	fp.editor = column(12, widget.NewInsetsSimple(0))
	box.AddChild(fp.editor)
	parent.AddChild(box)
	fp.list.SetSelectedEntry(0)
	fp.show(0)
	return fp
}

// keep offers the text being typed to the game before the editor changes.
func (fp *fieldPicker) keep() {
	if fp.input == nil {
		return
	}
	f := fp.fields[fp.cur]
	if t := fp.input.GetText(); t != f.value() {
		fp.commit(f, t)
	}
}

// commit hands v to the game, and shows its verdict.
func (fp *fieldPicker) commit(f field, v string) bool {
	if err := undrawable(v); err != nil {
		fp.p.refuse(fmt.Errorf("%s: %w", strings.ToLower(f.title), err))
		return false
	}
	if err := f.set(v); err != nil {
		fp.p.refuse(err)
		return false
	}
	fp.p.sayDone(f.title + " saved.")
	fp.list.UpdateEntry(fp.cur)
	if fp.onEdit != nil {
		fp.onEdit()
	}
	return true
}

// show builds the editor for field i.
func (fp *fieldPicker) show(i int) {
	if i != fp.cur {
		fp.keep()
	}
	fp.cur = i
	fp.input = nil
	f := fp.fields[i]
	th := fp.p.app.theme
	ed := fp.editor
	ed.RemoveChildren()
	ed.AddChild(label(f.title, th.Heading, render.Accent, 0))
	ed.AddChild(label(f.prompt, th.Body, render.Ink, float64(fp.editorW)))
	switch f.kind {
	case game.OneOf, game.SomeOf:
		grid := widget.NewContainer(widget.ContainerOpts.Layout(widget.NewGridLayout(
			widget.GridLayoutOpts.Columns(2),
			widget.GridLayoutOpts.Spacing(10, 8),
			widget.GridLayoutOpts.Stretch([]bool{true, true}, nil),
		)), widget.ContainerOpts.WidgetOpts(stretch()))
		for _, o := range f.options {
			o := o
			mark := "○ "
			if f.kind == game.SomeOf {
				mark = "□ "
			}
			if f.chosen(o.Value) {
				mark = "● "
				if f.kind == game.SomeOf {
					mark = "■ "
				}
			}
			b := optionButton(th, mark+o.Label, optionWidth, func() {
				var err error
				if f.kind == game.SomeOf {
					err = f.toggle(o.Value)
				} else {
					err = f.set(o.Value)
				}
				if err != nil {
					fp.p.refuse(err)
					return
				}
				fp.p.sayDone(f.title + ": " + o.Label + ".")
				fp.list.UpdateEntry(fp.cur)
				if fp.onEdit != nil {
					fp.onEdit()
				}
				fp.focus = o.Value
				fp.show(fp.cur)
			})
			grid.AddChild(b)
			if fp.focus == o.Value {
				fp.p.ui.SetFocusedWidget(b)
			}
		}
		fp.focus = ""
		ed.AddChild(grid)
	default:
		in := widget.NewTextInput(
			widget.TextInputOpts.WidgetOpts(stretch(), named(f.title)),
			widget.TextInputOpts.Placeholder("Type here, then press Enter"),
			widget.TextInputOpts.SubmitHandler(func(args *widget.TextInputChangedEventArgs) {
				if fp.commit(f, args.InputText) {
					fp.show(fp.cur)
				}
			}),
		)
		in.SetText(f.value())
		fp.input = in
		r := row(12, widget.ContainerOpts.WidgetOpts(stretch()))
		ed.AddChild(in)
		hint := "Press Enter or Save to keep it."
		if f.unit != "" {
			hint = "A number of " + f.unit + ". " + hint
		}
		r.AddChild(button("Save", func() {
			if fp.commit(f, in.GetText()) {
				fp.show(fp.cur)
			}
		}))
		r.AddChild(label(hint, th.Small, muted, 0, widget.WidgetOpts.LayoutData(widget.RowLayoutData{Position: widget.RowLayoutPositionCenter})))
		ed.AddChild(r)
	}
	if f.advice != nil {
		if a := f.advice(); a != "" {
			ed.AddChild(label("Advice", th.Bold, render.Accent, 0))
			ed.AddChild(label(a, th.Body, render.Ink, float64(fp.editorW)))
		}
	}
}
