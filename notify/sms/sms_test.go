package sms

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

func TestNewErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		edit func(ch *plan.SMSChannel)
		want string
	}{
		{"a missing password file is named", func(ch *plan.SMSChannel) { ch.PasswordFile = filepath.Join(dir, "nope") }, filepath.Join(dir, "nope")},
		{"an empty password file is named", func(ch *plan.SMSChannel) { ch.PasswordFile = empty }, empty + " is empty"},
		{"an unset variable is named", func(ch *plan.SMSChannel) { ch.PasswordEnv = "NHACVIEC_NOT_SET" }, "NHACVIEC_NOT_SET is not set"},
		{"no secret at all", func(ch *plan.SMSChannel) { ch.PasswordEnv = "" }, "password_file or password_env"},
		{"esms without a brandname", func(ch *plan.SMSChannel) { ch.From = "" }, "from is required"},
		{"esms without an ApiKey", func(ch *plan.SMSChannel) { ch.Username = "" }, "username (the ApiKey)"},
		{"a url that is not http", func(ch *plan.SMSChannel) { ch.URL = "ftp://relay" }, `url "ftp://relay"`},
		{"an unknown provider", func(ch *plan.SMSChannel) { ch.Provider = "pigeon" }, `unknown provider "pigeon"`},
		{"twilio without a from", func(ch *plan.SMSChannel) { *ch = *channel("twilio", ""); ch.From = "" }, "from is required"},
		{"android-gateway without a url", func(ch *plan.SMSChannel) { *ch = *channel("android-gateway", ""); ch.URL = "" }, "url is required"},
		{"http with a broken body", func(ch *plan.SMSChannel) { *ch = *channel("http", "http://relay"); ch.Body = "{{.To" }, "body:"},
		{"http with an unknown field", func(ch *plan.SMSChannel) { *ch = *channel("http", "http://relay"); ch.Body = "{{.Phone}}" }, "can't evaluate field Phone"},
		{"http with a broken header", func(ch *plan.SMSChannel) {
			*ch = *channel("http", "http://relay")
			ch.Headers = map[string]string{"X-Key": "{{.Nope}}"}
		}, "Nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch := channel("esms", "")
			tt.edit(ch)
			_, err := New(ch, Options{Getenv: func(k string) string {
				if k == "SMS_SECRET" {
					return secret
				}
				return ""
			}})
			if err == nil {
				t.Fatalf("New succeeded, want an error saying %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error %q holds the secret", err)
			}
		})
	}
}

func TestPasswordFile(t *testing.T) {
	f := newRelay(t, respond(http.StatusOK, "application/json", `{"CodeResult":"100","SMSID":"1"}`))
	file := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(file, []byte("from-the-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ch := channel("esms", f.URL)
	ch.PasswordEnv, ch.PasswordFile = "", file
	s, err := New(ch, Options{})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if err := notifyWithin(s, 5*time.Second, message("+84912345678")); err != nil {
		t.Fatalf("Notify: %v", err)
	}
	var body struct{ SecretKey string }
	json.Unmarshal(f.got()[0].Body, &body)
	if body.SecretKey != "from-the-file" {
		t.Errorf("SecretKey = %q, want the file's line without its newline", body.SecretKey)
	}
}

// sentText is the text an eSMS relay received.
func sentText(t *testing.T, f *fakeRelay) (content, unicode string) {
	t.Helper()
	var body struct{ Content, IsUnicode string }
	if err := json.Unmarshal(f.got()[0].Body, &body); err != nil {
		t.Fatal(err)
	}
	return body.Content, body.IsUnicode
}

func TestUnicode(t *testing.T) {
	f := newRelay(t, respond(http.StatusOK, "application/json", `{"CodeResult":"100","SMSID":"1"}`))
	ch := channel("esms", f.URL)
	ch.Unicode = true
	if err := notifyWithin(newSender(t, ch), 5*time.Second, message("+84912345678")); err != nil {
		t.Fatalf("Notify: %v", err)
	}
	content, unicode := sentText(t, f)
	if content != text || unicode != "1" {
		t.Errorf("Content, IsUnicode = %q, %q; want %q, \"1\"", content, unicode, text)
	}
}

func TestMaxSegments(t *testing.T) {
	long := strings.Repeat("Báo cáo kết quả Tháng hành động vì bình đẳng giới, gửi Hội Liên hiệp Phụ nữ xã. ", 8)
	tail := "Trả lời OK 4821 http://127.0.0.1:8080/a/Tc8c16fcf043696c9"
	for _, tt := range []struct {
		name     string
		unicode  bool
		segments int
		wantTail string
	}{
		{"GSM, one segment", false, 1, "Tra loi OK 4821 http://127.0.0.1:8080/a/Tc8c16fcf043696c9"},
		{"GSM, two segments", false, 2, "Tra loi OK 4821 http://127.0.0.1:8080/a/Tc8c16fcf043696c9"},
		{"UCS-2, three segments", true, 3, tail},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newRelay(t, respond(http.StatusOK, "application/json", `{"CodeResult":"100","SMSID":"1"}`))
			ch := channel("esms", f.URL)
			ch.Unicode, ch.MaxSegments = tt.unicode, tt.segments
			m := message("+84912345678")
			m.Text = long + "\n" + tail
			if err := notifyWithin(newSender(t, ch), 5*time.Second, m); err != nil {
				t.Fatalf("Notify: %v", err)
			}
			content, _ := sentText(t, f)
			if n := notify.Segments(content); n > tt.segments {
				t.Errorf("the text takes %d segments, want at most %d: %q", n, tt.segments, content)
			}
			if !strings.HasSuffix(content, "...\n"+tt.wantTail) {
				t.Errorf("the text %q does not end with the cut body and the whole line %q", content, tt.wantTail)
			}
			if len(content) < 100 {
				t.Errorf("the body was cut to nothing: %q", content)
			}
		})
	}
}

// TestRate: 5 messages sent at once at 10 a second reach the relay over
// at least 0.4 s, one every 0.1 s.
func TestRate(t *testing.T) {
	f := newRelay(t, respond(http.StatusAccepted, "application/json", `{"id":"x","state":"Pending"}`))
	ch := channel("android-gateway", f.URL)
	ch.Rate = plan.Rate{N: 10, Per: time.Second}
	s := newSender(t, ch)
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, 5)
	for range 5 {
		wg.Go(func() { errs <- notifyWithin(s, 10*time.Second, message("+84912345678")) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("Notify: %v", err)
		}
	}
	if d := time.Since(start); d < 400*time.Millisecond {
		t.Errorf("5 messages at 10/s took %v, want at least 400ms", d)
	}
	got := f.got()
	if len(got) != 5 {
		t.Fatalf("%d requests, want 5", len(got))
	}
	times := make([]time.Time, len(got))
	for i, r := range got {
		times[i] = r.At
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	if span := times[4].Sub(times[0]); span < 350*time.Millisecond {
		t.Errorf("the relay got 5 requests within %v, want them spread over 400ms", span)
	}
}

// TestRatePerNumber: each request of a per-number provider waits its turn.
func TestRatePerNumber(t *testing.T) {
	f := newRelay(t, respond(http.StatusOK, "application/json", `{"CodeResult":"100","SMSID":"1"}`))
	ch := channel("esms", f.URL)
	ch.Rate = plan.Rate{N: 1, Per: 200 * time.Millisecond}
	start := time.Now()
	if err := notifyWithin(newSender(t, ch), 10*time.Second, message("+84912345678", "+84987654321", "+84911111111")); err != nil {
		t.Fatalf("Notify: %v", err)
	}
	if d := time.Since(start); d < 400*time.Millisecond {
		t.Errorf("3 requests at 1 per 200ms took %v, want at least 400ms", d)
	}
}

// TestRateDeadline: a message that cannot get its turn before its
// deadline fails for a time, without a request.
func TestRateDeadline(t *testing.T) {
	f := newRelay(t, respond(http.StatusOK, "application/json", `{"CodeResult":"100","SMSID":"1"}`))
	ch := channel("esms", f.URL)
	ch.Rate = plan.Rate{N: 1, Per: time.Hour}
	s := newSender(t, ch)
	if err := notifyWithin(s, 5*time.Second, message("+84912345678")); err != nil {
		t.Fatalf("first Notify: %v", err)
	}
	err := notifyWithin(s, 100*time.Millisecond, message("+84987654321"))
	checkFailure(t, err, true, "wait for the rate")
	if len(f.got()) != 1 {
		t.Errorf("%d requests, want 1", len(f.got()))
	}
}

// TestRetryReachesOnlyTheRest: when one number of a message fails for a
// time, trying the message again does not send it twice to the others.
func TestRetryReachesOnlyTheRest(t *testing.T) {
	var mu sync.Mutex
	down := true
	f := newRelay(t, func(w http.ResponseWriter, r *http.Request, n int) {
		var body struct{ Phone string }
		json.NewDecoder(r.Body).Decode(&body) // the fake relay kept a copy
		mu.Lock()
		defer mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if body.Phone == "0987654321" && down {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(`{"ErrorMessage":"busy"}`))
			return
		}
		w.Write([]byte(`{"CodeResult":"100","SMSID":"` + body.Phone + `"}`))
	})
	s := newSender(t, channel("esms", f.URL))

	m := message("+84912345678", "+84987654321", "0123")
	err := notifyWithin(s, 5*time.Second, m)
	checkFailure(t, err, true, "to +84987654321: esms answered 503", "to 0123: not an E.164 phone number")
	if strings.Contains(err.Error(), "+84912345678") {
		t.Errorf("error %q names the number that was sent to", err)
	}
	if want := "esms SMSID=0912345678 to +84912345678"; m.Receipt != want {
		t.Errorf("Receipt = %q, want %q", m.Receipt, want)
	}

	mu.Lock()
	down = false
	mu.Unlock()
	m = message("+84912345678", "+84987654321", "0123")
	err = notifyWithin(s, 5*time.Second, m)
	// The bad number stays refused: the message as a whole failed for good.
	checkFailure(t, err, false, "to 0123: not an E.164 phone number")
	if want := "esms SMSID=0912345678 to +84912345678; esms SMSID=0987654321 to +84987654321"; m.Receipt != want {
		t.Errorf("Receipt = %q, want %q", m.Receipt, want)
	}
	var phones []string
	for _, r := range f.got() {
		var body struct{ Phone string }
		json.Unmarshal(r.Body, &body)
		phones = append(phones, body.Phone)
	}
	if want := []string{"0912345678", "0987654321", "0987654321"}; !slices.Equal(phones, want) {
		t.Errorf("requests to %v, want %v", phones, want)
	}

	// Settled for good, the message is forgotten: a third try sends again.
	if err := notifyWithin(s, 5*time.Second, message("+84912345678")); err != nil {
		t.Fatalf("third Notify: %v", err)
	}
	if len(f.got()) != 4 {
		t.Errorf("%d requests, want 4", len(f.got()))
	}
}

func TestPartialBounded(t *testing.T) {
	s := &Sender{partial: map[string]map[string]outcome{}}
	for i := range maxPartial + 10 {
		s.keepPartial(fmt.Sprint("n-", i), map[string]outcome{"+84912345678": {receipt: "r"}})
	}
	if len(s.partial) != maxPartial || len(s.order) != maxPartial {
		t.Errorf("kept %d messages (%d in order), want %d", len(s.partial), len(s.order), maxPartial)
	}
	if _, ok := s.partial["n-0"]; ok {
		t.Errorf("the oldest message is still kept")
	}
}

func TestPhoneSpelling(t *testing.T) {
	tests := []struct{ e164, national, international string }{
		{"+84912345678", "0912345678", "84912345678"},
		{"+842438251234", "02438251234", "842438251234"},
		{"+14155552671", "14155552671", "14155552671"},
	}
	for _, tt := range tests {
		if got := national(tt.e164); got != tt.national {
			t.Errorf("national(%s) = %s, want %s", tt.e164, got, tt.national)
		}
		if got := international(tt.e164); got != tt.international {
			t.Errorf("international(%s) = %s, want %s", tt.e164, got, tt.international)
		}
	}
	for p, want := range map[string]bool{"+84912345678": true, "0912345678": false, "+0912345678": false, "+84 912": false, "+8491234567890123": false} {
		if got := isE164(p); got != want {
			t.Errorf("isE164(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestGatewayURL: a gateway's url without a path reaches the local
// server's endpoint.
func TestGatewayURL(t *testing.T) {
	f := newRelay(t, respond(http.StatusAccepted, "application/json", `{"id":"x","state":"Pending"}`))
	ch := channel("android-gateway", f.URL)
	ch.URL = f.URL + "/"
	if err := notifyWithin(newSender(t, ch), 5*time.Second, message("+84912345678")); err != nil {
		t.Fatalf("Notify: %v", err)
	}
	checkLine(t, f.got()[0], "POST", "/message")
}

// TestEndpoint: a url with no path gets the documented one.
func TestEndpoint(t *testing.T) {
	tests := []struct{ configured, want string }{
		{"", "https://rest.esms.vn/MainService.svc/json/SendMultipleMessage_V4_post_json/"},
		{"http://127.0.0.1:9000", "http://127.0.0.1:9000/MainService.svc/json/SendMultipleMessage_V4_post_json/"},
		{"http://127.0.0.1:9000/", "http://127.0.0.1:9000/MainService.svc/json/SendMultipleMessage_V4_post_json/"},
		{"https://proxy.example/esms/send", "https://proxy.example/esms/send"},
	}
	for _, tt := range tests {
		got, err := endpoint(tt.configured, "https://rest.esms.vn", "/MainService.svc/json/SendMultipleMessage_V4_post_json/")
		if err != nil || got != tt.want {
			t.Errorf("endpoint(%q) = %q, %v; want %q", tt.configured, got, err, tt.want)
		}
	}
}
