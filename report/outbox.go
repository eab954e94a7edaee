package report

import (
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/store"
)

// score orders the deliveries of one notification by state (rank), a
// message sent above one the outbox kept: the best channel decides how
// the notification counts.
func score(d store.Delivery) int {
	s := 2 * rank[d.State]
	if d.State == store.Sent && !keptInOutbox(d) {
		s++
	}
	return s
}

// keptInOutbox reports whether d was kept in the outbox rather than sent.
func keptInOutbox(d store.Delivery) bool { return notify.KeptInOutbox(d.Where) }
