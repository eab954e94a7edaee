package bench

import (
	"bytes"
	"fmt"
)

// Synth describes a synthetic configuration for the expansion benchmark of
// SPEC §9: one plan for the year 2019 in which each of Units units leads
// TasksPerUnit tasks of its own. The full-size figure is 1,000 units × 20
// tasks, that is 20,000 tasks in one plan.
//
// The shape keeps the comparison with a bare loop of Schedule.Next fair:
//
//   - Every task is ongoing (the whole plan period) and has exactly one rule,
//     so the rules Expand iterates are the specs the baseline iterates, one
//     for one. Ongoing tasks forbid `before` offsets, and none are written.
//   - Every task has one lead and no support, so each firing of a rule is
//     exactly one notification, and counts on both sides must match.
//   - Every unit has a single contact with an email address and no phone:
//     the default quiet hours (21:00–07:00) then never split a notification
//     into an email now and an SMS later, which would add notifications the
//     baseline knows nothing of.
//   - In the reminder plan every day is a working day and there are no
//     holidays: a periodic reminder on a non-working day is moved to a
//     working day, and folded into another firing when they meet, which
//     would make fewer notifications than the baseline has occurrences. The
//     move is still checked for every firing, so its cost is measured.
//   - Task j of unit i takes spec (i+j) mod 20 of a fixed list, so each unit
//     has each spec once and the mix is the same at any size: a small Synth
//     in a test checks the same kind of plan the benchmark times.
//
// With Deadlines unset each task has one `every:` reminder (EverySpecs);
// that is the figure the goal of §9 applies to. With Deadlines set each task
// has instead one recurring deadline (DueSpecs) with remind [7d, 3d, 1d], a
// grace, two overdue notices and one escalation step: six rules over one due
// schedule, with working-day moves, so its ratio to Next over the due specs
// is expected above 1 and is reported on its own.
type Synth struct {
	Units        int
	TasksPerUnit int
	Deadlines    bool
	// Every, if set, is the spec of every task's one reminder instead of
	// EverySpecs (Deadlines unset): the dispatch figure wants every task
	// due at the same instant.
	Every string
}

// EverySpecs are the reminder specs the synthetic tasks draw from: the
// weekly, monthly and daily rhythms a commune's plan uses. None restricts
// both day of month and day of week (check would warn).
var EverySpecs = [...]string{
	"0 8 * * MON",       // weekly meeting
	"30 7 1 * *",        // first of the month
	"0 17 * * FRI",      // end of the week
	"0 9 * * *",         // daily
	"30 7 * * WED",      // mid-week
	"0 8 15 * *",        // mid-month
	"30 16 * * MON-FRI", // every working day
	"0 14 * * TUE",      // weekly
	"0 8 8 1,4,7,10 *",  // quarterly
	"0 7 * * 1,3,5",     // three times a week
	"0 8 11 * *",        // monthly
	"0 10 5,20 * *",     // twice a month
	"45 7 * * MON,THU",  // twice a week
	"0 8 25 * *",        // monthly, before the reports
	"0 9 * * THU",       // weekly
	"0 8 10 6,12 *",     // half-yearly
	"0 13 * * WED",      // weekly
	"@monthly",          // midnight on the 1st: fires at the very start of the year, which both sides must count
	"0 15 28 * *",       // end of the month
	"0 8 * * SAT",       // weekly, on the weekend
}

// DueSpecs are the recurring report deadlines the synthetic tasks draw from
// when Synth.Deadlines is set. There is no daily or weekly-on-Monday spec:
// a holiday move would land one due time on the next one (Monday 04/02/2019,
// in the Tết week, moves to Monday 11/02), which Expand rightly merges and
// a bare Next loop does not, and the counts would no longer compare.
var DueSpecs = [...]string{
	"0 17 * * FRI",           // weekly report
	"0 17 25 * *",            // monthly report
	"0 17 16 6,12 *",         // half-yearly report
	"0 17 20 * *",            // monthly
	"0 16 * * THU",           // weekly
	"0 17 15 3,6,9,12 *",     // quarterly
	"0 17 5 * *",             // monthly, for the month before
	"0 11 28 * *",            // monthly
	"0 17 * * WED",           // weekly
	"0 17 10 * *",            // monthly
	"0 17 20 3,6,9,12 *",     // quarterly
	"0 9 * * TUE",            // weekly
	"0 17 1 * *",             // monthly, the 1st (01/01 is a holiday)
	"0 17 30 11 *",           // yearly
	"0 17 15 * *",            // monthly
	"0 17 10 12 *",           // yearly
	"0 17 22 * *",            // monthly
	"0 17 12 * *",            // monthly
	"0 17 18 1,3,5,7,9,11 *", // every other month
	"0 17 8 * *",             // monthly (08/02 is in Tết)
}

// Tasks is the number of tasks, and of rules of the baseline.
func (s Synth) Tasks() int { return s.Units * s.TasksPerUnit }

// Specs returns the cron spec of every task, in file order: what the
// baseline iterates.
func (s Synth) Specs() []string {
	out := make([]string, 0, s.Tasks())
	for i := range s.Units {
		for j := range s.TasksPerUnit {
			out = append(out, s.spec(i, j))
		}
	}
	return out
}

func (s Synth) spec(unit, task int) string {
	if s.Deadlines {
		return DueSpecs[(unit+task)%len(DueSpecs)]
	}
	if s.Every != "" {
		return s.Every
	}
	return EverySpecs[(unit+task)%len(EverySpecs)]
}

func unitID(i int) string { return fmt.Sprintf("u%04d", i) }

// YAML returns the configuration file, as the officer would write it.
// Unit u0000 stands for the commune's leadership: it owns the plan and
// receives the escalations.
func (s Synth) YAML() []byte {
	var b bytes.Buffer
	if s.Deadlines {
		b.WriteString(`service:
  timezone: Asia/Ho_Chi_Minh
  holidays: ["01/01/2019", "04/02/2019..08/02/2019", "15/04/2019", "29/04/2019..01/05/2019", "02/09/2019"]
  working_weekends: ["05/01/2019", "04/05/2019"]
`)
	} else {
		b.WriteString(`service:
  timezone: Asia/Ho_Chi_Minh
  working_days: [mon, tue, wed, thu, fri, sat, sun]
  official_calendar: false
`)
	}
	b.WriteString(`channels: {}
units:
`)
	for i := range s.Units {
		id := unitID(i)
		fmt.Fprintf(&b, `  %s:
    name: Đơn vị số %d
    contacts:
      - name: Cán bộ đầu mối số %d
        role: Công chức phụ trách
        email: %s@quangthanh.example.vn
`, id, i, i, id)
	}
	b.WriteString(`plans:
  - id: tong-hop-2019
    title: Kế hoạch tổng hợp năm 2019 (dữ liệu thử hiệu năng)
    issuer: UBND xã Quảng Thành
    year: 2019
    owner: u0000
    tasks:
`)
	for i := range s.Units {
		id := unitID(i)
		for j := range s.TasksPerUnit {
			fmt.Fprintf(&b, `      - id: %s-nv%02d
        ref: II.%d
        title: Nhiệm vụ %d của đơn vị số %d
        lead: [%s]
`, id, j, j+1, j+1, i, id)
			if !s.Deadlines {
				fmt.Fprintf(&b, "        remind:\n          - every: %q\n", s.spec(i, j))
				continue
			}
			fmt.Fprintf(&b, `        deadlines:
          - title: Báo cáo định kỳ nhiệm vụ %d
            to: [u0000]
            due_every: %q
            remind: [7d, 3d, 1d]
            grace: 1d
            overdue_every: 1d
            overdue_max: 2
            escalate:
              - after: 2d
                to: [u0000]
`, j+1, s.spec(i, j))
		}
	}
	return b.Bytes()
}
