package ics

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"
)

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"a", "a"},
		{`a\b;c,d`, `a\\b\;c\,d`},
		{"a\r\nb\nc\rd", `a\nb\nc` + "\rd"}, // a lone CR stays
		{"\r\r\n\n\r", "\r" + `\n\n` + "\r"},
		{"Hội LHPN; Đoàn TN, xã", `Hội LHPN\; Đoàn TN\, xã`},
	}
	for _, tt := range tests {
		if got := Escape(tt.in); got != tt.want {
			t.Errorf("Escape(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLineKeepsCharactersWhole(t *testing.T) {
	tests := []string{
		"DESCRIPTION:" + strings.Repeat("Bình đẳng giới ", 20),
		"SUMMARY:" + strings.Repeat("đ", 100), // two octets each: no cut at 75 fits
		"UID:short",
	}
	for _, long := range tests {
		var b strings.Builder
		Line(&b, long)
		out := b.String()
		for _, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(l) > 75 {
				t.Errorf("line of %d octets, over 75", len(l))
			}
			if !utf8.ValidString(l) {
				t.Errorf("line cut inside a character: %q", l)
			}
		}
		if got := strings.ReplaceAll(out, "\r\n ", ""); got != long+"\r\n" {
			t.Errorf("unfolded: got %q, want %q", got, long)
		}
	}
}

func TestDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{-15 * time.Minute, "-PT15M"},
		{-(6*24*time.Hour + 16*time.Hour + 30*time.Minute), "-P6DT16H30M"},
		{-3 * 24 * time.Hour, "-P3D"},
		{7*time.Hour + 30*time.Minute, "PT7H30M"},
		{0, "PT0S"},
		{-90 * time.Second, "-PT1M30S"},
	}
	for _, tt := range tests {
		if got := Duration(tt.d); got != tt.want {
			t.Errorf("Duration(%v): got %q, want %q", tt.d, got, tt.want)
		}
		p := ical.NewProp(ical.PropTrigger)
		p.Value = tt.want
		if back, err := p.Duration(); err != nil || back != tt.d {
			t.Errorf("go-ical reads %q as %v (%v), want %v", tt.want, back, err, tt.d)
		}
	}
}
