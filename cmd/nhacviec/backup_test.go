package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/store"
)

// liveState is what the live files hold: their bytes and inodes.
type liveState map[string]struct {
	data []byte
	info os.FileInfo
}

func readLive(t *testing.T, data string) liveState {
	t.Helper()
	s := liveState{}
	for _, f := range []string{storePath(data), filepath.Join(data, ack.SecretFile)} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		s[f] = struct {
			data []byte
			info os.FileInfo
		}{b, info}
	}
	return s
}

// TestBackupRefusesLiveFiles: backup never writes over the store, its
// journal, the secret, the socket or anything else in data_dir, whatever
// the name it is given, through the running daemon or from the file.
func TestBackupRefusesLiveFiles(t *testing.T) {
	for _, running := range []bool{false, true} {
		config, data := installation(t, "")
		dir := filepath.Dir(data)
		os.Symlink(data, filepath.Join(dir, "link-to-data"))
		os.Link(storePath(data), filepath.Join(dir, "hardlink.db"))
		os.Symlink(filepath.Join(data, ack.SecretFile), filepath.Join(dir, "symlink-to-secret"))
		os.WriteFile(store.JournalPath(storePath(data)), nil, 0o600)
		if running {
			p := startDaemon(t, config)
			until(t, 10*time.Second, "the control socket", func() bool {
				_, err := os.Stat(filepath.Join(data, controlSocket))
				return err == nil
			})
			t.Cleanup(func() { p.cmd.Process.Signal(syscall.SIGTERM); p.wait(t, 15*time.Second) })
		}
		before := readLive(t, data)
		for _, target := range []string{
			storePath(data),
			store.JournalPath(storePath(data)),
			filepath.Join(data, ack.SecretFile),
			filepath.Join(data, controlSocket),
			filepath.Join(data, "backup.db"),
			filepath.Join(data, "outbox", "backup.db"),
			data,
			filepath.Join(data, "..", "data", "nhacviec.db"),
			filepath.Join(dir, "link-to-data", "nhacviec.db"),
			filepath.Join(dir, "link-to-data", "b.db"),
			filepath.Join(dir, "hardlink.db"),
			filepath.Join(dir, "symlink-to-secret"),
		} {
			name := strings.TrimPrefix(target, dir+"/")
			if running {
				name = "through the daemon: " + name
			}
			t.Run(name, func(t *testing.T) {
				o := runInProcess(t, "backup", "-c", config, target)
				if o.code != exitUsage {
					t.Errorf("got exit %d, want %d; stderr:\n%s", o.code, exitUsage, o.stderr)
				}
				if !strings.Contains(o.stderr, target) || !strings.Contains(o.stderr, "ngoài thư mục dữ liệu") {
					t.Errorf("backup said %q, want the target and to choose a file outside the data folder", o.stderr)
				}
				for f, was := range readLive(t, data) {
					// A running daemon writes its own store (checkpoints,
					// records): there, the store must only stay the same file.
					changed := !bytes.Equal(was.data, before[f].data) && !(running && f == storePath(data))
					if changed || !os.SameFile(was.info, before[f].info) {
						t.Errorf("%s was replaced or changed", f)
					}
				}
				if _, err := os.Stat(target + ".secret"); err == nil {
					t.Errorf("backup wrote %s.secret", target)
				}
			})
		}
	}
}

// TestBackupWritesSecret: backup writes the store and, beside it, the
// secret (mode 0600), through the daemon and from the file; a store that
// has lost its secret is an error, not half a backup.
func TestBackupWritesSecret(t *testing.T) {
	config, data := installation(t, "")
	secret, err := os.ReadFile(filepath.Join(data, ack.SecretFile))
	if err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T, out string) {
		t.Helper()
		got, err := os.ReadFile(out + ".secret")
		if err != nil || !bytes.Equal(got, secret) {
			t.Errorf("%s.secret: got %d bytes (err %v), want the secret", out, len(got), err)
		}
		if info, err := os.Stat(out + ".secret"); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s.secret: mode %v (err %v), want 0600", out, info.Mode().Perm(), err)
		}
		db, err := store.Open(out, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("the backup does not open: %v", err)
		}
		defer db.Close()
		if has, err := db.Has(firstID(t, data)); err != nil || !has {
			t.Errorf("the backup lacks the message sent: %v %v", has, err)
		}
	}
	out := filepath.Join(t.TempDir(), "b.db")
	if o := runInProcess(t, "backup", "-c", config, out); o.code != exitOK || !strings.Contains(o.stdout, out+".secret") {
		t.Fatalf("backup from the file: exit %d, %q %q; want 0 naming both files", o.code, o.stdout, o.stderr)
	}
	check(t, out)

	p := startDaemon(t, config)
	until(t, 10*time.Second, "the control socket", func() bool {
		_, err := os.Stat(filepath.Join(data, controlSocket))
		return err == nil
	})
	out2 := filepath.Join(t.TempDir(), "b.db")
	if o := runInProcess(t, "backup", "-c", config, out2); o.code != exitOK {
		t.Fatalf("backup through the daemon: exit %d, %q", o.code, o.stderr)
	}
	check(t, out2)
	p.cmd.Process.Signal(syscall.SIGTERM)
	p.wait(t, 15*time.Second)

	os.Remove(filepath.Join(data, ack.SecretFile))
	out3 := filepath.Join(t.TempDir(), "b.db")
	o := runInProcess(t, "backup", "-c", config, out3)
	if o.code != exitRuntime || !strings.Contains(o.stderr, ".secret") {
		t.Errorf("backup of a store without its secret: exit %d, %q; want %d and how to restore the secret", o.code, o.stderr, exitRuntime)
	}
	if _, err := os.Stat(out3); !os.IsNotExist(err) {
		t.Errorf("backup wrote %s without the secret (stat: %v)", out3, err)
	}

	// The restore the README describes: the backup and its .secret put
	// back, run starts and knows what was sent.
	if err := os.RemoveAll(data); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(data, 0o750)
	for from, to := range map[string]string{out: storePath(data), out + ".secret": filepath.Join(data, ack.SecretFile)} {
		b, _ := os.ReadFile(from)
		if err := os.WriteFile(to, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if o := runInProcess(t, "run", "-c", config); !o.started || o.code != exitOK {
		t.Fatalf("run after the restore: exit %d (started %v); stderr:\n%s", o.code, o.started, o.stderr)
	}
	if c, _ := journal(t, data); len(c) != 0 {
		t.Errorf("after the restore, %d messages were sent again, want none", len(c))
	}
}

// firstID returns the id of the message the outbox of data holds.
func firstID(t *testing.T, data string) string {
	t.Helper()
	c, _ := journal(t, data)
	for id := range c {
		return id
	}
	t.Fatal("no message in the outbox")
	return ""
}
