package web

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
)

// TestHostHeader: the pages answer only for this server's own names, so
// that a site whose name is made to resolve to 127.0.0.1 (DNS rebinding)
// cannot read the passwordless loopback dashboard.
func TestHostHeader(t *testing.T) {
	e := newEnv(t, "vi")
	_, port, _ := net.SplitHostPort(e.srv.Addr())
	tests := []struct {
		name, host string
		local      net.IP // the address the connection came in on, if not the loopback
		want       int
	}{
		{"the listen address", "127.0.0.1:" + port, nil, http.StatusOK},
		{"localhost", "localhost:" + port, nil, http.StatusOK},
		{"localhost, final dot, capitals", "LocalHost.:" + port, nil, http.StatusOK},
		{"IPv6 loopback", "[::1]:" + port, nil, http.StatusOK},
		{"another loopback address", "127.1.2.3", nil, http.StatusOK},
		{"public_url's host", "nhacviec.example.vn", nil, http.StatusOK},
		{"public_url's host, another port", "NHACVIEC.example.vn:8443", nil, http.StatusOK},
		{"service.allowed_hosts", "nhacviec.lan", nil, http.StatusOK},
		{"the address the connection came in on", "192.0.2.7:8080", net.ParseIP("192.0.2.7"), http.StatusOK},
		{"a rebound name", "evil.example:" + port, nil, http.StatusMisdirectedRequest},
		{"a name that starts like localhost", "localhost.evil.example", nil, http.StatusMisdirectedRequest},
		{"a name that starts like the loopback", "127.0.0.1.evil.example", nil, http.StatusMisdirectedRequest},
		{"a name that ends like public_url's", "evilnhacviec.example.vn", nil, http.StatusMisdirectedRequest},
		{"another machine's address", "192.0.2.8:8080", net.ParseIP("192.0.2.7"), http.StatusMisdirectedRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, path := range []string{"/", "/healthz", "/a/AAAAAAAAAAAAAAAAAAAA"} {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				req.RemoteAddr, req.Host = "127.0.0.1:40000", tt.host
				if tt.local != nil {
					req = req.WithContext(context.WithValue(req.Context(), http.LocalAddrContextKey, &net.TCPAddr{IP: tt.local, Port: 8080}))
				}
				rec := httptest.NewRecorder()
				e.srv.Handler().ServeHTTP(rec, req)
				got := rec.Code
				if path == "/a/AAAAAAAAAAAAAAAAAAAA" && got == http.StatusNotFound {
					got = http.StatusOK // answered: the page says the link is unknown
				}
				if got != tt.want {
					t.Errorf("GET %s for %s: got %d, want %d\n%s", path, tt.host, rec.Code, tt.want, rec.Body)
				}
			}
		})
	}

	// Over a real connection, the same; the control socket, whatever
	// Host its client writes, is the local administrator's.
	req, _ := http.NewRequest(http.MethodGet, e.base+"/", nil)
	req.Host = "evil.example"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	wantStatus(t, resp, string(body), http.StatusMisdirectedRequest)
	wantContains(t, string(body), "service.allowed_hosts")

	sock := filepath.Join(t.TempDir(), "nhacviec.sock")
	if err := e.srv.OpenControl(sock); err != nil {
		t.Fatal(err)
	}
	req, _ = http.NewRequest(http.MethodGet, "http://evil.example/", nil)
	resp, err = socketClient(sock).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	wantStatus(t, resp, string(body), http.StatusOK)
}
