// Package report sums up where a configuration's plans stand: per plan,
// task and unit, what was sent, is pending, failed, was missed,
// acknowledged or is overdue, and what comes next. The status command and
// the dashboard show it.
package report

import (
	"sort"
	"time"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/progress"
	"github.com/nhacviec/nhacviec/store"
)

// Source is what a report reads of the store: the deliveries and the
// acknowledgements, as progress reads them.
type Source interface {
	progress.Store
}

// Row counts the notifications of one unit in one task (a notification
// sent on two channels counts once).
type Row struct {
	Plan         string `json:"plan"`
	Task         string `json:"task"`
	Unit         string `json:"unit"`
	Sent         int    `json:"sent"`
	Outbox       int    `json:"outbox"` // kept in the outbox, not sent: its channel is not configured
	Pending      int    `json:"pending"`
	Failed       int    `json:"failed"`
	Missed       int    `json:"missed"`
	Skipped      int    `json:"skipped"`
	Acknowledged int    `json:"acknowledged"`
	// Overdue counts the deadline occurrences the unit is late with
	// (progress.State.Late): past due + grace and not reported done.
	Overdue int `json:"overdue"`
}

// Upcoming is a notification still to be sent.
type Upcoming struct {
	At   time.Time `json:"at"`
	ID   string    `json:"id"`
	Plan string    `json:"plan"`
	Task string    `json:"task"`
	Unit string    `json:"unit"`
	Kind plan.Kind `json:"kind"`
}

// Report is the state of every plan at one time.
type Report struct {
	Now  time.Time  `json:"now"`
	Rows []Row      `json:"rows"`
	Next []Upcoming `json:"next"`
	// Running tells whether the report came from the running daemon.
	Running bool `json:"running"`
}

type rowKey struct{ plan, task, unit string }

// rank orders delivery states: the best channel of a notification decides
// how it counts.
var rank = map[store.State]int{store.Sent: 6, store.Sending: 5, store.Retrying: 5, store.Pending: 5, store.Failed: 4, store.Missed: 3, store.Skipped: 2}

// Build reads the store and expands the plans from now on; next is how many
// upcoming notifications to list.
func Build(cfg *plan.Config, src Source, now time.Time, next int) (*Report, error) {
	best := map[string]store.Delivery{}
	noPayload := func(*store.Delivery) bool { return false }
	err := src.DeliveriesWith(noPayload, func(d store.Delivery) error {
		if b, ok := best[d.ID]; !ok || score(d) > score(b) {
			best[d.ID] = d
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	rows := map[rowKey]*Row{}
	row := func(k rowKey) *Row {
		r := rows[k]
		if r == nil {
			r = &Row{Plan: k.plan, Task: k.task, Unit: k.unit}
			rows[k] = r
		}
		return r
	}
	for _, d := range best {
		r := row(rowKey{d.Plan, d.Task, d.Unit})
		switch d.State {
		case store.Sent:
			if keptInOutbox(d) {
				r.Outbox++ // outbox.go
				break
			}
			r.Sent++
		case store.Failed:
			r.Failed++
		case store.Missed:
			r.Missed++
		case store.Skipped:
			r.Skipped++
		default:
			r.Pending++
		}
	}
	err = src.Acks(func(a store.Ack) error {
		row(rowKey{a.Plan, a.Task, a.Unit}).Acknowledged++
		return nil
	})
	if err != nil {
		return nil, err
	}
	board, err := progress.Read(progress.IndexOf(cfg), src)
	if err != nil {
		return nil, err
	}
	for o, unit := range board.Late(now) {
		row(rowKey{o.Plan, o.Task.ID, unit}).Overdue++
	}
	rep := &Report{Now: now}
	end := time.Time{}
	for _, p := range cfg.Plans {
		if p.End().After(end) {
			end = p.End()
		}
	}
	it := cfg.Expand(now, end)
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		if _, recorded := best[n.ID]; recorded {
			continue
		}
		row(rowKey{n.Plan, n.Task, n.Unit}).Pending++
		if len(rep.Next) < next {
			rep.Next = append(rep.Next, Upcoming{At: n.At, ID: n.ID, Plan: n.Plan, Task: n.Task, Unit: n.Unit, Kind: n.Kind})
		}
	}
	for _, r := range rows {
		rep.Rows = append(rep.Rows, *r)
	}
	sort.Slice(rep.Rows, func(i, j int) bool {
		a, b := rep.Rows[i], rep.Rows[j]
		if a.Plan != b.Plan {
			return a.Plan < b.Plan
		}
		if a.Task != b.Task {
			return a.Task < b.Task
		}
		return a.Unit < b.Unit
	})
	return rep, nil
}
