package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/nhacviec/nhacviec/report"
	"github.com/nhacviec/nhacviec/store"
)

// statusCommand shows where the plans stand, through the running daemon
// or on the store directly.
type statusCommand struct {
	env *env
}

// Run runs nhacviec status.
func (c *statusCommand) Run(ctx context.Context, args []string) int {
	fs := newFlagSet("status", c.env.stderr)
	config := configFlag(fs)
	format := fs.String("format", "table", "table | json")
	if err := fs.Parse(args); err != nil {
		return parseExit(err)
	}
	if fs.NArg() > 0 || (*format != "table" && *format != "json") {
		fmt.Fprintln(c.env.stderr, "nhacviec status [-c FILE] [--format table|json]")
		return exitUsage
	}
	cfg, _ := c.env.load(ctx, c.env.configPath(*config), c.env.stderr, false)
	if cfg == nil {
		return exitInvalid
	}
	lang := cfg.Service.Language
	var rep *report.Report
	body, err := controlGet(cfg.Service.DataDir, "/-/status?next=10")
	switch {
	case err == nil:
		defer body.Close()
		rep = new(report.Report)
		if err := json.NewDecoder(body).Decode(rep); err != nil {
			fmt.Fprintf(c.env.stderr, "nhacviec status: %v\n", err)
			return exitRuntime
		}
	case errors.Is(err, errNoDaemon):
		path := filepath.Join(cfg.Service.DataDir, "nhacviec.db")
		var src report.Source = noRecords{}
		db, err := store.Open(path, store.Options{LockTimeout: time.Second, ReadOnly: true})
		switch {
		case errors.Is(err, os.ErrNotExist):
			// Never run yet: nothing sent, everything to come.
		case err != nil:
			fmt.Fprintf(c.env.stderr, "nhacviec status: %s\n", storeError(lang, path, err))
			return exitRuntime
		default:
			defer db.Close()
			src = db
		}
		if rep, err = report.Build(cfg, src, c.env.now(), 10); err != nil {
			fmt.Fprintf(c.env.stderr, "nhacviec status: %v\n", err)
			return exitRuntime
		}
	default:
		fmt.Fprintf(c.env.stderr, "nhacviec status: %v\n", err)
		return exitRuntime
	}
	if *format == "json" {
		enc := json.NewEncoder(c.env.stdout)
		enc.SetIndent("", "  ")
		enc.Encode(rep)
		return exitOK
	}
	tw := tabwriter.NewWriter(c.env.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join([]string{tr(lang, "col.task"), tr(lang, "col.unit"), tr(lang, "st.sent"), tr(lang, "st.outbox"), tr(lang, "st.pending"),
		tr(lang, "st.failed"), tr(lang, "st.missed"), tr(lang, "st.acked"), tr(lang, "st.overdue")}, "\t"))
	for _, r := range rep.Rows {
		task := r.Task
		if task == "" {
			task = tr(lang, "cli.kind.distribution")
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", task, r.Unit, r.Sent, r.Outbox, r.Pending, r.Failed, r.Missed, r.Acknowledged, r.Overdue)
	}
	tw.Flush()
	if len(rep.Next) > 0 {
		fmt.Fprintln(c.env.stdout)
		fmt.Fprintln(c.env.stdout, tr(lang, "st.next"))
		for _, n := range rep.Next {
			fmt.Fprintf(c.env.stdout, "  %s  %s  %s  %s\n", formatTime(n.At.In(cfg.Service.Location)), tr(lang, "cli.kind."+string(n.Kind)), n.Task, n.Unit)
		}
	}
	return exitOK
}

// noRecords is the store of a daemon that never ran.
type noRecords struct{}

func (noRecords) DeliveriesWith(func(*store.Delivery) bool, func(store.Delivery) error) error {
	return nil
}

func (noRecords) Acks(func(store.Ack) error) error { return nil }
