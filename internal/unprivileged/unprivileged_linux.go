// Package unprivileged lets a test see file permissions as an ordinary
// user does when it runs as root (as in CI containers), where root's
// capabilities would let it read and write any file.
package unprivileged

import (
	"os"
	"runtime"
	"syscall"
	"testing"
	"unsafe"
)

// Run runs fn so that file permissions apply to it. As root, fn runs on
// a thread of its own that has dropped the capabilities that bypass file
// permissions; the thread is discarded afterwards, so the rest of the
// test keeps them.
func Run(t testing.TB, fn func()) {
	t.Helper()
	if os.Geteuid() != 0 {
		fn()
		return
	}
	type capHeader struct {
		version uint32
		pid     int32
	}
	type capData struct{ effective, permitted, inheritable uint32 }
	const (
		capVersion3    = 0x20080522
		capDACOverride = 1
		capDACRead     = 2
		capFowner      = 3
	)
	var failed error
	done := make(chan struct{})
	go func() {
		defer close(done)
		// Never unlocked: the thread ends with this goroutine, and its
		// lowered capabilities with it.
		runtime.LockOSThread()
		hdr := capHeader{version: capVersion3}
		var data [2]capData
		if _, _, e := syscall.RawSyscall(syscall.SYS_CAPGET, uintptr(unsafe.Pointer(&hdr)), uintptr(unsafe.Pointer(&data[0])), 0); e != 0 {
			failed = e
			return
		}
		data[0].effective &^= 1<<capDACOverride | 1<<capDACRead | 1<<capFowner
		if _, _, e := syscall.RawSyscall(syscall.SYS_CAPSET, uintptr(unsafe.Pointer(&hdr)), uintptr(unsafe.Pointer(&data[0])), 0); e != 0 {
			failed = e
			return
		}
		fn()
	}()
	<-done
	if failed != nil {
		t.Fatalf("drop the capabilities that bypass file permissions: %v", failed)
	}
}
