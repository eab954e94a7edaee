package main

import (
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/lang"
)

// TestHelpTexts checks that every command has its title, description and
// examples in both languages, and that the commands with flags give
// their flag set to help.
func TestHelpTexts(t *testing.T) {
	for _, tp := range topics {
		for _, lng := range []lang.Lang{lang.Vietnamese, lang.English} {
			for _, part := range []string{"title", "desc", "examples"} {
				key := "help." + tp.name + "." + part
				if got := tr(lng, key); got == key || strings.TrimSpace(got) == "" {
					t.Errorf("%s in %s: got no text, want one", key, lng)
				}
			}
		}
		if fs := flagSetOf(tp); (fs == nil) != (tp.flagArgs == nil) {
			t.Errorf("%s: got flag set %v, want one exactly when flagArgs are given (%q)", tp.name, fs, tp.flagArgs)
		}
	}
}

// TestCompletionValues checks that the flags whose values completion
// offers are flags of their command.
func TestCompletionValues(t *testing.T) {
	for name, flags := range flagValues {
		tp, ok := topic(name)
		if !ok {
			t.Errorf("flagValues names command %q, which does not exist", name)
			continue
		}
		fs := flagSetOf(tp)
		for f := range flags {
			if fs == nil || fs.Lookup(f) == nil {
				t.Errorf("flagValues: %s has no flag --%s", name, f)
			}
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"một hai ba", 7, "một hai\nba"},
		{"một hai ba", 20, "một hai ba"},
		{"dàiquáđộrộng x", 4, "dàiquáđộrộng\nx"},
	}
	for _, tt := range tests {
		if got := wrap(tt.in, tt.width); got != tt.want {
			t.Errorf("wrap(%q, %d): got %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}
