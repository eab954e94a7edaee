package rulewords_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/rulewords"
)

// FuzzParse checks, for any rule, that Parse, Syntax and Parse again give
// the same choice; that a choice the forms can say is the same schedule
// or offset written back, has words in both languages, and comes back
// through its form unless the form refuses it for a reason it says.
func FuzzParse(f *testing.F) {
	for _, r := range rulesOf(f, "../config.example.yaml") {
		f.Add(r.key, r.value)
	}
	for _, s := range [][2]string{
		{"every", "@monthly"}, {"every", "@weekly"}, {"every", "@daily"}, {"every", "@yearly"}, {"every", "@hourly"},
		{"every", "0 0 8 * * MON"}, {"every", "0 8 31 * *"}, {"every", "0 8 29 2 *"}, {"every", "0 8 1-31 * MON"},
		{"every", "0 8 * * 0-6"}, {"every", "0 8 15 */3 *"}, {"every", "0 8 1 1,7 *"}, {"every", "TZ=UTC 0 8 * * *"},
		{"every", "0 8 * * 7"}, {"due_every", "0 17 1 2,5,8,11 *"}, {"before", "0d"}, {"before", "-1d"},
		{"at", "middle"}, {"on", "25/11 07:00"}, {"", "1 d"}, {"grace", "36500d"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, key, value string) {
		c := rulewords.Parse(key, value)
		key2, value2 := c.Syntax()
		if again := rulewords.Parse(key2, value2); again != c {
			t.Fatalf("Parse(%q, %q) is %+v, written %s: %q, parsed again %+v", key, value, c, key2, value2, again)
		}
		if c.Kind == rulewords.Custom {
			return
		}
		sameRule(t, key, value, key2, value2)
		for _, lng := range []lang.Lang{lang.Vietnamese, lang.English} {
			w := c.Words(lng)
			if w == "" || strings.Contains(w, "%!") || strings.Contains(w, "rw.") {
				t.Errorf("%+v in %s: got words %q", c, lng, w)
			}
		}
		back, err := rulewords.FromForm(c.Form("x_"), "x_")
		var fe *rulewords.FieldError
		switch {
		case err == nil:
			if back != c {
				t.Errorf("%+v through its form: got %+v", c, back)
			}
		case !errors.As(err, &fe):
			t.Errorf("%+v through its form: got error %v, want a *FieldError", c, err)
		case fe.Message.Key == "rw.err.n" && c.N == 0:
		case fe.Message.Key == "rw.err.dayskip" && c.Day > 28:
		default:
			t.Errorf("%+v through its form: got error %v", c, err)
		}
	})
}
