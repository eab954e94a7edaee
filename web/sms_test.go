package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// sms posts an inbound SMS as a form, with the shared secret in the header.
func (e *env) sms(from, text string) (*http.Response, smsReply) {
	e.t.Helper()
	form := url.Values{"from": {from}, "text": {text}}.Encode()
	resp, body := e.do(http.MethodPost, "/sms/inbound", "application/x-www-form-urlencoded", form,
		map[string]string{"X-Nhacviec-Secret": testSMSSecret})
	return resp, decodeReply(e.t, resp, body)
}

func decodeReply(t *testing.T, resp *http.Response, body string) smsReply {
	t.Helper()
	var r smsReply
	if resp.StatusCode == http.StatusOK || resp.StatusCode == http.StatusTooManyRequests {
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			t.Fatalf("answer is not JSON: %v\n%s", err, body)
		}
	}
	return r
}

// sendSMS records n's links and renders n as an SMS, as the scheduler
// does, and returns its code, checking that the message asks for it.
func (e *env) sendSMS(n *plan.Notification) string {
	e.t.Helper()
	if err := e.links.Record(e.db, n); err != nil {
		e.t.Fatal(err)
	}
	m, err := notify.Render(e.cfg, n, plan.ChannelSMS, e.links)
	if err != nil {
		e.t.Fatal(err)
	}
	code := ack.NotificationCode(e.secret, n.ID)
	if !strings.Contains(m.Text, "OK "+code) {
		e.t.Fatalf("the SMS does not ask for OK %s:\n%s", code, m.Text)
	}
	return code
}

func wantReply(t *testing.T, resp *http.Response, r smsReply, status string, texts ...string) {
	t.Helper()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("got status %d, want 200", resp.StatusCode)
	}
	if r.Status != status {
		t.Errorf("got status %q, want %q (reply %q)", r.Status, status, r.Reply)
	}
	for _, want := range texts {
		if !strings.Contains(r.Reply, want) {
			t.Errorf("reply %q lacks %q", r.Reply, want)
		}
	}
	for _, c := range r.ReplyASCII {
		if c > 0x7e {
			t.Errorf("reply_ascii %q is not ASCII", r.ReplyASCII)
			break
		}
	}
}

func TestSMSOKRecordsReceipt(t *testing.T) {
	e := newEnv(t, "vi")
	n := e.findKind(plan.KindReminder, "hlhpn", false)
	code := e.sendSMS(n)

	resp, r := e.sms("0983.112.233", "  ok   "+code+"  cảm ơn ")
	wantReply(t, resp, r, smsRecorded, "Đã ghi nhận: Hội Liên hiệp Phụ nữ xã đã nhận II.3 «Tháng hành động về bình đẳng giới».")
	if want := "Da ghi nhan: Hoi Lien hiep Phu nu xa da nhan II.3 \"Thang hanh dong ve binh dang gioi\"."; r.ReplyASCII != want {
		t.Errorf("got reply_ascii %q, want %q", r.ReplyASCII, want)
	}
	if r.To != "+84983112233" {
		t.Errorf("got to %q, want +84983112233", r.To)
	}
	a := e.ack(n.AckID, "hlhpn", store.Received)
	if a == nil {
		t.Fatal("no acknowledgement recorded")
	}
	if a.Via != "sms" || a.By != "Lê Thị Cúc (+84983112233)" || a.Note != "ok   "+code+"  cảm ơn" || !a.At.Equal(e.now) {
		t.Errorf("got %+v", *a)
	}

	// The same SMS again (a gateway retry, a second reply): nothing more.
	resp, r = e.sms("+84 983 112 233", "OK "+code)
	wantReply(t, resp, r, smsAlready, "Mã "+code+" đã được ghi nhận trước đó lúc 20/11/2019 09:00")
	if got := e.acks(); got != 1 {
		t.Fatalf("got %d acknowledgements, want 1", got)
	}
}

func TestSMSRecordsNothingWhenItMatchesNothing(t *testing.T) {
	e := newEnv(t, "vi")
	n := e.findKind(plan.KindReminder, "hlhpn", false)
	code := e.sendSMS(n)
	other := "0000"
	if code == other {
		other = "0001"
	}
	tests := []struct {
		name, from, text, status, reply string
	}{
		{"a phone of no unit", "0911 000 111", "OK " + code, smsUnknownPhone, "không thuộc đơn vị nào"},
		{"not a phone number", "UBND", "OK " + code, smsUnknownPhone, "không thuộc đơn vị nào"},
		// ldtbxh's phone: another unit's code is not its own.
		{"the phone of another unit", "0912 345 678", "OK " + code, smsUnknownCode, "Không tìm thấy mã " + code},
		{"an unknown code", "0983 112 233", "OK " + other, smsUnknownCode, "Không tìm thấy mã " + other},
		{"five digits", "0983 112 233", "OK " + code + "9", smsNotUnderstood, "Chưa hiểu"},
		{"no code", "0983 112 233", "Đã nhận", smsNotUnderstood, "OK <mã>"},
		{"done for a reminder", "0983 112 233", "XONG " + code, smsNotDone, "trả lời OK " + code},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, r := e.sms(tt.from, tt.text)
			wantReply(t, resp, r, tt.status, tt.reply)
			if got := e.acks(); got != 0 {
				t.Fatalf("got %d acknowledgements, want 0", got)
			}
		})
	}
}

func TestSMSDoneReportsTheDeadline(t *testing.T) {
	for _, text := range []string{"XONG %s", "xong  %s", "Xong%s", "xông: %s"} {
		t.Run(text, func(t *testing.T) {
			e := newEnv(t, "vi")
			n := e.findKind(plan.KindDeadline, "hlhpn", false)
			code := e.sendSMS(n)
			if m, _ := notify.Render(e.cfg, n, plan.ChannelSMS, e.links); !strings.Contains(m.Text, "XONG "+code) {
				t.Fatalf("the SMS does not offer XONG %s:\n%s", code, m.Text)
			}
			resp, r := e.sms("0983112233", fmt.Sprintf(text, code))
			wantReply(t, resp, r, smsRecorded, "Đã ghi nhận: Hội Liên hiệp Phụ nữ xã đã hoàn thành / nộp báo cáo «Báo cáo kết quả Tháng hành động».")
			if d := e.ack(n.DeadlineID, "hlhpn", store.Done); d == nil || d.Via != "sms" {
				t.Fatalf("got %+v, want the deadline reported done by SMS", d)
			}
		})
	}
}

func TestSMSAuthentication(t *testing.T) {
	e := newEnv(t, "vi")
	n := e.findKind(plan.KindReminder, "hlhpn", false)
	code := e.sendSMS(n)
	form := url.Values{"from": {"0983112233"}, "text": {"OK " + code}}.Encode()
	const ct = "application/x-www-form-urlencoded"
	tests := []struct {
		name   string
		path   string
		header map[string]string
		want   int
	}{
		{"no secret", "/sms/inbound", nil, http.StatusUnauthorized},
		{"wrong header", "/sms/inbound", map[string]string{"X-Nhacviec-Secret": "guess"}, http.StatusUnauthorized},
		{"wrong query", "/sms/inbound?secret=" + testSMSSecret + "x", nil, http.StatusUnauthorized},
		{"secret prefix", "/sms/inbound?secret=" + testSMSSecret[:5], nil, http.StatusUnauthorized},
		{"query", "/sms/inbound?secret=" + url.QueryEscape(testSMSSecret), nil, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := e.do(http.MethodPost, tt.path, ct, form, tt.header)
			wantStatus(t, resp, body, tt.want)
			want := 0
			if tt.want == http.StatusOK {
				want = 1
			}
			if got := e.acks(); got != want {
				t.Fatalf("got %d acknowledgements, want %d", got, want)
			}
		})
	}

	// Without a configured secret the endpoint is off.
	off := New(Options{Config: func() *plan.Config { return e.cfg }, Store: e.db, Secret: e.secret})
	req, _ := http.NewRequest(http.MethodPost, "/sms/inbound?secret=", strings.NewReader(form))
	rec := httptest.NewRecorder()
	off.Handler().ServeHTTP(rec, req)
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("got status %d without a configured secret, want 503", rec.Code)
	}
}

func TestSMSAndroidGatewayWebhook(t *testing.T) {
	e := newEnv(t, "vi")
	n := e.findKind(plan.KindReminder, "hlhpn", false)
	code := e.sendSMS(n)
	// As SMS Gateway for Android posts it (docs/features/webhooks.md).
	hook := fmt.Sprintf(`{
  "deviceId": "ffffffffceb0b1db0000018e937c815b",
  "event": "sms:received",
  "id": "Ey6ECgOkVVFjz3CL48B8C",
  "payload": {
    "messageId": "abc123",
    "message": "Ok %s",
    "phoneNumber": "+84983112233",
    "simNumber": 1,
    "receivedAt": "2019-11-20T09:00:00.000+07:00"
  },
  "webhookId": "LreFUt-Z3sSq0JufY9uWB"
}`, code)
	path := "/sms/inbound?secret=" + url.QueryEscape(testSMSSecret)
	resp, body := e.do(http.MethodPost, path, "application/json", hook, nil)
	wantReply(t, resp, decodeReply(t, resp, body), smsRecorded, "Đã ghi nhận")
	if a := e.ack(n.AckID, "hlhpn", store.Received); a == nil {
		t.Fatal("no acknowledgement recorded")
	}

	ping := `{"deviceId": "x", "event": "system:ping", "id": "y", "payload": {"health": {"status": "pass"}}, "webhookId": "z"}`
	resp, body = e.do(http.MethodPost, path, "application/json", ping, nil)
	wantReply(t, resp, decodeReply(t, resp, body), smsIgnored)

	// A plain JSON {from, text}, from a relay of another kind.
	e2 := newEnv(t, "vi")
	n2 := e2.findKind(plan.KindReminder, "ldtbxh", false)
	code2 := e2.sendSMS(n2)
	resp, body = e2.do(http.MethodPost, "/sms/inbound", "application/json",
		fmt.Sprintf(`{"from": "0912345678", "text": "OK %s"}`, code2), map[string]string{"X-Nhacviec-Secret": testSMSSecret})
	wantReply(t, resp, decodeReply(t, resp, body), smsRecorded, "Bộ phận Lao động - Thương binh và Xã hội đã nhận")

	resp, body = e2.do(http.MethodPost, "/sms/inbound", "application/json", `{"from": `, map[string]string{"X-Nhacviec-Secret": testSMSSecret})
	wantStatus(t, resp, body, http.StatusBadRequest)
}

func TestSMSBodyIsLimited(t *testing.T) {
	e := newEnv(t, "vi")
	body := `{"from": "0983112233", "text": "` + strings.Repeat("x", 20<<10) + `"}`
	resp, b := e.do(http.MethodPost, "/sms/inbound", "application/json", body, map[string]string{"X-Nhacviec-Secret": testSMSSecret})
	wantStatus(t, resp, b, http.StatusRequestEntityTooLarge)
}

// TestSMSCodeCollision: two notifications to one unit share a code; the
// most recent still open is acknowledged first.
func TestSMSCodeCollision(t *testing.T) {
	e := newEnv(t, "vi")
	base := e.findKind(plan.KindReminder, "hlhpn", false)
	seen := map[string]string{}
	var older, newer string
	for i := 0; newer == ""; i++ {
		id := fmt.Sprintf("collision-%d", i)
		code := ack.NotificationCode(e.secret, id)
		if first, ok := seen[code]; ok {
			older, newer = first, id
		}
		seen[code] = id
	}
	code := ack.NotificationCode(e.secret, older)
	for i, id := range []string{older, newer} {
		n := *base
		n.ID, n.AckID = id, id
		n.At = base.At.Add(time.Duration(i) * 24 * time.Hour)
		if got := e.links.AckCode(&n); got != code {
			t.Fatalf("got code %s, want %s", got, code)
		}
		if err := e.links.Record(e.db, &n); err != nil {
			t.Fatal(err)
		}
	}
	resp, r := e.sms("0983112233", "OK "+code)
	wantReply(t, resp, r, smsRecorded)
	if e.ack(newer, "hlhpn", store.Received) == nil || e.ack(older, "hlhpn", store.Received) != nil {
		t.Fatal("the first reply did not acknowledge the most recent notification")
	}
	resp, r = e.sms("0983112233", "OK "+code)
	wantReply(t, resp, r, smsRecorded)
	if e.ack(older, "hlhpn", store.Received) == nil {
		t.Fatal("the second reply did not acknowledge the older notification")
	}
	resp, r = e.sms("0983112233", "OK "+code)
	wantReply(t, resp, r, smsAlready)
	if got := e.acks(); got != 2 {
		t.Fatalf("got %d acknowledgements, want 2", got)
	}
}

func TestSMSCommandParsing(t *testing.T) {
	tests := []struct {
		text, kind, code string
	}{
		{"OK 4821", "OK", "4821"},
		{"ok4821", "OK", "4821"},
		{"  Ok   4821  ", "OK", "4821"},
		{"OK: 4821.", "OK", "4821"},
		{"XONG 0042 da nop", "XONG", "0042"},
		{"Xông 0042", "XONG", "0042"},
		{"xong-0042", "XONG", "0042"},
		{"OK 48211", "", ""},
		{"OK 482", "", ""},
		{"KO 4821", "", ""},
		{"4821 OK", "", ""},
	}
	for _, tt := range tests {
		text := strings.Join(strings.Fields(strings.ToUpper(lang.StripDiacritics(tt.text))), " ")
		m := smsCommand.FindStringSubmatch(text)
		var kind, code string
		if m != nil {
			kind, code = m[1], m[2]
		}
		if kind != tt.kind || code != tt.code {
			t.Errorf("%q: got %q %q, want %q %q", tt.text, kind, code, tt.kind, tt.code)
		}
	}
}
