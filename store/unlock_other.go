//go:build !unix

package store

import "os"

// release closes f, which bbolt could not close.
func release(f *os.File) { _ = f.Close() }
