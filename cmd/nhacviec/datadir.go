package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/store"
)

// What the daemon keeps in service.data_dir. The whole folder is the
// service's: the store and, beside it, the secret that signs the links,
// the control socket, the outbox, the rehearsal's own folder.
const storeFile = "nhacviec.db"

// storePath returns the path of the store in dataDir.
func storePath(dataDir string) string { return filepath.Join(dataDir, storeFile) }

// liveFiles lists the files of a running installation in dataDir: the
// store, the sent journal of an earlier release, the secret and the
// control socket.
func liveFiles(dataDir string) []string {
	db := storePath(dataDir)
	return []string{db, store.JournalPath(db), filepath.Join(dataDir, ack.SecretFile), filepath.Join(dataDir, controlSocket)}
}

// storeIsNew reports whether the store at path is missing or empty:
// opening it would make a new store.
func storeIsNew(path string) bool {
	info, err := os.Stat(path)
	return errors.Is(err, os.ErrNotExist) || (err == nil && info.Mode().IsRegular() && info.Size() == 0)
}

// installed returns a file that shows dataDir has been used by a real
// daemon (the secret, the sent journal, the control socket: each run makes
// the first and the last), or "" for a new installation. A rehearsal's
// folder or a test-send's outbox are not signs: they come before the
// first run.
func installed(dataDir string) string {
	for _, f := range liveFiles(dataDir)[1:] {
		if _, err := os.Lstat(f); err == nil {
			return f
		}
	}
	return ""
}

// errLiveFile is checkBackupTarget's refusal: path is live, a file the
// daemon owns in dataDir.
type errLiveFile struct{ target, live, dataDir string }

func (e *errLiveFile) Error() string {
	return fmt.Sprintf("backup to %s: that is %s, in the data folder %s", e.target, e.live, e.dataDir)
}

// checkBackupTarget refuses to let a backup (or its .secret) replace what
// the daemon owns: a path inside dataDir, once the symbolic links of both
// are resolved, or a file anywhere that is one of the live files under
// another name (a hard link, a symbolic link, a bind mount), compared by
// inode.
func checkBackupTarget(dataDir, target string) error {
	dir := resolve(dataDir)
	path := filepath.Join(resolve(filepath.Dir(target)), filepath.Base(target))
	if rel, err := filepath.Rel(dir, path); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return &errLiveFile{target, path, dataDir}
	}
	info, err := os.Stat(target)
	if err != nil {
		return nil // nothing there to replace, or the write will say why
	}
	for _, f := range liveFiles(dataDir) {
		if li, err := os.Stat(f); err == nil && os.SameFile(info, li) {
			return &errLiveFile{target, f, dataDir}
		}
	}
	return nil
}

// resolve returns path made absolute, with its symbolic links resolved
// when it exists.
func resolve(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		return real
	}
	return path
}

// errRehearsing means another rehearsal holds the rehearsal's folder.
var errRehearsing = errors.New("another rehearsal is running")

// startRehearsal empties dir for a new rehearsal, once it holds dir's
// lock (lockDir), so that a second rehearsal on the same data_dir stops
// (errRehearsing) before deleting anything of the first. The lock lasts
// until release.
func startRehearsal(dir string) (release func(), err error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, err
	}
	release, err = lockDir(dir)
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	for _, e := range entries {
		if err == nil {
			err = os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
	if err != nil {
		release()
		return nil, err
	}
	return release, nil
}
