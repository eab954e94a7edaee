package syncbuf

import (
	"strings"
	"sync"
	"testing"
)

// TestBuffer: writes from many goroutines all land, whole; past Max they
// are dropped but reported written.
func TestBuffer(t *testing.T) {
	var b Buffer
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				b.Write([]byte("ab\n"))
			}
		})
	}
	wg.Wait()
	if got := strings.Count(b.String(), "ab\n"); got != 800 {
		t.Errorf("got %d lines, want 800", got)
	}

	capped := Buffer{Max: 4}
	for _, w := range []string{"abc", "def", "ghi"} {
		if n, err := capped.Write([]byte(w)); n != len(w) || err != nil {
			t.Errorf("Write(%q) = %d, %v; want %d, nil", w, n, err, len(w))
		}
	}
	if got := capped.String(); got != "abcdef" {
		t.Errorf("capped buffer holds %q, want %q (writes stop once it holds Max bytes)", got, "abcdef")
	}
}
