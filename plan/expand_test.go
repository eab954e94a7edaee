package plan_test

import (
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// testConfig is a small configuration with one email-only unit (a) and one
// email+sms unit (b); tasks are appended to it by each test.
const testConfig = `
service:
  send_time: "07:30"
  quiet_hours: "21:00-07:00"
  official_calendar: false
  holidays: ["01/01", "30/04", "01/05", "02/09", "04/02/2019..08/02/2019"]
  working_weekends: ["04/05/2019"]
units:
  a:
    name: Đơn vị A
    escalate_to: boss
    contacts: [{email: a@example.vn}]
  b:
    name: Đơn vị B
    escalate_to: boss
    contacts: [{email: b@example.vn, phone: "0912 345 678"}]
  boss:
    name: Lãnh đạo
    contacts: [{email: boss@example.vn}]
  recv:
    name: Ban nhận báo cáo
    contacts: [{email: recv@example.vn}]
plans:
  - id: p
    title: Kế hoạch thử
    year: 2019
    owner: boss
    tasks:
`

func mustParse(t *testing.T, tasks string) *plan.Config {
	t.Helper()
	src := testConfig + indent(tasks, "      ")
	cfg, diags := config.Parse("test.yaml", []byte(src), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatalf("config does not load:\n%s\n%s", diags.Render(lang.English), src)
	}
	return cfg
}

func indent(s, prefix string) string {
	lines := strings.Split(strings.Trim(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n") + "\n"
}

// all expands a configuration over 2019 and a bit more.
func all(cfg *plan.Config) []plan.Notification {
	var out []plan.Notification
	it := cfg.Expand(time.Date(2018, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC))
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		out = append(out, n)
	}
	return out
}

// brief is a notification written as "02/01/2006 15:04 kind unit [channels]".
func brief(n plan.Notification) string {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	return n.At.In(loc).Format("02/01/2006 15:04") + " " + string(n.Kind) + " " + n.Unit + " " + strings.Join(n.Channels, ",")
}

func briefs(ns []plan.Notification, rule string) []string {
	var out []string
	for _, n := range ns {
		if rule == "" || strings.HasPrefix(n.Rule, rule) {
			out = append(out, brief(n))
		}
	}
	return out
}

func TestExpansionRules(t *testing.T) {
	tests := []struct {
		name string
		task string
		rule string
		want []string
	}{
		{
			name: "day offset landing on a Sunday moves to Friday",
			task: "- {id: t, title: T, lead: [a], from: 18/11/2019, to: 20/11/2019, remind: [{before: 8d}]}",
			want: []string{"08/11/2019 07:30 reminder a email"},
		},
		{
			name: "day offset landing on a holiday moves to the previous working day",
			// 02/05/2019 − 1d = 01/05 (holiday) → 30/04 (holiday) → 29/04 (Monday).
			task: "- {id: t, title: T, lead: [a], on: 02/05/2019 08:00, remind: [{before: 1d}]}",
			want: []string{"29/04/2019 07:30 reminder a email"},
		},
		{
			name: "a swapped working Saturday counts as a working day",
			task: "- {id: t, title: T, lead: [a], on: 05/05/2019 08:00, remind: [{before: 1d}]}",
			want: []string{"04/05/2019 07:30 reminder a email"},
		},
		{
			name: "week offset",
			task: "- {id: t, title: T, lead: [a], on: 20/11/2019 08:00, remind: [{before: 2w}]}",
			want: []string{"06/11/2019 07:30 reminder a email"},
		},
		{
			name: "working-day offset counts working days back across Tết",
			// 11/02/2019 is the Monday after Tết (04–08/02): 2wd back is 31/01 (Thursday).
			task: "- {id: t, title: T, lead: [a], on: 11/02/2019 08:00, remind: [{before: 2wd}]}",
			want: []string{"31/01/2019 07:30 reminder a email"},
		},
		{
			name: "hour offsets are exact, even on a Sunday",
			task: "- {id: t, title: T, lead: [a], on: 17/11/2019 09:00, remind: [{before: 2h}, {before: 30m}]}",
			want: []string{"17/11/2019 07:00 reminder a email", "17/11/2019 08:30 reminder a email"},
		},
		{
			name: "at start and at end of a window use send_time",
			task: "- {id: t, title: T, lead: [a], from: 15/11/2019, to: 15/12/2019, remind: [{at: start}, {at: end}]}",
			want: []string{"15/11/2019 07:30 reminder a email", "15/12/2019 07:30 reminder a email"},
		},
		{
			name: "before_end counts from the last day",
			// 15/12/2019 − 2d = 13/12 (Friday).
			task: "- {id: t, title: T, lead: [a], from: 15/11/2019, to: 15/12/2019, remind: [{before_end: 2d}]}",
			want: []string{"13/12/2019 07:30 reminder a email"},
		},
		{
			name: "every fires inside the window only",
			task: "- {id: t, title: T, lead: [a], from: 14/11/2019, to: 02/12/2019, remind: [{every: \"0 8 * * MON\"}]}",
			want: []string{"18/11/2019 08:00 reminder a email", "25/11/2019 08:00 reminder a email", "02/12/2019 08:00 reminder a email"},
		},
		{
			name: "every on a weekend or holiday moves to the previous working day, once",
			// Daily at 08:00 from Friday 26/04 to Friday 03/05/2019: Saturday 27 and
			// Sunday 28 fold into Friday 26; 30/04 and 01/05 (holidays) into Monday 29;
			// Saturday 04/05 is a swapped working day but outside the window.
			task: "- {id: t, title: T, lead: [a], from: 26/04/2019, to: 03/05/2019, remind: [{every: \"0 8 * * *\"}]}",
			want: []string{"26/04/2019 08:00 reminder a email", "29/04/2019 08:00 reminder a email", "02/05/2019 08:00 reminder a email", "03/05/2019 08:00 reminder a email"},
		},
		{
			name: "every on a non-working first day of a window moves forward into it",
			task: "- {id: t, title: T, lead: [a], from: 16/11/2019, to: 22/11/2019, remind: [{every: \"0 8 * * SAT\"}]}",
			want: []string{"18/11/2019 08:00 reminder a email"},
		},
		{
			name: "every on a one-day weekend event stays on its day",
			task: "- {id: t, title: T, lead: [a], on: 17/11/2019 09:00, remind: [{every: \"0 7 * * *\"}]}",
			want: []string{"17/11/2019 07:00 reminder a email"},
		},
		{
			name: "every on an ongoing task spans the plan period",
			task: "- {id: t, title: T, lead: [a], remind: [{every: \"0 8 1 */4 *\"}]}",
			// 01/01 and 01/05 are holidays: 01/01 has no working day before it in the
			// plan and moves forward to 02/01; 01/05 moves back over 30/04 to 29/04;
			// 01/09/2019 is a Sunday → Friday 30/08.
			want: []string{"02/01/2019 08:00 reminder a email", "29/04/2019 08:00 reminder a email", "30/08/2019 08:00 reminder a email"},
		},
		{
			name: "the cron day-of-month / day-of-week trap fires on either",
			// Fires on Sunday 01/12 (moved forward to Monday 02/12, the window's
			// first working day), Tuesday 10/12 (the 10th) and Sunday 08/12 (back to 06/12).
			task: "- {id: t, title: T, lead: [a], from: 01/12/2019, to: 10/12/2019, remind: [{every: \"0 8 10 * SUN\"}]}",
			want: []string{"02/12/2019 08:00 reminder a email", "06/12/2019 08:00 reminder a email", "10/12/2019 08:00 reminder a email"},
		},
		{
			name: "SMS inside quiet hours waits for their end, email does not",
			task: "- {id: t, title: T, lead: [b], on: 20/11/2019 22:00, remind: [{at: start}]}",
			want: []string{"20/11/2019 22:00 reminder b email", "21/11/2019 07:00 reminder b sms"},
		},
		{
			name: "SMS just before quiet hours is not moved",
			task: "- {id: t, title: T, lead: [b], on: 20/11/2019 20:59, remind: [{at: start}]}",
			want: []string{"20/11/2019 20:59 reminder b email,sms"},
		},
		{
			name: "reminder to: overrides lead and support",
			task: "- {id: t, title: T, lead: [a], support: [b], on: 20/11/2019 10:00, remind: [{on: 19/11/2019 09:00, to: [recv]}]}",
			want: []string{"19/11/2019 09:00 reminder recv email"},
		},
		{
			name: "due on a Sunday moves to Monday; reminders count back from the moved due",
			// 15/12/2019 is a Sunday → 16/12 17:00; 1d before → 13/12 (Sunday 15 → Friday 13); 3d → 13/12 too,
			// and the same reminder is not sent twice on one day.
			task: `
- id: t
  title: T
  lead: [a]
  deadlines:
    - {title: R, due: 15/12/2019 17:00, remind: [3d, 1d]}`,
			rule: "deadline:",
			want: []string{"13/12/2019 07:30 deadline a email", "16/12/2019 17:00 overdue a email"},
		},
		{
			name: "if_holiday: keep leaves the due time on the holiday",
			task: `
- id: t
  title: T
  lead: [a]
  deadlines:
    - {title: R, due: 15/12/2019 17:00, if_holiday: keep}`,
			rule: "deadline:",
			want: []string{"15/12/2019 17:00 overdue a email"},
		},
		{
			name: "if_holiday: previous_working_day",
			task: `
- id: t
  title: T
  lead: [a]
  deadlines:
    - {title: R, due: 02/09/2019 17:00, if_holiday: previous_working_day}`,
			rule: "deadline:",
			want: []string{"30/08/2019 17:00 overdue a email"},
		},
		{
			name: "date-only due means the end of the day; grace and overdue_every are exact",
			task: `
- id: t
  title: T
  lead: [a]
  deadlines:
    - {title: R, due: 20/11/2019, grace: 12h, overdue_every: 1d, overdue_max: 3}`,
			rule: "deadline:",
			want: []string{"21/11/2019 11:59 overdue a email", "22/11/2019 11:59 overdue a email", "23/11/2019 11:59 overdue a email"},
		},
		{
			name: "working-day grace keeps the time of day",
			// 20/12/2019 (Friday) 17:00 + 1wd = Monday 23/12 17:00.
			task: `
- id: t
  title: T
  lead: [a]
  deadlines:
    - {title: R, due: 20/12/2019 17:00, grace: 1wd}`,
			rule: "deadline:",
			want: []string{"23/12/2019 17:00 overdue a email"},
		},
		{
			name: "escalation counts from due+grace, to: or each unit's escalate_to",
			task: `
- id: t
  title: T
  lead: [a, b]
  deadlines:
    - title: R
      due: 20/11/2019 17:00
      grace: 1d
      escalate:
        - {after: 2d, to: [recv]}
        - {after: 5d}`,
			rule: "deadline:",
			want: []string{
				"21/11/2019 17:00 overdue a email", "21/11/2019 17:00 overdue b email,sms",
				"23/11/2019 17:00 escalation recv email", "26/11/2019 17:00 escalation boss email",
			},
		},
		{
			name: "recurring deadline moved off holidays",
			// 15/06/2019 is a Saturday → 17/06; 15/12/2019 a Sunday → 16/12.
			task: `
- id: t
  title: T
  lead: [a]
  deadlines:
    - {title: R, due_every: "0 17 15 6,12 *", remind: [1d]}`,
			rule: "deadline:",
			want: []string{"14/06/2019 07:30 deadline a email", "17/06/2019 17:00 overdue a email", "13/12/2019 07:30 deadline a email", "16/12/2019 17:00 overdue a email"},
		},
		{
			name: "ack_within repeats to the unit and tells the owner",
			task: "- {id: t, title: T, lead: [a], on: 20/11/2019 10:00, remind: [{on: 18/11/2019 08:00, ack_within: 1d}]}",
			want: []string{"18/11/2019 08:00 reminder a email", "19/11/2019 08:00 reminder a email", "19/11/2019 08:00 escalation boss email"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := briefs(all(mustParse(t, tt.task)), tt.rule)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

func TestConditions(t *testing.T) {
	cfg := mustParse(t, `
- id: t
  title: T
  lead: [a, b]
  on: 20/11/2019 10:00
  remind: [{on: 18/11/2019 08:00, ack_within: 1d}]
  deadlines:
    - {title: R, due: 20/11/2019 17:00, overdue_every: 1d, overdue_max: 2, escalate: [{after: 1d, to: [boss]}]}`)
	ns := all(cfg)
	byRule := map[string][]plan.Notification{}
	for _, n := range ns {
		byRule[n.Rule] = append(byRule[n.Rule], n)
	}
	orig := byRule["on:2019-11-18T01:00:00Z"]
	repeat := byRule["on:2019-11-18T01:00:00Z/repeat"]
	owner := byRule["on:2019-11-18T01:00:00Z/owner"]
	if len(orig) != 2 || len(repeat) != 2 || len(owner) != 1 {
		t.Fatalf("got %d originals, %d repeats, %d owner notices; want 2, 2, 1", len(orig), len(repeat), len(owner))
	}
	for i := range orig {
		if orig[i].Conditional() {
			t.Errorf("original to %s is conditional, want unconditional", orig[i].Unit)
		}
		want := []plan.Subject{{Unit: orig[i].Unit, ID: orig[i].ID}}
		if repeat[i].Condition != plan.NotAcked || !equalSubjects(repeat[i].About, want) {
			t.Errorf("repeat to %s: got %s %v, want not_acked %v", repeat[i].Unit, repeat[i].Condition, repeat[i].About, want)
		}
	}
	wantOwner := []plan.Subject{{Unit: "a", ID: orig[0].ID}, {Unit: "b", ID: orig[1].ID}}
	if owner[0].Unit != "boss" || owner[0].Condition != plan.NotAcked || !equalSubjects(owner[0].About, wantOwner) {
		t.Errorf("owner notice: got %s %s %v, want boss not_acked %v", owner[0].Unit, owner[0].Condition, owner[0].About, wantOwner)
	}
	var overdue, escalation []plan.Notification
	for _, n := range ns {
		switch n.Kind {
		case plan.KindOverdue:
			overdue = append(overdue, n)
		case plan.KindEscalation:
			if n.Unit == "boss" && n.DeadlineID != "" {
				escalation = append(escalation, n)
			}
		}
	}
	if len(overdue) != 4 || len(escalation) != 1 {
		t.Fatalf("got %d overdue and %d escalations, want 4 and 1", len(overdue), len(escalation))
	}
	did := overdue[0].DeadlineID
	for _, n := range overdue {
		want := []plan.Subject{{Unit: n.Unit, ID: did}}
		if n.DeadlineID != did || n.Condition != plan.NotDone || !equalSubjects(n.About, want) {
			t.Errorf("overdue %d to %s: got %s %v, want not_done %v", n.Seq, n.Unit, n.Condition, n.About, want)
		}
	}
	if e := escalation[0]; !equalSubjects(e.About, []plan.Subject{{"a", did}, {"b", did}}) || e.Condition != plan.NotDone {
		t.Errorf("escalation: got %s %v, want not_done about a and b", e.Condition, e.About)
	}
}

func equalSubjects(a, b []plan.Subject) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestIDs(t *testing.T) {
	task := "- {id: t, title: %s, lead: [a], on: %s, remind: [{at: start}]}"
	id := func(title, on string) string {
		ns := all(mustParse(t, strings.Replace(strings.Replace(task, "%s", title, 1), "%s", on, 1)))
		if len(ns) != 1 {
			t.Fatalf("got %d notifications, want 1", len(ns))
		}
		if len(ns[0].ID) != 32 {
			t.Fatalf("id %q: got %d characters, want 32", ns[0].ID, len(ns[0].ID))
		}
		return ns[0].ID
	}
	base := id("Một", "20/11/2019 08:00")
	if got := id("Một", "20/11/2019 08:00"); got != base {
		t.Errorf("same plan twice: got %s and %s, want equal", got, base)
	}
	if got := id("Hai", "20/11/2019 08:00"); got != base {
		t.Errorf("title edited: got %s, want the same id %s", got, base)
	}
	if got := id("Một", "21/11/2019 08:00"); got == base {
		t.Errorf("date moved: got the same id %s, want a new one", got)
	}
}

// TestRangeIsASlice checks that expanding a sub-range yields exactly the
// notifications of the whole expansion that fall in it: the daemon resumes
// from any point.
func TestRangeIsASlice(t *testing.T) {
	cfg := mustParse(t, `
- id: t
  title: T
  lead: [a, b]
  from: 01/03/2019
  to: 30/11/2019
  remind: [{every: "0 22 * * FRI"}, {before: 3wd}, {before_end: 1w}]
  deadlines:
    - {title: R, due_every: "0 17 28 * *", remind: [3d], overdue_every: 1d, overdue_max: 2}`)
	whole := all(cfg)
	if len(whole) < 50 {
		t.Fatalf("got %d notifications, want a busy plan", len(whole))
	}
	for i := 1; i < len(whole); i++ {
		if whole[i].At.Before(whole[i-1].At) {
			t.Fatalf("notification %d at %s comes after one at %s", i, whole[i].At, whole[i-1].At)
		}
	}
	loc := cfg.Service.Location
	for _, r := range [][2]time.Time{
		{time.Date(2019, 6, 1, 0, 0, 0, 0, loc), time.Date(2019, 7, 1, 0, 0, 0, 0, loc)},
		{time.Date(2019, 3, 2, 6, 0, 0, 0, loc), time.Date(2019, 3, 30, 7, 0, 0, 0, loc)},
		{time.Date(2019, 11, 29, 22, 0, 0, 0, loc), time.Date(2019, 12, 31, 0, 0, 0, 0, loc)},
	} {
		var want []string
		for _, n := range whole {
			if !n.At.Before(r[0]) && n.At.Before(r[1]) {
				want = append(want, n.ID)
			}
		}
		var got []string
		it := cfg.Expand(r[0], r[1])
		for n, ok := it.Next(); ok; n, ok = it.Next() {
			got = append(got, n.ID)
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("range %s–%s: got %d notifications, want %d", r[0], r[1], len(got), len(want))
		}
	}
}

// TestMemoryFollowsRules checks that the iterator holds one entry per rule
// (plus, for each of the two units, one SMS waiting out the quiet hours and
// one notification ready to go), however long the horizon: three years here.
func TestMemoryFollowsRules(t *testing.T) {
	cfg := mustParse(t, `
- id: t
  title: T
  lead: [a, b]
  remind: [{every: "0 22 * * *"}, {every: "0 8 * * *"}]`)
	it := cfg.Expand(time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{})
	rules, peak, count := cfg.Rules(), 0, 0
	for _, ok := it.Next(); ok; _, ok = it.Next() {
		count++
		peak = max(peak, it.Held())
	}
	if count < 365*3 {
		t.Fatalf("got %d notifications, want at least %d", count, 365*3)
	}
	if peak > rules+4 {
		t.Errorf("got a peak of %d entries for %d rules, want at most %d", peak, rules, rules+4)
	}
}
