package bench

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	mail "github.com/wneessen/go-mail"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/notify/email"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/scheduler"
	"github.com/nhacviec/nhacviec/store"
)

// The email figure of SPEC §9: N notifications, one unit each with one
// email contact, all due at the same instant, delivered by the daemon's
// path (scheduler with one worker per connection, bbolt store, the
// acknowledgement links recorded in it, notify.Render, the notify/email
// Sender and its connections) to a real SMTP server, mailpit, until every
// one is recorded Sent. Its baseline is go-mail alone: the same messages,
// rendered and built beforehand, sent on as many long-lived go-mail
// clients, one goroutine each, with no scheduler and no store. Goal: the
// figure's rate ≥ 0.9× the baseline's.
//
// Both sides reach mailpit through the same kind of proxy
// (latencyProxy), which delays every chunk of data by -email.latency
// (10 ms) each way: the commune's mail relay is in the province, not on
// the daemon's machine, and round trips, not the CPU that mailpit shares
// with the daemon here, set the pace of a real delivery. Both sides send
// each message with go-mail's own transaction (NOOP, MAIL, RCPT, DATA and
// the message, RSET), and both dial inside their timer, on the first
// message. The channel's rate is set far above what either reaches, so
// that the limiter is not what is measured. TestEmailComparison checks
// that the two sides deliver the same messages, byte for byte.
var (
	emailN       = flag.Int("email.n", 1000, "notifications of the email figure")
	emailConns   = flag.String("email.conns", "2,4", "comma-separated SMTP connections (and scheduler workers) of the email figure")
	emailLatency = flag.Duration("email.latency", 10*time.Millisecond, "delay each way between the email figure's senders and mailpit")
	// emailWorkers is a diagnosis, not the figure: run.go runs one worker
	// per connection, and each worker in flight can repeat one message
	// after a crash.
	emailWorkers = flag.Int("email.workers", 1, "scheduler workers per SMTP connection in the email figure (diagnosis; the daemon runs 1)")
)

// emailFrom is the channel's sender.
const emailFrom = "UBND xã Quảng Thành <ubnd@quangthanh.example.vn>"

// emailRate is the channel's rate: far above what mailpit takes.
var emailRate = plan.Rate{N: 10000, Per: time.Second}

// relay is mailpit behind a proxy of its own, -email.latency away: the
// server both sides of the email figure send to.
func relay(tb testing.TB) *latencyProxy {
	tb.Helper()
	mp := startMailpit(tb)
	return startProxy(tb, net.JoinHostPort(mp.host, strconv.Itoa(mp.port)), *emailLatency)
}

// emailChannel is the email channel to p on conns connections.
func emailChannel(p *latencyProxy, conns int) *plan.EmailChannel {
	return &plan.EmailChannel{Host: p.host, Port: p.port, TLS: "none", From: emailFrom,
		Connections: conns, Rate: emailRate}
}

// connCounts reads -email.conns.
func connCounts(tb testing.TB) []int {
	var out []int
	for f := range strings.SplitSeq(*emailConns, ",") {
		k, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || k < 1 {
			tb.Fatalf("-email.conns %q: want positive numbers separated by commas", *emailConns)
		}
		out = append(out, k)
	}
	return out
}

// emailRig is the dispatch figure's rig (dispatchRig) with the notify/email
// Sender as the email channel and the given scheduler workers: one per
// connection is how cmd/nhacviec/run.go runs a channel. now dates the
// messages (time.Now if nil). The test's cleanup stops the scheduler and
// closes the sender.
func emailRig(tb testing.TB, dir string, cfg *plan.Config, ch *plan.EmailChannel, workers int, now func() time.Time) *rig {
	tb.Helper()
	clock := scheduler.NewFakeClock(dispatchDue)
	db, err := store.Open(filepath.Join(dir, "nhacviec.db"), store.Options{LockTimeout: time.Second, Now: clock.Now})
	if err != nil {
		tb.Fatal(err)
	}
	for _, p := range cfg.Plans {
		if err := db.SetCheckpoint(p.ID, dispatchDue); err != nil {
			tb.Fatal(err)
		}
	}
	// The daemon logs every send as text; the formatting is part of its
	// cost, the write to a journal is not measured.
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	sender, err := email.New(ch, email.Options{Logger: log, Now: now})
	if err != nil {
		tb.Fatal(err)
	}
	links := ack.NewLinks(publicURL, linkSecret)
	r := &rig{clock: clock, db: db, idle: make(chan time.Time, 64), done: make(chan error, 1)}
	r.ctx, r.cancel = context.WithCancel(context.Background())
	r.sched = scheduler.New(cfg, scheduler.Options{
		Clock:       clock,
		Store:       db,
		Notifiers:   map[string]notify.Notifier{plan.ChannelEmail: sender},
		Links:       links,
		Logger:      log,
		StopTimeout: 10 * time.Second,
		Workers:     workers,
		OnIdle: func(next time.Time) {
			select {
			case r.idle <- next:
			case <-r.ctx.Done():
			}
		},
	})
	tb.Cleanup(func() {
		r.stop(tb)
		sender.Close()
	})
	return r
}

// goMailMsgs builds, for each message, the go-mail message the Sender
// sends (email.Build), from from, dated date.
func goMailMsgs(tb testing.TB, msgs []*notify.Message, from string, date time.Time) []*mail.Msg {
	tb.Helper()
	out := make([]*mail.Msg, len(msgs))
	for i, m := range msgs {
		msg, err := email.Build(m, from, date)
		if err != nil {
			tb.Fatal(err)
		}
		out[i] = msg
	}
	return out
}

// goMailClients returns k go-mail clients for p, not yet connected, as
// go-mail ships.
func goMailClients(tb testing.TB, p *latencyProxy, k int) []*mail.Client {
	tb.Helper()
	out := make([]*mail.Client, k)
	for i := range out {
		c, err := mail.NewClient(p.host, mail.WithPort(p.port), mail.WithTLSPolicy(mail.NoTLS),
			mail.WithTimeout(30*time.Second))
		if err != nil {
			tb.Fatal(err)
		}
		out[i] = c
	}
	return out
}

// sendGoMail is the baseline's work: each client dials, then its goroutine
// sends the next message not yet taken, one Send each, until none is left.
func sendGoMail(clients []*mail.Client, msgs []*mail.Msg) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, len(clients))
	for i, c := range clients {
		wg.Go(func() {
			if err := c.DialWithContext(context.Background()); err != nil {
				errs[i] = err
				return
			}
			for {
				j := int(next.Add(1)) - 1
				if j >= len(msgs) {
					return
				}
				if err := c.Send(msgs[j]); err != nil {
					errs[i] = fmt.Errorf("message %d: %w", j, err)
					return
				}
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

func closeClients(clients []*mail.Client) {
	for _, c := range clients {
		c.Close()
	}
}

// boundary finds the MIME boundaries of a message: go-mail draws them at
// random.
var boundary = regexp.MustCompile(`boundary="?([0-9A-Za-z'()+_,./:=?-]+)"?`)

// normalize drops the trace headers mailpit puts on top (Return-Path, and
// Received with the time of arrival) and replaces a message's boundaries
// with fixed names.
func normalize(raw []byte) []byte {
	for trace := false; len(raw) > 0; {
		line, rest, _ := bytes.Cut(raw, []byte("\n"))
		switch {
		case bytes.HasPrefix(line, []byte("Return-Path:")), bytes.HasPrefix(line, []byte("Received:")):
			trace = true
		case trace && len(line) > 0 && (line[0] == ' ' || line[0] == '\t'): // a continuation
		default:
			trace = false
		}
		if !trace {
			break
		}
		raw = rest
	}
	for i, m := range boundary.FindAllSubmatch(raw, -1) {
		raw = bytes.ReplaceAll(raw, m[1], []byte(fmt.Sprintf("BOUNDARY%d", i)))
	}
	return raw
}

// TestEmailComparison checks that the email figure and its baseline do the
// same work on a small plan, through the same proxy: the scheduler sends
// one message per unit and records each Sent, and mailpit receives from
// both sides the same messages, byte for byte but for the MIME
// boundaries, which go-mail draws at random.
func TestEmailComparison(t *testing.T) {
	const n, conns = 12, 2
	mp := startMailpit(t)
	p := relay(t)
	cfg := load(t, dispatchSynth(n))
	ns := dispatchNotifications(t, cfg)
	if len(ns) != n {
		t.Fatalf("got %d notifications due at %s, want %d", len(ns), dispatchDue, n)
	}
	date := time.Date(2019, time.March, 5, 8, 0, 3, 0, hcm)

	mp.clear(t)
	r := emailRig(t, t.TempDir(), cfg, emailChannel(p, conns), conns, func() time.Time { return date })
	r.start()
	r.waitIdle(t, time.Minute)
	checkSent(t, r, n)
	got := mp.raw(t)

	mp.clear(t)
	clients := goMailClients(t, p, conns)
	if err := sendGoMail(clients, goMailMsgs(t, render(t, cfg, ns), emailFrom, date)); err != nil {
		t.Fatal(err)
	}
	closeClients(clients)
	want := mp.raw(t)

	if len(got) != n || len(want) != n {
		t.Fatalf("mailpit got %d messages from the figure and %d from the baseline, want %d each", len(got), len(want), n)
	}
	for id, w := range want {
		g, ok := got[id]
		switch {
		case !ok:
			t.Errorf("the figure sent no message %s", id)
		case !bytes.Equal(normalize(g), normalize(w)):
			t.Errorf("message %s: the figure's differs from the baseline's:\n%s\nwant:\n%s", id, g, w)
		case !bytes.Contains(g, []byte(publicURL+"/a/")):
			t.Errorf("message %s carries no acknowledgement link:\n%s", id, g)
		}
	}
	// The links of the figure's messages work: their tokens are recorded.
	var tokens int
	if err := r.db.TokensWithPrefix("", func(string, []byte) error { tokens++; return nil }); err != nil {
		t.Fatal(err)
	}
	if tokens != n {
		t.Errorf("got %d tokens recorded, want %d", tokens, n)
	}
}

// BenchmarkEmail is the email figure: from the scheduler's start to its
// first sleep, with all N messages accepted by mailpit and recorded Sent.
// Opening the store and the sender, emptying mailpit and the checks after
// are not timed.
func BenchmarkEmail(b *testing.B) {
	for _, k := range connCounts(b) {
		workers := k * *emailWorkers
		name := fmt.Sprintf("conns=%d", k)
		if workers != k {
			name += fmt.Sprintf(",workers=%d", workers)
		}
		b.Run(name, func(b *testing.B) {
			mp := startMailpit(b)
			p := relay(b)
			n := *emailN
			cfg := load(b, dispatchSynth(n))
			var m meter
			for b.Loop() {
				var r *rig
				m.round(b, func() {
					r = emailRig(b, b.TempDir(), cfg, emailChannel(p, k), workers, nil)
					mp.clear(b)
				}, func() {
					r.start()
					r.waitIdle(b, 30*time.Minute)
				}, func() {
					checkSent(b, r, n)
					mp.expect(b, n)
					r.stop(b)
				})
			}
			m.report(b, n, "msg")
		})
	}
}

// BenchmarkBaselineGoMail is the email figure's baseline: the same N
// messages, rendered and built beforehand, sent by go-mail on as many
// clients as the figure has connections, through the same proxy, nothing
// else.
func BenchmarkBaselineGoMail(b *testing.B) {
	for _, k := range connCounts(b) {
		b.Run(fmt.Sprintf("conns=%d", k), func(b *testing.B) {
			mp := startMailpit(b)
			p := relay(b)
			n := *emailN
			cfg := load(b, dispatchSynth(n))
			msgs := render(b, cfg, dispatchNotifications(b, cfg))
			if len(msgs) != n {
				b.Fatalf("got %d messages, want %d", len(msgs), n)
			}
			var m meter
			for b.Loop() {
				var gm []*mail.Msg
				var clients []*mail.Client
				var err error
				m.round(b, func() {
					gm = goMailMsgs(b, msgs, emailFrom, time.Now())
					clients = goMailClients(b, p, k)
					mp.clear(b)
				}, func() { err = sendGoMail(clients, gm) }, func() {
					closeClients(clients)
					if err != nil {
						b.Fatal(err)
					}
					mp.expect(b, n)
				})
			}
			m.report(b, n, "msg")
		})
	}
}
