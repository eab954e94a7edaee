package planfile_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/planfile"
	"go.yaml.in/yaml/v3"
)

// testCalendar works Monday to Friday, except on 30/04 every year and on
// 10/06/2020.
func testCalendar(t *testing.T) *calendar.Calendar {
	t.Helper()
	var hs []calendar.Holiday
	for _, s := range []string{"30/04", "10/06/2020"} {
		h, err := calendar.ParseHoliday(s, 0)
		if err != nil {
			t.Fatal(err)
		}
		hs = append(hs, h)
	}
	return calendar.NewCalendar(nil, hs, nil)
}

// lines joins its arguments as the lines of a file.
func lines(s ...string) string { return strings.Join(s, "\n") + "\n" }

// TestRoll rolls small plans and compares the new text, byte for byte,
// and the notes for the officer.
func TestRoll(t *testing.T) {
	tests := []struct {
		name  string
		year  int
		move  planfile.Move
		in    string
		want  string
		notes []string // kind@line:col, in order
	}{
		{
			name: "year, id, titles and the document's fields",
			year: 2020,
			in: lines(
				"# Kế hoạch năm 2019: comments are kept as they are",
				"id: bdg-2019        # mã",
				"title: 'Kế hoạch năm 2019 (bản ''chính'')'",
				"number: \"05/KH-UBND\"",
				"issued: 02/01/2019",
				"signer: Nguyễn Văn A",
				"year: 2019",
				"",
				"tasks:",
				"  - id: bc-2019        # a task's id is kept",
				"    title: Báo cáo năm 2019, không phải 20190",
				"    deadlines:",
				"      - id: bc-nam-2019",
				"        title: \"Tổng kết 2019\"",
				"        due: 20/12"),
			want: lines(
				"# Kế hoạch năm 2019: comments are kept as they are",
				"id: bdg-2020        # mã",
				"title: 'Kế hoạch năm 2020 (bản ''chính'')'",
				"number: \"\"",
				"issued: \"\"",
				"signer: \"\"",
				"year: 2020",
				"",
				"tasks:",
				"  - id: bc-2019        # a task's id is kept",
				"    title: Báo cáo năm 2020, không phải 20190",
				"    deadlines:",
				"      - id: bc-nam-2019",
				"        title: \"Tổng kết 2020\"",
				"        due: 20/12"),
			notes: []string{"id@2:5", "title@3:8", "emptied@4:9", "emptied@5:9", "emptied@6:9", "title@11:12", "title@14:16", "dayoff@15:14"},
		},
		{
			name:  "an id without the year gets it",
			year:  2021,
			in:    lines("id: bdg", "year: 2019"),
			want:  lines("id: bdg-2021", "year: 2021"),
			notes: []string{"id@1:5"},
		},
		{
			name: "each written form keeps its form, its widths and its time",
			year: 2020,
			in: lines(
				"year: 2019",
				"from: 1/1/2019",
				"to: \"2019-12-31\"",
				"tasks:",
				"  - id: a",
				"    from: 18/11",
				"    to: '15/12/2019 17:00:30'",
				"    remind:",
				"      - {on: 2019-11-18T08:00+07:00, to: [x]}",
				"    deadlines:",
				"      - due: 2019-12-15 17:00"),
			want: lines(
				"year: 2020",
				"from: 1/1/2020",
				"to: \"2020-12-31\"",
				"tasks:",
				"  - id: a",
				"    from: 18/11",
				"    to: '15/12/2020 17:00:30'",
				"    remind:",
				"      - {on: 2020-11-18T08:00+07:00, to: [x]}",
				"    deadlines:",
				"      - due: 2020-12-15 17:00"),
		},
		{
			name: "an on: event on a working day stays on one, the next by default",
			year: 2020,
			in: lines(
				"year: 2019",
				"tasks:",
				"  - id: toa-dam",
				"    on: \"08/03/2019 08:00\"   # Ngày Quốc tế Phụ nữ",
				"  - id: hop",
				"    on: 10/06",
				"  - id: chu-nhat",
				"    on: 15/12/2019"),
			want: lines(
				"year: 2020",
				"tasks:",
				"  - id: toa-dam",
				"    on: \"09/03/2020 08:00\"   # 09/03/2020 là thứ Hai; ngày gốc 08/03/2019 (thứ Sáu), nhưng 08/03/2020 là ngày nghỉ (Chủ nhật); Ngày Quốc tế Phụ nữ",
				"  - id: hop",
				"    on: 11/06  # 11/06/2020 là thứ Năm; ngày gốc 10/06/2019 (thứ Hai), nhưng 10/06/2020 là ngày nghỉ (thứ Tư)",
				"  - id: chu-nhat",
				"    on: 15/12/2020"),
			notes: []string{"moved@4:9", "moved@6:9"},
		},
		{
			name:  "or the previous one when asked",
			year:  2020,
			move:  planfile.PreviousWorkingDay,
			in:    lines("year: 2019", "tasks:", "  - id: a", "    on: \"08/03/2019 08:00\""),
			want:  lines("year: 2020", "tasks:", "  - id: a", "    on: \"06/03/2020 08:00\"  # 06/03/2020 là thứ Sáu; ngày gốc 08/03/2019 (thứ Sáu), nhưng 08/03/2020 là ngày nghỉ (Chủ nhật)"),
			notes: []string{"moved@4:9"},
		},
		{
			name:  "or kept on its day, and listed",
			year:  2020,
			move:  planfile.Keep,
			in:    lines("year: 2019", "distribute:", "  on: \"08/03/2019 08:00\""),
			want:  lines("year: 2020", "distribute:", "  on: \"08/03/2020 08:00\""),
			notes: []string{"dayoff@3:7"},
		},
		{
			name:  "a move that would leave the period goes the other way",
			year:  2023,
			in:    lines("year: 2019", "tasks:", "  - id: a", "    on: 31/12"),
			want:  lines("year: 2023", "tasks:", "  - id: a", "    on: 29/12  # 29/12/2023 là thứ Sáu; ngày gốc 31/12/2019 (thứ Ba), nhưng 31/12/2023 là ngày nghỉ (Chủ nhật)"),
			notes: []string{"moved@4:9"},
		},
		{
			name: "29/02 in a common year is 28/02",
			year: 2021,
			in: lines(
				"year: 2020",
				"tasks:",
				"  - id: a",
				"    on: 29/02/2020",
				"    deadlines:",
				"      - due: \"29/02 17:00\""),
			want: lines(
				"year: 2021",
				"tasks:",
				"  - id: a",
				"    on: 28/02/2021  # năm 2021 không có ngày 29/02: đổi thành 28/02/2021 (Chủ nhật)",
				"    deadlines:",
				"      - due: \"28/02 17:00\"  # năm 2021 không có ngày 29/02: đổi thành 28/02/2021 (Chủ nhật)"),
			notes: []string{"leap@4:9", "dayoff@4:9", "leap@6:14", "dayoff@6:14"},
		},
		{
			name: "a date shared through an anchor moves once",
			year: 2020,
			in: lines(
				"year: 2019",
				"from: &start !!str 18/11/2019",
				"tasks:",
				"  - id: a",
				"    from: *start",
				"    to: 20/11/2019"),
			want: lines(
				"year: 2020",
				"from: &start !!str 18/11/2020",
				"tasks:",
				"  - id: a",
				"    from: *start",
				"    to: 20/11/2020"),
		},
		{
			name: "a plan of two years moves both",
			year: 2020,
			in:   lines("year: 2019", "from: 01/07", "to: 30/06/2020", "tasks:", "  - id: a", "    on: 15/01/2020"),
			want: lines("year: 2020", "from: 01/07", "to: 30/06/2021", "tasks:", "  - id: a", "    on: 15/01/2021"),
		},
		{
			name:  "CRLF line ends are kept",
			year:  2020,
			in:    "year: 2019\r\ntasks:\r\n  - id: a\r\n    on: 08/03/2019\r\n",
			want:  "year: 2020\r\ntasks:\r\n  - id: a\r\n    on: 09/03/2020  # 09/03/2020 là thứ Hai; ngày gốc 08/03/2019 (thứ Sáu), nhưng 08/03/2020 là ngày nghỉ (Chủ nhật)\r\n",
			notes: []string{"moved@4:9"},
		},
	}
	cal := testCalendar(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := planfile.Roll([]byte(tt.in), planfile.Options{Year: tt.year, Calendar: cal, Move: tt.move, Lang: lang.Vietnamese})
			if err != nil {
				t.Fatal(err)
			}
			if got := string(res.Data); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			var notes []string
			for _, n := range res.Notes {
				notes = append(notes, noteName[n.Kind]+"@"+strconv.Itoa(n.Line)+":"+strconv.Itoa(n.Col))
			}
			if strings.Join(notes, " ") != strings.Join(tt.notes, " ") {
				t.Errorf("got notes %v, want %v", notes, tt.notes)
			}
		})
	}
}

var noteName = map[planfile.NoteKind]string{
	planfile.IDChanged: "id", planfile.TitleChanged: "title", planfile.TitleByHand: "byhand",
	planfile.Emptied: "emptied", planfile.Moved: "moved", planfile.LeapDay: "leap", planfile.DayOff: "dayoff",
}

// TestRollNotes checks what the notes carry beyond their place: the dates
// of a moved event and the texts of a changed title.
func TestRollNotes(t *testing.T) {
	in := lines("id: k-2019", "title: Kế hoạch năm 2019", "year: 2019", "tasks:", "  - id: a", "    on: 08/03")
	res, err := planfile.Roll([]byte(in), planfile.Options{Year: 2020, Calendar: testCalendar(t), Lang: lang.English})
	if err != nil {
		t.Fatal(err)
	}
	if res.OldYear != 2019 || res.OldID != "k-2019" || res.NewID != "k-2020" {
		t.Errorf("got year %d, ids %q → %q, want 2019, k-2019 → k-2020", res.OldYear, res.OldID, res.NewID)
	}
	var moved, title planfile.Note
	for _, n := range res.Notes {
		switch n.Kind {
		case planfile.Moved:
			moved = n
		case planfile.TitleChanged:
			title = n
		}
	}
	d := func(y int, m time.Month, day int) calendar.Date { return calendar.Date{Year: y, Month: m, Day: day} }
	if moved.Was != d(2019, 3, 8) || moved.Same != d(2020, 3, 8) || moved.Date != d(2020, 3, 9) || moved.Field.Task != "a" {
		t.Errorf("got moved %v → %v → %v of task %q, want 08/03/2019 → 08/03/2020 → 09/03/2020 of a", moved.Was, moved.Same, moved.Date, moved.Field.Task)
	}
	if title.Old != "Kế hoạch năm 2019" || title.New != "Kế hoạch năm 2020" {
		t.Errorf("got title %q → %q", title.Old, title.New)
	}
	if want := "    on: 09/03  # 09/03/2020 is a Monday; originally 08/03/2019 (Friday), but 08/03/2020 is a day off (Sunday)\n"; !strings.HasSuffix(string(res.Data), want) {
		t.Errorf("got %q, want it to end with %q", res.Data, want)
	}
}

// TestRollRefuses: what Roll cannot do is an error naming why.
func TestRollRefuses(t *testing.T) {
	tests := []struct {
		name, in string
		year     int
		key      string
	}{
		{"the same year", lines("year: 2019"), 2019, "roll.sameyear"},
		{"no year", lines("id: a", "tasks: []"), 2020, "roll.noyear"},
		{"not a plan", lines("- a", "- b"), 2020, "roll.notplan"},
		{"a date over two lines", lines("year: 2019", "tasks:", "  - id: a", "    on: \"15/11/2019", "      08:00\""), 2020, "roll.value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := planfile.Roll([]byte(tt.in), planfile.Options{Year: tt.year})
			var m lang.Message
			if !errors.As(err, &m) || m.Key != tt.key {
				t.Errorf("got %v, want the message %s", err, tt.key)
			}
		})
	}
}

// TestExtract takes plans written inside a configuration out into files
// of their own.
func TestExtract(t *testing.T) {
	cfg := lines(
		"units: {}",
		"plans:",
		"  # the first plan",
		"  - id: a-2019      # mã",
		"    year: 2019",
		"    tasks:",
		"      - id: t",
		"        description: >-",
		"          two",
		"",
		"          lines",
		"      # a comment at the end of the plan",
		"",
		"  -",
		"    id: b",
		"    year: 2019",
		"  - plans/c.yaml",
		"  - {id: d, year: 2019}",
		"service: {}")
	want := []string{
		lines(
			"id: a-2019      # mã",
			"year: 2019",
			"tasks:",
			"  - id: t",
			"    description: >-",
			"      two",
			"",
			"      lines",
			"  # a comment at the end of the plan"),
		lines("id: b", "year: 2019"),
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(cfg), &doc); err != nil {
		t.Fatal(err)
	}
	items := doc.Content[0].Content[3].Content
	for i, w := range want {
		got, err := planfile.Extract([]byte(cfg), items[i])
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != w {
			t.Errorf("plan %d: got:\n%s\nwant:\n%s", i, got, w)
		}
	}
	for _, i := range []int{2, 3} {
		var m lang.Message
		if _, err := planfile.Extract([]byte(cfg), items[i]); !errors.As(err, &m) || m.Key != "roll.flow" {
			t.Errorf("plan %d: got %v, want the message roll.flow", i, err)
		}
	}
}
