package store

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// sameTime reports whether a and b are the same instant in the same zone.
func sameTime(a, b time.Time) bool {
	an, ao := a.Zone()
	bn, bo := b.Zone()
	return a.Equal(b) && an == bn && ao == bo && a.Location().String() == b.Location().String()
}

// diffDelivery describes how got differs from want, or returns "".
func diffDelivery(got, want Delivery) string {
	var diffs []string
	strs := []struct {
		name      string
		got, want string
	}{
		{"Key", got.Key, want.Key}, {"ID", got.ID, want.ID}, {"Channel", got.Channel, want.Channel},
		{"Plan", got.Plan, want.Plan}, {"Task", got.Task, want.Task}, {"Unit", got.Unit, want.Unit},
		{"Kind", got.Kind, want.Kind}, {"Rule", got.Rule, want.Rule}, {"State", string(got.State), string(want.State)},
		{"LastError", got.LastError, want.LastError}, {"Where", got.Where, want.Where},
	}
	for _, s := range strs {
		if s.got != s.want {
			diffs = append(diffs, fmt.Sprintf("%s %q, want %q", s.name, s.got, s.want))
		}
	}
	times := []struct {
		name      string
		got, want time.Time
	}{
		{"Due", got.Due, want.Due}, {"NextAttempt", got.NextAttempt, want.NextAttempt}, {"SentAt", got.SentAt, want.SentAt},
		{"Updated", got.Updated, want.Updated}, {"Started", got.Started, want.Started},
	}
	for _, t := range times {
		if !sameTime(t.got, t.want) {
			diffs = append(diffs, fmt.Sprintf("%s %v, want %v", t.name, t.got, t.want))
		}
	}
	if got.Attempts != want.Attempts {
		diffs = append(diffs, fmt.Sprintf("Attempts %d, want %d", got.Attempts, want.Attempts))
	}
	if !bytes.Equal(got.Payload, want.Payload) || (got.Payload == nil) != (want.Payload == nil) {
		diffs = append(diffs, fmt.Sprintf("Payload %q, want %q", got.Payload, want.Payload))
	}
	return strings.Join(diffs, "; ")
}

// asStored returns t as a record reads it back: the same instant, at the
// same offset, in a zone without its name (but Local's or UTC).
func asStored(t time.Time) time.Time {
	back, err := time.Parse(time.RFC3339Nano, t.Format(time.RFC3339Nano))
	if err != nil {
		panic(err)
	}
	return back
}

// recordCases are deliveries whose records exercise every way a field can
// be written.
func recordCases() map[string]Delivery {
	ict := time.FixedZone("ICT", 7*3600)
	at := time.Date(2019, 3, 8, 7, 30, 0, 0, ict)
	full := testDelivery("bdg/q1/a", "email", at)
	full.Key = DeliveryKey(full.ID, full.Channel)
	full.State, full.Attempts, full.LastError = Retrying, 3, "421 4.7.0 try again later"
	full.NextAttempt, full.SentAt, full.Where = at.Add(time.Hour), at.Add(time.Minute), "250 2.0.0 Ok: queued as 4XyZ"
	full.Updated, full.Started = at.Add(123456789*time.Nanosecond), at.Add(-time.Second)

	cases := map[string]Delivery{
		"full":    full,
		"minimal": {Key: "n/sms", ID: "n", Channel: "sms"},
		"nothing": {},
	}
	with := func(name string, change func(d *Delivery)) {
		d := full
		change(&d)
		cases[name] = d
	}
	with("vietnamese", func(d *Delivery) {
		d.Unit, d.LastError = "hội phụ nữ", "Máy chủ từ chối: hộp thư đầy"
	})
	with("escapes", func(d *Delivery) {
		d.LastError = "550 5.1.1 <a@b.vn>: \"no\" such user & \\ \n\t\r\b\f\x01 \u2028 \u2029 done"
		d.Where = "<>&"
	})
	with("invalid utf-8", func(d *Delivery) { d.LastError, d.Task = "bad \xff\xfe byte", "\xe1\xba" })
	with("negative attempts", func(d *Delivery) { d.Attempts = -12 })
	with("utc and local", func(d *Delivery) {
		d.Due, d.Updated = at.UTC(), time.Date(2019, 3, 8, 7, 30, 0, 1, time.Local)
	})
	with("other zones", func(d *Delivery) {
		d.Due = at.In(time.FixedZone("", -(3*3600 + 30*60)))
		d.SentAt = at.In(time.FixedZone("X", 14*3600))
	})
	with("empty payload", func(d *Delivery) { d.Payload = []byte{} })
	with("binary payload", func(d *Delivery) { d.Payload = []byte{0, 1, 2, 0xff, '"', '\\'} })
	with("long payload", func(d *Delivery) { d.Payload = bytes.Repeat([]byte(`{"nhắc":"việc"}`), 300) })
	return cases
}

// TestRecordRoundTrip: every way a record can be written reads back as
// it was, with its payload or, if not asked for, without it.
func TestRecordRoundTrip(t *testing.T) {
	for name, d := range recordCases() {
		t.Run(name, func(t *testing.T) {
			v, err := encodeRecord(&d)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeRecord([]byte(d.Key), v, withPayload)
			if err != nil {
				t.Fatal(err)
			}
			// Times as RFC 3339 keeps them: the instant and the offset.
			want := d
			for _, t := range []*time.Time{&want.Due, &want.NextAttempt, &want.SentAt, &want.Updated, &want.Started} {
				if !t.IsZero() {
					*t = asStored(*t)
				}
			}
			if len(want.Payload) == 0 {
				want.Payload = nil // omitted when empty
			}
			if name == "invalid utf-8" {
				// encoding/json writes invalid UTF-8 as U+FFFD.
				want.LastError, want.Task = "bad \ufffd\ufffd byte", "\ufffd\ufffd"
			}
			if diff := diffDelivery(got, want); diff != "" {
				t.Errorf("read back from %s: %s", v, diff)
			}
			asked := 0
			lazy, err := decodeRecord([]byte(d.Key), v, func(got *Delivery) bool {
				asked++
				if got.Payload != nil || got.Key != d.Key || got.ID != d.ID {
					t.Errorf("payload asked for with %+v", *got)
				}
				return false
			})
			if err != nil || lazy.Payload != nil {
				t.Errorf("without its payload: got payload %q, %v", lazy.Payload, err)
			}
			if wantAsked := min(len(want.Payload), 1); asked != wantAsked {
				t.Errorf("payload asked %d times, want %d", asked, wantAsked)
			}
		})
	}
}

// TestRecordOtherJSON: a record written otherwise than the store writes
// it (by hand, by another encoder) reads as the JSON it is; one that is
// not a record is ErrCorrupt.
func TestRecordOtherJSON(t *testing.T) {
	want := Delivery{Key: "n/email", ID: "n", Channel: "email", State: Sent, Attempts: 2, Payload: []byte("{}"),
		Due: time.Date(2019, 3, 8, 0, 30, 0, 0, time.UTC)}
	for _, v := range []string{
		`{"channel":"email","id":"n","state":"sent","attempts":2,"payload":"e30=","due":"2019-03-08T00:30:00Z"}`,
		"{\n  \"id\": \"n\",\n  \"channel\": \"em\\u0061il\",\"extra\":[1],\"state\":\"sent\",\"attempts\":2,\"payload\":\"e30\\u003d\",\"due\":\"2019-03-08T00:30:00Z\"}",
	} {
		got, err := decodeRecord([]byte(want.Key), []byte(v), withPayload)
		if err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		if diff := diffDelivery(got, want); diff != "" {
			t.Errorf("%s: %s", v, diff)
		}
	}
	for _, v := range []string{`{"id":"n"`, `[]`, `{"id":"n","attempts":"2"}`, ``} {
		if _, err := decodeRecord([]byte("n/email"), []byte(v), withPayload); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: got %v, want ErrCorrupt", v, err)
		}
	}
	bad := []byte(`{"id":"n","channel":"email","payload":"not base64!"}`)
	if _, err := decodeRecord([]byte("n/email"), bad, func(*Delivery) bool { return false }); err != nil {
		t.Errorf("a damaged payload not asked for: %v", err)
	}
	if _, err := decodeRecord([]byte("n/email"), bad, withPayload); !errors.Is(err, ErrCorrupt) {
		t.Errorf("a damaged payload asked for: got %v, want ErrCorrupt", err)
	}
}

// TestRecordBadTime: a time RFC 3339 cannot hold is refused, and nothing
// is stored.
func TestRecordBadTime(t *testing.T) {
	db := openTest(t, "", newClock())
	d := testDelivery("n", "email", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
	if _, _, err := db.Begin(d); err == nil {
		t.Fatal("Begin with a due time in the year 10000: got no error")
	}
	if _, err := db.Delivery(DeliveryKey(d.ID, d.Channel)); !errors.Is(err, ErrNotFound) {
		t.Errorf("after a refused Begin: got %v, want ErrNotFound", err)
	}
}
