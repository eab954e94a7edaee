package progress

import (
	"encoding/json"
	"fmt"
	"iter"
	"time"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// State is where a unit stands with a deadline occurrence. Its values are
// the dashboard's CSS classes and text keys.
type State string

// The states of a unit for an occurrence. State gives the first that
// holds, in this order: Done, Escalated, Overdue, Received, NotYet.
const (
	// Done: the unit reported the occurrence done (an Ack of kind Done
	// whose Subject is the occurrence's id), late or not.
	Done State = "done"
	// Escalated: an escalation about the unit and the occurrence was sent
	// (a failed or missed one does not count).
	Escalated State = "escalated"
	// Overdue: the occurrence's OverdueAt has passed (due + grace, when the
	// first overdue notice goes), whether or not that notice could be sent.
	Overdue State = "overdue"
	// Received: the unit confirmed receipt of one of the occurrence's
	// notices, or the officer did on its behalf (a Received Ack on the
	// occurrence's id).
	Received State = "received"
	// NotYet: none of the above; the report is not due yet, or within its
	// grace.
	NotYet State = "notyet"
)

// Late reports whether a unit in state s is late with its report: past
// due + grace (or escalated), not reported done, in a plan the daemon
// followed by then (Board.Judged). The digest lists these units, the
// dashboard shows them first, the metrics and status count them.
func (s State) Late() bool { return s == Overdue || s == Escalated }

// Store is what a Board reads of the store. *store.DB has both.
type Store interface {
	Acks(fn func(store.Ack) error) error
	DeliveriesWith(payload func(*store.Delivery) bool, fn func(store.Delivery) error) error
}

// cell names a unit's duty to report an occurrence.
type cell struct{ occ, unit string }

// Board is what the store says about the occurrences of an Index: the
// reports done, the receipts, the escalations sent, and since when it
// follows each plan.
type Board struct {
	idx       *Index
	done      map[cell]store.Ack
	received  map[cell]store.Ack // the first receipt
	escalated map[cell]time.Time // when the first escalation was sent
	// since is, by plan, the due time of the first notification the
	// store has a record of: the daemon followed the plan from then on.
	// What fell due before a plan was first loaded is neither sent nor
	// recorded (catch-up), nor judged here.
	since map[string]time.Time
}

// Read reads the acknowledgements and the escalations sent from st.
func Read(idx *Index, st Store) (*Board, error) {
	b := &Board{idx: idx, done: map[cell]store.Ack{}, received: map[cell]store.Ack{}, escalated: map[cell]time.Time{},
		since: map[string]time.Time{}}
	if err := st.Acks(b.addAck); err != nil {
		return nil, fmt.Errorf("read progress: %w", err)
	}
	// An escalation the index knows needs no payload; one sent under an
	// earlier configuration says in its payload what it was about.
	payload := func(d *store.Delivery) bool {
		_, known := idx.escalations[d.ID]
		return d.Kind == string(plan.KindEscalation) && d.State == store.Sent && !known
	}
	if err := st.DeliveriesWith(payload, b.addDelivery); err != nil {
		return nil, fmt.Errorf("read progress: %w", err)
	}
	return b, nil
}

func (b *Board) addAck(a store.Ack) error {
	switch a.Kind {
	case store.Done:
		if _, ok := b.idx.byID[a.Subject]; ok {
			b.done[cell{a.Subject, a.Unit}] = a
		}
	case store.Received:
		k := cell{a.Subject, a.Unit}
		if _, ok := b.idx.byID[a.Subject]; !ok {
			r, ok := b.idx.receipts[a.Subject]
			if !ok || r.unit != a.Unit {
				return nil
			}
			k.occ = r.occ
		}
		if old, ok := b.received[k]; !ok || a.At.Before(old.At) {
			b.received[k] = a
		}
	}
	return nil
}

func (b *Board) addDelivery(d store.Delivery) error {
	if since, ok := b.since[d.Plan]; !ok || d.Due.Before(since) {
		b.since[d.Plan] = d.Due
	}
	if d.Kind != string(plan.KindEscalation) || d.State != store.Sent {
		return nil
	}
	about, ok := b.idx.escalations[d.ID]
	if !ok {
		var n plan.Notification
		if json.Unmarshal(d.Payload, &n) != nil || n.Condition != plan.NotDone {
			return nil // unreadable, or about a receipt, not a report
		}
		about = n.About
	}
	for _, sub := range about {
		k := cell{sub.ID, sub.Unit}
		if at, ok := b.escalated[k]; !ok || d.SentAt.Before(at) {
			b.escalated[k] = d.SentAt
		}
	}
	return nil
}

// State returns where unit stands at now with the occurrence whose id is
// occ: the first of Done, Escalated, Overdue, Received and NotYet that
// holds. It is "" if the index has no such occurrence, the unit does not
// report it, or the board does not judge it (Judged).
func (b *Board) State(occ, unit string, now time.Time) State {
	o := b.idx.byID[occ]
	if o == nil || !o.Reports(unit) || !b.Judged(o, now) {
		return ""
	}
	k := cell{occ, unit}
	if _, ok := b.done[k]; ok {
		return Done
	}
	if _, ok := b.escalated[k]; ok {
		return Escalated
	}
	if !now.Before(o.OverdueAt) {
		return Overdue
	}
	if _, ok := b.received[k]; ok {
		return Received
	}
	return NotYet
}

// Judged reports whether the board says anything of o at now: whether
// the daemon followed o's plan when o fell overdue, which the store tells
// by a record of a notification of the plan due no later. Without one,
// o's overdue notices were neither sent nor recorded (the plan was first
// loaded later, as in a rehearsal that starts in the middle of a plan),
// and nobody can tell whether its units reported. An occurrence not yet
// overdue at now is judged: it will be followed.
func (b *Board) Judged(o *Occurrence, now time.Time) bool {
	if now.Before(o.OverdueAt) {
		return true
	}
	since, ok := b.since[o.Plan]
	return ok && !o.OverdueAt.Before(since)
}

// Plan returns the occurrences of plan id that the board judges at now
// (Judged), in due order.
func (b *Board) Plan(id string, now time.Time) []*Occurrence {
	var out []*Occurrence
	for _, o := range b.idx.byPlan[id] {
		if b.Judged(o, now) {
			out = append(out, o)
		}
	}
	return out
}

// Done returns unit's report that occurrence occ is done, if it made one.
func (b *Board) Done(occ, unit string) (store.Ack, bool) {
	a, ok := b.done[cell{occ, unit}]
	return a, ok
}

// Received returns unit's first receipt of occurrence occ or of one of
// its notices, if any.
func (b *Board) Received(occ, unit string) (store.Ack, bool) {
	a, ok := b.received[cell{occ, unit}]
	return a, ok
}

// Escalated returns when the first escalation about unit and occurrence
// occ was sent, if one was.
func (b *Board) Escalated(occ, unit string) (time.Time, bool) {
	at, ok := b.escalated[cell{occ, unit}]
	return at, ok
}

// Late yields every occurrence and unit late at now (State.Late), plan by
// plan in the configuration's order, the occurrences in due order and
// their units in the plan's order.
func (b *Board) Late(now time.Time) iter.Seq2[*Occurrence, string] {
	return func(yield func(*Occurrence, string) bool) {
		for _, p := range b.idx.plans {
			for _, o := range b.idx.byPlan[p] {
				for _, u := range o.By {
					if b.State(o.ID, u, now).Late() && !yield(o, u) {
						return
					}
				}
			}
		}
	}
}
