package workshop

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
)

// Record is one line of a workshop's action journal: the room it ran (the first
// line), an action applied between ticks, or a tick stepped. Actions are recorded
// in the order they were applied, with the number of ticks stepped before them, so
// that replaying the lines in order rebuilds the run: the same metrics byte for byte.
type Record struct {
	Kind string `json:"kind"`
	Tick int    `json:"tick"` // ticks stepped when the action applied (for "tick": the tick stepped)

	// The room (kind "room", the first line).
	Version  int      `json:"v,omitempty"`
	Scenario string   `json:"scenario,omitempty"`
	Source   string   `json:"source,omitempty"`
	Sets     []string `json:"sets,omitempty"`
	YAML     string   `json:"yaml,omitempty"` // the resolved scenario (scenarios.Scenario.YAML)
	Seed     uint64   `json:"seed,omitempty"`
	Code     string   `json:"code,omitempty"` // the room code (from crypto/rand when the room opened)

	// Actions.
	Who      int     `json:"who,omitempty"`   // participant (from 1); 0 for the facilitator
	Name     string  `json:"name,omitempty"`  // parameter, or participant's name
	Value    float64 `json:"value,omitempty"` // new value of a parameter, price, wage or target; tokens given away
	Share    float64 `json:"share,omitempty"` // share of the members a giveaway goes to
	Use      string  `json:"use,omitempty"`   // a participant's grant use (one of GrantUses' names)
	N        int     `json:"n,omitempty"`     // workers to hire or release, or to found with
	Sector   int     `json:"sector,omitempty"`
	Locality int     `json:"locality,omitempty"`
	Coop     int     `json:"coop,omitempty"`   // the co-op a join founded, or a purchase bought from (checked on replay)
	Seller   int     `json:"seller,omitempty"` // a purchase's seller: a participant, or 0 for a simulated co-op of Sector
	Funded   float64 `json:"funded,omitempty"` // tokens the Foundation paid a joining co-op (checked on replay)
	Bought   float64 `json:"bought,omitempty"` // tokens a purchase bought, before the levy (checked on replay)
	Err      string  `json:"err,omitempty"`    // why the economy refused the action (replay meets the same)
}

// journalVersion is the journal format's version, in the room line.
const journalVersion = 1

// Journal record kinds. Those marked "no effect" are recorded so that the journal
// holds every action, but do not change the run.
const (
	KindRoom     = "room"
	KindTick     = "tick"
	KindSet      = "set"       // facilitator: a mid-run parameter
	KindReset    = "reset"     // facilitator: start again from tick 0, participants re-founded
	KindPlay     = "play"      // facilitator (no effect)
	KindPause    = "pause"     // facilitator (no effect); Value 1: participants frozen too
	KindSpeed    = "speed"     // facilitator (no effect)
	KindEnd      = "end"       // facilitator: the round ends
	KindGiveaway = "giveaway"  // facilitator: Value tokens given now to the first Share of the members
	KindJoin     = "join"      // a participant founds their co-op
	KindPrice    = "price"     // participant: price per unit
	KindWage     = "wage"      // participant: monthly pay
	KindTarget   = "target"    // participant: units a month it offers and hires towards
	KindHire     = "hire"      // participant: hire N
	KindRelease  = "release"   // participant: release N
	KindAway     = "away"      // participant dropped out: the default rule runs the co-op
	KindBack     = "back"      // participant rejoined: their co-op is theirs again
	KindGrantUse = "grant_use" // participant: how their co-op spends its grants (Use)
	KindBuy      = "buy"       // participant: buy up to Value tokens from Seller's co-op (or a simulated co-op of Sector)
)

// journalWriter writes records as JSON lines, flushed after each, so that a journal
// cut short (a killed server) still replays up to its last whole line.
type journalWriter struct {
	w   *bufio.Writer
	err error
}

func newJournalWriter(w io.Writer) *journalWriter {
	if w == nil {
		return nil
	}
	return &journalWriter{w: bufio.NewWriter(w)}
}

func (j *journalWriter) write(r *Record) {
	if j == nil || j.err != nil {
		return
	}
	b, err := json.Marshal(r)
	if err != nil {
		j.err = err
		return
	}
	b = append(b, '\n')
	if _, err := j.w.Write(b); err != nil {
		j.err = err
		return
	}
	j.err = j.w.Flush()
}

// maxJournalLine bounds a journal line (the room line holds the scenario's YAML).
const maxJournalLine = 4 << 20

// ReadJournal reads a journal: its room line and the records after it. A line that
// is not a record, or a journal that does not start with its room, is an error naming
// the line.
func ReadJournal(name string, r io.Reader) (room Record, recs []Record, err error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxJournalLine)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var rec Record
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return room, nil, fmt.Errorf("%s:%d: not a journal record: %w", name, line, err)
		}
		if err := checkRecord(&rec, line == 1); err != nil {
			return room, nil, fmt.Errorf("%s:%d: %s: %w", name, line, fieldOf(err), err)
		}
		if line == 1 {
			room = rec
			continue
		}
		recs = append(recs, rec)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return room, nil, fmt.Errorf("%s:%d: a line longer than %d bytes", name, line+1, maxJournalLine)
		}
		return room, nil, fmt.Errorf("%s: %w", name, err)
	}
	if line == 0 {
		return room, nil, fmt.Errorf("%s:1: kind: an empty journal (its first line is the room)", name)
	}
	return room, recs, nil
}

// fieldError is a journal record's bad field.
type fieldError struct {
	field, msg string
}

func (e *fieldError) Error() string { return e.msg }

func fieldOf(err error) string {
	var fe *fieldError
	if errors.As(err, &fe) {
		return fe.field
	}
	return "record"
}

// checkRecord checks what replay relies on: a known kind, the room first and only
// first, finite values.
func checkRecord(r *Record, first bool) error {
	if first != (r.Kind == KindRoom) {
		if first {
			return &fieldError{"kind", fmt.Sprintf("the first line must be the room, not %q", r.Kind)}
		}
		return &fieldError{"kind", "a second room line"}
	}
	switch r.Kind {
	case KindRoom:
		if r.Version != journalVersion {
			return &fieldError{"v", fmt.Sprintf("journal version %d, this copex reads %d", r.Version, journalVersion)}
		}
		if r.YAML == "" {
			return &fieldError{"yaml", "the room line has no scenario"}
		}
	case KindTick, KindSet, KindReset, KindPlay, KindPause, KindSpeed, KindEnd, KindGiveaway,
		KindJoin, KindPrice, KindWage, KindTarget, KindHire, KindRelease, KindAway, KindBack, KindGrantUse, KindBuy:
	default:
		return &fieldError{"kind", fmt.Sprintf("unknown kind %q", r.Kind)}
	}
	if r.Tick < 0 {
		return &fieldError{"tick", fmt.Sprintf("tick %d is negative", r.Tick)}
	}
	if math.IsNaN(r.Value) || math.IsInf(r.Value, 0) {
		return &fieldError{"value", "not a finite number"}
	}
	if math.IsNaN(r.Share) || math.IsInf(r.Share, 0) {
		return &fieldError{"share", "not a finite number"}
	}
	return nil
}
