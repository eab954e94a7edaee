// Package notify turns a plan's notifications into complete messages, one
// per unit and channel, in the service language, and defines the Notifier
// that delivers them. Its sub-packages are the channels: notify/email,
// notify/sms, notify/zalo (Zalo's ZNS templates), notify/webhook (signed
// JSON to a commune's own systems), and notify/outbox, which writes every
// message to disk when a channel is not configured.
package notify
