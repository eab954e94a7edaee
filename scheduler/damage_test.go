package scheduler

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// TestUnreadableRecordStops: a delivery due again (a retry, or one left in
// flight) whose payload cannot be read stops the scheduler with an error
// that wraps store.ErrCorrupt; the record is left as it was, for the
// restore to settle, and nothing is sent.
func TestUnreadableRecordStops(t *testing.T) {
	cfg := parse(t, `- {id: t, title: T, lead: [a], remind: [{on: "10/11 08:00"}]}`)
	for _, tc := range []struct {
		name    string
		payload []byte
		state   store.State
	}{
		{"a retry that is not JSON", []byte("\x00\x01 not json"), store.Retrying},
		{"a retry cut short", []byte(`{"v":2,"id":"x","pl`), store.Retrying},
		{"in flight, of a newer payload version", []byte(`{"v":99}`), store.Sending},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, cfg, at("10/11/2019 08:05"), "")
			n := expand(cfg)[0]
			key := store.DeliveryKey(n.ID, plan.ChannelEmail)
			if _, _, err := h.db.Begin(store.Delivery{ID: n.ID, Channel: plan.ChannelEmail, Plan: "p", Task: "t", Unit: "a", Kind: "reminder", Due: n.At, Payload: tc.payload}); err != nil {
				t.Fatal(err)
			}
			if tc.state == store.Retrying {
				if err := h.db.Finish(key, store.Retrying, "", "421 try later", at("10/11/2019 08:01")); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			err := h.sched.Run(ctx)
			if !errors.Is(err, store.ErrCorrupt) {
				t.Fatalf("Run: got %v, want an error wrapping store.ErrCorrupt", err)
			}
			if s := h.state(n, plan.ChannelEmail); s.Final() {
				t.Errorf("the damaged record became %q, want it left for the restore", s)
			}
			if c := h.rec.count(); c != 0 {
				t.Errorf("sent %d messages, want none", c)
			}
			h.db.Close()
		})
	}
}
