package web

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/progress"
	"github.com/nhacviec/nhacviec/store"
)

// Text for a Zalo group (issue 15, part 3): for every notification of a
// plan due today, sent or still to be sent, a plain text the officer
// pastes into the commune's Zalo group, for the units that read Zalo more
// than their email. The messages that go at one time, of one kind, about
// one task or deadline make one text, which names every unit with its
// part (chủ trì, phối hợp, đơn vị báo cáo). It is rendered with
// text/template from web/templates/zalo.LANG.txt.tmpl, out of the fields
// the email and SMS are made of (the plan, the task's heading, the
// deadline's title, due time and units, the owner's contact), never by
// concatenation in Go.
//
// The links. A link to the acknowledgement page is a capability for one
// unit: whoever opens it confirms for that unit. A group text is read by
// every unit in the group, so it carries a unit's link only where that can
// do no more than confirm receipt: the plan's distribution and the
// reminders, one line per unit, and only once the unit's own message is
// sent (its token is recorded in the store when it goes, so before that
// the link would not open). A deadline or overdue notice's link would let
// any member report another unit's work done: those texts carry none and
// send each unit to its own message. Escalations go to the leaders, not
// to the group, and repeats of an unconfirmed message to the units that
// did not confirm it: neither has a group text.

// zaloTemplates are the group texts' templates, by language.
var zaloTemplates = func() map[lang.Lang]*template.Template {
	out := map[lang.Lang]*template.Template{}
	for _, lng := range []lang.Lang{lang.Vietnamese, lang.English} {
		name := "zalo." + string(lng) + ".txt.tmpl"
		out[lng] = template.Must(template.New(name).Funcs(zaloFuncs).ParseFS(templateFS, "templates/"+name))
	}
	return out
}()

var zaloFuncs = template.FuncMap{
	"datetime": func(t time.Time) string { return t.Format("15:04 02/01/2006") },
	"date":     func(t time.Time) string { return t.Format("02/01/2006") },
	"join":     func(s []string) string { return strings.Join(s, ", ") },
}

// zaloText is one group text, with what the page says above it.
type zaloText struct {
	ID       string // the first notification's id, for the textarea's id
	At, Kind string
	What     string
	Sent     bool // every message of it is sent
	Text     string
	Rows     int // lines of Text, for the textarea
}

// zaloView is what the group text's template sees.
type zaloView struct {
	Kind     plan.Kind
	At       time.Time // when the messages go
	Plan     zaloPlan
	Task     *zaloTask     // nil for the distribution
	Deadline *zaloDeadline // for deadline and overdue notices
	LateDays int           // for an overdue notice: whole days past due
	// Lead, Support and Others are the units' names by their part:
	// chủ trì, phối hợp, and the rest (the plan's recipients, the
	// reporting units).
	Lead, Support, Others []string
	// Links are, for a distribution and a reminder, the units asked to
	// confirm, each with its acknowledgement link once its own message
	// is sent (URL empty before).
	Links   []zaloLink
	Contact *zaloContact
}

type zaloPlan struct{ Title, Issuer, Number, Period string }

type zaloTask struct{ Heading, Ref, Title string }

type zaloDeadline struct {
	Title string
	Due   time.Time
	To    []string
}

type zaloLink struct{ Unit, URL string }

type zaloContact struct{ Name, Phone string }

// zaloGroup is the notifications of one group text.
type zaloGroup struct {
	first *plan.Notification
	units []*plan.Notification
}

// zaloTexts makes the group texts of the notifications of p due on the
// plan's today: at or after its midnight, before the next.
func (s *Server) zaloTexts(cfg *plan.Config, p *plan.Plan, board *progress.Board, sent map[string]bool, now time.Time) ([]zaloText, error) {
	loc := planLoc(cfg, p)
	y, m, d := now.In(loc).Date()
	from := time.Date(y, m, d, 0, 0, 0, 0, loc)
	it := cfg.Expand(from, from.AddDate(0, 0, 1))
	var groups []*zaloGroup
	byKey := map[string]*zaloGroup{}
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		if n.Plan != p.ID || n.Deferred || n.Repeat() {
			continue
		}
		switch n.Kind {
		case plan.KindDistribution, plan.KindReminder, plan.KindDeadline:
		case plan.KindOverdue:
			// Sent only to a unit that has not reported by then.
			if board.State(n.DeadlineID, n.Unit, now) == progress.Done {
				continue
			}
		default:
			continue
		}
		key := fmt.Sprint(n.At.Unix(), n.Kind, n.Task, n.DeadlineID, n.Seq)
		g := byKey[key]
		if g == nil {
			g = &zaloGroup{first: &n}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.units = append(g.units, &n)
	}
	lng := s.lang()
	links := ack.NewLinks(cfg.Service.PublicURL, s.opts.Secret)
	out := make([]zaloText, 0, len(groups))
	for _, g := range groups {
		v := zaloViewOf(cfg, p, g, links, sent)
		var b bytes.Buffer
		if err := zaloTemplates[lng].Execute(&b, v); err != nil {
			return nil, fmt.Errorf("zalo text of %s: %w", g.first.ID, err)
		}
		text := strings.TrimSpace(b.String())
		what := p.Title
		if v.Deadline != nil {
			what = v.Deadline.Title
		} else if v.Task != nil {
			what = v.Task.Heading
		}
		allSent := true
		for _, n := range g.units {
			allSent = allSent && sent[n.ID]
		}
		out = append(out, zaloText{ID: g.first.ID, At: v.At.Format("15:04"), Kind: tr(lng, "kind."+string(v.Kind)), What: what,
			Sent: allSent, Text: text, Rows: strings.Count(text, "\n") + 2})
	}
	return out, nil
}

// zaloViewOf fills the template's view of a group from the configuration.
func zaloViewOf(cfg *plan.Config, p *plan.Plan, g *zaloGroup, links *ack.Links, sent map[string]bool) *zaloView {
	loc := planLoc(cfg, p)
	n := g.first
	v := &zaloView{Kind: n.Kind, At: n.At.In(loc),
		Plan: zaloPlan{Title: p.Title, Issuer: p.Issuer, Number: p.Number, Period: p.From.String() + " – " + p.To.String()}}
	if t := p.Task(n.Task); t != nil {
		v.Task = &zaloTask{Heading: t.Heading(), Ref: t.Ref, Title: t.Title}
	}
	if o := p.Occurrence(n.DeadlineID); o != nil {
		v.Deadline = &zaloDeadline{Title: o.Deadline.Title, Due: o.Due.In(loc), To: cfg.UnitNames(o.To)}
		if n.Kind == plan.KindOverdue {
			v.LateDays = int(n.At.Sub(o.Due) / (24 * time.Hour))
		}
	}
	receiptOnly := n.Kind == plan.KindDistribution || n.Kind == plan.KindReminder
	for _, un := range g.units {
		name := cfg.UnitName(un.Unit)
		switch un.Role {
		case plan.RoleLead:
			v.Lead = append(v.Lead, name)
		case plan.RoleSupport:
			v.Support = append(v.Support, name)
		default:
			v.Others = append(v.Others, name)
		}
		if !receiptOnly {
			continue
		}
		if u := cfg.Units[un.Unit]; u == nil || !u.Confirms() {
			continue
		}
		l := zaloLink{Unit: name}
		if sent[un.ID] {
			l.URL = links.AckURL(un)
		}
		v.Links = append(v.Links, l)
	}
	if u := cfg.Units[p.Owner]; u != nil && len(u.Contacts) > 0 && u.Contacts[0].Name != "" {
		c := u.Contacts[0]
		v.Contact = &zaloContact{Name: c.Name, Phone: notify.DialPhone(c.Phone)}
	}
	return v
}

// sentIDs are the notifications with a delivery sent, on any channel.
func sentIDs(sn *snapshot) map[string]bool {
	out := map[string]bool{}
	for _, d := range sn.deliveries {
		if d.State == store.Sent {
			out[d.ID] = true
		}
	}
	return out
}
