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
// Bad input (a flag, a figures file with unknown fields or impossible values, an
// unknown scenario, or a save --export cannot read) is one line on stderr naming the
// file, line and field, and exit status 2. A save the game cannot read is reported on
// stderr and in the game, kept untouched, and new saves go to a file beside it.
//
// Keys: Tab and Shift-Tab move between widgets, Enter activates, Esc goes back, F1 or ?
// shows the help. The window can be resized; the screen is laid out for 1280×720.
//
// The same code builds for the browser:
//
//	GOOS=js GOARCH=wasm go build -o getgo.wasm ./cmd/getgo
package main
