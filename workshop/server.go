package workshop

import (
	"bytes"
	"crypto/subtle"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed static
var staticFS embed.FS

// staticFiles are the embedded pages and their scripts and styles, by name: the only
// files the server serves (a name not in it is 404, whatever its dots and slashes).
var staticFiles = func() map[string][]byte {
	out := map[string][]byte{}
	fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		out[strings.TrimPrefix(p, "static/")] = b
		return nil
	})
	return out
}()

// Limits on what a page may send.
const (
	maxActBody = 1 << 10 // a participant's action: {"kind":"price","value":2.5,"seq":12} is ~40 bytes
	maxDoBody  = 4 << 10 // a facilitator's action
)

// Handler returns the room's HTTP handler: the facilitator's pages under /f/KEY/, a
// participant's under /p/TOKEN, the join page under /join/CODE, their APIs under
// /api/, the embedded scripts and styles under /static/. Anything else is 404.
func (r *Room) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /f/{key}/{$}", r.facilitator(r.page("facilitator.html")))
	mux.HandleFunc("GET /f/{key}/debrief", r.facilitator(r.page("debrief.html")))
	mux.HandleFunc("GET /api/f/{key}/events", r.facilitator(r.events))
	mux.HandleFunc("POST /api/f/{key}/do", r.facilitator(r.do))
	mux.HandleFunc("GET /api/f/{key}/metrics.csv", r.facilitator(r.metrics))
	mux.HandleFunc("GET /api/f/{key}/debrief", r.facilitator(r.debrief))
	mux.HandleFunc("GET /api/f/{key}/qr.svg", r.facilitator(r.qr))
	mux.HandleFunc("GET /join/{code}", r.joinPage)
	mux.HandleFunc("POST /api/join", r.join)
	mux.HandleFunc("GET /p/{token}", r.participant(r.page("participant.html")))
	mux.HandleFunc("GET /p/{token}/debrief", r.participant(r.page("debrief.html")))
	mux.HandleFunc("GET /api/p/{token}/events", r.participant(r.events))
	mux.HandleFunc("POST /api/p/{token}/act", r.participant(r.act))
	mux.HandleFunc("GET /api/p/{token}/debrief", r.participant(r.debriefFor))
	mux.HandleFunc("GET /static/{name}", serveStatic)
	mux.HandleFunc("/", http.NotFound)
	return secure(mux)
}

// secure sets the headers every answer carries: no scripts or styles but the
// server's own, no framing, and no Referer that would carry a token to another site.
func secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Cache-Control", "no-store")
		// a path with . or .. segments or doubled slashes leads nowhere (the mux
		// would redirect it to its clean form)
		p := req.URL.Path
		clean := path.Clean(p)
		if strings.HasSuffix(p, "/") && clean != "/" {
			clean += "/"
		}
		if clean != p || strings.ContainsAny(req.URL.Path, "\\\x00") {
			http.NotFound(w, req)
			return
		}
		h.ServeHTTP(w, req)
	})
}

func same(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// facilitator guards h with the facilitator's key.
func (r *Room) facilitator(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		if !same(req.PathValue("key"), r.key) {
			http.NotFound(w, req)
			return
		}
		h(w, req)
	}
}

// participant guards h with a participant's token.
func (r *Room) participant(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		_, ok := r.byToken[req.PathValue("token")]
		r.mu.Unlock()
		if !ok {
			http.NotFound(w, req)
			return
		}
		h(w, req)
	}
}

func (r *Room) page(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(staticFiles[name])
	}
}

func (r *Room) joinPage(w http.ResponseWriter, req *http.Request) {
	if !same(req.PathValue("code"), r.code) {
		http.NotFound(w, req)
		return
	}
	r.page("join.html")(w, req)
}

func serveStatic(w http.ResponseWriter, req *http.Request) {
	name := req.PathValue("name")
	b, ok := staticFiles[name]
	if !ok || strings.HasSuffix(name, ".html") {
		http.NotFound(w, req)
		return
	}
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = "text/plain; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	// the files are embedded in this binary: they change only with it
	w.Header().Set("Cache-Control", "max-age=3600")
	http.ServeContent(w, req, name, time.Time{}, bytes.NewReader(b))
}

// events streams the room to a page as server-sent events.
func (r *Room) events(w http.ResponseWriter, req *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	s, first, err := r.subscribe(req.PathValue("token"))
	if err != nil {
		refuse(w, status(err), err)
		return
	}
	defer r.unsubscribe(s)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	w.Write([]byte("retry: 1000\n\n"))
	w.Write(first)
	fl.Flush()
	ping := time.NewTicker(15 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-req.Context().Done():
			return
		case <-s.gone:
			return
		case <-ping.C:
			w.Write([]byte(": ping\n\n"))
			fl.Flush()
		case f := <-s.ch:
			w.Write(f)
			// send what else is queued in the same write
			for more := true; more; {
				select {
				case f := <-s.ch:
					w.Write(f)
				default:
					more = false
				}
			}
			fl.Flush()
		}
	}
}

// decode reads a JSON body of at most limit bytes into v: one object, no unknown
// fields, nothing after it.
func decode(w http.ResponseWriter, req *http.Request, limit int64, v any) (int, error) {
	body := http.MaxBytesReader(w, req.Body, limit)
	d := json.NewDecoder(body)
	d.DisallowUnknownFields()
	if err := d.Decode(v); err != nil {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return http.StatusRequestEntityTooLarge, fmt.Errorf("a message of more than %d bytes", limit)
		}
		return http.StatusBadRequest, fmt.Errorf("not an action: %v", err)
	}
	if _, err := d.Token(); err != io.EOF {
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return http.StatusRequestEntityTooLarge, fmt.Errorf("a message of more than %d bytes", limit)
		}
		return http.StatusBadRequest, errors.New("not an action: something after the object")
	}
	return 0, nil
}

// status maps a room's refusal to an HTTP status.
func status(err error) int {
	switch {
	case errors.Is(err, ErrForbidden):
		return http.StatusForbidden
	case errors.Is(err, ErrFrozen), errors.Is(err, ErrEnded):
		return http.StatusConflict
	case errors.Is(err, ErrRate):
		return http.StatusTooManyRequests
	case errors.Is(err, ErrBad):
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

func refuse(w http.ResponseWriter, code int, err error) {
	http.Error(w, err.Error(), code)
}

// doBody is a facilitator's action.
type doBody struct {
	Kind  string  `json:"kind"`
	Name  string  `json:"name"`
	Value float64 `json:"value"`
	Share float64 `json:"share"` // of the members a giveaway goes to
}

func (r *Room) do(w http.ResponseWriter, req *http.Request) {
	var b doBody
	if code, err := decode(w, req, maxDoBody, &b); err != nil {
		refuse(w, code, err)
		return
	}
	if err := r.Facilitate(Record{Kind: b.Kind, Name: b.Name, Value: b.Value, Share: b.Share}); err != nil {
		refuse(w, status(err), err)
		return
	}
	writeJSON(w, map[string]int{"tick": r.Tick()})
}

func (r *Room) metrics(w http.ResponseWriter, req *http.Request) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="metrics.csv"`)
	w.Write(r.CSV())
}

// qr serves the join link as a QR code (a relative link, without JoinBase, is made
// absolute from the request's host).
func (r *Room) qr(w http.ResponseWriter, req *http.Request) {
	link := r.JoinURL()
	if strings.HasPrefix(link, "/") {
		link = "http://" + req.Host + link
	}
	q, err := NewQR(link)
	if err != nil {
		refuse(w, http.StatusInternalServerError, err)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	io.WriteString(w, q.SVG())
}

func (r *Room) debrief(w http.ResponseWriter, req *http.Request) { writeJSON(w, r.Debrief()) }

func (r *Room) debriefFor(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	ended := r.ended
	r.mu.Unlock()
	if !ended {
		refuse(w, http.StatusConflict, errors.New("the round has not ended"))
		return
	}
	writeJSON(w, r.Debrief())
}

// joinBody is a join: the room code, the participant's name, a sector (-1: any).
type joinBody struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Sector *int   `json:"sector"`
}

func (r *Room) join(w http.ResponseWriter, req *http.Request) {
	var b joinBody
	if code, err := decode(w, req, maxActBody, &b); err != nil {
		refuse(w, code, err)
		return
	}
	if !same(b.Code, r.code) {
		http.NotFound(w, req)
		return
	}
	sector := -1
	if b.Sector != nil {
		sector = *b.Sector
	}
	p, err := r.Join(r.code, b.Name, sector)
	if err != nil {
		refuse(w, status(err), err)
		return
	}
	writeJSON(w, map[string]any{"id": p.ID, "token": p.Token(), "link": "/p/" + p.Token()})
}

// actBody is a participant's action. Coop, when given, must be their own co-op.
type actBody struct {
	Kind  string  `json:"kind"`
	Value float64 `json:"value"`
	N     int     `json:"n"`
	Use   string  `json:"use"` // a grant use (kind grant_use)
	// a purchase (kind buy): from participant seller, or with seller 0 from a
	// simulated co-op of sector
	Seller int   `json:"seller"`
	Sector int   `json:"sector"`
	Coop   *int  `json:"coop"`
	Seq    int64 `json:"seq"`
}

func (r *Room) act(w http.ResponseWriter, req *http.Request) {
	var b actBody
	if code, err := decode(w, req, maxActBody, &b); err != nil {
		refuse(w, code, err)
		return
	}
	coop := -1
	if b.Coop != nil {
		coop = *b.Coop
		if coop < 0 {
			refuse(w, http.StatusForbidden, ErrForbidden)
			return
		}
	}
	if err := r.Act(req.PathValue("token"), Action{Kind: b.Kind, Value: b.Value, N: b.N, Use: b.Use, Seller: b.Seller, Sector: b.Sector, Coop: coop, Seq: b.Seq}); err != nil {
		refuse(w, status(err), err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
