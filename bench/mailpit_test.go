package bench

import (
	"bytes"
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

// latencyProxy stands between a client and a server on loopback and
// delays every chunk of data by delay in each direction, in order: a
// mail server in the province, delay away, instead of one on this
// machine. Each connection it accepts it forwards on a connection of its
// own to the server. The test's cleanup closes it and every connection.
type latencyProxy struct {
	host   string // where clients connect
	port   int
	target string // the server's host:port
	delay  time.Duration
	ln     net.Listener
	wg     sync.WaitGroup

	mu    sync.Mutex
	conns map[net.Conn]bool // open, on either side
}

// startProxy listens on a free loopback port and forwards to target with
// delay each way.
func startProxy(tb testing.TB, target string, delay time.Duration) *latencyProxy {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := ln.Addr().(*net.TCPAddr)
	p := &latencyProxy{host: addr.IP.String(), port: addr.Port, target: target, delay: delay, ln: ln,
		conns: map[net.Conn]bool{}}
	p.wg.Go(p.serve)
	tb.Cleanup(p.close)
	return p
}

func (p *latencyProxy) serve() {
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return // closed
		}
		p.wg.Go(func() { p.forward(client) })
	}
}

// forward dials the server for client and copies each way until both
// sides have finished, then closes both connections.
func (p *latencyProxy) forward(client net.Conn) {
	server, err := net.Dial("tcp", p.target)
	if err != nil {
		client.Close()
		return
	}
	if !p.track(client, server) {
		return
	}
	var wg sync.WaitGroup
	wg.Go(func() { p.copy(server, client) })
	wg.Go(func() { p.copy(client, server) })
	wg.Wait()
	p.untrack(client, server)
}

// copy reads src and writes each chunk read to dst once delay has passed
// since it was read, in order: a reader queues the chunks with their due
// time, a writer waits for each. At the end of src, dst is half-closed; a
// write that fails closes both, which ends the reader.
func (p *latencyProxy) copy(dst, src net.Conn) {
	type chunk struct {
		due  time.Time
		data []byte
	}
	queue := make(chan chunk, 1024)
	go func() {
		defer close(queue)
		buf := make([]byte, 64<<10)
		for {
			n, err := src.Read(buf)
			if n > 0 {
				queue <- chunk{time.Now().Add(p.delay), bytes.Clone(buf[:n])}
			}
			if err != nil {
				return
			}
		}
	}()
	for c := range queue {
		time.Sleep(time.Until(c.due))
		if _, err := dst.Write(c.data); err != nil {
			dst.Close()
			src.Close()
			for range queue { // until the reader fails
			}
			return
		}
	}
	if tc, ok := dst.(*net.TCPConn); ok {
		tc.CloseWrite()
	}
}

// track records a pair of connections so that close can end them; false
// if the proxy is closed already (and the pair with it).
func (p *latencyProxy) track(a, b net.Conn) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.conns == nil {
		a.Close()
		b.Close()
		return false
	}
	p.conns[a], p.conns[b] = true, true
	return true
}

func (p *latencyProxy) untrack(a, b net.Conn) {
	a.Close()
	b.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.conns, a)
	delete(p.conns, b)
}

// close stops accepting, closes every connection and waits for the
// forwarding to end.
func (p *latencyProxy) close() {
	p.ln.Close()
	p.mu.Lock()
	for c := range p.conns {
		c.Close()
	}
	p.conns = nil
	p.mu.Unlock()
	p.wg.Wait()
}

// TestLatencyProxy checks the email figure's proxy: what goes through
// comes back whole and in order, each way delayed by the proxy's delay,
// so that a round trip takes twice that at least.
func TestLatencyProxy(t *testing.T) {
	const delay = 20 * time.Millisecond
	echo, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer echo.Close()
	go func() {
		for {
			c, err := echo.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				io.Copy(c, c)
			}()
		}
	}()
	p := startProxy(t, echo.Addr().String(), delay)
	c, err := net.Dial("tcp", net.JoinHostPort(p.host, strconv.Itoa(p.port)))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))

	// One line, there and back: two delays at least.
	start := time.Now()
	if _, err := io.WriteString(c, "NOOP\r\n"); err != nil {
		t.Fatal(err)
	}
	line := make([]byte, 6)
	if _, err := io.ReadFull(c, line); err != nil || string(line) != "NOOP\r\n" {
		t.Fatalf("got %q (%v), want NOOP back", line, err)
	}
	if rtt := time.Since(start); rtt < 2*delay {
		t.Errorf("a round trip took %v, want at least %v", rtt, 2*delay)
	}

	// Many writes in a row: the bytes come back whole and in order, and
	// a delay is paid once for them all, not once per write.
	var want bytes.Buffer
	for i := range 2000 {
		fmt.Fprintf(&want, "RCPT TO:<unit-%d@example.vn>\r\n", i)
	}
	done := make(chan error, 1)
	go func() {
		data := want.Bytes()
		for len(data) > 0 {
			n := min(len(data), 100)
			if _, err := c.Write(data[:n]); err != nil {
				done <- err
				return
			}
			data = data[n:]
		}
		done <- nil
	}()
	start = time.Now()
	got := make([]byte, want.Len())
	if _, err := io.ReadFull(c, got); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Error("the bytes came back changed or out of order")
	}
	if took := time.Since(start); took > 100*delay {
		t.Errorf("%d writes took %v: the delays added up instead of overlapping", want.Len()/100, took)
	}
}
