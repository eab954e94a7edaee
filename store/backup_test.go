package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func TestBackupWhileWriting(t *testing.T) {
	dir := t.TempDir()
	clock := newClock()
	db := openTest(t, filepath.Join(dir, "nhacviec.db"), clock)
	const before = 200
	for i := range before {
		d := testDelivery(fmt.Sprintf("before/%03d", i), "email", clock.Now())
		if _, _, err := db.Begin(d); err != nil {
			t.Fatal(err)
		}
		if err := db.Finish(d.ID+"/email", Retrying, "", "421", clock.Now().Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := db.RecordAck(Ack{Subject: "s", Unit: "hpn", Kind: Done}); err != nil {
		t.Fatal(err)
	}

	// A writer goes on while the backups are taken.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var written int
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				written = i
				return
			default:
			}
			d := testDelivery(fmt.Sprintf("during/%05d", i), "sms", clock.Now())
			if _, _, err := db.Begin(d); err != nil {
				t.Error(err)
				return
			}
			if err := db.Finish(d.ID+"/sms", Retrying, "", "timeout", clock.Now().Add(time.Hour)); err != nil {
				t.Error(err)
				return
			}
			if err := db.Log(Event{What: "retrying", ID: d.ID}); err != nil {
				t.Error(err)
				return
			}
		}
	})
	backup := filepath.Join(dir, "backup", "nhacviec-backup.db")
	if err := os.Mkdir(filepath.Dir(backup), 0o700); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		time.Sleep(20 * time.Millisecond)
		if err := db.BackupFile(backup); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	n, err := db.Backup(&buf)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if n != int64(buf.Len()) || n == 0 {
		t.Errorf("Backup returned %d, wrote %d bytes", n, buf.Len())
	}
	if written == 0 {
		t.Fatal("the writer wrote nothing during the backups")
	}

	info, err := os.Stat(backup)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o600 {
		t.Errorf("backup mode = %v, want 0600", got)
	}
	if ents, _ := os.ReadDir(filepath.Dir(backup)); len(ents) != 1 {
		t.Errorf("backup directory holds %d files, want only the backup (no temporary left)", len(ents))
	}

	// The copies open as stores, with the records and a queue in step.
	streamed := filepath.Join(dir, "streamed.db")
	if err := os.WriteFile(streamed, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{backup, streamed} {
		restored := openTest(t, path, clock)
		states := map[State]int{}
		if err := restored.Deliveries(func(d Delivery) error { states[d.State]++; return nil }); err != nil {
			t.Fatal(err)
		}
		// The writer's record between its Begin and its Finish may be in
		// the copy: at most one.
		total := 0
		for _, n := range states {
			total += n
		}
		if states[Retrying] < before || states[Sending] > 1 || states[Retrying]+states[Sending] != total {
			t.Errorf("%s: deliveries by state %v, want at least %d retrying, at most 1 sending, nothing else", path, states, before)
		}
		if q := queue(t, restored); len(q) != states[Retrying] {
			t.Errorf("%s: retry queue has %d entries for %d retrying records", path, len(q), states[Retrying])
		}
		if done, err := restored.IsDone("s", "hpn"); err != nil || !done {
			t.Errorf("%s: IsDone = %v, %v; want true", path, done, err)
		}
		d, err := restored.Delivery("before/199/email")
		if err != nil || d.State != Retrying {
			t.Errorf("%s: before/199 = %+v, %v", path, d, err)
		}
	}
}

func TestBackupFileRefusesTheStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nhacviec.db")
	db := openTest(t, path, nil)
	if err := db.Record(Delivery{ID: "a", Channel: "email", State: Missed}); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{path, filepath.Join(filepath.Dir(path), ".", "nhacviec.db")} {
		if err := db.BackupFile(target); !errors.Is(err, ErrInvalid) {
			t.Errorf("BackupFile(%s): got %v, want ErrInvalid", target, err)
		}
	}
	if ok, err := db.Has("a"); err != nil || !ok {
		t.Errorf("after refused backups Has = %v, %v; want the record kept", ok, err)
	}
}
