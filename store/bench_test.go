package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/internal/cputime"
	"github.com/nhacviec/nhacviec/plan"
)

// The store's costs on the email path, measured as the scheduler incurs
// them: dispatch begins batches of batchSize deliveries (BeginAll, with
// one link token each), and benchConns workers record each one sent
// (Finish), a synced commit shared by those that finish together.
// cpu-ns/msg counts the process's CPU time, ns/msg the wall time, which
// includes the disk syncs.

// batchSize is the scheduler's batch (scheduler.batchSize).
const batchSize = 64

// benchBurst is how many messages one BenchmarkBurst iteration sends: the
// email figure's 1,000, in whole batches.
const benchBurst = 16 * batchSize

// benchConns is how many workers send at once: the email figure's two
// connections.
const benchConns = 2

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
// batch's intents in one BeginAll, then each message's outcome recorded
// by one of benchConns workers.
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
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			b.Fatal(err)
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
			var wg sync.WaitGroup
			for w := range benchConns {
				wg.Go(func() {
					for j := w; j < len(batch); j += benchConns {
						if err := db.Finish(batch[j].Key, Sent, "250 2.0.0 Ok: queued as 4XyZ1b2C3d", "", time.Time{}); err != nil {
							b.Error(err)
							return
						}
					}
				})
			}
			wg.Wait()
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
