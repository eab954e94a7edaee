package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/store"
)

// ackCommand records an acknowledgement on a unit's behalf (after a phone
// call, say), through the running daemon or on the store.
type ackCommand struct {
	env *env
}

// Run runs nhacviec ack ID|CODE [--unit ID] [--done] [--by NAME] [--note TEXT].
func (c *ackCommand) Run(ctx context.Context, args []string) int {
	fs := newFlagSet("ack", c.env.stderr)
	config := configFlag(fs)
	done := fs.Bool("done", false, "đã hoàn thành / đã nộp báo cáo (not only received)")
	by := fs.String("by", "", "người xác nhận / who confirms")
	note := fs.String("note", "", "ghi chú / note")
	unit := fs.String("unit", "", "đơn vị, khi dùng mã SMS 4 số / the unit, with a 4-digit SMS code")
	// The key may stand before, between or after the flags.
	var key string
	for {
		if err := fs.Parse(args); err != nil {
			return parseExit(err)
		}
		if fs.NArg() == 0 {
			break
		}
		if key != "" {
			fmt.Fprintln(c.env.stderr, "nhacviec ack [-c FILE] ID|TOKEN|CODE [--unit ID] [--done] [--by NAME] [--note TEXT]")
			return exitUsage
		}
		key, args = fs.Arg(0), fs.Args()[1:]
	}
	if key == "" {
		fmt.Fprintln(c.env.stderr, "nhacviec ack [-c FILE] ID|TOKEN|CODE [--unit ID] [--done] [--by NAME] [--note TEXT]")
		return exitUsage
	}
	cfg, _ := c.env.load(ctx, c.env.configPath(*config), c.env.stderr, false)
	if cfg == nil {
		return exitInvalid
	}
	lang := cfg.Service.Language
	req := ack.Request{Key: strings.TrimSpace(key), Unit: *unit, Done: *done, By: *by, Note: *note}
	if req.By == "" {
		req.By = tr(lang, "ack.by")
	}
	body, _ := json.Marshal(req)
	res, err := controlPost(cfg.Service.DataDir, "/-/ack", body)
	if errors.Is(err, errNoDaemon) {
		path := filepath.Join(cfg.Service.DataDir, "nhacviec.db")
		db, err := store.Open(path, store.Options{LockTimeout: time.Second, MustExist: true})
		if err != nil {
			fmt.Fprintf(c.env.stderr, "nhacviec ack: %s\n", storeError(lang, path, err))
			return exitRuntime
		}
		defer db.Close()
		secret, err := ack.LoadSecret(cfg.Service.DataDir)
		if err != nil {
			fmt.Fprintf(c.env.stderr, "nhacviec ack: %v\n", err)
			return exitRuntime
		}
		r := ack.Apply(db, db, secret, req, "cli", c.env.now())
		res = &r
	} else if err != nil {
		fmt.Fprintf(c.env.stderr, "nhacviec ack: %v\n", err)
		return exitRuntime
	}
	if res.Error != "" {
		fmt.Fprintf(c.env.stderr, "nhacviec ack: %s\n", tr(lang, res.Error))
		return exitInvalid
	}
	what := tr(lang, "ack.received")
	if req.Done {
		what = tr(lang, "ack.done")
	}
	if res.Created {
		fmt.Fprintln(c.env.stdout, tr(lang, "ack.recorded", res.Unit, what, res.Task))
	} else {
		fmt.Fprintln(c.env.stdout, tr(lang, "ack.already", res.Unit, what, res.Task, formatTime(res.At.In(cfg.Service.Location))))
	}
	return exitOK
}

// controlPost posts body, as JSON, to the running daemon's path and reads
// its ack.Result; errNoDaemon when none runs.
func controlPost(dataDir, path string, body []byte) (*ack.Result, error) {
	rc, err := controlDo(dataDir, "POST", path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, err
	}
	var res ack.Result
	if err := json.Unmarshal(data, &res); err != nil {
		return nil, fmt.Errorf("daemon answered %q", data)
	}
	return &res, nil
}
