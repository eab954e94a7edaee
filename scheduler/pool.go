package scheduler

import (
	"context"
	"sync"
)

// pool runs queued functions on n goroutines and keeps the first error.
// Up to queue functions wait their turn before do blocks, so that the next
// batch is prepared while the workers send this one. Once a function has
// failed, or stop is done, the functions still queued are dropped: their
// intents stay recorded, and are sent at the next start.
type pool struct {
	jobs    chan func() error
	workers sync.WaitGroup
	queued  sync.WaitGroup
	mu      sync.Mutex
	first   error
}

func newPool(stop context.Context, n, queue int) *pool {
	p := &pool{jobs: make(chan func() error, queue)}
	for range n {
		p.workers.Go(func() {
			for fn := range p.jobs {
				if stop.Err() == nil && p.err() == nil {
					if err := fn(); err != nil {
						p.mu.Lock()
						if p.first == nil {
							p.first = err
						}
						p.mu.Unlock()
					}
				}
				p.queued.Done()
			}
		})
	}
	return p
}

// do queues fn.
func (p *pool) do(fn func() error) {
	p.queued.Add(1)
	p.jobs <- fn
}

// err returns the first error of a function run.
func (p *pool) err() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.first
}

// drain waits until every function queued so far has run or been
// dropped, and returns the first error.
func (p *pool) drain() error {
	p.queued.Wait()
	return p.err()
}

// wait runs what is queued, then ends the workers.
func (p *pool) wait() error {
	close(p.jobs)
	p.workers.Wait()
	return p.err()
}
