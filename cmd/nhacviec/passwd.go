package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/web"
)

// passwdCommand sets the admin password of the dashboard: it reads the
// password twice from stdin and writes its bcrypt hash (cost 12), mode
// 0600, to OUTFILE or to service.admin_password_file.
//
// The password is read as lines, echoed by the terminal: hiding it would
// take golang.org/x/term for this one prompt. Run it where no one looks
// over the shoulder, or pipe the password in:
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
	}

	stdin := c.stdin
	if stdin == nil {
		stdin = os.Stdin
	}
	r := bufio.NewReader(stdin)
	fmt.Fprint(c.env.stderr, tr(lng, "passwd.prompt"))
	first, err := readLine(r)
	if err == nil {
		fmt.Fprint(c.env.stderr, tr(lng, "passwd.again"))
		var second []byte
		second, err = readLine(r)
		if err == nil && !bytes.Equal(first, second) {
			fmt.Fprintln(c.env.stderr)
			fmt.Fprintln(c.env.stderr, "nhacviec passwd: "+tr(lng, "passwd.mismatch"))
			return exitInvalid
		}
	}
	fmt.Fprintln(c.env.stderr)
	switch {
	case errors.Is(err, io.EOF) || (err == nil && len(first) == 0):
		fmt.Fprintln(c.env.stderr, "nhacviec passwd: "+tr(lng, "passwd.missing"))
		return exitInvalid
	case err != nil:
		fmt.Fprintln(c.env.stderr, "nhacviec passwd: "+tr(lng, "passwd.read", err))
		return exitRuntime
	case len([]rune(string(first))) < minPassword:
		fmt.Fprintln(c.env.stderr, "nhacviec passwd: "+tr(lng, "passwd.short", minPassword))
		return exitInvalid
	}
	hash, err := web.HashPassword(first)
	if errors.Is(err, web.ErrBadPassword) {
		fmt.Fprintln(c.env.stderr, "nhacviec passwd: "+tr(lng, "passwd.long"))
		return exitInvalid
	}
	if err != nil {
		fmt.Fprintln(c.env.stderr, "nhacviec passwd: "+err.Error())
		return exitRuntime
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
