package email

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	netmail "net/mail"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	mail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
	"golang.org/x/time/rate"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// Options are what a Sender takes from its environment.
type Options struct {
	// TLSConfig is the base of the TLS configuration, for STARTTLS and
	// implicit TLS alike; tests set RootCAs to trust a test CA. The
	// server name is the channel's host unless set. Nil means the
	// system's roots.
	TLSConfig *tls.Config
	// Logger receives a debug record of every connection opened and
	// dropped. Nil discards.
	Logger *slog.Logger
	// Getenv reads the channel's password_env (os.Getenv by default).
	Getenv func(string) string
	// Now dates the messages (time.Now by default).
	Now func() time.Time
	// DialTimeout bounds connecting, greeting, STARTTLS and login, and,
	// once connected, the sending of each message (30 seconds by default).
	// A context deadline bounds both as well.
	DialTimeout time.Duration
}

// defaultTimeout is the DialTimeout when Options leave it zero.
const defaultTimeout = 30 * time.Second

// Log keys, kept together so that records stay uniform.
const (
	keyChannel = "channel"
	keyServer  = "server"
	keyConn    = "conn"
	keyID      = "id"
	keyErr     = "err"
)

// Sender delivers notify.Messages over SMTP. It keeps up to the channel's
// Connections connections open and reuses them from message to message,
// dialing again after an error or when the server has closed one, and
// keeps to the channel's Rate across all of them. It is safe for
// concurrent use.
type Sender struct {
	host string
	addr string // host:port, for errors, logs and receipts
	from string
	// fromAddr is from parsed, once: nil if it is empty or does not
	// parse (each message then says why it cannot be sent).
	fromAddr *netmail.Address
	now      func() time.Time
	log      *slog.Logger
	limit    *rate.Limiter
	scrub    *notify.Scrubber // the password, out of the server's words

	pool      chan *conn // idle connections, dialed or not
	size      int
	done      chan struct{}
	closeOnce sync.Once
}

// New returns a Sender for the channel ch. It reads the password from
// password_file or password_env; its errors name the file or variable,
// never the password. It does not connect: the first message does.
// Plain SMTP (tls: none) to a host that is not loopback is refused unless
// ch.Insecure, with an error that wraps ErrPlaintext and is permanent.
func New(ch *plan.EmailChannel, opts Options) (*Sender, error) {
	if ch == nil {
		return nil, errors.New("email: no channel")
	}
	if ch.Host == "" {
		return nil, errors.New("email: no host")
	}
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.DialTimeout <= 0 {
		opts.DialTimeout = defaultTimeout
	}
	port := ch.Port
	if port == 0 {
		port = 587
	}
	mode := ch.TLS
	if mode == "" {
		mode = "starttls"
	}
	switch mode {
	case "starttls", "tls":
	case "none":
		if !ch.Insecure && !plan.IsLoopback(ch.Host) {
			return nil, notify.Permanent(fmt.Errorf("email: %s: %w", ch.Host, ErrPlaintext))
		}
	default:
		return nil, fmt.Errorf("email: unknown tls mode %q (want starttls, tls or none)", ch.TLS)
	}
	password, err := readPassword(ch, opts.Getenv)
	if err != nil {
		return nil, err
	}
	if ch.Username != "" && password == "" {
		return nil, fmt.Errorf("email: username %s has no password: set password_file or password_env", ch.Username)
	}

	tlsConfig := &tls.Config{}
	if opts.TLSConfig != nil {
		tlsConfig = opts.TLSConfig.Clone()
	}
	if tlsConfig.ServerName == "" {
		tlsConfig.ServerName = ch.Host
	}

	n := ch.Connections
	if n < 1 {
		n = 1
	}
	addr := net.JoinHostPort(ch.Host, strconv.Itoa(port))
	s := &Sender{
		host:  ch.Host,
		addr:  addr,
		from:  ch.From,
		now:   opts.Now,
		log:   opts.Logger.With(keyChannel, plan.ChannelEmail, keyServer, addr),
		limit: limiter(ch.Rate),
		scrub: notify.NewScrubber(notify.Login{User: ch.Username, Password: password}),
		pool:  make(chan *conn, n),
		size:  n,
		done:  make(chan struct{}),
	}
	if a, err := netmail.ParseAddress(ch.From); err == nil {
		s.fromAddr = a
	}
	for i := range n {
		c := &conn{id: i, implicitTLS: mode == "tls", tlsConfig: tlsConfig, timeout: opts.DialTimeout}
		clientOpts := []mail.Option{
			mail.WithPort(port),
			mail.WithTimeout(opts.DialTimeout),
			mail.WithTLSConfig(tlsConfig),
			// The pool dials, so that it owns the connection and can
			// close it when a context ends; it also does implicit TLS.
			mail.WithDialContextFunc(c.dial),
		}
		switch mode {
		case "starttls":
			clientOpts = append(clientOpts, mail.WithTLSPolicy(mail.TLSMandatory))
		case "tls":
			clientOpts = append(clientOpts, mail.WithSSL(), mail.WithTLSPolicy(mail.NoTLS))
		case "none":
			clientOpts = append(clientOpts, mail.WithTLSPolicy(mail.NoTLS))
		}
		if ch.Username != "" {
			// PLAIN where offered, else LOGIN. Without TLS, which only a
			// loopback host or an explicit insecure: true allows, go-mail
			// must be told that sending the password in clear is wanted.
			mechs := []mail.SMTPAuthType{mail.SMTPAuthPlain, mail.SMTPAuthLogin}
			if mode == "none" {
				mechs = []mail.SMTPAuthType{mail.SMTPAuthPlainNoEnc, mail.SMTPAuthLoginNoEnc}
			}
			clientOpts = append(clientOpts,
				mail.WithOpportunisticSMTPAuth(mechs...),
				mail.WithUsername(ch.Username),
				mail.WithPassword(password))
		}
		client, err := mail.NewClient(ch.Host, clientOpts...)
		if err != nil {
			return nil, fmt.Errorf("email: %s: %w", addr, err)
		}
		c.client = client
		s.pool <- c
	}
	return s, nil
}

// readPassword reads the password of ch (see notify.ReadSecret).
func readPassword(ch *plan.EmailChannel, getenv func(string) string) (string, error) {
	p, err := notify.ReadSecret(ch.PasswordFile, ch.PasswordEnv, getenv)
	if err != nil {
		return "", fmt.Errorf("email: %w", err)
	}
	return p, nil
}

// limiter spaces sends evenly at r (see notify.Limiter).
func limiter(r plan.Rate) *rate.Limiter { return notify.Limiter(r) }

// Notify sends m to every email address in m.To in one SMTP transaction,
// on a pooled connection, at the channel's rate. On success m.Receipt
// holds the server's reply to the message. A message the server accepted
// counts as delivered even if the connection fails right after, so that
// it is not sent twice. Errors are marked with notify.Temporary (a 4xx
// reply, a network error, a context that ended) or notify.Permanent (a
// 5xx reply, ErrLogin, ErrCertificate, ErrNoStartTLS, a message that
// cannot be sent as it is).
func (s *Sender) Notify(ctx context.Context, m *notify.Message) error {
	msg, err := s.message(m)
	if err != nil {
		return notify.Permanent(fmt.Errorf("email: message %s: %w", m.ID, err))
	}
	if err := s.limit.Wait(ctx); err != nil {
		return notify.Temporary(fmt.Errorf("email: message %s: wait for the rate: %w", m.ID, err))
	}
	c, err := s.acquire(ctx)
	if err != nil {
		return notify.Temporary(fmt.Errorf("email: message %s: %w", m.ID, err))
	}
	defer s.release(c)
	return s.send(ctx, c, m, msg)
}

// acquire takes a connection from the pool, waiting for one to be free.
func (s *Sender) acquire(ctx context.Context) (*conn, error) {
	select {
	case <-s.done:
		return nil, ErrClosed
	default:
	}
	select {
	case c := <-s.pool:
		select {
		case <-s.done:
			s.pool <- c
			return nil, ErrClosed
		default:
			return c, nil
		}
	case <-s.done:
		return nil, ErrClosed
	case <-ctx.Done():
		return nil, fmt.Errorf("wait for a connection: %w", ctx.Err())
	}
}

func (s *Sender) release(c *conn) { s.pool <- c }

// send delivers msg on c with go-mail's own transaction (NOOP, MAIL,
// RCPT, DATA, RSET), dialing first if c is not connected. A message the
// server accepted is delivered even if the connection fails afterwards
// (go-mail marks it, IsDelivered), so that it is never sent again. A
// reused connection found closed by go-mail's NOOP, before anything of
// the message was sent, is dialed again once. A connection that failed in
// any way is dropped: the next message dials a new one.
func (s *Sender) send(ctx context.Context, c *conn, m *notify.Message, msg *mail.Msg) error {
	aborted := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		c.abort()
		close(aborted)
	})
	defer func() {
		if !stop() {
			// The context ended while sending: the connection is closed
			// under go-mail's feet and cannot be reused.
			<-aborted
			c.drop()
		}
	}()

	for retried := false; ; retried = true {
		fresh := c.smtp == nil
		if fresh {
			if err := c.connect(ctx); err != nil {
				c.drop()
				return s.dialFailure(ctx, m, err)
			}
			s.log.Debug("connected", keyConn, c.id)
		} else if err := c.smtp.UpdateDeadline(c.timeout); err != nil {
			// go-mail's NOOP comes before it extends the deadline: without
			// this, a connection idle longer than the timeout looks dead.
			c.drop()
			continue
		}
		err := c.client.SendWithSMTPClient(c.smtp, msg)
		if err == nil || msg.IsDelivered() {
			if err != nil {
				s.log.Debug("connection failed after the message was accepted", keyConn, c.id, keyID, m.ID, keyErr, s.scrub.Error(err))
				c.drop()
			}
			m.Receipt = s.receipt(msg.ServerResponse())
			return nil
		}
		c.drop()
		if !fresh && !retried && stale(err) && ctx.Err() == nil {
			s.log.Debug("connection closed by the server, dialing again", keyConn, c.id)
			continue
		}
		return s.sendFailure(ctx, m, err)
	}
}

// receipt describes the server's acceptance of a message, given its reply
// to the end of the data.
func (s *Sender) receipt(reply string) string {
	if r := strings.TrimSpace(reply); r != "" {
		return "smtp " + s.addr + " accepted: 250 " + s.scrub.String(r)
	}
	return "smtp " + s.addr + " accepted"
}

// Close closes the connections, waiting for messages being sent to
// finish. Notify fails with ErrClosed afterwards.
func (s *Sender) Close() error {
	s.closeOnce.Do(func() {
		close(s.done)
		for range s.size {
			c := <-s.pool
			c.quit()
			s.log.Debug("closed", keyConn, c.id)
		}
	})
	return nil
}

// conn is one pooled connection: a go-mail client, which holds the
// settings, and the SMTP session it dialed, if any. Only the Notify call
// that took it from the pool uses it, and that call's context watcher.
type conn struct {
	id          int
	client      *mail.Client
	implicitTLS bool
	tlsConfig   *tls.Config
	timeout     time.Duration

	smtp *smtp.Client // the open session, nil when not connected

	mu      sync.Mutex
	raw     net.Conn // the TCP connection under smtp, or being dialed
	aborted bool     // the context of the current call ended
}

// connect dials the server, greets it, starts TLS and logs in.
func (c *conn) connect(ctx context.Context) error {
	sc, err := c.client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return err
	}
	c.smtp = sc
	return nil
}

// dial is go-mail's dial function: it keeps the TCP connection so that
// abort and drop can close it, and does the handshake of implicit TLS.
func (c *conn) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	raw, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.aborted {
		c.mu.Unlock()
		raw.Close()
		return nil, ctx.Err()
	}
	c.raw = raw
	c.mu.Unlock()
	if !c.implicitTLS {
		return raw, nil
	}
	tc := tls.Client(raw, c.tlsConfig)
	if err := tc.HandshakeContext(ctx); err != nil {
		return nil, err // drop closes raw
	}
	return tc, nil
}

// abort closes the connection from under a call whose context ended,
// which makes any read or write waiting on it fail at once.
func (c *conn) abort() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.aborted = true
	if c.raw != nil {
		c.raw.Close()
	}
}

// drop closes the connection without a goodbye: it failed, or may be
// in the middle of a command.
func (c *conn) drop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.raw != nil {
		c.raw.Close()
	}
	c.raw = nil
	c.smtp = nil
	c.aborted = false
}

// quit says goodbye to the server (QUIT) and closes the connection.
func (c *conn) quit() {
	if c.smtp != nil {
		quitTimeout := min(c.timeout, 5*time.Second)
		if c.smtp.UpdateDeadline(quitTimeout) == nil {
			c.client.CloseWithSMTPClient(c.smtp) // the connection is closed below anyway
		}
	}
	c.drop()
}
