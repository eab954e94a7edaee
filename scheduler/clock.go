package scheduler

import (
	"sync"
	"time"
)

// Clock is where the scheduler reads the time and waits. The real clock
// is the wall clock; a rehearsal runs a faster virtual one; tests drive a
// fake one by hand.
type Clock interface {
	Now() time.Time
	// After returns a channel that receives once d of this clock's time has
	// passed.
	After(d time.Duration) <-chan time.Time
}

// RealClock is the wall clock.
type RealClock struct{}

// Now returns the current time.
func (RealClock) Now() time.Time { return time.Now() }

// After waits on the wall clock.
func (RealClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// VirtualClock is the clock of a rehearsal: it starts at a chosen time and
// its waits last Speed times less than on the wall clock. Its time moves
// only when a wait ends, so however long a burst of sends takes on a busy
// machine, nothing falls behind the rehearsal's own time.
type VirtualClock struct {
	mu    sync.Mutex
	now   time.Time
	speed float64
}

// NewVirtualClock returns a clock that reads start and then runs speed
// times faster than real time.
func NewVirtualClock(start time.Time, speed float64) *VirtualClock {
	if speed <= 0 {
		speed = 1
	}
	return &VirtualClock{now: start, speed: speed}
}

// Now returns the virtual time.
func (c *VirtualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// After waits d of virtual time, then moves the clock to its end.
func (c *VirtualClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	target := c.now.Add(d)
	c.mu.Unlock()
	ch := make(chan time.Time, 1)
	time.AfterFunc(time.Duration(float64(d)/c.speed), func() {
		c.mu.Lock()
		if c.now.Before(target) {
			c.now = target
		}
		now := c.now
		c.mu.Unlock()
		ch <- now
	})
	return ch
}

// FakeClock only moves when told to, for tests.
type FakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []fakeWaiter
	// Waits receives the duration of every After call, so a test can wait
	// until the scheduler sleeps.
	Waits chan time.Duration
}

type fakeWaiter struct {
	at time.Time
	ch chan time.Time
}

// NewFakeClock returns a clock stopped at t.
func NewFakeClock(t time.Time) *FakeClock {
	return &FakeClock{now: t, Waits: make(chan time.Duration, 1024)}
}

// Now returns the fake time.
func (c *FakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// After returns a channel that fires when the clock is advanced past d.
func (c *FakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	ch := make(chan time.Time, 1)
	c.waiters = append(c.waiters, fakeWaiter{at: c.now.Add(d), ch: ch})
	c.mu.Unlock()
	select {
	case c.Waits <- d:
	default:
	}
	return ch
}

// Set moves the clock to t (forward or back, as a clock jump would) and
// fires every waiter that is due; it returns how many it fired.
func (c *FakeClock) Set(t time.Time) int {
	c.mu.Lock()
	c.now = t
	kept := c.waiters[:0]
	var fire []fakeWaiter
	for _, w := range c.waiters {
		if !w.at.After(t) {
			fire = append(fire, w)
		} else {
			kept = append(kept, w)
		}
	}
	c.waiters = kept
	c.mu.Unlock()
	for _, w := range fire {
		w.ch <- t
	}
	return len(fire)
}

// Advance moves the clock forward by d.
func (c *FakeClock) Advance(d time.Duration) int { return c.Set(c.Now().Add(d)) }
