package screens

import (
	"image"
	"strings"

	"github.com/ebitenui/ebitenui"
	"github.com/ebitenui/ebitenui/widget"
)

// Widget is one thing on the screen a player can press, type into or choose from, where
// it was last laid out. Tests (on the desktop and in the browser) find what to click
// through Widgets, and check that a walk through the game pressed every kind of widget
// at least once.
type Widget struct {
	// Kind is "button", "field" (a text field), "list", "status" (the line above the
	// buttons) or "scene" (the screen's heading, from its help).
	Kind string `json:"kind"`
	// Name is what the widget says: a button's label, a field's or list's name, the
	// status line's text.
	Name string `json:"name"`
	// Text is a field's text.
	Text string `json:"text,omitempty"`
	// Rect is where it is, in logical pixels of the 1280×720 screen.
	Rect image.Rectangle `json:"rect"`
	// Items are a list's entries, and Selected the index of the one selected (-1:
	// none).
	Items    []string `json:"items,omitempty"`
	Selected int      `json:"selected,omitempty"`
	// Focused is whether it has the keyboard.
	Focused bool `json:"focused,omitempty"`
	// Disabled widgets are shown but do nothing.
	Disabled bool `json:"disabled,omitempty"`
}

// named gives a widget a name for Widgets (a field or list has no label of its own).
func named(name string) widget.WidgetOpt { return widget.WidgetOpts.CustomData(name) }

// listInfo names a list and labels its entries, for Widgets.
type listInfo struct {
	name  string
	label func(e any) string
}

// namedList gives a list a name, and Widgets a way to read its entries.
func namedList(name string, label func(e any) string) widget.WidgetOpt {
	return widget.WidgetOpts.CustomData(listInfo{name, label})
}

// ui is the UI that has the input this tick: the help overlay's when it is open.
func (a *App) ui() *ebitenui.UI {
	if a.help != nil {
		return a.help.ui
	}
	if ws, ok := a.scene.(widgetScene); ok {
		return ws.UI()
	}
	return nil
}

// Widgets lists what is on the screen now, in Tab order: the scene's heading, the
// status line (on the phase pages) and every widget that can take the keyboard, as
// laid out by the last Draw.
func (a *App) Widgets() []Widget {
	heading, _ := a.scene.Help()
	out := []Widget{{Kind: "scene", Name: heading}}
	if a.help != nil {
		out[0].Name = "Help: " + heading
	} else if p := a.page(); p != nil {
		msg := strings.TrimSpace(strings.ReplaceAll(p.status.Label, "\n", " "))
		out = append(out, Widget{Kind: "status", Name: msg, Rect: p.status.GetWidget().Rect})
	}
	u := a.ui()
	if u == nil {
		return out
	}
	focused := u.GetFocusedWidget()
	for _, f := range u.Container.GetFocusers() {
		hw, ok := f.(widget.HasWidget)
		if !ok {
			continue
		}
		w := hw.GetWidget()
		it := Widget{Rect: w.Rect, Focused: f == focused, Disabled: w.Disabled}
		name, _ := w.CustomData.(string)
		switch v := f.(type) {
		case *widget.Button:
			it.Kind = "button"
			if name == "" {
				name = strings.ReplaceAll(v.Text().Label, "\n", " ")
			}
		case *widget.TextInput:
			it.Kind, it.Text = "field", v.GetText()
		case *widget.List:
			it.Kind, it.Selected = "list", -1
			if li, ok := w.CustomData.(listInfo); ok {
				name = li.name
				for i, e := range v.Entries() {
					it.Items = append(it.Items, li.label(e))
					if e == v.SelectedEntry() {
						it.Selected = i
					}
				}
			}
		default:
			it.Kind = "other"
		}
		it.Name = name
		out = append(out, it)
	}
	return out
}

// A paged scene is built on a page.
type paged interface{ framePage() *page }

func (p *page) framePage() *page { return p }

// page is the current scene's page, or nil.
func (a *App) page() *page {
	if ps, ok := a.scene.(paged); ok {
		return ps.framePage()
	}
	return nil
}
