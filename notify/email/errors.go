package email

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/textproto"
	"strings"
	"syscall"

	mail "github.com/wneessen/go-mail"

	"github.com/nhacviec/nhacviec/notify"
)

// Errors callers and the CLI branch on; Notify wraps them with the
// message id and the server.
var (
	// ErrPlaintext: tls: none to a host that is not loopback, without
	// insecure: true.
	ErrPlaintext = errors.New("smtp without TLS is allowed only to a loopback host: set tls to starttls or tls, or insecure: true")
	// ErrCertificate: the server's TLS certificate does not verify
	// (chứng chỉ TLS của máy chủ thư không hợp lệ). Permanent.
	ErrCertificate = errors.New("the mail server's TLS certificate is not valid")
	// ErrLogin: the server refused the username or password (535).
	// Permanent.
	ErrLogin = errors.New("the mail server refused the username or password")
	// ErrNoStartTLS: tls: starttls, but the server does not offer
	// STARTTLS. Permanent.
	ErrNoStartTLS = errors.New("the mail server does not offer STARTTLS")
	// ErrNoRecipient: the message has no email address. Permanent.
	ErrNoRecipient = errors.New("no email address to send to")
	// ErrClosed: Notify after Close. Temporary: another Sender may send
	// the message.
	ErrClosed = errors.New("sender closed")
)

// dialFailure and sendFailure scrub the channel's password, in every
// spelling (notify.Scrubber), out of the server's words before anything
// else reads them.

// dialFailure classifies an error met while connecting: dialing, the
// greeting, STARTTLS or implicit TLS, and the login. Network trouble and
// 4xx replies are temporary. What remains once the server answers is a
// disagreement between it and the channel's settings (a 5xx reply, a
// certificate that does not verify, no STARTTLS, no common login
// mechanism, a port that does not speak TLS): permanent, since trying
// again cannot help until someone changes the configuration.
func (s *Sender) dialFailure(ctx context.Context, m *notify.Message, err error) error {
	err = s.scrub.Error(err) // a server may repeat the AUTH line in its reply
	op := fmt.Sprintf("email: message %s: connect %s", m.ID, s.addr)
	if ctx.Err() != nil {
		return notify.Temporary(fmt.Errorf("%s: %w", op, ctx.Err()))
	}
	if badCertificate(err) {
		return notify.Permanent(fmt.Errorf("%s: %w: %w", op, ErrCertificate, err))
	}
	switch code := replyCode(err); {
	case code == 535:
		return notify.Permanent(fmt.Errorf("%s: %w: %w", op, ErrLogin, err))
	case code >= 500:
		return notify.Permanent(fmt.Errorf("%s: %w", op, err))
	case code >= 400:
		return notify.Temporary(fmt.Errorf("%s: %w", op, err))
	}
	if network(err) {
		return notify.Temporary(fmt.Errorf("%s: %w", op, err))
	}
	// go-mail reports a missing STARTTLS with fmt.Errorf and no sentinel.
	if strings.Contains(err.Error(), "does not support STARTTLS") {
		return notify.Permanent(fmt.Errorf("%s: %w", op, ErrNoStartTLS))
	}
	return notify.Permanent(fmt.Errorf("%s: %w", op, err))
}

// sendFailure classifies an error met while sending a message on an open
// connection. A 4xx reply is temporary and a 5xx permanent. go-mail's
// SendError hides the error it wraps and its IsTemp is false for network
// errors, so the reply code alone decides: a SendError with no code is a
// network error, hence temporary, unless the message itself was at fault.
func (s *Sender) sendFailure(ctx context.Context, m *notify.Message, err error) error {
	err = s.scrub.Error(err)
	op := fmt.Sprintf("email: message %s: send to %s", m.ID, s.addr)
	if ctx.Err() != nil {
		return notify.Temporary(fmt.Errorf("%s: %w: %w", op, ctx.Err(), err))
	}
	switch code := replyCode(err); {
	case code >= 500:
		return notify.Permanent(fmt.Errorf("%s: %w", op, err))
	case code >= 400:
		return notify.Temporary(fmt.Errorf("%s: %w", op, err))
	}
	var se *mail.SendError
	if errors.As(err, &se) {
		switch se.Reason {
		case mail.ErrGetSender, mail.ErrGetRcpts, mail.ErrNoUnencoded:
			return notify.Permanent(fmt.Errorf("%s: %w", op, err))
		}
	}
	return notify.Temporary(fmt.Errorf("%s: %w", op, err))
}

// replyCode is the SMTP reply code err carries, or 0 if it carries none.
func replyCode(err error) int {
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code
	}
	var se *mail.SendError
	if errors.As(err, &se) {
		return se.ErrorCode()
	}
	return 0
}

// stale reports whether a send failed because its connection was no
// longer open, before anything was sent: go-mail's NOOP before the
// message failing.
func stale(err error) bool {
	var se *mail.SendError
	return errors.As(err, &se) && se.Reason == mail.ErrConnCheck
}

// badCertificate reports whether err is the server's certificate failing
// to verify.
func badCertificate(err error) bool {
	var (
		verify   *tls.CertificateVerificationError
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
	)
	return errors.As(err, &verify) || errors.As(err, &unknown) ||
		errors.As(err, &hostname) || errors.As(err, &invalid)
}

// network reports whether err is the network failing: a refused or reset
// connection, a timeout, a connection closed mid-session.
func network(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.EPIPE)
}
