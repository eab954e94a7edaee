package web

import (
	"flag"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

var updateICS = flag.Bool("update-ics", false, "rewrite the calendar feeds' golden files in testdata/ics")

// decodeICal reads a feed with a second implementation of RFC 5545,
// go-ical, and checks what every event must have: a start and an end
// after it (never zero-length), at least one DISPLAY alarm whose trigger
// is a duration, and a URL, when it has one, that parses.
func decodeICal(t *testing.T, body string) []ical.Event {
	t.Helper()
	cal, err := ical.NewDecoder(strings.NewReader(body)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read the feed: %v\n%s", err, body)
	}
	events := cal.Events()
	for _, ev := range events {
		summary, _ := ev.Props.Text(ical.PropSummary)
		start, err := ev.DateTimeStart(time.UTC)
		if err != nil {
			t.Fatalf("%s: DTSTART: %v", summary, err)
		}
		end, err := ev.DateTimeEnd(time.UTC)
		if err != nil {
			t.Fatalf("%s: end: %v", summary, err)
		}
		if !end.After(start) {
			t.Errorf("%s: got %s–%s, want an end after the start", summary, start, end)
		}
		alarms := 0
		for _, c := range ev.Children {
			if c.Name != ical.CompAlarm {
				continue
			}
			alarms++
			if a := c.Props.Get(ical.PropAction); a == nil || a.Value != "DISPLAY" {
				t.Errorf("%s: got alarm action %v, want DISPLAY", summary, a)
			}
			if tr := c.Props.Get(ical.PropTrigger); tr == nil {
				t.Errorf("%s: alarm without a trigger", summary)
			} else if _, err := tr.Duration(); err != nil {
				t.Errorf("%s: alarm trigger %q: %v", summary, tr.Value, err)
			}
		}
		if alarms == 0 {
			t.Errorf("%s: got no alarm, want at least one", summary)
		}
		if p := ev.Props.Get(ical.PropURL); p != nil {
			if _, err := url.Parse(p.Value); err != nil || !strings.HasPrefix(p.Value, "http://nhacviec.example.vn/") {
				t.Errorf("%s: got URL %q (%v)", summary, p.Value, err)
			}
		}
	}
	return events
}

// icalEvent returns the event whose summary starts with prefix.
func icalEvent(t *testing.T, events []ical.Event, prefix string) ical.Event {
	t.Helper()
	for _, ev := range events {
		if s, _ := ev.Props.Text(ical.PropSummary); strings.HasPrefix(s, prefix) {
			return ev
		}
	}
	t.Fatalf("no event %q", prefix)
	return ical.Event{}
}

// alarmTimes returns when ev's alarms go off, relative to its start.
func alarmTimes(t *testing.T, ev ical.Event, loc *time.Location) []time.Time {
	t.Helper()
	start, err := ev.DateTimeStart(loc)
	if err != nil {
		t.Fatal(err)
	}
	var out []time.Time
	for _, c := range ev.Children {
		if c.Name == ical.CompAlarm {
			d, err := c.Props.Get(ical.PropTrigger).Duration()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, start.Add(d))
		}
	}
	return out
}

// TestFeedsReadByGoICal reads the plan's feed and each unit's with
// go-ical: every event lasts, has its alarms at the times the unit's
// reminders really go, and a unit's events link to the last message it
// was sent about them once that message went.
func TestFeedsReadByGoICal(t *testing.T) {
	e := newEnv(t, "vi")
	loc := e.cfg.Service.Location
	_, body := e.get("/ics/bdg-2019.ics")
	decodeICal(t, body)

	feed := func(unit string) []ical.Event {
		t.Helper()
		path := strings.TrimPrefix(e.srv.UnitFeedURL(unit), "http://nhacviec.example.vn")
		resp, body := e.get(path)
		wantStatus(t, resp, body, http.StatusOK)
		return decodeICal(t, body)
	}
	events := feed("hlhpn")
	due := icalEvent(t, events, "Hạn báo cáo: Báo cáo kết quả")
	reminder := e.find(func(n *plan.Notification) bool {
		return n.Kind == plan.KindDeadline && n.Unit == "hlhpn" && !n.Deferred && n.At.Before(n.Event)
	})
	if got := alarmTimes(t, due, loc); len(got) != 1 || !got[0].Equal(reminder.At) {
		t.Errorf("got deadline alarms at %v, want one at its reminder %v", got, reminder.At)
	}
	// Nothing has gone yet: no link that would not work.
	task := icalEvent(t, events, "II.3. Tháng hành động")
	if p := task.Props.Get(ical.PropURL); p != nil {
		t.Errorf("got URL %q before any message went, want none", p.Value)
	}

	// The reminder 7 days before went (08/11): the task links to its page.
	sent := e.find(func(n *plan.Notification) bool {
		return n.Kind == plan.KindReminder && n.Unit == "hlhpn" && n.At.Before(e.now) && !n.Deferred
	})
	e.send(sent, plan.ChannelEmail)
	task = icalEvent(t, feed("hlhpn"), "II.3. Tháng hành động")
	if p := task.Props.Get(ical.PropURL); p == nil || p.Value != e.links.AckURL(sent) {
		t.Errorf("got URL %v, want the link of the reminder sent %s", p, e.links.AckURL(sent))
	}
	// Its page answers.
	resp, body := e.get(strings.TrimPrefix(e.links.AckURL(sent), "http://nhacviec.example.vn"))
	wantStatus(t, resp, body, http.StatusOK)
	// ldtbxh was sent nothing yet: no link in its feed.
	if p := icalEvent(t, feed("ldtbxh"), "II.3. Tháng hành động").Props.Get(ical.PropURL); p != nil {
		t.Errorf("ldtbxh: got URL %q, want none: nothing was sent to it", p.Value)
	}
}

// TestDeadlineAtEndOfDayIsAllDay: a deadline written as a date alone is
// due at the end of that day, a whole day in the calendar.
func TestDeadlineAtEndOfDayIsAllDay(t *testing.T) {
	e := newEnv(t, "vi")
	src := strings.Replace(strings.Replace(testConfig, "LANG", "vi", 1), "due: 20/12 17:00", "due: 20/12", 1)
	e.cfg = loadConfigText(t, src)
	_, body := e.get("/ics/bdg-2019.ics")
	events := decodeICal(t, body)
	due := icalEvent(t, events, "Hạn báo cáo: Báo cáo kết quả")
	start, end := due.Props.Get(ical.PropDateTimeStart), due.Props.Get(ical.PropDateTimeEnd)
	if start.ValueType() != ical.ValueDate || start.Value != "20191220" || end.Value != "20191221" {
		t.Errorf("got %s;%v %s – %s, want the whole day DATE 20191220–20191221", start.Value, start.Params, start.ValueType(), end.Value)
	}
	// Its reminder goes 3 days before, 17/12 at 07:30.
	loc := e.cfg.Service.Location
	if got, want := alarmTimes(t, due, loc), time.Date(2019, 12, 17, 7, 30, 0, 0, loc); len(got) != 1 || !got[0].Equal(want) {
		t.Errorf("got alarms at %v, want %v", got, want)
	}
}

// TestWholeDayWithoutReminder: a whole-day event no reminder comes
// before rings at send_time that morning, not 15 minutes before midnight.
func TestWholeDayWithoutReminder(t *testing.T) {
	e := newEnv(t, "vi")
	src := strings.Replace(testConfig, "LANG", "vi", 1)
	for _, r := range [][2]string{{"due: 20/12 17:00", "due: 20/12"}, {"            remind: [3d]\n", ""}, {`send_time: "07:30"`, `send_time: "08:15"`}} {
		if !strings.Contains(src, r[0]) {
			t.Fatalf("testConfig has no %q", r[0])
		}
		src = strings.Replace(src, r[0], r[1], 1)
	}
	e.cfg = loadConfigText(t, src)
	_, body := e.get("/ics/bdg-2019.ics")
	due := icalEvent(t, decodeICal(t, body), "Hạn báo cáo: Báo cáo kết quả")
	loc := e.cfg.Service.Location
	if got, want := alarmTimes(t, due, loc), time.Date(2019, 12, 20, 8, 15, 0, 0, loc); len(got) != 1 || !got[0].Equal(want) {
		t.Errorf("got alarms at %v, want %v", got, want)
	}
}

// loadConfigText loads a configuration from its text.
func loadConfigText(t *testing.T, src string) *plan.Config {
	t.Helper()
	cfg, diags := config.Parse("test.yaml", []byte(src), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatalf("config does not load:\n%s", diags.Render(lang.English))
	}
	return cfg
}

// TestFeedsGolden compares the feeds with the golden files of
// testdata/ics (go test ./web -run Golden -update-ics rewrites them).
// Tokens, which come from a secret made for the test, read TOKEN.
func TestFeedsGolden(t *testing.T) {
	e := newEnv(t, "vi")
	e.send(e.findKind(plan.KindReminder, "hlhpn", false), plan.ChannelEmail)
	tokens := regexp.MustCompile(`/(a|ics/u|ics/p)/[A-Za-z0-9_-]{20,}`)
	for _, tt := range []struct{ name, path string }{
		{"plan.ics", "/ics/bdg-2019.ics"},
		{"unit-hlhpn.ics", strings.TrimPrefix(e.srv.UnitFeedURL("hlhpn"), "http://nhacviec.example.vn")},
		{"unit-ban-vstbpn.ics", strings.TrimPrefix(e.srv.UnitFeedURL("ban-vstbpn"), "http://nhacviec.example.vn")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := e.get(tt.path)
			wantStatus(t, resp, body, http.StatusOK)
			got := tokens.ReplaceAllString(body, "/$1/TOKEN")
			file := filepath.Join("testdata", "ics", tt.name+".golden")
			if *updateICS {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run with -update-ics to write it)", err)
			}
			if got != string(want) {
				t.Errorf("%s: got\n%s\nwant\n%s", file, got, want)
			}
		})
	}
}

// TestPlanFeedNeedsAdminOrToken: once a password is set, a plan's feed
// answers the admin's credentials, or its unguessable token.
func TestPlanFeedNeedsAdminOrToken(t *testing.T) {
	srv, _ := adminServer(t, true)
	const remote = "192.0.2.10:40000"
	calendarApp := map[string]string{"Accept": "text/calendar"}
	if rec := serve(srv, http.MethodGet, "/ics/bdg-2019.ics", remote, calendarApp); rec.Code != http.StatusUnauthorized {
		t.Errorf("no credentials: got %d, want 401", rec.Code)
	}
	if rec := serve(srv, http.MethodGet, "/ics/bdg-2019.ics", remote, basic("admin", "sai mật khẩu")); rec.Code != http.StatusUnauthorized {
		t.Errorf("wrong password: got %d, want 401", rec.Code)
	}
	rec := serve(srv, http.MethodGet, "/ics/bdg-2019.ics", remote, basic("admin", "mật khẩu đúng"))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "BEGIN:VEVENT") {
		t.Errorf("admin: got %d, want 200 and the calendar:\n%s", rec.Code, rec.Body)
	}

	feed := strings.TrimPrefix(srv.PlanFeedURL("bdg-2019"), srv.publicURL())
	if !strings.HasPrefix(feed, "/ics/p/") {
		t.Fatalf("got plan feed %q", feed)
	}
	rec = serve(srv, http.MethodGet, feed, remote, calendarApp)
	if rec.Code != http.StatusOK || rec.Body.String() != serve(srv, http.MethodGet, "/ics/bdg-2019.ics", remote, basic("admin", "mật khẩu đúng")).Body.String() {
		t.Errorf("token: got %d, want 200 and the same calendar", rec.Code)
	}
	token := strings.TrimSuffix(strings.TrimPrefix(feed, "/ics/p/"), ".ics")
	for _, bad := range []string{
		"/ics/p/" + token[:len(token)-1] + flip(token[len(token)-1]) + ".ics",
		"/ics/p/" + ack.UnitToken(srv.opts.Secret, "bdg-2019") + ".ics", // a unit's token for the plan's id
		"/ics/u/" + token + ".ics", // a plan's token is no unit's
	} {
		if rec := serve(srv, http.MethodGet, bad, remote, calendarApp); rec.Code != http.StatusNotFound {
			t.Errorf("%s: got %d, want 404", bad, rec.Code)
		}
	}
}

func flip(c byte) string {
	if c == 'A' {
		return "B"
	}
	return "A"
}
