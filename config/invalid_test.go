package config_test

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
)

var update = flag.Bool("update", false, "rewrite the golden .want files under testdata from the actual output")

// invalidDir holds one configuration per mistake (NAME.yaml) and the
// diagnostics check must print for it (NAME.want), paths relative to the
// folder. Plan files named by fixtures live in its plans/ subfolder.
const invalidDir = "testdata/invalid"

// TestInvalidFixtures loads each fixture and compares what check would
// print, errors and warnings, with its golden file.
func TestInvalidFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(invalidDir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 35 {
		t.Fatalf("got %d fixtures in %s, want at least 35", len(files), invalidDir)
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".yaml")
		t.Run(name, func(t *testing.T) {
			_, diags := config.Load(path)
			got := relativeToFixtures(diags.Render(lang.Vietnamese))
			wantPath := strings.TrimSuffix(path, ".yaml") + ".want"
			if *update {
				if err := os.WriteFile(wantPath, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(wantPath)
			if err != nil {
				t.Fatalf("%v (go test ./plan -run TestInvalidFixtures -update writes it)", err)
			}
			if got != string(want) {
				t.Errorf("diagnostics of %s.yaml\ngot:\n%swant:\n%s", name, got, want)
			}
			if !diags.HasErrors() {
				t.Errorf("%s.yaml: got no error (only %d warnings), want at least one", name, len(diags))
			}
			for _, d := range diags {
				checkDiagnostic(t, d)
			}
		})
	}
}

// TestInvalidWantsHaveFixtures catches a golden file left behind when its
// fixture is renamed or removed, which the glob over .yaml would never read.
func TestInvalidWantsHaveFixtures(t *testing.T) {
	wants, err := filepath.Glob(filepath.Join(invalidDir, "*.want"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range wants {
		if _, err := os.Stat(strings.TrimSuffix(w, ".want") + ".yaml"); err != nil {
			t.Errorf("%s has no fixture: %v", w, err)
		}
	}
}

// relativeToFixtures removes the fixtures' folder from the start of each
// line, so a .want names NAME.yaml or plans/NAME.yaml as a person would
// see them running check inside that folder. Paths inside messages keep it.
func relativeToFixtures(s string) string {
	prefix := invalidDir + string(filepath.Separator)
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, prefix)
	}
	return strings.Join(lines, "")
}

// goisms are fragments of Go and library internals that must never reach
// the officer reading check's output. The parser's own "yaml: " prefix is
// looked for where the loader puts parser text (the start, or inside the
// parentheses), not after a file name such as "nope.yaml: ".
var goisms = []string{"strconv", "cannot unmarshal", "*yaml.Node", "%!", "<nil>", "!!str", "!!map", "!!seq"}

var yamlPrefixRE = regexp.MustCompile(`(^|\()yaml: `)

// goism returns the Go internals msg shows, or "".
func goism(msg string) string {
	for _, g := range goisms {
		if strings.Contains(msg, g) {
			return g
		}
	}
	return yamlPrefixRE.FindString(msg)
}

// quotedRE matches a %q-quoted value: a user's text, which may be Vietnamese
// in either language.
var quotedRE = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// checkDiagnostic checks what every diagnostic of a fixture must be: at a
// position, free of Go internals, and really translated both ways.
func checkDiagnostic(t *testing.T, d config.Diagnostic) {
	t.Helper()
	vi, en := d.Msg.Text(lang.Vietnamese), d.Msg.Text(lang.English)
	where := d.Text(lang.Vietnamese)
	if d.File == "" || d.Line < 1 || d.Col < 1 {
		t.Errorf("%s: got position %q:%d:%d, want a file, line and column", where, d.File, d.Line, d.Col)
	}
	for _, msg := range []string{vi, en} {
		if g := goism(msg); g != "" {
			t.Errorf("%s: message %q contains %q", where, msg, g)
		}
	}
	if strings.TrimSpace(vi) == "" {
		t.Errorf("%s: got an empty message", where)
	}
	if vi == en {
		t.Errorf("%s: got the same text in English and Vietnamese, want a translation", where)
	}
	if !strings.ContainsFunc(quotedRE.ReplaceAllString(vi, ""), isVietnameseLetter) {
		t.Errorf("%s: Vietnamese message %q has no Vietnamese outside quoted values", where, vi)
	}
	if strings.ContainsFunc(quotedRE.ReplaceAllString(en, ""), isVietnameseLetter) {
		t.Errorf("%s: English message %q has Vietnamese outside quoted values", where, en)
	}
}

// isVietnameseLetter reports a letter outside ASCII: in these messages,
// one with a diacritic or đ.
func isVietnameseLetter(r rune) bool { return r > unicode.MaxASCII && unicode.IsLetter(r) }
