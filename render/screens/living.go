package screens

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ebitenui/ebitenui/widget"
	"github.com/hajimehoshi/ebiten/v2"

	"github.com/copex/copex/game"
	"github.com/copex/copex/render"
	"github.com/copex/copex/sim/ledger"
)

// livingScene is phase 5: the living co-op, turn by turn. The decisions the player is
// making for the next turn are held here until "Next turn" hands them to the game.
type livingScene struct {
	*page
	d      game.Decisions
	book   *widget.TabBook
	tabs   []*widget.TabBookTab
	charts [4]*chartImage
}

// Tabs of the living co-op, in order.
const (
	tabDecisions = iota
	tabBudget
	tabCharts
	tabCards
	tabTrades
	tabLessons
)

func (a *App) livingScene(tab int) Scene {
	g := a.game
	lv := g.Living()
	s := &livingScene{page: a.newPhasePage(game.PhaseLiving), d: g.NextDecisions()}
	if lv == nil {
		s.refuse(fmt.Errorf("the living co-op has not started"))
		return s
	}
	for i := range s.charts {
		s.charts[i] = newChartImage(575, 222)
	}
	s.footer.AddChild(button(s.turnLabel(), s.nextTurn))
	s.book = widget.NewTabBook(widget.TabBookOpts.ContainerOpts(widget.ContainerOpts.WidgetOpts(fill())))
	add := func(name string, build func(c *widget.Container)) {
		t := newTab(a.theme, name, widget.NewAnchorLayout(widget.AnchorLayoutOpts.Padding(widget.NewInsetsSimple(6))))
		build(&t.Container)
		s.tabs = append(s.tabs, t)
	}
	add("Decisions", s.buildDecisions)
	add("Budget", s.buildBudget)
	add("Charts", s.buildCharts)
	add(fmt.Sprintf("Horizon cards (%d new)", len(lv.PendingCards())), s.buildCards)
	add(fmt.Sprintf("Trades (%d)", len(lv.Proposals)), s.buildTrades)
	add(fmt.Sprintf("Lessons (%d)", len(g.Lessons())), s.buildLessons)
	if tab < 0 || tab >= len(s.tabs) {
		tab = tabDecisions
	}
	if lv.Failed {
		tab = tabLessons
	}
	widget.TabBookOpts.Tabs(s.tabs...)(s.book)
	widget.TabBookOpts.InitialTab(s.tabs[tab])(s.book)
	s.body.AddChild(s.book)
	if s.status.Label == " " {
		s.say(s.summary())
	}
	return s
}

// turnLabel names the next turn on its button.
func (s *livingScene) turnLabel() string {
	lv := s.app.game.Living()
	if s.app.game.TurnLength == "week" {
		return fmt.Sprintf("Play week %d of month %d →", lv.Week, lv.Month)
	}
	return fmt.Sprintf("Play month %d →", lv.Month)
}

// summary is the state of the co-op in one line.
func (s *livingScene) summary() string {
	lv := s.app.game.Living()
	return fmt.Sprintf("%s · treasury %s tokens (%s in grant tokens) · %d workers, %d apprentices · known to %.0f%% of the market",
		s.app.game.Name(), ledger.Format(lv.Treasury), ledger.Format(lv.GrantTokens), lv.Workers, lv.Apprentices, 100*lv.Awareness)
}

// nextTurn plays the turn with the decisions made, autosaves, and shows the result.
func (s *livingScene) nextTurn() {
	g := s.app.game
	if err := g.CheckDecisions(s.d); err != nil {
		s.refuse(err)
		return
	}
	if err := g.Turn(s.d); err != nil {
		s.refuse(err)
		return
	}
	saveErr := s.app.autosave()
	tab := tabDecisions
	if cur := s.book.Tab(); cur != nil {
		tab = slices.Index(s.tabs, cur)
	}
	next := s.app.livingScene(tab).(*livingScene)
	if saveErr != nil {
		next.refuse(saveErr)
	} else {
		lv := g.Living()
		msg := "Turn played and saved. " + next.summary()
		if n := len(lv.PendingCards()); n > 0 {
			msg = fmt.Sprintf("Turn played and saved. %d horizon card(s) need a response.", n)
		}
		if lv.Failed {
			msg = "The co-op has failed. That is a lesson, not a loss: read it under Lessons, then start again."
		}
		next.say(msg)
	}
	s.app.GoTo(next)
}

// numberInput is a labelled text field for one number of the decisions; each change is
// parsed and checked by the game at once.
func (s *livingScene) numberInput(c *widget.Container, name, unit string, v float64, set func(x float64)) {
	th := s.app.theme
	r := row(10)
	r.AddChild(label(name, th.Bold, render.Ink, 0, widget.WidgetOpts.MinSize(150, 0),
		widget.WidgetOpts.LayoutData(widget.RowLayoutData{Position: widget.RowLayoutPositionCenter})))
	in := widget.NewTextInput(
		widget.TextInputOpts.WidgetOpts(widget.WidgetOpts.MinSize(150, 0)),
		widget.TextInputOpts.ChangedHandler(func(args *widget.TextInputChangedEventArgs) {
			x, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(args.InputText), ",", ""), 64)
			if err != nil {
				s.refuse(fmt.Errorf("%s: want a number, got %q", strings.ToLower(name), shorten(args.InputText, 30)))
				return
			}
			set(x)
			if err := s.app.game.CheckDecisions(s.d); err != nil {
				s.refuse(err)
				return
			}
			s.say(s.summary())
		}),
	)
	in.SetText(strconv.FormatFloat(v, 'f', -1, 64))
	r.AddChild(in)
	r.AddChild(label(unit, th.Small, muted, 0, widget.WidgetOpts.LayoutData(widget.RowLayoutData{Position: widget.RowLayoutPositionCenter})))
	c.AddChild(r)
}

// choice is a row of option buttons, the chosen one marked ●.
func (s *livingScene) choice(c *widget.Container, name string, opts []game.Option, cur string, set func(v string)) {
	th := s.app.theme
	c.AddChild(label(name, th.Bold, render.Ink, 0))
	grid := widget.NewContainer(widget.ContainerOpts.Layout(widget.NewGridLayout(
		widget.GridLayoutOpts.Columns(2), widget.GridLayoutOpts.Spacing(8, 6),
		widget.GridLayoutOpts.Stretch([]bool{true, true}, nil),
	)), widget.ContainerOpts.WidgetOpts(stretch()))
	var btns []*widget.Button
	for _, o := range opts {
		o := o
		b := button(mark(o.Value == cur)+o.Label, nil)
		btns = append(btns, b)
		grid.AddChild(b)
	}
	for i, b := range btns {
		o := opts[i]
		b.ClickedEvent.AddHandler(func(any) {
			set(o.Value)
			for j, bj := range btns {
				bj.Text().Label = mark(i == j) + opts[j].Label
			}
			s.say(o.Label + ": " + o.Advice)
		})
	}
	c.AddChild(grid)
}

// mark is the sign of a chosen (●) or unchosen (○) option.
func mark(on bool) string {
	if on {
		return "● "
	}
	return "○ "
}

// tick is the sign of a ticked (■) or unticked (□) box.
func tick(on bool) string {
	if on {
		return "■ "
	}
	return "□ "
}

func (s *livingScene) buildDecisions(c *widget.Container) {
	lv := s.app.game.Living()
	cols := widget.NewContainer(
		widget.ContainerOpts.Layout(widget.NewGridLayout(widget.GridLayoutOpts.Columns(2),
			widget.GridLayoutOpts.Spacing(28, 0), widget.GridLayoutOpts.Stretch([]bool{false, true}, nil))),
		widget.ContainerOpts.WidgetOpts(widget.WidgetOpts.LayoutData(widget.AnchorLayoutData{StretchHorizontal: true})),
	)
	left := column(8, widget.NewInsetsSimple(0))
	s.numberInput(left, "Price", "tokens a unit", s.d.Price, func(x float64) { s.d.Price = x })
	s.numberInput(left, "Pay", "tokens a month each", s.d.Pay, func(x float64) { s.d.Pay = x })
	s.numberInput(left, "Workers", "hire or let go", float64(s.d.Workers), func(x float64) {
		// A fraction of a worker is sent on as an impossible number, for the game to refuse.
		s.d.Workers = int(x)
		if x != math.Trunc(x) {
			s.d.Workers = -1
		}
	})
	s.numberInput(left, "Marketing", "tokens a month", s.d.Marketing, func(x float64) { s.d.Marketing = x })
	s.numberInput(left, "Offer", "% of capacity listed", 100*s.d.Offer, func(x float64) { s.d.Offer = x / 100 })
	var appr, fund *widget.Button
	appr = button(tick(s.d.Apprentice)+"Ask the Foundation for an apprentice", func() {
		s.d.Apprentice = !s.d.Apprentice
		appr.Text().Label = tick(s.d.Apprentice) + "Ask the Foundation for an apprentice"
	})
	left.AddChild(appr)
	if !lv.Funded {
		fund = button(tick(s.d.Funding)+"Take the Foundation's start-up funding", func() {
			s.d.Funding = !s.d.Funding
			fund.Text().Label = tick(s.d.Funding) + "Take the Foundation's start-up funding"
		})
		left.AddChild(fund)
	}
	cols.AddChild(left)
	right := column(6, widget.NewInsetsSimple(0))
	s.choice(right, "This turn's focus", game.Activities, s.d.Activity, func(v string) { s.d.Activity = v })
	s.choice(right, "Grant tokens go to", game.GrantUses, s.d.GrantUse, func(v string) { s.d.GrantUse = v })
	cols.AddChild(right)
	c.AddChild(cols)
}

// money formats an amount to the hundredth of a token, for reading: the exact
// amounts are in the game and its exports.
func money(a ledger.Amount) string {
	s := strconv.FormatFloat(math.Round(ledger.Float(a)*100)/100, 'f', 2, 64)
	return strings.TrimSuffix(s, ".00")
}

func (s *livingScene) buildBudget(c *widget.Container) {
	lv := s.app.game.Living()
	th := s.app.theme
	col := column(6, widget.NewInsetsSimple(0))
	var budgets []game.Budget
	for _, period := range game.Budgets {
		b, err := lv.Budget(period)
		if err != nil {
			col.AddChild(label(err.Error(), th.Body, render.Ink, 1100))
			c.AddChild(col)
			return
		}
		budgets = append(budgets, b)
	}
	grid := widget.NewContainer(widget.ContainerOpts.Layout(widget.NewGridLayout(
		widget.GridLayoutOpts.Columns(1+len(budgets)), widget.GridLayoutOpts.Spacing(40, 2),
	)))
	grid.AddChild(label("Budget, tokens", th.Bold, render.Accent, 0))
	for _, b := range budgets {
		grid.AddChild(label("a "+b.Period, th.Bold, render.Accent, 0, widget.WidgetOpts.MinSize(150, 0)))
	}
	// lines adds a block of budget lines (income or costs) and its total.
	lines := func(title string, pick func(b game.Budget) []game.BudgetLine) {
		first := pick(budgets[0])
		for i, l := range first {
			grid.AddChild(label(l.Label, th.Small, render.Ink, 0))
			for _, b := range budgets {
				v := "—"
				if ls := pick(b); i < len(ls) {
					v = money(ls[i].Amount)
				}
				grid.AddChild(label(v, th.Small, render.Ink, 0))
			}
		}
		grid.AddChild(label(title, th.Bold, render.Ink, 0))
		for _, b := range budgets {
			var sum ledger.Amount
			for _, l := range pick(b) {
				sum += l.Amount
			}
			grid.AddChild(label(money(sum), th.Bold, render.Ink, 0))
		}
	}
	lines("Income", func(b game.Budget) []game.BudgetLine { return b.Income })
	lines("Costs", func(b game.Budget) []game.BudgetLine { return b.Costs })
	grid.AddChild(label("Income less costs", th.Bold, render.Ink, 0))
	for _, b := range budgets {
		grid.AddChild(label(money(b.Net), th.Bold, render.Ink, 0))
	}
	col.AddChild(grid)
	var notes []string
	for _, b := range budgets {
		note := "A " + b.Period + ": " + b.Basis + "."
		if b.Runway > 0 {
			note += fmt.Sprintf(" At this loss the treasury lasts %.1f months.", b.Runway)
		}
		notes = append(notes, note)
	}
	col.AddChild(label(strings.Join(notes, " "), th.Small, muted, 1150))
	c.AddChild(col)
}

func (s *livingScene) buildCharts(c *widget.Container) {
	lv := s.app.game.Living()
	var xs, sales, treasury, grants, members, customers []float64
	for _, p := range lv.Months() {
		xs = append(xs, float64(p.Month))
		sales = append(sales, ledger.Float(p.Sales))
		treasury = append(treasury, ledger.Float(p.Treasury))
		grants = append(grants, ledger.Float(p.GrantTokens))
		members = append(members, float64(p.Members))
		customers = append(customers, float64(p.Customers))
	}
	const month = "month of the economy"
	specs := []chartSpec{
		{title: "Sales, tokens a month", xLabel: month, lines: []line{{name: "sales", xs: xs, ys: sales}}},
		{title: "Treasury, tokens", xLabel: month, lines: []line{{name: "treasury", xs: xs, ys: treasury}, {name: "of which grant tokens", xs: xs, ys: grants}}},
		{title: "Grant tokens held", xLabel: month, lines: []line{{name: "grant tokens", xs: xs, ys: grants}}},
		{title: "Members and customers", xLabel: month, lines: []line{{name: "members", xs: xs, ys: members}, {name: "customers a month", xs: xs, ys: customers}}},
	}
	grid := widget.NewContainer(widget.ContainerOpts.Layout(widget.NewGridLayout(
		widget.GridLayoutOpts.Columns(2), widget.GridLayoutOpts.Spacing(12, 8))))
	for i, sp := range specs {
		s.charts[i].set(sp)
		grid.AddChild(widget.NewGraphic(widget.GraphicOpts.Image(s.charts[i].img)))
	}
	c.AddChild(grid)
}

func (s *livingScene) buildCards(c *widget.Container) {
	lv := s.app.game.Living()
	th := s.app.theme
	col := column(8, widget.NewInsetsSimple(0))
	pending := lv.PendingCards()
	if len(pending) == 0 {
		col.AddChild(label("No horizon-scanning card needs a response. Choose \"Horizon scanning\" as a turn's focus to see changes two months before they hit.", th.Body, render.Ink, 1150))
	}
	for _, card := range pending {
		card := card
		col.AddChild(label("Horizon card: "+card.Kind, th.Bold, render.Accent, 0))
		col.AddChild(label("Signal: "+card.Signal, th.Body, render.Ink, 1150))
		col.AddChild(label("→ Sign: "+card.Sign, th.Body, render.Ink, 1150))
		col.AddChild(label("→ Significance: "+card.Significance, th.Bold, render.Ink, 1150))
		col.AddChild(label(fmt.Sprintf("If nothing is done (from month %d): %s", card.Hits, card.Impact), th.Small, render.Ink, 1150))
		r := row(8)
		var btns []*widget.Button
		for k, resp := range card.Responses {
			k, resp := k, resp
			cur, ok := s.d.Respond[card.ID]
			b := button(mark(ok && cur == k)+resp.Label, nil)
			b.ClickedEvent.AddHandler(func(any) {
				if s.d.Respond == nil {
					s.d.Respond = map[string]int{}
				}
				s.d.Respond[card.ID] = k
				for j, bj := range btns {
					bj.Text().Label = mark(j == k) + card.Responses[j].Label
				}
				s.say(fmt.Sprintf("%s: %s (costs %g months of one worker's pay; averts %.0f%% of the effect)", resp.Label, resp.Advice, resp.Cost, 100*resp.Mitigation))
			})
			btns = append(btns, b)
			r.AddChild(b)
		}
		col.AddChild(r)
	}
	var past []string
	for _, card := range lv.Cards {
		if card.Response >= 0 && card.Response < len(card.Responses) {
			past = append(past, fmt.Sprintf("Month %d · Signal: %s → Sign: %s → Significance: %s · Response: %s",
				card.Shown, card.Signal, card.Sign, card.Significance, card.Responses[card.Response].Label))
		}
	}
	if len(past) > 0 {
		col.AddChild(label("Cards answered", th.Bold, render.Accent, 0))
		col.AddChild(textArea(strings.Join(past, "\n"), 1150, 120, widget.WidgetOpts.LayoutData(widget.RowLayoutData{MaxWidth: 1160, MaxHeight: 140})))
	}
	c.AddChild(col)
}

func (s *livingScene) buildTrades(c *widget.Container) {
	lv := s.app.game.Living()
	th := s.app.theme
	col := column(8, widget.NewInsetsSimple(0))
	if len(lv.Proposals) == 0 {
		col.AddChild(label("No trade proposals on the Exchange Platform this turn.", th.Body, render.Ink, 1150))
	}
	for _, p := range lv.Proposals {
		p := p
		taken := slices.Contains(s.d.Accept, p.ID)
		var b *widget.Button
		b = button(tick(taken)+p.Partner+": "+shorten(p.Text, 80), func() {
			if i := slices.Index(s.d.Accept, p.ID); i >= 0 {
				s.d.Accept = slices.Delete(s.d.Accept, i, i+1)
			} else {
				s.d.Accept = append(s.d.Accept, p.ID)
			}
			on := slices.Contains(s.d.Accept, p.ID)
			b.Text().Label = tick(on) + p.Partner + ": " + shorten(p.Text, 80)
			if on {
				s.say("Accepted for this turn: " + p.Text)
			} else {
				s.say("Declined: " + p.Text)
			}
		}, widget.WidgetOpts.LayoutData(widget.RowLayoutData{Stretch: true}))
		col.AddChild(b)
	}
	c.AddChild(col)
}

func (s *livingScene) buildLessons(c *widget.Container) {
	g := s.app.game
	lv := g.Living()
	th := s.app.theme
	col := column(8, widget.NewInsetsSimple(0))
	if lv.Failed {
		col.AddChild(label("× The co-op has failed. A failure is a lesson, not a loss: read what happened, then start the living co-op again.", th.Bold, render.Fail, 1150))
		col.AddChild(button("Start the living co-op again", func() {
			if err := g.Restart(); err != nil {
				s.refuse(err)
				return
			}
			s.app.saveErr = s.app.autosave()
			s.app.GoTo(s.app.livingScene(tabDecisions))
		}))
	}
	lessons := g.Lessons()
	if len(lessons) == 0 {
		col.AddChild(label("No lessons yet. When something fails, what happened, why, and what to try are written up here.", th.Body, render.Ink, 1150))
		c.AddChild(col)
		return
	}
	var b strings.Builder
	for i := len(lessons) - 1; i >= 0; i-- {
		l := lessons[i]
		when := ""
		if l.Month > 0 {
			when = fmt.Sprintf(" (month %d)", l.Month)
		}
		fmt.Fprintf(&b, "%s%s\n  What happened: %s\n  Why: %s\n  What to try: %s\n\n", l.Title, when, l.What, l.Why, l.Try)
	}
	h := 440
	if lv.Failed {
		h = 360
	}
	col.AddChild(textArea(strings.TrimSpace(b.String()), 1150, h, widget.WidgetOpts.LayoutData(widget.RowLayoutData{MaxWidth: 1170, MaxHeight: h})))
	c.AddChild(col)
}

func (s *livingScene) Update(in Input) error     { return s.update(in) }
func (s *livingScene) Draw(screen *ebiten.Image) { s.draw(screen) }
func (s *livingScene) Help() (heading, body string) {
	return "Living Co-op", `Run your co-op turn by turn in the simulated economy. Nothing here is a score: a failure is written up as a lesson.

Decisions: set the price, pay, workers, marketing and how much of what you can make you list on the Exchange Platform; choose the turn's focus and what grant tokens go to; ask the Foundation for an apprentice or its start-up funding. A number the game cannot accept is explained on the line above the buttons.

Budget: the last turn's income and costs, at that rate per week, per month and per year.
Charts: sales, treasury, grant tokens, members and customers, turn by turn.
Horizon cards: each change arrives as Signal → Sign → Significance; choose a response (marked ●) before the next turn.
Trades: proposals from other co-ops on the Exchange Platform; tick (■) the ones to accept this turn.
Lessons: what went wrong, why, and what to try.

Press the "Play month" button to play the turn; the game saves after every turn. Go on to Export when you are ready to carry the set-up over to a real co-op.`
}
