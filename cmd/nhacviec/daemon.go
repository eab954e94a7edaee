package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/scheduler"
	"github.com/nhacviec/nhacviec/store"
	"github.com/nhacviec/nhacviec/web"
)

// daemon is a running nhacviec run: the scheduler, the reloads and the
// control socket.
type daemon struct {
	env        *env
	configPath string
	log        *slog.Logger
	db         *store.DB
	dataDir    string
	clock      scheduler.Clock
	sched      *scheduler.Scheduler
	web        *web.Server
	listen     string
	metrics    *web.Metrics

	mu         sync.Mutex
	cfg        *plan.Config
	lastNext   time.Time
	lastReload reloadResult
}

// reloadResult is the outcome of the last reload, for status and logs.
type reloadResult struct {
	At     time.Time `json:"at"`
	OK     bool      `json:"ok"`
	Why    string    `json:"why"`
	Errors []string  `json:"errors,omitempty"`
}

func (d *daemon) config() *plan.Config {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.cfg
}

func (d *daemon) run(ctx context.Context, hup <-chan os.Signal) int {
	defer d.web.Close()
	if err := d.serveControl(); err != nil {
		d.log.Error("control socket", "err", err)
		return exitRuntime
	}
	if err := d.web.Open(ctx, d.listen); err != nil {
		d.log.Error("cannot listen for the web pages", "listen", d.listen, "err", err)
		return exitRuntime
	}
	d.log.Info("web pages", "listen", d.web.Addr())
	d.noteDiskVersions(d.config())
	changes := watchFiles(ctx, d.log, d.watched(d.config()))
	errc := make(chan error, 1)
	go func() { errc <- d.sched.Run(ctx) }()
	sdNotify("READY=1")
	d.log.Info("nhacviec started", "config", d.configPath, "data_dir", d.dataDir, "plans", len(d.config().Plans), "rules", d.config().Rules())
	for {
		select {
		case <-hup:
			d.reload("SIGHUP")
		case <-changes:
			d.reload("file changed")
		case err := <-errc:
			sdNotify("STOPPING=1")
			if errors.Is(err, store.ErrCorrupt) {
				// As at open: which file, and what to do.
				fmt.Fprintf(d.env.stderr, "nhacviec run: %s\n", tr(d.config().Service.Language, "run.corrupt", d.db.Path(), err))
				return exitRuntime
			}
			if err != nil {
				d.log.Error("scheduler stopped", "err", err)
				return exitRuntime
			}
			d.log.Info("nhacviec stopped")
			return exitOK
		}
	}
}

// watched lists the files whose change triggers a reload: the
// configuration and the plan files it names.
func (d *daemon) watched(cfg *plan.Config) []string {
	files := []string{d.configPath}
	for _, p := range cfg.Plans {
		if p.File != "" && p.File != d.configPath {
			files = append(files, p.File)
		}
	}
	return files
}

// reload validates the configuration on disk and, only if it is valid,
// hands it to the scheduler. An invalid file changes nothing.
func (d *daemon) reload(why string) reloadResult {
	sdNotify("RELOADING=1")
	defer sdNotify("READY=1")
	cfg, diags := loadConfig(d.configPath)
	res := reloadResult{At: time.Now(), Why: why, OK: !diags.HasErrors()}
	old := d.config()
	if !res.OK {
		for _, dg := range diags {
			if dg.Severity == config.Error {
				res.Errors = append(res.Errors, dg.Text(old.Service.Language))
			}
		}
		d.log.Error("reload refused: the file is invalid, the running plan is kept", "why", why, "errors", len(res.Errors), "first", res.Errors[0])
	} else {
		if cfg.Service.DataDir != old.Service.DataDir || cfg.Service.Listen != old.Service.Listen {
			d.log.Warn("data_dir and listen change only at restart", "why", why)
		}
		d.sched.Reload(cfg)
		d.mu.Lock()
		d.cfg = cfg
		d.mu.Unlock()
		d.log.Info("reloaded", "why", why, "plans", len(cfg.Plans))
		d.noteDiskVersions(cfg)
	}
	d.mu.Lock()
	d.lastReload = res
	d.mu.Unlock()
	d.metrics.SetReload(res.OK, res.At)
	_ = d.db.Log(store.Event{At: d.clock.Now(), What: "reload", Detail: reloadDetail(res)})
	return res
}

func reloadDetail(r reloadResult) string {
	if r.OK {
		return "ok (" + r.Why + ")"
	}
	return "refused (" + r.Why + "): " + r.Errors[0]
}

// idle is called each time the scheduler sleeps: it logs what comes next,
// and ends a rehearsal that has reached --until.
func (d *daemon) idle(next time.Time) {
	d.metrics.SetNextDue(next)
	d.mu.Lock()
	changed := !next.Equal(d.lastNext)
	d.lastNext = next
	d.mu.Unlock()
	if changed {
		if next.IsZero() {
			d.log.Info("nothing more to send")
		} else {
			d.log.Info("next notification", "at", next.In(d.config().Service.Location).Format("02/01/2006 15:04"))
		}
	}
}

// lastReloadResult is the last reload for the dashboard's banner: none
// yet counts as a success.
func (d *daemon) lastReloadResult() (time.Time, bool, []string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	r := d.lastReload
	return r.At, r.OK || r.At.IsZero(), r.Errors
}
