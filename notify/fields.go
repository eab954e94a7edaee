package notify

import (
	"reflect"
	"slices"
	"sort"
	"strings"
	"text/template"

	"github.com/nhacviec/nhacviec/plan"
)

// The fields a plan's template can use, by kind of message, as check lists
// them when a template names one that does not exist. TEMPLATES.md
// documents the same lists; a test keeps the two, and the view, in step.
var (
	recipientFields = []string{".Unit", ".Role", ".Relation"}
	planFields      = []string{".Plan.Title", ".Plan.Issuer", ".Plan.Number", ".Plan.Issued", ".Plan.Signer", ".Plan.Document", ".Plan.From", ".Plan.To"}
	taskFields      = []string{".Task.Heading", ".Task.Ref", ".Task.Title", ".Task.Description", ".Task.Kind", ".Task.Start", ".Task.End", ".Task.Tentative", ".Task.Lead", ".Task.Support"}
	deadlineFields  = []string{".Deadline.Title", ".Deadline.Due", ".Deadline.Tentative", ".Deadline.To", ".Deadline.By"}
	lateFields      = []string{".Seq", ".Max", ".LateDays"}
	sendFields      = []string{".At", ".AckURL", ".AckCode", ".DocumentURL", ".Contact"}

	kindFields = map[plan.Kind][]string{
		plan.KindDistribution: slices.Concat(recipientFields, []string{".Tasks", ".Repeat"}, planFields, sendFields),
		plan.KindReminder:     slices.Concat(recipientFields, taskFields, []string{".Form", ".Repeat", ".Event"}, planFields, sendFields),
		plan.KindDeadline:     slices.Concat(recipientFields, taskFields, deadlineFields, []string{".CanDone"}, planFields, sendFields),
		plan.KindOverdue:      slices.Concat(recipientFields, taskFields, deadlineFields, lateFields, []string{".CanDone"}, planFields, sendFields),
		plan.KindEscalation:   slices.Concat(recipientFields, []string{".Late", ".NotAcked"}, taskFields, deadlineFields, lateFields, planFields, sendFields),
	}
)

// structFields lists, for the types a template reaches below the view,
// their fields as a template writes them after prefix.
var structFields = map[string]reflect.Type{
	"planView":     reflect.TypeFor[planView](),
	"taskView":     reflect.TypeFor[taskView](),
	"deadlineView": reflect.TypeFor[deadlineView](),
	"contactView":  reflect.TypeFor[contactView](),
}

// fieldsOf returns the fields of the view type named in a template error
// ("*notify.taskView"), written after prefix, or nil for a type that is
// not a view.
func fieldsOf(typ, prefix string, kind plan.Kind) []string {
	name := strings.TrimPrefix(strings.TrimPrefix(typ, "*"), "notify.")
	if name == "view" {
		return kindFields[kind]
	}
	t := structFields[name]
	if t == nil {
		return nil
	}
	out := make([]string, 0, t.NumField())
	for f := range t.Fields() {
		if f.IsExported() {
			out = append(out, prefix+"."+f.Name)
		}
	}
	return out
}

// builtins are text/template's own functions, which the templates can
// call too.
const builtins = "and, or, not, eq, ne, lt, le, gt, ge, len, index, slice, print, printf, urlquery"

// funcNames lists the functions a template can call, ours first.
func funcNames() string {
	names := make([]string, 0, len(funcs))
	for name := range funcs {
		names = append(names, name)
	}
	sort.Strings(names)
	return strings.Join(names, ", ") + ", " + builtins
}

// internalTemplates are defined in the embedded files for the message's
// own use: a plan's template has no reason to include them.
var internalTemplates = map[string]bool{"subject": true, "body": true, "sms": true, "ack": true, "smsack": true, "footer": true}

// includable lists the templates of set a plan's template can include
// with {{template "NAME" .}}: role, start, end, when, short, plan,
// deadline, and phrase for reminders.
func includable(set *template.Template) string {
	var names []string
	for _, t := range set.Templates() {
		name := t.Name()
		// The set's own name (the kind) has no tree; "deadline" is also
		// the name of a shared template, which has one.
		if t.Tree == nil || internalTemplates[name] || strings.HasSuffix(name, ".tmpl") {
			continue
		}
		names = append(names, name)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
