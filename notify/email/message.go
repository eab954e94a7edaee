package email

import (
	"bytes"
	"errors"
	"fmt"
	netmail "net/mail"
	"net/textproto"
	"strings"

	mail "github.com/wneessen/go-mail"

	"github.com/nhacviec/nhacviec/notify"
)

// icsName is the file name of the calendar attachment, as in the outbox.
const icsName = "nhacviec.ics"

// message makes the go-mail message for m: the channel's sender, every
// email address of m.To, the subject, the date, the Message-ID
// <ID@nhacviec>, the text and HTML alternatives, the calendar attached
// when there is one, and m's own headers. An error means m cannot be
// sent as it is.
func (s *Sender) message(m *notify.Message) (*mail.Msg, error) {
	if !validID(m.ID) {
		return nil, fmt.Errorf("id %q cannot make a Message-ID", m.ID)
	}
	msg := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if s.fromAddr != nil {
		msg.FromMailAddress(s.fromAddr)
	} else {
		from := s.from
		if from == "" {
			from = m.From
		}
		if from == "" {
			return nil, errors.New("no sender: set channels.email.from")
		}
		if err := msg.From(from); err != nil {
			return nil, fmt.Errorf("sender %q: %w", from, err)
		}
	}
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
	msg.SetDateWithValue(s.now())
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
