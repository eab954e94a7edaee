package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/nhacviec/nhacviec/store"
)

// backupCommand writes a consistent copy of the store, through the running
// daemon or from the file directly.
type backupCommand struct {
	env *env
}

// Run runs nhacviec backup OUTFILE.
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
	cfg, _ := c.env.load(c.env.configPath(*config), c.env.stderr, false)
	if cfg == nil {
		return exitInvalid
	}
	lang := cfg.Service.Language
	body, err := controlGet(cfg.Service.DataDir, "/-/backup")
	switch {
	case err == nil:
		defer body.Close()
		if err := writeAtomic(out, body); err != nil {
			fmt.Fprintf(c.env.stderr, "nhacviec backup: %s\n", tr(lang, "backup.write", out, err))
			return exitRuntime
		}
	case errors.Is(err, errNoDaemon):
		path := filepath.Join(cfg.Service.DataDir, "nhacviec.db")
		db, err := store.Open(path, store.Options{LockTimeout: time.Second, ReadOnly: true})
		if err != nil {
			fmt.Fprintf(c.env.stderr, "nhacviec backup: %s\n", storeError(lang, path, err))
			return exitRuntime
		}
		defer db.Close()
		if err := db.BackupFile(out); err != nil {
			fmt.Fprintf(c.env.stderr, "nhacviec backup: %s\n", tr(lang, "backup.write", out, err))
			return exitRuntime
		}
	default:
		fmt.Fprintf(c.env.stderr, "nhacviec backup: %v\n", err)
		return exitRuntime
	}
	fmt.Fprintln(c.env.stdout, tr(lang, "backup.done", out))
	return exitOK
}

// writeAtomic writes r to path through a temporary file and a rename, so a
// half-written backup never has the final name.
func writeAtomic(path string, r io.Reader) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".nhacviec-backup-*")
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
	return os.Rename(tmp.Name(), path)
}
