package credential

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/nhacviec/nhacviec/internal/unprivileged"
	"github.com/nhacviec/nhacviec/plan"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestPath(t *testing.T) {
	tests := []struct {
		value, dir, want string
		err              error
	}{
		{"/etc/nhacviec/smtp", "", "/etc/nhacviec/smtp", nil},
		{"/etc/nhacviec/smtp", "/run/credentials/nhacviec.service", "/etc/nhacviec/smtp", nil},
		{"%d/smtp", "/run/credentials/nhacviec.service", "/run/credentials/nhacviec.service/smtp", nil},
		{"%d/smtp", "", "", ErrNoDirectory},
		{"%d/", "/run/credentials/x", "", ErrBadName},
		{"%d/../etc/shadow", "/run/credentials/x", "", ErrBadName},
		{"%d/..", "/run/credentials/x", "", ErrBadName},
	}
	for _, tt := range tests {
		got, err := Path(tt.value, env(map[string]string{DirEnv: tt.dir}))
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("Path(%q) with %s=%q: got %q, %v; want %q, %v", tt.value, DirEnv, tt.dir, got, err, tt.want, tt.err)
		}
	}
}

func TestFieldsAndResolve(t *testing.T) {
	cfg := &plan.Config{}
	cfg.Service.AdminPasswordFile = "%d/admin"
	cfg.Channels.Email = &plan.EmailChannel{PasswordFile: "/etc/nhacviec/smtp"}
	cfg.Channels.SMS = &plan.SMSChannel{PasswordFile: "%d/sms", InboundSecretFile: "%d/inbound"}
	got := map[string]string{}
	for _, f := range Fields(cfg) {
		got[f.Key] = *f.Value
	}
	want := map[string]string{
		"service.admin_password_file":      "%d/admin",
		"channels.email.password_file":     "/etc/nhacviec/smtp",
		"channels.sms.password_file":       "%d/sms",
		"channels.sms.inbound_secret_file": "%d/inbound",
	}
	if len(got) != len(want) {
		t.Errorf("got fields %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
	Resolve(cfg, env(map[string]string{DirEnv: "/run/credentials/nhacviec.service"}))
	if cfg.Service.AdminPasswordFile != "/run/credentials/nhacviec.service/admin" || cfg.Channels.SMS.InboundSecretFile != "/run/credentials/nhacviec.service/inbound" || cfg.Channels.Email.PasswordFile != "/etc/nhacviec/smtp" {
		t.Errorf("after Resolve: got %q, %q, %q", cfg.Service.AdminPasswordFile, cfg.Channels.SMS.InboundSecretFile, cfg.Channels.Email.PasswordFile)
	}
}

// TestReadAsServiceUser reads secrets as the service's user does under
// DynamicUser=yes: a file of root's, mode 0600, is refused (a
// permission error), the same secret handed over as a credential is
// read. The test drops root's power over file permissions
// (internal/unprivileged) and, as root, gives the file to another user;
// as an ordinary user, it takes the read permission from itself.
func TestReadAsServiceUser(t *testing.T) {
	etc := t.TempDir()
	secret := filepath.Join(etc, "smtp-password")
	if err := os.WriteFile(secret, []byte("mật-khẩu-smtp\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		if err := os.Chown(secret, 65534, 65534); err != nil {
			t.Fatal(err)
		}
	} else if err := os.Chmod(secret, 0); err != nil {
		t.Fatal(err)
	}
	// What systemd's LoadCredential=smtp-password:… makes: a copy the
	// service's user owns, in a folder of its own.
	creds := t.TempDir()
	if err := os.WriteFile(filepath.Join(creds, "smtp-password"), []byte("mật-khẩu-smtp\n"), 0o400); err != nil {
		t.Fatal(err)
	}
	getenv := env(map[string]string{DirEnv: creds})

	var direct, viaCredential error
	var got []byte
	unprivileged.Run(t, func() {
		_, direct = Read(secret, getenv)
		got, viaCredential = Read("%d/smtp-password", getenv)
	})
	if !IsPermission(direct) || !errors.Is(direct, fs.ErrPermission) {
		t.Errorf("reading the root-owned file: got %v, want a permission error", direct)
	}
	if viaCredential != nil || string(got) != "mật-khẩu-smtp" {
		t.Errorf("reading the credential: got %q, %v; want the secret", got, viaCredential)
	}
	if _, err := Read("%d/smtp-password", env(nil)); !errors.Is(err, ErrNoDirectory) {
		t.Errorf("a credential outside systemd: got %v, want ErrNoDirectory", err)
	}
	empty := filepath.Join(creds, "empty")
	os.WriteFile(empty, []byte(" \n"), 0o400)
	if _, err := Read("%d/empty", getenv); !errors.Is(err, ErrEmpty) {
		t.Errorf("an empty credential: got %v, want ErrEmpty", err)
	}
}
