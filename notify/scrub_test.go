package notify

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
)

func TestScrubber(t *testing.T) {
	const user, pw = "ubnd-qt", `mật khẩu/1&2"`
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	sc := NewScrubber(Login{User: user, Password: pw}, Login{User: "tok3n-abc", Password: "x"})
	tests := []struct {
		name, text, want string
	}{
		{"plain", "wrong password " + pw + " for " + user, "wrong password *** for ubnd-qt"},
		{"percent-encoded", "GET /send?pw=" + url.QueryEscape(pw) + "&to=1", "GET /send?pw=***&to=1"},
		{"path-encoded", "/u/" + url.PathEscape(pw) + "/send", "/u/***/send"},
		{"JSON", `{"password":"mật khẩu/1\u00262\""}`, `{"password":"***"}`},
		{"Go-quoted", fmt.Sprintf("reply %q", "bad "+pw), `reply "bad ***"`},
		{"base64", "token " + b64(pw), "token ***"},
		{"HTTP Basic", "Basic " + b64(user+":"+pw) + " refused", "Basic *** refused"},
		{"SMTP PLAIN", "AUTH PLAIN " + b64("\x00"+user+"\x00"+pw), "AUTH PLAIN ***"},
		{"a short password's pair", "Basic " + b64("tok3n-abc:x"), "Basic ***"},
		{"a short password alone is kept", "x marks the spot", "x marks the spot"},
		{"an Authorization header", "Authorization: Bearer abc.def.ghi\r\nHost: x", "Authorization: ***\r\nHost: x"},
		{"an Authorization member", `{"authorization":"Token 12345","ok":false}`, `{"authorization":"***","ok":false}`},
		{"a Proxy-Authorization header", "proxy-authorization=Basic Zm9vOmJhcg==; next", "proxy-authorization=***; next"},
		{"nothing secret", "550 no such user", "550 no such user"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sc.String(tt.text); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}

	// Nil and empty scrubbers take out Authorization headers only.
	var none *Scrubber
	if got := none.String("Authorization: Basic Zm9v " + pw); got != "Authorization: *** "+pw {
		t.Errorf("nil scrubber: got %q", got)
	}

	// Errors keep their kind and what they wrap.
	base := errors.New("535 bad login " + pw)
	err := sc.Error(Temporary(fmt.Errorf("connect: %w", base)))
	if strings.Contains(err.Error(), pw) || !IsTemporary(err) || !errors.Is(err, base) {
		t.Errorf("got %q (temporary %v, is base %v), want it scrubbed, temporary, wrapping base", err, IsTemporary(err), errors.Is(err, base))
	}
	if plain := errors.New("no secret"); sc.Error(plain) != plain || sc.Error(nil) != nil {
		t.Error("an error without a secret, or nil, should come back as it was")
	}
}
