package config_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
)

// boundsUnits is a valid start of a configuration: its lines 1-6.
const boundsUnits = `service: {language: en}
units:
  a:
    name: A
    contacts: [{email: a@example.org}]
plans: [plan.yaml]
`

// boundsPlan is a valid plan file; tasks are appended to it.
const boundsPlan = `id: p
title: P
year: 2026
owner: a
tasks:
  - {id: t, title: T, lead: [a]}
`

// TestBounds loads configurations meant to make the loader work without
// end, or to hide their mistakes, and checks that each is refused with
// its message, quickly. setup writes the files into dir and returns the
// configuration's path.
func TestBounds(t *testing.T) {
	write := func(t *testing.T, dir, name, text string) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) string
		want  []string // lines of the rendered diagnostics, in order (a prefix of each)
		count int      // the number of lines printed, when not len(want)
	}{{
		name: "an alias is refused at its line",
		setup: func(t *testing.T, dir string) string {
			write(t, dir, "plan.yaml", boundsPlan)
			return write(t, dir, "c.yaml", strings.Replace(boundsUnits, "  a:\n", "  a: &u\n", 1)+"groups: {g: [*u]}\n")
		},
		want: []string{"c.yaml:7:14: aliases (*name) are not allowed: write the value out"},
	}, {
		name: "a billion laughs stops at the first alias, unexpanded",
		setup: func(t *testing.T, dir string) string {
			var b strings.Builder
			b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
			for i := 1; i < 10; i++ {
				fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
			}
			return write(t, dir, "c.yaml", b.String())
		},
		want:  []string{"c.yaml:2:10: aliases (*name) are not allowed"},
		count: 51,
	}, {
		name: "the errors shown stop at 50, with a count of the rest",
		setup: func(t *testing.T, dir string) string {
			var b strings.Builder
			b.WriteString(boundsPlan)
			for i := range 120 {
				fmt.Fprintf(&b, "  - {id: t%d, title: T, lead: [nobody-%d]}\n", i, i)
			}
			write(t, dir, "plan.yaml", b.String())
			return write(t, dir, "c.yaml", boundsUnits)
		},
		want:  []string{`plan.yaml:7:31: no unit or group is called "nobody-0"`, `plan.yaml:8:31: no unit or group is called "nobody-1"`},
		count: 51,
	}, {
		name: "a device is not read",
		setup: func(t *testing.T, dir string) string {
			return "/dev/zero"
		},
		want: []string{"/dev/zero: /dev/zero is not a regular file (a device, a pipe or a folder): name the YAML file itself"},
	}, {
		name: "a FIFO named as a plan is not opened",
		setup: func(t *testing.T, dir string) string {
			if err := syscall.Mkfifo(filepath.Join(dir, "plan.yaml"), 0o644); err != nil {
				t.Skipf("no FIFO here: %v", err)
			}
			return write(t, dir, "c.yaml", boundsUnits)
		},
		want: []string{"c.yaml:6:9: " + "PLAN is not a regular file"},
	}, {
		name: "a file over 10 MB is not read",
		setup: func(t *testing.T, dir string) string {
			p := write(t, dir, "c.yaml", boundsUnits)
			if err := os.Truncate(p, 10<<20+1); err != nil {
				t.Fatal(err)
			}
			return p
		},
		want: []string{"c.yaml: c.yaml is larger than 10 MB"},
	}, {
		name: "a chain of groups stops at 16 levels",
		setup: func(t *testing.T, dir string) string {
			write(t, dir, "plan.yaml", boundsPlan)
			var b strings.Builder
			b.WriteString(boundsUnits + "groups:\n")
			for i := range 40 {
				fmt.Fprintf(&b, "  g%d: [g%d]\n", i, i+1) // line 8+i
			}
			b.WriteString("  g40: [a]\n")
			return write(t, dir, "c.yaml", b.String())
		},
		want: []string{
			`c.yaml:23:9: group "g0" nests groups more than 16 deep (g0 → g1 → g2 …)`,
			`c.yaml:39:9: group "g16" nests groups more than 16 deep (g16 → g17 → g18 …)`,
		},
	}, {
		name: "a group cycle is still a cycle",
		setup: func(t *testing.T, dir string) string {
			write(t, dir, "plan.yaml", boundsPlan)
			return write(t, dir, "c.yaml", boundsUnits+"groups:\n  x: [y]\n  y: [x]\n")
		},
		want: []string{`c.yaml:9:7: group "y" contains itself: y → x → y`},
	}, {
		name: "did you mean skips ids too long to compare",
		setup: func(t *testing.T, dir string) string {
			// Comparing each of these ids with each other would take
			// minutes: 50,000² steps each.
			long := strings.Repeat("a", 50_000)
			write(t, dir, "plan.yaml", strings.Replace(boundsPlan, "lead: [a]", "lead: [a, b"+long+"]", 1))
			var b strings.Builder
			b.WriteString(boundsUnits + "groups:\n")
			for i := range 5 {
				fmt.Fprintf(&b, "  ? %s%d\n  : [a]\n", long, i)
			}
			return write(t, dir, "c.yaml", b.String())
		},
		want: []string{"plan.yaml:6:33: no unit or group is called"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := tt.setup(t, dir)
			got := loadWithin(t, 5*time.Second, path)
			got = strings.ReplaceAll(got, dir+string(filepath.Separator), "")
			got = strings.ReplaceAll(got, "plan.yaml is not", "PLAN is not")
			lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
			count := tt.count
			if count == 0 {
				count = len(tt.want)
			}
			if len(lines) != count {
				t.Errorf("got %d lines, want %d:\n%s", len(lines), count, got)
			}
			for i, w := range tt.want {
				if i >= len(lines) || !strings.HasPrefix(lines[i], w) {
					t.Errorf("line %d: want it to start with %q; got:\n%s", i+1, w, got)
				}
			}
		})
	}
}

// loadWithin loads path and renders its diagnostics in English, failing
// the test (rather than hanging it) when that takes longer than limit.
func loadWithin(t *testing.T, limit time.Duration, path string) string {
	t.Helper()
	done := make(chan string, 1)
	go func() {
		_, diags := config.Load(path)
		done <- diags.Render(lang.English)
	}()
	select {
	case got := <-done:
		return got
	case <-time.After(limit):
		t.Fatalf("Load(%s) still running after %v", path, limit)
		return ""
	}
}

// TestRenderCountsTheRest checks the last line of a long list: the count
// of the errors and warnings not shown.
func TestRenderCountsTheRest(t *testing.T) {
	var ds config.Diagnostics
	for i := range 60 {
		sev := config.Error
		if i%10 == 9 {
			sev = config.Warning
		}
		ds = append(ds, config.Diagnostic{Severity: sev, Msg: lang.Message{Key: "plans.none"}})
	}
	lines := strings.Split(strings.TrimSuffix(ds.Render(lang.English), "\n"), "\n")
	if len(lines) != 51 {
		t.Fatalf("got %d lines, want 51", len(lines))
	}
	if got, want := lines[50], "… and 9 more errors and 1 warnings"; got != want {
		t.Errorf("got last line %q, want %q", got, want)
	}
}
