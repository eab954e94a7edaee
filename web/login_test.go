package web

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/nhacviec/nhacviec/store"
)

// The accounts of the login tests, each with the password "mật khẩu "+name.
var testAccounts = []store.Account{
	{Name: "lan", Role: store.RoleAdmin},
	{Name: "mai", Role: store.RoleEditor, Plans: []string{"bdg-2019"}},
	{Name: "hoa", Role: store.RoleEditor, Plans: []string{"khac-2019"}},
	{Name: "xem", Role: store.RoleViewer},
}

// accountsEnv is a dashboard on a real server and store that holds
// testAccounts.
func accountsEnv(t *testing.T) *dashEnv {
	t.Helper()
	e := newDashEnv(t, "vi", boardConfig)
	for _, a := range testAccounts {
		hash, err := bcrypt.GenerateFromPassword([]byte("mật khẩu "+a.Name), bcrypt.MinCost)
		if err != nil {
			t.Fatal(err)
		}
		a.PasswordHash = string(hash)
		if _, err := e.db.AddAccount(a); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// fresh gives e a new browser: a client with an empty cookie jar.
func (e *dashEnv) fresh() {
	jar, _ := cookiejar.New(nil)
	e.client = &http.Client{Jar: jar, CheckRedirect: e.client.CheckRedirect}
}

// login signs e's browser in on the login page.
func (e *dashEnv) login(name, password, next string) (*http.Response, string) {
	e.t.Helper()
	resp, body := e.get("/login?next=" + url.QueryEscape(next))
	wantStatus(e.t, resp, body, http.StatusOK)
	m := csrfRE.FindStringSubmatch(body)
	if m == nil {
		e.t.Fatalf("no CSRF token on the login page:\n%s", body)
	}
	return e.post("/login", url.Values{"csrf": {m[1]}, "name": {name}, "password": {password}, "next": {next}})
}

func TestLogin(t *testing.T) {
	tests := []struct {
		name, user, password, next string
		want                       int
		wantLocation, wantText     string
	}{
		{"right password", "mai", "mật khẩu mai", "/plan/bdg-2019", http.StatusSeeOther, "/plan/bdg-2019", ""},
		{"no next page", "xem", "mật khẩu xem", "", http.StatusSeeOther, "/", ""},
		{"next on another site", "lan", "mật khẩu lan", "//example.com/x", http.StatusSeeOther, "/", ""},
		{"wrong password", "mai", "mật khẩu xem", "/", http.StatusUnauthorized, "", "Sai tên đăng nhập hoặc mật khẩu"},
		{"no such account", "ai", "mật khẩu ai", "/", http.StatusUnauthorized, "", "Sai tên đăng nhập hoặc mật khẩu"},
		{"empty password", "mai", "", "/", http.StatusUnauthorized, "", "Sai tên đăng nhập hoặc mật khẩu"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := accountsEnv(t)
			resp, body := e.login(tt.user, tt.password, tt.next)
			wantStatus(t, resp, body, tt.want)
			if got := resp.Header.Get("Location"); got != tt.wantLocation {
				t.Errorf("Location = %q, want %q", got, tt.wantLocation)
			}
			if !strings.Contains(body, tt.wantText) {
				t.Errorf("the page does not say %q:\n%s", tt.wantText, body)
			}
			var session *http.Cookie
			for _, c := range resp.Cookies() {
				if c.Name == sessionCookie {
					session = c
				}
			}
			if tt.want != http.StatusSeeOther {
				if session != nil {
					t.Errorf("a failed login set a session cookie")
				}
				resp, body := e.get("/")
				wantStatus(t, resp, body, http.StatusSeeOther)
				return
			}
			if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Secure || len(session.Value) != 43 {
				t.Fatalf("session cookie %+v, want HttpOnly, SameSite=Lax, 256 bits, not Secure over http", session)
			}
			resp, body = e.get("/")
			wantStatus(t, resp, body, http.StatusOK)
		})
	}
}

// TestLoginPageLanguage: the login page is in the service language,
// Vietnamese by default, and a browser without a session is sent to it.
func TestLoginPage(t *testing.T) {
	e := accountsEnv(t)
	resp, body := e.get("/plan/bdg-2019?x=1")
	wantStatus(t, resp, body, http.StatusSeeOther)
	if got, want := resp.Header.Get("Location"), "/login?next=%2Fplan%2Fbdg-2019%3Fx%3D1"; got != want {
		t.Errorf("Location = %q, want %q", got, want)
	}
	resp, body = e.get("/login?next=%2Fplan%2Fbdg-2019")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `<html lang="vi">`, "Đăng nhập", "Tên đăng nhập", "Mật khẩu", `action="/login"`,
		`name="next" value="/plan/bdg-2019"`, `type="password"`)
	if strings.Contains(body, "<script") {
		t.Error("the login page has a script: it must work without JavaScript")
	}
}

func TestLoginRefusesForeignForms(t *testing.T) {
	e := accountsEnv(t)
	resp, body := e.get("/login")
	tok := csrfRE.FindStringSubmatch(body)[1]
	form := url.Values{"csrf": {tok}, "name": {"lan"}, "password": {"mật khẩu lan"}}
	for _, tt := range []struct {
		name   string
		form   url.Values
		origin string
	}{
		{"from another site", form, "http://example.com"},
		{"without the token", url.Values{"name": {"lan"}, "password": {"mật khẩu lan"}}, e.base},
	} {
		req, _ := http.NewRequest(http.MethodPost, e.base+"/login", strings.NewReader(tt.form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "text/html")
		req.Header.Set("Origin", tt.origin)
		resp, body = e.do(req)
		wantStatus(t, resp, body, http.StatusForbidden)
		for _, c := range resp.Cookies() {
			if c.Name == sessionCookie {
				t.Errorf("%s: got a session cookie", tt.name)
			}
		}
	}
}

func TestSecureSessionCookie(t *testing.T) {
	e := accountsEnv(t)
	e.cfg.Service.PublicURL = "https://nhacviec.example.vn"
	resp, body := e.login("lan", "mật khẩu lan", "/")
	wantStatus(t, resp, body, http.StatusSeeOther)
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie && !c.Secure {
			t.Error("the session cookie is not Secure behind an https public_url")
		}
	}
}

func TestSessionExpiry(t *testing.T) {
	e := accountsEnv(t)
	resp, body := e.login("xem", "mật khẩu xem", "/")
	wantStatus(t, resp, body, http.StatusSeeOther)
	for i, tt := range []struct {
		after time.Duration
		want  int
	}{
		{time.Hour, http.StatusOK},
		{11 * time.Hour, http.StatusOK}, // 12 h after login, 11 h idle
		{11 * time.Hour, http.StatusOK},
		{sessionIdle, http.StatusSeeOther}, // 12 h idle: signed out
		{time.Minute, http.StatusSeeOther},
	} {
		e.setNow(e.clock().Add(tt.after))
		resp, body := e.get("/")
		if resp.StatusCode != tt.want {
			t.Fatalf("step %d: got %d, want %d\n%s", i+1, resp.StatusCode, tt.want, body)
		}
	}
}

func TestLogout(t *testing.T) {
	e := accountsEnv(t)
	resp, body := e.login("lan", "mật khẩu lan", "/")
	wantStatus(t, resp, body, http.StatusSeeOther)
	var session *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie {
			session = c
		}
	}
	resp, body = e.get("/")
	wantContains(t, body, `action="/logout"`, "lan", "Đăng xuất")
	tok := e.token()
	// From another site, logout is refused.
	req, _ := http.NewRequest(http.MethodPost, e.base+"/logout", strings.NewReader(url.Values{"csrf": {tok}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://example.com")
	resp, body = e.do(req)
	wantStatus(t, resp, body, http.StatusForbidden)

	resp, body = e.post("/logout", url.Values{"csrf": {tok}})
	wantStatus(t, resp, body, http.StatusSeeOther)
	if got := resp.Header.Get("Location"); got != "/login" {
		t.Errorf("Location = %q, want /login", got)
	}
	resp, body = e.get("/")
	wantStatus(t, resp, body, http.StatusSeeOther)
	// The old cookie, replayed, is no session any more.
	req, _ = http.NewRequest(http.MethodGet, e.base+"/", nil)
	req.AddCookie(session)
	req.Header.Set("Accept", "text/html")
	e.fresh()
	resp, body = e.do(req)
	wantStatus(t, resp, body, http.StatusSeeOther)
}

// loginFrom posts the login form through srv's handler from remote.
func loginFrom(srv *Server, remote, name, password string) *httptest.ResponseRecorder {
	cookie, token := csrfPair(srv)
	form := url.Values{"csrf": {token}, "name": {name}, "password": {password}}
	req := httptest.NewRequest(http.MethodPost, "/login", strings.NewReader(form.Encode()))
	req.RemoteAddr, req.Host = remote, "127.0.0.1:8080"
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "http://127.0.0.1:8080")
	req.AddCookie(cookie)
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	return rec
}

// TestLoginLockout: wrong passwords on the login page lock the address,
// and the account's name from any address, as Basic does; a name of no
// account locks only the address.
func TestLoginLockout(t *testing.T) {
	const a, b, c = "192.0.2.10:1", "198.51.100.20:1", "203.0.113.30:1"
	tests := []struct {
		name      string
		wrongName string
		then      map[string]int // remote: status of the right password then
	}{
		{"an account's name", "mai", map[string]int{a: http.StatusTooManyRequests, b: http.StatusTooManyRequests}},
		{"no account's name", "ai", map[string]int{a: http.StatusTooManyRequests, c: http.StatusSeeOther}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := accountsEnv(t)
			for i := range adminStrikes {
				if rec := loginFrom(e.srv, a, tt.wrongName, "sai"); rec.Code != http.StatusUnauthorized {
					t.Fatalf("wrong try %d: got %d, want 401", i+1, rec.Code)
				}
			}
			for remote, want := range tt.then {
				rec := loginFrom(e.srv, remote, "mai", "mật khẩu mai")
				if rec.Code != want {
					t.Errorf("from %s: got %d, want %d", remote, rec.Code, want)
				}
				if want == http.StatusTooManyRequests && (rec.Header().Get("Retry-After") != "60" || !strings.Contains(rec.Body.String(), "tạm khóa")) {
					t.Errorf("from %s: Retry-After %q, page:\n%s", remote, rec.Header().Get("Retry-After"), rec.Body)
				}
			}
		})
	}
}

// TestRoles: what each role may do, signed in on the login page or with
// HTTP Basic.
func TestRoles(t *testing.T) {
	type want struct{ dashboard, ack, pause, metrics, status int }
	const ok, see, no = http.StatusOK, http.StatusSeeOther, http.StatusForbidden
	tests := []struct {
		account string
		want    want
	}{
		{"lan", want{ok, see, see, ok, ok}},
		{"mai", want{ok, see, see, no, no}},
		{"hoa", want{ok, no, no, no, no}},
		{"xem", want{ok, no, no, no, no}},
	}
	for _, how := range []string{"session", "basic"} {
		for _, tt := range tests {
			t.Run(how+"/"+tt.account, func(t *testing.T) {
				e := accountsEnv(t)
				year := e.occ("id@bc-nam")
				password := "mật khẩu " + tt.account
				var tok string
				send := func(method, path string, form url.Values) int {
					var req *http.Request
					if form != nil {
						form.Set("csrf", tok)
						req, _ = http.NewRequest(method, e.base+path, strings.NewReader(form.Encode()))
						req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
						req.Header.Set("Origin", e.base)
					} else {
						req, _ = http.NewRequest(method, e.base+path, nil)
					}
					req.Header.Set("Accept", "text/html")
					if how == "basic" {
						req.SetBasicAuth(tt.account, password)
					}
					resp, body := e.do(req)
					if resp.StatusCode == no && !strings.Contains(body, "không được làm việc này") {
						t.Errorf("%s %s: the 403 page does not say why:\n%s", method, path, body)
					}
					return resp.StatusCode
				}
				if how == "session" {
					resp, body := e.login(tt.account, password, "/")
					wantStatus(t, resp, body, http.StatusSeeOther)
				}
				if got := send(http.MethodGet, "/", nil); got != tt.want.dashboard {
					t.Errorf("GET /: got %d, want %d", got, tt.want.dashboard)
				}
				if m := csrfRE.FindStringSubmatch(func() string { _, b := e.get("/"); return b }()); m != nil {
					tok = m[1]
				}
				if how == "basic" {
					// The token of a page fetched with the credentials.
					req, _ := http.NewRequest(http.MethodGet, e.base+"/", nil)
					req.SetBasicAuth(tt.account, password)
					req.Header.Set("Accept", "text/html")
					_, b := e.do(req)
					tok = csrfRE.FindStringSubmatch(b)[1]
				}
				for _, r := range []struct {
					path string
					form url.Values
					want int
				}{
					{"/plan/bdg-2019/ack", url.Values{"o": {year}, "u": {"c"}, "kind": {"received"}}, tt.want.ack},
					{"/plan/bdg-2019/pause", url.Values{"task": {"hop-ban"}, "action": {"pause"}}, tt.want.pause},
				} {
					if got := send(http.MethodPost, r.path, r.form); got != r.want {
						t.Errorf("POST %s: got %d, want %d", r.path, got, r.want)
					}
				}
				paused, err := e.db.Paused("bdg-2019", "hop-ban")
				if err != nil || paused != (tt.want.pause == see) {
					t.Errorf("paused = %v, %v; want %v", paused, err, tt.want.pause == see)
				}
				if got := send(http.MethodGet, "/metrics", nil); got != tt.want.metrics {
					t.Errorf("GET /metrics: got %d, want %d", got, tt.want.metrics)
				}
				if got := send(http.MethodGet, "/-/status", nil); got != tt.want.status {
					t.Errorf("GET /-/status: got %d, want %d", got, tt.want.status)
				}
			})
		}
	}
}

// TestBasicFromProgram: a program (no Origin, no token) posts with any
// account's Basic credentials, within its role.
func TestBasicFromProgram(t *testing.T) {
	e := accountsEnv(t)
	for _, tt := range []struct {
		user string
		want int
	}{
		{"xem", http.StatusForbidden},
		{"hoa", http.StatusForbidden},
		{"mai", http.StatusSeeOther},
	} {
		req, _ := http.NewRequest(http.MethodPost, e.base+"/plan/bdg-2019/pause",
			strings.NewReader(url.Values{"task": {"hop-ban"}, "action": {"pause"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.SetBasicAuth(tt.user, "mật khẩu "+tt.user)
		resp, body := e.do(req)
		wantStatus(t, resp, body, tt.want)
	}
	if rec := serve(e.srv, http.MethodPost, "/-/reload", "192.0.2.10:1", basic("lan", "mật khẩu lan")); rec.Code == http.StatusUnauthorized || rec.Code == http.StatusForbidden {
		t.Errorf("POST /-/reload as an admin of the store: got %d", rec.Code)
	}
}

// TestUsersThroughControlSocket: nhacviec user's endpoints add, list,
// change and remove accounts; a new password or a removal ends the
// account's sessions.
func TestUsersThroughControlSocket(t *testing.T) {
	e := accountsEnv(t)
	resp, body := e.login("mai", "mật khẩu mai", "/")
	wantStatus(t, resp, body, http.StatusSeeOther)
	sock := t.TempDir() + "/nhacviec.sock"
	if err := e.srv.OpenControl(sock); err != nil {
		t.Fatal(err)
	}
	client := socketClient(sock)
	post := func(body string) string {
		resp, err := client.Post("http://nhacviec/-/users", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b := new(strings.Builder)
		_, _ = io.Copy(b, resp.Body)
		return b.String()
	}
	hash, _ := bcrypt.GenerateFromPassword([]byte("mật khẩu mới"), bcrypt.MinCost)
	for _, tt := range []struct{ name, body, want string }{
		{"add", `{"op":"add","account":{"name":"tam","role":"viewer","password_hash":"` + string(hash) + `"}}`, `"account":{"name":"tam","role":"viewer","password_hash":""`},
		{"add again", `{"op":"add","account":{"name":"tam","role":"viewer","password_hash":"` + string(hash) + `"}}`, `"code":"exists"`},
		{"bad role", `{"op":"add","account":{"name":"ba","role":"chief","password_hash":"` + string(hash) + `"}}`, `"code":"invalid"`},
		{"passwd", `{"op":"passwd","account":{"name":"mai","password_hash":"` + string(hash) + `"}}`, `{}`},
		{"remove nobody", `{"op":"remove","account":{"name":"ai"}}`, `"code":"not_found"`},
	} {
		if got := post(tt.body); !strings.Contains(got, tt.want) {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
	resp, body = e.get("/")
	wantStatus(t, resp, body, http.StatusSeeOther) // mai's session ended with her password
	lr, err := client.Get("http://nhacviec/-/users")
	if err != nil {
		t.Fatal(err)
	}
	list := new(strings.Builder)
	io.Copy(list, lr.Body)
	lr.Body.Close()
	if !strings.Contains(list.String(), `"name":"tam"`) || strings.Contains(list.String(), "$2") {
		t.Errorf("GET /-/users: %s; want tam, and no hash", list)
	}
}

func TestHasAdmin(t *testing.T) {
	e := newDashEnv(t, "vi", boardConfig)
	hash, _ := bcrypt.GenerateFromPassword([]byte("x"), bcrypt.MinCost)
	for _, tt := range []struct {
		add  store.Account
		want bool
	}{
		{store.Account{}, false},
		{store.Account{Name: "xem", Role: store.RoleViewer}, false},
		{store.Account{Name: "mai", Role: store.RoleEditor, Plans: []string{"bdg-2019"}}, false},
		{store.Account{Name: "lan", Role: store.RoleAdmin}, true},
	} {
		if tt.add.Name != "" {
			tt.add.PasswordHash = string(hash)
			if _, err := e.db.AddAccount(tt.add); err != nil {
				t.Fatal(err)
			}
		}
		if got, err := HasAdmin(e.db); err != nil || got != tt.want {
			t.Errorf("after adding %q: HasAdmin = %v, %v; want %v", tt.add.Name, got, err, tt.want)
		}
	}
}
