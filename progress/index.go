package progress

import (
	"slices"
	"sync"
	"time"

	"github.com/nhacviec/nhacviec/plan"
)

// Occurrence is a deadline occurrence (plan.Occurrence: one due time of
// one deadline, and the units that must report it, By) with what the
// expansion of the plan sends about it.
type Occurrence struct {
	*plan.Occurrence
	// OverdueAt is when its first overdue notice goes, and so when a unit
	// that has not reported is late: due + grace, unless every reporting
	// unit is reached by SMS alone and the quiet hours hold the notices
	// back until their end.
	OverdueAt time.Time
	notices   map[string][]Notice
}

// Notice is a deadline or overdue notice about an occurrence to one of
// its reporting units.
type Notice struct {
	AckID string    // what a receipt of it hangs on (plan.Notification.AckID)
	At    time.Time // when it is sent
}

// Reports reports whether unit must report o.
func (o *Occurrence) Reports(unit string) bool { return slices.Contains(o.By, unit) }

// Notices returns the deadline and overdue notices of o to unit, in the
// order they are sent.
func (o *Occurrence) Notices(unit string) []Notice { return o.notices[unit] }

// receipt names the occurrence and unit the AckID of a notice is about.
type receipt struct{ occ, unit string }

// Index is what the expansion of a configuration says about the
// occurrences of its deadlines. It depends on the configuration alone, and
// is read only once built.
type Index struct {
	byPlan map[string][]*Occurrence // in due order
	byID   map[string]*Occurrence
	plans  []string // the plans' ids, in the configuration's order
	// receipts maps the AckID of every deadline and overdue notice.
	receipts map[string]receipt
	// escalations maps the id of every escalation about an occurrence to
	// the units it is about.
	escalations map[string][]plan.Subject
}

// Plan returns the occurrences of the deadlines of plan id, in due order.
func (ix *Index) Plan(id string) []*Occurrence { return ix.byPlan[id] }

// Occurrence returns the occurrence whose id is id (a notification's
// DeadlineID), or nil.
func (ix *Index) Occurrence(id string) *Occurrence { return ix.byID[id] }

// cache keeps the index of the configuration last asked for: the daemon
// has one configuration in force, which the dashboard, the metrics, the
// digest and the status report share.
var cache struct {
	sync.Mutex
	cfg *plan.Config
	idx *Index
}

// IndexOf returns the index of cfg, built once for the configuration in
// force (the last one asked for). A nil cfg has an empty index.
func IndexOf(cfg *plan.Config) *Index {
	cache.Lock()
	defer cache.Unlock()
	if cache.cfg != cfg || cache.idx == nil {
		cache.cfg, cache.idx = cfg, newIndex(cfg)
	}
	return cache.idx
}

// noticeLead is how long before a plan's start its deadline notices may
// be sent (a remind: 30d of a deadline early in the plan).
const noticeLead = 92 * 24 * time.Hour

func newIndex(cfg *plan.Config) *Index {
	ix := &Index{
		byPlan:      map[string][]*Occurrence{},
		byID:        map[string]*Occurrence{},
		receipts:    map[string]receipt{},
		escalations: map[string][]plan.Subject{},
	}
	if cfg == nil {
		return ix
	}
	for _, p := range cfg.Plans {
		ix.plans = append(ix.plans, p.ID)
		occs := make([]*Occurrence, 0, len(p.Occurrences()))
		for _, po := range p.Occurrences() {
			if len(po.By) == 0 {
				continue // no unit to report it
			}
			o := &Occurrence{Occurrence: po, notices: map[string][]Notice{}}
			occs = append(occs, o)
			ix.byID[o.ID] = o
		}
		ix.byPlan[p.ID] = occs
		ix.notices(cfg, p)
	}
	return ix
}

// notices expands plan p to index the notices of its occurrences, and
// sets each one's OverdueAt.
func (ix *Index) notices(cfg *plan.Config, p *plan.Plan) {
	one := *cfg
	one.Plans = []*plan.Plan{p}
	// When the first overdue notice of each occurrence goes: an SMS
	// deferred out of the quiet hours goes after the email of its time.
	first := map[string]time.Time{}
	// Expanding to no end is finite: every source stops with the plan.
	it := one.Expand(p.Start().Add(-noticeLead), time.Time{})
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		o := ix.byID[n.DeadlineID]
		switch {
		case o == nil:
			continue
		case n.Kind == plan.KindEscalation:
			ix.escalations[n.ID] = n.About
			continue
		case n.Role != plan.RoleReporter:
			continue
		}
		o.notices[n.Unit] = append(o.notices[n.Unit], Notice{AckID: n.AckID, At: n.At})
		ix.receipts[n.AckID] = receipt{occ: o.ID, unit: n.Unit}
		if at, ok := first[o.ID]; n.Kind == plan.KindOverdue && n.Seq == 1 && (!ok || n.At.Before(at)) {
			first[o.ID] = n.At
		}
	}
	for _, o := range ix.byPlan[p.ID] {
		o.OverdueAt = first[o.ID]
		if o.OverdueAt.IsZero() { // cannot be (overdue_max ≥ 1)
			o.OverdueAt = o.Overdue[0]
		}
	}
}
