package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserUnitsAndHistory plays what the officer does on her phone
// (390×844) in a real Chromium: she signs in as an editor, adds a
// contact's phone number to a unit (the browser flags a typo as it is
// typed, the page shows the number normalised once saved), then opens a
// plan's history and restores the version before the last save. The
// screenshots are kept in the test's artifact directory (go test
// -artifacts).
func TestBrowserUnitsAndHistory(t *testing.T) {
	ctx := newBrowser(t)
	e := newUnitsPagesEnv(t)
	first, _ := twoSaves(t, e)
	art := t.ArtifactDir()
	shot := func(name string) {
		t.Helper()
		png, err := chromedp.Run(ctx, fullPage())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(art, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}
	run := func(actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatal(err)
		}
	}

	run(
		chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait),
		chromedp.Navigate(e.base+"/login?next=%2Funits%2Fldtbxh"),
		chromedp.WaitVisible(chromedp.CSS(`#name`)),
		chromedp.SendKeys(chromedp.CSS(`#name`), "mai"),
		chromedp.SendKeys(chromedp.CSS(`#password`), "mật khẩu mai"),
		chromedp.Click(chromedp.CSS(`form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`fieldset#contact-1`)),
	)
	// A typo is flagged as it is typed, before anything is sent.
	phone := chromedp.CSS(`input[name="c1.phone"]`)
	run(chromedp.SendKeys(phone, "0912 34x 678"))
	bad, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector('input[name="c1.phone"]').validity.patternMismatch`))
	if err != nil {
		t.Fatal(err)
	}
	if !bad {
		t.Error("the browser does not flag 0912 34x 678 as it is typed")
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.querySelector('input[name="c1.phone"]').value = '') === ''`)); err != nil {
		t.Fatal(err)
	}
	run(
		chromedp.SendKeys(phone, "0912.345.678"),
		chromedp.SendKeys(chromedp.CSS(`input[name="c1.name"]`), "Nguyễn Văn An"),
		chromedp.Click(chromedp.CSS(`#contact-1 input[value="sms"]`)),
	)
	shot("unit-form-phone.png")
	run(
		chromedp.Click(chromedp.CSS(`button[value="save"]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.result, div.banner.bad`)),
	)
	if got := text(`p.result`); got != "Đã lưu đơn vị ldtbxh." {
		t.Errorf("the flash says %q, want Đã lưu đơn vị ldtbxh.", got)
	}
	if got := text(`#u-ldtbxh ul.contacts li:nth-child(2)`); !strings.Contains(got, "0912 345 678 (+84912345678)") {
		t.Errorf("the new contact reads %q, want its number normalised", got)
	}
	if c := e.cfg.Units["ldtbxh"].Contacts; len(c) != 2 || c[1].Phone != "+84912345678" {
		t.Errorf("the daemon runs contacts %+v, want the new one", c)
	}
	noSideways(t, ctx, "/units")
	shot("units-phone.png")

	// The plan's history: restore the version before the last save.
	run(
		chromedp.Navigate(e.base+"/plan/bdg-2019/history"),
		chromedp.WaitVisible(chromedp.CSS(`ol.versions`)),
	)
	shot("history-phone.png")
	run(
		chromedp.Click(chromedp.CSS(`#v-2 a`)),
		chromedp.WaitVisible(chromedp.CSS(`pre.diff`)),
	)
	bg, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('pre.diff .d-add')).backgroundColor`))
	if err != nil {
		t.Fatal(err)
	}
	if bg != "rgb(230, 244, 234)" {
		t.Errorf("an added line's background is %q, want the green of style.css", bg)
	}
	noSideways(t, ctx, "/plan/bdg-2019/history/2")
	shot("version-phone.png")
	run(
		chromedp.Click(chromedp.CSS(`form.restore button`)),
		chromedp.WaitVisible(chromedp.CSS(`p.result`)),
	)
	if got := text(`p.result`); got != "Đã khôi phục phiên bản 2 (lưu thành phiên bản 4)." {
		t.Errorf("the flash says %q", got)
	}
	if got := e.read("bdg-2019.yaml"); got != first {
		t.Errorf("the file after the restore:\n%s\nwant:\n%s", got, first)
	}
	shot("history-restored-phone.png")
	t.Logf("screenshots in %s", art)
}

// noSideways fails when the page at path is wider than the phone.
func noSideways(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - window.innerWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if overflow > 0 {
		t.Errorf("%s is %d CSS pixels wider than the phone's screen", path, overflow)
	}
}
