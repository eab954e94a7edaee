package email

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// A test SMTP server: emersion/go-smtp in-process on loopback, with a
// backend that records what it receives and answers as told.
//
// Per recipient, by the local part of the address:
//
//	temp@…    RCPT answers 451
//	reject@…  RCPT answers 550
//
// Per message, by its X-Test header:
//
//	451        DATA answers 451 at the end
//	550        DATA answers 550 at the end
//	slow       DATA waits backend.slow before accepting
//	drop       the connection is closed once the message is read, no reply
//	close      DATA is accepted, then the connection is closed
//	echo       DATA answers 451 repeating the login in every spelling
//
// With backend.echo, a refused login is answered 535 repeating it too:
// what a careless server does, and what must not reach a log.

// received is one message a test server accepted.
type received struct {
	from string
	to   []string
	data []byte
	tls  bool // it came over TLS
	user string
}

type backend struct {
	// mechs are the AUTH mechanisms offered; with any, MAIL needs a
	// login as user with pass.
	mechs      []string
	user, pass string
	echo       bool          // a refused login's reply repeats it
	greetDelay time.Duration // delays the reply to EHLO
	slow       time.Duration // see X-Test: slow

	stop chan struct{} // closed when the server stops: ends waits

	mu    sync.Mutex
	conns map[*smtp.Conn]bool
	msgs  []received
}

func newBackend() *backend {
	return &backend{stop: make(chan struct{}), conns: map[*smtp.Conn]bool{}, slow: 5 * time.Second}
}

// NewSession is called at EHLO, and again after STARTTLS: conns counts
// the connections themselves.
func (b *backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	b.mu.Lock()
	b.conns[c] = true
	b.mu.Unlock()
	if b.greetDelay > 0 {
		select {
		case <-time.After(b.greetDelay):
		case <-b.stop:
		}
	}
	return &session{b: b, c: c}, nil
}

func (b *backend) connections() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.conns)
}

func (b *backend) messages() []received {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]received(nil), b.msgs...)
}

// closeAll closes every open connection from the server's side, as an
// idle timeout would.
func (b *backend) closeAll() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for c := range b.conns {
		c.Conn().Close()
	}
}

type session struct {
	b      *backend
	c      *smtp.Conn
	authed string
	pass   string // the password of the login, for X-Test: echo
	from   string
	to     []string
	// closeOnReset closes the connection at the next Reset call (X-Test:
	// close): the one go-smtp makes once it has answered DATA.
	closeOnReset bool
}

func (s *session) AuthMechanisms() []string { return s.b.mechs }

func (s *session) Auth(mech string) (sasl.Server, error) {
	check := func(user, pass string) error {
		if user != s.b.user || pass != s.b.pass {
			if s.b.echo {
				return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: echoLogin(user, pass)}
			}
			return smtp.ErrAuthFailed
		}
		s.authed, s.pass = user, pass
		return nil
	}
	switch mech {
	case "PLAIN":
		return sasl.NewPlainServer(func(_, user, pass string) error { return check(user, pass) }), nil
	case "LOGIN":
		return &loginServer{check: check}, nil
	}
	return nil, smtp.ErrAuthUnknownMechanism
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if len(s.b.mechs) > 0 && s.authed == "" {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	switch local, _, _ := strings.Cut(to, "@"); local {
	case "temp":
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 2, 1}, Message: "mailbox busy, try later"}
	case "reject":
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	action := ""
	if m, err := netmail.ReadMessage(bytes.NewReader(data)); err == nil {
		action = m.Header.Get("X-Test")
	}
	switch action {
	case "451":
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "queue full, try later"}
	case "550":
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "message refused"}
	case "drop":
		s.c.Conn().Close()
		return errors.New("dropped")
	case "slow":
		select {
		case <-time.After(s.b.slow):
		case <-s.b.stop:
			return errors.New("stopped")
		}
	case "close":
		s.closeOnReset = true
	case "echo":
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: echoLogin(s.authed, s.pass)}
	}
	_, isTLS := s.c.TLSConnectionState()
	s.b.mu.Lock()
	s.b.msgs = append(s.b.msgs, received{from: s.from, to: s.to, data: data, tls: isTLS, user: s.authed})
	s.b.mu.Unlock()
	return nil
}

func (s *session) Reset() {
	if s.closeOnReset {
		s.c.Conn().Close()
	}
	s.from, s.to = "", nil
}

func (s *session) Logout() error { return nil }

// echoLogin repeats a login as careless servers do: plain, as the AUTH
// PLAIN line, percent-encoded, and as an HTTP Basic header.
func echoLogin(user, pass string) string {
	return fmt.Sprintf("login %s/%s refused (AUTH PLAIN %s, %s) Authorization: Basic %s",
		user, pass, base64.StdEncoding.EncodeToString([]byte("\x00"+user+"\x00"+pass)),
		url.QueryEscape(pass), base64.StdEncoding.EncodeToString([]byte(user+":"+pass)))
}

// loginServer is the server side of AUTH LOGIN, which go-sasl no longer
// provides.
type loginServer struct {
	step  int
	user  string
	check func(user, pass string) error
}

func (l *loginServer) Next(resp []byte) ([]byte, bool, error) {
	switch l.step {
	case 0:
		l.step++
		if resp == nil {
			return []byte("Username:"), false, nil
		}
		fallthrough
	case 1:
		l.step = 2
		l.user = string(resp)
		return []byte("Password:"), false, nil
	default:
		return nil, true, l.check(l.user, string(resp))
	}
}

// Server modes.
const (
	modeStartTLS = "starttls" // plain listener, STARTTLS offered
	modeTLS      = "tls"      // implicit TLS
	modePlain    = "none"     // no TLS at all, AUTH allowed in clear
)

// startServer runs b on 127.0.0.1 in the given mode until the test ends,
// and returns its port.
func startServer(t *testing.T, b *backend, mode string) int {
	t.Helper()
	s := smtp.NewServer(b)
	s.Domain = "localhost"
	s.ReadTimeout = 10 * time.Second
	s.WriteTimeout = 10 * time.Second
	// Handshake errors are expected where a certificate is refused, and
	// connection goroutines may outlive the test: keep the log out of t.
	s.ErrorLog = log.New(io.Discard, "", 0)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	switch mode {
	case modeStartTLS:
		s.TLSConfig = serverTLS(t)
	case modeTLS:
		l = tls.NewListener(l, serverTLS(t))
	case modePlain:
		s.AllowInsecureAuth = true
	}
	served := make(chan struct{})
	go func() {
		defer close(served)
		s.Serve(l)
	}()
	t.Cleanup(func() {
		close(b.stop)
		s.Close()
		<-served
	})
	return l.Addr().(*net.TCPAddr).Port
}

// closedPort returns a loopback port nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// The test certificate: self-signed for 127.0.0.1 and localhost, made once.
var testCert = sync.OnceValues(func() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "nhacviec test mail server"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, err
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, err
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, nil
})

func serverTLS(t *testing.T) *tls.Config {
	t.Helper()
	cert, err := testCert()
	if err != nil {
		t.Fatal(err)
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}}
}

// clientTLS trusts the test certificate.
func clientTLS(t *testing.T) *tls.Config {
	t.Helper()
	cert, err := testCert()
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert.Leaf)
	return &tls.Config{RootCAs: pool}
}

// addr is host:port of a test server, for messages.
func addr(port int) string { return net.JoinHostPort("127.0.0.1", strconv.Itoa(port)) }
