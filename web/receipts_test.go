package web

import (
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// receiptRowRE finds a line of the receipts: its class, unit, and the
// text of its last cell.
var receiptRowRE = regexp.MustCompile(`(?s)<tr class="(confirmed|unconfirmed)" data-unit="([a-z0-9-]+)">(.*?)</tr>`)

// receiptRows returns, by unit, the lines of the receipts that mention
// what, in the page's order.
func receiptRows(body, what string) map[string][]string {
	out := map[string][]string{}
	i := strings.Index(body, `<section id="receipts">`)
	if i < 0 {
		return out
	}
	sec := body[i:]
	sec = sec[:strings.Index(sec, "</section>")]
	for _, m := range receiptRowRE.FindAllStringSubmatch(sec, -1) {
		if strings.Contains(m[3], what) {
			out[m[2]] = append(out[m[2]], m[1])
		}
	}
	return out
}

// TestDashboardReceipts: the distribution and a reminder are sent to the
// units; the receipts list each unit that has not confirmed, until it
// confirms on its acknowledgement page; a message due later is not
// listed, nor one sent more than 30 days ago (but the distribution is).
func TestDashboardReceipts(t *testing.T) {
	conf := strings.Replace(browserConfig, "PUBLIC", "http://nhacviec.example.vn", 1)
	e := newDashEnv(t, "vi", conf)
	loc := e.cfg.Service.Location
	e.setNow(time.Date(2019, 11, 30, 9, 0, 0, 0, loc))
	// The monthly reminder of II.1 ("0 8 1 * *"): 01/12/2019 is a
	// Sunday, so December's goes on Friday 29/11.
	find := func(unit string, day time.Time) plan.Notification {
		t.Helper()
		for _, n := range e.all {
			if n.Kind == plan.KindReminder && n.Unit == unit && n.At.Equal(day) && !n.Deferred {
				return n
			}
		}
		t.Fatalf("no reminder to %s at %s", unit, day)
		return plan.Notification{}
	}
	links := ack.NewLinks(e.cfg.Service.PublicURL, e.secret)
	send := func(n plan.Notification) {
		t.Helper()
		if err := links.Record(e.db, &n); err != nil {
			t.Fatal(err)
		}
		now := e.clock()
		e.setNow(n.At) // sent when due
		e.deliver(n, store.Sent, "")
		e.setNow(now)
	}
	// It went to vhxh (lead) and hlhpn (support) on 29/11 08:00;
	// October's, to vhxh, more than 30 days ago.
	day := time.Date(2019, 11, 29, 8, 0, 0, 0, loc)
	dec := find("hlhpn", day)
	send(find("vhxh", day))
	send(dec)
	send(find("vhxh", time.Date(2019, 10, 1, 8, 0, 0, 0, loc)))

	resp, body := e.get("/plan/bdg-2019")
	wantStatus(t, resp, body, http.StatusOK)
	task := "II.1. Truyền thông nâng cao nhận thức về bình đẳng giới"
	got := receiptRows(body, task)
	want := map[string][]string{"vhxh": {"unconfirmed"}, "hlhpn": {"unconfirmed"}}
	if len(got) != len(want) || got["vhxh"][0] != "unconfirmed" || len(got["vhxh"]) != 1 || got["hlhpn"][0] != "unconfirmed" {
		t.Fatalf("receipts of %s: got %v, want %v (October's is older than 30 days)", task, got, want)
	}
	wantContains(t, body, "chưa xác nhận đã nhận", "2 tin chưa được xác nhận.", "29/11/2019 08:00")

	// hlhpn opens its link and confirms.
	tok := strings.TrimPrefix(links.AckURL(&dec), e.cfg.Service.PublicURL+"/a/")
	resp, body = e.get("/a/" + tok)
	wantStatus(t, resp, body, http.StatusOK)
	resp, body = e.post("/a/"+tok, url.Values{"action": {"received"}, "who": {"Lê Thị Cúc"}})
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirming: got %d\n%s", resp.StatusCode, body)
	}
	if ok, err := e.db.Acked(dec.AckID, "hlhpn"); err != nil || !ok {
		t.Fatalf("the receipt is not in the store: %v %v", ok, err)
	}

	resp, body = e.get("/plan/bdg-2019")
	wantStatus(t, resp, body, http.StatusOK)
	got = receiptRows(body, task)
	if len(got["hlhpn"]) != 1 || got["hlhpn"][0] != "confirmed" || len(got["vhxh"]) != 1 || got["vhxh"][0] != "unconfirmed" {
		t.Fatalf("after hlhpn confirmed: got %v, want hlhpn confirmed, vhxh not", got)
	}
	wantContains(t, body, "đã nhận lúc 30/11/2019 09:00", "(Lê Thị Cúc)", "1 tin chưa được xác nhận.")

	// vhxh confirms by phone; the officer records it from the list, twice.
	m := regexp.MustCompile(`name="n" value="([0-9a-f]{32})"`).FindAllStringSubmatch(body, -1)
	if len(m) != 1 {
		t.Fatalf("got %d receipt forms, want 1 (vhxh's)", len(m))
	}
	csrf := csrfRE.FindStringSubmatch(body)[1]
	for i, want := range []string{"r=receipt&", "r=receipt.already&"} {
		resp, body = e.post("/plan/bdg-2019/receipt", url.Values{"csrf": {csrf}, "n": {m[0][1]}})
		wantStatus(t, resp, body, http.StatusSeeOther)
		if loc := resp.Header.Get("Location"); !strings.Contains(loc, want) {
			t.Errorf("post %d: got Location %q, want %s", i, loc, want)
		}
	}
	a, err := e.db.Ack(m[0][1], "vhxh", store.Received)
	if err != nil || a.Via != "dashboard" || a.By != "Cán bộ phụ trách kế hoạch" {
		t.Fatalf("got %+v, %v, want vhxh's receipt recorded via the dashboard", a, err)
	}
	resp, body = e.get("/plan/bdg-2019?r=receipt&u=vhxh")
	wantStatus(t, resp, body, http.StatusOK)
	if got := receiptRows(body, task); got["vhxh"][0] != "confirmed" {
		t.Errorf("after the officer recorded vhxh: got %v", got)
	}
	wantContains(t, body, "Đã ghi nhận: Bộ phận Văn hóa - Xã hội đã nhận tin.")
	wantLacks(t, body, "tin chưa được xác nhận")
	// A notification never sent is refused.
	resp, body = e.post("/plan/bdg-2019/receipt", url.Values{"csrf": {csrf}, "n": {strings.Repeat("ab", 16)}})
	wantStatus(t, resp, body, http.StatusBadRequest)
}

// lateUnitRE finds a unit's block of the late list and its count.
var lateUnitRE = regexp.MustCompile(`(?s)<li class="lateunit" data-unit="([a-z0-9-]+)">\s*<h3>[^<]*<span class="badge late">(\d+) báo cáo chậm</span></h3>(.*?)</ul>`)

// lateItemRE finds a late report in a unit's block: its state and days.
var lateItemRE = regexp.MustCompile(`(?s)<li class="lateitem" data-occ="[0-9a-f]+">\s*<span class="chip (\w+)">.*?<b>([^<]*)</b>.*?chậm (\d+) ngày`)

// TestDashboardLateByUnit plays the example plan as a rehearsal leaves it
// on 30/12/2019 09:00, having followed it since 14/11: the Action Month's
// report done; the yearly report (bc-dinh-ky, due 23/12 17:00, 8 units)
// done by vhxh, hlhpn and mttq, escalated to the Ban VSTBPN on 26/12 about
// the 5 others; the commune's report to the district (bc-huyen, due 26/12
// 17:00, ldtbxh) overdue since 27/12 17:00. The late list has one block
// per late unit, with its count, and folds the 3 others into one line.
func TestDashboardLateByUnit(t *testing.T) {
	src, err := os.ReadFile("../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, diags := config.Parse("../config.example.yaml", src, config.ReadFile)
	if diags.HasErrors() {
		t.Fatalf("config.example.yaml does not load:\n%s", diags.Render(lang.English))
	}
	e := newDashEnvOf(t, cfg)
	loc := cfg.Service.Location
	first := func(pred func(plan.Notification) bool) plan.Notification {
		t.Helper()
		for _, n := range e.all {
			if pred(n) {
				return n
			}
		}
		t.Fatal("no such notification")
		return plan.Notification{}
	}
	// The rehearsal starts on 14/11: its first message is recorded.
	start := time.Date(2019, 11, 14, 0, 0, 0, 0, loc)
	e.setNow(start)
	e.deliver(first(func(n plan.Notification) bool { return !n.At.Before(start) }), store.Sent, "")
	dinhKy := first(func(n plan.Notification) bool {
		return n.Kind == plan.KindOverdue && strings.Contains(n.Rule, "bc-dinh-ky") && n.At.Year() == 2019 && n.At.Month() == time.December
	}).DeadlineID
	thd := first(func(n plan.Notification) bool {
		return n.Kind == plan.KindOverdue && strings.Contains(n.Rule, "bc-thang-hanh-dong")
	}).DeadlineID
	done := func(occ, unit string, at time.Time) {
		t.Helper()
		if _, _, err := e.db.RecordAck(store.Ack{Subject: occ, Unit: unit, Kind: store.Done, By: "—", Via: "web", At: at, Plan: "bdg-2019"}); err != nil {
			t.Fatal(err)
		}
	}
	done(thd, "ldtbxh", time.Date(2019, 12, 20, 15, 0, 0, 0, loc))
	for _, u := range []string{"vhxh", "hlhpn", "mttq"} {
		done(dinhKy, u, time.Date(2019, 12, 23, 10, 0, 0, 0, loc))
	}
	esc := first(func(n plan.Notification) bool {
		return n.Kind == plan.KindEscalation && n.DeadlineID == dinhKy && n.Unit == "ban-vstbpn"
	})
	e.setNow(esc.At)
	e.deliver(esc, store.Sent, "")
	e.setNow(time.Date(2019, 12, 30, 9, 0, 0, 0, loc))

	resp, body := e.get("/plan/bdg-2019")
	wantStatus(t, resp, body, http.StatusOK)
	type item struct {
		state, title string
		days         string
	}
	const dk = "Báo cáo định kỳ (6 tháng, năm) kết quả hoạt động bình đẳng giới và vì sự tiến bộ phụ nữ"
	const hu = "Báo cáo kết quả và kiến nghị gửi Ban Vì sự tiến bộ phụ nữ huyện"
	want := []struct {
		unit  string
		count string
		items []item
	}{
		{"ldtbxh", "2", []item{{"escalated", dk, "6"}, {"overdue", hu, "3"}}},
		{"doan-tn", "1", []item{{"escalated", dk, "6"}}}, // in the configuration's order of units
		{"hoi-nong-dan", "1", []item{{"escalated", dk, "6"}}},
		{"hoi-ccb", "1", []item{{"escalated", dk, "6"}}},
		{"dai-truyen-thanh", "1", []item{{"escalated", dk, "6"}}},
	}
	got := lateUnitRE.FindAllStringSubmatch(body, -1)
	if len(got) != len(want) {
		t.Fatalf("got %d late units, want %d:\n%v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g[1] != w.unit || g[2] != w.count {
			t.Errorf("block %d: got %s with %s, want %s with %s", i, g[1], g[2], w.unit, w.count)
			continue
		}
		items := lateItemRE.FindAllStringSubmatch(g[3], -1)
		if len(items) != len(w.items) {
			t.Errorf("%s: got %d late reports, want %d", w.unit, len(items), len(w.items))
			continue
		}
		for j, wi := range w.items {
			if gi := (item{items[j][1], items[j][2], items[j][3]}); gi != wi {
				t.Errorf("%s, report %d: got %+v, want %+v", w.unit, j, gi, wi)
			}
		}
	}
	wantContains(t, body, `<p class="latefine">3 đơn vị không chậm báo cáo.</p>`)
	// Each late report has the record buttons, on the dashboard's form.
	if n := strings.Count(body, `<button type="submit" name="kind" value="done">Đã hoàn thành</button>`); n != 6 {
		t.Errorf("got %d done buttons in the late list, want 6", n)
	}
}
