package planfile_test

import (
	"testing"

	"github.com/nhacviec/nhacviec/planfile"
)

func TestReplace(t *testing.T) {
	cfg := lines(
		"units: {}",
		"plans:",
		"  # the first plan",
		"  - id: a-2019      # mã",
		"    year: 2019",
		"    tasks:",
		"      - id: t",
		"        description: >-",
		"          two",
		"",
		"          lines",
		"      # a comment at the end of the plan",
		"",
		"  -",
		"    id: b",
		"    year: 2019",
		"  - plans/c.yaml",
		"service: {}  # kept")
	plan := lines(
		"id: a-2019   # new",
		"year: 2020",
		"",
		"tasks: []",
		"# its own end")
	tests := []struct {
		name string
		doc  planfile.Doc
		want string
	}{
		{"inline, first", planfile.Doc{Root: "plans[id=a-2019]"}, lines(
			"units: {}",
			"plans:",
			"  # the first plan",
			"  - id: a-2019   # new",
			"    year: 2020",
			"",
			"    tasks: []",
			"    # its own end",
			"",
			"  -",
			"    id: b",
			"    year: 2019",
			"  - plans/c.yaml",
			"service: {}  # kept")},
		{"inline, its dash alone", planfile.Doc{Root: "plans[id=b]"}, lines(
			"units: {}",
			"plans:",
			"  # the first plan",
			"  - id: a-2019      # mã",
			"    year: 2019",
			"    tasks:",
			"      - id: t",
			"        description: >-",
			"          two",
			"",
			"          lines",
			"      # a comment at the end of the plan",
			"",
			"  -",
			"    id: a-2019   # new",
			"    year: 2020",
			"",
			"    tasks: []",
			"    # its own end",
			"  - plans/c.yaml",
			"service: {}  # kept")},
		{"a file of its own", planfile.Doc{}, plan},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.doc.Replace([]byte(cfg), []byte(plan))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
	if _, err := (&planfile.Doc{Root: "plans[id=x]"}).Replace([]byte(cfg), []byte(plan)); err == nil {
		t.Error("got no error replacing a plan the file does not have")
	}
}
