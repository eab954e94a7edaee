package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// examplePath is the example configuration, which encodes the seed plan
// (the 2019 gender-equality plan of Quảng Thành commune).
const examplePath = "../../config.example.yaml"

// loadExample loads the example configuration and expands its plan's
// notifications for 2019 and the follow-ups that reach into 2020.
func loadExample(t *testing.T) (*plan.Config, []plan.Notification) {
	t.Helper()
	cfg, diags := config.Load(examplePath)
	if diags.HasErrors() {
		t.Fatalf("config.example.yaml does not load:\n%s", diags.Render(lang.English))
	}
	loc := cfg.Service.Location
	var ns []plan.Notification
	it := cfg.Expand(time.Date(2019, 1, 1, 0, 0, 0, 0, loc), time.Date(2020, 2, 1, 0, 0, 0, 0, loc))
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		ns = append(ns, n)
	}
	if len(ns) == 0 {
		t.Fatal("the example sends nothing in 2019")
	}
	return cfg, ns
}

// seedNames lists, for each task of the example, the units the seed names
// for it (groups as the seed names them: "các đoàn thể" is doan-the, "các
// ban ngành, đoàn thể" ban-nganh, "các cơ quan, đơn vị, trường học, các
// thôn" co-so). A task the seed names no unit for is not listed.
var seedNames = map[string][]string{
	"ke-hoach-thang-hanh-dong": {"ldtbxh"},                                           // II.4.a, dash 1
	"le-phat-dong":             {"ldtbxh"},                                           // II.4.a, dash 1
	"tuyen-truyen-luat-bdg":    {"ldtbxh", "doan-the", "co-so"},                      // II.4.a, dash 2
	"theo-doi-clb-thanh-ha":    {"ldtbxh"},                                           // II.4.a, dash 3
	"vhxh-tuyen-truyen":        {"vhxh", "doan-the", "dai-truyen-thanh"},             // II.4.b
	"chuyen-de-thcs-dang-tat":  {"vhxh", "thcs-dang-tat"},                            // II.4.b
	"hlhpn-phong-trao-thi-dua": {"hlhpn"},                                            // II.4.c
	"hlhpn-van-dong-hoi-vien":  {"hlhpn"},                                            // II.4.c
	"hlhpn-van-hoa-the-thao":   {"hlhpn"},                                            // II.4.c
	"long-ghep-chi-tieu":       {"ban-nganh", "ban-vstbpn"},                          // III.1
	"che-do-bao-cao":           {"ban-nganh", "thanh-vien-ban-vstbpn", "ban-vstbpn"}, // III.2
	"phoi-hop-mttq-doan-the":   {"ldtbxh", "doan-the"},                               // III.3: the commune, with the Front and the mass organisations
}

// chosenMark is what a task's comment says of a unit the seed does not name.
const chosenMark = "do người lập kế hoạch chọn"

// TestExampleFollowsSeed checks the example against the seed where the
// two were found to differ (issue 12, §5): who leads III.3, where the
// Front and the mass organisations are escalated, that the units an
// inspection visits are not told to inspect, that "Lưu: VT" receives
// nothing, that refs are the seed's own numbers, that every unit and date
// the seed does not give is said to be the plan writer's, and that the
// annual report falls due after the Action Month it reports on.
func TestExampleFollowsSeed(t *testing.T) {
	cfg, ns := loadExample(t)
	p := cfg.Plans[0]
	units := func(ids ...string) []string { // groups expanded
		var out []string
		for _, id := range ids {
			if g, ok := cfg.Groups[id]; ok {
				out = append(out, g...)
			} else {
				out = append(out, id)
			}
		}
		return out
	}
	relation := func(u string) plan.Relation { return cfg.Units[u].Relation }

	t.Run("III.3 is led by the commune with the Front", func(t *testing.T) {
		var task *plan.Task
		for _, tk := range p.Tasks {
			if tk.Ref == "III.3" {
				task = tk
			}
		}
		if task == nil {
			t.Fatal("no task has ref III.3")
		}
		if !slices.Equal(task.Lead, []string{"ldtbxh"}) {
			t.Errorf("III.3: got lead %v, want [ldtbxh] (the commune's office)", task.Lead)
		}
		for _, u := range units("doan-the") {
			if !slices.Contains(task.Support, u) {
				t.Errorf("III.3: got support %v, want the Front and every mass organisation (%s missing)", task.Support, u)
			}
		}
	})

	t.Run("the Front and mass organisations escalate to the Front's leaders", func(t *testing.T) {
		mass := 0
		for id, u := range cfg.Units {
			if u.Relation != plan.RelationMass || len(u.EscalateTo) == 0 {
				continue
			}
			mass++
			if !slices.Equal(u.EscalateTo, []string{"mttq-thuong-truc"}) {
				t.Errorf("unit %s: got escalate_to %v, want [mttq-thuong-truc]", id, u.EscalateTo)
			}
		}
		if mass < 5 {
			t.Errorf("got %d Front and mass organisation units with escalate_to, want the 5 of the seed", mass)
		}
		if lead := cfg.Units["mttq-thuong-truc"]; lead == nil || lead.Relation != plan.RelationMass || !strings.Contains(lead.Name, "MTTQ") {
			t.Fatalf("mttq-thuong-truc: got %+v, want the Front's standing committee (doan-the)", lead)
		}
		toFront := 0
		for _, n := range ns {
			if n.Kind != plan.KindEscalation || n.Role != plan.RoleSuperior {
				continue
			}
			for _, a := range n.About {
				if relation(a.Unit) == plan.RelationMass && relation(n.Unit) == plan.RelationHigher {
					t.Errorf("%s %s: the lateness of %s goes to %s, a higher level; want the Front's leaders", n.At.Format("02/01/2006 15:04"), n.Rule, a.Unit, n.Unit)
				}
			}
			if n.Unit == "mttq-thuong-truc" {
				toFront++
			}
		}
		if toFront == 0 {
			t.Error("no escalation goes to mttq-thuong-truc: the example shows no unit's escalate_to")
		}
	})

	t.Run("the inspected are not told to inspect", func(t *testing.T) {
		inspected := map[string][]string{
			"thd-kiem-tra":          units("co-so"),                    // "tại các thôn, cơ quan, đơn vị"
			"theo-doi-clb-thanh-ha": {"clb-thanh-ha", "thon-thanh-ha"}, // "theo dõi kiểm tra đôn đốc hoạt động của CLB"
		}
		for task, them := range inspected {
			tk := p.Task(task)
			if tk == nil {
				t.Fatalf("no task %s", task)
			}
			for _, u := range them {
				if slices.Contains(tk.Lead, u) || slices.Contains(tk.Support, u) {
					t.Errorf("task %s: %s is inspected, but has a part in it", task, u)
				}
			}
			for _, n := range ns {
				if n.Task == task && slices.Contains(them, n.Unit) {
					t.Errorf("task %s: %s is inspected, but gets %s %s", task, n.Unit, n.Kind, n.Rule)
				}
			}
		}
	})

	t.Run("Lưu: VT is no recipient", func(t *testing.T) {
		for _, u := range p.Distribute.To {
			if relation(u) == plan.RelationArchive {
				t.Errorf("distribute.to has %s, the archive (Lưu: VT)", u)
			}
		}
		for _, n := range ns {
			if relation(n.Unit) == plan.RelationArchive {
				t.Errorf("%s gets %s %s", n.Unit, n.Kind, n.Rule)
			}
		}
	})

	t.Run("refs are the seed's numbers", func(t *testing.T) {
		// The seed numbers II.1–II.4, II.4.a–c and III.1–III.3; its
		// bullets under them are dashes.
		seedRef := regexp.MustCompile(`^(II\.[1-3]|II\.4\.[a-c]|III\.[1-3])$`)
		for _, tk := range p.Tasks {
			if !seedRef.MatchString(tk.Ref) {
				t.Errorf("task %s: ref %q is not a number of the seed", tk.ID, tk.Ref)
			}
		}
	})

	t.Run("dates the seed does not give are tentative", func(t *testing.T) {
		// The only dates of the seed: the Action Month, 15/11 – 15/12/2019.
		monthFirst, monthLast := calendar.Date{Year: 2019, Month: time.November, Day: 15}, calendar.Date{Year: 2019, Month: time.December, Day: 15}
		for _, tk := range p.Tasks {
			if tk.Kind == plan.Ongoing {
				continue
			}
			seed := tk.Kind == plan.Window && tk.FirstDay == monthFirst && tk.LastDay == monthLast
			if tk.Tentative == seed {
				t.Errorf("task %s (%s – %s): got tentative %v, want %v", tk.ID, tk.FirstDay, tk.LastDay, tk.Tentative, !seed)
			}
			for _, d := range tk.Deadlines {
				if !d.Tentative {
					t.Errorf("deadline %s: the seed gives no due time, want tentative: true", d.ID)
				}
			}
		}
	})

	t.Run("the annual report is due after the Action Month", func(t *testing.T) {
		month := p.Task("thang-hanh-dong")
		loc := cfg.Service.Location
		for _, d := range p.Task("che-do-bao-cao").Deadlines {
			if d.DueEvery == nil {
				continue
			}
			// As written, before a weekend moves it.
			due := d.DueEvery.Next(time.Date(2019, time.December, 1, 0, 0, 0, 0, loc))
			if due.Month() == time.December && !due.After(month.Last) {
				t.Errorf("deadline %s (%s): due %s, before the Action Month ends (%s)", d.ID, d.DueSpec, due, month.Last)
			}
		}
		reports := 0
		for _, n := range ns {
			if n.Task == "che-do-bao-cao" && n.Kind == plan.KindDeadline && n.Event.Month() == time.December {
				reports++
				if !n.Event.After(month.Last) {
					t.Errorf("%s: due %s, before the Action Month ends (%s)", n.Rule, n.Event, month.Last)
				}
			}
		}
		if reports == 0 {
			t.Error("che-do-bao-cao has no report due in December")
		}
	})

	t.Run("units the seed does not name are the plan writer's choice", func(t *testing.T) {
		comments := taskComments(t)
		for _, tk := range p.Tasks {
			named := units(seedNames[tk.ID]...)
			var chosen []string
			for _, u := range append(slices.Clone(tk.Lead), tk.Support...) {
				if !slices.Contains(named, u) {
					chosen = append(chosen, u)
				}
			}
			if len(chosen) > 0 && !strings.Contains(comments[tk.ID], chosenMark) {
				t.Errorf("task %s: the seed does not name %v, and its comment does not say %q:\n%s", tk.ID, chosen, chosenMark, comments[tk.ID])
			}
		}
	})
}

// taskComments returns the comment above each task of the example's plan,
// by task id, with its lines joined by spaces (a phrase may be cut
// across two lines).
func taskComments(t *testing.T) map[string]string {
	t.Helper()
	src, err := os.ReadFile(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		t.Fatal(err)
	}
	value := func(m *yaml.Node, key string) *yaml.Node {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == key {
				return m.Content[i+1]
			}
		}
		return nil
	}
	tasks := value(value(doc.Content[0], "plans").Content[0], "tasks")
	out := map[string]string{}
	for _, task := range tasks.Content {
		text := task.HeadComment
		if text == "" && len(task.Content) > 0 {
			text = task.Content[0].HeadComment
		}
		text = strings.ReplaceAll(text, "#", "")
		out[value(task, "id").Value] = strings.Join(strings.Fields(text), " ")
	}
	return out
}
