package main

import (
	"context"
	"fmt"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
)

// checkCommand validates the configuration and its plans, reporting every
// problem at once.
type checkCommand struct {
	env *env
}

// Run runs nhacviec check.
func (c *checkCommand) Run(ctx context.Context, args []string) int {
	fs := newFlagSet("check", c.env.stderr)
	conf := configFlag(fs)
	if err := fs.Parse(args); err != nil {
		return parseExit(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(c.env.stderr, "nhacviec check: thừa tham số %q / unexpected argument\n", fs.Arg(0))
		return exitUsage
	}
	cfg, diags := c.env.load(ctx, c.env.configPath(*conf), c.env.stdout, true)
	if cfg == nil {
		return exitInvalid
	}
	for _, d := range append(config.ChannelWarnings(cfg), config.PastWarnings(cfg, c.env.now())...) {
		fmt.Fprintln(c.env.stdout, d.Text(cfg.Service.Language))
	}
	_ = diags
	tasks := 0
	for _, p := range cfg.Plans {
		tasks += len(p.Tasks)
	}
	if cfg.Service.Language == lang.English {
		fmt.Fprintf(c.env.stdout, "%s: OK: %d plan(s), %d task(s), %d unit(s), %d rule(s)\n", cfg.File, len(cfg.Plans), tasks, len(cfg.Units), cfg.Rules())
	} else {
		fmt.Fprintf(c.env.stdout, "%s: hợp lệ: %d kế hoạch, %d nhiệm vụ, %d đơn vị, %d quy tắc nhắc việc\n", cfg.File, len(cfg.Plans), tasks, len(cfg.Units), cfg.Rules())
	}
	return exitOK
}
