package main

import (
	"errors"
	"log/slog"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/notify/email"
	"github.com/nhacviec/nhacviec/notify/outbox"
	"github.com/nhacviec/nhacviec/notify/sms"
	"github.com/nhacviec/nhacviec/notify/zalo"
	"github.com/nhacviec/nhacviec/plan"
)

// channels are the notifiers of a run: the configured email server and
// SMS relay, and the outbox for any channel that is not configured (or for
// every channel, in a rehearsal without --deliver).
type channels struct {
	byName map[string]notify.Notifier
	email  *email.Sender
	box    *outbox.Outbox
}

// openChannels opens the channels of cfg. tokens keeps the Zalo channel's
// refresh token; without it (test-send, beside a running daemon) a Zalo
// channel that renews its own token is left to the outbox, so that the
// daemon's refresh token is never spent behind its back.
func openChannels(cfg *plan.Config, box *outbox.Outbox, real bool, getenv func(string) string, log *slog.Logger, tokens zalo.TokenStore) (*channels, error) {
	c := &channels{box: box, byName: map[string]notify.Notifier{plan.ChannelEmail: box, plan.ChannelSMS: box,
		plan.ChannelZalo: box, plan.ChannelWebhook: box}}
	box.SMS = notify.SMSLimitsOf(cfg.Channels.SMS) // its SMS files as the relay would send them
	if !real {
		return c, nil
	}
	if ch := cfg.Channels.Email; ch != nil {
		s, err := email.New(ch, email.Options{Getenv: getenv, Logger: log})
		if err != nil {
			return nil, err
		}
		c.email = s
		c.byName[plan.ChannelEmail] = s
	}
	if ch := cfg.Channels.SMS; ch != nil {
		s, err := sms.New(ch, sms.Options{Getenv: getenv, Logger: log})
		if err != nil {
			c.close()
			return nil, err
		}
		c.byName[plan.ChannelSMS] = s
	}
	if err := c.openMore(cfg, getenv, log, tokens); err != nil { // channels_zalo.go
		c.close()
		return nil, err
	}
	return c, nil
}

// viaOutbox reports whether channel ch writes to the outbox.
func (c *channels) viaOutbox(ch string) bool {
	_, ok := c.byName[ch].(*outbox.Outbox)
	return ok
}

func (c *channels) close() error {
	var errs []error
	if c.email != nil {
		errs = append(errs, c.email.Close())
	}
	return errors.Join(errs...)
}

// workers is how many notifications the scheduler sends at once: one per
// SMTP connection when email goes to a server, else one, which keeps a
// crash to at most one repeated message.
func (c *channels) workers(cfg *plan.Config) int {
	if c.email != nil && cfg.Channels.Email.Connections > 1 {
		return cfg.Channels.Email.Connections
	}
	return 1
}
