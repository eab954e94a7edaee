// Package config reads nhacviec's configuration file and the plan files it
// names into a plan.Config, and says what is wrong with them: every problem
// at FILE:LINE:COL, in the service language, with a "did you mean" where
// one is close, all of them at once.
package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// Severity tells an error from a warning.
type Severity int

// Severities of a Diagnostic.
const (
	Error Severity = iota
	Warning
)

// Diagnostic is one problem found in a configuration or plan file, at a
// position a person can open in an editor (a Line of 0 is the whole file).
type Diagnostic struct {
	plan.Pos
	Severity Severity
	Msg      lang.Message
}

// Text renders the diagnostic as FILE:LINE:COL: message, with a
// "warning:" prefix for warnings.
func (d Diagnostic) Text(l lang.Lang) string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", d.Line, d.Col)
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		if l == lang.English {
			b.WriteString("warning: ")
		} else {
			b.WriteString("cảnh báo: ")
		}
	}
	b.WriteString(d.Msg.Text(l))
	return b.String()
}

// Diagnostics is a list of problems. As an error it is returned only when
// it holds at least one Error.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error, not a warning.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Sort orders diagnostics by file, line and column, so a person reads them
// top to bottom.
func (ds Diagnostics) Sort() {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int { return a.Pos.Compare(b.Pos) })
}

// MaxShown is how many diagnostics Render shows: after that many a person
// fixes the first ones and checks again, and a broken file of a million
// lines must not print a million errors.
const MaxShown = 50

// Render renders the diagnostics, one per line, in lang: the first
// MaxShown of them, then a line counting the rest.
func (ds Diagnostics) Render(l lang.Lang) string {
	var b strings.Builder
	for i, d := range ds {
		if i == MaxShown {
			rest := Diagnostics(ds[i:])
			errs := rest.count(Error)
			m := lang.Message{Key: "diag.more", Args: []any{errs}}
			if w := len(rest) - errs; w > 0 {
				m = lang.Message{Key: "diag.more.warn", Args: []any{errs, w}}
			}
			b.WriteString(m.Text(l))
			b.WriteByte('\n')
			break
		}
		b.WriteString(d.Text(l))
		b.WriteByte('\n')
	}
	return b.String()
}

func (ds Diagnostics) count(sev Severity) int {
	n := 0
	for _, d := range ds {
		if d.Severity == sev {
			n++
		}
	}
	return n
}

// Error renders the diagnostics in English.
func (ds Diagnostics) Error() string { return strings.TrimSuffix(ds.Render(lang.English), "\n") }
