package webhook

import (
	"context"
	"crypto/hmac"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

func message() *notify.Message {
	ict := time.FixedZone("ICT", 7*3600)
	return &notify.Message{
		ID: "0123456789abcdef0123456789abcdef", Channel: plan.ChannelWebhook, Unit: "hlhpn",
		Subject: "[Hạn báo cáo] Báo cáo kết quả", Text: "Hạn 20/12/2019 17:00.",
		Data: &notify.Data{Kind: "deadline", Plan: "bdg-2019", Task: "thang-hanh-dong", Deadline: "bc", Unit: "hlhpn",
			Due: time.Date(2019, 12, 20, 17, 0, 0, 0, ict), At: time.Date(2019, 12, 17, 7, 30, 0, 0, ict),
			AckURL: "https://nhacviec.example/a/T1"},
	}
}

const wantBody = `{"id":"0123456789abcdef0123456789abcdef","plan":"bdg-2019","kind":"deadline","task":"thang-hanh-dong",` +
	`"deadline":"bc","unit":"hlhpn","due":"2019-12-20T17:00:00+07:00","at":"2019-12-17T07:30:00+07:00",` +
	`"subject":"[Hạn báo cáo] Báo cáo kết quả","text":"Hạn 20/12/2019 17:00.","ack_url":"https://nhacviec.example/a/T1"}`

func channel(t *testing.T, url string) *plan.WebhookChannel {
	t.Helper()
	secret := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(secret, []byte("s3cret\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return &plan.WebhookChannel{URL: url + "/hook", SecretFile: secret, Timeout: 2 * time.Second}
}

func TestNotifySigned(t *testing.T) {
	var got struct {
		method, path, agent, ctype, sig, body string
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got.method, got.path, got.body = r.Method, r.URL.Path, string(b)
		got.agent, got.ctype, got.sig = r.UserAgent(), r.Header.Get("Content-Type"), r.Header.Get(SignatureHeader)
		w.WriteHeader(http.StatusAccepted)
	}))
	defer srv.Close()
	s, err := New(channel(t, srv.URL), Options{Version: "1.2.3"})
	if err != nil {
		t.Fatal(err)
	}
	m := message()
	if err := s.Notify(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if got.method != "POST" || got.path != "/hook" || got.agent != "nhacviec/1.2.3" || got.ctype != "application/json" {
		t.Errorf("request: got %s %s, User-Agent %q, Content-Type %q; want POST /hook, nhacviec/1.2.3, application/json",
			got.method, got.path, got.agent, got.ctype)
	}
	if got.body != wantBody {
		t.Errorf("body:\ngot  %s\nwant %s", got.body, wantBody)
	}
	// The receiver's check: the HMAC of the body it got, under the secret
	// without the file's newline.
	if want := Sign([]byte("s3cret"), []byte(got.body)); !hmac.Equal([]byte(got.sig), []byte(want)) {
		t.Errorf("signature: got %q, want %q", got.sig, want)
	}
	if !strings.HasPrefix(got.sig, "sha256=") || len(got.sig) != len("sha256=")+64 {
		t.Errorf("signature %q: want sha256= and 64 hex digits", got.sig)
	}
	if m.Receipt != "webhook: 202 Accepted" {
		t.Errorf("receipt: got %q", m.Receipt)
	}
}

func TestNotifyFailures(t *testing.T) {
	for _, tc := range []struct {
		status    int
		temporary bool
	}{
		{500, true}, {503, true}, {429, true}, {408, true},
		{400, false}, {401, false}, {404, false}, {410, false}, {301, false},
	} {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(tc.status)
			}))
			defer srv.Close()
			s, err := New(channel(t, srv.URL), Options{})
			if err != nil {
				t.Fatal(err)
			}
			err = s.Notify(context.Background(), message())
			if err == nil {
				t.Fatal("got no error")
			}
			if got := notify.IsTemporary(err); got != tc.temporary {
				t.Errorf("temporary: got %v, want %v (%v)", got, tc.temporary, err)
			}
		})
	}
}

func TestNotifyTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	defer srv.Close()
	defer close(release)
	ch := channel(t, srv.URL)
	ch.Timeout = 100 * time.Millisecond
	s, err := New(ch, Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Notify(context.Background(), message())
	if err == nil || !notify.IsTemporary(err) {
		t.Errorf("got %v, want a temporary error", err)
	}
}
