package web

import (
	"maps"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// parseICS checks the syntax of a calendar (CRLF line ends, lines folded
// at 75 octets, balanced BEGIN/END) and returns its events as maps of
// property (with parameters) to value; "ALARMS" holds the triggers of its
// alarms, space-separated. (ics_ical_test.go reads the feeds with a
// second implementation, go-ical.)
func parseICS(t *testing.T, body string) []map[string]string {
	t.Helper()
	if !strings.HasPrefix(body, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") || !strings.HasSuffix(body, "END:VCALENDAR\r\n") {
		t.Fatalf("not a calendar:\n%s", body)
	}
	for i, l := range strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n") {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets, over 75: %q", i+1, len(l), l)
		}
	}
	var events []map[string]string
	var cur map[string]string
	depth := 0
	for _, l := range strings.Split(strings.ReplaceAll(body, "\r\n ", ""), "\r\n") {
		if l == "" {
			continue
		}
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("line without a colon: %q", l)
		}
		switch name {
		case "BEGIN":
			depth++
			if value == "VEVENT" {
				cur = map[string]string{}
			}
			if value == "VALARM" && cur == nil {
				t.Fatalf("VALARM outside an event:\n%s", body)
			}
		case "END":
			depth--
			if value == "VEVENT" {
				events = append(events, cur)
				cur = nil
			}
		case "TRIGGER":
			if cur != nil && depth == 3 {
				cur["ALARMS"] = strings.TrimSpace(cur["ALARMS"] + " " + value)
			}
		default:
			if cur != nil && depth == 2 {
				cur[name] = value
			}
		}
	}
	if depth != 0 {
		t.Fatalf("unbalanced BEGIN/END:\n%s", body)
	}
	return events
}

func eventBySummary(events []map[string]string, prefix string) map[string]string {
	for _, e := range events {
		if strings.HasPrefix(e["SUMMARY"], prefix) {
			return e
		}
	}
	return nil
}

func TestPlanFeed(t *testing.T) {
	e := newEnv(t, "vi")
	resp, body := e.get("/ics/bdg-2019.ics")
	wantStatus(t, resp, body, http.StatusOK)
	if ct := resp.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		t.Errorf("got Content-Type %q", ct)
	}
	events := parseICS(t, body)
	if len(events) != 3 {
		t.Fatalf("got %d events, want 3 (two tasks, one deadline):\n%s", len(events), body)
	}

	task := eventBySummary(events, "II.3. Tháng hành động về bình đẳng giới")
	if task == nil {
		t.Fatalf("no event for the task:\n%s", body)
	}
	if task["DTSTART;VALUE=DATE"] != "20191115" || task["DTEND;VALUE=DATE"] != "20191216" {
		t.Errorf("got task dates %q–%q, want 20191115–20191216", task["DTSTART;VALUE=DATE"], task["DTEND;VALUE=DATE"])
	}
	// Its alarms: 7 days before (08/11 07:30, a Friday: 6 days 16 h 30
	// before its midnight), and at 07:30
	// on its first day, counted from its midnight.
	if got, want := task["ALARMS"], "-P6DT16H30M PT7H30M"; got != want {
		t.Errorf("got task alarms %q, want %q", got, want)
	}
	if got, want := task["URL"], "http://nhacviec.example.vn/plan/bdg-2019"; got != want {
		t.Errorf("got task URL %q, want the plan's dashboard %q", got, want)
	}

	// A one-day meeting at a time is an hour long, with the default alarm
	// 15 minutes before: no reminder comes before it.
	meeting := eventBySummary(events, "Họp Ban VSTBPN")
	if meeting == nil || meeting["DTSTART"] != "20190710T010000Z" || meeting["DTEND"] != "20190710T020000Z" || meeting["ALARMS"] != "-PT15M" {
		t.Errorf("got meeting %v, want 20190710T010000Z–20190710T020000Z, alarm -PT15M", meeting)
	}

	// A deadline at 17:00 is the hour from 17:00, its alarm when its
	// reminder goes (3 days before, 07:30).
	due := eventBySummary(events, "Hạn báo cáo: Báo cáo kết quả Tháng hành động")
	deadline := e.findKind(plan.KindDeadline, "hlhpn", false)
	if due == nil || due["UID"] != deadline.DeadlineID+"@nhacviec" || due["DTSTART"] != "20191220T100000Z" || due["DTEND"] != "20191220T110000Z" {
		t.Errorf("got deadline event %v, want UID %s@nhacviec at 20191220T100000Z–20191220T110000Z", due, deadline.DeadlineID)
	}
	if got, want := due["ALARMS"], "-P3DT9H30M"; got != want {
		t.Errorf("got deadline alarms %q, want %q", got, want)
	}
	if !strings.Contains(due["DESCRIPTION"], `Gửi báo cáo cho: Ban Vì sự tiến bộ phụ nữ xã`) {
		t.Errorf("got description %q", due["DESCRIPTION"])
	}

	for _, path := range []string{"/ics/nothing.ics", "/ics/bdg-2019", "/ics/bdg-2019.ics.ics"} {
		resp, body := e.get(path)
		wantStatus(t, resp, body, http.StatusNotFound)
	}
}

func TestUnitFeed(t *testing.T) {
	e := newEnv(t, "vi")
	tests := []struct {
		unit      string
		summaries []string
	}{
		{"hlhpn", []string{"II.3. Tháng hành động về bình đẳng giới", "Hạn báo cáo: Báo cáo kết quả Tháng hành động"}},
		{"ban-vstbpn", []string{"Họp Ban VSTBPN", "Hạn báo cáo: Báo cáo kết quả Tháng hành động"}},
		{"ldtbxh", []string{"II.3. Tháng hành động về bình đẳng giới"}},
		{"lanh-dao", nil},
	}
	for _, tt := range tests {
		t.Run(tt.unit, func(t *testing.T) {
			u := e.srv.UnitFeedURL(tt.unit)
			path, ok := strings.CutPrefix(u, "http://nhacviec.example.vn")
			if !ok || !strings.HasPrefix(path, "/ics/u/") || strings.Contains(u, tt.unit) {
				t.Fatalf("got feed URL %q", u)
			}
			resp, body := e.get(path)
			wantStatus(t, resp, body, http.StatusOK)
			events := parseICS(t, body)
			var got []string
			for _, ev := range events {
				got = append(got, ev["SUMMARY"])
			}
			if strings.Join(got, "|") != strings.Join(tt.summaries, "|") {
				t.Errorf("got events %q, want %q", got, tt.summaries)
			}
			wantContains(t, body, "X-WR-CALNAME:Nhắc việc – ")

			// One character changed: not found.
			token := strings.TrimSuffix(strings.TrimPrefix(path, "/ics/u/"), ".ics")
			b := []byte(token)
			b[3] = 'A'
			if token[3] == 'A' {
				b[3] = 'B'
			}
			resp, body = e.get("/ics/u/" + string(b) + ".ics")
			wantStatus(t, resp, body, http.StatusNotFound)
			wantContains(t, body, "Lịch này không tồn tại")
		})
	}
	if got, want := e.srv.PlanFeedURL("bdg-2019"), "http://nhacviec.example.vn/ics/p/"; !strings.HasPrefix(got, want) || strings.Contains(got, "bdg-2019") {
		t.Errorf("got plan feed URL %q, want %s followed by a token", got, want)
	}
}

// TestEmailEventIsTheFeeds checks that the event attached to a unit's
// email is the event of the unit's feed, property for property, link
// and alarms included: a phone that has both keeps one, the same.
func TestEmailEventIsTheFeeds(t *testing.T) {
	for _, kind := range []plan.Kind{plan.KindReminder, plan.KindDeadline} {
		t.Run(string(kind), func(t *testing.T) {
			e := newEnv(t, "vi")
			n := e.findKind(kind, "hlhpn", false)
			if err := e.links.Record(e.db, n); err != nil {
				t.Fatal(err)
			}
			m, err := notify.Render(e.cfg, n, plan.ChannelEmail, e.links)
			if err != nil {
				t.Fatal(err)
			}
			attached := parseICS(t, string(m.ICS))
			if len(attached) != 1 || attached[0]["URL"] == "" || attached[0]["ALARMS"] == "" {
				t.Fatalf("got attached events %v, want one with a URL and alarms", attached)
			}
			e.now = n.At.Add(time.Minute) // the email has gone
			resp, body := e.get(strings.TrimPrefix(e.srv.UnitFeedURL("hlhpn"), "http://nhacviec.example.vn"))
			wantStatus(t, resp, body, http.StatusOK)
			var feed map[string]string
			for _, ev := range parseICS(t, body) {
				if ev["UID"] == attached[0]["UID"] {
					feed = ev
				}
			}
			if feed == nil {
				t.Fatalf("no event %s in the feed:\n%s", attached[0]["UID"], body)
			}
			delete(feed, "DTSTAMP")
			delete(attached[0], "DTSTAMP")
			if !maps.Equal(feed, attached[0]) {
				t.Errorf("got email event\n%v\nwant the feed's\n%v", attached[0], feed)
			}
		})
	}
}
