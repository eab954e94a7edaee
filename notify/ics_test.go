package notify

import (
	"strings"
	"testing"
)

// FuzzICSEscape holds ICSEscape, written in one pass, to its definition
// as a replacer.
func FuzzICSEscape(f *testing.F) {
	for _, s := range []string{"", "a", `a\b;c,d`, "a\r\nb\nc\rd", "\r\r\n\n\r", "Hội LHPN; Đoàn TN, xã"} {
		f.Add(s)
	}
	replacer := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := ICSEscape(s), replacer.Replace(s); got != want {
			t.Errorf("ICSEscape(%q) = %q, want %q", s, got, want)
		}
	})
}
