package planfile

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"go.yaml.in/yaml/v3"
)

// Move says where an on: event that was on a working day goes when the
// same day in the new year is not one.
type Move int

// The choices of Move.
const (
	NextWorkingDay     Move = iota // the default
	PreviousWorkingDay             // the working day before
	Keep                           // the same day and month, worked or not
)

// Options say how to roll a plan.
type Options struct {
	// Year is the new year.
	Year int
	// Calendar tells working days in both years: the service's, with its
	// holidays. Nil works Monday to Friday.
	Calendar *calendar.Calendar
	// Move is where an on: event goes that no longer falls on a working day.
	Move Move
	// Lang is the language of the comments written into the file.
	Lang lang.Lang
}

// NoteKind is what a Note tells.
type NoteKind int

// The kinds of Note.
const (
	IDChanged    NoteKind = iota // the plan's id: Old became New
	TitleChanged                 // a title named the old year: Old became New
	TitleByHand                  // a title names the old year but spans lines: to edit by hand
	Emptied                      // Key (number, issued, signer…) was Old, now empty
	Moved                        // an on: event kept on a working day: Same is not, Date is
	LeapDay                      // 29/02 became 28/02 (Date)
	DayOff                       // Date, where Field is now, is not a working day
)

// Note is one thing the officer should know of the new plan, at its place
// in the new file.
type Note struct {
	Kind      NoteKind
	Line, Col int
	// Key is the key of the value changed.
	Key string
	// Old and New are the texts of an id or a title, and the old value of
	// an emptied field.
	Old, New string
	// Field is the date concerned (Moved, LeapDay, DayOff), its node in the
	// old file.
	Field config.DateField
	// Was is the date in the old plan, Same the same day and month in the
	// new year, Date where it is now.
	Was, Same, Date calendar.Date
}

// Result is a plan rolled to a new year.
type Result struct {
	Data         []byte
	OldYear      int
	OldID, NewID string
	Notes        []Note
}

// Fields of a plan that belong to the plan document of one year, emptied
// for the officer to fill in: its number, the day it was issued and who
// signed it.
var documentFields = []string{"number", "issued", "signed", "signer"}

// Roll returns the plan file src moved to opt.Year: year and id changed,
// titles naming the old year updated, the document's number, issue date
// and signer emptied, and every date written with a year moved by as many
// years (dd/mm dates take the year and stay as written). An on: event that
// was on a working day and is not any more moves to a working day, and 29
// February becomes 28 February in a common year; both are told in a
// comment beside the date. Task and deadline ids are left as they are:
// they are the keys of notification ids.
func Roll(src []byte, opt Options) (*Result, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("roll: %w", err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, lang.Errorf("roll.notplan")
	}
	root := doc.Content[0]
	r := &roller{opt: opt, t: newText(src), root: root, seen: map[*yaml.Node]bool{}}
	if err := r.roll(); err != nil {
		return nil, err
	}
	data, moved := r.t.apply()
	var check yaml.Node
	if err := yaml.Unmarshal(data, &check); err != nil {
		return nil, fmt.Errorf("roll: the rolled plan does not parse: %w", err)
	}
	for i := range r.notes {
		n := &r.notes[i]
		n.Line, n.Col = position(data, moved(r.at[i]))
	}
	slices.SortStableFunc(r.notes, func(a, b Note) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
	return &Result{Data: data, OldYear: r.old, OldID: r.oldID, NewID: r.newID, Notes: r.notes}, nil
}

// roller holds one Roll's work.
type roller struct {
	opt          Options
	t            *text
	root         *yaml.Node
	old          int // the old year
	oldID, newID string
	seen         map[*yaml.Node]bool // values already changed (aliases)
	notes        []Note
	at           []int // the offset in the old text of each note
}

func (r *roller) note(off int, n Note) {
	r.notes = append(r.notes, n)
	r.at = append(r.at, off)
}

func (r *roller) roll() error {
	fields := config.PlanDates(r.root)
	if err := r.year(fields); err != nil {
		return err
	}
	if r.opt.Year == r.old {
		return lang.Errorf("roll.sameyear", r.old)
	}
	r.id()
	r.titles()
	for _, key := range documentFields {
		r.empty(key)
	}
	return r.dates(fields)
}

// year reads the old year, from year or else from the plan's from, and
// writes the new one.
func (r *roller) year(fields []config.DateField) error {
	n := mappingValue(r.root, "year")
	if n == nil {
		for _, f := range fields {
			if f.Part == config.PlanPeriod && f.Key == "from" {
				if dt, err := calendar.ParseDateTime(f.Node.Value, 0); err == nil {
					r.old = dt.Date.Year
					return nil
				}
			}
		}
		return lang.Errorf("roll.noyear")
	}
	y, err := strconv.Atoi(strings.TrimSpace(n.Value))
	if err != nil {
		return lang.Errorf("roll.noyear")
	}
	r.old = y
	return r.set(n, strconv.Itoa(r.opt.Year))
}

// set replaces the text of scalar n with s.
func (r *roller) set(n *yaml.Node, s string) error {
	_, inner, ok := r.t.value(n)
	if !ok {
		return lang.Errorf("roll.value", n.Line, n.Column)
	}
	r.t.replace(inner[0], inner[1], s)
	return nil
}

// id gives the plan its new id: the old year at its end replaced, or the
// new year added.
func (r *roller) id() {
	n := mappingValue(r.root, "id")
	if n == nil {
		return
	}
	r.oldID = n.Value
	old, year := strconv.Itoa(r.old), strconv.Itoa(r.opt.Year)
	if base, ok := strings.CutSuffix(r.oldID, old); ok {
		r.newID = base + year
	} else {
		r.newID = r.oldID + "-" + year
	}
	if whole, inner, ok := r.t.value(n); ok {
		r.t.replace(inner[0], inner[1], r.newID)
		r.note(whole[0], Note{Kind: IDChanged, Key: "id", Old: r.oldID, New: r.newID})
	}
}

// titles updates the old year in the plan's, the tasks' and the
// deadlines' titles.
func (r *roller) titles() {
	nodes := []*yaml.Node{mappingValue(r.root, "title")}
	for _, t := range items(mappingValue(r.root, "tasks")) {
		nodes = append(nodes, mappingValue(t, "title"))
		for _, d := range items(mappingValue(t, "deadlines")) {
			nodes = append(nodes, mappingValue(d, "title"))
		}
	}
	re := regexp.MustCompile(`(^|[^0-9])` + strconv.Itoa(r.old) + `($|[^0-9])`)
	for _, n := range nodes {
		if n == nil || r.seen[n] || !re.MatchString(n.Value) {
			continue
		}
		r.seen[n] = true
		whole, inner, ok := r.t.value(n)
		if !ok {
			if off, good := r.t.offset(n.Line, n.Column); good {
				r.note(off, Note{Kind: TitleByHand, Key: "title", Old: n.Value})
			}
			continue
		}
		old := string(r.t.src[inner[0]:inner[1]])
		s := re.ReplaceAllString(old, "${1}"+strconv.Itoa(r.opt.Year)+"${2}")
		// Two years side by side ("2019 2019") share a separator: once more.
		s = re.ReplaceAllString(s, "${1}"+strconv.Itoa(r.opt.Year)+"${2}")
		r.t.replace(inner[0], inner[1], s)
		r.note(whole[0], Note{Kind: TitleChanged, Key: "title", Old: old, New: s})
	}
}

// empty empties the plan's field key, when it has a value.
func (r *roller) empty(key string) {
	n := mappingValue(r.root, key)
	if n == nil || n.Value == "" || n.Tag == "!!null" {
		return
	}
	if whole, _, ok := r.t.value(n); ok {
		r.t.replace(whole[0], whole[1], `""`)
		r.note(whole[0], Note{Kind: Emptied, Key: key, Old: n.Value})
	}
}

// dates moves every date of the plan, the period first: an on: event
// moved to a working day stays inside the new period.
func (r *roller) dates(fields []config.DateField) error {
	from := calendar.Date{Year: r.opt.Year, Month: time.January, Day: 1}
	to := calendar.Date{Year: r.opt.Year, Month: time.December, Day: 31}
	for _, f := range fields {
		if r.seen[f.Node] {
			continue
		}
		r.seen[f.Node] = true
		d, err := r.date(f, from, to)
		if err != nil {
			return err
		}
		switch {
		case f.Part == config.PlanPeriod && f.Key == "from":
			from = d
		case f.Part == config.PlanPeriod:
			to = d
		}
	}
	return nil
}

// date moves one date and returns where it now is.
func (r *roller) date(f config.DateField, from, to calendar.Date) (calendar.Date, error) {
	whole, inner, ok := r.t.value(f.Node)
	if !ok {
		return calendar.Date{}, lang.Errorf("roll.value", f.Node.Line, f.Node.Column)
	}
	v := string(r.t.src[inner[0]:inner[1]])
	dt, err := calendar.ParseDateTime(v, r.old)
	if err != nil {
		return calendar.Date{}, err
	}
	w, err := parseWritten(v)
	if err != nil {
		return calendar.Date{}, err
	}
	was := dt.Date
	same := calendar.Date{Year: was.Year + r.opt.Year - r.old, Month: was.Month, Day: was.Day}
	var comments []string
	if same.Month == time.February && same.Day == 29 && !isLeap(same.Year) {
		same.Day = 28
		r.note(whole[0], Note{Kind: LeapDay, Field: f, Was: was, Same: same, Date: same})
		comments = append(comments, r.text("roll.comment.leap", same.Year, same, DayName(same)))
	}
	d := same
	cal := r.opt.Calendar
	if f.Key == "on" && r.opt.Move != Keep && cal.IsWorkingDay(was) && !cal.IsWorkingDay(same) {
		if m, ok := r.workingDay(same, from, to, w.year == 0); ok {
			d = m
			r.note(whole[0], Note{Kind: Moved, Field: f, Was: was, Same: same, Date: d})
			comments = append(comments, r.text("roll.comment.moved", d, DayName(d), was, DayName(was), same, DayName(same)))
		}
	}
	if f.Part != config.PlanPeriod && !cal.IsWorkingDay(d) {
		r.note(whole[0], Note{Kind: DayOff, Field: f, Was: was, Same: same, Date: d})
	}
	r.t.replace(inner[0]+w.start, inner[0]+w.end, w.format(d))
	if len(comments) > 0 {
		r.t.comment(whole[1], strings.Join(comments, "; "))
	}
	return d, nil
}

// workingDay returns the working day the options choose for d, inside the
// period from–to, trying the other direction when the first leaves it;
// inYear keeps it in d's year too (a dd/mm date cannot leave its year).
func (r *roller) workingDay(d, from, to calendar.Date, inYear bool) (calendar.Date, bool) {
	cal := r.opt.Calendar
	first, second := cal.OnOrAfter(d), cal.OnOrBefore(d)
	if r.opt.Move == PreviousWorkingDay {
		first, second = second, first
	}
	for _, m := range []calendar.Date{first, second} {
		if cal.IsWorkingDay(m) && !m.Before(from) && !m.After(to) && (!inYear || m.Year == d.Year) {
			return m, true
		}
	}
	return d, false
}

func (r *roller) text(key string, args ...any) string {
	return lang.Message{Key: key, Args: args}.Text(r.opt.Lang)
}

// DayName names d's day of the week, as a text of the catalogue.
func DayName(d calendar.Date) lang.Message {
	return lang.Message{Key: "wd." + strconv.Itoa(int(d.Weekday()))}
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// written is the date at the start of a value as written: its form, where
// it stands, and the width of each number, so that the new date is
// written the same way.
type written struct {
	iso          bool
	year         int // 0 for dd/mm
	start, end   int // of the date in the value
	dayW, monthW int
}

// parseWritten finds the date in a value already known to parse
// (calendar.ParseDateTime): 15/11/2019, 15/11 or 2019-11-15, then perhaps
// a time.
func parseWritten(v string) (written, error) {
	w := written{start: len(v) - len(strings.TrimLeft(v, " \t"))}
	rest := v[w.start:]
	w.end = w.start + len(rest)
	if i := strings.IndexAny(rest, " \tTt"); i >= 0 {
		w.end = w.start + i
	}
	tok := v[w.start:w.end]
	if p := strings.Split(tok, "-"); len(p) == 3 {
		w.iso, w.dayW, w.monthW = true, len(p[2]), len(p[1])
		w.year, _ = strconv.Atoi(p[0])
		return w, nil
	}
	p := strings.Split(tok, "/")
	if len(p) < 2 || len(p) > 3 {
		return w, errors.New("roll: no date in " + strconv.Quote(v))
	}
	w.dayW, w.monthW = len(p[0]), len(p[1])
	if len(p) == 3 {
		w.year, _ = strconv.Atoi(p[2])
	}
	return w, nil
}

// format writes d as w was written.
func (w written) format(d calendar.Date) string {
	switch {
	case w.iso:
		return fmt.Sprintf("%04d-%0*d-%0*d", d.Year, w.monthW, int(d.Month), w.dayW, d.Day)
	case w.year == 0:
		return fmt.Sprintf("%0*d/%0*d", w.dayW, d.Day, w.monthW, int(d.Month))
	}
	return fmt.Sprintf("%0*d/%0*d/%04d", w.dayW, d.Day, w.monthW, int(d.Month), d.Year)
}

// mappingValue returns the value of key in mapping n (aliases resolved), or nil.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	n = resolveAlias(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return resolveAlias(n.Content[i+1])
		}
	}
	return nil
}

// items returns the items of sequence n, or nothing.
func items(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out[i] = resolveAlias(c)
	}
	return out
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}
