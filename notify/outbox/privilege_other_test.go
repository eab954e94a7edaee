//go:build !linux

package outbox

import (
	"os"
	"testing"
)

// withoutPrivilege runs fn so that file permissions apply to it; outside
// Linux, only when the tests do not run as root.
func withoutPrivilege(t *testing.T, fn func()) {
	t.Helper()
	if os.Geteuid() == 0 {
		t.Skip("root ignores file permissions, and dropping that privilege is done on Linux only")
	}
	fn()
}
