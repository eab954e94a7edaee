package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// TestBrowserEditor: in a real headless Chromium at a phone's width, an
// editor signs in on the login page, opens the plan's editor, adds a
// task with a weekly reminder (every Monday at 8:00) and a quarterly
// deadline (on the 15th of the quarter's last month) by choosing, never
// typing a cron line, sees the preview list the new notifications, and
// saves: the plan's agenda then has them, and the YAML file has them
// with its comments intact. She then moves the Action Month's start by
// a day through its form, opens the plan's history and restores the
// version before the move: the file is byte for byte what it was and the
// agenda as before. Screenshots of the editor, the form, the preview and
// the history at phone width are the test's artifacts (go test
// -artifacts).
func TestBrowserEditor(t *testing.T) {
	e := newEditorEnv(t)
	ctx := newBrowser(t)
	base := e.base
	shots := t.ArtifactDir()
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, fullPage())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(css(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	visible := func(sel string) bool {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const n = document.querySelector('`+sel+`'); return !!n && n.offsetParent !== null })()`))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}

	// Sign in as mai, editor of bdg-2019, and open its editor from the
	// dashboard.
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait),
		chromedp.Navigate(base+"/login?next=%2Fplan%2Fbdg-2019"),
		chromedp.WaitVisible(css(`#name`)),
		chromedp.SendKeys(css(`#name`), "mai"),
		chromedp.SendKeys(css(`#password`), "mật khẩu mai"),
		chromedp.Click(css(`form.ack button[type=submit]`)),
		chromedp.WaitVisible(css(`#edit-plan`)),
		chromedp.Click(css(`#edit-plan`)),
		chromedp.WaitVisible(css(`ol.ed-tasks`)),
	); err != nil {
		t.Fatal(err)
	}
	if got := text(`#task-thang-hanh-dong`); !strings.Contains(got, "Tháng hành động vì bình đẳng giới") || !strings.Contains(got, "vào ngày bắt đầu") {
		t.Errorf("the Action Month in the editor:\n%s", got)
	}
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if overflow > 0 {
		t.Errorf("the editor is %d px wider than a phone", overflow)
	}
	shot("editor-phone.png")

	// A new task, by choosing: a window in June, ldtbxh leads, every
	// Monday at 8:00, a report due on the 15th of each quarter's last
	// month, reminded 7 days before.
	if err := chromedp.Do(ctx,
		chromedp.Click(css(`#add-task`)),
		chromedp.WaitVisible(css(`#title`)),
		chromedp.SendKeys(css(`#title`), "Tập huấn cán bộ cơ sở"),
		chromedp.Click(css(`input[name=when][value=window]`)),
	); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, choose(map[string]string{
		`#from_date`:             "2019-06-03",
		`#to_date`:               "2019-06-28",
		`#u-ldtbxh`:              "lead",
		`#u-hlhpn`:               "support",
		`select[name="r0.kind"]`: "weekly",
	})); err != nil {
		t.Fatal(err)
	}
	// The weekly row shows its day and time, not an offset's count.
	if !visible(`select[name="r0.weekday"]`) || visible(`input[name="r0.n"]`) {
		t.Error("a weekly reminder row does not show just its day and time")
	}
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('select[name="r0.weekday"]').selectedOptions[0].text + ' ' + document.querySelector('input[name="r0.time"]').value`)); got != "thứ Hai 08:00" {
		t.Errorf("the weekly row says %q, want thứ Hai 08:00", got)
	}
	// The deadline's fields are chosen as a finger does: a select's
	// option, a checkbox ticked (set here in one script, which chromedp's
	// node-by-node actions do less reliably on a page whose fields CSS
	// shows and hides).
	if err := chromedp.Do(ctx, choose(map[string]string{
		`input[name="d0.title"]`:                "Báo cáo quý về tập huấn",
		`input[name="d0.by"][value=ldtbxh]`:     "checked",
		`input[name="d0.to"][value=ban-vstbpn]`: "checked",
		`select[name="d0.due.kind"]`:            "quarterly",
		`input[name="d0.due.day"]`:              "15",
		`select[name="d0.due.month.q"]`:         "3",
		`input[name="d0.remind"][value="7d"]`:   "checked",
	})); err != nil {
		t.Fatal(err)
	}
	if !visible(`select[name="d0.due.month.q"]`) || visible(`select[name="d0.due.month.y"]`) || visible(`input[name="d0.due_date"]`) {
		t.Error("a quarterly due does not show just the quarter's month, day and time")
	}
	if got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('select[name="d0.due.month.q"]').selectedOptions[0].text`)); !strings.Contains(got, "cuối quý") {
		t.Errorf("the quarter's month chosen says %q, want the quarter's last month", got)
	}
	shot("task-form-phone.png")

	// The preview lists what the new task sends; nothing is written yet.
	if err := chromedp.Do(ctx,
		chromedp.Click(css(`#to-preview`)),
		chromedp.WaitVisible(css(`#pv-added`)),
	); err != nil {
		t.Fatal(err)
	}
	added := text(`#pv-added`)
	for _, want := range []string{"thứ Hai 03/06/2019 08:00 · Nhắc việc: Tập huấn cán bộ cơ sở", "thứ Hai 24/06/2019 08:00",
		"Nhắc hạn báo cáo: Tập huấn cán bộ cơ sở"} {
		if !strings.Contains(added, want) {
			t.Errorf("the preview lacks %q:\n%s", want, added)
		}
	}
	if e.read("bdg-2019.yaml") != editorPlan {
		t.Fatal("the preview wrote the file")
	}
	shot("preview-phone.png")

	if err := chromedp.Do(ctx,
		chromedp.Click(css(`#pv-save button`)),
		chromedp.WaitVisible(css(`#flash`)),
	); err != nil {
		t.Fatal(err)
	}
	saved := e.read("bdg-2019.yaml")
	for _, want := range []string{"  - id: tap-huan-can-bo-co-so\n", `      - every: "0 8 * * MON"`, `        due_every: "0 17 15 3,6,9,12 *"`,
		"        remind: [7d]", `from: "03/06/2019"`} {
		if !strings.Contains(saved, want) {
			t.Errorf("the saved file lacks %q:\n%s", want, saved)
		}
	}
	if !lineSubsequence(editorPlan, saved) {
		t.Errorf("the file lost lines or comments:\n%s", saved)
	}
	// The agenda of the saved plan, expanded as `nhacviec agenda` does.
	cfg, diags := config.Load(filepath.Join(e.dir, "nhacviec.yaml"))
	if diags.HasErrors() {
		t.Fatal(diags.Render(lang.English))
	}
	hcm := cfg.Service.Location
	var mondays, dues int
	it := cfg.Expand(time.Date(2019, 1, 1, 0, 0, 0, 0, hcm), time.Date(2020, 1, 1, 0, 0, 0, 0, hcm))
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		if n.Task != "tap-huan-can-bo-co-so" {
			continue
		}
		switch {
		case n.Kind == plan.KindReminder && n.Unit == "ldtbxh":
			if at := n.At.In(hcm); at.Weekday() != time.Monday || at.Hour() != 8 || at.Minute() != 0 || at.Month() != time.June {
				t.Errorf("a reminder at %v, want Mondays of June at 08:00", at)
			}
			mondays++
		case n.Kind == plan.KindDeadline:
			dues++
		}
	}
	if mondays != 4 || dues != 4 {
		t.Errorf("the agenda has %d Monday reminders to ldtbxh and %d report reminders, want 4 and 4", mondays, dues)
	}

	// Move the Action Month's start by a day through its form.
	before := actionMonth(t, e)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/plan/bdg-2019/tasks/thang-hanh-dong"),
		chromedp.WaitVisible(css(`#from_date`)),
		choose(map[string]string{`#from_date`: "2019-11-16"}),
		chromedp.Click(css(`#to-preview`)),
		chromedp.WaitVisible(css(`#pv-save`)),
	); err != nil {
		t.Fatal(err)
	}
	if got := text(`main`); !strings.Contains(got, "16/11/2019") {
		t.Errorf("the preview of the move does not name the new start:\n%s", got)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(css(`#pv-save button`)),
		chromedp.WaitVisible(css(`#flash`)),
	); err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(saved, `from: "15/11/2019"         # ngày bắt đầu`, `from: "16/11/2019"         # ngày bắt đầu`, 1)
	if got := e.read("bdg-2019.yaml"); got != want {
		t.Errorf("after the move:\n%s\nwant:\n%s", got, want)
	}
	if start := e.config().Plan("bdg-2019").Task("thang-hanh-dong").FirstDay; start.Day != 16 {
		t.Errorf("the running plan's Action Month starts on %v, want 16/11", start)
	}
	if moved := actionMonth(t, e); moved == before {
		t.Errorf("the agenda of the Action Month did not change with its start:\n%s", moved)
	}

	// The plan's history: version 3 is the move; restoring version 2
	// (the new task saved) undoes it, as a version 4.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/plan/bdg-2019/history"),
		chromedp.WaitVisible(css(`ol.versions`)),
	); err != nil {
		t.Fatal(err)
	}
	if got := text(`#v-3`); !strings.Contains(got, "mai") || !strings.Contains(got, "đang dùng") || !strings.Contains(got, `from: "16/11/2019"`) {
		t.Errorf("the history's last version reads %q, want mai's move, marked current", got)
	}
	noSideways(t, ctx, "/plan/bdg-2019/history")
	shot("history-phone.png")
	if err := chromedp.Do(ctx,
		chromedp.Click(css(`#v-2 a`)),
		chromedp.WaitVisible(css(`pre.diff`)),
	); err != nil {
		t.Fatal(err)
	}
	shot("history-version-phone.png")
	if err := chromedp.Do(ctx,
		chromedp.Click(css(`form.restore button`)),
		chromedp.WaitVisible(css(`p.result`)),
	); err != nil {
		t.Fatal(err)
	}
	if got := text(`p.result`); !strings.Contains(got, "phiên bản 2") || !strings.Contains(got, "phiên bản 4") {
		t.Errorf("the flash after the restore says %q, want version 2 restored as 4", got)
	}
	shot("history-restored-phone.png")
	if got := e.read("bdg-2019.yaml"); got != saved {
		t.Errorf("the file after the restore differs from the one before the move (- before, + after):\n%s",
			store.Diff("before", "after", []byte(saved), []byte(got)))
	}
	if got := actionMonth(t, e); got != before {
		t.Errorf("the agenda of the Action Month after the restore:\n%s\nwant, as before the move:\n%s", got, before)
	}
	if start := e.config().Plan("bdg-2019").Task("thang-hanh-dong").FirstDay; start.Day != 15 {
		t.Errorf("the running plan's Action Month starts on %v after the restore, want 15/11", start)
	}
}

// actionMonth returns the agenda of the Action Month in the plan file
// as it is on disk, a notification a line, as `nhacviec agenda` lists it.
func actionMonth(t *testing.T, e *editorEnv) string {
	t.Helper()
	cfg, diags := config.Load(filepath.Join(e.dir, "nhacviec.yaml"))
	if diags.HasErrors() {
		t.Fatal(diags.Render(lang.English))
	}
	hcm := cfg.Service.Location
	var b strings.Builder
	it := cfg.Expand(time.Date(2019, 1, 1, 0, 0, 0, 0, hcm), time.Date(2020, 6, 1, 0, 0, 0, 0, hcm))
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		if n.Task == "thang-hanh-dong" {
			fmt.Fprintf(&b, "%s %v %s %s %s\n", n.At.In(hcm).Format("02/01/2006 15:04"), n.Kind, n.Unit, n.Rule, n.ID)
		}
	}
	if b.Len() == 0 {
		t.Fatal("the Action Month has no notifications")
	}
	return b.String()
}

// TestBrowserEditorRoles: in a real Chromium, a viewer sees the editor
// without a button to add, edit, move or delete, and a POST forged from
// the page (a form it submits, with her own valid token; the page's
// policy blocks a script's own requests) is refused (403); an editor of
// another plan is refused the task form of this one (403). The file is
// not written.
func TestBrowserEditorRoles(t *testing.T) {
	e := newEditorEnv(t)
	ctx := newBrowser(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	login := func(name, next, landed string) {
		t.Helper()
		if err := chromedp.Do(ctx,
			chromedp.Navigate(e.base+"/login?next="+url.QueryEscape(next)),
			chromedp.WaitVisible(css(`#name`)),
			chromedp.SendKeys(css(`#name`), name),
			chromedp.SendKeys(css(`#password`), "mật khẩu "+name),
			chromedp.Click(css(`form.ack button[type=submit]`)),
			chromedp.WaitVisible(css(landed)),
		); err != nil {
			t.Fatal(err)
		}
	}
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait),
	); err != nil {
		t.Fatal(err)
	}

	login("xem", "/plan/bdg-2019", `form[action="/logout"]`)
	csrf, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('input[name=csrf]').value`))
	if err != nil || csrf == "" {
		t.Fatalf("the viewer's dashboard has no token (%v)", err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(e.base+"/plan/bdg-2019/edit"),
		chromedp.WaitVisible(css(`ol.ed-tasks`)),
	); err != nil {
		t.Fatal(err)
	}
	page, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({
  tasks: document.querySelectorAll('li.ed-task').length,
  add: !!document.querySelector('#add-task'),
  buttons: document.querySelectorAll('main button, main form[method=post], main a[href*="/tasks/"]').length,
  text: document.querySelector('main').innerText})`))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Tasks   int
		Add     bool
		Buttons int
		Text    string
	}
	if err := json.Unmarshal([]byte(page), &got); err != nil {
		t.Fatal(err)
	}
	if got.Tasks != 3 || got.Add || got.Buttons != 0 || !strings.Contains(got.Text, "chỉ được xem") {
		t.Errorf("the viewer's editor: %d tasks, add button %v, %d buttons, forms or task links; want 3, none, 0 and the read-only note:\n%s",
			got.Tasks, got.Add, got.Buttons, got.Text)
	}
	// The page's policy lets no script send a request of its own…
	if status, err := chromedp.Run(ctx, chromedp.Evaluate[int](`fetch('/plan/bdg-2019/save', {method: 'POST'}).then(r => r.status, () => -1)`,
		chromedp.EvalAwaitPromise)); err != nil || status != -1 {
		t.Errorf("a script of the viewer's page sent a request: %d (%v), want it blocked", status, err)
	}
	// …so the forged POST is a form the page submits, with her token.
	for _, path := range []string{"/plan/bdg-2019/tasks/toa-dam", "/plan/bdg-2019/save", "/plan/bdg-2019/tasks/toa-dam/delete"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(e.base+"/plan/bdg-2019/edit"), chromedp.WaitVisible(css(`ol.ed-tasks`))); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
  const f = document.createElement('form');
  f.method = 'post';
  f.action = '`+path+`';
  const fields = {csrf: '`+csrf+`', title: 'Giả mạo', when: 'on', on_date: '2019-03-09', 'u.ldtbxh': 'lead', edits: '[]', etag: '""'};
  for (const [k, v] of Object.entries(fields)) {
    const i = document.createElement('input');
    i.type = 'hidden'; i.name = k; i.value = v;
    f.appendChild(i);
  }
  document.body.appendChild(f);
  f.submit();
  return true;
})()`)); err != nil {
			t.Fatal(err)
		}
		// The page the form led to, once loaded (the evaluation fails
		// while the browser navigates).
		for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			at, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + ' ' + document.readyState`))
			if err == nil && at == path+" complete" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("the forged form did not lead to %s: at %q (%v)", path, at, err)
			}
		}
		status, err := chromedp.Run(ctx, chromedp.Evaluate[int](`performance.getEntriesByType('navigation')[0].responseStatus`))
		if err != nil {
			t.Fatal(err)
		}
		if status != 403 {
			t.Errorf("the viewer's form forged to POST %s: %d, want 403", path, status)
		}
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(e.base+"/plan/bdg-2019"),
		chromedp.Click(css(`form[action="/logout"] button`)),
		chromedp.WaitVisible(css(`#name`)),
	); err != nil {
		t.Fatal(err)
	}

	// hoa edits khac-2019 only.
	login("hoa", "/plan/khac-2019/edit", `ol.ed-tasks`)
	for _, tc := range []struct {
		path string
		want int64
	}{{"/plan/khac-2019/tasks/hop", 200}, {"/plan/bdg-2019/tasks/toa-dam", 403}, {"/plan/bdg-2019/tasks/new", 403}} {
		resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(e.base+tc.path))
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != tc.want {
			t.Errorf("hoa opens %s: %d, want %d", tc.path, resp.Status, tc.want)
		}
	}
	if got, err := chromedp.Run(ctx, chromedp.Text(css(`main`))); err != nil || strings.Contains(got, "Tọa đàm") {
		t.Errorf("the refused form shows the task (%v):\n%s", err, got)
	}
	if got := e.read("bdg-2019.yaml"); got != editorPlan {
		t.Errorf("the file was written:\n%s", got)
	}
}

// choose sets the fields of a form by their selectors: "checked" ticks a
// checkbox or a radio button, any other value is the value of an input
// or the option of a select chosen; each field gets the input and change
// events a person's choice fires.
func choose(fields map[string]string) chromedp.Action[chromedp.Void] {
	js, err := json.Marshal(fields)
	if err != nil {
		panic(err)
	}
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		missing, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
  const fields = `+string(js)+`;
  for (const [sel, v] of Object.entries(fields)) {
    const n = document.querySelector(sel);
    if (!n) return sel;
    if (v === "checked") n.checked = true; else n.value = v;
    n.dispatchEvent(new Event("input", {bubbles: true}));
    n.dispatchEvent(new Event("change", {bubbles: true}));
  }
  return "";
})()`))
		if err != nil {
			return err
		}
		if missing != "" {
			return fmt.Errorf("no field %s on the page", missing)
		}
		return nil
	})
}
