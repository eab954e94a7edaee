package web

import (
	"encoding/json"
	"slices"
	"sync"
	"time"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// Where each unit stands with each deadline: the dashboard's matrix and
// the overdue count of the metrics.
//
// A deadline occurrence (one due time of one deadline, plan.Occurrence)
// is listed with the notices the expansion of the plan sends about it, to
// tell which acknowledgements are about it. Its reporting units are the
// recipients of its deadline and overdue notices, and its overdue time is
// the send time of its first overdue notice: due + grace, unless the
// unit is reached by SMS alone and the quiet hours hold it back.
//
// A unit's state for an occurrence, from the store, the first that holds:
//
//   - done: it reported the occurrence done (an Ack of kind Done whose
//     Subject is the DeadlineID);
//   - escalated: an escalation about it was sent;
//   - overdue: due + grace has passed;
//   - received: it confirmed receipt of one of the occurrence's notices,
//     or the officer did on its behalf (a Received ack on the DeadlineID);
//   - not yet due.

// cellState is where a unit stands with a deadline occurrence.
type cellState string

// The states of a cell, as CSS classes and text keys ("state.cell.KEY").
const (
	stateNotYet    cellState = "notyet"
	stateReceived  cellState = "received"
	stateDone      cellState = "done"
	stateOverdue   cellState = "overdue"
	stateEscalated cellState = "escalated"
)

// occurrence is a deadline occurrence with its notices.
type occurrence struct {
	*plan.Occurrence
	OverdueAt time.Time // when its first overdue notice goes
	Units     []string  // the reporting units, in the plan's order
	// notices are the deadline and overdue notices to each unit: their
	// AckIDs and send times.
	notices map[string][]notice
}

// notice is a notification about an occurrence to one of its units.
type notice struct {
	ackID string
	at    time.Time
}

// has reports whether unit must report o.
func (o *occurrence) has(unit string) bool { return slices.Contains(o.Units, unit) }

// receipt names the occurrence and unit a notice's AckID is about.
type receipt struct {
	occ  string
	unit string
}

// deadlineIndex is what a configuration's expansion says about its
// deadlines. It depends on the configuration alone, so it is built once
// per configuration (boardCache).
type deadlineIndex struct {
	byPlan map[string][]*occurrence // in due order
	byID   map[string]*occurrence
	// receipts maps the AckID of every deadline and overdue notice.
	receipts map[string]receipt
	// escalations maps the id of every escalation to the units it is about.
	escalations map[string][]plan.Subject
}

// boardCache keeps the deadline index of the configuration in force.
type boardCache struct {
	mu  sync.Mutex
	cfg *plan.Config
	idx *deadlineIndex
}

// deadlines returns the deadline index of cfg.
func (s *Server) deadlines(cfg *plan.Config) *deadlineIndex {
	s.board.mu.Lock()
	defer s.board.mu.Unlock()
	if s.board.cfg != cfg || s.board.idx == nil {
		s.board.cfg, s.board.idx = cfg, indexDeadlines(cfg)
	}
	return s.board.idx
}

// noticeLead is how long before a plan's start its deadline notices may
// be sent (a remind: 30d of a deadline early in the plan).
const noticeLead = 92 * 24 * time.Hour

func indexDeadlines(cfg *plan.Config) *deadlineIndex {
	idx := &deadlineIndex{
		byPlan:      map[string][]*occurrence{},
		byID:        map[string]*occurrence{},
		receipts:    map[string]receipt{},
		escalations: map[string][]plan.Subject{},
	}
	if cfg == nil {
		return idx
	}
	for _, p := range cfg.Plans {
		one := *cfg
		one.Plans = []*plan.Plan{p}
		// Expanding to no end is finite: every source stops with the plan.
		it := one.Expand(p.Start().Add(-noticeLead), time.Time{})
		// The first overdue notice of each occurrence, on time, and the SMS
		// half of it deferred out of the quiet hours.
		firstOverdue, deferredOverdue := map[string]time.Time{}, map[string]time.Time{}
		for n, ok := it.Next(); ok; n, ok = it.Next() {
			if n.DeadlineID == "" {
				continue
			}
			if n.Kind == plan.KindEscalation {
				idx.escalations[n.ID] = n.About
				continue
			}
			if n.Role != plan.RoleReporter {
				continue
			}
			o := idx.byID[n.DeadlineID]
			if o == nil {
				occ := p.Occurrence(n.DeadlineID)
				if occ == nil {
					continue
				}
				o = &occurrence{Occurrence: occ, notices: map[string][]notice{}}
				idx.byID[o.ID] = o
				idx.byPlan[p.ID] = append(idx.byPlan[p.ID], o)
			}
			if !o.has(n.Unit) {
				o.Units = append(o.Units, n.Unit)
			}
			o.notices[n.Unit] = append(o.notices[n.Unit], notice{ackID: n.AckID, at: n.At})
			idx.receipts[n.AckID] = receipt{occ: o.ID, unit: n.Unit}
			if n.Kind == plan.KindOverdue && n.Seq == 1 {
				m := firstOverdue
				if n.Deferred {
					m = deferredOverdue
				}
				if at, ok := m[o.ID]; !ok || n.At.Before(at) {
					m[o.ID] = n.At
				}
			}
		}
		occs := idx.byPlan[p.ID]
		for _, o := range occs {
			// The notice goes at due + grace, but a unit reached by SMS
			// alone gets it only at the end of the quiet hours.
			switch at, ok := firstOverdue[o.ID]; {
			case ok:
				o.OverdueAt = at
			case !deferredOverdue[o.ID].IsZero():
				o.OverdueAt = deferredOverdue[o.ID]
			default: // cannot be (overdue_max ≥ 1)
				o.OverdueAt = o.Overdue[0]
			}
		}
		slices.SortStableFunc(occs, func(a, b *occurrence) int { return a.Due.Compare(b.Due) })
	}
	return idx
}

// cellKey names a unit's cell of an occurrence.
type cellKey struct{ occ, unit string }

// boardState is what the store says about the occurrences.
type boardState struct {
	done      map[cellKey]store.Ack
	received  map[cellKey]store.Ack
	escalated map[cellKey]time.Time // when the first escalation about it was sent
}

// boardStore is what the board reads of the store.
type boardStore interface {
	Acks(fn func(store.Ack) error) error
	Deliveries(fn func(store.Delivery) error) error
}

// readBoard reads the acknowledgements and the escalations sent.
func readBoard(idx *deadlineIndex, st boardStore) (*boardState, error) {
	b := &boardState{done: map[cellKey]store.Ack{}, received: map[cellKey]store.Ack{}, escalated: map[cellKey]time.Time{}}
	err := st.Acks(func(a store.Ack) error {
		switch a.Kind {
		case store.Done:
			if _, ok := idx.byID[a.Subject]; ok {
				b.done[cellKey{a.Subject, a.Unit}] = a
			}
		case store.Received:
			k := cellKey{a.Subject, a.Unit}
			if _, ok := idx.byID[a.Subject]; !ok {
				r, ok := idx.receipts[a.Subject]
				if !ok || r.unit != a.Unit {
					return nil
				}
				k = cellKey{r.occ, a.Unit}
			}
			if old, ok := b.received[k]; !ok || a.At.Before(old.At) {
				b.received[k] = a
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = st.Deliveries(func(d store.Delivery) error {
		if d.Kind != string(plan.KindEscalation) || d.State != store.Sent {
			return nil
		}
		about, ok := idx.escalations[d.ID]
		if !ok {
			// Sent under an earlier configuration: its payload says.
			var n plan.Notification
			if json.Unmarshal(d.Payload, &n) != nil {
				return nil
			}
			about = n.About
		}
		for _, sub := range about {
			k := cellKey{sub.ID, sub.Unit}
			if at, ok := b.escalated[k]; !ok || d.SentAt.Before(at) {
				b.escalated[k] = d.SentAt
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return b, nil
}

// state returns where unit stands with o at now.
func (b *boardState) state(o *occurrence, unit string, now time.Time) cellState {
	k := cellKey{o.ID, unit}
	if _, ok := b.done[k]; ok {
		return stateDone
	}
	if _, ok := b.escalated[k]; ok {
		return stateEscalated
	}
	if !now.Before(o.OverdueAt) {
		return stateOverdue
	}
	if _, ok := b.received[k]; ok {
		return stateReceived
	}
	return stateNotYet
}

// overdueItems counts the (occurrence, unit) pairs past due + grace and
// not reported done, across every plan: the nhacviec_overdue_items gauge.
// Paused tasks count: pausing stops the reminders, not the lateness.
func (s *Server) overdueItems() (int, error) {
	cfg := s.config()
	if cfg == nil {
		return 0, nil
	}
	idx := s.deadlines(cfg)
	b, err := readBoard(idx, s.opts.Store)
	if err != nil {
		return 0, err
	}
	now := s.opts.Now()
	count := 0
	for _, occs := range idx.byPlan {
		for _, o := range occs {
			if now.Before(o.OverdueAt) {
				continue
			}
			for _, u := range o.Units {
				if _, done := b.done[cellKey{o.ID, u}]; !done {
					count++
				}
			}
		}
	}
	return count, nil
}
