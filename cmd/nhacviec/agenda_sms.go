package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// agenda --show-sms: each SMS as the phone will receive it, rendered as
// the daemon renders it and shaped by notify.PhoneSMS under the
// channel's limits, as the relay shapes it.

// showSMSFormats are the formats --show-sms adds the SMS to.
var showSMSFormats = []string{"table", "json"}

// previewSecret makes the codes and links of the SMS that agenda shows:
// not the service's secret, so they acknowledge nothing, but codes and
// links of the same length, so the SMS takes the segments it will take.
var previewSecret = make([]byte, ack.SecretSize)

// smsOf returns the SMS of n as the phone will receive it, or nil when n
// goes by no SMS or --show-sms was not given.
func (a *agenda) smsOf(n *plan.Notification) (*notify.SMS, error) {
	if !a.showSMS || !slices.Contains(n.Channels, plan.ChannelSMS) {
		return nil, nil
	}
	if a.links == nil {
		a.links = ack.NewLinks(a.cfg.Service.PublicURL, previewSecret)
	}
	m, err := notify.Render(a.cfg, n, plan.ChannelSMS, a.links)
	if err != nil {
		return nil, err
	}
	sms := notify.PhoneSMS(m, notify.SMSLimitsOf(a.cfg.Channels.SMS))
	return &sms, nil
}

// writeSMS writes, under a row of the table, the SMS of n: a line with
// its segments and encoding, then its text, indented.
func (a *agenda) writeSMS(w io.Writer, n *plan.Notification) error {
	sms, err := a.smsOf(n)
	if err != nil || sms == nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "    %s\n", tr(a.lang, "agenda.sms", sms.Segments, sms.Encoding))
	for _, line := range strings.Split(sms.Text, "\n") {
		fmt.Fprintf(&b, "      %s\n", line)
	}
	_, err = io.WriteString(w, b.String())
	return err
}
