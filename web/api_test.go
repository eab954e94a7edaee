package web

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// apiConfig is the configuration of the API's tests: plan bdg-2019 in
// its own file, plan khac-2019 inline.
const apiConfig = `# Cấu hình thử của API.
service:
  timezone: Asia/Ho_Chi_Minh
units:
  ldtbxh:
    name: Bộ phận Lao động - Thương binh và Xã hội
    contacts:
      - email: ldtbxh@quangthanh.example.vn
  hlhpn:
    name: Hội Liên hiệp Phụ nữ xã
    contacts:
      - email: hlhpn@quangthanh.example.vn
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
        on: 10/05/2019
`

const apiPlan = `# Kế hoạch bình đẳng giới năm 2019: tệp của cán bộ LĐ-TB&XH.
# Mọi chú thích ở đây phải còn nguyên sau mỗi lần sửa.
id: bdg-2019
title: Kế hoạch bình đẳng giới năm 2019   # tên kế hoạch
year: 2019
owner: ldtbxh

tasks:
  # Việc đầu năm.
  - id: toa-dam
    title: 'Tọa đàm ''nữ lãnh đạo'''
    lead: [ldtbxh]
    on: "08/03/2019 08:00"     # Ngày Quốc tế Phụ nữ
    remind:
      - before: 7d

  # Tổng kết cuối năm.
  - id: tong-ket
    title: Tổng kết năm
    lead: [hlhpn]
    on: 20/12/2019
# cuối tệp
`

// apiEnv is a real server on a real configuration in a folder, with a
// real store holding testAccounts; Reload loads the files again.
type apiEnv struct {
	t    *testing.T
	dir  string
	base string

	mu      sync.Mutex
	cfg     *plan.Config
	reloads int
}

func newAPIEnv(t *testing.T) *apiEnv {
	t.Helper()
	e := &apiEnv{t: t, dir: t.TempDir()}
	e.write("nhacviec.yaml", apiConfig)
	e.write("bdg-2019.yaml", apiPlan)
	e.load()
	db, err := store.Open(filepath.Join(e.dir, "nhacviec.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, a := range testAccounts {
		hash, err := bcrypt.GenerateFromPassword([]byte("mật khẩu "+a.Name), bcrypt.MinCost)
		if err != nil {
			t.Fatal(err)
		}
		a.PasswordHash = string(hash)
		if a.Name == "hoa" {
			a.Plans = []string{"khac-2019"}
		}
		if _, err := db.AddAccount(a); err != nil {
			t.Fatal(err)
		}
	}
	secret, err := ack.LoadOrCreateSecret(e.dir)
	if err != nil {
		t.Fatal(err)
	}
	srv := New(Options{
		Config: func() *plan.Config {
			e.mu.Lock()
			defer e.mu.Unlock()
			return e.cfg
		},
		Store:  db,
		Secret: secret,
		Reload: func() (bool, []string) { return e.load(), nil },
	})
	if err := srv.Open(context.Background(), "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	e.base = "http://" + srv.Addr()
	return e
}

// load reads the configuration from the folder, as the daemon's reload.
func (e *apiEnv) load() bool {
	cfg, diags := config.Load(filepath.Join(e.dir, "nhacviec.yaml"))
	if diags.HasErrors() {
		e.t.Errorf("the configuration does not load:\n%s", diags.Render(lang.English))
		return false
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.cfg = cfg
	e.reloads++
	return true
}

func (e *apiEnv) write(name, text string) {
	e.t.Helper()
	if err := os.WriteFile(filepath.Join(e.dir, name), []byte(text), 0o640); err != nil {
		e.t.Fatal(err)
	}
}

func (e *apiEnv) read(name string) string {
	e.t.Helper()
	b, err := os.ReadFile(filepath.Join(e.dir, name))
	if err != nil {
		e.t.Fatal(err)
	}
	return string(b)
}

// do sends a request as user (with Basic, as a script) and returns the
// answer and its body.
func (e *apiEnv) do(user, method, path, body string, header map[string]string) (*http.Response, string) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.base+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.SetBasicAuth(user, "mật khẩu "+user)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
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

// etag reads plan id as user and returns its ETag.
func (e *apiEnv) etag(user, id string) string {
	e.t.Helper()
	resp, body := e.do(user, http.MethodGet, "/api/v1/plans/"+id, "", nil)
	wantStatus(e.t, resp, body, http.StatusOK)
	tag := resp.Header.Get("ETag")
	if !strings.HasPrefix(tag, `"`) {
		e.t.Fatalf("ETag %q is not a quoted entity tag", tag)
	}
	return tag
}

func (e *apiEnv) put(user, id, etag, body string) (*http.Response, string) {
	e.t.Helper()
	h := map[string]string{}
	if etag != "" {
		h["If-Match"] = etag
	}
	return e.do(user, http.MethodPut, "/api/v1/plans/"+id, body, h)
}

func decode[T any](t *testing.T, body string) T {
	t.Helper()
	var v T
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatalf("answer is not the JSON expected: %v\n%s", err, body)
	}
	return v
}

func TestAPIPlans(t *testing.T) {
	e := newAPIEnv(t)
	for _, tc := range []struct {
		user     string
		editable map[string]bool
	}{
		{"lan", map[string]bool{"bdg-2019": true, "khac-2019": true}},
		{"mai", map[string]bool{"bdg-2019": true, "khac-2019": false}},
		{"hoa", map[string]bool{"bdg-2019": false, "khac-2019": true}},
		{"xem", map[string]bool{"bdg-2019": false, "khac-2019": false}},
	} {
		t.Run(tc.user, func(t *testing.T) {
			resp, body := e.do(tc.user, http.MethodGet, "/api/v1/plans", "", nil)
			wantStatus(t, resp, body, http.StatusOK)
			plans := decode[[]planSummary](t, body)
			if len(plans) != 2 {
				t.Fatalf("%d plans, want 2:\n%s", len(plans), body)
			}
			for _, p := range plans {
				if p.Editable != tc.editable[p.ID] {
					t.Errorf("plan %s editable %v, want %v", p.ID, p.Editable, tc.editable[p.ID])
				}
				if p.Year != 2019 || p.Title == "" || !strings.HasPrefix(p.ETag, `"`) {
					t.Errorf("plan %+v lacks its year, title or ETag", p)
				}
			}
			if plans[0].File != "bdg-2019.yaml" || plans[1].File != "nhacviec.yaml" {
				t.Errorf("files %q, %q: want bdg-2019.yaml, nhacviec.yaml", plans[0].File, plans[1].File)
			}
		})
	}
	resp, body := e.do("xem", http.MethodGet, "/api/v1/plans", "", map[string]string{"Authorization": ""})
	wantStatus(t, resp, body, http.StatusUnauthorized)
}

func TestAPIPlanAsJSON(t *testing.T) {
	e := newAPIEnv(t)
	resp, body := e.do("xem", http.MethodGet, "/api/v1/plans/bdg-2019", "", nil)
	wantStatus(t, resp, body, http.StatusOK)
	// Keys in the file's order, dates as written, numbers as numbers.
	wantContains(t, body, `{"id":"bdg-2019","title":"Kế hoạch bình đẳng giới năm 2019","year":2019,"owner":"ldtbxh","tasks":[`,
		`"title":"Tọa đàm 'nữ lãnh đạo'"`, `"on":"08/03/2019 08:00"`, `"remind":[{"before":"7d"}]`)
	resp, body = e.do("xem", http.MethodGet, "/api/v1/plans/khac-2019", "", nil)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `{"id":"khac-2019","title":"Kế hoạch khác"`, `"lead":["hlhpn"]`)
	resp, body = e.do("xem", http.MethodGet, "/api/v1/plans/khong-co", "", nil)
	wantStatus(t, resp, body, http.StatusNotFound)
}

func TestAPIEdit(t *testing.T) {
	e := newAPIEnv(t)
	tag := e.etag("mai", "bdg-2019")
	resp, body := e.put("mai", "bdg-2019", tag,
		`{"edits":[{"op":"set","path":"tasks[id=tong-ket].title","value":"Tổng kết năm 2019"}]}`)
	wantStatus(t, resp, body, http.StatusOK)
	newTag := resp.Header.Get("ETag")
	if newTag == "" || newTag == tag {
		t.Fatalf("ETag after the edit %q, before %q", newTag, tag)
	}
	if got := decode[map[string]any](t, body); got["etag"] != newTag || got["reloaded"] != true {
		t.Errorf("answer %s: want the new ETag and reloaded", body)
	}
	// The file changed only where the edit says: every comment kept.
	want := strings.Replace(apiPlan, "title: Tổng kết năm\n", "title: Tổng kết năm 2019\n", 1)
	if got := e.read("bdg-2019.yaml"); got != want {
		t.Errorf("file after the edit:\n%s\nwant:\n%s", got, want)
	}
	if e.cfg.Plan("bdg-2019").Tasks[1].Title != "Tổng kết năm 2019" {
		t.Error("the daemon was not reloaded with the edit")
	}
	// The round trip: what GET gives is what PUT needs.
	if got := e.etag("mai", "bdg-2019"); got != newTag {
		t.Errorf("GET gives ETag %q after the PUT answered %q", got, newTag)
	}
	// Inserting an item keeps its keys in the order sent.
	resp, body = e.put("lan", "khac-2019", e.etag("lan", "khac-2019"),
		`{"edits":[{"op":"insert","path":"tasks","to":1,"item":{"id":"tap-huan","title":"Tập huấn","lead":["hlhpn"],"on":"12/06/2019"}}]}`)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, e.read("nhacviec.yaml"), "# Cấu hình thử của API.\n",
		"  - bdg-2019.yaml   # kế hoạch năm 2019, tệp riêng\n",
		"      - id: tap-huan\n        title: Tập huấn\n")
}

func TestAPIPreconditions(t *testing.T) {
	e := newAPIEnv(t)
	edit := `{"edits":[{"op":"set","path":"title","value":"Tên mới"}]}`
	tag := e.etag("mai", "bdg-2019")

	resp, body := e.put("mai", "bdg-2019", "", edit)
	wantStatus(t, resp, body, http.StatusPreconditionRequired)
	wantContains(t, body, "If-Match")

	// An edit on disk between the GET and the PUT.
	e.write("bdg-2019.yaml", apiPlan+"# sửa tay\n")
	resp, body = e.put("mai", "bdg-2019", tag, edit)
	wantStatus(t, resp, body, http.StatusPreconditionFailed)
	wantContains(t, body, `"code":"stale"`)
	if got := e.read("bdg-2019.yaml"); got != apiPlan+"# sửa tay\n" {
		t.Errorf("a stale PUT wrote the file:\n%s", got)
	}

	// Two editors: the second PUT on the same ETag is stale.
	tag = e.etag("mai", "bdg-2019")
	resp, body = e.put("lan", "bdg-2019", tag, edit)
	wantStatus(t, resp, body, http.StatusOK)
	resp, body = e.put("mai", "bdg-2019", tag, `{"edits":[{"op":"set","path":"year","value":"2020"}]}`)
	wantStatus(t, resp, body, http.StatusPreconditionFailed)
}

func TestAPIUnprocessable(t *testing.T) {
	e := newAPIEnv(t)
	tag := e.etag("mai", "bdg-2019")
	for _, tc := range []struct {
		name, edits string
		want        apiProblem
	}{
		{"bad date", `[{"op":"set","path":"tasks[id=tong-ket].on","value":"31/02/2019"}]`,
			apiProblem{Path: "tasks[1].on", File: "bdg-2019.yaml", Line: 21, Column: 9}},
		{"bad date among edits", `[{"op":"set","path":"title","value":"Tên mới"},{"op":"set","path":"tasks[id=toa-dam].remind[0].before","value":"bảy ngày"}]`,
			apiProblem{Path: "tasks[0].remind[0].before", File: "bdg-2019.yaml", Line: 15, Column: 17}},
		{"no such task", `[{"op":"set","path":"tasks[id=khong-co].title","value":"x"}]`,
			apiProblem{Path: "tasks[id=khong-co].title"}},
		{"bad op", `[{"op":"replace","path":"title"}]`, apiProblem{Path: "title"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := e.put("mai", "bdg-2019", tag, `{"edits":`+tc.edits+`}`)
			wantStatus(t, resp, body, http.StatusUnprocessableEntity)
			got := decode[struct{ Problems []apiProblem }](t, body)
			if len(got.Problems) == 0 {
				t.Fatalf("no problems in %s", body)
			}
			p := got.Problems[0]
			if p.Path != tc.want.Path || p.Line != tc.want.Line || p.Column != tc.want.Column ||
				p.File != tc.want.File || p.Message == "" {
				t.Errorf("problem %+v, want %+v and a message", p, tc.want)
			}
			if !strings.ContainsAny(p.Message, "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ") {
				t.Errorf("message %q is not in the service language (vi)", p.Message)
			}
			if got := e.read("bdg-2019.yaml"); got != apiPlan {
				t.Errorf("a refused PUT wrote the file:\n%s", got)
			}
		})
	}
}

func TestAPIRoles(t *testing.T) {
	e := newAPIEnv(t)
	edit := `{"edits":[{"op":"set","path":"title","value":"Tên mới"}]}`
	for _, tc := range []struct {
		user, plan string
		want       int
	}{
		{"xem", "bdg-2019", http.StatusForbidden},
		{"hoa", "bdg-2019", http.StatusForbidden},
		{"mai", "khac-2019", http.StatusForbidden},
		{"mai", "bdg-2019", http.StatusOK},
		{"hoa", "khac-2019", http.StatusOK},
		{"lan", "bdg-2019", http.StatusOK},
	} {
		t.Run(tc.user+" "+tc.plan, func(t *testing.T) {
			before := e.read("bdg-2019.yaml") + e.read("nhacviec.yaml")
			resp, body := e.put(tc.user, tc.plan, e.etag(tc.user, tc.plan), edit)
			wantStatus(t, resp, body, tc.want)
			changed := e.read("bdg-2019.yaml")+e.read("nhacviec.yaml") != before
			if changed != (tc.want == http.StatusOK) {
				t.Errorf("files changed %v with status %d", changed, tc.want)
			}
			resp, body = e.do(tc.user, http.MethodPost, "/api/v1/plans/"+tc.plan+"/versions/1/restore", "",
				map[string]string{"If-Match": e.etag(tc.user, tc.plan)})
			if tc.want == http.StatusForbidden {
				wantStatus(t, resp, body, http.StatusForbidden)
			}
		})
	}
	// A browser's PUT needs the CSRF token, even with Basic.
	resp, body := e.do("lan", http.MethodPut, "/api/v1/plans/bdg-2019", edit,
		map[string]string{"If-Match": e.etag("lan", "bdg-2019"), "Origin": e.base})
	wantStatus(t, resp, body, http.StatusForbidden)
}

func TestAPIVersionsAndRestore(t *testing.T) {
	e := newAPIEnv(t)
	tag := e.etag("mai", "bdg-2019") // version 1, by disk
	resp, body := e.put("mai", "bdg-2019", tag, `{"edits":[{"op":"set","path":"tasks[id=tong-ket].on","value":"21/12/2019"}]}`)
	wantStatus(t, resp, body, http.StatusOK)
	tag = resp.Header.Get("ETag")

	resp, body = e.do("xem", http.MethodGet, "/api/v1/plans/bdg-2019/versions", "", nil)
	wantStatus(t, resp, body, http.StatusOK)
	wantLacks(t, body, "text", "Tổng kết")
	vs := decode[[]apiVersion](t, body)
	// Newest first.
	if len(vs) != 2 || vs[1].N != 1 || vs[1].Who != store.DiskAuthor || vs[0].N != 2 || vs[0].Who != "mai" ||
		`"`+vs[0].Hash+`"` != tag || vs[0].At.IsZero() {
		t.Fatalf("versions %+v: want 2 by mai with the ETag %s, 1 by disk", vs, tag)
	}
	first := vs[1]

	resp, body = e.do("mai", http.MethodPost, "/api/v1/plans/bdg-2019/versions/1/restore", "", nil)
	wantStatus(t, resp, body, http.StatusPreconditionRequired)
	resp, body = e.do("mai", http.MethodPost, "/api/v1/plans/bdg-2019/versions/1/restore", "",
		map[string]string{"If-Match": `"` + first.Hash + `"`})
	wantStatus(t, resp, body, http.StatusPreconditionFailed)
	resp, body = e.do("mai", http.MethodPost, "/api/v1/plans/bdg-2019/versions/9/restore", "",
		map[string]string{"If-Match": tag})
	wantStatus(t, resp, body, http.StatusNotFound)
	resp, body = e.do("mai", http.MethodPost, "/api/v1/plans/bdg-2019/versions/1/restore", "",
		map[string]string{"If-Match": tag})
	wantStatus(t, resp, body, http.StatusOK)
	if got := e.read("bdg-2019.yaml"); got != apiPlan {
		t.Errorf("file after restoring version 1:\n%s", got)
	}
	if got := resp.Header.Get("ETag"); got != `"`+first.Hash+`"` {
		t.Errorf("ETag after the restore %s, want version 1's %s", got, first.Hash)
	}
	if on := e.cfg.Plan("bdg-2019").Tasks[1]; on.Title != "Tổng kết năm" {
		t.Errorf("the daemon was not reloaded after the restore")
	}
	resp, body = e.do("xem", http.MethodGet, "/api/v1/plans/bdg-2019/versions", "", nil)
	wantStatus(t, resp, body, http.StatusOK)
	if vs := decode[[]apiVersion](t, body); len(vs) != 3 || vs[0].N != 3 || vs[0].Who != "mai" {
		t.Errorf("versions after the restore %+v: want a third by mai", vs)
	}
}
