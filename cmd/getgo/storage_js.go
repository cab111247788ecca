//go:build js

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"syscall/js"

	"github.com/copex/copex/game"
	"github.com/copex/copex/render/screens"
)

// In the browser the autosave lives in the page's local storage, under the --save
// path as its key.
func defaultSavePath() string { return "getgo/save.json" }

// localStore keeps the autosave in local storage. An unreadable save, or one that
// holds another game or was changed by another page since it was read, is kept and
// saves go to a new key beside it (onMove is told), as game.Store does with files.
type localStore struct {
	key    string
	first  string // the key the store started with, that new keys are made from
	onMove func(kept, key string)
	game   *game.Game // the game whose save is under key (nil: none yet)
	held   *string    // the item under key as last read or written (nil: none)
}

func newStore(key string, onMove func(kept, key string)) store {
	return &localStore{key: key, first: key, onMove: onMove}
}

// beside returns a free key beside the store's first key: key-1, key-2…
func (s *localStore) beside(ls js.Value) string {
	for i := 1; ; i++ {
		k := fmt.Sprintf("%s-%d", s.first, i)
		if ls.Call("getItem", k).IsNull() {
			return k
		}
	}
}

func localStorage() (js.Value, error) {
	ls := js.Global().Get("localStorage")
	if ls.IsUndefined() || ls.IsNull() {
		return js.Value{}, errors.New("this browser has no local storage")
	}
	return ls, nil
}

func (s *localStore) Load() (*game.Game, error) {
	ls, err := localStorage()
	if err != nil {
		return nil, err
	}
	v := ls.Call("getItem", s.key)
	if v.IsNull() || v.IsUndefined() {
		return nil, fmt.Errorf("%w in local storage %s", game.ErrNoSave, s.key)
	}
	item := v.String()
	g, err := game.Decode("local storage "+s.key, []byte(item))
	if err != nil {
		s.key = s.beside(ls)
		return nil, err
	}
	s.game, s.held = g, &item
	return g, nil
}

// owns reports whether Save may write g over the item under key: g is the store's
// game (or it has none yet) and the item is missing or as the store last saw it.
func (s *localStore) owns(ls js.Value, g *game.Game) bool {
	if s.game != nil && s.game != g {
		return false
	}
	v := ls.Call("getItem", s.key)
	if v.IsNull() || v.IsUndefined() {
		return true
	}
	return s.held != nil && v.String() == *s.held
}

func (s *localStore) Save(g *game.Game) (err error) {
	ls, err := localStorage()
	if err != nil {
		return err
	}
	data, err := game.Encode(g)
	if err != nil {
		return err
	}
	if !s.owns(ls, g) {
		kept := s.key
		s.key, s.held = s.beside(ls), nil
		if s.onMove != nil {
			s.onMove(kept, s.key)
		}
	}
	s.game = g
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the browser refused to store the save: %v", r)
		}
	}()
	item := string(data)
	ls.Call("setItem", s.key, item)
	s.held = &item
	return nil
}

// readFile cannot reach the player's files from a web page.
func readFile(name string) ([]byte, error) {
	return nil, fmt.Errorf("open %s: the browser version cannot open files by name; use the desktop game", name)
}

// writeFile offers the data as a download named after name.
func writeFile(name string, data []byte) error {
	doc := js.Global().Get("document")
	if doc.IsUndefined() || doc.IsNull() {
		return errors.New("no web page to download from")
	}
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	blob := js.Global().Get("Blob").New([]any{arr}, map[string]any{"type": "application/x-yaml"})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	a := doc.Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", path.Base(name))
	doc.Get("body").Call("appendChild", a)
	a.Call("click")
	a.Call("remove")
	js.Global().Get("URL").Call("revokeObjectURL", url)
	return nil
}

// reportWidgets makes the App note what is on the screen after every frame.
const reportWidgets = true

// exposeWidgets gives the page, for a browser test, getgoWidgets(): what is on the
// screen as of the last frame, as JSON (screens.Widget), so that the test can find
// where to click; and getgoAfter(ticks, draw): a Promise that settles, with that JSON,
// once the game has run ticks more ticks and, with draw, drawn a frame after them
// (screens.Frames.After), so that the test knows its input has been taken in.
func exposeWidgets(f *screens.Frames) {
	widgets := func() string {
		b, err := json.Marshal(f.LastWidgets())
		if err != nil {
			return "[]"
		}
		return string(b)
	}
	js.Global().Set("getgoWidgets", js.FuncOf(func(js.Value, []js.Value) any { return widgets() }))
	promise := js.Global().Get("Promise")
	js.Global().Set("getgoAfter", js.FuncOf(func(_ js.Value, args []js.Value) any {
		ticks, draw := 1, true
		if len(args) > 0 && args[0].Type() == js.TypeNumber {
			ticks = args[0].Int()
		}
		if len(args) > 1 && args[1].Type() == js.TypeBoolean {
			draw = args[1].Bool()
		}
		var executor js.Func
		executor = js.FuncOf(func(_ js.Value, pa []js.Value) any {
			defer executor.Release()
			resolve, reject := pa[0], pa[1]
			if !f.After(ticks, draw, func() { resolve.Invoke(widgets()) }) {
				reject.Invoke("getgoAfter: too many calls waiting")
			}
			return nil
		})
		return promise.New(executor)
	}))
}

// maxPicked is the largest file the player may choose: a figures file is a few hundred
// bytes.
const maxPicked = 1 << 20

// pickFile opens the browser's file chooser and reads the chosen file as text.
func pickFile(done func(name string, data []byte, err error)) {
	doc := js.Global().Get("document")
	if doc.IsUndefined() || doc.IsNull() {
		done("", nil, errors.New("no web page to choose a file from"))
		return
	}
	in := doc.Call("createElement", "input")
	in.Set("type", "file")
	in.Set("accept", ".yaml,.yml,text/yaml,text/plain")
	var onChange js.Func
	onChange = js.FuncOf(func(js.Value, []js.Value) any {
		defer onChange.Release()
		defer in.Call("remove")
		files := in.Get("files")
		if files.Get("length").Int() == 0 {
			return nil // the player cancelled
		}
		f := files.Index(0)
		name := f.Get("name").String()
		if size := f.Get("size").Int(); size > maxPicked {
			done(name, nil, fmt.Errorf("%s is %d bytes; a figures file is at most %d", name, size, maxPicked))
			return nil
		}
		var then, fail js.Func
		then = js.FuncOf(func(_ js.Value, args []js.Value) any {
			defer then.Release()
			defer fail.Release()
			done(name, []byte(args[0].String()), nil)
			return nil
		})
		fail = js.FuncOf(func(_ js.Value, args []js.Value) any {
			defer then.Release()
			defer fail.Release()
			done(name, nil, fmt.Errorf("%s could not be read: %s", name, args[0].Call("toString").String()))
			return nil
		})
		f.Call("text").Call("then", then, fail)
		return nil
	})
	in.Call("addEventListener", "change", onChange)
	// Browsers open the chooser of an input that is in the page, even a hidden one.
	in.Get("style").Set("display", "none")
	doc.Get("body").Call("appendChild", in)
	in.Call("click")
}
