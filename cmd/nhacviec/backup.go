package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/store"
)

// backupCommand writes a consistent copy of the store, through the running
// daemon or from the file directly, and a copy of the secret beside it:
// without the secret, the links and SMS codes already sent stop working.
type backupCommand struct {
	env *env
}

// secretSuffix names the copy of the secret: the backup's path and this.
const secretSuffix = ".secret"

// Run runs nhacviec backup OUTFILE. It writes OUTFILE and
// OUTFILE.secret (mode 0600), each atomically. An OUTFILE that would
// replace a file of the running installation (anything in data_dir) is a
// usage error, exit 2; a missing secret beside an existing store is a
// runtime failure, exit 3, as in run.
func (c *backupCommand) Run(ctx context.Context, args []string) int {
	fs := newFlagSet("backup", c.env.stderr)
	config := configFlag(fs)
	if err := fs.Parse(args); err != nil {
		return parseExit(err)
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(c.env.stderr, "nhacviec backup [-c FILE] OUTFILE")
		return exitUsage
	}
	out := fs.Arg(0)
	cfg, _ := c.env.load(ctx, c.env.configPath(*config), c.env.stderr, false)
	if cfg == nil {
		return exitInvalid
	}
	lang := cfg.Service.Language
	dataDir := cfg.Service.DataDir
	for _, target := range []string{out, out + secretSuffix} {
		var live *errLiveFile
		if err := checkBackupTarget(dataDir, target); errors.As(err, &live) {
			fmt.Fprintf(c.env.stderr, "nhacviec backup: %s\n", tr(lang, "backup.live", target, live.live, dataDir))
			return exitUsage
		}
	}
	path := storePath(dataDir)
	// The secret is read before anything is written: a backup without it
	// would restore a store whose links no longer work.
	var secret []byte
	loadSecret := func() bool {
		var err error
		secret, err = ack.LoadSecret(dataDir)
		switch {
		case errors.Is(err, ack.ErrSecretMissing):
			fmt.Fprintf(c.env.stderr, "nhacviec backup: %s\n", tr(lang, "run.nosecret", filepath.Join(dataDir, ack.SecretFile), path))
		case err != nil:
			fmt.Fprintf(c.env.stderr, "nhacviec backup: %s\n", tr(lang, "run.secret", filepath.Join(dataDir, ack.SecretFile), err))
		}
		return err == nil
	}
	body, err := controlGet(dataDir, "/-/backup")
	switch {
	case err == nil:
		defer body.Close()
		if !loadSecret() {
			return exitRuntime
		}
		if err := writeAtomic(out, body); err != nil {
			fmt.Fprintf(c.env.stderr, "nhacviec backup: %s\n", tr(lang, "backup.write", out, err))
			return exitRuntime
		}
	case errors.Is(err, errNoDaemon):
		db, err := store.Open(path, store.Options{LockTimeout: time.Second, ReadOnly: true})
		if err != nil {
			fmt.Fprintf(c.env.stderr, "nhacviec backup: %s\n", storeError(lang, path, err))
			return exitRuntime
		}
		defer db.Close()
		if !loadSecret() {
			return exitRuntime
		}
		if err := db.BackupFile(out); err != nil {
			fmt.Fprintf(c.env.stderr, "nhacviec backup: %s\n", tr(lang, "backup.write", out, err))
			return exitRuntime
		}
	default:
		fmt.Fprintf(c.env.stderr, "nhacviec backup: %v\n", err)
		return exitRuntime
	}
	if err := writeAtomic(out+secretSuffix, bytes.NewReader(secret)); err != nil {
		fmt.Fprintf(c.env.stderr, "nhacviec backup: %s\n", tr(lang, "backup.write", out+secretSuffix, err))
		return exitRuntime
	}
	fmt.Fprintln(c.env.stdout, tr(lang, "backup.done", out, out+secretSuffix))
	return exitOK
}

// writeAtomic writes r to path, mode 0600, through a temporary file and a
// rename, so a half-written file never has the final name.
func writeAtomic(path string, r io.Reader) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, ".nhacviec-backup-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, r); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	// Make the rename itself durable.
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}
