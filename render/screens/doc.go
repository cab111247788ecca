// Package screens draws GetGo, Copex's practice game, with Ebiten: the title screen, one
// scene (or more) per phase of the game, a help overlay on every scene, and the charts
// drawn into the game with gonum/plot.
//
// Every rule and every piece of state belongs to package game; a scene only reads the
// game's state and calls its methods, and shows the errors the game returns. Input is
// read once per tick into actions; Draw only draws.
//
// Text is laid out for people: lists have a fixed width and wrap their entries, an
// option's label wraps inside its button, the status line above the buttons has room
// for two lines, every amount of tokens goes through one format (tokens), counts are
// pluralised, and text in a script the Go fonts cannot draw is refused, naming the
// character. Starting a co-op while another is saved asks first; the saved one is kept.
//
// The living co-op's decisions are made beside what they are judged on: the Decisions
// tab shows the engine's figures for the next turn (game.View: capacity and what is on
// order, the going price, its 10–90% spread and the competitors, input costs, pay and
// the wage bill, the treasury, its reserve and the surplus), with the cost of hiring and
// letting go beside Workers; the Choices tab holds the turn's focus, the grant's use and
// what the surplus goes to; Budget shows where the surplus went. A Test Game pivot
// starts from the guess tested (game.GuessText), and a result after a pivot that moved
// only the pass point is marked. A card of a scenario's horizon event shows each
// response's advice alone (the engine applies the event; there is no cost to quote).
//
// App.Widgets lists what is on the screen and where it is laid out. The tests play the
// whole game through it by input events only (package walk: clicks at a widget's
// position, Tab, Space, Enter and the arrows), on the desktop and in a browser, and
// fail on any kind of widget the walk saw but never pressed.
//
// The program runs the App through OnChange, which draws a frame only when the screen
// may have changed (after input, a change of scene, and twice a second regardless):
// the screens stand still between inputs, and a frame drawn in software, as a browser
// without a GPU draws it, costs tens of milliseconds. Its Frames.After tells a browser
// test when the game has run the ticks that take in its input.
package screens
