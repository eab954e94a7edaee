package planfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// newFileMode is the mode of a file WriteFile creates: a plan names
// people and their telephone numbers.
const newFileMode fs.FileMode = 0o600

// WriteFile replaces the file name with data atomically: data goes to a
// temporary file in the same folder, is synced, and is renamed over name,
// then the folder is synced, so that a crash leaves the old file or the
// new one, never half of one. The file keeps its mode; a symbolic link
// stays a link and its target is replaced. A file that did not exist is
// created with mode 0600.
func WriteFile(name string, data []byte) (err error) {
	if target, err := filepath.EvalSymlinks(name); err == nil {
		name = target
	}
	mode := newFileMode
	switch fi, err := os.Stat(name); {
	case err == nil && !fi.Mode().IsRegular():
		return fmt.Errorf("write %s: not a regular file", name)
	case err == nil:
		mode = fi.Mode().Perm()
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("write %s: %w", name, err)
	}
	return writeVia(name, data, mode, os.Rename)
}

// writeVia writes data with mode to a synced temporary file in name's
// folder, puts it at name with place (os.Rename to replace, os.Link to
// create), then syncs the folder: the rename or link is durable once the
// folder is. The temporary file never stays.
func writeVia(name string, data []byte, mode fs.FileMode, place func(tmp, name string) error) (err error) {
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer os.Remove(f.Name())
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = f.Chmod(mode); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = place(f.Name(), name); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("write %s: sync folder: %w", name, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("write %s: sync folder: %w", name, err)
	}
	return nil
}
