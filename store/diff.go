package store

import udiff "github.com/aymanbagabas/go-udiff"

// Diff returns the unified diff (diff -u) that turns a into b, with the
// file names from and to in its header, or "" when they are equal: the Go
// tools' own diff (golang.org/x/tools/internal/diff, exported by go-udiff).
func Diff(from, to string, a, b []byte) string {
	return udiff.Unified(from, to, string(a), string(b))
}
