// Command getgo runs GetGo, Copex's practice game for setting up and running a
// co-operative. It is a practice simulation, not a competition.
//
// Usage:
//
//	getgo [--save PATH] [--figures FILE.yaml] [--scenario NAME] [--seed N]
//	getgo --save PATH --export DACO.yaml
//
// The game saves itself after every turn, by default to getgo/save.json under the
// user's configuration directory (in the browser, to the page's local storage).
// --figures starts from an existing co-op's own figures; --scenario and --seed choose
// the simulated economy the co-op plays in. --export writes the saved co-op's DACO
// configuration without opening a window.
//
// A save is only ever overwritten by a newer state of the game it holds. Another game
// (one started from --figures, or a new co-op) is saved to a new file beside it,
// save-1.json, save-2.json…, and a line on stderr says where: continue that game with
// --save and that file. So is a game whose save someone else changed meanwhile. An
// export never replaces a save: --export naming the save (by any path) or another
// GetGo save is refused.
//
// Bad input (a flag, a figures file with unknown fields or impossible values, an
// unknown scenario, a save --export cannot read, an --export onto a save) is one line
// on stderr naming the file, line and field, and exit status 2. A save is checked as
// the game would have checked it, its existing block as a figures file is. A save the
// game cannot read is reported on stderr and in the game, kept untouched, and new
// saves go to a file beside it.
//
// Keys: Tab and Shift-Tab move between widgets, Enter activates, Esc goes back, F1 or ?
// shows the help. The window can be resized; the screen is laid out for 1280×720.
//
// The same code builds for the browser:
//
//	GOOS=js GOARCH=wasm go build -o getgo.wasm ./cmd/getgo
package main
