package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// Error codes: what went wrong, as far as the client is concerned. Each
// maps to one HTTP status.
const (
	EINVALID      = "invalid"      // the request is malformed or not allowed for this notification
	ENOTFOUND     = "not_found"    // no such page, token or feed
	EUNAUTHORIZED = "unauthorized" // a missing or wrong shared secret
	EFORBIDDEN    = "forbidden"    // not from here: another site, or not the loopback, or no CSRF token
	EMETHOD       = "method"       // the path exists, for another method
	EMISDIRECTED  = "misdirected"  // the Host is not one of this server's names
	ETOOMANY      = "too_many"     // too many wrong codes or passwords: locked for a while
	ETOOLARGE     = "too_large"    // the body is over maxBody
	EUNAVAILABLE  = "unavailable"  // the feature is not configured, or the store is down
	EINTERNAL     = "internal"     // a fault of ours: logged, never detailed to the client
)

var statusOf = map[string]int{
	EINVALID:      http.StatusBadRequest,
	ENOTFOUND:     http.StatusNotFound,
	EUNAUTHORIZED: http.StatusUnauthorized,
	EFORBIDDEN:    http.StatusForbidden,
	EMETHOD:       http.StatusMethodNotAllowed,
	EMISDIRECTED:  http.StatusMisdirectedRequest,
	ETOOMANY:      http.StatusTooManyRequests,
	ETOOLARGE:     http.StatusRequestEntityTooLarge,
	EUNAVAILABLE:  http.StatusServiceUnavailable,
	EINTERNAL:     http.StatusInternalServerError,
}

// Error is an error a client may see: a code that decides the status, and
// the key of a message for a person, looked up in the service language
// when the answer is written. Any other error is internal: logged, and
// answered with a generic message.
type Error struct {
	Code string
	Key  string // a key of the text catalog
	Args []any  // its arguments
}

// Errorf returns an Error with code and the message key with its arguments.
func Errorf(code, key string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// Error returns the code and the message in English, for logs.
func (e *Error) Error() string {
	return fmt.Sprintf("web: %s: %s", e.Code, tr("en", e.Key, e.Args...))
}

// ErrorCode returns the code of err: EINTERNAL unless it is an *Error.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorStatus returns the HTTP status of err.
func ErrorStatus(err error) int {
	if st, ok := statusOf[ErrorCode(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// message returns what a person reads about err, in the service language.
func (s *Server) message(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return tr(s.lang(), e.Key, e.Args...)
	}
	return tr(s.lang(), "error.internal")
}

// logInternal logs err if it is internal. The route pattern, never the
// path, names the request: a path may hold a token.
func (s *Server) logInternal(r *http.Request, err error) {
	if ErrorCode(err) == EINTERNAL {
		s.log.Error("request failed", logRoute, r.Pattern, logErr, err)
	}
}

// pageError answers err with an HTML page.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	s.logInternal(r, err)
	status := ErrorStatus(err)
	title := "error.title"
	if status == http.StatusNotFound {
		title = "error.notfound.title"
	}
	s.render(w, r, status, "message", messageView{Title: tr(s.lang(), title), Text: s.message(err)})
}

// jsonError answers err with {"error": message}.
func (s *Server) jsonError(w http.ResponseWriter, r *http.Request, err error) {
	s.logInternal(r, err)
	s.writeJSON(w, ErrorStatus(err), map[string]string{"error": s.message(err), "code": ErrorCode(err)})
}

// writeJSON writes v as the JSON answer.
func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		s.log.Warn("write json answer", logErr, err)
	}
}

// bodyError turns a failure to read a size-limited body into an Error.
func bodyError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return Errorf(ETOOLARGE, "error.toolarge")
	}
	return Errorf(EINVALID, "error.body")
}
