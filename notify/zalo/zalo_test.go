package zalo

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// message is a reminder rendered for zalo, as notify.Render makes it.
func message() *notify.Message {
	at := time.Date(2019, 11, 8, 7, 30, 0, 0, time.FixedZone("ICT", 7*3600))
	return &notify.Message{
		ID: "0123456789abcdef0123456789abcdef", Channel: plan.ChannelZalo, Unit: "hlhpn",
		To:   []notify.Address{{Name: "Chị Lan", Phone: "+84912345678"}},
		Text: "Nhắc việc",
		Data: &notify.Data{Kind: "reminder", Plan: "bdg-2019", Task: "thang-hanh-dong", Unit: "hlhpn", At: at,
			UnitName: "Hội Liên hiệp Phụ nữ xã Quảng Thành", TaskTitle: "Tháng hành động về bình đẳng giới và phòng, chống bạo lực trên cơ sở giới",
			Start: at.AddDate(0, 0, 7), AckURL: "https://nhacviec.example/a/T1"},
	}
}

func channel(srv string) *plan.ZaloChannel {
	return &plan.ZaloChannel{URL: srv + "/message/template", OAuthURL: srv + "/v4/oa/access_token",
		Templates: map[plan.Kind]plan.ZaloTemplate{"reminder": {ID: "301234", Params: []plan.ZaloParam{
			{Name: "don_vi", Field: "unit", Max: 30}, {Name: "nhiem_vu", Field: "task", Max: 40},
			{Name: "ngay", Field: "start", Max: 20}, {Name: "link", Field: "ack_url", Max: 200}}}}}
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// zns is a local ZNS: it checks each request against want, byte for
// byte, and answers with the next of answers.
type zns struct {
	t       *testing.T
	mu      sync.Mutex
	answers []string
	tokens  []string // access_token of each send
	bodies  []string
	// oauth answers the token endpoint; refreshes lists the forms.
	oauth     []string
	refreshes []url.Values
	secrets   []string
}

func (z *zns) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	z.mu.Lock()
	defer z.mu.Unlock()
	body, _ := io.ReadAll(r.Body)
	if r.Method != http.MethodPost {
		z.t.Errorf("method: got %s, want POST", r.Method)
	}
	switch r.URL.Path {
	case "/message/template":
		if got := r.Header.Get("Content-Type"); got != "application/json" {
			z.t.Errorf("Content-Type: got %q, want application/json", got)
		}
		z.tokens = append(z.tokens, r.Header.Get("access_token"))
		z.bodies = append(z.bodies, string(body))
		a := z.answers[0]
		z.answers = z.answers[1:]
		if code, rest, ok := strings.Cut(a, " "); ok && len(code) == 3 {
			w.WriteHeader(map[string]int{"500": 500, "429": 429, "400": 400}[code])
			a = rest
		}
		io.WriteString(w, a)
	case "/v4/oa/access_token":
		if got := r.Header.Get("Content-Type"); got != "application/x-www-form-urlencoded" {
			z.t.Errorf("oauth Content-Type: got %q", got)
		}
		form, _ := url.ParseQuery(string(body))
		z.refreshes = append(z.refreshes, form)
		z.secrets = append(z.secrets, r.Header.Get("secret_key"))
		a := z.oauth[0]
		z.oauth = z.oauth[1:]
		io.WriteString(w, a)
	default:
		z.t.Errorf("path: got %s", r.URL.Path)
		http.NotFound(w, r)
	}
}

const success = `{"error":0,"message":"Success","data":{"msg_id":"a1b2c3","sent_time":"1575000000000"}}`

func TestNotifyExactRequest(t *testing.T) {
	z := &zns{t: t, answers: []string{success}}
	srv := httptest.NewServer(z)
	defer srv.Close()
	ch := channel(srv.URL)
	ch.AccessTokenFile = writeFile(t, "token", "tok-1\n")
	s, err := New(ch, Options{})
	if err != nil {
		t.Fatal(err)
	}
	m := message()
	if err := s.Notify(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	want := `{"phone":"84912345678","template_id":"301234","template_data":{"don_vi":"Hội Liên hiệp Phụ nữ xã Quảng…","link":"https://nhacviec.example/a/T1","ngay":"15/11/2019","nhiem_vu":"Tháng hành động về bình đẳng giới và…"},"tracking_id":"0123456789abcdef0123456789abcdef"}`
	if len(z.bodies) != 1 || z.bodies[0] != want {
		t.Errorf("body:\ngot  %v\nwant %s", z.bodies, want)
	}
	if z.tokens[0] != "tok-1" {
		t.Errorf("access_token header: got %q, want tok-1", z.tokens[0])
	}
	if want := "zalo: 84912345678 msg_id a1b2c3"; m.Receipt != want {
		t.Errorf("receipt: got %q, want %q", m.Receipt, want)
	}
	var d map[string]any
	if err := json.Unmarshal([]byte(z.bodies[0]), &d); err != nil {
		t.Fatal(err)
	}
	for k, v := range d["template_data"].(map[string]any) {
		if n := len([]rune(v.(string))); n > map[string]int{"don_vi": 30, "nhiem_vu": 40, "ngay": 20, "link": 200}[k] {
			t.Errorf("param %s: %d runes, over its limit", k, n)
		}
	}
}

func TestNotifyErrorClasses(t *testing.T) {
	for _, tc := range []struct {
		name, answer string
		temporary    bool
	}{
		{"invalid phone", `{"error":-108,"message":"Phone number invalid"}`, false},
		{"invalid template", `{"error":-109,"message":"Template ID invalid"}`, false},
		{"invalid params", `{"error":-112,"message":"Template data invalid"}`, false},
		{"user refuses", `{"error":-119,"message":"Account can not receive ZNS"}`, false},
		{"out of quota", `{"error":-115,"message":"Out of quota"}`, true},
		{"daily quota", `{"error":-144,"message":"OA has exceeded daily quota"}`, true},
		{"unknown error", `{"error":-100,"message":"Unknown error"}`, true},
		{"server error", `500 oops`, true},
		{"too many requests", `429 slow down`, true},
		{"bad request", `400 {"message":"bad"}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			z := &zns{t: t, answers: []string{tc.answer}}
			srv := httptest.NewServer(z)
			defer srv.Close()
			ch := channel(srv.URL)
			ch.AccessTokenEnv = "ZALO_TOKEN"
			s, err := New(ch, Options{Getenv: func(string) string { return "tok-env" }})
			if err != nil {
				t.Fatal(err)
			}
			err = s.Notify(context.Background(), message())
			if err == nil {
				t.Fatal("got no error")
			}
			if got := notify.IsTemporary(err); got != tc.temporary {
				t.Errorf("temporary: got %v, want %v (%v)", got, tc.temporary, err)
			}
			if strings.Contains(err.Error(), "tok-env") {
				t.Errorf("the error shows the token: %v", err)
			}
		})
	}
}

func TestRefreshKeptInStore(t *testing.T) {
	z := &zns{t: t,
		oauth: []string{
			`{"access_token":"acc-1","refresh_token":"ref-2","expires_in":"90000"}`,
			`{"access_token":"acc-2","refresh_token":"ref-3","expires_in":90000}`,
		},
		answers: []string{success, `{"error":-124,"message":"Access token invalid"}`, success},
	}
	srv := httptest.NewServer(z)
	defer srv.Close()
	dbPath := filepath.Join(t.TempDir(), "nhacviec.db")
	ch := channel(srv.URL)
	ch.AppID = "4321"
	ch.SecretKeyFile = writeFile(t, "key", "sk-9")
	ch.RefreshTokenFile = writeFile(t, "refresh", "ref-1")
	now := time.Date(2019, 11, 8, 7, 30, 0, 0, time.UTC)
	open := func() (*store.DB, *Sender) {
		db, err := store.Open(dbPath, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		s, err := New(ch, Options{Store: db, Now: func() time.Time { return now }})
		if err != nil {
			t.Fatal(err)
		}
		return db, s
	}

	// First start: the file's refresh token buys acc-1 and ref-2.
	db, s := open()
	if err := s.Notify(context.Background(), message()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if len(z.refreshes) != 1 {
		t.Fatalf("refreshes: got %d, want 1", len(z.refreshes))
	}
	want := url.Values{"refresh_token": {"ref-1"}, "app_id": {"4321"}, "grant_type": {"refresh_token"}}
	if got := z.refreshes[0].Encode(); got != want.Encode() {
		t.Errorf("refresh form: got %s, want %s", got, want.Encode())
	}
	if z.secrets[0] != "sk-9" {
		t.Errorf("secret_key header: got %q, want sk-9", z.secrets[0])
	}

	// After a restart the store's tokens are used, not the spent file's:
	// acc-1 goes without a refresh; ZNS refuses it (-124), so ref-2 buys
	// acc-2 and the message goes once more with it.
	db, s = open()
	defer db.Close()
	if err := s.Notify(context.Background(), message()); err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(z.tokens, " "), "acc-1 acc-1 acc-2"; got != want {
		t.Errorf("access tokens sent: got %s, want %s", got, want)
	}
	if len(z.refreshes) != 2 || z.refreshes[1].Get("refresh_token") != "ref-2" {
		t.Fatalf("second refresh: got %v, want one with ref-2", z.refreshes)
	}
	raw, err := db.Secret(SecretName)
	if err != nil {
		t.Fatal(err)
	}
	var kept saved
	if err := json.Unmarshal([]byte(raw), &kept); err != nil {
		t.Fatal(err)
	}
	if kept.RefreshToken != "ref-3" || kept.AccessToken != "acc-2" || !kept.Expires.Equal(now.Add(25*time.Hour)) {
		t.Errorf("kept: got %+v, want ref-3, acc-2, expiring at %s", kept, now.Add(25*time.Hour))
	}
}

func TestRefreshBeforeExpiry(t *testing.T) {
	z := &zns{t: t,
		oauth: []string{
			`{"access_token":"acc-1","refresh_token":"ref-2","expires_in":"3600"}`,
			`{"access_token":"acc-2","refresh_token":"ref-3","expires_in":"3600"}`,
		},
		answers: []string{success, success, success},
	}
	srv := httptest.NewServer(z)
	defer srv.Close()
	db, err := store.Open(filepath.Join(t.TempDir(), "nhacviec.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ch := channel(srv.URL)
	ch.AppID, ch.SecretKeyFile, ch.RefreshTokenFile = "1", writeFile(t, "key", "sk"), writeFile(t, "refresh", "ref-1")
	now := time.Date(2019, 11, 8, 7, 0, 0, 0, time.UTC)
	s, err := New(ch, Options{Store: db, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []time.Duration{0, 50 * time.Minute, 6 * time.Minute} {
		now = now.Add(step)
		if err := s.Notify(context.Background(), message()); err != nil {
			t.Fatal(err)
		}
	}
	// 07:00 buys acc-1 (to 08:00); 07:50 still uses it; 07:56 is inside
	// the five minutes before its end: acc-2.
	if got, want := strings.Join(z.tokens, " "), "acc-1 acc-1 acc-2"; got != want {
		t.Errorf("access tokens sent: got %s, want %s", got, want)
	}
}

func TestRefreshFailsTemporarily(t *testing.T) {
	z := &zns{t: t, oauth: []string{`{"error":-14014,"error_name":"Invalid refresh token"}`}}
	srv := httptest.NewServer(z)
	defer srv.Close()
	db, err := store.Open(filepath.Join(t.TempDir(), "nhacviec.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ch := channel(srv.URL)
	ch.AppID, ch.SecretKeyFile, ch.RefreshTokenFile = "1", writeFile(t, "key", "sk"), writeFile(t, "refresh", "ref-1")
	s, err := New(ch, Options{Store: db})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Notify(context.Background(), message())
	if err == nil || !notify.IsTemporary(err) || !strings.Contains(err.Error(), "Invalid refresh token") {
		t.Errorf("got %v, want a temporary error naming Zalo's reason", err)
	}
	if len(z.bodies) != 0 {
		t.Errorf("sent %d messages without a token", len(z.bodies))
	}
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		text bool
		want string
	}{
		{"Hội Phụ nữ", 30, true, "Hội Phụ nữ"},
		{"Hội Liên hiệp Phụ nữ", 10, true, "Hội Liên…"},
		{"đđđđđ", 3, true, "đđ…"},
		{"https://x.example/a/T", 10, false, "https://x."},
	} {
		if got := cut(tc.in, tc.n, tc.text); got != tc.want {
			t.Errorf("cut(%q, %d): got %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}
