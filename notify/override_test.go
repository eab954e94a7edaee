package notify

import (
	"io/fs"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// ownTemplates word bdg-2019's reminders their own way: the subject, and
// an SMS over several lines.
const ownTemplates = `    templates:
      reminder:
        subject: '[Việc cần làm] {{.Task.Heading}} ({{template "role" .Role}})'
        sms: |
          {{.Task.Heading}}:
          {{.Unit}} {{template "role" .Role}}.
`

// otherPlan is a second plan, with the embedded wording.
const otherPlan = `  - id: khac-2019
    title: Kế hoạch tuyên truyền năm 2019
    year: 2019
    owner: ldtbxh
    tasks:
      - id: giao-ban
        ref: I.1
        title: Họp giao ban
        lead: [ldtbxh]
        on: 10/06 08:00
        remind: [{before: 2d}]
`

// withTemplates is the test configuration in lang with templates in
// bdg-2019 (after its owner) and otherPlan after it.
func withTemplates(t *testing.T, lng lang.Lang, templates string) *plan.Config {
	t.Helper()
	src := strings.Replace(testConfig, "LANG", string(lng), 1)
	src = strings.Replace(src, "    owner: ldtbxh\n", "    owner: ldtbxh\n"+templates, 1) + otherPlan
	cfg, diags := config.Parse("test.yaml", []byte(src), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatalf("config does not load:\n%s", diags.Render(lang.English))
	}
	return cfg
}

func renderOK(t *testing.T, cfg *plan.Config, n *plan.Notification, channel string) *Message {
	t.Helper()
	m, err := Render(cfg, n, channel, fakeLinks{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestOverrideOnlyItsPlan checks that a plan's templates change that plan's
// messages of that kind, that part only: the other plan, the other kinds
// and the other parts keep the embedded wording.
func TestOverrideOnlyItsPlan(t *testing.T) {
	cfg := withTemplates(t, lang.Vietnamese, ownTemplates)
	plain := loadConfig(t, lang.Vietnamese)
	if d := checked(cfg); len(d) > 0 {
		t.Fatalf("CheckTemplates: got\n%swant nothing", d.Render(lang.Vietnamese))
	}
	ns := notifications(cfg)
	own := pick(t, ns, "ldtbxh", "before:7d", "7d")
	m := renderOK(t, cfg, own, plan.ChannelEmail)
	if want := "[Việc cần làm] II.3. Tháng hành động về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới (chủ trì)"; m.Subject != want {
		t.Errorf("subject of bdg-2019's reminder: got %q, want %q", m.Subject, want)
	}
	def := renderOK(t, plain, pick(t, notifications(plain), "ldtbxh", "before:7d", "7d"), plan.ChannelEmail)
	if m.Text != def.Text || m.HTML != def.HTML || string(m.ICS) != string(def.ICS) {
		t.Errorf("the body changed with the subject:\ngot:\n%s\nwant:\n%s", m.Text, def.Text)
	}

	var other *plan.Notification
	for i := range ns {
		if ns[i].Plan == "khac-2019" && ns[i].Kind == plan.KindReminder {
			other = &ns[i]
			break
		}
	}
	if other == nil {
		t.Fatal("khac-2019 sends no reminder")
	}
	for _, ch := range other.Channels {
		m := renderOK(t, cfg, other, ch)
		if !strings.HasPrefix(m.Subject+m.Text, "[Nhắc việc] I.1") {
			t.Errorf("khac-2019's reminder by %s: got %q, want the embedded wording", ch, m.Subject+m.Text)
		}
	}

	dl := pick(t, ns, "ldtbxh", "deadline:", "/remind:3d")
	for _, ch := range dl.Channels {
		got, want := renderOK(t, cfg, dl, ch), renderOK(t, plain, dl, ch)
		if got.Subject != want.Subject || got.Text != want.Text {
			t.Errorf("bdg-2019's deadline by %s changed: got %q, want %q", ch, got.Subject+got.Text, want.Subject+want.Text)
		}
	}
}

// TestOverrideSMSKeepsAck checks that an SMS of the plan's wording is one
// paragraph, followed by the code and link on the last line.
func TestOverrideSMSKeepsAck(t *testing.T) {
	cfg := withTemplates(t, lang.Vietnamese, ownTemplates)
	n := pick(t, notifications(cfg), "hlhpn", "before:7d", "7d")
	m := renderOK(t, cfg, n, plan.ChannelSMS)
	want := "II.3. Tháng hành động về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới: Hội Liên hiệp Phụ nữ xã phối hợp.\n" +
		"Trả lời OK 4821 (đã nhận). " + fakeLinks{}.AckURL(n)
	if m.Text != want {
		t.Errorf("SMS: got %q, want %q", m.Text, want)
	}
	checkMessage(t, m, n)
	if got := PhoneSMS(m, SMSLimits{MaxSegments: 1}).Text; !strings.HasSuffix(got, "\nTra loi OK 4821 (da nhan). "+fakeLinks{}.AckURL(n)) {
		t.Errorf("SMS cut to one segment lost its code: %q", got)
	}
}

// TestOverrideBody checks that a plan's body reaches the text and the HTML
// of the email, between what the plan cannot change: the confirmation
// link and the footer.
func TestOverrideBody(t *testing.T) {
	cfg := withTemplates(t, lang.English, `    templates:
      deadline:
        body: |
          Dear {{.Unit}},

          please send "{{.Deadline.Title}}" by {{datetime .Deadline.Due}}.
`)
	n := pick(t, notifications(cfg), "ldtbxh", "deadline:", "/remind:3d")
	m := renderOK(t, cfg, n, plan.ChannelEmail)
	body := "Dear Bộ phận Lao động - Thương binh và Xã hội,\n\nplease send \"Báo cáo kết quả Tháng hành động\" by 20/12/2019 17:00.\n\n"
	if !strings.HasPrefix(m.Text, body) {
		t.Errorf("text: got %q, want it to start with %q", m.Text, body)
	}
	if !strings.Contains(m.Text, fakeLinks{}.AckURL(n)) || !strings.Contains(m.Text, "\n-- \n") {
		t.Errorf("text lost the confirmation link or the footer:\n%s", m.Text)
	}
	if !strings.Contains(m.HTML, "please send &#34;Báo cáo kết quả Tháng hành động&#34; by 20/12/2019 17:00.") {
		t.Errorf("HTML does not hold the plan's body:\n%s", m.HTML)
	}
	if !strings.HasPrefix(m.Subject, "[Report due]") {
		t.Errorf("subject: got %q, want the embedded one", m.Subject)
	}
	checkMessage(t, m, n)
}

// TestOverrideReload checks that a reloaded plan renders its new wording:
// the cache of parsed templates must not keep the old one.
func TestOverrideReload(t *testing.T) {
	for _, word := range []string{"Một", "Hai", "Một"} {
		cfg := withTemplates(t, lang.Vietnamese, "    templates:\n      reminder:\n        subject: "+word+" {{.Unit}}\n")
		n := pick(t, notifications(cfg), "ldtbxh", "before:7d", "7d")
		if m := renderOK(t, cfg, n, plan.ChannelEmail); m.Subject != word+" Bộ phận Lao động - Thương binh và Xã hội" {
			t.Errorf("subject: got %q, want it to start with %q", m.Subject, word)
		}
	}
}

// TestRenderBrokenOverride checks that a template check would have
// refused (a reload keeps the old plan, but a plan loaded without check)
// still gives the message, in the default wording, and says what failed.
func TestRenderBrokenOverride(t *testing.T) {
	cfg := withTemplates(t, lang.Vietnamese, "    templates:\n      reminder:\n        sms: \"{{.Taks}}\"\n")
	n := pick(t, notifications(cfg), "hlhpn", "before:7d", "7d")
	m := renderOK(t, cfg, n, plan.ChannelSMS)
	if m.Fallback == nil || !strings.Contains(m.Fallback.Error(), "Taks") {
		t.Errorf("Fallback = %v, want it to name the field", m.Fallback)
	}
	want := renderOK(t, loadConfig(t, lang.Vietnamese), n, plan.ChannelSMS)
	if m.Text != want.Text {
		t.Errorf("got %q, want the default wording %q", m.Text, want.Text)
	}
}

// checkPlanFile is a plan of its own file, plans/bdg.yaml, whose templates
// (TEMPLATES) start on line 6. It sends every kind of message: distribution
// with ack_within (and the owner's notice, an escalation without a task),
// reminders, a deadline with overdue notices and an escalation. DISTRIBUTE
// is where the distribution goes, after the templates, so removing it
// moves no line.
const checkPlanFile = `id: bdg-2019
title: Kế hoạch bình đẳng giới
year: 2019
owner: ldtbxh
templates:
TEMPLATES
DISTRIBUTE
tasks:
  - id: thang
    ref: II.3
    title: Tháng hành động
    lead: [ldtbxh]
    support: [hlhpn]
    from: 15/11
    to: 15/12
    remind: [{before: 7d}]
    deadlines:
      - title: Báo cáo kết quả
        due: 20/12 17:00
        to: [ban-vstbpn]
        remind: [3d]
        overdue_every: 1d
        overdue_max: 2
        escalate: [{after: 2d, to: [lanh-dao]}]
`

const checkDistribute = `distribute:
  on: 02/01 08:00
  to: [lanh-dao, hlhpn]
  ack_within: 2d
`

// checkConfig loads the test configuration with plans/bdg.yaml as its plan,
// the templates given, and the distribution unless noDistribute.
func checkConfig(t *testing.T, lng lang.Lang, templates string, noDistribute bool) *plan.Config {
	t.Helper()
	i := strings.Index(testConfig, "plans:\n")
	src := strings.Replace(testConfig[:i], "LANG", string(lng), 1) + "plans:\n  - plans/bdg.yaml\n"
	dist := checkDistribute
	if noDistribute {
		dist = ""
	}
	planSrc := strings.Replace(strings.Replace(checkPlanFile, "TEMPLATES\n", templates, 1), "DISTRIBUTE\n", dist, 1)
	cfg, diags := config.Parse("nhacviec.yaml", []byte(src), func(name string) ([]byte, error) {
		if name == "plans/bdg.yaml" {
			return []byte(planSrc), nil
		}
		return nil, fs.ErrNotExist
	})
	if diags.HasErrors() {
		t.Fatalf("config does not load:\n%s", diags.Render(lang.English))
	}
	return cfg
}

// checked is CheckTemplates as check shows it: diagnostics of package
// config, as cmd/nhacviec's loadConfig makes them.
func checked(cfg *plan.Config) config.Diagnostics {
	var ds config.Diagnostics
	for _, p := range CheckTemplates(cfg) {
		sev := config.Error
		if p.Warning {
			sev = config.Warning
		}
		ds = append(ds, config.Diagnostic{Pos: p.Pos, Severity: sev, Msg: p.Msg})
	}
	return ds
}

// TestCheckTemplates checks what check says of each kind of mistake in a
// template: where (the line and column in the plan file) and what, in
// Vietnamese. Each want is the start of one line of the output.
func TestCheckTemplates(t *testing.T) {
	tests := []struct {
		name, templates string
		noDistribute    bool
		want            []string
	}{
		{"unknown field of the task", "  reminder:\n    subject: \"[Nhắc] {{.Task.Heding}}\"\n", false, []string{
			"plans/bdg.yaml:7:29: mẫu tin nhắn không hợp lệ: không có trường .Task.Heding; các trường dùng được: .Task.Ref, .Task.Title, .Task.Description, .Task.Heading,"}},
		{"unknown field", "  reminder:\n    sms: '{{.Taks}} – {{.Unit}}'\n", false, []string{
			"plans/bdg.yaml:7:13: mẫu tin nhắn không hợp lệ: không có trường .Taks; các trường dùng được: .Unit, .Role, .Relation, .Task.Heading, .Task.Ref,"}},
		{"unknown field in with", "  escalation:\n    body: |\n      Kính gửi {{.Unit}},\n      {{with .Task}}{{.Titel}}{{end}}\n", false, []string{
			"plans/bdg.yaml:9:23: mẫu tin nhắn không hợp lệ: không có trường .Titel; các trường dùng được: .Ref, .Title, .Description, .Heading,"}},
		{"field of the dot", "  deadline:\n    body: \"{{range .Deadline.To}}{{.Name}}{{end}}\"\n", false, []string{
			"plans/bdg.yaml:7:36: mẫu tin nhắn không hợp lệ: ở đây dấu chấm (.) là một giá trị đơn, không có trường .Name\n"}},
		{"field of a value", "  reminder:\n    body: \"Kính gửi {{.Unit.Name}}\"\n", false, []string{
			"plans/bdg.yaml:7:28: mẫu tin nhắn không hợp lệ: .Unit là một giá trị đơn, không có trường .Name\n"}},
		{"field of a list", "  distribution:\n    body: \"{{.Tasks.Heading}}\"\n", false, []string{
			"plans/bdg.yaml:7:20: mẫu tin nhắn không hợp lệ: .Tasks là một danh sách: hãy dùng {{range .Tasks}}…{{.Heading}}…{{end}}\n"}},
		{"no task in a distribution", "  distribution:\n    sms: \"Đã {{.Task.Heading}}\"\n", false, []string{
			"plans/bdg.yaml:7:16: mẫu tin nhắn không hợp lệ: tin gửi kế hoạch (distribution) của kế hoạch này không phải lúc nào cũng có .Task: hãy chỉ dùng nó bên trong {{with .Task}}…{{end}}\n"}},
		{"no deadline in the owner's notice", "  escalation:\n    subject: \"Chậm: {{.Deadline.Title}}\"\n", false, []string{
			"plans/bdg.yaml:7:23: mẫu tin nhắn không hợp lệ: tin báo cấp trên (escalation) của kế hoạch này không phải lúc nào cũng có .Deadline: hãy chỉ dùng nó bên trong {{with .Deadline}}…{{end}}\n"}},
		{"through an included template", "  reminder:\n    body: '{{template \"deadline\" .}}'\n", false, []string{
			"plans/bdg.yaml:7:11: mẫu tin nhắn không hợp lệ: tin nhắc việc (reminder) của kế hoạch này không phải lúc nào cũng có .Deadline:"}},
		{"unclosed action", "  reminder:\n    body: |\n      Kính gửi {{.Unit}},\n      {{if .Repeat}}Nhắc lại{{end}\n", false, []string{
			"plans/bdg.yaml:9:29: mẫu tin nhắn không hợp lệ: {{ mở ở đây chưa được đóng bằng }}\n"}},
		{"unclosed comment", "  reminder:\n    sms: \"{{.Unit}} {{/* ghi chú\"\n", false, []string{
			"plans/bdg.yaml:7:23: mẫu tin nhắn không hợp lệ: ghi chú {{/* mở ở đây chưa được đóng bằng */}}\n"}},
		{"unclosed quote", "  reminder:\n    sms: '{{printf \"%s .Unit}}'\n", false, []string{
			"plans/bdg.yaml:7:20: mẫu tin nhắn không hợp lệ: dấu ngoặc kép mở ở đây chưa được đóng trước }}\n"}},
		{"missing end", "  reminder:\n    sms: \"{{if .Repeat}}Nhắc lại\"\n", false, []string{
			"plans/bdg.yaml:7:10: mẫu tin nhắn không hợp lệ: thiếu {{end}}: mỗi {{if}}, {{with}} và {{range}} phải được đóng bằng {{end}}\n"}},
		{"extra end", "  reminder:\n    sms: \"Xong {{- end}}\"\n", false, []string{
			"plans/bdg.yaml:7:16: mẫu tin nhắn không hợp lệ: thừa {{end}}: không có {{if}}, {{with}} hay {{range}} nào đang mở\n"}},
		{"unknown function", "  overdue:\n    body: |\n      Kính gửi {{.Unit}}\n      Xin {{fmt .Unit}}\n", false, []string{
			"plans/bdg.yaml:9:13: mẫu tin nhắn không hợp lệ: không có hàm \"fmt\"; các hàm dùng được: date, datetime, join, short, weekday, and,"}},
		{"unset variable", "  overdue:\n    sms: \"{{$x}}\"\n", false, []string{
			"plans/bdg.yaml:7:13: mẫu tin nhắn không hợp lệ: biến $x chưa được gán: hãy viết {{$x := …}} trước khi dùng\n"}},
		{"define", "  overdue:\n    sms: '{{define \"smsack\"}}{{end}}'\n", false, []string{
			"plans/bdg.yaml:7:10: mẫu tin nhắn không hợp lệ: mẫu của kế hoạch không được chứa {{define}} hay {{block}}: hãy viết thẳng nội dung\n"}},
		{"unknown included template", "  escalation:\n    subject: '{{template \"khong-co\" .}}'\n", false, []string{
			"plans/bdg.yaml:7:26: mẫu tin nhắn không hợp lệ: không có mẫu con \"khong-co\"; các mẫu con dùng được: ask, contact, deadline, end, forinfo, from, plan, please, role, short, signed, smscontact, start, tentative, when\n"}},
		{"wrong number of arguments", "  deadline:\n    sms: \"{{.Deadline.Title}} {{short .Task.Title}}\"\n", false, []string{
			"plans/bdg.yaml:7:33: mẫu tin nhắn không hợp lệ: hàm short cần 2 tham số, ở đây có 1\n"}},
		{"failing function", "  escalation:\n    body: \"{{index .Late 5}}\"\n", false, []string{
			"plans/bdg.yaml:7:14: mẫu tin nhắn không hợp lệ: lỗi khi chạy index .Late 5 (error calling index: index out of range: 5)\n"}},
		{"other syntax error", "  reminder:\n    sms: \"{{(.Unit}}\"\n", false, []string{
			"plans/bdg.yaml:7:11: mẫu tin nhắn không hợp lệ: lỗi cú pháp (unclosed left paren)\n"}},
		{"comment only", "  reminder:\n    sms: \"{{/* chưa viết */}}\"\n", false, []string{
			"plans/bdg.yaml:7:10: mẫu sms của tin nhắc việc (reminder) đang để trống:"}},
		{"escaped quotes", "  reminder:\n    sms: \"{{.Unit}}: \\\"{{.Taks}}\\\"\"\n", false, []string{
			"plans/bdg.yaml:7:10: mẫu tin nhắn không hợp lệ: không có trường .Taks;"}},
		{"never used", "  distribution:\n    subject: \"{{.Plan.Title}}\"\n", true, []string{
			"plans/bdg.yaml:7:14: cảnh báo: kế hoạch \"bdg-2019\" không gửi tin gửi kế hoạch (distribution) nào qua email: mẫu này sẽ không được dùng\n"}},
		{"one error per template", "  reminder:\n    subject: \"{{.A}}\"\n    body: \"{{.B}}\"\n    sms: \"{{.C}}\"\n", false, []string{
			"plans/bdg.yaml:7:17: mẫu tin nhắn không hợp lệ: không có trường .A;",
			"plans/bdg.yaml:8:14: mẫu tin nhắn không hợp lệ: không có trường .B;",
			"plans/bdg.yaml:9:13: mẫu tin nhắn không hợp lệ: không có trường .C;"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := checkConfig(t, lang.Vietnamese, tt.templates, tt.noDistribute)
			ds := checked(cfg)
			got := strings.SplitAfter(ds.Render(lang.Vietnamese), "\n")
			got = got[:len(got)-1]
			if len(got) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(tt.want), ds.Render(lang.Vietnamese))
			}
			for i, w := range tt.want {
				if !strings.HasPrefix(got[i], w) {
					t.Errorf("got  %q\nwant %q…", got[i], w)
				}
			}
			for _, d := range ds {
				checkTemplateDiagnostic(t, d)
			}
			if !tt.noDistribute && !ds.HasErrors() {
				t.Errorf("got no error")
			}
		})
	}
}

// templateErrRE matches the place text/template puts in its errors.
var templateErrRE = regexp.MustCompile(`template: [\w.]+:\d`)

// checkTemplateDiagnostic checks that a diagnostic is placed, translated,
// and free of the Go that text/template speaks.
func checkTemplateDiagnostic(t *testing.T, d config.Diagnostic) {
	t.Helper()
	vi, en := d.Msg.Text(lang.Vietnamese), d.Msg.Text(lang.English)
	if d.File != "plans/bdg.yaml" || d.Line < 1 || d.Col < 1 {
		t.Errorf("%s: want a place in plans/bdg.yaml", d.Text(lang.Vietnamese))
	}
	if vi == en || strings.HasPrefix(vi, d.Msg.Key) {
		t.Errorf("message %s is not in the catalog in both languages: %q", d.Msg.Key, vi)
	}
	for _, msg := range []string{vi, en} {
		for _, goism := range []string{"notify.", "executing", "can't evaluate", "nil pointer", "%!"} {
			if strings.Contains(msg, goism) {
				t.Errorf("message %q holds %q", msg, goism)
			}
		}
		if g := templateErrRE.FindString(msg); g != "" {
			t.Errorf("message %q holds %q", msg, g)
		}
	}
}

// TestCheckTemplatesEnglish checks that check speaks the service language.
func TestCheckTemplatesEnglish(t *testing.T) {
	cfg := checkConfig(t, lang.English, "  reminder:\n    subject: \"[Reminder] {{.Task.Heding}}\"\n", false)
	got := checked(cfg).Render(lang.English)
	want := "plans/bdg.yaml:7:33: invalid message template: there is no field .Task.Heding; the fields you can use: .Task.Ref,"
	if !strings.HasPrefix(got, want) {
		t.Errorf("got %q, want %q…", got, want)
	}
}

// TestCheckTemplatesExample checks that the example of TEMPLATES.md is
// valid, and that the configurations without templates need no check.
func TestCheckTemplatesExample(t *testing.T) {
	doc, err := os.ReadFile("TEMPLATES.md")
	if err != nil {
		t.Fatal(err)
	}
	block := string(doc)
	block = block[strings.Index(block, "```yaml\n"):]
	block = block[strings.Index(block, "    templates:\n")+len("    templates:\n") : strings.Index(block, "```\n")]
	var lines []string
	for _, l := range strings.Split(strings.TrimSuffix(block, "\n"), "\n") {
		lines = append(lines, strings.TrimPrefix(l, "    "))
	}
	cfg := checkConfig(t, lang.Vietnamese, strings.Join(lines, "\n")+"\n", false)
	if len(cfg.Plans[0].Templates[plan.KindReminder]) != 3 {
		t.Fatalf("the example holds %d templates, want subject, body and sms", len(cfg.Plans[0].Templates[plan.KindReminder]))
	}
	if ds := checked(cfg); len(ds) > 0 {
		t.Errorf("the example of TEMPLATES.md: got\n%swant nothing", ds.Render(lang.Vietnamese))
	}
	n := pick(t, notifications(cfg), "hlhpn", "before:7d", "7d")
	if m := renderOK(t, cfg, n, plan.ChannelSMS); !strings.HasPrefix(m.Text, "II.3. Tháng hành động: bắt đầu 15/11/2019. Hội Liên hiệp Phụ nữ xã phối hợp.\n") {
		t.Errorf("SMS of the example: got %q", m.Text)
	}
	if ds := checked(loadConfig(t, lang.Vietnamese)); ds != nil {
		t.Errorf("a configuration without templates: got %v, want nil", ds)
	}
}

// TestTemplateFieldsDocumented checks that the fields check lists exist in
// each kind of message, and that TEMPLATES.md documents every field, function
// and shared template there is.
func TestTemplateFieldsDocumented(t *testing.T) {
	doc, err := os.ReadFile("TEMPLATES.md")
	if err != nil {
		t.Fatal(err)
	}
	cfg := checkConfig(t, lang.Vietnamese, "  reminder:\n    sms: x\n", false)
	p := cfg.Plans[0]
	for _, kind := range plan.TemplateKinds {
		set, err := textSet(lang.Vietnamese, kind)
		if err != nil {
			t.Fatal(err)
		}
		for _, field := range kindFields[kind] {
			if !strings.Contains(string(doc), "`"+field+"`") {
				t.Errorf("TEMPLATES.md does not document %s", field)
			}
			tree, err := parseOverride("sms", "{{"+field+"}}")
			if err != nil {
				t.Fatal(err)
			}
			s, _ := set.Clone()
			s.AddParseTree("sms", tree)
			if err := s.ExecuteTemplate(new(strings.Builder), "sms", sampleView(cfg, p, kind, lang.Vietnamese, plan.ChannelSMS)); err != nil {
				t.Errorf("%s lists %s: %v", kind, field, err)
			}
		}
		for _, name := range strings.Split(includable(set), ", ") {
			if !strings.Contains(string(doc), `{{template "`+name+`"`) && !strings.Contains(string(doc), "`"+name+"`") {
				t.Errorf("TEMPLATES.md does not document the shared template %q", name)
			}
		}
	}
	for prefix, typ := range map[string]reflect.Type{".": reflect.TypeFor[view](), ".Plan.": reflect.TypeFor[planView](), ".Task.": reflect.TypeFor[taskView](), ".Deadline.": reflect.TypeFor[deadlineView]()} {
		for f := range typ.Fields() {
			switch f.Name {
			case "Plan", "Task", "Deadline", "Body", "Ack", "Footer":
				continue
			}
			if !strings.Contains(string(doc), "`"+prefix+f.Name+"`") {
				t.Errorf("TEMPLATES.md does not document %s%s", prefix, f.Name)
			}
		}
	}
	for name := range funcs {
		if !strings.Contains(string(doc), "`"+name) {
			t.Errorf("TEMPLATES.md does not document the function %s", name)
		}
	}
}

// TestOverrideFallsBack: a plan's wording that fails on one message,
// though CheckTemplates passed it on every kind of message the plan
// sends, does not lose that message: it goes in the embedded wording, and
// Fallback says why. The plan's other messages keep its wording.
func TestOverrideFallsBack(t *testing.T) {
	// .Deadline is nil in a reminder: the weekly reminder of 02/12 fails;
	// CheckTemplates tries the first, of 18/11.
	cfg := withTemplates(t, lang.Vietnamese, `    templates:
      reminder:
        subject: '{{if eq (date .At) "02/12/2019"}}{{.Deadline.Title}}{{else}}[Việc cần làm] {{.Task.Heading}}{{end}}'
`)
	if d := checked(cfg); len(d) > 0 {
		t.Fatalf("bad test: CheckTemplates catches the template:\n%s", d.Render(lang.Vietnamese))
	}
	var weekly []*plan.Notification
	ns := notifications(cfg)
	for i := range ns {
		if n := &ns[i]; n.Unit == "vhxh" && strings.HasPrefix(n.Rule, "every:") {
			weekly = append(weekly, n)
		}
	}
	if len(weekly) < 3 || weekly[2].At.Day() != 2 {
		t.Fatalf("bad test: vhxh's weekly reminders are %v", weekly)
	}
	m := renderOK(t, cfg, weekly[2], plan.ChannelEmail)
	if m.Fallback == nil || !strings.Contains(m.Fallback.Error(), "Deadline") {
		t.Errorf("Fallback = %v, want why the plan's subject failed", m.Fallback)
	}
	if !strings.HasPrefix(m.Subject, "[Nhắc việc] II.3") {
		t.Errorf("subject %q, want the embedded wording", m.Subject)
	}
	checkMessage(t, m, weekly[2])
	own := renderOK(t, cfg, weekly[0], plan.ChannelEmail)
	if own.Fallback != nil || !strings.HasPrefix(own.Subject, "[Việc cần làm] II.3") {
		t.Errorf("18/11: subject %q, fallback %v; want the plan's wording", own.Subject, own.Fallback)
	}
}
