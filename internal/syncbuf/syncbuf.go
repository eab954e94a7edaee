// Package syncbuf is a buffer that goroutines may write to and read from
// at once: what the tests give a process or a server as its output, and
// read while it runs.
package syncbuf

import (
	"bytes"
	"sync"
)

// Buffer is a bytes.Buffer behind a mutex. With Max set, what comes once
// it holds Max bytes is dropped (and reported written), so that a chatty
// process run for long cannot fill the memory.
type Buffer struct {
	Max int
	mu  sync.Mutex
	b   bytes.Buffer
}

// Write appends p to the buffer, as bytes.Buffer.Write does.
func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Max > 0 && s.b.Len() >= s.Max {
		return len(p), nil
	}
	return s.b.Write(p)
}

// String returns what was written so far.
func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
