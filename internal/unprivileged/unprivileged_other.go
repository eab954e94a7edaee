//go:build !linux

// Package unprivileged lets a test see file permissions as an ordinary
// user does when it runs as root (as in CI containers), where root's
// capabilities would let it read and write any file.
package unprivileged

import (
	"os"
	"testing"
)

// Run runs fn so that file permissions apply to it; outside Linux, only
// when the tests do not run as root (fn is skipped otherwise).
func Run(t testing.TB, fn func()) {
	t.Helper()
	if os.Geteuid() == 0 {
		t.Skip("root ignores file permissions, and dropping that privilege is done on Linux only")
	}
	fn()
}
