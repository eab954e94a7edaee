package web

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// testConfig is a small commune plan: a window task led by ldtbxh and
// supported by hlhpn, with reminders (one at 22:00, whose SMS waits out
// the quiet hours) and a deadline hlhpn reports to ban-vstbpn, escalated
// to lanh-dao; and a one-day meeting of ban-vstbpn. LANG is replaced by
// the service language.
const testConfig = `
service:
  language: LANG
  send_time: "07:30"
  quiet_hours: "21:00-07:00"
  public_url: http://nhacviec.example.vn
  allowed_hosts: [nhacviec.lan]
units:
  ldtbxh:
    name: Bộ phận Lao động - Thương binh và Xã hội
    escalate_to: lanh-dao
    contacts:
      - {name: Nguyễn Văn An, email: ldtbxh@example.vn, phone: "0912 345 678"}
  hlhpn:
    name: Hội Liên hiệp Phụ nữ xã
    escalate_to: lanh-dao
    contacts:
      - {name: Lê Thị Cúc, email: hlhpn@example.vn, phone: "0983 112 233"}
  lanh-dao:
    name: Lãnh đạo UBND xã
    contacts:
      - {name: Phạm Văn Đức, email: chutich@example.vn}
  ban-vstbpn:
    name: Ban Vì sự tiến bộ phụ nữ xã
    contacts:
      - {email: ban@example.vn}
plans:
  - id: bdg-2019
    title: Kế hoạch bình đẳng giới năm 2019
    issuer: UBND xã Quảng Thành
    year: 2019
    owner: ldtbxh
    tasks:
      - id: thang-hanh-dong
        ref: II.3
        title: Tháng hành động về bình đẳng giới
        lead: [ldtbxh]
        support: [hlhpn]
        from: 15/11
        to: 15/12
        remind:
          - before: 7d
          - at: start
          - on: 25/11 22:00
            to: [hlhpn]
        deadlines:
          - title: Báo cáo kết quả Tháng hành động
            by: [hlhpn]
            to: ban-vstbpn
            due: 20/12 17:00
            remind: [3d]
            grace: 1d
            escalate:
              - after: 1d
                to: [lanh-dao]
      - id: hop-ban
        title: Họp Ban VSTBPN
        lead: [ban-vstbpn]
        on: 10/07 08:00
`

const testSMSSecret = "gateway-shared-secret"

// env is a running server on a real store, with the configuration's
// notifications.
type env struct {
	t      *testing.T
	cfg    *plan.Config
	db     *store.DB
	secret []byte
	links  *ack.Links
	srv    *Server
	base   string       // http://127.0.0.1:PORT
	ctl    *http.Client // through the control socket, once opened
	now    time.Time
	all    []plan.Notification

	mu       sync.Mutex
	reloadOK bool
	reloadEr []string
}

func loadConfig(t *testing.T, lng string) *plan.Config {
	t.Helper()
	src := strings.Replace(testConfig, "LANG", lng, 1)
	cfg, diags := config.Parse("test.yaml", []byte(src), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatalf("config does not load:\n%s", diags.Render(lang.English))
	}
	return cfg
}

func newEnv(t *testing.T, lng string) *env {
	t.Helper()
	e := &env{t: t, cfg: loadConfig(t, lng), reloadOK: true}
	e.now = time.Date(2019, 11, 20, 9, 0, 0, 0, e.cfg.Service.Location)
	dir := t.TempDir()
	db, err := store.Open(filepath.Join(dir, "nhacviec.db"), store.Options{Now: func() time.Time { return e.now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e.db = db
	if e.secret, err = ack.LoadOrCreateSecret(dir); err != nil {
		t.Fatal(err)
	}
	e.links = ack.NewLinks(e.cfg.Service.PublicURL, e.secret)
	e.srv = New(Options{
		Config:    func() *plan.Config { return e.cfg },
		Store:     db,
		Secret:    e.secret,
		SMSSecret: testSMSSecret,
		Reload: func() (bool, []string) {
			e.mu.Lock()
			defer e.mu.Unlock()
			return e.reloadOK, e.reloadEr
		},
		Now: func() time.Time { return e.now },
	})
	if err := e.srv.Open(context.Background(), "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := e.srv.Close(); err != nil {
			t.Error(err)
		}
	})
	e.base = "http://" + e.srv.Addr()
	it := e.cfg.Expand(time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC))
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		e.all = append(e.all, n)
	}
	return e
}

// find returns the first notification that matches, or fails the test.
func (e *env) find(match func(n *plan.Notification) bool) *plan.Notification {
	e.t.Helper()
	for i := range e.all {
		if match(&e.all[i]) {
			n := e.all[i]
			return &n
		}
	}
	e.t.Fatal("no such notification in the plan")
	return nil
}

func (e *env) findKind(kind plan.Kind, unit string, deferred bool) *plan.Notification {
	e.t.Helper()
	return e.find(func(n *plan.Notification) bool {
		return n.Kind == kind && n.Unit == unit && n.Deferred == deferred
	})
}

var linkRE = regexp.MustCompile(`http://nhacviec\.example\.vn(/a/[A-Za-z0-9_-]{20})`)

// send records n's links and renders n on channel, as the scheduler does,
// and returns the path of the link in the message.
func (e *env) send(n *plan.Notification, channel string) string {
	e.t.Helper()
	if err := e.links.Record(e.db, n); err != nil {
		e.t.Fatal(err)
	}
	m, err := notify.Render(e.cfg, n, channel, e.links)
	if err != nil {
		e.t.Fatal(err)
	}
	match := linkRE.FindStringSubmatch(m.Text)
	if match == nil {
		e.t.Fatalf("no acknowledgement link in the message:\n%s", m.Text)
	}
	return match[1]
}

// do sends a request and returns the answer and its body.
func (e *env) do(method, path, contentType, body string, header map[string]string) (*http.Response, string) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.base+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp, string(b)
}

func (e *env) get(path string) (*http.Response, string) {
	e.t.Helper()
	return e.do(http.MethodGet, path, "", "", nil)
}

// post submits the acknowledgement form, from a page of the server.
func (e *env) post(path string, form url.Values) (*http.Response, string) {
	e.t.Helper()
	return e.do(http.MethodPost, path, "application/x-www-form-urlencoded", form.Encode(),
		map[string]string{"Origin": e.base})
}

// ack returns the acknowledgement, or nil if there is none.
func (e *env) ack(subject, unit string, kind store.AckKind) *store.Ack {
	e.t.Helper()
	a, err := e.db.Ack(subject, unit, kind)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		e.t.Fatal(err)
	}
	return &a
}

// acks counts every acknowledgement in the store.
func (e *env) acks() int {
	e.t.Helper()
	n := 0
	if err := e.db.Acks(func(store.Ack) error { n++; return nil }); err != nil {
		e.t.Fatal(err)
	}
	return n
}

func wantStatus(t *testing.T, resp *http.Response, body string, want int) {
	t.Helper()
	if resp.StatusCode != want {
		t.Fatalf("got status %d, want %d; body:\n%s", resp.StatusCode, want, body)
	}
}

func wantContains(t *testing.T, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("the answer lacks %q; body:\n%s", w, body)
		}
	}
}

func wantLacks(t *testing.T, body string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(body, w) {
			t.Errorf("the answer has %q, and should not; body:\n%s", w, body)
		}
	}
}
