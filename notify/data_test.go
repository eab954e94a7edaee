package notify

import (
	"encoding/json"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// TestRenderFields renders a deadline reminder for Zalo and the webhook
// to a contact that asks for both, and checks the fields they carry.
func TestRenderFields(t *testing.T) {
	src := strings.Replace(testConfig, "LANG", "vi", 1)
	src = strings.Replace(src, `- {name: Lê Thị Dung, phone: "0901 234 567"}`,
		`- {name: Lê Thị Dung, phone: "0901 234 567", zalo: true, channels: [sms, webhook]}`, 1)
	cfg, diags := config.Parse("test.yaml", []byte(src), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatalf("config does not load:\n%s", diags.Render(lang.English))
	}
	n := pick(t, notifications(cfg), "hlhpn", "deadline:", "/remind:3d")
	for _, ch := range []string{plan.ChannelSMS, plan.ChannelWebhook, plan.ChannelZalo} {
		if !slices.Contains(n.Channels, ch) {
			t.Errorf("channels: got %v, want %s among them", n.Channels, ch)
		}
	}
	email, err := Render(cfg, n, plan.ChannelEmail, fakeLinks{})
	if err == nil {
		t.Errorf("email to a unit without email: got %v, want ErrNoAddress", email.To)
	}
	m, err := Render(cfg, n, plan.ChannelZalo, fakeLinks{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []Address{{Name: "Lê Thị Dung", Phone: "+84901234567"}}; !slices.Equal(m.To, want) {
		t.Errorf("To: got %v, want %v", m.To, want)
	}
	for field, want := range map[string]string{
		"unit":     "Hội Liên hiệp Phụ nữ xã",
		"plan":     "Kế hoạch hoạt động bình đẳng giới và vì sự tiến bộ phụ nữ năm 2019",
		"task":     "Tháng hành động về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới",
		"ref":      "II.3",
		"deadline": "Báo cáo kết quả Tháng hành động",
		"due":      "20/12/2019 17:00",
		"start":    "15/11/2019",
		"end":      "15/12/2019",
		"at":       "17/12/2019 07:30",
		"role":     "đơn vị báo cáo",
		"kind":     "Nhắc hạn báo cáo",
		"ack_url":  fakeLinks{}.AckURL(n),
		"ack_code": "4821",
		"contact":  "Nguyễn Văn An, 0912 345 678",
	} {
		if got, ok := m.Field(field); !ok || got != want {
			t.Errorf("Field(%q): got %q, %v, want %q", field, got, ok, want)
		}
	}
	if _, ok := m.Field("nope"); ok {
		t.Error(`Field("nope"): got a field, want none`)
	}
	if m.Subject == "" || m.Text == "" || strings.Contains(m.Text, "\n") || strings.Contains(m.Text, "/a/") {
		t.Errorf("subject %q, text %q: want both, the text one line without the link", m.Subject, m.Text)
	}

	w, err := Render(cfg, n, plan.ChannelWebhook, fakeLinks{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(PayloadOf(w))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"` + n.ID + `","plan":"bdg-2019","kind":"deadline","task":"thang-hanh-dong","deadline":"` + n.DeadlineID +
		`","unit":"hlhpn","due":"2019-12-20T17:00:00+07:00","at":"2019-12-17T07:30:00+07:00","subject":` + quote(m.Subject) +
		`,"text":` + quote(m.Text) + `,"ack_url":"` + fakeLinks{}.AckURL(n) + `"}`
	if string(got) != want {
		t.Errorf("payload:\ngot  %s\nwant %s", got, want)
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestScrubberForFieldChannels keeps the Zalo token and the webhook's
// key out of what a person reads.
func TestScrubberForFieldChannels(t *testing.T) {
	dir := t.TempDir()
	key := dir + "/hook"
	if err := os.WriteFile(key, []byte("hook-key-123\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := &plan.Config{Channels: plan.Channels{
		Zalo:    &plan.ZaloChannel{AccessTokenEnv: "Z"},
		Webhook: &plan.WebhookChannel{SecretFile: key},
	}}
	s := ScrubberFor(cfg, func(string) string { return "zalo-token-456" })
	got := s.String("token zalo-token-456 key hook-key-123")
	if strings.Contains(got, "zalo-token-456") || strings.Contains(got, "hook-key-123") {
		t.Errorf("got %q, want both secrets scrubbed", got)
	}
}
