package workshop

import (
	"fmt"
	"io"

	"github.com/copex/copex/scenarios"
)

// Replay runs a workshop again from its action journal (read from r, called name in
// messages) and returns its metrics.csv: the same bytes the room's run wrote, since
// the same actions apply between the same ticks of the same seeded economy. A journal
// whose records do not follow one another (a tick out of order, a join that founds a
// different co-op) is an error naming its line.
func Replay(name string, r io.Reader, workers int) ([]byte, error) {
	room, recs, err := ReadJournal(name, r)
	if err != nil {
		return nil, err
	}
	sc, err := scenarios.Parse(room.Source, []byte(room.YAML), nil)
	if err != nil {
		return nil, fmt.Errorf("%s:1: yaml: %w", name, err)
	}
	e, err := newEngine(sc, room.Seed, workers)
	if err != nil {
		return nil, err
	}
	for i := range recs {
		rec := recs[i]
		line := i + 2
		if rec.Kind == KindTick {
			if rec.Tick != e.ticks()+1 {
				return nil, fmt.Errorf("%s:%d: tick: tick %d follows tick %d", name, line, rec.Tick, e.ticks())
			}
			m, err := e.next()
			if err != nil {
				return nil, fmt.Errorf("%s:%d: tick %d: %w", name, line, rec.Tick, err)
			}
			e.appendRow(m)
			continue
		}
		if rec.Tick != e.ticks() {
			return nil, fmt.Errorf("%s:%d: tick: an action recorded after tick %d, but replay is at tick %d", name, line, rec.Tick, e.ticks())
		}
		want, funded, bought := rec.Coop, rec.Funded, rec.Bought
		err := e.apply(&rec)
		if (err != nil) != (recs[i].Err != "") {
			return nil, fmt.Errorf("%s:%d: %s: the run gave %q, replay %v", name, line, rec.Kind, recs[i].Err, err)
		}
		if rec.Kind == KindJoin && err == nil && rec.Coop != want {
			return nil, fmt.Errorf("%s:%d: coop: the run founded co-op %d, replay %d", name, line, want, rec.Coop)
		}
		if rec.Kind == KindJoin && err == nil && rec.Funded != funded {
			return nil, fmt.Errorf("%s:%d: funded: the run funded the co-op with %v tokens, replay %v", name, line, funded, rec.Funded)
		}
		if rec.Kind == KindBuy && err == nil && (rec.Coop != want || rec.Bought != bought) {
			return nil, fmt.Errorf("%s:%d: bought: the run bought %v tokens from co-op %d, replay %v from %d", name, line, bought, want, rec.Bought, rec.Coop)
		}
	}
	return e.csv, nil
}
