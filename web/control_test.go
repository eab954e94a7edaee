package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// postJSON posts body to path through the control socket, as the
// commands do.
func (e *env) postJSON(path, body string) (*http.Response, string) {
	e.t.Helper()
	return e.control(http.MethodPost, path, "application/json", body)
}

// control sends a request through the control socket, opened at the
// first call.
func (e *env) control(method, path, contentType, body string) (*http.Response, string) {
	e.t.Helper()
	if e.ctl == nil {
		sock := filepath.Join(e.t.TempDir(), "nhacviec.sock")
		if err := e.srv.OpenControl(sock); err != nil {
			e.t.Fatal(err)
		}
		e.ctl = socketClient(sock)
	}
	req, err := http.NewRequest(method, "http://nhacviec"+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := e.ctl.Do(req)
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

// csrfPair returns a CSRF cookie and the token of srv's forms for it.
func csrfPair(srv *Server) (*http.Cookie, string) {
	value := base64.RawURLEncoding.EncodeToString(bytes.Repeat([]byte{7}, csrfBytes))
	return &http.Cookie{Name: csrfCookie, Value: value}, srv.csrfMAC(value)
}

func TestCommandAck(t *testing.T) {
	e := newEnv(t, "vi")
	reminder := e.findKind(plan.KindReminder, "hlhpn", false)
	token := strings.TrimPrefix(e.send(reminder, plan.ChannelEmail), "/a/")
	deadline := e.findKind(plan.KindDeadline, "hlhpn", false)
	code := e.sendSMS(deadline)
	tests := []struct {
		name   string
		body   string
		status int
		want   ack.Result
		acks   int
	}{
		{"receipt by link token", `{"key": "` + token + `", "by": "Chị Lan", "note": "gọi điện"}`, http.StatusOK,
			ack.Result{Unit: "hlhpn", Task: "thang-hanh-dong", Kind: "reminder", At: e.now, Created: true}, 1},
		{"the same again", `{"key": "` + token + `", "by": "Chị Lan"}`, http.StatusOK,
			ack.Result{Unit: "hlhpn", Task: "thang-hanh-dong", Kind: "reminder", At: e.now}, 1},
		{"done of a reminder", `{"key": "` + token + `", "done": true}`, http.StatusOK, ack.Result{Error: ack.RefusedNotReportable}, 1},
		{"SMS code without unit", `{"key": "` + code + `", "done": true}`, http.StatusOK, ack.Result{Error: ack.RefusedNeedUnit}, 1},
		{"done by SMS code", `{"key": "` + code + `", "unit": "hlhpn", "done": true, "by": "Chị Lan"}`, http.StatusOK,
			ack.Result{Unit: "hlhpn", Task: "thang-hanh-dong", Kind: "deadline", At: e.now, Created: true}, 3},
		{"unknown id", `{"key": "0123456789abcdef0123456789abcdef"}`, http.StatusOK, ack.Result{Error: ack.RefusedUnknown}, 3},
		{"not JSON", `{"key": `, http.StatusBadRequest, ack.Result{}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := e.postJSON("/-/ack", tt.body)
			wantStatus(t, resp, body, tt.status)
			if tt.status == http.StatusOK {
				var got ack.Result
				if err := json.Unmarshal([]byte(body), &got); err != nil {
					t.Fatalf("answer is not JSON: %v\n%s", err, body)
				}
				if !got.At.Equal(tt.want.At) {
					t.Errorf("got at %s, want %s", got.At, tt.want.At)
				}
				got.At, tt.want.At = time.Time{}, time.Time{}
				if got != tt.want {
					t.Errorf("got %+v, want %+v", got, tt.want)
				}
			}
			if got := e.acks(); got != tt.acks {
				t.Errorf("got %d acknowledgements, want %d", got, tt.acks)
			}
		})
	}
	a := e.ack(reminder.AckID, "hlhpn", store.Received)
	if a == nil || a.By != "Chị Lan" || a.Via != "cli" || a.Note != "gọi điện" {
		t.Errorf("got %+v, want the receipt by Chị Lan via cli", a)
	}
}

func TestStatusAndBackupEndpoints(t *testing.T) {
	e := newEnv(t, "vi")
	resp, body := e.get("/-/status?next=3")
	wantStatus(t, resp, body, http.StatusOK)
	var rep struct {
		Running bool  `json:"running"`
		Rows    []any `json:"rows"`
		Next    []any `json:"next"`
	}
	if err := json.Unmarshal([]byte(body), &rep); err != nil {
		t.Fatalf("status is not JSON: %v\n%s", err, body)
	}
	if !rep.Running || len(rep.Next) == 0 {
		t.Errorf("got running %v and %d next, want true and some", rep.Running, len(rep.Next))
	}

	e.send(e.findKind(plan.KindReminder, "hlhpn", false), plan.ChannelEmail)
	resp, body = e.get("/-/backup")
	wantStatus(t, resp, body, http.StatusOK)
	copyPath := filepath.Join(t.TempDir(), "backup.db")
	if err := os.WriteFile(copyPath, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(copyPath, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("the backup does not open: %v", err)
	}
	defer db.Close()
	n := 0
	db.TokensWithPrefix("", func(string, []byte) error { n++; return nil })
	if n == 0 {
		t.Error("the backup lacks the link recorded before it")
	}
}

// socketClient talks HTTP over the unix socket path.
func socketClient(path string) *http.Client {
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, "unix", path)
		},
	}}
}

// TestControlSocket: the control socket serves the same handler, and its
// clients are the local administrator, without the password that every
// client of the network needs.
func TestControlSocket(t *testing.T) {
	_, e := adminServer(t, false)
	hash, err := bcrypt.GenerateFromPassword([]byte("pw"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	reloads := 0
	srv := New(Options{Config: func() *plan.Config { return e.cfg }, Store: e.db, Secret: e.secret, AdminPasswordHash: hash, Now: e.clock,
		Reload: func() (bool, []string) { reloads++; return true, nil }})
	if err := srv.Open(t.Context(), "127.0.0.1:0"); err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	sock := filepath.Join(t.TempDir(), "nhacviec.sock")
	if err := srv.OpenControl(sock); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(sock); err != nil {
		t.Fatal(err)
	} else if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("got socket mode %04o, want 0600", info.Mode().Perm())
	}
	sockClient := socketClient(sock)
	tests := []struct {
		method, path, body string
	}{
		{http.MethodGet, "/-/status", ""},
		{http.MethodGet, "/-/backup", ""},
		{http.MethodPost, "/-/ack", `{"key": "0123456789abcdef0123456789abcdef"}`},
		{http.MethodPost, "/-/reload", ""},
		{http.MethodGet, "/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			for _, via := range []struct {
				name   string
				client *http.Client
				base   string
				want   int
			}{
				{"socket", sockClient, "http://nhacviec", http.StatusOK},
				{"network", http.DefaultClient, "http://" + srv.Addr(), http.StatusUnauthorized},
			} {
				req, err := http.NewRequest(tt.method, via.base+tt.path, strings.NewReader(tt.body))
				if err != nil {
					t.Fatal(err)
				}
				resp, err := via.client.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != via.want {
					t.Errorf("through the %s: got %d, want %d\n%s", via.name, resp.StatusCode, via.want, b)
				}
			}
		})
	}
	if reloads != 1 {
		t.Errorf("got %d reloads, want 1 (through the socket)", reloads)
	}
	// The public pages answer there too, the same.
	resp, err := sockClient.Get("http://nhacviec/healthz")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Equal(b, []byte("ok\n")) {
		t.Errorf("got /healthz %q through the socket, want ok", b)
	}

	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(sock); !os.IsNotExist(err) {
		t.Errorf("the socket file is still there after Close: %v", err)
	}
}
