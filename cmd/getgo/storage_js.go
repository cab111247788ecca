//go:build js

package main

import (
	"errors"
	"path"
	"syscall/js"
)

// In the browser the autosave lives in the page's local storage, under the --save
// path as its key.
func defaultSavePath() string { return "getgo/save.json" }

type store struct{ key string }

func newStore(key string) store { return store{key: key} }

func localStorage() (js.Value, error) {
	ls := js.Global().Get("localStorage")
	if ls.IsUndefined() || ls.IsNull() {
		return js.Value{}, errors.New("this browser has no local storage")
	}
	return ls, nil
}

// load returns the autosave, or nil if there is none yet.
func (s store) load() ([]byte, error) {
	ls, err := localStorage()
	if err != nil {
		return nil, err
	}
	v := ls.Call("getItem", s.key)
	if v.IsNull() || v.IsUndefined() {
		return nil, nil
	}
	return []byte(v.String()), nil
}

// save replaces the autosave.
func (s store) save(data []byte) (err error) {
	ls, err := localStorage()
	if err != nil {
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("the browser refused to store the save (storage full?)")
		}
	}()
	ls.Call("setItem", s.key, string(data))
	return nil
}

// readFile cannot reach the player's files from a web page.
func readFile(name string) ([]byte, error) {
	return nil, errors.New("the browser version cannot open files by name; use the desktop game to load " + name)
}

// writeFile offers the data as a download named after name.
func writeFile(name string, data []byte) error {
	doc := js.Global().Get("document")
	if doc.IsUndefined() {
		return errors.New("no document to download from")
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
