package sms

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"text/template"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// templated is any relay reached by one HTTP request per number, written
// in the configuration: the method (POST by default), the url, the
// headers and the body, each a text/template of Fields. Any 2xx status is
// success.
//
// The templates have the functions of text/template (urlquery, js…) and
// json, which writes a value as JSON, quotes included:
//
//	body: '{"to": {{json .To}}, "text": {{json .Text}}}'
//	url: 'http://10.0.0.5/send?to={{urlquery .To}}&text={{urlquery .Text}}'
//	headers: {Authorization: 'Bearer {{.Password}}'}
//
// A body with no Content-Type header is sent as application/json when it
// starts with { or [, as text/plain otherwise. With a username, the
// request carries HTTP Basic authentication with the password.
type templated struct {
	method, username, from string
	url, body              *template.Template
	headers                map[string]*template.Template
}

// Fields are what the templates of the http provider can use.
type Fields struct {
	To       string // one phone number, E.164 (+84…)
	Text     string // the message text, as notify.PhoneSMS makes it
	ID       string // the notification id, the same on every retry
	From     string // the channel's from
	Password string // the channel's secret, for a header or a query
}

var funcs = template.FuncMap{
	"json": func(v any) (string, error) {
		b, err := json.Marshal(v)
		return string(b), err
	},
}

func newTemplated(ch *plan.SMSChannel) (relay, error) {
	if ch.URL == "" {
		return nil, errors.New("url is required")
	}
	if ch.Body == "" {
		return nil, errors.New("body is required: a template of the request body")
	}
	t := &templated{method: ch.Method, username: ch.Username, from: ch.From, headers: map[string]*template.Template{}}
	if t.method == "" {
		t.method = http.MethodPost
	}
	var err error
	if t.url, err = template.New("url").Funcs(funcs).Parse(ch.URL); err != nil {
		return nil, fmt.Errorf("url: %w", err)
	}
	if t.body, err = template.New("body").Funcs(funcs).Parse(ch.Body); err != nil {
		return nil, fmt.Errorf("body: %w", err)
	}
	for name, value := range ch.Headers {
		if t.headers[name], err = template.New("header " + name).Funcs(funcs).Parse(value); err != nil {
			return nil, fmt.Errorf("header %s: %w", name, err)
		}
	}
	// A template names a field that does not exist only when it runs:
	// run them all once now, so the mistake stops the daemon at start
	// rather than fails every message.
	sample := Fields{To: "+84912345678", Text: "Nhac viec\nOK 1234", ID: "id", From: ch.From}
	for _, tt := range append([]*template.Template{t.url, t.body}, slices.Collect(maps.Values(t.headers))...) {
		if _, err := execute(tt, sample); err != nil {
			return nil, errors.Unwrap(err)
		}
	}
	return t, nil
}

func (*templated) batch() int { return 1 }

func (t *templated) send(ctx context.Context, s *Sender, to []string, text string, m *notify.Message) (string, []string, error) {
	f := Fields{To: to[0], Text: text, ID: m.ID, From: t.from, Password: s.secret}
	u, err := execute(t.url, f)
	if err != nil {
		return "", nil, err
	}
	body, err := execute(t.body, f)
	if err != nil {
		return "", nil, err
	}
	req, err := http.NewRequestWithContext(ctx, t.method, strings.TrimSpace(u), strings.NewReader(body))
	if err != nil {
		return "", nil, notify.Permanent(fmt.Errorf("url: %s", s.clean(err.Error())))
	}
	for _, name := range slices.Sorted(maps.Keys(t.headers)) {
		v, err := execute(t.headers[name], f)
		if err != nil {
			return "", nil, err
		}
		if strings.ContainsAny(v, "\r\n") {
			return "", nil, notify.Permanent(fmt.Errorf("header %s: the value holds a line break", name))
		}
		req.Header.Set(name, v)
	}
	if req.Header.Get("Content-Type") == "" {
		if b := strings.TrimSpace(body); strings.HasPrefix(b, "{") || strings.HasPrefix(b, "[") {
			req.Header.Set("Content-Type", "application/json")
		} else {
			req.Header.Set("Content-Type", "text/plain; charset=utf-8")
		}
	}
	if t.username != "" {
		req.SetBasicAuth(t.username, s.secret)
	}
	r, err := s.do(req)
	if err != nil {
		return "", nil, err
	}
	answer := s.clean(string(r.body))
	if r.ctype == "text/html" {
		answer = "an HTML page"
	}
	if !r.ok() {
		return "", nil, s.fail(r, answer)
	}
	receipt := fmt.Sprintf("%s %d", s.name, r.status)
	if answer != "" {
		receipt += ": " + answer
	}
	return receipt, nil, nil
}

// execute runs a template of the http provider; a template that fails on
// a message will fail on it again.
func execute(t *template.Template, f Fields) (string, error) {
	var b bytes.Buffer
	if err := t.Execute(&b, f); err != nil {
		return "", notify.Permanent(err)
	}
	return b.String(), nil
}
