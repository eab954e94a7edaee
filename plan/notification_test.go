package plan_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// TestPayloadV1 decodes the payloads of a store written before payloads
// had a version (testdata/payload-v1.jsonl: one of each kind, copied from
// the store of a rehearsal of config.example.yaml as it was then, kept as
// testdata/payload-v1.yaml): each must be the notification the expansion
// of that file gives under its id, and must
// come back whole from its encoding as this version.
func TestPayloadV1(t *testing.T) {
	cfg, diags := config.Load("testdata/payload-v1.yaml")
	if diags.HasErrors() {
		t.Fatalf("testdata/payload-v1.yaml: %s", diags.Render(lang.English))
	}
	f, err := os.Open("testdata/payload-v1.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	kinds := map[plan.Kind]bool{}
	for sc.Scan() {
		line := sc.Bytes()
		var n plan.Notification
		if err := json.Unmarshal(line, &n); err != nil {
			t.Fatalf("decode %s: %v", line, err)
		}
		kinds[n.Kind] = true
		if n.Repeat() != strings.HasSuffix(n.Rule, plan.RepeatSuffix) {
			t.Errorf("%s: Repeat() = %v", n.Rule, n.Repeat())
		}
		var want *plan.Notification
		it := cfg.Expand(n.At, n.At.Add(time.Second))
		for m, ok := it.Next(); ok; m, ok = it.Next() {
			if m.ID == n.ID {
				want = &m
			}
		}
		if want == nil {
			t.Fatalf("%s: the expansion has no notification %s at %s", line, n.ID, n.At)
		}
		if !sameNotification(n, *want) {
			t.Errorf("version 1 payload decodes as\n%+v\nwant\n%+v", n, *want)
		}
		b, err := json.Marshal(n)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b, []byte(`{"v":2,"id":"`+n.ID+`"`)) {
			t.Errorf("encoded as %s, want it to start with {\"v\":2,\"id\":…", b)
		}
		var back plan.Notification
		if err := json.Unmarshal(b, &back); err != nil || !sameNotification(back, n) {
			t.Errorf("%s decodes as %+v, %v; want %+v", b, back, err, n)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, k := range []plan.Kind{plan.KindReminder, plan.KindDeadline, plan.KindOverdue, plan.KindEscalation} {
		if !kinds[k] {
			t.Errorf("testdata has no %s payload", k)
		}
	}
}

// sameNotification compares notifications, times by instant.
func sameNotification(a, b plan.Notification) bool {
	if !a.At.Equal(b.At) || !a.Event.Equal(b.Event) {
		return false
	}
	a.At, b.At, a.Event, b.Event = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	return reflect.DeepEqual(a, b)
}

// TestPayloadFormat pins the JSON names of version 2: stores and link
// tokens hold them.
func TestPayloadFormat(t *testing.T) {
	loc := time.FixedZone("ICT", 7*3600)
	tests := []struct {
		name string
		n    plan.Notification
		want string
	}{
		{
			name: "every field",
			n: plan.Notification{ID: "n1", At: time.Date(2019, 12, 17, 17, 0, 0, 0, loc), Plan: "p", Task: "t",
				Rule: "deadline:id@d/overdue:2", Kind: plan.KindOverdue, Unit: "a", Role: plan.RoleReporter,
				Channels: []string{"sms"}, Condition: plan.NotDone, About: []plan.Subject{{Unit: "a", ID: "d1"}},
				AckID: "n0", DeadlineID: "d1", Event: time.Date(2019, 12, 16, 17, 0, 0, 0, loc), Seq: 2, Deferred: true},
			want: `{"v":2,"id":"n1","at":"2019-12-17T17:00:00+07:00","plan":"p","task":"t","rule":"deadline:id@d/overdue:2",` +
				`"kind":"overdue","unit":"a","role":"reporter","channels":["sms"],"condition":"not_done",` +
				`"about":[{"unit":"a","id":"d1"}],"ack_id":"n0","deadline_id":"d1","event":"2019-12-16T17:00:00+07:00","seq":2,"deferred":true}`,
		},
		{
			name: "a distribution leaves out what it has not",
			n: plan.Notification{ID: "n2", At: time.Date(2019, 1, 2, 8, 0, 0, 0, loc), Plan: "p", Rule: "distribute",
				Kind: plan.KindDistribution, Unit: "b", Role: plan.RoleRecipient, Channels: []string{"email"}, AckID: "n2"},
			want: `{"v":2,"id":"n2","at":"2019-01-02T08:00:00+07:00","plan":"p","rule":"distribute","kind":"distribution",` +
				`"unit":"b","role":"recipient","channels":["email"],"ack_id":"n2"}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.n)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("got  %s\nwant %s", b, tt.want)
			}
			var back plan.Notification
			if err := json.Unmarshal(b, &back); err != nil || !sameNotification(back, tt.n) {
				t.Errorf("decodes as %+v, %v; want %+v", back, err, tt.n)
			}
			// The pointer encodes the same: the scheduler marshals both.
			if p, _ := json.Marshal(&tt.n); string(p) != string(b) {
				t.Errorf("as a pointer: got %s, want %s", p, b)
			}
		})
	}
}

func TestPayloadErrors(t *testing.T) {
	tests := []struct {
		name, payload, want string
	}{
		{"a newer version", `{"v":3,"id":"x"}`, "version 3 is newer"},
		{"not an object", `[1,2]`, "decode notification"},
		{"a version 1 field of the wrong type", `{"ID":"x","Seq":"two"}`, "version 1"},
		{"a version 2 field of the wrong type", `{"v":2,"id":"x","seq":"two"}`, "decode notification"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n plan.Notification
			err := json.Unmarshal([]byte(tt.payload), &n)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one with %q", err, tt.want)
			}
		})
	}
}

// TestRepeat tells a repeat from the owner's notice and from the rest.
func TestRepeat(t *testing.T) {
	tests := []struct {
		kind plan.Kind
		cond plan.Condition
		want bool
	}{
		{plan.KindReminder, plan.NotAcked, true},
		{plan.KindDistribution, plan.NotAcked, true},
		{plan.KindEscalation, plan.NotAcked, false}, // to the owner
		{plan.KindReminder, plan.Always, false},
		{plan.KindOverdue, plan.NotDone, false},
	}
	for _, tt := range tests {
		n := plan.Notification{Kind: tt.kind, Condition: tt.cond}
		if got := n.Repeat(); got != tt.want {
			t.Errorf("%s %q: got %v, want %v", tt.kind, tt.cond, got, tt.want)
		}
	}
}
