package scheduler

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// The stage render: a prepared notification's message on one channel,
// made ahead of the senders.

// A draft is what a prepared notification says: what its delivery
// records keep, to send it again, and its message on each channel.
type draft interface {
	// record returns the payload of its delivery records and the link
	// keys recorded with its first intent.
	record() (payload []byte, tokens []string, err error)
	// render builds its message on channel.
	render(cfg *plan.Config, channel string) (*notify.Message, error)
	// hold returns until when its message on channel must wait at now
	// (the quiet hours), zero if it goes now.
	hold(cfg *plan.Config, channel string, now time.Time) time.Time
}

// A job is one message on its way: its recorded intent, its content, and
// the message rendered from it (or why it could not be).
type job struct {
	rec store.Delivery
	dr  draft
	msg *notify.Message
	err error
}

// render makes the job of the delivery rec of dr: its message is rendered
// here, ahead of the sender.
func (s *Scheduler) render(cfg *plan.Config, dr draft, rec store.Delivery) *job {
	j := &job{rec: rec, dr: dr}
	j.msg, j.err = dr.render(cfg, rec.Channel)
	return j
}

// notice is a prepared notification of the plan's rules.
type notice struct {
	n *plan.Notification
	s *Scheduler
}

// record returns n as JSON, and the keys of its links: they stand for the
// notification as it is sent now.
func (d *notice) record() ([]byte, []string, error) {
	payload, err := json.Marshal(d.n)
	if err != nil {
		return nil, nil, fmt.Errorf("scheduler: encode notification: %w", err)
	}
	return payload, d.s.linkKeys(d.n), nil
}

func (d *notice) render(cfg *plan.Config, channel string) (*notify.Message, error) {
	return notify.Render(cfg, d.n, channel, d.s.opts.Links)
}

// hold is zero: the expansion moved the SMS out of the quiet hours.
func (d *notice) hold(*plan.Config, string, time.Time) time.Time { return time.Time{} }
