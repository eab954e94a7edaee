package notify

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testConfig is a small commune plan: a window task with every form of
// reminder, a deadline with overdue notices and an escalation, a one-day
// event, and a distribution with ack_within and the plan document. hlhpn
// is reached by SMS only, lanh-dao and ban-vstbpn by email only. Units
// stand in every relation to the issuer: ldtbxh, vhxh and ban-vstbpn are
// its own offices (noi-bo, the default), hlhpn a mass organisation
// (doan-the), lanh-dao the leadership (cap-tren), thcs a school (khac),
// van-thu its archive (luu). LANG is replaced by vi or en.
const testConfig = `
service:
  language: LANG
  send_time: "07:30"
  quiet_hours: "21:00-07:00"
  public_url: http://127.0.0.1:8080
  holidays: ["01/01", "30/04", "01/05", "02/09"]
channels:
  email:
    host: 127.0.0.1
    port: 2525
    tls: none
    from: "UBND xã Quảng Thành <ubnd@quangthanh.example.vn>"
units:
  ldtbxh:
    name: Bộ phận Lao động - Thương binh và Xã hội
    escalate_to: lanh-dao
    contacts:
      - {name: Nguyễn Văn An, role: Công chức LĐ-TB&XH, email: ldtbxh@quangthanh.example.vn, phone: "0912 345 678"}
      - {name: Đỗ Thị Bình, email: binh@quangthanh.example.vn}
  vhxh:
    name: Bộ phận Văn hóa - Xã hội
    escalate_to: lanh-dao
    contacts:
      - {name: Trần Thị Cúc, email: vhxh@quangthanh.example.vn, phone: "0987 654 321"}
  hlhpn:
    name: Hội Liên hiệp Phụ nữ xã
    relation: doan-the
    escalate_to: lanh-dao
    contacts:
      - {name: Lê Thị Dung, phone: "0901 234 567"}
  lanh-dao:
    name: Lãnh đạo UBND xã
    relation: cap-tren
    contacts:
      - {name: Phạm Văn Đức, email: chutich@quangthanh.example.vn}
  ban-vstbpn:
    name: Ban Vì sự tiến bộ của phụ nữ xã
    contacts:
      - {email: vstbpn@quangthanh.example.vn}
  thcs:
    name: Trường THCS Đặng Tất
    relation: khac
    contacts:
      - {name: Lý Thị Quyên, email: thcs@quangthanh.example.vn}
  van-thu:
    name: "Văn thư UBND xã (Lưu: VT)"
    relation: luu
    contacts:
      - {email: vanthu@quangthanh.example.vn}
plans:
  - id: bdg-2019
    title: Kế hoạch hoạt động bình đẳng giới và vì sự tiến bộ phụ nữ năm 2019
    issuer: UBND xã Quảng Thành
    number: 15/KH-UBND
    issued: 28/12/2018
    signer: Nguyễn Thị Dạ Thảo
    year: 2019
    owner: ldtbxh
    distribute:
      on: 02/01 08:00
      to: [lanh-dao, vhxh, hlhpn, thcs, van-thu]
      ack_within: 2d
      document: testdata/ke-hoach.pdf
    tasks:
      - id: thang-hanh-dong
        ref: II.3
        title: Tháng hành động về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới
        description: Treo băng rôn, khẩu hiệu; tổ chức nói chuyện chuyên đề tại nhà văn hóa các thôn.
        lead: [ldtbxh]
        support: [vhxh, hlhpn]
        from: 15/11
        to: 15/12
        remind:
          - before: 7d
          - at: start
          - every: "0 8 * * MON"
          - before_end: 2d
          - at: end
          - on: 25/11 07:00
            to: [vhxh]
            ack_within: 1d
          - on: 14/11 08:00
            to: [lanh-dao]
        deadlines:
          - title: Báo cáo kết quả Tháng hành động
            by: [ldtbxh, hlhpn]
            to: [ban-vstbpn]
            due: 20/12 17:00
            remind: [3d]
            grace: 1d
            overdue_every: 1d
            overdue_max: 3
            escalate:
              - after: 1d
                to: [ban-vstbpn]
              - after: 2d
                to: [lanh-dao]
      - id: mit-tinh
        ref: II.4
        title: Mít tinh kỷ niệm Ngày Quốc tế Phụ nữ 8/3
        lead: [hlhpn]
        support: [thcs]
        on: 08/03 08:00
        tentative: true
        remind: [{before: 2d}]
        deadlines:
          - {title: Báo cáo kết quả mít tinh, by: [thcs], to: [ldtbxh], due: 15/03 17:00, tentative: true, remind: [1d]}
`

func loadConfig(t testing.TB, lng lang.Lang) *plan.Config {
	t.Helper()
	src := strings.Replace(testConfig, "LANG", string(lng), 1)
	cfg, diags := config.Parse("test.yaml", []byte(src), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatalf("config does not load:\n%s", diags.Render(lang.English))
	}
	return cfg
}

// notifications expands the whole plan year.
func notifications(cfg *plan.Config) []plan.Notification {
	var out []plan.Notification
	it := cfg.Expand(time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		out = append(out, n)
	}
	return out
}

// pick returns the first notification to unit whose rule has the prefix
// and, for a rule with steps, the suffix.
func pick(t testing.TB, ns []plan.Notification, unit, prefix, suffix string) *plan.Notification {
	t.Helper()
	for i := range ns {
		n := &ns[i]
		if n.Unit == unit && strings.HasPrefix(n.Rule, prefix) && strings.HasSuffix(n.Rule, suffix) {
			return n
		}
	}
	t.Fatalf("no notification to %s with rule %s…%s", unit, prefix, suffix)
	return nil
}

// fakeLinks gives every message the same code and a link made of its id.
type fakeLinks struct{}

func (fakeLinks) AckURL(n *plan.Notification) string {
	return "http://127.0.0.1:8080/a/T" + n.AckID[:16]
}
func (fakeLinks) AckCode(*plan.Notification) string { return "4821" }
func (fakeLinks) DocumentURL(n *plan.Notification) string {
	return "http://127.0.0.1:8080/d/T" + n.ID[:16]
}

// reportedTo are the units of testConfig that confirm nothing (cap-tren):
// their messages have no link or code to confirm with.
var reportedTo = map[string]bool{"lanh-dao": true}

// cases are the notifications the golden files show, one of each kind and
// reminder form.
var cases = []struct {
	name, unit, prefix, suffix string
	// want are texts each rendered message holds, in either language.
	want map[lang.Lang][]string
}{
	{"distribution", "vhxh", "distribute", "distribute", map[lang.Lang][]string{
		lang.Vietnamese: {"Kế hoạch hoạt động bình đẳng giới", "UBND xã Quảng Thành", "số 15/KH-UBND, ngày 28/12/2018", "Người ký: Nguyễn Thị Dạ Thảo", "Đơn vị được giao", "xác nhận đã nhận", "II.3. Tháng hành động", "phối hợp", "01/01/2019", "từ thứ Sáu 15/11 đến Chủ nhật 15/12/2019", "đính kèm thư này (ke-hoach.pdf)", "Liên hệ: Nguyễn Văn An (Công chức LĐ-TB&XH), điện thoại 0912 345 678"},
		lang.English:    {"Kế hoạch hoạt động bình đẳng giới", "no. 15/KH-UBND, dated 28/12/2018", "Signed by: Nguyễn Thị Dạ Thảo", "assigned", "II.3. Tháng hành động", "support", "from Friday 15/11 to Sunday 15/12/2019", "attached (ke-hoach.pdf)", "Contact: Nguyễn Văn An"}}},
	{"distribution-doan-the", "hlhpn", "distribute", "distribute", map[lang.Lang][]string{
		lang.Vietnamese: {"[Kế hoạch]", "Đề nghị xác nhận đã nhận", "OK 4821", "Liên hệ: Nguyễn Văn An 0912 345 678"},
		lang.English:    {"[Plan]", "Please confirm receipt", "OK 4821", "Contact: Nguyễn Văn An 0912 345 678"}}},
	{"distribution-cap-tren", "lanh-dao", "distribute", "distribute", map[lang.Lang][]string{
		lang.Vietnamese: {"UBND xã Quảng Thành kính gửi", "Kính gửi kế hoạch để báo cáo.", "đính kèm thư này (ke-hoach.pdf)"},
		lang.English:    {"Sent for your information.", "attached (ke-hoach.pdf)"}}},
	{"distribution-khac", "thcs", "distribute", "distribute", map[lang.Lang][]string{
		lang.Vietnamese: {"Đề nghị đơn vị thực hiện các nhiệm vụ dưới đây và xác nhận đã nhận kế hoạch", "ngày 08/03/2019 08:00 (dự kiến)", "15/03/2019 17:00 (dự kiến)"},
		lang.English:    {"Please carry out the tasks below and confirm receipt", "on 08/03/2019 08:00 (tentative)", "15/03/2019 17:00 (tentative)"}}},
	{"distribution-repeat", "vhxh", "distribute", "/repeat", map[lang.Lang][]string{
		lang.Vietnamese: {"[Nhắc lại]", "chưa xác nhận đã nhận kế hoạch"},
		lang.English:    {"again", "not confirmed receipt"}}},
	{"distribution-owner", "ldtbxh", "distribute", "/owner", map[lang.Lang][]string{
		lang.Vietnamese: {"[Chưa xác nhận]", "Bộ phận Văn hóa - Xã hội", "Hội Liên hiệp Phụ nữ xã", "Trường THCS Đặng Tất"},
		lang.English:    {"[Not confirmed]", "Bộ phận Văn hóa - Xã hội", "Hội Liên hiệp Phụ nữ xã", "Trường THCS Đặng Tất"}}},
	{"reminder-before", "ldtbxh", "before:7d", "7d", map[lang.Lang][]string{
		lang.Vietnamese: {"[Nhắc việc] II.3 Tháng hành động", "nhắc việc được giao", "bắt đầu 15/11/2019", "chủ trì", "từ thứ Sáu 15/11 đến Chủ nhật 15/12/2019", "Treo băng rôn", "Đề nghị đơn vị chuẩn bị triển khai"},
		lang.English:    {"[Reminder] II.3 Tháng hành động", "assigned to your unit", "starts 15/11/2019", "lead", "from Friday 15/11 to Sunday 15/12/2019", "Please get ready"}}},
	{"reminder-start", "vhxh", "at:start", "start", map[lang.Lang][]string{
		lang.Vietnamese: {"bắt đầu 15/11/2019", "phối hợp", "Liên hệ: Nguyễn Văn An"},
		lang.English:    {"starts 15/11/2019", "support", "Contact: Nguyễn Văn An"}}},
	{"reminder-every", "hlhpn", "every:", "MON", map[lang.Lang][]string{
		lang.Vietnamese: {"[Đề nghị phối hợp]", "đến 15/12/2019", "phối hợp"},
		lang.English:    {"[Request]", "until 15/12/2019", "support"}}},
	{"reminder-cap-tren", "lanh-dao", "on:", "", map[lang.Lang][]string{
		lang.Vietnamese: {"[Báo cáo] II.3", "kính báo cáo tiến độ", "Kính báo cáo để lãnh đạo biết, theo dõi, chỉ đạo."},
		lang.English:    {"[For information] II.3", "reports on the progress", "Submitted for your information and direction."}}},
	{"reminder-khac", "thcs", "before:2d", "2d", map[lang.Lang][]string{
		lang.Vietnamese: {"[Thông báo] II.4", "thông báo nhiệm vụ", "ngày 08/03/2019 08:00 (dự kiến)", "Đề nghị đơn vị chuẩn bị triển khai"},
		lang.English:    {"[Notice] II.4", "informs you of a task", "on 08/03/2019 08:00 (tentative)"}}},
	{"reminder-before-end", "ldtbxh", "before_end:", "2d", map[lang.Lang][]string{
		lang.Vietnamese: {"kết thúc 15/12/2019"},
		lang.English:    {"ends 15/12/2019"}}},
	{"reminder-end", "vhxh", "at:end", "end", map[lang.Lang][]string{
		lang.Vietnamese: {"kết thúc 15/12/2019", "ngày cuối"},
		lang.English:    {"ends 15/12/2019", "last day"}}},
	{"reminder-repeat", "vhxh", "on:", "/repeat", map[lang.Lang][]string{
		lang.Vietnamese: {"[Nhắc lại]", "chưa xác nhận"},
		lang.English:    {"[Reminder again]", "not confirmed"}}},
	{"reminder-owner", "ldtbxh", "on:", "/owner", map[lang.Lang][]string{
		lang.Vietnamese: {"[Chưa xác nhận]", "Bộ phận Văn hóa - Xã hội", "đơn vị theo dõi kế hoạch"},
		lang.English:    {"[Not confirmed]", "Bộ phận Văn hóa - Xã hội", "plan owner"}}},
	{"reminder-day", "hlhpn", "before:2d", "2d", map[lang.Lang][]string{
		lang.Vietnamese: {"II.4. Mít tinh", "ngày 08/03/2019 08:00"},
		lang.English:    {"II.4. Mít tinh", "on 08/03/2019 08:00"}}},
	{"deadline", "ldtbxh", "deadline:", "/remind:3d", map[lang.Lang][]string{
		lang.Vietnamese: {"[Hạn báo cáo]", "Báo cáo kết quả Tháng hành động", "20/12/2019 17:00", "Ban Vì sự tiến bộ của phụ nữ xã", "Đã hoàn thành / đã nộp báo cáo", "XONG 4821"},
		lang.English:    {"[Report due]", "20/12/2019 17:00", "Ban Vì sự tiến bộ của phụ nữ xã", "XONG 4821"}}},
	{"overdue", "ldtbxh", "deadline:", "/overdue:2", map[lang.Lang][]string{
		lang.Vietnamese: {"[Quá hạn]", "nhắc lần 2", "quá hạn 2 ngày", "XONG 4821"},
		lang.English:    {"[Overdue]", "reminder 2", "2 days overdue", "XONG 4821"}}},
	{"escalation", "lanh-dao", "deadline:", "/escalate:2", map[lang.Lang][]string{
		lang.Vietnamese: {"[Báo cáo lãnh đạo]", "Kính báo cáo lãnh đạo: các đơn vị sau chưa nộp", "Bộ phận Lao động - Thương binh và Xã hội", "Hội Liên hiệp Phụ nữ xã", "Kính báo cáo để lãnh đạo biết, theo dõi, chỉ đạo."},
		lang.English:    {"[Report to the leadership]", "Reported to the leadership", "Bộ phận Lao động - Thương binh và Xã hội", "Hội Liên hiệp Phụ nữ xã", "Submitted for your information"}}},
	{"escalation-noi-bo", "ban-vstbpn", "deadline:", "/escalate:1", map[lang.Lang][]string{
		lang.Vietnamese: {"[Chậm báo cáo]", "cấp trên theo dõi", "Đề nghị đơn vị đôn đốc các đơn vị trên nộp báo cáo"},
		lang.English:    {"[Late report]", "supervising", "Please urge the units above to report"}}},
	{"deadline-khac", "thcs", "deadline:", "/remind:1d", map[lang.Lang][]string{
		lang.Vietnamese: {"Hạn báo cáo: 15/03/2019 17:00 (dự kiến)"},
		lang.English:    {"Due: 15/03/2019 17:00 (tentative)"}}},
}

// TestRenderGolden renders one notification of each kind and form, on
// every channel of its unit, in both languages, against testdata.
func TestRenderGolden(t *testing.T) {
	for _, lng := range []lang.Lang{lang.Vietnamese, lang.English} {
		cfg := loadConfig(t, lng)
		ns := notifications(cfg)
		for _, c := range cases {
			t.Run(string(lng)+"/"+c.name, func(t *testing.T) {
				n := pick(t, ns, c.unit, c.prefix, c.suffix)
				var out bytes.Buffer
				var all strings.Builder
				for _, ch := range n.Channels {
					m, err := Render(cfg, n, ch, fakeLinks{})
					if err != nil {
						t.Fatalf("Render %s: %v", ch, err)
					}
					checkMessage(t, m, n)
					dump(&out, m)
					all.WriteString(m.Subject + "\n" + m.Text)
				}
				for _, w := range c.want[lng] {
					if !strings.Contains(all.String(), w) {
						t.Errorf("messages do not say %q:\n%s", w, out.String())
					}
				}
				golden(t, filepath.Join("testdata", string(lng)+"-"+c.name+".golden"), out.Bytes())
			})
		}
	}
}

// checkMessage checks what holds for every message.
func checkMessage(t *testing.T, m *Message, n *plan.Notification) {
	t.Helper()
	if m.ID != n.ID || m.Unit != n.Unit || len(m.To) == 0 {
		t.Errorf("message %s to %s with %d addresses, want %s to %s", m.ID, m.Unit, len(m.To), n.ID, n.Unit)
	}
	if m.Headers["X-Nhacviec-Kind"] != string(n.Kind) {
		t.Errorf("X-Nhacviec-Kind %q, want %q", m.Headers["X-Nhacviec-Kind"], n.Kind)
	}
	if reportedTo[n.Unit] {
		checkReportedTo(t, m, n)
		return
	}
	switch m.Channel {
	case plan.ChannelSMS:
		last := m.Text[strings.LastIndexByte(m.Text, '\n')+1:]
		if !strings.HasSuffix(last, fakeLinks{}.AckURL(n)) || !strings.Contains(last, "OK 4821") {
			t.Errorf("SMS does not end with the code and link: %q", m.Text)
		}
		if m.Subject != "" || m.HTML != "" || m.ICS != nil {
			t.Errorf("SMS has email parts")
		}
		if body := m.Text[:strings.LastIndexByte(m.Text, '\n')]; strings.Contains(body, "\n") {
			t.Errorf("SMS body is not one paragraph: %q", body)
		}
	case plan.ChannelEmail:
		if m.Subject == "" || m.HTML == "" || !strings.Contains(m.Text, fakeLinks{}.AckURL(n)) {
			t.Errorf("email lacks a subject, HTML or the link")
		}
		if len([]rune(m.Subject)) > 100 {
			t.Errorf("subject is %d characters long, want at most 100: %q", len([]rune(m.Subject)), m.Subject)
		}
		if !strings.Contains(m.HTML, `href="`+fakeLinks{}.AckURL(n)+`"`) {
			t.Errorf("HTML has no link to the acknowledgement page")
		}
		if m.ICS != nil {
			checkICS(t, m.ICS)
		}
	}
}

// checkReportedTo checks a message to a unit that confirms nothing: no
// link to confirm, no code, nothing asked to confirm; a distribution
// links or attaches the plan document instead.
func checkReportedTo(t *testing.T, m *Message, n *plan.Notification) {
	t.Helper()
	text := m.Subject + "\n" + m.Text + m.HTML
	for _, no := range []string{fakeLinks{}.AckURL(n), "4821", "xác nhận", "Xác nhận", "confirm"} {
		if strings.Contains(text, no) {
			t.Errorf("a message to %s says %q:\n%s", n.Unit, no, text)
		}
	}
	if n.Kind == plan.KindDistribution && m.Channel == plan.ChannelEmail && len(m.Attachments) != 1 {
		t.Errorf("distribution to %s has %d attachments, want the plan document", n.Unit, len(m.Attachments))
	}
	if n.Kind == plan.KindDistribution && m.Channel == plan.ChannelSMS && !strings.HasSuffix(m.Text, "\n"+fakeLinks{}.DocumentURL(n)) {
		t.Errorf("distribution SMS to %s does not end with the document's link: %q", n.Unit, m.Text)
	}
}

func checkICS(t *testing.T, ics []byte) {
	t.Helper()
	s := string(ics)
	if !strings.HasPrefix(s, "BEGIN:VCALENDAR\r\n") || !strings.HasSuffix(s, "END:VCALENDAR\r\n") || !strings.Contains(s, "BEGIN:VEVENT\r\n") {
		t.Errorf("not a calendar with an event:\n%s", s)
	}
	for _, l := range strings.SplitAfter(s, "\r\n") {
		if len(strings.TrimSuffix(l, "\r\n")) > 75 {
			t.Errorf("content line of %d octets, want at most 75: %q", len(l)-2, l)
		}
		if strings.Contains(strings.TrimSuffix(l, "\r\n"), "\n") {
			t.Errorf("bare line feed in %q", l)
		}
	}
}

// dump writes a message in the golden files' form.
func dump(w *bytes.Buffer, m *Message) {
	fmt.Fprintf(w, "==== %s %s\n", m.Channel, m.ID)
	for _, a := range m.To {
		fmt.Fprintf(w, "To: %s <%s%s>\n", a.Name, a.Email, a.Phone)
	}
	if m.From != "" {
		fmt.Fprintf(w, "From: %s\n", m.From)
	}
	if m.Subject != "" {
		fmt.Fprintf(w, "Subject: %s\n", m.Subject)
	}
	keys := make([]string, 0, len(m.Headers))
	for k := range m.Headers {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "%s: %s\n", k, m.Headers[k])
	}
	fmt.Fprintf(w, "---- text\n%s", m.Text)
	if !strings.HasSuffix(m.Text, "\n") {
		w.WriteString("\n")
	}
	if m.Channel == plan.ChannelSMS {
		gsm := PhoneSMS(m, SMSLimits{MaxSegments: 2}).Text
		fmt.Fprintf(w, "---- sms, GSM 7-bit, %d segment(s)\n%s\n", Segments(gsm), gsm)
	}
	if m.HTML != "" {
		fmt.Fprintf(w, "---- html\n%s", m.HTML)
	}
	if m.ICS != nil {
		fmt.Fprintf(w, "---- ics\n%s", strings.ReplaceAll(string(m.ICS), "\r\n", "⏎\n"))
	}
	for _, a := range m.Attachments {
		fmt.Fprintf(w, "---- attachment %s (%s) from %s\n", a.Name, a.ContentType, filepath.Base(a.Path))
	}
}

// golden compares got with the file, or rewrites the file with -update.
func golden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it):\n%s", file, diffLines(string(want), string(got)))
	}
}

// diffLines shows the first lines where want and got differ.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return fmt.Sprintf("line %d:\nwant %q\n got %q", i+1, a, b)
		}
	}
	return ""
}

func TestRenderErrors(t *testing.T) {
	cfg := loadConfig(t, lang.Vietnamese)
	ns := notifications(cfg)
	smsOnly := pick(t, ns, "hlhpn", "every:", "MON")
	unknownUnit := *smsOnly
	unknownUnit.Unit = "khong-co"
	unknownPlan := *smsOnly
	unknownPlan.Plan = "khong-co"
	tests := []struct {
		name    string
		n       *plan.Notification
		channel string
		is      error
	}{
		{"no contact on the channel", smsOnly, plan.ChannelEmail, ErrNoAddress},
		{"unknown channel", smsOnly, "fax", nil},
		{"unknown unit", &unknownUnit, plan.ChannelSMS, nil},
		{"unknown plan", &unknownPlan, plan.ChannelSMS, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Render(cfg, tt.n, tt.channel, nil)
			if err == nil {
				t.Fatalf("got message %+v, want an error", m)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("got %v, want %v", err, tt.is)
			}
		})
	}
}

func TestRenderWithoutLinks(t *testing.T) {
	cfg := loadConfig(t, lang.Vietnamese)
	n := pick(t, notifications(cfg), "ldtbxh", "deadline:", "/remind:3d")
	for _, ch := range []string{plan.ChannelEmail, plan.ChannelSMS} {
		m, err := Render(cfg, n, ch, nil)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(m.Text, "http") || strings.Contains(m.Text, "OK ") || strings.Contains(m.HTML, "href") {
			t.Errorf("%s without links has a link or a code:\n%s", ch, m.Text)
		}
		if ch == plan.ChannelSMS && strings.Contains(m.Text, "\n") {
			t.Errorf("SMS without links has a second line: %q", m.Text)
		}
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{" \t\n", ""},
		{"a", "a"},
		{"[Nhắc việc] II.3 — bắt đầu 15/11/2019", "[Nhắc việc] II.3 — bắt đầu 15/11/2019"},
		{"  a  b\t\tc\n", "a b c"},
		{"dòng 1\r\ndòng 2\v\fx", "dòng 1 dòng 2 x"},
		{"Tháng hành động\u00a0x", "Tháng hành động x"}, // Unicode white space too
		{"a\u2028b", "a b"},
		{"\xff  \xfe", "\xff \xfe"}, // invalid bytes stay
	}
	for _, tt := range tests {
		if got := OneLine(tt.in); got != tt.want {
			t.Errorf("OneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"\n", ""},
		{"a", "a"},
		{"Kính gửi: X\n\nNhiệm vụ: II.3\n  \nThời gian: ngày 08/03/2019\n", "Kính gửi: X\n\nNhiệm vụ: II.3\n\nThời gian: ngày 08/03/2019"},
		{"\n\na \t\n\n\n b\r\n\r\nc\r", "a\n\n b\n\nc\r"}, // leading spaces and a last lone CR stay
		{"a  \nb\t\n\n\n\nc\n\n", "a\nb\n\nc"},
		{"a\r\r\nb", "a\r\nb"}, // one CR goes with its LF, the other stays
	}
	for _, tt := range tests {
		if got := paragraphs(tt.in); got != tt.want {
			t.Errorf("paragraphs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
