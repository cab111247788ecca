package render

import "image/color"

// GetGo's screen colours. They are chosen for a projector in a lit room: dark ink on a
// light paper colour, with an accent that stays legible when washed out. Colour never
// carries meaning alone: a passed test also shows "PASS" and a tick, a failed one "FAIL"
// and a cross.
var (
	// TitleBackground fills GetGo's title screen. The browser test looks for it in a
	// screenshot to tell that the title screen actually drew.
	TitleBackground = color.RGBA{0x1F, 0x4E, 0x5F, 0xFF}
	// TitleInk is the title screen's lettering.
	TitleInk = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
	// Paper is the background of every other screen.
	Paper = color.RGBA{0xF4, 0xF1, 0xE8, 0xFF}
	// Ink is the text on Paper.
	Ink = color.RGBA{0x1E, 0x1E, 0x1E, 0xFF}
	// Accent marks the focused widget and the headings.
	Accent = color.RGBA{0x1F, 0x4E, 0x5F, 0xFF}
	// Pass and Fail colour test results (always with the words PASS/FAIL as well).
	Pass = color.RGBA{0x00, 0x7A, 0x4D, 0xFF}
	Fail = color.RGBA{0xB0, 0x3A, 0x00, 0xFF}
)
