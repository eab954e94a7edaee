// Package progress decides where a unit stands with a deadline
// occurrence: not yet due, received, done, overdue or escalated. It is
// the one definition of a unit "late" with a report (past due + grace, not
// reported done, while the daemon followed the plan): the owner's digest,
// the dashboard, the metrics and the status report all ask it.
package progress
