package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/internal/credential"
	"github.com/nhacviec/nhacviec/internal/unprivileged"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// TestSecretsAsServiceUser runs run's checks of the secrets as the
// service's user under DynamicUser=yes: the SMTP password in a file of
// root's, mode 0600, is refused, at its line, with the LoadCredential=
// line that fixes it; the same password as a credential ("%d/NAME", in
// $CREDENTIALS_DIRECTORY) passes, and the channel's reader then finds the
// file. internal/unprivileged drops root's power over permissions; as
// root the file is given to another user, as an ordinary user it loses
// its read permission.
func TestSecretsAsServiceUser(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "smtp-password")
	if err := os.WriteFile(secret, []byte("mật-khẩu\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		if err := os.Chown(secret, 65534, 65534); err != nil {
			t.Fatal(err)
		}
	} else if err := os.Chmod(secret, 0); err != nil {
		t.Fatal(err)
	}
	creds := filepath.Join(dir, "credentials")
	if err := os.Mkdir(creds, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(creds, "smtp-password"), []byte("mật-khẩu\n"), 0o400); err != nil {
		t.Fatal(err)
	}
	getenv := func(k string) string {
		if k == credential.DirEnv {
			return creds
		}
		return ""
	}

	tests := []struct {
		name, value string
		want        []string // substrings of the one problem; none: no problem
	}{
		{"root's file", secret, []string{
			"nhacviec.yaml:4:20: password_file: ",
			"(permission denied)",
			"DynamicUser=yes",
			"LoadCredential=smtp-password:" + secret,
			`password_file: "%d/smtp-password"`,
		}},
		{"a credential", "%d/smtp-password", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(dir, "nhacviec.yaml")
			text := "channels:\n  email:\n    host: smtp.example.vn\n    password_file: " + tt.value + "\n"
			if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			cfg := &plan.Config{File: file}
			cfg.Service.Listen = "127.0.0.1:8080"
			cfg.Channels.Email = &plan.EmailChannel{Host: "smtp.example.vn", PasswordFile: tt.value}
			credential.Resolve(cfg, getenv) // as loadConfig does
			var got string
			var read []byte
			var readErr error
			unprivileged.Run(t, func() {
				got = serviceProblems(cfg, getenv, false).Render(lang.English)
				read, readErr = credential.Read(cfg.Channels.Email.PasswordFile, getenv)
			})
			if tt.want == nil {
				if got != "" || readErr != nil || string(read) != "mật-khẩu" {
					t.Errorf("got problems %q, secret %q (%v); want none, and the secret", got, read, readErr)
				}
				return
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("got %q, want it to contain %q", got, w)
				}
			}
		})
	}
}

// TestServiceUnitCredentials checks the unit hands the admin password to
// its dynamic user as a credential, named as the configuration names it,
// and checks the configuration before it starts.
func TestServiceUnitCredentials(t *testing.T) {
	data, err := os.ReadFile("../../deploy/nhacviec.service")
	if err != nil {
		t.Fatal(err)
	}
	unit := string(data)
	for _, want := range []string{
		"DynamicUser=yes",
		"LoadCredential=admin-password:/etc/nhacviec/admin-password",
		"ExecStartPre=/usr/local/bin/nhacviec check -c /etc/nhacviec/nhacviec.yaml",
	} {
		if !strings.Contains(unit, "\n"+want+"\n") {
			t.Errorf("deploy/nhacviec.service lacks the line %q", want)
		}
	}
	if !strings.Contains(unit, `admin_password_file: "%d/admin-password"`) {
		t.Errorf("deploy/nhacviec.service does not say how the configuration names the credential")
	}
}
