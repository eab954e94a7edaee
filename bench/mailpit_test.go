package bench

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/internal/syncbuf"
)

// mailpit is a real SMTP server with a REST API, run once per process and
// shared by the email figure, its baseline and their comparison, so that
// both sides of a ratio talk to the same server. TestMain stops it.
type mailpit struct {
	host string
	port int
	api  string // host:port of the REST API
	dir  string // its database, removed when it stops
	cmd  *exec.Cmd
	out  *syncbuf.Buffer // its output, for an error
}

var shared struct {
	sync.Mutex
	mp *mailpit
}

// TestMain stops the shared mailpit, if a benchmark or test started one.
func TestMain(m *testing.M) {
	code := m.Run()
	shared.Lock()
	if shared.mp != nil {
		shared.mp.stop()
	}
	shared.Unlock()
	os.Exit(code)
}

// mailpitBinary finds mailpit: $MAILPIT, then PATH, then $(go env GOPATH)/bin.
func mailpitBinary() (string, error) {
	if p := os.Getenv("MAILPIT"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("MAILPIT: %w", err)
		}
		return p, nil
	}
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p, nil
	}
	gopath, err := exec.Command("go", "env", "GOPATH").Output()
	if err == nil {
		p := filepath.Join(strings.TrimSpace(string(gopath)), "bin", "mailpit")
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", errors.New("mailpit is not installed")
}

// startMailpit returns the process's mailpit, starting it on free loopback
// ports the first time. Without mailpit the caller is skipped, except in
// CI (which installs it: .ci/run), where it fails.
func startMailpit(tb testing.TB) *mailpit {
	tb.Helper()
	shared.Lock()
	defer shared.Unlock()
	if shared.mp != nil {
		return shared.mp
	}
	bin, err := mailpitBinary()
	if err != nil {
		const install = "go install github.com/axllent/mailpit@v1.33.1"
		if os.Getenv("CI") != "" {
			tb.Fatalf("%v; .ci/run installs it with %s", err, install)
		}
		tb.Skipf("%v: %s (or set MAILPIT; bench/run-delivery.sh does)", err, install)
	}
	dir, err := os.MkdirTemp("", "bench-mailpit-")
	if err != nil {
		tb.Fatal(err)
	}
	smtpAddr, apiAddr := freeAddr(tb), freeAddr(tb)
	host, port, _ := net.SplitHostPort(smtpAddr)
	mp := &mailpit{host: host, api: apiAddr, dir: dir, out: &syncbuf.Buffer{Max: 64 << 10}}
	mp.port, _ = strconv.Atoi(port)
	mp.cmd = exec.Command(bin, "--smtp", smtpAddr, "--listen", apiAddr,
		"--database", filepath.Join(dir, "mailpit.db"),
		"--smtp-auth-accept-any", "--smtp-auth-allow-insecure", "--max", "0",
		"--disable-version-check", "--smtp-disable-rdns")
	mp.cmd.Stdout, mp.cmd.Stderr = mp.out, mp.out
	if err := mp.cmd.Start(); err != nil {
		os.RemoveAll(dir)
		tb.Fatalf("start mailpit: %v", err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		if _, err := mp.total(); err == nil {
			break
		}
		if time.Now().After(deadline) {
			mp.stop()
			tb.Fatalf("mailpit did not answer within 15s:\n%s", mp.out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	shared.mp = mp
	return mp
}

func (mp *mailpit) stop() {
	mp.cmd.Process.Kill()
	mp.cmd.Wait()
	os.RemoveAll(mp.dir)
}

func freeAddr(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// call calls the REST API and decodes its JSON answer into out, if set.
func (mp *mailpit) call(method, path string, out any) error {
	req, err := http.NewRequest(method, "http://"+mp.api+path, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		body, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("mailpit %s %s: %s %s", method, path, resp.Status, body)
	}
	if out == nil {
		_, err = io.Copy(io.Discard, resp.Body)
		return err
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// total is how many messages mailpit holds.
func (mp *mailpit) total() (int, error) {
	var page struct{ Total int }
	err := mp.call(http.MethodGet, "/api/v1/messages?limit=1", &page)
	return page.Total, err
}

// clear deletes every message, so that each run of a figure or baseline
// starts from an empty server.
func (mp *mailpit) clear(tb testing.TB) {
	tb.Helper()
	if err := mp.call(http.MethodDelete, "/api/v1/messages", nil); err != nil {
		tb.Fatal(err)
	}
	if n, err := mp.total(); err != nil || n != 0 {
		tb.Fatalf("mailpit after delete: got %d messages (%v), want 0", n, err)
	}
}

// expect fails unless mailpit holds n messages. A message is counted once
// the server has answered 250 to it, which is before this is called.
func (mp *mailpit) expect(tb testing.TB, n int) {
	tb.Helper()
	got, err := mp.total()
	if err != nil {
		tb.Fatal(err)
	}
	if got != n {
		tb.Fatalf("mailpit holds %d messages, want %d", got, n)
	}
}

// raw returns every message mailpit holds, as received, by Message-ID.
func (mp *mailpit) raw(tb testing.TB) map[string][]byte {
	tb.Helper()
	var page struct {
		Total    int
		Messages []struct{ ID, MessageID string }
	}
	if err := mp.call(http.MethodGet, "/api/v1/messages?limit=1000", &page); err != nil {
		tb.Fatal(err)
	}
	if page.Total != len(page.Messages) {
		tb.Fatalf("mailpit holds %d messages but listed %d", page.Total, len(page.Messages))
	}
	out := map[string][]byte{}
	for _, m := range page.Messages {
		resp, err := http.Get("http://" + mp.api + "/api/v1/message/" + m.ID + "/raw")
		if err != nil {
			tb.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			tb.Fatalf("raw message %s: %s %v", m.ID, resp.Status, err)
		}
		if _, dup := out[m.MessageID]; dup {
			tb.Fatalf("Message-ID %s arrived twice", m.MessageID)
		}
		out[m.MessageID] = body
	}
	return out
}
