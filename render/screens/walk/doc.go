// Package walk plays GetGo through its interface, as a player does, for the screen
// tests on the desktop (package screens) and the browser test (package web).
//
// A Walker reads what is on the screen (the widgets screens.App.Widgets lists, with
// where each is laid out) and presses buttons, chooses list entries and types into
// fields through a Driver: clicks at a widget's position, or Tab until it has the
// keyboard and then Space or Enter, alternately. PlayAll walks all six phases, a failed
// test and its pivot, twelve living turns with every focus, grant use, card response
// and trade, a failure and a restart, the export, loading a co-op's figures and the
// menu, and fails listing every kind of widget it saw but never pressed, so that a new
// button cannot go untested.
package walk
