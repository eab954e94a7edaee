package web

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/notify/outbox"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// browserConfig is a plan as an officer writes it: the Action Month with
// its report owed by three units, a monthly report of the same units,
// and a few other tasks for the timeline. PUBLIC is replaced by the
// server's address.
const browserConfig = `
service:
  language: vi
  public_url: PUBLIC
units:
  ldtbxh:
    name: Bộ phận Lao động - Thương binh và Xã hội
    contacts: [{name: Nguyễn Văn An, email: ldtbxh@example.vn}]
  hlhpn:
    name: Hội Liên hiệp Phụ nữ xã
    escalate_to: [lanh-dao]
    contacts: [{name: Lê Thị Cúc, email: hlhpn@example.vn}]
  vhxh:
    name: Bộ phận Văn hóa - Xã hội
    escalate_to: [pho-chu-tich]
    contacts: [{email: vhxh@example.vn}]
  mttq:
    name: Ủy ban Mặt trận Tổ quốc xã
    escalate_to: [lanh-dao]
    contacts: [{email: mttq@example.vn}]
  lanh-dao:
    name: Lãnh đạo UBND xã
    contacts: [{email: chutich@example.vn}]
  pho-chu-tich:
    name: Phó Chủ tịch UBND xã
    contacts: [{email: pct@example.vn}]
plans:
  - id: bdg-2019
    title: Kế hoạch hoạt động bình đẳng giới và vì sự tiến bộ phụ nữ năm 2019
    issuer: UBND xã Quảng Thành
    year: 2019
    owner: ldtbxh
    tasks:
      - id: truyen-thong
        ref: II.1
        title: Truyền thông nâng cao nhận thức về bình đẳng giới
        lead: [vhxh]
        support: [hlhpn]
        remind:
          - every: "0 8 1 * *"
        deadlines:
          - id: bc-thang
            title: Báo cáo tình hình tháng
            by: [hlhpn, vhxh, mttq]
            to: ldtbxh
            due_every: "0 17 25 * *"
            remind: [2d]
      - id: toa-dam
        ref: II.2
        title: Tọa đàm nữ tham gia lãnh đạo, quản lý
        lead: [hlhpn]
        on: 08/03 08:00
      - id: ke-hoach-thd
        ref: II.3.a
        title: Xây dựng kế hoạch Tháng hành động
        lead: [ldtbxh]
        from: 21/10
        to: 08/11
      - id: thang-hanh-dong
        ref: II.3
        title: Tháng hành động về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới
        lead: [ldtbxh]
        support: [hlhpn, vhxh, mttq]
        from: 15/11
        to: 15/12
        remind:
          - at: start
        deadlines:
          - id: bc-thd
            title: Báo cáo kết quả Tháng hành động
            by: [hlhpn, vhxh, mttq]
            to: ldtbxh
            due: 20/12 17:00
            remind: [3d]
            grace: 1d
            escalate:
              - after: 1d
`

// chromium finds the browser: $CHROMIUM, /usr/bin/chromium, or one on
// $PATH. Without one the test fails on CI ($CI set) and is skipped
// elsewhere.
func chromium(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium"}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			candidates = append(candidates, p)
		}
	}
	for _, p := range candidates {
		if p == "" {
			continue
		}
		if info, err := os.Stat(p); err == nil && !info.IsDir() {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium to run the browser test: install chromium or set $CHROMIUM")
	}
	t.Skip("no Chromium (set $CHROMIUM); this test fails instead when $CI is set")
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
		cancelAlloc()
	})
	return ctx
}

// textPart returns the text/plain part of an RFC 5322 message.
func textPart(t *testing.T, r io.Reader) string {
	t.Helper()
	msg, err := mail.ReadMessage(r)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(contentType string, body io.Reader) string
	walk = func(contentType string, body io.Reader) string {
		mt, params, err := mime.ParseMediaType(contentType)
		if err != nil {
			t.Fatalf("content type %q: %v", contentType, err)
		}
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				p, err := mr.NextPart() // decodes quoted-printable
				if err == io.EOF {
					return ""
				}
				if err != nil {
					t.Fatal(err)
				}
				if s := walk(p.Header.Get("Content-Type"), p); s != "" {
					return s
				}
			}
		}
		if mt != "text/plain" {
			return ""
		}
		b, err := io.ReadAll(body)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	return walk(msg.Header.Get("Content-Type"), msg.Body)
}

// TestBrowserAckFromEmailThenDashboard plays what a unit and the officer
// do, with no scheduler: the deadline notice of the Action Month's report
// is rendered for the Women's Union and written to the outbox as the
// daemon would; the link in the .eml opens in Chromium, the unit presses
// "done", and the officer's dashboard then shows the unit's cell done.
// It leaves full-page screenshots of the dashboard on a phone and on a
// desk among the test's artifacts (go test -artifacts).
func TestBrowserAckFromEmailThenDashboard(t *testing.T) {
	ctx := newBrowser(t)

	// The daemon's side: store, secret, server on the loopback.
	dir := t.TempDir()
	var cfg *plan.Config
	now := time.Date(2019, 12, 23, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	db, err := store.Open(filepath.Join(dir, "nhacviec.db"), store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	secret, err := ack.LoadOrCreateSecret(dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := New(Options{Config: func() *plan.Config { return cfg }, Store: db, Secret: secret,
		Now: func() time.Time { return now }, Metrics: NewMetrics()})
	if err := srv.Open(context.Background(), "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	base := "http://" + srv.Addr()
	cfg, diags := config.Parse("nhacviec.yaml", []byte(strings.Replace(browserConfig, "PUBLIC", base, 1)),
		func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatalf("config does not load:\n%s", diags.Render(lang.English))
	}
	now = now.In(cfg.Service.Location)

	var all []plan.Notification
	it := cfg.Expand(time.Date(2018, 10, 1, 0, 0, 0, 0, time.UTC), time.Time{})
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		all = append(all, n)
	}
	find := func(kind plan.Kind, unit, key string) plan.Notification {
		t.Helper()
		for _, n := range all {
			if n.Kind == kind && n.Unit == unit && strings.Contains(n.Rule, key) {
				return n
			}
		}
		t.Fatalf("no %s to %s for %s", kind, unit, key)
		return plan.Notification{}
	}
	seedBrowserStore(t, db, cfg, all, now, find)

	// The deadline notice to the Women's Union, as an .eml in the outbox.
	n := find(plan.KindDeadline, "hlhpn", "id@bc-thd")
	links := ack.NewLinks(cfg.Service.PublicURL, secret)
	if err := links.Record(db, &n); err != nil {
		t.Fatal(err)
	}
	msg, err := notify.Render(cfg, &n, plan.ChannelEmail, links)
	if err != nil {
		t.Fatal(err)
	}
	box := outbox.New(filepath.Join(dir, "outbox"))
	if err := box.Notify(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	emls, err := filepath.Glob(filepath.Join(dir, "outbox", "email", "*", "*.eml"))
	if err != nil || len(emls) != 1 {
		t.Fatalf("got %v, %v in the outbox, want one .eml", emls, err)
	}
	f, err := os.Open(emls[0])
	if err != nil {
		t.Fatal(err)
	}
	text := textPart(t, f)
	f.Close()
	link := regexp.MustCompile(regexp.QuoteMeta(base) + `/a/[A-Za-z0-9_-]{20}`).FindString(text)
	if link == "" {
		t.Fatalf("no acknowledgement link in the text part:\n%s", text)
	}

	// The unit opens the link and reports done.
	done := chromedp.CSS(`button[value="done"]`)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(link),
		chromedp.WaitVisible(done),
		chromedp.Click(done),
		chromedp.WaitVisible(chromedp.CSS(`p.result`)),
	); err != nil {
		t.Fatal(err)
	}
	result, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`p.result`)))
	if err != nil {
		t.Fatal(err)
	}
	if want := "Đã ghi nhận: Hội Liên hiệp Phụ nữ xã đã hoàn thành / đã nộp báo cáo lúc 23/12/2019 09:00."; strings.TrimSpace(result) != want {
		t.Errorf("the page says %q, want %q", result, want)
	}
	if a, err := db.Ack(n.DeadlineID, "hlhpn", store.Done); err != nil || a.Via != "web" {
		t.Fatalf("got %+v, %v in the store, want a done acknowledgement via web", a, err)
	}

	// The officer opens the dashboard on a phone.
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait),
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS(`li.lateunit`)),
	); err != nil {
		t.Fatal(err)
	}
	// On a phone the late reports, by unit, stand in for the matrix:
	// vhxh (overdue) and mttq (escalated) each have a block, hlhpn none.
	late, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('li.lateunit')].filter(e => e.offsetParent !== null).map(e => e.dataset.unit)`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(late, ",") != "vhxh,mttq" {
		t.Errorf("the late units visible on a phone are %v, want [vhxh mttq]", late)
	}
	matrixShown, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('#matrix').getBoundingClientRect().height > 0`))
	if err != nil {
		t.Fatal(err)
	}
	if matrixShown {
		t.Error("the matrix is shown on a phone, want it hidden behind the late list")
	}

	// On a phone the page itself never scrolls sideways: the wide tables
	// scroll inside their frame.
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if overflow > 0 {
		t.Errorf("the dashboard is %d CSS pixels wider than the phone's screen", overflow)
	}
	png, err := chromedp.Run(ctx, fullPage())
	if err != nil {
		t.Fatal(err)
	}
	art := filepath.Join(t.ArtifactDir(), "dashboard-phone.png")
	if err := os.WriteFile(art, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of the dashboard on a phone: %s (%d bytes)", art, len(png))

	// And on an office computer's screen.
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS(`table.matrix`)),
	); err != nil {
		t.Fatal(err)
	}
	cellSel := fmt.Sprintf(`td[data-unit="hlhpn"][data-occ="%s"]`, n.DeadlineID)
	for unit, want := range map[string]string{"hlhpn": "đã hoàn thành", "vhxh": "quá hạn", "mttq": "đã nhắc cấp trên"} {
		got, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(fmt.Sprintf(`td[data-unit="%s"][data-occ="%s"] a`, unit, n.DeadlineID))))
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("the cell of %s says %q, want %q", unit, got, want)
		}
	}
	// The CSS is applied (the CSP lets the style sheet through).
	bg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('`+cellSel+`')).backgroundColor`))
	if err != nil {
		t.Fatal(err)
	}
	if bg != "rgb(230, 244, 234)" {
		t.Errorf("the done cell's background is %q, want the green of style.css", bg)
	}
	if png, err = chromedp.Run(ctx, fullPage()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(t.ArtifactDir(), "dashboard-desktop.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// fullPage takes a PNG of the whole page at the emulated width.
func fullPage() chromedp.Action[[]byte] {
	return chromedp.FullScreenshot(100)
}

// seedBrowserStore records what the daemon and the units did before
// 23/12/2019 09:00: the monthly reports were all done but November's by
// vhxh; hlhpn confirmed receipt of December's; the escalation of the
// Action Month's report about mttq went to the commune's leaders, the one
// about vhxh failed; a reminder was missed while the service was down.
func seedBrowserStore(t *testing.T, db *store.DB, cfg *plan.Config, all []plan.Notification, now time.Time, find func(plan.Kind, string, string) plan.Notification) {
	t.Helper()
	seen := map[string]bool{}
	for _, n := range all {
		if n.Kind != plan.KindOverdue || !strings.Contains(n.Rule, "id@bc-thang") || !n.Event.Before(now) || seen[n.DeadlineID+n.Unit] {
			continue
		}
		seen[n.DeadlineID+n.Unit] = true
		if n.Unit == "vhxh" && n.Event.Month() == time.November {
			continue
		}
		if _, _, err := db.RecordAck(store.Ack{Subject: n.DeadlineID, Unit: n.Unit, Kind: store.Done, By: "—", Via: "web",
			At: n.Event.Add(-2 * time.Hour), Plan: n.Plan, Task: n.Task}); err != nil {
			t.Fatal(err)
		}
	}
	dec := find(plan.KindDeadline, "hlhpn", "id@bc-thang")
	for _, n := range all {
		if n.Kind == plan.KindDeadline && n.Unit == "hlhpn" && strings.Contains(n.Rule, "id@bc-thang") && n.Event.Month() == time.December {
			dec = n
		}
	}
	if _, _, err := db.RecordAck(store.Ack{Subject: dec.AckID, Unit: "hlhpn", Kind: store.Received, By: "0983112233", Via: "sms",
		At: dec.At.Add(time.Hour), Plan: dec.Plan, Task: dec.Task}); err != nil {
		t.Fatal(err)
	}
	record := func(n plan.Notification, state store.State, where, lastErr string) {
		d := store.Delivery{ID: n.ID, Channel: plan.ChannelEmail, Plan: n.Plan, Task: n.Task, Unit: n.Unit,
			Kind: string(n.Kind), Rule: n.Rule, Due: n.At}
		if state == store.Missed {
			d.State, d.LastError = state, lastErr
			if err := db.Record(d); err != nil {
				t.Fatal(err)
			}
			return
		}
		rec, _, err := db.Begin(d)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Finish(rec.Key, state, where, lastErr, time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	record(find(plan.KindEscalation, "lanh-dao", "id@bc-thd"), store.Sent, "250 2.0.0 OK queued", "")
	record(find(plan.KindEscalation, "pho-chu-tich", "id@bc-thd"), store.Failed, "",
		"550 5.1.1 <pct@example.vn>: Recipient address rejected: User unknown")
	record(find(plan.KindReminder, "hlhpn", "every"), store.Missed, "", "đến hạn hơn 48h trước khi dịch vụ chạy lại (catchup)")
}
