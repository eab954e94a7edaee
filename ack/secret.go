package ack

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// SecretFile is the name of the service secret in data_dir.
const SecretFile = "secret"

// SecretSize is the size of the service secret, in bytes.
const SecretSize = 32

// Errors of LoadOrCreateSecret, for the caller to explain.
var (
	// ErrSecretExposed means the secret file may be read by other users
	// than its owner: anyone who reads it can acknowledge in any unit's
	// name.
	ErrSecretExposed = errors.New("the secret file can be read by other users")
	// ErrSecretDamaged means the secret file does not hold SecretSize bytes.
	ErrSecretDamaged = errors.New("the secret file is damaged")
	// ErrSecretMissing means the secret file is not there although the
	// installation has a store: every link and SMS code already sent was
	// made with the lost secret.
	ErrSecretMissing = errors.New("the secret file is missing")
)

// LoadSecret returns the service secret kept in dataDir/secret, which
// must exist: that of an installation that already has a store. A missing
// file is ErrSecretMissing, never replaced by a new secret, which would
// silently break every link and SMS code already sent; the other errors are
// LoadOrCreateSecret's.
func LoadSecret(dataDir string) ([]byte, error) {
	path := filepath.Join(dataDir, SecretFile)
	secret, err := readSecret(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("load secret %s: %w: restore it from the backup (the OUTFILE.secret that nhacviec backup writes beside OUTFILE), mode 0600", path, ErrSecretMissing)
	}
	return secret, err
}

// LoadOrCreateSecret returns the service secret kept in
// dataDir/secret, creating it on first run (a new store; an existing one
// takes LoadSecret): SecretSize random bytes,
// mode 0600, written whole or not at all (a temporary file hard-linked
// into place). Call it once the store is open, so that no other instance
// races to create it.
//
// An existing file that its group or other users may read is refused with
// ErrSecretExposed, not merely warned about: the secret is what links and
// SMS codes are checked against, and the fix (chmod 600) is one command.
// A file of the wrong size is refused with ErrSecretDamaged rather than
// replaced: a new secret would silently break every link already sent.
// The secret itself never appears in an error.
func LoadOrCreateSecret(dataDir string) ([]byte, error) {
	path := filepath.Join(dataDir, SecretFile)
	secret, err := readSecret(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return secret, err
	}
	if err := createSecret(path); err != nil {
		return nil, err
	}
	return readSecret(path)
}

func readSecret(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("load secret %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("load secret %s: %w", path, err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("load secret %s: %w: it is not a regular file", path, ErrSecretDamaged)
	}
	if perm := info.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		return nil, fmt.Errorf("load secret %s: %w (mode %04o): run chmod 600 %s as the user of the service", path, ErrSecretExposed, perm, path)
	}
	secret, err := io.ReadAll(io.LimitReader(f, SecretSize+1))
	if err != nil {
		return nil, fmt.Errorf("load secret %s: %w", path, err)
	}
	if len(secret) != SecretSize {
		return nil, fmt.Errorf("load secret %s: %w: it holds %d bytes, not %d; restore it from a backup (deleting it creates a new secret, and every link and code already sent stops working)",
			path, ErrSecretDamaged, len(secret), SecretSize)
	}
	return secret, nil
}

func createSecret(path string) (err error) {
	secret := make([]byte, SecretSize)
	if _, err := rand.Read(secret); err != nil {
		return fmt.Errorf("create secret %s: %w", path, err)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".secret-*") // mode 0600
	if err != nil {
		return fmt.Errorf("create secret %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(secret)
	if err == nil {
		err = tmp.Chmod(0o600)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("create secret %s: %w", path, err)
	}
	// A link, unlike a rename, never replaces a secret another process
	// created meanwhile: that one wins.
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create secret %s: %w", path, err)
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}
