package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/nhacviec/nhacviec/internal/buildinfo"
	"github.com/nhacviec/nhacviec/progress"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the Prometheus metrics of the daemon, in a registry of
// their own (not the global one), served at GET /metrics behind the admin
// guard:
//
//	nhacviec_notifications_total{plan,kind,channel,result}  counter: result is sent, outbox (kept, not sent), failed, missed, skipped or retrying
//	nhacviec_outbox_total{channel}                          counter: messages written to the outbox instead of sent
//	nhacviec_acknowledgements_total{kind,via}               counter: kind received or done; via web, sms, cli or dashboard
//	nhacviec_overdue_items{plan}                            gauge: deadline occurrences × units past due + grace and not done, computed at each scrape
//	nhacviec_build_info{version,revision,goversion}         gauge: 1, naming the build that runs
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
	buildInfo     prometheus.Gauge

	// seen holds the plans whose notification series exist, at zero
	// until the first event.
	mu   sync.Mutex
	seen map[string]bool
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
		}, []string{"plan", "kind", "channel", "result"}),
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
			"Deadline occurrences, counted once per reporting unit, past due plus grace and not reported done, by plan.", []string{"plan"}, nil)},
		seen: map[string]bool{},
	}
	info := buildinfo.Read()
	m.buildInfo = prometheus.NewGauge(prometheus.GaugeOpts{
		Name:        "nhacviec_build_info",
		Help:        "1, labelled with the version, VCS revision and Go version of the running nhacviec.",
		ConstLabels: prometheus.Labels{"version": info.Version, "revision": info.Revision, "goversion": info.GoVersion},
	})
	m.buildInfo.Set(1)
	m.reloadOK.Set(1) // the configuration in force at start was valid
	for _, c := range metricChannels {
		m.outbox.WithLabelValues(c)
	}
	for _, k := range metricAckKinds {
		for _, v := range metricVias {
			m.acks.WithLabelValues(k, v)
		}
	}
	m.reg.MustRegister(m.notifications, m.outbox, m.acks, m.reloadOK, m.reloadAt, m.nextDue, m.overdue, m.buildInfo,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// ObserveDelivery counts one notification of plan on one channel with its
// result: sent, failed, missed, skipped or retrying (the store's states).
func (m *Metrics) ObserveDelivery(plan, kind, channel, result string) {
	if m == nil {
		return
	}
	m.knowPlans([]string{plan})
	m.notifications.WithLabelValues(plan, kind, channel, result).Inc()
	if result == "outbox" {
		m.outbox.WithLabelValues(channel).Inc()
	}
}

// knowPlans makes the notification series of plans exist, at zero, so
// that rates and alerts work before a plan's first message.
func (m *Metrics) knowPlans(plans []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range plans {
		if m.seen[p] {
			continue
		}
		m.seen[p] = true
		for _, k := range metricKinds {
			for _, c := range metricChannels {
				for _, r := range metricResults {
					m.notifications.WithLabelValues(p, k, c, r)
				}
			}
		}
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

// setOverdue gives the collector the function that counts overdue items
// per plan (every plan of the configuration, at zero when none is late):
// the server's, which knows the configuration and the store.
// plans names the plans of the configuration in force, whose series
// exist from the first scrape.
func (m *Metrics) setOverdue(plans func() []string, count func() (map[string]int, error)) {
	m.overdue.mu.Lock()
	m.overdue.count, m.overdue.plans = count, plans
	m.overdue.mu.Unlock()
}

// handler serves the exposition. A failure to count the overdue items
// leaves that series out and is logged; the other series are still served.
func (m *Metrics) handler(log *slog.Logger) http.Handler {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorLog:      promLogger{log},
		ErrorHandling: promhttp.ContinueOnError,
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.overdue.mu.Lock()
		plans := m.overdue.plans
		m.overdue.mu.Unlock()
		if plans != nil {
			m.knowPlans(plans())
		}
		h.ServeHTTP(w, r)
	})
}

// planIDs names the plans of the configuration in force.
func (s *Server) planIDs() []string {
	cfg := s.config()
	if cfg == nil {
		return nil
	}
	ids := make([]string, len(cfg.Plans))
	for i, p := range cfg.Plans {
		ids[i] = p.ID
	}
	return ids
}

// overdueByPlan counts, per plan of the configuration in force, the
// (occurrence, unit) pairs late now (progress.State.Late: past due +
// grace and not reported done), as the dashboard shows them. Paused
// tasks count: pausing stops the reminders, not the lateness.
func (s *Server) overdueByPlan() (map[string]int, error) {
	cfg := s.config()
	if cfg == nil {
		return nil, nil
	}
	b, err := progress.Read(progress.IndexOf(cfg), s.opts.Store)
	if err != nil {
		return nil, err
	}
	counts := make(map[string]int, len(cfg.Plans))
	for _, p := range cfg.Plans {
		counts[p.ID] = 0
	}
	for o := range b.Late(s.opts.Now()) {
		counts[o.Plan]++
	}
	return counts, nil
}

// overdueCollector computes nhacviec_overdue_items when scraped.
type overdueCollector struct {
	desc  *prometheus.Desc
	mu    sync.Mutex
	count func() (map[string]int, error)
	plans func() []string
}

func (c *overdueCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *overdueCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	count := c.count
	c.mu.Unlock()
	if count == nil {
		return // no server yet: no value rather than a false zero
	}
	counts, err := count()
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.desc, fmt.Errorf("count overdue items: %w", err))
		return
	}
	for plan, n := range counts {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(n), plan)
	}
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
