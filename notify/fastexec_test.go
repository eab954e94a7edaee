package notify

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/nhacviec/nhacviec/plan"
)

// embeddedSets returns every embedded set of templates, by a name for
// the failures.
func embeddedSets(t *testing.T) map[string]*template.Template {
	t.Helper()
	sets := map[string]*template.Template{}
	for _, lang := range languages {
		for _, kind := range kinds {
			set, err := textSet(lang, kind)
			if err != nil {
				t.Fatal(err)
			}
			sets[string(lang)+"/"+string(kind)] = set
		}
	}
	digest, err := digestTemplates()
	if err != nil {
		t.Fatal(err)
	}
	for lang, set := range digest {
		sets[string(lang)+"/digest"] = set
	}
	return sets
}

// TestFastTemplatesCompile checks that the fast executor runs every
// embedded template: a construct outside its subset in an embedded file
// would leave every message to text/template, slower, without a word.
func TestFastTemplatesCompile(t *testing.T) {
	for name, set := range embeddedSets(t) {
		if _, err := compileFast(set); err != nil {
			t.Errorf("%s: %v; extend the fast executor (fastexec.go) or write the template within it", name, err)
		}
		if _, ok := fastSets.Load(set); !ok {
			t.Errorf("%s: not registered for the fast executor", name)
		}
	}
	c, err := load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range languages {
		if _, err := compileTrees(map[string]*parse.Tree{layout: c.html[lang].Lookup(layout).Tree}, htmlFuncs); err != nil {
			t.Errorf("%s/%s: %v; extend the fast executor (fastexec.go) or write the layout within it", lang, layout, err)
		}
		if c.fastHTML[lang] == nil {
			t.Errorf("%s/%s: not registered for the fast executor", lang, layout)
		}
	}
	if _, err := compileFast(template.Must(template.New("x").Parse(`{{printf "%d" 1}}`))); err == nil {
		t.Errorf("compileFast of printf: got no error, want one")
	}
}

// sameOutput runs template name of set on data in text/template and in
// the fast executor: where text/template succeeds, the fast executor must
// too, with the same output; where it fails, the fast executor must step
// aside.
func sameOutput(t *testing.T, set *template.Template, name string, data any, what string) {
	t.Helper()
	fs, ok := fastSets.Load(set)
	if !ok {
		t.Fatalf("%s: no fast set", what)
	}
	var want, got bytes.Buffer
	errT := set.ExecuteTemplate(&want, name, data)
	errF := fs.(*fastSet).execute(&got, name, data)
	switch {
	case errT != nil && errF == nil:
		t.Errorf("%s, template %s: fast executor wrote %q, text/template fails: %v", what, name, got.String(), errT)
	case errT == nil && errF != nil:
		t.Errorf("%s, template %s: fast executor fails (%v), text/template writes %q", what, name, errF, want.String())
	case errT == nil && got.String() != want.String():
		t.Errorf("%s, template %s: fast executor writes\n%q\ntext/template\n%q", what, name, got.String(), want.String())
	}
}

// templateNames lists the templates of set with a body.
func templateNames(set *template.Template) []string {
	var names []string
	for _, tt := range set.Templates() {
		if tt.Tree != nil {
			names = append(names, tt.Name())
		}
	}
	return names
}

// TestFastTemplatesSameOutput renders every template of every kind, in
// both languages, for every message of the test plan and of the example
// configuration, and for the samples of check, in both executors.
func TestFastTemplatesSameOutput(t *testing.T) {
	example, diags := plan.Load(filepath.Join("..", "config.example.yaml"))
	if diags.HasErrors() {
		t.Fatalf("config.example.yaml does not load:\n%s", diags.Render(plan.English))
	}
	for _, lang := range languages {
		ex := *example
		ex.Service.Language = lang
		for _, cfg := range []*plan.Config{loadConfig(t, lang), &ex} {
			ns := notifications(cfg)
			for i := range ns {
				n := &ns[i]
				set, err := textSet(lang, n.Kind)
				if err != nil {
					t.Fatal(err)
				}
				for _, ch := range n.Channels {
					v, err := newView(cfg, n, ch, fakeLinks{})
					if err != nil {
						t.Fatal(err)
					}
					for _, name := range templateNames(set) {
						sameOutput(t, set, name, v, n.ID+" "+ch)
					}
				}
			}
			for _, kind := range kinds {
				set, _ := textSet(lang, kind)
				for _, ch := range []string{plan.ChannelEmail, plan.ChannelSMS} {
					v := sampleView(cfg, cfg.Plans[0], kind, lang, ch)
					for _, name := range templateNames(set) {
						sameOutput(t, set, name, v, "sample "+string(kind)+" "+ch)
					}
				}
			}
		}
	}
}

// TestFastTemplatesRandom renders every embedded template for random
// views, odd ones included (unknown roles and forms, parts missing, empty
// texts, characters to escape), in both executors.
func TestFastTemplatesRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	sets := embeddedSets(t)
	for i := range 300 {
		for name, set := range sets {
			var data any = randomView(r)
			if strings.HasSuffix(name, "/digest") {
				data = randomDigestView(r)
			}
			for _, tmpl := range templateNames(set) {
				sameOutput(t, set, tmpl, data, fmt.Sprintf("%s, random view %d", name, i))
			}
		}
	}
}

func pickOne[T any](r *rand.Rand, list ...T) T { return list[r.IntN(len(list))] }

func randomText(r *rand.Rand) string {
	return pickOne(r, "", "Báo cáo", "  II.3. ", "Tháng hành động về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới",
		`<b>"A" & 'B'</b> +1`, "dòng 1\ndòng 2", "%d {{.}}")
}

func randomNames(r *rand.Rand) []string {
	switch r.IntN(4) {
	case 0:
		return nil
	case 1:
		return []string{}
	case 2:
		return []string{randomText(r)}
	}
	return []string{"Bộ phận Văn hóa - Xã hội", randomText(r), "Hội Liên hiệp Phụ nữ xã"}
}

func randomTime(r *rand.Rand) time.Time {
	if r.IntN(8) == 0 {
		return time.Time{}
	}
	loc := pickOne(r, time.UTC, time.FixedZone("ICT", 7*3600))
	return time.Date(2019, time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), 0, 0, loc)
}

func randomRole(r *rand.Rand) plan.Role {
	return pickOne(r, plan.RoleLead, plan.RoleSupport, plan.RoleRecipient, plan.RoleReporter, plan.RoleSuperior, plan.RoleOwner, "", "khác")
}

func randomDeadline(r *rand.Rand) *deadlineView {
	if r.IntN(4) == 0 {
		return nil
	}
	return &deadlineView{Title: randomText(r), Due: randomTime(r), To: randomNames(r), By: randomNames(r)}
}

func randomTask(r *rand.Rand) *taskView {
	if r.IntN(5) == 0 {
		return nil
	}
	tv := &taskView{Ref: randomText(r), Title: randomText(r), Description: randomText(r), Heading: randomText(r),
		Kind:  pickOne(r, "ongoing", "day", "window", ""),
		Start: randomTime(r), End: randomTime(r), StartTimed: r.IntN(2) == 0, EndTimed: r.IntN(2) == 0,
		Lead: randomNames(r), Support: randomNames(r), Role: randomRole(r)}
	for range r.IntN(3) {
		tv.Deadlines = append(tv.Deadlines, randomDeadline(r))
	}
	return tv
}

func randomView(r *rand.Rand) *view {
	v := &view{
		Lang: pickOne(r, plan.Vietnamese, plan.English), Kind: pickOne(r, kinds...),
		Channel: pickOne(r, plan.ChannelEmail, plan.ChannelSMS),
		Plan:    planView{Title: randomText(r), Issuer: randomText(r), Number: randomText(r), From: randomTime(r), To: randomTime(r)},
		Task:    randomTask(r), Unit: randomText(r), Role: randomRole(r),
		Form:   pickOne(r, "before", "start", "end", "every", "before_end", "on", ""),
		Repeat: r.IntN(2) == 0, At: randomTime(r), Event: randomTime(r), Deadline: randomDeadline(r),
		Seq: r.IntN(4), Max: r.IntN(4), Late: randomNames(r), NotAcked: r.IntN(2) == 0, LateDays: r.IntN(4) - 1,
		CanDone: r.IntN(2) == 0, Body: randomText(r), Ack: randomText(r), Footer: randomText(r),
	}
	for range r.IntN(3) {
		v.Tasks = append(v.Tasks, randomTask(r))
	}
	if r.IntN(3) > 0 {
		v.AckURL, v.AckCode = "http://127.0.0.1:8080/a/T0123456789abcdef", "4821"
	}
	return v
}

func randomDigestView(r *rand.Rand) *digestView {
	v := &digestView{Lang: pickOne(r, plan.Vietnamese, plan.English),
		Plan: planView{Title: randomText(r), Issuer: randomText(r), Number: randomText(r)},
		Unit: randomText(r), Day: randomTime(r), Since: randomTime(r), LateUnits: r.IntN(3)}
	for range r.IntN(3) {
		v.Late = append(v.Late, LateItem{Unit: randomText(r), Task: randomText(r), Deadline: randomText(r),
			Due: randomTime(r), DaysLate: r.IntN(3), Escalated: r.IntN(2) == 0})
	}
	items := func() []DeliveryItem {
		var out []DeliveryItem
		for range r.IntN(3) {
			out = append(out, DeliveryItem{Unit: randomText(r), Task: randomText(r),
				Kind:    pickOne(r, "distribution", "reminder", "deadline", "overdue", "escalation", "digest", "khác"),
				Channel: pickOne(r, "email", "sms", ""), Due: randomTime(r), Error: randomText(r)})
		}
		return out
	}
	v.Failed, v.Missed = items(), items()
	if r.IntN(2) == 0 {
		v.Dashboard = "http://127.0.0.1:8080/plan/bdg-2019"
	}
	return v
}

// FuzzHTMLLayout holds the fast executor's HTML layout to html/template's
// for any body, footer and acknowledgement link, in both languages: the
// same page, or the fast executor steps aside.
func FuzzHTMLLayout(f *testing.F) {
	for _, s := range []struct{ body, footer, url string }{
		{"Kính gửi: Bộ phận Văn hóa - Xã hội\n\nNhiệm vụ: II.3. Tháng hành động\nVai trò: chủ trì", "Thư tự động – UBND xã, gửi lúc 08/11/2019 07:30.", "http://127.0.0.1:8080/a/T0123456789abcdef"},
		{"", "", ""},
		{"<b>\"A\" & 'B'</b> +1\x00\n\n\n\nx\n", "\xff", "https://nhacviec.example/a/AbC-_09~"},
		{"a", "b", "javascript:alert(1)"},
		{"a", "b", "HTTP://X.VN/a?x=1&y=2+3"},
		{"a", "b", "http://x.vn/a b/đ%20'\"<>"},
		{"a", "b", "mailto:ubnd@quangthanh.example.vn"},
		{"a", "b", "/a/T01:23"},
		{"a", "b", "data:text/html,x"},
	} {
		f.Add(s.body, s.footer, s.url, false)
		f.Add(s.body, s.footer, s.url, true)
	}
	c, err := load()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body, footer, url string, canDone bool) {
		for _, lang := range languages {
			v := &view{Lang: lang, Body: body, Footer: footer, AckURL: url, CanDone: canDone}
			var want, got bytes.Buffer
			if err := c.html[lang].ExecuteTemplate(&want, layout, v); err != nil {
				t.Fatal(err)
			}
			if c.fastHTML[lang].execute(&got, layout, v) == nil && got.String() != want.String() {
				t.Errorf("%s layout for %q, %q, %q: fast executor writes\n%s\nhtml/template\n%s", lang, body, footer, url, got.String(), want.String())
			}
		}
	})
}

// TestRenderConcurrently renders the same messages from several goroutines
// at once, as the scheduler's workers do: the fast executor's state is
// each execution's own (go test -race).
func TestRenderConcurrently(t *testing.T) {
	cfg := loadConfig(t, plan.Vietnamese)
	ns := notifications(cfg)
	var picked []*plan.Notification
	for _, c := range cases {
		picked = append(picked, pick(t, ns, c.unit, c.prefix, c.suffix))
	}
	render := func() string {
		var out bytes.Buffer
		for _, n := range picked {
			for _, ch := range n.Channels {
				m, err := Render(cfg, n, ch, fakeLinks{})
				if err != nil {
					t.Error(err)
					return ""
				}
				dump(&out, m)
			}
		}
		return out.String()
	}
	want := render()
	done := make(chan string)
	for range 4 {
		go func() { done <- render() }()
	}
	for range 4 {
		if got := <-done; got != want {
			t.Errorf("messages rendered concurrently differ:\n%s", diffLines(want, got))
		}
	}
}
