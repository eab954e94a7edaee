package outbox

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/notify"
	smsrelay "github.com/nhacviec/nhacviec/notify/sms"
	"github.com/nhacviec/nhacviec/plan"
)

// TestSMS checks that an SMS file holds the text as the phone receives
// it under the channel's limits, with its segments and encoding.
func TestSMS(t *testing.T) {
	long := sms()
	long.Text = strings.Repeat("Tổ chức nói chuyện chuyên đề về bình đẳng giới tại nhà văn hóa các thôn. ", 6) +
		"\nTrả lời OK 4821 (đã nhận). http://127.0.0.1:8080/a/Ta5b5e717b9a29e75"
	tests := []struct {
		name   string
		m      *notify.Message
		limits notify.SMSLimits
		want   string // the file after the To: line
	}{
		{"default: diacritics stripped", sms(), notify.SMSLimitsOf(nil),
			"Segments: 1 (GSM-7)\n\n[Nhac viec] II.3. Thang hanh dong - dang thuc hien, den 15/12/2019.\n" +
				"Tra loi OK 4821 (da nhan). http://127.0.0.1:8080/a/Ta5b5e717b9a29e75\n"},
		{"unicode: as written", sms(), notify.SMSLimits{Unicode: true, MaxSegments: 3},
			"Segments: 3 (UCS-2)\n\n" + sms().Text + "\n"},
		{"cut to the limit, the code line whole", long, notify.SMSLimits{MaxSegments: 2},
			"Segments: 2 (GSM-7)\n\n" + notify.PhoneSMS(long, notify.SMSLimits{MaxSegments: 2}).Text + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOutbox(t)
			o.SMS = tt.limits
			if err := o.Notify(context.Background(), tt.m); err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(o.Dir(), "sms", "2019-11-08", tt.m.ID+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			want := "To: +84901234567, +84987654321\n" + tt.want
			if string(got) != want {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
			if !strings.HasSuffix(string(got), "\nTra loi OK 4821 (da nhan). http://127.0.0.1:8080/a/Ta5b5e717b9a29e75\n") &&
				!strings.HasSuffix(string(got), "\nTrả lời OK 4821 (đã nhận). http://127.0.0.1:8080/a/Ta5b5e717b9a29e75\n") {
				t.Errorf("the code line is not whole at the end:\n%s", got)
			}
		})
	}
}

// TestSMSAsTheRelaySendsIt renders the longest SMS of each kind that the
// example plan sends, then sends it both through a relay (the SMS
// Gateway for Android, on a local server) and to the outbox: under each
// setting of the channel, the outbox file holds exactly the text the relay
// received, and the segments that text takes.
func TestSMSAsTheRelaySendsIt(t *testing.T) {
	var mu sync.Mutex
	var received []string
	relay := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			TextMessage struct{ Text string } `json:"textMessage"`
		}
		data, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(data, &body); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		mu.Lock()
		received = append(received, body.TextMessage.Text)
		mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
		io.WriteString(w, `{"id":"m1","state":"Pending"}`)
	}))
	defer relay.Close()

	cfg, diags := config.Load(filepath.Join("..", "..", "config.example.yaml"))
	if diags.HasErrors() {
		t.Fatalf("config.example.yaml does not load:\n%s", diags.Render(lang.English))
	}
	links := ack.NewLinks("https://nhacviec.quangthanh.gov.vn", []byte("a secret of the test, 32 bytes.."))
	for _, tt := range []struct {
		name        string
		unicode     bool
		maxSegments int
	}{
		{"GSM-7, two segments", false, 2},
		{"GSM-7, one segment", false, 1},
		{"UCS-2, three segments", true, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ch := &plan.SMSChannel{Provider: "android-gateway", URL: relay.URL + "/message", Username: "sms",
				PasswordEnv: "SMS_SECRET", Unicode: tt.unicode, MaxSegments: tt.maxSegments}
			sender, err := smsrelay.New(ch, smsrelay.Options{Getenv: func(string) string { return "secret" }})
			if err != nil {
				t.Fatal(err)
			}
			cfg.Channels.SMS = ch
			o := newOutbox(t)
			o.SMS = notify.SMSLimitsOf(ch) // as nhacviec run sets it
			for kind, m := range longestSMS(t, cfg, links) {
				mu.Lock()
				received = nil
				mu.Unlock()
				if err := sender.Notify(context.Background(), m); err != nil {
					t.Fatalf("%s: relay: %v", kind, err)
				}
				if err := o.Notify(context.Background(), m); err != nil {
					t.Fatalf("%s: outbox: %v", kind, err)
				}
				file, err := os.ReadFile(filepath.Join(o.Dir(), "sms", "2019-11-08", m.ID+".txt"))
				if err != nil {
					t.Fatal(err)
				}
				_, text, ok := strings.Cut(string(file), "\n\n")
				mu.Lock()
				got := received
				mu.Unlock()
				if !ok || len(got) != 1 || text != got[0]+"\n" {
					t.Fatalf("%s: the outbox holds\n%s\nthe relay received %q", kind, file, got)
				}
				wantHeader := "\nSegments: " + strconv.Itoa(notify.Segments(got[0])) + " ("
				if !strings.Contains(string(file), wantHeader) {
					t.Errorf("%s: the header does not count %d segments:\n%s", kind, notify.Segments(got[0]), file)
				}
				if notify.Segments(got[0]) > tt.maxSegments {
					t.Errorf("%s: the relay sent %d segments, want at most %d", kind, notify.Segments(got[0]), tt.maxSegments)
				}
			}
		})
	}
}

// longestSMS renders the SMS of the example's year and returns the
// longest of each kind.
func longestSMS(t *testing.T, cfg *plan.Config, links notify.Links) map[plan.Kind]*notify.Message {
	t.Helper()
	longest := map[plan.Kind]*notify.Message{}
	it := cfg.Expand(time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	for n, ok := it.Next(); ok; n, ok = it.Next() {
		if !slices.Contains(n.Channels, plan.ChannelSMS) {
			continue
		}
		m, err := notify.Render(cfg, &n, plan.ChannelSMS, links)
		if err != nil {
			t.Fatal(err)
		}
		if l := longest[n.Kind]; l == nil || len(m.Text) > len(l.Text) {
			longest[n.Kind] = m
		}
	}
	if len(longest) < 4 {
		t.Fatalf("the example sends SMS of %d kinds, want more", len(longest))
	}
	return longest
}
