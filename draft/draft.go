package draft

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// Source is where a drafted element came from: the paragraph's number
// and the phrase it was read from.
type Source struct {
	Para  int
	Quote string
}

// Task is a task drafted from an item of the outline.
type Task struct {
	ID, Ref, Title, Description string
	Lead, Support               []string
	// LeadGuessed tells a task whose unit in charge the document does not
	// name: the plan's owner is put there.
	LeadGuessed bool
	When        When
	// WhenOf is the ref of the item whose time the task takes (a point of
	// "3. Tháng hành động … từ ngày 15/11 đến ngày 15/12").
	WhenOf    string
	Deadlines []*Deadline
	Src       Source
	// Paras are the paragraphs the task was drafted from, for a page that
	// shows the draft beside the document.
	Paras []int
}

// Note is a paragraph the draft could not place, and why.
type Note struct {
	Para  int
	Quote string
	Why   lang.Message
}

// Draft is the plan drafted from a document.
type Draft struct {
	Header
	ID    string
	Owner string
	// OwnerSrc is why the owner was chosen.
	OwnerSrc Source
	// Recipients are the "Nơi nhận" items matched to units.
	Recipients []Recipient
	// Archive is the "Lưu: VT" line, nil without one.
	Archive *Source
	// Units are the units the draft proposes (not in the configuration).
	Units     []*Unit
	Tasks     []*Task
	NotPlaced []Note
	// Doc is the document read.
	Doc *Doc
	// WithUnits tells a draft made against a configuration's units.
	WithUnits bool
}

// Recipient is an item of "Nơi nhận" and the unit it names.
type Recipient struct {
	Unit string
	Src  Source
}

// Options are what a draft is made against.
type Options struct {
	// Units is a loaded configuration whose units and groups the draft
	// refers to by id; nil to propose every unit.
	Units *plan.Config
	// Year is the plan's year when the document states none (this year).
	Year int
}

// builder holds what is worked out while drafting.
type builder struct {
	m     *matcher
	year  int
	d     *Draft
	owner func() string
}

var (
	endRe   = regexp.MustCompile(`\s*\./\.\s*$`)
	nhuTren = regexp.MustCompile(`(?i)^như trên\b`)
)

// Draft drafts a plan from the document: the header, a task for each
// item of its parts of work (with its units, its time and its reporting
// duties), the "Nơi nhận" list, and every paragraph it could not place;
// and the report of what it understood and what it could not place.
func (doc *Doc) Draft(opts Options) (*Draft, *Report) {
	d := &Draft{Doc: doc, WithUnits: opts.Units != nil}
	b := &builder{m: newMatcher(opts.Units), d: d}
	// Split the document: the top, the body (from the first part "I."),
	// the Nơi nhận list and the signature block.
	paras, tables := taskTables(doc.Paras)
	var top, body, foot []Paragraph
	zone := 0
	for _, p := range paras {
		it := classify(p)
		switch {
		case zone == 0 && it.kind == itemRoman:
			zone = 1
		case zone < 2 && noiNhanRe.MatchString(p.Full()):
			zone = 2
		case zone == 1 && signRole.MatchString(p.Full()):
			zone = 2
		}
		switch zone {
		case 0:
			top = append(top, p)
		case 1:
			body = append(body, p)
		default:
			foot = append(foot, p)
		}
	}
	var sign []Paragraph
	var items []Source
	if len(foot) > 0 && noiNhanRe.MatchString(foot[0].Full()) {
		items, d.Archive, sign = recipients(foot)
	} else {
		sign = foot
	}
	var rest []Paragraph
	d.Header, rest = readHeader(top, sign)
	if d.Year == 0 {
		d.Year = anyYear(doc.Paras)
	}
	if d.Year == 0 {
		d.Year = opts.Year
	}
	if d.Year == 0 {
		d.Year = 2000
	}
	b.year = d.Year
	for _, p := range rest {
		d.NotPlaced = append(d.NotPlaced, Note{p.N, p.Full(), lang.Message{Key: "draft.why.preamble"}})
	}
	d.ID = planID(d.Title, d.Year)
	nodes := b.outline(body)
	b.owner = func() string { return b.pickOwner(nodes) }
	for _, n := range nodes {
		d.Tasks = append(d.Tasks, b.task(n))
	}
	d.Tasks = append(d.Tasks, b.tableTasks(tables)...)
	for _, t := range d.Tasks {
		if len(t.Lead) == 0 {
			t.Lead, t.LeadGuessed = []string{b.owner()}, true
		}
		t.Support = slices.DeleteFunc(t.Support, func(s string) bool { return slices.Contains(t.Lead, s) })
	}
	for _, it := range items {
		if nhuTren.MatchString(it.Quote) {
			d.NotPlaced = append(d.NotPlaced, Note{it.Para, it.Quote, lang.Message{Key: "draft.why.nhutren"}})
			continue
		}
		hits, _ := b.m.find(it.Quote, it)
		if len(hits) == 0 {
			u := &Unit{ID: b.m.freeID(lang.Slug(it.Quote, 6)), Name: it.Quote, Relation: plan.RelationHigher, Src: it}
			b.m.units[u.ID] = u
			b.m.use(u, it)
			hits = []hit{{unit: u}}
		}
		for _, h := range hits {
			d.Recipients = append(d.Recipients, Recipient{Unit: h.unit.ID, Src: it})
		}
	}
	d.Owner = b.owner()
	d.Units = d.referenced(b.m.used)
	return d, d.report()
}

// outline walks the body and returns the items that become tasks;
// paragraphs that cannot be tasks go to NotPlaced.
func (b *builder) outline(body []Paragraph) []*node {
	var (
		nodes        []*node
		section      string
		work         bool
		number, last *node
		letterRef    string
		unitHead     *Unit
		dashes       = map[string]int{}
	)
	add := func(n *node) {
		nodes = append(nodes, n)
		last = n
	}
	for _, p := range body {
		p.Text = endRe.ReplaceAllString(p.Text, "")
		it := classify(p)
		if !work && it.kind != itemRoman {
			b.d.NotPlaced = append(b.d.NotPlaced, Note{p.N, p.Full(), lang.Message{Key: "draft.why.purpose", Args: []any{section}}})
			continue
		}
		switch it.kind {
		case itemRoman:
			section, work = it.label, !purposeRe.MatchString(strings.TrimSpace(it.text))
			number, last, letterRef, unitHead = nil, nil, "", nil
			if work {
				b.d.NotPlaced = append(b.d.NotPlaced, Note{p.N, p.Full(), lang.Message{Key: "draft.why.part"}})
			}
		case itemNumber:
			ref := section + "." + it.label
			if u := b.unitHeading(it); u != nil {
				// "1. Bộ phận Lao động - Thương binh và Xã hội": the points
				// under it are its tasks.
				number, last, letterRef, unitHead = nil, nil, ref, u
				continue
			}
			n := &node{ref: ref, id: strings.ToLower(strings.ReplaceAll(ref, ".", "-")), head: it}
			number, letterRef, unitHead = n, "", nil
			add(n)
		case itemLetter:
			ref := section + "." + it.label
			if number != nil {
				ref = number.ref + "." + it.label
			}
			letterRef, unitHead = ref, b.unitHeading(it)
			if unitHead != nil {
				last = nil
				continue
			}
			add(&node{ref: ref, id: strings.ToLower(strings.ReplaceAll(ref, ".", "-")), head: it, parent: number})
		case itemDash:
			ref := section
			switch {
			case letterRef != "":
				ref = letterRef
			case number != nil:
				ref = number.ref
			}
			dashes[ref]++
			id := strings.ToLower(strings.ReplaceAll(ref, ".", "-")) + "-" + itoa(dashes[ref])
			add(&node{ref: ref, id: id, head: it, parent: number, lead: unitHead})
		default:
			if last == nil {
				b.d.NotPlaced = append(b.d.NotPlaced, Note{p.N, p.Full(), lang.Message{Key: "draft.why.loose"}})
				continue
			}
			last.more = append(last.more, it)
		}
	}
	seen := map[string]bool{}
	for _, n := range nodes {
		// A list numbered twice ("1." again after "3.") gives an id twice.
		id := n.id
		for k := 2; seen[id]; k++ {
			id = n.id + "-" + itoa(k)
		}
		n.id, seen[id] = id, true
		parts := []string{n.head.text}
		for _, m := range n.more {
			parts = append(parts, m.text)
		}
		n.text = clip(strings.Join(parts, " "), maxItemText)
	}
	return nodes
}

// unitHeading is the unit a lettered item only names ("a) Bộ phận Lao
// động - Thương binh và Xã hội"): the points under it are its tasks.
func (b *builder) unitHeading(it item) *Unit {
	hits, words := b.m.find(it.text, Source{it.para.N, it.text})
	if len(hits) != 1 {
		return nil
	}
	rest := 0 // words besides the unit's name
	for _, w := range words {
		if w != "" && !strings.ContainsAny(w, ",;:.()") && w != "xa" {
			rest++
		}
	}
	if rest > 1 {
		return nil
	}
	return hits[0].unit
}

// task drafts the task of an outline item.
func (b *builder) task(n *node) *Task {
	src := Source{n.head.para.N, n.head.text}
	t := &Task{ID: n.id, Ref: n.ref, Title: title(n.head.text), Src: src, Paras: []int{n.head.para.N}}
	if t.Title == "" {
		t.Title = lang.Message{Key: "draft.c.item", Args: []any{n.ref}}.Text(lang.Vietnamese)
	}
	for _, m := range n.more {
		t.Paras = append(t.Paras, m.para.N)
	}
	if desc := strings.TrimSpace(n.text); strings.TrimRight(desc, ".") != t.Title {
		t.Description = desc
	}
	r := b.roles(n.text, src)
	if n.lead != nil {
		t.Lead = []string{n.lead.ID}
		r.support = append(r.support, r.lead...)
	} else {
		t.Lead = r.lead
	}
	t.Support = slices.DeleteFunc(r.support, func(s string) bool { return slices.Contains(t.Lead, s) })
	t.When = readWhen(n.text, b.year)
	if t.When.Empty() && n.parent != nil && n.parent != n {
		if pw := readWhen(n.parent.text, b.year); pw.From != "" {
			t.When, t.WhenOf = pw, n.parent.ref
		}
	}
	if t.When.Before != "" && t.When.Every == "" {
		// "… trước ngày 20/6": a window up to that day, from the day the
		// plan was signed (or its year's start), which the document does
		// not state.
		t.When.From, t.When.To, t.When.Tentative = b.start(t.When.Before), t.When.Before, true
	}
	// A lead of its own, not the owner, before the deadlines default to it.
	if len(t.Lead) == 0 {
		t.Lead, t.LeadGuessed = []string{b.owner()}, true
	}
	b.readDeadlines(t, n)
	return t
}

// pickOwner is the unit that follows the plan: the one the document asks
// to advise ("tham mưu") the issuer, else the most frequent lead.
func (b *builder) pickOwner(nodes []*node) string {
	if b.d.Owner != "" {
		return b.d.Owner
	}
	count := map[string]int{}
	best := ""
	for _, n := range nodes {
		if n.lead != nil && strings.Contains(fold(n.text), "tham muu") {
			b.d.Owner, b.d.OwnerSrc = n.lead.ID, Source{n.head.para.N, n.head.text}
			return b.d.Owner
		}
		if n.lead != nil {
			count[n.lead.ID]++
			if best == "" || count[n.lead.ID] > count[best] {
				best = n.lead.ID
			}
		}
	}
	if best == "" {
		u := b.m.units["ldtbxh"]
		if u == nil {
			u = &Unit{ID: "ldtbxh", Name: kinds[0].name, Relation: plan.RelationInternal}
		}
		b.m.use(u, Source{})
		best = u.ID
	} else {
		b.d.OwnerSrc = Source{}
	}
	b.d.Owner = best
	return best
}

// planID is the plan's id: the first words of its title and its year
// ("hoat-dong-binh-dang-gioi-2019").
func planID(title string, year int) string {
	var ws []string
	for _, w := range strings.Split(lang.Slug(strings.TrimPrefix(title, "Kế hoạch "), 0), "-") {
		if w == "" || w == "nam" || w == itoa(year) {
			continue
		}
		if w == "va" || w == "vi" || w == "cua" {
			continue
		}
		if ws = append(ws, w); len(ws) == 5 {
			break
		}
	}
	if len(ws) == 0 {
		ws = []string{"ke-hoach"}
	}
	if year > 0 {
		ws = append(ws, itoa(year))
	}
	return strings.Join(ws, "-")
}

// start is the first day of a window that ends on before: the signing
// date when it is in the plan's year and before that day, else 01/01.
func (b *builder) start(before string) string {
	first := "01/01/" + itoa(b.year)
	if is := b.d.Issued; strings.HasSuffix(is, "/"+itoa(b.year)) && key(is) < key(before) {
		return is
	}
	if key(first) > key(before) {
		return before
	}
	return first
}

// key orders dd/mm/yyyy dates.
func key(d string) string {
	if len(d) < 10 {
		return d
	}
	return d[6:10] + d[3:5] + d[0:2]
}

// referenced are the units of used that the draft refers to: a unit
// named only where it has no role is not proposed.
func (d *Draft) referenced(used []*Unit) []*Unit {
	refs := map[string]bool{d.Owner: true}
	for _, t := range d.Tasks {
		for _, id := range append(slices.Clone(t.Lead), t.Support...) {
			refs[id] = true
		}
		for _, dl := range t.Deadlines {
			for _, id := range append(slices.Clone(dl.By), dl.To...) {
				refs[id] = true
			}
		}
	}
	for _, r := range d.Recipients {
		refs[r.Unit] = true
	}
	return slices.DeleteFunc(slices.Clone(used), func(u *Unit) bool { return !refs[u.ID] })
}

// maxItemText is the most of an item's text that is read: an item of a
// plan is a paragraph or a few, and a longer one (a document in one line)
// would only slow the draft down.
const maxItemText = 4000

// clip cuts s to at most max bytes, at a word.
func clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	s = s[:max]
	if i := strings.LastIndex(s, " "); i > 0 {
		s = s[:i]
	}
	return strings.ToValidUTF8(s, "") + " …"
}

// yearAny finds a year in a paragraph ("năm 2019", "15/12/2019").
var yearAny = regexp.MustCompile(`(?:năm |/)(19[5-9]\d|20\d\d)\b`)

// anyYear is the year of the document when its title and date say none:
// the first year its text names.
func anyYear(paras []Paragraph) int {
	for _, p := range paras {
		if m := yearAny.FindStringSubmatch(p.Text); m != nil {
			y, _ := strconv.Atoi(m[1])
			return y
		}
	}
	return 0
}
