package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

func TestAckPageShowsTheNotificationAndChangesNothing(t *testing.T) {
	e := newEnv(t, "vi")
	n := e.findKind(plan.KindReminder, "hlhpn", false)
	path := e.send(n, plan.ChannelEmail)

	for _, method := range []string{http.MethodGet, http.MethodHead, http.MethodGet} {
		resp, body := e.do(method, path, "", "", nil)
		wantStatus(t, resp, body, http.StatusOK)
		if got := resp.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("got Cache-Control %q, want no-store", got)
		}
		if method == http.MethodHead {
			continue
		}
		wantContains(t, body,
			"Kế hoạch bình đẳng giới năm 2019",
			"II.3. Tháng hành động về bình đẳng giới",
			"Hội Liên hiệp Phụ nữ xã", "phối hợp",
			"Chưa xác nhận",
			`<form method="post" action="`+path+`"`,
			`value="received">Đã nhận</button>`)
		// A reminder to a supporting unit has no report to send.
		wantLacks(t, body, "Đã hoàn thành / đã nộp báo cáo", "Hạn báo cáo")
	}
	if got := e.acks(); got != 0 {
		t.Fatalf("got %d acknowledgements after opening the page, want 0", got)
	}
}

func TestAckPageOfADeadlineShowsTheDueTime(t *testing.T) {
	e := newEnv(t, "vi")
	n := e.findKind(plan.KindDeadline, "hlhpn", false)
	resp, body := e.get(e.send(n, plan.ChannelEmail))
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body,
		"Báo cáo kết quả Tháng hành động",
		"20/12/2019 17:00",
		"Ban Vì sự tiến bộ phụ nữ xã", // receives the report
		"đơn vị báo cáo",
		`value="received">Đã nhận</button>`,
		`value="done" class="done">Đã hoàn thành / đã nộp báo cáo</button>`)
}

func TestTamperedTokenIsNotFound(t *testing.T) {
	e := newEnv(t, "vi")
	n := e.findKind(plan.KindReminder, "hlhpn", false)
	path := e.send(n, plan.ChannelEmail)
	token := strings.TrimPrefix(path, "/a/")

	tampered := []byte(token)
	tampered[7] = 'A' // one character changed, still base64url
	if token[7] == 'A' {
		tampered[7] = 'B'
	}
	// A token made with another secret for the same notification, and
	// recorded in the index: the MAC check refuses it.
	forged := ack.NotificationToken([]byte("another secret of thirty-two b."), n.ID)
	if err := e.db.PutToken(forged, []byte(`{"ID":"`+n.ID+`"}`)); err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{string(tampered), token[:19], token + "A", "not-a-token", "", forged} {
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			resp, body := e.do(method, "/a/"+tok, "application/x-www-form-urlencoded", "action=received", nil)
			if tok == "" {
				wantStatus(t, resp, body, http.StatusNotFound)
				continue
			}
			wantStatus(t, resp, body, http.StatusNotFound)
			wantContains(t, body, "Liên kết không hợp lệ hoặc đã hết hạn")
		}
	}
	if got := e.acks(); got != 0 {
		t.Fatalf("got %d acknowledgements, want 0", got)
	}
	// The genuine token still works.
	resp, body := e.get(path)
	wantStatus(t, resp, body, http.StatusOK)
}

func TestPostReceivedTwiceRecordsOnce(t *testing.T) {
	e := newEnv(t, "vi")
	n := e.findKind(plan.KindReminder, "hlhpn", false)
	path := e.send(n, plan.ChannelEmail)

	resp, body := e.post(path, url.Values{"action": {"received"}, "who": {"Lê Thị Cúc"}, "note": {"Sẽ triển khai"}})
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Đã ghi nhận: Hội Liên hiệp Phụ nữ xã đã nhận thông báo lúc 20/11/2019 09:00.",
		"Đã nhận lúc 20/11/2019 09:00", "Lê Thị Cúc, qua trang xác nhận", "Sẽ triển khai")
	wantLacks(t, body, "<form")
	a := e.ack(n.AckID, "hlhpn", store.Received)
	if a == nil {
		t.Fatal("no acknowledgement recorded")
	}
	if a.By != "Lê Thị Cúc" || a.Via != "web" || a.Note != "Sẽ triển khai" || a.Plan != "bdg-2019" || a.Task != "thang-hanh-dong" || !a.At.Equal(e.now) {
		t.Errorf("got %+v", *a)
	}

	e.now = e.now.Add(30 * time.Minute)
	resp, body = e.post(path, url.Values{"action": {"received"}, "who": {"Người khác"}})
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Việc này đã được ghi nhận trước đó lúc 20/11/2019 09:00")
	if got := e.acks(); got != 1 {
		t.Fatalf("got %d acknowledgements, want 1", got)
	}
	if a := e.ack(n.AckID, "hlhpn", store.Received); a.By != "Lê Thị Cúc" {
		t.Errorf("the repeat replaced the acknowledgement: %+v", *a)
	}
}

func TestPostWithoutNameRecordsADash(t *testing.T) {
	e := newEnv(t, "vi")
	n := e.findKind(plan.KindReminder, "ldtbxh", false)
	resp, body := e.post(e.send(n, plan.ChannelEmail), url.Values{"action": {"received"}, "who": {"   "}})
	wantStatus(t, resp, body, http.StatusOK)
	if a := e.ack(n.AckID, "ldtbxh", store.Received); a == nil || a.By != "—" {
		t.Fatalf("got %+v, want By —", a)
	}
}

func TestDoneIsOnlyForDeadlinesToTheReporter(t *testing.T) {
	tests := []struct {
		name     string
		kind     plan.Kind
		unit     string
		offered  bool
		accepted bool
	}{
		{"reminder to the lead", plan.KindReminder, "ldtbxh", false, false},
		{"deadline reminder to the reporter", plan.KindDeadline, "hlhpn", true, true},
		{"overdue notice to the reporter", plan.KindOverdue, "hlhpn", true, true},
		{"escalation to the superior", plan.KindEscalation, "lanh-dao", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, "vi")
			n := e.findKind(tt.kind, tt.unit, false)
			path := e.send(n, plan.ChannelEmail)
			resp, body := e.get(path)
			wantStatus(t, resp, body, http.StatusOK)
			if got := strings.Contains(body, `value="done"`); got != tt.offered {
				t.Errorf("done button shown: got %v, want %v", got, tt.offered)
			}
			resp, body = e.post(path, url.Values{"action": {"done"}})
			if !tt.accepted {
				wantStatus(t, resp, body, http.StatusBadRequest)
				wantContains(t, body, "không xác nhận hoàn thành được")
				if got := e.acks(); got != 0 {
					t.Errorf("got %d acknowledgements, want 0", got)
				}
				return
			}
			wantStatus(t, resp, body, http.StatusOK)
			wantContains(t, body, "Đã ghi nhận: Hội Liên hiệp Phụ nữ xã đã hoàn thành / đã nộp báo cáo lúc 20/11/2019 09:00.")
			if d := e.ack(n.DeadlineID, "hlhpn", store.Done); d == nil || d.Via != "web" {
				t.Fatalf("got %+v, want a done acknowledgement of the deadline", d)
			}
			// Reporting done implies the message was received.
			if r := e.ack(n.AckID, "hlhpn", store.Received); r == nil {
				t.Error("no receipt recorded with the done report")
			}
		})
	}
}

func TestDoneShowsOnEveryNoticeOfTheDeadline(t *testing.T) {
	e := newEnv(t, "vi")
	remind := e.findKind(plan.KindDeadline, "hlhpn", false)
	resp, body := e.post(e.send(remind, plan.ChannelEmail), url.Values{"action": {"done"}})
	wantStatus(t, resp, body, http.StatusOK)
	overdue := e.findKind(plan.KindOverdue, "hlhpn", false)
	if overdue.DeadlineID != remind.DeadlineID {
		t.Fatal("bad test: two deadlines")
	}
	resp, body = e.get(e.send(overdue, plan.ChannelEmail))
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Đã hoàn thành lúc 20/11/2019 09:00")
	wantLacks(t, body, `value="done"`)
}

func TestDeferredSMSAcknowledgesItsEmail(t *testing.T) {
	e := newEnv(t, "vi")
	sms := e.findKind(plan.KindReminder, "hlhpn", true)
	email := e.find(func(n *plan.Notification) bool {
		return n.Kind == plan.KindReminder && n.Unit == "hlhpn" && n.ID == sms.AckID
	})
	if sms.ID == email.ID {
		t.Fatal("bad test: the deferred SMS has the id of its email")
	}
	smsPath, emailPath := e.send(sms, plan.ChannelSMS), e.send(email, plan.ChannelEmail)
	if smsPath == emailPath {
		t.Fatal("the deferred SMS and its email share a token")
	}
	resp, body := e.post(smsPath, url.Values{"action": {"received"}})
	wantStatus(t, resp, body, http.StatusOK)
	if a := e.ack(email.ID, "hlhpn", store.Received); a == nil {
		t.Fatal("the deferred SMS's link did not acknowledge the email's notification")
	}
	// The email's page now shows it as received.
	resp, body = e.get(emailPath)
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Đã nhận lúc 20/11/2019 09:00")
}

func TestPostFromAnotherSiteIsRefused(t *testing.T) {
	e := newEnv(t, "vi")
	n := e.findKind(plan.KindReminder, "hlhpn", false)
	path := e.send(n, plan.ChannelEmail)
	form := url.Values{"action": {"received"}}.Encode()
	tests := []struct {
		name   string
		header map[string]string
		want   int
	}{
		{"another origin", map[string]string{"Origin": "http://evil.example"}, http.StatusForbidden},
		{"another referer", map[string]string{"Referer": "https://evil.example/x"}, http.StatusForbidden},
		{"same host, another port", map[string]string{"Origin": "http://127.0.0.1:1"}, http.StatusForbidden},
		{"public_url", map[string]string{"Origin": "http://nhacviec.example.vn"}, http.StatusOK},
		{"no origin at all", nil, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := e.acks()
			resp, body := e.do(http.MethodPost, path, "application/x-www-form-urlencoded", form, tt.header)
			wantStatus(t, resp, body, tt.want)
			if tt.want == http.StatusForbidden {
				wantContains(t, body, "trang web khác")
				if got := e.acks(); got != before {
					t.Errorf("got %d acknowledgements, want %d", got, before)
				}
			}
		})
	}
}

func TestAckBodyIsLimited(t *testing.T) {
	e := newEnv(t, "vi")
	n := e.findKind(plan.KindReminder, "hlhpn", false)
	path := e.send(n, plan.ChannelEmail)
	resp, body := e.post(path, url.Values{"action": {"received"}, "note": {strings.Repeat("x", 20<<10)}})
	wantStatus(t, resp, body, http.StatusRequestEntityTooLarge)
	wantContains(t, body, "quá dài")
	if got := e.acks(); got != 0 {
		t.Fatalf("got %d acknowledgements, want 0", got)
	}
	// A long note under the limit is cut, and recorded.
	resp, body = e.post(path, url.Values{"action": {"received"}, "note": {strings.Repeat("ý", 1500)}})
	wantStatus(t, resp, body, http.StatusOK)
	if a := e.ack(n.AckID, "hlhpn", store.Received); a == nil || len([]rune(a.Note)) != maxNote {
		t.Fatalf("got %+v, want a note of %d characters", a, maxNote)
	}
}

func TestUnknownActionIsRefused(t *testing.T) {
	e := newEnv(t, "vi")
	path := e.send(e.findKind(plan.KindReminder, "hlhpn", false), plan.ChannelEmail)
	resp, body := e.post(path, url.Values{"action": {"delete"}})
	wantStatus(t, resp, body, http.StatusBadRequest)
	if got := e.acks(); got != 0 {
		t.Fatalf("got %d acknowledgements, want 0", got)
	}
}

func TestAckPageInEnglish(t *testing.T) {
	e := newEnv(t, "en")
	n := e.findKind(plan.KindDeadline, "hlhpn", false)
	resp, body := e.get(e.send(n, plan.ChannelEmail))
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, `<html lang="en">`, "Not confirmed yet", ">Received</button>", ">Done / report sent</button>", "reporting unit")
	resp, body = e.get("/a/AAAAAAAAAAAAAAAAAAAA")
	wantStatus(t, resp, body, http.StatusNotFound)
	wantContains(t, body, "This link is not valid or has expired")
}

func TestUnknownPageIsNotFound(t *testing.T) {
	e := newEnv(t, "vi")
	resp, body := e.get("/nothing/here")
	wantStatus(t, resp, body, http.StatusNotFound)
	wantContains(t, body, "Trang này không tồn tại.")
	resp, body = e.get("/static/style.css")
	wantStatus(t, resp, body, http.StatusOK)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
		t.Errorf("got Content-Type %q, want text/css", ct)
	}
}
