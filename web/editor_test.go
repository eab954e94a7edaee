package web

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// newTaskForm is what a browser posts for a new task: a window in June,
// led by ldtbxh with hlhpn in support, reminded every Monday at 08:00,
// the second reminder row and the deadline row left empty.
func newTaskForm() url.Values {
	return url.Values{
		"title": {"Tập huấn cán bộ cơ sở"}, "id": {""}, "ref": {"II.5"}, "description": {""},
		"when": {"window"}, "on_date": {""}, "on_time": {""},
		"from_date": {"2019-06-03"}, "from_time": {""}, "to_date": {"2019-06-28"}, "to_time": {""},
		"u.ldtbxh": {"lead"}, "u.hlhpn": {"support"}, "u.ban-vstbpn": {""}, "u.lanh-dao": {""},
		"r0.kind": {"weekly"}, "r0.n": {""}, "r0.unit": {"d"}, "r0.weekday": {"1"}, "r0.day": {""}, "r0.month": {""}, "r0.time": {"08:00"},
		"r1.kind": {""}, "r1.n": {""}, "r1.unit": {"d"}, "r1.weekday": {"1"}, "r1.day": {""}, "r1.month": {""}, "r1.time": {"08:00"},
		"d0.title": {""}, "d0.due.kind": {"once"}, "d0.due_date": {""}, "d0.due_time": {""},
		"d0.grace": {""}, "d0.overdue_every": {""}, "d0.overdue_max": {""}, "d0.esc_after": {""},
	}
}

// lineSubsequence reports whether every line of old is in new, in order:
// what an insert left of the file.
func lineSubsequence(old, new string) bool {
	nl := strings.Split(new, "\n")
	i := 0
	for _, l := range strings.Split(old, "\n") {
		for i < len(nl) && nl[i] != l {
			i++
		}
		if i == len(nl) {
			return false
		}
		i++
	}
	return true
}

// TestEditorPages: the task list and the forms render for an editor,
// with the plan's rules in words and the custom one marked.
func TestEditorPages(t *testing.T) {
	e := newEditorEnv(t)
	mai := e.client("mai")
	for _, tc := range []struct {
		path  string
		wants []string
	}{
		{"/plan/bdg-2019/edit", []string{"Tọa đàm nữ lãnh đạo", "Tháng hành động vì bình đẳng giới", "Tổng kết năm",
			"<li>7 ngày trước</li>", "mỗi thứ Hai, trong tháng 1, 2 và 3 lúc 8:00 (viết trong tệp)", "vào ngày bắt đầu", "Báo cáo Tháng hành động",
			"nhắc trước 7 ngày và 3 ngày", `href="/plan/bdg-2019/tasks/new"`, `action="/plan/bdg-2019/tasks/toa-dam/move"`,
			`class="tl-bar"`}},
		{"/plan/bdg-2019/tasks/new", []string{"Thêm nhiệm vụ", `name="r0.kind"`, `name="r1.kind"`, "hằng tuần",
			`name="u.ldtbxh"`, `name="d0.title"`, `type="date"`,
			`<label for="u-doan-the">nhóm doan-the</label>`, `name="u.doan-the"`}},
		{"/plan/bdg-2019/tasks/toa-dam", []string{`value="Tọa đàm nữ lãnh đạo"`, `value="2019-03-08"`, `value="08:00"`,
			`name="r0.orig" value="0"`, `<option value="before" selected>`, `name="r0.n" value="7"`,
			"<p>mỗi thứ Hai, trong tháng 1, 2 và 3 lúc 8:00 (viết trong tệp)</p>", `name="r2.kind"`, `name="r3.kind"`}},
		{"/plan/bdg-2019/tasks/thang-hanh-dong", []string{`name="d0.orig" value="0"`, `value="Báo cáo Tháng hành động"`,
			`value="2019-12-20"`, `name="d0.remind" value="7d" checked`, `name="d0.to" value="ban-vstbpn" checked`}},
		{"/plan/bdg-2019", []string{`href="/plan/bdg-2019/edit"`}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			resp, body := mai.get(tc.path)
			wantStatus(t, resp, body, http.StatusOK)
			wantContains(t, body, tc.wants...)
		})
	}
}

// TestEditorNewTask: a new task posted as a browser posts it is
// previewed (its Monday reminders listed), then saved: the file has it,
// with its cron, and every line it had before; a version is recorded and
// the daemon reloaded.
func TestEditorNewTask(t *testing.T) {
	e := newEditorEnv(t)
	mai := e.client("mai")
	_, page := mai.get("/plan/bdg-2019/tasks/new")
	csrf := hidden(t, page, "csrf")

	resp, body := mai.post("/plan/bdg-2019/tasks/new", csrf, newTaskForm())
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Sẽ gửi thêm", "thứ Hai 03/06/2019 08:00", "thứ Hai 24/06/2019 08:00",
		"Tập huấn cán bộ cơ sở", "Bộ phận Lao động - Thương binh và Xã hội (chủ trì)", "Lưu", "Quay lại sửa", "Tin mẫu")
	if strings.Contains(body, "Sẽ không gửi nữa") {
		t.Errorf("adding a task removes notifications:\n%s", body)
	}
	before := e.read("bdg-2019.yaml")
	if before != editorPlan {
		t.Fatal("the preview wrote the file")
	}

	// "Quay lại sửa" brings the values back into the form.
	back := url.Values{}
	backForm := body[strings.Index(body, `id="pv-back"`):]
	for _, m := range hiddenRE.FindAllStringSubmatch(backForm, -1) {
		if m[1] != "csrf" {
			back.Add(m[1], html.UnescapeString(m[2]))
		}
	}
	if back.Get("_back") != "1" || back.Get("r0.kind") != "weekly" {
		t.Fatalf("the back form carries %v", back)
	}
	resp, form := mai.post("/plan/bdg-2019/tasks/new", csrf, back)
	wantStatus(t, resp, form, http.StatusOK)
	wantContains(t, form, `value="Tập huấn cán bộ cơ sở"`, `value="2019-06-03"`, `<option value="weekly" selected>`, `id="id" name="id" value="tap-huan-can-bo-co-so"`)

	save := url.Values{"edits": {hidden(t, body, "edits")}, "etag": {hidden(t, body, "etag")}, "return": {hidden(t, body, "return")}}
	reloads := e.reloads
	resp, out := mai.post("/plan/bdg-2019/save", csrf, save)
	wantStatus(t, resp, out, http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/plan/bdg-2019/edit?saved=1" {
		t.Errorf("redirect to %q, want the editor with its flash", loc)
	}
	after := e.read("bdg-2019.yaml")
	wantContains(t, after, "  - id: tap-huan-can-bo-co-so\n", `every: "0 8 * * MON"`, `from: "03/06/2019"`, `to: "28/06/2019"`,
		"lead: [ldtbxh]", "support: [hlhpn]")
	if !lineSubsequence(editorPlan, after) {
		t.Errorf("lines of the file were lost or changed:\n%s", after)
	}
	if e.reloads != reloads+1 {
		t.Errorf("%d reloads after the save, want 1", e.reloads-reloads)
	}
	if task := e.config().Plan("bdg-2019").Task("tap-huan-can-bo-co-so"); task == nil || len(task.Reminders) != 1 {
		t.Errorf("the running plan has no new task with its reminder: %+v", task)
	}
	vs, err := e.db.Versions("bdg-2019.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) < 2 || vs[0].Who != "mai" {
		t.Errorf("versions %+v: want the save by mai on top of the file's first version", vs)
	}
	resp, list := mai.get("/plan/bdg-2019/edit?saved=1")
	wantStatus(t, resp, list, http.StatusOK)
	wantContains(t, list, "Đã lưu", "Tập huấn cán bộ cơ sở", "mỗi thứ Hai lúc 8:00")
}

// TestEditorEditTask: changing a reminder's offset and a date shows the
// moves, and the save rewrites only those values, comments on their
// lines kept; the custom rule stays as written.
func TestEditorEditTask(t *testing.T) {
	e := newEditorEnv(t)
	mai := e.client("mai")
	_, page := mai.get("/plan/bdg-2019/tasks/toa-dam")
	csrf := hidden(t, page, "csrf")
	form := url.Values{
		"title": {"Tọa đàm nữ lãnh đạo"}, "ref": {"II.2"}, "description": {""},
		"when": {"on"}, "on_date": {"2019-03-07"}, "on_time": {"08:00"},
		"u.ldtbxh": {"lead"}, "u.hlhpn": {"support"},
		"r0.orig": {"0"}, "r0.kind": {"before"}, "r0.n": {"3"}, "r0.unit": {"d"},
		"r1.orig": {"1"}, "r1.kind": {"custom"}, "r1.key": {"every"}, "r1.raw": {"0 8 * 1-3 MON"},
		"r2.kind": {""}, "d0.title": {""},
	}
	resp, body := mai.post("/plan/bdg-2019/tasks/toa-dam", csrf, form)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Đổi thời gian", "<s class=\"nowrap\">thứ Sáu 01/03/2019 07:30</s> → <b class=\"nowrap\">thứ Hai 04/03/2019 07:30</b>")
	save := url.Values{"edits": {hidden(t, body, "edits")}, "etag": {hidden(t, body, "etag")}}
	resp, out := mai.post("/plan/bdg-2019/save", csrf, save)
	wantStatus(t, resp, out, http.StatusSeeOther)
	want := strings.NewReplacer(
		`on: "08/03/2019 08:00"     # Ngày Quốc tế Phụ nữ`, `on: "07/03/2019 08:00"     # Ngày Quốc tế Phụ nữ`,
		`- before: 7d             # một tuần trước`, `- before: 3d             # một tuần trước`).Replace(editorPlan)
	if got := e.read("bdg-2019.yaml"); got != want {
		t.Errorf("file after the edit:\n%s\nwant:\n%s", got, want)
	}
}

// TestEditorProblems: a problem of the form, and one the checker finds
// after the edits, are shown at their fields (422); nothing is written.
func TestEditorProblems(t *testing.T) {
	e := newEditorEnv(t)
	mai := e.client("mai")
	_, page := mai.get("/plan/bdg-2019/tasks/new")
	csrf := hidden(t, page, "csrf")
	for _, tc := range []struct {
		name  string
		set   map[string]string
		wants []string
	}{
		{"no title", map[string]string{"title": ""},
			[]string{`id="title" name="title" value="" required aria-invalid="true"`, `<p class="field-err" role="alert">Hãy nhập tên.</p>`}},
		{"no lead", map[string]string{"u.ldtbxh": ""}, []string{"Hãy chọn ít nhất một đơn vị chủ trì."}},
		{"the checker: a window ending before it starts", map[string]string{"to_date": "2019-05-01"},
			[]string{`id="to_date" name="to_date" value="2019-05-01" aria-invalid="true"`, `class="field-err"`}},
		{"a deadline without its reporting unit", map[string]string{"d0.title": "Báo cáo tập huấn", "d0.due_date": "2019-07-05"},
			[]string{`<p class="field-err" role="alert">Hãy chọn ít nhất một đơn vị báo cáo.</p>`}},
		{"a repeating due without its day", map[string]string{"d0.title": "Báo cáo quý", "d0.by": "ldtbxh", "d0.due.kind": "quarterly", "d0.due.day": "40", "d0.due.month.q": "3"},
			[]string{`id="d0.due.day" name="d0.due.day" value="40" class="short" aria-invalid="true"`, `<p class="field-err" role="alert">Ngày &#34;40&#34; không hợp lệ: hãy nhập ngày trong tháng, từ 1 đến 31.</p>`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			form := newTaskForm()
			for k, v := range tc.set {
				form.Set(k, v)
			}
			resp, body := mai.post("/plan/bdg-2019/tasks/new", csrf, form)
			wantStatus(t, resp, body, http.StatusUnprocessableEntity)
			wantContains(t, body, tc.wants...)
			wantContains(t, body, "chưa lưu gì")
			if got := e.read("bdg-2019.yaml"); got != editorPlan {
				t.Errorf("the file was written:\n%s", got)
			}
		})
	}
}

// TestEditorStale: a save made on a file changed since the preview is
// refused with a message and a link back to the form; the change on
// disk stays.
func TestEditorStale(t *testing.T) {
	e := newEditorEnv(t)
	mai := e.client("mai")
	_, page := mai.get("/plan/bdg-2019/tasks/new")
	csrf := hidden(t, page, "csrf")
	_, body := mai.post("/plan/bdg-2019/tasks/new", csrf, newTaskForm())
	onDisk := strings.Replace(editorPlan, "title: Tổng kết năm", "title: Tổng kết năm 2019", 1)
	e.write("bdg-2019.yaml", onDisk)
	save := url.Values{"edits": {hidden(t, body, "edits")}, "etag": {hidden(t, body, "etag")}, "return": {hidden(t, body, "return")}}
	resp, out := mai.post("/plan/bdg-2019/save", csrf, save)
	wantStatus(t, resp, out, http.StatusConflict)
	wantContains(t, out, "Kế hoạch vừa được sửa ở nơi khác", `href="/plan/bdg-2019/tasks/new"`)
	if got := e.read("bdg-2019.yaml"); got != onDisk {
		t.Errorf("the file was overwritten:\n%s", got)
	}
}

// TestEditorMoveDelete: moving a task down and deleting one go through
// the preview, then the save.
func TestEditorMoveDelete(t *testing.T) {
	e := newEditorEnv(t)
	mai := e.client("mai")
	_, page := mai.get("/plan/bdg-2019/edit")
	csrf := hidden(t, page, "csrf")

	resp, body := mai.post("/plan/bdg-2019/tasks/toa-dam/move", csrf, url.Values{"dir": {"down"}})
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Xem trước thay đổi", "Thay đổi này không làm thay đổi tin nào sẽ gửi.")
	resp, out := mai.post("/plan/bdg-2019/save", csrf, url.Values{"edits": {hidden(t, body, "edits")}, "etag": {hidden(t, body, "etag")}})
	wantStatus(t, resp, out, http.StatusSeeOther)
	got := e.read("bdg-2019.yaml")
	if i, j := strings.Index(got, "id: toa-dam"), strings.Index(got, "id: thang-hanh-dong"); i < j || j < 0 {
		t.Errorf("toa-dam not after thang-hanh-dong:\n%s", got)
	}

	resp, body = mai.post("/plan/bdg-2019/tasks/thang-hanh-dong/delete", csrf, url.Values{})
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Sẽ không gửi nữa", "thứ Sáu 15/11/2019 07:30", "Nhắc hạn báo cáo: Tháng hành động vì bình đẳng giới")
	resp, out = mai.post("/plan/bdg-2019/save", csrf, url.Values{"edits": {hidden(t, body, "edits")}, "etag": {hidden(t, body, "etag")}})
	wantStatus(t, resp, out, http.StatusSeeOther)
	if got := e.read("bdg-2019.yaml"); strings.Contains(got, "id: thang-hanh-dong") || !strings.Contains(got, "id: tong-ket") || !strings.Contains(got, "# cuối tệp") {
		t.Errorf("after the delete:\n%s", got)
	}
}

// TestEditorRoles: a viewer sees the list without buttons and every
// form is 403 to her; an editor of another plan gets 403 on this plan's
// forms, GET and POST.
func TestEditorRoles(t *testing.T) {
	e := newEditorEnv(t)
	xem := e.client("xem")
	resp, list := xem.get("/plan/bdg-2019/edit")
	wantStatus(t, resp, list, http.StatusOK)
	wantContains(t, list, "Tọa đàm nữ lãnh đạo", "chỉ được xem")
	for _, no := range []string{"/tasks/new", "/move", "/delete", `name="csrf"`} {
		if strings.Contains(list, no) {
			t.Errorf("the viewer's list has %s", no)
		}
	}
	// A token of the viewer's own page, so only the role refuses.
	_, dash := xem.get("/plan/bdg-2019")
	csrf := hidden(t, dash, "csrf")
	hoa := e.client("hoa")
	_, hoaPage := hoa.get("/plan/khac-2019/edit")
	hoaCSRF := hidden(t, hoaPage, "csrf")
	for _, tc := range []struct {
		who  *editorClient
		csrf string
	}{{xem, csrf}, {hoa, hoaCSRF}} {
		for _, path := range []string{"/plan/bdg-2019/tasks/new", "/plan/bdg-2019/tasks/toa-dam"} {
			resp, body := tc.who.get(path)
			wantStatus(t, resp, body, http.StatusForbidden)
		}
		for _, path := range []string{"/plan/bdg-2019/tasks/new", "/plan/bdg-2019/tasks/toa-dam",
			"/plan/bdg-2019/tasks/toa-dam/move", "/plan/bdg-2019/tasks/toa-dam/delete", "/plan/bdg-2019/save"} {
			resp, body := tc.who.post(path, tc.csrf, newTaskForm())
			wantStatus(t, resp, body, http.StatusForbidden)
		}
	}
	// hoa edits her own plan.
	resp, body := hoa.get("/plan/khac-2019/tasks/hop")
	wantStatus(t, resp, body, http.StatusOK)
	if got := e.read("bdg-2019.yaml"); got != editorPlan {
		t.Errorf("the file was written:\n%s", got)
	}
}

// thangForm is the form of the Action Month as its page fills it.
func thangForm() url.Values {
	return url.Values{
		"title": {"Tháng hành động vì bình đẳng giới"}, "ref": {"II.3"}, "when": {"window"},
		"from_date": {"2019-11-15"}, "to_date": {"2019-12-15"}, "u.ldtbxh": {"lead"},
		"r0.orig": {"0"}, "r0.kind": {"at_start"}, "r1.kind": {""},
		"d0.orig": {"0"}, "d0.id": {"bc-thang"}, "d0.title": {"Báo cáo Tháng hành động"}, "d0.by": {"ldtbxh"}, "d0.to": {"ban-vstbpn"},
		"d0.due.kind": {"once"}, "d0.due_date": {"2019-12-20"}, "d0.due_time": {"17:00"}, "d0.remind": {"7d", "3d"},
		"d1.title": {""}, "d1.due.kind": {"once"},
	}
}

// TestEditorEdits: what each change of a form writes, and only that.
func TestEditorEdits(t *testing.T) {
	for _, tc := range []struct {
		name   string
		task   string
		form   url.Values
		change map[string]string
		drop   []string
		has    []string // in the file after the save
		lacks  []string
	}{
		{name: "the form as it was changes nothing", task: "thang-hanh-dong", form: thangForm()},
		{name: "a rule typed in the file removed", task: "toa-dam", form: url.Values{
			"title": {"Tọa đàm nữ lãnh đạo"}, "ref": {"II.2"}, "when": {"on"}, "on_date": {"2019-03-08"}, "on_time": {"08:00"},
			"u.ldtbxh": {"lead"}, "u.hlhpn": {"support"}, "r0.orig": {"0"}, "r0.kind": {"before"}, "r0.n": {"7"}, "r0.unit": {"d"},
			"r1.orig": {"1"}, "r1.kind": {"custom"}, "r1.key": {"every"}, "r1.raw": {"0 8 * 1-3 MON"}, "r1.del": {"1"}},
			lacks: []string{"1-3 MON", "viết tay"}, has: []string{"- before: 7d             # một tuần trước"}},
		{name: "a reminder's kind changed", task: "thang-hanh-dong", form: thangForm(),
			change: map[string]string{"r0.kind": "before_end", "r0.n": "3", "r0.unit": "wd"},
			has:    []string{"      - before_end: 3wd\n"}, lacks: []string{"at: start"}},
		{name: "a reminder added", task: "thang-hanh-dong", form: thangForm(),
			change: map[string]string{"r1.kind": "monthly", "r1.day": "5", "r1.time": "07:30"},
			has:    []string{"      - at: start\n      - every: \"30 7 5 * *\"\n    deadlines:"}},
		{name: "a support unit added", task: "thang-hanh-dong", form: thangForm(),
			change: map[string]string{"u.hlhpn": "support"}, has: []string{"    support: [hlhpn]\n"}},
		{name: "a deadline's due and reminders changed", task: "thang-hanh-dong", form: thangForm(),
			change: map[string]string{"d0.due_date": "2019-12-23"}, drop: []string{"d0.remind"},
			has: []string{`due: "23/12/2019 17:00"`}, lacks: []string{"remind: [7d, 3d]"}},
		{name: "a deadline deleted", task: "thang-hanh-dong", form: thangForm(),
			change: map[string]string{"d0.del": "1"}, lacks: []string{"bc-thang", "Báo cáo Tháng hành động"}},
		{name: "a half-yearly deadline added with an escalation", task: "thang-hanh-dong", form: thangForm(),
			change: map[string]string{"d1.title": "Báo cáo 6 tháng", "d1.by": "hlhpn", "d1.due.kind": "half_yearly",
				"d1.due.day": "22", "d1.due.month.h": "6", "d1.due.time": "17:00", "d1.grace": "1wd", "d1.esc_after": "2wd", "d1.esc_to": "lanh-dao"},
			has: []string{"      - id: bao-cao-6-thang\n        title: Báo cáo 6 tháng\n        by: [hlhpn]\n        due_every: \"0 17 22 6,12 *\"\n        grace: 1wd\n        escalate:\n          - after: 2wd\n            to: [lanh-dao]\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEditorEnv(t)
			mai := e.client("mai")
			_, page := mai.get("/plan/bdg-2019/tasks/" + tc.task)
			csrf := hidden(t, page, "csrf")
			form := tc.form
			for k, v := range tc.change {
				form.Set(k, v)
			}
			for _, k := range tc.drop {
				form.Del(k)
			}
			resp, body := mai.post("/plan/bdg-2019/tasks/"+tc.task, csrf, form)
			if tc.has == nil && tc.lacks == nil {
				// Nothing to write: back to the list.
				wantStatus(t, resp, body, http.StatusSeeOther)
				return
			}
			wantStatus(t, resp, body, http.StatusOK)
			resp, out := mai.post("/plan/bdg-2019/save", csrf, url.Values{"edits": {hidden(t, body, "edits")}, "etag": {hidden(t, body, "etag")}})
			wantStatus(t, resp, out, http.StatusSeeOther)
			got := e.read("bdg-2019.yaml")
			for _, w := range tc.has {
				if !strings.Contains(got, w) {
					t.Errorf("the file lacks %q:\n%s", w, got)
				}
			}
			for _, w := range tc.lacks {
				if strings.Contains(got, w) {
					t.Errorf("the file still has %q:\n%s", w, got)
				}
			}
			for _, keep := range []string{"# Mọi chú thích ở đây phải còn nguyên sau mỗi lần sửa.", "# Tháng hành động.", "# ngày bắt đầu", "# cuối tệp"} {
				if !strings.Contains(got, keep) {
					t.Errorf("the comment %q was lost:\n%s", keep, got)
				}
			}
		})
	}
}

// TestEditorEnglish: with service.language en, the pages, the rules in
// words, the problems and the preview are in English.
func TestEditorEnglish(t *testing.T) {
	e := newEditorEnv(t)
	e.write("nhacviec.yaml", strings.Replace(editorConfig, "  timezone: Asia/Ho_Chi_Minh\n", "  timezone: Asia/Ho_Chi_Minh\n  language: en\n", 1))
	if !e.load() {
		t.Fatal("the English configuration does not load")
	}
	mai := e.client("mai")
	resp, list := mai.get("/plan/bdg-2019/edit")
	wantStatus(t, resp, list, http.StatusOK)
	wantContains(t, list, "Edit the plan", "Add a task", "(as written in the file)", "↓ Down", "Delete", "7 days before")
	resp, page := mai.get("/plan/bdg-2019/tasks/new")
	wantStatus(t, resp, page, http.StatusOK)
	wantContains(t, page, "Lead and support units", "— no reminder —", "Preview")
	csrf := hidden(t, page, "csrf")
	form := newTaskForm()
	form.Set("title", "")
	resp, body := mai.post("/plan/bdg-2019/tasks/new", csrf, form)
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Enter a title.", "nothing was saved")
	form.Set("title", "Training")
	resp, body = mai.post("/plan/bdg-2019/tasks/new", csrf, form)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Will also send", "Monday 03/06/2019 08:00", "Save", "Back to the form")
}
