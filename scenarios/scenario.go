package scenarios

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/copex/copex/agents"
	"github.com/copex/copex/sim/issuance"
	"gopkg.in/yaml.v3"
)

//go:embed *.yaml
var embedded embed.FS

// Scenario is a loaded scenario: its name, description and the model configuration
// after defaults and overrides.
type Scenario struct {
	Name        string
	Description string
	// Source is the file the scenario came from, or "embedded:NAME".
	Source string
	// Sets are the overrides applied, as given (PATH=VALUE).
	Sets   []string
	Config agents.Config
}

// document is the layout of a scenario file: a name, a description and the fields of
// agents.Config, all at the top level.
type document struct {
	// Base names a scenario (embedded, or a file beside this one) whose every field
	// this one starts from, so that a scenario states only how it differs.
	Base        string        `yaml:"base,omitempty" json:"base" maxlen:"256" doc:"scenario this one starts from (an embedded name, or a file relative to this one); its fields, then this file's"`
	Name        string        `yaml:"name" json:"name" doc:"scenario name (default: the file name)"`
	Description string        `yaml:"description" json:"description" doc:"what the scenario is about"`
	Config      agents.Config `yaml:",inline"`
}

// FileKind names a scenario in messages.
func (document) FileKind() string { return "scenario" }

// Names returns the names of the embedded scenarios, sorted.
func Names() []string {
	entries, _ := fs.ReadDir(embedded, ".")
	var names []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && !e.IsDir() {
			names = append(names, name)
		}
	}
	return names
}

// Embedded returns the YAML of the embedded scenario name.
func Embedded(name string) ([]byte, bool) {
	if name == "" || strings.ContainsAny(name, `/\`) {
		return nil, false
	}
	data, err := embedded.ReadFile(name + ".yaml")
	return data, err == nil
}

// Load loads the embedded scenario nameOrPath or, when there is none of that name, the
// file nameOrPath, and applies the overrides sets (see Parse). Every error is an
// *Error.
func Load(nameOrPath string, sets []string) (*Scenario, error) {
	if data, ok := Embedded(nameOrPath); ok {
		return Parse("embedded:"+nameOrPath, data, sets)
	}
	data, err := ReadFile(nameOrPath)
	if err != nil {
		return nil, err
	}
	return Parse(nameOrPath, data, sets)
}

// Validate loads the scenario nameOrPath, as Load with no overrides, and returns its
// first problem.
func Validate(nameOrPath string) error {
	_, err := Load(nameOrPath, nil)
	return err
}

func readError(path string, err error) error {
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) {
		msg = pe.Op + ": " + pe.Err.Error()
	}
	if errors.Is(err, fs.ErrNotExist) && !strings.ContainsAny(path, `/\`) && filepath.Ext(path) == "" {
		msg += fmt.Sprintf(", and no scenario is embedded under that name (embedded: %s)", strings.Join(Names(), ", "))
	}
	return &Error{File: path, Msg: msg, Err: err}
}

// Parse decodes the scenario in data, read from source (a file name or
// "embedded:NAME", used in messages), over agents.Default, and applies the overrides
// sets, each PATH=VALUE where PATH is dotted YAML names with list indices
// (sectors[0].wage=900). A map or list in the file or an override replaces the default
// one entirely; a mapping for a struct sets only the fields it names. Any plain value
// is a string, as written; an integer may be written as a whole float (1e6).
//
// Parse is strict: an unknown key, a value of the wrong type or out of bounds, a
// duplicate key, a configuration that agents.Config.Validate rejects or a grant
// expression that does not compile is an *Error at the line (or override) at fault.
// Every error Parse returns is an *Error.
func Parse(source string, data []byte, sets []string) (*Scenario, error) {
	return parse(source, data, sets, nil)
}

// maxBases bounds a chain of base scenarios.
const maxBases = 8

// parse is Parse for a scenario reached through the bases in chain (the scenarios
// that name it as their base, nearest last).
func parse(source string, data []byte, sets []string, chain []string) (*Scenario, error) {
	start := agents.Default()
	if name, line := baseOf(data); name != "" {
		base, err := loadBase(source, name, append(chain, source))
		if err != nil {
			var se *Error
			if errors.As(err, &se) && se.File != source {
				// the fault is in the base: say where this file names it
				return nil, &Error{File: source, Line: line, Msg: fmt.Sprintf("base %q: %s", name, err), Err: err}
			}
			return nil, err
		}
		start = base.Config
	}
	doc := document{Config: start}
	dc, err := decodeWith(source, data, &doc, sets)
	if err != nil {
		return nil, err
	}
	if err := doc.Config.Validate(); err != nil {
		return nil, dc.d.validateError(dc.root, err)
	}
	if err := dc.d.checkExpression(dc.root, doc.Config.Issuance); err != nil {
		return nil, err
	}
	if doc.Name == "" {
		doc.Name = defaultName(source)
	}
	return &Scenario{Name: doc.Name, Description: doc.Description, Source: source,
		Sets: append([]string(nil), sets...), Config: doc.Config}, nil
}

// baseOf returns the base a scenario file names, and its line: a first, lenient look
// (the strict decoder reports any fault of the file).
func baseOf(data []byte) (string, int) {
	var doc yaml.Node
	if safely(func() error { return yaml.Unmarshal(data, &doc) }) != nil || len(doc.Content) == 0 {
		return "", 0
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return "", 0
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		if k, v := root.Content[i], root.Content[i+1]; k.Value == "base" && v.Kind == yaml.ScalarNode {
			return v.Value, k.Line
		}
	}
	return "", 0
}

// loadBase loads the base scenario name of the scenario read from source: an embedded
// scenario, or else a file relative to source's folder. A base chain longer than
// maxBases, or one that comes back to a scenario in it, is an *Error.
func loadBase(source, name string, chain []string) (*Scenario, error) {
	if len(chain) > maxBases {
		return nil, &Error{File: source, Msg: fmt.Sprintf("base %q: more than %d scenarios deep", name, maxBases)}
	}
	if data, ok := Embedded(name); ok {
		src := "embedded:" + name
		if slices.Contains(chain, src) {
			return nil, &Error{File: source, Msg: fmt.Sprintf("base %q: the chain of bases comes back to it (%s)", name, strings.Join(chain, " → "))}
		}
		return parse(src, data, nil, chain)
	}
	path := name
	if !strings.HasPrefix(source, "embedded:") && !filepath.IsAbs(name) {
		path = filepath.Join(filepath.Dir(source), name)
	}
	if slices.Contains(chain, path) {
		return nil, &Error{File: source, Msg: fmt.Sprintf("base %q: the chain of bases comes back to it (%s)", name, strings.Join(chain, " → "))}
	}
	if strings.HasPrefix(source, "embedded:") {
		return nil, &Error{File: source, Msg: fmt.Sprintf("base %q: no scenario is embedded under that name (embedded: %s)", name, strings.Join(Names(), ", "))}
	}
	data, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parse(path, data, nil, chain)
}

// defaultName names a scenario after its source: the file name without its extension.
func defaultName(source string) string {
	if name, ok := strings.CutPrefix(source, "embedded:"); ok {
		return name
	}
	base := filepath.Base(source)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// yamlLine matches the YAML parser's errors that give a line.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parse parses data as a single YAML document and returns its top-level mapping;
// kind names the kind of file in messages ("scenario").
func (d *decoder) parse(data []byte, kind string) (*yaml.Node, error) {
	var doc, next yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	err := safely(func() error { return dec.Decode(&doc) })
	if errors.Is(err, io.EOF) {
		return nil, &Error{File: d.file, Msg: "empty " + kind}
	}
	if err != nil {
		return nil, d.syntaxError(err)
	}
	switch err := safely(func() error { return dec.Decode(&next) }); {
	case err == nil:
		return nil, &Error{File: d.file, Line: max(next.Line, 1), Msg: "a " + kind + " is a single YAML document, but a second one starts here"}
	case !errors.Is(err, io.EOF):
		return nil, d.syntaxError(err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || isNull(doc.Content[0]) {
		return nil, &Error{File: d.file, Msg: "empty " + kind}
	}
	root := resolve(doc.Content[0])
	if root.Kind != yaml.MappingNode {
		return nil, &Error{File: d.file, Line: root.Line,
			Msg: "a " + kind + " is a mapping of keys to values, not " + describe(root)}
	}
	return root, nil
}

// parserProblems are the problems that yaml.v3's parser, as opposed to its scanner,
// reports. It gives their line counted from 0, and no line for the first one.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// syntaxError turns the YAML parser's "yaml: line N: msg" into an *Error at line N.
func (d *decoder) syntaxError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	switch {
	case parserProblems[msg]:
		line++
	case line == 0 && positioned(msg):
		line = 1 // the scanner's line 0 is the first line, which it does not name
	}
	if strings.Contains(msg, "tab character") {
		line = tabLine(d.data, line)
	}
	return &Error{File: d.file, Line: line, Msg: msg, Err: err}
}

// tabLine returns the line of the first tab in an indentation at or after line from
// (from 1). The scanner reports a tab that breaks the indentation at the line where
// the value before it started, which may be lines earlier.
func tabLine(data []byte, from int) int {
	line := 1
	for rest := data; len(rest) > 0; line++ {
		text, next, _ := bytes.Cut(rest, []byte("\n"))
		rest = next
		if line < from {
			continue
		}
		indent := text[:len(text)-len(bytes.TrimLeft(text, " \t"))]
		if bytes.IndexByte(indent, '\t') >= 0 {
			return line
		}
	}
	return from
}

// positioned reports whether msg is one of the scanner's or parser's problems, which
// have a position, rather than one of the reader's (bad UTF-8) or the composer's (an
// unknown anchor), which do not.
func positioned(msg string) bool {
	for _, p := range []string{"found ", "did not find ", "could not find ", "mapping ", "block sequence ", "exceeded max depth"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// validateError places an error of agents.Config.Validate at the line of the field it
// names, or of its nearest parent in the file.
func (d *decoder) validateError(root *yaml.Node, err error) error {
	var fe *agents.FieldError
	if !errors.As(err, &fe) {
		return &Error{File: d.file, Msg: err.Error(), Err: err}
	}
	var at, val *yaml.Node
	if steps, perr := parsePath(fe.Path); perr == nil {
		at, val = d.locate(root, steps)
	}
	e := d.errAt(at, val, fe.Path, fe.Msg)
	e.Err = err
	return e
}

// checkExpression compiles the grant expression of an expression formula and places
// its errors at their line in the file.
func (d *decoder) checkExpression(root *yaml.Node, cfg issuance.Config) error {
	if cfg.Formula != "expression" {
		return nil
	}
	_, err := issuance.Compile(cfg.Expression)
	if err == nil {
		return nil
	}
	const path = "issuance.expression"
	steps, _ := parsePath(path)
	at, val := d.locate(root, steps)
	e := d.errAt(at, val, path, err.Error())
	e.Err = err
	var xe *issuance.ExprError
	if errors.As(err, &xe) {
		e.Msg = xe.Msg
		if e.Line > 0 && val != nil {
			e.Line = expressionLine(resolve(val), xe.Line)
		}
	}
	return e
}

// expressionLine returns the line in the file of line exprLine (from 1) of the
// expression in node n. A literal block scalar (|) starts on the line after its
// indicator and keeps its lines; other scalars fold or escape theirs, so their errors
// are placed at their first line.
func expressionLine(n *yaml.Node, exprLine int) int {
	switch {
	case n.Style&yaml.LiteralStyle != 0:
		return n.Line + exprLine
	case n.Style&yaml.FoldedStyle != 0:
		return n.Line + 1
	}
	return n.Line
}

// YAML returns the resolved scenario as canonical YAML: its name, description and
// every field of the configuration, defaults and overrides applied, in a fixed order.
func (s *Scenario) YAML() ([]byte, error) {
	return yaml.Marshal(document{Name: s.Name, Description: s.Description, Config: s.Config})
}

// Hash returns the hex SHA-256 of the scenario's canonical YAML (see YAML): the same
// effective scenario, however written and overridden, has the same hash.
func (s *Scenario) Hash() string {
	data, err := s.YAML()
	if err != nil {
		// Plain structs, maps and slices of numbers and strings always encode.
		panic(fmt.Sprintf("scenarios: encoding %s: %v", s.Name, err))
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}
