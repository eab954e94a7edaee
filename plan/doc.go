// Package plan is the model of nhacviec's configuration (the service, the
// channels, the units and groups, the plans with their tasks, reminders
// and deadlines) and its expansion into the notifications it will send, as
// an iterator whose memory grows with the number of rules, not of
// occurrences. Package config reads it from the files.
package plan
