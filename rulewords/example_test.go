package rulewords_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/rulewords"
	"go.yaml.in/yaml/v3"
)

// rule is one rule written in a plan, at its line.
type rule struct {
	key, value string
	line       int
}

// ruleKeys are the keys whose value says when something is sent or how
// long is waited. on: is not among them: it is a date and a time, which
// the forms take with a date picker, not as a rule.
var ruleKeys = []string{"before", "before_end", "at", "every", "due_every", "grace", "overdue_every", "after", "ack_within"}

// rulesOf returns every rule of the plans in a configuration file: the
// keys above wherever they stand under plans, and the bare durations of a
// deadline's remind list (key "").
func rulesOf(t testing.TB, path string) []rule {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	var out []rule
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.DocumentNode, yaml.SequenceNode:
			for _, c := range n.Content {
				walk(c)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				switch {
				case v.Kind == yaml.ScalarNode && slices.Contains(ruleKeys, k.Value):
					out = append(out, rule{k.Value, v.Value, v.Line})
				case k.Value == "remind" && v.Kind == yaml.SequenceNode:
					for _, item := range v.Content {
						if item.Kind == yaml.ScalarNode {
							out = append(out, rule{"", item.Value, item.Line})
						}
					}
				}
				walk(v)
			}
		}
	}
	for i := 0; i+1 < len(doc.Content[0].Content); i += 2 {
		if doc.Content[0].Content[i].Value == "plans" {
			walk(doc.Content[0].Content[i+1])
		}
	}
	return out
}

// TestExampleRulesRoundTrip checks that every rule of the example plan is
// one the forms can say, and that its syntax back is the same rule: the
// same 20 next times for a cron spec, the same offset for a duration.
func TestExampleRulesRoundTrip(t *testing.T) {
	rules := rulesOf(t, "../config.example.yaml")
	kinds := map[rulewords.Kind]int{}
	for _, r := range rules {
		t.Run(fmt.Sprintf("line %d %s %s", r.line, r.key, r.value), func(t *testing.T) {
			c := rulewords.Parse(r.key, r.value)
			if c.Kind == rulewords.Custom || c.Kind == rulewords.None {
				t.Fatalf("got %v, want a choice the forms can say", c.Kind)
			}
			kinds[c.Kind]++
			key, value := c.Syntax()
			sameRule(t, r.key, r.value, key, value)
			back, err := rulewords.FromForm(c.Form("r."), "r.")
			if err != nil {
				t.Fatalf("the form of %+v: got error %v, want none", c, err)
			}
			if back != c {
				t.Errorf("through its form: got %+v, want %+v", back, c)
			}
		})
	}
	// The example plan uses every kind but the daily one; a walk that
	// found nothing would pass the loop above.
	for _, k := range []rulewords.Kind{rulewords.Before, rulewords.BeforeEnd, rulewords.AtStart, rulewords.AtEnd, rulewords.After,
		rulewords.Weekly, rulewords.Monthly, rulewords.Quarterly, rulewords.HalfYearly} {
		if kinds[k] == 0 {
			t.Errorf("got no %v rule in the example, want some (found %v)", k, kinds)
		}
	}
	if len(rules) < 60 {
		t.Errorf("got %d rules in the example, want its 60 or more", len(rules))
	}
}

// sameRule fails t unless the rule (key2, value2) written back is the rule
// (key, value) as it was written.
func sameRule(t testing.TB, key, value, key2, value2 string) {
	t.Helper()
	switch key {
	case "every", "due_every":
		if key2 != "every" {
			t.Fatalf("got key %q, want every", key2)
		}
		a, b := nextTimes(t, value), nextTimes(t, value2)
		for i := range a {
			if !a[i].Equal(b[i]) {
				t.Errorf("%q written back as %q: got time %d %v, want %v", value, value2, i, b[i], a[i])
				break
			}
		}
	case "at":
		if key2 != "at" || value2 != strings.TrimSpace(value) {
			t.Errorf("got %s: %s, want at: %s", key2, value2, value)
		}
	default:
		want := map[string]string{"": "before", "before": "before", "before_end": "before_end"}[key]
		if want == "" {
			want = "after"
		}
		if key2 != want {
			t.Errorf("got key %q, want %q", key2, want)
		}
		a, err1 := calendar.ParseDuration(value)
		b, err2 := calendar.ParseDuration(value2)
		if err1 != nil || err2 != nil || a != b {
			t.Errorf("%q written back as %q: got %v (%v), want %v (%v)", value, value2, b, err2, a, err1)
		}
	}
}

// nextTimes returns the next 20 times a cron spec fires after the start
// of 2019 in the example's time zone (leap years and months of 30 days
// come inside them for the yearly and monthly rules: the walk goes on
// from each time).
func nextTimes(t testing.TB, spec string) []time.Time {
	t.Helper()
	sched, err := config.ParseCron(spec)
	if err != nil {
		t.Fatalf("spec %q: %v", spec, err)
	}
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2019, 1, 1, 0, 0, 0, 0, loc)
	out := make([]time.Time, 20)
	for i := range out {
		at = sched.Next(at)
		out[i] = at
	}
	return out
}
