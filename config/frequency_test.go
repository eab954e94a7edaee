package config_test

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
)

// frequencyConfig has one task with a reminder on line 17 (every: at
// column 26) and a deadline on line 18 (due_every: at column 43).
const frequencyConfig = `service:
  language: en
  working_days: [mon, tue, wed, thu, fri, sat, sun]
units:
  a:
    name: A
    contacts: [{email: a@example.org}]
plans:
  - id: p
    title: P
    year: 2026
    owner: a
    tasks:
      - id: t
        title: T
        lead: [a]
        remind: [{every: "EVERY"}]
        deadlines: [{title: R, due_every: "DUE"}]
`

// TestAbsurdSchedules checks that a cron spec firing less than 5 minutes
// apart, or more than 24 times a day, is an error at its line, for every
// and due_every alike, and that a reasonable one is not.
func TestAbsurdSchedules(t *testing.T) {
	const fine = "0 17 15 * *"
	tests := []struct {
		every, due string
		want       string // the error, or "" for none
	}{
		{"* * * * * *", fine, `fuzz.yaml:17:26: spec "* * * * * *" fires at 00:00 and again at 00:00:01: too often`},
		{"*/1 * * * *", fine, `fuzz.yaml:17:26: spec "*/1 * * * *" fires at 00:00 and again at 00:01: too often`},
		{"* 8 * * *", fine, `fuzz.yaml:17:26: spec "* 8 * * *" fires at 08:00 and again at 08:01: too often`},
		{"0,3 8 * * MON", fine, `fuzz.yaml:17:26: spec "0,3 8 * * MON" fires at 08:00 and again at 08:03: too often`},
		{"58 23 * * *", fine, ""},
		{"0,58 0,23 * * *", fine, `fuzz.yaml:17:26: spec "0,58 0,23 * * *" fires at 23:58 and again at 00:00: too often`},
		{"*/5 * * * *", fine, `fuzz.yaml:17:26: spec "*/5 * * * *" fires 288 times a day for each unit: at most 24 are allowed`},
		{"*/30 * * * *", fine, `fuzz.yaml:17:26: spec "*/30 * * * *" fires 48 times a day for each unit`},
		{"0 * * * *", fine, ""},
		{"@hourly", fine, ""},
		{"*/15 8 * * *", fine, ""},
		{"0 8 * * MON", fine, ""},
		{"0 8 * * MON", "* * * * *", `fuzz.yaml:18:43: spec "* * * * *" fires at 00:00 and again at 00:01: too often`},
		{"0 8 * * MON", "0 */1 * * *", ""},
		{"0 8 * * MON", "*/10 * * * *", `fuzz.yaml:18:43: spec "*/10 * * * *" fires 144 times a day for each unit`},
	}
	for _, tt := range tests {
		t.Run(tt.every+" "+tt.due, func(t *testing.T) {
			src := strings.NewReplacer("EVERY", tt.every, "DUE", tt.due).Replace(frequencyConfig)
			_, diags := config.Parse("fuzz.yaml", []byte(src), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
			var errs []string
			for _, d := range diags {
				if d.Severity == config.Error {
					errs = append(errs, d.Text(lang.English))
				}
			}
			switch {
			case tt.want == "" && len(errs) > 0:
				t.Errorf("got errors %q, want none", errs)
			case tt.want != "" && (len(errs) != 1 || !strings.HasPrefix(errs[0], tt.want)):
				t.Errorf("got errors %q, want one starting %q", errs, tt.want)
			}
		})
	}
}

// TestManyUnknownNamesStayFast loads a plan with thousands of units and
// thousands of references to units that do not exist, each close to a
// real id: the "did you mean" searches must not compare every reference
// with every id.
func TestManyUnknownNamesStayFast(t *testing.T) {
	const n = 4000
	var b strings.Builder
	b.WriteString("units:\n")
	for i := range n {
		fmt.Fprintf(&b, "  unit-number-%05d: {name: U, contacts: [{email: u@example.org}]}\n", i)
	}
	b.WriteString("plans:\n  - id: p\n    title: P\n    year: 2026\n    owner: unit-number-00000\n    tasks:\n")
	for i := range n {
		fmt.Fprintf(&b, "      - {id: t%d, title: T, lead: [unit-numbr-%05d]}\n", i, i)
	}
	done := make(chan config.Diagnostics, 1)
	go func() {
		_, diags := config.Parse("many.yaml", []byte(b.String()), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
		done <- diags
	}()
	select {
	case diags := <-done:
		if got := len(diags); got != n {
			t.Errorf("got %d diagnostics, want one per reference, %d", got, n)
		}
		if got, want := diags[0].Text(lang.English), `did you mean "unit-number-00000"?`; !strings.HasSuffix(got, want) {
			t.Errorf("got %q, want a suggestion: %q", got, want)
		}
	case <-timeAfter(10):
		t.Fatalf("loading %d unknown references among %d units took more than 10 s", n, n)
	}
}

// timeAfter is time.After in seconds.
func timeAfter(s int) <-chan time.Time { return time.After(time.Duration(s) * time.Second) }
