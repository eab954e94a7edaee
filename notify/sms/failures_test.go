package sms

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/notify"
)

var presets = []string{"android-gateway", "esms", "speedsms", "twilio", "http"}

// checkFailure checks err is a failure, temporary or not, whose message
// holds every one of want and never the secret.
func checkFailure(t *testing.T, err error, temporary bool, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("Notify succeeded, want a failure")
	}
	if got := notify.IsTemporary(err); got != temporary {
		t.Errorf("IsTemporary = %v, want %v (%v)", got, temporary, err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not say %q", err, w)
		}
	}
	if strings.Contains(err.Error(), secret) {
		t.Errorf("error %q holds the secret", err)
	}
}

func TestStatusFailures(t *testing.T) {
	tests := []struct {
		name      string
		status    int
		ctype     string
		body      string
		temporary bool
		want      []string
	}{
		{"400 bad request", 400, "application/json", `{"message":"phoneNumbers is empty","code":21211,"status":"error","ErrorMessage":"bad"}`, false, []string{"400 Bad Request"}},
		{"401 unauthorized", 401, "application/json", `{"message":"Unauthorized","code":20003}`, false, []string{"401 Unauthorized"}},
		{"429 too many requests", 429, "application/json", `{"name":"Too Many Requests","message":"Rate limit exceeded.","code":0,"status":429}`, true, []string{"429 Too Many Requests"}},
		{"503 unavailable", 503, "application/json", `{"message":"try later"}`, true, []string{"503 Service Unavailable"}},
		{"502 from a proxy, as HTML", 502, "text/html", "<html><body>Bad Gateway</body></html>", true, []string{"502 Bad Gateway"}},
		{"404 from something else, as HTML", 404, "text/html; charset=utf-8", "<html>Not Found</html>", false, []string{"404 Not Found"}},
	}
	for _, preset := range presets {
		for _, tt := range tests {
			t.Run(preset+"/"+tt.name, func(t *testing.T) {
				f := newRelay(t, respond(tt.status, tt.ctype, tt.body))
				err := notifyWithin(newSender(t, channel(preset, f.URL)), 5*time.Second, message("+84912345678"))
				want := append([]string{"sms " + preset, "n-0001", "+84912345678"}, tt.want...)
				if preset != "http" && strings.HasPrefix(tt.ctype, "text/html") {
					want = append(want, "the relay answered text/html, not JSON: check the url")
				}
				checkFailure(t, err, tt.temporary, want...)
			})
		}
	}
}

// TestNotJSON: a url that reaches a web page or anything else than the
// relay gets an answer the relay would never give.
func TestNotJSON(t *testing.T) {
	tests := []struct {
		name, ctype, body, want string
	}{
		{"an HTML page", "text/html; charset=utf-8", "<!doctype html><title>Router login</title>", "the relay answered text/html, not JSON: check the url"},
		{"plain text", "text/plain", "OK", "the relay answered text/plain, not JSON: check the url"},
		{"nothing", "", "", "the relay answered nothing, not JSON: check the url"},
		{"broken JSON", "application/json", `{"id":`, "the relay answered a body that is not JSON: check the url"},
	}
	for _, preset := range presets[:4] {
		for _, tt := range tests {
			t.Run(preset+"/"+tt.name, func(t *testing.T) {
				status := http.StatusOK
				if preset == "twilio" {
					status = http.StatusCreated
				}
				f := newRelay(t, respond(status, tt.ctype, tt.body))
				err := notifyWithin(newSender(t, channel(preset, f.URL)), 5*time.Second, message("+84912345678"))
				checkFailure(t, err, false, tt.want)
			})
		}
	}
}

// TestSuccessWithoutID: JSON that is not the relay's answer either.
func TestSuccessWithoutID(t *testing.T) {
	for _, preset := range presets[:4] {
		t.Run(preset, func(t *testing.T) {
			f := newRelay(t, respond(http.StatusOK, "application/json", `{"ok":true}`))
			err := notifyWithin(newSender(t, channel(preset, f.URL)), 5*time.Second, message("+84912345678"))
			checkFailure(t, err, false, "check the url")
		})
	}
}

func TestUnreachable(t *testing.T) {
	for _, preset := range presets {
		t.Run(preset, func(t *testing.T) {
			f := newRelay(t, respond(http.StatusOK, "", ""))
			f.Close() // nothing listens there any more: connection refused
			err := notifyWithin(newSender(t, channel(preset, f.URL)), 5*time.Second, message("+84912345678"))
			checkFailure(t, err, true, "+84912345678", "POST http://127.0.0.1")
			if len(f.got()) != 0 {
				t.Errorf("a closed server got %d requests", len(f.got()))
			}
		})
	}
}

func TestSlowRelay(t *testing.T) {
	for _, preset := range presets {
		t.Run(preset, func(t *testing.T) {
			release := make(chan struct{})
			f := newRelay(t, func(w http.ResponseWriter, r *http.Request, _ int) {
				select {
				case <-release:
				case <-r.Context().Done():
				}
			})
			defer close(release)
			start := time.Now()
			err := notifyWithin(newSender(t, channel(preset, f.URL)), 200*time.Millisecond, message("+84912345678"))
			checkFailure(t, err, true, "+84912345678")
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("error %v is not context.DeadlineExceeded", err)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("Notify returned after %v, long past its deadline", d)
			}
			if len(f.got()) != 1 {
				t.Errorf("the relay got %d requests, want 1", len(f.got()))
			}
		})
	}
}

func TestESMSCodes(t *testing.T) {
	tests := []struct {
		body      string
		temporary bool
		want      string
	}{
		{`{"CodeResult":"101","ErrorMessage":"Sai ApiKey hoặc SecretKey"}`, false, "CodeResult 101: wrong ApiKey or SecretKey (Sai ApiKey hoặc SecretKey)"},
		{`{"CodeResult":"103","ErrorMessage":"Not enough balance"}`, false, "CodeResult 103: the balance is too low"},
		{`{"CodeResult":"104","ErrorMessage":"Brandname not exist"}`, false, "CodeResult 104: the brandname does not exist"},
		{`{"CodeResult":"146"}`, false, "CodeResult 146: the text matches no registered customer-care template"},
		{`{"CodeResult":"99","ErrorMessage":"Unknown"}`, true, "CodeResult 99"},
		{`{"CodeResult":"777"}`, true, "CodeResult 777: an undocumented code"},
		{`{"CodeResult":101}`, false, "CodeResult 101"}, // a number, not a string
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			f := newRelay(t, respond(http.StatusOK, "application/json", tt.body))
			m := message("+84912345678")
			err := notifyWithin(newSender(t, channel("esms", f.URL)), 5*time.Second, m)
			checkFailure(t, err, tt.temporary, tt.want, "to +84912345678")
			if m.Receipt != "" {
				t.Errorf("Receipt = %q, want none", m.Receipt)
			}
		})
	}
}

// TestEchoedSecret: a relay that repeats the request in its error never
// gets the secret into the error.
func TestEchoedSecret(t *testing.T) {
	f := newRelay(t, respond(http.StatusOK, "application/json", `{"CodeResult":"101","ErrorMessage":"SecretKey `+secret+` is wrong"}`))
	err := notifyWithin(newSender(t, channel("esms", f.URL)), 5*time.Second, message("+84912345678"))
	checkFailure(t, err, false, "SecretKey *** is wrong")
}

func TestSpeedSMSCodes(t *testing.T) {
	tests := []struct {
		body      string
		temporary bool
		want      string
	}{
		{`{"status":"error","code":"300","message":"Your account balance not enough to send sms"}`, false, "error 300: the balance is too low"},
		{`{"status":"error","code":"007","message":"IP locked"}`, false, "error 007: this IP address is locked"},
		{`{"status":"error","code":"105","message":"Phone number invalid","invalidPhone":["84912345678"]}`, false, "error 105: invalid phone number"},
		{`{"status":"error","code":"500","message":"Internal error, please try again"}`, true, "error 500: internal error"},
		{`{"status":"success","code":"00","data":{"tranId":1,"invalidPhone":["84912345678"]}}`, false, "speedsms refused every number as invalid"},
		{`{"status":"pending"}`, false, `status "pending", not success or error: check the url`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			f := newRelay(t, respond(http.StatusOK, "application/json", tt.body))
			err := notifyWithin(newSender(t, channel("speedsms", f.URL)), 5*time.Second, message("+84912345678"))
			checkFailure(t, err, tt.temporary, tt.want, "to +84912345678")
		})
	}
}

func TestSpeedSMSInvalidNumber(t *testing.T) {
	f := newRelay(t, respond(http.StatusOK, "application/json",
		`{"status":"success","code":"00","data":{"tranId":42,"totalSMS":1,"invalidPhone":["84987654321"]}}`))
	m := message("+84912345678", "+84987654321")
	err := notifyWithin(newSender(t, channel("speedsms", f.URL)), 5*time.Second, m)
	checkFailure(t, err, false, "to +84987654321: speedsms refused the number")
	if strings.Contains(err.Error(), "+84912345678") {
		t.Errorf("error %q names the number that was sent to", err)
	}
	if want := "speedsms tranId=42 to +84912345678,+84987654321"; m.Receipt != want {
		t.Errorf("Receipt = %q, want %q", m.Receipt, want)
	}
}

func TestTwilioError(t *testing.T) {
	f := newRelay(t, respond(http.StatusBadRequest, "application/json",
		`{"code":21211,"message":"The 'To' number +8491234567 is not a valid phone number.","more_info":"https://www.twilio.com/docs/errors/21211","status":400}`))
	err := notifyWithin(newSender(t, channel("twilio", f.URL)), 5*time.Second, message("+84912345678"))
	checkFailure(t, err, false, "twilio answered 400 Bad Request: error 21211: The 'To' number +8491234567 is not a valid phone number. (https://www.twilio.com/docs/errors/21211)")
}

func TestRedirect(t *testing.T) {
	f := newRelay(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		http.Redirect(w, r, "https://gateway.example/message", http.StatusMovedPermanently)
	})
	err := notifyWithin(newSender(t, channel("android-gateway", f.URL)), 5*time.Second, message("+84912345678"))
	checkFailure(t, err, false, "301 Moved Permanently to https://gateway.example/message: check the url")
	if len(f.got()) != 1 {
		t.Errorf("%d requests, want 1: a redirect is not followed", len(f.got()))
	}
}

func TestNoPhone(t *testing.T) {
	f := newRelay(t, respond(http.StatusOK, "application/json", `{}`))
	m := message()
	m.To = []notify.Address{{Name: "Email only", Email: "a@example.vn"}}
	err := notifyWithin(newSender(t, channel("esms", f.URL)), 5*time.Second, m)
	checkFailure(t, err, false, "no phone number")
	if len(f.got()) != 0 {
		t.Errorf("%d requests, want none", len(f.got()))
	}
}

func TestNotE164(t *testing.T) {
	f := newRelay(t, respond(http.StatusOK, "application/json", `{"CodeResult":"100","SMSID":"x"}`))
	m := message("0912345678", "+84987654321")
	err := notifyWithin(newSender(t, channel("esms", f.URL)), 5*time.Second, m)
	checkFailure(t, err, false, "to 0912345678: not an E.164 phone number")
	if len(f.got()) != 1 {
		t.Errorf("%d requests, want 1, to the valid number", len(f.got()))
	}
	if want := "esms SMSID=x to +84987654321"; m.Receipt != want {
		t.Errorf("Receipt = %q, want %q", m.Receipt, want)
	}
}
