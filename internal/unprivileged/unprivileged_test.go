package unprivileged

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestRun: inside Run, a file of mode 0 cannot be read, even by root;
// outside it, root keeps its privilege.
func TestRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(path, []byte("x"), 0); err != nil {
		t.Fatal(err)
	}
	var err error
	Run(t, func() { _, err = os.ReadFile(path) })
	if !errors.Is(err, fs.ErrPermission) {
		t.Errorf("read inside Run: got %v, want a permission error", err)
	}
	if os.Geteuid() == 0 {
		if _, err := os.ReadFile(path); err != nil {
			t.Errorf("read as root after Run: got %v, want the privilege kept", err)
		}
	}
}
