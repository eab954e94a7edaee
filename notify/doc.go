// Package notify turns a plan's notifications into complete messages, one
// per unit and channel, in the service language, and defines the Notifier
// that delivers them. Its sub-packages are the channels: notify/email,
// notify/sms, and notify/outbox, which writes every message to disk when a
// channel is not configured.
package notify
