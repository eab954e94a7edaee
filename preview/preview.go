// Package preview compares what two configurations of one plan will send:
// the running one and a candidate (an edit not yet saved), so a person
// sees, before saving, the notifications an edit adds, removes and moves,
// and a message of each kind as it will be read.
package preview

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// ErrNoPlan means neither configuration has the plan asked for.
var ErrNoPlan = errors.New("no such plan")

// Result is what a candidate configuration changes in what a plan sends.
type Result struct {
	Added   []Item   `json:"added"`
	Removed []Item   `json:"removed"`
	Moved   []Move   `json:"moved"`
	Samples []Sample `json:"samples"`
}

// Item is a notification sent at one time, of one kind, for one task (and
// deadline), to units in one role: a reminder to 19 units is one Item.
type Item struct {
	At time.Time `json:"at"`
	// Kind is what the notification is for: distribution, reminder,
	// deadline, overdue or escalation (plan.Kind).
	Kind      string `json:"kind"`
	Task      string `json:"task,omitempty"`
	TaskTitle string `json:"task_title,omitempty"`
	// Deadline is the id of the deadline (deadlines[].id) a deadline,
	// overdue or escalation notice is about.
	Deadline string `json:"deadline,omitempty"`
	// Units are the ids of the units it goes to, in the plan's order.
	Units []string `json:"units"`
	// Role is why they receive it: lead, support, recipient, reporter,
	// superior or owner (plan.Role).
	Role string `json:"role"`
}

// Move is an Item that was sent at From and will be sent at At.
type Move struct {
	Item
	From time.Time `json:"from"`
}

// Sample is one message as its unit will read it, in the service
// language: an email's subject and text, or an SMS's text (no subject).
type Sample struct {
	Kind    string `json:"kind"`
	Unit    string `json:"unit"`
	Channel string `json:"channel"`
	Subject string `json:"subject,omitempty"`
	Text    string `json:"text"`
}

// Compare returns what candidate sends for plan id that running does not,
// what it no longer sends, and what moves, from `from` on, with one
// rendered message of each kind among what it adds (or, when it adds
// nothing, among all it sends). Either configuration may lack the plan (a
// new plan, a plan taken out); neither having it is ErrNoPlan. Times are
// in the candidate's service time zone.
//
// A notification keeps its identity when its time changes if it is the
// same rule of the same task, to the same unit in the same role: a
// reminder's form (before, before_end, on, every; at: start and at: end
// apart), a deadline's id (deadlines[].id, not its due time) and notice
// (remind, overdue n, escalate n), the repeat and the owner's notice of an
// ack_within. The notifications of one identity that keep their time are
// unchanged; those left are paired in time order (the first that left with
// the first that came) as moved, and the rest are added or removed. So
// moving a task's dates moves its reminders, changing "before: 7d" to 5d
// moves that reminder, and a weekly reminder over a longer window adds
// the weeks it gains.
func Compare(running, candidate *plan.Config, id string, from time.Time) (*Result, error) {
	rp, cp := planOf(running, id), planOf(candidate, id)
	if rp == nil && cp == nil {
		return nil, fmt.Errorf("preview %s: %w", id, ErrNoPlan)
	}
	to := horizon(rp, cp)
	old := expand(running, rp, from, to)
	cur := expand(candidate, cp, from, to)
	loc := time.Local
	if candidate != nil && candidate.Service.Location != nil {
		loc = candidate.Service.Location
	} else if running != nil && running.Service.Location != nil {
		loc = running.Service.Location
	}

	var added, removed []*plan.Notification
	var moves []move
	keys := make([]ident, 0, len(old.order)+len(cur.order))
	seen := map[ident]bool{}
	for _, k := range append(append([]ident(nil), old.order...), cur.order...) {
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		gone, came := unmatched(old.by[k], cur.by[k])
		n := min(len(gone), len(came))
		for i := range n {
			moves = append(moves, move{gone[i], came[i]})
		}
		removed = append(removed, gone[n:]...)
		added = append(added, came[n:]...)
	}

	res := &Result{
		Added:   group(added, cp, loc),
		Removed: group(removed, rp, loc),
		Moved:   groupMoves(moves, cp, loc),
	}
	pool := added
	if len(pool) == 0 {
		pool = cur.all
	}
	samples, err := samplesOf(candidate, pool)
	if err != nil {
		return nil, fmt.Errorf("preview %s: %w", id, err)
	}
	res.Samples = samples
	if res.Added == nil {
		res.Added = []Item{}
	}
	if res.Removed == nil {
		res.Removed = []Item{}
	}
	if res.Moved == nil {
		res.Moved = []Move{}
	}
	return res, nil
}

// move is a notification of running and the one of candidate it became.
type move struct{ from, to *plan.Notification }

func planOf(cfg *plan.Config, id string) *plan.Plan {
	if cfg == nil {
		return nil
	}
	return cfg.Plan(id)
}

// horizon bounds the expansion. Every source of a plan ends with its
// period (a reminder with its task, a recurring deadline with the plan),
// and what follows a last due time (overdue notices, escalations, the
// repeats of ack_within) comes within weeks of it: a year after the later
// of the two plans' ends cuts nothing and keeps a preview fast.
func horizon(plans ...*plan.Plan) time.Time {
	var end time.Time
	for _, p := range plans {
		if p != nil && p.End().After(end) {
			end = p.End()
		}
	}
	return end.AddDate(1, 0, 0)
}

// ident is what a notification keeps when its time changes (see Compare).
type ident struct {
	task, rule string
	kind       plan.Kind
	unit       string
	role       plan.Role
	seq        int
	deferred   bool
}

// expansion is a plan's notifications: all of them in time order, and by
// identity, each in time order, the identities in the order first met.
type expansion struct {
	all   []*plan.Notification
	by    map[ident][]*plan.Notification
	order []ident
}

// expand returns the notifications of plan p of cfg in [from, to).
func expand(cfg *plan.Config, p *plan.Plan, from, to time.Time) expansion {
	e := expansion{by: map[ident][]*plan.Notification{}}
	if p == nil {
		return e
	}
	only := *cfg
	only.Plans = []*plan.Plan{p}
	it := only.Expand(from, to)
	for {
		n, ok := it.Next()
		if !ok {
			break
		}
		np := &n
		k := ident{task: n.Task, rule: ruleIdent(p, np), kind: n.Kind, unit: n.Unit, role: n.Role, seq: n.Seq, deferred: n.Deferred}
		if _, ok := e.by[k]; !ok {
			e.order = append(e.order, k)
		}
		e.all = append(e.all, np)
		e.by[k] = append(e.by[k], np)
	}
	return e
}

// The suffixes of the rules an ack_within adds (plan's repeatSuffix and
// ownerSuffix).
var ackSuffixes = []string{"/repeat", "/owner"}

// ruleIdent is a notification's rule without what moves with its time: a
// deadline named by its id, not by its due time; a reminder by its form,
// not its offset, date or schedule.
func ruleIdent(p *plan.Plan, n *plan.Notification) string {
	if o := p.Occurrence(n.DeadlineID); o != nil {
		rest := strings.TrimPrefix(n.Rule, "deadline:"+o.Deadline.Key)
		if strings.HasPrefix(rest, "/remind:") {
			rest = "/remind"
		}
		return "deadline=" + o.Deadline.ID + rest
	}
	rule, suffix := n.Rule, ""
	for _, s := range ackSuffixes {
		if strings.HasSuffix(rule, s) {
			rule, suffix = strings.TrimSuffix(rule, s), s
		}
	}
	if form, _, ok := strings.Cut(rule, ":"); ok && form != "at" {
		rule = form
	}
	return rule + suffix
}

// unmatched returns the notifications of old and cur (each in time order)
// whose time the other does not have.
func unmatched(old, cur []*plan.Notification) (gone, came []*plan.Notification) {
	i, j := 0, 0
	for i < len(old) && j < len(cur) {
		switch c := old[i].At.Compare(cur[j].At); {
		case c == 0:
			i++
			j++
		case c < 0:
			gone = append(gone, old[i])
			i++
		default:
			came = append(came, cur[j])
			j++
		}
	}
	return append(gone, old[i:]...), append(came, cur[j:]...)
}

// itemKey is what the notifications of one Item share.
type itemKey struct {
	at, from       int64
	kind           plan.Kind
	task, deadline string
	role           plan.Role
}

// itemOf returns the Item of n, without units, in plan p, at loc.
func itemOf(n *plan.Notification, p *plan.Plan, loc *time.Location) Item {
	it := Item{At: n.At.In(loc), Kind: string(n.Kind), Task: n.Task, Role: string(n.Role)}
	if p == nil {
		return it
	}
	if t := p.Task(n.Task); t != nil {
		it.TaskTitle = t.Title
	}
	if o := p.Occurrence(n.DeadlineID); o != nil {
		it.Deadline = o.Deadline.ID
	}
	return it
}

// group makes the Items of ns, in time order.
func group(ns []*plan.Notification, p *plan.Plan, loc *time.Location) []Item {
	var out []Item
	index := map[itemKey]int{}
	for _, n := range ns {
		it := itemOf(n, p, loc)
		k := itemKey{at: n.At.UnixNano(), kind: n.Kind, task: n.Task, deadline: it.Deadline, role: n.Role}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, it)
		}
		if !slices.Contains(out[i].Units, n.Unit) {
			out[i].Units = append(out[i].Units, n.Unit)
		}
	}
	slices.SortStableFunc(out, func(a, b Item) int { return a.At.Compare(b.At) })
	return out
}

// groupMoves makes the Moves of ms, in the order of their old times.
func groupMoves(ms []move, p *plan.Plan, loc *time.Location) []Move {
	var out []Move
	index := map[itemKey]int{}
	for _, m := range ms {
		it := itemOf(m.to, p, loc)
		k := itemKey{at: m.to.At.UnixNano(), from: m.from.At.UnixNano(), kind: m.to.Kind, task: m.to.Task, deadline: it.Deadline, role: m.to.Role}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, Move{Item: it, From: m.from.At.In(loc)})
		}
		if !slices.Contains(out[i].Units, m.to.Unit) {
			out[i].Units = append(out[i].Units, m.to.Unit)
		}
	}
	slices.SortStableFunc(out, func(a, b Move) int {
		return cmp.Or(a.From.Compare(b.From), a.At.Compare(b.At))
	})
	return out
}

// sampleSecret makes the links and codes of the samples: not the
// service's secret, so they acknowledge nothing, but of the same length,
// so a sample SMS is as long as the one that will be sent.
var sampleSecret = make([]byte, ack.SecretSize)

// samplesOf renders the first notification of each kind in ns, by email
// when it goes by email, else by SMS.
func samplesOf(cfg *plan.Config, ns []*plan.Notification) ([]Sample, error) {
	out := []Sample{}
	if cfg == nil {
		return out, nil
	}
	links := ack.NewLinks(cfg.Service.PublicURL, sampleSecret)
	done := map[plan.Kind]bool{}
	for _, n := range ns {
		if done[n.Kind] {
			continue
		}
		ch := plan.ChannelEmail
		if !slices.Contains(n.Channels, ch) {
			ch = plan.ChannelSMS
		}
		m, err := notify.Render(cfg, n, ch, links)
		if errors.Is(err, notify.ErrNoAddress) {
			continue
		}
		if err != nil {
			return nil, err
		}
		done[n.Kind] = true
		out = append(out, Sample{Kind: string(n.Kind), Unit: n.Unit, Channel: ch, Subject: m.Subject, Text: m.Text})
	}
	return out, nil
}
