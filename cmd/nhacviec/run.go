package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"math"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/notify/outbox"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/scheduler"
	"github.com/nhacviec/nhacviec/store"
	"github.com/nhacviec/nhacviec/web"
)

// runCommand is the daemon: it loads the plan, opens the store, and sends
// every notification on time until it is stopped.
type runCommand struct {
	env *env

	configPath string
	rehearse   string
	speed      float64
	until      string
	deliver    bool
	newStore   bool
	newSecret  bool
}

// stopTimeout bounds how long a stopping daemon waits for sends in flight.
const stopTimeout = 10 * time.Second

// Run runs nhacviec run.
func (c *runCommand) Run(ctx context.Context, args []string) int {
	fs := newFlagSet("run", c.env.stderr)
	config := configFlag(fs)
	fs.StringVar(&c.rehearse, "rehearse", "", "diễn tập từ thời điểm này / rehearse from this time (dd/mm/yyyy [HH:MM])")
	fs.Float64Var(&c.speed, "speed", 3600, "tốc độ diễn tập / rehearsal speed")
	fs.StringVar(&c.until, "until", "", "dừng diễn tập tại / stop the rehearsal at")
	fs.BoolVar(&c.deliver, "deliver", false, "diễn tập nhưng gửi thật / rehearse, but really send")
	fs.BoolVar(&c.newStore, "new-store", false, "bắt đầu với kho dữ liệu mới dù thư mục dữ liệu đã được dùng / start a new store although data_dir was in use")
	fs.BoolVar(&c.newSecret, "new-secret", false, "tạo bí mật mới cho kho dữ liệu đã có (các liên kết đã gửi mất hiệu lực) / make a new secret for an existing store (links already sent stop working)")
	if err := fs.Parse(args); err != nil {
		return parseExit(err)
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(c.env.stderr, "nhacviec run: thừa tham số %q / unexpected argument\n", fs.Arg(0))
		return exitUsage
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if given["rehearse"] && c.rehearse == "" {
		// Never the real daemon by mistake: an empty value is not "no
		// rehearsal".
		fmt.Fprintln(c.env.stderr, "nhacviec run: --rehearse cần một thời điểm, ví dụ --rehearse 14/11/2019 / --rehearse needs a time, e.g. --rehearse 14/11/2019")
		return exitUsage
	}
	if c.rehearse == "" && (given["until"] || given["speed"] || c.deliver) {
		fmt.Fprintln(c.env.stderr, "nhacviec run: --until, --speed và --deliver chỉ dùng với --rehearse / --until, --speed and --deliver go with --rehearse")
		return exitUsage
	}
	c.configPath = c.env.configPath(*config)
	cfg, _ := c.env.load(ctx, c.configPath, c.env.stderr, false)
	if cfg == nil {
		return exitInvalid
	}
	lng := cfg.Service.Language
	log := newLogger(cfg, c.env.stderr)

	clock := scheduler.Clock(scheduler.RealClock{})
	dataDir := cfg.Service.DataDir
	var start, until time.Time
	if c.rehearse != "" {
		var err error
		start, err = parseCLITime(cfg, c.rehearse, false)
		if err != nil {
			fmt.Fprintf(c.env.stderr, "nhacviec run --rehearse: %s\n", describe(lng, err))
			return exitUsage
		}
		if c.until != "" {
			if until, err = parseCLITime(cfg, c.until, true); err != nil {
				fmt.Fprintf(c.env.stderr, "nhacviec run --until: %s\n", describe(lng, err))
				return exitUsage
			}
			if !until.After(start) {
				fmt.Fprintln(c.env.stderr, "nhacviec run: "+tr(lng, "run.untilbefore"))
				return exitUsage
			}
		}
		if !(c.speed >= 1) || math.IsInf(c.speed, 1) { // NaN too
			fmt.Fprintln(c.env.stderr, "nhacviec run: "+tr(lng, "run.speed"))
			return exitUsage
		}
		// A rehearsal has a store and an outbox of its own, started afresh,
		// so it never touches the real records nor sends by accident.
		dataDir = filepath.Join(dataDir, "rehearsal")
		release, err := startRehearsal(dataDir)
		switch {
		case errors.Is(err, errRehearsing):
			fmt.Fprintf(c.env.stderr, "nhacviec run: %s\n", tr(lng, "run.rehearsing", dataDir))
			return exitRuntime
		case err != nil:
			fmt.Fprintf(c.env.stderr, "nhacviec run: %s\n", tr(lng, "run.datadir", dataDir, err))
			return exitRuntime
		}
		defer release()
		clock = scheduler.NewVirtualClock(start, c.speed)
		log.Info("rehearsal", "from", start, "speed", c.speed, "until", until, "deliver", c.deliver, "data_dir", dataDir)
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		fmt.Fprintf(c.env.stderr, "nhacviec run: %s\n", tr(lng, "run.datadir", dataDir, err))
		return exitRuntime
	}
	dbPath := storePath(dataDir)
	// A missing or empty store where a daemon has run is a lost one: made
	// anew, it would forget every acknowledgement and send again what fell
	// due within catchup. Only the operator may say so.
	fresh := storeIsNew(dbPath)
	if live := installed(dataDir); fresh && live != "" && c.rehearse == "" && !c.newStore {
		fmt.Fprintf(c.env.stderr, "nhacviec run: %s\n", tr(lng, "run.nostore", dbPath, live, dbPath, filepath.Join(dataDir, ack.SecretFile)))
		return exitRuntime
	}
	db, err := store.Open(dbPath, store.Options{LockTimeout: time.Second, Now: clock.Now})
	if err != nil {
		fmt.Fprintf(c.env.stderr, "nhacviec run: %s\n", storeError(lng, dbPath, err))
		return exitRuntime
	}
	defer db.Close()
	if c.rehearse != "" {
		// A rehearsal starts at its first instant: nothing before it is
		// caught up.
		for _, p := range cfg.Plans {
			if err := db.SetCheckpoint(p.ID, start); err != nil {
				fmt.Fprintf(c.env.stderr, "nhacviec run: %s\n", storeError(lng, dbPath, err))
				return exitRuntime
			}
		}
	}

	box := outbox.New(filepath.Join(dataDir, "outbox"))
	box.Now = clock.Now
	// A rehearsal writes everything to its outbox unless --deliver.
	chans, err := openChannels(cfg, box, c.rehearse == "" || c.deliver, c.env.getenv, log, db)
	if err != nil {
		fmt.Fprintf(c.env.stderr, "nhacviec run: %s\n", tr(lng, "testsend.open", err))
		return exitRuntime
	}
	defer chans.close()
	if c.rehearse == "" || c.deliver {
		warnUnconfigured(cfg, log, box.Dir()) // channels_zalo.go
	}
	notifiers := chans.byName

	// The secret signs the acknowledgement links; a rehearsal has its own.
	// Only a new store gets a new one: the links of an existing store's
	// messages were made with its secret.
	loadSecret := ack.LoadSecret
	if fresh || c.newSecret {
		loadSecret = ack.LoadOrCreateSecret
	}
	secret, err := loadSecret(dataDir)
	if errors.Is(err, ack.ErrSecretMissing) {
		fmt.Fprintf(c.env.stderr, "nhacviec run: %s\n", tr(lng, "run.nosecret", filepath.Join(dataDir, ack.SecretFile), dbPath))
		return exitRuntime
	}
	if err != nil {
		fmt.Fprintf(c.env.stderr, "nhacviec run: %s\n", tr(lng, "run.secret", filepath.Join(dataDir, ack.SecretFile), err))
		return exitRuntime
	}
	smsSecret, err := readSecretFile(cfg)
	if err != nil {
		fmt.Fprintf(c.env.stderr, "nhacviec run: %s\n", tr(lng, "run.smssecret", err))
		return exitRuntime
	}
	listen, publicURL := cfg.Service.Listen, cfg.Service.PublicURL
	if c.rehearse != "" {
		// A rehearsal serves its own pages on a free loopback port, so it
		// never takes the real service's port, and its links lead there.
		if listen, err = freeLoopback(); err != nil {
			fmt.Fprintf(c.env.stderr, "nhacviec run: %v\n", err)
			return exitRuntime
		}
		publicURL = "http://" + listen
	}
	var hash []byte
	if f := cfg.Service.AdminPasswordFile; f != "" {
		if hash, err = web.LoadPasswordHash(f); err != nil {
			fmt.Fprintf(c.env.stderr, "nhacviec run: %s\n", tr(lng, "run.password", f, err))
			return exitInvalid
		}
	}
	if err := web.CheckListen(listen, hash); err != nil && !hasAdmin(db) {
		fmt.Fprintf(c.env.stderr, "nhacviec run: %s\n", tr(lng, "run.nopassword", listen))
		return exitInvalid
	}
	metrics := web.NewMetrics()
	metrics.SetReload(true, clock.Now())
	links := ack.NewLinks(publicURL, secret)

	scrub := notify.ScrubberFor(cfg, c.env.getenv)
	d := &daemon{env: c.env, cfg: cfg, configPath: c.configPath, log: log, db: db, dataDir: dataDir, clock: clock, listen: listen, metrics: metrics}
	d.sched = scheduler.New(cfg, scheduler.Options{
		Clock: clock, Store: db, Notifiers: notifiers, Links: links, Logger: log, StopTimeout: stopTimeout,
		Workers: chans.workers(cfg),
		OnIdle:  d.idle, Until: until, Scrubber: scrub,
		Observe: func(kind, channel string, result store.State) { metrics.ObserveDelivery(kind, channel, string(result)) },
	})
	d.web = web.New(web.Options{
		Config: d.config, Store: db, Secret: secret, SMSSecret: smsSecret,
		Reload: func() (bool, []string) { r := d.reload("http"); return r.OK, r.Errors },
		Now:    clock.Now, Logger: log,
		AdminPasswordHash: hash, Metrics: metrics, LastReload: d.lastReloadResult,
		Scrubber: scrub,
	})
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	code := d.run(ctx, hup)
	if c.rehearse != "" && code == exitOK {
		// What the rehearsal did, from its own store, and where to read it.
		end := tr(lng, "rehearse.stopped", clock.Now().In(cfg.Service.Location).Format("02/01/2006 15:04"))
		if !until.IsZero() && !clock.Now().Before(until) {
			end = tr(lng, "rehearse.until", c.until)
		}
		if err := rehearsalSummary(c.env.stderr, lng, db, box.Dir(), end); err != nil {
			fmt.Fprintf(c.env.stderr, "nhacviec run: %s\n", storeError(lng, dbPath, err))
			return exitRuntime
		}
	}
	return code
}

// summaryKinds orders the kinds of message in a rehearsal's summary; a
// kind not listed comes after them, by name.
var summaryKinds = []string{"distribution", "reminder", "deadline", "overdue", "escalation", "digest"}

// rehearsalSummary writes to w, in lng, what a rehearsal that has ended
// did: the messages sent per kind and per channel, how many were skipped,
// failed, missed or left unfinished, and where the outbox and its journal
// are. It reads the rehearsal's store, where every message has its record.
func rehearsalSummary(w io.Writer, lng lang.Lang, db *store.DB, outboxDir, end string) error {
	sent := map[string]map[string]int{} // kind → channel → messages
	channels := map[string]bool{}
	var skipped, failed, missed, unfinished int
	noPayload := func(*store.Delivery) bool { return false }
	err := db.DeliveriesWith(noPayload, func(d store.Delivery) error {
		switch d.State {
		case store.Sent:
			if sent[d.Kind] == nil {
				sent[d.Kind] = map[string]int{}
			}
			sent[d.Kind][d.Channel]++
			channels[d.Channel] = true
		case store.Skipped:
			skipped++
		case store.Failed:
			failed++
		case store.Missed:
			missed++
		default:
			unfinished++
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("rehearsal summary: %w", err)
	}
	kinds := slices.Clone(summaryKinds)
	for _, k := range slices.Sorted(maps.Keys(sent)) {
		if !slices.Contains(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	chans := slices.Sorted(maps.Keys(channels))

	fmt.Fprintln(w)
	fmt.Fprintln(w, end)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(cells ...string) { fmt.Fprintln(tw, strings.Join(cells, "\t")) }
	row(append(append([]string{tr(lng, "col.kind")}, chans...), tr(lng, "rehearse.total"))...)
	perChannel := map[string]int{}
	all := 0
	for _, k := range kinds {
		if len(sent[k]) == 0 {
			continue
		}
		cells, n := []string{kindName(lng, k)}, 0
		for _, ch := range chans {
			cells = append(cells, strconv.Itoa(sent[k][ch]))
			n += sent[k][ch]
			perChannel[ch] += sent[k][ch]
		}
		all += n
		row(append(cells, strconv.Itoa(n))...)
	}
	cells := []string{tr(lng, "rehearse.total")}
	for _, ch := range chans {
		cells = append(cells, strconv.Itoa(perChannel[ch]))
	}
	row(append(cells, strconv.Itoa(all))...)
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("rehearsal summary: %w", err)
	}
	fmt.Fprintln(w, tr(lng, "rehearse.counts", all, skipped, failed, missed, unfinished))
	fmt.Fprintln(w, tr(lng, "rehearse.outbox", outboxDir))
	fmt.Fprintln(w, tr(lng, "rehearse.journal", filepath.Join(outboxDir, outbox.JournalName)))
	return nil
}

// kindName names a kind of message as the agenda does (cli.kind.*); an
// unknown kind shows as it is stored.
func kindName(lng lang.Lang, kind string) string {
	key := "cli.kind." + kind
	if name := tr(lng, key); name != key {
		return name
	}
	return kind
}

// parseCLITime reads a time given on the command line: a dd/mm date takes
// the plans' year; a date-only value is 00:00, or the end of the day when
// end is true.
func parseCLITime(cfg *plan.Config, s string, end bool) (time.Time, error) {
	if end {
		_, t, err := agendaRange(cfg, "01/01/1970", s, time.Time{})
		return t, err
	}
	t, _, err := agendaRange(cfg, s, "", time.Time{})
	return t, err
}

// storeError explains a failure to open the store and what to do.
func storeError(lng lang.Lang, path string, err error) string {
	switch {
	case errors.Is(err, store.ErrLocked):
		return tr(lng, "store.locked", path)
	case errors.Is(err, store.ErrNewerSchema):
		return tr(lng, "store.newer", path)
	case errors.Is(err, store.ErrCorrupt):
		return tr(lng, "store.corrupt", path)
	case errors.Is(err, os.ErrPermission):
		return tr(lng, "store.permission", path)
	}
	return tr(lng, "store.open", path, err)
}

// newLogger returns the slog logger the service settings ask for, on w.
func newLogger(cfg *plan.Config, w interface{ Write([]byte) (int, error) }) *slog.Logger {
	if strings.EqualFold(cfg.Service.LogFormat, "json") {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// readSecretFile reads channels.sms.inbound_secret_file, the secret the SMS
// relay presents with replies; empty when none is configured.
func readSecretFile(cfg *plan.Config) (string, error) {
	if cfg.Channels.SMS == nil || cfg.Channels.SMS.InboundSecretFile == "" {
		return "", nil
	}
	data, err := os.ReadFile(cfg.Channels.SMS.InboundSecretFile)
	if err != nil {
		return "", err
	}
	secret := strings.TrimSpace(string(data))
	if secret == "" {
		return "", fmt.Errorf("%s is empty", cfg.Channels.SMS.InboundSecretFile)
	}
	return secret, nil
}

// freeLoopback returns a loopback address with a port free right now.
func freeLoopback() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
