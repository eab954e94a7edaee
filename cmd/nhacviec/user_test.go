package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/internal/syncbuf"
)

// runUser runs nhacviec user in-process with stdin, and returns its exit
// code, stdout and stderr.
func runUser(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr syncbuf.Buffer
	c := &userCommand{env: &env{stdout: &stdout, stderr: &stderr, getenv: os.Getenv, now: time.Now}, stdin: strings.NewReader(stdin)}
	code := c.Run(context.Background(), args)
	return code, stdout.String(), stderr.String()
}

// TestUserThroughDaemon: with the daemon running (it holds the store),
// nhacviec user goes through its control socket, and what it does holds
// at once on the web pages: a new account must sign in, a new password
// replaces the old one, a removed account is gone.
func TestUserThroughDaemon(t *testing.T) {
	dir := t.TempDir()
	config := burstConfig(t, dir, 1, "")
	p := startDaemon(t, config)
	t.Cleanup(func() { p.cmd.Process.Signal(syscall.SIGTERM); p.wait(t, 15*time.Second) })
	var addr string
	until(t, 10*time.Second, "the web address in the log", func() bool {
		m := regexp.MustCompile(`msg="web pages" listen=(127\.0\.0\.1:\d+)`).FindStringSubmatch(p.stderr.String())
		if m != nil {
			addr = m[1]
		}
		return m != nil
	})
	until(t, 10*time.Second, "the control socket", func() bool {
		_, err := os.Stat(filepath.Join(dir, "data", controlSocket))
		return err == nil
	})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	status := func(user, password string) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, "http://"+addr+"/", nil)
		req.Header.Set("Accept", "text/html")
		if user != "" {
			req.SetBasicAuth(user, password)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := status("", ""); got != http.StatusOK {
		t.Fatalf("no account yet, from the loopback: got %d, want 200", got)
	}
	steps := []struct {
		name, stdin string
		args        []string
		wantOut     string
		check       func()
	}{
		{"add", "mật khẩu lan\nmật khẩu lan\n", []string{"add", "lan", "--role", "admin"}, "Đã tạo tài khoản lan", func() {
			if got := status("", ""); got != http.StatusSeeOther {
				t.Errorf("with an account, no credentials: got %d, want 303 to the login page", got)
			}
			if got := status("lan", "mật khẩu lan"); got != http.StatusOK {
				t.Errorf("Basic as lan: got %d, want 200", got)
			}
		}},
		{"list", "", []string{"list"}, "lan ", nil},
		{"passwd", "mật khẩu mới\nmật khẩu mới\n", []string{"passwd", "lan"}, "Đã đổi mật khẩu của lan", func() {
			if got := status("lan", "mật khẩu lan"); got != http.StatusUnauthorized {
				t.Errorf("the old password: got %d, want 401", got)
			}
			if got := status("lan", "mật khẩu mới"); got != http.StatusOK {
				t.Errorf("the new password: got %d, want 200", got)
			}
		}},
		{"remove", "", []string{"remove", "lan"}, "Đã xóa tài khoản lan", func() {
			if got := status("", ""); got != http.StatusOK {
				t.Errorf("no account left, from the loopback: got %d, want 200", got)
			}
		}},
	}
	for _, st := range steps {
		code, out, errOut := runUser(t, st.stdin, append(st.args, "-c", config)...)
		if code != exitOK || !strings.Contains(out, st.wantOut) {
			t.Fatalf("user %s: exit %d, stdout %q, stderr %q; want 0 and %q", st.name, code, out, errOut, st.wantOut)
		}
		if st.check != nil {
			st.check()
		}
	}
}

// TestListenWithAdminAccount: a non-loopback listen address is accepted
// once the store holds an admin, not a viewer only.
func TestListenWithAdminAccount(t *testing.T) {
	dir := t.TempDir()
	config := burstConfig(t, dir, 1, "")
	data, _ := os.ReadFile(config)
	os.WriteFile(config, bytes.Replace(data, []byte("listen: 127.0.0.1:0"), []byte("listen: 0.0.0.0:0"), 1), 0o644)
	if code, _, errOut := runUser(t, "mật khẩu xem\nmật khẩu xem\n", "add", "xem", "--role", "viewer", "-c", config); code != exitOK {
		t.Fatalf("user add xem: exit %d: %s", code, errOut)
	}
	p := startDaemon(t, config)
	if code := p.wait(t, 10*time.Second); code != exitInvalid {
		t.Errorf("a viewer only: got exit code %d, want %d", code, exitInvalid)
	}
	if msg := p.stderr.String(); !strings.Contains(msg, "admin_password_file") {
		t.Errorf("run said %q, want how to set an admin password", msg)
	}
	if code, _, errOut := runUser(t, "mật khẩu lan\nmật khẩu lan\n", "add", "lan", "--role", "admin", "-c", config); code != exitOK {
		t.Fatalf("user add lan: exit %d: %s", code, errOut)
	}
	p = startDaemon(t, config)
	until(t, 10*time.Second, "the web pages on every address", func() bool {
		return strings.Contains(p.stderr.String(), `msg="web pages" listen=[::]:`) || strings.Contains(p.stderr.String(), `msg="web pages" listen=0.0.0.0:`)
	})
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t, 15*time.Second); code != exitOK {
		t.Errorf("stopped with %d, want 0", code)
	}
}
