package plan_test

import (
	"slices"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/plan"
)

// TestOccurrences checks each occurrence against the notices the expansion
// sends about it: the same id, due time and deadline, its overdue and
// escalation times those of its notices, and no notice about an
// occurrence the plan does not have.
func TestOccurrences(t *testing.T) {
	tests := []struct {
		name  string
		task  string
		dues  []string // "02/01/2006 15:04" each, in order
		moved []bool
	}{
		{
			name:  "one due time on a working day",
			task:  "{id: t, title: T, lead: [a, b], deadlines: [{due: 20/11/2019 17:00, remind: [1d], grace: 1d, overdue_every: 1d, overdue_max: 2, escalate: [{after: 2d}]}]}",
			dues:  []string{"20/11/2019 17:00"},
			moved: []bool{false},
		},
		{
			name:  "a due time on a Sunday moves to Monday",
			task:  "{id: t, title: T, lead: [a], deadlines: [{due: 17/11/2019 17:00, escalate: [{after: 1wd, to: [boss]}]}]}",
			dues:  []string{"18/11/2019 17:00"},
			moved: []bool{true},
		},
		{
			name:  "previous working day before a holiday",
			task:  "{id: t, title: T, lead: [a], deadlines: [{due: 02/09/2019, if_holiday: previous_working_day}]}",
			dues:  []string{"30/08/2019 23:59"},
			moved: []bool{true},
		},
		{
			name:  "recurring, one firing moved off a weekend",
			task:  "{id: t, title: T, lead: [b], deadlines: [{id: monthly, due_every: \"0 17 15 9-11 *\", grace: 2h}]}",
			dues:  []string{"16/09/2019 17:00", "15/10/2019 17:00", "15/11/2019 17:00"},
			moved: []bool{true, false, false},
		},
	}
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := mustParse(t, "- "+tt.task)
			p := cfg.Plan("p")
			occs := p.Occurrences()
			if len(occs) != len(tt.dues) {
				t.Fatalf("got %d occurrences, want %d", len(occs), len(tt.dues))
			}
			for i, o := range occs {
				if got := o.Due.In(loc).Format("02/01/2006 15:04"); got != tt.dues[i] {
					t.Errorf("occurrence %d: due %s, want %s", i, got, tt.dues[i])
				}
				if o.Moved() != tt.moved[i] {
					t.Errorf("occurrence %d: moved %v (scheduled %s), want %v", i, o.Moved(), o.Scheduled, tt.moved[i])
				}
				if p.Occurrence(o.ID) != o {
					t.Errorf("occurrence %d: Occurrence(%s) does not find it", i, o.ID)
				}
				if o.Task != p.Task("t") || o.Deadline != &p.Task("t").Deadlines[0] || o.Plan != "p" {
					t.Errorf("occurrence %d: plan %q task %p deadline %p, want p and the task's deadline", i, o.Plan, o.Task, o.Deadline)
				}
			}
			noticed := map[string]bool{}
			for _, n := range all(cfg) {
				if n.DeadlineID == "" {
					continue
				}
				o := p.Occurrence(n.DeadlineID)
				if o == nil {
					t.Fatalf("%s %s at %s: no occurrence %s", n.Kind, n.Unit, n.At, n.DeadlineID)
				}
				noticed[o.ID] = true
				if !n.Event.Equal(o.Due) {
					t.Errorf("%s %s: event %s, want the occurrence's due %s", n.Kind, n.Unit, n.Event, o.Due)
				}
				var want []time.Time
				switch n.Kind {
				case plan.KindOverdue:
					want = o.Overdue
				case plan.KindEscalation:
					want = o.Escalations
				default:
					if n.Role != plan.RoleReporter || !slices.Contains(o.By, n.Unit) {
						t.Errorf("deadline notice to %s (%s), want one of %v", n.Unit, n.Role, o.By)
					}
					continue
				}
				if n.Seq < 1 || n.Seq > len(want) {
					t.Fatalf("%s %s: seq %d of %d", n.Kind, n.Unit, n.Seq, len(want))
				}
				if !n.Deferred && !n.At.Equal(want[n.Seq-1]) {
					t.Errorf("%s %d to %s: at %s, want %s", n.Kind, n.Seq, n.Unit, n.At, want[n.Seq-1])
				}
			}
			for _, o := range occs {
				if !noticed[o.ID] {
					t.Errorf("occurrence due %s: no notice about it", o.Due)
				}
				if len(o.Overdue) != o.Deadline.OverdueMax || len(o.Escalations) != len(o.Deadline.Escalate) {
					t.Errorf("occurrence due %s: %d overdue and %d escalation times, want %d and %d",
						o.Due, len(o.Overdue), len(o.Escalations), o.Deadline.OverdueMax, len(o.Deadline.Escalate))
				}
			}
		})
	}
}

// TestReminderOf finds the reminder of a notice, of its repeat and of the
// owner's notice, and none for a deadline's.
func TestReminderOf(t *testing.T) {
	cfg := mustParse(t, `- {id: t, title: T, lead: [a], from: 18/11/2019, to: 29/11/2019, remind: [{at: start, ack_within: 1d}, {before_end: 2d}], deadlines: [{due: 29/11/2019}]}`)
	task := cfg.Plan("p").Task("t")
	got := map[string]plan.RemindKind{}
	for _, n := range all(cfg) {
		r := task.ReminderOf(&n)
		switch {
		case n.DeadlineID != "" && r != nil:
			t.Errorf("%s: reminder %s for a deadline's notice", n.Rule, r.Key)
		case n.DeadlineID == "" && r == nil:
			t.Errorf("%s: no reminder", n.Rule)
		case r != nil:
			got[n.Rule] = r.Kind
		}
	}
	want := map[string]plan.RemindKind{"at:start": plan.RemindAtStart, "at:start/repeat": plan.RemindAtStart, "at:start/owner": plan.RemindAtStart, "before_end:2d": plan.RemindBeforeEnd}
	for rule, k := range want {
		if g, ok := got[rule]; !ok || g != k {
			t.Errorf("%s: got kind %v (found %v), want %v", rule, g, ok, k)
		}
	}
	other := plan.Notification{Task: "t2", Rule: "at:start"}
	if r := task.ReminderOf(&other); r != nil {
		t.Errorf("a notice of another task: got reminder %s, want none", r.Key)
	}
}
