package draft

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
)

// When is what a paragraph says of a task's time: a window, a day, a
// deadline, a recurrence, or nothing (an ongoing task).
type When struct {
	From, To, On string // dd/mm/yyyy
	// Before is a date the work must be done by ("trước ngày 20/12").
	Before string
	// Every is a recurrence: "month", "quarter", "half" (6 months), "year".
	Every string
	// Day is the day of the month of a stated recurrence ("trước ngày 15
	// của tháng cuối quý" → 15), 0 when the document does not say.
	Day int
	// LastMonthOfQuarter tells "tháng cuối quý".
	LastMonthOfQuarter bool
	// Tentative tells bounds the document does not state (the days around
	// Tết).
	Tentative bool
	// Quote is the phrase the time was read from.
	Quote string
	// Note explains a time worked out (the lunar calendar's Tết).
	Note string
}

// Empty tells a When with no time at all.
func (w When) Empty() bool { return w.From == "" && w.On == "" && w.Before == "" && w.Every == "" }

var (
	dmy     = `(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?`
	longDMY = `(\d{1,2}) tháng (\d{1,2})(?: năm (\d{4}))?`
	rangeRe = regexp.MustCompile(`(?i)từ(?: ngày)? ` + dmy + ` (?:đến|tới|-)(?: hết)?(?: ngày)? ` + dmy)
	rangeL  = regexp.MustCompile(`(?i)từ(?: ngày)? ` + longDMY + ` (?:đến|tới)(?: hết)?(?: ngày)? ` + longDMY)
	beforeR = regexp.MustCompile(`(?i)(?:trước|chậm nhất(?: là)?|hạn chót)(?: ngày)? ` + dmy)
	dayR    = regexp.MustCompile(`(?i)(?:vào |trong |tổ chức )?ngày ` + dmy)
	monthR  = regexp.MustCompile(`(?i)(?:trong|vào|suốt) tháng (\d{1,2})(?:\s*/\s*(\d{4})| năm (\d{4}))?`)
	quarter = regexp.MustCompile(`(?i)quý (IV|III|II|I|1|2|3|4)\b`)
	halfR   = regexp.MustCompile(`(?i)6 tháng (đầu|cuối) năm`)
	tetR    = regexp.MustCompile(`(?i)(?:trong |vào )?dịp tết nguyên đán|(?:trong |vào )?dịp tết`)
	everyR  = regexp.MustCompile(`(?i)(hằng|hàng|mỗi) (tháng|quý|năm)|định kỳ (?:hằng |hàng )?(tháng|quý|6 tháng|năm)`)
	dayOfR  = regexp.MustCompile(`(?i)(?:trước|chậm nhất|vào)(?: ngày)? (\d{1,2}) (?:của |hằng |hàng )?(tháng cuối quý|tháng|hằng tháng|hàng tháng)`)
	refR    = regexp.MustCompile(`(?i)(quyết định|chỉ thị|thông báo|nghị quyết|nghị định|thông tư|công văn|kế hoạch|luật|hướng dẫn)[^;.]{0,40}$`)
)

// dateOf makes a dd/mm/yyyy date from the matched day, month and year
// (the plan's year when the document writes none), "" if it does not exist.
func dateOf(d, m, y string, year int) string {
	day, _ := strconv.Atoi(d)
	mon, _ := strconv.Atoi(m)
	yr := year
	if y != "" {
		yr, _ = strconv.Atoi(y)
	}
	t := time.Date(yr, time.Month(mon), day, 0, 0, 0, 0, time.UTC)
	if mon < 1 || mon > 12 || t.Day() != day {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", day, mon, yr)
}

// isReference tells a date that belongs to a cited document ("Quyết
// định số 1.696/QĐ-TTg ngày 02 tháng 10 năm 2015"), not to the plan.
func isReference(text string, at int) bool {
	return refR.MatchString(text[:at])
}

// readWhen reads the time of a task from its text, for a plan of year.
func readWhen(text string, year int) When {
	var w When
	if m := rangeRe.FindStringSubmatchIndex(text); m != nil {
		s := sub(text, m)
		y1 := s[3]
		if y1 == "" {
			y1 = s[6]
		}
		w.From, w.To, w.Quote = dateOf(s[1], s[2], y1, year), dateOf(s[4], s[5], s[6], year), s[0]
		if w.From == "" || w.To == "" {
			return When{} // a date that does not exist: the officer will see the text
		}
		return w
	}
	if m := rangeL.FindStringSubmatch(text); m != nil {
		y1 := m[3]
		if y1 == "" {
			y1 = m[6]
		}
		w.From, w.To, w.Quote = dateOf(m[1], m[2], y1, year), dateOf(m[4], m[5], m[6], year), m[0]
		if w.From != "" && w.To != "" {
			return w
		}
		w = When{}
	}
	if m := dayOfR.FindStringSubmatch(text); m != nil {
		w.Day, _ = strconv.Atoi(m[1])
		w.LastMonthOfQuarter = strings.Contains(strings.ToLower(m[2]), "quý")
		w.Quote = m[0]
		if w.LastMonthOfQuarter {
			w.Every = "quarter"
		} else {
			w.Every = "month"
		}
		if e := everyR.FindStringSubmatch(text); e != nil {
			w.Quote = e[0] + " … " + m[0]
		}
		return w
	}
	if m := beforeR.FindStringSubmatchIndex(text); m != nil && !isReference(text, m[0]) {
		s := sub(text, m)
		if d := dateOf(s[1], s[2], s[3], year); d != "" {
			w.Before, w.Quote = d, s[0]
			if e := everyR.FindStringSubmatch(text); e != nil {
				w.Every = every(e)
			}
			return w
		}
	}
	if m := everyR.FindStringSubmatch(text); m != nil {
		w.Every, w.Quote = every(m), m[0]
		return w
	}
	if m := monthR.FindStringSubmatch(text); m != nil {
		mon, _ := strconv.Atoi(m[1])
		y := year
		if m[2]+m[3] != "" {
			y, _ = strconv.Atoi(m[2] + m[3])
		}
		if mon >= 1 && mon <= 12 {
			last := time.Date(y, time.Month(mon)+1, 0, 0, 0, 0, 0, time.UTC).Day()
			w.From, w.To, w.Quote = fmt.Sprintf("01/%02d/%d", mon, y), fmt.Sprintf("%02d/%02d/%d", last, mon, y), m[0]
			return w
		}
	}
	if m := quarter.FindStringSubmatch(text); m != nil {
		q := map[string]int{"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}[strings.ToUpper(m[1])]
		last := time.Date(year, time.Month(3*q)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		w.From, w.To, w.Quote = fmt.Sprintf("01/%02d/%d", 3*q-2, year), fmt.Sprintf("%02d/%02d/%d", last, 3*q, year), m[0]
		return w
	}
	if m := halfR.FindStringSubmatch(text); m != nil {
		w.From, w.To, w.Quote = fmt.Sprintf("01/01/%d", year), fmt.Sprintf("30/06/%d", year), m[0]
		if strings.EqualFold(m[1], "cuối") {
			w.From, w.To = fmt.Sprintf("01/07/%d", year), fmt.Sprintf("31/12/%d", year)
		}
		return w
	}
	if m := tetR.FindString(text); m != "" {
		tet := calendar.LunarNewYear(year)
		from, to := tet.AddDays(-7), tet.AddDays(7)
		w.From, w.To, w.Quote, w.Tentative = ddmmyyyy(from), ddmmyyyy(to), m, true
		w.Note = ddmmyyyy(tet)
		return w
	}
	for _, m := range dayR.FindAllStringSubmatchIndex(text, -1) {
		if isReference(text, m[0]) {
			continue
		}
		s := sub(text, m)
		if s[3] != "" && s[3] != strconv.Itoa(year) {
			continue
		}
		if d := dateOf(s[1], s[2], s[3], year); d != "" {
			w.On, w.Quote = d, s[0]
			return w
		}
	}
	return w
}

func ddmmyyyy(d calendar.Date) string {
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
}

// sub returns the submatches of text at the indexes m.
func sub(text string, m []int) []string {
	out := make([]string, len(m)/2)
	for i := range out {
		if m[2*i] >= 0 {
			out[i] = text[m[2*i]:m[2*i+1]]
		}
	}
	return out
}

func every(m []string) string {
	s := strings.ToLower(m[2] + m[3])
	switch {
	case strings.Contains(s, "6"):
		return "half"
	case strings.Contains(s, "quý"):
		return "quarter"
	case strings.Contains(s, "năm"):
		return "year"
	}
	return "month"
}

func itoa(n int) string { return strconv.Itoa(n) }
