package bench

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
)

// CaseCommand is the hidden copex subcommand that runs one case in its own process and
// prints its figures as one JSON line (WriteJSON):
//
//	copex bench-case --scenario NAME --workers N [--ticks T] [--set PATH=VALUE]... --json
const CaseCommand = "bench-case"

// Args returns the command line, after the program's name, that runs c through
// CaseCommand and prints its figures as JSON.
func (c Case) Args() []string {
	args := []string{CaseCommand, "--scenario", c.Scenario, "--workers", strconv.Itoa(c.Workers)}
	if c.Ticks > 0 {
		args = append(args, "--ticks", strconv.Itoa(c.Ticks))
	}
	for _, s := range c.Sets {
		args = append(args, "--set", s)
	}
	return append(args, "--json")
}

// Child returns a Runner that runs each case in a fresh process of the copex binary exe
// (os.Executable in copex), through CaseCommand, so that the peak memory reported is
// the case's alone. The child's error, if it fails, is the last line it wrote to
// standard error.
func Child(exe string) Runner {
	return func(c Case) (Figures, error) {
		cmd := exec.Command(exe, c.Args()...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			if msg := lastLine(stderr.String()); msg != "" {
				return Figures{}, fmt.Errorf("%s: %s (%w)", c, strings.TrimPrefix(msg, "copex: "), err)
			}
			return Figures{}, fmt.Errorf("%s: %w", c, err)
		}
		f, err := ReadJSON(&stdout)
		if err != nil {
			return Figures{}, fmt.Errorf("%s: %w", c, err)
		}
		return f, nil
	}
}

// lastLine returns the last non-blank line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// WriteJSON writes f as one line of JSON.
func WriteJSON(w io.Writer, f Figures) error {
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// ReadJSON reads the figures WriteJSON wrote: the last non-blank line of r, which
// must be a JSON object of Figures' fields and no others.
func ReadJSON(r io.Reader) (Figures, error) {
	var last []byte
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 {
			last = append(last[:0], line...)
		}
	}
	if err := sc.Err(); err != nil {
		return Figures{}, fmt.Errorf("reading figures: %w", err)
	}
	if last == nil {
		return Figures{}, errors.New("no figures printed")
	}
	var f Figures
	d := json.NewDecoder(bytes.NewReader(last))
	d.DisallowUnknownFields()
	if err := d.Decode(&f); err != nil {
		return Figures{}, fmt.Errorf("figures %q: %w", last, err)
	}
	return f, nil
}
