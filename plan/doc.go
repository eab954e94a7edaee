// Package plan reads nhacviec's configuration file: the service settings,
// the channels, the units and groups, and the plans with their tasks. It
// validates everything with positions (FILE:LINE:COL) in the service
// language, and expands a plan into the notifications it will send, as an
// iterator whose memory grows with the number of rules, not of occurrences.
//
// It does no I/O beyond reading the configuration and plan files.
package plan
