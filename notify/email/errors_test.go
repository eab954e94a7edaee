package email

import (
	"bytes"
	"context"
	"encoding/base64"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/notify"
)

// TestServerEchoesAreScrubbed: a server that repeats the login in its
// error replies (plain, as the AUTH PLAIN line, percent-encoded, as a
// Basic header) gets none of it into the errors or the log.
func TestServerEchoesAreScrubbed(t *testing.T) {
	const password = `s3cr3t/p@ss "wörd"`
	spellings := map[string]string{
		"plain":         password,
		"quoted":        strings.Trim(strconv.Quote(password), `"`),
		"percent":       url.QueryEscape(password),
		"AUTH PLAIN":    base64.StdEncoding.EncodeToString([]byte("\x00" + testUser + "\x00" + password)),
		"Basic":         base64.StdEncoding.EncodeToString([]byte(testUser + ":" + password)),
		"base64 alone":  base64.StdEncoding.EncodeToString([]byte(password)),
		"the header":    "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte(testUser+":"+password)),
		"a piece of it": "p@ss \"wörd",
	}
	tests := []struct {
		name      string
		mechs     []string
		serverPW  string // the password the server expects
		test      string // X-Test of the message
		temporary bool
	}{
		{"535 at PLAIN", []string{"PLAIN"}, "another", "", false},
		{"535 at LOGIN", []string{"LOGIN"}, "another", "", false},
		{"451 at DATA", []string{"PLAIN"}, password, "echo", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBackend()
			b.mechs, b.user, b.pass, b.echo = tt.mechs, testUser, tt.serverPW, true
			port := startServer(t, b, modeStartTLS)
			file := filepath.Join(t.TempDir(), "smtp-password")
			if err := os.WriteFile(file, []byte(password+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			ch := channel(port, modeStartTLS)
			ch.Username, ch.PasswordFile = testUser, file
			var logs bytes.Buffer
			s := newSender(t, ch, Options{Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
			err := s.Notify(context.Background(), plain("n1", "a@example.vn", tt.test))
			if err == nil {
				t.Fatal("Notify succeeded, want the server's refusal")
			}
			if notify.IsTemporary(err) != tt.temporary {
				t.Errorf("got temporary %v, want %v: %v", notify.IsTemporary(err), tt.temporary, err)
			}
			if !strings.Contains(err.Error(), notify.Scrubbed) {
				t.Errorf("error %q: want the server's words, scrubbed", err)
			}
			for name, secret := range spellings {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("the error holds the password, %s: %q", name, err)
				}
				if strings.Contains(logs.String(), secret) {
					t.Errorf("the log holds the password, %s:\n%s", name, logs.String())
				}
			}
		})
	}
}
