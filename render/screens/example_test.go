package screens_test

import (
	"fmt"
	"log"

	"github.com/copex/copex/render/screens"
)

// An App starts at the title screen; main hands it to ebiten.RunGame. Building one
// needs no window.
func ExampleNewApp() {
	app, err := screens.NewApp(screens.Options{Seed: 1})
	if err != nil {
		log.Fatal(err)
	}
	w, h := app.Layout(1920, 1080) // any window: the game is laid out at 1280×720
	heading, _ := app.Scene().Help()
	fmt.Println(w, h, heading)
	// Output: 1280 720 GetGo
}
