package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTestSendScrubsSecrets: an SMS relay that repeats the credentials of
// the request, in its refusal or in its receipt, gets none of them into
// test-send's output.
func TestTestSendScrubsSecrets(t *testing.T) {
	const user, password = "sms", "Pa ss/wörd+42"
	basic := base64.StdEncoding.EncodeToString([]byte(user + ":" + password))
	secrets := []string{password, url.QueryEscape(password), basic}
	tests := []struct {
		name   string
		status int
		answer func(r *http.Request) map[string]any
		exit   int
		want   string
	}{
		{"a refusal that repeats the Authorization header", http.StatusUnauthorized, func(r *http.Request) map[string]any {
			return map[string]any{"message": "bad credentials: " + r.Header.Get("Authorization")}
		}, exitRuntime, "lỗi"},
		{"a refusal that repeats the password", http.StatusBadRequest, func(r *http.Request) map[string]any {
			u, p, _ := r.BasicAuth()
			return map[string]any{"message": fmt.Sprintf("user %s password %s (%s) refused", u, p, url.QueryEscape(p))}
		}, exitRuntime, "lỗi"},
		{"a receipt that repeats the password", http.StatusAccepted, func(r *http.Request) map[string]any {
			_, p, _ := r.BasicAuth()
			return map[string]any{"id": "msg-" + p, "state": "Pending"}
		}, exitOK, "đã gửi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			relay := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tt.status)
				json.NewEncoder(w).Encode(tt.answer(r))
			}))
			defer relay.Close()
			dir := t.TempDir()
			config := filepath.Join(dir, "nhacviec.yaml")
			os.WriteFile(config, []byte(fmt.Sprintf(`service:
  data_dir: %s
channels:
  sms: {provider: android-gateway, url: %s/message, username: %s, password_env: NV_SMS_PASSWORD}
units:
  hlhpn: {name: Hội Liên hiệp Phụ nữ xã, contacts: [{name: Chị Lan, phone: "0983 112 233", channels: [sms]}]}
plans:
  - {id: p, title: P, year: 2019, owner: hlhpn, tasks: [{id: t, title: T, lead: [hlhpn], on: "14/11 08:00"}]}
`, filepath.Join(dir, "data"), relay.URL, user)), 0o644)
			var stdout, stderr bytes.Buffer
			getenv := func(k string) string {
				if k == "NV_SMS_PASSWORD" {
					return password
				}
				return ""
			}
			code := Main(context.Background(), []string{"test-send", "-c", config, "--unit", "hlhpn"},
				&env{stdout: &stdout, stderr: &stderr, getenv: getenv, now: func() time.Time { return time.Date(2019, 11, 14, 9, 0, 0, 0, time.UTC) }})
			out := stdout.String() + stderr.String()
			if code != tt.exit {
				t.Errorf("got exit code %d, want %d\n%s", code, tt.exit, out)
			}
			if !strings.Contains(out, tt.want) || !strings.Contains(out, "***") {
				t.Errorf("the output does not report the relay's words, scrubbed:\n%s", out)
			}
			for _, s := range secrets {
				if strings.Contains(out, s) {
					t.Errorf("the output holds the secret %q:\n%s", s, out)
				}
			}
		})
	}
}
