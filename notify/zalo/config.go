package zalo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// TokenStore keeps what the channel must remember across restarts: Zalo
// replaces the refresh token at each use, so the new one must outlive
// the process, or the next start would offer a spent one. *store.DB is
// one.
type TokenStore interface {
	Secret(name string) (string, error)
	SetSecret(name, value string) error
}

// SecretName is the key under which the channel keeps its tokens in the
// TokenStore.
const SecretName = "zalo"

// renewBefore is how long before its expiry an access token is renewed:
// a send never starts with a token about to lapse.
const renewBefore = 5 * time.Minute

// saved is what the TokenStore holds: the tokens, and the fingerprint of
// the refresh_token_file they descend from, so that a new file written
// by the administrator wins over tokens grown from an older one.
type saved struct {
	Seed         string    `json:"seed"`
	RefreshToken string    `json:"refresh_token"`
	AccessToken  string    `json:"access_token,omitempty"`
	Expires      time.Time `json:"expires,omitzero"`
}

// tokens gives the OA access token: read from a file or the environment
// (the administrator renews it), or renewed here with the refresh token.
type tokens struct {
	ch     *plan.ZaloChannel
	getenv func(string) string
	client *http.Client
	store  TokenStore
	now    func() time.Time

	mu        sync.Mutex
	secretKey string
	cur       saved
}

// newTokens reads the channel's credentials: the access token, or the
// app's secret key and the refresh token (the store's, if it descends
// from the same refresh_token_file).
func newTokens(ch *plan.ZaloChannel, opts Options) (*tokens, error) {
	t := &tokens{ch: ch, getenv: opts.Getenv, client: opts.Client, store: opts.Store, now: opts.Now}
	if !t.refreshing() {
		if _, err := t.static(); err != nil {
			return nil, err
		}
		return t, nil
	}
	if t.store == nil {
		return nil, errors.New("zalo: renewing the access token needs the store, to keep the refresh token")
	}
	key, err := readFile(ch.SecretKeyFile, "secret_key_file")
	if err != nil {
		return nil, err
	}
	t.secretKey = key
	file, seed, err := t.readRefresh()
	if err != nil {
		return nil, err
	}
	raw, err := t.store.Secret(SecretName)
	if err != nil {
		return nil, fmt.Errorf("zalo: %w", err)
	}
	var s saved
	if raw != "" && json.Unmarshal([]byte(raw), &s) == nil && s.Seed == seed && s.RefreshToken != "" {
		t.cur = s
	} else {
		t.cur = saved{Seed: seed, RefreshToken: file}
	}
	return t, nil
}

// refreshing reports whether the channel renews its token itself.
func (t *tokens) refreshing() bool { return t.ch.RefreshTokenFile != "" }

// static reads the access token the administrator keeps.
func (t *tokens) static() (string, error) {
	if t.ch.AccessTokenFile != "" {
		return readFile(t.ch.AccessTokenFile, "access_token_file")
	}
	v := strings.TrimSpace(t.getenv(t.ch.AccessTokenEnv))
	if v == "" {
		return "", fmt.Errorf("zalo: access_token_env: environment variable %s is not set or empty", t.ch.AccessTokenEnv)
	}
	return v, nil
}

// readRefresh reads refresh_token_file and its fingerprint.
func (t *tokens) readRefresh() (token, seed string, err error) {
	token, err = readFile(t.ch.RefreshTokenFile, "refresh_token_file")
	if err != nil {
		return "", "", err
	}
	sum := sha256.Sum256([]byte(token))
	return token, hex.EncodeToString(sum[:]), nil
}

func readFile(path, what string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("zalo: read %s: %w", what, err)
	}
	v := strings.TrimSpace(string(b))
	if v == "" {
		return "", fmt.Errorf("zalo: %s %s is empty", what, path)
	}
	return v, nil
}

// token returns an access token to send with. With stale, the token last
// given was refused (-124): a renewed one is wanted, or, for a token the
// administrator keeps, the file or variable read again.
func (t *tokens) token(ctx context.Context, stale string) (string, error) {
	if !t.refreshing() {
		return t.static()
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if c := t.cur; c.AccessToken != "" && c.AccessToken != stale && t.now().Before(c.Expires.Add(-renewBefore)) {
		return c.AccessToken, nil
	}
	return t.renew(ctx)
}

// oauthReply is the answer of Zalo's OAuth v4 token endpoint. expires_in
// is a string of seconds in Zalo's documentation, a number in some
// answers: both are read.
type oauthReply struct {
	AccessToken  string          `json:"access_token"`
	RefreshToken string          `json:"refresh_token"`
	ExpiresIn    json.RawMessage `json:"expires_in"`
	Error        int             `json:"error"`
	ErrorName    string          `json:"error_name"`
	ErrorReason  string          `json:"error_reason"`
	ErrorDesc    string          `json:"error_description"`
}

// renew trades the refresh token for a new access token and refresh
// token, and keeps both in the store before the access token is used:
// the old refresh token is spent from the moment Zalo answers. Its
// failures are temporary: the administrator may write a new
// refresh_token_file meanwhile, which is read before each try.
func (t *tokens) renew(ctx context.Context) (string, error) {
	if file, seed, err := t.readRefresh(); err == nil && seed != t.cur.Seed {
		t.cur = saved{Seed: seed, RefreshToken: file}
	}
	form := url.Values{"refresh_token": {t.cur.RefreshToken}, "app_id": {t.ch.AppID}, "grant_type": {"refresh_token"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.ch.OAuthURL, strings.NewReader(form.Encode()))
	if err != nil {
		return "", notify.Permanent(fmt.Errorf("zalo: renew access token: %w", err))
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("secret_key", t.secretKey)
	resp, err := t.client.Do(req)
	if err != nil {
		return "", notify.Temporary(fmt.Errorf("zalo: renew access token: %w", scrubURL(err)))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if err != nil {
		return "", notify.Temporary(fmt.Errorf("zalo: renew access token: %w", err))
	}
	var r oauthReply
	if resp.StatusCode/100 != 2 || json.Unmarshal(body, &r) != nil || r.AccessToken == "" || r.RefreshToken == "" {
		what := strings.TrimSpace(strings.Join([]string{r.ErrorName, r.ErrorReason, r.ErrorDesc}, " "))
		if what == "" {
			what = "no token in the answer"
		}
		return "", notify.Temporary(fmt.Errorf("zalo: renew access token: %s: error %d: %s", resp.Status, r.Error, what))
	}
	secs, _ := strconv.Atoi(strings.Trim(string(r.ExpiresIn), `"`))
	if secs <= 0 {
		secs = 3600 // unknown: renewed within the hour
	}
	next := saved{Seed: t.cur.Seed, RefreshToken: r.RefreshToken, AccessToken: r.AccessToken,
		Expires: t.now().Add(time.Duration(secs) * time.Second).UTC()}
	t.cur = next // the old refresh token is spent, whatever the store says
	raw, _ := json.Marshal(next)
	if err := t.store.SetSecret(SecretName, string(raw)); err != nil {
		return "", notify.Temporary(fmt.Errorf("zalo: keep the new refresh token: %w", err))
	}
	return next.AccessToken, nil
}

// scrubURL keeps a url.Error's operation and cause without its address's
// query, which a token could sit in.
func scrubURL(err error) error {
	var u *url.Error
	if errors.As(err, &u) {
		return fmt.Errorf("%s: %w", u.Op, u.Err)
	}
	return err
}
