package notify

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// TestRenderExample renders every message the example configuration sends
// in its year, on every channel, in both languages: no template fails on
// a real plan, and every SMS keeps its code when cut to two segments.
func TestRenderExample(t *testing.T) {
	cfg, diags := config.Load(filepath.Join("..", "config.example.yaml"))
	if diags.HasErrors() {
		t.Fatalf("config.example.yaml does not load:\n%s", diags.Render(lang.English))
	}
	ns := notifications(cfg)
	if len(ns) < 100 {
		t.Fatalf("the example sends %d notifications in 2019, want a campaign", len(ns))
	}
	kinds := map[plan.Kind]int{}
	for _, lng := range []lang.Lang{lang.Vietnamese, lang.English} {
		cfg.Service.Language = lng
		for i := range ns {
			n := &ns[i]
			kinds[n.Kind]++
			for _, ch := range n.Channels {
				m, err := Render(cfg, n, ch, fakeLinks{})
				if err != nil {
					t.Fatalf("%s: %v", n.Rule, err)
				}
				if ch != plan.ChannelSMS {
					continue
				}
				got := PhoneSMS(m, SMSLimits{MaxSegments: 2}).Text
				// A unit that confirms nothing has no code line.
				wantTail := ""
				if i := strings.LastIndexByte(m.Text, '\n'); i >= 0 {
					wantTail = "\n" + toGSM(lang.StripDiacritics(m.Text[i+1:]))
				}
				if Segments(got) > 2 || !strings.HasSuffix(got, wantTail) {
					t.Fatalf("SMS %s cut wrong: %q", n.Rule, got)
				}
			}
		}
	}
	for _, k := range []plan.Kind{plan.KindDistribution, plan.KindReminder, plan.KindDeadline, plan.KindOverdue, plan.KindEscalation} {
		if kinds[k] == 0 {
			t.Errorf("the example has no %s notification to render", k)
		}
	}
}

// TestRenderBare renders a plan that says only what it must (no issuer,
// number, refs, descriptions, email channel): no gaps show in the messages.
func TestRenderBare(t *testing.T) {
	var kept []string
	for _, l := range strings.Split(testConfig, "\n") {
		switch strings.Fields(l + " x")[0] {
		case "issuer:", "number:", "ref:", "description:":
			continue
		}
		kept = append(kept, l)
	}
	// No email channel: no sender.
	bare := strings.Join(kept, "\n")
	i, j := strings.Index(bare, "channels:"), strings.Index(bare, "units:")
	bare = bare[:i] + bare[j:]
	for _, lng := range []lang.Lang{lang.Vietnamese, lang.English} {
		src := strings.Replace(bare, "LANG", string(lng), 1)
		cfg, diags := config.Parse("bare.yaml", []byte(src), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
		if diags.HasErrors() {
			t.Fatalf("config does not load:\n%s", diags.Render(lang.English))
		}
		if cfg.Plans[0].Issuer != "" || cfg.Plans[0].Tasks[0].Ref != "" {
			t.Fatalf("the bare plan still has an issuer or a ref")
		}
		for _, n := range notifications(cfg) {
			for _, ch := range n.Channels {
				for _, links := range []Links{nil, fakeLinks{}} {
					m, err := Render(cfg, &n, ch, links)
					if err != nil {
						t.Fatalf("%s %s: %v", lng, n.Rule, err)
					}
					for _, s := range []string{m.Subject, m.Text, m.HTML} {
						for _, line := range strings.Split(strings.ReplaceAll(s, "<br>", "\n"), "\n") {
							// A line may be indented (a deadline under its task).
							for _, bad := range []string{"<no value>", "  ", " .", "()", " ,", "của .", "of ."} {
								if strings.Contains(strings.TrimLeft(line, " "), bad) {
									t.Errorf("%s %s %s holds %q:\n%s", lng, n.Rule, ch, bad, s)
								}
							}
						}
					}
				}
			}
		}
	}
}
