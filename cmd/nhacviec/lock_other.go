//go:build !unix

package main

// lockDir does not lock where flock is missing: two rehearsals on one
// data_dir are the user's to avoid there.
func lockDir(string) (release func(), err error) { return func() {}, nil }
