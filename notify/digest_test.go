package notify

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// testDigest is the digest of 23/12/2019 of the test plan: two units late
// on the month's report (one escalated), one email rejected, one SMS
// missed. Times are in UTC: the message shows them in the plan's zone.
func testDigest(cfg *plan.Config) *Digest {
	ict := func(s string) time.Time {
		t, err := time.ParseInLocation("02/01/2006 15:04", s, time.FixedZone("ICT", 7*3600))
		if err != nil {
			panic(err)
		}
		return t.UTC()
	}
	p := cfg.Plan("bdg-2019")
	heading := TaskHeading(p, "thang-hanh-dong")
	return &Digest{
		ID:    plan.NotificationID(p.ID, "", "digest", ict("23/12/2019 07:30"), p.Owner),
		Plan:  p.ID,
		Day:   ict("23/12/2019 07:30"),
		Since: ict("20/12/2019 07:30"),
		Until: ict("23/12/2019 07:30"),
		Late: []LateItem{
			{Unit: cfg.UnitName("ldtbxh"), Task: heading, Deadline: "Báo cáo kết quả Tháng hành động", Due: ict("20/12/2019 17:00"), DaysLate: 3, Escalated: true},
			{Unit: cfg.UnitName("hlhpn"), Task: heading, Deadline: "Báo cáo kết quả Tháng hành động", Due: ict("20/12/2019 17:00"), DaysLate: 3},
		},
		Failed: []DeliveryItem{
			{Unit: cfg.UnitName("vhxh"), Task: heading, Kind: string(plan.KindDeadline), Channel: plan.ChannelEmail, Due: ict("20/12/2019 07:30"), Error: "550 5.1.1 no such user"},
		},
		Missed: []DeliveryItem{
			{Unit: cfg.UnitName("hlhpn"), Task: heading, Kind: string(plan.KindOverdue), Channel: plan.ChannelSMS, Due: ict("21/12/2019 17:00"), Error: "late by 50h0m0s, more than catchup 48h0m0s"},
		},
	}
}

// TestRenderDigestGolden renders the test digest on both channels of the
// owner, in both languages, against testdata.
func TestRenderDigestGolden(t *testing.T) {
	want := map[lang.Lang][]string{
		lang.Vietnamese: {
			"[Tổng hợp] Kế hoạch hoạt động bình đẳng … — ngày 23/12/2019: 2 đơn vị chậm báo cáo, 1 tin gửi lỗi, 1 tin bị lỡ",
			"Hội Liên hiệp Phụ nữ xã: Báo cáo kết quả Tháng hành động, hạn 20/12/2019 17:00, đã quá hạn 3 ngày",
			"đã báo lên cấp trên", "550 5.1.1 no such user", "từ 20/12/2019 07:30",
			"http://127.0.0.1:8080/plan/bdg-2019", "xem email/bảng theo dõi"},
		lang.English: {
			"[Digest] Kế hoạch hoạt động bình đẳng … — 23/12/2019: 2 units late reporting, 1 failed message, 1 missed message",
			"Hội Liên hiệp Phụ nữ xã: Báo cáo kết quả Tháng hành động, due 20/12/2019 17:00, 3 days overdue",
			"escalated to superiors", "550 5.1.1 no such user", "since 20/12/2019 07:30",
			"http://127.0.0.1:8080/plan/bdg-2019", "see the email or the dashboard"},
	}
	for _, lng := range []lang.Lang{lang.Vietnamese, lang.English} {
		t.Run(string(lng), func(t *testing.T) {
			cfg := loadConfig(t, lng)
			p := cfg.Plan("bdg-2019")
			d := testDigest(cfg)
			var out bytes.Buffer
			var all strings.Builder
			for _, ch := range cfg.Units[p.Owner].Channels {
				m, err := RenderDigest(cfg, p, d, ch)
				if err != nil {
					t.Fatalf("RenderDigest %s: %v", ch, err)
				}
				checkDigestMessage(t, m, d)
				dump(&out, m)
				all.WriteString(m.Subject + "\n" + m.Text)
			}
			for _, w := range want[lng] {
				if !strings.Contains(all.String(), w) {
					t.Errorf("digest does not say %q:\n%s", w, out.String())
				}
			}
			golden(t, filepath.Join("testdata", "digest-"+string(lng)+".golden"), out.Bytes())
		})
	}
}

// checkDigestMessage checks what holds for every digest message.
func checkDigestMessage(t *testing.T, m *Message, d *Digest) {
	t.Helper()
	if m.ID != d.ID || m.Unit != "ldtbxh" || len(m.To) == 0 {
		t.Errorf("message %s to %s with %d addresses, want %s to ldtbxh", m.ID, m.Unit, len(m.To), d.ID)
	}
	if got := m.Headers["X-Nhacviec-Kind"]; got != string(KindDigest) {
		t.Errorf("X-Nhacviec-Kind %q, want %q", got, KindDigest)
	}
	switch m.Channel {
	case plan.ChannelSMS:
		if strings.Contains(m.Text, "\n") || m.Subject != "" || m.HTML != "" {
			t.Errorf("SMS is not one paragraph without email parts: %+v", m)
		}
		// PhoneSMS keeps the last line whole: a one-line SMS is all body,
		// and cut to fit.
		if got := PhoneSMS(m, SMSLimits{MaxSegments: 1}).Text; Segments(got) != 1 {
			t.Errorf("SMS takes %d segments cut to one: %q", Segments(got), got)
		}
	case plan.ChannelEmail:
		if m.Subject == "" || m.HTML == "" || m.From == "" || m.Headers["Auto-Submitted"] != "auto-generated" {
			t.Errorf("email lacks a subject, HTML, a sender or Auto-Submitted: %+v", m)
		}
		for _, l := range d.Late {
			if !strings.Contains(m.Text, l.Unit) || !strings.Contains(m.HTML, l.Unit) {
				t.Errorf("email does not name late unit %s", l.Unit)
			}
		}
	}
}

func TestRenderDigestSections(t *testing.T) {
	cfg := loadConfig(t, lang.Vietnamese)
	p := cfg.Plan("bdg-2019")
	full := testDigest(cfg)
	tests := []struct {
		name          string
		edit          func(d *Digest)
		want, wantNot []string
	}{
		{"late only", func(d *Digest) { d.Failed, d.Missed = nil, nil },
			[]string{"ĐƠN VỊ CHẬM BÁO CÁO", "2 đơn vị chậm báo cáo, 0 tin gửi lỗi, 0 tin bị lỡ", "Đề nghị đôn đốc"},
			[]string{"TIN GỬI LỖI", "TIN BỊ LỠ", "kiểm tra địa chỉ"}},
		{"failed only, first digest", func(d *Digest) { d.Late, d.Missed, d.Since = nil, nil, time.Time{} },
			[]string{"TIN GỬI LỖI\n", "0 đơn vị chậm báo cáo, 1 tin gửi lỗi", "kiểm tra địa chỉ"},
			[]string{"ĐƠN VỊ CHẬM BÁO CÁO", "TIN BỊ LỠ", "Đề nghị đôn đốc", "(từ "}},
		{"one unit late twice counts once", func(d *Digest) {
			d.Late[1].Unit, d.Late[1].Deadline = d.Late[0].Unit, "Báo cáo sơ kết"
		},
			[]string{": 1 đơn vị chậm báo cáo", "Báo cáo sơ kết"}, nil},
		{"due today", func(d *Digest) { d.Late[0].DaysLate = 0 },
			[]string{"hạn 20/12/2019 17:00, đã quá hạn; đã báo lên cấp trên"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := *full
			d.Late = append([]LateItem(nil), full.Late...)
			tt.edit(&d)
			m, err := RenderDigest(cfg, p, &d, plan.ChannelEmail)
			if err != nil {
				t.Fatal(err)
			}
			text := m.Subject + "\n" + m.Text
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("email does not say %q:\n%s", w, text)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(text, w) {
					t.Errorf("email says %q:\n%s", w, text)
				}
			}
		})
	}
}

func TestRenderDigestErrors(t *testing.T) {
	cfg := loadConfig(t, lang.Vietnamese)
	p := cfg.Plan("bdg-2019")
	d := testDigest(cfg)
	emailOnly := *p
	emailOnly.Owner = "ban-vstbpn"
	noOwner := *p
	noOwner.Owner = ""
	tests := []struct {
		name    string
		p       *plan.Plan
		channel string
		is      error
	}{
		{"owner has no contact on the channel", &emailOnly, plan.ChannelSMS, ErrNoAddress},
		{"unknown channel", p, "fax", nil},
		{"no plan", nil, plan.ChannelEmail, nil},
		{"plan without owner", &noOwner, plan.ChannelEmail, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := RenderDigest(cfg, tt.p, d, tt.channel)
			if err == nil {
				t.Fatalf("got message %+v, want an error", m)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("got %v, want %v", err, tt.is)
			}
		})
	}
}

// TestDigestJSON: the scheduler keeps a digest in its delivery record and
// sends it again from there.
func TestDigestJSON(t *testing.T) {
	cfg := loadConfig(t, lang.Vietnamese)
	d := testDigest(cfg)
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var got Digest
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&got, d) {
		t.Errorf("got %+v after a round trip, want %+v", got, *d)
	}
}

func TestTaskHeading(t *testing.T) {
	cfg := loadConfig(t, lang.Vietnamese)
	p := cfg.Plan("bdg-2019")
	tests := []struct{ id, want string }{
		{"thang-hanh-dong", "II.3. Tháng hành động về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới"},
		{"khong-co", "khong-co"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := TaskHeading(p, tt.id); got != tt.want {
			t.Errorf("TaskHeading(%q) = %q, want %q", tt.id, got, tt.want)
		}
	}
}

// TestRenderDigestExample renders a digest of every plan of the example
// configuration to its owner, on every channel, in both languages: the
// templates hold on the real plan, and the SMS fits in one segment.
func TestRenderDigestExample(t *testing.T) {
	cfg, diags := config.Load(filepath.Join("..", "config.example.yaml"))
	if diags.HasErrors() {
		t.Fatalf("config.example.yaml does not load:\n%s", diags.Render(lang.English))
	}
	owned := 0
	for _, lng := range []lang.Lang{lang.Vietnamese, lang.English} {
		cfg.Service.Language = lng
		for _, p := range cfg.Plans {
			if p.Owner == "" {
				continue
			}
			owned++
			d := testDigest(loadConfig(t, lng))
			d.Plan = p.ID
			for _, ch := range cfg.Units[p.Owner].Channels {
				m, err := RenderDigest(cfg, p, d, ch)
				if err != nil {
					t.Fatalf("plan %s, %s, %s: %v", p.ID, lng, ch, err)
				}
				if ch == plan.ChannelSMS {
					if got := PhoneSMS(m, SMSLimits{MaxSegments: 2}).Text; Segments(got) > 1 {
						t.Errorf("plan %s, %s: the SMS takes %d segments, want 1: %q", p.ID, lng, Segments(got), got)
					}
				}
			}
		}
	}
	if owned == 0 {
		t.Fatal("no plan of the example has an owner")
	}
}
