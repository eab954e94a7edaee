package web

import (
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/ics"
	"github.com/nhacviec/nhacviec/plan"
)

// ackLink returns the acknowledgement link of the last message sent, by
// now, among ns: the page where the unit confirms receipt or reports
// the work done. A link works once its message went (the scheduler
// records its token then), so a message still to come, or one skipped,
// gives none; "" when none has gone.
func (s *Server) ackLink(ns []ics.Notice, now time.Time) string {
	links := ack.NewLinks(s.publicURL(), s.opts.Secret)
	tries := 0
	for i := len(ns) - 1; i >= 0 && tries < 3; i-- {
		if ns[i].At.After(now) {
			continue
		}
		tries++
		n := &plan.Notification{ID: ns[i].ID}
		if _, err := s.opts.Store.Token(ack.NotificationToken(s.opts.Secret, n.ID)); err == nil {
			return links.AckURL(n)
		}
	}
	return ""
}
