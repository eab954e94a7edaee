package web

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

func TestTokensAndCodes(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	id := plan.NotificationID("bdg-2019", "thang-hanh-dong", "before:7d", testTime, "hlhpn")
	token := NotificationToken(secret, id)
	if !regexp.MustCompile(`^[A-Za-z0-9_-]{20}$`).MatchString(token) || !wellFormed(token) {
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
	if !wellFormed(unit) || unit == UnitToken(secret, "ldtbxh") || unit == NotificationToken(secret, "hlhpn") {
		t.Fatalf("got unit token %q", unit)
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

func TestLinksRecord(t *testing.T) {
	e := newEnv(t, "vi")
	email := e.findKind(plan.KindReminder, "ldtbxh", false)
	if !strings.Contains(strings.Join(email.Channels, ","), "sms") {
		t.Fatal("bad test: ldtbxh is not reached by SMS")
	}
	u := e.links.AckURL(email)
	token := NotificationToken(e.secret, email.ID)
	if u != "http://nhacviec.example.vn/a/"+token {
		t.Fatalf("got %q", u)
	}
	code := e.links.AckCode(email)
	if code != NotificationCode(e.secret, email.ID) {
		t.Fatalf("got code %q", code)
	}
	// Handing out a link records nothing: the scheduler records it with
	// the message's intent.
	if _, err := e.db.Token(token); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("got %v before Record, want ErrNotFound", err)
	}
	if got, want := e.links.Keys(email), []string{token, smsKey("ldtbxh", code, email.ID)}; !slices.Equal(got, want) {
		t.Fatalf("got keys %q, want %q", got, want)
	}

	if err := e.links.Record(e.db, email); err != nil {
		t.Fatal(err)
	}
	payload, err := e.db.Token(token)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(payload), `"id":"`+email.ID+`"`) {
		t.Errorf("got payload %s", payload)
	}
	var keys []string
	err = e.db.TokensWithPrefix(smsPrefix("ldtbxh", code), func(k string, _ []byte) error { keys = append(keys, k); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 || keys[0] != smsKey("ldtbxh", code, email.ID) {
		t.Errorf("got SMS index %q", keys)
	}

	// An email-only unit's code is not indexed for SMS.
	boss := e.findKind(plan.KindEscalation, "lanh-dao", false)
	if got := e.links.Keys(boss); len(got) != 1 || got[0] != NotificationToken(e.secret, boss.ID) {
		t.Errorf("got keys %q for an email-only unit, want its token alone", got)
	}
	if err := e.links.Record(e.db, boss); err != nil {
		t.Fatal(err)
	}
	n := 0
	e.db.TokensWithPrefix(smsPrefix("lanh-dao", e.links.AckCode(boss)), func(string, []byte) error { n++; return nil })
	if n != 0 {
		t.Errorf("got %d SMS index entries for an email-only unit, want 0", n)
	}
}

func TestStoreTokenIndex(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "nhacviec.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
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
	err = db.TokensWithPrefix("sms:a:0001:", func(k string, v []byte) error { got = append(got, k+"="+string(v)); return nil })
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
