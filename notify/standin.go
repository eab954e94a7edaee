package notify

import "strings"

// Standin is a notifier that keeps a message instead of delivering it:
// the outbox, standing in for a channel that is not configured (or for
// every channel, in a rehearsal). What it kept was not sent, and the
// scheduler records and counts it so.
type Standin interface {
	Notifier
	StandsIn() bool
}

// ViaOutbox begins where a delivery went (store.Delivery.Where) when a
// Standin kept the message: "outbox: " and the file.
const ViaOutbox = "outbox: "

// KeptInOutbox reports whether where, a delivery's record of where it
// went, says the outbox kept the message rather than its channel.
func KeptInOutbox(where string) bool { return strings.HasPrefix(where, ViaOutbox) }
