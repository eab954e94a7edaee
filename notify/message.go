package notify

import (
	"context"
	"errors"
	"path/filepath"
	"strings"

	"github.com/nhacviec/nhacviec/plan"
)

// Message is one rendered message to one unit on one channel, complete:
// a notifier needs nothing else to deliver it.
type Message struct {
	ID      string    // notification id; the email Message-ID is "<ID@nhacviec>"
	Channel string    // plan.ChannelEmail, ChannelSMS, ChannelZalo or ChannelWebhook
	Unit    string    // unit id
	To      []Address // the unit's contacts on that channel
	From    string    // email sender, if configured
	Subject string    // email only
	// Text is the plain-text body of an email, or the SMS text: one
	// paragraph, then, on the last line, the acknowledgement code and link
	// (see PhoneSMS).
	Text string
	HTML string // email HTML alternative, may be empty
	ICS  []byte // optional .ics attachment for dated events
	// Attachments are files that go with an email: the plan document
	// with its distribution.
	Attachments []Attachment
	Headers     map[string]string // extra headers, e.g. X-Nhacviec-Kind
	// Receipt is set by a notifier that delivered the message: where it
	// went (an outbox file, the server's reply), for the delivery record.
	Receipt string
	// Data holds the message's facts one by one, for Zalo and the
	// webhook (data.go); nil on the other channels.
	Data *Data
	// Fallback, when set, is why the plan's own wording of this message
	// failed to render: the message has the embedded wording instead.
	Fallback error
}

// Address is one contact of a unit: a name, and the email address or the
// phone number (E.164) the message goes to.
type Address struct {
	Name, Email, Phone string
}

// Attachment is a file attached to an email, read from Path when the
// email is written.
type Attachment struct {
	Name        string // the file name the reader sees
	ContentType string
	Path        string
}

// DocumentType is the media type of a plan document, by its extension:
// PDF or DOCX, the kinds the configuration accepts.
func DocumentType(name string) string {
	if strings.EqualFold(filepath.Ext(name), ".docx") {
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	}
	return "application/pdf"
}

// Notifier delivers a message. Its error says whether trying again can
// help: see Temporary, Permanent and IsTemporary.
type Notifier interface {
	Notify(ctx context.Context, m *Message) error
}

// Links gives what a message needs to be acknowledged: the URL of the
// acknowledgement page and the short code of an SMS reply. Render with nil
// Links writes no link and no code.
type Links interface {
	AckURL(n *plan.Notification) string
	AckCode(n *plan.Notification) string
}

// failure marks an error as temporary or permanent.
type failure struct {
	err       error
	temporary bool
}

func (f *failure) Error() string { return f.err.Error() }
func (f *failure) Unwrap() error { return f.err }

// Temporary wraps err as a temporary failure: the same message may be sent
// again later. It returns nil for a nil err.
func Temporary(err error) error {
	if err == nil {
		return nil
	}
	return &failure{err: err, temporary: true}
}

// Permanent wraps err as a permanent failure: sending the same message
// again cannot succeed (a rejected address, a message the relay refuses).
// It returns nil for a nil err.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &failure{err: err}
}

// IsTemporary reports whether err, or the outermost error it wraps that was
// marked by Temporary or Permanent, is temporary. An error never marked
// counts as temporary: network trouble is its usual cause. A nil error is
// not a failure, so not temporary.
func IsTemporary(err error) bool {
	if err == nil {
		return false
	}
	var f *failure
	if errors.As(err, &f) {
		return f.temporary
	}
	return true
}
