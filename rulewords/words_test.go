package rulewords_test

import (
	"testing"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/rulewords"
)

// TestWords checks the words of rules as the plan writes them, in
// Vietnamese and English, exactly.
func TestWords(t *testing.T) {
	tests := []struct {
		key, value string
		vi, en     string
	}{
		{"before", "7d", "7 ngày trước", "7 days before"},
		{"before", "3wd", "3 ngày làm việc trước", "3 working days before"},
		{"before", "1wd", "1 ngày làm việc trước", "1 working day before"},
		{"before", "1w", "1 tuần trước", "1 week before"},
		{"before", "2w", "2 tuần trước", "2 weeks before"},
		{"before", "1h", "1 giờ trước", "1 hour before"},
		{"before", "30m", "30 phút trước", "30 minutes before"},
		{"", "1d", "1 ngày trước", "1 day before"},
		{"before_end", "3d", "3 ngày trước khi kết thúc", "3 days before the end"},
		{"at", "start", "vào ngày bắt đầu", "on the first day"},
		{"at", " end ", "vào ngày kết thúc", "on the last day"},
		{"after", "2wd", "sau 2 ngày làm việc", "after 2 working days"},
		{"grace", "1d", "sau 1 ngày", "after 1 day"},
		{"every", "30 7 * * *", "hằng ngày lúc 7:30", "every day at 7:30"},
		{"every", "0 8 * * MON", "mỗi thứ Hai lúc 8:00", "every Monday at 8:00"},
		{"every", "0 8 * * 0", "mỗi Chủ nhật lúc 8:00", "every Sunday at 8:00"},
		{"every", "0 14 * * thu", "mỗi thứ Năm lúc 14:00", "every Thursday at 14:00"},
		{"every", "@weekly", "mỗi Chủ nhật lúc 0:00", "every Sunday at 0:00"},
		{"every", "0 8 11 * *", "hằng tháng vào ngày 11 lúc 8:00", "monthly on day 11 at 8:00"},
		{"every", "0 0 0 1 * *", "hằng tháng vào ngày 1 lúc 0:00", "monthly on day 1 at 0:00"},
		{"every", "0 8 31 * *", "hằng tháng vào ngày 31 lúc 8:00 (tháng không có ngày 31 thì không gửi)", "monthly on day 31 at 8:00 (not sent in a month without a day 31)"},
		{"every", "0 8 8 1,4,7,10 *", "hằng quý vào ngày 8 của tháng đầu quý lúc 8:00", "quarterly on day 8 of the first month of the quarter at 8:00"},
		{"every", "0 8 12 2,5,8,11 *", "hằng quý vào ngày 12 của tháng giữa quý lúc 8:00", "quarterly on day 12 of the middle month of the quarter at 8:00"},
		{"due_every", "0 17 15 3,6,9,12 *", "hằng quý vào ngày 15 của tháng cuối quý lúc 17:00", "quarterly on day 15 of the last month of the quarter at 17:00"},
		{"due_every", "0 17 15 */3 *", "hằng quý vào ngày 15 của tháng đầu quý lúc 17:00", "quarterly on day 15 of the first month of the quarter at 17:00"},
		{"due_every", "0 17 22 6,12 *", "6 tháng một lần, ngày 22 (tháng 6 và 12) lúc 17:00", "every 6 months, on day 22 (June and December) at 17:00"},
		{"due_every", "0 17 16 JUN,DEC *", "6 tháng một lần, ngày 16 (tháng 6 và 12) lúc 17:00", "every 6 months, on day 16 (June and December) at 17:00"},
		{"every", "0 8 8 3 *", "hằng năm vào ngày 8 tháng 3 lúc 8:00", "every year on March 8 at 8:00"},
		{"every", "@yearly", "hằng năm vào ngày 1 tháng 1 lúc 0:00", "every year on January 1 at 0:00"},
		{"every", "5 9 29 2 *", "hằng năm vào ngày 29 tháng 2 lúc 9:05 (tháng không có ngày 29 thì không gửi)", "every year on February 29 at 9:05 (not sent in a month without a day 29)"},

		// What the forms cannot say, as far as words go.
		{"every", "0 8,14 * * MON-FRI", "mỗi thứ Hai đến thứ Sáu lúc 8:00 và 14:00", "every Monday to Friday at 8:00 and 14:00"},
		{"every", "0 8 * * MON,WED,FRI", "mỗi thứ Hai, thứ Tư và thứ Sáu lúc 8:00", "every Monday, Wednesday and Friday at 8:00"},
		{"every", "0 8 * * SAT,SUN", "mỗi thứ Bảy và Chủ nhật lúc 8:00", "every Saturday and Sunday at 8:00"},
		{"every", "0 8 1,15 * *", "ngày 1 và 15 hằng tháng lúc 8:00", "on days 1 and 15 of every month at 8:00"},
		{"every", "0 8 1 * MON", "ngày 1 hằng tháng và mỗi thứ Hai lúc 8:00", "on day 1 of every month and every Monday at 8:00"},
		{"every", "0 8 * 1-3 MON", "mỗi thứ Hai, trong tháng 1, 2 và 3 lúc 8:00", "every Monday, in January, February and March at 8:00"},
		{"every", "0 * * * *", `theo lịch "0 * * * *"`, `on the schedule "0 * * * *"`},
		{"every", "30 8 * * * *", `theo lịch "30 8 * * * *"`, `on the schedule "30 8 * * * *"`},
		{"every", "not a spec", `theo lịch "not a spec"`, `on the schedule "not a spec"`},
		{"on", "25/11 07:00", "lúc 7:00 ngày 25/11", "on 25/11 at 7:00"},
		{"on", "25/11/2019 14:30", "lúc 14:30 ngày 25/11/2019", "on 25/11/2019 at 14:30"},
		{"on", "25/11", "ngày 25/11", "on 25/11"},
		{"on", "2019-11-25T07:00+07:00", "vào 2019-11-25T07:00+07:00", "on 2019-11-25T07:00+07:00"},
		{"before", "soon", "soon", "soon"},
	}
	for _, tt := range tests {
		t.Run(tt.key+" "+tt.value, func(t *testing.T) {
			if got := rulewords.Describe(tt.key, tt.value, lang.Vietnamese); got != tt.vi {
				t.Errorf("got %q, want %q", got, tt.vi)
			}
			if got := rulewords.Describe(tt.key, tt.value, lang.English); got != tt.en {
				t.Errorf("got %q, want %q", got, tt.en)
			}
		})
	}
}

// TestWindowWords checks the words of a reminder of a task that runs
// over days: an offset before says it counts from the start, beside the
// one before the end; the other rules read as Words says them.
func TestWindowWords(t *testing.T) {
	tests := []struct {
		key, value string
		vi, en     string
	}{
		{"before", "7d", "7 ngày trước khi bắt đầu", "7 days before the start"},
		{"before", "1wd", "1 ngày làm việc trước khi bắt đầu", "1 working day before the start"},
		{"before_end", "3d", "3 ngày trước khi kết thúc", "3 days before the end"},
		{"at", "start", "vào ngày bắt đầu", "on the first day"},
		{"every", "0 8 * * MON", "mỗi thứ Hai lúc 8:00", "every Monday at 8:00"},
		{"before", "soon", "soon", "soon"},
	}
	for _, tt := range tests {
		t.Run(tt.key+" "+tt.value, func(t *testing.T) {
			c := rulewords.Parse(tt.key, tt.value)
			if got := c.WindowWords(lang.Vietnamese); got != tt.vi {
				t.Errorf("got %q, want %q", got, tt.vi)
			}
			if got := c.WindowWords(lang.English); got != tt.en {
				t.Errorf("got %q, want %q", got, tt.en)
			}
		})
	}
}

// TestDurationWords checks the words of a grace, an overdue_every or an
// escalation's after, and that what is not a duration stays as written.
func TestDurationWords(t *testing.T) {
	tests := []struct{ in, vi, en string }{
		{"1wd", "1 ngày làm việc", "1 working day"},
		{"2wd", "2 ngày làm việc", "2 working days"},
		{"1d", "1 ngày", "1 day"},
		{"48h", "48 giờ", "48 hours"},
		{"1w", "1 tuần", "1 week"},
		{"90m", "90 phút", "90 minutes"},
		{"1.5d", "1.5d", "1.5d"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := rulewords.DurationWords(tt.in, lang.Vietnamese); got != tt.vi {
				t.Errorf("got %q, want %q", got, tt.vi)
			}
			if got := rulewords.DurationWords(tt.in, lang.English); got != tt.en {
				t.Errorf("got %q, want %q", got, tt.en)
			}
		})
	}
}

// TestDurationsWords checks a deadline's list of reminders in words.
func TestDurationsWords(t *testing.T) {
	tests := []struct {
		in     []string
		vi, en string
	}{
		{[]string{"7d", "3d", "1d"}, "7 ngày, 3 ngày và 1 ngày", "7 days, 3 days and 1 day"},
		{[]string{"2wd", "1h"}, "2 ngày làm việc và 1 giờ", "2 working days and 1 hour"},
		{[]string{"1w"}, "1 tuần", "1 week"},
		{nil, "", ""},
	}
	for _, tt := range tests {
		if got := rulewords.DurationsWords(tt.in, lang.Vietnamese); got != tt.vi {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.vi)
		}
		if got := rulewords.DurationsWords(tt.in, lang.English); got != tt.en {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.en)
		}
	}
}
