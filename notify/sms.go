package notify

import (
	"strings"
	"text/template"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// SMSLimits are the settings of the SMS channel that shape what the phone
// receives.
type SMSLimits struct {
	// Unicode sends Vietnamese letters as they are (UCS-2, 70 characters
	// a segment) instead of stripping their diacritics (GSM-7, 160).
	Unicode bool
	// MaxSegments is the most segments one SMS takes; less than 1
	// counts as 1.
	MaxSegments int
}

// DefaultMaxSegments is the channel's max_segments when no SMS channel
// is configured (the outbox takes its place).
const DefaultMaxSegments = 2

// SMSLimitsOf returns the limits of the SMS channel ch, or, for a
// channel not configured (nil), the defaults: diacritics stripped, two
// segments.
func SMSLimitsOf(ch *plan.SMSChannel) SMSLimits {
	if ch == nil {
		return SMSLimits{MaxSegments: DefaultMaxSegments}
	}
	return SMSLimits{Unicode: ch.Unicode, MaxSegments: ch.MaxSegments}
}

func (l SMSLimits) max() int { return max(l.MaxSegments, 1) }

// The encodings of an SMS.
const (
	GSM7 = "GSM-7" // the GSM 03.38 7-bit alphabet: 160 characters alone, 153 a segment
	UCS2 = "UCS-2" // UTF-16 code units: 70 alone, 67 a segment
)

// SMS is a message as the phone receives it.
type SMS struct {
	Text     string // what the relay sends
	Segments int    // how many segments the phone puts together
	Encoding string // GSM7 or UCS2
}

// PhoneSMS decides what the phone receives of the SMS message m under
// the limits l: the relays send it and the outbox writes it, so the two
// never differ. The text is without Vietnamese diacritics unless
// l.Unicode, in the GSM 7-bit alphabet then (anything outside it becomes
// "?"), and cut to at most l.MaxSegments segments. Render already made
// m.Text fit by shortening what matters least (see renderSMS); only a
// text that still does not fit, from a plan's own template say, is cut
// here: its body at a word boundary, marked "...", while the last line,
// with the acknowledgement code and link, is kept whole, even when it
// alone is longer than the limit allows.
func PhoneSMS(m *Message, l SMSLimits) SMS {
	body, tail := splitSMS(m.Text)
	if !l.Unicode {
		body, tail = toGSM(lang.StripDiacritics(body)), toGSM(lang.StripDiacritics(tail))
	}
	text := joinSMS(body, tail)
	if Segments(text) > l.max() {
		text = cutSMS(body, tail, l.max())
	}
	enc := UCS2
	if isGSM(text) {
		enc = GSM7
	}
	return SMS{Text: text, Segments: Segments(text), Encoding: enc}
}

// fitsSMS reports whether text reaches the phone whole under l: PhoneSMS
// has nothing to cut.
func fitsSMS(text string, l SMSLimits) bool {
	if !l.Unicode {
		text = toGSM(lang.StripDiacritics(text))
	}
	return Segments(text) <= l.max()
}

// renderSMS renders the SMS of v with the templates of set: one
// paragraph, then the code and link alone on the last line, where
// PhoneSMS never cuts. A text that would not reach the phone whole under
// l is rendered again, shorter each time, until it fits: first the lists
// of units name fewer units and "và 6 đơn vị khác", then the task's
// description goes, then the sign-off, then the titles are shortened and
// the contact line goes. The task's reference, the dates, the code and
// the link are never touched; what still does not fit is PhoneSMS's to
// cut.
func renderSMS(set *template.Template, v *view, l SMSLimits) (string, error) {
	var counted *template.Template // set, cloned once to join fewer names
	render := func(v *view, names int) (string, error) {
		t := set
		if names > 0 {
			if counted == nil {
				c, err := set.Clone()
				if err != nil {
					return "", err
				}
				counted = c
			}
			t = counted.Funcs(template.FuncMap{"join": joinAtMost(v.Lang, names)})
		}
		body, err := execute(t, "sms", v)
		if err != nil {
			return "", err
		}
		tail, err := execute(t, "smsack", v)
		if err != nil {
			return "", err
		}
		// A title cut short ends in "…": no full stop after it.
		body = strings.ReplaceAll(OneLine(body), "….", "…")
		return joinSMS(body, OneLine(tail)), nil
	}
	text, err := render(v, 0)
	if err != nil || fitsSMS(text, l) {
		return text, err
	}
	names := 0
	for k := longestList(v) - 1; k >= 1; k-- {
		if text, err = render(v, k); err != nil || fitsSMS(text, l) {
			return text, err
		}
		names = k
	}
	w := v.copy()
	for _, shorten := range []func(*view){
		func(w *view) {
			if w.Task != nil {
				w.Task.Description = ""
			}
		},
		func(w *view) { w.Plan.Issuer = "" },
		shortTitles(60),
		func(w *view) { w.Contact = nil },
		shortTitles(40),
		shortTitles(24),
	} {
		shorten(w)
		if text, err = render(w, names); err != nil || fitsSMS(text, l) {
			return text, err
		}
	}
	return text, nil
}

// joinAtMost joins a list of unit names as join does, naming at most n
// of them and counting the others: "A, B và 6 đơn vị khác".
func joinAtMost(lng lang.Lang, n int) func([]string) string {
	return func(list []string) string {
		if len(list) <= n {
			return joinNames(list)
		}
		more := lang.Message{Key: "sms.units.more", Args: []any{len(list) - n}}
		if len(list)-n == 1 {
			more = lang.Message{Key: "sms.units.one"}
		}
		return joinNames(list[:n]) + " " + more.Text(lng)
	}
}

// longestList is the length of the longest list of units v holds.
func longestList(v *view) int {
	n := len(v.Late)
	if d := v.Deadline; d != nil {
		n = max(n, len(d.To), len(d.By))
	}
	if t := v.Task; t != nil {
		n = max(n, len(t.Lead), len(t.Support))
	}
	return n
}

// copy returns a copy of v whose task and deadline can be changed
// without changing v's.
func (v *view) copy() *view {
	w := *v
	if v.Task != nil {
		t := *v.Task
		w.Task = &t
	}
	if v.Deadline != nil {
		d := *v.Deadline
		w.Deadline = &d
	}
	return &w
}

// shortTitles returns a step that cuts the titles of a view to n
// characters: the task's (its reference kept whole in the heading), the
// deadline's and the plan's.
func shortTitles(n int) func(*view) {
	return func(w *view) {
		if t := w.Task; t != nil {
			t.Title = shorten(n, t.Title)
			t.Heading = t.Title
			if t.Ref != "" {
				t.Heading = t.Ref + ". " + t.Title
			}
		}
		if d := w.Deadline; d != nil {
			d.Title = shorten(n, d.Title)
		}
		w.Plan.Title = shorten(n, w.Plan.Title)
	}
}

// splitSMS splits an SMS text into its body and its last line, the code
// and link; a text of one line is all body.
func splitSMS(text string) (body, tail string) {
	if i := strings.LastIndexByte(text, '\n'); i >= 0 {
		return text[:i], text[i+1:]
	}
	return text, ""
}

func joinSMS(body, tail string) string {
	switch {
	case tail == "":
		return body
	case body == "":
		return tail
	}
	return body + "\n" + tail
}

// cutSMS joins the longest start of body that fits in maxSegments with
// tail.
func cutSMS(body, tail string, maxSegments int) string {
	// The longest prefix of the body that fits, found by bisection: a
	// longer prefix never takes fewer segments.
	runes := []rune(body)
	cut := func(k int) string {
		if k == 0 {
			return ""
		}
		return strings.TrimRight(string(runes[:k]), " ,;:.-") + "..."
	}
	lo, hi := 0, len(runes) // cut(lo) fits, cut(hi) does not
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if Segments(joinSMS(cut(mid), tail)) <= maxSegments {
			lo = mid
		} else {
			hi = mid
		}
	}
	k := lo
	// End on a whole word when one ends near the cut.
	for i := k; i > 0 && i > k-20; i-- {
		if runes[i] == ' ' {
			k = i
			break
		}
	}
	return joinSMS(cut(k), tail)
}

// Segments counts the SMS segments text takes: GSM 7-bit when every
// character is in that alphabet (160 septets alone, 153 a segment when
// concatenated; the extension characters take two), UCS-2 otherwise (70
// code units alone, 67 concatenated). A character is never split between
// two segments.
func Segments(text string) int {
	gsm := isGSM(text)
	single, part := 70, 67
	if gsm {
		single, part = 160, 153
	}
	total := 0
	for _, r := range text {
		total += units(r, gsm)
	}
	if total <= single {
		return 1
	}
	n, used := 1, 0
	for _, r := range text {
		c := units(r, gsm)
		if used+c > part {
			n++
			used = 0
		}
		used += c
	}
	return n
}

// units is the septets (GSM) or UTF-16 code units (UCS-2) r takes.
func units(r rune, gsm bool) int {
	if gsm {
		return gsmSeptets[r]
	}
	if r >= 0x10000 {
		return 2
	}
	return 1
}

// The GSM 03.38 default alphabet and its extension table (characters
// sent as an escape and a second septet).
const (
	gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
		"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
	gsmExtension = "\f^{}\\[~]|€"
)

// gsmSeptets maps each character of the alphabet to the septets it takes.
var gsmSeptets = func() map[rune]int {
	m := map[rune]int{}
	for _, r := range gsmBasic {
		m[r] = 1
	}
	for _, r := range gsmExtension {
		m[r] = 2
	}
	return m
}()

func isGSMRune(r rune) bool {
	_, ok := gsmSeptets[r]
	return ok
}

func isGSM(s string) bool {
	for _, r := range s {
		if !isGSMRune(r) {
			return false
		}
	}
	return true
}

// gsmLookalikes are typographic characters the templates use, and their
// nearest GSM 7-bit spelling.
var gsmLookalikes = strings.NewReplacer(
	"—", "-", "–", "-", "…", "...", "«", "\"", "»", "\"", "“", "\"", "”", "\"",
	"‘", "'", "’", "'", "\u00a0", " ", "•", "-", "·", ".", "\t", " ",
)

// toGSM spells text in the GSM 7-bit alphabet: look-alikes replaced,
// anything else "?".
func toGSM(text string) string {
	text = gsmLookalikes.Replace(text)
	if isGSM(text) {
		return text
	}
	var b strings.Builder
	for _, r := range text {
		if !isGSMRune(r) {
			r = '?'
		}
		b.WriteRune(r)
	}
	return b.String()
}
