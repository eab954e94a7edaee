// Package email delivers the email channel over SMTP through go-mail: it
// keeps a small pool of connections open, holds the channel's rate, and
// tells a failure worth retrying (a 4xx reply, a network error) from one
// that is not (a 5xx reply, a refused login, a certificate that does not
// verify). It is the only package that imports go-mail.
package email
