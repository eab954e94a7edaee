package draft

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
)

var update = flag.Bool("update", false, "rewrite the golden drafts in testdata")

// readFile reads a test document, as text or as a .docx made of its
// text.
func readDoc(t *testing.T, name string, docx bool) *Doc {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if docx {
		data = docxOfText(t, string(data))
		name = strings.TrimSuffix(name, ".txt") + ".docx"
	}
	doc, err := Read(name, bytes.NewReader(data))
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return doc
}

// draftOf drafts name, checks that the draft passes the loader's check on
// its own, and returns it with its YAML.
func draftOf(t *testing.T, name string, docx bool) (*Draft, *Report, string) {
	t.Helper()
	d, rep := readDoc(t, name, docx).Draft(Options{})
	out, err := d.YAML(lang.Vietnamese, name)
	if err != nil {
		t.Fatal(err)
	}
	if _, diags := config.Parse("draft.yaml", out, config.ReadFile); diags.HasErrors() {
		t.Fatalf("the draft of %s does not pass check:\n%s\n%s", name, diags.Render(lang.Vietnamese), out)
	}
	return d, rep, string(out)
}

func task(t *testing.T, d *Draft, id string) *Task {
	t.Helper()
	for _, tk := range d.Tasks {
		if tk.ID == id {
			return tk
		}
	}
	var ids []string
	for _, tk := range d.Tasks {
		ids = append(ids, tk.ID)
	}
	t.Fatalf("no task %s; the tasks are %v", id, ids)
	return nil
}

// hasAll tells whether list holds every one of want.
func hasAll(list []string, want ...string) bool {
	for _, w := range want {
		if !slices.Contains(list, w) {
			return false
		}
	}
	return true
}

// TestSeed drafts the plan this product was made for, as text and as a
// .docx with the recipients and the signature in a table.
func TestSeed(t *testing.T) {
	for _, docx := range []bool{false, true} {
		name := map[bool]string{false: "text", true: "docx"}[docx]
		t.Run(name, func(t *testing.T) {
			d, _, out := draftOf(t, "bdg-2019.txt", docx)
			if d.Year != 2019 || d.Issuer != "UBND xã Quảng Thành" || !strings.HasPrefix(d.Signer, "Nguyễn Thị Dạ Thảo (KT. Chủ tịch") {
				t.Errorf("header: got year %d, issuer %q, signer %q", d.Year, d.Issuer, d.Signer)
			}
			// The Action Month, a window 15/11–15/12/2019.
			month := task(t, d, "ii-3")
			if month.When.From != "15/11/2019" || month.When.To != "15/12/2019" || month.When.Tentative || !strings.Contains(month.Title, "Tháng hành động") {
				t.Errorf("II.3: got %q from %q to %q (tentative %v), want the Action Month 15/11/2019–15/12/2019", month.Title, month.When.From, month.When.To, month.When.Tentative)
			}
			for _, tc := range []struct {
				id, ref       string
				lead, support []string
			}{
				{"ii-1", "II.1", []string{"ldtbxh"}, nil},
				{"ii-2", "II.2", []string{"ldtbxh"}, nil},
				{"ii-3", "II.3", []string{"ldtbxh"}, nil},
				{"ii-4", "II.4", []string{"thanh-vien-ban-vstbpn"}, []string{"doan-the"}},
				{"ii-4-a-1", "II.4.a", []string{"ldtbxh"}, nil},
				{"ii-4-a-2", "II.4.a", []string{"ldtbxh"}, []string{"ban-nganh", "co-so"}},
				{"ii-4-b-1", "II.4.b", []string{"vhxh"}, []string{"mttq", "doan-the", "dai-truyen-thanh", "truong-thcs-dang-tat"}},
				{"ii-4-c-1", "II.4.c", []string{"hlhpn"}, nil},
				{"iii-1", "III.1", []string{"ban-nganh", "doan-the", "ban-vstbpn"}, []string{"co-so"}},
				{"iii-2", "III.2", []string{"ban-nganh", "doan-the", "thanh-vien-ban-vstbpn"}, nil},
				{"iii-3", "III.3", []string{"ldtbxh"}, []string{"mttq", "doan-the"}},
			} {
				tk := task(t, d, tc.id)
				if tk.Ref != tc.ref || !hasAll(tk.Lead, tc.lead...) || !hasAll(tk.Support, tc.support...) {
					t.Errorf("%s: got ref %s, lead %v, support %v; want ref %s, lead %v, support with %v", tc.id, tk.Ref, tk.Lead, tk.Support, tc.ref, tc.lead, tc.support)
				}
			}
			// A task's paragraphs are the document's.
			if p, ok := d.Doc.Para(month.Paras[0]); !ok || !strings.HasPrefix(p.Full(), "3. Tổ chức Tháng hành động") {
				t.Errorf("II.3's paragraph: got %q, %v", p.Full(), ok)
			}
			if _, ok := d.Doc.Para(10000); ok {
				t.Errorf("Para(10000) found a paragraph")
			}
			// The points of II.3 take the Action Month's window.
			if p := task(t, d, "ii-3-4"); p.When.From != "15/11/2019" || p.WhenOf != "II.3" {
				t.Errorf("II.3, fourth point: got from %q (of %q), want the window of II.3", p.When.From, p.WhenOf)
			}
			// The periodic report to Ban VSTBPN, every six months, dates chosen.
			rep := task(t, d, "iii-2")
			if len(rep.Deadlines) != 1 {
				t.Fatalf("III.2: got %d deadlines, want 1", len(rep.Deadlines))
			}
			dl := rep.Deadlines[0]
			if !slices.Equal(dl.To, []string{"ban-vstbpn"}) || dl.DueEvery == "" || !dl.Tentative || !hasAll(dl.By, "ban-nganh", "thanh-vien-ban-vstbpn") {
				t.Errorf("III.2's report: got by %v to %v every %q tentative %v; want to ban-vstbpn, recurring, tentative", dl.By, dl.To, dl.DueEvery, dl.Tentative)
			}
			// Nơi nhận, without Lưu: VT.
			var to []string
			for _, r := range d.Recipients {
				to = append(to, r.Unit)
			}
			want := []string{"ubnd-huyen", "dang-uy", "hdnd", "lanh-dao-ubnd", "thanh-vien-ban-vstbpn", "ban-nganh"}
			if !slices.Equal(to, want) {
				t.Errorf("Nơi nhận: got %v, want %v", to, want)
			}
			if d.Archive == nil || !strings.HasPrefix(d.Archive.Quote, "Lưu: VT") {
				t.Errorf("Lưu: VT: got %v, want the archive line", d.Archive)
			}
			// Every element says where it came from; nothing is dropped.
			unit := map[bool]string{false: "dòng", true: "đoạn"}[docx]
			for _, want := range []string{
				"# " + unit + " ",
				": “Tổ chức Tháng hành động về bình đẳng giới",
				"from: 15/11/2019 # “từ ngày 15/11 đến ngày 15/12/2019”",
				"tentative: true",
				"KHÔNG XẾP ĐƯỢC",
				"“Thực hiện Quyết định số 1.696/QĐ-TTg",
				"Lưu: VT là bản lưu",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("the draft lacks %q", want)
				}
			}
			if strings.Contains(out, "van-thu") {
				t.Errorf("the draft makes Lưu: VT a recipient")
			}
			golden(t, "bdg-2019."+name+".yaml", out)
		})
	}
}

// TestSeedSameFromDocx: the text and the .docx of the same plan give the
// same tasks.
func TestSeedSameFromDocx(t *testing.T) {
	a, _ := readDoc(t, "bdg-2019.txt", false).Draft(Options{})
	b, _ := readDoc(t, "bdg-2019.txt", true).Draft(Options{})
	if len(a.Tasks) != len(b.Tasks) {
		t.Fatalf("got %d tasks from the .docx, %d from the text", len(b.Tasks), len(a.Tasks))
	}
	for i := range a.Tasks {
		x, y := a.Tasks[i], b.Tasks[i]
		if x.ID != y.ID || x.Title != y.Title || !slices.Equal(x.Lead, y.Lead) || !slices.Equal(x.Support, y.Support) || x.When != y.When {
			t.Errorf("task %d: got %+v from the .docx, %+v from the text", i, y, x)
		}
	}
}

// TestSeedWithUnits drafts the seed against the units of the example
// configuration: the draft uses their ids, proposes none it has, and
// passes check beside them.
func TestSeedWithUnits(t *testing.T) {
	cfg, diags := config.Load("../config.example.yaml")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	d, _ := readDoc(t, "bdg-2019.txt", false).Draft(Options{Units: cfg})
	for _, u := range d.Units {
		if cfg.Units[u.ID] != nil || cfg.Groups[u.ID] != nil {
			t.Errorf("proposes %s, which the configuration has", u.ID)
		}
	}
	if tk := task(t, d, "ii-4-b-1"); !slices.Contains(tk.Support, "thcs-dang-tat") {
		t.Errorf("II.4.b: got support %v, want the configuration's thcs-dang-tat", tk.Support)
	}
	out, err := d.YAML(lang.Vietnamese, "bdg-2019.txt")
	if err != nil {
		t.Fatal(err)
	}
	if _, diags := config.ParsePlan("draft.yaml", out, cfg); diags.HasErrors() {
		t.Fatalf("the plan file does not pass check with the example's units:\n%s\n%s", diags.Render(lang.Vietnamese), out)
	}
	if strings.Contains(string(out), "\nunits:") {
		t.Errorf("a plan file drafted against a configuration has a units: key")
	}
	golden(t, "bdg-2019.units.yaml", string(out))
}

// TestOtherPlans drafts plans of other kinds: the Action Month for
// Children, and a year's poverty reduction with quarterly reports.
func TestOtherPlans(t *testing.T) {
	t.Run("tre-em-2021", func(t *testing.T) {
		d, _, out := draftOf(t, "tre-em-2021.txt", false)
		if d.Number != "52/KH-UBND" || d.Issued != "20/05/2021" || d.Year != 2021 || d.Issuer != "UBND xã Hưng Lộc" || d.Signer != "Trần Văn Hòa (Chủ tịch)" {
			t.Errorf("header: got number %q issued %q year %d issuer %q signer %q", d.Number, d.Issued, d.Year, d.Issuer, d.Signer)
		}
		if w := task(t, d, "ii-1").When; w.From != "01/06/2021" || w.To != "30/06/2021" {
			t.Errorf("II.1: got %s–%s, want the month of June", w.From, w.To)
		}
		launch := task(t, d, "ii-2")
		if launch.When.On != "01/06/2021" || !slices.Equal(launch.Lead, []string{"doan-tn"}) || !hasAll(launch.Support, "hlhpn", "truong-tieu-hoc-hung-loc") {
			t.Errorf("II.2: got on %q lead %v support %v", launch.When.On, launch.Lead, launch.Support)
		}
		if w := task(t, d, "ii-5").When; w.From != "01/06/2021" || w.To != "30/06/2021" {
			t.Errorf("II.5 “trong tháng 6”: got %s–%s", w.From, w.To)
		}
		gifts := task(t, d, "ii-4")
		if gifts.When.To != "20/06/2021" || !gifts.When.Tentative || !hasAll(gifts.Lead, "ldtbxh") || !hasAll(gifts.Support, "mttq", "hoi-chu-thap-do") {
			t.Errorf("II.4 “trước ngày 20/6/2021”: got %+v lead %v support %v", gifts.When, gifts.Lead, gifts.Support)
		}
		for _, tc := range []struct{ task, by, to, due string }{
			{"iii-1-2", "ldtbxh", "ubnd-huyen", "10/07/2021 17:00"},
			{"iii-3", "ban-nganh", "ldtbxh", "05/07/2021 17:00"},
		} {
			tk := task(t, d, tc.task)
			if len(tk.Deadlines) != 1 || !slices.Equal(tk.Deadlines[0].By, []string{tc.by}) || !slices.Equal(tk.Deadlines[0].To, []string{tc.to}) || tk.Deadlines[0].Due != tc.due || tk.Deadlines[0].Tentative {
				t.Errorf("%s: got deadlines %+v, want %s → %s at %s", tc.task, tk.Deadlines, tc.by, tc.to, tc.due)
			}
		}
		if !strings.Contains(out, "on: 20/05/2021 08:00 # ngày ban hành") {
			t.Errorf("the plan is not distributed on its signing date")
		}
		golden(t, "tre-em-2021.yaml", out)
	})
	t.Run("giam-ngheo-2022", func(t *testing.T) {
		d, _, out := draftOf(t, "giam-ngheo-2022.txt", false)
		for _, tc := range []struct {
			id, from, to string
			tentative    bool
		}{
			{"ii-1", "01/01/2022", "31/03/2022", false}, // quý I
			{"ii-2", "25/01/2022", "08/02/2022", true},  // Tết Nhâm Dần: mùng 1 is 01/02/2022
			{"ii-3", "01/01/2022", "30/06/2022", false}, // 6 tháng đầu năm
		} {
			if w := task(t, d, tc.id).When; w.From != tc.from || w.To != tc.to || w.Tentative != tc.tentative {
				t.Errorf("%s: got %s–%s tentative %v, want %s–%s tentative %v", tc.id, w.From, w.To, w.Tentative, tc.from, tc.to, tc.tentative)
			}
		}
		if w := task(t, d, "ii-4").When; w.Every != "month" {
			t.Errorf("II.4 “Hằng tháng”: got %+v, want monthly", w)
		}
		q := task(t, d, "iii-1")
		if len(q.Deadlines) != 1 || q.Deadlines[0].DueEvery != "0 17 15 3,6,9,12 *" || q.Deadlines[0].Tentative || !slices.Equal(q.Deadlines[0].By, []string{"co-so"}) || !slices.Equal(q.Deadlines[0].To, []string{"ldtbxh"}) {
			t.Errorf("III.1 quarterly report: got %+v", q.Deadlines)
		}
		y := task(t, d, "iii-2")
		if len(y.Deadlines) != 1 || y.Deadlines[0].Due != "15/12/2022 17:00" || !slices.Equal(y.Deadlines[0].To, []string{"ubnd-huyen"}) {
			t.Errorf("III.2 yearly report: got %+v", y.Deadlines)
		}
		if !strings.Contains(out, "mùng 1 Tết là 01/02/2022") {
			t.Errorf("the Tết window does not say how it was worked out")
		}
		golden(t, "giam-ngheo-2022.yaml", out)
	})
}

// golden compares got with testdata/name.golden, or rewrites it with
// -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./draft -update to write it)", err)
	}
	if got != string(want) {
		t.Errorf("the draft differs from %s (go test ./draft -run %s -update, then read the diff):\n%s", path, t.Name(), got)
	}
}

// TestTaskTable: a plan that lists its work as a table (TT, Nội dung,
// Đơn vị chủ trì, Đơn vị phối hợp, Thời gian) gives a task a row.
func TestTaskTable(t *testing.T) {
	before := []docxPara{
		{text: "ỦY BAN NHÂN DÂN"}, {text: "XÃ HƯNG LỘC"}, {text: "Số: 60/KH-UBND"},
		{text: "KẾ HOẠCH"}, {text: "Tổ chức các hoạt động hè năm 2021"},
		{text: "I. MỤC ĐÍCH, YÊU CẦU"}, {text: "1. Tạo sân chơi lành mạnh cho trẻ em."},
		{text: "II. NỘI DUNG VÀ PHÂN CÔNG"}, {text: "1. Các hoạt động cụ thể như sau:"},
	}
	rows := [][][]string{
		{{"TT"}, {"Nội dung công việc"}, {"Đơn vị chủ trì"}, {"Đơn vị phối hợp"}, {"Thời gian thực hiện"}},
		{{"1"}, {"Khai mạc sinh hoạt hè"}, {"Đoàn Thanh niên"}, {"Hội LHPN", "Trường Tiểu học Hưng Lộc"}, {"05/6/2021"}},
		{{"2"}, {"Phòng, chống đuối nước trẻ em"}, {"Bộ phận VH-XH"}, {"Trạm Y tế xã"}, {"Tháng 7/2021"}},
		{{"3"}, {"Báo cáo kết quả hoạt động hè gửi UBND huyện"}, {"Bộ phận LĐ-TB&XH"}, {""}, {"Trước 20/8/2021"}},
	}
	after := []docxPara{{text: "Nơi nhận:"}, {text: "- UBND huyện;"}, {text: "- Lưu: VT."}, {text: "TM. ỦY BAN NHÂN DÂN"}, {text: "CHỦ TỊCH"}, {text: "Trần Văn Hòa"}}
	doc, err := ReadDocx(bytes.NewReader(makeDocx(t, before, rows, after, "")))
	if err != nil {
		t.Fatal(err)
	}
	d, rep := doc.Draft(Options{})
	out, err := d.YAML(lang.Vietnamese, "he.docx")
	if err != nil {
		t.Fatal(err)
	}
	if _, diags := config.Parse("draft.yaml", out, config.ReadFile); diags.HasErrors() {
		t.Fatalf("the draft does not pass check:\n%s\n%s", diags.Render(lang.Vietnamese), out)
	}
	for _, tc := range []struct {
		id, ref, title, on, from, to string
		lead, support                []string
	}{
		{"bang-1-1", "B1.1", "Khai mạc sinh hoạt hè", "05/06/2021", "", "", []string{"doan-tn"}, []string{"hlhpn", "truong-tieu-hoc-hung-loc"}},
		{"bang-1-2", "B1.2", "Phòng, chống đuối nước trẻ em", "", "01/07/2021", "31/07/2021", []string{"vhxh"}, []string{"y-te"}},
		{"bang-1-3", "B1.3", "Báo cáo kết quả hoạt động hè gửi UBND huyện", "", "01/01/2021", "20/08/2021", []string{"ldtbxh"}, nil},
	} {
		tk := task(t, d, tc.id)
		if tk.Ref != tc.ref || tk.Title != tc.title || tk.When.On != tc.on || tk.When.From != tc.from || tk.When.To != tc.to || !slices.Equal(tk.Lead, tc.lead) || !slices.Equal(tk.Support, tc.support) {
			t.Errorf("%s: got %+v", tc.id, tk)
		}
	}
	if dl := task(t, d, "bang-1-3").Deadlines; len(dl) != 1 || dl[0].Due != "20/08/2021 17:00" || !slices.Equal(dl[0].To, []string{"ubnd-huyen"}) {
		t.Errorf("row 3's report: got %+v, want to ubnd-huyen by 20/08/2021 17:00", dl)
	}
	for _, n := range rep.NotPlaced {
		if strings.Contains(n.Quote, "Khai mạc") || strings.Contains(n.Quote, "Nội dung công việc") {
			t.Errorf("the table's cells are listed as not placed: %+v", n)
		}
	}
}
