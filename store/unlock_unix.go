//go:build unix

package store

import (
	"os"
	"syscall"
)

// release drops the lock bbolt took on f and closes f. Closing alone is not
// enough: the memory map bbolt could not undo keeps the open file, and so its
// lock, alive.
func release(f *os.File) {
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	_ = f.Close()
}
