package notify

import "testing"

func TestICSEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"a", "a"},
		{`a\b;c,d`, `a\\b\;c\,d`},
		{"a\r\nb\nc\rd", `a\nb\nc` + "\rd"}, // a lone CR stays
		{"\r\r\n\n\r", "\r" + `\n\n` + "\r"},
		{"Hội LHPN; Đoàn TN, xã", `Hội LHPN\; Đoàn TN\, xã`},
	}
	for _, tt := range tests {
		if got := ICSEscape(tt.in); got != tt.want {
			t.Errorf("ICSEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
