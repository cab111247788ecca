// Package screens draws GetGo, Copex's practice game, with Ebiten: the title screen, one
// scene (or more) per phase of the game, a help overlay on every scene, and the charts
// drawn into the game with gonum/plot.
//
// Every rule and every piece of state belongs to package game; a scene only reads the
// game's state and calls its methods, and shows the errors the game returns. Input is
// read once per tick into actions; Draw only draws.
package screens
