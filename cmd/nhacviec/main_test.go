package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts in testdata/script run `exec nhacviec …`: the
// test binary, copied under that name into $PATH, runs Main with the real
// streams and environment.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"nhacviec": func() { os.Exit(runScriptCommand(os.Args[1:])) },
	})
}

// runScriptCommand runs Main as the nhacviec binary would, except that the
// clock reads $NHACVIEC_NOW (RFC 3339) when a script sets it, so that what
// is past and what is coming does not depend on the day the tests run.
func runScriptCommand(args []string) int {
	now := time.Now
	if s := os.Getenv("NHACVIEC_NOW"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			fmt.Fprintf(os.Stderr, "test harness: NHACVIEC_NOW=%q is not RFC 3339: %v\n", s, err)
			return exitUsage
		}
		now = func() time.Time { return t }
	}
	// As in main: testscript interrupts a command that outlives the test.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Main(ctx, args, &env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, now: now})
}

// TestScripts runs the end-to-end scripts of testdata/script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"exitcode": cmdExitCode},
	})
}

// cmdExitCode is the script command `exitcode N prog [args...]`: it runs
// prog as exec does, keeping its stdout and stderr for the next checks,
// and fails unless prog exits with status N. `! exec` alone cannot tell
// invalid input (1) from a usage error (2) or a runtime failure (3).
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N prog [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %q is not a number", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}
