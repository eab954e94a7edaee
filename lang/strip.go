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

// Slug makes an id from text: its first maxWords words (all when
// maxWords is 0), lower case, without diacritics, joined by hyphens;
// anything but an ASCII letter or digit separates words ("Hội Liên hiệp
// Phụ nữ" → "hoi-lien-hiep-phu-nu", "LĐ-TB&XH" → "ld-tb-xh"). It is ""
// when text has no letter or digit.
func Slug(text string, maxWords int) string {
	words := strings.FieldsFunc(strings.ToLower(StripDiacritics(text)), func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	})
	if maxWords > 0 && len(words) > maxWords {
		words = words[:maxWords]
	}
	return strings.Join(words, "-")
}
