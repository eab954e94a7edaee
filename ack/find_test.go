package ack

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// sent records n's delivery on its first channel with its links, as the
// scheduler does when it sends n.
func sent(t *testing.T, db *store.DB, n *plan.Notification) {
	t.Helper()
	payload, err := encodeNotification(n)
	if err != nil {
		t.Fatal(err)
	}
	d := store.Delivery{Key: store.DeliveryKey(n.ID, n.Channels[0]), ID: n.ID, Channel: n.Channels[0], Plan: n.Plan,
		Task: n.Task, Unit: n.Unit, Kind: string(n.Kind), Due: n.At, Payload: payload, Tokens: NewLinks("http://x", testSecret).Keys(n)}
	if _, _, err := db.Begin(d); err != nil {
		t.Fatal(err)
	}
	if err := db.Finish(d.Key, store.Sent, "test", "", time.Time{}); err != nil {
		t.Fatal(err)
	}
}

// notice returns a notification of kind to unit by email and SMS, sent at.
func notice(kind plan.Kind, unit, rule string, at time.Time) *plan.Notification {
	id := plan.NotificationID("bdg-2019", "thang-hanh-dong", rule, at, unit)
	n := &plan.Notification{ID: id, AckID: id, Plan: "bdg-2019", Task: "thang-hanh-dong", Rule: rule, Kind: kind, Unit: unit,
		Role: plan.RoleLead, At: at, Channels: []string{plan.ChannelEmail, plan.ChannelSMS}}
	if kind == plan.KindDeadline || kind == plan.KindOverdue {
		n.Role, n.DeadlineID = plan.RoleReporter, "deadline-1"
	}
	return n
}

func TestLookup(t *testing.T) {
	db := openStore(t)
	n := notice(plan.KindReminder, "hlhpn", "at:start", testTime)
	sent(t, db, n)
	token := NotificationToken(testSecret, n.ID)
	tampered := []byte(token)
	tampered[7] = 'A' // one character changed, still base64url
	if token[7] == 'A' {
		tampered[7] = 'B'
	}
	// A token made with another secret for the same notification, and
	// recorded in the index: the MAC check refuses it.
	forged := NotificationToken([]byte("another secret of thirty-two b."), n.ID)
	if err := db.PutToken(forged, []byte(`{"ID":"`+n.ID+`"}`)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, token string
		want        error
	}{
		{"genuine", token, nil},
		{"tampered", string(tampered), ErrUnknownNotification},
		{"cut short", token[:19], ErrUnknownNotification},
		{"too long", token + "A", ErrUnknownNotification},
		{"not a token", "not-a-token", ErrUnknownNotification},
		{"empty", "", ErrUnknownNotification},
		{"forged", forged, ErrUnknownNotification},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Lookup(db, testSecret, tt.token)
			if !errors.Is(err, tt.want) || (tt.want == nil && (err != nil || got.ID != n.ID)) {
				t.Fatalf("got %v, %v; want %s, %v", got, err, n.ID, tt.want)
			}
		})
	}
	db.Close()
	if _, err := Lookup(db, testSecret, token); err == nil || errors.Is(err, ErrUnknownNotification) {
		t.Errorf("got %v from a closed store, want the store's failure", err)
	}
}

func TestFind(t *testing.T) {
	db := openStore(t)
	n := notice(plan.KindReminder, "hlhpn", "at:start", testTime)
	sent(t, db, n)
	code := NotificationCode(testSecret, n.ID)
	other := "0000"
	if code == other {
		other = "0001"
	}
	tests := []struct {
		name, key, unit string
		want            error
	}{
		{"notification id", n.ID, "", nil},
		{"link token", NotificationToken(testSecret, n.ID), "", nil},
		{"SMS code with its unit", code, "hlhpn", nil},
		{"SMS code without unit", code, "", ErrNeedUnit},
		{"SMS code of another unit", code, "ldtbxh", ErrUnknownNotification},
		{"unknown SMS code", other, "hlhpn", ErrUnknownNotification},
		{"unknown id", "0123456789abcdef0123456789abcdef", "", ErrUnknownNotification},
		{"unknown token", "AAAAAAAAAAAAAAAAAAAA", "", ErrUnknownNotification},
		{"nothing like a key", "hello", "", ErrUnknownNotification},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Find(db, testSecret, tt.key, tt.unit)
			if !errors.Is(err, tt.want) || (tt.want == nil && (err != nil || got.ID != n.ID)) {
				t.Fatalf("got %v, %v; want %s, %v", got, err, n.ID, tt.want)
			}
		})
	}
}

func TestPhoneOwners(t *testing.T) {
	cfg := &plan.Config{UnitOrder: []string{"ldtbxh", "hlhpn", "gone", "mttq"}, Units: map[string]*plan.Unit{
		"ldtbxh": {Contacts: []plan.Contact{{Name: "An", Phone: "0912 345 678"}, {Name: "Bình", Phone: "+84912345678"}}},
		"hlhpn":  {Contacts: []plan.Contact{{Name: "Cúc", Email: "c@example.vn"}, {Name: "Dung", Phone: "0912.345.678"}}},
		"mttq":   {Contacts: []plan.Contact{{Name: "Em", Phone: "0983 112 233"}}},
	}}
	tests := []struct {
		phone string
		want  []Sender
	}{
		{"+84912345678", []Sender{{"ldtbxh", "An"}, {"hlhpn", "Dung"}}},
		{"+84983112233", []Sender{{"mttq", "Em"}}},
		{"+84911000111", nil},
	}
	for _, tt := range tests {
		got := PhoneOwners(cfg, tt.phone)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s: got %v, want %v", tt.phone, got, tt.want)
		}
	}
}

// collidingIDs returns two notification ids with the same code.
func collidingIDs() (older, newer string) {
	seen := map[string]string{}
	for i := 0; ; i++ {
		id := fmt.Sprintf("collision-%d", i)
		code := NotificationCode(testSecret, id)
		if first, ok := seen[code]; ok {
			return first, id
		}
		seen[code] = id
	}
}

// TestMatchSMS: two notifications to one unit share a code; a reply
// takes the most recent still open, then the other, then says both are
// settled.
func TestMatchSMS(t *testing.T) {
	db := openStore(t)
	older, newer := collidingIDs()
	code := NotificationCode(testSecret, older)
	for i, id := range []string{older, newer} {
		n := notice(plan.KindDeadline, "hlhpn", "deadline", testTime.Add(time.Duration(i)*24*time.Hour))
		n.ID, n.AckID = id, id
		sent(t, db, n)
	}
	reminder := notice(plan.KindReminder, "hlhpn", "at:start", testTime)
	sent(t, db, reminder)
	remCode := NotificationCode(testSecret, reminder.ID)
	hlhpn := []Sender{{Unit: "hlhpn", Name: "Cúc"}}

	tests := []struct {
		name    string
		senders []Sender
		code    string
		kind    store.AckKind
		want    string // the id matched
		settled bool
		err     error
	}{
		{"the most recent first", hlhpn, code, store.Received, newer, false, nil},
		{"then the older one", hlhpn, code, store.Received, older, false, nil},
		{"then both are settled", hlhpn, code, store.Received, newer, true, nil},
		{"done for a deadline", hlhpn, code, store.Done, newer, false, nil},
		{"done for a reminder", hlhpn, remCode, store.Done, "", false, ErrNotReportable},
		{"another unit's phone", []Sender{{Unit: "ldtbxh"}}, code, store.Received, "", false, ErrUnknownNotification},
		{"no sender", nil, code, store.Received, "", false, ErrUnknownNotification},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := MatchSMS(db, testSecret, tt.senders, tt.code, tt.kind)
			if !errors.Is(err, tt.err) {
				t.Fatalf("got error %v, want %v", err, tt.err)
			}
			if err != nil {
				return
			}
			if m.Notification.ID != tt.want || (m.Settled != nil) != tt.settled || m.Sender.Name != "Cúc" {
				t.Fatalf("got %s (settled %v, sender %v), want %s (settled %v, sender Cúc)", m.Notification.ID, m.Settled != nil, m.Sender, tt.want, tt.settled)
			}
			if !tt.settled {
				if _, _, err := Record(db, m.Notification, store.Ack{Kind: tt.kind, By: "Cúc", Via: "sms", At: testTime}); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestMatchSMSRefusesAnotherSecret: an index entry whose code does not
// check against the secret (a secret since replaced) counts for nothing.
func TestMatchSMSRefusesAnotherSecret(t *testing.T) {
	db := openStore(t)
	n := notice(plan.KindReminder, "hlhpn", "at:start", testTime)
	if err := NewLinks("http://x", []byte("the secret before this one......")).Record(db, n); err != nil {
		t.Fatal(err)
	}
	code := NotificationCode([]byte("the secret before this one......"), n.ID)
	if _, err := MatchSMS(db, testSecret, []Sender{{Unit: "hlhpn"}}, code, store.Received); !errors.Is(err, ErrUnknownNotification) {
		t.Fatalf("got %v, want ErrUnknownNotification", err)
	}
}
