package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRunUsage: a rehearsal asked for wrongly is a usage error (exit 2),
// never the real daemon, and touches nothing.
func TestRunUsage(t *testing.T) {
	dir := t.TempDir()
	config := burstConfig(t, dir, 1, "")
	data := filepath.Join(dir, "data")
	rehearsal := []string{"--rehearse", time.Now().In(hcm).Add(-time.Hour).Format("02/01/2006 15:04")}
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"empty --rehearse", []string{"--rehearse", ""}, "--rehearse"},
		{"empty --rehearse=", []string{"--rehearse="}, "--rehearse"},
		{"empty --rehearse with --speed", []string{"--rehearse", "", "--speed", "60"}, "--rehearse"},
		{"blank --rehearse", []string{"--rehearse", " "}, "--rehearse"},
		{"--speed NaN", append(rehearsal, "--speed", "NaN"), "--speed"},
		{"--speed Inf", append(rehearsal, "--speed", "Inf"), "--speed"},
		{"--speed +Inf", append(rehearsal, "--speed", "+Inf"), "--speed"},
		{"--speed -Inf", append(rehearsal, "--speed", "-Inf"), "--speed"},
		{"--speed 0.5", append(rehearsal, "--speed", "0.5"), "--speed"},
		{"--speed 0", append(rehearsal, "--speed", "0"), "--speed"},
		{"--speed -3600", append(rehearsal, "--speed", "-3600"), "--speed"},
		{"--speed without --rehearse", []string{"--speed", "3600"}, "--rehearse"},
		{"--until without --rehearse", []string{"--until", "20/11/2019"}, "--rehearse"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			config := burstConfig(t, dir, 1, "")
			data := filepath.Join(dir, "data")
			o := runInProcess(t, append([]string{"run", "-c", config}, tc.args...)...)
			if o.started || o.code != exitUsage {
				t.Fatalf("got exit %d (started %v), want %d; stderr:\n%s", o.code, o.started, exitUsage, o.stderr)
			}
			if !strings.Contains(o.stderr, tc.want) {
				t.Errorf("run said %q, want it to name %s", o.stderr, tc.want)
			}
			if entries, _ := os.ReadDir(data); len(entries) != 0 {
				t.Errorf("data_dir holds %d entries, want none", len(entries))
			}
		})
	}
	// --speed 1 is the slowest rehearsal, and a rehearsal.
	if o := runInProcess(t, append(append([]string{"run", "-c", config}, rehearsal...), "--speed", "1")...); !o.started || o.code != exitOK {
		t.Errorf("--speed 1: got exit %d (started %v), want a rehearsal; stderr:\n%s", o.code, o.started, o.stderr)
	}
	if _, err := os.Stat(storePath(data)); !os.IsNotExist(err) {
		t.Errorf("a rehearsal made the real store (stat: %v)", err)
	}
}

// TestSecondRehearsal: a rehearsal on a data_dir where another one runs
// stops with exit 3 before deleting anything of the first.
func TestSecondRehearsal(t *testing.T) {
	dir := t.TempDir()
	config := burstConfig(t, dir, 1, "")
	from := time.Now().In(hcm).Add(-time.Hour).Format("02/01/2006 15:04")
	rehearsal := filepath.Join(dir, "data", "rehearsal")
	first := startDaemon(t, config, "--rehearse", from, "--speed", "3600")
	until(t, 30*time.Second, "the first rehearsal's message", func() bool { c, _ := journal(t, rehearsal); return len(c) == 1 })
	before, err := os.ReadDir(rehearsal)
	if err != nil {
		t.Fatal(err)
	}
	second := runInProcess(t, "run", "-c", config, "--rehearse", from, "--speed", "3600")
	if second.started || second.code != exitRuntime {
		t.Fatalf("second rehearsal: got exit %d (started %v), want %d; stderr:\n%s", second.code, second.started, exitRuntime, second.stderr)
	}
	if !strings.Contains(second.stderr, "diễn tập khác") || !strings.Contains(second.stderr, rehearsal) {
		t.Errorf("second rehearsal said %q, want that another runs in %s", second.stderr, rehearsal)
	}
	after, _ := os.ReadDir(rehearsal)
	if len(after) != len(before) {
		t.Errorf("the rehearsal folder went from %d to %d entries", len(before), len(after))
	}
	if c, _ := journal(t, rehearsal); len(c) != 1 {
		t.Errorf("the first rehearsal's outbox holds %d messages, want 1", len(c))
	}
	first.cmd.Process.Signal(syscall.SIGTERM)
	if code := first.wait(t, 15*time.Second); code != exitOK {
		t.Errorf("first rehearsal after SIGTERM: got exit %d, want 0; stderr:\n%s", code, first.stderr)
	}
	// Once it has ended, the next rehearsal starts afresh.
	if o := runInProcess(t, "run", "-c", config, "--rehearse", from, "--speed", "3600"); !o.started || o.code != exitOK {
		t.Errorf("a rehearsal after the first: got exit %d (started %v); stderr:\n%s", o.code, o.started, o.stderr)
	}
}
