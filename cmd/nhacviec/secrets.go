package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/internal/credential"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
	"github.com/nhacviec/nhacviec/web"
)

// serviceProblems checks what the service reads besides the plans, as
// run reads it: every secret file (a path, or a systemd credential
// "%d/NAME", see internal/credential) must be readable and not empty,
// the admin password file must hold a bcrypt hash, and, for check, a
// listen address that is not loopback needs an admin password or an
// admin account. Each problem is at the line of its key. Outside
// systemd (no $CREDENTIALS_DIRECTORY) check cannot read a credential and
// warns; run, which would need it, refuses.
//
// The configuration's credentials are already resolved (loadConfig does
// it), so a value still starting with %d/ is one that could not be.
func serviceProblems(cfg *plan.Config, getenv func(string) string, forCheck bool) config.Diagnostics {
	var diags config.Diagnostics
	pos := keyPositions(cfg.File)
	add := func(key string, sev config.Severity, msg string, args ...any) {
		diags = append(diags, config.Diagnostic{Pos: pos(key), Severity: sev, Msg: lang.Message{Key: msg, Args: args}})
	}
	for _, f := range credential.Fields(cfg) {
		value := *f.Value
		leaf := f.Key[strings.LastIndexByte(f.Key, '.')+1:]
		if name, ok := credential.Name(value); ok {
			_, err := credential.Path(value, getenv)
			switch {
			case errors.Is(err, credential.ErrBadName):
				add(f.Key, config.Error, "secret.badname", leaf, value)
			case forCheck:
				add(f.Key, config.Warning, "secret.nodir.check", leaf, value, name)
			default:
				add(f.Key, config.Error, "secret.nodir", leaf, value, name, name)
			}
			continue
		}
		_, err := credential.Read(value, getenv)
		name := filepath.Base(value)
		switch {
		case credential.IsPermission(err):
			add(f.Key, config.Error, "secret.denied", leaf, value, name, value, leaf, name)
		case errors.Is(err, fs.ErrNotExist):
			add(f.Key, config.Error, "secret.missing", leaf, value)
		case errors.Is(err, credential.ErrEmpty):
			add(f.Key, config.Error, "secret.empty", leaf, value)
		case err != nil:
			add(f.Key, config.Error, "secret.read", leaf, value, err)
		case f.Key == "service.admin_password_file":
			if _, err := web.LoadPasswordHash(value); err != nil {
				add(f.Key, config.Error, "run.password", value, err)
			}
		}
	}
	// An admin password file, whatever its own problems, is a password.
	if forCheck && cfg.Service.AdminPasswordFile == "" {
		if err := web.CheckListen(cfg.Service.Listen, nil); err != nil {
			switch has, known := adminAccount(cfg.Service.DataDir); {
			case !known:
				add("service.listen", config.Warning, "secret.accountsunknown", cfg.Service.Listen)
			case !has:
				add("service.listen", config.Error, "run.nopassword", cfg.Service.Listen)
			}
		}
	}
	diags.Sort()
	return diags
}

// adminAccount reports whether the store holds an admin account, which
// stands for the admin password, and whether that could be known: a
// running daemon holds the store.
func adminAccount(dataDir string) (has, known bool) {
	db, err := store.Open(storePath(dataDir), store.Options{LockTimeout: 200 * time.Millisecond, ReadOnly: true})
	switch {
	case errors.Is(err, os.ErrNotExist):
		return false, true
	case err != nil:
		return false, false
	}
	defer db.Close()
	ok, err := web.HasAdmin(db)
	return ok, err == nil
}

// keyPositions returns where a key of the configuration file (dotted:
// channels.sms.password_file) is written; the file's first line when it
// cannot be found.
func keyPositions(file string) func(key string) plan.Pos {
	var root yaml.Node
	if data, err := os.ReadFile(file); err == nil {
		_ = yaml.Unmarshal(data, &root)
	}
	return func(key string) plan.Pos {
		n := &root
		if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
			n = n.Content[0]
		}
		var at *yaml.Node
		for _, part := range strings.Split(key, ".") {
			if n == nil || n.Kind != yaml.MappingNode {
				at = nil
				break
			}
			var next *yaml.Node
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == part {
					at, next = n.Content[i+1], n.Content[i+1]
					break
				}
			}
			if next == nil {
				at = nil
				break
			}
			n = next
		}
		if at == nil {
			return plan.Pos{File: file, Line: 1, Col: 1}
		}
		return plan.Pos{File: file, Line: at.Line, Col: at.Column}
	}
}
