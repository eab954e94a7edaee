package sms

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

const (
	secret = "s3cret-T0ken"
	// text is a message as notify renders it: a body, then the line with
	// the acknowledgement code and link.
	text = "Nhắc việc: Đoàn Thanh niên nộp báo cáo.\nTrả lời OK 4821 http://127.0.0.1:8080/a/T1"
	// stripped is text as a GSM 7-bit SMS carries it.
	stripped = "Nhac viec: Doan Thanh nien nop bao cao.\nTra loi OK 4821 http://127.0.0.1:8080/a/T1"
)

// request is what a fake relay received.
type request struct {
	Method, Path, RawQuery string
	Header                 http.Header
	Body                   []byte
	At                     time.Time
}

// fakeRelay is a provider's server on loopback. It records every request
// and answers with its answer function.
type fakeRelay struct {
	*httptest.Server
	mu       sync.Mutex
	requests []request
}

func newRelay(t *testing.T, answer func(w http.ResponseWriter, r *http.Request, n int)) *fakeRelay {
	t.Helper()
	f := &fakeRelay{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		f.mu.Lock()
		f.requests = append(f.requests, request{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), body, time.Now()})
		n := len(f.requests)
		f.mu.Unlock()
		answer(w, r, n)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeRelay) got() []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]request(nil), f.requests...)
}

// respond answers with a status, a content type and a body.
func respond(status int, ctype, body string) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		if ctype != "" {
			w.Header().Set("Content-Type", ctype)
		}
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

// channel is a channel of provider reaching url, its secret in the
// environment variable SMS_SECRET.
func channel(provider, url string) *plan.SMSChannel {
	ch := &plan.SMSChannel{
		Provider:    provider,
		URL:         url,
		PasswordEnv: "SMS_SECRET",
		MaxSegments: 2,
		Method:      "POST",
	}
	switch provider {
	case "android-gateway":
		ch.URL = url + "/message"
		ch.Username = "sms"
	case "esms":
		ch.Username = "APIKEY1"
		ch.From = "UBND QT"
	case "speedsms":
		ch.From = "UBND QT"
	case "twilio":
		ch.Username = "AC0123"
		ch.From = "+15005550006"
	case "http":
		ch.Body = `{"to": {{json .To}}, "text": {{json .Text}}}`
	}
	return ch
}

// logs collects what senders log, to check the secret is never there.
type logs struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logs) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func newSender(t *testing.T, ch *plan.SMSChannel) *Sender {
	t.Helper()
	l := &logs{}
	s, err := New(ch, Options{
		Getenv: func(k string) string {
			if k == "SMS_SECRET" {
				return secret
			}
			return ""
		},
		Logger: slog.New(slog.NewTextHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() {
		if strings.Contains(l.buf.String(), secret) {
			t.Errorf("the logs hold the secret:\n%s", l.buf.String())
		}
	})
	return s
}

func message(phones ...string) *notify.Message {
	m := &notify.Message{ID: "n-0001", Channel: plan.ChannelSMS, Unit: "doan-thanh-nien", Text: text}
	for _, p := range phones {
		m.To = append(m.To, notify.Address{Name: "Cán bộ", Phone: p})
	}
	return m
}

func basic(user, password string) string {
	return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))
}

func notifyWithin(s *Sender, d time.Duration, m *notify.Message) error {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return s.Notify(ctx, m)
}
