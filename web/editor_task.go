package web

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/rulewords"
)

// A task as the fields of its form, and back. The form's values are the
// one model of the page: a task's YAML node becomes values (taskValues),
// the page shows values (a GET's or a POST's, so a refused post keeps
// what was typed), and values become the edits of the plan's file
// (taskEdits), made on the old node so that what did not change is not
// written.
//
// Fields: id ref title description when (on|window|year) on_date on_time
// from_date from_time to_date to_time tentative; u.UNIT = lead|support
// for every unit and group; reminder rows rN.* (rN.orig is the row's
// index in remind:, rN.kind its kind, see editor_rules.go); deadline
// rows dN.* (dN.orig its index in deadlines:, dN.del to delete it).

// Rows of the form besides the existing ones: empty reminder rows and
// deadline rows to add.
const (
	emptyRemindRows   = 2
	emptyDeadlineRows = 1
	maxRows           = 50
)

// dateInput turns a plan's date (15/11/2019 08:00, 15/11) into the values
// of an <input type=date> and <input type=time>.
func dateInput(s string, year int) (date, clock string) {
	dt, err := calendar.ParseDateTime(s, year)
	if err != nil {
		return "", ""
	}
	date = fmt.Sprintf("%04d-%02d-%02d", dt.Date.Year, dt.Date.Month, dt.Date.Day)
	if dt.HasClock {
		clock = dt.Clock.String()
	}
	return date, clock
}

var dateRE = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)

// planDate writes the date and time of the form's inputs as the plan does:
// dd/mm/yyyy, or dd/mm/yyyy HH:MM. ok is false when date is not a date.
func planDate(date, clock string) (string, bool) {
	m := dateRE.FindStringSubmatch(strings.TrimSpace(date))
	if m == nil {
		return "", false
	}
	s := m[3] + "/" + m[2] + "/" + m[1]
	clock = strings.TrimSpace(clock)
	if clock != "" {
		c, err := calendar.ParseClock(clock)
		if err != nil {
			return "", false
		}
		s += " " + c.String()
	}
	return s, true
}

// scalar returns the value of key in mapping n, "" if none.
func scalar(n *yaml.Node, key string) string {
	if v := mapValue(n, key); v != nil && v.Kind == yaml.ScalarNode {
		return v.Value
	}
	return ""
}

// list returns the items of the sequence of key in n (a scalar is one item).
func list(n *yaml.Node, key string) []string {
	v := mapValue(n, key)
	if v == nil {
		return nil
	}
	if v.Kind == yaml.ScalarNode {
		return []string{v.Value}
	}
	var out []string
	for _, c := range v.Content {
		out = append(out, c.Value)
	}
	return out
}

// taskValues returns the form's values of task node t (nil: a new task).
func taskValues(t *yaml.Node, year int) url.Values {
	v := url.Values{"when": {"year"}}
	if t == nil {
		for i := range emptyRemindRows {
			v.Set(fmt.Sprintf("r%d.kind", i), "")
		}
		return v
	}
	for _, k := range []string{"id", "ref", "title", "description"} {
		v.Set(k, scalar(t, k))
	}
	if scalar(t, "tentative") == "true" {
		v.Set("tentative", "1")
	}
	switch {
	case scalar(t, "on") != "":
		v.Set("when", "on")
		d, c := dateInput(scalar(t, "on"), year)
		v.Set("on_date", d)
		v.Set("on_time", c)
	case scalar(t, "from") != "" || scalar(t, "to") != "":
		v.Set("when", "window")
		for _, k := range []string{"from", "to"} {
			d, c := dateInput(scalar(t, k), year)
			v.Set(k+"_date", d)
			v.Set(k+"_time", c)
		}
	}
	for _, u := range list(t, "lead") {
		v.Set("u."+u, "lead")
	}
	for _, u := range list(t, "support") {
		v.Set("u."+u, "support")
	}
	if rs := mapValue(t, "remind"); rs != nil {
		for i, item := range rs.Content {
			p := fmt.Sprintf("r%d.", i)
			for k, x := range ruleForm(reminderRule(item), p) {
				v[k] = x
			}
			v.Set(p+"orig", strconv.Itoa(i))
		}
	}
	if ds := mapValue(t, "deadlines"); ds != nil {
		for i, d := range ds.Content {
			deadlineValues(v, fmt.Sprintf("d%d.", i), d, year)
			v.Set(fmt.Sprintf("d%d.orig", i), strconv.Itoa(i))
		}
	}
	return v
}

// reminderRule is the rule of one item of remind:. An item with more
// than its rule (to:, ack_within:, on:) is custom: the form keeps it.
func reminderRule(item *yaml.Node) rulewords.Choice {
	if item.Kind != yaml.MappingNode {
		return rulewords.Choice{Kind: rulewords.Custom, Key: "remind", Raw: item.Value}
	}
	if len(item.Content) != 2 {
		var parts []string
		for i := 0; i+1 < len(item.Content); i += 2 {
			parts = append(parts, item.Content[i].Value+": "+flat(item.Content[i+1]))
		}
		return rulewords.Choice{Kind: rulewords.Custom, Key: "remind", Raw: strings.Join(parts, ", ")}
	}
	return rulewords.Parse(item.Content[0].Value, item.Content[1].Value)
}

// flat writes a value on one line, as a reader sees it.
func flat(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	var parts []string
	for _, c := range n.Content {
		parts = append(parts, flat(c))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// deadlineValues sets the fields of deadline d under prefix p.
func deadlineValues(v url.Values, p string, d *yaml.Node, year int) {
	v.Set(p+"id", scalar(d, "id"))
	v.Set(p+"title", scalar(d, "title"))
	v[p+"by"] = list(d, "by")
	v[p+"to"] = list(d, "to")
	switch {
	case scalar(d, "due") != "":
		v.Set(p+"due.kind", "once")
		date, clock := dateInput(scalar(d, "due"), year)
		v.Set(p+"due_date", date)
		v.Set(p+"due_time", clock)
	case scalar(d, "due_every") != "":
		for k, x := range ruleForm(rulewords.Parse("due_every", scalar(d, "due_every")), p+"due.") {
			v[k] = x
		}
	}
	v[p+"remind"] = list(d, "remind")
	for _, k := range []string{"grace", "overdue_every", "overdue_max"} {
		v.Set(p+k, scalar(d, k))
	}
	if scalar(d, "tentative") == "true" {
		v.Set(p+"tentative", "1")
	}
	if es := mapValue(d, "escalate"); es != nil {
		if len(es.Content) == 1 && len(es.Content[0].Content) <= 4 {
			v.Set(p+"esc_after", scalar(es.Content[0], "after"))
			v[p+"esc_to"] = list(es.Content[0], "to")
		} else if len(es.Content) > 0 {
			v.Set(p+"esc_custom", flat(es))
		}
	}
}

var taskIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// rowCount returns how many rows of prefix letter (r, d) the values hold.
func rowCount(v url.Values, letter string) int {
	n := 0
	for k := range v {
		if !strings.HasPrefix(k, letter) {
			continue
		}
		i := strings.IndexByte(k, '.')
		if i < 0 {
			continue
		}
		if x, err := strconv.Atoi(k[1:i]); err == nil && x >= 0 && x < maxRows && x+1 > n {
			n = x + 1
		}
	}
	return n
}

// unitsOf returns the units given role (lead, support) in the form, in
// the order of ids.
func unitsOf(v url.Values, role string, ids []string) []string {
	var out []string
	for _, id := range ids {
		if v.Get("u."+id) == role {
			out = append(out, id)
		}
	}
	return out
}

// known keeps of list the ids in ids.
func known(list, ids []string) []string {
	var out []string
	for _, x := range list {
		if slices.Contains(ids, x) {
			out = append(out, x)
		}
	}
	return out
}
