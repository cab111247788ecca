package game

import (
	"errors"
	"strings"
	"testing"
)

func TestSetBox(t *testing.T) {
	g := atCanvas(t, 1)
	tests := []struct {
		id, value, want string // want "" for a refusal
	}{
		{BoxHowMany, "200", "200"},
		{BoxHowMany, "1,500", "1500"},
		{BoxHowMany, "0", ""},
		{BoxHowMany, "-5", ""},
		{BoxHowMany, "lots", ""},
		{BoxHowMany, "NaN", ""},
		{BoxHowMany, "Inf", ""},
		{BoxPrice, "19.5", "19.5"},
		{BoxPrice, "0", ""},
		{BoxBurn, "121", ""},
		{BoxFunding, "loan", "loan"},
		{BoxFunding, "crowdfunding", ""},
		{BoxCustomers, "Ältere Menschen – 高齢者", "Ältere Menschen – 高齢者"},
		{BoxCustomers, strings.Repeat("ab", MaxText), ""},
		{BoxCustomers, "   ", ""},
		{"colour", "red", ""},
	}
	for _, tt := range tests {
		err := g.SetBox(tt.id, tt.value)
		if tt.want == "" {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Errorf("SetBox(%s, %.20q) = %v, want an InputError", tt.id, tt.value, err)
			}
			continue
		}
		if err != nil || g.Canvas[tt.id] != tt.want {
			t.Errorf("SetBox(%s, %q): %v, stored %q, want %q", tt.id, tt.value, err, g.Canvas[tt.id], tt.want)
		}
	}
}

func TestCanvasCoversModel(t *testing.T) {
	// MODEL §12's boxes, each with a prompt.
	want := []string{BoxOnline, BoxOffering, BoxCoproduction, BoxCustomers, BoxWhy, BoxHowMany, BoxValue, BoxPrice,
		BoxAfford, BoxChannels, BoxRelationships, BoxActivities, BoxPay, BoxBurn, BoxMVS, BoxResources, BoxFunding,
		BoxSuppliers, BoxChanges, BoxLikelihood, BoxMembers, BoxGovernance}
	for _, id := range want {
		b, ok := BoxByID(id)
		if !ok || b.Prompt == "" || b.Title == "" {
			t.Errorf("box %s: %+v, want a titled box with a prompt", id, b)
		}
	}
}

func TestAdvanceNeedsEveryBox(t *testing.T) {
	g := atCanvas(t, 1)
	delete(g.Canvas, BoxSuppliers)
	err := g.Advance()
	if err == nil || !strings.Contains(err.Error(), "Suppliers") || g.Phase != PhaseCanvas {
		t.Fatalf("Advance with an empty box = %v (phase %v), want a refusal naming it", err, g.Phase)
	}
	must(t, g.SetBox(BoxSuppliers, "An energy co-op"))
	must(t, g.Advance())
	if g.Phase != PhaseTestCanvas || len(g.Tests) != len(Specs()) {
		t.Fatalf("phase %v with %d tests, want the Test Canvas with %d", g.Phase, len(g.Tests), len(Specs()))
	}
}

func TestHints(t *testing.T) {
	g := atCanvas(t, 1)
	for _, tt := range []struct{ id, want string }{
		{BoxPrice, "going price in care is about 2"},
		{BoxPay, "going rate in care is 750 tokens"},
		{BoxHowMany, "units a month of care from"},
		{BoxStartFunds, "3 founders × 750 tokens"},
		{BoxValue, ""},
	} {
		if got := g.Hint(tt.id); !strings.Contains(got, tt.want) || (tt.want == "") != (got == "") {
			t.Errorf("Hint(%s) = %q, want it to contain %q", tt.id, got, tt.want)
		}
	}
	must(t, g.GoTo(PhaseKind))
	must(t, g.Answer(QSector, "food"))
	if got := g.Hint(BoxPrice); !strings.Contains(got, "in food") {
		t.Errorf("after changing sector, Hint(price) = %q", got)
	}
}
