package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/nhacviec/nhacviec/web"
)

const passwdConfig = `
service:
  language: LANG
  admin_password_file: HASHFILE
units:
  ldtbxh:
    name: Bộ phận Lao động - Thương binh và Xã hội
    contacts: [{email: ldtbxh@example.vn}]
plans:
  - id: bdg-2019
    title: Kế hoạch năm 2019
    year: 2019
    owner: ldtbxh
    tasks:
      - id: toa-dam
        title: Tọa đàm
        lead: [ldtbxh]
        on: 08/03 08:00
`

// runPasswd runs nhacviec passwd with args and stdin; it returns the exit
// code, stdout and stderr.
func runPasswd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, now: time.Now}
	c := &passwdCommand{env: e, stdin: strings.NewReader(stdin)}
	code := c.Run(context.Background(), args)
	return code, stdout.String(), stderr.String()
}

func TestPasswd(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "admin-password")
	code, stdout, stderr := runPasswd(t, "mật khẩu của xã\nmật khẩu của xã\n", out)
	if code != exitOK {
		t.Fatalf("got exit %d, want 0; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, out) || !strings.Contains(stdout, "admin_password_file") {
		t.Errorf("stdout does not say where and what next:\n%s", stdout)
	}
	if strings.Contains(stdout+stderr, "mật khẩu của xã") {
		t.Error("the password is printed back")
	}
	info, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 && runtime.GOOS != "windows" {
		t.Errorf("got mode %04o, want 0600", perm)
	}
	hash, err := web.LoadPasswordHash(out)
	if err != nil {
		t.Fatal(err)
	}
	if cost, _ := bcrypt.Cost(hash); cost != 12 {
		t.Errorf("got bcrypt cost %d, want 12", cost)
	}
	if bcrypt.CompareHashAndPassword(hash, []byte("mật khẩu của xã")) != nil {
		t.Error("the hash does not match the password")
	}
	if web.CheckListen("0.0.0.0:8080", hash) != nil {
		t.Error("CheckListen refuses a non-loopback address with the hash")
	}

	// Without a final newline, and with Windows line endings: the same.
	code, _, stderr = runPasswd(t, "mật khẩu mới\r\nmật khẩu mới", out)
	if code != exitOK {
		t.Fatalf("got exit %d; stderr:\n%s", code, stderr)
	}
	hash, _ = web.LoadPasswordHash(out)
	if bcrypt.CompareHashAndPassword(hash, []byte("mật khẩu mới")) != nil {
		t.Error("the new hash does not match the new password")
	}
}

func TestPasswdRefuses(t *testing.T) {
	for _, tt := range []struct {
		name, stdin, want string
		code              int
	}{
		{"different passwords", "mật khẩu một\nmật khẩu hai\n", "không giống nhau", exitInvalid},
		{"no input", "", "thiếu mật khẩu", exitInvalid},
		{"only once", "mật khẩu một\n", "thiếu mật khẩu", exitInvalid},
		{"empty line", "\n\n", "thiếu mật khẩu", exitInvalid},
		{"too short", "ngắn\nngắn\n", "quá ngắn", exitInvalid},
		{"too long", strings.Repeat("x", 73) + "\n" + strings.Repeat("x", 73) + "\n", "quá dài", exitInvalid},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "admin-password")
			code, _, stderr := runPasswd(t, tt.stdin, out)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("got exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr, tt.code, tt.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a file was written")
			}
		})
	}
}

func TestPasswdToConfiguredFile(t *testing.T) {
	dir := t.TempDir()
	hashFile := filepath.Join(dir, "admin-password")
	cfg := filepath.Join(dir, "nhacviec.yaml")
	src := strings.NewReplacer("LANG", "en", "HASHFILE", hashFile).Replace(passwdConfig)
	if err := os.WriteFile(cfg, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runPasswd(t, "correct horse battery\ncorrect horse battery\n", "-c", cfg)
	if code != exitOK {
		t.Fatalf("got exit %d; stderr:\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "Wrote the admin password's hash to "+hashFile) {
		t.Errorf("got stdout %q", stdout)
	}
	if _, err := web.LoadPasswordHash(hashFile); err != nil {
		t.Fatal(err)
	}

	// No file named and none configured: a usage error.
	noFile := filepath.Join(dir, "nofile.yaml")
	src = strings.NewReplacer("LANG", "vi", "  admin_password_file: HASHFILE\n", "").Replace(passwdConfig)
	if err := os.WriteFile(noFile, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runPasswd(t, "correct horse battery\ncorrect horse battery\n", "-c", noFile)
	if code != exitUsage || !strings.Contains(stderr, "admin_password_file") {
		t.Errorf("got exit %d, stderr %q; want 2 and what to do", code, stderr)
	}
	code, _, _ = runPasswd(t, "", "a", "b")
	if code != exitUsage {
		t.Errorf("two files: got exit %d, want 2", code)
	}
}
