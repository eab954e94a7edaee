package web

import (
	"github.com/nhacviec/nhacviec/progress"
)

// Where each unit stands with each deadline, for the dashboard's matrix
// and the overdue count of the metrics, is progress's to say: a unit's
// state for an occurrence is the first that holds of done, escalated,
// overdue, received and not yet due (progress.State). The matrix shows
// the occurrences progress judges: not those that fell overdue before the
// daemon followed the plan (progress.Board.Judged).

// boardStore is what the dashboard reads of the store besides the token
// index and the pauses: the acknowledgements and the deliveries, which
// progress and the status report read.
type boardStore interface {
	progress.Store
}
