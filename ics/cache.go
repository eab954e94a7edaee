package ics

import (
	"sync"

	"github.com/nhacviec/nhacviec/plan"
)

// Cache keeps the events of the configuration in force: a reload swaps
// the configuration, and the next call builds them anew. Its zero value
// is ready; it is safe for concurrent use.
type Cache struct {
	mu     sync.Mutex
	cfg    *plan.Config
	events []Event
}

// Events returns Events(cfg), built once per configuration. The events
// are shared: a caller copies one before it sets its URL or Alarms.
func (c *Cache) Events(cfg *plan.Config) []Event {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cfg != cfg {
		c.cfg, c.events = cfg, Events(cfg)
	}
	return c.events
}

// Event returns the event whose UID is uid, a copy, or false.
func (c *Cache) Event(cfg *plan.Config, uid string) (Event, bool) {
	for _, e := range c.Events(cfg) {
		if e.UID == uid {
			return e, true
		}
	}
	return Event{}, false
}
