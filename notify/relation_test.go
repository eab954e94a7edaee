package notify

import (
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// TestRelationRecipients checks who the relations leave out: the archive
// (van-thu, Lưu: VT) receives nothing at all, and the leadership
// (lanh-dao, cap-tren) is neither asked again nor chased for a receipt.
func TestRelationRecipients(t *testing.T) {
	cfg := loadConfig(t, lang.Vietnamese)
	var distributed []string
	for _, n := range notifications(cfg) {
		if n.Unit == "van-thu" {
			t.Errorf("notification %s (%s) goes to the archive", n.Rule, n.Kind)
		}
		for _, s := range n.About {
			if s.Unit == "van-thu" || (s.Unit == "lanh-dao" && n.Condition == plan.NotAcked) {
				t.Errorf("notification %s to %s waits on %s's receipt", n.Rule, n.Unit, s.Unit)
			}
		}
		if n.Unit == "lanh-dao" && n.Condition == plan.NotAcked {
			t.Errorf("notification %s asks the leadership again", n.Rule)
		}
		if n.Rule == "distribute" {
			distributed = append(distributed, n.Unit)
		}
	}
	if got, want := strings.Join(distributed, " "), "lanh-dao vhxh hlhpn thcs"; got != want {
		t.Errorf("the plan goes to %s, want %s", got, want)
	}
}

// TestDocumentLink checks where the plan document shows: attached to
// every distribution email, linked from a distribution SMS only when
// there is no acknowledgement link (whose page offers it), and nowhere
// without Links that give it.
func TestDocumentLink(t *testing.T) {
	cfg := loadConfig(t, lang.Vietnamese)
	ns := notifications(cfg)
	dist := pick(t, ns, "lanh-dao", "distribute", "distribute")
	m := renderOK(t, cfg, dist, plan.ChannelEmail)
	if len(m.Attachments) != 1 || m.Attachments[0].Name != "ke-hoach.pdf" || m.Attachments[0].ContentType != "application/pdf" {
		t.Errorf("distribution email attachments: got %+v, want ke-hoach.pdf as application/pdf", m.Attachments)
	}
	if m := renderOK(t, cfg, pick(t, ns, "lanh-dao", "on:", ""), plan.ChannelEmail); len(m.Attachments) != 0 {
		t.Errorf("a reminder has attachments %+v, want none", m.Attachments)
	}
	sms := renderOK(t, cfg, pick(t, ns, "hlhpn", "distribute", "distribute"), plan.ChannelSMS)
	if strings.Contains(sms.Text, "/d/") {
		t.Errorf("SMS with an acknowledgement link also links the document: %q", sms.Text)
	}
	bare, err := Render(cfg, dist, plan.ChannelEmail, nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(bare.Text, "http") || len(bare.Attachments) != 1 {
		t.Errorf("without links: got text %q and %d attachments, want no link and the document", bare.Text, len(bare.Attachments))
	}
}

func TestDialPhone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+84912345678", "0912 345 678"},
		{"+842438251234", "02438251234"},
		{"+84912345", "0912345"},
		{"+4930123456", "+4930123456"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := DialPhone(tt.in); got != tt.want {
			t.Errorf("DialPhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
