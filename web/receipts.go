package web

import (
	"cmp"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// The receipts beside the matrix: who has not confirmed receiving the plan
// (its distribution) or a reminder already sent. A receipt is a Received
// acknowledgement (store.Ack) whose Subject is the notification's AckID,
// as ack.Record writes it from the acknowledgement page, an SMS reply or
// the ack command; a Done acknowledgement hangs on a deadline occurrence
// and is the matrix's, not this list's. A reminder sent again because its
// receipt was not confirmed within ack_within is the same message: a
// receipt of either is recorded on the first (ack.Record), so the first
// one's AckID is what is looked up, and the repeats are counted beside it.

// Receipts limits: the distribution always, other messages sent in the
// last receiptDays days, at most receiptsShown lines.
const (
	receiptDays   = 30
	receiptsShown = 40
)

// receiptsView is the list of receipts of a plan.
type receiptsView struct {
	Rows        []receiptRow
	More        int // older lines left out
	Unconfirmed int // lines not confirmed, among all within the bound
	Days        int // the bound, in days
}

// receiptRow is one message to one unit: when it was first sent, by which
// channels, and whether the unit confirmed it.
type receiptRow struct {
	ID          string // the notification a receipt hangs on, for the form
	Unit, Name  string
	Kind, What  string // the kind in words, and the task's heading or the plan's title
	Sent        string // when it was first sent
	Channels    []string
	Repeats     int    // times sent again for want of a receipt
	Confirmed   bool   // the unit confirmed receipt, or someone did for it
	ConfirmedAt string // when, and by whom
	ConfirmedBy string
}

// receipt gathers the deliveries of one message to one unit.
type receipt struct {
	subject, unit, task string
	kind                plan.Kind
	first               time.Time
	channels            []string
	repeats             map[string]bool
}

// receipts lists the distributions and reminders of p sent to units asked
// to confirm (plan.Unit.Confirms), the newest first: those sent in the
// last receiptDays days and, however old, the distribution.
func (s *Server) receipts(cfg *plan.Config, p *plan.Plan, sn *snapshot, now time.Time, local func(time.Time) string) receiptsView {
	lang := s.lang()
	since := now.AddDate(0, 0, -receiptDays)
	type key struct{ subject, unit string }
	byKey := map[key]*receipt{}
	for _, d := range sn.deliveries {
		if d.Plan != p.ID || d.State != store.Sent || d.SentAt.After(now) ||
			(d.Kind != string(plan.KindDistribution) && d.Kind != string(plan.KindReminder)) {
			continue
		}
		if u := cfg.Units[d.Unit]; u == nil || !u.Confirms() {
			continue
		}
		subject, repeat := receiptSubject(d)
		r := byKey[key{subject, d.Unit}]
		if r == nil {
			r = &receipt{subject: subject, unit: d.Unit, task: d.Task, kind: plan.Kind(d.Kind), repeats: map[string]bool{}}
			byKey[key{subject, d.Unit}] = r
		}
		at := d.SentAt
		if at.IsZero() {
			at = d.Due
		}
		if r.first.IsZero() || at.Before(r.first) {
			r.first = at
		}
		if !slices.Contains(r.channels, d.Channel) {
			r.channels = append(r.channels, d.Channel)
		}
		if repeat {
			r.repeats[d.ID] = true
		}
	}
	received := map[key]store.Ack{}
	for _, a := range sn.acks {
		if a.Kind == store.Received {
			received[key{a.Subject, a.Unit}] = a
		}
	}
	var list []*receipt
	for _, r := range byKey {
		if r.kind == plan.KindDistribution || !r.first.Before(since) {
			list = append(list, r)
		}
	}
	order := map[string]int{}
	for i, u := range cfg.UnitOrder {
		order[u] = i
	}
	slices.SortFunc(list, func(a, b *receipt) int {
		if c := b.first.Compare(a.first); c != 0 {
			return c
		}
		if c := cmp.Compare(order[a.unit], order[b.unit]); c != 0 {
			return c
		}
		return cmp.Compare(a.subject, b.subject)
	})
	v := receiptsView{Days: receiptDays}
	for _, r := range list {
		a, ok := received[key{r.subject, r.unit}]
		if !ok {
			v.Unconfirmed++
		}
		if len(v.Rows) == receiptsShown {
			v.More++
			continue
		}
		what := p.Title
		if t := p.Task(r.task); t != nil {
			what = t.Heading()
		}
		slices.Sort(r.channels)
		row := receiptRow{ID: r.subject, Unit: r.unit, Name: cfg.UnitName(r.unit), Kind: tr(lang, "kind."+string(r.kind)), What: what,
			Sent: local(r.first), Channels: r.channels, Repeats: len(r.repeats), Confirmed: ok}
		if ok {
			row.ConfirmedAt, row.ConfirmedBy = local(a.At), a.By
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

// receiptSubject is the id a receipt of d's message hangs on, and whether
// d is the repeat of a message not confirmed in time: then the id is the
// first message's, which ack.Record confirms with the repeat. A delivery
// without its notification (an old record) stands for itself.
func receiptSubject(d store.Delivery) (subject string, repeat bool) {
	var n plan.Notification
	if len(d.Payload) == 0 || json.Unmarshal(d.Payload, &n) != nil {
		return d.ID, false
	}
	if n.Repeat() && n.Role != plan.RoleOwner {
		for _, sub := range n.About {
			if sub.Unit == n.Unit && sub.ID != "" {
				return sub.ID, true
			}
		}
	}
	if n.AckID != "" {
		return n.AckID, false
	}
	return n.ID, false
}

// handleReceipt records, on a unit's behalf (after a phone call, a word
// in the Zalo group), that it received a message of the receipts: the
// notification n of the form, as its acknowledgement page would
// (ack.Record), by Via "dashboard". It answers with a redirect to the
// receipts.
func (s *Server) handleReceipt(w http.ResponseWriter, r *http.Request) {
	_, p, err := s.planToEdit(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if !s.parseAdminForm(w, r) {
		return
	}
	n, err := ack.Find(s.opts.Store, s.opts.Secret, r.PostForm.Get("n"), "")
	if errors.Is(err, ack.ErrUnknownNotification) || (err == nil && n.Plan != p.ID) {
		s.pageError(w, r, Errorf(EINVALID, "error.receipt"))
		return
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	who := clip(r.PostForm.Get("who"), maxWho)
	if who == "" {
		who = tr(s.lang(), "dash.by.default")
	}
	_, created, err := ack.Record(s.opts.Store, n, store.Ack{Kind: store.Received, By: who, Via: "dashboard", At: s.opts.Now()})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	result := "receipt.already"
	if created {
		result = "receipt"
		s.opts.Metrics.ObserveAck(string(store.Received), "dashboard")
		s.log.Info("receipt recorded on the dashboard", logPlan, p.ID, logTask, n.Task, logUnit, n.Unit)
	}
	s.redirect(w, r, p.ID, url.Values{"r": {result}, "u": {n.Unit}}, "receipts")
}
