package sms

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// TestEchoedCredentials: a relay that repeats the credentials of the
// request in its error reply, in any spelling (plain, percent-encoded,
// base64 of user:password, the Authorization header), gets none of them
// into the error, for every provider.
func TestEchoedCredentials(t *testing.T) {
	const password = `pa ss/wörd+1&2`
	spellings := func(user string) map[string]string {
		s := map[string]string{
			"plain":              password,
			"percent-encoded":    url.QueryEscape(password),
			"path-encoded":       url.PathEscape(password),
			"speedSMS's pw:x":    base64.StdEncoding.EncodeToString([]byte(password + ":x")),
			"base64 of it alone": base64.StdEncoding.EncodeToString([]byte(password)),
			"any Authorization":  "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl",
		}
		if user != "" {
			s["base64 of user:pw"] = base64.StdEncoding.EncodeToString([]byte(user + ":" + password))
		}
		return s
	}
	channel := func(preset, url string) *plan.SMSChannel {
		ch := channel(preset, url)
		if preset == "http" {
			ch.Username = "relay-user" // HTTP Basic with the password
		}
		return ch
	}
	for _, preset := range presets {
		for name, spelling := range spellings(channel(preset, "").Username) {
			t.Run(preset+"/"+name, func(t *testing.T) {
				words := "refused credentials " + spelling + " for this account"
				b, _ := json.Marshal(map[string]any{
					"message": words, "ErrorMessage": words, "CodeResult": "99",
					"status": "error", "code": 99,
				})
				f := newRelay(t, respond(http.StatusBadRequest, "application/json", string(b)))
				ch := channel(preset, f.URL)
				s, err := New(ch, Options{Getenv: func(string) string { return password }})
				if err != nil {
					t.Fatal(err)
				}
				err = notifyWithin(s, 5*time.Second, message("+84912345678"))
				if err == nil {
					t.Fatal("Notify succeeded, want the relay's refusal")
				}
				if !strings.Contains(err.Error(), "refused credentials ") || !strings.Contains(err.Error(), notify.Scrubbed+" for this account") {
					t.Errorf("error %q: want the relay's words, scrubbed", err)
				}
				for what, secret := range spellings(ch.Username) {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("the error holds the password, %s: %q", what, err)
					}
				}
			})
		}
	}
}
