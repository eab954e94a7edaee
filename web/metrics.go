package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the Prometheus metrics of the daemon, in a registry of
// their own (not the global one), served at GET /metrics behind the admin
// guard:
//
//	nhacviec_notifications_total{kind,channel,result}  counter: result is sent, outbox (kept, not sent), failed, missed, skipped or retrying
//	nhacviec_outbox_total{channel}                     counter: messages written to the outbox instead of sent
//	nhacviec_acknowledgements_total{kind,via}          counter: kind received or done; via web, sms, cli or dashboard
//	nhacviec_overdue_items                             gauge: deadline occurrences × units past due + grace and not done, computed at each scrape
//	nhacviec_last_reload_success                       gauge: 1 if the last reload (or the start) loaded a valid file, 0 if it was refused
//	nhacviec_last_reload_timestamp_seconds             gauge: when, in Unix seconds
//	nhacviec_next_due_timestamp_seconds                gauge: when the next notification is due, in Unix seconds; 0 if none
//
// and the Go runtime's and the process's standard metrics. A nil
// *Metrics is valid and records nothing, so callers need no check.
type Metrics struct {
	reg           *prometheus.Registry
	notifications *prometheus.CounterVec
	outbox        *prometheus.CounterVec
	acks          *prometheus.CounterVec
	reloadOK      prometheus.Gauge
	reloadAt      prometheus.Gauge
	nextDue       prometheus.Gauge
	overdue       *overdueCollector
}

// Label values known in advance: their series exist, at zero, from the
// start, so that rates and alerts work before the first event.
var (
	metricKinds    = []string{"distribution", "reminder", "deadline", "overdue", "escalation"}
	metricChannels = []string{"email", "sms", "zalo", "webhook"}
	metricResults  = []string{"sent", "outbox", "failed", "missed", "skipped", "retrying"}
	metricAckKinds = []string{"received", "done"}
	metricVias     = []string{"web", "sms", "cli", "dashboard"}
)

// NewMetrics returns the metrics, registered in a new registry.
func NewMetrics() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		notifications: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "nhacviec_notifications_total",
			Help: "Notifications handled, by kind, channel and result (sent, failed, missed, skipped, retrying).",
		}, []string{"kind", "channel", "result"}),
		outbox: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "nhacviec_outbox_total",
			Help: "Messages written to the outbox instead of being sent, by channel: the channel is not configured (or a rehearsal).",
		}, []string{"channel"}),
		acks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "nhacviec_acknowledgements_total",
			Help: "Acknowledgements recorded, by kind (received, done) and way (web, sms, cli, dashboard).",
		}, []string{"kind", "via"}),
		reloadOK: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "nhacviec_last_reload_success",
			Help: "1 if the last reload of the configuration succeeded, 0 if the file was invalid and the old plan kept running.",
		}),
		reloadAt: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "nhacviec_last_reload_timestamp_seconds",
			Help: "When the configuration was last loaded or reloaded, in Unix seconds.",
		}),
		nextDue: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "nhacviec_next_due_timestamp_seconds",
			Help: "When the next notification is due, in Unix seconds; 0 if nothing is left to send.",
		}),
		overdue: &overdueCollector{desc: prometheus.NewDesc("nhacviec_overdue_items",
			"Deadline occurrences, counted once per reporting unit, past due plus grace and not reported done.", nil, nil)},
	}
	m.reloadOK.Set(1) // the configuration in force at start was valid
	for _, k := range metricKinds {
		for _, c := range metricChannels {
			for _, r := range metricResults {
				m.notifications.WithLabelValues(k, c, r)
			}
		}
	}
	for _, c := range metricChannels {
		m.outbox.WithLabelValues(c)
	}
	for _, k := range metricAckKinds {
		for _, v := range metricVias {
			m.acks.WithLabelValues(k, v)
		}
	}
	m.reg.MustRegister(m.notifications, m.outbox, m.acks, m.reloadOK, m.reloadAt, m.nextDue, m.overdue,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// ObserveDelivery counts one notification on one channel with its result:
// sent, failed, missed, skipped or retrying (the store's states).
func (m *Metrics) ObserveDelivery(kind, channel, result string) {
	if m == nil {
		return
	}
	m.notifications.WithLabelValues(kind, channel, result).Inc()
	if result == "outbox" {
		m.outbox.WithLabelValues(channel).Inc()
	}
}

// ObserveAck counts one acknowledgement recorded (not a repeat), of kind
// received or done, via web, sms, cli or dashboard.
func (m *Metrics) ObserveAck(kind, via string) {
	if m == nil {
		return
	}
	m.acks.WithLabelValues(kind, via).Inc()
}

// SetReload records the outcome of a reload, or of the first load at
// start, at time at.
func (m *Metrics) SetReload(ok bool, at time.Time) {
	if m == nil {
		return
	}
	if ok {
		m.reloadOK.Set(1)
	} else {
		m.reloadOK.Set(0)
	}
	m.reloadAt.Set(unixSeconds(at))
}

// SetNextDue records when the next notification is due; the zero time
// means nothing is left to send.
func (m *Metrics) SetNextDue(t time.Time) {
	if m == nil {
		return
	}
	m.nextDue.Set(unixSeconds(t))
}

func unixSeconds(t time.Time) float64 {
	if t.IsZero() {
		return 0
	}
	return float64(t.UnixNano()) / 1e9
}

// setOverdue gives the collector the function that counts overdue items:
// the server's, which knows the configuration and the store.
func (m *Metrics) setOverdue(count func() (int, error)) {
	m.overdue.mu.Lock()
	m.overdue.count = count
	m.overdue.mu.Unlock()
}

// handler serves the exposition. A failure to count the overdue items
// leaves that series out and is logged; the other series are still served.
func (m *Metrics) handler(log *slog.Logger) http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorLog:      promLogger{log},
		ErrorHandling: promhttp.ContinueOnError,
	})
}

// overdueCollector computes nhacviec_overdue_items when scraped.
type overdueCollector struct {
	desc  *prometheus.Desc
	mu    sync.Mutex
	count func() (int, error)
}

func (c *overdueCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *overdueCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	count := c.count
	c.mu.Unlock()
	if count == nil {
		return // no server yet: no value rather than a false zero
	}
	n, err := count()
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, fmt.Errorf("count overdue items: %w", err))
		return
	}
	ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n))
}

// promLogger hands promhttp's errors to slog.
type promLogger struct{ log *slog.Logger }

func (l promLogger) Println(v ...any) { l.log.Error("metrics: " + fmt.Sprint(v...)) }

func (s *Server) metricsRoutes(mux *http.ServeMux) {
	if s.opts.Metrics == nil {
		mux.Handle("GET /metrics", s.admin(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s.pageError(w, r, Errorf(EUNAVAILABLE, "error.metricsoff"))
		})))
		return
	}
	mux.Handle("GET /metrics", s.admin(s.opts.Metrics.handler(s.log)))
}
