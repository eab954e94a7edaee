package web

import (
	"flag"
	"html"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata with the current output")

var zaloRE = regexp.MustCompile(`(?s)<textarea id="zalo-[0-9a-f]+" class="zalo" readonly rows="\d+">(.*?)</textarea>`)

// zaloTextsOf returns the texts for a Zalo group on a dashboard page.
func zaloTextsOf(body string) []string {
	var out []string
	for _, m := range zaloRE.FindAllStringSubmatch(body, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// TestZaloText: on 29/11/2019 the monthly reminder of II.1 goes at 08:00
// to vhxh (chủ trì) and hlhpn (phối hợp); at 08:05 vhxh's is sent,
// hlhpn's not yet. The dashboard has one text for the group, the golden
// file testdata/zalo-reminder.LANG.txt with vhxh's link written LINK
// (the link is checked apart: the test's secret is new at each run).
// A day with only a deadline notice has its text with no link; a day
// without notifications, none.
func TestZaloText(t *testing.T) {
	for _, lng := range []string{"vi", "en"} {
		t.Run(lng, func(t *testing.T) {
			conf := strings.Replace(strings.Replace(browserConfig, "PUBLIC", "http://nhacviec.example.vn", 1), "language: vi", "language: "+lng, 1)
			e := newDashEnv(t, lng, conf)
			loc := e.cfg.Service.Location
			at := time.Date(2019, 11, 29, 8, 0, 0, 0, loc)
			var vhxh plan.Notification
			for _, n := range e.all {
				if n.Kind == plan.KindReminder && n.Unit == "vhxh" && n.At.Equal(at) {
					vhxh = n
				}
			}
			if vhxh.ID == "" {
				t.Fatal("no reminder to vhxh on 29/11/2019 08:00")
			}
			e.setNow(at)
			e.deliver(vhxh, store.Sent, "")
			e.setNow(at.Add(5 * time.Minute))

			resp, body := e.get("/plan/bdg-2019")
			wantStatus(t, resp, body, http.StatusOK)
			texts := zaloTextsOf(body)
			if len(texts) != 1 {
				t.Fatalf("got %d texts for Zalo, want 1: %q", len(texts), texts)
			}
			link := ack.NewLinks(e.cfg.Service.PublicURL, e.secret).AckURL(&vhxh)
			if strings.Count(texts[0], link) != 1 {
				t.Errorf("the text does not have vhxh's link %s once:\n%s", link, texts[0])
			}
			got := strings.Replace(texts[0], link, "LINK", 1) + "\n"
			golden := filepath.Join("testdata", "zalo-reminder."+lng+".txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestZaloText -update to write it)", err)
			}
			if got != string(want) {
				t.Errorf("the text for Zalo differs from %s:\ngot:\n%s\nwant:\n%s", golden, got, want)
			}
			wantContains(t, body, `<section id="zalo">`)
			wantLacks(t, body, "<script")
		})
	}

	e := newDashEnv(t, "vi", strings.Replace(browserConfig, "PUBLIC", "http://nhacviec.example.vn", 1))
	loc := e.cfg.Service.Location
	// 17/12 07:30: the deadline notices of the Action Month's report.
	e.setNow(time.Date(2019, 12, 17, 12, 0, 0, 0, loc))
	resp, body := e.get("/plan/bdg-2019")
	wantStatus(t, resp, body, http.StatusOK)
	texts := zaloTextsOf(body)
	if len(texts) != 1 {
		t.Fatalf("17/12: got %d texts, want 1: %q", len(texts), texts)
	}
	for _, w := range []string{
		"[Hạn báo cáo] Báo cáo kết quả Tháng hành động (II.3)",
		"Hạn báo cáo: 17:00 ngày 20/12/2019, gửi Bộ phận Lao động - Thương binh và Xã hội",
		"Đơn vị báo cáo: Hội Liên hiệp Phụ nữ xã, Bộ phận Văn hóa - Xã hội, Ủy ban Mặt trận Tổ quốc xã",
	} {
		if !strings.Contains(texts[0], w) {
			t.Errorf("17/12: the text lacks %q:\n%s", w, texts[0])
		}
	}
	if strings.Contains(texts[0], "/a/") {
		t.Errorf("17/12: a deadline's group text has an acknowledgement link:\n%s", texts[0])
	}
	// 18/12: nothing goes.
	e.setNow(time.Date(2019, 12, 18, 12, 0, 0, 0, loc))
	resp, body = e.get("/plan/bdg-2019")
	wantStatus(t, resp, body, http.StatusOK)
	if texts := zaloTextsOf(body); len(texts) != 0 {
		t.Errorf("18/12: got %q, want no text", texts)
	}
	wantContains(t, body, "Hôm nay không có thông báo nào.")
}
