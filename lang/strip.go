package lang

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// StripDiacritics turns Vietnamese text into plain ASCII letters
// ("Đã hoàn thành" → "Da hoan thanh"), for SMS in GSM-7 and for ids.
// Đ and đ have no Unicode decomposition, so they are mapped by hand.
func StripDiacritics(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.NewReplacer("đ", "d", "Đ", "D").Replace(out)
}
