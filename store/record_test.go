package store

import (
	"bytes"
	"encoding/json"
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

// TestRecordIsEncodingJSON: the store writes a record byte for byte as
// encoding/json wrote it, and reads it back as encoding/json would, with
// or without its payload.
func TestRecordIsEncodingJSON(t *testing.T) {
	for name, d := range recordCases() {
		t.Run(name, func(t *testing.T) {
			want, err := json.Marshal(recordOf(&d))
			if err != nil {
				t.Fatal(err)
			}
			got, err := appendRecord([]byte("prefix"), &d, nil)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != "prefix"+string(want) {
				t.Fatalf("got  %s\nwant prefix%s", got, want)
			}
			slow, _, err := decodeSlow([]byte(d.Key), want)
			if err != nil {
				t.Fatal(err)
			}
			var p recordParse
			if !p.parse(want) {
				t.Fatalf("the record written is left to encoding/json: %s", want)
			}
			fast, stored, err := decodeRecord([]byte(d.Key), want, true)
			if err != nil || stored != nil {
				t.Fatalf("got stored %q, %v", stored, err)
			}
			if diff := diffDelivery(fast, slow); diff != "" {
				t.Errorf("read: %s", diff)
			}

			lazy, stored, err := decodeRecord([]byte(d.Key), want, false)
			if err != nil {
				t.Fatal(err)
			}
			if lazy.Payload != nil {
				t.Errorf("read without payload: got payload %q", lazy.Payload)
			}
			if len(d.Payload) == 0 && stored != nil {
				t.Errorf("no payload, but stored %q", stored)
			}
			// As encoding/json writes what it read: invalid UTF-8 was
			// read as U+FFFD.
			if want, err = json.Marshal(recordOf(&slow)); err != nil {
				t.Fatal(err)
			}
			again, err := appendRecord(nil, &lazy, stored)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(again, want) {
				t.Errorf("written again with the payload as stored:\ngot  %s\nwant %s", again, want)
			}
		})
	}
}

// TestRecordBadTime: a time RFC 3339 cannot hold fails as with encoding/json.
func TestRecordBadTime(t *testing.T) {
	d := Delivery{ID: "n", Channel: "email", Updated: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}
	_, want := json.Marshal(recordOf(&d))
	got, err := appendRecord([]byte("x"), &d, nil)
	if err == nil || want == nil || err.Error() != want.Error() {
		t.Fatalf("got %q, %v; want error %v", got, err, want)
	}
}

// TestRecordLeftToEncodingJSON: what the store did not write as it writes
// records (written by hand, or damaged) is read by encoding/json, which
// accepts or refuses it as it always did.
func TestRecordLeftToEncodingJSON(t *testing.T) {
	for _, v := range []string{
		`{"channel":"email","id":"n","state":"sent"}`,                  // another order: read by hand
		`{"id":"n", "channel":"email"}`,                                // spaces
		`{"id":"n","channel":"email","extra":1}`,                       // an unknown name
		`{"ID":"n","Channel":"email","STATE":"sent"}`,                  // names in another case
		`{"id":"n\u00e9","channel":"em\/ail","where":"\u003c\ud800"}`,  // escapes
		`{"id":"n","channel":"email","plan":null,"due":null}`,          // nulls
		`{"id":"n","channel":"email","attempts":1e2}`,                  // not an int
		`{"id":"n","channel":"email","attempts":01}`,                   // not JSON
		`{"id":"n","channel":"email","attempts":-0}`,                   // -0
		`{"id":"n","channel":"email","attempts":99999999999999999999}`, // too large
		`{"id":"a","id":"b","channel":"email"}`,                        // twice
		`{"id":"n","channel":"email","payload":"e30="}`,                // base64
		`{"id":"n","channel":"email","payload":"e30"}`,                 // bad base64
		`{"id":"n","channel":"email","payload":"e3\n0="}`,              // a raw newline
		`{"id":"n","channel":"email","payload":"e3\r\n0="}`,            // an escaped newline, ignored by base64
		`{"id":"n","channel":"email","payload":""}`,                    // empty
		`{"id":"n","channel":"email","payload":null}`,                  // null
		`{"id":"n","channel":"email","due":"2019-03-08T07:30:00+07:00"}`,
		`{"id":"n","channel":"email","due":"2019-03-08 07:30:00"}`, // not RFC 3339
		`{"id":"n","channel":"email","due":"2019-03-08T07:30:00+07:0\u0030"}`,
		`{"id":"n","channel":"email","task":"` + "\xff" + `"}`,  // invalid UTF-8
		`{"id":"n","channel":"email","task":"` + "a\x01" + `"}`, // a control character
		`{"id":"n","channel":"email"}x`,                         // trailing data
		`{"id":"n","channel":"email",}`,                         // trailing comma
		`{"id":"n","channel"`,                                   // cut short
		`{}`, `{"id":`, `[]`, `null`, ``, `{"id":"n"`, `{"":"n"}`, `{"id"}`, `{"id":"n""channel":"e"}`,
	} {
		checkDecode(t, []byte(v))
	}
}

// checkDecode checks that the store reads v as encoding/json does: the
// same record or an error for both, and, without the payload, the record
// without it, which written back with its payload as stored reads as the
// whole record written back.
func checkDecode(t *testing.T, v []byte) {
	t.Helper()
	key := []byte("k/email")
	want, _, wantErr := decodeSlow(key, v)
	got, stored, err := decodeRecord(key, v, true)
	switch {
	case (err == nil) != (wantErr == nil):
		t.Errorf("%s: got error %v, want %v", v, err, wantErr)
		return
	case err != nil:
		return
	case stored != nil:
		t.Errorf("%s: read with its payload, got stored %q", v, stored)
	}
	if diff := diffDelivery(got, want); diff != "" {
		t.Errorf("%s: %s", v, diff)
	}
	lazy, stored, err := decodeRecord(key, v, false)
	if err != nil {
		t.Errorf("%s: without payload: %v", v, err)
		return
	}
	noPayload := want
	if stored != nil {
		noPayload.Payload = nil
	}
	if diff := diffDelivery(lazy, noPayload); diff != "" {
		t.Errorf("%s: without payload: %s", v, diff)
	}
	if stored != nil {
		p, err := readPayload(key, v, stored)
		if err != nil || !bytes.Equal(p, want.Payload) || p == nil {
			t.Errorf("%s: the payload left as stored reads as %q, %v; want %q", v, p, err, want.Payload)
		}
	}
	// Written again, with the payload as stored or as read, it reads the same.
	again, err := appendRecord(nil, &lazy, stored)
	if err != nil {
		t.Errorf("%s: write again: %v", v, err)
		return
	}
	full, err := json.Marshal(recordOf(&want))
	if err != nil {
		t.Errorf("%s: encoding/json cannot write it again: %v", v, err)
		return
	}
	back, _, err := decodeSlow(key, again)
	if err != nil {
		t.Errorf("%s: written again as %s: %v", v, again, err)
		return
	}
	wantBack, _, err := decodeSlow(key, full)
	if err != nil {
		t.Errorf("%s: written again by encoding/json as %s: %v", v, full, err)
		return
	}
	if diff := diffDelivery(back, wantBack); diff != "" {
		t.Errorf("%s: written again as %s: %s", v, again, diff)
	}
}

// FuzzRecordDecode: any bytes are read as encoding/json reads them.
func FuzzRecordDecode(f *testing.F) {
	for _, d := range recordCases() {
		v, _ := json.Marshal(recordOf(&d))
		f.Add(v)
	}
	f.Add([]byte(`{"id":"n\u00e9","channel":"em\/ail","attempts":-0,"payload":"e3\r\n0="}`))
	f.Fuzz(func(t *testing.T, v []byte) {
		checkDecode(t, v)
	})
}

// FuzzRecordEncode: any delivery is written as encoding/json writes it.
func FuzzRecordEncode(f *testing.F) {
	f.Add("n", "email", "hội <phụ> nữ", "550 \"x\" \xff \u2028", int64(1552005000), int64(5), 3, []byte("{}"))
	f.Add("", "", "", "", int64(0), int64(0), 0, []byte(nil))
	f.Fuzz(func(t *testing.T, id, channel, unit, lastErr string, sec, nsec int64, attempts int, payload []byte) {
		d := Delivery{ID: id, Channel: channel, Unit: unit, LastError: lastErr, Attempts: attempts, State: State(unit),
			Due: time.Unix(sec, nsec), Updated: time.Unix(sec, nsec).In(time.FixedZone("", int(nsec%100000))), Payload: payload}
		want, wantErr := json.Marshal(recordOf(&d))
		got, err := appendRecord(nil, &d, nil)
		if (err == nil) != (wantErr == nil) || !bytes.Equal(got, want) {
			t.Fatalf("got %s, %v\nwant %s, %v", got, err, want, wantErr)
		}
		if err == nil {
			checkDecode(t, got)
		}
	})
}

// TestRecordSize: recordSize leaves room for the whole record, so that
// writing one costs one allocation.
func TestRecordSize(t *testing.T) {
	for name, d := range recordCases() {
		d.Attempts = -1 << 63
		far := time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.FixedZone("", -(23*3600+59*60)))
		d.Due, d.NextAttempt, d.SentAt, d.Updated, d.Started = far, far, far, far, far
		if name == "escapes" || name == "invalid utf-8" {
			continue // escaped strings grow
		}
		v, err := appendRecord(nil, &d, nil)
		if err != nil {
			t.Fatal(err)
		}
		if n := recordSize(&d, nil); len(v) > n {
			t.Errorf("%s: %d bytes, recordSize says %d at most", name, len(v), n)
		}
	}
}
