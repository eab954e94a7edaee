// Command nhacviec runs an administrative plan's calendar: it reminds the
// responsible units, records their acknowledgements and chases the late.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
	_ "time/tzdata" // the binary runs on machines without a zoneinfo database
)

// Exit codes (SPEC §4).
const (
	exitOK      = 0
	exitInvalid = 1
	exitUsage   = 2
	exitRuntime = 3
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := Main(ctx, os.Args[1:], &env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, now: time.Now})
	stop()
	os.Exit(code)
}

// env is what a command may touch of the outside world, so tests can run
// the whole program in-process.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
}

// command is one subcommand.
type command interface {
	Run(ctx context.Context, args []string) int
}

// Main runs the command line args and returns the exit code.
func Main(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 {
		usage(e.stderr)
		return exitUsage
	}
	switch name := args[0]; name {
	case "version", "--version", "-version":
		return versionCommand(e, args[1:])
	case "help", "-h", "-help", "--help":
		return helpCommand(e, args[1:])
	case "completion":
		return completionCommand(e, args[1:])
	default:
		cmd := newCommand(name, e)
		if cmd == nil {
			fmt.Fprintf(e.stderr, "nhacviec: không có lệnh %q / unknown command %q\n\n", name, name)
			usage(e.stderr)
			return exitUsage
		}
		if wantsHelp(args[1:]) {
			return printHelp(e, name)
		}
		return cmd.Run(ctx, args[1:])
	}
}

// newCommand returns the subcommand called name, nil if there is none.
func newCommand(name string, e *env) command {
	switch name {
	case "check":
		return &checkCommand{env: e}
	case "agenda":
		return &agendaCommand{env: e}
	case "run":
		return &runCommand{env: e}
	case "status":
		return &statusCommand{env: e}
	case "backup":
		return &backupCommand{env: e}
	case "test-send":
		return &testSendCommand{env: e}
	case "ack":
		return &ackCommand{env: e}
	case "passwd":
		return &passwdCommand{env: e}
	case "user":
		return &userCommand{env: e}
	case "calendar":
		return &calendarCommand{env: e}
	case "plan":
		return &planCommand{env: e}
	case "import":
		return &importCommand{env: e}
	}
	return nil
}

func usage(w io.Writer) {
	fmt.Fprint(w, `nhacviec — nhắc việc theo kế hoạch / reminders for an administrative plan

Cách dùng / usage:
  nhacviec check   [-c FILE]                 kiểm tra tệp cấu hình và kế hoạch / validate the configuration
  nhacviec agenda  [-c FILE] [--from TIME] [--to TIME] [--unit ID] [--task ID] [--format table|json|csv|ics]
                                             liệt kê các thông báo sẽ gửi / list what will be sent
  nhacviec run     [-c FILE] [--new-store] [--new-secret] [--rehearse TIME [--speed N] [--until TIME] [--deliver]]
                                             chạy dịch vụ, hoặc diễn tập / run the daemon, or rehearse
  nhacviec status  [-c FILE] [--format table|json]
                                             tình hình gửi và xác nhận / what was sent and confirmed
  nhacviec ack     [-c FILE] ID|TOKEN|CODE [--unit ID] [--done] [--by NAME] [--note TEXT]
                                             ghi nhận thay đơn vị / acknowledge on a unit's behalf
  nhacviec test-send [-c FILE] --unit ID     gửi tin thử / send a test message
  nhacviec backup  [-c FILE] OUTFILE         sao lưu (OUTFILE và OUTFILE.secret) / back up the store and the secret
  nhacviec passwd  [-c FILE] [OUTFILE]       đặt mật khẩu quản trị / set the admin password
  nhacviec user    add NAME --role admin|editor|viewer [--plans ID,…] | list | passwd NAME | remove NAME [-c FILE]
                                             tài khoản trang quản lý / the web pages' accounts
  nhacviec calendar [-c FILE] [YEAR]         ngày nghỉ lễ, Tết và làm bù trong năm / a year's days off and weekends worked
  nhacviec plan roll FILE --to YEAR [-c FILE] [--plan ID] [--force] [--if-holiday next_working_day|previous_working_day|keep]
                                             lập kế hoạch năm mới từ kế hoạch cũ / next year's plan from last year's
  nhacviec import  FILE [--units CONFIG] [-o plan.yaml] [--force] [--lang vi|en]
                                             soạn bản nháp kế hoạch từ văn bản .docx, .txt / draft a plan from a document
  nhacviec version                           phiên bản / version
  nhacviec completion bash                   gợi ý lệnh bằng phím Tab / bash completion
  nhacviec help LỆNH|COMMAND                 hướng dẫn một lệnh / help on a command (= nhacviec LỆNH -h)

Tệp cấu hình / configuration file: -c FILE, $NHACVIEC_CONFIG, hoặc / or ./nhacviec.yaml
`)
}
