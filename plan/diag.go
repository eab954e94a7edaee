package plan

import (
	"fmt"
	"sort"
	"strings"
)

// Lang is a language of messages: "vi" (the default) or "en".
type Lang string

// The languages nhacviec speaks.
const (
	Vietnamese Lang = "vi"
	English    Lang = "en"
)

// catalog holds every message a person reads, keyed by a short id, in
// Vietnamese and English. Files add their own messages with register.
var catalog = map[string][2]string{}

// register adds messages to the catalog; each value is {vi, en}, both
// fmt formats taking the same arguments in the same order.
func register(m map[string][2]string) {
	for k, v := range m {
		if _, dup := catalog[k]; dup {
			panic("plan: message " + k + " registered twice")
		}
		catalog[k] = v
	}
}

// Message is a text for a person, held as a catalog key and its arguments
// so it can be rendered in either language. It is also an error.
type Message struct {
	Key  string
	Args []any
}

// errorf returns a Message as an error.
func errorf(key string, args ...any) error { return Message{Key: key, Args: args} }

// Text renders the message in lang.
func (m Message) Text(lang Lang) string {
	f, ok := catalog[m.Key]
	if !ok {
		return m.Key + fmt.Sprint(m.Args...)
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		if inner, ok := a.(Message); ok {
			a = inner.Text(lang)
		}
		args[i] = a
	}
	if lang == English {
		return fmt.Sprintf(f[1], args...)
	}
	return fmt.Sprintf(f[0], args...)
}

// Error renders the message in English, for logs and wrapped errors.
func (m Message) Error() string { return m.Text(English) }

// Severity tells an error from a warning.
type Severity int

// Severities of a Diagnostic.
const (
	Error Severity = iota
	Warning
)

// Diagnostic is one problem found in a configuration or plan file, at a
// position a person can open in an editor.
type Diagnostic struct {
	File     string
	Line     int
	Col      int
	Severity Severity
	Msg      Message
}

// Text renders the diagnostic as FILE:LINE:COL: message, with a
// "warning:" prefix for warnings.
func (d Diagnostic) Text(lang Lang) string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d:%d", d.Line, d.Col)
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		if lang == English {
			b.WriteString("warning: ")
		} else {
			b.WriteString("cảnh báo: ")
		}
	}
	b.WriteString(d.Msg.Text(lang))
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
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Render renders every diagnostic, one per line, in lang.
func (ds Diagnostics) Render(lang Lang) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.Text(lang))
		b.WriteByte('\n')
	}
	return b.String()
}

// Error renders the diagnostics in English.
func (ds Diagnostics) Error() string { return strings.TrimSuffix(ds.Render(English), "\n") }
