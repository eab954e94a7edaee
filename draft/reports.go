package draft

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Deadline is a reporting duty the document states: who reports, to
// whom, by when.
type Deadline struct {
	ID, Title string
	By, To    []string
	// Due is a date (dd/mm/yyyy HH:MM) or DueEvery a cron spec.
	Due, DueEvery string
	// Tentative tells a due time the document does not state.
	Tentative bool
	// ToGuessed tells a recipient the document does not name (the plan's
	// owner is put there).
	ToGuessed bool
	Src       Source
	// When is the time as read, for the comments.
	When When
}

// reportRe finds a reporting duty and what is reported: "báo cáo kết
// quả … cho …", "gửi báo cáo về …", "gửi kế hoạch … trước ngày …".
var reportRe = regexp.MustCompile(`(?i)(báo cáo|gửi) ([^;.]*)`)

// clauseRe splits a text into clauses.
var clauseRe = regexp.MustCompile(`;|\.\s`)

// clauses splits text at ; and sentence ends, where a duty ends.
func clauses(text string) []string {
	var out []string
	for _, c := range clauseRe.Split(text, -1) {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}

// reportTitle is what a duty reports, from its clause: "Báo cáo kết quả
// hoạt động".
func reportTitle(verb, rest string) string {
	for _, stop := range []string{" cho ", " về ", " lên ", " trước ", " gửi ", " định kỳ", ", ", " để "} {
		if i := strings.Index(rest, stop); i > 0 {
			rest = rest[:i]
		}
	}
	t := strings.TrimSpace(verb + " " + strings.TrimSpace(rest))
	if len([]rune(t)) > 100 {
		t = string([]rune(t)[:100]) + " …"
	}
	return upperFirst(t)
}

// readDeadlines finds the reporting duties in a task's text. by is who
// reports when the clause does not say (the task's lead); owner receives
// a report whose recipient the document does not name.
func (b *builder) readDeadlines(t *Task, n *node) {
	for _, c := range clauses(n.text) {
		m := reportRe.FindStringSubmatchIndex(c)
		if m == nil {
			continue
		}
		verb, rest := c[m[2]:m[3]], c[m[4]:m[5]]
		when := readWhen(c, b.year)
		if when.Empty() && t.When.Before != "" {
			when = When{Before: t.When.Before, Quote: t.When.Quote} // a table's time column
		}
		roles := b.roles(c, Source{n.head.para.N, c})
		to := roles.reportTo
		periodic := strings.Contains(strings.ToLower(c), "định kỳ") || when.Every != ""
		if len(to) == 0 && when.Before == "" && !periodic {
			continue // "chế độ thông tin, báo cáo": a duty without a date or recipient
		}
		if strings.EqualFold(verb, "gửi") && len(to) == 0 && when.Before == "" {
			continue
		}
		d := &Deadline{Title: reportTitle(verb, rest), Src: Source{n.head.para.N, c}, When: when}
		d.ID = fmt.Sprintf("%s-bc%d", t.ID, len(t.Deadlines)+1)
		d.By = roles.lead
		if len(d.By) == 0 {
			d.By = t.Lead
		}
		d.To = to
		if len(d.To) == 0 {
			d.To, d.ToGuessed = []string{b.owner()}, true
		}
		d.By = slices.DeleteFunc(slices.Clone(d.By), func(s string) bool { return slices.Contains(d.To, s) })
		if len(d.By) == 0 {
			d.By = slices.DeleteFunc(slices.Clone(t.Lead), func(s string) bool { return slices.Contains(d.To, s) })
		}
		if len(d.By) == 0 {
			continue
		}
		switch {
		case when.Before != "" && when.Every == "":
			d.Due = when.Before + " 17:00"
		case when.Every != "":
			d.DueEvery, d.Tentative = dueEvery(when)
		default: // "định kỳ" without a period: every six months, dates chosen
			d.DueEvery, d.Tentative = "0 17 20 6,12 *", true
		}
		t.Deadlines = append(t.Deadlines, d)
	}
}

// dueEvery is the cron spec of a recurring report, and whether its day
// is chosen here rather than stated.
func dueEvery(w When) (string, bool) {
	day, tentative := w.Day, w.Day == 0
	if w.Before != "" {
		fmt.Sscanf(w.Before, "%d", &day)
		tentative = false
	}
	pick := func(d int) int {
		if day == 0 {
			return d
		}
		return day
	}
	switch w.Every {
	case "quarter":
		return fmt.Sprintf("0 17 %d 3,6,9,12 *", pick(20)), tentative
	case "half":
		return fmt.Sprintf("0 17 %d 6,12 *", pick(20)), tentative
	case "year":
		return fmt.Sprintf("0 17 %d 12 *", pick(15)), tentative
	}
	return fmt.Sprintf("0 17 %d * *", pick(25)), tentative
}
