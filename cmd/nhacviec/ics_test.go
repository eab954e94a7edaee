package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"github.com/nhacviec/nhacviec/ics"
	"github.com/nhacviec/nhacviec/plan"
)

// TestAgendaICS reads `agenda --format ics` with a second implementation
// of RFC 5545, go-ical: the plan's events, as the calendar feeds give
// them (one per dated task and per deadline, never zero-length), one for
// each event the agenda's messages are about, with alarms at the times
// those messages go and the plan's dashboard as URL.
func TestAgendaICS(t *testing.T) {
	example := filepath.Join("..", "..", "config.example.yaml")
	var diags strings.Builder
	cfg, _ := (&env{}).load(context.Background(), example, &diags, false)
	if cfg == nil {
		t.Fatalf("config.example.yaml does not load:\n%s", diags.String())
	}
	all := map[string]ics.Event{}
	for _, e := range ics.Events(cfg) {
		all[e.UID] = e
	}
	year := []string{"--from", "01/01/2019", "--to", "31/12/2019"}
	tests := []struct {
		name       string
		args       []string
		unit       string
		wantAlarms bool // check every alarm against the messages listed
	}{
		{"the year", year, "", true},
		{"one unit", append(year, "--unit", "hlhpn"), "hlhpn", true},
		{"one month", []string{"--from", "01/12/2019", "--to", "31/12/2019"}, "", false},
		// The reminders a week before the Action Month: its event too.
		{"before the events", []string{"--from", "01/11/2019", "--to", "10/11/2019"}, "", false},
		{"one task", append(year, "--task", "thang-hanh-dong"), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := func(format string) string {
				t.Helper()
				args := append([]string{"agenda", "-c", example, "--format", format}, tt.args...)
				code, stdout, stderr := runMain(t, args...)
				if code != exitOK || stderr != "" {
					t.Fatalf("%v: got exit %d and stderr %q, want exit 0 and no stderr", args, code, stderr)
				}
				return stdout
			}
			var items []struct {
				At         time.Time `json:"at"`
				Plan       string    `json:"plan"`
				Task       string    `json:"task"`
				Kind       plan.Kind `json:"kind"`
				DeadlineID string    `json:"deadline_id"`
			}
			if err := json.Unmarshal([]byte(run("json")), &items); err != nil {
				t.Fatal(err)
			}
			// The events the messages are about, and when those go.
			want := map[string][]time.Time{}
			for _, n := range items {
				uid := ics.UIDOf(&plan.Notification{Kind: n.Kind, Plan: n.Plan, Task: n.Task, DeadlineID: n.DeadlineID})
				if _, dated := all[uid]; dated {
					want[uid] = append(want[uid], n.At)
				}
			}
			if len(want) == 0 {
				t.Fatal("the agenda's messages are about no event: the test proves nothing")
			}

			body := run("ics")
			cal, err := ical.NewDecoder(strings.NewReader(body)).Decode()
			if err != nil {
				t.Fatalf("go-ical cannot read the calendar: %v\n%s", err, body)
			}
			got := map[string]bool{}
			for _, ev := range cal.Events() {
				uid := ev.Props.Get(ical.PropUID).Value
				summary, _ := ev.Props.Text(ical.PropSummary)
				e, ok := all[uid]
				if !ok || got[uid] {
					t.Fatalf("%s: got UID %q, want one of the plan's events, once", summary, uid)
				}
				got[uid] = true
				if tt.unit != "" && !slices.Contains(e.Units, tt.unit) {
					t.Errorf("%s: got an event of units %v, want only %s's", summary, e.Units, tt.unit)
				}
				start, err := ev.DateTimeStart(cfg.Service.Location)
				if err != nil {
					t.Fatalf("%s: DTSTART: %v", summary, err)
				}
				end, err := ev.DateTimeEnd(cfg.Service.Location)
				if err != nil {
					t.Fatalf("%s: DTEND: %v", summary, err)
				}
				if !end.After(start) {
					t.Errorf("%s: got %s–%s, want an end after the start", summary, start, end)
				}
				if u := ev.Props.Get(ical.PropURL); u == nil || u.Value != "http://127.0.0.1:8080/plan/"+e.Plan {
					t.Errorf("%s: got URL %v, want the plan's dashboard", summary, u)
				}
				var alarms []time.Time
				for _, c := range ev.Children {
					if c.Name != ical.CompAlarm {
						continue
					}
					if a := c.Props.Get(ical.PropAction); a == nil || a.Value != "DISPLAY" {
						t.Errorf("%s: got alarm action %v, want DISPLAY", summary, a)
					}
					d, err := c.Props.Get(ical.PropTrigger).Duration()
					if err != nil {
						t.Fatalf("%s: alarm trigger: %v", summary, err)
					}
					alarms = append(alarms, start.Add(d))
				}
				if len(alarms) == 0 {
					t.Errorf("%s: got no alarm, want at least one", summary)
				}
				// An event no message comes before has the one default
				// alarm: at send_time on a whole day, else 15 minutes before.
				byDefault := start.Add(-15 * time.Minute)
				if e.AllDay {
					byDefault = start.Add(e.Morning)
				}
				if sent := want[uid]; tt.wantAlarms && len(sent) > 0 && !(len(alarms) == 1 && alarms[0].Equal(byDefault)) {
					for _, a := range alarms {
						if !slices.ContainsFunc(sent, a.Equal) {
							t.Errorf("%s: got an alarm at %s, want one only when a message about it goes (%v)", summary, a, sent)
						}
					}
				}
			}
			for uid := range want {
				if !got[uid] {
					t.Errorf("no event %s (%s), which the agenda's messages are about", uid, all[uid].Summary)
				}
			}
		})
	}
}

// TestAgendaICSGolden compares the calendar of the example plan for 2019
// with testdata/agenda-2019.ics.golden (-update rewrites it).
func TestAgendaICSGolden(t *testing.T) {
	got := agenda2019(t, "ics")
	golden := filepath.Join("testdata", "agenda-2019.ics.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (create it with -update)", err)
	}
	gl, wl := strings.Split(got, "\r\n"), strings.Split(string(want), "\r\n")
	for i := range max(len(gl), len(wl)) {
		if i >= len(gl) || i >= len(wl) || gl[i] != wl[i] {
			t.Fatalf("%s differs from the output at line %d (got %d lines, want %d); run go test ./cmd/nhacviec -run Golden -update and review the diff", golden, i+1, len(gl), len(wl))
		}
	}
}
