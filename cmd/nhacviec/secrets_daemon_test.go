package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/internal/syncbuf"
)

// serviceUID is the user the daemon runs as in TestDaemonAsServiceUser
// when the test runs as root (as CI does): nobody, standing for the user
// systemd makes for DynamicUser=yes.
const serviceUID = 65534

// TestDaemonAsServiceUser runs the daemon itself, built, as the service's
// user of DynamicUser=yes, against secrets as an administrator leaves
// them: the SMTP password in a file of root's, mode 0600, stops run with
// exit 1 and the LoadCredential= line that fixes it, before anything is
// opened; the same password handed over as a systemd credential
// ("%d/NAME" in $CREDENTIALS_DIRECTORY, owned by the service's user as
// systemd makes it) lets it start, and SIGTERM stops it with 0. As root
// the daemon runs as nobody; as an ordinary user the root's file is one
// it may not read (mode 0).
func TestDaemonAsServiceUser(t *testing.T) {
	root := os.Geteuid() == 0
	base, err := os.MkdirTemp("", "nhacviec-service-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	if err := os.Chmod(base, 0o755); err != nil { // the service's user walks through it
		t.Fatal(err)
	}
	// The binary, where the service's user may run it.
	bin := filepath.Join(base, "nhacviec")
	built, err := os.ReadFile(binary(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, built, 0o755); err != nil {
		t.Fatal(err)
	}
	// /etc/nhacviec: root's, the secret 0600.
	etc := filepath.Join(base, "etc")
	if err := os.Mkdir(etc, 0o755); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(etc, "smtp-password")
	if err := os.WriteFile(secret, []byte("mật-khẩu\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// $CREDENTIALS_DIRECTORY: what systemd hands the service, its own.
	creds := filepath.Join(base, "credentials")
	if err := os.Mkdir(creds, 0o500); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(creds, "smtp-password"), []byte("mật-khẩu\n"), 0o400); err != nil {
		t.Fatal(err)
	}
	if root {
		for _, p := range []string{creds, filepath.Join(creds, "smtp-password")} {
			if err := os.Chown(p, serviceUID, serviceUID); err != nil {
				t.Fatal(err)
			}
		}
	} else if err := os.Chmod(secret, 0); err != nil {
		t.Fatal(err)
	}

	start := func(passwordFile string) (*daemonProc, string) {
		// The state directory systemd makes for the service's user.
		dir, err := os.MkdirTemp(base, "state-")
		if err != nil {
			t.Fatal(err)
		}
		os.Chmod(dir, 0o755)
		config := burstConfig(t, dir, 1, "channels:\n  email:\n    host: 127.0.0.1\n    port: 1\n    tls: none\n"+
			"    username: nhacviec\n    password_file: \""+passwordFile+"\"\n    from: nhacviec@example.vn\n")
		os.Chmod(config, 0o644)
		if err := os.Mkdir(filepath.Join(dir, "data"), 0o700); err != nil {
			t.Fatal(err)
		}
		if root {
			if err := os.Chown(filepath.Join(dir, "data"), serviceUID, serviceUID); err != nil {
				t.Fatal(err)
			}
		}
		cmd := exec.Command(bin, "run", "-c", config)
		cmd.Env = append(os.Environ(), "CREDENTIALS_DIRECTORY="+creds)
		if root {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: serviceUID, Gid: serviceUID}}
		}
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
		return p, filepath.Join(dir, "data")
	}

	// root's file: refused before anything is opened, saying what to do.
	p, _ := start(secret)
	if code := p.wait(t, 20*time.Second); code != exitInvalid {
		t.Errorf("run with root's secret file: got exit %d, want %d; stderr:\n%s", code, exitInvalid, p.stderr)
	}
	for _, want := range []string{"password_file", "LoadCredential=smtp-password:" + secret, `"%d/smtp-password"`} {
		if !strings.Contains(p.stderr.String(), want) {
			t.Errorf("run with root's secret file said:\n%s\nwant it to name %s", p.stderr, want)
		}
	}
	if strings.Contains(p.stderr.String(), `msg="nhacviec started"`) {
		t.Errorf("run started with a secret it cannot read:\n%s", p.stderr)
	}

	// The credential: the daemon starts, as the service's user, and stops.
	p, data := start("%d/smtp-password")
	until(t, 20*time.Second, "the daemon started on the credential", func() bool {
		return strings.Contains(p.stderr.String(), `msg="nhacviec started"`)
	})
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t, 20*time.Second); code != 0 {
		t.Errorf("after SIGTERM: got exit %d, want 0; stderr:\n%s", code, p.stderr)
	}
	// It was the service's user that ran: the store is its file.
	fi, err := os.Stat(filepath.Join(data, "nhacviec.db"))
	if err != nil {
		t.Fatal(err)
	}
	if uid := fi.Sys().(*syscall.Stat_t).Uid; root && uid != serviceUID {
		t.Errorf("the store belongs to uid %d, want the service's user %d", uid, serviceUID)
	}
}
