package bench

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
	"github.com/nhacviec/nhacviec/web"
)

// The acknowledgement figure of SPEC §9: M distinct notifications whose
// links were handed out (their tokens recorded in the store, as the
// scheduler records them with a message's intent),
// acknowledged by 64 concurrent HTTP clients, each link once, with a POST
// of the acknowledgement form (action=received, who, note) to a real
// web.Server on loopback over a real bbolt store; the server records the
// receipt durably before it answers with the page. Goals: the figure's
// rate ≥ 0.5× the baseline's, and its 99th percentile latency ≤ 50 ms.
//
// The baseline the goal is measured against, BenchmarkBaselineBoltBatch,
// is bbolt's Batch as bbolt ships it (its default delay and batch size)
// writing the same records, byte for byte, first one wins, from 64
// goroutines, with no HTTP and no store package: a yardstick that does
// not move when the store's own settings do. A second baseline,
// BenchmarkBaselineRecordAck, writes them with store.DB.RecordAck, the
// call the server makes: the figure over it is the price of HTTP alone,
// and it over the first, the price of the store's settings.
//
// Every side starts from a copy of the same store file, holding the M
// tokens. Latency is each request's or call's, from before the client
// sends it to after it has read the whole answer, connection set-up
// included for each client's first. TestAckComparison checks that the
// three leave the same bytes in the file.
var (
	ackN       = flag.Int("ack.n", 5000, "notifications acknowledged in the acknowledgement figure")
	ackClients = flag.Int("ack.clients", 64, "concurrent clients of the acknowledgement figure")
)

// ackNote is the note every acknowledgement carries.
const ackNote = "Đã nhận, đơn vị sẽ triển khai đúng hạn."

// ackWho is who acknowledges notification i, as the form sends it.
func ackWho(i int) string { return fmt.Sprintf("Cán bộ đầu mối số %d", i) }

// ackFixture is what both sides of the figure start from: a closed store
// file in which the links of M notifications are recorded, their paths
// (/a/TOKEN), and the records the server makes of their receipt.
type ackFixture struct {
	cfg   *plan.Config
	file  string
	paths []string
	acks  []store.Ack // At left zero: each side stamps its own
}

// newAckFixture indexes the links of the m notifications of a dispatch
// plan of m units, as the scheduler does when it renders them, in a store
// under dir. The writes are spread over goroutines only to be quick.
func newAckFixture(tb testing.TB, dir string, m int) *ackFixture {
	tb.Helper()
	cfg := load(tb, dispatchSynth(m))
	ns := dispatchNotifications(tb, cfg)
	if len(ns) != m {
		tb.Fatalf("got %d notifications, want %d", len(ns), m)
	}
	f := &ackFixture{cfg: cfg, file: filepath.Join(dir, "template.db"), paths: make([]string, m), acks: make([]store.Ack, m)}
	db, err := store.Open(f.file, store.Options{LockTimeout: time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	links := ack.NewLinks(publicURL, linkSecret)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range 64 {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= m {
					return
				}
				n := &ns[i]
				if err := links.Record(db, n); err != nil {
					tb.Error(err)
					return
				}
				f.paths[i] = strings.TrimPrefix(links.AckURL(n), publicURL)
				subject := n.AckID
				if subject == "" {
					subject = n.ID
				}
				f.acks[i] = store.Ack{Subject: subject, Unit: n.Unit, Kind: store.Received, By: ackWho(i),
					Via: "web", Note: ackNote, Plan: n.Plan, Task: n.Task}
			}
		})
	}
	wg.Wait()
	var tokens int
	if err := db.TokensWithPrefix("", func(string, []byte) error { tokens++; return nil }); err != nil {
		tb.Fatal(err)
	}
	if err := db.Close(); err != nil {
		tb.Fatal(err)
	}
	if tokens != m {
		tb.Fatalf("got %d tokens recorded, want %d", tokens, m)
	}
	return f
}

// copy copies the fixture's store file into a new folder.
func (f *ackFixture) copy(tb testing.TB) string {
	tb.Helper()
	data, err := os.ReadFile(f.file)
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "nhacviec.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// open copies the fixture's store file into a new folder and opens it.
func (f *ackFixture) open(tb testing.TB, now func() time.Time) *store.DB {
	tb.Helper()
	return openStore(tb, f.copy(tb), now)
}

// openStore opens the store at path until the test ends.
func openStore(tb testing.TB, path string, now func() time.Time) *store.DB {
	tb.Helper()
	db, err := store.Open(path, store.Options{LockTimeout: time.Second, Now: now})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// ackServer serves db on a free loopback port until the test ends.
func (f *ackFixture) server(tb testing.TB, db *store.DB, now func() time.Time) string {
	tb.Helper()
	srv := web.New(web.Options{Config: func() *plan.Config { return f.cfg }, Store: db, Secret: linkSecret, Now: now})
	if err := srv.Open(context.Background(), "127.0.0.1:0"); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { srv.Close() })
	return "http://" + srv.Addr()
}

// postAcks is the figure's work: clients goroutines, each with its own
// keep-alive connection, POST the acknowledgement form of the next path
// not yet taken until none is left. It returns each request's latency.
func (f *ackFixture) postAcks(base string, clients int) ([]time.Duration, error) {
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: time.Minute}
	lat := make([]time.Duration, len(f.paths))
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, clients)
	for c := range clients {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(f.paths) {
					return
				}
				form := url.Values{"action": {"received"}, "who": {ackWho(i)}, "note": {ackNote}}
				t0 := time.Now()
				resp, err := client.PostForm(base+f.paths[i], form)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = errors.New(resp.Status)
					}
				}
				lat[i] = time.Since(t0)
				if err != nil {
					errs[c] = fmt.Errorf("POST %d: %w", i, err)
					return
				}
			}
		})
	}
	wg.Wait()
	return lat, errors.Join(errs...)
}

// recordAcks is the baseline's work: clients goroutines call RecordAck
// with the next record not yet taken until none is left, each stamped by
// the store's clock, as the server stamps its own with its clock. It
// returns each call's latency.
func (f *ackFixture) recordAcks(db *store.DB, clients int) ([]time.Duration, error) {
	lat := make([]time.Duration, len(f.acks))
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, clients)
	for c := range clients {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(f.acks) {
					return
				}
				t0 := time.Now()
				_, created, err := db.RecordAck(f.acks[i])
				lat[i] = time.Since(t0)
				if err == nil && !created {
					err = errors.New("already recorded")
				}
				if err != nil {
					errs[c] = fmt.Errorf("record %d: %w", i, err)
					return
				}
			}
		})
	}
	wg.Wait()
	return lat, errors.Join(errs...)
}

// ackBucket and ackValue are how the store keeps an acknowledgement:
// bucket "acks", key subject NUL unit NUL kind, value this JSON (store's
// ackRecord, which is unexported, written again). TestAckComparison
// checks that they are the store's bytes.
var ackBucket = []byte("acks")

type ackValue struct {
	By   string    `json:"by,omitempty"`
	Via  string    `json:"via,omitempty"`
	Note string    `json:"note,omitempty"`
	At   time.Time `json:"at"`
	Plan string    `json:"plan,omitempty"`
	Task string    `json:"task,omitempty"`
}

// boltRecord is one acknowledgement as bbolt is handed it.
type boltRecord struct{ key, value []byte }

// boltRecords encodes the fixture's records, stamped at, as the store
// writes them.
func (f *ackFixture) boltRecords(tb testing.TB, at time.Time) []boltRecord {
	tb.Helper()
	out := make([]boltRecord, len(f.acks))
	for i, a := range f.acks {
		v, err := json.Marshal(ackValue{By: a.By, Via: a.Via, Note: a.Note, At: at, Plan: a.Plan, Task: a.Task})
		if err != nil {
			tb.Fatal(err)
		}
		out[i] = boltRecord{key: []byte(a.Subject + "\x00" + a.Unit + "\x00" + string(a.Kind)), value: v}
	}
	return out
}

// openBolt opens the file at path with bbolt as it ships: its default
// batch delay (10 ms) and size (1,000), a sync at every commit.
func openBolt(tb testing.TB, path string) *bolt.DB {
	tb.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		tb.Fatal(err)
	}
	return db
}

// batchAcks is the bbolt baseline's work: clients goroutines each hand
// bbolt's Batch the next record not yet taken, which it puts unless the
// key is there (the first acknowledgement wins, as in the store), until
// none is left. It returns each call's latency.
func batchAcks(db *bolt.DB, recs []boltRecord, clients int) ([]time.Duration, error) {
	lat := make([]time.Duration, len(recs))
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make([]error, clients)
	for c := range clients {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(recs) {
					return
				}
				r := recs[i]
				t0 := time.Now()
				err := db.Batch(func(tx *bolt.Tx) error {
					b := tx.Bucket(ackBucket)
					if b == nil {
						return errors.New("no acks bucket")
					}
					if b.Get(r.key) != nil {
						return errors.New("already recorded")
					}
					return b.Put(r.key, r.value)
				})
				lat[i] = time.Since(t0)
				if err != nil {
					errs[c] = fmt.Errorf("record %d: %w", i, err)
					return
				}
			}
		})
	}
	wg.Wait()
	return lat, errors.Join(errs...)
}

// rawAcks returns the acknowledgements bucket of the closed file at path,
// key to value.
func rawAcks(tb testing.TB, path string) map[string]string {
	tb.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	out := map[string]string{}
	err = db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(ackBucket)
		if b == nil {
			return errors.New("no acks bucket")
		}
		return b.ForEach(func(k, v []byte) error {
			out[string(k)] = string(v)
			return nil
		})
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// storedAcks returns the acknowledgements in db.
func storedAcks(tb testing.TB, db *store.DB) []store.Ack {
	tb.Helper()
	var out []store.Ack
	if err := db.Acks(func(a store.Ack) error { out = append(out, a); return nil }); err != nil {
		tb.Fatal(err)
	}
	return out
}

// checkAcks fails unless db holds exactly the fixture's records, by web.
func (f *ackFixture) checkAcks(tb testing.TB, db *store.DB) {
	tb.Helper()
	got := storedAcks(tb, db)
	if len(got) != len(f.acks) {
		tb.Fatalf("got %d acknowledgements stored, want %d", len(got), len(f.acks))
	}
	for _, a := range got {
		if a.Kind != store.Received || a.Via != "web" || a.Note != ackNote {
			tb.Fatalf("got acknowledgement %+v, want a receipt by web with the note", a)
		}
	}
}

// TestAckComparison checks that the acknowledgement figure and its
// baselines record the same thing: on a small plan, the server (from the
// forms), RecordAck and bbolt's Batch leave the same keys and values in
// the store file, byte for byte (all stamped at one fixed time), and the
// store reads them back as the fixture's records.
func TestAckComparison(t *testing.T) {
	const m, clients = 40, 8
	f := newAckFixture(t, t.TempDir(), m)
	at := time.Date(2019, time.March, 5, 9, 30, 0, 0, hcm)
	now := func() time.Time { return at }

	figPath := f.copy(t)
	db := openStore(t, figPath, now)
	lat, err := f.postAcks(f.server(t, db, now), clients)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(lat, 0) {
		t.Errorf("a request has no latency: %v", lat)
	}
	f.checkAcks(t, db)
	got := storedAcks(t, db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	storePath := f.copy(t)
	sdb := openStore(t, storePath, now)
	if _, err := f.recordAcks(sdb, clients); err != nil {
		t.Fatal(err)
	}
	want := storedAcks(t, sdb)
	if err := sdb.Close(); err != nil {
		t.Fatal(err)
	}

	boltPath := f.copy(t)
	bdb := openBolt(t, boltPath)
	if _, err := batchAcks(bdb, f.boltRecords(t, at), clients); err != nil {
		t.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		t.Fatal(err)
	}

	if len(want) != m || len(got) != m {
		t.Fatalf("stored %d acknowledgements from the forms and %d by RecordAck, want %d each", len(got), len(want), m)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("acknowledgement %d: got %+v from the form, want %+v as RecordAck stores it", i, got[i], want[i])
		}
	}
	fig := rawAcks(t, figPath)
	for name, side := range map[string]map[string]string{"RecordAck": rawAcks(t, storePath), "bbolt's Batch": rawAcks(t, boltPath)} {
		if len(side) != len(fig) {
			t.Errorf("%s wrote %d keys, the server %d", name, len(side), len(fig))
		}
		for k, v := range fig {
			if side[k] != v {
				t.Errorf("key %q: %s wrote %q, the server %q", k, name, side[k], v)
			}
		}
	}
}

// percentile returns the p-th percentile (0 < p ≤ 100) of ds, by the
// nearest rank.
func percentile(ds []time.Duration, p float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[max(i, 0)]
}

// latencies collects the latencies of every run of a benchmark and
// reports them with its rate.
type latencies struct {
	meter
	all []time.Duration
}

// check fails the benchmark on a round's error, runs the round's checks
// and keeps its latencies.
func (l *latencies) check(b *testing.B, lat []time.Duration, err error, checks func()) {
	if err != nil {
		b.Fatal(err)
	}
	checks()
	l.all = append(l.all, lat...)
}

func (l *latencies) report(b *testing.B, n int, unit string) {
	l.meter.report(b, n, unit)
	if len(l.all) == 0 {
		return
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(percentile(l.all, 50)), "p50-ms")
	b.ReportMetric(ms(percentile(l.all, 99)), "p99-ms")
	b.ReportMetric(ms(slices.Max(l.all)), "max-ms")
}

// BenchmarkAck is the acknowledgement figure: from the first POST to the
// last answer read, M acknowledgements by 64 clients. Copying the store,
// starting the server and the checks after are not timed.
func BenchmarkAck(b *testing.B) {
	m := *ackN
	f := newAckFixture(b, b.TempDir(), m)
	var l latencies
	for b.Loop() {
		var db *store.DB
		var base string
		var lat []time.Duration
		var err error
		l.round(b, func() {
			db = f.open(b, time.Now)
			base = f.server(b, db, time.Now)
		}, func() { lat, err = f.postAcks(base, *ackClients) }, func() { l.check(b, lat, err, func() { f.checkAcks(b, db) }) })
	}
	l.report(b, m, "acks")
}

// BenchmarkBaselineRecordAck writes the same M records by
// store.DB.RecordAck, the call the server makes, from 64 goroutines, with
// no HTTP. It is not the goal's baseline (BenchmarkBaselineBoltBatch is):
// it moves with the store's batch settings, as the figure does.
func BenchmarkBaselineRecordAck(b *testing.B) {
	m := *ackN
	f := newAckFixture(b, b.TempDir(), m)
	var l latencies
	for b.Loop() {
		var db *store.DB
		var lat []time.Duration
		var err error
		l.round(b, func() { db = f.open(b, time.Now) }, func() { lat, err = f.recordAcks(db, *ackClients) },
			func() { l.check(b, lat, err, func() { f.checkAcks(b, db) }) })
	}
	l.report(b, m, "acks")
}

// BenchmarkBaselineBoltBatch is the acknowledgement figure's baseline: the
// same M records, encoded beforehand as the store encodes them, written
// by bbolt's Batch with bbolt's defaults from 64 goroutines, with no HTTP
// and no store package.
func BenchmarkBaselineBoltBatch(b *testing.B) {
	m := *ackN
	f := newAckFixture(b, b.TempDir(), m)
	var l latencies
	for b.Loop() {
		var path string
		var db *bolt.DB
		var recs []boltRecord
		var lat []time.Duration
		var err error
		l.round(b, func() {
			path = f.copy(b)
			db = openBolt(b, path)
			recs = f.boltRecords(b, time.Now())
		}, func() { lat, err = batchAcks(db, recs, *ackClients) }, func() {
			if cerr := db.Close(); err == nil {
				err = cerr
			}
			l.check(b, lat, err, func() {
				sdb := openStore(b, path, time.Now)
				f.checkAcks(b, sdb)
				sdb.Close()
			})
		})
	}
	l.report(b, m, "acks")
}
