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

func init() {
	for k, v := range map[string][2]string{
		"passwd.usage":    {"cách dùng: nhacviec passwd [-c FILE] [OUTFILE]", "usage: nhacviec passwd [-c FILE] [OUTFILE]"},
		"passwd.nofile":   {"chưa biết ghi vào đâu: hãy ghi tên tệp (nhacviec passwd OUTFILE), hoặc đặt service.admin_password_file trong %s", "nowhere to write: name a file (nhacviec passwd OUTFILE), or set service.admin_password_file in %s"},
		"passwd.prompt":   {"Mật khẩu quản trị (sẽ hiện trên màn hình): ", "Admin password (it shows on the screen): "},
		"passwd.again":    {"Nhập lại mật khẩu: ", "Type it again: "},
		"passwd.read":     {"không đọc được mật khẩu: %v", "cannot read the password: %v"},
		"passwd.missing":  {"thiếu mật khẩu: hãy nhập mật khẩu hai lần, mỗi lần một dòng", "no password: type it twice, one line each"},
		"passwd.mismatch": {"hai lần nhập mật khẩu không giống nhau; không ghi gì. Hãy chạy lại lệnh", "the two passwords differ; nothing was written. Run the command again"},
		"passwd.short":    {"mật khẩu quá ngắn: cần ít nhất %d ký tự", "the password is too short: at least %d characters"},
		"passwd.long":     {"mật khẩu quá dài: tối đa 72 byte", "the password is too long: at most 72 bytes"},
		"passwd.write":    {"không ghi được %s: %v", "cannot write %s: %v"},
		"passwd.done":     {"Đã ghi mã băm mật khẩu quản trị vào %s (chỉ chủ tệp đọc được). Đặt service.admin_password_file: %s trong tệp cấu hình rồi khởi động lại dịch vụ. Đăng nhập bảng theo dõi với tên admin.", "Wrote the admin password's hash to %s (readable by its owner only). Set service.admin_password_file: %s in the configuration and restart the service. Log in to the dashboard as admin."},
	} {
		if _, dup := messages[k]; dup {
			panic("main: message " + k + " is defined twice")
		}
		messages[k] = v
	}
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
		cfg, _ := c.env.load(path, c.env.stderr, false)
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
