package outbox

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"sort"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/notify"
)

// defaultFrom is the sender of an email when no email channel says one.
const defaultFrom = "nhacviec@localhost"

// entity is a MIME entity: its header and its body, already encoded.
type entity struct {
	header textproto.MIMEHeader
	body   []byte
}

// formatEmail writes m as an RFC 5322 message dated date: the text and
// HTML alternatives, and the calendar attached when there is one.
func formatEmail(m *notify.Message, date time.Time) ([]byte, error) {
	var b bytes.Buffer
	field := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	field("Date", date.Format(time.RFC1123Z))
	field("From", sender(m.From))
	field("To", recipients(m.To))
	field("Subject", encodeText(m.Subject))
	field("Message-ID", "<"+m.ID+"@nhacviec>")
	keys := make([]string, 0, len(m.Headers))
	for k := range m.Headers {
		if notify.ExtraHeader(k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		field(textproto.CanonicalMIMEHeaderKey(k), encodeText(m.Headers[k]))
	}
	field("MIME-Version", "1.0")

	root := textEntity("text/plain", m.Text)
	if m.HTML != "" {
		alt, err := multipartEntity("alternative", boundary(m.ID, "alt"), root, textEntity("text/html", m.HTML))
		if err != nil {
			return nil, err
		}
		root = alt
	}
	if m.ICS != nil {
		mixed, err := multipartEntity("mixed", boundary(m.ID, "mixed"), root, calendarEntity(m.ICS))
		if err != nil {
			return nil, err
		}
		root = mixed
	}
	for _, k := range []string{"Content-Type", "Content-Transfer-Encoding"} {
		if v := root.header.Get(k); v != "" {
			field(k, v)
		}
	}
	b.WriteString("\r\n")
	b.Write(root.body)
	return b.Bytes(), nil
}

// sender is the From field: the configured sender, or nhacviec@localhost.
// A sender that does not parse keeps its text as the name.
func sender(from string) string {
	if strings.TrimSpace(from) == "" {
		return defaultFrom
	}
	a, err := mail.ParseAddress(from)
	if err != nil {
		a = &mail.Address{Name: strings.TrimSpace(from), Address: defaultFrom}
	}
	return a.String()
}

// recipients is the To field, one address a line. Names that are not
// plain ASCII are encoded words (RFC 2047): Q-encoded, or B-encoded when
// they hold characters an encoded word in a phrase must not.
func recipients(to []notify.Address) string {
	var list []string
	for _, a := range to {
		if a.Email != "" {
			list = append(list, (&mail.Address{Name: a.Name, Address: a.Email}).String())
		}
	}
	if len(list) == 0 {
		return "undisclosed-recipients:;"
	}
	return strings.Join(list, ",\r\n ")
}

// encodeText makes an unstructured header value: line breaks removed,
// Q-encoded when not ASCII, folded between encoded words.
func encodeText(s string) string {
	s = notify.OneLine(s)
	return strings.ReplaceAll(mime.QEncoding.Encode("utf-8", s), "?= =?", "?=\r\n =?")
}

// boundary is a multipart boundary derived from the message id, so that
// writing a message again gives the same bytes. "=_" never occurs in
// quoted-printable or base64 text.
func boundary(id, kind string) string {
	sum := sha256.Sum256([]byte(id))
	return "=_nhacviec_" + kind + "_" + hex.EncodeToString(sum[:12])
}

func textEntity(mediaType, text string) entity {
	var body bytes.Buffer
	w := quotedprintable.NewWriter(&body)
	w.Write([]byte(text)) // a bytes.Buffer does not fail
	w.Close()
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", mime.FormatMediaType(mediaType, map[string]string{"charset": "utf-8"}))
	h.Set("Content-Transfer-Encoding", "quoted-printable")
	return entity{header: h, body: body.Bytes()}
}

func calendarEntity(ics []byte) entity {
	const name = "nhacviec.ics"
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", mime.FormatMediaType("text/calendar", map[string]string{"charset": "utf-8", "method": "PUBLISH", "name": name}))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Content-Transfer-Encoding", "base64")
	enc := base64.StdEncoding.EncodeToString(ics)
	var body bytes.Buffer
	for len(enc) > 76 {
		body.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	body.WriteString(enc + "\r\n")
	return entity{header: h, body: body.Bytes()}
}

func multipartEntity(subtype, bound string, parts ...entity) (entity, error) {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	if err := w.SetBoundary(bound); err != nil {
		return entity{}, fmt.Errorf("multipart boundary: %w", err)
	}
	for _, p := range parts {
		pw, err := w.CreatePart(p.header)
		if err != nil {
			return entity{}, err
		}
		pw.Write(p.body)
	}
	if err := w.Close(); err != nil {
		return entity{}, err
	}
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", mime.FormatMediaType("multipart/"+subtype, map[string]string{"boundary": bound}))
	return entity{header: h, body: body.Bytes()}, nil
}

// formatSMS writes an SMS as "To: " and the phone numbers, a blank line,
// and the text.
func formatSMS(m *notify.Message) []byte {
	var phones []string
	for _, a := range m.To {
		if a.Phone != "" {
			phones = append(phones, a.Phone)
		}
	}
	text := m.Text
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	return []byte("To: " + strings.Join(phones, ", ") + "\n\n" + text)
}
