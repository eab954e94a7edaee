package plan

import (
	"container/heap"
	"time"
)

// Iter yields a configuration's notifications in time order. It holds one
// entry per rule, and the SMS waiting out the quiet hours.
type Iter struct {
	cfg      *Config
	from, to time.Time
	h        entryHeap
	ready    []Notification
	head     int
	seq      int
}

// entry is a rule's next firing, or a deferred SMS (r nil), in the heap.
// Entries are ordered by send time, then by prio: the rule's place in
// the configuration, or the order in which SMS were deferred.
type entry struct {
	prio   int
	at     time.Time
	ev     time.Time
	cursor time.Time
	r      *rule
	n      *Notification
}

// entryHeap is the merge of the rules' next firings (container/heap).
type entryHeap []entry

func (h entryHeap) Len() int { return len(h) }
func (h entryHeap) Less(i, j int) bool {
	if c := h[i].at.Compare(h[j].at); c != 0 {
		return c < 0
	}
	return h[i].prio < h[j].prio
}
func (h entryHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *entryHeap) Push(x any)   { *h = append(*h, x.(entry)) }
func (h *entryHeap) Pop() any {
	old := *h
	n := len(old) - 1
	e := old[n]
	old[n] = entry{}
	*h = old[:n]
	return e
}

// Expand returns an iterator over the notifications sent in [from, to); a
// zero to means no end. Notifications at the same time come in plan order.
func (c *Config) Expand(from, to time.Time) *Iter {
	it := &Iter{cfg: c, from: from, to: to}
	// An SMS can be deferred by up to a day of quiet hours, so rules are
	// started early enough to catch one that lands after from.
	quietBack := time.Duration(0)
	if !c.Service.QuietHours.IsZero() {
		quietBack = 24 * time.Hour
	}
	rules := c.compile()
	it.h = make(entryHeap, 0, len(rules))
	for i, r := range rules {
		ev, cur, ok := r.src.first(from.Add(-r.lookback - quietBack))
		for ok {
			at := r.at(ev)
			if !at.Before(from.Add(-quietBack)) {
				it.h = append(it.h, entry{prio: i, at: at, ev: ev, cursor: cur, r: r})
				break
			}
			ev, cur, ok = r.src.next(ev, cur)
		}
	}
	it.seq = len(it.h)
	heap.Init(&it.h)
	return it
}

// Next returns the next notification, or false when there is none before
// the end of the range.
func (it *Iter) Next() (Notification, bool) {
	for it.head == len(it.ready) {
		it.ready, it.head = it.ready[:0], 0
		if len(it.h) == 0 || (!it.to.IsZero() && !it.h[0].at.Before(it.to)) {
			return Notification{}, false
		}
		e := &it.h[0]
		if e.r == nil {
			n := e.n
			heap.Pop(&it.h)
			if !n.At.Before(it.from) {
				it.ready = append(it.ready, *n)
			}
			continue
		}
		it.emit(e.r, e.ev, e.at)
		if ev, cur, ok := e.r.src.next(e.ev, e.cursor); ok {
			e.ev, e.cursor, e.at = ev, cur, e.r.at(ev)
			heap.Fix(&it.h, 0)
		} else {
			heap.Pop(&it.h)
		}
	}
	n := it.ready[it.head]
	it.ready[it.head] = Notification{}
	it.head++
	return n, true
}

// emit builds the notifications of one firing of a rule.
func (it *Iter) emit(r *rule, ev, at time.Time) {
	if r.skip != nil && r.skip(ev) {
		return
	}
	p, task := r.plan, r.taskID
	var deadlineID string
	if r.deadline != nil {
		deadlineID = occurrenceID(r.planID, task, r.deadline, ev)
	}
	var origAt time.Time
	if r.ackOf != nil {
		origAt = r.ackOf.at(ev)
	}
	quiet := it.cfg.Service.QuietHours
	for _, rc := range r.recips {
		n := Notification{
			At: at, Plan: r.planID, Task: task, Rule: r.key, Kind: r.kind, Unit: rc.unit, Role: rc.role,
			Channels: rc.channels, Condition: r.cond, DeadlineID: deadlineID, Event: ev, Seq: r.seq,
		}
		n.ID = NotificationID(r.planID, task, r.key, at, rc.unit)
		n.AckID = n.ID
		switch {
		case r.ackOf != nil && rc.about == nil:
			n.About = []Subject{{Unit: rc.unit, ID: NotificationID(r.planID, task, r.ackOf.key, origAt, rc.unit)}}
		case r.ackOf != nil:
			n.About = make([]Subject, len(rc.about))
			for i, u := range rc.about {
				n.About[i] = Subject{Unit: u, ID: NotificationID(r.planID, task, r.ackOf.key, origAt, u)}
			}
		case r.cond == NotDone && rc.about == nil:
			n.About = []Subject{{Unit: rc.unit, ID: deadlineID}}
		case r.cond == NotDone:
			n.About = make([]Subject, len(rc.about))
			for i, u := range rc.about {
				n.About[i] = Subject{Unit: u, ID: deadlineID}
			}
		}
		if hasChannel(n.Channels, ChannelSMS) {
			if end, inside := quiet.End(at.In(p.Location)); inside {
				sms := n
				sms.Channels = []string{ChannelSMS}
				sms.At = end
				sms.Deferred = true
				sms.ID = NotificationID(r.planID, task, r.key+"/after-quiet-hours", at, rc.unit)
				it.seq++
				heap.Push(&it.h, entry{prio: it.seq, at: end, n: &sms})
				n.Channels = without(n.Channels, ChannelSMS)
				if len(n.Channels) == 0 {
					continue
				}
			}
		}
		if !at.Before(it.from) {
			it.ready = append(it.ready, n)
		}
	}
}

func hasChannel(chs []string, ch string) bool {
	for _, c := range chs {
		if c == ch {
			return true
		}
	}
	return false
}

func without(chs []string, ch string) []string {
	out := make([]string, 0, len(chs))
	for _, c := range chs {
		if c != ch {
			out = append(out, c)
		}
	}
	return out
}
