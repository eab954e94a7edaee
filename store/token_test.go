package store

import (
	"errors"
	"testing"
)

// TestPutTokens: every token stands for the payload; a nil payload is
// found, empty; a token given again stands for its new payload.
func TestPutTokens(t *testing.T) {
	db := openTest(t, "", newClock())
	payload := []byte(`{"ID":"n1"}`)
	if err := db.PutTokens(payload, "tok-1", "sms:hpn:1234:n1"); err != nil {
		t.Fatal(err)
	}
	payload[2] = 'X' // the store keeps its own copy
	if err := db.PutTokens(nil, "tok-empty"); err != nil {
		t.Fatal(err)
	}
	if err := db.PutToken("tok-1", []byte("again")); err != nil {
		t.Fatal(err)
	}
	for token, want := range map[string]string{"tok-1": "again", "sms:hpn:1234:n1": `{"ID":"n1"}`, "tok-empty": ""} {
		got, err := db.Token(token)
		if err != nil || string(got) != want {
			t.Errorf("Token(%s) = %q, %v; want %q", token, got, err, want)
		}
	}
	if _, err := db.Token("sms"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Token of a prefix: got %v, want ErrNotFound", err)
	}
	if err := db.PutTokens(payload, "ok", ""); !errors.Is(err, ErrInvalid) {
		t.Errorf("an empty token: got %v, want ErrInvalid", err)
	}
}
