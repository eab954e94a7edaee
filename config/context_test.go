package config_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
)

// TestLoadContextStops loads a large configuration with a context already
// cancelled: the load stops at once and says it was interrupted.
func TestLoadContextStops(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("units:\n")
	for i := range 20_000 {
		fmt.Fprintf(&b, "  u%d: {name: U, contacts: [{email: u@example.org}]}\n", i)
	}
	b.WriteString("plans: [plan.yaml]\n")
	path := filepath.Join(dir, "c.yaml")
	for name, text := range map[string]string{path: b.String(), filepath.Join(dir, "plan.yaml"): strings.NewReplacer("[a]", "[u1]", "owner: a", "owner: u1").Replace(boundsPlan)} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, diags := config.LoadContext(context.Background(), path); diags.HasErrors() {
		t.Fatalf("the configuration is not valid:\n%s", diags.Render(lang.English))
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cfg, diags := config.LoadContext(ctx, path)
	if got := diags.Render(lang.English); !strings.Contains(got, "the check was interrupted before the end") {
		t.Errorf("got diagnostics\n%s\nwant the interruption", got)
	}
	if len(cfg.Units) > 1 || len(cfg.Plans) > 0 {
		t.Errorf("got %d units and %d plans loaded, want the load to stop at once", len(cfg.Units), len(cfg.Plans))
	}
}
