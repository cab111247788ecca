package workshop

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestLoad: 100 participants on loopback, each sending 10 actions a second for 60 s
// (5 s with -short), while the economy plays: every action is accepted and shows on
// the facilitator's stream, the 99th percentile of the time from a participant's send
// to its appearance there is at most 200 ms (with -short, at most 2 s: see below), no
// participant's stream is dropped, and the process (server and clients together)
// stays under 500 MB.
func TestLoad(t *testing.T) {
	if raceOn {
		t.Skip("latency figures mean nothing under the race detector")
	}
	dur := 60 * time.Second
	if testing.Short() {
		dur = 5 * time.Second
	}
	st := loadRun(t, 100, 10, dur)
	t.Logf("%d actions in %v: p50 %v, p99 %v, max %v; peak memory %d MiB", st.sent, dur, st.p50, st.p99, st.max, st.peak>>20)
	if st.refused > 0 {
		t.Errorf("%d actions refused", st.refused)
	}
	if st.missing > 0 {
		t.Errorf("%d actions never shown to the facilitator", st.missing)
	}
	if st.dropped > 0 {
		t.Errorf("%d participants' streams dropped", st.dropped)
	}
	// The figure, p99 ≤ 200 ms, is the 60-second test's criterion. The short
	// version runs inside `go test ./workshop` on two cores shared with others' builds,
	// where a scheduler stall of a few hundred milliseconds in 5 s lands in the top 1%
	// by itself; it asserts what it can robustly: no backlog. A server that could not
	// keep up with the 1,000 actions a second would queue them, and its latency would
	// grow with the run to seconds (5 s of backlog at the end); 2 s tolerates stalls
	// of others' work on the machine while still catching that. Its p99 against
	// 200 ms is logged.
	limit := 200 * time.Millisecond
	if testing.Short() {
		limit = 2 * time.Second
		if st.p99 > 200*time.Millisecond {
			t.Logf("p99 latency %v is above the 200 ms the 60-second run is held to (a short run on a loaded machine)", st.p99)
		}
	}
	if st.p99 > limit {
		t.Errorf("p99 latency %v, want at most %v", st.p99, limit)
	}
	if st.peak > 500<<20 {
		t.Errorf("peak memory %d MiB, want at most 500", st.peak>>20)
	}
	if st.ticks < 2 {
		t.Errorf("the economy stepped %d ticks meanwhile, want it playing", st.ticks)
	}
}

type loadStats struct {
	sent, refused, missing, dropped int
	p50, p99, max                   time.Duration
	peak                            uint64
	ticks                           int
}

// loadRun runs n participants sending rate actions a second for dur.
func loadRun(t *testing.T, n, rate int, dur time.Duration) loadStats {
	ticks := int(dur.Seconds()*2) + 20
	tr := openRoom(t, load(t, "baseline", fmt.Sprintf("ticks=%d", ticks)), Options{Speed: 2, AwayAfter: time.Hour})
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * n, MaxConnsPerHost: 0}}
	tokens := make([]string, n)
	for i := range tokens {
		tokens[i] = tr.join(t, fmt.Sprintf("p%d", i+1))
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// the send time of each participant's actions, by seq (from 1)
	per := int(dur.Seconds()*float64(rate)) + 2*rate
	sent := make([][]atomic.Int64, n)
	for i := range sent {
		sent[i] = make([]atomic.Int64, per+1)
	}
	var mu sync.Mutex
	var lat []time.Duration
	seen := make([]int64, n+1) // by participant id: the last seq shown

	// the facilitator's stream
	fac, err := client.Get(tr.srv.URL + "/api/f/" + tr.Key() + "/events")
	if err != nil {
		t.Fatal(err)
	}
	facDone := make(chan struct{})
	go func() {
		defer close(facDone)
		readEvents(fac.Body, func(event string, data []byte) {
			if event != "people" {
				return
			}
			now := time.Now()
			var rows []personRow
			if err := json.Unmarshal(data, &rows); err != nil {
				t.Errorf("people event: %v", err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for _, r := range rows {
				for s := seen[r.ID] + 1; s <= r.Seq && s <= int64(per); s++ {
					at := sent[r.ID-1][s].Load()
					lat = append(lat, now.Sub(time.Unix(0, at)))
				}
				seen[r.ID] = max(seen[r.ID], r.Seq)
			}
		})
	}()

	// the participants' own streams, which must stay open throughout
	var dropped atomic.Int32
	var streams sync.WaitGroup
	for _, tok := range tokens {
		res, err := client.Get(tr.srv.URL + "/api/p/" + tok + "/events")
		if err != nil {
			t.Fatal(err)
		}
		streams.Add(1)
		go func() {
			defer streams.Done()
			io.Copy(io.Discard, res.Body)
			if ctx.Err() == nil {
				dropped.Add(1)
			}
		}()
		context.AfterFunc(ctx, func() { res.Body.Close() })
	}

	// memory, sampled
	var peak atomic.Uint64
	memDone := make(chan struct{})
	go func() {
		defer close(memDone)
		tk := time.NewTicker(250 * time.Millisecond)
		defer tk.Stop()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.Sys > peak.Load() {
				peak.Store(ms.Sys)
			}
			select {
			case <-ctx.Done():
				return
			case <-tk.C:
			}
		}
	}()

	tr.do(t, `{"kind":"play"}`)
	start := tr.Tick()
	var refused, total atomic.Int32
	var senders sync.WaitGroup
	stop := time.Now().Add(dur)
	for i, tok := range tokens {
		senders.Add(1)
		go func() {
			defer senders.Done()
			// spread the participants over the first interval
			time.Sleep(time.Duration(i) * time.Second / time.Duration(rate*n))
			tk := time.NewTicker(time.Second / time.Duration(rate))
			defer tk.Stop()
			for seq := int64(1); seq <= int64(per) && time.Now().Before(stop); seq++ {
				sent[i][seq].Store(time.Now().UnixNano())
				body := fmt.Sprintf(`{"kind":"price","value":%g,"seq":%d}`, 1+float64(seq%10)/10, seq)
				res, err := client.Post(tr.srv.URL+"/api/p/"+tok+"/act", "application/json", strings.NewReader(body))
				total.Add(1)
				if err != nil {
					refused.Add(1)
				} else {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode != http.StatusNoContent {
						refused.Add(1)
					}
				}
				<-tk.C
			}
		}()
	}
	senders.Wait()
	time.Sleep(300 * time.Millisecond) // the last flush
	stepped := tr.Tick() - start
	cancel()
	fac.Body.Close()
	<-facDone
	streams.Wait()
	<-memDone

	mu.Lock()
	defer mu.Unlock()
	st := loadStats{sent: int(total.Load()), refused: int(refused.Load()), dropped: int(dropped.Load()), peak: peak.Load(), ticks: stepped}
	st.missing = st.sent - st.refused - len(lat)
	if len(lat) > 0 {
		slices.Sort(lat)
		st.p50, st.p99, st.max = lat[len(lat)/2], lat[(len(lat)*99)/100], lat[len(lat)-1]
	}
	return st
}

// readEvents calls f with each server-sent event read from r until it ends.
func readEvents(r io.Reader, f func(event string, data []byte)) {
	br := bufio.NewReaderSize(r, 1<<16)
	var event string
	var data []byte
	for {
		line, err := br.ReadBytes('\n')
		if err != nil {
			return
		}
		line = []byte(strings.TrimRight(string(line), "\r\n"))
		switch {
		case len(line) == 0:
			if event != "" {
				f(event, data)
			}
			event, data = "", nil
		case strings.HasPrefix(string(line), "event: "):
			event = string(line[len("event: "):])
		case strings.HasPrefix(string(line), "data: "):
			data = append(data, line[len("data: "):]...)
		}
	}
}
