package web

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// editorConfig is the configuration of the editor's tests: plan bdg-2019
// in its own file (editorPlan), plan khac-2019 inline.
const editorConfig = `# Cấu hình thử của trang soạn kế hoạch.
service:
  timezone: Asia/Ho_Chi_Minh
  public_url: http://127.0.0.1:8080
units:
  ldtbxh:
    name: Bộ phận Lao động - Thương binh và Xã hội
    escalate_to: lanh-dao
    contacts:
      - email: ldtbxh@quangthanh.example.vn
  hlhpn:
    name: Hội Liên hiệp Phụ nữ xã
    escalate_to: lanh-dao
    contacts:
      - email: hlhpn@quangthanh.example.vn
  ban-vstbpn:
    name: Ban Vì sự tiến bộ phụ nữ xã
    contacts:
      - email: ban-vstbpn@quangthanh.example.vn
  lanh-dao:
    name: Lãnh đạo UBND xã
    contacts:
      - email: lanhdao@quangthanh.example.vn
groups:
  doan-the: [hlhpn, ban-vstbpn]
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

const editorPlan = `# Kế hoạch bình đẳng giới năm 2019: tệp của cán bộ LĐ-TB&XH.
# Mọi chú thích ở đây phải còn nguyên sau mỗi lần sửa.
id: bdg-2019
title: Kế hoạch bình đẳng giới năm 2019   # tên kế hoạch
year: 2019
owner: ldtbxh

tasks:
  # Việc đầu năm.
  - id: toa-dam
    ref: II.2
    title: Tọa đàm nữ lãnh đạo
    lead: [ldtbxh]
    support: [hlhpn]
    on: "08/03/2019 08:00"     # Ngày Quốc tế Phụ nữ
    remind:
      - before: 7d             # một tuần trước
      - every: "0 8 * 1-3 MON" # viết tay, ngoài các lựa chọn

  # Tháng hành động.
  - id: thang-hanh-dong
    ref: II.3
    title: Tháng hành động vì bình đẳng giới
    lead: [ldtbxh]
    from: "15/11/2019"         # ngày bắt đầu
    to: "15/12/2019"
    remind:
      - at: start
    deadlines:
      - id: bc-thang
        title: Báo cáo Tháng hành động
        by: [ldtbxh]
        to: [ban-vstbpn]
        due: "20/12/2019 17:00"
        remind: [7d, 3d]

  # Tổng kết cuối năm.
  - id: tong-ket
    title: Tổng kết năm
    lead: [hlhpn]
    on: 20/12/2019
# cuối tệp
`

// editorEnv is a real server on a real configuration in a folder, with
// a real store holding testAccounts, its clock at the start of 2019 so
// that the preview has a year ahead; Reload loads the files again.
type editorEnv struct {
	t    *testing.T
	dir  string
	base string
	db   *store.DB

	mu      sync.Mutex
	cfg     *plan.Config
	reloads int
}

func newEditorEnv(t *testing.T) *editorEnv {
	t.Helper()
	e := &editorEnv{t: t, dir: t.TempDir()}
	e.write("nhacviec.yaml", editorConfig)
	e.write("bdg-2019.yaml", editorPlan)
	e.load()
	db, err := store.Open(filepath.Join(e.dir, "nhacviec.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e.db = db
	for _, a := range testAccounts {
		hash, err := bcrypt.GenerateFromPassword([]byte("mật khẩu "+a.Name), bcrypt.MinCost)
		if err != nil {
			t.Fatal(err)
		}
		a.PasswordHash = string(hash)
		if _, err := db.AddAccount(a); err != nil {
			t.Fatal(err)
		}
	}
	secret, err := ack.LoadOrCreateSecret(e.dir)
	if err != nil {
		t.Fatal(err)
	}
	hcm, err := time.LoadLocation("Asia/Ho_Chi_Minh")
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
		Now:    func() time.Time { return time.Date(2019, 1, 2, 9, 0, 0, 0, hcm) },
	})
	if err := srv.Open(context.Background(), "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	e.base = "http://" + srv.Addr()
	return e
}

// load reads the configuration from the folder, as the daemon's reload.
func (e *editorEnv) load() bool {
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

func (e *editorEnv) config() *plan.Config {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.cfg
}

func (e *editorEnv) write(name, text string) {
	e.t.Helper()
	if err := os.WriteFile(filepath.Join(e.dir, name), []byte(text), 0o640); err != nil {
		e.t.Fatal(err)
	}
}

func (e *editorEnv) read(name string) string {
	e.t.Helper()
	b, err := os.ReadFile(filepath.Join(e.dir, name))
	if err != nil {
		e.t.Fatal(err)
	}
	return string(b)
}

// editorClient is a user's browser: Basic credentials, the cookies
// (the CSRF cookie), and the Origin a browser sends with a form.
type editorClient struct {
	e    *editorEnv
	user string
	c    *http.Client
}

func (e *editorEnv) client(user string) *editorClient {
	jar, err := cookiejar.New(nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return &editorClient{e: e, user: user, c: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *editorClient) do(method, path string, form url.Values) (*http.Response, string) {
	b.e.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.e.base+path, body)
	if err != nil {
		b.e.t.Fatal(err)
	}
	req.SetBasicAuth(b.user, "mật khẩu "+b.user)
	req.Header.Set("Accept", "text/html")
	if form != nil {
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

func (b *editorClient) get(path string) (*http.Response, string) {
	return b.do(http.MethodGet, path, nil)
}

// post sends form with the CSRF token of the page's forms.
func (b *editorClient) post(path, csrf string, form url.Values) (*http.Response, string) {
	b.e.t.Helper()
	form.Set("csrf", csrf)
	return b.do(http.MethodPost, path, form)
}

var hiddenRE = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// hidden returns the value of hidden field name in page (its first).
func hidden(t *testing.T, page, name string) string {
	t.Helper()
	for _, m := range hiddenRE.FindAllStringSubmatch(page, -1) {
		if m[1] == name {
			return html.UnescapeString(m[2])
		}
	}
	t.Fatalf("no hidden field %q in the page:\n%s", name, page)
	return ""
}
