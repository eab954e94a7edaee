package main

import (
	"fmt"
	"runtime"

	"github.com/nhacviec/nhacviec/internal/buildinfo"
)

// versionCommand prints the version Go recorded in the binary: the module
// version (v1.2.3 when installed with go install …@v1.2.3, "(devel)" when
// built in a checkout), the VCS revision, its time and whether the tree
// was modified, and the Go version, so a bug report names the exact build.
func versionCommand(e *env, args []string) int {
	if len(args) > 0 {
		if wantsHelp(args) {
			return printHelp(e, "version")
		}
		fmt.Fprintf(e.stderr, "nhacviec version: thừa tham số %q / unexpected argument\n", args[0])
		return exitUsage
	}
	info := buildinfo.Read()
	fmt.Fprintf(e.stdout, "nhacviec %s\n", info.Version)
	rev := "revision " + info.Revision
	if info.Time != "" {
		rev += " " + info.Time
	}
	if info.Modified {
		rev += " (modified)"
	}
	fmt.Fprintln(e.stdout, rev)
	fmt.Fprintf(e.stdout, "%s %s/%s\n", info.GoVersion, runtime.GOOS, runtime.GOARCH)
	return exitOK
}

// version is the module version, as calendars name their producer.
var version = buildinfo.Read().Version
