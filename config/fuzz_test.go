package config_test

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// maxFuzzNotifications bounds the expansion of one input: a fuzzed plan
// can run for a century, 24 notifications a day.
const maxFuzzNotifications = 100_000

// maxFuzzInput is the largest input the fuzz targets try: a larger one
// finds nothing a small one would not, and slows the fuzzer down.
const maxFuzzInput = 64 << 10

// hangAfter is far beyond what any input needs (milliseconds): an input
// still running then is stuck in a loop, which the fuzzer would otherwise
// wait on forever without reporting it.
const hangAfter = 20 * time.Second

// FuzzParse feeds the parser arbitrary files, starting from the example
// configuration and every invalid fixture. Whatever the input, Parse must
// not panic; an invalid file must get positioned, readable diagnostics; a
// valid one must expand into notifications in time order with well-formed,
// unique ids.
func FuzzParse(f *testing.F) {
	seeds := []string{filepath.Join("..", "config.example.yaml")}
	for _, pattern := range []string{"*.yaml", filepath.Join("plans", "*.yaml")} {
		m, err := filepath.Glob(filepath.Join(invalidDir, pattern))
		if err != nil {
			f.Fatal(err)
		}
		seeds = append(seeds, m...)
	}
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	noFiles := func(string) ([]byte, error) { return nil, fs.ErrNotExist }

	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			t.Skip()
		}
		if data == nil {
			data = []byte{} // nil would make Parse read fuzz.yaml itself
		}
		defer watchHang("FuzzParse", data)()
		cfg, diags := config.Parse("fuzz.yaml", data, noFiles)
		if cfg == nil {
			t.Fatal("got a nil Config")
		}
		for _, d := range diags {
			msg := d.Msg.Text(lang.Vietnamese)
			if d.File == "" || d.Line < 0 || d.Col < 0 || strings.TrimSpace(msg) == "" {
				t.Errorf("got diagnostic %q at %q:%d:%d, want a file, a line ≥ 0 and a message", msg, d.File, d.Line, d.Col)
			}
			for _, lng := range []lang.Lang{lang.Vietnamese, lang.English} {
				if g := goism(d.Msg.Text(lng)); g != "" {
					t.Errorf("diagnostic %q contains %q", d.Msg.Text(lng), g)
				}
			}
		}
		if diags.HasErrors() {
			return
		}
		checkExpansion(t, cfg)
	})
}

// FuzzLoad feeds the loader a configuration and the plan file it may
// name, plan.yaml, starting from the
// example configuration and every invalid fixture with its plan file.
// Whatever the files, Load must not panic or hang; it must show at most
// config.MaxShown diagnostics and a line counting the rest; and a valid
// configuration must expand as FuzzParse checks.
func FuzzLoad(f *testing.F) {
	example, err := os.ReadFile(filepath.Join("..", "config.example.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(example, []byte{})
	fixtures, err := filepath.Glob(filepath.Join(invalidDir, "*.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range fixtures {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		// A fixture's plan file, if it names one, becomes plan.yaml.
		var planText []byte
		for _, m := range planFileRE.FindAllSubmatch(data, -1) {
			if p, err := os.ReadFile(filepath.Join(invalidDir, string(m[1]))); err == nil {
				planText = p
				data = bytes.ReplaceAll(data, m[1], []byte("plan.yaml"))
			}
		}
		f.Add(data, planText)
	}
	f.Fuzz(func(t *testing.T, conf, planText []byte) {
		if len(conf)+len(planText) > maxFuzzInput {
			t.Skip()
		}
		// The files are in memory, as the daemon's reload would read them
		// from disk: a fuzzer writing files makes few executions a second.
		readFile := func(name string) ([]byte, error) {
			if filepath.Base(name) == "plan.yaml" {
				return planText, nil
			}
			return nil, fs.ErrNotExist
		}
		if conf == nil {
			conf = []byte{} // nil would make Parse read the file itself
		}
		defer watchHang("FuzzLoad", conf)()
		cfg, diags := config.Parse("nhacviec.yaml", conf, readFile)
		if cfg == nil {
			t.Fatal("got a nil Config")
		}
		if lines := strings.Count(diags.Render(lang.English), "\n"); lines > config.MaxShown+1 {
			t.Errorf("got %d lines of diagnostics, want at most %d", lines, config.MaxShown+1)
		}
		for _, d := range diags {
			if d.File == "" || d.Line < 0 || d.Col < 0 || strings.TrimSpace(d.Msg.Text(lang.English)) == "" {
				t.Errorf("got diagnostic %q at %q:%d:%d, want a file, a line ≥ 0 and a message", d.Msg.Text(lang.English), d.File, d.Line, d.Col)
			}
		}
		if !diags.HasErrors() {
			checkExpansion(t, cfg)
		}
	})
}

// planFileRE finds the plan files a fixture names: "plans/NAME.yaml".
var planFileRE = regexp.MustCompile(`(plans/[a-z0-9-]+\.yaml)`)

// watchHang panics, naming the fuzz target and its input, when the call
// it guards is still running after hangAfter: the fuzzer would otherwise
// wait on it forever without reporting it. Defer the function it returns.
func watchHang(target string, data []byte) func() {
	done := make(chan struct{})
	go func() {
		select {
		case <-done:
		case <-time.After(hangAfter):
			panic(fmt.Sprintf("%s: still running after %v on %q", target, hangAfter, data))
		}
	}()
	return func() { close(done) }
}

// checkExpansion expands every plan's period and checks the order, range
// and ids of what comes out; then that expanding from a later instant
// gives exactly what the whole expansion gives from that instant on, so
// that no rule starts too late or too early.
func checkExpansion(t *testing.T, cfg *plan.Config) {
	t.Helper()
	if len(cfg.Plans) == 0 {
		t.Fatal("got no error and no plan")
	}
	from, to := cfg.Plans[0].Start(), cfg.Plans[0].End()
	for _, p := range cfg.Plans[1:] {
		if p.Start().Before(from) {
			from = p.Start()
		}
		if p.End().After(to) {
			to = p.End()
		}
	}
	all, complete := expand(t, cfg, from, to)
	if !complete || len(all) == 0 {
		return
	}
	mid := all[len(all)/2].At
	var want []string
	for _, n := range all {
		if !n.At.Before(mid) {
			want = append(want, n.ID)
		}
	}
	rest, _ := expand(t, cfg, mid, to)
	got := make([]string, len(rest))
	for i, n := range rest {
		got[i] = n.ID
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("expanding from %v gives %d notifications, want the %d of the whole expansion from then on", mid, len(got), len(want))
	}
}

// expand returns the notifications in [from, to), checking each, and
// whether it got them all before maxFuzzNotifications.
func expand(t *testing.T, cfg *plan.Config, from, to time.Time) ([]plan.Notification, bool) {
	t.Helper()
	it := cfg.Expand(from, to)
	seen := map[string]bool{}
	var out []plan.Notification
	var prev time.Time
	for i := 0; i < maxFuzzNotifications; i++ {
		n, ok := it.Next()
		if !ok {
			return out, true
		}
		if n.At.Before(prev) {
			t.Fatalf("notification %d at %v comes after one at %v", i, n.At, prev)
		}
		prev = n.At
		if n.At.Before(from) || !n.At.Before(to) {
			t.Fatalf("notification %d at %v, want it in [%v, %v)", i, n.At, from, to)
		}
		if len(n.ID) != 32 {
			t.Fatalf("notification %d: got id %q, want 32 hex digits", i, n.ID)
		}
		if _, err := hex.DecodeString(n.ID); err != nil {
			t.Fatalf("notification %d: got id %q, want 32 hex digits", i, n.ID)
		}
		if seen[n.ID] {
			t.Fatalf("notification %d: id %s (%s %s %s to %s at %v) was already given", i, n.ID, n.Plan, n.Task, n.Rule, n.Unit, n.At)
		}
		seen[n.ID] = true
		if cfg.Plan(n.Plan) == nil || cfg.Units[n.Unit] == nil {
			t.Fatalf("notification %d names plan %q and unit %q, want declared ones", i, n.Plan, n.Unit)
		}
		out = append(out, n)
	}
	return out, false
}
