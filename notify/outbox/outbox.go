// Package outbox is the channel of a service with no mail server or SMS
// gateway, and of rehearsals: it writes every message, complete, under a
// directory (email as .eml files, SMS as text files) instead of sending it,
// so that nothing is lost and everything can be read.
package outbox

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// Outbox writes messages under a directory: an email as
// email/<yyyy-mm-dd>/<ID>.eml (RFC 5322), an SMS as
// sms/<yyyy-mm-dd>/<ID>.txt (as the phone receives it), where the date is
// the day it is written.
// Each file appears whole or not at all, and a message written again, even
// on another day, replaces its first file. It is safe for concurrent use.
type Outbox struct {
	// Now is the clock that dates the messages and their folders
	// (time.Now by default); a rehearsal passes its virtual clock.
	Now func() time.Time
	// SMS are the limits of the SMS channel the outbox stands in for:
	// an SMS file holds what the phone would receive (notify.PhoneSMS).
	// New sets the defaults of a channel not configured.
	SMS notify.SMSLimits

	dir string
	mu  sync.Mutex
	// where holds the file of every message already in the outbox, by
	// "email/<ID>.eml" or "sms/<ID>.txt", relative to dir; nil until the
	// directory is read.
	where map[string]string
	// write fills the temporary file; tests make it fail.
	write func(f *os.File, data []byte) error
}

// New returns an outbox writing under dir, which is created when the
// first message comes.
func New(dir string) *Outbox {
	return &Outbox{Now: time.Now, SMS: notify.SMSLimitsOf(nil), dir: dir, write: writeAll}
}

// Dir returns the directory the outbox writes under.
func (o *Outbox) Dir() string { return o.dir }

// Notify writes m. Any failure to write is temporary: the disk may be
// freed or the permissions fixed, and the message written again; a message
// that cannot be written as it is (an unknown channel, an id unfit for a
// file name) is a permanent failure.
func (o *Outbox) Notify(ctx context.Context, m *notify.Message) error {
	if err := ctx.Err(); err != nil {
		return notify.Temporary(fmt.Errorf("outbox: message %s: %w", m.ID, err))
	}
	if !validID(m.ID) {
		return notify.Permanent(fmt.Errorf("outbox: message id %q cannot name a file", m.ID))
	}
	now := o.Now()
	var sub, name string
	var data []byte
	switch m.Channel {
	case plan.ChannelEmail:
		sub, name = "email", m.ID+".eml"
		var err error
		if data, err = formatEmail(m, now); err != nil {
			return notify.Permanent(fmt.Errorf("outbox: message %s: %w", m.ID, err))
		}
	case plan.ChannelSMS:
		sub, name = "sms", m.ID+".txt"
		data = formatSMS(m, o.SMS)
	case plan.ChannelZalo, plan.ChannelWebhook:
		sub, name = m.Channel, m.ID+".json"
		data = formatPayload(m) // payload.go
	default:
		return notify.Permanent(fmt.Errorf("outbox: message %s: unknown channel %q", m.ID, m.Channel))
	}
	rel, err := o.place(sub, name, now)
	if err != nil {
		return notify.Temporary(err)
	}
	path := filepath.Join(o.dir, rel)
	if err := o.writeFile(path, data); err != nil {
		return notify.Temporary(fmt.Errorf("outbox: write %s: %w", path, err))
	}
	o.mu.Lock()
	o.where[sub+"/"+name] = rel
	err = o.appendJournal(now, m, rel)
	o.mu.Unlock()
	if err != nil {
		return notify.Temporary(fmt.Errorf("outbox: journal: %w", err))
	}
	m.Receipt = path
	return nil
}

// JournalName is the file, under the outbox, that lists every write in
// order, one line each: time, channel, unit, message id, file. A message
// written twice (after a crash, say) has two lines there though its file
// was only replaced.
const JournalName = "journal.log"

func (o *Outbox) appendJournal(now time.Time, m *notify.Message, rel string) error {
	f, err := os.OpenFile(filepath.Join(o.dir, JournalName), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o640)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "%s\t%s\t%s\t%s\t%s\n", now.Format(time.RFC3339), m.Channel, m.Unit, m.ID, filepath.ToSlash(rel))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// place returns where the message file goes, relative to the outbox: where
// it was written before, or under today's folder.
func (o *Outbox) place(sub, name string, now time.Time) (string, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.where == nil {
		where, err := o.scan()
		if err != nil {
			return "", err
		}
		o.where = where
	}
	if rel, ok := o.where[sub+"/"+name]; ok {
		return rel, nil
	}
	return filepath.Join(sub, now.Format("2006-01-02"), name), nil
}

// scan lists the messages already in the outbox, once, so that a message
// written again after a restart replaces its file instead of doubling it.
func (o *Outbox) scan() (map[string]string, error) {
	where := map[string]string{}
	for _, sub := range []string{"email", "sms", plan.ChannelZalo, plan.ChannelWebhook} {
		days, err := os.ReadDir(filepath.Join(o.dir, sub))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("outbox: read %s: %w", filepath.Join(o.dir, sub), err)
		}
		for _, day := range days {
			if !day.IsDir() {
				continue
			}
			files, err := os.ReadDir(filepath.Join(o.dir, sub, day.Name()))
			if err != nil {
				return nil, fmt.Errorf("outbox: read %s: %w", filepath.Join(o.dir, sub, day.Name()), err)
			}
			for _, f := range files {
				if n := f.Name(); !strings.HasPrefix(n, ".") && f.Type().IsRegular() {
					if _, dup := where[sub+"/"+n]; !dup {
						where[sub+"/"+n] = filepath.Join(sub, day.Name(), n)
					}
				}
			}
		}
	}
	return where, nil
}

// writeFile writes data to path atomically: a temporary file in the same
// directory, synced, renamed over path, and the directory synced. A reader
// sees the old file or the new one, never part of one; on failure the
// temporary file is removed.
func (o *Outbox) writeFile(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	if err := mkdirAll(dir); err != nil {
		return err
	}
	// A dot name: readers listing *.eml or *.txt never see it.
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := o.write(f, data); err != nil {
		return err
	}
	if err := f.Chmod(0o640); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	return syncDir(dir)
}

func writeAll(f *os.File, data []byte) error {
	_, err := f.Write(data)
	return err
}

// mkdirAll makes dir and its missing parents, syncing each parent so that
// the new entries survive a crash.
func mkdirAll(dir string) error {
	fi, err := os.Stat(dir)
	if err == nil {
		if !fi.IsDir() {
			return &fs.PathError{Op: "mkdir", Path: dir, Err: errors.New("not a directory")}
		}
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := mkdirAll(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o750); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil
		}
		return err
	}
	return syncDir(filepath.Dir(dir))
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return err
	}
	return d.Close()
}

// validID reports whether id can name a file inside the outbox: no path
// separator, no leading dot, a sane length.
func validID(id string) bool {
	if id == "" || len(id) > 128 || id[0] == '.' {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}
