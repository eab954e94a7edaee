package ics

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/plan"
)

const testPlan = `
units:
  a:
    name: Đơn vị A
    contacts:
      - email: a@example.vn
  b:
    name: Đơn vị B
    contacts:
      - email: b@example.vn
plans:
  - id: p
    title: Kế hoạch thử
    year: 2019
    owner: a
    tasks:
      - id: ca-nam
        title: Thường xuyên
        lead: [a]
        remind:
          - every: "0 8 11 * *"
      - id: quoc-khanh
        title: Treo cờ
        lead: [a]
        on: 02/09
        remind:
          - before: 1d
      - id: hop
        title: Họp
        lead: [a]
        support: [b]
        on: "10/07 08:00"
      - id: thang
        ref: II.3
        title: Tháng hành động
        lead: [a]
        support: [b]
        from: 15/11
        to: 15/12
        remind:
          - before: 14d
          - before: 10d
          - before: 7d
          - before: 4d
          - at: start
        deadlines:
          - id: bc
            title: Báo cáo, kết quả
            to: [b]
            due: "20/12 17:00"
            remind: [3d]
          - id: cuoi-nam
            title: Báo cáo năm
            to: [b]
            due: 27/12
      - id: tap-huan
        title: Tập huấn
        lead: [b]
        from: "04/03 08:00"
        to: "08/03 17:00"
      - id: tuan
        title: Tuần lễ
        lead: [b]
        from: "11/03 14:00"
        to: 15/03
`

func testConfig(t *testing.T) *plan.Config {
	t.Helper()
	cfg, diags := config.Parse("test.yaml", []byte(testPlan), os.ReadFile)
	if diags.HasErrors() {
		t.Fatalf("test configuration: %v", diags)
	}
	return cfg
}

// TestEvents checks each event's times: a date is a whole day, a time on
// one day the hour from it, a window from its start to its end (the next
// midnight for an end without a time), a deadline due by the end of the
// day that whole day; never zero-length; an ongoing task none.
func TestEvents(t *testing.T) {
	cfg := testConfig(t)
	ict := time.FixedZone("ICT", 7*3600)
	events := map[string]Event{}
	for _, e := range Events(cfg) {
		events[e.Summary] = e
	}
	if len(events) != 7 {
		t.Errorf("got %d events, want 7 (the ongoing task has none)", len(events))
	}
	date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2019, m, d, h, min, 0, 0, ict) }
	tests := []struct {
		summary    string
		allDay     bool
		start, end time.Time
		finish     time.Time
		uid        string
	}{
		{"Treo cờ", true, date(2019, 9, 2), date(2019, 9, 3), at(9, 3, 0, 0), TaskUID("p", "quoc-khanh")},
		{"Họp", false, at(7, 10, 8, 0), at(7, 10, 9, 0), at(7, 10, 9, 0), TaskUID("p", "hop")},
		{"II.3. Tháng hành động", true, date(2019, 11, 15), date(2019, 12, 16), at(12, 16, 0, 0), TaskUID("p", "thang")},
		{"Tập huấn", false, at(3, 4, 8, 0), at(3, 8, 17, 0), at(3, 8, 17, 0), TaskUID("p", "tap-huan")},
		{"Tuần lễ", false, at(3, 11, 14, 0), at(3, 16, 0, 0), at(3, 16, 0, 0), TaskUID("p", "tuan")},
		{"Hạn báo cáo: Báo cáo, kết quả", false, at(12, 20, 17, 0), at(12, 20, 18, 0), at(12, 20, 18, 0), ""},
		{"Hạn báo cáo: Báo cáo năm", true, date(2019, 12, 27), date(2019, 12, 28), at(12, 28, 0, 0), ""},
	}
	for _, tt := range tests {
		t.Run(tt.summary, func(t *testing.T) {
			e, ok := events[tt.summary]
			if !ok {
				t.Fatalf("no event %q", tt.summary)
			}
			if e.AllDay != tt.allDay || !e.Start.Equal(tt.start) || !e.End.Equal(tt.end) {
				t.Errorf("got all day %v, %s–%s, want %v, %s–%s", e.AllDay, e.Start, e.End, tt.allDay, tt.start, tt.end)
			}
			if !e.Finish().Equal(tt.finish) {
				t.Errorf("got Finish %s, want %s", e.Finish(), tt.finish)
			}
			if tt.uid != "" && e.UID != tt.uid {
				t.Errorf("got UID %q, want %q", e.UID, tt.uid)
			}
			if !strings.HasSuffix(e.UID, "@nhacviec") {
				t.Errorf("got UID %q, want one ending in @nhacviec", e.UID)
			}
			if e.Plan != "p" || e.Task == "" || len(e.Description) == 0 || e.Description[0] != "Kế hoạch: Kế hoạch thử" {
				t.Errorf("got plan %q, task %q, description %q", e.Plan, e.Task, e.Description)
			}
		})
	}
}

// TestAlarmsFor checks that alarms are where the reminders go, to the
// unit asked for, the closest four, and that an event no reminder comes
// before has the default one.
func TestAlarmsFor(t *testing.T) {
	cfg := testConfig(t)
	events := map[string]Event{}
	for _, e := range Events(cfg) {
		events[e.Summary] = e
	}
	day := 24 * time.Hour
	tests := []struct {
		summary, unit string
		want          []time.Duration
	}{
		// 1 day before 02/09 is Sunday 01/09: the reminder moves to
		// Friday 30/08, 07:30.
		{"Treo cờ", "a", []time.Duration{-(2*day + 16*time.Hour + 30*time.Minute)}},
		// No reminder: 15 minutes before.
		{"Họp", "", []time.Duration{-15 * time.Minute}},
		{"Tập huấn", "b", []time.Duration{-15 * time.Minute}},
		// Five reminders before or on the first day (Fridays 01/11 and
		// 08/11, Tuesday 05/11, Monday 11/11, 15/11): the four closest.
		{"II.3. Tháng hành động", "b", []time.Duration{
			-(9*day + 16*time.Hour + 30*time.Minute),
			-(6*day + 16*time.Hour + 30*time.Minute),
			-(3*day + 16*time.Hour + 30*time.Minute),
			7*time.Hour + 30*time.Minute,
		}},
		// The deadline's reminder goes to the reporting unit a, not to b.
		{"Hạn báo cáo: Báo cáo, kết quả", "a", []time.Duration{-(3*day + 9*time.Hour + 30*time.Minute)}},
		{"Hạn báo cáo: Báo cáo, kết quả", "b", []time.Duration{-15 * time.Minute}},
		// A whole day without reminder: send_time that morning.
		{"Hạn báo cáo: Báo cáo năm", "b", []time.Duration{7*time.Hour + 30*time.Minute}},
	}
	for _, tt := range tests {
		t.Run(tt.summary+"/"+tt.unit, func(t *testing.T) {
			e, ok := events[tt.summary]
			if !ok {
				t.Fatalf("no event %q", tt.summary)
			}
			got := e.AlarmsFor(tt.unit)
			if len(got) != len(tt.want) {
				t.Fatalf("got alarms %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("got alarms %v, want %v", got, tt.want)
				}
			}
		})
	}
}

func TestUIDOf(t *testing.T) {
	tests := []struct {
		n    plan.Notification
		want string
	}{
		{plan.Notification{Kind: plan.KindReminder, Plan: "p", Task: "thang"}, TaskUID("p", "thang")},
		{plan.Notification{Kind: plan.KindDeadline, Plan: "p", Task: "thang", DeadlineID: "d1"}, "d1@nhacviec"},
		{plan.Notification{Kind: plan.KindOverdue, Plan: "p", Task: "thang", DeadlineID: "d1"}, "d1@nhacviec"},
		{plan.Notification{Kind: plan.KindEscalation, Plan: "p", Task: "thang", DeadlineID: "d1"}, ""},
		{plan.Notification{Kind: plan.KindDistribution, Plan: "p"}, ""},
		{plan.Notification{Kind: plan.KindReminder, Plan: "p"}, ""},
	}
	for _, tt := range tests {
		if got := UIDOf(&tt.n); got != tt.want {
			t.Errorf("UIDOf(%s %s/%s %s): got %q, want %q", tt.n.Kind, tt.n.Plan, tt.n.Task, tt.n.DeadlineID, got, tt.want)
		}
	}
	if TaskUID("p", "a") == TaskUID("p", "b") || TaskUID("p", "a") == TaskUID("q", "a") {
		t.Error("two tasks share a UID")
	}
}

// TestCache checks that a configuration's events are built once, and
// anew for another configuration (a reload).
func TestCache(t *testing.T) {
	var c Cache
	cfg := testConfig(t)
	first := c.Events(cfg)
	if again := c.Events(cfg); &again[0] != &first[0] {
		t.Error("got the events built again for the same configuration, want them kept")
	}
	// The same plan with quoc-khanh renamed, loaded again.
	reloaded, diags := config.Parse("test.yaml", []byte(strings.Replace(testPlan, "title: Treo cờ", "title: Treo cờ Tổ quốc", 1)), os.ReadFile)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	e, ok := c.Event(reloaded, TaskUID("p", "quoc-khanh"))
	if !ok || e.Summary != "Treo cờ Tổ quốc" {
		t.Errorf("got %q (found: %v), want the reloaded event Treo cờ Tổ quốc", e.Summary, ok)
	}
	if _, ok := c.Event(reloaded, TaskUID("p", "ca-nam")); ok {
		t.Error("found an event for the ongoing task, want none")
	}
}
