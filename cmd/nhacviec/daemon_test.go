package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/internal/syncbuf"
	"github.com/nhacviec/nhacviec/notify/outbox"
	"github.com/nhacviec/nhacviec/store"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds nhacviec once for the tests that run it as a process.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "nhacviec-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "nhacviec")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

var hcm, _ = time.LoadLocation("Asia/Ho_Chi_Minh")

// burstConfig writes a configuration whose n units each have a reminder
// that fell due a few minutes ago: the daemon sends them all at start.
func burstConfig(t *testing.T, dir string, n int, extra string) string {
	t.Helper()
	now := time.Now().In(hcm)
	due := now.Add(-5 * time.Minute).Format("02/01/2006 15:04:05")
	var b strings.Builder
	fmt.Fprintf(&b, "service:\n  data_dir: %s\n  quiet_hours: \"\"\n  listen: 127.0.0.1:0\nunits:\n", filepath.Join(dir, "data"))
	for i := range n {
		fmt.Fprintf(&b, "  u%d: {name: Đơn vị %d, contacts: [{email: u%d@example.vn}]}\n", i, i, i)
	}
	fmt.Fprintf(&b, "plans:\n  - id: p\n    title: Kế hoạch thử\n    year: %d\n    owner: u0\n    tasks:\n", now.Year())
	for i := range n {
		fmt.Fprintf(&b, "      - {id: t%d, title: Việc %d, lead: [u%d], on: \"%s\", remind: [{at: start}]}\n", i, i, i, due)
	}
	b.WriteString(extra)
	path := filepath.Join(dir, "nhacviec.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// daemonProc is a running nhacviec run.
type daemonProc struct {
	cmd    *exec.Cmd
	stderr *syncbuf.Buffer
	done   chan error
}

func startDaemon(t *testing.T, config string, args ...string) *daemonProc {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"run", "-c", config}, args...)...)
	p := &daemonProc{cmd: cmd, stderr: &syncbuf.Buffer{}, done: make(chan error, 1)}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// wait waits for the process to exit and returns its exit code.
func (p *daemonProc) wait(t *testing.T, limit time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(limit):
		t.Fatalf("nhacviec did not exit within %s; stderr:\n%s", limit, p.stderr)
		return -1
	}
}

// journal reads the outbox journal: message id → how many times written.
func journal(t *testing.T, dataDir string) (map[string]int, int) {
	t.Helper()
	f, err := os.Open(filepath.Join(dataDir, "outbox", outbox.JournalName))
	if os.IsNotExist(err) {
		return map[string]int{}, 0
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	counts, lines := map[string]int{}, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) != 5 {
			continue // a line cut by a kill
		}
		counts[fields[3]]++
		lines++
	}
	return counts, lines
}

// until polls cond every 20 ms for at most limit.
func until(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", limit, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestKillDuringBurst kills the daemon with SIGKILL in the middle of a burst
// several times: in the end every notification is delivered, and at most
// one per kill twice.
func TestKillDuringBurst(t *testing.T) {
	dir := t.TempDir()
	const units, kills = 120, 3
	config := burstConfig(t, dir, units, "")
	data := filepath.Join(dir, "data")
	for k := range kills {
		p := startDaemon(t, config)
		_, before := journal(t, data)
		until(t, 30*time.Second, "some messages of the burst", func() bool {
			_, n := journal(t, data)
			return n >= before+10+k*7
		})
		p.cmd.Process.Signal(syscall.SIGKILL)
		p.wait(t, 10*time.Second)
	}
	_, killedAt := journal(t, data)
	if killedAt >= units {
		t.Fatalf("the burst was over (%d writes) before the last kill: make it longer", killedAt)
	}
	p := startDaemon(t, config)
	until(t, 60*time.Second, "every message", func() bool {
		counts, _ := journal(t, data)
		return len(counts) >= units
	})
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t, 15*time.Second); code != 0 {
		t.Fatalf("after SIGTERM: got exit code %d, want 0; stderr:\n%s", code, p.stderr)
	}
	counts, lines := journal(t, data)
	if len(counts) != units {
		t.Errorf("got %d distinct messages, want %d", len(counts), units)
	}
	if dups := lines - len(counts); dups > kills {
		t.Errorf("got %d duplicates after %d kills, want at most %d", dups, kills, kills)
	}
	// Every delivery record is final and sent.
	db, err := store.Open(filepath.Join(data, "nhacviec.db"), store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sent := 0
	db.Deliveries(func(d store.Delivery) error {
		if d.State != store.Sent {
			t.Errorf("delivery %s: got state %s, want sent", d.Key, d.State)
		}
		sent++
		return nil
	})
	if sent != units {
		t.Errorf("got %d delivery records, want %d", sent, units)
	}
}

func TestSecondInstanceRefused(t *testing.T) {
	dir := t.TempDir()
	config := burstConfig(t, dir, 1, "")
	p := startDaemon(t, config)
	until(t, 10*time.Second, "the control socket", func() bool {
		_, err := os.Stat(filepath.Join(dir, "data", controlSocket))
		return err == nil
	})
	start := time.Now()
	second := startDaemon(t, config)
	if code := second.wait(t, 10*time.Second); code != exitRuntime {
		t.Errorf("second instance: got exit code %d, want %d", code, exitRuntime)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("second instance took %s to give up, want at once", d)
	}
	dbPath := filepath.Join(dir, "data", "nhacviec.db")
	if msg := second.stderr.String(); !strings.Contains(msg, dbPath) || !strings.Contains(msg, "một phiên bản") {
		t.Errorf("second instance said %q, want the store's path and the one-instance rule", msg)
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t, 15*time.Second); code != 0 {
		t.Errorf("first instance after SIGTERM: got exit code %d, want 0", code)
	}
}

// TestBrokenReloadKeepsPlan breaks the file under a running daemon: the old
// plan goes on; then a valid edit is picked up from the file change alone.
func TestBrokenReloadKeepsPlan(t *testing.T) {
	dir := t.TempDir()
	soon := time.Now().In(hcm).Add(4 * time.Second).Format("02/01/2006 15:04:05")
	later := time.Now().In(hcm).Add(6 * time.Second).Format("02/01/2006 15:04:05")
	task := func(id, on string) string {
		return fmt.Sprintf("      - {id: %s, title: Việc, lead: [u0], on: \"%s\", remind: [{at: start}]}\n", id, on)
	}
	config := burstConfig(t, dir, 1, task("soon", soon))
	data := filepath.Join(dir, "data")
	p := startDaemon(t, config)
	until(t, 10*time.Second, "the first burst", func() bool { c, _ := journal(t, data); return len(c) == 1 })

	good, _ := os.ReadFile(config)
	if err := os.WriteFile(config, append(good, []byte("      - {id: broken, title: X, lead: [nobody], on: \"31/02/2019\"}\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	until(t, 10*time.Second, "the refused reload in the log", func() bool {
		return strings.Contains(p.stderr.String(), "reload refused")
	})
	until(t, 15*time.Second, "the old plan's next message", func() bool { c, _ := journal(t, data); return len(c) == 2 })

	if err := os.WriteFile(config, append(good, []byte(task("added", later))...), 0o644); err != nil {
		t.Fatal(err)
	}
	until(t, 15*time.Second, "the added task's message", func() bool { c, _ := journal(t, data); return len(c) == 3 })
	if !strings.Contains(p.stderr.String(), "msg=reloaded") {
		t.Errorf("the log does not show the good reload:\n%s", p.stderr)
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t, 15*time.Second); code != 0 {
		t.Errorf("after SIGTERM: got exit code %d, want 0", code)
	}

	// The history holds the file as the daemon started on it and as the
	// good reload found it, both by the disk; the refused edit is not a
	// version.
	db, err := store.Open(filepath.Join(data, "nhacviec.db"), store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	vs, err := db.Versions("nhacviec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	last, _ := os.ReadFile(config)
	if len(vs) != 2 || vs[0].Who != store.DiskAuthor || vs[1].Who != store.DiskAuthor ||
		!bytes.Equal(vs[1].Text, good) || !bytes.Equal(vs[0].Text, last) || !strings.Contains(vs[0].Diff, "+      - {id: added") {
		t.Errorf("history after a start, a refused and a good reload: got %d versions, want the started file and the reloaded one by %q", len(vs), store.DiskAuthor)
		for _, v := range vs {
			t.Logf("version %d by %s:\n%s", v.N, v.Who, v.Diff)
		}
	}
}

func TestStatusAndBackup(t *testing.T) {
	dir := t.TempDir()
	config := burstConfig(t, dir, 3, "")
	data := filepath.Join(dir, "data")
	p := startDaemon(t, config)
	until(t, 10*time.Second, "the burst", func() bool { c, _ := journal(t, data); return len(c) == 3 })
	status := func() map[string]any {
		out, err := exec.Command(binary(t), "status", "-c", config, "--format", "json").Output()
		if err != nil {
			t.Fatalf("status: %v", err)
		}
		var rep map[string]any
		if err := json.Unmarshal(out, &rep); err != nil {
			t.Fatalf("status json: %v\n%s", err, out)
		}
		return rep
	}
	if rep := status(); rep["running"] != true || len(rep["rows"].([]any)) != 3 {
		t.Errorf("status while running: got running=%v and %d rows, want true and 3", rep["running"], len(rep["rows"].([]any)))
	}
	backup := filepath.Join(dir, "backup.db")
	if out, err := exec.Command(binary(t), "backup", "-c", config, backup).CombinedOutput(); err != nil {
		t.Fatalf("backup while running: %v\n%s", err, out)
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	p.wait(t, 15*time.Second)
	if rep := status(); rep["running"] != false {
		t.Errorf("status after stop: got running=%v, want false", rep["running"])
	}
	db, err := store.Open(backup, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("the backup does not open: %v", err)
	}
	defer db.Close()
	n := 0
	db.Deliveries(func(store.Delivery) error { n++; return nil })
	if n != 3 {
		t.Errorf("the backup holds %d deliveries, want 3", n)
	}
}

// TestBadStore: a store that is corrupt or from a newer nhacviec stops run,
// status and backup with exit code 3 and a message saying what to do.
func TestBadStore(t *testing.T) {
	dir := t.TempDir()
	config := burstConfig(t, dir, 1, "")
	data := filepath.Join(dir, "data")
	os.MkdirAll(data, 0o750)
	garbage := bytes.Repeat([]byte("không phải cơ sở dữ liệu "), 2000)
	if err := os.WriteFile(filepath.Join(data, "nhacviec.db"), garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"run", "-c", config}, {"status", "-c", config}, {"backup", "-c", config, filepath.Join(dir, "b.db")}} {
		cmd := exec.Command(binary(t), args...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		cmd.Run()
		if code := cmd.ProcessState.ExitCode(); code != exitRuntime {
			t.Errorf("%s on a corrupt store: got exit code %d, want %d", args[0], code, exitRuntime)
		}
		if !strings.Contains(stderr.String(), "bị hỏng") || !strings.Contains(stderr.String(), "nhacviec backup") {
			t.Errorf("%s on a corrupt store said %q, want that it is corrupt and how to restore", args[0], stderr.String())
		}
		if strings.Contains(stderr.String(), "panic") {
			t.Errorf("%s panicked:\n%s", args[0], stderr.String())
		}
	}
}

// TestServiceUnit checks the systemd unit has the hardening and the
// behaviour SPEC §8 asks for.
func TestServiceUnit(t *testing.T) {
	data, err := os.ReadFile("../../deploy/nhacviec.service")
	if err != nil {
		t.Fatal(err)
	}
	unit := string(data)
	for _, want := range []string{
		"Type=notify", "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure", "StateDirectory=nhacviec",
		"ProtectSystem=strict", "NoNewPrivileges=yes", "ExecStart=/usr/local/bin/nhacviec run -c /etc/nhacviec/nhacviec.yaml",
	} {
		if !strings.Contains(unit, "\n"+want+"\n") {
			t.Errorf("deploy/nhacviec.service lacks the line %q", want)
		}
	}
}

// TestReadyNotification checks the daemon tells systemd it is ready
// (Type=notify) once the scheduler runs, and that it is stopping.
func TestReadyNotification(t *testing.T) {
	dir := t.TempDir()
	config := burstConfig(t, dir, 1, "")
	sock := filepath.Join(dir, "notify.sock")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	cmd := exec.Command(binary(t), "run", "-c", config)
	cmd.Env = append(os.Environ(), "NOTIFY_SOCKET="+sock)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	read := func() string {
		conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		buf := make([]byte, 256)
		n, err := conn.Read(buf)
		if err != nil {
			t.Fatalf("no notification from the daemon: %v", err)
		}
		return string(buf[:n])
	}
	if got := read(); got != "READY=1" {
		t.Errorf("first notification: got %q, want READY=1", got)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if got := read(); got != "STOPPING=1" {
		t.Errorf("after SIGTERM: got %q, want STOPPING=1", got)
	}
	cmd.Wait()
}

// TestAckCommand acknowledges on a unit's behalf through the running daemon,
// then on the store when it is stopped.
func TestAckCommand(t *testing.T) {
	dir := t.TempDir()
	config := burstConfig(t, dir, 2, "")
	data := filepath.Join(dir, "data")
	p := startDaemon(t, config)
	until(t, 10*time.Second, "the burst", func() bool { c, _ := journal(t, data); return len(c) == 2 })
	counts, _ := journal(t, data)
	var id string
	for k := range counts {
		id = k
	}
	ack := func(args ...string) (string, int) {
		cmd := exec.Command(binary(t), append([]string{"ack", "-c", config}, args...)...)
		out, _ := cmd.CombinedOutput()
		return string(out), cmd.ProcessState.ExitCode()
	}
	if out, code := ack(id, "--by", "Chị Lan", "--note", "gọi điện"); code != 0 || !strings.Contains(out, "Đã ghi nhận:") {
		t.Errorf("ack through the daemon: exit %d, %q; want 0 and Đã ghi nhận", code, out)
	}
	if out, code := ack(id); code != 0 || !strings.Contains(out, "Đã ghi nhận trước đó") {
		t.Errorf("second ack: exit %d, %q; want 0 and already recorded", code, out)
	}
	if out, code := ack(id, "--done"); code != exitInvalid || !strings.Contains(out, "không phải hạn báo cáo") {
		t.Errorf("ack --done of a reminder: exit %d, %q; want %d and an explanation", code, out, exitInvalid)
	}
	if out, code := ack("0123456789abcdef0123456789abcdef"); code != exitInvalid || !strings.Contains(out, "không tìm thấy") {
		t.Errorf("ack of an unknown id: exit %d, %q; want %d", code, out, exitInvalid)
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	p.wait(t, 15*time.Second)
	if out, code := ack(id); code != 0 || !strings.Contains(out, "Đã ghi nhận trước đó") {
		t.Errorf("ack on the store: exit %d, %q; want 0 and already recorded", code, out)
	}
	db, err := store.Open(filepath.Join(data, "nhacviec.db"), store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var acks []store.Ack
	db.Acks(func(a store.Ack) error { acks = append(acks, a); return nil })
	if len(acks) != 1 || acks[0].By != "Chị Lan" || acks[0].Via != "cli" || acks[0].Note != "gọi điện" {
		t.Errorf("got acks %+v, want one by Chị Lan via cli", acks)
	}
}

// TestListenNeedsPassword: run refuses a non-loopback listen address
// without an admin password.
func TestListenNeedsPassword(t *testing.T) {
	dir := t.TempDir()
	config := burstConfig(t, dir, 1, "")
	data, _ := os.ReadFile(config)
	os.WriteFile(config, bytes.Replace(data, []byte("listen: 127.0.0.1:0"), []byte("listen: 0.0.0.0:0"), 1), 0o644)
	p := startDaemon(t, config)
	if code := p.wait(t, 10*time.Second); code != exitInvalid {
		t.Errorf("got exit code %d, want %d", code, exitInvalid)
	}
	if msg := p.stderr.String(); !strings.Contains(msg, "admin_password_file") || !strings.Contains(msg, "nhacviec passwd") {
		t.Errorf("run said %q, want how to set an admin password", msg)
	}
}

// TestMetricsAndDashboard reads /metrics and the dashboard of a running
// daemon, from this machine (no password needed on loopback).
func TestMetricsAndDashboard(t *testing.T) {
	dir := t.TempDir()
	config := burstConfig(t, dir, 3, "")
	data := filepath.Join(dir, "data")
	p := startDaemon(t, config)
	until(t, 10*time.Second, "the burst", func() bool { c, _ := journal(t, data); return len(c) == 3 })
	var addr string
	until(t, 10*time.Second, "the web address in the log", func() bool {
		m := regexp.MustCompile(`msg="web pages" listen=(127\.0\.0\.1:\d+)`).FindStringSubmatch(p.stderr.String())
		if m != nil {
			addr = m[1]
		}
		return m != nil
	})
	get := func(path string) string {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s: %s\n%s", path, resp.Status, body)
		}
		return string(body)
	}
	metrics := get("/metrics")
	// No mail server: the 3 reminders went to the outbox, and say so.
	for _, series := range []string{`nhacviec_notifications_total{channel="email",kind="reminder",result="outbox"} 3`,
		`nhacviec_notifications_total{channel="email",kind="reminder",result="sent"} 0`, `nhacviec_outbox_total{channel="email"} 3`} {
		if !strings.Contains(metrics, series) {
			t.Errorf("/metrics lacks %s:\n%s", series, grepLines(metrics, "nhacviec_"))
		}
	}
	if log := p.stderr.String(); !strings.Contains(log, `msg="channel not configured: its messages are only written to the outbox, not sent" channel=email units=u0,u1,u2`) {
		t.Errorf("run did not say at start that email is not configured:\n%s", log)
	}
	if log := p.stderr.String(); strings.Count(log, `msg="written to the outbox, not sent"`) != 3 || strings.Contains(log, "msg=sent") {
		t.Errorf("want 3 messages logged as written to the outbox, none as sent:\n%s", log)
	}
	for _, series := range []string{"nhacviec_last_reload_success 1", "nhacviec_next_due_timestamp_seconds", "nhacviec_overdue_items"} {
		if !strings.Contains(metrics, series) {
			t.Errorf("/metrics lacks %s", series)
		}
	}
	page := get("/")
	if !strings.Contains(page, "Kế hoạch thử") {
		t.Errorf("the dashboard does not name the plan")
	}
	if !regexp.MustCompile(`<b>0</b>tin đã gửi</li>\s*<li class="s-outbox"><b>3</b>tin chỉ ghi vào hộp thư đi`).MatchString(page) {
		t.Errorf("the dashboard does not show the 3 messages as outbox, not sent:\n%s", grepLines(page, "summary"))
	}
	if body := get("/healthz"); !strings.HasPrefix(body, "ok") {
		t.Errorf("/healthz: got %q, want ok", body)
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	p.wait(t, 15*time.Second)
}

func grepLines(s, substr string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, substr) && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestStatusBeforeFirstRun: status on a daemon that never ran shows the
// plan with nothing sent, instead of failing on the missing store.
func TestStatusBeforeFirstRun(t *testing.T) {
	dir := t.TempDir()
	soon := time.Now().In(hcm).Add(48 * time.Hour).Format("02/01/2006 15:04")
	config := burstConfig(t, dir, 1, fmt.Sprintf("      - {id: later, title: Sau, lead: [u0], on: \"%s\", remind: [{at: start}]}\n", soon))
	out, err := exec.Command(binary(t), "status", "-c", config, "--format", "json").Output()
	if err != nil {
		t.Fatalf("status before the first run: %v", err)
	}
	var rep struct {
		Running bool
		Next    []struct{ Task string }
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Running || len(rep.Next) == 0 || rep.Next[0].Task != "later" {
		t.Errorf("got running=%v next=%v, want not running and the task to come", rep.Running, rep.Next)
	}
}
