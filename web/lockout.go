package web

import (
	"cmp"
	"net"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/plan"
)

// Lockouts: what keeps a guesser from trying codes or passwords until one
// works.
//
//   - SMS codes have four digits: after smsStrikes wrong codes from one
//     phone number within an hour, that number is answered 429, and
//     nothing it sends is recorded, not even a right code, for an hour.
//     A right code does not wipe the count: a unit's own phone, which
//     knows one right code, could otherwise guess without end. The
//     officer sees the locked numbers on the dashboard (lockViews).
//   - Passwords (HTTP Basic and the login page): after adminStrikes
//     wrong passwords from one address, or for the name of an account
//     from anywhere, the next tries are answered 429 with Retry-After for a
//     minute, then two, four… up to an hour; a right password clears
//     both counts. The control socket is never locked out.
//
// The counts live in memory, in a map whose stale entries go at the next
// failure: a restart forgives everyone, which costs a guesser a restart
// of the daemon it cannot cause. Time is the server's clock (Options.Now).

const (
	smsStrikes   = 5
	adminStrikes = 5
	// maxStrikers bounds the entries kept: past it, a new address or
	// number is not counted (the count of the name admin still is).
	maxStrikers = 10000
)

// lockout counts failures per key and locks a key that has too many.
type lockout struct {
	max    int           // failures that lock
	window time.Duration // a count not locked by then starts over
	lock   time.Duration // the first lock; each further failure doubles it
	cap    time.Duration // the longest lock
	memory time.Duration // how long the count is kept after a lock ends

	mu   sync.Mutex
	keys map[string]*strikes
}

// strikes is one key's count.
type strikes struct {
	n     int
	first time.Time // the first failure counted
	until time.Time // locked until; zero if not locked
}

// newSMSLockout locks a phone number for an hour after smsStrikes wrong
// codes within an hour.
func newSMSLockout() *lockout {
	return &lockout{max: smsStrikes, window: time.Hour, lock: time.Hour, cap: time.Hour, keys: map[string]*strikes{}}
}

// newAdminLockout locks an address or a name for a minute after
// adminStrikes wrong passwords within an hour, twice as long after each
// further one, up to an hour; the count is kept an hour after a lock.
func newAdminLockout() *lockout {
	return &lockout{max: adminStrikes, window: time.Hour, lock: time.Minute, cap: time.Hour, memory: time.Hour, keys: map[string]*strikes{}}
}

// stale reports whether st is forgotten at now.
func (l *lockout) stale(st *strikes, now time.Time) bool {
	if st.until.IsZero() {
		return !now.Before(st.first.Add(l.window))
	}
	return !now.Before(st.until.Add(l.memory))
}

// locked returns until when key is locked, or false.
func (l *lockout) locked(key string, now time.Time) (time.Time, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	st := l.keys[key]
	if st == nil || !now.Before(st.until) {
		return time.Time{}, false
	}
	return st.until, true
}

// fail counts a failure of key at now, and returns until when it is now
// locked (zero if it is not).
func (l *lockout) fail(key string, now time.Time) time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	st := l.keys[key]
	if st == nil || l.stale(st, now) {
		if st == nil && len(l.keys) >= maxStrikers {
			l.sweep(now)
			if len(l.keys) >= maxStrikers {
				return time.Time{}
			}
		}
		st = &strikes{first: now}
		l.keys[key] = st
	}
	st.n++
	if st.n >= l.max {
		d := l.lock << min(st.n-l.max, 20)
		st.until = now.Add(min(d, l.cap))
	}
	return st.until
}

// forgive clears the count of key.
func (l *lockout) forgive(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.keys, key)
}

// sweep removes the stale entries. The caller holds l.mu.
func (l *lockout) sweep(now time.Time) {
	for k, st := range l.keys {
		if l.stale(st, now) {
			delete(l.keys, k)
		}
	}
}

// lockedKeys returns the keys locked at now, with until when.
func (l *lockout) lockedKeys(now time.Time) map[string]time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := map[string]time.Time{}
	for k, st := range l.keys {
		if now.Before(st.until) {
			out[k] = st.until
		}
	}
	return out
}

// loginKeys are the keys a login counts against: the client's address
// (an IPv6 client by its /64, which one machine usually has whole) and,
// when it is an account's (known), the name; names of no account would
// only fill the map.
func loginKeys(r *http.Request, user string, known bool) []string {
	addr := clientHost(r)
	if ip := net.ParseIP(addr); ip != nil && ip.To4() == nil {
		addr = (&net.IPNet{IP: ip.Mask(net.CIDRMask(64, 128)), Mask: net.CIDRMask(64, 128)}).String()
	}
	keys := []string{"addr " + addr}
	if known {
		keys = append(keys, "user "+user)
	}
	return keys
}

// tooManyTries answers 429 with Retry-After until until.
func (s *Server) tooManyTries(w http.ResponseWriter, r *http.Request, until time.Time, fail func(http.ResponseWriter, *http.Request, error)) {
	retryAfter(w, until.Sub(s.opts.Now()))
	fail(w, r, Errorf(ETOOMANY, "error.toomany", s.serviceTime(until)))
}

// retryAfter sets Retry-After to d, in whole seconds rounded up.
func retryAfter(w http.ResponseWriter, d time.Duration) {
	w.Header().Set("Retry-After", strconv.FormatInt(int64(max((d+time.Second-1)/time.Second, 1)), 10))
}

// serviceTime formats t as a time of day and date in the service's time
// zone, for a person.
func (s *Server) serviceTime(t time.Time) string {
	loc := time.Local
	if cfg := s.config(); cfg != nil && cfg.Service.Location != nil {
		loc = cfg.Service.Location
	}
	return t.In(loc).Format("15:04 02/01/2006")
}

// lockView is one phone number locked out of SMS replies, for the
// dashboard.
type lockView struct {
	Phone, Units, Until string
}

// lockViews lists the phone numbers locked out of SMS replies now, in
// order of number.
func (s *Server) lockViews(cfg *plan.Config) []lockView {
	now := s.opts.Now()
	locked := s.smsLocks.lockedKeys(now)
	out := make([]lockView, 0, len(locked))
	for phone, until := range locked {
		v := lockView{Phone: phone, Until: s.serviceTime(until)}
		for i, o := range ack.PhoneOwners(cfg, phone) {
			if i > 0 {
				v.Units += ", "
			}
			v.Units += cfg.UnitName(o.Unit)
		}
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b lockView) int { return cmp.Compare(a.Phone, b.Phone) })
	return out
}
