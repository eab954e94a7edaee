package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/notify/outbox"
	"github.com/nhacviec/nhacviec/plan"
)

// testSendCommand sends a test message to every address of one unit, on
// every channel, and says what happened to each: the administrator's first
// command after configuring mail and SMS.
type testSendCommand struct {
	env *env
}

// sendTimeout bounds one test message.
const sendTimeout = 30 * time.Second

// Run runs nhacviec test-send --unit ID.
func (c *testSendCommand) Run(ctx context.Context, args []string) int {
	fs := newFlagSet("test-send", c.env.stderr)
	config := configFlag(fs)
	unitID := fs.String("unit", "", "đơn vị nhận tin thử / the unit to send to")
	if err := fs.Parse(args); err != nil {
		return parseExit(err)
	}
	if fs.NArg() > 0 || *unitID == "" {
		fmt.Fprintln(c.env.stderr, "nhacviec test-send [-c FILE] --unit ID")
		return exitUsage
	}
	cfg, _ := c.env.load(ctx, c.env.configPath(*config), c.env.stderr, false)
	if cfg == nil {
		return exitInvalid
	}
	lang := cfg.Service.Language
	unit := cfg.Units[*unitID]
	if unit == nil {
		fmt.Fprintf(c.env.stderr, "nhacviec test-send: %s\n", tr(lang, "agenda.nounit", *unitID, suggest(*unitID, cfg.UnitOrder)))
		return exitUsage
	}
	log := newLogger(cfg, c.env.stderr)
	box := outbox.New(filepath.Join(cfg.Service.DataDir, "outbox"))
	chans, err := openChannels(cfg, box, true, c.env.getenv, log, nil)
	if err != nil {
		fmt.Fprintf(c.env.stderr, "nhacviec test-send: %s\n", tr(lang, "testsend.open", err))
		return exitRuntime
	}
	defer chans.close()
	scrub := notify.ScrubberFor(cfg, c.env.getenv)
	failed := 0
	now := c.env.now().In(cfg.Service.Location)
	for _, contact := range unit.Contacts {
		for _, ch := range contact.Channels {
			m := testMessage(cfg, unit, contact, ch, now)
			addr := contact.Email
			if ch == plan.ChannelSMS || ch == plan.ChannelZalo {
				addr = contact.Phone
			}
			sctx, cancel := context.WithTimeout(ctx, sendTimeout)
			err := chans.byName[ch].Notify(sctx, m)
			cancel()
			var result string
			switch {
			case err == nil && chans.viaOutbox(ch):
				result = tr(lang, "testsend.outbox", m.Receipt)
			case err == nil:
				result = tr(lang, "testsend.ok", m.Receipt)
			case notify.IsTemporary(err):
				failed++
				result = tr(lang, "testsend.temp", err)
			default:
				failed++
				result = tr(lang, "testsend.perm", err)
			}
			// The server's reply, as it is, would go to a terminal, a
			// ticket, a chat: never with the channels' secrets in it.
			fmt.Fprintf(c.env.stdout, "%s %s: %s\n", ch, addr, scrub.String(result))
		}
	}
	if failed > 0 {
		return exitRuntime
	}
	return exitOK
}

// testMessage is the message test-send sends to one contact on one channel.
func testMessage(cfg *plan.Config, unit *plan.Unit, contact plan.Contact, ch string, now time.Time) *notify.Message {
	var id [16]byte
	rand.Read(id[:])
	lang := cfg.Service.Language
	text := tr(lang, "testsend.text", unit.Name, contact.Name, formatTime(now))
	m := &notify.Message{
		ID: hex.EncodeToString(id[:]), Channel: ch, Unit: unit.ID,
		Subject: tr(lang, "testsend.subject", unit.Name), Text: text,
		Headers: map[string]string{"X-Nhacviec-Kind": "test"},
	}
	if ch == plan.ChannelSMS {
		m.To = []notify.Address{{Name: contact.Name, Phone: contact.Phone}}
	} else {
		m.To = []notify.Address{{Name: contact.Name, Email: contact.Email}}
		if cfg.Channels.Email != nil {
			m.From = cfg.Channels.Email.From
		}
	}
	if ch == plan.ChannelZalo || ch == plan.ChannelWebhook {
		fieldTest(m, cfg, unit, contact, now) // channels_zalo.go
	}
	return m
}
