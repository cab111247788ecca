package governance

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// VotesHeader is the header of votes.csv: one row per vote. The first twelve columns
// are the DAO's per-vote figures; cast, abstained and lost_other complete the balance
// (cast + abstained + lost_cycles + lost_other = eligible). outcome and direct_outcome
// are option numbers, -1 for no decision.
const VotesHeader = "id,level,eligible,direct,delegated,lost_cycles,max_weight,gini_power,mean_chain,max_chain,outcome,direct_outcome,cast,abstained,lost_other"

// GraphHeader is the header of a vote's delegation graph file: one row per voter.
// delegate is the voter its vote was handed to (empty for a direct vote, an
// abstention or a program that votes); program is the voter's program (1-based, as
// Electorate.Program) when the program acted for it; weight is the voting power the
// voter finally casts (0 for those who delegated, abstained or were lost); choice is
// the option its own vote went to (empty when not cast).
const GraphHeader = "voter,delegate,program,weight,choice"

// VotesEncoder writes votes.csv rows to an io.Writer, the header before the first.
// Each row is one Write; file handling (atomic replace, appending) is the caller's.
type VotesEncoder struct {
	w      io.Writer
	buf    []byte
	header bool
}

// NewVotesEncoder returns an encoder writing to w.
func NewVotesEncoder(w io.Writer) *VotesEncoder { return &VotesEncoder{w: w} }

// Encode writes the row of vote id at level (a free label, such as "coop" or
// "region"; quoted as CSV requires).
func (v *VotesEncoder) Encode(id int64, level string, s *Stats) error {
	b := v.buf[:0]
	if !v.header {
		b = append(b, VotesHeader...)
		b = append(b, '\n')
	}
	b = strconv.AppendInt(b, id, 10)
	b = append(b, ',')
	b = appendField(b, level)
	for _, x := range [...]int64{s.Eligible, s.Direct, s.Delegated, s.LostCycles, s.MaxWeight} {
		b = append(b, ',')
		b = strconv.AppendInt(b, x, 10)
	}
	b = append(b, ',')
	b = strconv.AppendFloat(b, s.GiniPower, 'g', -1, 64)
	b = append(b, ',')
	b = strconv.AppendFloat(b, s.MeanChain, 'g', -1, 64)
	for _, x := range [...]int64{s.MaxChain, int64(s.Outcome), int64(s.DirectOutcome), s.Cast, s.Abstained, s.LostOther} {
		b = append(b, ',')
		b = strconv.AppendInt(b, x, 10)
	}
	b = append(b, '\n')
	v.buf = b
	if _, err := v.w.Write(b); err != nil {
		return fmt.Errorf("write votes row %d: %w", id, err)
	}
	v.header = true
	return nil
}

// appendField appends s as a CSV field, quoted when it holds a comma, a quote, a line
// break or surrounding space.
func appendField(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\r\n") && strings.TrimSpace(s) == s {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := range len(s) {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// WriteGraph writes the delegation graph of a resolved vote (GraphHeader), one row per
// voter, in voter order, buffered in 64 KiB writes.
func WriteGraph(w io.Writer, e *Electorate, res *Result) error { return WriteGraphIDs(w, e, res, nil) }

// WriteGraphIDs is WriteGraph with the voters (and delegates) written as ids[i]
// instead of their index i in the electorate (the members' own numbers, say); nil ids
// writes the indices.
func WriteGraphIDs(w io.Writer, e *Electorate, res *Result, ids []int32) error {
	n := len(e.Direct)
	if len(res.Weight) != n || len(res.Next) != n || len(res.Choice) != n {
		return fmt.Errorf("write graph: result of %d voters for an electorate of %d", len(res.Weight), n)
	}
	if ids != nil && len(ids) != n {
		return fmt.Errorf("write graph: %d ids for an electorate of %d", len(ids), n)
	}
	id := func(i int32) int64 {
		if ids == nil {
			return int64(i)
		}
		return int64(ids[i])
	}
	const chunk = 64 << 10
	b := make([]byte, 0, chunk+64)
	b = append(b, GraphHeader...)
	b = append(b, '\n')
	for i := range n {
		b = strconv.AppendInt(b, id(int32(i)), 10)
		b = append(b, ',')
		if res.Next[i] >= 0 {
			b = strconv.AppendInt(b, id(res.Next[i]), 10)
		}
		b = append(b, ',')
		if e.usedProgram(i) {
			b = strconv.AppendInt(b, int64(e.Program[i]), 10)
		}
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(res.Weight[i]), 10)
		b = append(b, ',')
		if res.Choice[i] >= 0 {
			b = strconv.AppendInt(b, int64(res.Choice[i]), 10)
		}
		b = append(b, '\n')
		if len(b) >= chunk {
			if _, err := w.Write(b); err != nil {
				return fmt.Errorf("write graph: %w", err)
			}
			b = b[:0]
		}
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write graph: %w", err)
	}
	return nil
}

// usedProgram reports whether voter i's program acted for it: no vote or abstention
// in person, no person delegation, a program.
func (e *Electorate) usedProgram(i int) bool {
	return e.Direct[i] == NoVote && (e.Delegate == nil || e.Delegate[i] < 0) && e.Program != nil && e.Program[i] > 0
}
