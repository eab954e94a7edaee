package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

func TestHealthz(t *testing.T) {
	e := newEnv(t, "vi")
	resp, body := e.get("/healthz")
	wantStatus(t, resp, body, http.StatusOK)
	if body != "ok\n" {
		t.Errorf("got %q, want ok", body)
	}

	// A store that fails: 503.
	dir := t.TempDir()
	db, err := store.Open(filepath.Join(dir, "nhacviec.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := New(Options{Config: func() *plan.Config { return e.cfg }, Store: db, Secret: e.secret})
	if err := srv.Open(context.Background(), "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	get := func() (int, string) {
		t.Helper()
		resp, err := http.Get("http://" + srv.Addr() + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, string(b)
	}
	if code, body := get(); code != http.StatusOK {
		t.Fatalf("got %d %q before the store closed, want 200", code, body)
	}
	db.Close()
	if code, body := get(); code != http.StatusServiceUnavailable || !strings.Contains(body, "store") {
		t.Fatalf("got %d %q with the store closed, want 503", code, body)
	}
}

func TestReload(t *testing.T) {
	e := newEnv(t, "vi")
	resp, body := e.control(http.MethodPost, "/-/reload", "", "")
	wantStatus(t, resp, body, http.StatusOK)
	if strings.TrimSpace(body) != `{"ok":true}` {
		t.Errorf(`got %s, want {"ok":true}`, body)
	}

	e.mu.Lock()
	e.reloadOK, e.reloadEr = false, []string{"test.yaml:3:5: ngày 31/02 không tồn tại"}
	e.mu.Unlock()
	resp, body = e.control(http.MethodPost, "/-/reload", "", "")
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	if strings.TrimSpace(body) != `{"ok":false,"errors":["test.yaml:3:5: ngày 31/02 không tồn tại"]}` {
		t.Errorf("got %s", body)
	}

	resp, body = e.control(http.MethodGet, "/-/reload", "", "")
	wantStatus(t, resp, body, http.StatusMethodNotAllowed)

	// From a browser page of another site, even on this machine: refused.
	resp, body = e.do(http.MethodPost, "/-/reload", "", "", map[string]string{"Origin": "http://evil.example"})
	wantStatus(t, resp, body, http.StatusForbidden)
}

func TestReloadOnlyFromLoopback(t *testing.T) {
	calls := 0
	srv := New(Options{
		Config: func() *plan.Config { return nil },
		Reload: func() (bool, []string) { calls++; return true, nil },
	})
	cookie, token := csrfPair(srv)
	for _, tt := range []struct {
		remote string
		want   int
	}{
		{"192.0.2.10:40000", http.StatusForbidden},
		{"[2001:db8::1]:40000", http.StatusForbidden},
		{"127.0.0.1:40000", http.StatusOK},
		{"[::1]:40000", http.StatusOK},
	} {
		req := httptest.NewRequest(http.MethodPost, "/-/reload", nil)
		req.RemoteAddr, req.Host = tt.remote, "127.0.0.1:8080"
		req.AddCookie(cookie)
		req.Header.Set(csrfHeader, token)
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		if rec.Code != tt.want {
			t.Errorf("%s: got %d, want %d", tt.remote, rec.Code, tt.want)
		}
	}
	if calls != 2 {
		t.Errorf("got %d reloads, want 2", calls)
	}

	off := New(Options{Config: func() *plan.Config { return nil }})
	req := httptest.NewRequest(http.MethodPost, "/-/reload", nil)
	req.RemoteAddr, req.Host = "127.0.0.1:1", "127.0.0.1:8080"
	cookie, token = csrfPair(off)
	req.AddCookie(cookie)
	req.Header.Set(csrfHeader, token)
	rec := httptest.NewRecorder()
	off.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("got %d without a Reload, want 503", rec.Code)
	}
}

func TestOpenClose(t *testing.T) {
	srv := New(Options{Config: func() *plan.Config { return nil }})
	if err := srv.Close(); err != nil {
		t.Fatalf("close before open: %v", err)
	}
	if err := srv.Open(context.Background(), "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	addr := srv.Addr()
	if err := srv.Open(context.Background(), "127.0.0.1:0"); err == nil {
		t.Error("a second Open succeeded")
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	c := http.Client{Timeout: time.Second}
	if resp, err := c.Get("http://" + addr + "/healthz"); err == nil {
		resp.Body.Close()
		t.Fatal("the server still answers after Close")
	}
	if err := srv.Open(context.Background(), "256.0.0.1:0"); err == nil {
		srv.Close()
		t.Fatal("Open on a bad address succeeded")
	}
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t, "vi")
	resp, body := e.get("/a/AAAAAAAAAAAAAAAAAAAA")
	wantStatus(t, resp, body, http.StatusNotFound)
	for k, want := range map[string]string{
		"X-Content-Type-Options": "nosniff",
		"Referrer-Policy":        "same-origin",
		"X-Frame-Options":        "DENY",
	} {
		if got := resp.Header.Get(k); got != want {
			t.Errorf("got %s %q, want %q", k, got, want)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("got Content-Security-Policy %q", csp)
	}
}

func TestInternalErrorsAreLoggedWithoutTheToken(t *testing.T) {
	e := newEnv(t, "vi")
	path := e.send(e.findKind(plan.KindReminder, "hlhpn", false), plan.ChannelEmail)
	token := strings.TrimPrefix(path, "/a/")
	var logs bytes.Buffer
	srv := New(Options{
		Config: func() *plan.Config { return e.cfg }, Store: e.db, Secret: e.secret,
		Logger: slog.New(slog.NewTextHandler(&logs, nil)),
	})
	e.db.Close()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Host = "127.0.0.1:8080"
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("got %d with the store closed, want 500", rec.Code)
	}
	if !strings.Contains(rec.Body.String(), "Máy chủ gặp lỗi") {
		t.Errorf("the page does not explain:\n%s", rec.Body.String())
	}
	if !strings.Contains(logs.String(), "GET /a/{token}") {
		t.Errorf("the log does not name the route:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), token) {
		t.Errorf("the log shows the token:\n%s", logs.String())
	}
}

// TestAdminWritesNeedToken: a request that changes something on the admin
// side (POST /-/reload, POST /-/ack) needs the CSRF token of the forms,
// or, from a program that is no browser, the admin's password; a page of
// another site, even one with Origin "null", is refused. The control
// socket needs neither.
func TestAdminWritesNeedToken(t *testing.T) {
	e := newEnv(t, "vi")
	cookie, token := csrfPair(e.srv)
	_, other := csrfPair(New(Options{Secret: []byte("another secret")}))
	cookieHeader := cookie.Name + "=" + cookie.Value
	withPassword, _ := adminServer(t, true)
	pwCookie, pwToken := csrfPair(withPassword)
	pwCookieHeader := pwCookie.Name + "=" + pwCookie.Value
	auth := basic("admin", "mật khẩu đúng")["Authorization"]
	ackBody := `{"key": "0123456789abcdef0123456789abcdef"}`

	tests := []struct {
		name     string
		password bool // the server with an admin password, from another machine
		path     string
		header   map[string]string
		want     int
	}{
		{"no token", false, "/-/reload", nil, http.StatusForbidden},
		{"Origin null, no token", false, "/-/reload", map[string]string{"Origin": "null"}, http.StatusForbidden},
		{"own Origin, no token", false, "/-/reload", map[string]string{"Origin": e.base}, http.StatusForbidden},
		{"token without its cookie", false, "/-/reload", map[string]string{csrfHeader: token}, http.StatusForbidden},
		{"another cookie's token", false, "/-/reload", map[string]string{"Cookie": cookieHeader, csrfHeader: other}, http.StatusForbidden},
		{"token, from another site", false, "/-/reload", map[string]string{"Cookie": cookieHeader, csrfHeader: token, "Origin": "http://evil.example"}, http.StatusForbidden},
		{"token", false, "/-/reload", map[string]string{"Cookie": cookieHeader, csrfHeader: token}, http.StatusOK},
		{"token, own Origin", false, "/-/reload", map[string]string{"Cookie": cookieHeader, csrfHeader: token, "Origin": e.base}, http.StatusOK},
		{"token, Origin null", false, "/-/reload", map[string]string{"Cookie": cookieHeader, csrfHeader: token, "Origin": "null"}, http.StatusOK},
		{"ack, no token", false, "/-/ack", nil, http.StatusForbidden},
		{"ack, Origin null", false, "/-/ack", map[string]string{"Origin": "null"}, http.StatusForbidden},
		{"ack, token", false, "/-/ack", map[string]string{"Cookie": cookieHeader, csrfHeader: token}, http.StatusOK},
		{"password, a program", true, "/-/reload", map[string]string{"Authorization": auth}, http.StatusOK},
		{"password, ack from a program", true, "/-/ack", map[string]string{"Authorization": auth}, http.StatusOK},
		{"password replayed, Origin null", true, "/-/reload", map[string]string{"Authorization": auth, "Origin": "null"}, http.StatusForbidden},
		{"password replayed, cross-site fetch", true, "/-/reload", map[string]string{"Authorization": auth, "Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"password replayed, ack with Origin null", true, "/-/ack", map[string]string{"Authorization": auth, "Origin": "null"}, http.StatusForbidden},
		{"password and token, Origin null", true, "/-/reload", map[string]string{"Authorization": auth, "Origin": "null", "Cookie": pwCookieHeader, csrfHeader: pwToken}, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var code int
			var body string
			if tt.password {
				req := httptest.NewRequest(http.MethodPost, tt.path, strings.NewReader(ackBody))
				req.RemoteAddr, req.Host = "192.0.2.10:40000", "127.0.0.1:8080"
				req.Header.Set("Content-Type", "application/json")
				for k, v := range tt.header {
					req.Header.Set(k, v)
				}
				rec := httptest.NewRecorder()
				withPassword.Handler().ServeHTTP(rec, req)
				code, body = rec.Code, rec.Body.String()
			} else {
				resp, b := e.do(http.MethodPost, tt.path, "application/json", ackBody, tt.header)
				code, body = resp.StatusCode, b
			}
			if code != tt.want {
				t.Errorf("got %d, want %d\n%s", code, tt.want, body)
			}
		})
	}

	// The commands, through the control socket, send neither.
	for _, path := range []string{"/-/reload", "/-/ack"} {
		resp, body := e.control(http.MethodPost, path, "application/json", ackBody)
		wantStatus(t, resp, body, http.StatusOK)
	}
}
