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
	// restart starts the living co-op again; it is shown only after a failure.
	restart *widget.Button
	play    *widget.Button
}

// Tabs of the living co-op, in order.
const (
	tabDecisions = iota
	tabChoices
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
	// The charts' images are the App's, kept from turn to turn: a new image every
	// turn would pile up GPU memory until the collector frees it.
	for i := range a.livingCharts {
		if a.livingCharts[i] == nil {
			a.livingCharts[i] = newChartImage(575, 205) // two rows in the tab above the status line
		}
	}
	s.charts = a.livingCharts
	s.play = button(s.turnLabel(), s.nextTurn)
	s.footer.AddChild(s.play)
	s.book = widget.NewTabBook(widget.TabBookOpts.ContainerOpts(widget.ContainerOpts.WidgetOpts(fill())))
	add := func(name string, build func(c *widget.Container)) {
		t := newTab(a.theme, name, widget.NewAnchorLayout(widget.AnchorLayoutOpts.Padding(widget.NewInsetsSimple(6))))
		build(&t.Container)
		s.tabs = append(s.tabs, t)
	}
	add("Decisions", s.buildDecisions)
	add("Choices", s.buildChoices)
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

// summary is the state of the co-op in one line: a long name is shortened so that the
// line never wraps into the panel above it.
func (s *livingScene) summary() string {
	lv := s.app.game.Living()
	name := []rune(s.app.game.Name())
	if len(name) > 22 {
		name = append(name[:21], '…')
	}
	return fmt.Sprintf("%s · treasury %s, grant tokens %s · %s, %s · reputation %.0f%%",
		string(name), tokens(lv.Treasury), tokens(lv.GrantTokens), plural(lv.Workers, "worker", "workers"),
		plural(lv.Apprentices, "apprentice", "apprentices"), 100*lv.Awareness)
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
	text := num(v)
	r := row(10)
	r.AddChild(label(name, th.Bold, render.Ink, 0, widget.WidgetOpts.MinSize(150, 0),
		widget.WidgetOpts.LayoutData(widget.RowLayoutData{Position: widget.RowLayoutPositionCenter})))
	in := widget.NewTextInput(
		widget.TextInputOpts.WidgetOpts(widget.WidgetOpts.MinSize(150, 0), named(name)),
		widget.TextInputOpts.ChangedHandler(func(args *widget.TextInputChangedEventArgs) {
			if args.InputText == text {
				return // as it was: the field's first text is reported as a change too
			}
			text = args.InputText
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
	in.SetText(text)
	r.AddChild(in)
	r.AddChild(label(unit, th.Small, muted, 0, widget.WidgetOpts.LayoutData(widget.RowLayoutData{Position: widget.RowLayoutPositionCenter})))
	c.AddChild(r)
}

// choice is a row of option buttons, the chosen one marked ●, one column an option;
// note, if any, says what the engine does with the choice now.
func (s *livingScene) choice(c *widget.Container, name, note string, opts []game.Option, cur string, set func(v string)) {
	th := s.app.theme
	c.AddChild(label(name, th.Bold, render.Ink, 0))
	even := make([]bool, len(opts))
	for i := range even {
		even[i] = true
	}
	grid := widget.NewContainer(widget.ContainerOpts.Layout(widget.NewGridLayout(
		widget.GridLayoutOpts.Columns(len(opts)), widget.GridLayoutOpts.Spacing(8, 6),
		widget.GridLayoutOpts.Stretch(even, nil),
	)), widget.ContainerOpts.WidgetOpts(stretch()))
	width := float64(choicesWidth-8*(len(opts)-1))/float64(len(opts)) - 24
	var btns []*widget.Button
	say := func(o game.Option) string {
		if note != "" {
			return o.Advice + " " + note
		}
		return o.Advice
	}
	advice := label(" ", th.Small, muted, choicesWidth)
	for i, o := range opts {
		b := optionButton(th, mark(o.Value == cur)+o.Label, width, func() {
			set(o.Value)
			for j, bj := range btns {
				relabel(th, bj, mark(i == j)+opts[j].Label, width)
			}
			advice.Label = say(o)
			s.say(o.Label + ": " + o.Advice)
		})
		btns = append(btns, b)
		grid.AddChild(b)
		if o.Value == cur {
			advice.Label = say(o)
		}
	}
	c.AddChild(grid)
	c.AddChild(advice)
}

// choicesWidth is the width of a group of option buttons, and of the chosen option's
// advice under it, across the tab.
const choicesWidth = 1170

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
	v := lv.View
	cols := widget.NewContainer(
		widget.ContainerOpts.Layout(widget.NewGridLayout(widget.GridLayoutOpts.Columns(2),
			widget.GridLayoutOpts.Spacing(24, 0), widget.GridLayoutOpts.Stretch([]bool{false, true}, nil))),
		widget.ContainerOpts.WidgetOpts(widget.WidgetOpts.LayoutData(widget.AnchorLayoutData{StretchHorizontal: true})),
	)
	left := column(8, widget.NewInsetsSimple(0))
	s.numberInput(left, "Price", "tokens a unit", s.d.Price, func(x float64) { s.d.Price = x })
	s.numberInput(left, "Pay", "tokens a month each", s.d.Pay, func(x float64) { s.d.Pay = x })
	s.numberInput(left, "Workers", "hire: "+tokens(v.HireCost)+" each\nlet go: "+tokens(v.NoticePay)+" notice pay", float64(s.d.Workers), func(x float64) {
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
	cols.AddChild(s.viewPanel(lv))
	c.AddChild(cols)
}

// viewWidth is the width the figures of the View wrap to, right of the decisions.
const viewWidth = 640

// viewPanel shows what the next turn's decisions are made on, grouped so that a trade
// can be judged: what the co-op can make and what is on order; the market; inputs; pay;
// the money.
func (s *livingScene) viewPanel(lv *game.Living) *widget.Container {
	th := s.app.theme
	v := lv.View
	// Weekly turns report the month under way until it ends.
	last := "Last month"
	if n := len(lv.History); n > 0 && lv.History[n-1].Month == lv.Month {
		last = "This month so far"
	}
	col := column(2, widget.NewInsetsSimple(0))
	group := func(title, body string) {
		col.AddChild(label(title, th.Bold, render.Accent, 0))
		col.AddChild(label(body, th.Small, render.Ink, viewWidth, widget.WidgetOpts.LayoutData(widget.RowLayoutData{MaxWidth: viewWidth})))
	}
	capacity := fmt.Sprintf("You can make %s units a month (%s a worker). %s: %s listed, %s ordered, %s sold.",
		thousands(int64(math.Round(v.Capacity))), strconv.FormatFloat(math.Round(v.Productivity*10)/10, 'f', -1, 64), last, thousands(v.Offered), thousands(v.Ordered), thousands(v.Sold))
	if v.OnOrder > 0 {
		capacity += fmt.Sprintf(" Trade agreements take %s units a month.", thousands(v.OnOrder))
	}
	if v.Base > 0 {
		capacity += fmt.Sprintf(" Your customer base buys about %s units a month at your price.", thousands(int64(v.Base)))
	}
	group("Capacity and orders", capacity)
	group("The market", fmt.Sprintf("Going price %s a unit (10–90%%: %s to %s); yours %s. %s in your sector, %d in your locality. Reputation %.0f%%.",
		tokens(v.Market), tokens(v.Low), tokens(v.High), tokens(v.Price), plural(v.Competitors, "competing offer", "competing offers"), v.Local, 100*v.Reputation))
	group("Inputs", fmt.Sprintf("Inputs are %.0f%% of what you make: %s a unit at your price. Last month you could buy %.0f%% of the inputs you needed.",
		100*v.InputShare, tokens(v.InputCost), 100*v.InputFill))
	group("Pay", fmt.Sprintf("You pay %s a month each (the sector: %s); the wage bill is %s a month.",
		tokens(v.Wage), tokens(v.SectorWage), tokens(v.WageBill)))
	money := fmt.Sprintf("Treasury %s (grant tokens %s), savings %s; reserve %s, surplus above it %s.",
		tokens(v.Treasury), tokens(v.Grant), tokens(v.Savings), tokens(v.Reserve), tokens(v.Surplus))
	if v.Unpaid > 0 {
		money += fmt.Sprintf(" Pay short for %s in a row: the co-op closes after %s.", plural(v.Unpaid, "month", "months"), plural(v.FailAfter, "month", "months"))
	}
	if v.LookoutCost > 0 || v.Monitoring {
		watch := "not watching the Lookout Platform"
		if v.Monitoring {
			watch = "watching the Lookout Platform"
		}
		money += " You are " + watch
		if v.LookoutCost > 0 {
			money += " (" + tokens(v.LookoutCost) + " tokens a month)"
		}
		money += "."
	}
	group("Money", money)
	return col
}

// buildChoices is the turn's focus, the grant's use and the surplus's.
func (s *livingScene) buildChoices(c *widget.Container) {
	v := s.app.game.Living().View
	col := column(6, widget.NewInsetsSimple(0), widget.ContainerOpts.WidgetOpts(widget.WidgetOpts.LayoutData(widget.AnchorLayoutData{StretchHorizontal: true})))
	s.choice(col, "This turn's focus", "", game.Activities, s.d.Activity, func(v string) { s.d.Activity = v })
	s.choice(col, "Grant tokens go to", v.GrantRule, game.GrantUses, s.d.GrantUse, func(v string) { s.d.GrantUse = v })
	s.choice(col, fmt.Sprintf("The surplus (now %s tokens above a reserve of %s) goes to", tokens(v.Surplus), tokens(v.Reserve)), "",
		game.SurplusUses, s.d.Surplus, func(v string) { s.d.Surplus = v })
	c.AddChild(col)
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
	// Two tables side by side, so that the whole budget fits above the status line:
	// income and costs on the left, where the surplus went on the right.
	table := func(title string, labelWidth float64) *widget.Container {
		grid := widget.NewContainer(widget.ContainerOpts.Layout(widget.NewGridLayout(
			widget.GridLayoutOpts.Columns(1+len(budgets)), widget.GridLayoutOpts.Spacing(16, 2),
		)))
		grid.AddChild(label(title, th.Bold, render.Accent, labelWidth))
		for _, b := range budgets {
			grid.AddChild(label("a "+b.Period, th.Bold, render.Accent, 0, widget.WidgetOpts.MinSize(80, 0)))
		}
		return grid
	}
	// lines adds a block of budget lines (income or costs) and its total to grid.
	lines := func(grid *widget.Container, labelWidth float64, title string, pick func(b game.Budget) []game.BudgetLine) {
		first := pick(budgets[0])
		for i, l := range first {
			grid.AddChild(label(l.Label, th.Small, render.Ink, labelWidth))
			for _, b := range budgets {
				v := "—"
				if ls := pick(b); i < len(ls) {
					v = tokens(ls[i].Amount)
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
			grid.AddChild(label(tokens(sum), th.Bold, render.Ink, 0))
		}
	}
	const leftLabels, rightLabels, notesWidth = 340, 220, 470
	grid := table("Budget, tokens", leftLabels)
	lines(grid, leftLabels, "Income", func(b game.Budget) []game.BudgetLine { return b.Income })
	lines(grid, leftLabels, "Costs", func(b game.Budget) []game.BudgetLine { return b.Costs })
	grid.AddChild(label("Income less costs", th.Bold, render.Ink, 0))
	for _, b := range budgets {
		grid.AddChild(label(tokens(b.Net), th.Bold, render.Ink, 0))
	}
	tables := row(28)
	tables.AddChild(grid)
	right := column(12, widget.NewInsetsSimple(0))
	if len(budgets[0].Surplus) > 0 {
		sg := table("Surplus, tokens", rightLabels)
		lines(sg, rightLabels, "Surplus decided", func(b game.Budget) []game.BudgetLine { return b.Surplus })
		right.AddChild(sg)
	}
	tables.AddChild(right)
	col.AddChild(tables)
	var notes []string
	if ms := lv.Months(); len(ms) > 0 {
		p := ms[len(ms)-1]
		note := fmt.Sprintf("Month %d: %s ordered, %s sold", p.Month, plural(int(p.Customers), "unit", "units"), thousands(p.Sold))
		if p.Regulars > 0 {
			note += fmt.Sprintf(" (%s of them to your regular customers)", thousands(p.Regulars))
		}
		note += fmt.Sprintf(", %s lost, of %s you could make.", thousands(p.Lost), thousands(p.Capacity))
		notes = append(notes, note)
	}
	for _, b := range budgets {
		note := "A " + b.Period + ": " + b.Basis + "."
		if b.Runway > 0 {
			note += " At this loss the treasury lasts " + monthsOf(b.Runway) + "."
		}
		notes = append(notes, note)
	}
	right.AddChild(label(strings.Join(notes, " "), th.Small, muted, notesWidth))
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
		if card.Impact == card.Significance {
			// an event of the economy's: its significance is what happens; say only when
			col.AddChild(label(upperFirst(hitsIn(card.Hits, lv.Month))+".", th.Small, render.Ink, 1150))
		} else {
			col.AddChild(label(fmt.Sprintf("If nothing is done (%s): %s", hitsIn(card.Hits, lv.Month), card.Impact), th.Small, render.Ink, 1150))
		}
		grid := widget.NewContainer(widget.ContainerOpts.Layout(widget.NewGridLayout(
			widget.GridLayoutOpts.Columns(2), widget.GridLayoutOpts.Spacing(12, 6),
			widget.GridLayoutOpts.Stretch([]bool{false, true}, nil),
		)))
		var btns []*widget.Button
		for k, resp := range card.Responses {
			k, resp := k, resp
			cur, ok := s.d.Respond[card.ID]
			b := optionButton(th, mark(ok && cur == k)+resp.Label, 330, func() {
				if s.d.Respond == nil {
					s.d.Respond = map[string]int{}
				}
				s.d.Respond[card.ID] = k
				for j, bj := range btns {
					relabel(th, bj, mark(j == k)+card.Responses[j].Label, 330)
				}
				if card.Event > 0 {
					s.say("Chosen: " + resp.Label + ". " + resp.Advice)
				} else {
					s.say(fmt.Sprintf("Chosen: %s (%s; averts %.0f%% of the effect)", resp.Label, costWords(resp.Cost, lv.Wage), 100*resp.Mitigation))
				}
			}, widget.WidgetOpts.MinSize(360, 0))
			btns = append(btns, b)
			grid.AddChild(b)
			facts := fmt.Sprintf("%s. Costs %s; averts %.0f%% of the effect.", strings.TrimSuffix(resp.Advice, "."), costWords(resp.Cost, lv.Wage), 100*resp.Mitigation)
			if card.Event > 0 {
				// A scenario's event changes the economy itself: the response's cost and
				// effect are the engine's, said in its advice.
				facts = resp.Advice
			}
			grid.AddChild(label(facts, th.Small, render.Ink, 700,
				widget.WidgetOpts.LayoutData(widget.GridLayoutData{VerticalPosition: widget.GridLayoutPositionCenter})))
		}
		col.AddChild(grid)
	}
	var past []string
	for _, card := range lv.Cards {
		if slices.ContainsFunc(pending, func(p game.Card) bool { return p.ID == card.ID }) {
			continue
		}
		answer := "not answered"
		if card.Response >= 0 && card.Response < len(card.Responses) {
			answer = "Response: " + card.Responses[card.Response].Label
		}
		past = append(past, fmt.Sprintf("Month %d · Signal: %s → Sign: %s → Significance: %s · %s",
			card.Shown, card.Signal, card.Sign, card.Significance, answer))
	}
	if len(past) > 0 {
		col.AddChild(label("Earlier cards", th.Bold, render.Accent, 0))
		col.AddChild(textArea(th, strings.Join(past, "\n"), 1150, 120, widget.WidgetOpts.LayoutData(widget.RowLayoutData{MaxWidth: 1160, MaxHeight: 140})))
	}
	c.AddChild(col)
}

// hitsIn says in words when a card's effect starts, seen from month now.
// upperFirst returns s with its first letter upper-case (s starts with ASCII here).
func upperFirst(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

func hitsIn(hits, now int) string {
	switch d := hits - now; {
	case d < 0:
		return fmt.Sprintf("it has hit since month %d", hits)
	case d == 0:
		return fmt.Sprintf("it hits this month, month %d", hits)
	case d == 1:
		return fmt.Sprintf("it hits next month, month %d", hits)
	default:
		return fmt.Sprintf("it hits in %d months, in month %d", d, hits)
	}
}

// costWords says a one-off cost, in months of one worker's pay, in words.
func costWords(months float64, wage ledger.Amount) string {
	words := monthsWords(months)
	if months <= 0 || wage <= 0 {
		return words
	}
	return words + " (" + tokens(ledger.Scale(wage, months)) + " tokens)"
}

// monthsWords says a number of months of one worker's pay in words.
func monthsWords(months float64) string {
	const pay = " of one worker's pay"
	switch {
	case months <= 0:
		return "nothing"
	case months == 0.1:
		return "a tenth of a month" + pay
	case months == 0.2:
		return "a fifth of a month" + pay
	case months == 0.25:
		return "a quarter of a month" + pay
	case months == 0.5:
		return "half a month" + pay
	case months == 0.75:
		return "three quarters of a month" + pay
	case months == 1:
		return "a month" + pay
	case months == 1.5:
		return "a month and a half" + pay
	default:
		return strconv.FormatFloat(months, 'f', -1, 64) + " months" + pay
	}
}

func (s *livingScene) buildTrades(c *widget.Container) {
	lv := s.app.game.Living()
	th := s.app.theme
	col := column(8, widget.NewInsetsSimple(0))
	if len(lv.Proposals) == 0 {
		col.AddChild(label("No trade proposals on the Exchange Platform this turn.", th.Body, render.Ink, 1150))
	}
	grid := widget.NewContainer(widget.ContainerOpts.Layout(widget.NewGridLayout(
		widget.GridLayoutOpts.Columns(2), widget.GridLayoutOpts.Spacing(12, 8),
		widget.GridLayoutOpts.Stretch([]bool{false, true}, nil),
	)))
	for _, p := range lv.Proposals {
		p := p
		taken := slices.Contains(s.d.Accept, p.ID)
		var b *widget.Button
		b = button(tick(taken)+"Accept", func() {
			if i := slices.Index(s.d.Accept, p.ID); i >= 0 {
				s.d.Accept = slices.Delete(s.d.Accept, i, i+1)
			} else {
				s.d.Accept = append(s.d.Accept, p.ID)
			}
			on := slices.Contains(s.d.Accept, p.ID)
			b.Text().Label = tick(on) + "Accept"
			if on {
				s.say("Accepted for this turn: " + p.Partner)
			} else {
				s.say("Declined: " + p.Partner)
			}
		}, widget.WidgetOpts.MinSize(140, 0))
		grid.AddChild(b)
		grid.AddChild(label(p.Text, th.Body, render.Ink, 1000,
			widget.WidgetOpts.LayoutData(widget.GridLayoutData{VerticalPosition: widget.GridLayoutPositionCenter})))
	}
	col.AddChild(grid)
	c.AddChild(col)
}

func (s *livingScene) buildLessons(c *widget.Container) {
	g := s.app.game
	lv := g.Living()
	th := s.app.theme
	col := column(8, widget.NewInsetsSimple(0))
	if lv.Failed {
		col.AddChild(label("× The co-op has failed. A failure is a lesson, not a loss: read what happened, then start the living co-op again.", th.Bold, render.Fail, 1150))
		s.restart = button("Start the living co-op again", func() {
			if err := g.Restart(); err != nil {
				s.refuse(err)
				return
			}
			s.app.saveErr = s.app.autosave()
			s.app.GoTo(s.app.livingScene(tabDecisions))
		})
		col.AddChild(s.restart)
	}
	lessons := g.Lessons()
	if len(lessons) == 0 {
		col.AddChild(label("No lessons yet. When something fails, what happened, why, and what to try are written up here.", th.Body, render.Ink, 1150))
		c.AddChild(col)
		return
	}
	// Each lesson is a bold heading over its three paragraphs, newest first.
	list := column(4, &widget.Insets{Left: 8, Right: 8, Top: 4, Bottom: 8})
	const w = 1150
	for i := len(lessons) - 1; i >= 0; i-- {
		l := lessons[i]
		when := ""
		if l.Month > 0 {
			when = fmt.Sprintf(" (month %d)", l.Month)
		}
		if i < len(lessons)-1 {
			list.AddChild(widget.NewContainer(widget.ContainerOpts.WidgetOpts(widget.WidgetOpts.MinSize(1, 8))))
		}
		list.AddChild(label(l.Title+when, th.Bold, render.Accent, w-textAreaChrome))
		body := column(2, &widget.Insets{Left: 20})
		for _, p := range [][2]string{{"What happened: ", l.What}, {"Why: ", l.Why}, {"What to try: ", l.Try}} {
			body.AddChild(label(p[0]+p[1], th.Body, render.Ink, w-textAreaChrome-20))
		}
		list.AddChild(body)
	}
	// The panel fits the tab's 440 pixels above the two-line status line; after a
	// failure the notice and the restart button take 100 of them.
	h := 420
	if lv.Failed {
		h = 320
	}
	col.AddChild(scrollPanel(th, list, w, h, widget.WidgetOpts.LayoutData(widget.RowLayoutData{MaxWidth: w + 20, MaxHeight: h})))
	c.AddChild(col)
}

func (s *livingScene) Update(in Input) error     { return s.update(in) }
func (s *livingScene) Draw(screen *ebiten.Image) { s.draw(screen) }
func (s *livingScene) Help() (heading, body string) {
	return "Living Co-op", `Run your co-op turn by turn in the simulated economy. Nothing here is a score: a failure is written up as a lesson.

Decisions: set the price, pay, workers, marketing and how much of what you can make you list on the Exchange Platform, beside what you can make, the going price and its spread, your competitors, input costs, pay and the money; ask the Foundation for an apprentice or its start-up funding. Hiring and letting go cost what is said beside Workers. A number the game cannot accept is explained on the line above the buttons.
Choices: the turn's focus, what grant tokens go to, and what the surplus above the reserve goes to.

Budget: the last turn's income and costs, at that rate per week, per month and per year.
Charts: sales, treasury, grant tokens, members and customers, turn by turn.
Horizon cards: each change arrives as Signal → Sign → Significance; choose a response (marked ●) before the next turn.
Trades: proposals from other co-ops on the Exchange Platform; tick (■) the ones to accept this turn.
Lessons: what went wrong, why, and what to try.

Press the "Play month" button to play the turn; the game saves after every turn. Go on to Export when you are ready to carry the set-up over to a real co-op.`
}
