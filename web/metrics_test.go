package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/internal/buildinfo"
	"github.com/nhacviec/nhacviec/plan"
)

func TestMetricsExposition(t *testing.T) {
	e := newDashEnv(t, "vi", boardConfig)
	e.seed() // c and d are overdue on the Action Month's report
	m := e.metrics
	info := buildinfo.Read()

	resp, body := e.get("/metrics")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body,
		`nhacviec_notifications_total{channel="email",kind="deadline",plan="bdg-2019",result="sent"} 0`,
		`nhacviec_acknowledgements_total{kind="done",via="web"} 0`,
		`nhacviec_overdue_items{plan="bdg-2019"} 2`,
		fmt.Sprintf(`nhacviec_build_info{goversion=%q,revision=%q,version=%q} 1`, info.GoVersion, info.Revision, info.Version),
		"nhacviec_last_reload_success 1",
		"nhacviec_last_reload_timestamp_seconds 0",
		"nhacviec_next_due_timestamp_seconds 0",
		"go_goroutines", "process_start_time_seconds",
	)

	m.ObserveDelivery("bdg-2019", "deadline", "email", "sent")
	m.ObserveDelivery("bdg-2019", "deadline", "email", "sent")
	m.ObserveDelivery("bdg-2019", "escalation", "sms", "failed")
	m.ObserveDelivery("bdg-2019", "reminder", "sms", "retrying")
	m.ObserveDelivery("vstbpn-2019", "deadline", "email", "sent")
	m.ObserveAck("received", "cli")
	reload := time.Date(2019, 12, 23, 8, 15, 0, 0, time.UTC)
	m.SetReload(false, reload)
	next := time.Date(2019, 12, 24, 7, 30, 0, 0, time.UTC)
	m.SetNextDue(next)

	// c reports done on the dashboard: one overdue item less.
	tok := e.token()
	resp, body = e.post("/plan/bdg-2019/ack", url.Values{"csrf": {tok}, "o": {e.occ("id@bc-thang")}, "u": {"c"}, "kind": {"done"}})
	wantStatus(t, resp, body, http.StatusSeeOther)

	resp, body = e.get("/metrics")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body,
		"# TYPE nhacviec_notifications_total counter",
		`nhacviec_notifications_total{channel="email",kind="deadline",plan="bdg-2019",result="sent"} 2`,
		`nhacviec_notifications_total{channel="sms",kind="escalation",plan="bdg-2019",result="failed"} 1`,
		`nhacviec_notifications_total{channel="sms",kind="reminder",plan="bdg-2019",result="retrying"} 1`,
		`nhacviec_notifications_total{channel="email",kind="deadline",plan="vstbpn-2019",result="sent"} 1`,
		`nhacviec_notifications_total{channel="sms",kind="overdue",plan="vstbpn-2019",result="failed"} 0`,
		"# TYPE nhacviec_acknowledgements_total counter",
		`nhacviec_acknowledgements_total{kind="received",via="cli"} 1`,
		`nhacviec_acknowledgements_total{kind="done",via="dashboard"} 1`,
		"# TYPE nhacviec_overdue_items gauge",
		`nhacviec_overdue_items{plan="bdg-2019"} 1`,
		"nhacviec_last_reload_success 0",
		"nhacviec_last_reload_timestamp_seconds 1.5770889e+09",
		"nhacviec_next_due_timestamp_seconds 1.5771726e+09",
	)

	m.SetReload(true, reload.Add(time.Minute))
	m.SetNextDue(time.Time{})
	_, body = e.get("/metrics")
	wantContains(t, body, "nhacviec_last_reload_success 1", "nhacviec_next_due_timestamp_seconds 0")

	// Time passes: on 28/12 the year's report is late too, for all four
	// units (b's receipt is no report), besides d's Action Month report.
	e.setNow(time.Date(2019, 12, 28, 9, 0, 0, 0, e.cfg.Service.Location))
	_, body = e.get("/metrics")
	wantContains(t, body, `nhacviec_overdue_items{plan="bdg-2019"} 5`)
}

func TestMetricsCountWebAndSMSAcks(t *testing.T) {
	e := newDashEnv(t, "vi", boardConfig)
	links := ack.NewLinks(e.cfg.Service.PublicURL, e.secret)
	n := e.notice(plan.KindDeadline, "a", "id@bc-nam")
	if err := links.Record(e.db, &n); err != nil {
		t.Fatal(err)
	}
	path := strings.TrimPrefix(links.AckURL(&n), e.cfg.Service.PublicURL)
	for range 2 { // the repeat is not counted
		resp, body := e.post(path, url.Values{"action": {"done"}})
		wantStatus(t, resp, body, http.StatusOK)
	}
	_, body := e.get("/metrics")
	wantContains(t, body, `nhacviec_acknowledgements_total{kind="done",via="web"} 1`,
		`nhacviec_acknowledgements_total{kind="received",via="web"} 0`)
}

func TestNilMetricsRecordNothing(t *testing.T) {
	var m *Metrics
	m.ObserveDelivery("bdg-2019", "deadline", "email", "sent")
	m.ObserveAck("done", "web")
	m.SetReload(true, time.Now())
	m.SetNextDue(time.Now())

	srv, _ := adminServer(t, false)
	srv.opts.Metrics = nil
	off := New(srv.opts)
	if rec := serve(off, http.MethodGet, "/metrics", "127.0.0.1:1", nil); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("GET /metrics without metrics: got %d, want 503", rec.Code)
	}
}
