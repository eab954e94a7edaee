package web

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// versionRE finds a version of the history page: its number, who and the
// summary line.
var versionRE = regexp.MustCompile(`<a href="/plan/bdg-2019/history/(\d+)"><b>Phiên bản \d+</b></a>(?: <span class="badge current">đang dùng</span>)?<br>\s*<small>([^·]+) · [0-9/: ]+ · ([^<]+)</small>`)

// twoSaves makes two edits of bdg-2019 as mai, through the API, and
// returns the file after each.
func twoSaves(t *testing.T, e *apiEnv) (string, string) {
	t.Helper()
	resp, body := e.put("mai", "bdg-2019", e.etag("mai", "bdg-2019"),
		`{"edits":[{"op":"set","path":"tasks[id=tong-ket].on","value":"21/12/2019"}]}`)
	wantStatus(t, resp, body, http.StatusOK)
	first := e.read("bdg-2019.yaml")
	resp, body = e.put("mai", "bdg-2019", e.etag("mai", "bdg-2019"),
		`{"edits":[{"op":"set","path":"tasks[id=tong-ket].title","value":"Tổng kết năm 2019"}]}`)
	wantStatus(t, resp, body, http.StatusOK)
	return first, e.read("bdg-2019.yaml")
}

func TestHistoryListsVersions(t *testing.T) {
	e := newAPIEnv(t)
	twoSaves(t, e)
	resp, body := e.signIn("xem").get("/plan/bdg-2019/history")
	wantStatus(t, resp, body, http.StatusOK)
	body = html.UnescapeString(body)
	wantContains(t, body, "Lịch sử sửa đổi", "bdg-2019.yaml", "Kế hoạch bình đẳng giới năm 2019",
		"Tài khoản của bạn chỉ được xem lịch sử của kế hoạch này.", `<code class="sample">+ title: Tổng kết năm 2019</code>`)
	got := versionRE.FindAllStringSubmatch(body, -1)
	want := [][3]string{{"3", "mai", "+1 / −1 dòng"}, {"2", "mai", "+1 / −1 dòng"}, {"1", "sửa trực tiếp trong tệp", "bản đầu tiên"}}
	if len(got) != len(want) {
		t.Fatalf("%d versions listed, want %d:\n%s", len(got), len(want), body)
	}
	for i, w := range want {
		if got[i][1] != w[0] || got[i][2] != w[1] || got[i][3] != w[2] {
			t.Errorf("version line %d: %q, want %q", i, got[i][1:], w)
		}
	}

	// The diff of version 3: the line removed, the line added.
	resp, body = e.signIn("xem").get("/plan/bdg-2019/history/3")
	wantStatus(t, resp, body, http.StatusOK)
	body = html.UnescapeString(body)
	wantContains(t, body, `<pre class="diff">`, `<span class="d-del">-    title: Tổng kết năm</span>`,
		`<span class="d-add">+    title: Tổng kết năm 2019</span>`, `<span class="d-hunk">@@`)
	if strings.Contains(body, "Khôi phục phiên bản này") {
		t.Error("a viewer is offered the restore")
	}
	for _, path := range []string{"/plan/bdg-2019/history/9", "/plan/bdg-2019/history/x", "/plan/khong-co/history"} {
		resp, body = e.signIn("xem").get(path)
		wantStatus(t, resp, body, http.StatusNotFound)
	}
}

// TestHistoryRestore restores version 2 (the file after the first save):
// the file is those bytes again, the restore is a new version, and the
// daemon runs it.
func TestHistoryRestore(t *testing.T) {
	e := newAPIEnv(t)
	first, _ := twoSaves(t, e)
	b := e.signIn("mai")
	form := b.form("/plan/bdg-2019/history/2", "/plan/bdg-2019/history/2/restore")
	resp, body := b.post("/plan/bdg-2019/history/2/restore", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	if got, want := resp.Header.Get("Location"), "/plan/bdg-2019/history?n=2&r=restored&v=4"; got != want {
		t.Errorf("Location = %q, want %q", got, want)
	}
	if got := e.read("bdg-2019.yaml"); got != first {
		t.Errorf("the file after the restore:\n%s\nwant version 2:\n%s", got, first)
	}
	if title := e.cfg.Plan("bdg-2019").Tasks[1].Title; title != "Tổng kết năm" {
		t.Errorf("the daemon runs title %q, want the restored one", title)
	}
	_, body = b.get("/plan/bdg-2019/history?n=2&r=restored&v=4")
	wantContains(t, body, "Đã khôi phục phiên bản 2 (lưu thành phiên bản 4).")
	if got := versionRE.FindAllStringSubmatch(body, -1); len(got) != 4 || got[0][1] != "4" || got[0][2] != "mai" {
		t.Errorf("versions after the restore: %q, want 4 by mai first", got)
	}
	// The restored version is the current one: no restore offered.
	_, body = b.get("/plan/bdg-2019/history/2")
	if strings.Contains(body, "Khôi phục phiên bản này") {
		t.Error("the current version is offered for restore")
	}

	// Restoring version 1 with the form of a page shown before an edit
	// on disk: nothing written.
	form = b.form("/plan/bdg-2019/history/1", "/plan/bdg-2019/history/1/restore")
	edited := first + "# sửa tay\n"
	e.write("bdg-2019.yaml", edited)
	resp, body = b.post("/plan/bdg-2019/history/1/restore", form)
	wantStatus(t, resp, body, http.StatusConflict)
	wantContains(t, body, "Tệp đã được sửa từ khi bạn mở trang này. Chưa khôi phục gì.", `<a href="/plan/bdg-2019/history/1">`)
	if got := e.read("bdg-2019.yaml"); got != edited {
		t.Errorf("a stale restore wrote the file:\n%s", got)
	}
}

// TestHistoryRestoreRoles: a viewer and the editor of another plan see
// the history but cannot restore (403); the admin can.
func TestHistoryRestoreRoles(t *testing.T) {
	e := newAPIEnv(t)
	_, second := twoSaves(t, e)
	lan := e.signIn("lan")
	form := lan.form("/plan/bdg-2019/history/2", "/plan/bdg-2019/history/2/restore")
	for _, user := range []string{"xem", "hoa"} {
		t.Run(user, func(t *testing.T) {
			b := e.signIn(user)
			_, page := b.get("/plan/bdg-2019/history/2")
			if strings.Contains(page, "Khôi phục phiên bản này") {
				t.Errorf("%s is offered the restore", user)
			}
			// A token of this browser's own, from a page that has a form.
			f := b.form("/units/hlhpn", "/units/hlhpn")
			f.Set("etag", form.Get("etag"))
			resp, body := b.post("/plan/bdg-2019/history/2/restore", f)
			wantStatus(t, resp, body, http.StatusForbidden)
			if got := e.read("bdg-2019.yaml"); got != second {
				t.Errorf("%s restored:\n%s", user, got)
			}
		})
	}
	resp, body := lan.post("/plan/bdg-2019/history/2/restore", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
}
