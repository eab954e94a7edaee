package notify

import (
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"github.com/nhacviec/nhacviec/ics"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// TestEmailEvent reads the event attached to emails with a second
// implementation of RFC 5545, go-ical: the feed's event (same UID, never
// zero-length), an alarm at the time this very email goes, and this
// email's acknowledgement link as URL.
func TestEmailEvent(t *testing.T) {
	cfg := loadConfig(t, lang.Vietnamese)
	ns := notifications(cfg)
	tests := []struct {
		name, unit, prefix, suffix string
		allDay                     bool
		summary                    string // "": no attachment
	}{
		{"reminder of a whole-day window", "ldtbxh", "before:7d", "7d", true, "II.3. Tháng hành động về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới"},
		{"reminder at the start", "vhxh", "at:start", "start", true, "II.3. Tháng hành động về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới"},
		{"reminder to a unit that confirms nothing", "lanh-dao", "on:", "", true, "II.3. Tháng hành động về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới"},
		{"deadline at 17:00", "ldtbxh", "deadline:", "/remind:3d", false, "Hạn báo cáo: Báo cáo kết quả Tháng hành động"},
		{"tentative deadline", "thcs", "deadline:", "/remind:1d", false, "Hạn báo cáo: Báo cáo kết quả mít tinh"},
		{"distribution", "vhxh", "distribute", "distribute", false, ""},
		{"overdue notice", "ldtbxh", "deadline:", "/overdue:2", false, ""},
		{"escalation", "lanh-dao", "deadline:", "/escalate:2", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := pick(t, ns, tt.unit, tt.prefix, tt.suffix)
			m, err := Render(cfg, n, plan.ChannelEmail, fakeLinks{})
			if err != nil {
				t.Fatal(err)
			}
			if tt.summary == "" {
				if m.ICS != nil {
					t.Fatalf("got an attached event, want none:\n%s", m.ICS)
				}
				return
			}
			cal, err := ical.NewDecoder(strings.NewReader(string(m.ICS))).Decode()
			if err != nil {
				t.Fatalf("go-ical cannot read the attachment: %v\n%s", err, m.ICS)
			}
			events := cal.Events()
			if len(events) != 1 {
				t.Fatalf("got %d events, want 1:\n%s", len(events), m.ICS)
			}
			ev := events[0]
			if got, _ := ev.Props.Text(ical.PropSummary); got != tt.summary {
				t.Errorf("got SUMMARY %q, want %q", got, tt.summary)
			}
			if got, want := ev.Props.Get(ical.PropUID).Value, ics.UIDOf(n); got != want || want == "" {
				t.Errorf("got UID %q, want the feed's %q", got, want)
			}
			loc := cfg.Plan(n.Plan).Location
			start, err := ev.DateTimeStart(loc)
			if err != nil {
				t.Fatalf("DTSTART: %v", err)
			}
			end, err := ev.DateTimeEnd(loc)
			if err != nil {
				t.Fatalf("DTEND: %v", err)
			}
			if !end.After(start) {
				t.Errorf("got %s–%s, want an end after the start", start, end)
			}
			if got := ev.Props.Get(ical.PropDateTimeStart).ValueType() == ical.ValueDate; got != tt.allDay {
				t.Errorf("got DTSTART %v, want a date: %v", ev.Props.Get(ical.PropDateTimeStart), tt.allDay)
			}
			var alarms []time.Time
			for _, c := range ev.Children {
				if c.Name != ical.CompAlarm {
					continue
				}
				if a := c.Props.Get(ical.PropAction); a == nil || a.Value != "DISPLAY" {
					t.Errorf("got alarm action %v, want DISPLAY", a)
				}
				d, err := c.Props.Get(ical.PropTrigger).Duration()
				if err != nil {
					t.Fatalf("alarm trigger: %v", err)
				}
				alarms = append(alarms, start.Add(d))
			}
			found := false
			for _, a := range alarms {
				found = found || a.Equal(n.At)
			}
			if !found {
				t.Errorf("got alarms at %v, want one at %v, when this email goes", alarms, n.At)
			}
			wantURL := fakeLinks{}.AckURL(n)
			if reportedTo[n.Unit] {
				wantURL = "" // no link to confirm with
			}
			got := ""
			if p := ev.Props.Get(ical.PropURL); p != nil {
				got = p.Value
			}
			if got != wantURL {
				t.Errorf("got URL %q, want this email's acknowledgement link %q", got, wantURL)
			}
			if wantURL != "" && !strings.Contains(m.Text, wantURL) {
				t.Errorf("the email does not hold its link %q", wantURL)
			}
		})
	}
}
