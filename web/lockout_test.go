package web

import (
	"fmt"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/plan"
)

// TestSMSLockout: after 5 wrong codes from one phone number within an
// hour, that number is answered 429 and nothing it sends is recorded,
// not even a right code, until the hour of the lock is over; the
// dashboard lists the lock.
func TestSMSLockout(t *testing.T) {
	const hlhpn, ldtbxh = "0983 112 233", "0912 345 678"
	type step struct {
		after  time.Duration // the clock moves on first
		from   string
		right  bool // the right code, else a wrong one
		status int
		reply  string // the reply's status
	}
	wrong := func(from string) step { return step{from: from, status: http.StatusOK, reply: smsUnknownCode} }
	tests := []struct {
		name     string
		steps    []step
		recorded bool   // the right code was recorded in the end
		locked   string // the dashboard lists this number as locked at the end
	}{
		{"four wrong codes do not lock", []step{
			wrong(hlhpn), wrong(hlhpn), wrong(hlhpn), wrong(hlhpn),
			{from: hlhpn, right: true, status: http.StatusOK, reply: smsRecorded},
		}, true, ""},
		{"five wrong codes lock, a right one is refused", []step{
			wrong(hlhpn), wrong(hlhpn), wrong(hlhpn), wrong(hlhpn), wrong(hlhpn),
			{from: hlhpn, right: true, status: http.StatusTooManyRequests, reply: smsLocked},
			{after: 59 * time.Minute, from: hlhpn, right: true, status: http.StatusTooManyRequests, reply: smsLocked},
		}, false, "84983112233"},
		{"the lock is over after the hour", []step{
			wrong(hlhpn), wrong(hlhpn), wrong(hlhpn), wrong(hlhpn), wrong(hlhpn),
			{after: 61 * time.Minute, from: hlhpn, right: true, status: http.StatusOK, reply: smsRecorded},
		}, true, ""},
		{"wrong codes more than an hour apart do not add up", []step{
			wrong(hlhpn), wrong(hlhpn), wrong(hlhpn), wrong(hlhpn),
			{after: 61 * time.Minute, from: hlhpn, status: http.StatusOK, reply: smsUnknownCode},
			{from: hlhpn, right: true, status: http.StatusOK, reply: smsRecorded},
		}, true, ""},
		{"a right code in between does not clear the count", []step{
			wrong(hlhpn), wrong(hlhpn), wrong(hlhpn), wrong(hlhpn),
			{from: hlhpn, right: true, status: http.StatusOK, reply: smsRecorded},
			wrong(hlhpn),
			{from: hlhpn, right: true, status: http.StatusTooManyRequests, reply: smsLocked},
		}, true, "84983112233"},
		{"another number is not locked", []step{
			wrong(ldtbxh), wrong(ldtbxh), wrong(ldtbxh), wrong(ldtbxh), wrong(ldtbxh),
			{from: ldtbxh, status: http.StatusTooManyRequests, reply: smsLocked},
			{from: hlhpn, right: true, status: http.StatusOK, reply: smsRecorded},
		}, true, "84912345678"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, "en")
			n := e.findKind(plan.KindDeadline, "hlhpn", false)
			code := e.sendSMS(n)
			c, _ := strconv.Atoi(code)
			bad := fmt.Sprintf("%04d", (c+1)%10000)
			for i, st := range tt.steps {
				e.now = e.now.Add(st.after)
				text := "OK " + bad
				if st.right {
					text = "OK " + code
				}
				resp, r := e.sms(st.from, text)
				if resp.StatusCode != st.status || r.Status != st.reply {
					t.Fatalf("step %d (%s from %s): got %d %q, want %d %q", i+1, text, st.from, resp.StatusCode, r.Status, st.status, st.reply)
				}
				if st.status == http.StatusTooManyRequests {
					ra, err := strconv.Atoi(resp.Header.Get("Retry-After"))
					if err != nil || ra < 1 || ra > 3600 {
						t.Errorf("step %d: got Retry-After %q, want 1 to 3600 seconds", i+1, resp.Header.Get("Retry-After"))
					}
					if !strings.Contains(r.Reply, "locked until") || r.ReplyASCII == "" {
						t.Errorf("step %d: got reply %q / %q, want one that says until when", i+1, r.Reply, r.ReplyASCII)
					}
				}
			}
			if got := e.acks() > 0; got != tt.recorded {
				t.Errorf("got recorded %v, want %v", got, tt.recorded)
			}
			_, body := e.get("/plan/bdg-2019")
			if tt.locked == "" {
				wantLacks(t, body, `id="locks"`)
				return
			}
			wantContains(t, body, `id="locks"`, tt.locked, "Locked until")
			if tt.locked == "84983112233" {
				wantContains(t, body, "Hội Liên hiệp Phụ nữ xã")
			}
		})
	}
}

// TestAdminLockout: wrong admin passwords lock the address, and the name
// admin from anywhere, with 429 and Retry-After, for a minute, then
// twice as long after each further wrong one; a right password clears
// the counts; the control socket is never locked out.
func TestAdminLockout(t *testing.T) {
	good, bad := basic("admin", "mật khẩu đúng"), basic("admin", "sai")
	otherName := basic("root", "sai")
	type step struct {
		after  time.Duration
		remote string
		header map[string]string
		want   int
		retry  int // the Retry-After wanted, in seconds, with a 429
	}
	const a, b = "192.0.2.10:1", "198.51.100.20:1"
	five := func(remote string, h map[string]string) []step {
		s := make([]step, 5)
		for i := range s {
			s[i] = step{remote: remote, header: h, want: http.StatusUnauthorized}
		}
		return s
	}
	cat := func(parts ...[]step) []step {
		var out []step
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"four wrong, then the right one", cat(five(a, bad)[:4], []step{{remote: a, header: good, want: http.StatusOK}})},
		{"five wrong lock the address, even for the right one", cat(five(a, bad), []step{
			{remote: a, header: good, want: http.StatusTooManyRequests, retry: 60},
			{after: 61 * time.Second, remote: a, header: good, want: http.StatusOK},
		})},
		{"the lock doubles", cat(five(a, bad), []step{
			{after: 61 * time.Second, remote: a, header: bad, want: http.StatusUnauthorized},
			{remote: a, header: good, want: http.StatusTooManyRequests, retry: 120},
			{after: 61 * time.Second, remote: a, header: good, want: http.StatusTooManyRequests, retry: 59},
			{after: 60 * time.Second, remote: a, header: bad, want: http.StatusUnauthorized},
			{remote: a, header: good, want: http.StatusTooManyRequests, retry: 240},
		})},
		{"the name admin is locked from every address", cat(five(a, bad), []step{
			{remote: b, header: good, want: http.StatusTooManyRequests, retry: 60},
		})},
		{"other names lock only the address", cat(five(a, otherName), []step{
			{remote: b, header: good, want: http.StatusOK},
			{remote: a, header: good, want: http.StatusTooManyRequests, retry: 60},
		})},
		{"no credentials count for nothing", cat(five(a, nil), []step{
			{remote: a, header: good, want: http.StatusOK},
		})},
		{"the right password clears the count", cat(five(a, bad)[:4], []step{
			{remote: a, header: good, want: http.StatusOK},
		}, five(a, bad)[:4], []step{
			{remote: a, header: good, want: http.StatusOK},
		})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, e := adminServer(t, true)
			for i, st := range tt.steps {
				e.setNow(e.clock().Add(st.after))
				rec := serve(srv, http.MethodGet, "/-/status", st.remote, st.header)
				if rec.Code != st.want {
					t.Fatalf("step %d: got %d, want %d\n%s", i+1, rec.Code, st.want, rec.Body)
				}
				if st.want == http.StatusTooManyRequests {
					if got := rec.Header().Get("Retry-After"); got != strconv.Itoa(st.retry) {
						t.Errorf("step %d: got Retry-After %q, want %d", i+1, got, st.retry)
					}
				}
			}
			// The local administrator is never locked out.
			sock := controlRequest(t, srv, "/-/status")
			if sock != http.StatusOK {
				t.Errorf("through the control socket: got %d, want 200", sock)
			}
		})
	}
}

// controlRequest sends GET path through srv's control socket and returns
// the status.
func controlRequest(t *testing.T, srv *Server, path string) int {
	t.Helper()
	sock := filepath.Join(t.TempDir(), "nhacviec.sock")
	if err := srv.OpenControl(sock); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	resp, err := socketClient(sock).Get("http://nhacviec" + path)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
