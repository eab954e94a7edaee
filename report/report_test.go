package report

import (
	"encoding/json"
	"io/fs"
	"path/filepath"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

const conf = `
units:
  a: {name: A, contacts: [{email: a@example.vn}]}
  b: {name: B, contacts: [{email: b@example.vn}]}
plans:
  - id: p
    title: P
    year: 2019
    owner: a
    tasks:
      - id: t
        title: T
        lead: [a, b]
        on: "20/11 08:00"
        remind: [{at: start}, {before: 1d}]
        deadlines:
          - {title: R, due: "22/11 17:00", overdue_every: 1d, overdue_max: 2}
`

// v1Notification is a notification in the JSON of version 1, as the
// stores of earlier builds hold it: the Go names of its fields.
type v1Notification struct {
	ID         string
	At         time.Time
	Plan       string
	Task       string
	Rule       string
	Kind       plan.Kind
	Unit       string
	Role       plan.Role
	Channels   []string
	Condition  plan.Condition
	About      []plan.Subject
	AckID      string
	DeadlineID string
	Event      time.Time
	Seq        int
	Deferred   bool
}

// TestBuild counts a store of payloads of this version, and one of an
// earlier build's.
func TestBuild(t *testing.T) {
	tests := []struct {
		name   string
		encode func(n plan.Notification) ([]byte, error)
	}{
		{"version 2", func(n plan.Notification) ([]byte, error) { return json.Marshal(n) }},
		{"version 1", func(n plan.Notification) ([]byte, error) { return json.Marshal(v1Notification(n)) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { testBuild(t, tt.encode) })
	}
}

func testBuild(t *testing.T, encode func(plan.Notification) ([]byte, error)) {
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
	now := time.Date(2019, 11, 23, 18, 0, 0, 0, loc) // after the first overdue notices
	var all []plan.Notification
	it := cfg.Expand(time.Date(2019, 1, 1, 0, 0, 0, 0, loc), time.Time{})
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		all = append(all, n)
	}
	// Everything due by now was sent, except a's reminder of 19/11, which
	// failed; a reported the deadline done; b did not.
	for _, n := range all {
		if n.At.After(now) {
			continue
		}
		payload, err := encode(n)
		if err != nil {
			t.Fatal(err)
		}
		d := store.Delivery{ID: n.ID, Channel: "email", Plan: n.Plan, Task: n.Task, Unit: n.Unit, Kind: string(n.Kind), Due: n.At, Payload: payload}
		if _, _, err := db.Begin(d); err != nil {
			t.Fatal(err)
		}
		state := store.Sent
		if n.Unit == "a" && n.Kind == plan.KindReminder && n.At.Day() == 19 {
			state = store.Failed
		}
		if err := db.Finish(store.DeliveryKey(n.ID, "email"), state, "", "", time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	did := all[len(all)-1].DeadlineID
	if _, _, err := db.RecordAck(store.Ack{Subject: did, Unit: "a", Kind: store.Done, Via: "cli", At: now, Plan: "p", Task: "t"}); err != nil {
		t.Fatal(err)
	}
	rep, err := Build(cfg, db, now, 5)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]Row{}
	for _, r := range rep.Rows {
		rows[r.Unit] = r
	}
	// a: reminders 19/11 (failed) and 20/11, overdue 22/11 and 23/11 17:00 sent.
	// b: the same, all sent; its deadline is overdue; a's is done.
	want := map[string]Row{
		"a": {Plan: "p", Task: "t", Unit: "a", Sent: 3, Failed: 1, Acknowledged: 1},
		"b": {Plan: "p", Task: "t", Unit: "b", Sent: 4, Overdue: 1},
	}
	for u, w := range want {
		if rows[u] != w {
			t.Errorf("row of %s: got %+v, want %+v", u, rows[u], w)
		}
	}
	if len(rep.Next) != 0 {
		t.Errorf("got %d upcoming notifications after the last one, want 0", len(rep.Next))
	}
	early, err := Build(cfg, db, time.Date(2019, 11, 1, 0, 0, 0, 0, loc), 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(early.Next) != 0 {
		// Everything is recorded already in this store, so nothing is upcoming.
		t.Errorf("got %d upcoming, want 0 (all recorded)", len(early.Next))
	}
}

func TestBuildUpcoming(t *testing.T) {
	cfg, diags := config.Parse("c.yaml", []byte(conf), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	db, err := store.Open(filepath.Join(t.TempDir(), "s.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rep, err := Build(cfg, db, time.Date(2019, 11, 1, 0, 0, 0, 0, cfg.Service.Location), 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Next) != 3 || rep.Next[0].Unit != "a" || rep.Next[0].At.Day() != 19 {
		t.Errorf("got upcoming %+v, want the three first, starting with a on 19/11", rep.Next)
	}
	for _, r := range rep.Rows {
		if r.Pending != 4 {
			t.Errorf("row %s: got %d pending, want 4 (2 reminders, 2 overdue notices)", r.Unit, r.Pending)
		}
	}
}

// TestBuildOverdue counts a unit overdue as the dashboard shows it: past
// due + grace and not reported done, whether or not its overdue notice
// has a record, once the daemon follows the plan.
func TestBuildOverdue(t *testing.T) {
	cfg, diags := config.Parse("c.yaml", []byte(conf), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	loc := cfg.Service.Location
	occ := cfg.Plan("p").Occurrences()[0]
	// An overdue notice to a of a due time the plan no longer has.
	gone := plan.Notification{ID: "gone", Plan: "p", Task: "t", Kind: plan.KindOverdue, Unit: "a",
		DeadlineID: plan.NotificationID("p", "t", "deadline:moved", occ.Due, "")}
	tests := []struct {
		name  string
		now   time.Time
		done  []string // the units that reported done
		skip  bool     // a's overdue notice was skipped (a paused task)
		old   bool     // the store has the overdue notice of a moved due time
		fresh bool     // the store has no record: the daemon never ran
		wantA int
		wantB int
	}{
		{name: "before the due time", now: time.Date(2019, 11, 22, 16, 59, 0, 0, loc)},
		{name: "the daemon was down at the due time", now: time.Date(2019, 11, 22, 17, 0, 0, 0, loc), wantA: 1, wantB: 1},
		{name: "the daemon never ran: nobody is judged", now: time.Date(2019, 11, 25, 9, 0, 0, 0, loc), fresh: true},
		{name: "a reported", now: time.Date(2019, 11, 25, 9, 0, 0, 0, loc), done: []string{"a"}, wantB: 1},
		{name: "a's notice skipped, the task paused", now: time.Date(2019, 11, 25, 9, 0, 0, 0, loc), skip: true, wantA: 1, wantB: 1},
		{name: "a due time moved: its old notice does not count", now: time.Date(2019, 11, 25, 9, 0, 0, 0, loc), done: []string{"a", "b"}, old: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db, err := store.Open(filepath.Join(t.TempDir(), "s.db"), store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for _, u := range tt.done {
				if _, _, err := db.RecordAck(store.Ack{Subject: occ.ID, Unit: u, Kind: store.Done, Via: "cli", At: tt.now, Plan: "p", Task: "t"}); err != nil {
					t.Fatal(err)
				}
			}
			record := func(n plan.Notification, state store.State) {
				payload, err := json.Marshal(n)
				if err != nil {
					t.Fatal(err)
				}
				d := store.Delivery{ID: n.ID, Channel: "email", Plan: n.Plan, Task: n.Task, Unit: n.Unit, Kind: string(n.Kind), State: state, Payload: payload}
				if err := db.Record(d); err != nil {
					t.Fatal(err)
				}
			}
			if !tt.fresh {
				// The reminders of 19 and 20/11 have records (failed will do):
				// the daemon follows the plan.
				it := cfg.Expand(time.Date(2019, 11, 1, 0, 0, 0, 0, loc), occ.Due.Add(-time.Hour))
				for n, ok := it.Next(); ok; n, ok = it.Next() {
					record(n, store.Failed)
				}
			}
			if tt.skip {
				it := cfg.Expand(occ.Due, time.Time{})
				for n, ok := it.Next(); ok; n, ok = it.Next() {
					if n.Kind == plan.KindOverdue && n.Unit == "a" {
						record(n, store.Skipped)
					}
				}
			}
			if tt.old {
				record(gone, store.Missed)
			}
			rep, err := Build(cfg, db, tt.now, 0)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, r := range rep.Rows {
				got[r.Unit] += r.Overdue
			}
			if got["a"] != tt.wantA || got["b"] != tt.wantB {
				t.Errorf("overdue: got a %d, b %d; want a %d, b %d", got["a"], got["b"], tt.wantA, tt.wantB)
			}
		})
	}
}
