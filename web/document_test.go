package web

import (
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// pdf is the plan document of newDocumentEnv.
const pdf = "%PDF-1.4\n% Kế hoạch số 15/KH-UBND\n%%EOF\n"

// newDocumentEnv is newEnv with the leadership reported to (lanh-dao is
// cap-tren), and the plan distributed with its document to lanh-dao and
// hlhpn, numbered, dated and signed.
func newDocumentEnv(t *testing.T) *env {
	t.Helper()
	e := newEnv(t, "vi")
	doc := filepath.Join(t.TempDir(), "ke-hoach-15.pdf")
	if err := os.WriteFile(doc, []byte(pdf), 0o644); err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(testConfig, "LANG", "vi", 1)
	src = strings.Replace(src, "    name: Lãnh đạo UBND xã\n", "    name: Lãnh đạo UBND xã\n    relation: cap-tren\n", 1)
	src = strings.Replace(src, "    owner: ldtbxh\n", `    owner: ldtbxh
    number: 15/KH-UBND
    issued: 28/12/2018
    signer: Nguyễn Thị Dạ Thảo
    distribute:
      on: 02/01 08:00
      to: [lanh-dao, hlhpn]
      document: `+doc+"\n", 1)
	cfg, diags := config.Parse("test.yaml", []byte(src), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatalf("config does not load:\n%s", diags.Render(lang.English))
	}
	e.cfg, e.all = cfg, nil
	it := cfg.Expand(time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 6, 1, 0, 0, 0, 0, time.UTC))
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		e.all = append(e.all, n)
	}
	return e
}

// token records n's links, as the scheduler does, and returns its token.
func (e *env) token(n *plan.Notification) string {
	e.t.Helper()
	if err := e.links.Record(e.db, n); err != nil {
		e.t.Fatal(err)
	}
	return ack.NotificationToken(e.secret, n.ID)
}

func TestDocumentDownload(t *testing.T) {
	e := newDocumentEnv(t)
	tok := e.token(e.findKind(plan.KindDistribution, "hlhpn", false))
	for _, method := range []string{http.MethodGet, http.MethodHead} {
		resp, body := e.do(method, "/d/"+tok, "", "", nil)
		wantStatus(t, resp, body, http.StatusOK)
		if got := resp.Header.Get("Content-Type"); got != "application/pdf" {
			t.Errorf("%s: Content-Type %q, want application/pdf", method, got)
		}
		disp, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition"))
		if err != nil || disp != "attachment" || params["filename"] != "ke-hoach-15.pdf" {
			t.Errorf("%s: Content-Disposition %q, want attachment; filename=ke-hoach-15.pdf", method, resp.Header.Get("Content-Disposition"))
		}
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q, want nosniff", method, got)
		}
		if method == http.MethodGet && body != pdf {
			t.Errorf("GET: got %q, want the document", body)
		}
	}
	// Any notification of the plan downloads the same file, and only it.
	resp, body := e.get("/d/" + e.token(e.findKind(plan.KindReminder, "ldtbxh", false)))
	if wantStatus(t, resp, body, http.StatusOK); body != pdf {
		t.Errorf("a reminder's token: got %q, want the plan document", body)
	}
	// The forged token changes the last character to one it is not.
	last := "A"
	if strings.HasSuffix(tok, last) {
		last = "B"
	}
	for _, path := range []string{"/d/" + tok[:len(tok)-1] + last, "/d/../../etc/passwd", "/d/" + tok + "/x"} {
		if resp, body := e.get(path); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: got %d, want 404\n%s", path, resp.StatusCode, body)
		}
	}
	if resp, _ := e.do(http.MethodPost, "/d/"+tok, "", "", nil); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST /d/TOKEN: got %d, want 405", resp.StatusCode)
	}
	// A plan without a document has nothing to download.
	plain := newEnv(t, "vi")
	resp, body = plain.get("/d/" + plain.token(plain.findKind(plan.KindReminder, "hlhpn", false)))
	wantStatus(t, resp, body, http.StatusNotFound)
	wantContains(t, body, "Kế hoạch này không có văn bản đính kèm.")
}

func TestAckPageOfAHigherLevelHasNoButtons(t *testing.T) {
	e := newDocumentEnv(t)
	for _, kind := range []plan.Kind{plan.KindDistribution, plan.KindEscalation} {
		n := e.findKind(kind, "lanh-dao", false)
		tok := e.token(n)
		resp, body := e.get("/a/" + tok)
		wantStatus(t, resp, body, http.StatusOK)
		wantContains(t, body, "Lãnh đạo UBND xã", "Thông báo này gửi để báo cáo: không cần xác nhận.",
			"Liên hệ", "Nguyễn Văn An, 0912 345 678, ldtbxh@example.vn")
		wantLacks(t, body, "<form", "<button", "Đã nhận", "Chưa xác nhận", "Xác nhận thông báo")
		if kind == plan.KindDistribution {
			wantContains(t, body, `href="/d/`+tok+`"`, "Tải về ke-hoach-15.pdf",
				"Số 15/KH-UBND, ngày 28/12/2018, người ký: Nguyễn Thị Dạ Thảo")
		}
	}
	// A unit of the commune's own sees the same plan with its buttons.
	tok := e.token(e.findKind(plan.KindDistribution, "hlhpn", false))
	resp, body := e.get("/a/" + tok)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `href="/d/`+tok+`"`, `value="received">Đã nhận</button>`, "Chưa xác nhận")
	wantLacks(t, body, "không cần xác nhận")
}
