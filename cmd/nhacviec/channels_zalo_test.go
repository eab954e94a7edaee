package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/notify/webhook"
)

// TestTestSendZaloAndWebhook: test-send reaches a contact on Zalo (the
// reminder's template, the token from the environment) and the webhook
// (signed), each on a local server, and says so.
func TestTestSendZaloAndWebhook(t *testing.T) {
	var mu sync.Mutex
	var zns, hook []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		switch r.URL.Path {
		case "/zns":
			zns = append(zns, r.Header.Get("access_token")+" "+string(body))
			io.WriteString(w, `{"error":0,"message":"Success","data":{"msg_id":"z1"}}`)
		case "/hook":
			hook = append(hook, r.Header.Get(webhook.SignatureHeader)+" "+string(body))
			w.WriteHeader(http.StatusNoContent)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()
	secret := filepath.Join(dir, "hook-secret")
	os.WriteFile(secret, []byte("k"), 0o600)
	config := filepath.Join(dir, "nhacviec.yaml")
	os.WriteFile(config, []byte(fmt.Sprintf(`service:
  data_dir: %s
channels:
  zalo:
    url: %s/zns
    access_token_env: NV_ZALO
    templates:
      reminder: {template_id: "42", params: {don_vi: unit, noi_dung: task}}
  webhook: {url: %s/hook, secret_file: %s}
units:
  hlhpn: {name: Hội Liên hiệp Phụ nữ xã, contacts: [{name: Chị Lan, phone: "0983 112 233", channels: [zalo, webhook]}]}
plans:
  - {id: p, title: P, year: 2019, owner: hlhpn, tasks: [{id: t, title: T, lead: [hlhpn], on: "14/11 08:00"}]}
`, filepath.Join(dir, "data"), srv.URL, srv.URL, secret)), 0o644)
	var stdout, stderr bytes.Buffer
	getenv := func(k string) string { return map[string]string{"NV_ZALO": "tok"}[k] }
	code := Main(context.Background(), []string{"test-send", "-c", config, "--unit", "hlhpn"},
		&env{stdout: &stdout, stderr: &stderr, getenv: getenv, now: func() time.Time { return time.Date(2019, 11, 14, 9, 0, 0, 0, time.UTC) }})
	out := stdout.String()
	if code != exitOK {
		t.Fatalf("got exit code %d, want 0\n%s%s", code, out, stderr.String())
	}
	for _, want := range []string{"zalo +84983112233: đã gửi (zalo: 84983112233 msg_id z1)", "đã gửi (webhook: 204 No Content)"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if len(zns) != 1 || !strings.HasPrefix(zns[0], `tok {"phone":"84983112233","template_id":"42","template_data":{"don_vi":"Hội Liên hiệp Phụ nữ xã","noi_dung":`) {
		t.Errorf("ZNS requests: got %q", zns)
	}
	if len(hook) != 1 {
		t.Fatalf("webhook posts: got %d, want 1", len(hook))
	}
	sig, body, _ := strings.Cut(hook[0], " ")
	if sig != webhook.Sign([]byte("k"), []byte(body)) {
		t.Errorf("signature %s does not match the body %s", sig, body)
	}
	var p struct{ Kind, Unit string }
	if err := json.Unmarshal([]byte(body), &p); err != nil || p.Kind != "test" || p.Unit != "hlhpn" {
		t.Errorf("webhook body: got %s (%v), want kind test to hlhpn", body, err)
	}
}
