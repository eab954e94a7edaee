package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

var ackLink = regexp.MustCompile(`http://127\.0\.0\.1:\d+/a/[A-Za-z0-9_-]{20}`)

// text returns the plain-text part of a message mailpit received.
func (m *mailpit) text(t *testing.T, id string) string {
	t.Helper()
	resp, err := http.Get("http://" + m.api + "/api/v1/message/" + id)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var msg struct{ Text string }
	if err := json.NewDecoder(resp.Body).Decode(&msg); err != nil {
		t.Fatal(err)
	}
	return msg.Text
}

// TestEscalationEndToEnd: three units must report; one confirms done
// through the link in its email, one only opens the link, one does
// nothing. Only the last two get overdue notices, and only they are named
// in the escalation to the commune's leaders.
func TestEscalationEndToEnd(t *testing.T) {
	mp := startMailpit(t, false)
	dir := t.TempDir()
	cfg := fmt.Sprintf("service:\n  data_dir: %s\n  quiet_hours: \"\"\n", filepath.Join(dir, "data")) + mp.emailChannel() + `units:
  a: {name: Đơn vị An, contacts: [{email: a@example.vn}]}
  b: {name: Đơn vị Bình, contacts: [{email: b@example.vn}]}
  c: {name: Đơn vị Cường, contacts: [{email: c@example.vn}]}
  lanh-dao: {name: Lãnh đạo UBND xã, contacts: [{email: lanhdao@example.vn}]}
plans:
  - id: p
    title: Kế hoạch thử
    year: 2019
    owner: lanh-dao
    tasks:
      - id: bao-cao
        title: Báo cáo kết quả Tháng hành động
        lead: [a, b, c]
        deadlines:
          - title: Báo cáo kết quả
            due: "14/11 17:00"
            remind: [1h]
            overdue_every: 30m
            overdue_max: 2
            escalate: [{after: 2h, to: [lanh-dao]}]
`
	config := filepath.Join(dir, "nhacviec.yaml")
	os.WriteFile(config, []byte(cfg), 0o644)
	// A rehearsal with --deliver sends for real, an hour every 6 s: the
	// notices go at 16:00, the overdue ones at 17:00 and 17:30, the
	// escalation at 19:00.
	p := startDaemon(t, config, "--rehearse", "14/11/2019 15:59", "--speed", "600", "--until", "14/11/2019 19:30", "--deliver")

	links := map[string]string{}
	until(t, 20*time.Second, "the three deadline notices", func() bool {
		for _, m := range mp.messages(t) {
			if len(m.To) == 1 {
				if l := ackLink.FindString(mp.text(t, m.ID)); l != "" {
					links[m.To[0].Address] = l
				}
			}
		}
		return len(links) == 3
	})
	// a: opens the link, then reports done, as a person would.
	if resp, err := http.Get(links["a@example.vn"]); err != nil || resp.StatusCode != 200 {
		t.Fatalf("opening a's link: %v %v", err, resp)
	}
	resp, err := http.PostForm(links["a@example.vn"], url.Values{"action": {"done"}, "who": {"Anh An"}})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), "Đơn vị An") {
		t.Fatalf("a's done: got %d, want 200 and a page naming the unit:\n%s", resp.StatusCode, page)
	}
	// b: only opens its link (a mail scanner would do the same).
	for range 2 {
		if resp, err := http.Get(links["b@example.vn"]); err != nil || resp.StatusCode != 200 {
			t.Fatalf("opening b's link: %v", err)
		}
	}
	if code := p.wait(t, 90*time.Second); code != 0 {
		t.Fatalf("rehearsal: got exit code %d, want 0; stderr:\n%s", code, p.stderr)
	}

	got := map[string]int{}
	var escalation string
	for _, m := range mp.messages(t) {
		got[m.To[0].Address]++
		if m.To[0].Address == "lanhdao@example.vn" {
			escalation = mp.text(t, m.ID)
		}
	}
	// a: the notice only. b and c: the notice and two overdue notices. The
	// leaders: one escalation.
	want := map[string]int{"a@example.vn": 1, "b@example.vn": 3, "c@example.vn": 3, "lanhdao@example.vn": 1}
	for addr, n := range want {
		if got[addr] != n {
			t.Errorf("%s got %d messages, want %d", addr, got[addr], n)
		}
	}
	if len(got) != len(want) {
		keys := make([]string, 0, len(got))
		for k := range got {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		t.Errorf("messages went to %v, want only %d addresses", keys, len(want))
	}
	if !strings.Contains(escalation, "Đơn vị Bình") || !strings.Contains(escalation, "Đơn vị Cường") || strings.Contains(escalation, "Đơn vị An") {
		t.Errorf("the escalation should name Bình and Cường, not An:\n%s", escalation)
	}
}
