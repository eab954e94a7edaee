package draft

import (
	"slices"
	"strings"
)

// roles are the units a text names, by what it asks of them.
type roles struct {
	lead, support, reportTo []string
}

// markers are the words before a unit that say its role, found by
// looking back from the unit to the clause's start; the nearest wins.
var markers = []struct {
	words string
	role  string
}{
	{"phoi hop cua", "lead"},
	{"phoi hop voi", "support"},
	{"phoi hop", "support"},
	{"chu tri", "lead"},
	{"giao", "lead"},
	{"de nghi", "lead"},
	{"yeu cau", "lead"},
	{"chi dao", "support"},
	{"tham muu", "none"},
	{"kien nghi voi", "none"},
	{"cho", "to"},
	{"ve", "to"},
	{"len", "to"},
	{"gui", "to"},
	{"qua", "to"},
	{"bao cao", "to"},
	{"tai", "none"},
	{"o", "none"},
	{"tai cac", "none"},
}

// roles reads who leads, who supports and who receives reports in text.
func (b *builder) roles(text string, src Source) roles {
	var r roles
	hits, words := b.m.find(text, src)
	for _, h := range hits {
		role := roleAt(words, h.pos)
		id := h.unit.ID
		switch role {
		case "lead":
			r.lead = appendNew(r.lead, id)
		case "support":
			r.support = appendNew(r.support, id)
		case "to":
			r.reportTo = appendNew(r.reportTo, id)
		case "subject":
			r.lead = appendNew(r.lead, id)
		}
	}
	r.support = slices.DeleteFunc(r.support, func(s string) bool { return slices.Contains(r.lead, s) })
	return r
}

// lookBack is how far back from a unit its role's marker is looked for.
const lookBack = 40

// roleAt is the role of the unit at words[pos]: "lead", "support", "to"
// (a report's recipient), "subject" (it opens the sentence: it does the
// work), or "none".
func roleAt(words []string, pos int) string {
	// After the unit: "X chủ trì", "X chủ động phối hợp".
	after := strings.Join(words[pos:min(len(words), pos+12)], " ")
	start := 0
	for i := pos - 1; i >= 0; i-- {
		if words[i] == ";" || words[i] == "." {
			start = i + 1
			break
		}
	}
	pre := words[start:pos]
	report := false
	for _, w := range pre {
		if w == "cao" {
			report = true // "báo cáo" earlier in the clause
		}
	}
	// The nearest marker, looking back at most lookBack words.
	for i := len(pre); i > 0 && i > len(pre)-lookBack; i-- {
		for _, mk := range markers {
			mw := strings.Fields(mk.words)
			if i < len(mw) || !slices.Equal(pre[i-len(mw):i], mw) {
				continue
			}
			if mk.role == "to" && !report {
				continue
			}
			if mk.role == "support" && strings.Contains(" "+after+" ", " chu tri ") {
				return "lead"
			}
			return mk.role
		}
		if pre[i-1] == "cua" && i == len(pre) {
			return "none" // "sự tham gia của …": named, not asked
		}
	}
	if strings.Contains(" "+after+" ", " chu tri ") || strings.Contains(" "+after+" ", " chu dong ") {
		return "lead"
	}
	if start == 0 && subject(pre) {
		return "subject"
	}
	return "support"
}

func appendNew(list []string, id string) []string {
	if slices.Contains(list, id) {
		return list
	}
	return append(list, id)
}

// subject tells the words before a unit that leave it the subject of its
// sentence: nothing but other units (blanked), commas and "các", "và",
// after an opening "Căn cứ …,".
func subject(pre []string) bool {
	// An opening "Căn cứ …," or a time ("Hằng tháng,", "Định kỳ hằng
	// quý,") before the subject.
	if i := slices.Index(pre, ","); i >= 0 && (len(pre) >= 2 && pre[0] == "can" && pre[1] == "cu" || i <= 6 && !slices.Contains(pre[:i], "")) {
		pre = pre[i+1:]
	}
	for _, w := range pre {
		switch w {
		case "", ",", "cac", "va", "cung", "tat", "ca":
		default:
			return false
		}
	}
	return true
}
