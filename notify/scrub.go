package notify

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/nhacviec/nhacviec/plan"
)

// Servers repeat what they were sent: a mail server its AUTH line in a
// 535 reply, an SMS relay the request's URL, body or Authorization
// header in its error page. Their words go into the log, the audit trail,
// the dashboard and test-send's output, so a Scrubber takes the secrets
// out first.

// Login is a secret as it goes to a server: a password, and the user
// name it goes with, if any.
type Login struct {
	User, Password string
}

// Scrubber replaces, in text from a server, the configured secrets in
// every spelling a request or an error gives them: plain, percent-encoded
// (query and path), JSON-escaped, Go-quoted, base64; with a user, the base64 of
// "user:password" (HTTP Basic) and of "\x00user\x00password" (SMTP
// PLAIN); and the value of any Authorization header, whatever it holds.
// The zero value and nil scrub only Authorization headers.
type Scrubber struct {
	r *strings.Replacer
}

// Scrubbed stands for a secret taken out of a text.
const Scrubbed = "***"

// minSecret is the shortest password scrubbed on its own: a shorter one
// (speedSMS's fixed Basic password "x") would blank out the whole text
// and hides nothing. Its pairs with the user are still scrubbed.
const minSecret = 4

// authorization matches an Authorization header and its value, as a
// header line, a JSON member or a form field repeats it.
var authorization = regexp.MustCompile(`(?i)((?:proxy-)?authorization["']?\s*[:=]\s*["']?)(?:(?:basic|bearer|digest|token)\s+)?[^\s"',;&}]+`)

// NewScrubber returns a scrubber of the logins' secrets.
func NewScrubber(logins ...Login) *Scrubber {
	var secrets []string
	add := func(secret string) {
		// Each spelling as it is, and as a JSON string holds it (a
		// relay's JSON error repeating a URL escapes its & as \u0026).
		b, _ := json.Marshal(secret)
		for _, s := range []string{secret, inside(string(b))} {
			if len(s) >= minSecret && !slices.Contains(secrets, s) {
				secrets = append(secrets, s)
			}
		}
	}
	for _, l := range logins {
		p := l.Password
		if p == "" {
			continue
		}
		if len(p) >= minSecret {
			add(p)
			add(url.QueryEscape(p))
			add(url.PathEscape(p))
			add(inside(strconv.Quote(p))) // errors quote replies with %q
			add(base64.StdEncoding.EncodeToString([]byte(p)))
			add(base64.RawStdEncoding.EncodeToString([]byte(p)))
			add(base64.URLEncoding.EncodeToString([]byte(p)))
		}
		if l.User != "" {
			for _, pair := range []string{l.User + ":" + p, "\x00" + l.User + "\x00" + p} {
				add(base64.StdEncoding.EncodeToString([]byte(pair)))
				add(base64.RawStdEncoding.EncodeToString([]byte(pair)))
			}
		}
	}
	if len(secrets) == 0 {
		return &Scrubber{}
	}
	// Where several secrets match at one place, strings.Replacer takes
	// the first given: the longest first, so that a secret that begins
	// another leaves nothing of the longer behind.
	slices.SortStableFunc(secrets, func(a, b string) int { return len(b) - len(a) })
	pairs := make([]string, 0, 2*len(secrets))
	for _, secret := range secrets {
		pairs = append(pairs, secret, Scrubbed)
	}
	return &Scrubber{r: strings.NewReplacer(pairs...)}
}

// ScrubberFor returns the scrubber of the secrets of cfg's channels: the
// email password with its user name, and the SMS relay's with its. A
// secret that cannot be read is left out: the channel that needs it
// fails to open and says why.
func ScrubberFor(cfg *plan.Config, getenv func(string) string) *Scrubber {
	var logins []Login
	if ch := cfg.Channels.Email; ch != nil {
		if p, err := ReadSecret(ch.PasswordFile, ch.PasswordEnv, getenv); err == nil {
			logins = append(logins, Login{User: ch.Username, Password: p})
		}
	}
	if ch := cfg.Channels.SMS; ch != nil {
		if p, err := ReadSecret(ch.PasswordFile, ch.PasswordEnv, getenv); err == nil {
			logins = append(logins, Login{User: ch.Username, Password: p},
				Login{User: p, Password: "x"}) // speedSMS's Basic pair
		}
	}
	logins = append(logins, fieldSecrets(cfg, getenv)...) // secret_zalo.go
	return NewScrubber(logins...)
}

// String returns text without the secrets.
func (s *Scrubber) String(text string) string {
	if s != nil && s.r != nil {
		text = s.r.Replace(text)
	}
	if strings.Contains(strings.ToLower(text), "authorization") {
		text = authorization.ReplaceAllString(text, "${1}"+Scrubbed)
	}
	return text
}

// Error returns err with its text scrubbed; errors.Is and errors.As, and
// so IsTemporary, still see through it. Nil stays nil.
func (s *Scrubber) Error(err error) error {
	if err == nil {
		return nil
	}
	text := err.Error()
	clean := s.String(text)
	if clean == text {
		return err
	}
	return &scrubbedError{text: clean, err: err}
}

// scrubbedError is an error whose text had secrets in it.
type scrubbedError struct {
	text string
	err  error
}

func (e *scrubbedError) Error() string { return e.text }
func (e *scrubbedError) Unwrap() error { return e.err }

// inside is a quoted string without its quotes.
func inside(quoted string) string { return quoted[1 : len(quoted)-1] }
