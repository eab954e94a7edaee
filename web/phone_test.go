package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// phone is the viewport of a common phone, in CSS pixels.
func phone() chromedp.Action[struct{}] {
	return chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
}

// screenshot keeps a full-page PNG of the page as a test artifact.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, fullPage())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.ArtifactDir(), name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", path, len(png))
}

// TestPhoneAckButtonsAboveTheFold opens, on a 390×844 phone, the
// acknowledgement page of a deadline notice (two buttons: received,
// done) and of a reminder (one), and checks that each button lies wholly
// within the first screen, with a touch target at least 48 px high,
// without scrolling.
func TestPhoneAckButtonsAboveTheFold(t *testing.T) {
	ctx := newBrowser(t)
	conf := strings.Replace(browserConfig, "PUBLIC", "http://nhacviec.example.vn", 1)
	e := newDashEnv(t, "vi", conf)
	links := ack.NewLinks(e.cfg.Service.PublicURL, e.secret)
	deadline := e.notice(plan.KindDeadline, "hlhpn", "id@bc-thd")
	reminder := e.notice(plan.KindReminder, "mttq", "at:start")
	for _, tc := range []struct {
		name    string
		n       plan.Notification
		buttons []string
	}{
		{"deadline", deadline, []string{"received", "done"}},
		{"reminder", reminder, []string{"received"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := links.Record(e.db, &tc.n); err != nil {
				t.Fatal(err)
			}
			e.deliver(tc.n, store.Sent, "")
			url := e.base + "/a/" + strings.TrimPrefix(links.AckURL(&tc.n), e.cfg.Service.PublicURL+"/a/")
			if err := chromedp.Do(ctx, phone(), chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`.buttons button`))); err != nil {
				t.Fatal(err)
			}
			for _, b := range tc.buttons {
				js := `(() => { const r = document.querySelector('button[value="` + b + `"]').getBoundingClientRect();
					return [r.top, r.bottom, r.height, window.innerHeight, window.scrollY]; })()`
				got, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](js))
				if err != nil {
					t.Fatal(err)
				}
				top, bottom, height, inner, scrollY := got[0], got[1], got[2], got[3], got[4]
				if scrollY != 0 || top < 0 || bottom > inner {
					t.Errorf("the %s button spans %.0f–%.0f px, want within the first screen (0–%.0f px, scrolled %.0f)", b, top, bottom, inner, scrollY)
				}
				if height < 48 {
					t.Errorf("the %s button is %.0f px high, want a touch target of at least 48 px", b, height)
				}
			}
			screenshot(t, ctx, "ack-"+tc.name+"-phone.png")
		})
	}
}

// TestPhoneDashboardLateList opens the dashboard of the seeded plan (see
// seedBrowserStore) on a phone and on a desk: on the phone the late list
// by unit is visible and the matrix hidden; on the desk both are shown.
func TestPhoneDashboardLateList(t *testing.T) {
	ctx := newBrowser(t)
	conf := strings.Replace(browserConfig, "PUBLIC", "http://nhacviec.example.vn", 1)
	e := newDashEnv(t, "vi", conf)
	find := func(kind plan.Kind, unit, key string) plan.Notification { return e.notice(kind, unit, key) }
	seedBrowserStore(t, e.db, e.cfg, e.all, e.clock(), find)

	visible := func(sel string) bool {
		t.Helper()
		got, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const el = document.querySelector('`+sel+`');
			if (!el) return false; const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; })()`))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	for _, tc := range []struct {
		name           string
		view           chromedp.Action[struct{}]
		late, matrix   bool
		screenshotName string
	}{
		{"phone", phone(), true, false, "dashboard-phone.png"},
		{"desk", chromedp.EmulateViewport(1280, 900), true, true, "dashboard-desk.png"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := chromedp.Do(ctx, tc.view, chromedp.Navigate(e.base+"/plan/bdg-2019"), chromedp.WaitVisible(chromedp.CSS(`#late`))); err != nil {
				t.Fatal(err)
			}
			if got := visible(`li.lateunit[data-unit="vhxh"]`); got != tc.late {
				t.Errorf("the late list's block of vhxh visible: %v, want %v", got, tc.late)
			}
			if got := visible(`table.matrix`); got != tc.matrix {
				t.Errorf("the matrix visible: %v, want %v", got, tc.matrix)
			}
			screenshot(t, ctx, tc.screenshotName)
		})
	}
}
