package email

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/notify"
)

func TestDelivered(t *testing.T) {
	for _, mode := range []string{modeStartTLS, modeTLS} {
		t.Run(mode, func(t *testing.T) {
			b := newBackend()
			b.mechs, b.user, b.pass = []string{"PLAIN", "LOGIN"}, testUser, testPass
			port := startServer(t, b, mode)
			ch := channel(port, mode)
			ch.Username, ch.PasswordEnv = testUser, "NHACVIEC_SMTP_PASSWORD"
			var logs bytes.Buffer
			s := newSender(t, ch, Options{
				Getenv: func(k string) string { return map[string]string{"NHACVIEC_SMTP_PASSWORD": testPass}[k] },
				Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
			})
			m := message("n-2025-03-10-vhxh-1")
			if err := s.Notify(context.Background(), m); err != nil {
				t.Fatalf("Notify: %v", err)
			}
			if want := "smtp " + addr(port) + " accepted"; !strings.HasPrefix(m.Receipt, want) {
				t.Errorf("Receipt = %q, want it to start with %q", m.Receipt, want)
			}
			got := b.messages()
			if len(got) != 1 {
				t.Fatalf("server received %d messages, want 1", len(got))
			}
			r := got[0]
			if !r.tls {
				t.Error("message came without TLS")
			}
			if r.user != testUser {
				t.Errorf("logged in as %q, want %q", r.user, testUser)
			}
			if r.from != "ubnd@quangthanh.example.vn" {
				t.Errorf("MAIL FROM %q, want ubnd@quangthanh.example.vn", r.from)
			}
			if want := []string{"vhxh@quangthanh.example.vn", "binh@quangthanh.example.vn"}; !slices.Equal(r.to, want) {
				t.Errorf("RCPT TO %q, want %q", r.to, want)
			}
			checkMessage(t, r.data, m)
			if strings.Contains(logs.String(), testPass) {
				t.Errorf("the log holds the password:\n%s", logs.String())
			}
		})
	}
}

// checkMessage parses data as the message m must have become.
func checkMessage(t *testing.T, data []byte, m *notify.Message) {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("parse message: %v\n%s", err, data)
	}
	h := msg.Header
	dec := new(mime.WordDecoder)
	if got, want := h.Get("Message-Id"), "<"+m.ID+"@nhacviec>"; got != want {
		t.Errorf("Message-ID = %q, want %q", got, want)
	}
	subject := h.Get("Subject")
	if !strings.Contains(subject, "=?UTF-8?q?") && !strings.Contains(subject, "=?UTF-8?Q?") {
		t.Errorf("Subject %q is not Q-encoded", subject)
	}
	if got, err := dec.DecodeHeader(subject); err != nil || got != m.Subject {
		t.Errorf("Subject decodes to %q (%v), want %q", got, err, m.Subject)
	}
	if got, err := h.Date(); err != nil || !got.Equal(testDate) {
		t.Errorf("Date = %v (%v), want %v", got, err, testDate)
	}
	from, err := h.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != "UBND xã Quảng Thành" || from[0].Address != "ubnd@quangthanh.example.vn" {
		t.Errorf("From = %v (%v), want UBND xã Quảng Thành <ubnd@quangthanh.example.vn>", from, err)
	}
	to, err := h.AddressList("To")
	if err != nil {
		t.Fatalf("To: %v", err)
	}
	var gotTo []string
	for _, a := range to {
		gotTo = append(gotTo, a.Name+" <"+a.Address+">")
	}
	if want := []string{"Văn hoá – Xã hội <vhxh@quangthanh.example.vn>", "Trần Thị Bình <binh@quangthanh.example.vn>"}; !slices.Equal(gotTo, want) {
		t.Errorf("To = %q, want %q", gotTo, want)
	}
	if got := h.Get("X-Nhacviec-Kind"); got != "deadline" {
		t.Errorf("X-Nhacviec-Kind = %q, want deadline", got)
	}

	// multipart/mixed: multipart/alternative (text, HTML), then the calendar.
	mixed := parts(t, h.Get("Content-Type"), msg.Body, "multipart/mixed")
	if len(mixed) != 2 {
		t.Fatalf("multipart/mixed has %d parts, want 2", len(mixed))
	}
	alt := parts(t, mixed[0].header.Get("Content-Type"), bytes.NewReader(mixed[0].body), "multipart/alternative")
	if len(alt) != 2 {
		t.Fatalf("multipart/alternative has %d parts, want 2", len(alt))
	}
	for i, want := range []struct{ mediaType, body string }{{"text/plain", m.Text}, {"text/html", m.HTML}} {
		p := alt[i]
		mt, params, _ := mime.ParseMediaType(p.header.Get("Content-Type"))
		if mt != want.mediaType || !strings.EqualFold(params["charset"], "utf-8") {
			t.Errorf("alternative %d is %s charset %s, want %s charset utf-8", i, mt, params["charset"], want.mediaType)
		}
		if got := string(decode(t, p)); strings.ReplaceAll(got, "\r\n", "\n") != want.body {
			t.Errorf("%s body = %q, want %q", mt, got, want.body)
		}
	}
	cal := mixed[1]
	mt, params, err := mime.ParseMediaType(cal.header.Get("Content-Type"))
	if err != nil || mt != "text/calendar" || params["method"] != "PUBLISH" {
		t.Errorf("calendar Content-Type = %q, want text/calendar; method=PUBLISH", cal.header.Get("Content-Type"))
	}
	disp, dparams, err := mime.ParseMediaType(cal.header.Get("Content-Disposition"))
	if err != nil || disp != "attachment" || dparams["filename"] != "nhacviec.ics" {
		t.Errorf("calendar Content-Disposition = %q, want attachment; filename=nhacviec.ics", cal.header.Get("Content-Disposition"))
	}
	if got := decode(t, cal); !bytes.Equal(got, m.ICS) {
		t.Errorf("calendar = %q, want %q", got, m.ICS)
	}
}

// parts splits a multipart body of the given type.
func parts(t *testing.T, contentType string, body io.Reader, want string) []mimePart {
	t.Helper()
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || mt != want {
		t.Fatalf("Content-Type = %q (%v), want %s", contentType, err, want)
	}
	r := multipart.NewReader(body, params["boundary"])
	var list []mimePart
	for {
		p, err := r.NextRawPart()
		if err == io.EOF {
			return list
		}
		if err != nil {
			t.Fatalf("%s: %v", want, err)
		}
		b, err := io.ReadAll(p)
		if err != nil {
			t.Fatalf("%s: %v", want, err)
		}
		list = append(list, mimePart{header: p.Header, body: b})
	}
}

type mimePart struct {
	header interface{ Get(string) string }
	body   []byte
}

// decode undoes a part's Content-Transfer-Encoding.
func decode(t *testing.T, p mimePart) []byte {
	t.Helper()
	var r io.Reader = bytes.NewReader(p.body)
	switch enc := strings.ToLower(p.header.Get("Content-Transfer-Encoding")); enc {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r)
	case "", "7bit", "8bit":
	default:
		t.Fatalf("unexpected Content-Transfer-Encoding %q", enc)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return b
}

// TestBuildAttachesDocument: the plan document goes as a file attachment
// of its type and name after the calendar, read from its path; a path that
// is gone fails the message before anything is written.
func TestBuildAttachesDocument(t *testing.T) {
	dir := t.TempDir()
	doc := []byte("%PDF-1.4\nKế hoạch\n")
	path := dir + "/ke-hoach.pdf"
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	m := message("n-2025-03-10-vhxh-1")
	m.Attachments = []notify.Attachment{{Name: "Kế hoạch 15.pdf", ContentType: "application/pdf", Path: path}}
	msg, err := Build(m, "UBND xã Quảng Thành <ubnd@quangthanh.example.vn>", testDate)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := msg.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	parsed, err := netmail.ReadMessage(&b)
	if err != nil {
		t.Fatal(err)
	}
	mixed := parts(t, parsed.Header.Get("Content-Type"), parsed.Body, "multipart/mixed")
	if len(mixed) != 3 {
		t.Fatalf("multipart/mixed has %d parts, want text, calendar and document", len(mixed))
	}
	p := mixed[2]
	if mt, _, _ := mime.ParseMediaType(p.header.Get("Content-Type")); mt != "application/pdf" {
		t.Errorf("document Content-Type = %q, want application/pdf", p.header.Get("Content-Type"))
	}
	disp, params, err := mime.ParseMediaType(p.header.Get("Content-Disposition"))
	name, _ := new(mime.WordDecoder).DecodeHeader(params["filename"])
	if err != nil || disp != "attachment" || name != "Kế hoạch 15.pdf" {
		t.Errorf("document Content-Disposition = %q (%v), want attachment named Kế hoạch 15.pdf", p.header.Get("Content-Disposition"), err)
	}
	if got := decode(t, p); !bytes.Equal(got, doc) {
		t.Errorf("document = %q, want %q", got, doc)
	}

	m.Attachments[0].Path = dir + "/gone.pdf"
	if _, err := Build(m, "ubnd@quangthanh.example.vn", testDate); err == nil || !strings.Contains(err.Error(), "Kế hoạch 15.pdf") {
		t.Errorf("a document gone: got %v, want an error naming it", err)
	}
}
