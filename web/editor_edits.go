package web

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/planfile"
	"github.com/nhacviec/nhacviec/rulewords"
)

// The edits a task form makes to the plan's file: a new task is one
// insert; an existing one is changed key by key, reminder by reminder,
// deadline by deadline, so that what the form did not change keeps its
// text and comments.

// formEdit is one edit of planfile as the preview's form carries it, in
// a hidden field: an inserted item (or a key's new list) is YAML text, so that its quoting
// ("0 8 * * MON") and flow lists ([ldtbxh]) survive the round trip.
type formEdit struct {
	Op    string `json:"op"`
	Path  string `json:"path"`
	Value string `json:"value,omitempty"`
	Item  string `json:"item,omitempty"`
	To    int    `json:"to,omitempty"`
}

// planfileEdit turns e into planfile's edit.
func (e formEdit) planfileEdit() (planfile.Edit, error) {
	op, ok := apiOps[e.Op]
	if !ok {
		return planfile.Edit{}, fmt.Errorf("edit %s: no operation %q", e.Path, e.Op)
	}
	pe := planfile.Edit{Op: op, Path: planfile.Path(e.Path), Value: e.Value, To: e.To}
	if e.Item != "" && (op == planfile.OpInsert || op == planfile.OpSet) {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(e.Item), &doc); err != nil || len(doc.Content) == 0 {
			return planfile.Edit{}, fmt.Errorf("edit %s: the item is not YAML: %v", e.Path, err)
		}
		pe.Item = doc.Content[0]
	}
	return pe, nil
}

// insertEdit inserts node at index to of the sequence at path.
func insertEdit(path string, to int, node *yaml.Node) formEdit {
	b, err := yaml.Marshal(node)
	if err != nil {
		panic(err) // a node made here always encodes
	}
	return formEdit{Op: "insert", Path: path, Item: string(b), To: to}
}

// Nodes as a person writes them.
func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }
func quoted(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
}
func flowList(items []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, x := range items {
		n.Content = append(n.Content, str(x))
	}
	return n
}
func mapping(kv ...any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i+1 < len(kv); i += 2 {
		v, ok := kv[i+1].(*yaml.Node)
		if !ok || v == nil {
			continue
		}
		n.Content = append(n.Content, str(kv[i].(string)), v)
	}
	return n
}

// ruleNode is the value of a rule as written: cron lines and dates quoted.
func ruleNode(key, value string) *yaml.Node {
	if key == "every" || key == "due_every" || strings.ContainsAny(value, " :") {
		return quoted(value)
	}
	return str(value)
}

// taskChange is what a task form asks: the edits, the problems of its
// fields, and where each row lands in the edited task (to show a
// checker's problem at its row).
type taskChange struct {
	Edits  []formEdit
	Errors map[string]string
	// Remind and Deadlines are the form's row numbers in the edited
	// task's order.
	Remind, Deadlines []int
}

// failErr notes a rule's problem at its field.
func (c *taskChange) failErr(err error) {
	if fe, ok := err.(*fieldError); ok {
		c.fail(fe.Field, fe.Message)
		return
	}
	c.fail("form", err.Error())
}

func (c *taskChange) fail(field, msg string) {
	if _, ok := c.Errors[field]; !ok {
		c.Errors[field] = msg
	}
}

// taskForm reads task values into a change of the task old (nil: a new
// task appended to a plan of n tasks whose ids are taken).
type taskEditor struct {
	lng   lang.Lang
	units []string // the ids a unit picker offers: units, then groups
	taken []string // task ids in the plan
	n     int      // tasks in the plan
}

// change turns the form's values into edits of old (nil: new).
func (e taskEditor) change(v url.Values, old *yaml.Node) *taskChange {
	c := &taskChange{Errors: map[string]string{}}
	t := func(key string, args ...any) string { return tr(e.lng, key, args...) }
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }

	title := get("title")
	if title == "" {
		c.fail("title", t("ed.err.title"))
	}
	id := get("id")
	if old != nil {
		id = scalar(old, "id")
	} else {
		if id == "" {
			id = lang.Slug(title, 6)
		}
		switch {
		case !taskIDRE.MatchString(id):
			c.fail("id", t("ed.err.id"))
		case slices.Contains(e.taken, id):
			c.fail("id", t("ed.err.idtaken", id))
		}
	}
	dates := map[string]string{}
	switch get("when") {
	case "on":
		d, ok := planDate(get("on_date"), get("on_time"))
		if !ok {
			c.fail("on_date", t("ed.err.date"))
		}
		dates["on"] = d
	case "window":
		for _, k := range []string{"from", "to"} {
			d, ok := planDate(get(k+"_date"), get(k+"_time"))
			if !ok {
				c.fail(k+"_date", t("ed.err.date"))
			}
			dates[k] = d
		}
	case "year":
	default:
		c.fail("when", t("ed.err.choice"))
	}
	lead, support := unitsOf(v, "lead", e.units), unitsOf(v, "support", e.units)
	if len(lead) == 0 {
		c.fail("units", t("ed.err.lead"))
	}
	tentative := v.Get("tentative") == "1"

	path := "tasks[id=" + id + "]"
	if old == nil {
		n := mapping("id", str(id), "ref", optional(get("ref")), "title", str(title),
			"description", optional(get("description")),
			"lead", flowList(lead), "support", listOrNil(support))
		for _, k := range []string{"on", "from", "to"} {
			if dates[k] != "" {
				n.Content = append(n.Content, str(k), quoted(dates[k]))
			}
		}
		if tentative {
			n.Content = append(n.Content, str("tentative"), &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
		}
		if rs := e.newReminders(c, v); len(rs.Content) > 0 {
			n.Content = append(n.Content, str("remind"), rs)
		}
		if ds := e.newDeadlines(c, v); len(ds.Content) > 0 {
			n.Content = append(n.Content, str("deadlines"), ds)
		}
		c.Edits = append(c.Edits, insertEdit("tasks", e.n, n))
		return c
	}

	for _, k := range []string{"ref", "title", "description"} {
		c.setScalar(old, path, k, get(k), false)
	}
	year := 0
	for _, k := range []string{"on", "from", "to"} {
		was := scalar(old, k)
		if was != "" {
			d, clock := dateInput(was, year)
			if same, ok := planDate(d, clock); ok && same == dates[k] {
				continue
			}
		}
		c.setScalar(old, path, k, dates[k], true)
	}
	tv := ""
	if tentative {
		tv = "true"
	}
	if (scalar(old, "tentative") == "true") != tentative {
		c.setScalar(old, path, "tentative", tv, false)
	}
	c.setList(old, path, "lead", lead, false)
	c.setList(old, path, "support", support, false)
	e.reminders(c, v, old, path)
	e.deadlines(c, v, old, path)
	return c
}

func optional(s string) *yaml.Node {
	if s == "" {
		return nil
	}
	if strings.Contains(s, "\n") {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.LiteralStyle}
	}
	return str(s)
}

func listOrNil(list []string) *yaml.Node {
	if len(list) == 0 {
		return nil
	}
	return flowList(list)
}

// setScalar sets key of mapping old (at path) to value, or deletes it
// when value is empty; nothing when it is already so.
func (c *taskChange) setScalar(old *yaml.Node, path, key, value string, checked bool) {
	has := mapValue(old, key) != nil
	if !checked && scalar(old, key) == value && (has || value == "") {
		return
	}
	switch {
	case value == "" && has:
		c.Edits = append(c.Edits, formEdit{Op: "delete", Path: path + "." + key})
	case value != "":
		c.Edits = append(c.Edits, formEdit{Op: "set", Path: path + "." + key, Value: value})
	}
}

// setList makes the list of key in old (at path) items, unless it holds
// them already (in any order when anyOrder).
func (c *taskChange) setList(old *yaml.Node, path, key string, items []string, anyOrder bool) {
	was := list(old, key)
	if anyOrder {
		a, b := slices.Clone(was), slices.Clone(items)
		slices.Sort(a)
		slices.Sort(b)
		if slices.Equal(a, b) {
			return
		}
	} else if slices.Equal(was, items) {
		return
	}
	switch {
	case len(items) == 0 && mapValue(old, key) != nil:
		c.Edits = append(c.Edits, formEdit{Op: "delete", Path: path + "." + key})
	case len(items) > 0:
		// Set where it is written, its comment kept (a new key: [a, b],
		// as a person writes it).
		c.Edits = append(c.Edits, setItemEdit(path+"."+key, flowList(items)))
	}
}

// setItemEdit sets the value at path to node: a list or mapping written
// again where it stands, or a key added with it.
func setItemEdit(path string, node *yaml.Node) formEdit {
	e := insertEdit(path, 0, node)
	e.Op = "set"
	return e
}

// newReminders returns the reminders of the rows without orig.
func (e taskEditor) newReminders(c *taskChange, v url.Values) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for i := range rowCount(v, "r") {
		p := fmt.Sprintf("r%d.", i)
		if v.Get(p+"orig") != "" {
			continue
		}
		r, err := readRule(v, p, e.lng)
		if err != nil {
			c.failErr(err)
			continue
		}
		if r.Kind == rulewords.None || r.Kind == rulewords.Custom {
			continue
		}
		k, val := r.Syntax()
		seq.Content = append(seq.Content, mapping(k, ruleNode(k, val)))
		c.Remind = append(c.Remind, i)
	}
	return seq
}

// reminders changes the reminders of old at path as the rows say.
func (e taskEditor) reminders(c *taskChange, v url.Values, old *yaml.Node, path string) {
	items := mapValue(old, "remind")
	var n int
	if items != nil {
		n = len(items.Content)
	}
	var deletes []int
	kept := map[int]int{} // original index: row
	for i := range rowCount(v, "r") {
		p := fmt.Sprintf("r%d.", i)
		o, err := strconv.Atoi(v.Get(p + "orig"))
		if v.Get(p+"orig") == "" || err != nil || o < 0 || o >= n {
			continue
		}
		item := items.Content[o]
		was := reminderRule(item)
		if v.Get(p+"del") == "1" || v.Get(p+"kind") == kindNone {
			deletes = append(deletes, o)
			continue
		}
		kept[o] = i
		if was.Kind == rulewords.Custom {
			continue
		}
		r, err := readRule(v, p, e.lng)
		if err != nil {
			c.failErr(err)
			continue
		}
		k, val := r.Syntax()
		if wk, wv := was.Syntax(); wk == k && wv == val {
			continue
		}
		at := fmt.Sprintf("%s.remind[%d]", path, o)
		if wk, _ := was.Syntax(); wk == k || mapValue(item, wk) == nil {
			c.Edits = append(c.Edits, formEdit{Op: "set", Path: at + "." + k, Value: val})
		} else {
			// Another kind: its key is added and the old one goes; the
			// comments above the item stay.
			c.Edits = append(c.Edits, setItemEdit(at+"."+k, ruleNode(k, val)),
				formEdit{Op: "delete", Path: at + "." + wk})
		}
	}
	for o := range n {
		if row, ok := kept[o]; ok {
			c.Remind = append(c.Remind, row)
		}
	}
	c.listChanges(path, "remind", deletes, n, e.newReminders(c, v).Content)
}

// listChanges deletes the items at indexes of the list of n items at
// path.key and appends added: deletions from the last, so that each
// index still holds; the whole key when the list is left empty.
func (c *taskChange) listChanges(path, key string, indexes []int, n int, added []*yaml.Node) {
	slices.Sort(indexes)
	if len(indexes) > 0 && len(indexes) == n && len(added) == 0 {
		c.Edits = append(c.Edits, formEdit{Op: "delete", Path: path + "." + key})
		return
	}
	for i := len(indexes) - 1; i >= 0; i-- {
		c.Edits = append(c.Edits, formEdit{Op: "delete", Path: fmt.Sprintf("%s.%s[%d]", path, key, indexes[i])})
	}
	for j, item := range added {
		c.Edits = append(c.Edits, insertEdit(path+"."+key, n-len(indexes)+j, item))
	}
}
