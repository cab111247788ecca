package clearing

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/copex/copex/internal/inputfile"
	"github.com/copex/copex/sim/ledger"
)

// MaxFileSize is the largest obligations file ReadFile reads (1 GiB, about 30 million
// obligations). Its size is checked before reading, and the read is limited to it.
const MaxFileSize = 1 << 30

// Columns of an obligations file, in any order: debtor and creditor are names (any
// text; CSV quoting for commas and quotes), amount is how much the debtor owes.
var columns = [3]string{"debtor", "creditor", "amount"}

// Form is how a file writes its amounts.
type Form uint8

const (
	// Units: integers, a count of micro-tokens ("2500000").
	Units Form = iota
	// Tokens: decimals with a point and at most 6 places, a number of tokens ("2.5").
	Tokens
)

func (f Form) String() string {
	if f == Tokens {
		return "tokens"
	}
	return "units"
}

// File is an obligations file read by ReadCSV: its network with participants numbered
// by first appearance, their names, and the form its amounts were written in.
type File struct {
	Name    string
	Network Network
	Names   []string // participant id -> name
	Form    Form
	// Order is the header's order of the columns (indexes into debtor, creditor,
	// amount); WriteCSV writes the same.
	Order [3]int
	// DroppedSelf counts the self-obligations ReadOptions.DropSelf dropped, the first
	// on line FirstSelf.
	DroppedSelf, FirstSelf int
}

// ReadOptions are the settings of ReadCSV; nil means the zero value.
type ReadOptions struct {
	// DropSelf drops self-obligations (a participant owing itself) instead of refusing
	// the file.
	DropSelf bool
}

// Error is a bad obligations file: File:Line: column Column: Msg. Err, if set, is the
// sentinel it wraps (ErrSelf, ErrNegative, ErrOverflow, ErrTooLarge).
type Error struct {
	File   string
	Line   int    // 0: the file as a whole
	Column string // "": the line as a whole
	Msg    string
	Err    error
}

func (e *Error) Error() string {
	s := e.File
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line)
	}
	if e.Column != "" {
		s += ": column " + e.Column
	}
	return s + ": " + e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// ErrTooLarge is a file larger than MaxFileSize.
var ErrTooLarge = errors.New("file too large")

// ReadFile reads the obligations file at path. It refuses a path that is not a regular
// file, and a file over MaxFileSize before reading any of it.
func ReadFile(path string, opts *ReadOptions) (*File, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &Error{File: path, Msg: pathMsg(err), Err: err}
	}
	if !fi.Mode().IsRegular() {
		return nil, &Error{File: path, Msg: fmt.Sprintf("not a regular file (%s): copex reads only files", inputfile.Kind(fi.Mode()))}
	}
	if fi.Size() > MaxFileSize {
		return nil, &Error{File: path, Msg: fmt.Sprintf("%d bytes, larger than the %d MiB an obligations file may be", fi.Size(), MaxFileSize>>20), Err: ErrTooLarge}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{File: path, Msg: pathMsg(err), Err: err}
	}
	defer f.Close()
	lr := &io.LimitedReader{R: f, N: MaxFileSize + 1}
	file, err := ReadCSV(lr, path, opts)
	if err == nil && lr.N == 0 {
		return nil, &Error{File: path, Msg: fmt.Sprintf("grew past the %d MiB an obligations file may be while it was read", MaxFileSize>>20), Err: ErrTooLarge}
	}
	return file, err
}

func pathMsg(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// ReadCSV reads an obligations file named name (for messages) from r: a header naming
// the columns debtor, creditor and amount, then one obligation a line. Amounts are all
// integers (micro-tokens) or all decimals with a point and at most 6 places (tokens);
// a file mixing them is refused, as is a negative or non-numeric amount, a blank line,
// an empty name, a line with too few or too many fields, a self-obligation (unless
// opts.DropSelf) and amounts whose total passes the int64 range. Every error is one
// *Error naming the line and column.
func ReadCSV(r io.Reader, name string, opts *ReadOptions) (*File, error) {
	dropSelf := opts != nil && opts.DropSelf
	br := bufio.NewReaderSize(r, 1<<16)
	file := &File{Name: name}
	fail := func(line int, col, msg string, err error) error {
		return &Error{File: name, Line: line, Column: col, Msg: msg, Err: err}
	}
	ids := make(map[string]int32)
	var fields [4][]byte
	var scratch [4][]byte
	formLine := 0
	var total ledger.Amount
	for line := 1; ; line++ {
		text, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			return nil, fail(line, "", fmt.Sprintf("a line longer than %d bytes", br.Size()), nil)
		}
		if err != nil && err != io.EOF {
			return nil, fail(line, "", err.Error(), err)
		}
		if len(text) == 0 && err == io.EOF {
			if line == 1 {
				return nil, fail(0, "", "empty: want a header debtor,creditor,amount", nil)
			}
			break
		}
		text = bytes.TrimSuffix(bytes.TrimSuffix(text, []byte{'\n'}), []byte{'\r'})
		if line == 1 {
			text = bytes.TrimPrefix(text, []byte("\xef\xbb\xbf"))
		}
		if len(text) == 0 {
			return nil, fail(line, "", "blank line", nil)
		}
		n, col, msg := split(text, fields[:], scratch[:])
		if msg != "" {
			return nil, fail(line, colName(file.Order, col, line), msg, nil)
		}
		if line == 1 {
			if err := header(file, fields[:min(n, len(fields))]); err != nil {
				return nil, fail(1, err.col, err.msg, nil)
			}
			if err == io.EOF {
				break
			}
			continue
		}
		if n != 3 {
			if n < 3 {
				return nil, fail(line, columns[file.Order[n]], fmt.Sprintf("missing (the line has %d fields, the header 3)", n), nil)
			}
			return nil, fail(line, "4", "unexpected (the line has more fields than the header's 3)", nil)
		}
		var o Obligation
		var deb, cred []byte
		for i := range 3 {
			f := fields[i]
			switch c := file.Order[i]; c {
			case 0, 1:
				if len(f) == 0 {
					return nil, fail(line, columns[c], "empty name", nil)
				}
				if c == 0 {
					deb = f
				} else {
					cred = f
				}
			case 2:
				a, form, msg, err := parseAmount(f)
				if msg != "" {
					return nil, fail(line, "amount", msg, err)
				}
				switch {
				case formLine == 0:
					file.Form, formLine = form, line
				case form != file.Form:
					return nil, fail(line, "amount", fmt.Sprintf("%q is in %s but line %d's amount is in %s; a file uses one form (integer micro-tokens, or tokens with a point)",
						f, form, formLine, file.Form), nil)
				}
				if a > ledger.MaxSupply-total {
					return nil, fail(line, "amount", fmt.Sprintf("the amounts add up past %s tokens, the largest total that can be cleared exactly", ledger.Format(ledger.MaxSupply)), ErrOverflow)
				}
				total += a
				o.Amount = a
			}
		}
		if bytes.Equal(deb, cred) {
			if dropSelf {
				if file.DroppedSelf == 0 {
					file.FirstSelf = line
				}
				file.DroppedSelf++
				total -= o.Amount
				if err == io.EOF {
					break
				}
				continue
			}
			return nil, fail(line, "creditor", fmt.Sprintf("%q owes itself: a self-obligation", cred), ErrSelf)
		}
		var ok bool
		if o.Debtor, ok = ids[string(deb)]; !ok {
			o.Debtor = file.add(ids, deb)
		}
		if o.Creditor, ok = ids[string(cred)]; !ok {
			o.Creditor = file.add(ids, cred)
		}
		file.Network.Obligations = append(file.Network.Obligations, o)
		if err == io.EOF {
			break
		}
	}
	// A file of at most 1 GiB holds fewer than 2^28 lines of at least 5 bytes ("a,b,1"),
	// so fewer than MaxParticipants names.
	file.Network.Participants = len(file.Names)
	return file, nil
}

func (f *File) add(ids map[string]int32, name []byte) int32 {
	id := int32(len(f.Names))
	s := string(name)
	ids[s] = id
	f.Names = append(f.Names, s)
	return id
}

type headerError struct{ col, msg string }

// header reads the header's fields into file.Order.
func header(file *File, fields [][]byte) *headerError {
	seen := [3]bool{}
	for i, f := range fields {
		c := -1
		for j, name := range columns {
			if string(f) == name {
				c = j
			}
		}
		switch {
		case c < 0:
			return &headerError{strconv.Quote(string(f)), "unknown (the columns are debtor, creditor, amount)"}
		case seen[c]:
			return &headerError{string(f), "named twice"} // f is a column's name
		}
		seen[c] = true
		file.Order[i] = c
	}
	for j, ok := range seen {
		if !ok {
			return &headerError{columns[j], "missing from the header (want debtor,creditor,amount)"}
		}
	}
	return nil
}

// colName names field i of a data line (or of the header, on line 1).
func colName(order [3]int, i, line int) string {
	if line == 1 || i >= 3 {
		return strconv.Itoa(i + 1)
	}
	return columns[order[i]]
}

// split cuts a line into at most len(fields) fields (CSV: a field in double quotes may
// hold commas and doubled quotes). It returns the number of fields (len(fields)+1 for
// more), or a message and the index of the field at fault. Unquoting writes into
// scratch, one buffer per field.
func split(text []byte, fields [][]byte, scratch [][]byte) (n, col int, msg string) {
	for {
		if n == len(fields) {
			return n + 1, n, "" // too many; the caller reports it
		}
		if len(text) > 0 && text[0] == '"' {
			buf := scratch[n][:0]
			i := 1
			for {
				j := bytes.IndexByte(text[i:], '"')
				if j < 0 {
					return 0, n, "a quote that does not close on its line (a name may not span lines)"
				}
				buf = append(buf, text[i:i+j]...)
				i += j + 1
				if i < len(text) && text[i] == '"' {
					buf = append(buf, '"')
					i++
					continue
				}
				break
			}
			scratch[n] = buf
			fields[n] = buf
			n++
			if i == len(text) {
				return n, 0, ""
			}
			if text[i] != ',' {
				return 0, n - 1, "text after a closing quote"
			}
			text = text[i+1:]
			continue
		}
		j := bytes.IndexByte(text, ',')
		f := text
		if j >= 0 {
			f = text[:j]
		}
		if bytes.IndexByte(f, '"') >= 0 {
			return 0, n, `a quote inside an unquoted field (quote the whole field: "a""b" is a"b)`
		}
		fields[n] = f
		n++
		if j < 0 {
			return n, 0, ""
		}
		text = text[j+1:]
	}
}

// parseAmount reads an amount: digits (micro-tokens) or digits.digits with 1 to 6
// places (tokens).
func parseAmount(f []byte) (ledger.Amount, Form, string, error) {
	if len(f) == 0 {
		return 0, 0, "empty amount", nil
	}
	if f[0] == '-' {
		return 0, 0, fmt.Sprintf("%q is negative; an obligation is owed by its debtor (swap the names)", f), ErrNegative
	}
	whole, frac, point := bytes.Cut(f, []byte{'.'})
	if !digits(whole) || point && !digits(frac) {
		return 0, 0, fmt.Sprintf("%q is not a number (want an integer of micro-tokens or tokens like 12.5)", f), nil
	}
	if len(frac) > 6 {
		return 0, 0, fmt.Sprintf("%q has %d decimal places; tokens have at most 6 (one micro-token is 0.000001)", f, len(frac)), nil
	}
	w, err := strconv.ParseUint(string(whole), 10, 63)
	if !point {
		if err != nil {
			return 0, 0, fmt.Sprintf("%q is out of range (at most %d micro-tokens)", f, int64(math.MaxInt64)), ErrOverflow
		}
		return ledger.Amount(w), Units, "", nil
	}
	if err != nil || w > math.MaxInt64/uint64(ledger.Unit) {
		return 0, 0, fmt.Sprintf("%q is out of range (at most %s tokens)", f, ledger.Format(math.MaxInt64)), ErrOverflow
	}
	u := w * uint64(ledger.Unit)
	var fr uint64
	for i := range 6 {
		fr *= 10
		if i < len(frac) {
			fr += uint64(frac[i] - '0')
		}
	}
	if u+fr > math.MaxInt64 {
		return 0, 0, fmt.Sprintf("%q is out of range (at most %s tokens)", f, ledger.Format(math.MaxInt64)), ErrOverflow
	}
	return ledger.Amount(u + fr), Tokens, "", nil
}

func digits(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// WriteCSV writes the obligations of file with a remaining amount above zero, in the
// file's order, columns and amount form; remaining is one amount per obligation
// (Result.Remaining).
func (file *File) WriteCSV(w io.Writer, remaining []ledger.Amount) error {
	if len(remaining) != len(file.Network.Obligations) {
		return fmt.Errorf("write %s: %d remaining amounts for %d obligations", file.Name, len(remaining), len(file.Network.Obligations))
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	var line []byte
	for i, c := range file.Order {
		if i > 0 {
			line = append(line, ',')
		}
		line = append(line, columns[c]...)
	}
	line = append(line, '\n')
	bw.Write(line)
	for i, o := range file.Network.Obligations {
		r := remaining[i]
		if r <= 0 {
			continue
		}
		line = line[:0]
		for j, c := range file.Order {
			if j > 0 {
				line = append(line, ',')
			}
			switch c {
			case 0:
				line = appendName(line, file.Names[o.Debtor])
			case 1:
				line = appendName(line, file.Names[o.Creditor])
			case 2:
				line = file.Form.Append(line, r)
			}
		}
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// Append appends a in the form: digits for Units, a decimal with a point for Tokens
// ("3.0" for three tokens, so that it reads back as tokens).
func (f Form) Append(b []byte, a ledger.Amount) []byte {
	if f == Units {
		return strconv.AppendInt(b, a, 10)
	}
	start := len(b)
	b = ledger.AppendFormat(b, a)
	if bytes.IndexByte(b[start:], '.') < 0 {
		b = append(b, ".0"...)
	}
	return b
}

// appendName appends a name, quoted if it holds a comma or a quote.
func appendName(b []byte, name string) []byte {
	if !strings.ContainsAny(name, ",\"") {
		return append(b, name...)
	}
	b = append(b, '"')
	for i := 0; i < len(name); i++ {
		if name[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, name[i])
	}
	return append(b, '"')
}
