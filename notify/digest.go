package notify

import (
	"fmt"
	"net/url"
	"sync"
	"text/template"
	"time"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// KindDigest is the kind of the plan owner's daily digest. It is not one
// of the plan's kinds: no rule of a plan expands into it, the scheduler
// makes it (SPEC §5).
const KindDigest plan.Kind = "digest"

// Digest is the plan owner's daily summary: the units late on a deadline,
// and the deliveries that failed or were missed since the previous digest.
// The scheduler fills it, with names rather than ids, and keeps it in the
// delivery record, so that a retry sends the same text.
type Digest struct {
	ID   string `json:"id"`   // its notification id: the message's ID
	Plan string `json:"plan"` // plan id
	// Day is the digest's send time; its date is the day it sums up.
	Day time.Time `json:"day"`
	// Failed and Missed list what was recorded after Since (zero: ever)
	// and up to Until, when the digest was made.
	Since  time.Time      `json:"since,omitzero"`
	Until  time.Time      `json:"until"`
	Late   []LateItem     `json:"late,omitempty"`
	Failed []DeliveryItem `json:"failed,omitempty"`
	Missed []DeliveryItem `json:"missed,omitempty"`
}

// LateItem is a unit that has not reported a deadline done, although its
// overdue notice went.
type LateItem struct {
	Unit     string    `json:"unit"`     // the late unit's name
	Task     string    `json:"task"`     // the task's heading, "II.3. Title"
	Deadline string    `json:"deadline"` // the deadline's title
	Due      time.Time `json:"due"`
	// DaysLate counts the calendar days from the due date to the digest's.
	DaysLate int `json:"days_late"`
	// Escalated tells that an escalation about the unit went to those
	// above it.
	Escalated bool `json:"escalated,omitempty"`
}

// DeliveryItem is a message that failed or was missed.
type DeliveryItem struct {
	Unit    string    `json:"unit"`           // the recipient's name
	Task    string    `json:"task,omitempty"` // the task's heading; empty for the plan's distribution
	Kind    string    `json:"kind"`           // a plan.Kind, or KindDigest
	Channel string    `json:"channel"`
	Due     time.Time `json:"due"` // when it was due to go
	Error   string    `json:"error,omitempty"`
}

// Empty reports whether the digest has nothing to say: it is then not
// sent.
func (d *Digest) Empty() bool {
	return len(d.Late) == 0 && len(d.Failed) == 0 && len(d.Missed) == 0
}

// LateUnits counts the distinct units of d.Late: one unit late on two
// deadlines is one unit late.
func (d *Digest) LateUnits() int {
	seen := map[string]bool{}
	for _, l := range d.Late {
		seen[l.Unit] = true
	}
	return len(seen)
}

// TaskHeading returns the heading of task id of p as messages write it
// ("II.3. Title"), the id itself if p has no such task, and "" for no task.
func TaskHeading(p *plan.Plan, id string) string {
	if id == "" {
		return ""
	}
	var t *plan.Task
	if p != nil {
		t = p.Task(id)
	}
	if t == nil {
		return id
	}
	return t.Heading()
}

// digestView is what the digest templates see: times in the plan's zone.
type digestView struct {
	Lang      lang.Lang
	Plan      planView
	Unit      string // the owner's name
	Day       time.Time
	Since     time.Time
	LateUnits int
	Late      []LateItem
	Failed    []DeliveryItem
	Missed    []DeliveryItem
	// Dashboard is the plan's page on the dashboard, empty without a
	// public_url.
	Dashboard string
}

// digestTemplates parses the digest's templates once: the loader of the
// other kinds knows only the kinds a plan expands into.
var digestTemplates = sync.OnceValues(func() (map[lang.Lang]*template.Template, error) {
	out := map[lang.Lang]*template.Template{}
	for _, lng := range languages {
		t, err := template.New("digest").Funcs(funcs).Funcs(langFuncs[lng]).ParseFS(templateFS, "templates/"+string(lng)+"/digest.txt.tmpl")
		if err != nil {
			return nil, fmt.Errorf("parse digest templates: %w", err)
		}
		out[lng] = t
	}
	return out, nil
})

// RenderDigest builds the message of digest d of plan p to the plan's
// owner on one channel, in the service language: an email listing every
// item, or a short SMS with the counts that points to the email and the
// dashboard.
func RenderDigest(cfg *plan.Config, p *plan.Plan, d *Digest, channel string) (*Message, error) {
	m, err := renderDigest(cfg, p, d, channel)
	if err != nil {
		return nil, fmt.Errorf("render digest %s (%s): %w", d.ID, channel, err)
	}
	return m, nil
}

func renderDigest(cfg *plan.Config, p *plan.Plan, d *Digest, channel string) (*Message, error) {
	if channel != plan.ChannelEmail && channel != plan.ChannelSMS && !fieldChannel(channel) {
		return nil, fmt.Errorf("unknown channel %q", channel)
	}
	if p == nil {
		return nil, fmt.Errorf("no plan %q", d.Plan)
	}
	owner := cfg.Units[p.Owner]
	if owner == nil {
		return nil, fmt.Errorf("plan %s has no owner", p.ID)
	}
	sets, err := digestTemplates()
	if err != nil {
		return nil, err
	}
	v := newDigestView(cfg, p, d)
	m := &Message{
		ID:      d.ID,
		Channel: channel,
		Unit:    owner.ID,
		To:      addresses(owner, channel),
		Headers: map[string]string{
			"X-Nhacviec-Kind": string(KindDigest),
			"X-Nhacviec-Plan": p.ID,
			"X-Nhacviec-Unit": owner.ID,
		},
	}
	if len(m.To) == 0 {
		return nil, ErrNoAddress
	}
	set := sets[v.Lang]
	if fieldChannel(channel) {
		return digestFields(m, set, v, d, owner, p) // data.go
	}
	if channel == plan.ChannelSMS {
		// One paragraph, no code nor link: there is nothing to confirm.
		body, err := execute(set, "sms", v)
		if err != nil {
			return nil, err
		}
		m.Text = OneLine(body)
		return m, nil
	}
	m.Headers["Auto-Submitted"] = "auto-generated"
	if cfg.Channels.Email != nil {
		m.From = cfg.Channels.Email.From
	}
	var body, footer string
	for _, part := range []struct {
		name string
		out  *string
	}{{"subject", &m.Subject}, {"body", &body}, {"footer", &footer}} {
		if *part.out, err = execute(set, part.name, v); err != nil {
			return nil, err
		}
	}
	m.Subject = OneLine(m.Subject)
	body, footer = paragraphs(body), paragraphs(footer)
	m.Text = body + "\n\n-- \n" + footer + "\n" // the signature separator of RFC 3676
	if m.HTML, err = renderHTML(&view{Lang: v.Lang, Body: body, Footer: footer}); err != nil {
		return nil, err
	}
	return m, nil
}

func newDigestView(cfg *plan.Config, p *plan.Plan, d *Digest) *digestView {
	loc := p.Location
	if loc == nil {
		loc = cfg.Service.Location
	}
	v := &digestView{
		Lang: cfg.Service.Language,
		Plan: planView{Title: p.Title, Issuer: p.Issuer, Number: p.Number,
			From: p.From.At(0, loc), To: p.To.At(0, loc)},
		Unit:      cfg.UnitName(p.Owner),
		Day:       inZone(d.Day, loc),
		Since:     inZone(d.Since, loc),
		LateUnits: d.LateUnits(),
	}
	if v.Lang != lang.English {
		v.Lang = lang.Vietnamese
	}
	if cfg.Service.PublicURL != "" {
		v.Dashboard = cfg.Service.PublicURL + "/plan/" + url.PathEscape(p.ID)
	}
	for _, l := range d.Late {
		l.Due = inZone(l.Due, loc)
		v.Late = append(v.Late, l)
	}
	zoned := func(items []DeliveryItem) []DeliveryItem {
		out := make([]DeliveryItem, len(items))
		for i, it := range items {
			it.Due = inZone(it.Due, loc)
			out[i] = it
		}
		return out
	}
	v.Failed, v.Missed = zoned(d.Failed), zoned(d.Missed)
	return v
}
