package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/term"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
	"github.com/nhacviec/nhacviec/web"
)

// userCommand manages the accounts of the web pages, kept in the store:
//
//	nhacviec user add NAME --role admin|editor|viewer [--plans ID,…]
//	nhacviec user list
//	nhacviec user passwd NAME
//	nhacviec user remove NAME
//
// Through the running daemon's control socket, else on the store file,
// as ack does. A password is asked twice, without echo on a terminal, or
// read as two lines from stdin; only its bcrypt hash leaves the command.
type userCommand struct {
	env *env
	// stdin is where passwords are read (os.Stdin if nil): tests set it.
	stdin io.Reader
}

// Run runs nhacviec user.
func (c *userCommand) Run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(c.env.stderr, "nhacviec user: "+tr(lang.Vietnamese, "user.usage"))
		return exitUsage
	}
	op := args[0]
	fs := newFlagSet("user "+op, c.env.stderr)
	config := configFlag(fs)
	role := fs.String("role", "", "admin | editor | viewer")
	plans := fs.String("plans", "", "các kế hoạch người biên tập được sửa / the plans an editor edits: ID,…")
	// The name may stand before, between or after the flags.
	var names []string
	for rest := args[1:]; ; {
		if err := fs.Parse(rest); err != nil {
			return parseExit(err)
		}
		if fs.NArg() == 0 {
			break
		}
		names, rest = append(names, fs.Arg(0)), fs.Args()[1:]
	}
	wantName := op != "list"
	if op != "add" && op != "list" && op != "passwd" && op != "remove" || wantName != (len(names) == 1) || !wantName && len(names) > 0 {
		fmt.Fprintln(c.env.stderr, "nhacviec user: "+tr(lang.Vietnamese, "user.usage"))
		return exitUsage
	}
	cfg, _ := c.env.load(ctx, c.env.configPath(*config), c.env.stderr, false)
	if cfg == nil {
		return exitInvalid
	}
	lng := cfg.Service.Language
	fail := func(code int, key string, args ...any) int {
		fmt.Fprintln(c.env.stderr, "nhacviec user "+op+": "+tr(lng, key, args...))
		return code
	}
	if op == "list" {
		return c.list(cfg, fail)
	}
	req := web.AccountRequest{Op: op, Account: store.Account{Name: names[0]}}
	switch op {
	case "add":
		req.Account.Role = store.Role(*role)
		if !store.ValidAccountName(req.Account.Name) {
			return fail(exitInvalid, "user.badname", req.Account.Name)
		}
		if !req.Account.Role.Valid() {
			return fail(exitUsage, "user.badrole", *role)
		}
		if *plans != "" {
			req.Account.Plans = strings.Split(*plans, ",")
		}
		if req.Account.Role != store.RoleEditor && len(req.Account.Plans) > 0 {
			return fail(exitUsage, "user.plansrole")
		}
		for _, id := range req.Account.Plans {
			if cfg.Plan(id) == nil {
				return fail(exitInvalid, "user.noplan", id)
			}
		}
		if name := req.Account.Name; name == web.AccountAdminFile && cfg.Service.AdminPasswordFile != "" {
			return fail(exitInvalid, "user.adminfile", name, cfg.Service.AdminPasswordFile)
		}
		fallthrough
	case "passwd":
		hash, code := readNewPassword(c.stdin, c.env.stderr, lng, "nhacviec user "+op, tr(lng, "user.prompt", req.Account.Name))
		if code != exitOK {
			return code
		}
		req.Account.PasswordHash = string(hash)
	}
	res, code := c.apply(cfg, lng, req, fail)
	if code != exitOK {
		return code
	}
	switch res.Code {
	case "":
		args := []any{req.Account.Name}
		if op == "add" {
			args = append(args, req.Account.Role)
		}
		fmt.Fprintln(c.env.stdout, tr(lng, "user.done."+op, args...))
		return exitOK
	case "exists", "not_found":
		return fail(exitInvalid, "user."+res.Code, req.Account.Name)
	case "invalid":
		return fail(exitInvalid, "user.invalid", res.Detail)
	}
	return fail(exitRuntime, "user.failed", res.Detail)
}

// apply sends req to the running daemon, else applies it to the store.
func (c *userCommand) apply(cfg *plan.Config, lng lang.Lang, req web.AccountRequest, fail func(int, string, ...any) int) (web.AccountResult, int) {
	body, _ := json.Marshal(req)
	rc, err := controlDo(cfg.Service.DataDir, "POST", "/-/users", bytes.NewReader(body))
	if errors.Is(err, errNoDaemon) {
		db, code := c.openStore(cfg, lng, fail)
		if db == nil {
			return web.AccountResult{}, code
		}
		defer db.Close()
		return web.ApplyAccount(db, req), exitOK
	}
	if err != nil {
		return web.AccountResult{}, fail(exitRuntime, "user.failed", err)
	}
	defer rc.Close()
	var res web.AccountResult
	if err := json.NewDecoder(rc).Decode(&res); err != nil {
		return web.AccountResult{}, fail(exitRuntime, "user.failed", err)
	}
	return res, exitOK
}

// list prints the accounts: name, role, plans, created.
func (c *userCommand) list(cfg *plan.Config, fail func(int, string, ...any) int) int {
	lng := cfg.Service.Language
	var all []store.Account
	rc, err := controlGet(cfg.Service.DataDir, "/-/users")
	switch {
	case errors.Is(err, errNoDaemon):
		db, code := c.openStore(cfg, lng, fail)
		if db == nil {
			return code
		}
		defer db.Close()
		if all, err = db.Accounts(); err != nil {
			return fail(exitRuntime, "user.failed", err)
		}
	case err != nil:
		return fail(exitRuntime, "user.failed", err)
	default:
		defer rc.Close()
		if err := json.NewDecoder(rc).Decode(&all); err != nil {
			return fail(exitRuntime, "user.failed", err)
		}
	}
	tw := tabwriter.NewWriter(c.env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, tr(lng, "user.list.head"))
	if f := cfg.Service.AdminPasswordFile; f != "" {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", web.AccountAdminFile, store.RoleAdmin, "*", f)
	}
	for _, a := range all {
		ps := strings.Join(a.Plans, ",")
		switch {
		case a.Role == store.RoleAdmin:
			ps = "*"
		case ps == "":
			ps = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", a.Name, a.Role, ps, formatTime(a.Created.In(cfg.Service.Location)))
	}
	tw.Flush()
	return exitOK
}

// openStore opens the store for writing. On a new installation (no store,
// no secret, no socket) it makes the store and the secret, as the first
// run would, so that accounts can exist before the daemon first starts.
func (c *userCommand) openStore(cfg *plan.Config, lng lang.Lang, fail func(int, string, ...any) int) (*store.DB, int) {
	dataDir := cfg.Service.DataDir
	path := storePath(dataDir)
	fresh := storeIsNew(path) && installed(dataDir) == ""
	if fresh {
		if err := os.MkdirAll(dataDir, 0o750); err != nil {
			return nil, fail(exitRuntime, "run.datadir", dataDir, err)
		}
		if _, err := ack.LoadOrCreateSecret(dataDir); err != nil {
			return nil, fail(exitRuntime, "run.secret", filepath.Join(dataDir, ack.SecretFile), err)
		}
	}
	db, err := store.Open(path, store.Options{LockTimeout: time.Second, MustExist: !fresh, Now: c.env.now})
	if err != nil {
		fmt.Fprintf(c.env.stderr, "nhacviec user: %s\n", storeError(lng, path, err))
		return nil, exitRuntime
	}
	return db, exitOK
}

// hasAdmin reports whether the store holds an admin account, for run's
// check of a listen address open to other machines.
func hasAdmin(db *store.DB) bool {
	ok, _ := web.HasAdmin(db)
	return ok
}

// readNewPassword asks for a new password twice, on stderr: without echo
// when stdin (os.Stdin if nil) is a terminal, else as two lines. It
// returns its bcrypt hash, or the exit code of a failure it has reported
// as command's.
func readNewPassword(stdin io.Reader, stderr io.Writer, lng lang.Lang, command, prompt string) ([]byte, int) {
	fail := func(code int, key string, args ...any) ([]byte, int) {
		fmt.Fprintln(stderr)
		fmt.Fprintln(stderr, command+": "+tr(lng, key, args...))
		return nil, code
	}
	read := func() ([]byte, error) { return nil, io.EOF }
	if stdin == nil && term.IsTerminal(int(os.Stdin.Fd())) {
		read = func() ([]byte, error) {
			b, err := term.ReadPassword(int(os.Stdin.Fd()))
			fmt.Fprintln(stderr)
			return b, err
		}
	} else {
		if stdin == nil {
			stdin = os.Stdin
		}
		r := bufio.NewReader(stdin)
		read = func() ([]byte, error) { return readLine(r) }
	}
	fmt.Fprint(stderr, prompt)
	first, err := read()
	if err == nil {
		fmt.Fprint(stderr, tr(lng, "passwd.again"))
		var second []byte
		if second, err = read(); err == nil && !bytes.Equal(first, second) {
			return fail(exitInvalid, "passwd.mismatch")
		}
	}
	switch {
	case errors.Is(err, io.EOF) || (err == nil && len(first) == 0):
		return fail(exitInvalid, "passwd.missing")
	case err != nil:
		return fail(exitRuntime, "passwd.read", err)
	case len([]rune(string(first))) < minPassword:
		return fail(exitInvalid, "passwd.short", minPassword)
	}
	hash, err := web.HashPassword(first)
	if errors.Is(err, web.ErrBadPassword) {
		return fail(exitInvalid, "passwd.long")
	}
	if err != nil {
		return fail(exitRuntime, "passwd.read", err)
	}
	fmt.Fprintln(stderr)
	return hash, exitOK
}
