package web

import (
	"strconv"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/progress"
	"github.com/nhacviec/nhacviec/store"
)

// The timeline of a plan: one row per task over the plan's months, drawn
// as SVG tracks whose coordinates are attributes (the CSP forbids inline
// styles). The x axis runs from 0 to timelineWidth over whole months of
// equal width, so that the month labels above, plain HTML boxes of equal
// width, line up with the bars on any screen.

const timelineWidth = 1000

// timelineView is the timeline section of the dashboard.
type timelineView struct {
	Months   []string // labels: "T1"… or "Jan"…
	Grid     []string // x of every month boundary inside the axis
	Rows     []timelineRow
	HasToday bool
	TodayX   string
}

// timelineRow is one task.
type timelineRow struct {
	ID      string
	Heading string // "II.3. Title"
	When    string // "15/11/2019 – 15/12/2019", or "cả năm"
	Ongoing bool
	Paused  bool
	X, W    string   // the bar
	Dues    []string // x of the task's deadline occurrences
	Late    int      // units overdue on its deadlines
}

// monthAxis maps times to x over the months of a plan.
type monthAxis struct {
	first  calendar.Date // the first day of the first month
	months int
	loc    *time.Location
}

func newMonthAxis(p *plan.Plan, loc *time.Location) monthAxis {
	first := calendar.Date{Year: p.From.Year, Month: p.From.Month, Day: 1}
	months := (p.To.Year-p.From.Year)*12 + int(p.To.Month-p.From.Month) + 1
	return monthAxis{first: first, months: max(months, 1), loc: loc}
}

// x returns the position of t on the axis, clamped to it.
func (a monthAxis) x(t time.Time) float64 {
	t = t.In(a.loc)
	m := (t.Year()-a.first.Year)*12 + int(t.Month()-a.first.Month)
	days := time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, a.loc).Day()
	secs := t.Hour()*3600 + t.Minute()*60 + t.Second()
	frac := (float64(t.Day()-1) + float64(secs)/86400) / float64(days)
	x := (float64(m) + frac) / float64(a.months) * timelineWidth
	return min(max(x, 0), timelineWidth)
}

func (a monthAxis) contains(t time.Time) bool {
	start := a.first.At(0, a.loc)
	end := time.Date(a.first.Year, a.first.Month+time.Month(a.months), 1, 0, 0, 0, 0, a.loc)
	return !t.Before(start) && t.Before(end)
}

func coord(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

// minBar is the narrowest bar: a one-day task stays visible.
const minBar = 8

// timeline builds the timeline of p at now. late counts the overdue
// units of each task's deadlines; paused is PausedTasks.
func (s *Server) timeline(cfg *plan.Config, p *plan.Plan, loc *time.Location, occs []*progress.Occurrence, late map[string]int, paused map[string]bool, now time.Time) timelineView {
	lng := s.lang()
	a := newMonthAxis(p, loc)
	v := timelineView{}
	for i := range a.months {
		m := time.Date(a.first.Year, a.first.Month+time.Month(i), 1, 0, 0, 0, 0, loc)
		label := tr(lng, "tl.month", int(m.Month()))
		if lng == lang.English {
			label = m.Format("Jan")
		}
		if m.Month() == time.January && a.months > 12 {
			label += " " + strconv.Itoa(m.Year())
		}
		v.Months = append(v.Months, label)
		if i > 0 {
			v.Grid = append(v.Grid, coord(float64(i)/float64(a.months)*timelineWidth))
		}
	}
	if a.contains(now) {
		v.HasToday, v.TodayX = true, coord(a.x(now))
	}
	dues := map[string][]string{}
	for _, o := range occs {
		dues[o.Task.ID] = append(dues[o.Task.ID], coord(a.x(o.Due)))
	}
	for _, t := range p.Tasks {
		row := timelineRow{ID: t.ID, Heading: t.Heading(), Dues: dues[t.ID], Late: late[t.ID],
			Paused: paused[store.PauseKey(p.ID, t.ID)]}
		var x0, x1 float64
		switch t.Kind {
		case plan.Ongoing:
			row.Ongoing = true
			row.When = tr(lng, "tl.ongoing")
			x0, x1 = a.x(p.Start()), a.x(p.End())
		default:
			row.When = s.taskWhen(cfg, t, loc)
			x0 = a.x(t.FirstDay.At(0, loc))
			x1 = a.x(t.LastDay.AddDays(1).At(0, loc))
		}
		if x1-x0 < minBar {
			x1 = min(x0+minBar, timelineWidth)
			x0 = x1 - minBar
		}
		row.X, row.W = coord(x0), coord(x1-x0)
		v.Rows = append(v.Rows, row)
	}
	return v
}
