package web

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"net/http/cookiejar"
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

// boardConfig has two deadlines of one task: the report of the Action
// Month (due 20/12 17:00, one day of grace, escalated a day later to each
// late unit's escalate_to), owed by a, c and d; and the year's report
// (due 27/12 17:00), owed by a, b, c and d.
const boardConfig = `
service:
  language: LANG
  public_url: http://nhacviec.example.vn
units:
  ldtbxh:
    name: Bộ phận LĐ-TB&XH
    contacts: [{email: ldtbxh@example.vn}]
  a:
    name: Đơn vị A
    escalate_to: [lanh-dao]
    contacts: [{email: a@example.vn}]
  b:
    name: Đơn vị B
    contacts: [{email: b@example.vn}]
  c:
    name: Đơn vị C
    escalate_to: [pho-chu-tich]
    contacts: [{email: c@example.vn}]
  d:
    name: Đơn vị D
    escalate_to: [lanh-dao]
    contacts: [{email: d@example.vn}]
  lanh-dao:
    name: Lãnh đạo UBND xã
    contacts: [{email: ld@example.vn}]
  pho-chu-tich:
    name: Phó Chủ tịch UBND xã
    contacts: [{email: pct@example.vn}]
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
        from: 15/11
        to: 15/12
        remind:
          - at: start
        deadlines:
          - id: bc-thang
            title: Báo cáo kết quả Tháng hành động
            by: [a, c, d]
            to: ldtbxh
            due: 20/12 17:00
            remind: [3d]
            grace: 1d
            escalate:
              - after: 1d
          - id: bc-nam
            title: Báo cáo tổng kết năm
            by: [a, b, c, d]
            to: ldtbxh
            due: 27/12 17:00
            remind: [7d]
      - id: hop-ban
        ref: II.4
        title: Họp Ban VSTBPN
        lead: [ldtbxh]
        on: 10/07 08:00
      - id: tuyen-truyen
        ref: II.1
        title: Tuyên truyền thường xuyên
        lead: [ldtbxh]
        remind:
          - every: "0 8 1 * *"
`

// dashEnv is a running server with a dashboard over boardConfig, on a
// real store, and a browser-like client keeping cookies.
type dashEnv struct {
	t       *testing.T
	cfg     *plan.Config
	db      *store.DB
	secret  []byte
	srv     *Server
	base    string
	client  *http.Client
	all     []plan.Notification
	metrics *Metrics

	mu       sync.Mutex
	now      time.Time
	reloadOK bool
	reloadAt time.Time
	reloadEr []string
}

func (e *dashEnv) clock() time.Time {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.now
}

func (e *dashEnv) setNow(t time.Time) {
	e.mu.Lock()
	e.now = t
	e.mu.Unlock()
}

func newDashEnv(t *testing.T, lng, conf string) *dashEnv {
	t.Helper()
	cfg, diags := config.Parse("board.yaml", []byte(strings.Replace(conf, "LANG", lng, 1)),
		func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatalf("config does not load:\n%s", diags.Render(lang.English))
	}
	return newDashEnvOf(t, cfg)
}

// newDashEnvOf is newDashEnv over a configuration already loaded.
func newDashEnvOf(t *testing.T, cfg *plan.Config) *dashEnv {
	t.Helper()
	e := &dashEnv{t: t, cfg: cfg, reloadOK: true, metrics: NewMetrics()}
	e.now = time.Date(2019, 12, 23, 9, 0, 0, 0, cfg.Service.Location)
	dir := t.TempDir()
	db, err := store.Open(filepath.Join(dir, "nhacviec.db"), store.Options{Now: e.clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e.db = db
	if e.secret, err = ack.LoadOrCreateSecret(dir); err != nil {
		t.Fatal(err)
	}
	e.srv = New(Options{
		Config: func() *plan.Config { return e.cfg },
		Store:  db,
		Secret: e.secret,
		LastReload: func() (time.Time, bool, []string) {
			e.mu.Lock()
			defer e.mu.Unlock()
			return e.reloadAt, e.reloadOK, e.reloadEr
		},
		Metrics: e.metrics,
		Now:     e.clock,
	})
	if err := e.srv.Open(context.Background(), "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.srv.Close() })
	e.base = "http://" + e.srv.Addr()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	e.client = &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	it := cfg.Expand(time.Date(2018, 10, 1, 0, 0, 0, 0, time.UTC), time.Time{})
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		e.all = append(e.all, n)
	}
	return e
}

// notice returns the first notification of kind to unit about the
// deadline whose rule key contains key.
func (e *dashEnv) notice(kind plan.Kind, unit, key string) plan.Notification {
	e.t.Helper()
	for _, n := range e.all {
		if n.Kind == kind && n.Unit == unit && strings.Contains(n.Rule, key) && !n.Deferred {
			return n
		}
	}
	e.t.Fatalf("no %s notification to %s for %s", kind, unit, key)
	return plan.Notification{}
}

// occ returns the DeadlineID of the deadline whose rule key contains key.
func (e *dashEnv) occ(key string) string {
	e.t.Helper()
	return e.notice(plan.KindOverdue, "a", key).DeadlineID
}

func (e *dashEnv) do(req *http.Request) (*http.Response, string) {
	e.t.Helper()
	resp, err := e.client.Do(req)
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

func (e *dashEnv) get(path string) (*http.Response, string) {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.base+path, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Accept", "text/html")
	return e.do(req)
}

// post submits a dashboard form as the browser does.
func (e *dashEnv) post(path string, form url.Values) (*http.Response, string) {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "text/html")
	req.Header.Set("Origin", e.base)
	return e.do(req)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([A-Za-z0-9_-]+)"`)

// token opens the dashboard, which sets the cookie, and returns the
// token of its forms.
func (e *dashEnv) token() string {
	e.t.Helper()
	resp, body := e.get("/")
	wantStatus(e.t, resp, body, http.StatusOK)
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		e.t.Fatalf("no CSRF token on the dashboard:\n%s", body)
	}
	return m[1]
}

var cellRE = regexp.MustCompile(`<td class="cell (\w+)" data-unit="([a-z0-9-]+)" data-occ="([0-9a-f]+)"><a href="[^"]*">([^<]*)</a>(?:<small>([^<]*)</small>)?</td>`)

// cellKey names a cell of the matrix: an occurrence (DeadlineID) and a unit.
type cellKey struct{ occ, unit string }

// cells returns the state class and label of every cell of the matrix,
// by unit and DeadlineID.
func cells(body string) map[cellKey][2]string {
	out := map[cellKey][2]string{}
	for _, m := range cellRE.FindAllStringSubmatch(body, -1) {
		out[cellKey{m[3], m[2]}] = [2]string{m[1], m[4]}
	}
	return out
}

// deliver records a notification as handled by the scheduler.
func (e *dashEnv) deliver(n plan.Notification, state store.State, lastErr string) {
	e.t.Helper()
	payload, err := json.Marshal(n)
	if err != nil {
		e.t.Fatal(err)
	}
	d := store.Delivery{ID: n.ID, Channel: plan.ChannelEmail, Plan: n.Plan, Task: n.Task, Unit: n.Unit,
		Kind: string(n.Kind), Rule: n.Rule, Due: n.At, Payload: payload}
	if state == store.Missed {
		d.State, d.LastError = state, lastErr
		if err := e.db.Record(d); err != nil {
			e.t.Fatal(err)
		}
		return
	}
	rec, ok, err := e.db.Begin(d)
	if err != nil || !ok {
		e.t.Fatalf("begin: %v %v", ok, err)
	}
	if err := e.db.Finish(rec.Key, state, "250 OK", lastErr, time.Time{}); err != nil {
		e.t.Fatal(err)
	}
}

// seed puts the store in the state of 23/12/2019 09:00: a reported the
// Action Month done, b confirmed receipt of the year's report, c is
// overdue (its escalation failed), d is overdue and was escalated.
func (e *dashEnv) seed() {
	e.t.Helper()
	month := e.occ("id@bc-thang")
	if _, _, err := e.db.RecordAck(store.Ack{Subject: month, Unit: "a", Kind: store.Done, By: "Nguyễn Văn A", Via: "web",
		At: time.Date(2019, 12, 20, 10, 0, 0, 0, e.cfg.Service.Location), Plan: "bdg-2019", Task: "thang-hanh-dong"}); err != nil {
		e.t.Fatal(err)
	}
	yearNotice := e.notice(plan.KindDeadline, "b", "id@bc-nam")
	if _, _, err := e.db.RecordAck(store.Ack{Subject: yearNotice.AckID, Unit: "b", Kind: store.Received, By: "0912345678", Via: "sms",
		At: time.Date(2019, 12, 20, 8, 0, 0, 0, e.cfg.Service.Location), Plan: "bdg-2019", Task: "thang-hanh-dong"}); err != nil {
		e.t.Fatal(err)
	}
	now := e.clock()
	e.setNow(now.Add(-3 * time.Hour))
	e.deliver(e.notice(plan.KindDeadline, "c", "id@bc-thang"), store.Missed, "quá hạn gửi 48h khi dịch vụ khởi động lại")
	e.setNow(now.Add(-2 * time.Hour))
	e.deliver(e.notice(plan.KindEscalation, "lanh-dao", "id@bc-thang"), store.Sent, "")
	e.setNow(now.Add(-1 * time.Hour))
	e.deliver(e.notice(plan.KindEscalation, "pho-chu-tich", "id@bc-thang"), store.Failed, "550 5.1.1 mailbox unavailable")
	e.setNow(now)
}

func TestDashboardMatrixStates(t *testing.T) {
	e := newDashEnv(t, "vi", boardConfig)
	e.seed()
	month, year := e.occ("id@bc-thang"), e.occ("id@bc-nam")

	for _, path := range []string{"/", "/plan/bdg-2019"} {
		resp, body := e.get(path)
		wantStatus(t, resp, body, http.StatusOK)
		got := cells(body)
		want := map[cellKey][2]string{
			{month, "a"}: {"done", "đã hoàn thành"},
			{month, "c"}: {"overdue", "quá hạn"},
			{month, "d"}: {"escalated", "đã nhắc cấp trên"},
			{year, "a"}:  {"notyet", "chưa đến hạn"},
			{year, "b"}:  {"received", "đã nhận"},
			{year, "c"}:  {"notyet", "chưa đến hạn"},
			{year, "d"}:  {"notyet", "chưa đến hạn"},
		}
		if len(got) != len(want) {
			t.Errorf("%s: got %d cells, want %d: %v", path, len(got), len(want), got)
		}
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s: cell of %s for %s: got %q, want %q", path, k.unit, k.occ[:8], got[k], w)
			}
		}
		// b owes no report of the Action Month.
		if strings.Count(body, `<td class="cell na">`) != 1 {
			t.Errorf("%s: want one empty cell (b, Action Month)", path)
		}
		wantContains(t, body,
			"Kế hoạch bình đẳng giới năm 2019",
			"<small>20/12 10:00</small>",      // when a reported
			"Báo cáo kết quả Tháng hành động", // column
			"Đơn vị D",                      // row
			"550 5.1.1 mailbox unavailable", // the failed escalation
			"quá hạn gửi 48h khi dịch vụ khởi động lại", // the missed notice
			`<ul class="summary">`,
			"/ics/u/", // unit calendar feeds
			`id="task-thang-hanh-dong"`, `class="tl-bar"`, `class="tl-today"`,
			"Thông báo sắp gửi",
		)
		wantLacks(t, body, "<script", `style="`, `class="banner bad"`)
		// Failures, newest first.
		if f, m := strings.Index(body, "550 5.1.1"), strings.Index(body, "quá hạn gửi 48h"); f > m {
			t.Errorf("%s: the failure (newer) comes after the missed notice", path)
		}
	}
}

func TestDashboardEnglish(t *testing.T) {
	e := newDashEnv(t, "en", boardConfig)
	e.seed()
	resp, body := e.get("/")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `<html lang="en">`, "Reports by unit", ">escalated<", ">done<", ">overdue<", ">received<", "not yet due", "Record on a unit&#39;s behalf")
}

func TestDashboardReloadBanner(t *testing.T) {
	e := newDashEnv(t, "vi", boardConfig)
	resp, body := e.get("/")
	wantStatus(t, resp, body, http.StatusOK)
	wantLacks(t, body, `class="banner bad"`)

	e.mu.Lock()
	e.reloadOK, e.reloadAt = false, time.Date(2019, 12, 23, 8, 15, 0, 0, e.cfg.Service.Location)
	e.reloadEr = []string{"board.yaml:40:18: ngày 31/02 không tồn tại"}
	e.mu.Unlock()
	resp, body = e.get("/")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `class="banner bad" role="alert"`, "kế hoạch cũ vẫn đang chạy", "23/12/2019 08:15",
		"board.yaml:40:18: ngày 31/02 không tồn tại")
}

func TestDashboardAckOnBehalf(t *testing.T) {
	e := newDashEnv(t, "vi", boardConfig)
	e.seed()
	year := e.occ("id@bc-nam")
	tok := e.token()
	before := countAcks(t, e.db)

	form := url.Values{"csrf": {tok}, "o": {year}, "u": {"c"}, "kind": {"done"}, "who": {"Trần Thị Hoa"}, "note": {"Nộp bản giấy"}}
	resp, body := e.post("/plan/bdg-2019/ack", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	loc := resp.Header.Get("Location")
	if !strings.HasPrefix(loc, "/plan/bdg-2019?") || !strings.Contains(loc, "r=recorded") {
		t.Fatalf("got Location %q", loc)
	}
	a, err := e.db.Ack(year, "c", store.Done)
	if err != nil {
		t.Fatal(err)
	}
	if a.Via != "dashboard" || a.By != "Trần Thị Hoa" || a.Note != "Nộp bản giấy" || a.Plan != "bdg-2019" || a.Task != "thang-hanh-dong" || !a.At.Equal(e.clock()) {
		t.Errorf("got %+v", a)
	}
	// Reporting implies receipt, of the occurrence and of the notice
	// already sent, whose acknowledgement page then shows it.
	sent := e.notice(plan.KindDeadline, "c", "id@bc-nam")
	for _, subject := range []string{year, sent.AckID} {
		if r, err := e.db.Ack(subject, "c", store.Received); err != nil || r.Via != "dashboard" {
			t.Errorf("receipt of %s: got %+v, %v", subject[:8], r, err)
		}
	}
	after := countAcks(t, e.db)

	resp, body = e.get(loc)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Đã ghi nhận: Đơn vị C đã hoàn thành «Báo cáo tổng kết năm» (hạn 27/12/2019 17:00).")
	if got := cells(body)[cellKey{year, "c"}]; got[0] != "done" {
		t.Errorf("got cell %v after the acknowledgement, want done", got)
	}

	// Again, from a later look at the page: nothing more is recorded.
	e.setNow(e.clock().Add(time.Hour))
	resp, body = e.post("/plan/bdg-2019/ack", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); !strings.Contains(loc, "r=already") {
		t.Errorf("got Location %q for a repeat", loc)
	}
	if got := countAcks(t, e.db); got != after {
		t.Errorf("got %d acknowledgements after the repeat, want %d", got, after)
	}
	if a2, _ := e.db.Ack(year, "c", store.Done); !a2.At.Equal(a.At) {
		t.Errorf("the repeat changed the record: %+v", a2)
	}
	if after-before != 3 {
		t.Errorf("got %d records for one acknowledgement, want 3 (done, receipt of the occurrence and of the notice)", after-before)
	}

	// Received only, for a unit not yet due.
	form = url.Values{"csrf": {tok}, "o": {year}, "u": {"d"}, "kind": {"received"}}
	resp, body = e.post("/plan/bdg-2019/ack", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	if r, err := e.db.Ack(year, "d", store.Received); err != nil || r.By != "Cán bộ phụ trách kế hoạch" {
		t.Errorf("got %+v, %v", r, err)
	}
	resp, body = e.get("/")
	if got := cells(body)[cellKey{year, "d"}]; got[0] != "received" {
		t.Errorf("got cell %v, want received", got)
	}

	// Not a cell of the matrix: b owes no report of the Action Month.
	resp, body = e.post("/plan/bdg-2019/ack", url.Values{"csrf": {tok}, "o": {e.occ("id@bc-thang")}, "u": {"b"}, "kind": {"done"}})
	wantStatus(t, resp, body, http.StatusBadRequest)
	resp, body = e.post("/plan/bdg-2019/ack", url.Values{"csrf": {tok}, "o": {year}, "u": {"b"}, "kind": {"nothing"}})
	wantStatus(t, resp, body, http.StatusBadRequest)
	resp, body = e.post("/plan/khac/ack", url.Values{"csrf": {tok}, "o": {year}, "u": {"b"}, "kind": {"done"}})
	wantStatus(t, resp, body, http.StatusNotFound)

	// The metric counts the two acknowledgements made here, not the repeat.
	_, metrics := e.get("/metrics")
	wantContains(t, metrics, `nhacviec_acknowledgements_total{kind="done",via="dashboard"} 1`,
		`nhacviec_acknowledgements_total{kind="received",via="dashboard"} 1`)
}

func countAcks(t *testing.T, db *store.DB) int {
	t.Helper()
	n := 0
	if err := db.Acks(func(store.Ack) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDashboardCSRF(t *testing.T) {
	e := newDashEnv(t, "vi", boardConfig)
	year := e.occ("id@bc-nam")
	tok := e.token()
	other := ack.NotificationToken(e.secret, "csrf:someone-else") // well formed, not this cookie's
	for _, tt := range []struct {
		name string
		path string
		form url.Values
	}{
		{"ack without a token", "/plan/bdg-2019/ack", url.Values{"o": {year}, "u": {"a"}, "kind": {"done"}}},
		{"ack with a wrong token", "/plan/bdg-2019/ack", url.Values{"csrf": {other}, "o": {year}, "u": {"a"}, "kind": {"done"}}},
		{"ack with a cut token", "/plan/bdg-2019/ack", url.Values{"csrf": {tok[:10]}, "o": {year}, "u": {"a"}, "kind": {"done"}}},
		{"pause without a token", "/plan/bdg-2019/pause", url.Values{"task": {"thang-hanh-dong"}, "action": {"pause"}}},
		{"pause with a wrong token", "/plan/bdg-2019/pause", url.Values{"csrf": {other}, "task": {"thang-hanh-dong"}, "action": {"pause"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := e.post(tt.path, tt.form)
			wantStatus(t, resp, body, http.StatusForbidden)
			wantContains(t, body, "Hãy tải lại trang bảng theo dõi")
		})
	}

	// The right token without its cookie (another browser): refused.
	req, _ := http.NewRequest(http.MethodPost, e.base+"/plan/bdg-2019/ack",
		strings.NewReader(url.Values{"csrf": {tok}, "o": {year}, "u": {"a"}, "kind": {"done"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("token without its cookie: got %d, want 403", resp.StatusCode)
	}

	// From another site, with the right token: refused by the origin check.
	req, _ = http.NewRequest(http.MethodPost, e.base+"/plan/bdg-2019/pause",
		strings.NewReader(url.Values{"csrf": {tok}, "task": {"thang-hanh-dong"}, "action": {"pause"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://evil.example")
	resp, body := e.do(req)
	wantStatus(t, resp, body, http.StatusForbidden)

	if got := countAcks(t, e.db); got != 0 {
		t.Errorf("got %d acknowledgements after refused posts, want 0", got)
	}
	if p, _ := e.db.PausedTasks(); len(p) != 0 {
		t.Errorf("got paused %v after refused posts", p)
	}

	// The same form with its token passes.
	resp, body = e.post("/plan/bdg-2019/ack", url.Values{"csrf": {tok}, "o": {year}, "u": {"a"}, "kind": {"done"}})
	wantStatus(t, resp, body, http.StatusSeeOther)

	// A body over the limit is refused before anything else.
	resp, body = e.post("/plan/bdg-2019/ack", url.Values{"csrf": {tok}, "note": {strings.Repeat("x", maxBody)}})
	wantStatus(t, resp, body, http.StatusRequestEntityTooLarge)
}

func TestDashboardPauseResume(t *testing.T) {
	e := newDashEnv(t, "vi", boardConfig)
	tok := e.token()
	resp, body := e.post("/plan/bdg-2019/pause", url.Values{"csrf": {tok}, "task": {"hop-ban"}, "action": {"pause"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	if p, err := e.db.Paused("bdg-2019", "hop-ban"); err != nil || !p {
		t.Fatalf("got paused=%v, %v, want true", p, err)
	}
	resp, body = e.get(resp.Header.Get("Location"))
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Đã tạm dừng nhắc việc cho nhiệm vụ II.4. Họp Ban VSTBPN",
		`<div class="tl-row paused" id="task-hop-ban">`, `value="resume">Tiếp tục nhắc</button>`)

	resp, body = e.post("/plan/bdg-2019/pause", url.Values{"csrf": {tok}, "task": {"hop-ban"}, "action": {"resume"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	if p, err := e.db.Paused("bdg-2019", "hop-ban"); err != nil || p {
		t.Fatalf("got paused=%v, %v, want false", p, err)
	}
	resp, body = e.get(resp.Header.Get("Location"))
	wantContains(t, body, "Đã tiếp tục nhắc việc cho nhiệm vụ II.4. Họp Ban VSTBPN", `<div class="tl-row" id="task-hop-ban">`)

	for _, form := range []url.Values{
		{"csrf": {tok}, "task": {"khong-co"}, "action": {"pause"}},
		{"csrf": {tok}, "task": {"hop-ban"}, "action": {"stop"}},
	} {
		resp, body = e.post("/plan/bdg-2019/pause", form)
		wantStatus(t, resp, body, http.StatusBadRequest)
	}
}

func TestDashboardPausedTaskInNext(t *testing.T) {
	e := newDashEnv(t, "vi", boardConfig)
	e.setNow(time.Date(2019, 10, 15, 9, 0, 0, 0, e.cfg.Service.Location)) // next: 01/11 08:00, a reminder of the paused task
	if err := e.db.SetPaused("bdg-2019", "tuyen-truyen", true); err != nil {
		t.Fatal(err)
	}
	_, body := e.get("/")
	wantContains(t, body, "sẽ bỏ qua: nhiệm vụ tạm dừng", `<span class="badge paused">tạm dừng</span>`)
}

func TestDashboardSeveralPlans(t *testing.T) {
	two := boardConfig + `
  - id: khac-2019
    title: Kế hoạch khác
    year: 2019
    owner: ldtbxh
    tasks:
      - id: viec
        title: Một việc
        lead: [ldtbxh]
        on: 05/05 08:00
`
	e := newDashEnv(t, "vi", two)
	e.seed()
	resp, body := e.get("/")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `href="/plan/bdg-2019"`, `href="/plan/khac-2019"`, "2 quá hạn")
	resp, body = e.get("/plan/khac-2019")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Kế hoạch khác", "Kế hoạch này không có hạn báo cáo nào.", `aria-current="page"`)
	resp, body = e.get("/plan/nothing")
	wantStatus(t, resp, body, http.StatusNotFound)
}

func TestTimelinePositions(t *testing.T) {
	cfg, diags := config.Parse("board.yaml", []byte(strings.Replace(boardConfig, "LANG", "vi", 1)),
		func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	p := cfg.Plans[0]
	a := newMonthAxis(p, p.Location)
	for _, tt := range []struct {
		t    time.Time
		want float64
	}{
		{time.Date(2019, 1, 1, 0, 0, 0, 0, p.Location), 0},
		{time.Date(2019, 7, 1, 0, 0, 0, 0, p.Location), 500},
		{time.Date(2019, 11, 16, 0, 0, 0, 0, p.Location), 1000 * (10 + 0.5) / 12},
		{time.Date(2020, 1, 1, 0, 0, 0, 0, p.Location), 1000},
		{time.Date(2018, 6, 1, 0, 0, 0, 0, p.Location), 0}, // clamped
	} {
		if got := a.x(tt.t); fmt.Sprintf("%.3f", got) != fmt.Sprintf("%.3f", tt.want) {
			t.Errorf("x(%s): got %.3f, want %.3f", tt.t.Format("02/01/2006"), got, tt.want)
		}
	}
}

// TestDashboardScrubsSecrets: a delivery error recorded with a server's
// reply that repeats the channel's secret (by a release before the
// senders scrubbed it) is listed without it.
func TestDashboardScrubsSecrets(t *testing.T) {
	const user, pw = "ubnd@quangthanh.example.vn", "Mật-khẩu 2019!"
	plainAuth := base64.StdEncoding.EncodeToString([]byte("\x00" + user + "\x00" + pw))
	tests := []struct {
		name, lastErr string
		secrets       []string
	}{
		{"plain", "535 5.7.8 password " + pw + " is wrong", []string{pw}},
		{"AUTH PLAIN", "535 5.7.8 AUTH PLAIN " + plainAuth + " refused", []string{plainAuth}},
		{"percent-encoded", "400 /send?pw=" + url.QueryEscape(pw), []string{url.QueryEscape(pw)}},
		{"Authorization header", "401 for Authorization: Bearer abc.def.ghi", []string{"abc.def.ghi"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newDashEnv(t, "vi", boardConfig)
			e.srv.opts.Scrubber = notify.NewScrubber(notify.Login{User: user, Password: pw})
			e.deliver(e.notice(plan.KindEscalation, "pho-chu-tich", "id@bc-thang"), store.Failed, tt.lastErr)
			resp, body := e.get("/plan/bdg-2019")
			wantStatus(t, resp, body, http.StatusOK)
			wantContains(t, body, notify.Scrubbed)
			for _, s := range tt.secrets {
				wantLacks(t, body, s, template.HTMLEscapeString(s))
			}
		})
	}
}
