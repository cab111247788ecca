// Command getgo runs GetGo, Copex's practice game for setting up and running a
// co-operative. It is a practice simulation, not a competition.
//
// Usage:
//
//	getgo [--save PATH] [--figures FILE.yaml] [--scenario NAME] [--seed N]
//
// The game saves itself after every turn, by default to getgo/save.json under the
// user's configuration directory (in the browser, to the page's local storage).
// --figures starts from an existing co-op's own figures; --scenario and --seed choose
// the simulated economy the co-op plays in.
//
// Keys: Tab and Shift-Tab move between widgets, Enter activates, Esc goes back, F1 or ?
// shows the help. The window can be resized; the screen is laid out for 1280×720.
//
// The same code builds for the browser:
//
//	GOOS=js GOARCH=wasm go build -o getgo.wasm ./cmd/getgo
package main
