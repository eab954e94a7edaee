package notify

import (
	"strings"

	"github.com/nhacviec/nhacviec/lang"
)

// SMSText returns the text of an SMS message m as it is sent: without
// Vietnamese diacritics unless unicode, in the GSM 7-bit alphabet then
// (anything outside it becomes "?"), and cut to at most maxSegments
// segments (at least one). Only the body is cut, at a word boundary and
// marked "...": the last line, with the acknowledgement code and link, is
// kept whole, even when it alone is longer than maxSegments allow.
func SMSText(m *Message, unicode bool, maxSegments int) string {
	body, tail := m.Text, ""
	if i := strings.LastIndexByte(m.Text, '\n'); i >= 0 {
		body, tail = m.Text[:i], m.Text[i+1:]
	}
	if !unicode {
		body, tail = toGSM(lang.StripDiacritics(body)), toGSM(lang.StripDiacritics(tail))
	}
	if maxSegments < 1 {
		maxSegments = 1
	}
	join := func(body string) string {
		switch {
		case tail == "":
			return body
		case body == "":
			return tail
		}
		return body + "\n" + tail
	}
	if full := join(body); Segments(full) <= maxSegments {
		return full
	}
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
		if Segments(join(cut(mid))) <= maxSegments {
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
	return join(cut(k))
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
	return utf16Len(r)
}

func utf16Len(r rune) int {
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
