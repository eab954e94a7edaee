package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/internal/credential"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// defaultConfigPath is used when neither -c nor $NHACVIEC_CONFIG is given.
const defaultConfigPath = "./nhacviec.yaml"

// configFlag registers -c and --config on fs.
func configFlag(fs *flag.FlagSet) *string {
	p := new(string)
	fs.StringVar(p, "c", "", "tệp cấu hình / configuration file")
	fs.StringVar(p, "config", "", "tệp cấu hình / configuration file")
	return p
}

func (e *env) configPath(flagValue string) string {
	if flagValue != "" {
		return flagValue
	}
	if p := e.getenv("NHACVIEC_CONFIG"); p != "" {
		return p
	}
	return defaultConfigPath
}

// load reads the configuration and prints its errors (and, with warnings,
// its warnings) to w in the service language. The config is nil when it
// has errors. It stops early when ctx is done: a command interrupted by
// SIGINT or SIGTERM, which main turns into ctx.
func (e *env) load(ctx context.Context, path string, w io.Writer, warnings bool) (*plan.Config, config.Diagnostics) {
	cfg, diags := loadConfigContext(ctx, path)
	shown := diags
	if !warnings {
		shown = nil
		for _, d := range diags {
			if d.Severity != config.Warning {
				shown = append(shown, d)
			}
		}
	}
	fmt.Fprint(w, shown.Render(cfg.Service.Language))
	if diags.HasErrors() {
		return nil, diags
	}
	return cfg, diags
}

// newFlagSet makes a flag set that reports errors instead of exiting. A
// mistake prints the error and where the help is; the help itself (-h) is
// Main's, on stdout. A flagCollector as w is given the flag set, so help
// and completion list the flags the command really parses.
func newFlagSet(name string, w io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(w)
	cmd, _, _ := strings.Cut(name, " ")
	fs.Usage = func() { fmt.Fprintf(w, "xem / see: nhacviec help %s\n", cmd) }
	if c, ok := w.(*flagCollector); ok {
		c.fs = fs
	}
	return fs
}

// parseExit is the exit code of a flag parse error: 0 for -h, which asked
// for the usage, 2 for a mistake.
func parseExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}

// loadConfig loads and validates the configuration, its plans and the
// plans' own message templates, which are tried on the messages they will
// render.
func loadConfig(path string) (*plan.Config, config.Diagnostics) {
	return loadConfigContext(context.Background(), path)
}

// loadConfigContext is loadConfig, stopped early when ctx is done.
func loadConfigContext(ctx context.Context, path string) (*plan.Config, config.Diagnostics) {
	cfg, diags := config.LoadContext(ctx, path)
	// Secrets given as systemd credentials (%d/NAME) are read from
	// $CREDENTIALS_DIRECTORY, at start and at each reload.
	credential.Resolve(cfg, os.Getenv)
	if !diags.HasErrors() {
		for _, p := range notify.CheckTemplates(cfg) {
			sev := config.Error
			if p.Warning {
				sev = config.Warning
			}
			diags = append(diags, config.Diagnostic{Pos: p.Pos, Severity: sev, Msg: p.Msg})
		}
		diags.Sort()
	}
	return cfg, diags
}
