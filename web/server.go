package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// Store is what the server asks of the store: the token index written by
// ack.Links, the acknowledgements, the deliveries the dashboard reports,
// the paused tasks, and backups. *store.DB has every method.
type Store interface {
	Token(token string) ([]byte, error)
	TokensWithPrefix(prefix string, fn func(token string, payload []byte) error) error
	RecordAck(a store.Ack) (stored store.Ack, created bool, err error)
	Ack(subject, unit string, kind store.AckKind) (store.Ack, error)
	Backup(w io.Writer) (int64, error)
	AccountStore
	// Deliveries finds a notification by its id for POST /-/ack.
	Deliveries(fn func(store.Delivery) error) error
	boardStore
	pauseStore
}

// Options configure a Server.
type Options struct {
	// Config returns the configuration in force: a reload swaps what it
	// returns, and every request reads it anew. Required.
	Config func() *plan.Config
	// Store holds the token index and the acknowledgements. Required.
	Store Store
	// Secret is the service secret (ack.LoadOrCreateSecret): it makes and
	// checks the tokens of links and calendar feeds, and the SMS codes.
	// Required; the ack.Links of the scheduler must use the same one.
	Secret []byte
	// SMSSecret is the shared secret the SMS gateway presents on
	// POST /sms/inbound (see sms.go); empty turns the endpoint off (503).
	// There is no configuration key for it yet: the plan is
	// channels.sms.inbound_secret_file, a file holding the secret.
	SMSSecret string
	// Reload validates the configuration on disk and, if it is valid,
	// runs it; it returns the errors of an invalid file. Nil turns
	// POST /-/reload off (503).
	Reload func() (ok bool, errors []string)
	// LastReload returns when the configuration was last reloaded (zero
	// before any reload), whether the file was valid and, if not, its
	// errors: the dashboard shows a red banner while the file on disk is
	// invalid and the old plan runs. Nil: no banner.
	LastReload func() (at time.Time, ok bool, errors []string)
	// Metrics, if set, is served at GET /metrics, counts the
	// acknowledgements recorded here, and gets the overdue count from the
	// server at each scrape.
	Metrics *Metrics
	// AdminPasswordHash is the bcrypt hash of the admin password
	// (LoadPasswordHash of service.admin_password_file): the account
	// AdminUser. Empty, and no account in the store: the dashboard,
	// /metrics and the admin endpoints answer loopback clients only. See
	// auth.go.
	AdminPasswordHash []byte
	// Scrubber takes the channels' secrets out of the delivery errors the
	// dashboard lists (notify.ScrubberFor): the senders scrub what they
	// record, and this scrubs what a store written before them holds.
	// Nil: only Authorization headers are taken out.
	Scrubber *notify.Scrubber
	// Now is the clock that stamps acknowledgements (default time.Now).
	Now func() time.Time
	// Logger receives internal errors (default: discarded). Tokens,
	// secrets and phone numbers are never logged.
	Logger *slog.Logger
}

// Server serves the HTTP side of nhacviec.
type Server struct {
	opts    Options
	log     *slog.Logger
	handler http.Handler
	pages   *pages
	feeds   feedCache
	// passwords checks the passwords of accounts; sessions are the
	// signed-in browsers (session.go).
	passwords *passwords
	sessions  *sessions
	// smsLocks and adminLocks count wrong SMS codes by phone number and
	// wrong admin passwords by address and name (lockout.go).
	smsLocks, adminLocks *lockout

	mu   sync.Mutex
	addr string         // the TCP address, once open
	srvs []*http.Server // the TCP server and the control socket's
	wg   sync.WaitGroup
}

// Request limits.
const (
	// maxBody bounds a request body: a form or an SMS webhook is far
	// smaller.
	maxBody = 16 << 10
	// shutdownTimeout bounds how long Close waits for requests in flight.
	shutdownTimeout = 5 * time.Second
)

// New returns a server; Handler serves it in tests, Open on a port.
func New(opts Options) *Server {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{opts: opts, log: opts.Logger, pages: loadPages(),
		smsLocks: newSMSLockout(), adminLocks: newAdminLockout()}
	s.passwords, s.sessions = newPasswords(), newSessions()
	if opts.Metrics != nil {
		opts.Metrics.setOverdue(s.planIDs, s.overdueByPlan)
	}
	mux := http.NewServeMux()
	s.routes(mux)
	s.handler = s.secure(s.checkHost(mux))
	return s
}

// routes registers every feature's routes. A feature keeps its handlers,
// and the registration of their routes, in a file of its own.
func (s *Server) routes(mux *http.ServeMux) {
	s.ackRoutes(mux)
	s.loginRoutes(mux)
	s.userRoutes(mux)
	s.smsRoutes(mux)
	s.icsRoutes(mux)
	s.opsRoutes(mux)
	s.dashboardRoutes(mux)
	s.apiRoutes(mux)
	s.editorRoutes(mux)
	s.importRoutes(mux)
	s.unitsRoutes(mux)
	s.historyRoutes(mux)
	s.metricsRoutes(mux)
	s.staticRoutes(mux)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// This pattern matches every path that another does not match
		// with the request's method: tell a wrong method from a wrong path.
		for _, m := range []string{http.MethodGet, http.MethodPost} {
			if m == r.Method {
				continue
			}
			other := r.Clone(r.Context())
			other.Method = m
			if _, pattern := mux.Handler(other); pattern != "/" && pattern != "" {
				w.Header().Set("Allow", m)
				s.pageError(w, r, Errorf(EMETHOD, "error.method"))
				return
			}
		}
		s.pageError(w, r, Errorf(ENOTFOUND, "error.page"))
	})
}

// Handler returns the server's handler, with its security headers.
func (s *Server) Handler() http.Handler { return s.handler }

// Open listens on addr (service.listen; "127.0.0.1:0" in tests) and serves
// until Close. ctx bounds only the listening.
func (s *Server) Open(ctx context.Context, addr string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.addr != "" {
		return fmt.Errorf("listen on %s: the server is already open", addr)
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	s.addr = ln.Addr().String()
	s.serve(ln, &http.Server{
		ReadTimeout:  30 * time.Second,
		WriteTimeout: 60 * time.Second,
	})
	return nil
}

// OpenControl listens on the unix socket path (data_dir/nhacviec.sock),
// mode 0600, and serves the same handler there until Close. Only the
// service's own user can open the socket, so its clients are the local
// administrator: they pass the admin guard without a password (see
// auth.go). The caller removes a socket left by a dead daemon first.
func (s *Server) OpenControl(path string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ln, err := net.Listen("unix", path)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return fmt.Errorf("listen on %s: %w", path, err)
	}
	// No read or write timeout: a backup of a large store takes its time.
	s.serve(ln, &http.Server{
		BaseContext: func(net.Listener) context.Context {
			return context.WithValue(context.Background(), localAdminKey{}, true)
		},
	})
	return nil
}

// serve serves the handler on ln with srv's settings until Close.
func (s *Server) serve(ln net.Listener, srv *http.Server) {
	srv.Handler = s.handler
	srv.ReadHeaderTimeout = 10 * time.Second
	srv.IdleTimeout = 2 * time.Minute
	srv.MaxHeaderBytes = 32 << 10
	srv.ErrorLog = slog.NewLogLogger(s.log.Handler(), slog.LevelWarn)
	s.srvs = append(s.srvs, srv)
	s.wg.Go(func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("http server stopped", logErr, err)
		}
	})
}

// Addr returns the TCP address the server listens on, once open.
func (s *Server) Addr() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr
}

// Close stops listening (the control socket's file goes with it), lets
// requests in flight finish for a few seconds, then cuts them. Closing a
// server never opened is harmless.
func (s *Server) Close() error {
	s.mu.Lock()
	srvs := s.srvs
	s.srvs, s.addr = nil, ""
	s.mu.Unlock()
	if len(srvs) == 0 {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	var errs []error
	for _, srv := range srvs {
		if err := srv.Shutdown(ctx); err != nil {
			errs = append(errs, srv.Close())
		}
	}
	s.wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close http server: %w", err)
	}
	return nil
}

// config returns the configuration in force, or nil if there is none.
func (s *Server) config() *plan.Config {
	if s.opts.Config == nil {
		return nil
	}
	return s.opts.Config()
}

// publicURL is service.public_url, without a trailing slash.
func (s *Server) publicURL() string {
	if cfg := s.config(); cfg != nil {
		return strings.TrimRight(cfg.Service.PublicURL, "/")
	}
	return ""
}

// UnitFeedURL returns the address of unit's calendar feed, under
// service.public_url, for the dashboard to show.
func (s *Server) UnitFeedURL(unit string) string {
	return s.publicURL() + "/ics/u/" + ack.UnitToken(s.opts.Secret, unit) + ".ics"
}

// PlanFeedURL returns the address of a plan's calendar feed.
func (s *Server) PlanFeedURL(planID string) string {
	return s.publicURL() + "/ics/p/" + ack.UnitToken(s.opts.Secret, planFeedKey(planID)) + ".ics"
}

// lang is the language of pages and replies: service.language.
func (s *Server) lang() lang.Lang {
	if cfg := s.config(); cfg != nil && cfg.Service.Language == lang.English {
		return lang.English
	}
	return lang.Vietnamese
}

// secure sets the headers every answer carries. Referrer-Policy is
// same-origin, not no-referrer: browsers then send a real Origin with the
// forms (checked by sameOrigin), and never the token in a Referer to
// another site.
func (s *Server) secure(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "same-origin")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.ServeHTTP(w, r)
	})
}

// Log keys, shared by every handler.
const (
	logErr   = "err"
	logRoute = "route"
	logUnit  = "unit"
	logPlan  = "plan"
	logTask  = "task"
)
