// Package webhook delivers messages to a commune's own systems (a chat
// bridge, a records system) as JSON posted to one URL, signed as GitHub
// signs its webhooks: X-Nhacviec-Signature-256 holds "sha256=" and the
// hex HMAC-SHA256 of the body under a shared secret, so the receiver
// knows the post came from nhacviec and was not changed on the way.
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"

	"golang.org/x/time/rate"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// SignatureHeader is the header that carries the body's signature.
const SignatureHeader = "X-Nhacviec-Signature-256"

// Options are what a Sender takes from its environment.
type Options struct {
	// Client makes the requests; the default gives up after the
	// channel's timeout and follows no redirect.
	Client *http.Client
	// Version is nhacviec's, sent in User-Agent: nhacviec/VERSION.
	Version string
}

// Sender posts messages to one webhook. It is safe for concurrent use.
type Sender struct {
	url, agent string
	secret     []byte
	client     *http.Client
	limit      *rate.Limiter
}

// New returns a Sender for the channel ch, with its secret read from
// secret_file; its errors name the file, never the secret.
func New(ch *plan.WebhookChannel, opts Options) (*Sender, error) {
	if ch == nil {
		return nil, errors.New("webhook: no channel")
	}
	b, err := os.ReadFile(ch.SecretFile)
	if err != nil {
		return nil, fmt.Errorf("webhook: read secret_file: %w", err)
	}
	secret := bytes.TrimSpace(b)
	if len(secret) == 0 {
		return nil, fmt.Errorf("webhook: secret_file %s is empty", ch.SecretFile)
	}
	if opts.Client == nil {
		opts.Client = &http.Client{Timeout: ch.Timeout,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	if opts.Version == "" {
		opts.Version = "dev"
	}
	return &Sender{url: ch.URL, agent: "nhacviec/" + opts.Version, secret: secret, client: opts.Client,
		limit: notify.Limiter(ch.Rate)}, nil
}

// Sign returns the signature header's value for body under secret:
// "sha256=" and the hex HMAC-SHA256. A receiver computes the same and
// compares the two with hmac.Equal.
func Sign(secret, body []byte) string {
	h := hmac.New(sha256.New, secret)
	h.Write(body)
	return "sha256=" + hex.EncodeToString(h.Sum(nil))
}

// Notify posts m, rendered for the webhook channel, as the JSON of
// notify.Payload. A 2xx answer is success; 5xx, 408, 429, a network
// error or a timeout are temporary; any other answer is permanent.
func (s *Sender) Notify(ctx context.Context, m *notify.Message) error {
	if m.Data == nil {
		return notify.Permanent(fmt.Errorf("webhook: message %s was not rendered for the webhook", m.ID))
	}
	body, err := json.Marshal(notify.PayloadOf(m))
	if err != nil {
		return notify.Permanent(fmt.Errorf("webhook: message %s: %w", m.ID, err))
	}
	if err := s.limit.Wait(ctx); err != nil {
		return notify.Temporary(fmt.Errorf("webhook: message %s: %w", m.ID, err))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return notify.Permanent(fmt.Errorf("webhook: message %s: %w", m.ID, err))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", s.agent)
	req.Header.Set(SignatureHeader, Sign(s.secret, body))
	resp, err := s.client.Do(req)
	if err != nil {
		var u *url.Error
		if errors.As(err, &u) {
			err = fmt.Errorf("%s: %w", u.Op, u.Err) // without the address's query
		}
		return notify.Temporary(fmt.Errorf("webhook: message %s: %w", m.ID, err))
	}
	defer resp.Body.Close()
	reply, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode/100 == 2 {
		m.Receipt = "webhook: " + resp.Status
		return nil
	}
	err = fmt.Errorf("webhook: message %s: %s: %s", m.ID, resp.Status, strings.TrimSpace(string(reply)))
	switch {
	case resp.StatusCode >= 500, resp.StatusCode == http.StatusTooManyRequests, resp.StatusCode == http.StatusRequestTimeout:
		return notify.Temporary(err)
	}
	return notify.Permanent(err)
}
