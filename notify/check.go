package notify

import (
	"io"
	"slices"
	"time"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// CheckTemplates tries the templates of every plan of cfg (see
// TEMPLATES.md) as Render will use them: it parses each, then renders it
// for every rule and role of the plan's messages of its kind, and once
// more with sample values. It returns an error at the template's place in
// the plan file for each that does not parse or fails to render, saying
// what is wrong in the service language and listing what can be used
// instead, and a warning for a template the plan never uses.
//
// Call it on a configuration config.Load returned without errors, before
// using it: check, start and reload should refuse one with errors. The
// problems come in the order of their places in the files.
func CheckTemplates(cfg *plan.Config) []Problem {
	var ps []Problem
	for _, p := range cfg.Plans {
		if len(p.Templates) > 0 {
			ps = append(ps, checkPlan(cfg, p)...)
		}
	}
	slices.SortStableFunc(ps, func(a, b Problem) int { return a.Pos.Compare(b.Pos) })
	return ps
}

// Problem is a mistake CheckTemplates finds in a plan's template: where it
// is in the plan file, what to tell a person, and whether it is only a
// warning (a template the plan never uses) rather than an error.
type Problem struct {
	Pos     plan.Pos
	Msg     lang.Message
	Warning bool
}

// sampleLinks gives the samples of check a link and a code.
type sampleLinks struct{}

func (sampleLinks) AckURL(*plan.Notification) string {
	return "https://nhacviec.example/a/T0000000000000000"
}
func (sampleLinks) AckCode(*plan.Notification) string { return "1234" }
func (sampleLinks) DocumentURL(*plan.Notification) string {
	return "https://nhacviec.example/d/T0000000000000000"
}

// channelOf is the channel a template is rendered for.
func channelOf(name string) string {
	if name == "sms" {
		return plan.ChannelSMS
	}
	return plan.ChannelEmail
}

func checkPlan(cfg *plan.Config, p *plan.Plan) []Problem {
	lng := cfg.Service.Language
	if lng != lang.English {
		lng = lang.Vietnamese
	}
	var ds []Problem
	samples := planSamples(cfg, p)
	for _, kind := range plan.TemplateKinds {
		own := p.Templates[kind]
		if len(own) == 0 {
			continue
		}
		base, err := textSet(lng, kind)
		if err != nil {
			// The embedded templates are part of the binary: the tests
			// catch this.
			ds = append(ds, problem(p.Pos, false, "template.syntax", err.Error()))
			continue
		}
		set, err := base.Clone()
		if err != nil {
			ds = append(ds, problem(p.Pos, false, "template.syntax", err.Error()))
			continue
		}
		var parsed []string
		for _, name := range plan.TemplateNames {
			t, ok := own[name]
			if !ok {
				continue
			}
			tree, err := parseOverride(name, t.Text)
			if err == nil {
				_, err = set.AddParseTree(name, tree)
			}
			if err != nil {
				pos, msg := explainParse(err, t, name, kind)
				ds = append(ds, Problem{Pos: pos, Msg: msg})
				continue
			}
			parsed = append(parsed, name)
		}
		for _, name := range parsed {
			t, ch := own[name], channelOf(name)
			views := samples[kind][ch]
			if len(views) == 0 {
				channel := "email"
				if ch == plan.ChannelSMS {
					channel = "SMS"
				}
				ds = append(ds, problem(t.Pos, true, "templates.unused", p.ID, kind.Noun(), channel))
			}
			views = append(views, sampleView(cfg, p, kind, lng, ch))
			for _, v := range views {
				if err := set.ExecuteTemplate(io.Discard, name, v); err != nil {
					pos, msg := explainExec(err, own, name, kind, set)
					ds = append(ds, Problem{Pos: pos, Msg: msg})
					break
				}
			}
		}
	}
	return ds
}

func problem(pos plan.Pos, warning bool, key string, args ...any) Problem {
	return Problem{Pos: pos, Msg: lang.Message{Key: key, Args: args}, Warning: warning}
}

// planSamples builds the views of the messages plan p sends, of the kinds
// it has templates for, by kind and channel: one for each rule, task and
// role, which is what a template can tell apart.
func planSamples(cfg *plan.Config, p *plan.Plan) map[plan.Kind]map[string][]*view {
	out := map[plan.Kind]map[string][]*view{}
	one := *cfg
	one.Plans = []*plan.Plan{p}
	// Reminders can go before the plan starts, overdue notices and
	// escalations after it ends.
	it := one.Expand(p.Start().AddDate(-1, 0, 0), p.End().AddDate(1, 0, 0))
	type shape struct {
		task, rule, channel string
		role                plan.Role
	}
	seen := map[shape]bool{}
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		if len(p.Templates[n.Kind]) == 0 {
			continue
		}
		for _, ch := range n.Channels {
			s := shape{n.Task, n.Rule, ch, n.Role}
			if seen[s] {
				continue
			}
			seen[s] = true
			v, err := newView(&one, &n, ch, sampleLinks{})
			if err != nil {
				continue // Render fails the same way, whatever the templates
			}
			if out[n.Kind] == nil {
				out[n.Kind] = map[string][]*view{}
			}
			out[n.Kind][ch] = append(out[n.Kind][ch], v)
		}
	}
	return out
}

// sampleView is a message of kind with every part that kind can have,
// from the plan's first task where it has one, so a template is tried
// even on a branch no message of the plan takes yet.
func sampleView(cfg *plan.Config, p *plan.Plan, kind plan.Kind, lng lang.Lang, channel string) *view {
	loc := p.Location
	if loc == nil {
		loc = cfg.Service.Location
	}
	if loc == nil {
		loc = time.UTC
	}
	at := p.From.At(cfg.Service.SendTime, loc)
	units := []string{"Đơn vị A", "Đơn vị B"}
	task := &taskView{Ref: "I.1", Title: "Nhiệm vụ", Heading: "I.1. Nhiệm vụ", Kind: "window",
		Start: at, End: at.AddDate(0, 0, 7), Lead: units[:1], Support: units[1:], Role: plan.RoleLead}
	if len(p.Tasks) > 0 {
		task = newTaskView(p.Tasks[0], loc, cfg.Service.SendTime, func(ids []string) []string { return cfg.UnitNames(ids) })
		task.Role = plan.RoleLead
	}
	dl := &deadlineView{Title: "Báo cáo", Due: at.AddDate(0, 0, 10), To: units[1:], By: units}
	v := &view{
		Lang: lng, Kind: kind, Channel: channel,
		Plan: newPlanView(p, loc), Relation: plan.RelationInternal,
		Unit: units[0], Role: plan.RoleLead, Form: "before", At: at, Event: at,
		AckURL: sampleLinks{}.AckURL(nil), AckCode: sampleLinks{}.AckCode(nil),
		Contact: &contactView{Name: "Nguyễn Văn A", Role: "Công chức", Phone: "0912 345 678", Email: "a@example.vn"},
	}
	if v.Plan.Document != "" {
		v.DocumentURL = sampleLinks{}.DocumentURL(nil)
	}
	switch kind {
	case plan.KindDistribution:
		task.Deadlines = []*deadlineView{dl}
		v.Role, v.Tasks = plan.RoleRecipient, []*taskView{task, task}
	case plan.KindReminder:
		v.Task = task
	case plan.KindDeadline, plan.KindOverdue:
		v.Role, v.Task, v.Deadline, v.CanDone = plan.RoleReporter, task, dl, true
		v.Seq, v.Max, v.LateDays = 2, 3, 1
	case plan.KindEscalation:
		v.Role, v.Task, v.Deadline, v.Late = plan.RoleSuperior, task, dl, units
		v.Seq, v.Max, v.LateDays = 1, 1, 2
	}
	return v
}
