// Package langtest checks, in tests, that an error a person will read is
// a message of the catalogue, complete in both languages.
package langtest

import (
	"errors"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/lang"
)

// Check fails t unless err is a lang.Message with key whose both renderings
// are complete (no fmt error verbs, no Go names) and name every value in
// mention. An empty key wants no error.
func Check(t testing.TB, err error, key string, mention ...string) {
	t.Helper()
	if key == "" {
		if err != nil {
			t.Fatalf("got error %v, want none", err)
		}
		return
	}
	var m lang.Message
	if !errors.As(err, &m) {
		t.Fatalf("got error %v, want message %s", err, key)
	}
	if m.Key != key {
		t.Fatalf("got message %s (%v), want %s", m.Key, err, key)
	}
	if m.Text(lang.English) == m.Key {
		t.Fatalf("message %s is not in the catalog", key)
	}
	for _, l := range []lang.Lang{lang.Vietnamese, lang.English} {
		text := m.Text(l)
		for _, bad := range []string{"%!", "plan.", "strconv", "time.Month", "parsing time", "addr-spec"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s text %q contains %q", l, text, bad)
			}
		}
		if strings.HasPrefix(text, "mail:") {
			t.Errorf("%s text %q is a net/mail error", l, text)
		}
		for _, s := range mention {
			if !strings.Contains(text, s) {
				t.Errorf("%s text %q does not mention %q", l, text, s)
			}
		}
	}
}
