package scheduler

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// TestVersion1PayloadsResent: a store written before payloads had a
// version (plan/testdata/payload-v1.jsonl holds one payload of each kind
// from the store of a rehearsal of config.example.yaml as it was then,
// kept as plan/testdata/payload-v1.yaml) keeps working
// after the upgrade: a delivery it left in flight is sent again, once,
// rendered from its old payload.
func TestVersion1PayloadsResent(t *testing.T) {
	cfg, diags := config.Load("../plan/testdata/payload-v1.yaml")
	if diags.HasErrors() {
		t.Fatalf("../plan/testdata/payload-v1.yaml: %s", diags.Render(lang.English))
	}
	data, err := os.ReadFile("../plan/testdata/payload-v1.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		payload := append([]byte(nil), sc.Bytes()...)
		var n plan.Notification
		if err := json.Unmarshal(payload, &n); err != nil {
			t.Fatalf("decode %s: %v", payload, err)
		}
		t.Run(n.Rule, func(t *testing.T) {
			h := newHarness(t, cfg, n.At.Add(time.Minute), "")
			key := store.DeliveryKey(n.ID, plan.ChannelEmail)
			if _, ok, err := h.db.Begin(store.Delivery{Key: key, ID: n.ID, Channel: plan.ChannelEmail, Plan: n.Plan, Task: n.Task,
				Unit: n.Unit, Kind: string(n.Kind), Rule: n.Rule, Due: n.At, Payload: payload}); err != nil || !ok {
				t.Fatalf("begin: %v %v", ok, err)
			}
			h.start()
			h.set(n.At.Add(5 * time.Minute))
			sent := 0
			for _, m := range h.rec.got {
				if m.ID == n.ID && m.Channel == plan.ChannelEmail {
					sent++
				}
			}
			if sent != 1 {
				t.Errorf("sent %d times, want once", sent)
			}
			d, err := h.db.Delivery(key)
			if err != nil {
				t.Fatal(err)
			}
			if d.State != store.Sent {
				t.Errorf("state %q (%s), want sent", d.State, d.LastError)
			}
			// The record keeps the payload of its first intent (store.merge):
			// it is read as version 1 from then on.
			var back plan.Notification
			if err := json.Unmarshal(d.Payload, &back); err != nil || back.ID != n.ID || back.DeadlineID != n.DeadlineID {
				t.Errorf("the stored payload %s reads as %+v, %v; want %+v", d.Payload, back, err, n)
			}
			h.stop()
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestResendOfMovedOccurrenceSkipped: a notice waiting to be sent again
// about a deadline occurrence the plan no longer has (its due time was
// moved meanwhile) is recorded skipped, not sent about a due time that is
// no more.
func TestResendOfMovedOccurrenceSkipped(t *testing.T) {
	before := parse(t, `- {id: t, title: T, lead: [a], deadlines: [{id: d, due: "20/11 17:00"}]}`)
	after := parse(t, `- {id: t, title: T, lead: [a], deadlines: [{id: d, due: "22/11 17:00"}]}`)
	var n plan.Notification
	for _, m := range expand(before) {
		if m.Kind == plan.KindOverdue {
			n = m
		}
	}
	if n.ID == "" {
		t.Fatal("no overdue notice")
	}
	h := newHarness(t, after, n.At.Add(time.Minute), "")
	key := store.DeliveryKey(n.ID, plan.ChannelEmail)
	if _, ok, err := h.db.Begin(store.Delivery{Key: key, ID: n.ID, Channel: plan.ChannelEmail, Plan: n.Plan, Task: n.Task,
		Unit: n.Unit, Kind: string(n.Kind), Rule: n.Rule, Due: n.At, Payload: mustJSON(t, n)}); err != nil || !ok {
		t.Fatalf("begin: %v %v", ok, err)
	}
	h.start()
	h.set(n.At.Add(5 * time.Minute))
	if d, err := h.db.Delivery(key); err != nil || d.State != store.Skipped {
		t.Errorf("got %q (%s), %v; want skipped", d.State, d.LastError, err)
	}
	for _, m := range h.rec.got {
		if m.ID == n.ID {
			t.Errorf("sent %s about the old due time", m.ID)
		}
	}
	h.stop()
}
