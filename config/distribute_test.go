package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// wordingConfig uses every key the wording of messages reads: relation,
// the plan's number, issued and signer, its document, and tentative dates.
const wordingConfig = `
units:
  ldtbxh:
    name: Bộ phận Lao động - Thương binh và Xã hội
    contacts: [{name: Nguyễn Văn An, email: ldtbxh@quangthanh.example.vn}]
  mttq:
    name: Ủy ban MTTQ Việt Nam xã
    relation: doan-the
    contacts: [{email: mttq@quangthanh.example.vn}]
  ubnd-huyen:
    name: UBND huyện
    relation: cap-tren
    contacts: [{email: huyen@quangthanh.example.vn}]
  van-thu:
    name: "Văn thư UBND xã (Lưu: VT)"
    relation: luu
    contacts: [{email: vanthu@quangthanh.example.vn}]
  thcs:
    name: Trường THCS Đặng Tất
    relation: khac
    contacts: [{email: thcs@quangthanh.example.vn}]
plans:
  - id: bdg-2019
    title: Kế hoạch bình đẳng giới năm 2019
    number: 15/KH-UBND
    issued: 28/12/2018
    signer: Nguyễn Thị Dạ Thảo
    year: 2019
    owner: ldtbxh
    distribute:
      on: 02/01 08:00
      to: [ldtbxh, mttq, ubnd-huyen, van-thu, thcs]
      document: DOC
    tasks:
      - id: le-phat-dong
        title: Lễ phát động
        lead: [ldtbxh]
        support: [mttq]
        on: 15/11 08:00
        tentative: true
      - id: thang-hanh-dong
        title: Tháng hành động
        lead: [ldtbxh]
        from: 15/11
        to: 15/12
        deadlines:
          - {title: Báo cáo, by: [ldtbxh], to: [ubnd-huyen], due: 20/12 17:00, tentative: true}
          - {title: Báo cáo định kỳ, by: [ldtbxh], due: 24/12 17:00}
`

func TestWordingKeys(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"ke-hoach.pdf": "%PDF-1.7\n", "ke-hoach.docx": "PK\x03\x04rest"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, doc := range []string{"ke-hoach.pdf", "ke-hoach.docx", "KE-HOACH.PDF"} {
		t.Run(doc, func(t *testing.T) {
			if doc == "KE-HOACH.PDF" {
				if err := os.WriteFile(filepath.Join(dir, doc), []byte("%PDF-1.4"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			path := filepath.Join(dir, "nhacviec.yaml")
			src := []byte(strings.Replace(wordingConfig, "DOC", doc, 1))
			cfg, diags := config.Parse(path, src, os.ReadFile)
			if len(diags) > 0 {
				t.Fatalf("got diagnostics, want none:\n%s", diags.Render(lang.English))
			}
			for unit, want := range map[string]plan.Relation{"ldtbxh": plan.RelationInternal, "mttq": plan.RelationMass,
				"ubnd-huyen": plan.RelationHigher, "van-thu": plan.RelationArchive, "thcs": plan.RelationOther} {
				if got := cfg.Units[unit].Relation; got != want {
					t.Errorf("relation of %s: got %q, want %q", unit, got, want)
				}
			}
			p := cfg.Plans[0]
			if p.Number != "15/KH-UBND" || p.Signer != "Nguyễn Thị Dạ Thảo" || p.Issued != (calendar.Date{Year: 2018, Month: 12, Day: 28}) {
				t.Errorf("got number %q, issued %v, signer %q; want 15/KH-UBND, 28/12/2018, Nguyễn Thị Dạ Thảo", p.Number, p.Issued, p.Signer)
			}
			if want := filepath.Join(dir, doc); p.Distribute.Document != want {
				t.Errorf("document: got %q, want %q", p.Distribute.Document, want)
			}
			if !p.Task("le-phat-dong").Tentative || p.Task("thang-hanh-dong").Tentative {
				t.Errorf("tentative tasks: got le-phat-dong %v, thang-hanh-dong %v; want true, false",
					p.Task("le-phat-dong").Tentative, p.Task("thang-hanh-dong").Tentative)
			}
			ds := p.Task("thang-hanh-dong").Deadlines
			if !ds[0].Tentative || ds[1].Tentative {
				t.Errorf("tentative deadlines: got %v, %v; want true, false", ds[0].Tentative, ds[1].Tentative)
			}
		})
	}
}
