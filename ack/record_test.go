package ack

import (
	"errors"
	"slices"
	"testing"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

func TestCanDone(t *testing.T) {
	tests := []struct {
		name string
		n    plan.Notification
		want bool
	}{
		{"deadline reminder to the reporter", plan.Notification{Kind: plan.KindDeadline, Role: plan.RoleReporter, DeadlineID: "d"}, true},
		{"overdue notice to the reporter", plan.Notification{Kind: plan.KindOverdue, Role: plan.RoleReporter, DeadlineID: "d"}, true},
		{"reminder to the lead", plan.Notification{Kind: plan.KindReminder, Role: plan.RoleLead}, false},
		{"escalation to the superior", plan.Notification{Kind: plan.KindEscalation, Role: plan.RoleSuperior, DeadlineID: "d"}, false},
		{"deadline to the recipient of the report", plan.Notification{Kind: plan.KindDeadline, Role: plan.RoleRecipient, DeadlineID: "d"}, false},
		{"deadline without its id", plan.Notification{Kind: plan.KindDeadline, Role: plan.RoleReporter}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CanDone(&tt.n); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestReceiptSubjects(t *testing.T) {
	tests := []struct {
		name string
		n    plan.Notification
		want []string
	}{
		{"a message confirms itself", plan.Notification{ID: "m", AckID: "m", Unit: "a"}, []string{"m"}},
		{"a deferred SMS confirms its email", plan.Notification{ID: "sms", AckID: "email", Unit: "a", Deferred: true}, []string{"email"}},
		{"no AckID: its id", plan.Notification{ID: "m", Unit: "a"}, []string{"m"}},
		// An ack_within repeat stands for the message not confirmed in time.
		{"a repeat confirms the original", plan.Notification{ID: "repeat", AckID: "repeat", Unit: "a", Role: plan.RoleLead,
			Condition: plan.NotAcked, About: []plan.Subject{{Unit: "a", ID: "original"}}}, []string{"repeat", "original"}},
		// The owner's notice about other units confirms only itself.
		{"the owner's notice confirms itself", plan.Notification{ID: "notice", AckID: "notice", Unit: "boss", Role: plan.RoleOwner,
			Condition: plan.NotAcked, About: []plan.Subject{{Unit: "a", ID: "original"}, {Unit: "boss", ID: "x"}}}, []string{"notice"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := receiptSubjects(&tt.n); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if got := Subject(&tt.n, store.Received); got != tt.want[0] {
				t.Errorf("got subject %q, want %q", got, tt.want[0])
			}
		})
	}
}

// acks lists the acknowledgements in db as "kind subject unit".
func acks(t *testing.T, db *store.DB) []string {
	t.Helper()
	var out []string
	if err := db.Acks(func(a store.Ack) error {
		out = append(out, string(a.Kind)+" "+a.Subject+" "+a.Unit)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func TestRecord(t *testing.T) {
	deadline := notice(plan.KindDeadline, "hlhpn", "deadline", testTime)
	repeat := notice(plan.KindReminder, "hlhpn", "repeat", testTime)
	repeat.Condition, repeat.About = plan.NotAcked, []plan.Subject{{Unit: "hlhpn", ID: "original"}}
	reminder := notice(plan.KindReminder, "hlhpn", "at:start", testTime)
	tests := []struct {
		name string
		n    *plan.Notification
		kind store.AckKind
		want []string
		err  error
	}{
		{"receipt", reminder, store.Received, []string{"received " + reminder.AckID + " hlhpn"}, nil},
		{"done implies the receipt", deadline, store.Done, []string{"done deadline-1 hlhpn", "received " + deadline.AckID + " hlhpn"}, nil},
		{"a repeat's receipt confirms the original", repeat, store.Received, []string{"received " + repeat.AckID + " hlhpn", "received original hlhpn"}, nil},
		{"done of a reminder", reminder, store.Done, nil, ErrNotReportable},
		{"no kind", reminder, "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := openStore(t)
			a := store.Ack{Kind: tt.kind, By: "Cúc", Via: "web", Note: "ghi chú", At: testTime}
			stored, created, err := Record(db, tt.n, a)
			if tt.kind == "" {
				if err == nil {
					t.Fatal("got no error for an acknowledgement of no kind")
				}
				return
			}
			if !errors.Is(err, tt.err) {
				t.Fatalf("got error %v, want %v", err, tt.err)
			}
			if got := acks(t, db); !slices.Equal(got, tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			if err != nil {
				return
			}
			if !created || stored.Kind != tt.kind || stored.Unit != "hlhpn" || stored.Plan != "bdg-2019" || stored.Task != "thang-hanh-dong" ||
				stored.By != "Cúc" || stored.Via != "web" || stored.Note != "ghi chú" || !stored.At.Equal(testTime) {
				t.Errorf("got %+v (created %v)", stored, created)
			}
			// Again: nothing new, the first record stands.
			a.By = "another"
			again, created, err := Record(db, tt.n, a)
			if err != nil || created || again.By != "Cúc" {
				t.Errorf("again: got %+v, created %v, %v; want the first record", again, created, err)
			}
			if got := acks(t, db); !slices.Equal(got, tt.want) {
				t.Errorf("again: got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestApply(t *testing.T) {
	db := openStore(t)
	reminder := notice(plan.KindReminder, "hlhpn", "at:start", testTime)
	deadline := notice(plan.KindDeadline, "hlhpn", "deadline", testTime)
	sent(t, db, reminder)
	sent(t, db, deadline)
	tests := []struct {
		name string
		req  Request
		want Result
	}{
		{"receipt by id", Request{Key: reminder.ID, By: "An"}, Result{Unit: "hlhpn", Task: "thang-hanh-dong", Kind: "reminder", At: testTime, Created: true}},
		{"the same again", Request{Key: reminder.ID, By: "An"}, Result{Unit: "hlhpn", Task: "thang-hanh-dong", Kind: "reminder", At: testTime}},
		{"done by SMS code", Request{Key: NotificationCode(testSecret, deadline.ID), Unit: "hlhpn", Done: true, By: "An"},
			Result{Unit: "hlhpn", Task: "thang-hanh-dong", Kind: "deadline", At: testTime, Created: true}},
		{"done of a reminder", Request{Key: reminder.ID, Done: true}, Result{Error: RefusedNotReportable}},
		{"code without unit", Request{Key: "1234"}, Result{Error: RefusedNeedUnit}},
		{"unknown id", Request{Key: "0123456789abcdef0123456789abcdef"}, Result{Error: RefusedUnknown}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Apply(db, db, testSecret, tt.req, "cli", testTime)
			if got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
	if a, err := db.Ack(deadline.DeadlineID, "hlhpn", store.Done); err != nil || a.Via != "cli" || a.By != "An" {
		t.Errorf("got %+v, %v; want the deadline done by An via cli", a, err)
	}
}
