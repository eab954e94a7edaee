// Package sms delivers the SMS channel through an HTTP relay: the
// open-source SMS Gateway for Android on a phone in the commune office,
// eSMS.vn, SpeedSMS, Twilio, or any relay reached by a templated HTTP
// request. A Sender speaks the relay's documented API, keeps to the
// channel's rate, and tells a temporary failure from a permanent one.
package sms

import (
	"context"
	"errors"
	"fmt"
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
	// Client makes the requests. The default gives up after 30 seconds
	// and does not follow redirects: a relay that redirects is
	// misconfigured, and a redirected POST loses its body.
	Client *http.Client
	// Getenv reads the channel's password_env (os.Getenv by default).
	Getenv func(string) string
	// Logger receives a debug record of every message sent.
	Logger *slog.Logger
}

// Sender sends messages through the relay of one SMS channel. It is safe
// for concurrent use; the channel's rate holds across all its calls.
type Sender struct {
	name   string // the provider, for errors and logs
	relay  relay
	limits notify.SMSLimits // what shapes the text the phone receives
	client *http.Client
	log    *slog.Logger
	limit  *rate.Limiter
	secret string
	scrub  *notify.Scrubber // the secret, in every spelling, out of the relay's words

	mu sync.Mutex
	// partial holds, by message id, the numbers of a message that an
	// earlier call settled (delivered, or refused for good) while others
	// failed for a time: trying the message again reaches only the rest.
	// It is bounded by maxPartial, oldest first out, and lost on restart.
	partial map[string]map[string]outcome
	order   []string
}

// maxPartial bounds the messages whose partial delivery a Sender keeps.
const maxPartial = 1024

// relay is one provider's API.
type relay interface {
	// batch is the most numbers one request carries; 0 means all.
	batch() int
	// send makes one request for the numbers to, all E.164. It returns
	// the provider's receipt, the numbers the provider refused while it
	// accepted the others, or an error marked temporary or permanent when
	// nothing was accepted.
	send(ctx context.Context, s *Sender, to []string, text string, m *notify.Message) (receipt string, refused []string, err error)
}

// outcome is what became of one number: a receipt, or an error.
type outcome struct {
	receipt string
	err     error
}

// New returns a Sender for the channel ch. It reads the channel's secret
// from password_file or password_env, and fails when the provider lacks
// a setting it needs; its errors name the file or variable, never the
// secret.
func New(ch *plan.SMSChannel, opts Options) (*Sender, error) {
	if ch == nil {
		return nil, errors.New("sms: no channel")
	}
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Client == nil {
		opts.Client = &http.Client{
			Timeout: 30 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse
			},
		}
	}
	secret, err := readSecret(ch, opts.Getenv)
	if err != nil {
		return nil, err
	}
	s := &Sender{
		name:   ch.Provider,
		limits: notify.SMSLimitsOf(ch),
		client: opts.Client,
		log:    opts.Logger.With("channel", plan.ChannelSMS, "provider", ch.Provider),
		limit:  limiter(ch.Rate),
		secret: secret,
		scrub: notify.NewScrubber(notify.Login{User: ch.Username, Password: secret},
			notify.Login{User: secret, Password: "x"}), // speedSMS's Basic pair
		partial: map[string]map[string]outcome{},
	}
	switch ch.Provider {
	case "android-gateway":
		s.relay, err = newAndroidGateway(ch, secret)
	case "esms":
		s.relay, err = newESMS(ch, secret)
	case "speedsms":
		s.relay, err = newSpeedSMS(ch, secret)
	case "twilio":
		s.relay, err = newTwilio(ch, secret)
	case "http":
		s.relay, err = newTemplated(ch)
	default:
		err = fmt.Errorf("unknown provider %q (want one of %s)", ch.Provider, strings.Join(plan.SMSProviders, ", "))
	}
	if err != nil {
		return nil, fmt.Errorf("sms %s: %w", ch.Provider, err)
	}
	return s, nil
}

// readSecret reads the password of ch (see notify.ReadSecret).
func readSecret(ch *plan.SMSChannel, getenv func(string) string) (string, error) {
	p, err := notify.ReadSecret(ch.PasswordFile, ch.PasswordEnv, getenv)
	if err != nil {
		return "", fmt.Errorf("sms: %w", err)
	}
	return p, nil
}

// limiter spaces sends evenly at r (see notify.Limiter).
func limiter(r plan.Rate) *rate.Limiter { return notify.Limiter(r) }

// Notify sends m to every phone number in m.To: one request per number,
// or per batch of numbers where the provider takes a list, each at the
// channel's rate. The text is notify.PhoneSMS of m. On success m.Receipt
// holds the provider's receipts. When some numbers fail, the error names
// them and is temporary if trying again may help any of them; trying m
// again then skips the numbers already settled.
func (s *Sender) Notify(ctx context.Context, m *notify.Message) error {
	var phones []string
	for _, a := range m.To {
		if a.Phone != "" && !slices.Contains(phones, a.Phone) {
			phones = append(phones, a.Phone)
		}
	}
	if len(phones) == 0 {
		return notify.Permanent(fmt.Errorf("sms %s: message %s: no phone number to send to", s.name, m.ID))
	}
	text := notify.PhoneSMS(m, s.limits).Text

	results := s.takePartial(m.ID)
	var pending []string
	for _, p := range phones {
		if _, done := results[p]; done {
			continue
		}
		if !isE164(p) {
			results[p] = outcome{err: notify.Permanent(fmt.Errorf("to %s: not an E.164 phone number", p))}
			continue
		}
		pending = append(pending, p)
	}
	size := s.relay.batch()
	if size <= 0 {
		size = len(pending)
	}
	for batch := range slices.Chunk(pending, max(size, 1)) {
		receipt, refused, err := s.request(ctx, batch, text, m)
		for _, p := range batch {
			switch {
			case err != nil:
				results[p] = outcome{err: err}
			case slices.Contains(refused, p):
				results[p] = outcome{err: notify.Permanent(fmt.Errorf("to %s: %s refused the number", p, s.name))}
			default:
				results[p] = outcome{receipt: receipt}
			}
		}
	}
	return s.settle(m, phones, results)
}

// request waits for the rate, then sends one batch.
func (s *Sender) request(ctx context.Context, to []string, text string, m *notify.Message) (string, []string, error) {
	who := strings.Join(to, ",")
	if err := s.limit.Wait(ctx); err != nil {
		return "", nil, notify.Temporary(fmt.Errorf("to %s: wait for the rate: %w", who, err))
	}
	receipt, refused, err := s.relay.send(ctx, s, to, text, m)
	if err != nil {
		return "", nil, s.scrub.Error(fmt.Errorf("to %s: %w", who, err))
	}
	return s.scrub.String(receipt) + " to " + who, refused, nil
}

// settle turns the outcome of every number into m.Receipt and an error,
// and keeps a partial delivery for the next try.
func (s *Sender) settle(m *notify.Message, phones []string, results map[string]outcome) error {
	var receipts []string
	var errs []error
	temporary := false
	for _, p := range phones {
		o := results[p]
		if o.err == nil {
			if !slices.Contains(receipts, o.receipt) {
				receipts = append(receipts, o.receipt)
			}
			continue
		}
		// A batch shares one error: report it once.
		if !slices.ContainsFunc(errs, func(e error) bool { return e == o.err }) {
			errs = append(errs, o.err)
		}
		temporary = temporary || notify.IsTemporary(o.err)
	}
	if len(receipts) > 0 {
		m.Receipt = strings.Join(receipts, "; ")
	}
	if len(errs) == 0 {
		s.log.Debug("sms sent", "id", m.ID, "numbers", len(phones), "receipt", m.Receipt)
		return nil
	}
	if temporary {
		settled := map[string]outcome{}
		for p, o := range results {
			if o.err == nil || !notify.IsTemporary(o.err) {
				settled[p] = o
			}
		}
		s.keepPartial(m.ID, settled)
		return notify.Temporary(fmt.Errorf("sms %s: message %s: %w", s.name, m.ID, joined(errs)))
	}
	return notify.Permanent(fmt.Errorf("sms %s: message %s: %w", s.name, m.ID, joined(errs)))
}

// takePartial removes and returns what an earlier call settled of the
// message id, or an empty map.
func (s *Sender) takePartial(id string) map[string]outcome {
	s.mu.Lock()
	defer s.mu.Unlock()
	got, ok := s.partial[id]
	if !ok {
		return map[string]outcome{}
	}
	delete(s.partial, id)
	s.order = slices.DeleteFunc(s.order, func(o string) bool { return o == id })
	return got
}

func (s *Sender) keepPartial(id string, settled map[string]outcome) {
	if len(settled) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.partial[id] = settled
	s.order = append(s.order, id)
	for len(s.order) > maxPartial {
		delete(s.partial, s.order[0])
		s.order = s.order[1:]
	}
}

// joinedError lists several errors on one line.
type joinedError []error

func joined(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	return joinedError(errs)
}

func (j joinedError) Error() string {
	msgs := make([]string, len(j))
	for i, e := range j {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

func (j joinedError) Unwrap() []error { return j }

// isE164 reports whether p is a phone number in E.164: a plus, then 8 to
// 15 digits, the first not 0.
func isE164(p string) bool {
	if len(p) < 9 || len(p) > 16 || p[0] != '+' || p[1] == '0' {
		return false
	}
	for _, r := range p[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// national spells an E.164 number as Vietnamese providers want a
// domestic one, 0xxxxxxxxx; a foreign number loses only its plus.
func national(p string) string {
	if rest, ok := strings.CutPrefix(p, "+84"); ok {
		return "0" + rest
	}
	return strings.TrimPrefix(p, "+")
}

// international spells an E.164 number without its plus: 84xxxxxxxxx.
func international(p string) string { return strings.TrimPrefix(p, "+") }
