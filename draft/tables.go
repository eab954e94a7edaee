package draft

import (
	"slices"
	"strings"
)

// Many plans list their work as a table (often an appendix): one row a
// task, with columns for what, who leads, who supports and when. The
// header row names the columns; a header cell takes the first role whose
// words it has ("Thời gian thực hiện" is the time, not who does it).
var columns = []struct {
	role  string
	words []string // folded, looked for in the header cell
}{
	{"support", []string{"phoi hop"}},
	{"when", []string{"thoi gian", "thoi han", "tien do", "hoan thanh"}},
	{"content", []string{"noi dung", "nhiem vu", "hoat dong", "cong viec"}},
	{"lead", []string{"chu tri", "thuc hien", "don vi", "trach nhiem"}},
	{"ref", []string{"tt", "stt", "so tt"}},
}

// cellText is the text of each cell of a table, by row and column, and
// the first paragraph of each row.
type table struct {
	cells map[int]map[int]string
	first map[int]Paragraph
	paras map[int][]int // the paragraphs of each row
	rows  int
	cols  map[string]int // the column of each role, for a table of tasks
}

// taskTables takes out of paras the tables of tasks (a header row with a
// content column and a lead column); the other paragraphs are returned in
// order.
func taskTables(paras []Paragraph) (rest []Paragraph, found []*table) {
	tables := map[int]*table{}
	for _, p := range paras {
		if p.Table == 0 {
			continue
		}
		t := tables[p.Table]
		if t == nil {
			t = &table{cells: map[int]map[int]string{}, first: map[int]Paragraph{}, paras: map[int][]int{}}
			tables[p.Table] = t
		}
		if t.cells[p.Row] == nil {
			t.cells[p.Row] = map[int]string{}
			t.first[p.Row] = p
		}
		t.cells[p.Row][p.Col] = strings.TrimSpace(t.cells[p.Row][p.Col] + " " + p.Full())
		t.paras[p.Row] = append(t.paras[p.Row], p.N)
		t.rows = max(t.rows, p.Row+1)
	}
	isTask := map[int]map[string]int{}
	for n, t := range tables {
		cols := map[string]int{}
		for c := 0; c < len(t.cells[0]); c++ {
			f := " " + fold(t.cells[0][c]) + " "
			for _, col := range columns {
				if _, taken := cols[col.role]; taken {
					continue
				}
				if slices.ContainsFunc(col.words, func(w string) bool { return strings.Contains(f, " "+w+" ") }) {
					cols[col.role] = c
					break
				}
			}
		}
		_, content := cols["content"]
		_, lead := cols["lead"]
		if content && lead {
			isTask[n] = cols
		}
	}
	for _, p := range paras {
		if isTask[p.Table] == nil {
			rest = append(rest, p)
		}
	}
	ns := make([]int, 0, len(isTask))
	for n := range isTask {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	for _, n := range ns {
		tables[n].cols = isTask[n]
		found = append(found, tables[n])
	}
	return rest, found
}

// tableTasks drafts a task of each row of the tables of tasks.
func (b *builder) tableTasks(found []*table) []*Task {
	var tasks []*Task
	for i, t := range found {
		for r := 1; r < t.rows; r++ {
			if task := b.rowTask(i+1, r, t, t.cols); task != nil {
				tasks = append(tasks, task)
			}
		}
	}
	return tasks
}

// rowTask drafts the task of row r of the k-th table of tasks.
func (b *builder) rowTask(k, r int, t *table, cols map[string]int) *Task {
	cell := func(role string) string {
		c, ok := cols[role]
		if !ok {
			return ""
		}
		return t.cells[r][c]
	}
	content := cell("content")
	if content == "" {
		return nil
	}
	first := t.first[r]
	num := strings.TrimRight(cell("ref"), ".")
	if num == "" {
		num = itoa(r)
	}
	ref := "B" + itoa(k) + "." + num
	id := "bang-" + itoa(k) + "-" + itoa(r)
	src := Source{first.N, content}
	task := &Task{ID: id, Ref: ref, Title: title(content), Src: src}
	if strings.TrimRight(content, ".") != task.Title {
		task.Description = content
	}
	task.Paras = t.paras[r]
	for _, h := range b.hits(cell("lead"), src) {
		task.Lead = appendNew(task.Lead, h)
	}
	for _, h := range b.hits(cell("support"), src) {
		if !slices.Contains(task.Lead, h) {
			task.Support = appendNew(task.Support, h)
		}
	}
	when := cell("when")
	lw := strings.ToLower(when)
	switch {
	case strings.HasPrefix(lw, "tháng"):
		when = "trong " + when
	case when != "" && when[0] >= '0' && when[0] <= '9':
		when = "ngày " + when
	}
	task.When = readWhen(when, b.year)
	if task.When.Empty() {
		task.When = readWhen(content, b.year)
	}
	if task.When.Before != "" && task.When.Every == "" {
		task.When.From, task.When.To, task.When.Tentative = b.start(task.When.Before), task.When.Before, true
	}
	if len(task.Lead) == 0 {
		task.Lead, task.LeadGuessed = []string{b.owner()}, true
	}
	b.readDeadlines(task, &node{text: content, head: item{para: first, text: content}})
	return task
}

// hits are the ids of the units text names.
func (b *builder) hits(text string, src Source) []string {
	hs, _ := b.m.find(text, src)
	var ids []string
	for _, h := range hs {
		ids = append(ids, h.unit.ID)
	}
	return ids
}
