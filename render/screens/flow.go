package screens

// The title menu's actions. Until the phase scenes exist they lead to a message.

func (a *App) newCoop() {
	a.GoTo(a.messageScene("New co-op", "Phase 1, What kind of co-op?, is coming soon."))
}

func (a *App) continueSaved() {
	a.GoTo(a.messageScene("Continue", "Continuing from the autosave is coming soon."))
}

func (a *App) loadFigures() {
	a.GoTo(a.messageScene("Load a co-op's figures", "Loading a co-op's figures is coming soon."))
}
