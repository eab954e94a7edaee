package notify

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nhacviec/nhacviec/lang"
)

func TestSegments(t *testing.T) {
	tests := []struct {
		name string
		text string
		want int
	}{
		{"empty", "", 1},
		{"160 GSM characters fit one", strings.Repeat("a", 160), 1},
		{"161 take two", strings.Repeat("a", 161), 2},
		{"306 take two", strings.Repeat("a", 306), 2},
		{"307 take three", strings.Repeat("a", 307), 3},
		{"an extension character counts two", strings.Repeat("a", 159) + "€", 2},
		{"an escape pair is never split", strings.Repeat("a", 152) + "{" + strings.Repeat("a", 152), 3},
		{"70 UCS-2 characters fit one", strings.Repeat("ă", 70), 1},
		{"71 take two", strings.Repeat("ă", 71), 2},
		{"134 take two", strings.Repeat("ă", 134), 2},
		{"135 take three", strings.Repeat("ă", 135), 3},
		{"one Vietnamese letter makes it all UCS-2", strings.Repeat("a", 70) + "ư", 2},
		{"a surrogate pair is never split", strings.Repeat("ă", 66) + "😀" + strings.Repeat("ă", 66), 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Segments(tt.text); got != tt.want {
				t.Errorf("Segments = %d, want %d", got, tt.want)
			}
		})
	}
}

const (
	smsTail = "Trả lời OK 4821 (đã nhận), XONG 4821 (đã nộp báo cáo). http://127.0.0.1:8080/a/Tc8c16fcf043696c9"
	smsBody = "[Hạn báo cáo] Báo cáo kết quả Tháng hành động về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới (II.3): hạn 20/12/2019 17:00, gửi Ban Vì sự tiến bộ của phụ nữ xã, Bộ phận Văn hóa - Xã hội, Hội Liên hiệp Phụ nữ xã, Mặt trận Tổ quốc xã, Đoàn Thanh niên xã. UBND xã Quảng Thành."
)

func TestPhoneSMS(t *testing.T) {
	stripped := func(s string) string { return toGSM(stripForTest(s)) }
	tests := []struct {
		name     string
		text     string
		unicode  bool
		max      int
		want     string // the whole result, when given
		wantTail string // the last line, when the body is cut
		minLen   int    // the cut keeps at least this many characters
	}{
		{name: "short text, diacritics stripped", text: "Nhắc việc: Đã nhận.\nTrả lời OK 12", max: 1,
			want: "Nhac viec: Da nhan.\nTra loi OK 12"},
		{name: "short text, unicode kept", text: "Nhắc việc: Đã nhận.\nTrả lời OK 12", unicode: true, max: 1,
			want: "Nhắc việc: Đã nhận.\nTrả lời OK 12"},
		{name: "typography spelled in GSM", text: "Hạn — «gấp»… 中\nOK 1", max: 1,
			want: "Han - \"gap\"... ?\nOK 1"},
		{name: "GSM, two segments: the body is cut, the code kept", text: smsBody + "\n" + smsTail, max: 2,
			wantTail: stripped(smsTail), minLen: 2*153 - 20},
		{name: "GSM, one segment", text: smsBody + "\n" + smsTail, max: 1,
			wantTail: stripped(smsTail), minLen: 160 - 20},
		{name: "zero segments means one", text: smsBody + "\n" + smsTail, max: 0,
			wantTail: stripped(smsTail), minLen: 160 - 20},
		{name: "UCS-2, two segments", text: smsBody + "\n" + smsTail, unicode: true, max: 2,
			wantTail: smsTail, minLen: 2*67 - 20},
		{name: "UCS-2, three segments", text: smsBody + "\n" + smsTail, unicode: true, max: 3,
			wantTail: smsTail, minLen: 3*67 - 20},
		{name: "a code line too long for the limit is kept whole, the body dropped", text: smsBody + "\n" + smsTail, unicode: true, max: 1,
			want: smsTail},
		{name: "without a code line the whole text is body", text: smsBody, max: 1,
			minLen: 160 - 20},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := PhoneSMS(&Message{Text: tt.text}, SMSLimits{Unicode: tt.unicode, MaxSegments: tt.max}).Text
			if tt.want != "" && got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			max := max(tt.max, 1)
			if tt.want == "" && Segments(got) > max {
				t.Errorf("got %d segments, want at most %d: %q", Segments(got), max, got)
			}
			if !tt.unicode && !isGSM(got) {
				t.Errorf("not GSM 7-bit: %q", got)
			}
			if tt.wantTail != "" {
				i := strings.LastIndexByte(got, '\n')
				if i < 0 || got[i+1:] != tt.wantTail {
					t.Fatalf("last line of %q, want %q", got, tt.wantTail)
				}
				checkCut(t, got[:i], tt.text[:strings.LastIndexByte(tt.text, '\n')], tt.unicode)
			} else if tt.want == "" {
				checkCut(t, got, tt.text, tt.unicode)
			}
			if tt.minLen > 0 && utf8.RuneCountInString(got) < tt.minLen {
				t.Errorf("got %d characters, want at least %d: the cut wastes room: %q", utf8.RuneCountInString(got), tt.minLen, got)
			}
		})
	}
}

// checkCut checks that body is the start of orig, cut at a word and marked.
func checkCut(t *testing.T, body, orig string, unicode bool) {
	t.Helper()
	if !unicode {
		orig = toGSM(stripForTest(orig))
	}
	kept, ok := strings.CutSuffix(body, "...")
	if !ok || !strings.HasPrefix(orig, kept) {
		t.Fatalf("body %q is not a marked start of %q", body, orig)
	}
	if next := orig[len(kept):]; next != "" && next[0] != ' ' && !strings.HasPrefix(strings.TrimLeft(next, ",;:.-"), " ") {
		t.Errorf("cut inside a word: %q|%q", kept, next)
	}
}

func stripForTest(s string) string { return lang.StripDiacritics(s) }
