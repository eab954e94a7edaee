package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/nhacviec/nhacviec/internal/credential"
	"github.com/nhacviec/nhacviec/lang"
)

// passwdCommand sets the admin password of the dashboard: it reads the
// password twice from stdin and writes its bcrypt hash (cost 12), mode
// 0600, to OUTFILE or to service.admin_password_file.
//
// The password is asked without echo on a terminal, or read as two
// lines from stdin (readNewPassword):
//
//	printf '%s\n%s\n' "$PW" "$PW" | nhacviec passwd /etc/nhacviec/admin-password
type passwdCommand struct {
	env *env
	// stdin is where the password is read (os.Stdin if nil): tests set it.
	stdin io.Reader
}

// minPassword is the shortest admin password accepted, in characters.
const minPassword = 8

// Run runs nhacviec passwd.
func (c *passwdCommand) Run(ctx context.Context, args []string) int {
	fs := newFlagSet("passwd", c.env.stderr)
	config := configFlag(fs)
	if err := fs.Parse(args); err != nil {
		return parseExit(err)
	}
	lng := lang.Vietnamese
	if fs.NArg() > 1 {
		fmt.Fprintln(c.env.stderr, "nhacviec passwd: "+tr(lng, "passwd.usage"))
		return exitUsage
	}
	out := fs.Arg(0)
	if out == "" {
		path := c.env.configPath(*config)
		cfg, _ := c.env.load(ctx, path, c.env.stderr, false)
		if cfg == nil {
			return exitInvalid
		}
		lng = cfg.Service.Language
		if out = cfg.Service.AdminPasswordFile; out == "" {
			fmt.Fprintln(c.env.stderr, "nhacviec passwd: "+tr(lng, "passwd.nofile", path))
			return exitUsage
		}
		if name, ok := credential.Name(out); ok {
			// systemd's copy is read-only; the file to write is the one
			// LoadCredential= names.
			fmt.Fprintln(c.env.stderr, "nhacviec passwd: "+tr(lng, "passwd.credential", out, name, name))
			return exitUsage
		}
	}

	hash, code := readNewPassword(c.stdin, c.env.stderr, lng, "nhacviec passwd", tr(lng, "passwd.prompt.admin"))
	if code != exitOK {
		return code
	}
	if err := writeAtomic(out, bytes.NewReader(append(hash, '\n'))); err != nil {
		fmt.Fprintln(c.env.stderr, "nhacviec passwd: "+tr(lng, "passwd.write", out, err))
		return exitRuntime
	}
	fmt.Fprintln(c.env.stdout, tr(lng, "passwd.done", out, out))
	return exitOK
}

// readLine reads one line, without its line ending. A last line without
// one counts; nothing at all is io.EOF.
func readLine(r *bufio.Reader) ([]byte, error) {
	line, err := r.ReadBytes('\n')
	if errors.Is(err, io.EOF) && len(line) > 0 {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	return []byte(strings.TrimRight(string(line), "\r\n")), nil
}
