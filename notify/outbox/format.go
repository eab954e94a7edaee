package outbox

import (
	"bytes"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/notify/email"
)

// defaultFrom is the sender of an email when no email channel says one.
const defaultFrom = "nhacviec@localhost"

// formatEmail writes m, dated date, as the email channel would send it
// (email.Build): the outbox holds the message go-mail would put on the
// wire, but for its Date and its MIME boundaries, which go-mail draws at
// random.
func formatEmail(m *notify.Message, date time.Time) ([]byte, error) {
	msg, err := email.Build(m, sender(m.From), date)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if _, err := msg.WriteTo(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// sender is the From field: the configured sender, or nhacviec@localhost.
// A sender that does not parse keeps its text as the name.
func sender(from string) string {
	if strings.TrimSpace(from) == "" {
		return defaultFrom
	}
	if _, err := mail.ParseAddress(from); err == nil {
		return from
	}
	return (&mail.Address{Name: strings.TrimSpace(from), Address: defaultFrom}).String()
}

// formatSMS writes an SMS as the phone receives it under the limits l
// (notify.PhoneSMS, as the relay would send it): "To: " and the phone
// numbers, "Segments: " and how many segments in which encoding, a blank
// line, and the text.
func formatSMS(m *notify.Message, l notify.SMSLimits) []byte {
	var phones []string
	for _, a := range m.To {
		if a.Phone != "" {
			phones = append(phones, a.Phone)
		}
	}
	sms := notify.PhoneSMS(m, l)
	return fmt.Appendf(nil, "To: %s\nSegments: %d (%s)\n\n%s\n", strings.Join(phones, ", "), sms.Segments, sms.Encoding, sms.Text)
}
