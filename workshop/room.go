package workshop

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/scenarios"
	"github.com/copex/copex/sim"
)

// Options set up a room. The zero value of each field is its default.
type Options struct {
	// Seed is the run's seed (nil: the scenario's).
	Seed *uint64
	// Workers is the goroutines the engine may use (0: GOMAXPROCS); results do not
	// depend on it.
	Workers int
	// Journal receives the action journal, a JSON line per record (nil: none kept).
	Journal io.Writer
	// Rand is the source of the room code, the facilitator's key and the
	// participants' tokens (nil: crypto/rand).
	Rand io.Reader
	// Speed is the ticks a second while playing at the start (0: 4; a negative
	// value: as fast as the engine steps).
	Speed float64
	// AwayAfter is how long a participant's page may be gone before the default rule
	// runs their co-op (0: 15 s).
	AwayAfter time.Duration
	// Founders is the workers a participant's co-op is founded with (0: 5).
	Founders int
	// JoinBase is the address participants reach the server at, ending in "/"
	// (the join link is JoinBase + "join/" + code); empty: the page's own address.
	JoinBase string
	// Rate and Burst bound a participant's actions: Rate a second on average, Burst
	// at once (0: 20 and 40).
	Rate, Burst float64
}

// Room is a live workshop: one economy stepped between the facilitator's and the
// participants' actions, their journal, and the streams that show it. Its methods
// are safe for concurrent use.
type Room struct {
	opts Options
	code string // the room code participants join with
	key  string // the facilitator's key

	stepMu sync.Mutex // held while the model is stepped or changed: only one goroutine touches it

	mu       sync.Mutex // guards everything below
	eng      *engine
	journal  *journalWriter
	pending  []Record
	people   []*Participant
	byToken  map[string]*Participant
	params   []ParamView
	playing  bool
	frozen   bool // participants' actions refused (the facilitator paused everyone)
	speed    float64
	ended    bool
	endedCh  chan struct{}
	subs     map[*sub]struct{}
	dirty    map[int]bool // participants whose rows changed since the last flush
	wake     chan struct{}
	stepping bool
	failed   error

	facilitators int // the facilitator's open streams
}

// ParamView is a mid-run parameter as the facilitator's page shows it.
type ParamView struct {
	Name  string  `json:"name"`
	Doc   string  `json:"doc"`
	Min   float64 `json:"min"`
	Max   float64 `json:"max"`
	Value float64 `json:"value"`
}

// Participant is one person running a co-op in the room.
type Participant struct {
	ID       int
	Name     string
	token    string
	Sector   int
	Locality int
	Coop     int // -1 until founded
	Err      string
	Seq      int64 // the last action accepted (the page numbers its actions)
	Price    float64
	Wage     float64
	Target   float64
	Use      string  // grant use chosen (a GrantUses name; "": the scenario's)
	Funded   float64 // start-up funding the Foundation paid their co-op (tokens)
	Bought   float64 // tokens of goods bought from other co-ops (before the levy)
	Trades   []Trade // purchases, refused ones too, in order
	View     CoopView
	Market   SectorView
	Away     bool
	online   int
	seen     time.Time
	tokens   float64
	tokensAt time.Time
	history  []Point
}

// Trade is a participant's purchase from another co-op: up to Asked tokens from Seller
// (a participant's name, or "a simulated SECTOR co-op") before tick Tick+1; Bought is
// what it bought (before the levy), Err why it was refused.
type Trade struct {
	Tick   int     `json:"tick"`
	Seller string  `json:"seller"`
	Coop   int     `json:"coop"`
	Asked  float64 `json:"asked"`
	Bought float64 `json:"bought"`
	Err    string  `json:"err,omitempty"`
}

// Point is a participant's co-op after one tick, for the debrief.
type Point struct {
	Tick     int     `json:"tick"`
	Price    float64 `json:"price"`
	Workers  int     `json:"workers"`
	Sold     float64 `json:"sold"`
	Treasury float64 `json:"treasury"`
	Alive    bool    `json:"alive"`
}

// Errors a room's callers tell apart (the server maps them to statuses).
var (
	ErrForbidden = errors.New("not yours to act on")
	ErrFrozen    = errors.New("the facilitator has paused everyone")
	ErrEnded     = errors.New("the round has ended")
	ErrRate      = errors.New("too many actions: slow down")
	ErrBad       = errors.New("bad action")
)

// New opens a room for sc.
func New(sc *scenarios.Scenario, opts Options) (*Room, error) {
	if opts.Rand == nil {
		opts.Rand = rand.Reader
	}
	if opts.Speed == 0 {
		opts.Speed = 4
	}
	if opts.AwayAfter == 0 {
		opts.AwayAfter = 15 * time.Second
	}
	if opts.Founders == 0 {
		opts.Founders = 5
	}
	if opts.Founders < foundingMin || opts.Founders > foundingMax {
		return nil, fmt.Errorf("founders: %d, want %d to %d", opts.Founders, foundingMin, foundingMax)
	}
	if opts.Rate == 0 {
		opts.Rate = 20
	}
	if opts.Burst == 0 {
		opts.Burst = 40
	}
	seed := sc.Config.Seed
	if opts.Seed != nil {
		seed = *opts.Seed
	}
	code, err := randomCode(opts.Rand)
	if err != nil {
		return nil, err
	}
	key, err := randomToken(opts.Rand)
	if err != nil {
		return nil, err
	}
	eng, err := newEngine(sc, seed, opts.Workers)
	if err != nil {
		return nil, err
	}
	y, err := sc.YAML()
	if err != nil {
		return nil, err
	}
	r := &Room{opts: opts, code: code, key: key, eng: eng, journal: newJournalWriter(opts.Journal),
		byToken: map[string]*Participant{}, speed: opts.Speed, endedCh: make(chan struct{}),
		subs: map[*sub]struct{}{}, dirty: map[int]bool{}, wake: make(chan struct{}, 1)}
	r.journal.write(&Record{Kind: KindRoom, Version: journalVersion, Scenario: sc.Name, Source: sc.Source,
		Sets: sc.Sets, YAML: string(y), Seed: seed, Code: code})
	if r.journal != nil && r.journal.err != nil {
		return nil, fmt.Errorf("journal: %w", r.journal.err)
	}
	r.readParams()
	return r, nil
}

// codeBytes is the room code's randomness: 80 bits, so that guessing it at a
// million tries a second for a day (8.6e10 tries) succeeds with probability
// 8.6e10/2^80 < 1e-13.
const codeBytes = 10

// randomCode returns a room code: codeBytes from src in base32 (16 letters and digits,
// no padding), easy to read out and type.
func randomCode(src io.Reader) (string, error) {
	b := make([]byte, codeBytes)
	if _, err := io.ReadFull(src, b); err != nil {
		return "", fmt.Errorf("room code: %w", err)
	}
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b), nil
}

// randomToken returns 128 bits from src in hex: a facilitator key or a participant's
// token.
func randomToken(src io.Reader) (string, error) {
	b := make([]byte, 16)
	if _, err := io.ReadFull(src, b); err != nil {
		return "", fmt.Errorf("token: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// Code returns the room code.
func (r *Room) Code() string { return r.code }

// Key returns the facilitator's key.
func (r *Room) Key() string { return r.key }

// JoinURL returns the link participants join with ("/join/CODE" on the page's own
// address when Options.JoinBase is empty).
func (r *Room) JoinURL() string {
	base := r.opts.JoinBase
	if base == "" {
		base = "/"
	}
	return base + "join/" + r.code
}

// Ended is closed when the facilitator ends the round.
func (r *Room) Ended() <-chan struct{} { return r.endedCh }

// CSV returns the run's metrics.csv so far: what copex run writes for the same
// scenario, seed and mid-run changes.
func (r *Room) CSV() []byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]byte(nil), r.eng.csv...)
}

// Tick returns the ticks stepped.
func (r *Room) Tick() int {
	r.stepMu.Lock()
	defer r.stepMu.Unlock()
	return r.eng.ticks()
}

// readParams caches the mid-run parameters' values (with stepMu held, or before the
// room is shared).
func (r *Room) readParams() {
	ps := r.eng.run.Params()
	out := make([]ParamView, len(ps))
	for i, p := range ps {
		out[i] = ParamView{Name: p.Name, Doc: p.Doc, Min: p.Min, Max: p.Max, Value: p.Get()}
	}
	r.params = out
}

// Facilitate queues a facilitator's action: a parameter (KindSet), a giveaway
// (KindGiveaway: Value tokens to the first Share of the members), play, pause (Value
// 1: participants too), speed (Value: ticks a second, 0 as fast as it goes), step,
// reset or end. Parameters and giveaways are checked against their bounds now;
// everything that changes the run applies between ticks, in the order given.
func (r *Room) Facilitate(rec Record) error {
	rec = Record{Kind: rec.Kind, Name: rec.Name, Value: rec.Value, Share: rec.Share}
	if rec.Kind == "step" {
		_, err := r.Step()
		return err
	}
	if err := checkRecord(&rec, false); err != nil {
		return fmt.Errorf("%w: %s", ErrBad, err)
	}
	r.mu.Lock()
	if r.ended && rec.Kind != KindPause {
		r.mu.Unlock()
		return ErrEnded
	}
	switch rec.Kind {
	case KindSet:
		var found *ParamView
		for i := range r.params {
			if r.params[i].Name == rec.Name {
				found = &r.params[i]
			}
		}
		if found == nil {
			r.mu.Unlock()
			return fmt.Errorf("%w: %q is not a parameter that may change during this run", ErrBad, rec.Name)
		}
		if !(rec.Value >= found.Min && rec.Value <= found.Max) {
			r.mu.Unlock()
			return fmt.Errorf("%w: %s: %g is outside [%g, %g]", ErrBad, rec.Name, rec.Value, found.Min, found.Max)
		}
		r.pending = append(r.pending, rec)
	case KindGiveaway:
		if err := checkGiveaway(rec.Value, rec.Share); err != nil {
			r.mu.Unlock()
			return fmt.Errorf("%w: %v", ErrBad, err)
		}
		if _, ok := r.eng.model.(*agents.Economy); !ok {
			r.mu.Unlock()
			return fmt.Errorf("%w: %v", ErrBad, errNoGiveaway)
		}
		r.pending = append(r.pending, rec)
	case KindPlay:
		r.playing, r.frozen = true, false
		r.record(rec)
	case KindPause:
		r.playing, r.frozen = false, rec.Value == 1
		r.record(rec)
	case KindSpeed:
		if !(rec.Value >= 0 && rec.Value <= 1000) {
			r.mu.Unlock()
			return fmt.Errorf("%w: speed %g ticks a second, want 0 (as fast as it goes) to 1000", ErrBad, rec.Value)
		}
		r.speed = rec.Value
		if rec.Value == 0 {
			r.speed = -1
		}
		r.record(rec)
	case KindReset:
		if rec.Name != "" {
			if _, err := rescenario(r.eng.sc, rec.Name); err != nil {
				r.mu.Unlock()
				return fmt.Errorf("%w: %v", ErrBad, err)
			}
		}
		r.pending = append(r.pending, rec)
	case KindEnd:
		r.pending = append(r.pending, rec)
	default:
		r.mu.Unlock()
		return fmt.Errorf("%w: kind: %q is not a facilitator's action", ErrBad, rec.Kind)
	}
	r.broadcastState()
	r.mu.Unlock()
	r.poke()
	r.settle()
	return nil
}

// record journals an action that applies at once (with mu held).
func (r *Room) record(rec Record) {
	rec.Tick = r.eng.ticks()
	r.journalLocked(&rec)
}

// journalLocked journals rec (with mu held). A journal that cannot be written stops
// the run: a workshop that could not be replayed must not go on as if it could.
func (r *Room) journalLocked(rec *Record) {
	r.journal.write(rec)
	if r.journal != nil && r.journal.err != nil && r.failed == nil {
		r.failed, r.playing = fmt.Errorf("journal: %w", r.journal.err), false
	}
}

// Join seats a new participant called name; their co-op (in sector, or one chosen
// for them when sector is negative) is founded between ticks. It returns their token.
func (r *Room) Join(code, name string, sector int) (*Participant, error) {
	if code != r.code {
		return nil, ErrForbidden
	}
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 40 || strings.ContainsFunc(name, func(c rune) bool { return c < ' ' || c == 0x7f }) {
		return nil, fmt.Errorf("%w: name: give 1 to 40 printable characters", ErrBad)
	}
	tok, err := randomToken(r.opts.Rand)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	if r.ended {
		r.mu.Unlock()
		return nil, ErrEnded
	}
	if r.eng.coops == nil {
		r.mu.Unlock()
		return nil, fmt.Errorf("%w: %v", ErrBad, errNoCoops)
	}
	if len(r.people) >= maxPeople {
		r.mu.Unlock()
		return nil, fmt.Errorf("%w: the room is full (%d participants)", ErrBad, maxPeople)
	}
	nsec, nloc := len(r.eng.coops.Sectors()), r.eng.coops.Localities()
	id := len(r.people) + 1
	if sector < 0 {
		sector = (id - 1) % nsec
	}
	if sector >= nsec {
		r.mu.Unlock()
		return nil, fmt.Errorf("%w: sector: %d, there are %d", ErrBad, sector, nsec)
	}
	p := &Participant{ID: id, Name: name, token: tok, Sector: sector, Locality: (id - 1) % nloc, Coop: -1,
		seen: time.Now(), tokens: r.opts.Burst, tokensAt: time.Now()}
	r.people = append(r.people, p)
	r.byToken[tok] = p
	r.pending = append(r.pending, r.joinRecord(p))
	r.dirty[p.ID] = true
	r.mu.Unlock()
	r.settle()
	return p, nil
}

// maxPeople bounds a room's participants.
const maxPeople = 1000

func (r *Room) joinRecord(p *Participant) Record {
	return Record{Kind: KindJoin, Who: p.ID, Name: p.Name, Sector: p.Sector, Locality: p.Locality, N: r.opts.Founders}
}

// Token returns participant p's token (for their link).
func (p *Participant) Token() string { return p.token }

// Action is a participant's action on their co-op.
type Action struct {
	Kind  string  // KindPrice, KindWage, KindTarget, KindHire, KindRelease or KindGrantUse
	Value float64 // the price, wage or target
	N     int     // workers to hire or release
	Use   string  // the grant use (KindGrantUse): a GrantUses name
	// Seller is whom a purchase (KindBuy, Value tokens) buys from: another participant
	// (their number), or 0 for a simulated co-op of sector Sector (the cheapest at the
	// buyer's locality, else anywhere).
	Seller int
	Sector int
	Coop   int   // when not -1, the co-op acted on, which must be theirs
	Seq    int64 // the page's number for the action, echoed to the facilitator
}

// Act queues participant token's action on their own co-op.
func (r *Room) Act(token string, a Action) error {
	if err := checkAction(a); err != nil {
		return fmt.Errorf("%w: %v", ErrBad, err)
	}
	kind, value, seq := a.Kind, a.Value, a.Seq
	r.mu.Lock()
	p := r.byToken[token]
	switch {
	case p == nil:
		r.mu.Unlock()
		return ErrForbidden
	case a.Coop != -1 && a.Coop != p.Coop:
		r.mu.Unlock()
		return ErrForbidden
	case r.ended:
		r.mu.Unlock()
		return ErrEnded
	case r.frozen:
		r.mu.Unlock()
		return ErrFrozen
	}
	now := time.Now()
	p.tokens = min(r.opts.Burst, p.tokens+now.Sub(p.tokensAt).Seconds()*r.opts.Rate)
	p.tokensAt = now
	if p.tokens < 1 {
		r.mu.Unlock()
		return ErrRate
	}
	p.tokens--
	p.seen = now
	switch kind {
	case KindPrice:
		p.Price = value
	case KindWage:
		p.Wage = value
	case KindTarget:
		p.Target = value
	case KindGrantUse:
		p.Use = a.Use
	}
	p.Seq = max(p.Seq, seq)
	r.pending = append(r.pending, Record{Kind: kind, Who: p.ID, Value: value, N: a.N, Use: a.Use, Seller: a.Seller, Sector: a.Sector})
	r.dirty[p.ID] = true
	r.mu.Unlock()
	r.settle()
	return nil
}

// settle applies the pending actions now if no tick is being stepped (between ticks
// is any time the model is not stepping); otherwise the step applies them before its
// tick.
func (r *Room) settle() {
	if !r.stepMu.TryLock() {
		return
	}
	defer r.stepMu.Unlock()
	r.applyPending()
}

// applyPending applies the queued actions in order and journals them (stepMu held).
func (r *Room) applyPending() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.pending) == 0 {
		return
	}
	pend := r.pending
	r.pending = nil
	// what the actions changed, to be sent once after them all
	var params, state bool
	touched := map[int]bool{}
	for i := 0; i < len(pend); i++ {
		rec := pend[i]
		rec.Tick = r.eng.ticks()
		err := r.eng.apply(&rec)
		if err != nil {
			rec.Err = err.Error()
		}
		r.journalLocked(&rec)
		switch rec.Kind {
		case KindReset:
			// the participants' co-ops are founded afresh in the new run
			for _, p := range r.people {
				p.Coop, p.Price, p.Wage, p.Target, p.Use, p.Away, p.history = -1, 0, 0, 0, "", false, nil
				p.Funded, p.Bought, p.Trades = 0, 0, nil
				pend = append(pend, r.joinRecord(p))
			}
			params, state = true, true
			r.broadcast("reset", r.helloLocked())
		case KindEnd:
			r.ended, r.playing = true, false
			close(r.endedCh)
			state = true
		case KindJoin:
			if p := r.person(rec.Who); p != nil {
				p.Coop, p.Err, p.Funded = rec.Coop, rec.Err, rec.Funded
				if err == nil {
					p.Market = r.eng.coops.Sector(p.Sector, p.Locality)
				} else {
					p.Coop = -1
				}
			}
		case KindBuy:
			if p := r.person(rec.Who); p != nil {
				t := Trade{Tick: rec.Tick, Coop: -1, Asked: rec.Value, Bought: rec.Bought, Err: rec.Err}
				if err == nil {
					t.Coop = rec.Coop
				}
				if q := r.person(rec.Seller); q != nil {
					t.Seller = q.Name
					touched[q.ID] = true // the seller's treasury and offer changed
				} else if names := sectorNames(r.eng.sc); rec.Seller == 0 && rec.Sector >= 0 && rec.Sector < len(names) {
					t.Seller = "a simulated " + names[rec.Sector] + " co-op"
				} else {
					t.Seller = fmt.Sprintf("participant %d", rec.Seller)
				}
				p.Bought += rec.Bought
				p.Trades = append(p.Trades, t)
			}
		case KindSet, KindGiveaway:
			params = params || rec.Kind == KindSet
			if err == nil {
				r.broadcast("mark", r.eng.marks[len(r.eng.marks)-1])
			}
		}
		if err != nil && rec.Who == 0 {
			// refused between ticks (checked as it arrived, but the run had moved on):
			// the facilitator's page says why
			r.broadcastTo(0, "refused", refusedEvent{Kind: rec.Kind, Err: rec.Err})
		}
		if rec.Who > 0 {
			touched[rec.Who] = true
		}
	}
	if params {
		r.readParams()
		r.broadcast("params", r.params)
	}
	if state {
		r.broadcastState()
		for _, p := range r.people {
			touched[p.ID] = true
		}
	}
	for id := range touched {
		if p := r.person(id); p != nil {
			if p.Coop >= 0 {
				p.View = r.eng.coops.Coop(p.Coop)
			}
			r.dirty[p.ID] = true
			r.sendPerson(p)
		}
	}
}

func (r *Room) person(id int) *Participant {
	if id < 1 || id > len(r.people) {
		return nil
	}
	return r.people[id-1]
}

// Step applies the pending actions and steps one tick. It returns false when the run
// has ended (its last tick, or the facilitator ended the round).
func (r *Room) Step() (bool, error) {
	r.stepMu.Lock()
	defer r.stepMu.Unlock()
	r.applyPending()
	r.mu.Lock()
	if r.failed != nil {
		r.mu.Unlock()
		return false, r.failed
	}
	if r.eng.done() {
		r.playing = false
		r.broadcastState()
		r.mu.Unlock()
		return false, nil
	}
	r.mu.Unlock()
	// the model is stepped outside mu: pages and participants' actions go on meanwhile
	m, err := r.eng.next()
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		if errors.Is(err, sim.ErrDone) {
			return false, nil
		}
		r.failed, r.playing = err, false
		r.broadcastState()
		return false, err
	}
	line := r.eng.appendRow(m)
	r.journalLocked(&Record{Kind: KindTick, Tick: m.Tick})
	r.readParams()
	r.broadcast("row", rowEvent{Tick: m.Tick, Line: string(line[:len(line)-1])})
	markets := map[[2]int]SectorView{} // a market read once a tick for all who share it
	for _, p := range r.people {
		if p.Coop < 0 {
			continue
		}
		p.View = r.eng.coops.Coop(p.Coop)
		k := [2]int{p.Sector, p.Locality}
		mk, ok := markets[k]
		if !ok {
			mk = r.eng.coops.Sector(p.Sector, p.Locality)
			markets[k] = mk
		}
		p.Market = mk
		p.history = append(p.history, Point{Tick: m.Tick, Price: p.View.Price, Workers: p.View.Workers,
			Sold: p.View.Sold, Treasury: p.View.Treasury, Alive: p.View.Alive})
		r.dirty[p.ID] = true
		r.sendPerson(p)
	}
	if len(r.people) > 0 {
		ev := coopsEvent{Tick: m.Tick, Treasury: make([]*float64, len(r.people))}
		for i, p := range r.people {
			if p.Coop >= 0 {
				ev.Treasury[i] = &p.View.Treasury
			}
		}
		r.broadcast("coops", ev)
	}
	if r.eng.done() {
		r.playing = false
	}
	r.broadcastState()
	return !r.eng.done(), nil
}

// refusedEvent is a facilitator's action the run refused when it came to apply it.
type refusedEvent struct {
	Kind string `json:"kind"`
	Err  string `json:"err"`
}

// coopsEvent is the participants' co-ops after a tick, for the facilitator's chart of
// them: their treasuries, in the order they joined.
type coopsEvent struct {
	Tick     int        `json:"tick"`
	Treasury []*float64 `json:"treasury"` // null: no co-op that tick
}

type rowEvent struct {
	Tick int    `json:"tick"`
	Line string `json:"line"`
}

// Run plays the room until ctx ends: a tick whenever it is playing, at its speed; it
// also hands co-ops of participants whose pages have gone to the default rule. It
// returns ctx's error, or the run's if a tick fails.
func (r *Room) Run(ctx context.Context) error {
	// the facilitator's table is flushed on its own clock, not between ticks, so that a
	// long tick does not hold participants' actions back from it
	flushed := make(chan struct{})
	go func() {
		defer close(flushed)
		tk := time.NewTicker(flushEvery)
		defer tk.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tk.C:
				r.flush()
			}
		}
	}()
	defer func() { <-flushed }()
	var next time.Time
	for {
		r.mu.Lock()
		playing, speed := r.playing && !r.eng.done(), r.speed
		r.mu.Unlock()
		var due <-chan time.Time
		if playing {
			wait := time.Until(next)
			if speed < 0 || wait <= 0 {
				if _, err := r.Step(); err != nil {
					return err
				}
				now := time.Now()
				if speed > 0 {
					if next.IsZero() || now.Sub(next) > time.Second {
						next = now
					}
					next = next.Add(time.Duration(float64(time.Second) / speed))
				}
				if ctx.Err() != nil {
					return ctx.Err()
				}
				continue
			}
			due = time.After(wait)
		} else {
			next = time.Time{}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-r.wake:
		case <-due:
		}
	}
}

// flushEvery is how often the facilitator's table is sent the rows that changed (and
// absent participants are looked for): the most an action waits to be shown.
const flushEvery = 40 * time.Millisecond

func (r *Room) poke() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// flush sends the facilitator the participants' rows that changed, and queues the
// default rule for those whose pages have been gone AwayAfter.
func (r *Room) flush() {
	r.mu.Lock()
	now := time.Now()
	queued := false
	for _, p := range r.people {
		if p.Coop >= 0 && !p.Away && p.online == 0 && now.Sub(p.seen) > r.opts.AwayAfter && !r.ended {
			p.Away = true
			r.pending = append(r.pending, Record{Kind: KindAway, Who: p.ID})
			r.dirty[p.ID] = true
			queued = true
		}
	}
	if len(r.dirty) > 0 {
		rows := make([]personRow, 0, len(r.dirty))
		for _, p := range r.people {
			if r.dirty[p.ID] {
				rows = append(rows, p.row())
			}
		}
		clear(r.dirty)
		r.broadcastTo(0, "people", rows)
	}
	r.mu.Unlock()
	if queued {
		r.settle()
	}
}

// personRow is a participant's row in the facilitator's table.
type personRow struct {
	ID     int     `json:"id"`
	Name   string  `json:"name"`
	Sector string  `json:"sector"`
	Coop   int     `json:"coop"`
	Err    string  `json:"err,omitempty"`
	Seq    int64   `json:"seq"`
	Price  float64 `json:"price"`
	Wage   float64 `json:"wage"`
	Target float64 `json:"target"`
	Use    string  `json:"use"`
	Bought float64 `json:"bought"` // tokens bought from other co-ops
	Away   bool    `json:"away"`
	Online bool    `json:"online"`
	View   CoopView
}

func (p *Participant) row() personRow {
	return personRow{ID: p.ID, Name: p.Name, Sector: fmt.Sprint(p.Sector), Coop: p.Coop, Err: p.Err, Seq: p.Seq,
		Price: p.Price, Wage: p.Wage, Target: p.Target, Use: p.Use, Bought: p.Bought, Away: p.Away, Online: p.online > 0, View: p.View}
}

// stateEvent is the room's state as every page shows it.
type stateEvent struct {
	Tick    int     `json:"tick"`
	Ticks   int     `json:"ticks"`
	Playing bool    `json:"playing"`
	Frozen  bool    `json:"frozen"`
	Speed   float64 `json:"speed"`
	Ended   bool    `json:"ended"`
	Done    bool    `json:"done"`
	Failed  string  `json:"failed,omitempty"`
	People  int     `json:"people"`
}

func (r *Room) stateLocked() stateEvent {
	s := stateEvent{Tick: r.eng.ticks(), Ticks: r.eng.run.Ticks(), Playing: r.playing, Frozen: r.frozen,
		Speed: r.speed, Ended: r.ended, Done: r.eng.done(), People: len(r.people)}
	if r.failed != nil {
		s.Failed = r.failed.Error()
	}
	return s
}

func (r *Room) broadcastState() { r.broadcast("state", r.stateLocked()) }

// helloEvent is what a facilitator's page starts from: the run so far.
type helloEvent struct {
	Scenario string       `json:"scenario"`
	Code     string       `json:"code"`
	Join     string       `json:"join"`
	Formula  string       `json:"formula"`  // the grant formula (fixed until a reset changes it)
	Formulas []string     `json:"formulas"` // those a reset may change it to
	Sectors  []string     `json:"sectors"`
	CSV      string       `json:"csv"`
	Marks    []Mark       `json:"marks"`
	Params   []ParamView  `json:"params"`
	State    stateEvent   `json:"state"`
	People   []personRow  `json:"people"`
	Coops    []coopsEvent `json:"coops"`
}

func (r *Room) helloLocked() helloEvent {
	h := helloEvent{Scenario: r.eng.sc.Name, Code: r.code, Join: r.JoinURL(), Formula: r.eng.sc.Config.Issuance.Formula, Formulas: Restartable["issuance.formula"], Sectors: sectorNames(r.eng.sc), CSV: string(r.eng.csv),
		Marks: append([]Mark{}, r.eng.marks...), Params: r.params, State: r.stateLocked(), People: []personRow{}}
	for _, p := range r.people {
		h.People = append(h.People, p.row())
	}
	// the participants' co-ops so far, tick by tick, from their histories
	h.Coops = []coopsEvent{}
	if len(r.people) > 0 {
		for t := 1; t <= r.eng.ticks(); t++ {
			h.Coops = append(h.Coops, coopsEvent{Tick: t, Treasury: make([]*float64, len(r.people))})
		}
		for i, p := range r.people {
			for k := range p.history {
				pt := &p.history[k]
				if pt.Tick >= 1 && pt.Tick <= len(h.Coops) {
					h.Coops[pt.Tick-1].Treasury[i] = &pt.Treasury
				}
			}
		}
	}
	return h
}

// participantEvent is what a participant's page shows.
type participantEvent struct {
	ID       int        `json:"id"`
	Name     string     `json:"name"`
	Sector   string     `json:"sector"`
	Locality int        `json:"locality"`
	Coop     int        `json:"coop"`
	Err      string     `json:"err,omitempty"`
	Seq      int64      `json:"seq"`
	Price    float64    `json:"price"`
	Wage     float64    `json:"wage"`
	Target   float64    `json:"target"`
	Use      string     `json:"use"`               // grant use chosen ("": the scenario's)
	Uses     []GrantUse `json:"uses,omitempty"`    // the grant uses to choose from (in a stream's first event)
	Sectors  []string   `json:"sectors,omitempty"` // the sectors simulated sellers are of (in a stream's first event)
	Funded   float64    `json:"funded"`            // the co-op's start-up funding
	Bought   float64    `json:"bought"`            // tokens bought from other co-ops
	Trade    *Trade     `json:"trade,omitempty"`   // the last purchase
	Away     bool       `json:"away"`
	View     CoopView   `json:"view"`
	Market   SectorView `json:"market"`
	State    stateEvent `json:"state"`
}

func (r *Room) personLocked(p *Participant) participantEvent {
	names := sectorNames(r.eng.sc)
	sec := fmt.Sprint(p.Sector)
	if p.Sector < len(names) {
		sec = names[p.Sector]
	}
	return participantEvent{ID: p.ID, Name: p.Name, Sector: sec, Locality: p.Locality, Coop: p.Coop, Err: p.Err,
		Seq: p.Seq, Price: p.Price, Wage: p.Wage, Target: p.Target, Use: p.Use, Away: p.Away, View: p.View, Market: p.Market,
		Funded: p.Funded, Bought: p.Bought, Trade: p.lastTrade(), State: r.stateLocked()}
}

func (p *Participant) lastTrade() *Trade {
	if len(p.Trades) == 0 {
		return nil
	}
	t := p.Trades[len(p.Trades)-1]
	return &t
}

func (r *Room) sendPerson(p *Participant) { r.broadcastTo(p.ID, "coop", r.personLocked(p)) }

// Debrief is what the round's end shows: each participant's co-op tick by tick, and
// the economy's main figures.
type Debrief struct {
	Scenario string          `json:"scenario"`
	Ticks    int             `json:"ticks"`
	People   []DebriefPerson `json:"people"`
	CSV      string          `json:"csv"`
	Marks    []Mark          `json:"marks"`
}

// DebriefPerson is one participant's co-op over the round.
type DebriefPerson struct {
	ID      int     `json:"id"`
	Name    string  `json:"name"`
	Sector  string  `json:"sector"`
	Coop    int     `json:"coop"`
	Away    bool    `json:"away"`
	Use     string  `json:"use,omitempty"` // the grant use last chosen ("": the scenario's)
	Funded  float64 `json:"funded"`        // start-up funding
	Trades  []Trade `json:"trades"`        // purchases from other co-ops, refused ones too
	History []Point `json:"history"`
}

// Debrief returns the round so far.
func (r *Room) Debrief() Debrief {
	r.mu.Lock()
	defer r.mu.Unlock()
	names := sectorNames(r.eng.sc)
	d := Debrief{Scenario: r.eng.sc.Name, Ticks: r.eng.ticks(), CSV: string(r.eng.csv), Marks: append([]Mark{}, r.eng.marks...)}
	for _, p := range r.people {
		sec := fmt.Sprint(p.Sector)
		if p.Sector < len(names) {
			sec = names[p.Sector]
		}
		d.People = append(d.People, DebriefPerson{ID: p.ID, Name: p.Name, Sector: sec, Coop: p.Coop, Away: p.Away, Use: p.Use,
			Funded: p.Funded, Trades: append([]Trade{}, p.Trades...), History: append([]Point{}, p.history...)})
	}
	return d
}

// sub is one page's event stream: who is 0 for the facilitator, else a participant.
type sub struct {
	who  int
	ch   chan []byte
	gone chan struct{}
}

// Streams a page may hold open: a participant's (a phone and a laptop, a tab or two)
// and the facilitator's pages (the projector, a laptop, a few more).
const (
	maxStreams            = 4
	maxFacilitatorStreams = 16
)

// subBuffer is the events a stream may fall behind by before it is closed (its page
// reconnects and starts again from the room's state).
const subBuffer = 512

// broadcast sends an event to the facilitator's pages (with mu held); "state" and
// "reset" go to every page.
func (r *Room) broadcast(event string, v any) {
	r.broadcastTo(0, event, v)
	if event == "state" || event == "reset" {
		for s := range r.subs {
			if s.who != 0 {
				send(r, s, frame("state", r.stateLocked()))
			}
		}
	}
}

// broadcastTo sends an event to the pages of who (0: the facilitator's).
func (r *Room) broadcastTo(who int, event string, v any) {
	var f []byte
	for s := range r.subs {
		if s.who != who {
			continue
		}
		if f == nil {
			f = frame(event, v)
		}
		send(r, s, f)
	}
}

func send(r *Room, s *sub, f []byte) {
	select {
	case s.ch <- f:
	default:
		// too far behind: close the stream; its page reconnects
		delete(r.subs, s)
		close(s.gone)
	}
}

// frame encodes a server-sent event.
func frame(event string, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		// Every event is a plain struct of numbers, strings and slices of them.
		panic(fmt.Sprintf("workshop: encoding %s: %v", event, err))
	}
	out := make([]byte, 0, len(b)+len(event)+16)
	out = append(out, "event: "...)
	out = append(out, event...)
	out = append(out, "\ndata: "...)
	out = append(out, b...)
	return append(out, "\n\n"...)
}

// subscribe opens a stream for who (0: the facilitator; else a participant, by
// token) and returns its first event.
func (r *Room) subscribe(token string) (*sub, []byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := &sub{ch: make(chan []byte, subBuffer), gone: make(chan struct{})}
	var first []byte
	if token == "" {
		if r.facilitators >= maxFacilitatorStreams {
			return nil, nil, ErrRate
		}
		r.facilitators++
		first = frame("hello", r.helloLocked())
	} else {
		p := r.byToken[token]
		if p == nil {
			return nil, nil, ErrForbidden
		}
		if p.online >= maxStreams {
			return nil, nil, ErrRate
		}
		s.who = p.ID
		p.online++
		p.seen = time.Now()
		if p.Away {
			p.Away = false
			r.pending = append(r.pending, Record{Kind: KindBack, Who: p.ID})
			defer func() { go r.settle() }()
		}
		r.dirty[p.ID] = true
		ev := r.personLocked(p)
		ev.Uses = GrantUses
		ev.Sectors = sectorNames(r.eng.sc)
		first = frame("coop", ev)
	}
	r.subs[s] = struct{}{}
	return s, first, nil
}

func (r *Room) unsubscribe(s *sub) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.subs[s]; ok {
		delete(r.subs, s)
	}
	if s.who == 0 {
		r.facilitators--
	}
	if p := r.person(s.who); p != nil {
		p.online--
		p.seen = time.Now()
		r.dirty[p.ID] = true
	}
}
