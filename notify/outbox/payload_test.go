package outbox

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// TestZaloAndWebhookAsJSON writes a message of each channel of fields
// and reads back the JSON the webhook would post, with the phones for
// Zalo.
func TestZaloAndWebhookAsJSON(t *testing.T) {
	dir := t.TempDir()
	o := New(dir)
	at := time.Date(2019, 11, 8, 7, 30, 0, 0, time.FixedZone("ICT", 7*3600))
	o.Now = func() time.Time { return at }
	for _, tc := range []struct{ channel, want string }{
		{plan.ChannelZalo, `{
  "id": "m1",
  "plan": "bdg-2019",
  "kind": "reminder",
  "unit": "hlhpn",
  "at": "2019-11-08T07:30:00+07:00",
  "subject": "Nhắc việc",
  "text": "Tháng hành động",
  "to": [
    "+84912345678"
  ]
}
`},
		{plan.ChannelWebhook, `{
  "id": "m1",
  "plan": "bdg-2019",
  "kind": "reminder",
  "unit": "hlhpn",
  "at": "2019-11-08T07:30:00+07:00",
  "subject": "Nhắc việc",
  "text": "Tháng hành động"
}
`},
	} {
		m := &notify.Message{ID: "m1", Channel: tc.channel, Unit: "hlhpn", Subject: "Nhắc việc", Text: "Tháng hành động",
			To:   []notify.Address{{Name: "Lan", Phone: "+84912345678"}},
			Data: &notify.Data{Kind: "reminder", Plan: "bdg-2019", Unit: "hlhpn", At: at}}
		if err := o.Notify(context.Background(), m); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, tc.channel, "2019-11-08", "m1.json")
		if m.Receipt != path {
			t.Errorf("receipt: got %q, want %q", m.Receipt, path)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.want {
			t.Errorf("%s:\ngot  %s\nwant %s", tc.channel, got, tc.want)
		}
	}
}
