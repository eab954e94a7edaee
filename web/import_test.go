package web

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"encoding/xml"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/plan"
)

// importSeed is the seed plan document, as a text file.
func importSeed(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "draft", "testdata", "bdg-2019.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// docxOf makes a Word document of text: a paragraph a non-empty line.
func docxOf(t *testing.T, text string) []byte {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		b.WriteString(`<w:p><w:r><w:t xml:space="preserve">`)
		xml.EscapeText(&b, []byte(line))
		b.WriteString(`</w:t></w:r></w:p>`)
	}
	b.WriteString(`<w:sectPr/></w:body></w:document>`)
	return zipOf(t, map[string][]byte{
		"[Content_Types].xml": []byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
		"word/document.xml":   []byte(b.String()),
	})
}

func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(files[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// newImportEnv is the editor's test server on the example configuration
// (its units and its plan), in a folder of its own.
func newImportEnv(t *testing.T) *editorEnv {
	t.Helper()
	e := newEditorEnv(t)
	example, err := os.ReadFile(filepath.Join("..", "config.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	e.write("nhacviec.yaml", string(example))
	if !e.load() {
		t.FailNow()
	}
	return e
}

// upload posts a document to /plans/import as the browser's form does.
func (b *editorClient) upload(csrf, name string, data []byte) (*http.Response, string) {
	b.e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", csrf)
	fw, err := mw.CreateFormFile("document", name)
	if err != nil {
		b.e.t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, b.e.base+"/plans/import", &body)
	if err != nil {
		b.e.t.Fatal(err)
	}
	req.SetBasicAuth(b.user, "mật khẩu "+b.user)
	req.Header.Set("Accept", "text/html")
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", b.e.base)
	resp, err := b.c.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out bytes.Buffer
	out.ReadFrom(resp.Body)
	return resp, out.String()
}

// TestImportPlan uploads the seed plan as text and as a .docx, drops a
// task, corrects a title, previews and saves it as a new plan: its file
// with the corrections and the draft's comments, the configuration
// listing it and otherwise the same, both in the history, the daemon
// reloaded and the Action Month's reminders in what it sends.
func TestImportPlan(t *testing.T) {
	for _, tc := range []struct{ name, file string }{{"text", "bdg-2019.txt"}, {"docx", "bdg-2019.docx"}} {
		t.Run(tc.name, func(t *testing.T) {
			e := newImportEnv(t)
			before := e.read("nhacviec.yaml")
			reloads := e.reloads
			admin := e.client("lan")
			resp, page := admin.get("/plans/import")
			wantStatus(t, resp, page, http.StatusOK)
			wantContains(t, page, `enctype="multipart/form-data"`, `name="document"`, "Nhập kế hoạch từ văn bản")
			csrf := hidden(t, page, "csrf")
			doc := importSeed(t)
			if tc.name == "docx" {
				doc = docxOf(t, string(doc))
			}
			resp, page = admin.upload(csrf, tc.file, doc)
			wantStatus(t, resp, page, http.StatusOK)
			wantContains(t, page, "II.3", "Tổ chức Tháng hành động về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới từ ngày 15/11 đến ngày 15/12/2019",
				`value="15/11/2019"`, `value="15/12/2019"`, "Nhận", "Bỏ", "Các đoạn chưa xếp được", "Thủ tướng Chính phủ phê duyệt Chương trình hành động quốc gia",
				`value="plans/hoat-dong-binh-dang-gioi-2019.yaml"`)
			if _, err := os.Stat(filepath.Join(e.dir, "plans")); err == nil {
				t.Error("the upload wrote the plans folder")
			}
			form := url.Values{"state": {hidden(t, page, "state")}, "sig": {hidden(t, page, "sig")},
				"t0-keep": {"0"}, "t2-title": {"Tháng hành động vì bình đẳng giới năm 2019"}}
			resp, page = admin.post("/plans/import/preview", csrf, form)
			wantStatus(t, resp, page, http.StatusOK)
			wantContains(t, page, "Xem trước kế hoạch mới", "Sẽ gửi thêm", "Tin mẫu", `id="import-save"`)
			form.Set("previewed", hidden(t, page, "previewed"))
			resp, page = admin.post("/plans/import/save", csrf, form)
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("save: %d\n%s", resp.StatusCode, page)
			}
			const id = "hoat-dong-binh-dang-gioi-2019"
			if loc := resp.Header.Get("Location"); loc != "/plan/"+id+"/edit?saved=1" {
				t.Errorf("save went to %q", loc)
			}
			saved := e.read("plans/" + id + ".yaml")
			wantContains(t, saved, "title: Tháng hành động vì bình đẳng giới năm 2019", "from: 15/11/2019", "to: 15/12/2019", "# BẢN NHÁP")
			if !regexp.MustCompile(`# (dòng|đoạn) \d+: “Tổ chức Tháng hành động về bình đẳng giới`).MatchString(saved) {
				t.Errorf("the Action Month has lost its paragraph's comment:\n%s", saved)
			}
			wantLacks(t, saved, "id: ii-1\n")
			after := e.read("nhacviec.yaml")
			if strings.Replace(after, "  - plans/"+id+".yaml\n", "", 1) != before || after == before {
				t.Errorf("the configuration is not the same with the plan listed:\n%s", after)
			}
			for doc, text := range map[string]string{"plans/" + id + ".yaml": saved, "nhacviec.yaml": after} {
				vs, err := e.db.Versions(doc)
				if err != nil || len(vs) == 0 || vs[0].Who != "lan" || string(vs[0].Text) != text {
					t.Errorf("history of %s: %v %v", doc, len(vs), err)
				}
			}
			if e.reloads != reloads+1 {
				t.Errorf("reloads: %d, want %d", e.reloads, reloads+1)
			}
			cfg := e.config()
			if cfg.Plan(id) == nil {
				t.Fatal("the daemon does not run the new plan")
			}
			hcm, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
			var reminders int
			it := cfg.Expand(time.Date(2019, 11, 14, 0, 0, 0, 0, hcm), time.Date(2019, 12, 16, 0, 0, 0, 0, hcm))
			for n, ok := it.Next(); ok; n, ok = it.Next() {
				if n.Plan == id && n.Task == "ii-3" && n.Kind == plan.KindReminder {
					reminders++
				}
			}
			if reminders == 0 {
				t.Error("the saved plan sends no reminder of the Action Month")
			}
			resp, page = admin.get("/plan/" + id + "/edit?saved=1")
			wantStatus(t, resp, page, http.StatusOK)
			wantContains(t, page, "Tháng hành động vì bình đẳng giới năm 2019", `id="flash"`)
			// The same again: the file is there, nothing is overwritten.
			resp, page = admin.post("/plans/import/save", csrf, form)
			wantStatus(t, resp, page, http.StatusUnprocessableEntity)
			wantContains(t, page, "đã có")
			if e.read("plans/"+id+".yaml") != saved {
				t.Error("the plan's file was overwritten")
			}
		})
	}
}

// TestImportRefused: a viewer and an editor may not import; what is not
// a plan, a zip bomb, a draft changed in the browser are refused with a
// clear message, and nothing is written.
func TestImportRefused(t *testing.T) {
	e := newImportEnv(t)
	before := e.read("nhacviec.yaml")
	for _, user := range []string{"xem", "mai"} {
		resp, page := e.client(user).get("/plans/import")
		wantStatus(t, resp, page, http.StatusForbidden)
	}
	admin := e.client("lan")
	_, page := admin.get("/plans/import")
	csrf := hidden(t, page, "csrf")
	resp, page := e.client("xem").upload(csrf, "bdg-2019.txt", importSeed(t))
	wantStatus(t, resp, page, http.StatusForbidden)

	random := make([]byte, 4096)
	rand.Read(random)
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("word/document.xml")
	zeros := make([]byte, 1<<20)
	for range 40 {
		w.Write(zeros)
	}
	zw.Close()
	tests := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"random bytes", "ke-hoach.txt", random, "Không đọc được văn bản ke-hoach.txt"},
		{"random docx", "ke-hoach.docx", random, "Không đọc được văn bản ke-hoach.docx"},
		{"zip bomb", "bom.docx", bomb.Bytes(), "Không đọc được văn bản bom.docx"},
		{"a letter", "thu.txt", []byte("Kính gửi anh chị,\nXin mời dự họp.\n"), "không phải một kế hoạch"},
		{"no file", "", nil, "Hãy chọn một tệp"},
		{"too large", "lon.txt", bytes.Repeat([]byte("1. Việc.\n"), 12<<20/10), "Tệp quá lớn: tối đa 10 MB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp *http.Response
			var page string
			if tt.file == "" {
				resp, page = admin.post("/plans/import", csrf, url.Values{})
			} else {
				resp, page = admin.upload(csrf, tt.file, tt.data)
			}
			if resp.StatusCode < 400 {
				t.Fatalf("status %d", resp.StatusCode)
			}
			wantContains(t, page, tt.want)
		})
	}
	if len(bomb.Bytes()) > 1<<20 {
		t.Fatalf("the zip bomb is %d bytes", bomb.Len())
	}
	resp, page = admin.upload(csrf, "bdg-2019.txt", importSeed(t))
	wantStatus(t, resp, page, http.StatusOK)
	state, sig := hidden(t, page, "state"), hidden(t, page, "sig")
	forged := state[:len(state)-8] + "AAAAAAA="
	resp, page = admin.post("/plans/import/preview", csrf, url.Values{"state": {forged}, "sig": {sig}})
	wantStatus(t, resp, page, http.StatusBadRequest)
	wantContains(t, page, "Bản nháp gửi lên không hợp lệ")
	resp, page = admin.post("/plans/import/preview", "", url.Values{"state": {state}, "sig": {sig}})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a preview without the CSRF token: %d", resp.StatusCode)
	}
	// Problems are shown at their fields, and nothing is saved.
	for _, tt := range []struct {
		name, field, value, want string
	}{
		{"an id in use", "id", "bdg-2019", "bdg-2019"},
		{"a file outside the folder", "file", "../khac.yaml", "thư mục cấu hình"},
		{"no year", "year", "năm nay", "year"},
		{"a date that does not exist", "t2-from", "31/11/2019", "31/11/2019"},
		{"an unknown lead unit", "t2-lead", "ldtbxh, khong-co", "khong-co"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			form := url.Values{"state": {state}, "sig": {sig}, tt.field: {tt.value}}
			resp, page := admin.post("/plans/import/preview", csrf, form)
			wantStatus(t, resp, page, http.StatusUnprocessableEntity)
			re := regexp.MustCompile(`(?s)name="` + regexp.QuoteMeta(tt.field) + `" value="[^"]*" [^>]*aria-invalid="true">\s*<p class="field-err" role="alert">([^<]*)</p>`)
			m := re.FindStringSubmatch(page)
			if m == nil {
				t.Fatalf("no problem at %s", tt.field)
			}
			if !strings.Contains(m[1], tt.want) {
				t.Errorf("the problem at %s: %q, want %q in it", tt.field, m[1], tt.want)
			}
			form.Set("previewed", "x")
			resp, page = admin.post("/plans/import/save", csrf, form)
			wantStatus(t, resp, page, http.StatusUnprocessableEntity)
		})
	}
	if e.read("nhacviec.yaml") != before {
		t.Error("the configuration changed")
	}
	if _, err := os.Stat(filepath.Join(e.dir, "plans")); err == nil {
		t.Error("a plans folder was written")
	}
}

// TestImportProposedUnits: units the document names that the
// configuration lacks are each replaced by the unit chosen, or left out;
// a task left without a lead unit is shown at its field.
func TestImportProposedUnits(t *testing.T) {
	e := newEditorEnv(t)
	admin := e.client("lan")
	_, page := admin.get("/plans/import")
	csrf := hidden(t, page, "csrf")
	resp, page := admin.upload(csrf, "bdg-2019.txt", importSeed(t))
	wantStatus(t, resp, page, http.StatusOK)
	wantContains(t, page, "Đơn vị chưa có trong cấu hình", `name="u-mttq"`)
	proposed := regexp.MustCompile(`<select id="u-([a-z0-9-]+)"`).FindAllStringSubmatch(page, -1)
	form := url.Values{"state": {hidden(t, page, "state")}, "sig": {hidden(t, page, "sig")}}

	// All left out: a task led only by a unit left out has no lead.
	resp, page = admin.post("/plans/import/preview", csrf, form)
	wantStatus(t, resp, page, http.StatusUnprocessableEntity)
	if !regexp.MustCompile(`(?s)id="t\d+-lead"[^>]*aria-invalid="true">\s*<p class="field-err"`).MatchString(page) {
		t.Errorf("no problem at a task's lead field:\n%s", page)
	}
	wantLacks(t, page, `id="import-save"`)

	// Each one is the women's union: the plan names only known units.
	for _, m := range proposed {
		form.Set("u-"+m[1], "hlhpn")
	}
	resp, page = admin.post("/plans/import/preview", csrf, form)
	wantStatus(t, resp, page, http.StatusOK)
	form.Set("previewed", hidden(t, page, "previewed"))
	resp, page = admin.post("/plans/import/save", csrf, form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", resp.StatusCode, page)
	}
	saved := e.read("plans/hoat-dong-binh-dang-gioi-2019.yaml")
	for _, m := range proposed {
		if regexp.MustCompile(`[\[ ,]` + m[1] + `[\],\n #]`).MatchString(saved) {
			t.Errorf("the plan still names %s:\n%s", m[1], saved)
		}
	}
	if len(proposed) == 0 || !strings.Contains(saved, "- hlhpn # dòng") {
		t.Errorf("proposed %d units; the distribution list:\n%s", len(proposed), saved)
	}
}
