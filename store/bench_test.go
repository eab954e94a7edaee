package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/internal/cputime"
	"github.com/nhacviec/nhacviec/plan"
)

// The store's costs on the email path, measured as the scheduler incurs
// them: dispatch begins batches of batchSize deliveries (BeginAll, with
// one link token each), the workers mark each sent (Sent), and the next
// batch's commit folds those marks in. cpu-ns/msg counts the process's
// CPU time (the figure that matters on a 2-core machine shared with the
// mail server), ns/msg the wall time, which includes the disk syncs.

// batchSize is the scheduler's batch (scheduler.batchSize).
const batchSize = 64

// benchBurst is how many messages one BenchmarkBurst iteration sends: the
// email figure's 1,000, in whole batches.
const benchBurst = 16 * batchSize

// benchDelivery returns delivery i as the scheduler begins it: a hashed
// id, its notification as JSON for payload, and one link token.
func benchDelivery(i int, due time.Time) Delivery {
	sum := sha256.Sum256([]byte{byte(i), byte(i >> 8), byte(i >> 16), byte(i >> 24)})
	id := hex.EncodeToString(sum[:16])
	n := plan.Notification{
		ID: id, At: due, Plan: "xa-quang-thanh-2019", Task: "tong-ket-quy", Rule: "remind-3",
		Kind: plan.KindReminder, Unit: "hoi-phu-nu", Role: plan.RoleLead, Channels: []string{plan.ChannelEmail},
		AckID: id, Event: due.Add(72 * time.Hour),
	}
	payload, err := json.Marshal(n)
	if err != nil {
		panic(err)
	}
	return Delivery{
		Key: DeliveryKey(id, plan.ChannelEmail), ID: id, Channel: plan.ChannelEmail,
		Plan: n.Plan, Task: n.Task, Unit: n.Unit, Kind: string(n.Kind), Rule: n.Rule, Due: due,
		Payload: payload, Tokens: []string{hex.EncodeToString(sum[16:31])},
	}
}

// BenchmarkBurst sends benchBurst messages through a fresh store: each
// batch's BeginAll folds in the previous batch's Sent marks, and a last
// commit folds in the last batch's.
func BenchmarkBurst(b *testing.B) {
	clock := newClock()
	ds := make([]Delivery, benchBurst)
	for i := range ds {
		ds[i] = benchDelivery(i, clock.Now())
	}
	path := filepath.Join(b.TempDir(), "burst.db")
	var cpu time.Duration
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		for _, p := range []string{path, path + sentSuffix} {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				b.Fatal(err)
			}
		}
		db, err := Open(path, Options{Now: clock.Now})
		if err != nil {
			b.Fatal(err)
		}
		cpu0, _ := cputime.Process()
		b.StartTimer()
		for i := 0; i < len(ds); i += batchSize {
			batch := ds[i : i+batchSize]
			if _, _, err := db.BeginAll(batch); err != nil {
				b.Fatal(err)
			}
			for _, d := range batch {
				if err := db.Sent(d.Key, "250 2.0.0 Ok: queued as 4XyZ1b2C3d"); err != nil {
					b.Fatal(err)
				}
			}
		}
		if err := db.foldSent(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		cpu1, _ := cputime.Process()
		cpu += cpu1 - cpu0
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	msgs := float64(b.N * benchBurst)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/msgs, "ns/msg")
	b.ReportMetric(float64(cpu.Nanoseconds())/msgs, "cpu-ns/msg")
}

// BenchmarkRecord writes and reads the record of a message in Sending, by
// hand as the store does and through encoding/json as it used to.
func BenchmarkRecord(b *testing.B) {
	clock := newClock()
	d := benchDelivery(1, clock.Now())
	d.State, d.Attempts, d.Updated, d.Started = Sending, 1, clock.Now(), clock.Now()
	v, err := appendRecord(nil, &d, nil)
	if err != nil {
		b.Fatal(err)
	}
	k := []byte(d.Key)
	b.Logf("%d bytes", len(v))
	b.Run("encode/json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := json.Marshal(recordOf(&d)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := appendRecord(nil, &d, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode/json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := decodeSlow(k, v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := decodeRecord(k, v, true); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode/without-payload", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := decodeRecord(k, v, false); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// burstStore opens a store in which a burst's intents are recorded, a
// batch per commit; the benchmark's cleanup closes it.
func burstStore(b *testing.B) (*DB, []Delivery, *testClock) {
	clock := newClock()
	db, err := Open(filepath.Join(b.TempDir(), "burst.db"), Options{Now: clock.Now})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	ds := make([]Delivery, benchBurst)
	for i := range ds {
		ds[i] = benchDelivery(i, clock.Now())
	}
	for i := 0; i < len(ds); i += batchSize {
		if _, _, err := db.BeginAll(ds[i : i+batchSize]); err != nil {
			b.Fatal(err)
		}
	}
	return db, ds, clock
}

// BenchmarkDeliveries walks the records of a burst: all of them, and as
// the digest does, with the payloads of none (the burst's are reminders).
func BenchmarkDeliveries(b *testing.B) {
	db, ds, _ := burstStore(b)
	for _, d := range ds {
		if err := db.Sent(d.Key, "250 2.0.0 Ok: queued as 4XyZ1b2C3d"); err != nil {
			b.Fatal(err)
		}
	}
	if err := db.foldSent(); err != nil {
		b.Fatal(err)
	}
	walk := func(b *testing.B, payload func(*Delivery) bool) {
		b.ReportAllocs()
		for b.Loop() {
			n := 0
			if err := db.DeliveriesWith(payload, func(Delivery) error { n++; return nil }); err != nil || n != benchBurst {
				b.Fatalf("%d records, %v", n, err)
			}
		}
	}
	b.Run("all", func(b *testing.B) { walk(b, func(*Delivery) bool { return true }) })
	b.Run("digest", func(b *testing.B) {
		walk(b, func(d *Delivery) bool {
			return d.Plan == "xa-quang-thanh-2019" && (d.Kind == "digest" || d.Kind == "overdue" || d.Kind == "escalation")
		})
	})
}

// BenchmarkFold folds the marks of a batch into their records, as the
// next batch's commit does, without the commit (rolled back).
func BenchmarkFold(b *testing.B) {
	db, ds, clock := burstStore(b)
	marks := map[string]sentMark{}
	for _, d := range ds[:batchSize] {
		marks[d.Key] = sentMark{Key: d.Key, Where: "250 2.0.0 Ok: queued as 4XyZ1b2C3d", At: clock.Now()}
	}
	b.ReportAllocs()
	for b.Loop() {
		tx, err := db.bolt.Begin(true)
		if err != nil {
			b.Fatal(err)
		}
		if err := fold(tx, marks); err != nil {
			b.Fatal(err)
		}
		if err := tx.Rollback(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*batchSize), "ns/mark")
}

// BenchmarkSent marks messages sent: a line in the journal each.
func BenchmarkSent(b *testing.B) {
	clock := newClock()
	db, err := Open(filepath.Join(b.TempDir(), "sent.db"), Options{Now: clock.Now})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	d := benchDelivery(1, clock.Now())
	if _, _, err := db.BeginAll([]Delivery{d}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := db.Sent(d.Key, "250 2.0.0 Ok: queued as 4XyZ1b2C3d"); err != nil {
			b.Fatal(err)
		}
	}
}
