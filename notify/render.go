package notify

import (
	"errors"
	"fmt"
	"net/textproto"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/plan"
)

// ErrNoAddress is returned by Render when the unit has no contact on the
// channel asked for: nothing can be sent, now or later.
var ErrNoAddress = errors.New("unit has no contact on this channel")

// Render builds the message of notification n for one channel, in the
// service language, in the plan's own wording where it has some (see
// TEMPLATES.md; CheckTemplates finds the mistakes in it beforehand). For
// an escalation, it names every unit of n.About as late: a caller that
// knows some have reported since passes a copy of n with About narrowed
// to the others.
//
// Should the plan's own wording fail on this message (CheckTemplates tries
// it on each kind of message the plan sends, not on every unit), the
// message is rendered with the embedded wording and Fallback says why: a
// message is never lost to a template.
func Render(cfg *plan.Config, n *plan.Notification, channel string, links Links) (*Message, error) {
	m, err := render(cfg, n, channel, links, true)
	if err != nil && ownWording(cfg, n) {
		if m, ferr := render(cfg, n, channel, links, false); ferr == nil {
			m.Fallback = fmt.Errorf("the plan's %s template: %w", n.Kind, err)
			return m, nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("render %s (%s, %s): %w", n.ID, n.Unit, channel, err)
	}
	return m, nil
}

// ownWording reports whether n's plan words n's kind of message its own way.
func ownWording(cfg *plan.Config, n *plan.Notification) bool {
	p := cfg.Plan(n.Plan)
	return p != nil && len(p.Templates[n.Kind]) > 0
}

// render renders n on channel, with the plan's own templates if own.
func render(cfg *plan.Config, n *plan.Notification, channel string, links Links, own bool) (*Message, error) {
	if channel != plan.ChannelEmail && channel != plan.ChannelSMS && !fieldChannel(channel) {
		return nil, fmt.Errorf("unknown channel %q", channel)
	}
	v, err := newView(cfg, n, channel, links)
	if err != nil {
		return nil, err
	}
	m := &Message{
		ID:      n.ID,
		Channel: channel,
		Unit:    n.Unit,
		To:      addresses(cfg.Units[n.Unit], channel),
		Headers: map[string]string{
			"X-Nhacviec-Kind": string(n.Kind),
			"X-Nhacviec-Plan": n.Plan,
			"X-Nhacviec-Unit": n.Unit,
		},
	}
	if len(m.To) == 0 {
		return nil, ErrNoAddress
	}
	if n.Task != "" {
		m.Headers["X-Nhacviec-Task"] = n.Task
	}
	// newView found the plan: its templates replace the embedded ones.
	var p *plan.Plan
	if own {
		p = cfg.Plan(n.Plan)
	}
	set, err := planSet(p, v.Lang, n.Kind)
	if err != nil {
		return nil, err
	}
	if fieldChannel(channel) {
		return fieldMessage(m, set, v, n) // data.go
	}
	if channel == plan.ChannelSMS {
		// Shortened to reach the phone whole (see renderSMS).
		m.Text, err = renderSMS(set, v, SMSLimitsOf(cfg.Channels.SMS))
		if err != nil {
			return nil, err
		}
		return m, nil
	}
	// Mail servers and vacation responders must not answer (RFC 3834).
	m.Headers["Auto-Submitted"] = "auto-generated"
	if cfg.Channels.Email != nil {
		m.From = cfg.Channels.Email.From
	}
	for _, part := range []struct {
		name string
		out  *string
	}{{"subject", &m.Subject}, {"body", &v.Body}, {"ack", &v.Ack}, {"footer", &v.Footer}} {
		if *part.out, err = execute(set, part.name, v); err != nil {
			return nil, err
		}
	}
	m.Subject = OneLine(m.Subject)
	v.Body, v.Ack, v.Footer = paragraphs(v.Body), paragraphs(v.Ack), paragraphs(v.Footer)
	ackEnd := ""
	if v.Ack != "" {
		ackEnd = "\n\n"
	}
	m.Text = v.Body + "\n\n" + v.Ack + ackEnd + "-- \n" + v.Footer + "\n" // the signature separator of RFC 3676
	if m.HTML, err = renderHTML(v); err != nil {
		return nil, err
	}
	m.ICS = eventICS(cfg, v, n)
	if d := cfg.Plan(n.Plan).Distribute; n.Kind == plan.KindDistribution && d != nil && d.Document != "" {
		m.Attachments = append(m.Attachments, Attachment{Name: v.Plan.Document, ContentType: DocumentType(d.Document), Path: d.Document})
	}
	return m, nil
}

// addresses lists the unit's contacts that are reached on channel.
func addresses(u *plan.Unit, channel string) []Address {
	var out []Address
	for _, c := range u.Contacts {
		if !contains(c.Channels, channel) {
			continue
		}
		a := Address{Name: c.Name}
		switch channel {
		case plan.ChannelEmail:
			a.Email = c.Email
		case plan.ChannelSMS, plan.ChannelZalo:
			a.Phone = c.Phone
		}
		if a.Email != "" || a.Phone != "" || channel == plan.ChannelWebhook {
			out = append(out, a)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// OneLine collapses all white space, line breaks included, into single
// spaces: subjects, header values and SMS bodies are one line.
func OneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// ExtraHeader reports whether a channel may write a message's own header
// (Message.Headers): a valid field name that is not one a channel writes
// itself (addresses, subject, date, ids, MIME structure, user agent).
func ExtraHeader(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		if r <= ' ' || r > '~' || r == ':' {
			return false
		}
	}
	switch textproto.CanonicalMIMEHeaderKey(k) {
	case "Date", "From", "To", "Cc", "Bcc", "Subject", "Message-Id",
		"Mime-Version", "Content-Type", "Content-Transfer-Encoding", "User-Agent", "X-Mailer":
		return false
	}
	return true
}

// paragraphs tidies a template's output: no trailing spaces, no leading or
// trailing blank lines, at most one blank line in a row.
func paragraphs(s string) string {
	var out []string
	for _, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		l = strings.TrimRight(l, " \t")
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue // a leading blank line, or a second one in a row
		}
		out = append(out, l)
	}
	return strings.TrimSuffix(strings.Join(out, "\n"), "\n")
}

// inZone returns t in loc, or the zero time for a zero t.
func inZone(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(loc)
}
