package report

import (
	"io/fs"
	"path/filepath"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// TestBuildOutbox counts a message the outbox kept as outbox, never as
// sent; a notification sent on another channel counts as sent.
func TestBuildOutbox(t *testing.T) {
	cfg, diags := config.Parse("c.yaml", []byte(conf), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	db, err := store.Open(filepath.Join(t.TempDir(), "s.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	loc := cfg.Service.Location
	now := time.Date(2019, 11, 20, 9, 0, 0, 0, loc) // both reminders due
	it := cfg.Expand(time.Date(2019, 1, 1, 0, 0, 0, 0, loc), now)
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		// a's go to the outbox only; b's too, and also to a webhook that
		// took them.
		record := func(channel, where string) {
			d := store.Delivery{ID: n.ID, Channel: channel, Plan: n.Plan, Task: n.Task, Unit: n.Unit, Kind: string(n.Kind), Due: n.At, Payload: []byte("{}")}
			if _, _, err := db.Begin(d); err != nil {
				t.Fatal(err)
			}
			if err := db.Finish(store.DeliveryKey(n.ID, channel), store.Sent, where, "", time.Time{}); err != nil {
				t.Fatal(err)
			}
		}
		record(plan.ChannelEmail, notify.ViaOutbox+"data/outbox/email/x.eml")
		if n.Unit == "b" {
			record(plan.ChannelWebhook, "webhook: 200 OK")
		}
	}
	rep, err := Build(cfg, db, now, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Row{
		"a": {Plan: "p", Task: "t", Unit: "a", Outbox: 2, Pending: 2}, // pending: the deadline's messages to come
		"b": {Plan: "p", Task: "t", Unit: "b", Sent: 2, Pending: 2},
	}
	for _, r := range rep.Rows {
		if w, ok := want[r.Unit]; ok && r != w {
			t.Errorf("row of %s: got %+v, want %+v", r.Unit, r, w)
		}
		delete(want, r.Unit)
	}
	if len(want) > 0 {
		t.Errorf("rows missing: %v", want)
	}
}
