package email

import (
	"bytes"
	"errors"
	"fmt"
	netmail "net/mail"
	"net/textproto"
	"os"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"

	"github.com/nhacviec/nhacviec/notify"
)

// icsName is the file name of the calendar attachment.
const icsName = "nhacviec.ics"

// message makes the go-mail message for m from the channel's sender (or
// m.From), dated now (see Build). An error means m cannot be sent as it
// is.
func (s *Sender) message(m *notify.Message) (*mail.Msg, error) {
	from := s.fromAddr
	if from == nil {
		addr := s.from
		if addr == "" {
			addr = m.From
		}
		if addr == "" {
			return nil, errors.New("no sender: set channels.email.from")
		}
		a, err := netmail.ParseAddress(addr)
		if err != nil {
			return nil, fmt.Errorf("sender %q: %w", addr, err)
		}
		from = a
	}
	return build(m, from, s.now())
}

// Build makes the go-mail message the Sender sends for m, from the
// sender address from, dated date: every email address of m.To, the
// subject, the date, the Message-ID <ID@nhacviec>, the text and HTML
// alternatives, the calendar attached when there is one, and m's own
// headers, and its attachments (the plan document). The outbox writes it (msg.WriteTo) instead of sending it, and
// the benchmarks send it through go-mail alone, as the baseline of the
// Sender's rate.
func Build(m *notify.Message, from string, date time.Time) (*mail.Msg, error) {
	a, err := netmail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("sender %q: %w", from, err)
	}
	return build(m, a, date)
}

func build(m *notify.Message, from *netmail.Address, date time.Time) (*mail.Msg, error) {
	if !validID(m.ID) {
		return nil, fmt.Errorf("id %q cannot make a Message-ID", m.ID)
	}
	msg := mail.NewMsg(mail.WithNoDefaultUserAgent())
	msg.FromMailAddress(from)
	seen := map[string]bool{}
	for _, a := range m.To {
		if a.Email == "" {
			continue
		}
		addr, err := netmail.ParseAddress(a.Email)
		if err != nil {
			return nil, fmt.Errorf("recipient %q: %w", a.Email, err)
		}
		if key := strings.ToLower(addr.Address); !seen[key] {
			seen[key] = true
			msg.AddToMailAddress(&netmail.Address{Name: notify.OneLine(a.Name), Address: addr.Address})
		}
	}
	if len(seen) == 0 {
		return nil, ErrNoRecipient
	}
	msg.Subject(notify.OneLine(m.Subject))
	msg.SetDateWithValue(date)
	msg.SetMessageIDWithValue(m.ID + "@nhacviec")
	msg.SetUserAgent("nhacviec")
	for k, v := range m.Headers {
		if notify.ExtraHeader(k) {
			msg.SetGenHeader(mail.Header(textproto.CanonicalMIMEHeaderKey(k)), notify.OneLine(v))
		}
	}
	msg.SetBodyString(mail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(mail.TypeTextHTML, m.HTML)
	}
	if len(m.ICS) > 0 {
		err := msg.AttachReader(icsName, bytes.NewReader(m.ICS),
			mail.WithFileContentType("text/calendar; charset=utf-8; method=PUBLISH"))
		if err != nil {
			return nil, fmt.Errorf("attach %s: %w", icsName, err)
		}
	}
	for _, at := range m.Attachments {
		// Read now, so that a file gone missing fails the message here
		// rather than halfway through writing it.
		data, err := os.ReadFile(at.Path)
		if err != nil {
			return nil, fmt.Errorf("attach %s: %w", at.Name, err)
		}
		if err := msg.AttachReader(at.Name, bytes.NewReader(data), mail.WithFileContentType(mail.ContentType(at.ContentType))); err != nil {
			return nil, fmt.Errorf("attach %s: %w", at.Name, err)
		}
	}
	return msg, nil
}

// validID reports whether id can be the left part of a Message-ID: plain
// printable ASCII without the characters that delimit one.
func validID(id string) bool {
	if id == "" || len(id) > 200 {
		return false
	}
	for _, r := range id {
		if r <= ' ' || r > '~' || strings.ContainsRune(`<>@()[]\",;:`, r) {
			return false
		}
	}
	return true
}
