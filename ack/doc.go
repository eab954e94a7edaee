// Package ack holds the rules of acknowledgements, apart from HTTP: the
// tokens of links and the SMS codes (HMACs under the service secret),
// which notification a link token, an SMS code from a unit's phone or a
// notification id counts for, and recording a receipt or a report done.
// The pages and SMS replies of web, the scheduler's links and the ack
// command all go through it.
package ack
