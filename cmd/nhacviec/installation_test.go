package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/internal/syncbuf"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// outcome is how an in-process command ended.
type outcome struct {
	code    int
	started bool // the daemon got as far as sending (and was then stopped)
	stdout  string
	stderr  string
}

// runInProcess runs nhacviec args in this process. A daemon that starts
// (it logs "nhacviec started") is stopped as SIGTERM would: a command
// that must refuse to start shows started=true.
func runInProcess(t *testing.T, args ...string) outcome {
	t.Helper()
	return runInProcessUntil(t, func() bool { return true }, args...)
}

// runInProcessUntil is runInProcess, but a daemon that starts is stopped
// only once ready returns true.
func runInProcessUntil(t *testing.T, ready func() bool, args ...string) outcome {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncbuf.Buffer
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, args, &env{stdout: &stdout, stderr: &stderr, getenv: os.Getenv, now: time.Now})
	}()
	started := false
	deadline := time.After(30 * time.Second)
	for {
		select {
		case code := <-done:
			return outcome{code, started, stdout.String(), stderr.String()}
		case <-deadline:
			t.Fatalf("nhacviec %s did not end within 30 s; stderr:\n%s", strings.Join(args, " "), stderr.String())
		case <-time.After(20 * time.Millisecond):
			if !started && strings.Contains(stderr.String(), `msg="nhacviec started"`) {
				started = true
			}
			if started && ctx.Err() == nil && ready() {
				cancel()
			}
		}
	}
}

// installation makes a data_dir in which the daemon has run once: its
// store records a sent message, its secret signs the link.
func installation(t *testing.T, extra string) (config, data string) {
	t.Helper()
	dir := t.TempDir()
	config = burstConfig(t, dir, 1, extra)
	data = filepath.Join(dir, "data")
	sent := func() bool { c, _ := journal(t, data); return len(c) == 1 }
	if o := runInProcessUntil(t, sent, "run", "-c", config); !o.started || o.code != exitOK {
		t.Fatalf("first run: got exit %d (started %v), want a daemon that starts and stops with 0; stderr:\n%s", o.code, o.started, o.stderr)
	}
	if !sent() {
		t.Fatal("the first run stopped before sending its message")
	}
	return config, data
}

func fileSize(path string) int64 {
	info, err := os.Stat(path)
	if err != nil {
		return -1
	}
	return info.Size()
}

// TestRunRefusesLostStore: in a data_dir where the daemon has run, a
// missing or empty store is not made anew (every acknowledgement lost, up
// to catchup of messages sent again) unless --new-store says so; a new
// installation starts as it always did.
func TestRunRefusesLostStore(t *testing.T) {
	for _, tc := range []struct {
		name    string
		prepare func(t *testing.T, data string)
		args    []string
		lang    string
		refused bool
		wants   []string
	}{
		{name: "empty store, secret present", prepare: func(t *testing.T, data string) {
			os.WriteFile(storePath(data), nil, 0o600)
		}, refused: true, wants: []string{"không có hoặc rỗng", "--new-store", "secret"}},
		{name: "missing store, secret present", prepare: func(t *testing.T, data string) {
			os.Remove(storePath(data))
		}, refused: true, wants: []string{"khôi phục bản sao lưu", "--new-store"}},
		{name: "missing store, in English", prepare: func(t *testing.T, data string) {
			os.Remove(storePath(data))
		}, lang: "en", refused: true, wants: []string{"missing or empty", "Restore the last backup", "--new-store"}},
		{name: "missing store and secret, a sent journal left", prepare: func(t *testing.T, data string) {
			os.Remove(storePath(data))
			os.Remove(filepath.Join(data, ack.SecretFile))
			os.WriteFile(store.JournalPath(storePath(data)), []byte(`{"key":"x/email"}`+"\n"), 0o600)
		}, refused: true, wants: []string{store.JournalPath(storePath(data0)), "--new-store"}},
		{name: "missing store and secret, the socket of a dead daemon left", prepare: func(t *testing.T, data string) {
			os.Remove(storePath(data))
			os.Remove(filepath.Join(data, ack.SecretFile))
			os.WriteFile(filepath.Join(data, controlSocket), nil, 0o600)
		}, refused: true, wants: []string{controlSocket}},
		{name: "missing store, secret present, --new-store", prepare: func(t *testing.T, data string) {
			os.Remove(storePath(data))
		}, args: []string{"--new-store"}},
		{name: "a new installation after a rehearsal and a test-send", prepare: func(t *testing.T, data string) {
			os.RemoveAll(data)
			os.MkdirAll(filepath.Join(data, "rehearsal", "outbox"), 0o750)
			os.MkdirAll(filepath.Join(data, "outbox", "email"), 0o750)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			config, data := installation(t, "")
			if tc.lang != "" {
				setLanguage(t, config, tc.lang)
			}
			tc.prepare(t, data)
			secret, _ := os.ReadFile(filepath.Join(data, ack.SecretFile))
			sizeBefore := fileSize(storePath(data))
			o := runInProcess(t, append([]string{"run", "-c", config}, tc.args...)...)
			if !tc.refused {
				if !o.started || o.code != exitOK {
					t.Fatalf("got exit %d (started %v), want a daemon that starts; stderr:\n%s", o.code, o.started, o.stderr)
				}
				if now, _ := os.ReadFile(filepath.Join(data, ack.SecretFile)); secret != nil && !bytes.Equal(now, secret) {
					t.Errorf("run replaced the secret")
				}
				return
			}
			if o.started || o.code != exitRuntime {
				t.Fatalf("got exit %d (started %v), want %d before starting; stderr:\n%s", o.code, o.started, exitRuntime, o.stderr)
			}
			for _, want := range append(tc.wants, storePath(data)) {
				want = strings.ReplaceAll(want, data0, data)
				if !strings.Contains(o.stderr, want) {
					t.Errorf("run said %q, want it to say %q", o.stderr, want)
				}
			}
			if got := fileSize(storePath(data)); got != sizeBefore {
				t.Errorf("the store went from %d to %d bytes, want it left alone", sizeBefore, got)
			}
		})
	}
}

// data0 stands for the test's data_dir in the wanted texts of a table.
const data0 = "\x00DATA\x00"

// setLanguage sets service.language in the configuration at path.
func setLanguage(t *testing.T, path, lang string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.Replace(b, []byte("service:\n"), []byte("service:\n  language: "+lang+"\n"), 1)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRunMissingSecret: a store without its secret is an error (every link
// and code already sent was made with the lost one), not a new secret;
// --new-secret says the operator accepts that.
func TestRunMissingSecret(t *testing.T) {
	config, data := installation(t, "")
	secretPath := filepath.Join(data, ack.SecretFile)
	os.Remove(secretPath)
	o := runInProcess(t, "run", "-c", config)
	if o.started || o.code != exitRuntime {
		t.Fatalf("got exit %d (started %v), want %d; stderr:\n%s", o.code, o.started, exitRuntime, o.stderr)
	}
	for _, want := range []string{secretPath, ".secret", "--new-secret"} {
		if !strings.Contains(o.stderr, want) {
			t.Errorf("run said %q, want it to say %q", o.stderr, want)
		}
	}
	if _, err := os.Stat(secretPath); !os.IsNotExist(err) {
		t.Errorf("run made a secret anyway (stat: %v)", err)
	}
	if o := runInProcess(t, "ack", "-c", config, "0123"); !strings.Contains(o.stderr, ".secret") {
		t.Errorf("ack on the store said %q, want the missing secret", o.stderr)
	}
	if _, err := os.Stat(secretPath); !os.IsNotExist(err) {
		t.Errorf("ack made a secret (stat: %v)", err)
	}
	if o := runInProcess(t, "run", "-c", config, "--new-secret"); !o.started || o.code != exitOK {
		t.Fatalf("--new-secret: got exit %d (started %v), want a daemon that starts; stderr:\n%s", o.code, o.started, o.stderr)
	}
	if _, err := ack.LoadSecret(data); err != nil {
		t.Errorf("after --new-secret: %v", err)
	}
}

// TestAckMakesNoStore: ack with no daemon and no store says so, and makes
// neither a store nor a secret that the next run would take for an
// installation.
func TestAckMakesNoStore(t *testing.T) {
	dir := t.TempDir()
	config := burstConfig(t, dir, 1, "")
	data := filepath.Join(dir, "data")
	os.MkdirAll(filepath.Join(data, "outbox"), 0o750) // a test-send's
	if o := runInProcess(t, "ack", "-c", config, "0123", "--unit", "u0"); o.code != exitRuntime {
		t.Errorf("ack without a store: got exit %d, want %d; stderr:\n%s", o.code, exitRuntime, o.stderr)
	}
	for _, f := range liveFiles(data) {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("ack left %s (stat: %v)", f, err)
		}
	}
}

// TestRunDamagedStore: damage to the record of what was sent stops run with
// exit 3, naming the file, instead of sending again what it covered.
func TestRunDamagedStore(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, path string)
	}{
		{"zeroed pages", func(t *testing.T, path string) {
			b, _ := os.ReadFile(path)
			clear(b[2*4096:])
			os.WriteFile(path, b, 0o600)
		}},
		{"a delivery record that does not decode", func(t *testing.T, path string) {
			patch(t, path, `"state":"sent"`, `"state":~sent"`)
		}},
		{"a retry whose payload does not decode", func(t *testing.T, path string) {
			db, err := store.Open(path, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			d := store.Delivery{ID: "0123456789abcdef0123456789abcdef", Channel: plan.ChannelEmail, Plan: "p", Kind: "reminder", Payload: []byte("\x00 damaged")}
			if _, _, err := db.Begin(d); err != nil {
				t.Fatal(err)
			}
			if err := db.Finish(store.DeliveryKey(d.ID, d.Channel), store.Retrying, "", "421", time.Now().Add(-time.Minute)); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			config, data := installation(t, "")
			path := storePath(data)
			tc.damage(t, path)
			// A damaged retry is found when the scheduler reaches it,
			// after the start: give it time rather than stopping at once.
			start := time.Now()
			o := runInProcessUntil(t, func() bool { return time.Since(start) > 5*time.Second }, "run", "-c", config)
			if o.started && o.code == exitOK {
				t.Fatalf("run went on with a damaged store; stderr:\n%s", o.stderr)
			}
			if o.code != exitRuntime {
				t.Errorf("got exit %d, want %d", o.code, exitRuntime)
			}
			if !strings.Contains(o.stderr, path) || !strings.Contains(o.stderr, "bị hỏng") || !strings.Contains(o.stderr, "nhacviec backup") {
				t.Errorf("run said %q, want the store's path, that it is damaged and how to restore", o.stderr)
			}
			if c, lines := journal(t, data); lines != 1 {
				t.Errorf("%d messages in the outbox (%v), want the first run's one only", lines, c)
			}
		})
	}
}

// patch replaces the bytes old with new, of the same length, in the file
// at path: damage inside a record, where bbolt keeps no checksum.
func patch(t *testing.T, path, old, new string) {
	t.Helper()
	if len(old) != len(new) {
		t.Fatal("patch: old and new differ in length")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("patch: %s does not hold %q", path, old)
	}
	if err := os.WriteFile(path, bytes.ReplaceAll(b, []byte(old), []byte(new)), 0o600); err != nil {
		t.Fatal(err)
	}
}
