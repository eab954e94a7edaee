package draft

import (
	"slices"
	"strings"

	"github.com/nhacviec/nhacviec/lang"
)

// Report is what a draft understood of the document and what it could
// not place, for a person to read before the draft itself.
type Report struct {
	// Understood are the lines of what was read: the plan, each task with
	// its units, times and reports, the recipients, the proposed units.
	Understood []lang.Message
	// NotPlaced are the paragraphs no element of the draft came from.
	NotPlaced []Note
	unit      lang.Message
}

func msg(key string, args ...any) lang.Message { return lang.Message{Key: key, Args: args} }

// report makes the report of d.
func (d *Draft) report() *Report {
	r := &Report{NotPlaced: d.NotPlaced, unit: d.Doc.Unit}
	none := msg("draft.r.none")
	or := func(s string) any {
		if s == "" {
			return none
		}
		return s
	}
	r.Understood = append(r.Understood, msg("draft.r.plan", or(d.Title), d.Year, or(d.Issuer), or(d.Number), or(d.Signer)))
	r.Understood = append(r.Understood, msg("draft.r.tasks", len(d.Tasks)))
	var guessed []string
	for _, t := range d.Tasks {
		support := any("")
		if len(t.Support) > 0 {
			support = msg("draft.r.support", strings.Join(t.Support, ", "))
		}
		when := any(msg("draft.r.ongoing"))
		switch {
		case t.When.From != "":
			when = t.When.From + "–" + t.When.To
		case t.When.On != "":
			when = t.When.On
		case t.When.Before != "":
			when = "≤ " + t.When.Before
		}
		r.Understood = append(r.Understood, msg("draft.r.task", t.Ref, t.ID, strings.Join(t.Lead, ", "), support, lang.Message{Key: "draft.r.when", Args: []any{when}}))
		if t.LeadGuessed {
			guessed = append(guessed, t.ID)
		}
		for _, dl := range t.Deadlines {
			due := dl.Due
			if due == "" {
				due = dl.DueEvery
			}
			tentative := any("")
			if dl.Tentative {
				tentative = msg("draft.r.tentative")
			}
			r.Understood = append(r.Understood, msg("draft.r.deadline", dl.ID, strings.Join(dl.By, ", "), strings.Join(dl.To, ", "), due, tentative))
		}
	}
	if len(guessed) > 0 {
		r.Understood = append(r.Understood, msg("draft.r.guessed", d.Owner, strings.Join(guessed, ", ")))
	}
	if len(d.Recipients) > 0 {
		var ids []string
		for _, rc := range d.Recipients {
			if !slices.Contains(ids, rc.Unit) {
				ids = append(ids, rc.Unit)
			}
		}
		r.Understood = append(r.Understood, msg("draft.r.recip", strings.Join(ids, ", ")))
	}
	if d.Archive != nil {
		r.Understood = append(r.Understood, msg("draft.r.archive"))
	}
	if len(d.Units) > 0 {
		var ids []string
		for _, u := range d.Units {
			ids = append(ids, u.ID)
		}
		r.Understood = append(r.Understood, msg("draft.r.units", len(ids), strings.Join(ids, ", ")))
	}
	return r
}

// Text renders the report in l, one line each.
func (r *Report) Text(l lang.Lang) string {
	var b strings.Builder
	for _, m := range r.Understood {
		b.WriteString(m.Text(l))
		b.WriteByte('\n')
	}
	if len(r.NotPlaced) > 0 {
		b.WriteString(msg("draft.r.notplaced", len(r.NotPlaced)).Text(l))
		b.WriteByte('\n')
		for _, n := range r.NotPlaced {
			q := []rune(n.Quote)
			if len(q) > 70 {
				q = append(q[:70], '…')
			}
			b.WriteString("  " + r.unit.Text(l) + " " + itoa(n.Para) + ": “" + string(q) + "” — " + n.Why.Text(l) + "\n")
		}
	}
	return b.String()
}
