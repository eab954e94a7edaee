package web

import (
	"net/url"
	"time"

	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/progress"
	"github.com/nhacviec/nhacviec/store"
)

// The matrix of the dashboard: the units × the deadline occurrences, and
// the list of the late units, which a phone shows without scrolling.

// lateView is a report a unit is late with.
type lateView struct {
	Occ, Ref, Title, Due string
	State                progress.State
	Label, Detail, Link  string
	DaysLate             int  // whole days since the due time
	Received             bool // the unit confirmed receipt: only "done" is left to record
}

// matrixView is the matrix: a column per deadline occurrence shown, a
// row per unit that reports one of them.
type matrixView struct {
	Cols   []matrixCol
	Rows   []matrixRow
	Hidden int // past occurrences left out, all settled
}

type matrixCol struct {
	ID       string
	Ref      string // the task's reference, or id
	Title    string // the deadline's title
	Due      string
	Upcoming bool
}

type matrixRow struct {
	Unit  string
	Name  string
	Cells []matrixCell
}

// matrixCell is where a unit stands with an occurrence.
type matrixCell struct {
	Applies bool // the unit must report this occurrence
	Occ     string
	State   progress.State
	Label   string
	Detail  string
	Link    string // the form, filled in for this cell
}

// matrix lays out the units × occurrences of p: every past occurrence
// with a unit still late, the last pastShown others of each deadline, and
// the next aheadShown of each.
func (s *Server) matrix(cfg *plan.Config, p *plan.Plan, occs []*progress.Occurrence, board *progress.Board, now time.Time, local func(time.Time) string) matrixView {
	lang := s.lang()
	loc := planLoc(cfg, p)
	// A cell is narrow: its times go without the year, which heads the column.
	short := func(t time.Time) string { return t.In(loc).Format("02/01 15:04") }
	var m matrixView
	byDeadline := map[*plan.Deadline][]*progress.Occurrence{}
	for _, o := range occs {
		byDeadline[o.Deadline] = append(byDeadline[o.Deadline], o)
	}
	shown := map[*progress.Occurrence]bool{}
	for _, list := range byDeadline {
		past, ahead := 0, 0
		for i := len(list) - 1; i >= 0; i-- { // the latest first
			o := list[i]
			if now.Before(o.Due) {
				continue
			}
			unsettled := false
			for _, u := range o.By {
				if board.State(o.ID, u, now).Late() {
					unsettled = true
				}
			}
			if past < pastShown || unsettled {
				shown[o] = true
				past++
			} else {
				m.Hidden++
			}
		}
		for _, o := range list {
			if now.Before(o.Due) && ahead < aheadShown {
				shown[o] = true
				ahead++
			}
		}
	}
	units := map[string]bool{}
	var cols []*progress.Occurrence
	for _, o := range occs {
		if !shown[o] {
			continue
		}
		cols = append(cols, o)
		for _, u := range o.By {
			units[u] = true
		}
		ref := o.Task.Ref
		if ref == "" {
			ref = o.Task.ID
		}
		m.Cols = append(m.Cols, matrixCol{ID: o.ID, Ref: ref, Title: o.Deadline.Title, Due: local(o.Due), Upcoming: now.Before(o.Due)})
	}
	for _, u := range cfg.UnitOrder {
		if !units[u] {
			continue
		}
		row := matrixRow{Unit: u, Name: cfg.UnitName(u)}
		for _, o := range cols {
			if !o.Reports(u) {
				row.Cells = append(row.Cells, matrixCell{})
				continue
			}
			st := board.State(o.ID, u, now)
			c := matrixCell{Applies: true, Occ: o.ID, State: st, Label: tr(lang, "cell."+string(st))}
			switch st {
			case progress.Done:
				a, _ := board.Done(o.ID, u)
				c.Detail = short(a.At)
				if a.At.After(o.OverdueAt) {
					c.Detail = tr(lang, "cell.late", c.Detail)
				}
			case progress.Escalated:
				at, _ := board.Escalated(o.ID, u)
				c.Detail = short(at)
			case progress.Received:
				a, _ := board.Received(o.ID, u)
				c.Detail = short(a.At)
			case progress.NotYet:
				if !now.Before(o.Due) {
					c.Detail = tr(lang, "cell.grace", short(o.OverdueAt))
				}
			}
			kind := store.Done
			if st == progress.NotYet {
				kind = store.Received
			}
			c.Link = "/plan/" + p.ID + "?" + url.Values{"o": {o.ID}, "u": {u}, "k": {string(kind)}}.Encode() + "#ghi-nhan"
			row.Cells = append(row.Cells, c)
		}
		m.Rows = append(m.Rows, row)
	}
	return m
}

// lateUnitView is a unit late with one report or more: one block of the
// list that a phone shows instead of the matrix.
type lateUnitView struct {
	Unit, Name string
	Items      []lateView
	Count      int // its late reports
	More       int // late reports beyond lateItemsShown
}

// lateItemsShown bounds the late reports listed under one unit; the
// matrix shows them all.
const lateItemsShown = 12

// lateByUnit groups the reports of p that are late (progress.State.Late)
// by unit, in the configuration's order of units, each unit's in due
// order; fine counts the other units that report a deadline of p and are
// late with nothing, which the page folds into one line.
func (s *Server) lateByUnit(cfg *plan.Config, p *plan.Plan, occs []*progress.Occurrence, board *progress.Board, now time.Time, local func(time.Time) string) (units []lateUnitView, fine int) {
	lang := s.lang()
	byUnit := map[string]*lateUnitView{}
	reports := map[string]bool{}
	for _, o := range occs {
		for _, u := range o.By {
			reports[u] = true
		}
	}
	for o, u := range board.Late(now) { // in due order
		if o.Plan != p.ID {
			continue
		}
		lu := byUnit[u]
		if lu == nil {
			lu = &lateUnitView{Unit: u, Name: cfg.UnitName(u)}
			byUnit[u] = lu
		}
		lu.Count++
		if len(lu.Items) == lateItemsShown {
			continue
		}
		st := board.State(o.ID, u, now)
		ref := o.Task.Ref
		if ref == "" {
			ref = o.Task.ID
		}
		l := lateView{Occ: o.ID, Ref: ref, Title: o.Deadline.Title, Due: local(o.Due), State: st,
			Label:    tr(lang, "cell."+string(st)),
			DaysLate: int(now.Sub(o.Due) / (24 * time.Hour)),
			Link:     "/plan/" + p.ID + "?" + url.Values{"o": {o.ID}, "u": {u}, "k": {string(store.Done)}}.Encode() + "#ghi-nhan"}
		if st == progress.Escalated {
			at, _ := board.Escalated(o.ID, u)
			l.Detail = local(at)
		}
		_, l.Received = board.Received(o.ID, u)
		lu.Items = append(lu.Items, l)
	}
	for _, u := range cfg.UnitOrder {
		switch lu := byUnit[u]; {
		case lu != nil:
			lu.More = lu.Count - len(lu.Items)
			units = append(units, *lu)
		case reports[u]:
			fine++
		}
	}
	return units, fine
}

// firstLate returns the occurrence and unit of the first cell, column by
// column, whose unit is late; none if none is.
func (m matrixView) firstLate() (occ, unit string) {
	for i, c := range m.Cols {
		for _, row := range m.Rows {
			if row.Cells[i].State.Late() {
				return c.ID, row.Unit
			}
		}
	}
	return "", ""
}
