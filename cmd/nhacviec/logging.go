package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/plan"
)

// newLogger returns the slog logger the service settings ask for, on w:
// text or JSON, every time in it (the record's and those of its
// attributes) as RFC 3339 in the service's time zone, so a log line reads
// as the plan's calendar does, whatever zone the machine is in.
func newLogger(cfg *plan.Config, w io.Writer) *slog.Logger {
	loc := cfg.Service.Location
	if loc == nil {
		loc = time.Local
	}
	opts := &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Value.Kind() == slog.KindTime {
			a.Value = slog.TimeValue(a.Value.Time().In(loc))
		}
		return a
	}}
	if strings.EqualFold(cfg.Service.LogFormat, "json") {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// withClock returns log with each record's time read from now, a
// rehearsal's virtual clock: its log tells the plan's time, the time a
// message "was sent", not the few seconds of wall time the rehearsal took.
func withClock(log *slog.Logger, now func() time.Time) *slog.Logger {
	return slog.New(clockHandler{Handler: log.Handler(), now: now})
}

// clockHandler is a slog.Handler that sets each record's time from a
// clock other than the machine's.
type clockHandler struct {
	slog.Handler
	now func() time.Time
}

// Handle passes r on with the clock's time.
func (h clockHandler) Handle(ctx context.Context, r slog.Record) error {
	r.Time = h.now()
	return h.Handler.Handle(ctx, r)
}

// WithAttrs keeps the clock in the derived handler.
func (h clockHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return clockHandler{Handler: h.Handler.WithAttrs(attrs), now: h.now}
}

// WithGroup keeps the clock in the derived handler.
func (h clockHandler) WithGroup(name string) slog.Handler {
	return clockHandler{Handler: h.Handler.WithGroup(name), now: h.now}
}
