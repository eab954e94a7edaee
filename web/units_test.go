package web

import (
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// unitsPagesConfig is the configuration of the units pages' tests: units
// written as people write them (comments, a contact in brackets), a
// group, and plans that name the units.
const unitsPagesConfig = `# Cấu hình thử của trang đơn vị.
service:
  timezone: Asia/Ho_Chi_Minh
units:
  # Bộ phận LĐ-TB&XH: chủ trì kế hoạch.
  ldtbxh:
    name: Bộ phận Lao động - Thương binh và Xã hội
    contacts:
      - email: ldtbxh@quangthanh.example.vn   # hộp thư chung
  hlhpn:
    name: Hội Liên hiệp Phụ nữ xã
    relation: doan-the
    contacts:
      - name: Lê Thị Cúc
        email: hlhpn@quangthanh.example.vn
        phone: "0983 112 233"
        channels: [email, sms]   # cả hai
  mttq:
    name: Ủy ban MTTQ xã
    contacts: [{name: Ông Ba, email: mttq@quangthanh.example.vn}]
  # Chưa kế hoạch nào dùng.
  thon-a:
    name: Thôn A
    contacts:
      - email: thona@quangthanh.example.vn
groups:
  # Các đoàn thể.
  doan-the: [hlhpn, mttq]   # theo kế hoạch
plans:
  - bdg-2019.yaml   # kế hoạch năm 2019, tệp riêng
  - id: khac-2019
    title: Kế hoạch khác
    year: 2019
    owner: hlhpn
    tasks:
      - id: hop
        title: Họp
        lead: [hlhpn]
        support: [doan-the]
        on: 10/05/2019
`

// browserClient is a browser on an apiEnv's server: it keeps cookies,
// follows no redirect, and asks for pages.
type browserClient struct {
	e *apiEnv
	c *http.Client
}

// signIn returns a browser signed in as user on the login page.
func (e *apiEnv) signIn(user string) *browserClient {
	e.t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		e.t.Fatal(err)
	}
	b := &browserClient{e: e, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	_, body := b.get("/login")
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		e.t.Fatalf("no CSRF token on the login page:\n%s", body)
	}
	resp, body := b.post("/login", url.Values{"csrf": {m[1]}, "name": {user}, "password": {"mật khẩu " + user}})
	wantStatus(e.t, resp, body, http.StatusSeeOther)
	return b
}

func (b *browserClient) do(method, path string, form url.Values) (*http.Response, string) {
	b.e.t.Helper()
	req, err := http.NewRequest(method, b.e.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.e.t.Fatal(err)
	}
	req.Header.Set("Accept", "text/html")
	if method == http.MethodPost {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", b.e.base)
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		b.e.t.Fatal(err)
	}
	return resp, string(data)
}

func (b *browserClient) get(path string) (*http.Response, string) {
	return b.do(http.MethodGet, path, nil)
}

func (b *browserClient) post(path string, form url.Values) (*http.Response, string) {
	return b.do(http.MethodPost, path, form)
}

var (
	formRE   = regexp.MustCompile(`(?s)<form [^>]*action="([^"]*)"[^>]*>(.*?)</form>`)
	inputRE  = regexp.MustCompile(`<input ([^>]*)>`)
	attrRE   = regexp.MustCompile(`([a-z-]+)(?:="([^"]*)")?`)
	selectRE = regexp.MustCompile(`(?s)<select [^>]*name="([^"]*)"[^>]*>.*?<option value="([^"]*)" selected>`)
)

// form returns the values the first form of page path posting to action
// sends as it is: its inputs (checkboxes only when ticked) and selects.
func (b *browserClient) form(path, action string) url.Values {
	b.e.t.Helper()
	resp, body := b.get(path)
	wantStatus(b.e.t, resp, body, http.StatusOK)
	return pageForm(b.e.t, body, action)
}

func pageForm(t *testing.T, body, action string) url.Values {
	t.Helper()
	for _, f := range formRE.FindAllStringSubmatch(body, -1) {
		if html.UnescapeString(f[1]) != action {
			continue
		}
		v := url.Values{}
		for _, in := range inputRE.FindAllStringSubmatch(f[2], -1) {
			a := map[string]string{}
			for _, m := range attrRE.FindAllStringSubmatch(in[1], -1) {
				a[m[1]] = html.UnescapeString(m[2])
			}
			if _, checked := a["checked"]; (a["type"] == "checkbox" || a["type"] == "radio") && !checked {
				continue
			}
			if a["name"] != "" {
				v.Add(a["name"], a["value"])
			}
		}
		for _, s := range selectRE.FindAllStringSubmatch(f[2], -1) {
			v.Set(s[1], s[2])
		}
		return v
	}
	t.Fatalf("no form posting to %s on the page:\n%s", action, body)
	return nil
}

// newUnitsPagesEnv is newAPIEnv with unitsPagesConfig as its configuration.
func newUnitsPagesEnv(t *testing.T) *apiEnv {
	t.Helper()
	e := newAPIEnv(t)
	e.write("nhacviec.yaml", unitsPagesConfig)
	if !e.load() {
		t.FailNow()
	}
	return e
}

// versionsBy returns the authors of the versions of the configuration
// file, newest first, as the API lists them.
func (e *apiEnv) versionsBy(plan string) []string {
	e.t.Helper()
	resp, body := e.do("lan", http.MethodGet, "/api/v1/plans/"+plan+"/versions", "", nil)
	wantStatus(e.t, resp, body, http.StatusOK)
	var who []string
	for _, v := range decode[[]apiVersion](e.t, body) {
		who = append(who, v.Who)
	}
	return who
}

func TestUnitsListShowsUnitsAndGroups(t *testing.T) {
	e := newUnitsPagesEnv(t)
	for _, tt := range []struct {
		user     string
		editLink bool
	}{{"lan", true}, {"mai", true}, {"xem", false}} {
		t.Run(tt.user, func(t *testing.T) {
			resp, body := e.signIn(tt.user).get("/units")
			wantStatus(t, resp, body, http.StatusOK)
			wantContains(t, body, `<html lang="vi">`, "Đơn vị và nhóm", "Hội Liên hiệp Phụ nữ xã", "Lê Thị Cúc",
				"0983 112 233", "(&#43;84983112233)", "hlhpn@quangthanh.example.vn", "email, sms",
				"Mặt trận, đoàn thể", "doan-the", "Hội Liên hiệp Phụ nữ xã, Ủy ban MTTQ xã")
			if got := strings.Contains(body, `href="/units/hlhpn"`); got != tt.editLink {
				t.Errorf("edit link shown: %v, want %v", got, tt.editLink)
			}
			if strings.Contains(body, "<script") {
				t.Error("the page has a script: it must work without JavaScript")
			}
		})
	}
}

// TestUnitAddContact adds a contact to a unit on its form: the file
// gets it, its phone normalised, and nothing else changes, byte for byte;
// the save is a version by the editor, and the daemon runs it.
func TestUnitAddContact(t *testing.T) {
	e := newUnitsPagesEnv(t)
	b := e.signIn("mai")
	form := b.form("/units/ldtbxh", "/units/ldtbxh")
	if form.Get("etag") == "" || form.Get("rows") != "2" || form.Get("c0.email") != "ldtbxh@quangthanh.example.vn" {
		t.Fatalf("the form is not filled from the file: %v", form)
	}
	form.Set("c1.name", "Nguyễn Văn An")
	form.Set("c1.phone", "0912.345.678")
	form.Add("c1.ch", "sms")
	resp, body := b.post("/units/ldtbxh", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	if got, want := resp.Header.Get("Location"), "/units?id=ldtbxh&r=saved"; got != want {
		t.Errorf("Location = %q, want %q", got, want)
	}
	want := strings.Replace(unitsPagesConfig, "      - email: ldtbxh@quangthanh.example.vn   # hộp thư chung\n",
		"      - email: ldtbxh@quangthanh.example.vn   # hộp thư chung\n      - name: Nguyễn Văn An\n        phone: 0912 345 678\n", 1)
	if got := e.read("nhacviec.yaml"); got != want {
		t.Errorf("the file after the save:\n%s\nwant:\n%s", got, want)
	}
	if c := e.cfg.Units["ldtbxh"].Contacts; len(c) != 2 || c[1].Phone != "+84912345678" {
		t.Errorf("the daemon runs contacts %+v, want the new one with +84912345678", c)
	}
	if who := e.versionsBy("khac-2019"); len(who) != 2 || who[0] != "mai" || who[1] != "disk" {
		t.Errorf("versions by %v, want [mai disk]", who)
	}
	_, body = b.get("/units?id=ldtbxh&r=saved")
	wantContains(t, body, "Đã lưu đơn vị ldtbxh.", "Nguyễn Văn An", "0912 345 678")
}

// TestUnitFormProblems: every problem at its field, in Vietnamese, and
// nothing written.
func TestUnitFormProblems(t *testing.T) {
	tests := []struct {
		name, path string
		set        map[string]string
		want       []string
	}{
		{"bad phone", "/units/hlhpn", map[string]string{"c0.phone": "0983 11x 233"},
			[]string{`id="c0.phone" name="c0.phone" type="tel"`, `value="0983 11x 233"`, `aria-invalid="true"`,
				`<p class="field-err">số điện thoại &#34;0983 11x 233&#34; có ký tự &#34;x&#34; không được phép`}},
		{"short phone", "/units/hlhpn", map[string]string{"c0.phone": "0983 112"},
			[]string{`có 6 chữ số sau số 0 đầu`}},
		{"bad email", "/units/ldtbxh", map[string]string{"c0.email": "ldtbxh.quangthanh.example.vn"},
			[]string{`thiếu dấu @`}},
		{"sms without phone", "/units/ldtbxh", map[string]string{"c0.ch": "sms"},
			[]string{`Đã chọn nhận qua SMS nhưng chưa có số điện thoại.`}},
		{"no name", "/units/hlhpn", map[string]string{"name": ""}, []string{`Hãy ghi tên đầy đủ của đơn vị`}},
		{"every contact removed", "/units/hlhpn", map[string]string{"c0.remove": "1"},
			[]string{`Đơn vị cần ít nhất một người liên hệ`}},
		{"new unit, bad id", "/units/new", map[string]string{"id": "Đoàn TN", "name": "Đoàn Thanh niên", "c0.email": "dtn@example.vn"},
			[]string{`Mã &#34;Đoàn TN&#34; không hợp lệ`, `&#34;doan-tn&#34;`}},
		{"new unit, id of the page", "/units/new", map[string]string{"id": "new", "name": "Mới", "c0.email": "moi@example.vn"},
			[]string{`Mã &#34;new&#34; dành cho địa chỉ trang thêm mới`}},
		{"new unit, id taken", "/units/new", map[string]string{"id": "doan-the", "name": "Đoàn", "c0.email": "dtn@example.vn"},
			[]string{`Mã &#34;doan-the&#34; đã có`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newUnitsPagesEnv(t)
			b := e.signIn("mai")
			form := b.form(tt.path, tt.path)
			for k, v := range tt.set {
				form.Set(k, v)
			}
			resp, body := b.post(tt.path, form)
			wantStatus(t, resp, body, http.StatusUnprocessableEntity)
			wantContains(t, body, append(tt.want, "Chưa lưu: hãy sửa các chỗ được đánh dấu bên dưới.")...)
			if got := e.read("nhacviec.yaml"); got != unitsPagesConfig {
				t.Errorf("a refused form wrote the file:\n%s", got)
			}
		})
	}
}

// TestUnitEdits: each change of the form is the smallest edit of the
// file: the rest stays byte for byte.
func TestUnitEdits(t *testing.T) {
	tests := []struct {
		name, path string
		set        map[string]string
		old, new   string
	}{
		{"phone of a quoted number", "/units/hlhpn", map[string]string{"c0.phone": "+84 912 000 111"},
			`phone: "0983 112 233"`, `phone: "0912 000 111"`},
		{"channels in brackets", "/units/hlhpn", map[string]string{"c0.ch": "email"},
			"channels: [email, sms]   # cả hai", "channels: [email]   # cả hai"},
		{"relation added last", "/units/ldtbxh", map[string]string{"relation": "khac"},
			"      - email: ldtbxh@quangthanh.example.vn   # hộp thư chung\n",
			"      - email: ldtbxh@quangthanh.example.vn   # hộp thư chung\n    relation: khac\n"},
		{"relation changed", "/units/hlhpn", map[string]string{"relation": "cap-tren"},
			"relation: doan-the", "relation: cap-tren"},
		{"contact removed", "/units/hlhpn", map[string]string{"c0.remove": "1", "c1.email": "pn@example.vn"},
			"      - name: Lê Thị Cúc\n        email: hlhpn@quangthanh.example.vn\n        phone: \"0983 112 233\"\n        channels: [email, sms]   # cả hai\n",
			"      - email: pn@example.vn\n"},
		{"contact in brackets", "/units/mttq", map[string]string{"c0.phone": "0912345678"},
			"contacts: [{name: Ông Ba, email: mttq@quangthanh.example.vn}]",
			"contacts: [{name: Ông Ba, email: mttq@quangthanh.example.vn, phone: 0912 345 678}]"},
		{"first key emptied", "/units/ldtbxh", map[string]string{"c0.email": "", "c0.phone": "0912 345 678"},
			"      - email: ldtbxh@quangthanh.example.vn   # hộp thư chung\n",
			"      - phone: 0912 345 678\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newUnitsPagesEnv(t)
			b := e.signIn("mai")
			form := b.form(tt.path, tt.path)
			for k, v := range tt.set {
				form.Set(k, v)
			}
			resp, body := b.post(tt.path, form)
			wantStatus(t, resp, body, http.StatusSeeOther)
			want := strings.Replace(unitsPagesConfig, tt.old, tt.new, 1)
			if got := e.read("nhacviec.yaml"); got != want {
				t.Errorf("the file after the save:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestUnitNewAndDelete adds a unit and deletes one no plan names; a unit
// a plan names is not deleted, and the page says where it is named.
func TestUnitNewAndDelete(t *testing.T) {
	e := newUnitsPagesEnv(t)
	b := e.signIn("mai")
	form := b.form("/units/new", "/units/new")
	form.Set("id", "doan-tn")
	form.Set("name", "Đoàn Thanh niên xã")
	form.Set("relation", "doan-the")
	form.Set("c0.name", "Phạm Văn Dũng")
	form.Set("c0.email", "dtn@quangthanh.example.vn")
	form.Set("c0.phone", "0374556677")
	resp, body := b.post("/units/new", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	wantContains(t, e.read("nhacviec.yaml"), "        channels: [email, sms]   # cả hai\n  mttq:",
		"      - email: thona@quangthanh.example.vn\n  doan-tn:\n    name: Đoàn Thanh niên xã\n    relation: doan-the\n    contacts:\n"+
			"      - name: Phạm Văn Dũng\n        email: dtn@quangthanh.example.vn\n        phone: 0374 556 677\ngroups:\n")
	if u := e.cfg.Units["doan-tn"]; u == nil || u.Contacts[0].Phone != "+84374556677" {
		t.Fatalf("the daemon does not run the new unit: %+v", u)
	}

	// A unit a plan names: refused, with where.
	before := e.read("nhacviec.yaml")
	form = b.form("/units/hlhpn", "/units/hlhpn")
	resp, body = b.post("/units/hlhpn", url.Values{"csrf": {form.Get("csrf")}, "etag": {form.Get("etag")}, "action": {"delete"}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Không xoá được đơn vị hlhpn", "Kế hoạch «Kế hoạch khác», chung: đơn vị theo dõi kế hoạch",
		"Kế hoạch «Kế hoạch khác», Họp: chủ trì", "Kế hoạch «Kế hoạch bình đẳng giới năm 2019», Tổng kết năm: chủ trì", "Nhóm doan-the", `value="Lê Thị Cúc"`)
	if got := e.read("nhacviec.yaml"); got != before {
		t.Errorf("a refused delete wrote the file:\n%s", got)
	}

	// A unit nothing names: deleted with its comment.
	form = b.form("/units/thon-a", "/units/thon-a")
	resp, body = b.post("/units/thon-a", url.Values{"csrf": {form.Get("csrf")}, "etag": {form.Get("etag")}, "action": {"delete"}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	want := strings.Replace(before, "  # Chưa kế hoạch nào dùng.\n  thon-a:\n    name: Thôn A\n    contacts:\n      - email: thona@quangthanh.example.vn\n", "", 1)
	if got := e.read("nhacviec.yaml"); got != want {
		t.Errorf("the file after the delete:\n%s\nwant:\n%s", got, want)
	}
}

// TestUnitStaleForm: a form filled before the file changed on disk
// writes nothing and says so, with a link to reload.
func TestUnitStaleForm(t *testing.T) {
	e := newUnitsPagesEnv(t)
	b := e.signIn("lan")
	form := b.form("/units/hlhpn", "/units/hlhpn")
	edited := unitsPagesConfig + "# sửa tay\n"
	e.write("nhacviec.yaml", edited)
	form.Set("name", "Hội Phụ nữ xã")
	resp, body := b.post("/units/hlhpn", form)
	wantStatus(t, resp, body, http.StatusConflict)
	wantContains(t, body, "Tệp cấu hình đã được sửa từ khi bạn mở trang này", `<a href="/units/hlhpn">Tải lại trang`)
	if got := e.read("nhacviec.yaml"); got != edited {
		t.Errorf("a stale form wrote the file:\n%s", got)
	}
}

// TestUnitsRoles: a viewer sees the forms but posts nothing; an editor
// of any plan may change units and groups.
func TestUnitsRoles(t *testing.T) {
	e := newUnitsPagesEnv(t)
	b := e.signIn("xem")
	form := b.form("/units/hlhpn", "/units/hlhpn")
	if strings.Contains(formRE.FindString(mustGet(t, b, "/units/hlhpn")), `type="submit"`) {
		t.Error("a viewer's form has a save button")
	}
	form.Set("name", "Hội Phụ nữ xã")
	for _, path := range []string{"/units/hlhpn", "/units/new", "/groups/doan-the", "/groups/new"} {
		resp, body := b.post(path, form)
		wantStatus(t, resp, body, http.StatusForbidden)
	}
	if got := e.read("nhacviec.yaml"); got != unitsPagesConfig {
		t.Errorf("a viewer wrote the file:\n%s", got)
	}
	h := e.signIn("hoa") // an editor of khac-2019 only
	form = h.form("/units/hlhpn", "/units/hlhpn")
	form.Set("name", "Hội Phụ nữ xã")
	resp, body := h.post("/units/hlhpn", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
}

func mustGet(t *testing.T, b *browserClient, path string) string {
	t.Helper()
	resp, body := b.get(path)
	wantStatus(t, resp, body, http.StatusOK)
	return body
}

// TestGroups changes a group's members in brackets, adds a group, and
// refuses to delete one a plan names.
func TestGroups(t *testing.T) {
	e := newUnitsPagesEnv(t)
	b := e.signIn("mai")
	form := b.form("/groups/doan-the", "/groups/doan-the")
	if got := form["m"]; len(got) != 2 || got[0] != "hlhpn" || got[1] != "mttq" {
		t.Fatalf("ticked members %v, want [hlhpn mttq]", got)
	}
	form["m"] = []string{"mttq", "thon-a", "hlhpn"}
	resp, body := b.post("/groups/doan-the", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	want := strings.Replace(unitsPagesConfig, "doan-the: [hlhpn, mttq]   # theo", "doan-the: [hlhpn, mttq, thon-a]   # theo", 1)
	if got := e.read("nhacviec.yaml"); got != want {
		t.Errorf("the file after the save:\n%s\nwant:\n%s", got, want)
	}

	form = b.form("/groups/new", "/groups/new")
	form.Set("id", "co-so")
	form["m"] = []string{"thon-a"}
	resp, body = b.post("/groups/new", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	want = strings.Replace(want, "   # theo kế hoạch\n", "   # theo kế hoạch\n  co-so: [thon-a]\n", 1)
	if got := e.read("nhacviec.yaml"); got != want {
		t.Errorf("the file after the new group:\n%s\nwant:\n%s", got, want)
	}

	form = b.form("/groups/new", "/groups/new")
	form.Set("id", "rong")
	resp, body = b.post("/groups/new", form)
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Hãy chọn ít nhất một đơn vị.")

	form = b.form("/groups/doan-the", "/groups/doan-the")
	resp, body = b.post("/groups/doan-the", url.Values{"csrf": {form.Get("csrf")}, "etag": {form.Get("etag")}, "action": {"delete"}})
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Không xoá được nhóm doan-the", "nhacviec.yaml:")
	if got := e.read("nhacviec.yaml"); got != want {
		t.Errorf("a refused delete wrote the file:\n%s", got)
	}
}

// TestUnitsEnglish: with service.language en the pages and the problems
// at their fields are in English.
func TestUnitsEnglish(t *testing.T) {
	e := newAPIEnv(t)
	e.write("nhacviec.yaml", strings.Replace(unitsPagesConfig, "service:\n", "service:\n  language: en\n", 1))
	if !e.load() {
		t.FailNow()
	}
	b := e.signIn("mai")
	form := b.form("/units/hlhpn", "/units/hlhpn")
	form.Set("c0.phone", "0983 11x 233")
	resp, body := b.post("/units/hlhpn", form)
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, `<html lang="en">`, "Edit unit: Hội Liên hiệp Phụ nữ xã", "Not saved: fix what is marked below.",
		`phone number &#34;0983 11x 233&#34; has a character &#34;x&#34; that is not allowed`, "Receives by")
	_, body = b.get("/units")
	wantContains(t, body, "Units and groups", "Front, mass organisation: is asked to coordinate")
}

// TestBlockLists: lists written one item a line stay so, a group's
// members and a contact's channels alike; the rest of the file stays.
func TestBlockLists(t *testing.T) {
	conf := strings.Replace(unitsPagesConfig, "        channels: [email, sms]   # cả hai\n", "        channels:\n          - email\n          - sms\n", 1)
	conf = strings.Replace(conf, "  doan-the: [hlhpn, mttq]   # theo kế hoạch\n", "  doan-the:\n    - hlhpn   # phụ nữ\n    - mttq\n", 1)
	e := newAPIEnv(t)
	e.write("nhacviec.yaml", conf)
	if !e.load() {
		t.FailNow()
	}
	b := e.signIn("lan")
	form := b.form("/groups/doan-the", "/groups/doan-the")
	form["m"] = []string{"mttq", "thon-a"}
	resp, body := b.post("/groups/doan-the", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	want := strings.Replace(conf, "    - hlhpn   # phụ nữ\n    - mttq\n", "    - mttq\n    - thon-a\n", 1)
	if got := e.read("nhacviec.yaml"); got != want {
		t.Errorf("the file after the group's save:\n%s\nwant:\n%s", got, want)
	}

	form = b.form("/units/hlhpn", "/units/hlhpn")
	form["c0.ch"] = []string{"sms"}
	resp, body = b.post("/units/hlhpn", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	want = strings.Replace(want, "        channels:\n          - email\n          - sms\n", "        channels:\n          - sms\n", 1)
	if got := e.read("nhacviec.yaml"); got != want {
		t.Errorf("the file after the unit's save:\n%s\nwant:\n%s", got, want)
	}
}
