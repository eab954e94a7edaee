package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserImport: in a real headless Chromium at a phone's width, the
// administrator signs in, follows the plan list's link to the import,
// chooses the seed plan as a .docx in the file input, reads the draft
// (each task above its paragraphs, one column), drops the first task,
// previews and saves: the browser lands on the new plan's editor and the
// file is written. The draft and the preview at phone width are the
// test's artifacts (go test -artifacts).
func TestBrowserImport(t *testing.T) {
	e := newImportEnv(t)
	ctx := newBrowser(t)
	doc := filepath.Join(t.TempDir(), "ke-hoach-bdg-2019.docx")
	if err := os.WriteFile(doc, docxOf(t, string(importSeed(t))), 0o644); err != nil {
		t.Fatal(err)
	}
	shots := t.ArtifactDir()
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, fullPage())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait),
		chromedp.Navigate(e.base+"/login?next=%2Fplans%2Fimport"),
		chromedp.WaitVisible(css(`#name`)),
		chromedp.SendKeys(css(`#name`), "lan"),
		chromedp.SendKeys(css(`#password`), "mật khẩu lan"),
		chromedp.Click(css(`form.ack button[type=submit]`)),
		chromedp.WaitVisible(css(`#import-form`)),
		chromedp.SetUploadFiles(css(`#document`), []string{doc}),
		chromedp.Click(css(`#import-read`)),
		chromedp.WaitVisible(css(`ol.imp-tasks`)),
	); err != nil {
		t.Fatal(err)
	}
	page, err := chromedp.Run(ctx, chromedp.Text(css(`main`)))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"II.3", "Tổ chức Tháng hành động về bình đẳng giới", "Các đoạn chưa xếp được"} {
		if !strings.Contains(page, want) {
			t.Errorf("the draft page lacks %q", want)
		}
	}
	// One column: the task's fields are below its paragraphs, and the
	// page is no wider than the phone.
	below, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		const li = document.querySelector('#task-2');
		return li.querySelector('.imp-fields').getBoundingClientRect().top >= li.querySelector('.imp-source').getBoundingClientRect().bottom - 1;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !below {
		t.Error("on a phone, a task's fields are not below its paragraphs")
	}
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if overflow > 0 {
		t.Errorf("the draft page is %d px wider than a phone", overflow)
	}
	shot("import-draft-phone.png")

	if err := chromedp.Do(ctx,
		chromedp.Click(css(`input[name="t0-keep"][value="0"]`)),
		chromedp.Click(css(`#import-preview-button`)),
		chromedp.WaitVisible(css(`#import-preview`)),
	); err != nil {
		t.Fatal(err)
	}
	preview, err := chromedp.Run(ctx, chromedp.Text(css(`#import-preview`)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(preview, "Sẽ gửi thêm") {
		t.Errorf("the preview:\n%s", preview)
	}
	shot("import-preview-phone.png")
	if err := chromedp.Do(ctx,
		chromedp.Click(css(`#import-save`)),
		chromedp.WaitVisible(css(`#flash`)),
	); err != nil {
		t.Fatal(err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(loc, "/plan/hoat-dong-binh-dang-gioi-2019/edit") {
		t.Errorf("after the save the browser is at %s", loc)
	}
	saved := e.read("plans/hoat-dong-binh-dang-gioi-2019.yaml")
	if strings.Contains(saved, "id: ii-1\n") || !strings.Contains(saved, "id: ii-3\n") {
		t.Errorf("the saved plan:\n%s", saved)
	}
}
