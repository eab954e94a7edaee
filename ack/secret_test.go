package ack

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestLoadOrCreateSecret(t *testing.T) {
	dir := t.TempDir()
	secret, err := LoadOrCreateSecret(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(secret) != SecretSize {
		t.Fatalf("got %d bytes, want %d", len(secret), SecretSize)
	}
	if bytes.Equal(secret, make([]byte, SecretSize)) {
		t.Fatal("the secret is all zeros")
	}
	path := filepath.Join(dir, SecretFile)
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm() != 0o600 {
		t.Errorf("got mode %04o, want 0600", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("got %d files in data_dir, want only the secret (no temporary file left)", len(entries))
	}

	again, err := LoadOrCreateSecret(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, secret) {
		t.Fatal("a second load returned another secret")
	}

	other, err := LoadOrCreateSecret(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(other, secret) {
		t.Fatal("two data dirs got the same secret")
	}
}

func TestSecretExposedIsRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes on Windows")
	}
	dir := t.TempDir()
	secret, err := LoadOrCreateSecret(dir)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, SecretFile)
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604} {
		if err := os.Chmod(path, mode); err != nil {
			t.Fatal(err)
		}
		_, err := LoadOrCreateSecret(dir)
		if !errors.Is(err, ErrSecretExposed) {
			t.Fatalf("mode %04o: got %v, want ErrSecretExposed", mode, err)
		}
		if !strings.Contains(err.Error(), "chmod 600") {
			t.Errorf("the error does not say what to do: %v", err)
		}
		if strings.Contains(err.Error(), string(secret)) {
			t.Error("the error shows the secret")
		}
	}
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	if got, err := LoadOrCreateSecret(dir); err != nil || !bytes.Equal(got, secret) {
		t.Fatalf("mode 0400: got %v, want the secret", err)
	}
}

func TestSecretDamagedIsNotReplaced(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, SecretFile)
	if err := os.WriteFile(path, []byte("short"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := LoadOrCreateSecret(dir)
	if !errors.Is(err, ErrSecretDamaged) {
		t.Fatalf("got %v, want ErrSecretDamaged", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "short" {
		t.Fatal("the damaged secret was replaced")
	}
	if _, err := LoadOrCreateSecret(filepath.Join(dir, "missing")); err == nil {
		t.Fatal("a secret was created in a directory that does not exist")
	}
}

// TestLoadSecret: LoadSecret reads the secret LoadOrCreateSecret made, and
// a missing one is ErrSecretMissing, with nothing created in its place.
func TestLoadSecret(t *testing.T) {
	for _, tc := range []struct {
		name    string
		prepare func(t *testing.T, dir string) []byte
		wantErr error
	}{
		{"present", func(t *testing.T, dir string) []byte {
			s, err := LoadOrCreateSecret(dir)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}, nil},
		{"missing", func(*testing.T, string) []byte { return nil }, ErrSecretMissing},
		{"damaged", func(t *testing.T, dir string) []byte {
			if err := os.WriteFile(filepath.Join(dir, SecretFile), []byte("short"), 0o600); err != nil {
				t.Fatal(err)
			}
			return nil
		}, ErrSecretDamaged},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			want := tc.prepare(t, dir)
			got, err := LoadSecret(dir)
			if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
				t.Fatalf("got error %v, want %v", err, tc.wantErr)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("got secret %x, want %x", got, want)
			}
			if tc.wantErr == ErrSecretMissing {
				if !strings.Contains(err.Error(), ".secret") {
					t.Errorf("error %q does not say to restore the backup's .secret", err)
				}
				if _, err := os.Stat(filepath.Join(dir, SecretFile)); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("LoadSecret created a secret (stat: %v)", err)
				}
			}
		})
	}
}
