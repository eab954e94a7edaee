package planfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/planfile"
)

const newPlanText = `# Bản nháp từ văn bản (đoạn 3).
id: tre-em-2021
title: Kế hoạch Tháng hành động vì trẻ em năm 2021
year: 2021
owner: ldtbxh
tasks:
  # đoạn 7: «Tổ chức Tháng hành động»
  - id: thang-hanh-dong
    title: Tháng hành động vì trẻ em
    lead: [ldtbxh]
    from: 01/06/2021 # đoạn 7: «từ ngày 01/6 đến ngày 30/6/2021»
    to: 30/06/2021
    remind:
      - at: start
`

// TestNewPlan writes a plan to a file of its own and lists it at the
// end of the configuration's plans:, both checked and recorded, the rest
// of the configuration byte for byte; and refuses what it must.
func TestNewPlan(t *testing.T) {
	dir := copyTestdata(t)
	db := openStore(t)
	cfg := filepath.Join(dir, "nhacviec.yaml")
	before := readFile(t, cfg)
	n := planfile.NewPlan{Config: cfg, Name: "plans/tre-em-2021.yaml"}
	if err := n.Save(db, "quantri", []byte(newPlanText)); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(dir, "plans", "tre-em-2021.yaml")); got != newPlanText {
		t.Errorf("the plan's file:\n%s", got)
	}
	after := readFile(t, cfg)
	want := before + "  - plans/tre-em-2021.yaml\n"
	if after != want {
		t.Errorf("the configuration:\n%s\nwant:\n%s", after, want)
	}
	for doc, text := range map[string]string{"plans/tre-em-2021.yaml": newPlanText, "nhacviec.yaml": after} {
		vs, err := db.Versions(doc)
		if err != nil || len(vs) == 0 {
			t.Fatalf("versions of %s: %v, %v", doc, vs, err)
		}
		if last := vs[0]; last.Who != "quantri" || string(last.Text) != text {
			t.Errorf("%s: last version by %q:\n%s", doc, last.Who, last.Text)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "plans"))
	if len(entries) != 1 {
		t.Errorf("the plans folder holds %d files, want 1 (no temporary file)", len(entries))
	}

	tests := []struct {
		name, file, text string
		want             error
	}{
		{"existing file", "plans/tre-em-2021.yaml", strings.Replace(newPlanText, "tre-em-2021", "tre-em-2022", 1), planfile.ErrExists},
		{"outside the folder", "../khac.yaml", newPlanText, planfile.ErrBadName},
		{"absolute", "/tmp/khac.yaml", newPlanText, planfile.ErrBadName},
		{"not yaml", "plans/khac.txt", newPlanText, planfile.ErrBadName},
		{"unknown unit", "plans/khac.yaml", strings.Replace(strings.Replace(newPlanText, "tre-em-2021", "khac-2021", 1), "lead: [ldtbxh]", "lead: [mttq]", 1), planfile.ErrInvalid},
		{"same id twice", "plans/lai.yaml", newPlanText, planfile.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfgBefore := readFile(t, cfg)
			err := planfile.NewPlan{Config: cfg, Name: tt.file}.Save(db, "quantri", []byte(tt.text))
			if !errors.Is(err, tt.want) {
				t.Fatalf("Save: %v, want %v", err, tt.want)
			}
			if got := readFile(t, cfg); got != cfgBefore {
				t.Errorf("the configuration changed:\n%s", got)
			}
			if tt.want != planfile.ErrExists && tt.want != planfile.ErrBadName {
				if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(tt.file))); err == nil {
					t.Errorf("%s was written", tt.file)
				}
			}
		})
	}
	if got := readFile(t, filepath.Join(dir, "plans", "tre-em-2021.yaml")); got != newPlanText {
		t.Errorf("the existing file was overwritten:\n%s", got)
	}
}
