package game

import (
	"errors"
	"strings"
	"testing"
)

func TestAnswer(t *testing.T) {
	g, err := New("", 1)
	must(t, err)
	tests := []struct {
		id, value string
		want      string // the stored answer, or "" for a refusal
	}{
		{QName, "Riverside Care", "Riverside Care"},
		{QName, "  Coopérative Ünïcode 協同組合  ", "Coopérative Ünïcode 協同組合"},
		{QName, strings.Repeat("é", MaxText), strings.Repeat("é", MaxText)},
		{QName, strings.Repeat("x", MaxText+1), ""},
		{QName, "", ""},
		{QName, "bell\a", ""},
		{QName, "bad \xff utf-8", ""},
		{QType, "producer", "producer"},
		{QType, "capitalist", ""},
		{QType, "worker,consumer", ""},
		{QSector, "food", "food"},
		{QSector, "mining", ""},
		{QFounders, "4", "4"},
		{QFounders, "0", ""},
		{QFounders, "51", ""},
		{QFounders, "-3", ""},
		{QFounders, "three", ""},
		{QPay, "750", "750"},
		{QPay, "-1", ""},
		{QRoles, "finance, coordinator", "coordinator,finance"},
		{QRoles, "finance,finance", "finance"},
		{QRoles, "", ""},
		{QRoles, "boss", ""},
		{"favourite_colour", "red", ""},
	}
	for _, tt := range tests {
		err := g.Answer(tt.id, tt.value)
		if tt.want == "" {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != tt.id {
				t.Errorf("Answer(%s, %.20q) = %v, want an InputError for %s", tt.id, tt.value, err, tt.id)
			}
			continue
		}
		if err != nil || g.Answers[tt.id] != tt.want {
			t.Errorf("Answer(%s, %.20q): %v, stored %.20q, want %.20q", tt.id, tt.value, err, g.Answers[tt.id], tt.want)
		}
	}
}

func TestToggleAndAdvice(t *testing.T) {
	g, err := New("", 1)
	must(t, err)
	must(t, g.Answer(QRoles, "finance"))
	must(t, g.Toggle(QRoles, "marketing"))
	must(t, g.Toggle(QRoles, "finance"))
	if got := g.Answers[QRoles]; got != "marketing" {
		t.Errorf("roles after toggles = %q, want marketing", got)
	}
	if err := g.Toggle(QRoles, "marketing"); err == nil {
		t.Error("toggling off the last role was accepted; a co-op needs at least one role")
	}
	must(t, g.Answer(QType, "consumer"))
	if a := g.Advice(QType); !strings.Contains(a, "buy from it") {
		t.Errorf("Advice(type) = %q, want the consumer co-op's advice", a)
	}
	must(t, g.Answer(QSector, "care"))
	if a := g.Advice(QPay); !strings.Contains(a, "750") {
		t.Errorf("Advice(pay) = %q, want the care wage of 750 from the scenario", a)
	}
	for _, q := range g.Questions() {
		if q.Prompt == "" {
			t.Errorf("question %s has no prompt", q.ID)
		}
		for _, o := range q.Options {
			if o.Advice == "" {
				t.Errorf("question %s option %s has no advice", q.ID, o.Value)
			}
		}
	}
}

func TestAdvanceFromKind(t *testing.T) {
	g, err := New("", 1)
	must(t, err)
	g.Answers[QName] = ""
	if err := g.Advance(); err == nil || g.Phase != PhaseKind {
		t.Fatalf("Advance with no name: %v, phase %v; want a refusal in phase 1", err, g.Phase)
	}
	must(t, g.Answer(QName, "Riverside Care"))
	must(t, g.Answer(QDecision, "sociocracy"))
	must(t, g.Advance())
	if g.Phase != PhaseCanvas || g.Reached != PhaseCanvas {
		t.Fatalf("phase %v reached %v, want the canvas", g.Phase, g.Reached)
	}
	if g.Canvas[BoxPay] != g.Answers[QPay] || !strings.Contains(g.Canvas[BoxGovernance], "sociocracy") {
		t.Errorf("canvas pay %q governance %q: want phase 1's pay and decision carried over", g.Canvas[BoxPay], g.Canvas[BoxGovernance])
	}
	if err := g.GoTo(PhaseLiving); err == nil {
		t.Error("GoTo(Living) before reaching it was allowed")
	}
	must(t, g.GoTo(PhaseKind))
	if g.Phase != PhaseKind {
		t.Errorf("GoTo(Kind): phase %v", g.Phase)
	}
}
