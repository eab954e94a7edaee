package preview

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// example is the text of the repository's config.example.yaml, the 2019
// plan of Quảng Thành commune whole.
func example(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// load loads text as config.example.yaml (its folder the repository's).
func load(t *testing.T, text string) *plan.Config {
	t.Helper()
	cfg, diags := config.Parse("../config.example.yaml", []byte(text), config.ReadFile)
	if diags.HasErrors() {
		t.Fatalf("the configuration does not load:\n%s", diags.Render(lang.English))
	}
	return cfg
}

// edit returns text with old replaced by new, once; old must be there.
func edit(t *testing.T, text, old, new string) string {
	t.Helper()
	if strings.Count(text, old) != 1 {
		t.Fatalf("%q is %d times in the example, want once", old, strings.Count(text, old))
	}
	return strings.Replace(text, old, new, 1)
}

const planID = "bdg-2019"

// The Action Month's window, in the example.
const actionMonth = `support: [vhxh, ban-vstbpn, dai-truyen-thanh, doan-the, co-so]
        from: "15/11/2019"
        to: "15/12/2019"`

// The Action Month's report, from its deadlines: to the end of its escalation.
const actionReport = `        deadlines:
          # Nghĩa vụ báo cáo theo mục III.2, áp dụng cho Tháng hành động.
          # Kế hoạch không nêu hạn; chọn 20/12/2019 17:00 (5 ngày sau khi kết thúc).
          - id: bc-thang-hanh-dong
            title: Báo cáo kết quả Tháng hành động về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới
            by: [ldtbxh]
            to: [ban-vstbpn]
            due: "20/12/2019 17:00"
            tentative: true          # hạn kế hoạch không nêu: tin nhắn ghi "dự kiến"
            if_holiday: next_working_day
            remind: [7d, 3d, 1d]     # 13/12, 17/12, 19/12
            grace: 1wd               # đến 23/12 17:00 (qua thứ Bảy, Chủ nhật)
            overdue_every: 1wd       # nhắc đơn vị chậm mỗi ngày làm việc
            overdue_max: 3
            escalate:
              - after: 2wd           # 25/12 17:00 (2 ngày làm việc sau 23/12): báo lãnh đạo UBND xã
                to: [lanh-dao-ubnd]
`

// A new task with a weekly reminder, before the Action Month.
const weeklyTask = `      - id: giao-ban
        title: Giao ban công tác bình đẳng giới
        lead: [ldtbxh]
        from: "04/11/2019"
        to: "29/11/2019"
        remind:
          - every: "0 8 * * MON"
      - id: thang-hanh-dong
`

func TestCompare(t *testing.T) {
	text := example(t)
	running := load(t, text)
	loc := running.Service.Location
	from := time.Date(2019, 1, 1, 0, 0, 0, 0, loc)
	at := func(day, month, hour, minute int) time.Time {
		return time.Date(2019, time.Month(month), day, hour, minute, 0, 0, loc)
	}

	t.Run("the Action Month a day earlier moves its reminders, nothing else", func(t *testing.T) {
		cand := load(t, edit(t, text, actionMonth, strings.NewReplacer("15/11", "14/11", "15/12", "14/12").Replace(actionMonth)))
		res, err := Compare(running, cand, planID, from)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Added) != 0 || len(res.Removed) != 0 {
			t.Errorf("got %d added, %d removed, want none: %+v %+v", len(res.Added), len(res.Removed), res.Added, res.Removed)
		}
		if len(res.Moved) == 0 {
			t.Fatal("got nothing moved")
		}
		for _, m := range res.Moved {
			if m.Task != "thang-hanh-dong" || m.Kind != "reminder" {
				t.Errorf("got a move of %s (%s), want only the Action Month's reminders", m.Task, m.Kind)
			}
			if m.TaskTitle == "" || len(m.Units) == 0 {
				t.Errorf("got a move without title or units: %+v", m)
			}
		}
		// at: start, 15/11 07:30 to 14/11 07:30, to ldtbxh as lead.
		want := Move{Item: Item{At: at(14, 11, 7, 30), Kind: "reminder", Task: "thang-hanh-dong", Role: "lead", Units: []string{"ldtbxh"}}, From: at(15, 11, 7, 30)}
		if !hasMove(res.Moved, want) {
			t.Errorf("got moves %+v, want one %+v", res.Moved, want)
		}
		// The supporting units of one reminder are one item.
		for _, m := range res.Moved {
			if m.Role == "support" && len(m.Units) < 5 {
				t.Errorf("got a support move to %v, want the task's supporting units together", m.Units)
			}
		}
		// Nothing added: a message of each kind the plan sends.
		kinds := map[string]bool{}
		for _, s := range res.Samples {
			kinds[s.Kind] = true
		}
		for _, k := range []string{"reminder", "deadline", "overdue", "escalation"} {
			if !kinds[k] {
				t.Errorf("got samples of %v, want one of %s", kinds, k)
			}
		}
	})

	t.Run("a new task with a weekly reminder adds its Mondays", func(t *testing.T) {
		cand := load(t, edit(t, text, "      - id: thang-hanh-dong\n", weeklyTask))
		res, err := Compare(running, cand, planID, from)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Removed) != 0 || len(res.Moved) != 0 {
			t.Errorf("got %d removed, %d moved, want none", len(res.Removed), len(res.Moved))
		}
		var got []time.Time
		for _, it := range res.Added {
			if it.Task != "giao-ban" || it.Kind != "reminder" || it.Role != "lead" || strings.Join(it.Units, ",") != "ldtbxh" {
				t.Errorf("got added %+v, want the new task's reminders to ldtbxh as lead", it)
			}
			got = append(got, it.At)
		}
		want := []time.Time{at(4, 11, 8, 0), at(11, 11, 8, 0), at(18, 11, 8, 0), at(25, 11, 8, 0)}
		if !equalTimes(got, want) {
			t.Errorf("got added at %v, want %v", got, want)
		}
		if len(res.Samples) != 1 {
			t.Fatalf("got %d samples, want the one reminder's", len(res.Samples))
		}
		s := res.Samples[0]
		if s.Kind != "reminder" || s.Unit != "ldtbxh" || !strings.Contains(s.Subject+s.Text, "Giao ban công tác bình đẳng giới") {
			t.Errorf("got sample %+v, want the new task's reminder to ldtbxh", s)
		}
		if !strings.Contains(s.Text, "Nhiệm vụ") && !strings.Contains(s.Text, "nhiệm vụ") {
			t.Errorf("got sample text %q, want it in Vietnamese (nhiệm vụ)", s.Text)
		}
		if got := res.Added[0].At; got.Location().String() != loc.String() {
			t.Errorf("got times in %v, want the service's %v", got.Location(), loc)
		}
	})

	t.Run("a deleted deadline removes its notices", func(t *testing.T) {
		cand := load(t, edit(t, text, actionReport, ""))
		res, err := Compare(running, cand, planID, from)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Added) != 0 || len(res.Moved) != 0 {
			t.Errorf("got %d added, %d moved, want none", len(res.Added), len(res.Moved))
		}
		kinds := map[string]int{}
		for _, it := range res.Removed {
			if it.Deadline != "bc-thang-hanh-dong" || it.Task != "thang-hanh-dong" {
				t.Errorf("got removed %+v, want only the report's notices", it)
			}
			kinds[it.Kind]++
		}
		// 7d, 3d, 1d before; three overdue notices; one escalation.
		if kinds["deadline"] != 3 || kinds["overdue"] != 3 || kinds["escalation"] != 1 {
			t.Errorf("got removed %v, want 3 deadline, 3 overdue, 1 escalation", kinds)
		}
	})

	t.Run("a deadline a day later moves its notices", func(t *testing.T) {
		cand := load(t, edit(t, text, `due: "20/12/2019 17:00"`, `due: "19/12/2019 17:00"`))
		res, err := Compare(running, cand, planID, from)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Added) != 0 || len(res.Removed) != 0 || len(res.Moved) == 0 {
			t.Errorf("got %d added, %d removed, %d moved, want moves only", len(res.Added), len(res.Removed), len(res.Moved))
		}
		for _, m := range res.Moved {
			if m.Deadline != "bc-thang-hanh-dong" || !m.At.Before(m.From) {
				t.Errorf("got move %+v, want the report's notices earlier", m)
			}
		}
	})

	t.Run("from leaves out what came before", func(t *testing.T) {
		cand := load(t, edit(t, text, "      - id: thang-hanh-dong\n", weeklyTask))
		res, err := Compare(running, cand, planID, at(12, 11, 0, 0))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Added) != 2 {
			t.Errorf("got %d added, want the two Mondays after 12/11", len(res.Added))
		}
	})

	t.Run("the same configuration changes nothing", func(t *testing.T) {
		res, err := Compare(running, load(t, text), planID, from)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Added)+len(res.Removed)+len(res.Moved) != 0 {
			t.Errorf("got %d added, %d removed, %d moved, want none", len(res.Added), len(res.Removed), len(res.Moved))
		}
	})

	t.Run("an unknown plan", func(t *testing.T) {
		if _, err := Compare(running, running, "khong-co", from); !errors.Is(err, ErrNoPlan) {
			t.Errorf("got %v, want ErrNoPlan", err)
		}
	})
}

func hasMove(ms []Move, want Move) bool {
	for _, m := range ms {
		if m.At.Equal(want.At) && m.From.Equal(want.From) && m.Kind == want.Kind && m.Task == want.Task &&
			m.Role == want.Role && strings.Join(m.Units, ",") == strings.Join(want.Units, ",") {
			return true
		}
	}
	return false
}

func equalTimes(a, b []time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Equal(b[i]) {
			return false
		}
	}
	return true
}
