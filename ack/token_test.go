package ack

import (
	"errors"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

var _ notify.Links = (*Links)(nil)

var testTime = time.Date(2019, 11, 8, 0, 30, 0, 0, time.UTC)

var testSecret = []byte("0123456789abcdef0123456789abcdef")

// openStore opens a real store in a temporary folder.
func openStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "nhacviec.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestTokensAndCodes(t *testing.T) {
	secret := testSecret
	id := plan.NotificationID("bdg-2019", "thang-hanh-dong", "before:7d", testTime, "hlhpn")
	token := NotificationToken(secret, id)
	if !regexp.MustCompile(`^[A-Za-z0-9_-]{20}$`).MatchString(token) || !WellFormed(token) {
		t.Fatalf("got token %q, want 20 base64url characters", token)
	}
	if strings.Contains(id, token) || strings.Contains(token, id[:8]) {
		t.Fatalf("token %q shows id %q", token, id)
	}
	if NotificationToken(secret, id) != token {
		t.Fatal("the token is not deterministic")
	}
	if NotificationToken([]byte("another secret"), id) == token {
		t.Fatal("another secret makes the same token")
	}
	if NotificationToken(secret, id+"x") == token {
		t.Fatal("another id makes the same token")
	}
	if !validMAC(secret, token, id) || validMAC(secret, token, id+"x") || validMAC([]byte("x"), token, id) {
		t.Fatal("validMAC accepts or refuses wrongly")
	}
	code := NotificationCode(secret, id)
	if !regexp.MustCompile(`^[0-9]{4}$`).MatchString(code) {
		t.Fatalf("got code %q, want 4 digits", code)
	}
	unit := UnitToken(secret, "hlhpn")
	if !WellFormed(unit) || unit == UnitToken(secret, "ldtbxh") || unit == NotificationToken(secret, "hlhpn") {
		t.Fatalf("got unit token %q", unit)
	}
	if !ValidUnitToken(secret, unit, "hlhpn") || ValidUnitToken(secret, unit, "ldtbxh") || ValidUnitToken(secret, NotificationToken(secret, "hlhpn"), "hlhpn") {
		t.Fatal("ValidUnitToken accepts or refuses wrongly")
	}
	// Codes spread over the 10 000 values.
	seen := map[string]bool{}
	for i := range 2000 {
		seen[NotificationCode(secret, plan.NotificationID("p", "t", "r", testTime, string(rune('a'+i%26))+strings.Repeat("x", i)))] = true
	}
	if len(seen) < 1700 {
		t.Errorf("2000 ids got only %d different codes", len(seen))
	}
}

func TestWellFormed(t *testing.T) {
	tests := []struct {
		token string
		want  bool
	}{
		{NotificationToken(testSecret, "x"), true},
		{"AAAAAAAAAAAAAAAAAAAA", true},
		{"AAAAAAAAAAAAAAAAAAA", false},   // 19
		{"AAAAAAAAAAAAAAAAAAAAA", false}, // 21
		{"AAAAAAAAAAAAAAAAAAA=", false},
		{"AAAAAAAAAAAAAAAAAA+/", false},
		{"sms:a:0001:xxxxxxxx", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := WellFormed(tt.token); got != tt.want {
			t.Errorf("WellFormed(%q): got %v, want %v", tt.token, got, tt.want)
		}
	}
}

func TestLinksRecord(t *testing.T) {
	db := openStore(t)
	links := NewLinks("http://nhacviec.example.vn/", testSecret)
	email := &plan.Notification{ID: plan.NotificationID("p", "t", "at:start", testTime, "ldtbxh"), Unit: "ldtbxh",
		Kind: plan.KindReminder, Channels: []string{plan.ChannelEmail, plan.ChannelSMS}}
	u := links.AckURL(email)
	token := NotificationToken(testSecret, email.ID)
	if u != "http://nhacviec.example.vn/a/"+token {
		t.Fatalf("got %q", u)
	}
	code := links.AckCode(email)
	if code != NotificationCode(testSecret, email.ID) {
		t.Fatalf("got code %q", code)
	}
	// Handing out a link records nothing: the scheduler records it with
	// the message's intent.
	if _, err := db.Token(token); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v before Record, want ErrNotFound", err)
	}
	if got, want := links.Keys(email), []string{token, smsKey("ldtbxh", code, email.ID)}; !slices.Equal(got, want) {
		t.Fatalf("got keys %q, want %q", got, want)
	}

	if err := links.Record(db, email); err != nil {
		t.Fatal(err)
	}
	payload, err := db.Token(token)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := decodeNotification(payload); err != nil || n.ID != email.ID {
		t.Errorf("got payload %s (%v), want notification %s", payload, err, email.ID)
	}
	var keys []string
	err = db.TokensWithPrefix(smsPrefix("ldtbxh", code), func(k string, _ []byte) error { keys = append(keys, k); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 || keys[0] != smsKey("ldtbxh", code, email.ID) {
		t.Errorf("got SMS index %q", keys)
	}

	// An email-only unit's code is not indexed for SMS.
	boss := &plan.Notification{ID: plan.NotificationID("p", "t", "escalate:1", testTime, "lanh-dao"), Unit: "lanh-dao",
		Kind: plan.KindEscalation, Channels: []string{plan.ChannelEmail}}
	if got := links.Keys(boss); len(got) != 1 || got[0] != NotificationToken(testSecret, boss.ID) {
		t.Errorf("got keys %q for an email-only unit, want its token alone", got)
	}
	if err := links.Record(db, boss); err != nil {
		t.Fatal(err)
	}
	n := 0
	db.TokensWithPrefix(smsPrefix("lanh-dao", links.AckCode(boss)), func(string, []byte) error { n++; return nil })
	if n != 0 {
		t.Errorf("got %d SMS index entries for an email-only unit, want 0", n)
	}
}

func TestStoreTokenIndex(t *testing.T) {
	db := openStore(t)
	// A store made before the index existed has no bucket: reads find nothing.
	if _, err := db.Token("abc"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v, want ErrNotFound", err)
	}
	if err := db.TokensWithPrefix("sms:", func(string, []byte) error { t.Fatal("found an entry"); return nil }); err != nil {
		t.Fatal(err)
	}
	for _, kv := range [][2]string{{"abc", "1"}, {"sms:a:0001:x", "2"}, {"sms:a:0001:y", "3"}, {"sms:a:0002:z", "4"}, {"sms:ab:0001:w", "5"}} {
		if err := db.PutToken(kv[0], []byte(kv[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.PutToken("abc", []byte("1")); err != nil { // the same again: no change
		t.Fatal(err)
	}
	if err := db.PutToken("abc", []byte("6")); err != nil { // replaced
		t.Fatal(err)
	}
	if v, err := db.Token("abc"); err != nil || string(v) != "6" {
		t.Fatalf("got %q %v, want 6", v, err)
	}
	if err := db.PutTokens([]byte("7"), "k1", "abc"); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"k1", "abc"} {
		if v, err := db.Token(k); err != nil || string(v) != "7" {
			t.Fatalf("%s: got %q %v, want 7", k, v, err)
		}
	}
	if err := db.PutToken("", []byte("x")); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("got %v for an empty token, want ErrInvalid", err)
	}
	var got []string
	err := db.TokensWithPrefix("sms:a:0001:", func(k string, v []byte) error { got = append(got, k+"="+string(v)); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, " ") != "sms:a:0001:x=2 sms:a:0001:y=3" { // not sms:a:0002, nor sms:ab
		t.Errorf("got %q", got)
	}
	stop := errors.New("stop")
	if err := db.TokensWithPrefix("sms:", func(string, []byte) error { return stop }); err != stop {
		t.Errorf("got %v, want fn's error", err)
	}
	db.Close()
	if _, err := db.Token("abc"); err == nil || errors.Is(err, store.ErrNotFound) {
		t.Errorf("got %v from a closed store, want a failure", err)
	}
}
