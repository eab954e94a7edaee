package config_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"go.yaml.in/yaml/v3"
)

// yearUnits is the start of the configurations of the tests below; their
// plan's first line is line 7.
const yearUnits = `units:
  ldtbxh:
    name: Bộ phận Lao động - Thương binh và Xã hội
    contacts:
      - email: ldtbxh@example.vn
plans:
`

// TestOtherYearWarning: check warns, at the date, of each date written
// with a year other than the plan's and outside its period, and of
// nothing else.
func TestOtherYearWarning(t *testing.T) {
	tests := []struct {
		name string
		plan string
		want []string // LINE:COL of each warning
	}{
		{
			name: "last year's plan with only year changed",
			plan: `  - id: bdg-2020
    title: Kế hoạch
    year: 2020
    from: "01/01/2019"
    to: 31/12/2019
    owner: ldtbxh
    distribute: {on: "02/01/2019 08:00", to: [ldtbxh]}
    tasks:
      - id: hop
        title: Họp
        lead: [ldtbxh]
        on: 2019-03-08T08:00+07:00
        remind:
          - on: 01/03/2019
        deadlines:
          - due: "20/12/2019 17:00"
`,
			want: []string{"10:11", "11:9", "13:22", "18:13", "20:17", "22:18"},
		},
		{
			name: "a plan over two years, its dates inside its period",
			plan: `  - id: bdg-2019
    title: Kế hoạch
    year: 2019
    from: 01/07
    to: 30/06/2020
    owner: ldtbxh
    tasks:
      - id: hop
        title: Họp
        lead: [ldtbxh]
        on: 15/01/2020
`,
		},
		{
			name: "dates that take the year, and dates in it",
			plan: `  - id: bdg-2019
    title: Kế hoạch
    year: 2019
    owner: ldtbxh
    tasks:
      - id: hop
        title: Họp
        lead: [ldtbxh]
        from: 15/11
        to: 2019-12-15
`,
		},
		{
			name: "a reminder and the end of a window in another year",
			plan: `  - id: bdg-2019
    title: Kế hoạch
    year: 2019
    owner: ldtbxh
    tasks:
      - id: hop
        title: Họp
        lead: [ldtbxh]
        from: 15/12
        to: 15/01/2020
        remind:
          - on: "28/11/2018 07:30"
`,
			want: []string{"16:13", "18:17"},
		},
		{
			name: "not twice: a task wholly outside and a due outside are said already",
			plan: `  - id: bdg-2019
    title: Kế hoạch
    year: 2019
    owner: ldtbxh
    tasks:
      - id: hop
        title: Họp
        lead: [ldtbxh]
        on: 08/03/2018
      - id: bc
        title: Báo cáo
        lead: [ldtbxh]
        deadlines:
          - due: 10/01/2020
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := config.Parse("cfg.yaml", []byte(yearUnits+tt.plan), nil)
			var got []string
			for _, d := range diags {
				if d.Msg.Key == "plan.otheryear" {
					if d.Severity != config.Warning {
						t.Errorf("%s: got an error, want a warning", d.Text(lang.English))
					}
					got = append(got, fmt.Sprintf("%d:%d", d.Line, d.Col))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got warnings at %v, want %v\n%s", got, tt.want, diags.Render(lang.English))
			}
		})
	}
}

// TestPlanDates lists a plan's dates with the part each belongs to, the
// period first.
func TestPlanDates(t *testing.T) {
	src := `tasks:
  - id: a
    on: 08/03
    remind:
      - on: 01/03
    deadlines:
      - {id: bc, due: 20/03}
      - due: 21/03
distribute: {on: 02/01}
to: 31/12
from: 01/01
`
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range config.PlanDates(doc.Content[0]) {
		got = append(got, fmt.Sprintf("%d %s %s/%s %s", f.Part, f.Key, f.Task, f.Deadline, f.Node.Value))
	}
	want := []string{
		"0 from / 01/01", "0 to / 31/12",
		"2 on a/ 08/03", "3 on a/ 01/03", "4 due a/bc 20/03", "4 due a/ 21/03", "1 on / 02/01",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestParsePlan checks a plan file against a loaded configuration's units
// and service, reporting at its own lines.
func TestParsePlan(t *testing.T) {
	cfg, diags := config.Parse("cfg.yaml", []byte(yearUnits+"  - p.yaml\n"), func(string) ([]byte, error) {
		return []byte("id: p\ntitle: P\nyear: 2019\nowner: ldtbxh\ntasks:\n  - {id: a, title: A, lead: [ldtbxh], on: 08/03}\n"), nil
	})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	p, diags := config.ParsePlan("new.yaml", []byte("id: q\ntitle: Q\nyear: 2020\nowner: ldtbxh\ntasks:\n  - {id: a, title: A, lead: [ldtbxh], on: 08/03}\n"), cfg)
	if p == nil || len(diags) != 0 || p.File != "new.yaml" || p.ID != "q" || len(cfg.Plans) != 1 {
		t.Errorf("got plan %+v, %d plans in the configuration, diagnostics %v; want plan q of new.yaml, 1 plan, no diagnostics", p, len(cfg.Plans), diags)
	}
	p, diags = config.ParsePlan("new.yaml", []byte("id: q\ntitle: Q\nyear: 2020\nowner: khong-co\ntasks:\n  - {id: a, title: A, lead: [ldtbxh], on: 30/02}\n"), cfg)
	if got := diags.Render(lang.English); p != nil || !strings.Contains(got, "new.yaml:4:8: ") || !strings.Contains(got, "new.yaml:6:43: ") {
		t.Errorf("got plan %v and:\n%swant no plan, errors at new.yaml:4:8 and new.yaml:6:43", p, got)
	}
}
