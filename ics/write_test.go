package ics

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"a", "a"},
		{`a\b;c,d`, `a\\b\;c\,d`},
		{"a\r\nb\nc\rd", `a\nb\nc` + "\rd"}, // a lone CR stays
		{"\r\r\n\n\r", "\r" + `\n\n` + "\r"},
		{"Hội LHPN; Đoàn TN, xã", `Hội LHPN\; Đoàn TN\, xã`},
		{`\,`, `\\\,`},
		{"Hạn: 20/12/2019 17:00", "Hạn: 20/12/2019 17:00"},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

// folded runs Line on s and returns what it wrote.
func folded(s string) string {
	var b strings.Builder
	Line(&b, s)
	return b.String()
}

func TestLine(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		lines int // physical lines expected
	}{
		{"short", "BEGIN:VCALENDAR", 1},
		{"exactly 75 octets", "X:" + strings.Repeat("a", 73), 1},
		{"76 octets", "X:" + strings.Repeat("a", 74), 2},
		{"empty", "", 1},
		// 200 characters of Vietnamese text: most letters take 2 or 3
		// octets in UTF-8, so the cuts fall near character boundaries.
		{"200 Vietnamese characters", "SUMMARY:" + firstRunes(strings.Repeat("Tháng hành động vì bình đẳng giới, phòng chống bạo lực; ", 10), 200), 0},
		{"200 three-octet characters", strings.Repeat("ặ", 200), 9},
		{"four-octet characters", "DESCRIPTION:" + strings.Repeat("😀", 40), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := folded(tt.in)
			if !strings.HasSuffix(got, "\r\n") {
				t.Fatalf("output does not end in CRLF: got %q", lastN(got, 10))
			}
			if strings.Count(got, "\n") != strings.Count(got, "\r\n") || strings.Count(got, "\r") != strings.Count(got, "\r\n") {
				t.Errorf("a bare CR or LF in %q", got)
			}
			lines := strings.Split(strings.TrimSuffix(got, "\r\n"), "\r\n")
			if tt.lines > 0 && len(lines) != tt.lines {
				t.Errorf("got %d lines, want %d: %q", len(lines), tt.lines, lines)
			}
			for i, l := range lines {
				if len(l) > 75 {
					t.Errorf("line %d: got %d octets, want at most 75: %q", i+1, len(l), l)
				}
				if i > 0 && !strings.HasPrefix(l, " ") {
					t.Errorf("continuation line %d: got %q, want a leading space", i+1, l)
				}
				if !utf8.ValidString(l) {
					t.Errorf("line %d: got %q, cut inside a UTF-8 character", i+1, l)
				}
			}
			// A fold that is too eager wastes lines: each line but the last
			// must be full to within one character (4 octets).
			for i, l := range lines[:len(lines)-1] {
				if len(l) < 75-3 {
					t.Errorf("line %d: got %d octets, want 72 to 75 before a fold", i+1, len(l))
				}
			}
			if unfolded := strings.ReplaceAll(strings.TrimSuffix(got, "\r\n"), "\r\n ", ""); unfolded != tt.in {
				t.Errorf("unfolded: got %q, want %q", unfolded, tt.in)
			}
		})
	}
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) < n {
		panic("firstRunes: string too short")
	}
	return string(r[:n])
}

func lastN(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

func TestLineVietnamese200(t *testing.T) {
	// The case of the brief, checked on its own: 200 characters, each
	// outside ASCII, none ever split.
	in := firstRunes(strings.Repeat("Bìnhđẳnggiới", 20), 200)
	if n := utf8.RuneCountInString(in); n != 200 {
		t.Fatalf("test input: got %d characters, want 200", n)
	}
	got := folded(in)
	var runes int
	for i, l := range strings.Split(strings.TrimSuffix(got, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d: got %d octets, want at most 75", i+1, len(l))
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d: got %q, cut inside a UTF-8 character", i+1, l)
		}
		if i > 0 {
			l = strings.TrimPrefix(l, " ")
		}
		runes += utf8.RuneCountInString(l)
	}
	if runes != 200 {
		t.Errorf("got %d characters after unfolding, want 200", runes)
	}
}

func TestDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{-15 * time.Minute, "-PT15M"},
		{-(6*24*time.Hour + 16*time.Hour + 30*time.Minute), "-P6DT16H30M"},
		{-3 * 24 * time.Hour, "-P3D"},
		{7*time.Hour + 30*time.Minute, "PT7H30M"},
		{0, "PT0S"},
		{-90 * time.Second, "-PT1M30S"},
	}
	for _, tt := range tests {
		if got := Duration(tt.d); got != tt.want {
			t.Errorf("Duration(%v): got %q, want %q", tt.d, got, tt.want)
		}
		p := ical.NewProp(ical.PropTrigger)
		p.Value = tt.want
		if back, err := p.Duration(); err != nil || back != tt.d {
			t.Errorf("go-ical reads %q as %v (%v), want %v", tt.want, back, err, tt.d)
		}
	}
}

// TestWriteReadByGoICal writes a calendar and reads it back with go-ical:
// the texts come back whole (escaped and folded), the times and the
// alarms as written.
func TestWriteReadByGoICal(t *testing.T) {
	ict := time.FixedZone("ICT", 7*3600)
	summary := "Hạn báo cáo: Báo cáo kết quả; tổng hợp, đánh giá \\ " + strings.Repeat("bình đẳng giới ", 6)
	c := Calendar{
		Name: "Nhắc việc – Hội LHPN, xã", Lang: "vi", Stamp: time.Date(2019, 11, 1, 8, 0, 0, 0, ict), Refresh: 6 * time.Hour,
		Events: []Event{
			{UID: "a@nhacviec", AllDay: true, Start: time.Date(2019, 11, 15, 0, 0, 0, 0, time.UTC), End: time.Date(2019, 12, 16, 0, 0, 0, 0, time.UTC),
				Summary: "II.3. Tháng hành động", Description: []string{"Kế hoạch: thử", "Chủ trì: A, B"}, Alarms: []time.Duration{7*time.Hour + 30*time.Minute}},
			{UID: "b@nhacviec", Start: time.Date(2019, 12, 20, 17, 0, 0, 0, ict), End: time.Date(2019, 12, 20, 18, 0, 0, 0, ict),
				Summary: summary, URL: "http://nhacviec.example.vn/a/T123", Alarms: []time.Duration{-3*24*time.Hour - 9*time.Hour - 30*time.Minute, -15 * time.Minute}},
		},
	}
	var b strings.Builder
	if err := c.Write(&b); err != nil {
		t.Fatal(err)
	}
	cal, err := ical.NewDecoder(strings.NewReader(b.String())).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read it: %v\n%s", err, b.String())
	}
	if got, _ := cal.Props.Text("X-WR-CALNAME"); got != c.Name {
		t.Errorf("got X-WR-CALNAME %q, want %q", got, c.Name)
	}
	if p := cal.Props.Get("REFRESH-INTERVAL"); p == nil || p.Value != "PT6H" {
		t.Errorf("got REFRESH-INTERVAL %v, want PT6H", p)
	}
	events := cal.Events()
	if len(events) != len(c.Events) {
		t.Fatalf("got %d events, want %d", len(events), len(c.Events))
	}
	for i, ev := range events {
		want := c.Events[i]
		if got, _ := ev.Props.Text(ical.PropSummary); got != want.Summary {
			t.Errorf("got SUMMARY %q, want %q", got, want.Summary)
		}
		if got, _ := ev.Props.Text(ical.PropDescription); got != strings.Join(want.Description, "\n") {
			t.Errorf("got DESCRIPTION %q, want %q", got, strings.Join(want.Description, "\n"))
		}
		start, _ := ev.DateTimeStart(time.UTC)
		end, _ := ev.DateTimeEnd(time.UTC)
		if !start.Equal(want.Start) || !end.Equal(want.End) {
			t.Errorf("%s: got %s–%s, want %s–%s", want.UID, start, end, want.Start, want.End)
		}
		if got := ev.Props.Get(ical.PropDateTimeStart).ValueType() == ical.ValueDate; got != want.AllDay {
			t.Errorf("%s: got a date %v, want %v", want.UID, got, want.AllDay)
		}
		url := ""
		if p := ev.Props.Get(ical.PropURL); p != nil {
			url = p.Value
		}
		if url != want.URL {
			t.Errorf("%s: got URL %q, want %q", want.UID, url, want.URL)
		}
		var alarms []time.Duration
		for _, a := range ev.Children {
			if d, err := a.Props.Get(ical.PropTrigger).Duration(); err == nil {
				alarms = append(alarms, d)
			}
		}
		if len(alarms) != len(want.Alarms) || len(alarms) > 0 && alarms[0] != want.Alarms[0] {
			t.Errorf("%s: got alarms %v, want %v", want.UID, alarms, want.Alarms)
		}
	}
}
