package scheduler

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// digestConfig is baseConfig with an owner reached by email and SMS, so
// that every digest goes on both channels. November 2019: 14 is a
// Thursday, 16 and 17 the weekend.
const digestConfig = `
service:
  catchup: 48h
  retry_for: 2h
units:
  a: {name: Đơn vị A, contacts: [{email: a@example.vn}]}
  b: {name: Đơn vị B, contacts: [{email: b@example.vn}]}
  boss: {name: Lãnh đạo, contacts: [{email: boss@example.vn}]}
  own: {name: Bộ phận theo dõi, contacts: [{email: own@example.vn, phone: "0912 345 678"}]}
plans:
  - id: p
    title: Kế hoạch thử
    year: 2019
    owner: own
    tasks:
`

// lateTask has a deadline a and b must report, escalated a day later.
const lateTask = `- id: t
  ref: I.1
  title: Tổng kết
  lead: [a, b]
  deadlines:
    - {title: Báo cáo tổng kết, due: "14/11 17:00", escalate: [{after: 1d, to: [boss]}]}`

func parseDigest(t *testing.T, tasks string) *plan.Config {
	t.Helper()
	return parseWith(t, digestConfig, tasks)
}

// digests returns the digests sent on channel, in order.
func (r *recorder) digests(channel string) []*notify.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []*notify.Message
	for _, m := range r.got {
		if m.Headers["X-Nhacviec-Kind"] == string(notify.KindDigest) && m.Channel == channel {
			out = append(out, m)
		}
	}
	return out
}

// wantDigests checks that the digests sent by email so far are n, and
// returns the last.
func (h *harness) wantDigests(when string, n int) *notify.Message {
	h.t.Helper()
	got := h.rec.digests(plan.ChannelEmail)
	if len(got) != n {
		var subjects []string
		for _, m := range got {
			subjects = append(subjects, m.Subject)
		}
		h.t.Fatalf("%s: got %d digests %q, want %d", when, len(got), subjects, n)
	}
	if n == 0 {
		return nil
	}
	return got[n-1]
}

func digestID(day string) string {
	return plan.NotificationID("p", "", "digest", at(day+" 07:30"), "own")
}

func deadlineID(t *testing.T, cfg *plan.Config) string {
	t.Helper()
	for _, n := range expand(cfg) {
		if n.DeadlineID != "" {
			return n.DeadlineID
		}
	}
	t.Fatal("the plan has no deadline")
	return ""
}

func (h *harness) reportDone(deadline, unit string, when time.Time) {
	h.t.Helper()
	if _, _, err := h.db.RecordAck(store.Ack{Subject: deadline, Unit: unit, Kind: store.Done, By: "test", Via: "cli", At: when, Plan: "p", Task: "t"}); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) delivery(id, channel string) store.Delivery {
	h.t.Helper()
	d, err := h.db.Delivery(store.DeliveryKey(id, channel))
	if err != nil {
		h.t.Fatal(err)
	}
	return d
}

func wantText(t *testing.T, m *notify.Message, want, wantNot []string) {
	t.Helper()
	text := m.Subject + "\n" + m.Text
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("digest does not say %q:\n%s", w, text)
		}
	}
	for _, w := range wantNot {
		if strings.Contains(text, w) {
			t.Errorf("digest says %q:\n%s", w, text)
		}
	}
}

func TestDigestNamesLateUnits(t *testing.T) {
	cfg := parseDigest(t, lateTask)
	h := newHarness(t, cfg, at("14/11/2019 12:00"), "")
	h.start()
	h.reportDone(deadlineID(t, cfg), "a", at("14/11/2019 13:00"))
	h.set(at("14/11/2019 17:01")) // the overdue notice goes to b only
	h.set(at("15/11/2019 07:29"))
	h.wantDigests("a minute before send_time", 0)

	h.set(at("15/11/2019 07:30"))
	m := h.wantDigests("Friday's send_time", 1)
	wantText(t, m,
		[]string{"[Tổng hợp] Kế hoạch thử — ngày 15/11/2019: 1 đơn vị chậm báo cáo, 0 tin gửi lỗi, 0 tin bị lỡ",
			"Kính gửi: Bộ phận theo dõi",
			"- Đơn vị B: Báo cáo tổng kết, hạn 14/11/2019 17:00, đã quá hạn 1 ngày\n  Nhiệm vụ: I.1. Tổng kết"},
		[]string{"Đơn vị A", "đã báo lên cấp trên", "TIN GỬI LỖI"})
	if m.ID != digestID("15/11/2019") || m.Unit != "own" || m.To[0].Email != "own@example.vn" {
		t.Errorf("digest %s to %s %v, want %s to own", m.ID, m.Unit, m.To, digestID("15/11/2019"))
	}
	sms := h.rec.digests(plan.ChannelSMS)
	if len(sms) != 1 || !strings.Contains(sms[0].Text, "1 đơn vị chậm báo cáo") {
		t.Errorf("got SMS digests %v, want one with the count", sms)
	}
	for _, ch := range []string{plan.ChannelEmail, plan.ChannelSMS} {
		d := h.delivery(digestID("15/11/2019"), ch)
		if d.State != store.Sent || d.Kind != "digest" || d.Unit != "own" || !d.Due.Equal(at("15/11/2019 07:30")) {
			t.Errorf("%s record: got %s %s to %s due %s, want a sent digest to own due 15/11 07:30", ch, d.State, d.Kind, d.Unit, d.Due)
		}
	}

	h.set(at("15/11/2019 17:01")) // the escalation to boss
	h.set(at("16/11/2019 07:31"))
	h.set(at("17/11/2019 08:00"))
	h.wantDigests("on the weekend", 1)

	h.set(at("18/11/2019 07:30"))
	m = h.wantDigests("Monday's send_time", 2)
	wantText(t, m,
		[]string{"ngày 18/11/2019: 1 đơn vị chậm báo cáo", "- Đơn vị B: Báo cáo tổng kết, hạn 14/11/2019 17:00, đã quá hạn 4 ngày; đã báo lên cấp trên"},
		[]string{"Đơn vị A"})

	// b reports: nothing is late any more, and nothing is sent.
	h.reportDone(deadlineID(t, cfg), "b", at("18/11/2019 09:00"))
	h.set(at("19/11/2019 07:30"))
	h.wantDigests("once every unit reported", 2)
	if ok, err := h.db.Has(digestID("19/11/2019")); err != nil || ok {
		t.Errorf("an empty digest has a record (%v, %v), want none", ok, err)
	}
	h.stop()
}

// TestDigestLeavesOutTheOwner checks that the owner, late itself, is not
// listed as late in its own digest: its overdue notices tell it.
func TestDigestLeavesOutTheOwner(t *testing.T) {
	cfg := parseDigest(t, `- id: t
  ref: I.1
  title: Tổng kết
  lead: [own, b]
  deadlines:
    - {title: Báo cáo tổng kết, due: "14/11 17:00"}`)
	h := newHarness(t, cfg, at("14/11/2019 12:00"), "")
	h.start()
	h.set(at("14/11/2019 17:01"))
	h.set(at("15/11/2019 07:30"))
	m := h.wantDigests("Friday's send_time", 1)
	wantText(t, m, []string{"1 đơn vị chậm báo cáo", "- Đơn vị B: Báo cáo tổng kết"}, []string{"- Bộ phận theo dõi:"})
	h.stop()
}

func TestNoDigestWhenNothingToReport(t *testing.T) {
	cfg := parseDigest(t, `- {id: t, title: T, lead: [a], remind: [{on: "14/11 08:00"}, {on: "18/11 08:00"}]}`)
	h := newHarness(t, cfg, at("14/11/2019 07:00"), "")
	h.start()
	for _, s := range []string{"14/11/2019 07:30", "14/11/2019 08:00", "15/11/2019 07:30", "18/11/2019 08:00", "19/11/2019 07:30"} {
		h.set(at(s))
	}
	h.wantDigests("after two reminders sent", 0)
	if c := h.rec.count(); c != 2 {
		t.Errorf("got %d messages, want the 2 reminders", c)
	}
	for _, day := range []string{"14/11/2019", "15/11/2019", "18/11/2019", "19/11/2019"} {
		if ok, err := h.db.Has(digestID(day)); err != nil || ok {
			t.Errorf("digest of %s: has a record (%v, %v), want none", day, ok, err)
		}
	}
	h.stop()
}

func TestDigestReportsFailureOnce(t *testing.T) {
	cfg := parseDigest(t, `
- {id: t, title: T, lead: [a], remind: [{on: "14/11 10:00"}]}
- {id: u, title: U, lead: [b], remind: [{on: "15/11 10:00"}]}`)
	h := newHarness(t, cfg, at("14/11/2019 09:00"), "")
	h.rec.fail = func(m *notify.Message) error {
		if m.Unit == "a" || m.Unit == "b" {
			return notify.Permanent(fmt.Errorf("550 5.1.1 <%s>: no such user", m.To[0].Email))
		}
		return nil
	}
	h.start()
	h.set(at("14/11/2019 10:01"))
	h.set(at("15/11/2019 07:30"))
	m := h.wantDigests("the morning after a failure", 1)
	wantText(t, m,
		[]string{"0 đơn vị chậm báo cáo, 1 tin gửi lỗi, 0 tin bị lỡ", "TIN GỬI LỖI (từ 14/11/2019 07:30)",
			"- nhắc việc gửi Đơn vị A qua email, dự kiến lúc 14/11/2019 10:00\n  Nhiệm vụ: T\n  Lý do: 550 5.1.1 <a@example.vn>: no such user"},
		[]string{"Đơn vị B", "ĐƠN VỊ CHẬM"})

	h.set(at("15/11/2019 10:01"))
	h.set(at("18/11/2019 07:30"))
	m = h.wantDigests("the next working day", 2)
	wantText(t, m,
		[]string{"1 tin gửi lỗi", "TIN GỬI LỖI (từ 15/11/2019 07:30)", "- nhắc việc gửi Đơn vị B qua email, dự kiến lúc 15/11/2019 10:00"},
		[]string{"Đơn vị A"})

	h.set(at("19/11/2019 07:30"))
	h.wantDigests("with no new failure", 2)
	h.stop()
}

// TestDigestScrubsRecordedErrors: a failure recorded with a server's echo
// of the SMTP password (as records written before the senders scrubbed
// their errors may be) reaches the owner's digest without it.
func TestDigestScrubsRecordedErrors(t *testing.T) {
	cfg := parseDigest(t, `
- {id: t, title: T, lead: [a], remind: [{on: "14/11 10:00"}]}`)
	h := newHarness(t, cfg, at("14/11/2019 09:00"), "")
	h.sched.opts.Scrubber = notify.NewScrubber(notify.Login{User: "smtp-user", Password: "hunter2-secret"})
	h.rec.fail = func(m *notify.Message) error {
		if m.Unit == "a" {
			return notify.Permanent(errors.New("535 5.7.8 bad login smtp-user:hunter2-secret"))
		}
		return nil
	}
	h.start()
	h.set(at("14/11/2019 10:01"))
	h.set(at("15/11/2019 07:30"))
	m := h.wantDigests("the morning after the failure", 1)
	wantText(t, m, []string{"1 tin gửi lỗi", "535 5.7.8 bad login"}, []string{"hunter2-secret"})
	h.stop()
}

func TestDigestNotResentAfterRestart(t *testing.T) {
	cfg := parseDigest(t, lateTask+`
- {id: r, title: R, lead: [a], remind: [{on: "18/11 08:00"}, {on: "19/11 08:00"}]}`)
	dir := t.TempDir()
	h := newHarness(t, cfg, at("14/11/2019 12:00"), dir)
	h.start()
	h.set(at("14/11/2019 17:01"))
	h.set(at("15/11/2019 07:30"))
	h.wantDigests("Friday", 1)
	h.stop()

	// Restarted the same day: the day's digest is not sent again.
	h2 := newHarness(t, cfg, at("15/11/2019 09:00"), dir)
	h2.start()
	h2.set(at("15/11/2019 12:00"))
	h2.wantDigests("after a restart on Friday", 0)
	h2.stop()

	// Down from Friday to Wednesday 10:00: Monday's digest is more than
	// catchup late and is not sent; Tuesday's and Wednesday's are within
	// it, and only the latest goes, once, with what the others would have
	// said.
	h3 := newHarness(t, cfg, at("20/11/2019 10:00"), dir)
	h3.start()
	m := h3.wantDigests("after a restart on Wednesday", 1)
	if m.ID != digestID("20/11/2019") {
		t.Errorf("got the digest %s, want Wednesday's %s", m.ID, digestID("20/11/2019"))
	}
	// Missed while down: the escalation of 15/11 17:00 and the reminder
	// of 18/11 08:00. The reminder of 19/11 08:00 was sent on catch-up.
	wantText(t, m,
		[]string{"ngày 20/11/2019: 2 đơn vị chậm báo cáo, 0 tin gửi lỗi, 2 tin bị lỡ",
			"- Đơn vị A: Báo cáo tổng kết, hạn 14/11/2019 17:00, đã quá hạn 6 ngày\n",
			"TIN BỊ LỠ (từ 15/11/2019 07:30)",
			"- báo chậm lên cấp trên gửi Lãnh đạo qua email, dự kiến lúc 15/11/2019 17:00",
			"- nhắc việc gửi Đơn vị A qua email, dự kiến lúc 18/11/2019 08:00"},
		[]string{"dự kiến lúc 19/11/2019", "đã báo lên cấp trên"})
	for _, day := range []string{"18/11/2019", "19/11/2019"} {
		if ok, err := h3.db.Has(digestID(day)); err != nil || ok {
			t.Errorf("digest of %s: has a record (%v, %v), want none: no flood of missed digests", day, ok, err)
		}
	}
	h3.set(at("20/11/2019 12:00"))
	h3.wantDigests("later on Wednesday", 1)
	h3.stop()
}

func TestDigestTooLateNotSent(t *testing.T) {
	cfg := parseDigest(t, lateTask)
	dir := t.TempDir()
	h := newHarness(t, cfg, at("14/11/2019 12:00"), dir)
	h.start()
	h.set(at("14/11/2019 17:01")) // the overdue notices to a and b
	h.stop()
	// Down until Sunday noon: Friday's digest is more than catchup (48h)
	// late and is not sent, nor recorded as missed; Monday's is. The
	// escalation of Friday 17:00 is within catchup and goes at the start.
	h2 := newHarness(t, cfg, at("17/11/2019 12:00"), dir)
	h2.start()
	h2.wantDigests("on a start on Sunday", 0)
	if ok, err := h2.db.Has(digestID("15/11/2019")); err != nil || ok {
		t.Errorf("Friday's digest: has a record (%v, %v), want none", ok, err)
	}
	h2.set(at("18/11/2019 07:30"))
	m := h2.wantDigests("Monday", 1)
	wantText(t, m, []string{"ngày 18/11/2019: 2 đơn vị chậm báo cáo, 0 tin gửi lỗi, 0 tin bị lỡ",
		"- Đơn vị A: Báo cáo tổng kết, hạn 14/11/2019 17:00, đã quá hạn 4 ngày; đã báo lên cấp trên"}, nil)
	h2.stop()
}

func TestDigestWakesAtSendTime(t *testing.T) {
	cfg := parseDigest(t, lateTask)
	h := newHarness(t, cfg, at("15/11/2019 06:00"), "")
	h.start()
	// Nothing else is due before the escalation at 17:00: the scheduler
	// sleeps 30 s, up to send_time, not the full minute.
	h.clock.Set(at("15/11/2019 07:29").Add(30 * time.Second))
	select {
	case d := <-h.clock.Waits:
		if d != 30*time.Second {
			t.Errorf("the scheduler sleeps %s at 07:29:30, want 30s, up to send_time", d)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("scheduler did not go to sleep within 5 s")
	}
	h.stop()
}

func TestDigestRetriedAfterTemporaryFailure(t *testing.T) {
	cfg := parseDigest(t, lateTask)
	h := newHarness(t, cfg, at("14/11/2019 12:00"), "")
	fails := 1
	h.rec.fail = func(m *notify.Message) error {
		if m.Headers["X-Nhacviec-Kind"] == "digest" && m.Channel == plan.ChannelEmail && fails > 0 {
			fails--
			return notify.Temporary(errors.New("451 4.3.0 try again later"))
		}
		return nil
	}
	h.start()
	h.set(at("14/11/2019 17:01"))
	h.set(at("15/11/2019 07:30"))
	h.wantDigests("after a temporary failure", 0)
	if d := h.delivery(digestID("15/11/2019"), plan.ChannelEmail); d.State != store.Retrying {
		t.Fatalf("got %s, want retrying", d.State)
	}
	h.set(at("15/11/2019 07:33"))
	m := h.wantDigests("after the retry", 1)
	wantText(t, m, []string{"ngày 15/11/2019: 2 đơn vị chậm báo cáo"}, nil)
	if d := h.delivery(digestID("15/11/2019"), plan.ChannelEmail); d.State != store.Sent || d.Attempts != 2 {
		t.Errorf("got %s after %d attempts, want sent after 2", d.State, d.Attempts)
	}
	if n := len(h.rec.digests(plan.ChannelSMS)); n != 1 {
		t.Errorf("got %d SMS digests, want 1", n)
	}
	h.stop()
}

func TestDigestSMSWaitsOutQuietHours(t *testing.T) {
	cfg := parseDigest(t, lateTask)
	// Started at 22:00 on Friday: the overdue notices of Thursday and
	// Friday's digest are within catchup. The email goes now, the SMS at
	// the end of the quiet hours (07:00).
	h := newHarness(t, cfg, at("15/11/2019 22:00"), "")
	h.start()
	h.wantDigests("on a start at night", 1)
	if n := len(h.rec.digests(plan.ChannelSMS)); n != 0 {
		t.Fatalf("got %d SMS digests at night, want 0", n)
	}
	if d := h.delivery(digestID("15/11/2019"), plan.ChannelSMS); d.State != store.Retrying || !d.NextAttempt.Equal(at("16/11/2019 07:00")) {
		t.Fatalf("SMS record: got %s until %s, want retrying until 16/11 07:00", d.State, d.NextAttempt)
	}
	h.set(at("16/11/2019 07:00"))
	if n := len(h.rec.digests(plan.ChannelSMS)); n != 1 {
		t.Errorf("got %d SMS digests at the end of the quiet hours, want 1", n)
	}
	h.stop()
}

func TestDigestDays(t *testing.T) {
	cfg := parseDigest(t, `- {id: t, title: T, lead: [a]}`)
	cfg.Service.Calendar = calendar.NewCalendar(cfg.Service.WorkingDays, []calendar.Holiday{mustHoliday(t, "20/11/2019")}, nil)
	days := newDigestDays(cfg, cfg.Plan("p"))
	tests := []struct {
		now    string
		latest string // "" for none
		next   string // "" for none
	}{
		{now: "19/11/2019 07:29", latest: "18/11/2019", next: "19/11/2019 07:30"},
		{now: "19/11/2019 07:30", latest: "19/11/2019", next: "21/11/2019 07:30"}, // 20/11 is a holiday
		{now: "16/11/2019 12:00", latest: "15/11/2019", next: "18/11/2019 07:30"}, // the weekend
		{now: "19/11/2019 07:00", latest: "18/11/2019", next: "19/11/2019 07:30"},
		{now: "01/01/2019 07:00", latest: "", next: "01/01/2019 07:30"},
		{now: "30/01/2020 12:00", latest: "30/01/2020", next: ""}, // 30 days after the plan
		{now: "15/03/2020 12:00", latest: "30/01/2020", next: ""},
	}
	for _, tt := range tests {
		t.Run(tt.now, func(t *testing.T) {
			now := at(tt.now)
			day, ok := days.latest(now)
			if got := map[bool]string{true: day.String(), false: ""}[ok]; got != tt.latest {
				t.Errorf("latest: got %q, want %q", got, tt.latest)
			}
			next, ok := days.next(now)
			want := time.Time{}
			if tt.next != "" {
				want = at(tt.next)
			}
			if ok != (tt.next != "") || !next.Equal(want) {
				t.Errorf("next: got %s (%v), want %s", next, ok, want)
			}
		})
	}
}

func mustHoliday(t *testing.T, s string) calendar.Holiday {
	t.Helper()
	h, err := calendar.ParseHoliday(s, 2019)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestDaysBetween(t *testing.T) {
	tests := []struct {
		from, to string
		want     int
	}{
		{"14/11/2019 17:00", "15/11/2019 07:30", 1},
		{"15/11/2019 07:00", "15/11/2019 07:30", 0},
		{"31/12/2019 17:00", "02/01/2020 07:30", 2},
	}
	for _, tt := range tests {
		if got := daysBetween(at(tt.from), at(tt.to)); got != tt.want {
			t.Errorf("daysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
		}
	}
}

// TestDigestCountsItsWakeUp: the digest due with other notifications is
// made once their outcomes are recorded, and reports their failures.
func TestDigestCountsItsWakeUp(t *testing.T) {
	cfg := parseDigest(t, `- {id: t, title: T, lead: [a], remind: [{on: "15/11 07:30"}]}`)
	h := newHarness(t, cfg, at("15/11/2019 07:00"), "")
	h.rec.fail = func(m *notify.Message) error {
		if m.Unit == "a" {
			return notify.Permanent(errors.New("550 5.1.1 no such user"))
		}
		return nil
	}
	h.start()
	h.set(at("15/11/2019 07:30"))
	m := h.wantDigests("at send_time, with the reminder that failed", 1)
	wantText(t, m, []string{"0 đơn vị chậm báo cáo, 1 tin gửi lỗi, 0 tin bị lỡ",
		"- nhắc việc gửi Đơn vị A qua email, dự kiến lúc 15/11/2019 07:30"}, nil)
	h.stop()
}

// TestDigestInFlightResentOnce: a digest whose sends a crash interrupted
// is sent again at the next start, once per channel, as it was made: the
// retries of the digests are those of every notification.
func TestDigestInFlightResentOnce(t *testing.T) {
	cfg := parseDigest(t, lateTask)
	dir := t.TempDir()
	h := newHarness(t, cfg, at("15/11/2019 07:29"), dir)
	id := digestID("15/11/2019")
	d := notify.Digest{ID: id, Plan: "p", Day: at("15/11/2019 07:30"), Until: at("15/11/2019 07:30"),
		Late: []notify.LateItem{{Unit: "Đơn vị Z", Task: "I.1. Tổng kết", Deadline: "Báo cáo tổng kết", Due: at("14/11/2019 17:00"), DaysLate: 1}}}
	for _, ch := range []string{plan.ChannelEmail, plan.ChannelSMS} {
		if _, ok, err := h.db.Begin(store.Delivery{Key: store.DeliveryKey(id, ch), ID: id, Channel: ch, Plan: "p", Unit: "own",
			Kind: "digest", Rule: "digest", Due: d.Day, Payload: mustJSON(t, d)}); err != nil || !ok {
			t.Fatalf("begin: %v %v", ok, err)
		}
	}
	h.db.Close()
	h2 := newHarness(t, cfg, at("15/11/2019 07:31"), dir)
	h2.start()
	h2.set(at("15/11/2019 08:00"))
	m := h2.wantDigests("after the crash", 1)
	wantText(t, m, []string{"- Đơn vị Z: Báo cáo tổng kết"}, nil)
	if n := len(h2.rec.digests(plan.ChannelSMS)); n != 1 {
		t.Errorf("got %d SMS digests, want 1", n)
	}
	for _, ch := range []string{plan.ChannelEmail, plan.ChannelSMS} {
		if d := h2.delivery(id, ch); d.State != store.Sent || d.Attempts != 2 {
			t.Errorf("%s: got %s after %d attempts, want sent after 2", ch, d.State, d.Attempts)
		}
	}
	h2.stop()
}
