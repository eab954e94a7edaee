package email

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

const (
	testUser = "nhacviec@quangthanh.example.vn"
	testPass = "mật-khẩu s3cret"
)

var testDate = time.Date(2025, 3, 10, 7, 30, 0, 0, time.FixedZone("ICT", 7*3600))

// channel is an email channel to the test server on port.
func channel(port int, mode string) *plan.EmailChannel {
	return &plan.EmailChannel{
		Host:        "127.0.0.1",
		Port:        port,
		TLS:         mode,
		From:        "UBND xã Quảng Thành <ubnd@quangthanh.example.vn>",
		Connections: 2,
	}
}

// newSender returns a Sender trusting the test certificate, closed when
// the test ends.
func newSender(t *testing.T, ch *plan.EmailChannel, opts Options) *Sender {
	t.Helper()
	if opts.TLSConfig == nil {
		opts.TLSConfig = clientTLS(t)
	}
	if opts.Now == nil {
		opts.Now = func() time.Time { return testDate }
	}
	if opts.DialTimeout == 0 {
		opts.DialTimeout = 10 * time.Second
	}
	s, err := New(ch, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// message is a complete message to two addresses, with a calendar.
func message(id string) *notify.Message {
	return &notify.Message{
		ID:      id,
		Channel: plan.ChannelEmail,
		Unit:    "vhxh",
		To: []notify.Address{
			{Name: "Văn hoá – Xã hội", Email: "vhxh@quangthanh.example.vn"},
			{Name: "Trần Thị Bình", Email: "binh@quangthanh.example.vn"},
			{Name: "Chỉ có số điện thoại", Phone: "+84912345678"},
		},
		Subject: "Nhắc việc: Báo cáo tình hình tiêm chủng tháng 3 — hạn 15/03/2025",
		Text:    "Kính gửi Văn hoá – Xã hội,\nHạn nộp báo cáo: 15/03/2025.\nXác nhận: https://nhacviec.example.vn/a/TOKEN\n",
		HTML:    "<p>Kính gửi <b>Văn hoá – Xã hội</b>,</p><p>Hạn nộp báo cáo: 15/03/2025.</p>",
		ICS:     []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\nUID:" + id + "@nhacviec\r\nSUMMARY:Báo cáo tiêm chủng\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
		Headers: map[string]string{"X-Nhacviec-Kind": "deadline"},
	}
}

// plain is a short message to one address, its behaviour on the test
// server set by X-Test (see server_test.go).
func plain(id, to, test string) *notify.Message {
	m := &notify.Message{
		ID:      id,
		Channel: plan.ChannelEmail,
		To:      []notify.Address{{Name: "Đơn vị", Email: to}},
		Subject: "Nhắc việc " + id,
		Text:    "Nội dung " + id,
	}
	if test != "" {
		m.Headers = map[string]string{"X-Test": test}
	}
	return m
}

// TestOutcomes checks how each answer of the server is reported.
func TestOutcomes(t *testing.T) {
	tests := []struct {
		name      string
		to, test  string
		wantErr   bool
		temporary bool
		wantMsgs  int
	}{
		{name: "accepted", to: "a@example.vn", wantMsgs: 1},
		{name: "RCPT 451", to: "temp@example.vn", wantErr: true, temporary: true},
		{name: "RCPT 550", to: "reject@example.vn", wantErr: true},
		{name: "DATA 451", to: "a@example.vn", test: "451", wantErr: true, temporary: true},
		{name: "DATA 550", to: "a@example.vn", test: "550", wantErr: true},
		{name: "connection dropped mid-DATA", to: "a@example.vn", test: "drop", wantErr: true, temporary: true},
		// DATA accepted, then the connection closed: delivered, and the
		// next message goes on a new connection.
		{name: "connection closed after DATA", to: "a@example.vn", test: "close", wantMsgs: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBackend()
			port := startServer(t, b, modeStartTLS)
			s := newSender(t, channel(port, modeStartTLS), Options{})
			m := plain("n1", tt.to, tt.test)
			err := s.Notify(context.Background(), m)
			switch {
			case tt.wantErr && err == nil:
				t.Fatalf("Notify succeeded, want an error")
			case !tt.wantErr && err != nil:
				t.Fatalf("Notify: %v, want success", err)
			}
			if err != nil {
				if got := notify.IsTemporary(err); got != tt.temporary {
					t.Errorf("IsTemporary = %v, want %v; err: %v", got, tt.temporary, err)
				}
				if !strings.Contains(err.Error(), "n1") {
					t.Errorf("error %q does not name the message", err)
				}
			} else if m.Receipt == "" {
				t.Error("delivered with no receipt")
			}
			if got := len(b.messages()); got != tt.wantMsgs {
				t.Errorf("server received %d messages, want %d", got, tt.wantMsgs)
			}
			// The sender recovers: the next message goes through.
			if err := s.Notify(context.Background(), plain("n2", "a@example.vn", "")); err != nil {
				t.Errorf("next Notify: %v", err)
			}
		})
	}
}

func TestRefusedDial(t *testing.T) {
	s := newSender(t, channel(closedPort(t), modeStartTLS), Options{})
	err := s.Notify(context.Background(), plain("n1", "a@example.vn", ""))
	if err == nil {
		t.Fatal("Notify to a closed port succeeded")
	}
	if !notify.IsTemporary(err) {
		t.Errorf("refused connection is permanent, want temporary: %v", err)
	}
}

func TestSlowServer(t *testing.T) {
	t.Run("context deadline", func(t *testing.T) {
		b := newBackend()
		port := startServer(t, b, modeStartTLS)
		s := newSender(t, channel(port, modeStartTLS), Options{})
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		err := s.Notify(ctx, plain("n1", "a@example.vn", "slow"))
		if err == nil {
			t.Fatal("Notify succeeded, want a timeout")
		}
		if !notify.IsTemporary(err) || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("got %v (temporary %v), want a temporary context.DeadlineExceeded", err, notify.IsTemporary(err))
		}
		// The aborted connection is not reused.
		if err := s.Notify(context.Background(), plain("n2", "a@example.vn", "")); err != nil {
			t.Errorf("next Notify: %v", err)
		}
	})
	t.Run("dial timeout", func(t *testing.T) {
		b := newBackend()
		b.greetDelay = 5 * time.Second
		port := startServer(t, b, modeStartTLS)
		s := newSender(t, channel(port, modeStartTLS), Options{DialTimeout: 300 * time.Millisecond})
		err := s.Notify(context.Background(), plain("n1", "a@example.vn", ""))
		if err == nil {
			t.Fatal("Notify succeeded, want a timeout")
		}
		if !notify.IsTemporary(err) || !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Errorf("got %v (temporary %v), want a temporary i/o timeout", err, notify.IsTemporary(err))
		}
	})
}

func TestBadCertificate(t *testing.T) {
	for _, mode := range []string{modeStartTLS, modeTLS} {
		t.Run(mode, func(t *testing.T) {
			b := newBackend()
			port := startServer(t, b, mode)
			tests := []struct {
				name string
				opts Options
			}{
				// The system's roots do not know the test certificate.
				{"unknown authority", Options{TLSConfig: &tls.Config{}}},
				{"wrong host name", Options{TLSConfig: func() *tls.Config {
					c := clientTLS(t)
					c.ServerName = "mail.example.vn"
					return c
				}()}},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					s := newSender(t, channel(port, mode), tt.opts)
					err := s.Notify(context.Background(), plain("n1", "a@example.vn", ""))
					if err == nil {
						t.Fatal("Notify succeeded, want a certificate error")
					}
					if notify.IsTemporary(err) || !errors.Is(err, ErrCertificate) {
						t.Errorf("got %v (temporary %v), want a permanent ErrCertificate", err, notify.IsTemporary(err))
					}
				})
			}
			if n := len(b.messages()); n != 0 {
				t.Errorf("server received %d messages, want 0", n)
			}
		})
	}
}

func TestAuth(t *testing.T) {
	tests := []struct {
		name     string
		mechs    []string
		password string
		wantErr  bool
	}{
		{"PLAIN", []string{"PLAIN", "LOGIN"}, testPass, false},
		{"PLAIN wrong password", []string{"PLAIN", "LOGIN"}, "wrong-password", true},
		{"LOGIN only", []string{"LOGIN"}, testPass, false},
		{"LOGIN only wrong password", []string{"LOGIN"}, "wrong-password", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBackend()
			b.mechs, b.user, b.pass = tt.mechs, testUser, testPass
			port := startServer(t, b, modeStartTLS)
			file := filepath.Join(t.TempDir(), "smtp-password")
			if err := os.WriteFile(file, []byte(tt.password+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			ch := channel(port, modeStartTLS)
			ch.Username, ch.PasswordFile = testUser, file
			var logs bytes.Buffer
			s := newSender(t, ch, Options{Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
			err := s.Notify(context.Background(), plain("n1", "a@example.vn", ""))
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("Notify: %v", err)
				}
				if got := b.messages(); len(got) != 1 || got[0].user != testUser {
					t.Errorf("server received %d messages, want 1 from %s", len(got), testUser)
				}
				return
			}
			if err == nil {
				t.Fatal("Notify succeeded with a wrong password")
			}
			if notify.IsTemporary(err) || !errors.Is(err, ErrLogin) {
				t.Errorf("got %v (temporary %v), want a permanent ErrLogin", err, notify.IsTemporary(err))
			}
			if strings.Contains(err.Error(), tt.password) {
				t.Errorf("error %q holds the password", err)
			}
			if strings.Contains(logs.String(), tt.password) {
				t.Errorf("the log holds the password:\n%s", logs.String())
			}
		})
	}
}

func TestPassword(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good")
	empty := filepath.Join(dir, "empty")
	missing := filepath.Join(dir, "missing")
	os.WriteFile(good, []byte(testPass+"\n"), 0o600)
	os.WriteFile(empty, []byte("\n"), 0o600)
	env := map[string]string{"SET": testPass, "EMPTY": ""}
	tests := []struct {
		name       string
		file, env  string
		wantErrHas string // "" for success
	}{
		{"file", good, "", ""},
		{"env", "", "SET", ""},
		{"missing file", missing, "", missing},
		{"empty file", empty, "", empty},
		{"unset variable", "", "UNSET", "UNSET"},
		{"empty variable", "", "EMPTY", "EMPTY"},
		{"no password", "", "", "password_file or password_env"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch := channel(25, modeStartTLS)
			ch.Username, ch.PasswordFile, ch.PasswordEnv = testUser, tt.file, tt.env
			s, err := New(ch, Options{Getenv: func(k string) string { return env[k] }})
			if tt.wantErrHas == "" {
				if err != nil {
					t.Fatalf("New: %v", err)
				}
				s.Close()
				return
			}
			if err == nil {
				s.Close()
				t.Fatalf("New succeeded, want an error naming %s", tt.wantErrHas)
			}
			if !strings.Contains(err.Error(), tt.wantErrHas) {
				t.Errorf("error %q does not name %s", err, tt.wantErrHas)
			}
		})
	}
}

func TestPlaintext(t *testing.T) {
	t.Run("loopback allowed", func(t *testing.T) {
		b := newBackend()
		b.mechs, b.user, b.pass = []string{"PLAIN"}, testUser, testPass
		port := startServer(t, b, modePlain)
		ch := channel(port, modePlain)
		ch.Username, ch.PasswordEnv = testUser, "P"
		s := newSender(t, ch, Options{Getenv: func(string) string { return testPass }})
		if err := s.Notify(context.Background(), plain("n1", "a@example.vn", "")); err != nil {
			t.Fatalf("Notify: %v", err)
		}
		if got := b.messages(); len(got) != 1 || got[0].tls {
			t.Errorf("server received %d messages (%+v), want 1 without TLS", len(got), got)
		}
	})
	t.Run("remote refused", func(t *testing.T) {
		ch := channel(25, modePlain)
		ch.Host = "smtp.example.gov.vn"
		_, err := New(ch, Options{})
		if err == nil {
			t.Fatal("New accepted tls: none to a remote host")
		}
		if notify.IsTemporary(err) || !errors.Is(err, ErrPlaintext) {
			t.Errorf("got %v (temporary %v), want a permanent ErrPlaintext", err, notify.IsTemporary(err))
		}
	})
	t.Run("remote insecure", func(t *testing.T) {
		ch := channel(25, modePlain)
		ch.Host, ch.Insecure = "smtp.example.gov.vn", true
		s, err := New(ch, Options{})
		if err != nil {
			t.Fatalf("New with insecure: true: %v", err)
		}
		s.Close()
	})
	t.Run("STARTTLS not offered", func(t *testing.T) {
		b := newBackend()
		port := startServer(t, b, modePlain)
		s := newSender(t, channel(port, modeStartTLS), Options{})
		err := s.Notify(context.Background(), plain("n1", "a@example.vn", ""))
		if err == nil {
			t.Fatal("Notify succeeded without STARTTLS")
		}
		if notify.IsTemporary(err) || !errors.Is(err, ErrNoStartTLS) {
			t.Errorf("got %v (temporary %v), want a permanent ErrNoStartTLS", err, notify.IsTemporary(err))
		}
		if n := len(b.messages()); n != 0 {
			t.Errorf("server received %d messages in clear, want 0", n)
		}
	})
}

// TestReuse sends many messages at once over a pool of two connections,
// and checks that the server saw no more than two.
func TestReuse(t *testing.T) {
	b := newBackend()
	b.mechs, b.user, b.pass = []string{"PLAIN"}, testUser, testPass
	port := startServer(t, b, modeStartTLS)
	ch := channel(port, modeStartTLS)
	ch.Username, ch.PasswordEnv, ch.Connections = testUser, "P", 2
	s := newSender(t, ch, Options{Getenv: func(string) string { return testPass }})
	const n = 20
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			errs[i] = s.Notify(context.Background(), plain(fmt.Sprintf("n%d", i), "a@example.vn", ""))
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("message %d: %v", i, err)
		}
	}
	if got := len(b.messages()); got != n {
		t.Errorf("server received %d messages, want %d", got, n)
	}
	if got := b.connections(); got > 2 {
		t.Errorf("server saw %d connections, want at most 2", got)
	}
}

// TestReconnect checks that a connection the server closed is dialed
// again without failing the message.
func TestReconnect(t *testing.T) {
	b := newBackend()
	port := startServer(t, b, modeStartTLS)
	ch := channel(port, modeStartTLS)
	ch.Connections = 1
	s := newSender(t, ch, Options{})
	if err := s.Notify(context.Background(), plain("n1", "a@example.vn", "")); err != nil {
		t.Fatalf("first Notify: %v", err)
	}
	b.closeAll()
	if err := s.Notify(context.Background(), plain("n2", "a@example.vn", "")); err != nil {
		t.Fatalf("Notify after the server closed the connection: %v", err)
	}
	if got := len(b.messages()); got != 2 {
		t.Errorf("server received %d messages, want 2", got)
	}
	if got := b.connections(); got != 2 {
		t.Errorf("server saw %d connections, want 2", got)
	}
}

func TestRate(t *testing.T) {
	b := newBackend()
	port := startServer(t, b, modeStartTLS)
	ch := channel(port, modeStartTLS)
	ch.Rate = plan.Rate{N: 20, Per: time.Second}
	s := newSender(t, ch, Options{})
	// Connect first, so that only sending is timed.
	if err := s.Notify(context.Background(), plain("warm", "a@example.vn", "")); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var wg sync.WaitGroup
	for i := range 10 {
		wg.Go(func() {
			if err := s.Notify(context.Background(), plain(fmt.Sprintf("n%d", i), "a@example.vn", "")); err != nil {
				t.Errorf("message %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	// 20 a second is one every 50 ms: ten messages after the first need
	// at least 450 ms. Only a lower bound: a slow machine may take longer.
	if took := time.Since(start); took < 400*time.Millisecond {
		t.Errorf("10 messages at 20/s took %v, want at least 400ms", took)
	}
}

func TestMessageRefused(t *testing.T) {
	s := newSender(t, channel(closedPort(t), modeStartTLS), Options{})
	tests := []struct {
		name string
		m    *notify.Message
	}{
		{"no email address", &notify.Message{ID: "n1", To: []notify.Address{{Phone: "+84912345678"}}}},
		{"bad address", plain("n1", "not an address", "")},
		{"bad id", plain("n1 <x>", "a@example.vn", "")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Notify(context.Background(), tt.m)
			if err == nil || notify.IsTemporary(err) {
				t.Errorf("got %v, want a permanent error", err)
			}
		})
	}
}

func TestClosed(t *testing.T) {
	b := newBackend()
	port := startServer(t, b, modeStartTLS)
	s := newSender(t, channel(port, modeStartTLS), Options{})
	if err := s.Notify(context.Background(), plain("n1", "a@example.vn", "")); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	err := s.Notify(context.Background(), plain("n2", "a@example.vn", ""))
	if !errors.Is(err, ErrClosed) || !notify.IsTemporary(err) {
		t.Errorf("Notify after Close: got %v, want a temporary ErrClosed", err)
	}
}

// TestIdleReuse checks that a connection left idle longer than the
// timeout is still reused, not taken for dead.
func TestIdleReuse(t *testing.T) {
	b := newBackend()
	port := startServer(t, b, modeStartTLS)
	ch := channel(port, modeStartTLS)
	ch.Connections = 1
	s := newSender(t, ch, Options{DialTimeout: 200 * time.Millisecond})
	for i := range 2 {
		if i > 0 {
			time.Sleep(400 * time.Millisecond)
		}
		if err := s.Notify(context.Background(), plain(fmt.Sprintf("n%d", i), "a@example.vn", "")); err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
	}
	if got := b.connections(); got != 1 {
		t.Errorf("server saw %d connections, want 1", got)
	}
}
