package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/internal/syncbuf"
)

// mailpit is a real SMTP server with a REST API, started for one test.
type mailpit struct {
	smtp, api string
}

// startMailpit runs mailpit on free loopback ports. CI installs it (see
// .ci/run) and there its absence fails the test; elsewhere it is skipped
// with the command that installs it.
func startMailpit(t *testing.T, chaos bool) *mailpit {
	t.Helper()
	bin, err := exec.LookPath("mailpit")
	if err != nil {
		gobin, _ := exec.Command("go", "env", "GOPATH").Output()
		candidate := filepath.Join(strings.TrimSpace(string(gobin)), "bin", "mailpit")
		if _, statErr := os.Stat(candidate); statErr == nil {
			bin, err = candidate, nil
		}
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("mailpit is not installed; .ci/run installs it with go install github.com/axllent/mailpit@v1.33.1")
		}
		t.Skip("mailpit is not installed: go install github.com/axllent/mailpit@v1.33.1 (CI runs this test)")
	}
	m := &mailpit{smtp: freeAddr(t), api: freeAddr(t)}
	args := []string{"--smtp", m.smtp, "--listen", m.api, "--database", filepath.Join(t.TempDir(), "mailpit.db"),
		"--smtp-auth-accept-any", "--smtp-auth-allow-insecure", "--max", "0", "--disable-version-check"}
	if chaos {
		args = append(args, "--enable-chaos")
	}
	cmd := exec.Command(bin, args...)
	var out syncbuf.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	until(t, 15*time.Second, "mailpit to answer", func() bool {
		resp, err := http.Get("http://" + m.api + "/api/v1/info")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	})
	return m
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// chaos makes mailpit answer that share of MAIL FROM commands with 451.
func (m *mailpit) chaos(t *testing.T, percent int) {
	t.Helper()
	body := fmt.Sprintf(`{"Sender":{"ErrorCode":451,"Probability":%d}}`, percent)
	req, _ := http.NewRequest(http.MethodPut, "http://"+m.api+"/api/v1/chaos", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("mailpit chaos: %s", resp.Status)
	}
}

type mailpitMessage struct {
	ID        string
	MessageID string
	Subject   string
	To        []struct{ Address string }
}

// messages lists every message mailpit received. Mailpit stores a message
// a moment after accepting it, so the list is read until it holds as many
// messages as the count says, twice in a row.
func (m *mailpit) messages(t *testing.T) []mailpitMessage {
	t.Helper()
	var last []mailpitMessage
	for try := 0; try < 50; try++ {
		resp, err := http.Get("http://" + m.api + "/api/v1/messages?limit=5000")
		if err != nil {
			t.Fatal(err)
		}
		var page struct {
			Total    int
			Messages []mailpitMessage
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if page.Total == len(page.Messages) && last != nil && len(last) == len(page.Messages) {
			return page.Messages
		}
		last = page.Messages
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("mailpit's list of messages did not settle")
	return nil
}

// emailChannel is the channels section that sends to mailpit.
func (m *mailpit) emailChannel() string {
	host, port, _ := net.SplitHostPort(m.smtp)
	return fmt.Sprintf("channels:\n  email:\n    host: %s\n    port: %s\n    tls: none\n    from: \"UBND xã Quảng Thành <ubnd@quangthanh.example.vn>\"\n    connections: 2\n    rate: 200/s\n", host, port)
}

// TestMailpitBurstWithTemporaryFailures delivers a burst through a real SMTP
// server that answers 451 to 40 % of senders: every message arrives, once.
func TestMailpitBurstWithTemporaryFailures(t *testing.T) {
	mp := startMailpit(t, true)
	mp.chaos(t, 40)
	dir := t.TempDir()
	const units = 40
	var b strings.Builder
	fmt.Fprintf(&b, "service:\n  data_dir: %s\n  quiet_hours: \"\"\n", filepath.Join(dir, "data"))
	b.WriteString(mp.emailChannel())
	b.WriteString("units:\n")
	for i := range units {
		fmt.Fprintf(&b, "  u%d: {name: Đơn vị %d, contacts: [{email: u%d@example.vn}]}\n", i, i, i)
	}
	b.WriteString("plans:\n  - id: p\n    title: Kế hoạch thử\n    year: 2019\n    owner: u0\n    tasks:\n")
	for i := range units {
		fmt.Fprintf(&b, "      - {id: t%d, title: Việc %d, lead: [u%d], on: \"14/11 08:00\", remind: [{at: start}]}\n", i, i, i)
	}
	config := filepath.Join(dir, "nhacviec.yaml")
	os.WriteFile(config, []byte(b.String()), 0o644)

	// A rehearsal with --deliver sends for real on a fast clock, so the
	// retries' backoff (a minute, doubling) passes in seconds.
	p := startDaemon(t, config, "--rehearse", "14/11/2019 07:59", "--speed", "7200", "--until", "14/11/2019 14:00", "--deliver")
	if code := p.wait(t, 90*time.Second); code != 0 {
		t.Fatalf("got exit code %d, want 0; stderr:\n%s", code, p.stderr)
	}
	if !strings.Contains(p.stderr.String(), "451") {
		t.Errorf("the log shows no 451: was chaos on?\n%s", p.stderr)
	}
	msgs := mp.messages(t)
	seen := map[string]int{}
	for _, m := range msgs {
		seen[m.MessageID]++
	}
	if len(msgs) != units || len(seen) != units {
		t.Errorf("mailpit got %d messages with %d distinct Message-IDs, want %d and %d", len(msgs), len(seen), units, units)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("Message-ID %s arrived %d times, want once", id, n)
		}
	}
}

// TestMailpitTestSend checks test-send reports a delivery to a real server.
func TestMailpitTestSend(t *testing.T) {
	mp := startMailpit(t, false)
	dir := t.TempDir()
	config := filepath.Join(dir, "nhacviec.yaml")
	cfg := fmt.Sprintf("service:\n  data_dir: %s\n", filepath.Join(dir, "data")) + mp.emailChannel() + `units:
  hlhpn: {name: Hội Liên hiệp Phụ nữ xã, contacts: [{name: Chị Lan, email: hlhpn@example.vn}, {name: Chị Hoa, email: hoa@example.vn}]}
plans:
  - {id: p, title: P, year: 2019, owner: hlhpn, tasks: [{id: t, title: T, lead: [hlhpn], on: "14/11 08:00"}]}
`
	os.WriteFile(config, []byte(cfg), 0o644)
	out, err := exec.Command(binary(t), "test-send", "-c", config, "--unit", "hlhpn").CombinedOutput()
	if err != nil {
		t.Fatalf("test-send: %v\n%s", err, out)
	}
	for _, addr := range []string{"hlhpn@example.vn", "hoa@example.vn"} {
		if !strings.Contains(string(out), "email "+addr+": đã gửi") {
			t.Errorf("test-send output lacks a delivery to %s:\n%s", addr, out)
		}
	}
	if n := len(mp.messages(t)); n != 2 {
		t.Errorf("mailpit got %d messages, want 2", n)
	}
	// A server that is gone: exit code 3 and a temporary failure per address.
	mp2 := &mailpit{smtp: freeAddr(t)}
	os.WriteFile(config, []byte(strings.Replace(cfg, mp.emailChannel(), mp2.emailChannel(), 1)), 0o644)
	cmd := exec.Command(binary(t), "test-send", "-c", config, "--unit", "hlhpn")
	out, _ = cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != exitRuntime {
		t.Errorf("test-send to a closed port: got exit code %d, want %d\n%s", code, exitRuntime, out)
	}
	if !strings.Contains(string(out), "lỗi tạm thời") {
		t.Errorf("test-send to a closed port does not say the failure is temporary:\n%s", out)
	}
}
