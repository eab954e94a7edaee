package config_test

import (
	"io/fs"
	"testing"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// templatesConfig has a plan with a template written in each way YAML
// allows; the comments give the line numbers.
const templatesConfig = `units:                                   # 1
  ldtbxh:
    name: Bộ phận Lao động - Thương binh và Xã hội
    contacts: [{email: ldtbxh@quangthanh.example.vn}]
plans:                                   # 5
  - id: bdg-2019
    title: Kế hoạch bình đẳng giới năm 2019
    year: 2019
    owner: ldtbxh
    templates:                           # 10
      reminder:
        subject: Nhắc {{.Unit}}
        sms: "Đã {{.Unit}}"
        body: |
          Kính gửi {{.Unit}},           # 15

            {{.Task.Heading}}
      deadline:
        subject: "Hạn \"{{.Unit}}\""
        body: >                          # 20
          Kính gửi
          {{.Unit}}
      escalation:
        sms: '{{.Unit}} chậm'
    tasks:                               # 25
      - id: thang
        title: Tháng hành động
        lead: [ldtbxh]
        on: 15/11
`

// TestTemplates checks that a plan's templates are read with their text,
// and that a place inside the text maps to the file where it can be known.
func TestTemplates(t *testing.T) {
	cfg, diags := config.Parse("t.yaml", []byte(templatesConfig), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatalf("config does not load:\n%s", diags.Render(lang.English))
	}
	own := cfg.Plans[0].Templates
	if len(own) != 3 || len(own[plan.KindReminder]) != 3 || len(own[plan.KindDeadline]) != 2 || len(own[plan.KindEscalation]) != 1 {
		t.Fatalf("got templates %v, want 3 of reminder, 2 of deadline, 1 of escalation", own)
	}
	tests := []struct {
		kind         plan.Kind
		name         string
		text         string
		line, offset int
		want         plan.Pos
	}{
		// A plain value: the text starts at the value.
		{plan.KindReminder, "subject", "Nhắc {{.Unit}}", 1, len("Nhắc {{"), plan.Pos{File: "t.yaml", Line: 12, Col: 25}},
		// A quoted one: after the quote; columns count characters.
		{plan.KindReminder, "sms", "Đã {{.Unit}}", 1, len("Đã {{"), plan.Pos{File: "t.yaml", Line: 13, Col: 20}},
		// A literal block: each line of the text is a line of the file.
		{plan.KindReminder, "body", "Kính gửi {{.Unit}},           # 15\n\n  {{.Task.Heading}}\n", 1, 0, plan.Pos{File: "t.yaml", Line: 15, Col: 11}},
		{plan.KindReminder, "body", "", 3, len("  {{"), plan.Pos{File: "t.yaml", Line: 17, Col: 15}},
		// Escapes and folding hide the place: the value's start stands for it.
		{plan.KindDeadline, "subject", `Hạn "{{.Unit}}"`, 1, len(`Hạn "{{`), plan.Pos{File: "t.yaml", Line: 19, Col: 18}},
		{plan.KindDeadline, "body", "Kính gửi {{.Unit}}\n", 1, len("Kính gửi {{"), plan.Pos{File: "t.yaml", Line: 20, Col: 15}},
		{plan.KindEscalation, "sms", "{{.Unit}} chậm", 1, 2, plan.Pos{File: "t.yaml", Line: 24, Col: 17}},
		// A line the text does not have.
		{plan.KindEscalation, "sms", "", 2, 0, plan.Pos{File: "t.yaml", Line: 24, Col: 14}},
	}
	for _, tt := range tests {
		tmpl, ok := own[tt.kind][tt.name]
		if !ok {
			t.Errorf("no %s template of %s", tt.name, tt.kind)
			continue
		}
		if tt.text != "" && tmpl.Text != tt.text {
			t.Errorf("%s %s: got text %q, want %q", tt.kind, tt.name, tmpl.Text, tt.text)
		}
		if got := tmpl.At(tt.line, tt.offset); got != tt.want {
			t.Errorf("%s %s: At(%d, %d) = %v, want %v", tt.kind, tt.name, tt.line, tt.offset, got, tt.want)
		}
	}
	if cfg.Plans[0].Tasks == nil {
		t.Errorf("the plan lost its tasks")
	}
}

// TestNoTemplates checks that a plan without templates has none.
func TestNoTemplates(t *testing.T) {
	cfg, diags := config.Load("../config.example.yaml")
	if diags.HasErrors() {
		t.Fatalf("config.example.yaml does not load:\n%s", diags.Render(lang.English))
	}
	for _, p := range cfg.Plans {
		if p.Templates != nil {
			t.Errorf("plan %s: got templates %v, want none", p.ID, p.Templates)
		}
	}
}
