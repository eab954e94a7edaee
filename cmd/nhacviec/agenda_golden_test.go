package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata with the current output")

// goldenNow is the clock of the golden tests: before the plan starts, so
// that nothing in the output depends on the day the tests run.
var goldenNow = time.Date(2018, time.December, 20, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))

// runMain runs the command line in-process and returns its exit status,
// stdout and stderr.
func runMain(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	e := &env{
		stdout: &stdout, stderr: &stderr,
		getenv: func(string) string { return "" },
		now:    func() time.Time { return goldenNow },
	}
	code := Main(context.Background(), args, e)
	return code, stdout.String(), stderr.String()
}

// agenda2019 runs agenda on the example configuration for the whole of 2019.
func agenda2019(t *testing.T, format string) string {
	t.Helper()
	code, stdout, stderr := runMain(t, "agenda", "-c", filepath.Join("..", "..", "config.example.yaml"),
		"--from", "01/01/2019", "--to", "31/12/2019", "--format", format)
	if code != exitOK || stderr != "" {
		t.Fatalf("agenda --format %s: got exit %d and stderr %q, want exit 0 and no stderr", format, code, stderr)
	}
	return stdout
}

// TestAgendaGolden compares the agenda of the example plan for 2019 with
// testdata/agenda-2019.*.golden. After a deliberate change, refresh them
// with: go test ./cmd/nhacviec -run Golden -update
func TestAgendaGolden(t *testing.T) {
	for _, format := range []string{"table", "json"} {
		t.Run(format, func(t *testing.T) {
			got := agenda2019(t, format)
			golden := filepath.Join("testdata", "agenda-2019."+format+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (create it with -update)", err)
			}
			if got == string(want) {
				return
			}
			gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
			for i := 0; i < max(len(gl), len(wl)); i++ {
				var g, w string
				if i < len(gl) {
					g = gl[i]
				}
				if i < len(wl) {
					w = wl[i]
				}
				if g != w {
					t.Fatalf("%s differs from the output at line %d (of %d, want %d):\ngot  %q\nwant %q\nif the change is deliberate, run go test ./cmd/nhacviec -run Golden -update and review the diff",
						golden, i+1, len(gl), len(wl), g, w)
				}
			}
		})
	}
}

// TestAgenda2019Consistent checks what a golden file cannot: that the two
// formats agree, and that the JSON holds one year of the plan, in order,
// in the plan's time zone.
func TestAgenda2019Consistent(t *testing.T) {
	var items []struct {
		ID          string   `json:"id"`
		At          string   `json:"at"`
		Plan        string   `json:"plan"`
		Task        string   `json:"task"`
		Kind        string   `json:"kind"`
		Unit        string   `json:"unit"`
		Channels    []string `json:"channels"`
		Conditional bool     `json:"conditional"`
		Condition   string   `json:"condition"`
		Deferred    bool     `json:"deferred"`
	}
	if err := json.Unmarshal([]byte(agenda2019(t, "json")), &items); err != nil {
		t.Fatalf("agenda --format json: got invalid JSON: %v", err)
	}
	if len(items) == 0 {
		t.Fatal("agenda --format json: got no notification for 2019, want the year's")
	}
	ids := map[string]bool{}
	var prev time.Time
	for i, n := range items {
		at, err := time.Parse(time.RFC3339, n.At)
		if err != nil {
			t.Fatalf("item %d: at %q is not RFC 3339: %v", i, n.At, err)
		}
		if _, off := at.Zone(); off != 7*3600 {
			t.Errorf("item %d: at %q: got offset %ds, want +07:00", i, n.At, off)
		}
		if at.Year() != 2019 {
			t.Errorf("item %d: at %q: got year %d, want 2019", i, n.At, at.Year())
		}
		if at.Before(prev) {
			t.Errorf("item %d: at %s comes after %s: want time order", i, n.At, prev.Format(time.RFC3339))
		}
		prev = at
		if ids[n.ID] {
			t.Errorf("item %d: id %s: got it twice, want each id once", i, n.ID)
		}
		ids[n.ID] = true
		if n.Plan != "bdg-2019" || n.Unit == "" || len(n.Channels) == 0 {
			t.Errorf("item %d: got plan %q, unit %q, channels %v; want bdg-2019, a unit and its channels", i, n.Plan, n.Unit, n.Channels)
		}
		if wantCond := n.Kind == "overdue" || n.Kind == "escalation" || n.Condition != ""; n.Conditional != wantCond {
			t.Errorf("item %d (%s, %s): got conditional %v, want %v", i, n.Kind, n.Condition, n.Conditional, wantCond)
		}
		if n.Deferred && (len(n.Channels) != 1 || n.Channels[0] != "sms") {
			t.Errorf("item %d: deferred with channels %v, want only sms", i, n.Channels)
		}
		if h := at.Hour(); h >= 21 || h < 7 {
			for _, ch := range n.Channels {
				if ch == "sms" {
					t.Errorf("item %d: at %s: got an SMS inside the quiet hours 21:00-07:00", i, n.At)
				}
			}
		}
	}

	table := agenda2019(t, "table")
	m := regexp.MustCompile(`(?m)^Tổng cộng (\d+) thông báo\.$`).FindStringSubmatch(table)
	if m == nil {
		t.Fatalf("agenda table: got no total line, want \"Tổng cộng N thông báo.\"")
	}
	if n, _ := strconv.Atoi(m[1]); n != len(items) {
		t.Errorf("agenda table: got a total of %d, want %d as in the JSON", n, len(items))
	}
	rows := regexp.MustCompile(`(?m)^\d\d/\d\d/2019 \d\d:\d\d  `).FindAllString(table, -1)
	if len(rows) != len(items) {
		t.Errorf("agenda table: got %d rows, want %d as in the JSON", len(rows), len(items))
	}
}
