package main

import (
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/config"

	"github.com/nhacviec/nhacviec/notify"

	"github.com/nhacviec/nhacviec/notify/webhook"
	"github.com/nhacviec/nhacviec/notify/zalo"
	"github.com/nhacviec/nhacviec/plan"
)

// openMore opens the Zalo and webhook channels of cfg, where configured.
func (c *channels) openMore(cfg *plan.Config, getenv func(string) string, log *slog.Logger, tokens zalo.TokenStore) error {
	if ch := cfg.Channels.Zalo; ch != nil {
		if ch.RefreshTokenFile != "" && tokens == nil {
			log.Warn("zalo renews its access token only in the daemon: its messages go to the outbox here")
		} else {
			s, err := zalo.New(ch, zalo.Options{Getenv: getenv, Store: tokens, Logger: log})
			if err != nil {
				return err
			}
			c.byName[plan.ChannelZalo] = s
		}
	}
	if ch := cfg.Channels.Webhook; ch != nil {
		s, err := webhook.New(ch, webhook.Options{Version: version})
		if err != nil {
			return err
		}
		c.byName[plan.ChannelWebhook] = s
	}
	return nil
}

// fieldTest gives test-send's message m the fields of Zalo and the
// webhook: kind "test" for the webhook; for Zalo, whose approved
// templates are the only messages it sends, the reminder's template
// filled with the test's subject as the task.
func fieldTest(m *notify.Message, cfg *plan.Config, unit *plan.Unit, contact plan.Contact, now time.Time) {
	m.Data = &notify.Data{Lang: cfg.Service.Language, Kind: "test", Unit: unit.ID, At: now,
		UnitName: unit.Name, TaskTitle: m.Subject}
	if m.Channel == plan.ChannelZalo {
		m.Data.Kind = string(plan.KindReminder)
		m.To = []notify.Address{{Name: contact.Name, Phone: contact.Phone}}
	}
}

// warnUnconfigured says at start, one line a channel, which units ask
// for a channel that is not configured: their messages on it are only
// written to the outbox.
func warnUnconfigured(cfg *plan.Config, log *slog.Logger, outboxDir string) {
	for _, u := range config.UnconfiguredChannels(cfg) {
		log.Warn("channel not configured: its messages are only written to the outbox, not sent",
			"channel", u.Channel, "units", strings.Join(u.Units, ","), "outbox", filepath.Join(outboxDir, u.Channel))
	}
}
