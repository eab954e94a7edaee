package outbox

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/internal/unprivileged"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/notify/email"
	"github.com/nhacviec/nhacviec/plan"
)

var sent = time.Date(2019, 11, 8, 7, 30, 0, 0, time.FixedZone("ICT", 7*3600))

// newOutbox is an outbox in a fresh directory on a clock stopped at sent.
func newOutbox(t *testing.T) *Outbox {
	t.Helper()
	o := New(filepath.Join(t.TempDir(), "outbox"))
	o.Now = func() time.Time { return sent }
	return o
}

const longLine = "Nội dung thực hiện: treo băng rôn, khẩu hiệu; tổ chức nói chuyện chuyên đề về bình đẳng giới tại nhà văn hóa các thôn, lồng ghép trong sinh hoạt chi hội."

func emailMessage() *notify.Message {
	return &notify.Message{
		ID:      "10e5644382f2ded74330805d6b9ca203",
		Channel: plan.ChannelEmail,
		Unit:    "ldtbxh",
		To: []notify.Address{
			{Name: "Nguyễn Văn An", Email: "ldtbxh@quangthanh.example.vn"},
			{Name: "Đỗ Thị Bình (LĐ-TB&XH)", Email: "binh@quangthanh.example.vn"},
		},
		From:    "UBND xã Quảng Thành <ubnd@quangthanh.example.vn>",
		Subject: "[Nhắc việc] II.3 Tháng hành động về bình đẳng giới và … — bắt đầu 15/11/2019",
		Text:    "Kính gửi: Bộ phận Lao động - Thương binh và Xã hội\n\n" + longLine + "\n\nXác nhận: bấm «Đã nhận».\nhttp://127.0.0.1:8080/a/T10e5644382f2ded7\n",
		HTML:    "<p>Kính gửi: Bộ phận Lao động - Thương binh và Xã hội</p>\n<p>" + longLine + "</p>\n",
		ICS:     []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:II.3. Tháng hành động\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
		Headers: map[string]string{"X-Nhacviec-Kind": "reminder", "Auto-Submitted": "auto-generated", "Subject": "injected", "X-Bad\r\nBcc: x@y": "no"},
	}
}

func sms() *notify.Message {
	return &notify.Message{
		ID:      "a5b5e717b9a29e750cc5967c15c2e83f",
		Channel: plan.ChannelSMS,
		Unit:    "hlhpn",
		To:      []notify.Address{{Name: "Lê Thị Dung", Phone: "+84901234567"}, {Phone: "+84987654321"}},
		Text:    "[Nhắc việc] II.3. Tháng hành động — đang thực hiện, đến 15/12/2019.\nTrả lời OK 4821 (đã nhận). http://127.0.0.1:8080/a/Ta5b5e717b9a29e75",
	}
}

func TestEmail(t *testing.T) {
	o := newOutbox(t)
	m := emailMessage()
	if err := o.Notify(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(o.Dir(), "email", "2019-11-08", m.ID+".eml"))
	if err != nil {
		t.Fatal(err)
	}
	if i := bytes.IndexByte(bytes.ReplaceAll(raw, []byte("\r\n"), nil), '\n'); i >= 0 {
		t.Errorf("bare line feed at byte %d: lines must end in CRLF", i)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("net/mail cannot read the message: %v\n%s", err, raw)
	}
	h := msg.Header
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(h.Get("Subject"))
	if err != nil || subject != m.Subject {
		t.Errorf("Subject %q (%v), want %q", subject, err, m.Subject)
	}
	if date, err := h.Date(); err != nil || !date.Equal(sent) {
		t.Errorf("Date %v (%v), want %v", date, err, sent)
	}
	from, err := h.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Name != "UBND xã Quảng Thành" || from[0].Address != "ubnd@quangthanh.example.vn" {
		t.Errorf("From %v (%v), want UBND xã Quảng Thành <ubnd@quangthanh.example.vn>", from, err)
	}
	to, err := h.AddressList("To")
	if err != nil || len(to) != 2 {
		t.Fatalf("To %v (%v), want two addresses", to, err)
	}
	for i, a := range m.To {
		if to[i].Name != a.Name || to[i].Address != a.Email {
			t.Errorf("To[%d] = %q <%s>, want %q <%s>", i, to[i].Name, to[i].Address, a.Name, a.Email)
		}
	}
	if !strings.Contains(string(raw), "=?utf-8?q?Nguy") {
		t.Errorf("the name Nguyễn Văn An is not Q-encoded:\n%s", raw)
	}
	for k, want := range map[string]string{
		"Message-Id":      "<" + m.ID + "@nhacviec>",
		"Mime-Version":    "1.0",
		"X-Nhacviec-Kind": "reminder",
		"Auto-Submitted":  "auto-generated",
		"Bcc":             "",
	} {
		if got := h.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	if n := len(h["Subject"]); n != 1 {
		t.Errorf("%d Subject fields, want 1: a message header must not replace the outbox's own", n)
	}

	// multipart/mixed: multipart/alternative (text, html), then the .ics.
	parts := readMultipart(t, h.Get("Content-Type"), msg.Body, "multipart/mixed")
	if len(parts) != 2 {
		t.Fatalf("%d parts in multipart/mixed, want 2", len(parts))
	}
	alt := readMultipart(t, parts[0].header.Get("Content-Type"), bytes.NewReader(parts[0].body), "multipart/alternative")
	if len(alt) != 2 {
		t.Fatalf("%d parts in multipart/alternative, want 2", len(alt))
	}
	checkText(t, alt[0], "text/plain", m.Text)
	checkText(t, alt[1], "text/html", m.HTML)
	ics := parts[1]
	if mt, params, _ := mime.ParseMediaType(ics.header.Get("Content-Type")); mt != "text/calendar" || params["method"] != "PUBLISH" {
		t.Errorf("attachment is %s %v, want text/calendar with method PUBLISH", mt, params)
	}
	if d, params, _ := mime.ParseMediaType(ics.header.Get("Content-Disposition")); d != "attachment" || !strings.HasSuffix(params["filename"], ".ics") {
		t.Errorf("Content-Disposition %q, want an .ics attachment", ics.header.Get("Content-Disposition"))
	}
	got, err := base64.StdEncoding.DecodeString(strings.ReplaceAll(string(ics.body), "\r\n", ""))
	if err != nil || !bytes.Equal(got, m.ICS) {
		t.Errorf("calendar %q (%v), want %q", got, err, m.ICS)
	}
}

func TestEmailPlain(t *testing.T) {
	o := newOutbox(t)
	m := emailMessage()
	m.HTML, m.ICS, m.From = "", nil, ""
	if err := o.Notify(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(o.Dir(), "email", "2019-11-08", m.ID+".eml"))
	if err != nil {
		t.Fatal(err)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if from, err := msg.Header.AddressList("From"); err != nil || len(from) != 1 || from[0].Address != "nhacviec@localhost" {
		t.Errorf("From %v (%v), want nhacviec@localhost", from, err)
	}
	body, _ := io.ReadAll(msg.Body)
	checkText(t, part{header: msg.Header, body: body}, "text/plain", m.Text)
}

// TestEmailAsSent: the .eml is the message the email channel sends
// (email.Build, written by go-mail), but for the MIME boundaries, which
// go-mail draws at random.
func TestEmailAsSent(t *testing.T) {
	o := newOutbox(t)
	m := emailMessage()
	if err := o.Notify(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(o.Dir(), "email", "2019-11-08", m.ID+".eml"))
	if err != nil {
		t.Fatal(err)
	}
	msg, err := email.Build(m, m.From, sent)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if _, err := msg.WriteTo(&want); err != nil {
		t.Fatal(err)
	}
	if g, w := fixBoundaries(got), fixBoundaries(want.Bytes()); !bytes.Equal(g, w) {
		t.Errorf("the outbox wrote\n%s\nwant, as the email channel sends it,\n%s", g, w)
	}
}

// fixBoundaries names a message's MIME boundaries in their order.
func fixBoundaries(raw []byte) []byte {
	for i, m := range regexp.MustCompile(`boundary="?([0-9A-Za-z'()+_,./:=?-]+)"?`).FindAllSubmatch(raw, -1) {
		raw = bytes.ReplaceAll(raw, m[1], fmt.Appendf(nil, "BOUNDARY%d", i))
	}
	return raw
}

// TestRewrite writes the same messages again, later and after a restart:
// each stays one file, with the last content.
func TestRewrite(t *testing.T) {
	o := newOutbox(t)
	ctx := context.Background()
	m := emailMessage()
	for i, day := range []int{0, 0, 1} {
		o.Now = func() time.Time { return sent.AddDate(0, 0, day) }
		m.Text = fmt.Sprintf("lần %d\n", i+1)
		if err := o.Notify(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	restarted := New(o.Dir())
	restarted.Now = func() time.Time { return sent.AddDate(0, 0, 2) }
	m.Text = "lần 4\n"
	if err := restarted.Notify(ctx, m); err != nil {
		t.Fatal(err)
	}
	if err := restarted.Notify(ctx, sms()); err != nil {
		t.Fatal(err)
	}
	files := walk(t, o.Dir())
	want := []string{"email/2019-11-08/" + m.ID + ".eml", "sms/2019-11-10/" + sms().ID + ".txt"}
	if strings.Join(files, " ") != strings.Join(want, " ") {
		t.Fatalf("files %v, want %v", files, want)
	}
	raw, _ := os.ReadFile(filepath.Join(o.Dir(), want[0]))
	if !strings.Contains(string(raw), "l=E1=BA=A7n 4") {
		t.Errorf("the file does not hold the last version:\n%s", raw)
	}
}

func TestConcurrent(t *testing.T) {
	o := newOutbox(t)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := sms()
			m.ID = fmt.Sprintf("id%d", i%10) // each id four times
			errs <- o.Notify(context.Background(), m)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if files := walk(t, o.Dir()); len(files) != 10 {
		t.Errorf("%d files, want 10: %v", len(files), files)
	}
}

// TestReadOnly: a directory the daemon cannot write to gives a temporary
// error naming the file, and leaves nothing behind.
func TestReadOnly(t *testing.T) {
	for _, m := range []*notify.Message{emailMessage(), sms()} {
		t.Run(m.Channel, func(t *testing.T) {
			o := newOutbox(t)
			if err := os.MkdirAll(o.Dir(), 0o750); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(o.Dir(), 0o555); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(o.Dir(), 0o750) })
			var err error
			unprivileged.Run(t, func() { err = o.Notify(context.Background(), m) })
			checkFailure(t, err, m.ID, "permission denied")
			if files := walk(t, o.Dir()); len(files) != 0 {
				t.Errorf("files left behind: %v", files)
			}
		})
	}
}

// TestDiskFull: a write that fails half-way (ENOSPC) gives a temporary
// error, removes its temporary file and keeps the previous version whole.
func TestDiskFull(t *testing.T) {
	o := newOutbox(t)
	m := sms()
	if err := o.Notify(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(o.Dir(), "sms", "2019-11-08", m.ID+".txt")
	before, _ := os.ReadFile(path)
	o.write = func(f *os.File, data []byte) error {
		f.Write(data[:len(data)/2])
		return &fs.PathError{Op: "write", Path: f.Name(), Err: syscall.ENOSPC}
	}
	m.Text = "một phiên bản mới"
	checkFailure(t, o.Notify(context.Background(), m), m.ID, "no space left on device")
	if after, _ := os.ReadFile(path); !bytes.Equal(after, before) {
		t.Errorf("the previous version changed:\n%s", after)
	}
	if files := walk(t, o.Dir()); len(files) != 1 {
		t.Errorf("files %v, want only the previous version", files)
	}
}

// TestRenameFails: a directory squatting the file's name makes the
// rename fail; the temporary file goes.
func TestRenameFails(t *testing.T) {
	o := newOutbox(t)
	m := emailMessage()
	if err := os.MkdirAll(filepath.Join(o.Dir(), "email", "2019-11-08", m.ID+".eml", "x"), 0o750); err != nil {
		t.Fatal(err)
	}
	checkFailure(t, o.Notify(context.Background(), m), m.ID, "")
	for _, f := range walk(t, o.Dir()) {
		if strings.Contains(f, ".tmp-") {
			t.Errorf("temporary file left behind: %s", f)
		}
	}
}

func TestPermanent(t *testing.T) {
	o := newOutbox(t)
	bad := sms()
	bad.Channel = "fax"
	escape := sms()
	escape.ID = "../../etc/passwd"
	for _, m := range []*notify.Message{bad, escape} {
		err := o.Notify(context.Background(), m)
		if err == nil || notify.IsTemporary(err) {
			t.Errorf("Notify(%s, %s) = %v, want a permanent error", m.Channel, m.ID, err)
		}
	}
	if files := walk(t, filepath.Dir(o.Dir())); len(files) != 0 {
		t.Errorf("files written: %v", files)
	}
}

func TestCancelled(t *testing.T) {
	o := newOutbox(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := o.Notify(ctx, sms()); !notify.IsTemporary(err) || !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want a temporary context.Canceled", err)
	}
}

func checkFailure(t *testing.T, err error, id, text string) {
	t.Helper()
	switch {
	case err == nil:
		t.Fatal("no error, want a temporary one")
	case !notify.IsTemporary(err):
		t.Errorf("permanent error %v, want a temporary one", err)
	case !strings.Contains(err.Error(), id) || !strings.Contains(err.Error(), text):
		t.Errorf("error %q does not name the file %s… and say %q", err, id, text)
	}
}

// walk lists the message files under dir, temporary ones included, as
// slash paths; the journal is not a message.
func walk(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() && d.Name() != JournalName {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// part is a MIME entity read back: its header (a mail.Header or a
// textproto.MIMEHeader) and its raw body.
type part struct {
	header interface{ Get(string) string }
	body   []byte
}

func readMultipart(t *testing.T, contentType string, r io.Reader, want string) []part {
	t.Helper()
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || mt != want {
		t.Fatalf("Content-Type %q (%v), want %s", contentType, err, want)
	}
	mr := multipart.NewReader(r, params["boundary"])
	var out []part
	for {
		p, err := mr.NextRawPart()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("read %s: %v", want, err)
		}
		body, err := io.ReadAll(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, part{header: p.Header, body: body})
	}
}

// checkText decodes a quoted-printable UTF-8 part and compares it with
// want, line breaks aside.
func checkText(t *testing.T, p part, mediaType, want string) {
	t.Helper()
	mt, params, _ := mime.ParseMediaType(p.header.Get("Content-Type"))
	if mt != mediaType || !strings.EqualFold(params["charset"], "utf-8") || p.header.Get("Content-Transfer-Encoding") != "quoted-printable" {
		t.Errorf("part is %s %v %s, want %s, utf-8, quoted-printable", mt, params, p.header.Get("Content-Transfer-Encoding"), mediaType)
	}
	got, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(p.body)))
	if err != nil {
		t.Fatalf("decode %s: %v", mediaType, err)
	}
	if s := strings.ReplaceAll(string(got), "\r\n", "\n"); s != want {
		t.Errorf("%s part\n%q\nwant\n%q", mediaType, s, want)
	}
	for _, l := range strings.Split(string(p.body), "\r\n") {
		if len(l) > 76 {
			t.Errorf("encoded line of %d characters, want at most 76", len(l))
		}
	}
}

func TestJournalCountsEveryWrite(t *testing.T) {
	dir := t.TempDir()
	o := New(dir)
	m := &notify.Message{ID: "0123456789abcdef0123456789abcdef", Channel: plan.ChannelSMS, Unit: "hlhpn", To: []notify.Address{{Phone: "+84912345678"}}, Text: "Nhắc việc"}
	for range 2 {
		if err := o.Notify(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, JournalName))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d journal lines, want 2 (one per write):\n%s", len(lines), data)
	}
	for _, l := range lines {
		f := strings.Split(l, "\t")
		if len(f) != 5 || f[1] != "sms" || f[2] != "hlhpn" || f[3] != m.ID || !strings.HasPrefix(f[4], "sms/") {
			t.Errorf("journal line %q: want time, sms, hlhpn, the id and the file", l)
		}
	}
	if files := walk(t, dir); len(files) != 1 {
		t.Errorf("got files %v, want one: a rewrite replaces the file", files)
	}
}
