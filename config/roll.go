package config

import (
	"cmp"
	"slices"

	"github.com/nhacviec/nhacviec/plan"
	"go.yaml.in/yaml/v3"
)

// What rolling a plan to a new year (package planfile) and the check of a
// plan's dates against its year both need: where a plan writes its dates,
// and reading one plan file on its own.

// DatePart tells which part of a plan a date belongs to.
type DatePart int

// The parts of a plan that hold dates.
const (
	PlanPeriod   DatePart = iota // the plan's own from and to
	Distribution                 // distribute's on
	TaskTime                     // a task's on, or from and to
	ReminderTime                 // a reminder's on
	DeadlineDue                  // a deadline's due
)

// DateField is a date as a plan writes it: its scalar node, its key (from,
// to, on or due), the part that holds it, and the ids of its task and
// deadline (a deadline's id may be empty).
type DateField struct {
	Node     *yaml.Node
	Key      string
	Part     DatePart
	Task     string
	Deadline string
}

// PlanDates returns the dates written in the plan mapping n: the plan's
// from and to first, then the others in the order of the file. Values that
// are not single scalars are left out (the loader reports them).
func PlanDates(n *yaml.Node) []DateField {
	n = resolve(n)
	var period, rest []DateField
	add := func(to *[]DateField, v *yaml.Node, f DateField) {
		if v = resolve(v); v != nil && v.Kind == yaml.ScalarNode && !isNull(v) {
			f.Node = v
			*to = append(*to, f)
		}
	}
	for _, key := range []string{"from", "to"} {
		add(&period, lookup(n, key), DateField{Key: key, Part: PlanPeriod})
	}
	add(&rest, lookup(lookup(n, "distribute"), "on"), DateField{Key: "on", Part: Distribution})
	for _, t := range sequenceOf(lookup(n, "tasks")) {
		id := scalarOf(lookup(t, "id"))
		for _, key := range []string{"on", "from", "to"} {
			add(&rest, lookup(t, key), DateField{Key: key, Part: TaskTime, Task: id})
		}
		for _, r := range sequenceOf(lookup(t, "remind")) {
			add(&rest, lookup(r, "on"), DateField{Key: "on", Part: ReminderTime, Task: id})
		}
		for _, d := range sequenceOf(lookup(t, "deadlines")) {
			add(&rest, lookup(d, "due"), DateField{Key: "due", Part: DeadlineDue, Task: id, Deadline: scalarOf(lookup(d, "id"))})
		}
	}
	slices.SortStableFunc(rest, func(a, b DateField) int {
		return cmp.Or(cmp.Compare(a.Node.Line, b.Node.Line), cmp.Compare(a.Node.Column, b.Node.Column))
	})
	return append(period, rest...)
}

// sequenceOf returns the items of a sequence node, aliases resolved, or
// nothing when n is not a sequence.
func sequenceOf(n *yaml.Node) []*yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out[i] = resolve(c)
	}
	return out
}

// scalarOf returns the value of a scalar node, or "".
func scalarOf(n *yaml.Node) string {
	if n = resolve(n); n != nil && n.Kind == yaml.ScalarNode && !isNull(n) {
		return n.Value
	}
	return ""
}

// ParsePlan reads and validates one plan file, name with its content
// data, against the service and units of cfg (a loaded configuration),
// without adding it to cfg: to check a plan file before the configuration
// names it. The plan is nil when it has errors.
func ParsePlan(name string, data []byte, cfg *plan.Config) (*plan.Plan, Diagnostics) {
	l := &loader{file: name, idPos: map[*plan.Plan]plan.Pos{}}
	var p *plan.Plan
	if root := l.document(data, "plan"); root != nil {
		p = l.plan(root, cfg)
	}
	l.diags.Sort()
	if p == nil || l.diags.HasErrors() {
		return nil, l.diags
	}
	p.File = name
	return p, l.diags
}
