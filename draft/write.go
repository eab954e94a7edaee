package draft

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/nhacviec/nhacviec/lang"
	"go.yaml.in/yaml/v3"
)

// writer builds the draft's YAML in language l.
type writer struct {
	d *Draft
	l lang.Lang
}

func (w *writer) t(key string, args ...any) string {
	return lang.Message{Key: key, Args: args}.Text(w.l)
}

// src is the comment naming where an element came from.
func (w *writer) src(s Source) string {
	if s.Para == 0 {
		return ""
	}
	q := []rune(strings.TrimSpace(s.Quote))
	if len(q) > 90 {
		q = append(q[:90], '…')
	}
	return w.t("draft.c.src", w.d.Doc.Unit.Text(w.l), s.Para, string(q))
}

func str(v string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v} }
func num(v int) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(v)}
}
func boolean() *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"} }
func mapping() *yaml.Node { return &yaml.Node{Kind: yaml.MappingNode} }
func seq(flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return n
}

// set adds key: v to the mapping m, with comment beside a scalar or above
// a block.
func set(m *yaml.Node, key string, v *yaml.Node, comment string) {
	k := str(key)
	if comment != "" {
		if v.Kind == yaml.ScalarNode || v.Style == yaml.FlowStyle {
			v.LineComment = joinComment(v.LineComment, comment)
		} else {
			k.HeadComment = joinComment(k.HeadComment, comment)
		}
	}
	m.Content = append(m.Content, k, v)
}

func joinComment(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + "; " + b
}

func ids(list []string) *yaml.Node {
	n := seq(true)
	for _, id := range list {
		n.Content = append(n.Content, str(id))
	}
	return n
}

// YAML writes the draft: without a configuration's units, a whole
// configuration (the proposed units, then the plan) that check accepts;
// with them, a plan file to name under the configuration's plans:, the
// units it proposes written above it to be added. Every element carries
// a comment with the paragraph it came from; what could not be placed is
// listed at the end.
func (d *Draft) YAML(l lang.Lang, name string) ([]byte, error) {
	w := &writer{d: d, l: l}
	p := w.plan()
	root := p
	head := w.t("draft.c.head", name)
	if !d.WithUnits {
		root = mapping()
		set(root, "units", w.units(), w.t("draft.c.units"))
		plans := seq(false)
		plans.Content = append(plans.Content, p)
		set(root, "plans", plans, "")
	} else if len(d.Units) > 0 {
		var b bytes.Buffer
		enc := yaml.NewEncoder(&b)
		enc.SetIndent(2)
		u := mapping()
		set(u, "units", w.units(), "")
		if err := enc.Encode(u); err != nil {
			return nil, fmt.Errorf("write draft: %w", err)
		}
		head += "\n\n" + w.t("draft.c.addunits") + "\n" + strings.TrimSpace(b.String())
	}
	root.HeadComment = head
	if notes := w.notPlaced(); notes != "" {
		root.FootComment = notes
	}
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("write draft: %w", err)
	}
	return b.Bytes(), nil
}

func (w *writer) units() *yaml.Node {
	m := mapping()
	for _, u := range w.d.Units {
		n := mapping()
		set(n, "name", str(u.Name), "")
		set(n, "relation", str(string(u.Relation)), "")
		c := mapping()
		set(c, "name", str(w.t("draft.c.contactname")), "")
		set(c, "email", str(u.ID+"@example.vn"), w.t("draft.c.contact"))
		cs := seq(false)
		cs.Content = append(cs.Content, c)
		set(n, "contacts", cs, "")
		set(m, u.ID, n, w.src(u.Src))
	}
	return m
}

func (w *writer) plan() *yaml.Node {
	d := w.d
	p := mapping()
	set(p, "id", str(d.ID), "")
	if d.Title != "" {
		set(p, "title", str(d.Title), w.src(d.Src["title"]))
	} else {
		set(p, "title", str(w.t("draft.c.notitle")), w.t("draft.c.missing"))
	}
	set(p, "issuer", str(d.Issuer), w.src(d.Src["issuer"]))
	set(p, "number", str(d.Number), orMissing(w, w.src(d.Src["number"])))
	if d.Issued != "" {
		set(p, "issued", str(d.Issued), w.src(d.Src["issued"]))
	}
	set(p, "signer", str(d.Signer), orMissing(w, w.src(d.Src["signer"])))
	year := d.Year
	set(p, "year", num(year), orMissing(w, w.src(d.Src["title"])))
	if from, to := d.period(); from != "" {
		set(p, "from", str(from), w.t("draft.c.period"))
		set(p, "to", str(to), "")
	}
	owner := w.src(d.OwnerSrc)
	if owner == "" {
		owner = w.t("draft.c.ownerguess")
	}
	set(p, "owner", str(d.Owner), owner)
	if len(d.Recipients) > 0 {
		dist := mapping()
		on, why := fmt.Sprintf("02/01/%d 08:00", year), w.t("draft.c.distdate")
		if d.Issued != "" && strings.HasSuffix(d.Issued, "/"+strconv.Itoa(year)) {
			on, why = d.Issued+" 08:00", w.t("draft.c.distissued")
		}
		set(dist, "on", str(on), why)
		to := seq(false)
		seen := map[string]bool{}
		for _, r := range d.Recipients {
			if seen[r.Unit] {
				continue
			}
			seen[r.Unit] = true
			n := str(r.Unit)
			n.LineComment = w.src(r.Src)
			to.Content = append(to.Content, n)
		}
		set(dist, "to", to, "")
		comment := w.t("draft.c.distribute")
		if d.Archive != nil {
			comment += "\n" + w.t("draft.c.archive", w.src(*d.Archive))
		}
		set(p, "distribute", dist, comment)
	}
	tasks := seq(false)
	for i, t := range d.Tasks {
		n := w.task(t, i)
		tasks.Content = append(tasks.Content, n)
	}
	set(p, "tasks", tasks, "")
	return p
}

func orMissing(w *writer, s string) string {
	if s == "" {
		return w.t("draft.c.missing")
	}
	return s
}

func (w *writer) task(t *Task, i int) *yaml.Node {
	n := mapping()
	n.HeadComment = w.src(t.Src)
	set(n, "id", str(t.ID), "")
	set(n, "ref", str(t.Ref), "")
	set(n, "title", str(t.Title), "")
	if t.Description != "" {
		desc := str(t.Description)
		desc.Style = yaml.FoldedStyle
		set(n, "description", desc, "")
	}
	lead := ""
	if t.LeadGuessed {
		lead = w.t("draft.c.leadguess")
	}
	set(n, "lead", ids(t.Lead), lead)
	if len(t.Support) > 0 {
		set(n, "support", ids(t.Support), "")
	}
	wh := t.When
	quote := w.t("draft.c.when", wh.Quote)
	if t.WhenOf != "" {
		quote = w.t("draft.c.whenof", t.WhenOf, wh.Quote)
	}
	remind := seq(false)
	rule := func(k, v string) {
		r := mapping()
		set(r, k, str(v), "")
		remind.Content = append(remind.Content, r)
	}
	switch {
	case wh.From != "":
		if wh.Note != "" {
			quote += "; " + w.t("draft.c.tet", wh.Note)
		}
		set(n, "from", str(wh.From), quote)
		set(n, "to", str(wh.To), "")
		if wh.Tentative {
			why := w.t("draft.c.tentative")
			if wh.Before != "" {
				why = w.t("draft.c.before")
			}
			set(n, "tentative", boolean(), why)
		}
		rule("at", "start")
		if wh.From != wh.To {
			rule("before_end", "2d")
		}
	case wh.On != "":
		set(n, "on", str(wh.On), quote)
		rule("before", "3d")
		rule("before", "1d")
	default:
		day := 3 + (i*3)%22
		spec, why := fmt.Sprintf("0 8 %d * *", day), w.t("draft.c.remindchosen")
		switch wh.Every {
		case "quarter":
			spec = fmt.Sprintf("0 8 %d 1,4,7,10 *", day)
		case "half":
			spec = fmt.Sprintf("0 8 %d 1,7 *", day)
		case "year":
			spec = fmt.Sprintf("0 8 %d 1 *", day)
		}
		if wh.Every != "" {
			why = w.t("draft.c.every", wh.Quote) + "; " + why
		}
		r := mapping()
		set(r, "every", str(spec), why)
		remind.Content = append(remind.Content, r)
	}
	set(n, "remind", remind, "")
	deadlines := seq(false)
	for _, d := range t.Deadlines {
		deadlines.Content = append(deadlines.Content, w.deadline(d))
	}
	if len(deadlines.Content) > 0 {
		set(n, "deadlines", deadlines, "")
	}
	return n
}

func (w *writer) deadline(d *Deadline) *yaml.Node {
	n := mapping()
	n.HeadComment = w.src(d.Src)
	set(n, "id", str(d.ID), "")
	set(n, "title", str(d.Title), "")
	set(n, "by", ids(d.By), "")
	to := ""
	if d.ToGuessed {
		to = w.t("draft.c.toguess")
	}
	set(n, "to", ids(d.To), to)
	if d.Due != "" {
		set(n, "due", str(d.Due), w.t("draft.c.due"))
	} else {
		why := w.t("draft.c.every", d.When.Quote)
		if d.When.Quote == "" {
			why = w.t("draft.c.periodic")
		}
		set(n, "due_every", str(d.DueEvery), why)
	}
	if d.Tentative {
		set(n, "tentative", boolean(), w.t("draft.c.tentative"))
	}
	rem := seq(true)
	for _, r := range []string{"7d", "3d", "1d"} {
		if d.DueEvery != "" && strings.HasSuffix(d.DueEvery, " * *") && r == "7d" {
			continue
		}
		rem.Content = append(rem.Content, str(r))
	}
	set(n, "remind", rem, "")
	return n
}

// notPlaced lists, as comment lines, what the draft could not place.
func (w *writer) notPlaced() string {
	if len(w.d.NotPlaced) == 0 {
		return ""
	}
	lines := []string{w.t("draft.c.notplaced")}
	for _, n := range w.d.NotPlaced {
		lines = append(lines, "- "+w.src(Source{n.Para, n.Quote})+" — "+n.Why.Text(w.l))
	}
	return strings.Join(lines, "\n")
}

// period is the plan's period when its dates reach outside its year
// (a report due in January of the next year), "" when the year holds
// them all.
func (d *Draft) period() (from, to string) {
	first, last := "01/01/"+strconv.Itoa(d.Year), "31/12/"+strconv.Itoa(d.Year)
	lo, hi := first, last
	see := func(date string) {
		if len(date) < 10 {
			return
		}
		date = date[:10]
		if key(date) < key(lo) {
			lo = date
		}
		if key(date) > key(hi) {
			hi = date
		}
	}
	for _, t := range d.Tasks {
		see(t.When.From)
		see(t.When.To)
		see(t.When.On)
		for _, dl := range t.Deadlines {
			see(dl.Due)
		}
	}
	if lo == first && hi == last {
		return "", ""
	}
	return lo, hi
}
