package notify

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
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
			sms := PhoneSMS(&Message{Text: tt.text}, SMSLimits{Unicode: tt.unicode, MaxSegments: tt.max})
			got := sms.Text
			wantEnc := GSM7
			if tt.unicode {
				wantEnc = UCS2 // every text here has Vietnamese letters
			}
			if sms.Segments != Segments(got) || sms.Encoding != wantEnc {
				t.Errorf("counted %d segments in %s, want %d in %s", sms.Segments, sms.Encoding, Segments(got), wantEnc)
			}
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

// realURL is the public_url of an installation: the links in SMS are as
// long as a commune's would be.
const realURL = "https://nhacviec.quangthanh.gov.vn"

// realLinks are links and codes of their real length (ack.Links with a
// secret of the tests).
var realLinks = ack.NewLinks(realURL, []byte("a secret of the tests, 32 bytes."))

// TestSMSShortening renders messages whose SMS is too long for the
// channel: what matters least goes first (the lists of units, then the
// description, the sign-off, the titles, the contact), the task's
// reference, the dates, the code and the link never.
func TestSMSShortening(t *testing.T) {
	example := func(t *testing.T) *plan.Config {
		cfg, diags := config.Load(filepath.Join("..", "config.example.yaml"))
		if diags.HasErrors() {
			t.Fatalf("config.example.yaml does not load:\n%s", diags.Render(lang.English))
		}
		return cfg
	}
	// mostLate is the escalation that names the most late units of a
	// deadline; longTitle the reminder to a supporting unit with the
	// longest title.
	mostLate := func(cfg *plan.Config, ns []plan.Notification) *plan.Notification {
		var best *plan.Notification
		for i := range ns {
			n := &ns[i]
			if n.Kind == plan.KindEscalation && n.DeadlineID != "" && slices.Contains(n.Channels, plan.ChannelSMS) &&
				(best == nil || len(n.About) > len(best.About)) {
				best = n
			}
		}
		return best
	}
	longTitle := func(cfg *plan.Config, ns []plan.Notification) *plan.Notification {
		var best *plan.Notification
		title := func(n *plan.Notification) string { return cfg.Plan(n.Plan).Task(n.Task).Title }
		for i := range ns {
			n := &ns[i]
			if n.Kind == plan.KindReminder && n.Role == plan.RoleSupport && slices.Contains(n.Channels, plan.ChannelSMS) &&
				(best == nil || len(title(n)) > len(title(best))) {
				best = n
			}
		}
		return best
	}
	before7d := func(cfg *plan.Config, ns []plan.Notification) *plan.Notification {
		return pick(t, ns, "hlhpn", "before:7d", "7d")
	}
	ownSMS := func(t *testing.T) *plan.Config {
		return withTemplates(t, lang.Vietnamese, `    templates:
      reminder:
        sms: '{{.Task.Heading}}: {{.Task.Description}} Phối hợp: {{join .Task.Support}}.'
`)
	}
	tests := []struct {
		name   string
		config func(*testing.T) *plan.Config
		pick   func(*plan.Config, []plan.Notification) *plan.Notification
		limits SMSLimits
		want   []string // in the SMS
		not    []string // not in it
	}{
		{"a long list of late units names one, then counts the others", example, mostLate, SMSLimits{MaxSegments: 2},
			[]string{"Bo phan Lao dong - Thuong binh va Xa hoi va 7 don vi khac", "(III.2)", "24/06/2019 17:00 (du kien)"},
			[]string{"Van hoa"}},
		{"with room for more, names more", example, mostLate, SMSLimits{MaxSegments: 3},
			[]string{"Bo phan Van hoa - Xa hoi, ", " va 3 don vi khac", "Bao cao dinh ky (6 thang, nam) ket qua hoat dong binh dang gioi va vi su tien bo phu nu (III.2)", "Lien he: Nguyen Van An"},
			nil},
		{"UCS-2: the title cut, its reference kept", example, mostLate, SMSLimits{Unicode: true, MaxSegments: 4},
			[]string{"và 7 đơn vị khác", "Báo cáo định kỳ (6 tháng, năm) kết quả hoạt động bình … (III.2), hạn 24/06/2019 17:00 (dự kiến)."},
			[]string{"Liên hệ"}},
		{"a long title: the sign-off goes first", example, longTitle, SMSLimits{MaxSegments: 2},
			[]string{"Lien he: Nguyen Van An 0912 345 678."},
			[]string{"UBND xa Quang Thanh."}},
		{"a plan's own SMS: the list first, the description kept", ownSMS, before7d, SMSLimits{MaxSegments: 2},
			[]string{"Phoi hop: Bo phan Van hoa - Xa hoi va 1 don vi khac.", "Treo bang ron"},
			[]string{"Hoi Lien hiep"}},
		{"a plan's own SMS: then the description, the title kept", ownSMS, before7d, SMSLimits{Unicode: true, MaxSegments: 4},
			[]string{"II.3. Tháng hành động về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới: Phối hợp: Bộ phận Văn hóa - Xã hội và 1 đơn vị khác."},
			[]string{"Treo băng rôn"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := tt.config(t)
			cfg.Channels.SMS = &plan.SMSChannel{Unicode: tt.limits.Unicode, MaxSegments: tt.limits.MaxSegments}
			n := tt.pick(cfg, notifications(cfg))
			if n == nil {
				t.Fatal("no such notification")
			}
			links := realLinks
			m, err := Render(cfg, n, plan.ChannelSMS, links)
			if err != nil {
				t.Fatal(err)
			}
			sms := PhoneSMS(m, tt.limits)
			if !fitsSMS(m.Text, tt.limits) || sms.Segments > tt.limits.MaxSegments {
				t.Errorf("rendered in %d segments, want at most %d and no cut:\n%s", sms.Segments, tt.limits.MaxSegments, sms.Text)
			}
			if tail := links.AckURL(n); !strings.HasSuffix(sms.Text, tail) || !strings.Contains(sms.Text, "OK "+links.AckCode(n)) {
				t.Errorf("lost its code or link:\n%s", sms.Text)
			}
			for _, s := range tt.want {
				if !strings.Contains(sms.Text, s) {
					t.Errorf("the SMS lacks %q:\n%s", s, sms.Text)
				}
			}
			for _, s := range tt.not {
				if strings.Contains(sms.Text, s) {
					t.Errorf("the SMS still holds %q:\n%s", s, sms.Text)
				}
			}
		})
	}
}

// TestExampleSMS renders every SMS the example configuration sends in
// its year, in both languages, with a real public_url and links and codes
// of their real length, under the default limits (GSM-7, two segments):
// each reaches the phone whole, without a character cut, in at most two
// segments, and keeps its code and link, the task's reference and the
// deadline's date.
func TestExampleSMS(t *testing.T) {
	cfg, diags := config.Load(filepath.Join("..", "config.example.yaml"))
	if diags.HasErrors() {
		t.Fatalf("config.example.yaml does not load:\n%s", diags.Render(lang.English))
	}
	cfg.Service.PublicURL = realURL
	limits := SMSLimitsOf(cfg.Channels.SMS)
	if limits != (SMSLimits{MaxSegments: 2}) {
		t.Fatalf("the example's SMS limits are %+v, want the defaults", limits)
	}
	spell := func(s string) string { return toGSM(lang.StripDiacritics(s)) }
	ns := notifications(cfg)
	count := 0
	for _, lng := range []lang.Lang{lang.Vietnamese, lang.English} {
		cfg.Service.Language = lng
		for i := range ns {
			n := &ns[i]
			if !slices.Contains(n.Channels, plan.ChannelSMS) {
				continue
			}
			count++
			m, err := Render(cfg, n, plan.ChannelSMS, realLinks)
			if err != nil {
				t.Fatalf("%s: %v", n.Rule, err)
			}
			sms := PhoneSMS(m, limits)
			if strings.Contains(sms.Text, "....") {
				t.Errorf("%s %s: a full stop after a cut title:\n%s", lng, n.Rule, sms.Text)
			}
			if sms.Segments > 2 || sms.Encoding != GSM7 || sms.Text != spell(m.Text) {
				t.Errorf("%s %s: %d segments (%s), or cut:\n%s", lng, n.Rule, sms.Segments, sms.Encoding, sms.Text)
			}
			var want []string
			p := cfg.Plan(n.Plan)
			if cfg.Units[n.Unit].Confirms() || (n.Role == plan.RoleReporter && (n.Kind == plan.KindDeadline || n.Kind == plan.KindOverdue)) {
				want = append(want, "OK "+realLinks.AckCode(n)+" ", realLinks.AckURL(n))
			}
			if task := p.Task(n.Task); task != nil {
				if ref := strings.TrimSuffix(task.Ref, "."); ref != "" {
					want = append(want, ref)
				} else {
					want = append(want, spell(string([]rune(task.Title)[:12])))
				}
			} else {
				want = append(want, spell(string([]rune(p.Title)[:12])))
			}
			if o := p.Occurrence(n.DeadlineID); o != nil {
				want = append(want, o.Due.In(p.Location).Format("02/01/2006"))
			}
			for _, w := range want {
				if !strings.Contains(sms.Text, w) {
					t.Errorf("%s %s: the SMS lacks %q:\n%s", lng, n.Rule, w, sms.Text)
				}
			}
		}
	}
	if count < 500 {
		t.Errorf("the example sends %d SMS in 2019, want the whole campaign", count)
	}
}
