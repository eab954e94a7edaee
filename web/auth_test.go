package web

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/nhacviec/nhacviec/plan"
)

// adminServer is a server over boardConfig with the admin password
// "mật khẩu đúng" (hashed at bcrypt's lowest cost, for speed), or none.
func adminServer(t *testing.T, withPassword bool) (*Server, *dashEnv) {
	t.Helper()
	e := newDashEnv(t, "vi", boardConfig)
	var hash []byte
	if withPassword {
		var err error
		if hash, err = bcrypt.GenerateFromPassword([]byte("mật khẩu đúng"), bcrypt.MinCost); err != nil {
			t.Fatal(err)
		}
	}
	srv := New(Options{
		Config:            func() *plan.Config { return e.cfg },
		Store:             e.db,
		Secret:            e.secret,
		Metrics:           NewMetrics(),
		Reload:            func() (bool, []string) { return true, nil },
		AdminPasswordHash: hash,
		Now:               e.clock,
	})
	return srv, e
}

// serve runs one request through the handler, from remote, for the
// listen address (header "Host" names another host).
func serve(srv *Server, method, path, remote string, header map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, nil)
	req.RemoteAddr = remote
	req.Host = "127.0.0.1:8080"
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	return rec
}

func basic(user, password string) map[string]string {
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.SetBasicAuth(user, password)
	return map[string]string{"Authorization": req.Header.Get("Authorization"), "Accept": "text/html"}
}

var adminRoutes = []struct{ method, path string }{
	{http.MethodGet, "/"},
	{http.MethodGet, "/plan/bdg-2019"},
	{http.MethodGet, "/metrics"},
	{http.MethodPost, "/-/reload"},
	{http.MethodGet, "/-/status"},
	{http.MethodGet, "/-/backup"},
	{http.MethodPost, "/-/ack"},
	{http.MethodPost, "/plan/bdg-2019/ack"},
	{http.MethodPost, "/plan/bdg-2019/pause"},
}

func TestAdminWithoutPasswordIsLoopbackOnly(t *testing.T) {
	srv, _ := adminServer(t, false)
	for _, r := range adminRoutes {
		for _, remote := range []string{"192.0.2.10:40000", "[2001:db8::1]:40000"} {
			rec := serve(srv, r.method, r.path, remote, map[string]string{"Accept": "text/html"})
			if rec.Code != http.StatusForbidden {
				t.Errorf("%s %s from %s: got %d, want 403", r.method, r.path, remote, rec.Code)
			}
			if !strings.Contains(rec.Body.String(), "service.admin_password_file") || !strings.Contains(rec.Body.String(), "nhacviec passwd") {
				t.Errorf("%s %s: the page does not say what to do:\n%s", r.method, r.path, rec.Body.String())
			}
		}
	}
	// From this machine, the dashboard opens without a password.
	if rec := serve(srv, http.MethodGet, "/", "127.0.0.1:5000", nil); rec.Code != http.StatusOK {
		t.Errorf("GET / from the loopback: got %d, want 200", rec.Code)
	}
	if rec := serve(srv, http.MethodGet, "/metrics", "[::1]:5000", nil); rec.Code != http.StatusOK {
		t.Errorf("GET /metrics from the loopback: got %d, want 200", rec.Code)
	}
	// A client that is not a browser gets JSON.
	rec := serve(srv, http.MethodPost, "/-/reload", "192.0.2.10:1", nil)
	if rec.Code != http.StatusForbidden || !strings.HasPrefix(rec.Header().Get("Content-Type"), "application/json") {
		t.Errorf("got %d %s, want 403 JSON", rec.Code, rec.Header().Get("Content-Type"))
	}
}

func TestAdminBasicAuth(t *testing.T) {
	srv, _ := adminServer(t, true)
	remote := "192.0.2.10:40000" // a client on another machine
	for _, r := range adminRoutes {
		for _, tt := range []struct {
			name   string
			header map[string]string
		}{
			{"without credentials", map[string]string{}}, // a browser goes to the login page (login_test.go)
			{"with a wrong password", basic("admin", "mật khẩu sai")},
			{"with a wrong user", basic("root", "mật khẩu đúng")},
			{"with an empty password", basic("admin", "")},
		} {
			srv.adminLocks = newAdminLockout() // this test is not about the lockout
			rec := serve(srv, r.method, r.path, remote, tt.header)
			if rec.Code != http.StatusUnauthorized {
				t.Errorf("%s %s %s: got %d, want 401", r.method, r.path, tt.name, rec.Code)
			}
			if got := rec.Header().Get("WWW-Authenticate"); !strings.HasPrefix(got, `Basic realm="nhacviec"`) {
				t.Errorf("%s %s %s: got WWW-Authenticate %q", r.method, r.path, tt.name, got)
			}
		}
	}
	for _, path := range []string{"/", "/plan/bdg-2019", "/metrics"} {
		// Twice: the second time the remembered password answers.
		for range 2 {
			if rec := serve(srv, http.MethodGet, path, remote, basic("admin", "mật khẩu đúng")); rec.Code != http.StatusOK {
				t.Errorf("GET %s with the password: got %d, want 200", path, rec.Code)
			}
		}
	}
	if rec := serve(srv, http.MethodPost, "/-/reload", remote, basic("admin", "mật khẩu đúng")); rec.Code != http.StatusOK {
		t.Errorf("POST /-/reload with the password: got %d, want 200", rec.Code)
	}
	// Once a password is set, the loopback is no pass: a reverse proxy
	// on this machine makes every client look local.
	if rec := serve(srv, http.MethodGet, "/", "127.0.0.1:5000", nil); rec.Code != http.StatusUnauthorized {
		t.Errorf("GET / from the loopback without the password: got %d, want 401", rec.Code)
	}
	// The remembered password does not let a wrong one through.
	if rec := serve(srv, http.MethodGet, "/", remote, basic("admin", "mật khẩu đúnG")); rec.Code != http.StatusUnauthorized {
		t.Errorf("a wrong password after a right one: got %d, want 401", rec.Code)
	}
}

func TestPublicRoutesNeedNoPassword(t *testing.T) {
	srv, _ := adminServer(t, true)
	for _, tt := range []struct {
		method, path string
		want         int
	}{
		{http.MethodGet, "/healthz", http.StatusOK},
		{http.MethodGet, "/a/AAAAAAAAAAAAAAAAAAAA", http.StatusNotFound},         // its own capability
		{http.MethodPost, "/sms/inbound", http.StatusServiceUnavailable},         // its own shared secret (none here)
		{http.MethodGet, "/ics/u/AAAAAAAAAAAAAAAAAAAA.ics", http.StatusNotFound}, // its own capability (a plan's feed: ics_ical_test.go)
		{http.MethodGet, "/static/style.css", http.StatusOK},
	} {
		if rec := serve(srv, tt.method, tt.path, "192.0.2.10:1", nil); rec.Code != tt.want {
			t.Errorf("%s %s: got %d, want %d", tt.method, tt.path, rec.Code, tt.want)
		}
	}
}

func TestAdminOverRealConnection(t *testing.T) {
	// The same through a real server and client: with a password, the
	// loopback client too must authenticate.
	_, e := adminServer(t, false)
	hash, err := bcrypt.GenerateFromPassword([]byte("pw"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	srv := New(Options{Config: func() *plan.Config { return e.cfg }, Store: e.db, Secret: e.secret, AdminPasswordHash: hash, Now: e.clock})
	if err := srv.Open(t.Context(), "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	for _, tt := range []struct {
		user, password string
		want           int
	}{
		{"", "", http.StatusUnauthorized},
		{"admin", "wrong", http.StatusUnauthorized},
		{"admin", "pw", http.StatusOK},
	} {
		req, _ := http.NewRequest(http.MethodGet, "http://"+srv.Addr()+"/", nil)
		if tt.user != "" {
			req.SetBasicAuth(tt.user, tt.password)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("%q/%q: got %d, want %d", tt.user, tt.password, resp.StatusCode, tt.want)
		}
	}
}

func TestCheckListen(t *testing.T) {
	hash := []byte("$2a$12$abcdefghijklmnopqrstuuJ3c1K5a0cm1kYV3q9xH3Ww1YVQ5q2Gy")
	for _, tt := range []struct {
		listen  string
		hash    []byte
		wantErr error
	}{
		{"127.0.0.1:8080", nil, nil},
		{"127.0.0.2:8080", nil, nil},
		{"[::1]:8080", nil, nil},
		{"localhost:8080", nil, nil},
		{"0.0.0.0:8080", nil, ErrNoAdminPassword},
		{":8080", nil, ErrNoAdminPassword},
		{"[::]:8080", nil, ErrNoAdminPassword},
		{"192.168.1.10:8080", nil, ErrNoAdminPassword},
		{"nhacviec.example.vn:8080", nil, ErrNoAdminPassword},
		{"0.0.0.0:8080", hash, nil},
		{"192.168.1.10:8080", hash, nil},
	} {
		err := CheckListen(tt.listen, tt.hash)
		if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
			t.Errorf("CheckListen(%q, %d bytes): got %v, want %v", tt.listen, len(tt.hash), err, tt.wantErr)
		}
		if err != nil && !strings.Contains(err.Error(), "admin_password_file") {
			t.Errorf("CheckListen(%q): the error does not say what to do: %v", tt.listen, err)
		}
	}
	if err := CheckListen("no port", nil); err == nil {
		t.Error("CheckListen of an address without a port: got nil")
	}
}

func TestPasswordHashFile(t *testing.T) {
	hash, err := HashPassword([]byte("một mật khẩu dài"))
	if err != nil {
		t.Fatal(err)
	}
	if cost, err := bcrypt.Cost(hash); err != nil || cost != PasswordCost {
		t.Fatalf("got cost %d, %v, want %d", cost, err, PasswordCost)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "admin-password")
	if err := os.WriteFile(path, append(hash, '\n'), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := LoadPasswordHash(path)
	if err != nil {
		t.Fatal(err)
	}
	if bcrypt.CompareHashAndPassword(got, []byte("một mật khẩu dài")) != nil {
		t.Error("the loaded hash does not match the password")
	}

	bad := filepath.Join(dir, "bad")
	if err := os.WriteFile(bad, []byte("mật khẩu viết thẳng\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadPasswordHash(bad); !errors.Is(err, ErrBadPasswordFile) {
		t.Errorf("a plain password in the file: got %v, want ErrBadPasswordFile", err)
	} else if strings.Contains(err.Error(), "viết thẳng") {
		t.Errorf("the error shows the file's content: %v", err)
	}
	if _, err := LoadPasswordHash(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing file: got nil")
	}
	for _, pw := range []string{"", strings.Repeat("x", 73)} {
		if _, err := HashPassword([]byte(pw)); !errors.Is(err, ErrBadPassword) {
			t.Errorf("HashPassword of %d bytes: got %v, want ErrBadPassword", len(pw), err)
		}
	}
}
