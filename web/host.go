package web

import (
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/nhacviec/nhacviec/plan"
)

// The Host check, against DNS rebinding: a page on another site whose
// name its owner then points at 127.0.0.1 is, to the browser, of the same
// origin as the loopback dashboard, which asks no password there. Such a
// request still names that site in its Host header, so only requests for
// this server's own names are answered:
//
//   - the loopback names: localhost and any loopback address;
//   - service.listen's host, and the address the connection came in on
//     (a server listening on 0.0.0.0 answers to the machine's addresses:
//     an address is no name another site can point);
//   - public_url's host;
//   - service.allowed_hosts (a reverse proxy's other names).
//
// The port is not compared. Anything else gets 421 Misdirected Request.
// Requests through the control socket carry whatever Host the client
// writes, and are the local administrator's: they are not checked. A
// request with no Host at all (HTTP/1.0) comes from no browser, and
// passes.

// checkHost answers 421 to a request for a host this server is not.
func (s *Server) checkHost(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if localAdmin(r) || s.ownHost(r) {
			h.ServeHTTP(w, r)
			return
		}
		fail := s.jsonError
		if wantsHTML(r) {
			fail = s.pageError
		}
		fail(w, r, Errorf(EMISDIRECTED, "error.host"))
	})
}

// ownHost reports whether r's Host is one of this server's names.
func (s *Server) ownHost(r *http.Request) bool {
	if r.Host == "" {
		return true
	}
	host := hostName(r.Host)
	if plan.IsLoopback(host) {
		return true
	}
	if a, ok := r.Context().Value(http.LocalAddrContextKey).(*net.TCPAddr); ok && host == hostName(a.IP.String()) {
		return true
	}
	cfg := s.config()
	if cfg == nil {
		return false
	}
	if h, _, err := net.SplitHostPort(cfg.Service.Listen); err == nil && h != "" && hostName(h) == host {
		return true
	}
	if u, err := url.Parse(cfg.Service.PublicURL); err == nil && u.Host != "" && hostName(u.Host) == host {
		return true
	}
	return slices.ContainsFunc(cfg.Service.AllowedHosts, func(a string) bool { return hostName(a) == host })
}

// hostName is the host of a Host header or an address, without its port
// or brackets or a final dot, in lower case.
func hostName(hostport string) string {
	h := hostport
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.Trim(h, "[]"), ".")
	if ip := net.ParseIP(h); ip != nil {
		return ip.String()
	}
	return strings.ToLower(h)
}
