package draft

import (
	"regexp"
	"strings"
)

// Kinds of outline item, from the top of the outline down.
const (
	itemText   = iota // a paragraph without a label: continues the item before
	itemRoman         // I., II.: a part of the plan
	itemNumber        // 1., 2.: an item of a part
	itemLetter        // a), b): a sub-item
	itemDash          // - or •: a point
)

// item is a paragraph's place in the outline.
type item struct {
	kind  int
	label string // "II", "3", "a", "" for dashes and text
	text  string // without its label
	para  Paragraph
}

var (
	romanRe  = regexp.MustCompile(`^([IVX]{1,5})\s*[.)/]\s*(.*)$`)
	numberRe = regexp.MustCompile(`^(\d{1,2})\s*[.)]\s*(\D.*|)$`)
	letterRe = regexp.MustCompile(`^([a-zđ])\s*[).]\s+(.*)$`)
	dashRe   = regexp.MustCompile(`^[-–—•+*·]\s*(.*)$`)
)

// classify finds a paragraph's place in the outline, by the label typed
// in its text or given by its automatic numbering.
func classify(p Paragraph) item {
	s := strings.TrimSpace(p.Full())
	if m := romanRe.FindStringSubmatch(s); m != nil {
		return item{kind: itemRoman, label: m[1], text: m[2], para: p}
	}
	if m := numberRe.FindStringSubmatch(s); m != nil {
		return item{kind: itemNumber, label: m[1], text: m[2], para: p}
	}
	if m := letterRe.FindStringSubmatch(s); m != nil {
		return item{kind: itemLetter, label: m[1], text: m[2], para: p}
	}
	if m := dashRe.FindStringSubmatch(s); m != nil {
		return item{kind: itemDash, text: m[1], para: p}
	}
	return item{kind: itemText, text: s, para: p}
}

// purposeRe names the parts of a plan that are not work to do: its
// purpose and requirements, its grounds.
var purposeRe = regexp.MustCompile(`(?i)^(mục đích|mục tiêu|yêu cầu|căn cứ|quan điểm|đặc điểm|tình hình|kết quả)`)

// node is an item of the outline that becomes a task: its own paragraph
// and the paragraphs that continue it.
type node struct {
	ref    string // II.4.a
	id     string // ii-4-a-1
	head   item
	more   []item
	parent *node  // the numbered item a point belongs to, for its time
	lead   *Unit  // the unit a lettered heading names ("a) Bộ phận …")
	text   string // head and continuations, joined
}

// title is the first clause of a task's text, at most about 140
// characters, cut at a word.
func title(text string) string {
	t := text
	if i := strings.IndexAny(t, ";:"); i > 0 {
		t = t[:i]
	}
	if i := strings.Index(t, ". "); i > 0 {
		t = t[:i]
	}
	t = strings.TrimRight(strings.TrimSpace(t), ".,;:")
	t = strings.TrimSuffix(strings.TrimSpace(strings.TrimSuffix(t, "Cụ thể")), ".")
	if r := []rune(t); len(r) > 140 {
		cut := string(r[:140])
		if i := strings.LastIndex(cut, " "); i > 60 {
			cut = cut[:i]
		}
		t = strings.TrimRight(cut, " ,;") + " …"
	}
	return upperFirst(t)
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

// sentenceCase turns a title typed in capitals into a sentence ("PHÓ
// CHỦ TỊCH" → "Phó chủ tịch"), leaving a mixed-case one alone.
func sentenceCase(s string) string {
	if strings.ToUpper(s) != s {
		return s
	}
	return upperFirst(strings.ToLower(s))
}
