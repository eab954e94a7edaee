package store

import (
	"errors"
	"fmt"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// groupCommit commits concurrent writes together, without a timer: a call
// joins the pending group; the first caller that finds no commit running
// leads, committing every pending call in one transaction, again and again
// until none is left. A lone writer commits at once (bbolt's Batch would
// make it wait for company), and the writers that arrive during a commit
// share the next one (with no delay, bbolt's Batch gives each its own).
type groupCommit struct {
	mu      sync.Mutex
	pending []groupCall
	leading bool
}

type groupCall struct {
	fn  func(*bolt.Tx) error
	err chan error
}

// errSolo asks a call whose function failed inside a group to run alone,
// so that its error does not undo the others' writes.
var errSolo = errors.New("run alone")

// do runs fn in a write transaction of update's (DB.commit), shared with
// the calls pending meanwhile.
func (g *groupCommit) do(update func(func(*bolt.Tx) error) error, fn func(*bolt.Tx) error) error {
	ch := make(chan error, 1)
	g.mu.Lock()
	g.pending = append(g.pending, groupCall{fn, ch})
	lead := !g.leading
	g.leading = true
	g.mu.Unlock()
	if lead {
		g.lead(update)
	}
	err := <-ch
	if err == errSolo {
		err = update(fn)
	}
	return err
}

func (g *groupCommit) lead(update func(func(*bolt.Tx) error) error) {
	var calls []groupCall
	defer func() {
		if r := recover(); r != nil {
			// A commit that faulted (a damaged file) fails every call of
			// its group and every call waiting; the leader's guard turns
			// the panic into ErrCorrupt.
			g.mu.Lock()
			rest := g.pending
			g.pending, g.leading = nil, false
			g.mu.Unlock()
			for _, c := range append(calls, rest...) {
				c.err <- corrupt("a commit was interrupted by a damaged page: %v", r)
			}
			panic(r)
		}
	}()
	for {
		g.mu.Lock()
		calls, g.pending = g.pending, nil
		if len(calls) == 0 {
			g.leading = false
			g.mu.Unlock()
			return
		}
		g.mu.Unlock()
		for len(calls) > 0 {
			failed := -1
			err := update(func(tx *bolt.Tx) error {
				for i, c := range calls {
					if err := c.fn(tx); err != nil {
						failed = i
						return fmt.Errorf("grouped write: %w", err)
					}
				}
				return nil
			})
			if failed >= 0 {
				calls[failed].err <- errSolo
				calls = append(calls[:failed], calls[failed+1:]...)
				continue
			}
			for _, c := range calls {
				c.err <- err
			}
			calls = nil
		}
	}
}
