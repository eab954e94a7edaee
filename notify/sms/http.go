package sms

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/nhacviec/nhacviec/notify"
)

// maxReply bounds how much of a relay's answer is read.
const maxReply = 1 << 20

// reply is a relay's answer, read whole.
type reply struct {
	status int
	ctype  string // media type, lower case, without parameters
	body   []byte
	header http.Header
}

// do sends req and reads the answer. A request that gets no answer (the
// relay unreachable, the connection reset, the context done) fails
// temporarily.
func (s *Sender) do(req *http.Request) (*reply, error) {
	resp, err := s.client.Do(req)
	if err != nil {
		// The url.Error would repeat the URL, which a templated relay may
		// have put the secret in: name the relay without its query.
		if ue, ok := errors.AsType[*url.Error](err); ok {
			err = ue.Err
		}
		return nil, notify.Temporary(fmt.Errorf("%s %s: %w", req.Method, s.where(req.URL), err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxReply))
	if err != nil {
		return nil, notify.Temporary(fmt.Errorf("%s %s: read the answer: %w", req.Method, s.where(req.URL), err))
	}
	ctype, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	return &reply{status: resp.StatusCode, ctype: strings.ToLower(ctype), body: body, header: resp.Header}, nil
}

// where names the relay of u for an error: scheme, host and path.
func (s *Sender) where(u *url.URL) string {
	return s.clean((&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String())
}

// ok reports whether the relay accepted the request.
func (r *reply) ok() bool { return r.status >= 200 && r.status < 300 }

// mark marks err by the status of r: too many requests and server errors
// may pass, anything else will be answered the same way again.
func (r *reply) mark(err error) error {
	if r.status == http.StatusTooManyRequests || r.status >= 500 {
		return notify.Temporary(err)
	}
	return notify.Permanent(err)
}

// fail is the error of a request the relay refused with its status,
// with detail, the relay's own words, when it gave any.
func (s *Sender) fail(r *reply, detail string) error {
	msg := fmt.Sprintf("%s answered %d %s", s.name, r.status, http.StatusText(r.status))
	if r.status >= 300 && r.status < 400 {
		msg += " to " + s.clean(r.header.Get("Location")) + ": check the url"
	}
	if detail != "" {
		msg += ": " + detail
	}
	return r.mark(errors.New(msg))
}

// decode reads the JSON answer of r into v. An answer that is not JSON
// means the url reaches something else than the relay (a login page, a
// proxy's error page): the error says so.
func (r *reply) decode(v any) error {
	switch {
	case r.ctype == "text/html" || r.ctype == "application/xhtml+xml":
		return fmt.Errorf("the relay answered %s, not JSON: check the url", r.ctype)
	case len(bytes.TrimSpace(r.body)) == 0:
		return errors.New("the relay answered nothing, not JSON: check the url")
	case !json.Valid(r.body) && (r.ctype == "" || strings.HasSuffix(r.ctype, "json")):
		return errors.New("the relay answered a body that is not JSON: check the url")
	case !json.Valid(r.body):
		return fmt.Errorf("the relay answered %s, not JSON: check the url", r.ctype)
	}
	if err := json.Unmarshal(r.body, v); err != nil {
		return fmt.Errorf("the relay answered JSON of another shape (%v): check the url", err)
	}
	return nil
}

// answer reads the JSON answer of a relay into v, and turns a refusal,
// or an answer that is not JSON, into an error; detail gives the
// relay's own words once v is read.
func (s *Sender) answer(r *reply, v any, detail func() string) error {
	err := r.decode(v)
	switch {
	case !r.ok() && err != nil:
		return s.fail(r, err.Error())
	case !r.ok():
		return s.fail(r, s.clean(detail()))
	case err != nil:
		return r.mark(fmt.Errorf("%s answered %d: %w", s.name, r.status, err))
	}
	return nil
}

// clean readies text from a relay for an error or a log: one line, at
// most 200 characters, and never the secret, in any spelling, which a
// relay or a URL may repeat (notify.Scrubber).
func (s *Sender) clean(text string) string {
	text = s.scrub.String(text)
	text = strings.Join(strings.FieldsFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsControl(r)
	}), " ")
	if r := []rune(text); len(r) > 200 {
		text = string(r[:200]) + "…"
	}
	return text
}

// postJSON makes a POST request to endpoint with v as its JSON body.
func postJSON(ctx context.Context, endpoint string, v any) (*http.Request, error) {
	body, err := json.Marshal(v)
	if err != nil {
		return nil, notify.Permanent(err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, notify.Permanent(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	return req, nil
}

// endpoint is the URL a provider with a public API is reached at: its
// documented endpoint; or, when the channel's url is set, that url
// itself, or the documented path on it when the url has none (a test
// server, a proxy).
func endpoint(configured, base, path string) (string, error) {
	if configured == "" {
		return base + path, nil
	}
	u, err := url.Parse(configured)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("url %q is not an http or https URL", configured)
	}
	if u.Path == "" || u.Path == "/" {
		return strings.TrimSuffix(configured, "/") + path, nil
	}
	return configured, nil
}

// flexString is a JSON string that some answers give as a number.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("want a string or a number, got %s", b)
	}
	*f = flexString(n.String())
	return nil
}
