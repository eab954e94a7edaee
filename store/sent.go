package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The sent journal.
//
// A message its server accepted must be recorded at once: until it is, a
// crash sends it again. A synced bbolt commit per message puts two disk
// syncs on the sender's path, where they cost more than the message
// itself. Sent costs one write(2) instead: it appends a line to the
// journal, a file beside the store (nhacviec.db.sent), and the mark
// survives the process dying as soon as write returns, since it is then
// in the kernel's page cache. The store's next write transaction folds
// the pending marks into their records, in the same synced commit as what
// it writes, after which the journal is emptied; one happens at the
// latest sentFlushDelay after a mark, so a burst's marks are folded into
// the commits of the next batches' intents, and a lone message's a
// second later. Open folds in what a crash left in the file, and reads
// see pending marks as if they were folded already.
//
// A power cut can lose the page cache, unlike a crash: the messages
// accepted in the last second before it may then be sent again. None is
// lost: their intents were synced before they were sent.

// sentSuffix names the journal: the store's path and this.
const sentSuffix = ".sent"

// sentFlushDelay bounds how long a mark waits for a write transaction.
const sentFlushDelay = time.Second

// sentMark is one line of the journal: delivery Key was accepted At, with
// the server's reply Where.
type sentMark struct {
	Key   string    `json:"key"`
	Where string    `json:"where,omitempty"`
	At    time.Time `json:"at"`
}

// sentLog is the journal and its marks not yet folded into the store.
type sentLog struct {
	mu      sync.Mutex
	file    *os.File // nil for a read-only store: Sent commits directly
	pending map[string]sentMark
	timer   *time.Timer // a flush to come, while marks are pending
	flush   func()      // runs a write transaction, which folds them in
}

// openSent reads the journal at path into its pending marks, and opens it
// for appending unless readOnly. A line cut short by a crash (the last)
// or unreadable is skipped: its message is sent again, as any message
// whose mark was not written.
func openSent(path string, readOnly bool, flush func()) (*sentLog, error) {
	l := &sentLog{pending: map[string]sentMark{}, flush: flush}
	raw, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read the sent journal %s: %w", path, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(nil, len(raw)+1)
	for sc.Scan() {
		var m sentMark
		if json.Unmarshal(sc.Bytes(), &m) == nil && m.Key != "" {
			l.pending[m.Key] = m
		}
	}
	if readOnly {
		return l, nil
	}
	l.file, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open the sent journal %s: %w", path, err)
	}
	if len(l.pending) == 0 && len(raw) > 0 {
		// Nothing readable to fold in.
		if err := l.file.Truncate(0); err != nil {
			_ = l.file.Close()
			return nil, fmt.Errorf("empty the sent journal %s: %w", path, err)
		}
	}
	return l, nil
}

// Sent records that the message of delivery key, begun with Begin and not
// finished since, was accepted, with where (the server's reply): Finish
// with Sent, but durable against a crash of the process when it returns
// and against a power cut within a second (see the sent journal above).
// Should the journal fail, it falls back to Finish.
func (db *DB) Sent(key, where string) error {
	if key == "" {
		return fmt.Errorf("sent: %w: no delivery key", ErrInvalid)
	}
	if err := db.writable(); err != nil {
		return fmt.Errorf("finish delivery %s as %s: %w", key, Sent, err)
	}
	l := db.sent
	m := sentMark{Key: key, Where: where, At: db.now()}
	line, err := m.appendLine(make([]byte, 0, 64+len(key)+len(where)))
	if err != nil {
		return fmt.Errorf("finish delivery %s as %s: %w", key, Sent, err)
	}
	l.mu.Lock()
	if l.file != nil {
		if _, err = l.file.Write(line); err == nil {
			l.pending[key] = m
			if l.timer == nil {
				l.timer = time.AfterFunc(sentFlushDelay, l.flush)
			}
			l.mu.Unlock()
			return nil
		}
	}
	l.mu.Unlock()
	return db.Finish(key, Sent, where, "", time.Time{})
}

// snapshot returns the marks pending now.
func (l *sentLog) snapshot() map[string]sentMark {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.pending) == 0 {
		return nil
	}
	marks := make(map[string]sentMark, len(l.pending))
	for k, m := range l.pending {
		marks[k] = m
	}
	return marks
}

// fold applies marks to their records inside a write transaction. A mark
// whose record is gone or already final changes nothing.
func fold(tx *bolt.Tx, marks map[string]sentMark) error {
	if len(marks) == 0 {
		return nil
	}
	b, err := bucket(tx, bucketDeliveries)
	if err != nil {
		return err
	}
	for key, m := range marks {
		// The payload, most of the record, is written again as stored.
		old, stored, err := getRecord(b, key, false)
		if err == errMissing {
			continue
		}
		if err != nil {
			return err
		}
		if old.State.Final() {
			continue
		}
		rec := m.apply(old)
		if err := putDelivery(tx, &old, &rec, stored); err != nil {
			return err
		}
	}
	return nil
}

// appendLine appends m's line of the journal to b: m as encoding/json
// writes it (openSent reads it so), and a newline.
func (m sentMark) appendLine(b []byte) ([]byte, error) {
	start := len(b)
	b = append(b, `{"key":`...)
	b = appendString(b, m.Key)
	b = appendField(b, `,"where":`, m.Where)
	line, err := m.At.AppendText(append(b, `,"at":"`...))
	if err != nil {
		_, err = json.Marshal(m) // encoding/json's error
		return b[:start], err
	}
	return append(line, '"', '}', '\n'), nil
}

// apply returns d as Finish(Sent) would make it at m.At.
func (m sentMark) apply(d Delivery) Delivery {
	d.State = Sent
	d.SentAt, d.Updated = m.At, m.At
	d.NextAttempt = time.Time{}
	if m.Where != "" {
		d.Where = m.Where
	}
	return d
}

// forget drops the marks a commit folded in, and empties the journal once
// none is pending; otherwise it makes sure a flush is to come.
func (l *sentLog) forget(folded map[string]sentMark) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k, m := range folded {
		if cur, ok := l.pending[k]; ok && cur == m {
			delete(l.pending, k)
		}
	}
	if len(l.pending) > 0 {
		if l.timer == nil {
			l.timer = time.AfterFunc(sentFlushDelay, l.flush)
		}
		return nil
	}
	if l.timer != nil {
		l.timer.Stop()
		l.timer = nil
	}
	if l.file == nil {
		return nil
	}
	// Every line is in the store now. Not synced: should the file keep
	// them after a power cut, folding them again changes nothing.
	return l.file.Truncate(0)
}

// overlay returns d with its pending mark applied, if it has one.
func (l *sentLog) overlay(d Delivery) Delivery {
	l.mu.Lock()
	m, ok := l.pending[d.Key]
	l.mu.Unlock()
	if !ok || d.State.Final() {
		return d
	}
	return m.apply(d)
}

// fired is the timer's flush having started: the next mark arms another.
func (l *sentLog) fired() {
	l.mu.Lock()
	l.timer = nil
	l.mu.Unlock()
}

// pendingCount returns how many marks are not folded in yet.
func (l *sentLog) pendingCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.pending)
}

// close stops the flush timer and closes the file.
func (l *sentLog) close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.timer != nil {
		l.timer.Stop()
		l.timer = nil
	}
	if l.file == nil {
		return nil
	}
	err := l.file.Close()
	l.file = nil
	return err
}
