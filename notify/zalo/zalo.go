// Package zalo delivers messages through Zalo's notification service
// (ZNS): each message is an approved template of the Official Account,
// its parameters filled from the message's fields, sent to the phone
// numbers Zalo knows. A Sender keeps to the channel's rate, renews the
// OA's access token itself when given a refresh token (keeping the new
// one in the store), and tells a temporary failure from a permanent one
// by ZNS's documented error codes.
package zalo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// Options are what a Sender takes from its environment.
type Options struct {
	// Client makes the requests; the default gives up after 30 seconds
	// and follows no redirect.
	Client *http.Client
	// Getenv reads access_token_env (os.Getenv by default).
	Getenv func(string) string
	// Store keeps the refresh token; needed with refresh_token_file.
	Store TokenStore
	// Now is the clock of the token's expiry (time.Now by default).
	Now    func() time.Time
	Logger *slog.Logger
}

// Sender sends messages through one Zalo Official Account. It is safe
// for concurrent use; the channel's rate holds across all its calls.
type Sender struct {
	ch     *plan.ZaloChannel
	client *http.Client
	log    *slog.Logger
	limit  *rate.Limiter
	tokens *tokens

	mu sync.Mutex
	// sent holds, by message id, the numbers an earlier call delivered
	// to while others failed for a time: a retry reaches only the rest.
	sent  map[string][]string
	order []string
}

// maxPartial bounds the messages whose partial delivery a Sender keeps.
const maxPartial = 1024

// New returns a Sender for the channel ch, with its credentials read.
// Its errors name the file or variable, never a token.
func New(ch *plan.ZaloChannel, opts Options) (*Sender, error) {
	if ch == nil {
		return nil, errors.New("zalo: no channel")
	}
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Client == nil {
		opts.Client = &http.Client{Timeout: 30 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	}
	t, err := newTokens(ch, opts)
	if err != nil {
		return nil, err
	}
	return &Sender{ch: ch, client: opts.Client, log: opts.Logger.With("channel", plan.ChannelZalo),
		limit: notify.Limiter(ch.Rate), tokens: t, sent: map[string][]string{}}, nil
}

// request is the body of ZNS's "send a template message".
type request struct {
	Phone        string            `json:"phone"`
	TemplateID   string            `json:"template_id"`
	TemplateData map[string]string `json:"template_data"`
	TrackingID   string            `json:"tracking_id"`
}

// reply is ZNS's answer.
type reply struct {
	Error   *int   `json:"error"`
	Message string `json:"message"`
	Data    struct {
		MsgID string `json:"msg_id"`
	} `json:"data"`
}

// Notify sends m, rendered for the zalo channel, to each phone of m.To
// with the template of m's kind: one request per number, at the
// channel's rate. On success m.Receipt holds ZNS's message ids.
func (s *Sender) Notify(ctx context.Context, m *notify.Message) error {
	if m.Data == nil {
		return notify.Permanent(fmt.Errorf("zalo: message %s was not rendered for zalo", m.ID))
	}
	tmpl, ok := s.ch.Templates[plan.Kind(m.Data.Kind)]
	if !ok {
		return notify.Permanent(fmt.Errorf("zalo: message %s: channels.zalo.templates has no template for %s", m.ID, m.Data.Kind))
	}
	data := TemplateData(m, tmpl)
	var phones []string
	for _, a := range m.To {
		if p := Phone(a.Phone); p != "" && !slices.Contains(phones, p) {
			phones = append(phones, p)
		}
	}
	if len(phones) == 0 {
		return notify.Permanent(fmt.Errorf("zalo: message %s: no phone number to send to", m.ID))
	}
	done := s.takeSent(m.ID)
	var receipts []string
	var errs []error
	temporary := false
	for _, p := range phones {
		if slices.Contains(done, p) {
			continue
		}
		id, err := s.send(ctx, request{Phone: p, TemplateID: tmpl.ID, TemplateData: data, TrackingID: m.ID})
		if err != nil {
			errs = append(errs, fmt.Errorf("to %s: %w", p, err))
			temporary = temporary || notify.IsTemporary(err)
			continue
		}
		done = append(done, p)
		receipts = append(receipts, p+" msg_id "+id)
		s.log.Debug("sent", "id", m.ID, "to", p, "msg_id", id)
	}
	m.Receipt = "zalo: " + strings.Join(receipts, ", ")
	if len(errs) == 0 {
		return nil
	}
	err := fmt.Errorf("zalo: message %s: %w", m.ID, errors.Join(errs...))
	if temporary {
		s.keepSent(m.ID, done)
		return notify.Temporary(err)
	}
	return notify.Permanent(err)
}

// TemplateData fills the parameters of tmpl from m's fields, each cut to
// its length in runes (a text's last rune "…").
func TemplateData(m *notify.Message, tmpl plan.ZaloTemplate) map[string]string {
	data := make(map[string]string, len(tmpl.Params))
	for _, p := range tmpl.Params {
		v, _ := m.Field(p.Field)
		f, _ := plan.MessageFieldOf(p.Field)
		data[p.Name] = cut(v, p.Max, f.Text)
	}
	return data
}

// cut shortens v to at most n runes; a text ends in "…" then, after a
// whole word when one ends near the cut.
func cut(v string, n int, text bool) string {
	r := []rune(v)
	if n <= 0 || len(r) <= n {
		return v
	}
	if !text || n < 2 {
		return string(r[:n])
	}
	k := n - 1
	if r[k] != ' ' {
		for i := k - 1; i > 0 && i >= k-15; i-- {
			if r[i] == ' ' {
				k = i
				break
			}
		}
	}
	return strings.TrimRight(string(r[:k]), " ,;:.-") + "…"
}

// Phone writes an E.164 number as ZNS takes it: digits only, country
// code first (84912345678). It returns "" for no number.
func Phone(e164 string) string {
	return strings.TrimPrefix(strings.TrimSpace(e164), "+")
}

// send posts one request, renewing the access token once if ZNS says it
// is no longer valid.
func (s *Sender) send(ctx context.Context, r request) (string, error) {
	body, err := json.Marshal(r)
	if err != nil {
		return "", notify.Permanent(err)
	}
	token, err := s.tokens.token(ctx, "")
	if err != nil {
		return "", err
	}
	for try := 0; ; try++ {
		if err := s.limit.Wait(ctx); err != nil {
			return "", notify.Temporary(err)
		}
		id, code, err := s.post(ctx, token, body)
		if code != codeTokenInvalid || try > 0 {
			return id, err
		}
		s.log.Info("access token refused; renewing it", "error", code)
		if token, err = s.tokens.token(ctx, token); err != nil {
			return "", err
		}
	}
}

// post makes one request with token; it returns ZNS's message id, or its
// error code and the error, marked temporary or permanent.
func (s *Sender) post(ctx context.Context, token string, body []byte) (string, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.ch.URL, bytes.NewReader(body))
	if err != nil {
		return "", 0, notify.Permanent(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("access_token", token)
	resp, err := s.client.Do(req)
	if err != nil {
		return "", 0, notify.Temporary(scrubURL(err))
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if err != nil {
		return "", 0, notify.Temporary(err)
	}
	var r reply
	if jerr := json.Unmarshal(raw, &r); jerr != nil || r.Error == nil {
		err := fmt.Errorf("%s: %s", resp.Status, short(raw))
		if resp.StatusCode/100 == 4 && resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusRequestTimeout {
			return "", 0, notify.Permanent(err)
		}
		return "", 0, notify.Temporary(err)
	}
	if *r.Error == 0 {
		return r.Data.MsgID, 0, nil
	}
	err = fmt.Errorf("ZNS error %d: %s", *r.Error, r.Message)
	if Temporary(*r.Error) {
		return "", *r.Error, notify.Temporary(err)
	}
	return "", *r.Error, notify.Permanent(err)
}

func short(b []byte) string {
	s := strings.TrimSpace(string(b))
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
	}
	return s
}

func (s *Sender) takeSent(id string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	done := s.sent[id]
	delete(s.sent, id)
	return done
}

func (s *Sender) keepSent(id string, done []string) {
	if len(done) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.sent[id]; !ok {
		s.order = append(s.order, id)
	}
	s.sent[id] = done
	for len(s.order) > maxPartial {
		delete(s.sent, s.order[0])
		s.order = s.order[1:]
	}
}
