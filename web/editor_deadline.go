package web

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/rulewords"
)

// The deadlines of a task form (hạn báo cáo): rows dN.* with title, by,
// to, a due date or a repeating due (rule fields dN.due.*), nhắc trước
// (dN.remind, offsets), grace, overdue reminders and one escalation step.

// deadline is one deadline row as read from the form.
type deadline struct {
	title, due, dueEvery        string
	by, to, remind, escTo       []string
	grace, overEvery, overMax   string
	escAfter, escCustom, idWant string
	tentative                   bool
}

// readDeadline reads row p of the form, failing its fields in c.
func (e taskEditor) readDeadline(c *taskChange, v url.Values, p string) (deadline, bool) {
	t := func(key string, args ...any) string { return tr(e.lng, key, args...) }
	get := func(k string) string { return strings.TrimSpace(v.Get(p + k)) }
	d := deadline{title: get("title"), by: known(v[p+"by"], e.units), to: known(v[p+"to"], e.units),
		remind: v[p+"remind"], grace: get("grace"), overEvery: get("overdue_every"), overMax: get("overdue_max"),
		escAfter: get("esc_after"), escTo: known(v[p+"esc_to"], e.units), escCustom: get("esc_custom"),
		tentative: get("tentative") == "1", idWant: get("id")}
	ok := true
	if d.title == "" {
		c.fail(p+"title", t("ed.err.title"))
		ok = false
	}
	if len(d.by) == 0 {
		c.fail(p+"by", t("ed.err.by"))
		ok = false
	}
	switch kind := get("due.kind"); kind {
	case "once":
		s, good := planDate(get("due_date"), get("due_time"))
		if !good {
			c.fail(p+"due_date", t("ed.err.date"))
			ok = false
		}
		d.due = s
	case "":
		c.fail(p+"due.kind", t("ed.err.due"))
		ok = false
	default:
		r, err := readRule(v, p+"due.", e.lng)
		if err != nil {
			c.failErr(err)
			return d, false
		}
		_, d.dueEvery = r.Syntax()
	}
	if d.overMax != "" {
		if n, err := strconv.Atoi(d.overMax); err != nil || n < 0 || n > 20 {
			c.fail(p+"overdue_max", t("ed.err.overmax"))
			ok = false
		}
	}
	return d, ok
}

// node returns the deadline as a new item of deadlines:, with id.
func (d deadline) node(id string) *yaml.Node {
	n := mapping("id", str(id), "title", str(d.title), "by", flowList(d.by), "to", listOrNil(d.to))
	if d.due != "" {
		n.Content = append(n.Content, str("due"), quoted(d.due))
	} else {
		n.Content = append(n.Content, str("due_every"), quoted(d.dueEvery))
	}
	if d.tentative {
		n.Content = append(n.Content, str("tentative"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
	if len(d.remind) > 0 {
		n.Content = append(n.Content, str("remind"), flowList(d.remind))
	}
	for _, kv := range [][2]string{{"grace", d.grace}, {"overdue_every", d.overEvery}, {"overdue_max", d.overMax}} {
		if kv[1] != "" {
			n.Content = append(n.Content, str(kv[0]), str(kv[1]))
		}
	}
	if d.escAfter != "" {
		n.Content = append(n.Content, str("escalate"), &yaml.Node{Kind: yaml.SequenceNode,
			Content: []*yaml.Node{mapping("after", str(d.escAfter), "to", listOrNil(d.escTo))}})
	}
	return n
}

// newDeadlines returns the deadlines of the rows without orig.
func (e taskEditor) newDeadlines(c *taskChange, v url.Values) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	var ids []string
	for i := range rowCount(v, "d") {
		p := fmt.Sprintf("d%d.", i)
		if v.Get(p+"orig") != "" || strings.TrimSpace(v.Get(p+"title")) == "" {
			continue
		}
		d, ok := e.readDeadline(c, v, p)
		if !ok {
			continue
		}
		id := d.idWant
		if id == "" || !taskIDRE.MatchString(id) {
			id = lang.Slug(d.title, 6)
		}
		for base, k := id, 2; slices.Contains(ids, id); k++ {
			id = base + "-" + strconv.Itoa(k)
		}
		ids = append(ids, id)
		seq.Content = append(seq.Content, d.node(id))
		c.Deadlines = append(c.Deadlines, i)
	}
	return seq
}

// deadlines changes the deadlines of old at path as the rows say.
func (e taskEditor) deadlines(c *taskChange, v url.Values, old *yaml.Node, path string) {
	items := mapValue(old, "deadlines")
	var n int
	if items != nil {
		n = len(items.Content)
	}
	var deletes []int
	kept := map[int]int{}
	for i := range rowCount(v, "d") {
		p := fmt.Sprintf("d%d.", i)
		o, err := strconv.Atoi(v.Get(p + "orig"))
		if v.Get(p+"orig") == "" || err != nil || o < 0 || o >= n {
			continue
		}
		if v.Get(p+"del") == "1" {
			deletes = append(deletes, o)
			continue
		}
		kept[o] = i
		d, ok := e.readDeadline(c, v, p)
		if !ok {
			continue
		}
		was := items.Content[o]
		at := fmt.Sprintf("%s.deadlines[%d]", path, o)
		c.setScalar(was, at, "title", d.title, false)
		c.setList(was, at, "by", d.by, false)
		c.setList(was, at, "to", d.to, false)
		if d.due != "" {
			if dd, dc := dateInput(scalar(was, "due"), 0); scalar(was, "due") == "" || !sameDate(dd, dc, d.due) {
				c.setScalar(was, at, "due", d.due, true)
			}
			c.setScalar(was, at, "due_every", "", false)
		} else {
			if wk, wv := rulewords.Parse("due_every", scalar(was, "due_every")).Syntax(); (wk != "every" && wk != "due_every") || wv != d.dueEvery {
				c.setScalar(was, at, "due_every", d.dueEvery, false)
			}
			c.setScalar(was, at, "due", "", false)
		}
		c.setList(was, at, "remind", d.remind, true)
		c.setScalar(was, at, "grace", d.grace, false)
		c.setScalar(was, at, "overdue_every", d.overEvery, false)
		c.setScalar(was, at, "overdue_max", d.overMax, false)
		if (scalar(was, "tentative") == "true") != d.tentative {
			tv := ""
			if d.tentative {
				tv = "true"
			}
			c.setScalar(was, at, "tentative", tv, false)
		}
		if d.escCustom == "" {
			es := mapValue(was, "escalate")
			var wasAfter string
			var wasTo []string
			if es != nil && len(es.Content) == 1 {
				wasAfter, wasTo = scalar(es.Content[0], "after"), list(es.Content[0], "to")
			}
			switch {
			case wasAfter == d.escAfter && slices.Equal(wasTo, d.escTo):
			case d.escAfter == "":
				if es == nil {
					break
				}
				c.Edits = append(c.Edits, formEdit{Op: "delete", Path: at + ".escalate"})
			case wasAfter != "":
				// The one step changed where it is written, its comments kept.
				step := at + ".escalate[0]"
				c.setScalar(es.Content[0], step, "after", d.escAfter, false)
				c.setList(es.Content[0], step, "to", d.escTo, false)
			default:
				c.Edits = append(c.Edits, setItemEdit(at+".escalate", &yaml.Node{Kind: yaml.SequenceNode,
					Content: []*yaml.Node{mapping("after", str(d.escAfter), "to", listOrNil(d.escTo))}}))
			}
		}
	}
	for o := range n {
		if row, ok := kept[o]; ok {
			c.Deadlines = append(c.Deadlines, row)
		}
	}
	c.listChanges(path, "deadlines", deletes, n, e.newDeadlines(c, v).Content)
}

// sameDate reports whether the inputs date and clock write s.
func sameDate(date, clock, s string) bool {
	w, ok := planDate(date, clock)
	return ok && w == s
}
