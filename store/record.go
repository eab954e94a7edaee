package store

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The stored form of a delivery.
//
// A record is the JSON of deliveryRecord as encoding/json writes it, in
// every store so far. Every message costs a record written (its intent),
// then read and written again (the mark that it was sent), and a digest
// reads them all; encoding/json made that the store's largest cost after
// the disk. So the store writes records by hand, byte for byte as
// encoding/json would, and reads the records it wrote by hand too,
// leaving anything it does not expect (an escaped string, another order of
// fields, a number in another form, invalid JSON) to encoding/json, which
// then decides as it always did. The payload, most of a record, is read
// only when asked for: folding a mark in copies it as stored.

// deliveryRecord is how a Delivery is stored: JSON with stable names.
type deliveryRecord struct {
	ID          string    `json:"id"`
	Channel     string    `json:"channel"`
	Plan        string    `json:"plan,omitempty"`
	Task        string    `json:"task,omitempty"`
	Unit        string    `json:"unit,omitempty"`
	Kind        string    `json:"kind,omitempty"`
	Rule        string    `json:"rule,omitempty"`
	Due         time.Time `json:"due,omitzero"`
	State       State     `json:"state"`
	Attempts    int       `json:"attempts,omitempty"`
	LastError   string    `json:"last_error,omitempty"`
	NextAttempt time.Time `json:"next_attempt,omitzero"`
	SentAt      time.Time `json:"sent_at,omitzero"`
	Where       string    `json:"where,omitempty"`
	Updated     time.Time `json:"updated,omitzero"`
	Started     time.Time `json:"started,omitzero"`
	Payload     []byte    `json:"payload,omitempty"`
}

func recordOf(d *Delivery) deliveryRecord {
	return deliveryRecord{
		ID: d.ID, Channel: d.Channel,
		Plan: d.Plan, Task: d.Task, Unit: d.Unit, Kind: d.Kind, Rule: d.Rule,
		Due: d.Due, State: d.State, Attempts: d.Attempts, LastError: d.LastError,
		NextAttempt: d.NextAttempt, SentAt: d.SentAt, Where: d.Where,
		Updated: d.Updated, Started: d.Started, Payload: d.Payload,
	}
}

// appendRecord appends the record of d to buf: json.Marshal(recordOf(d)),
// byte for byte, and its error. A non-nil stored payload (a JSON string,
// as decodeRecord returns it) is written instead of d.Payload.
func appendRecord(buf []byte, d *Delivery, stored []byte) ([]byte, error) {
	b := append(slices.Grow(buf, recordSize(d, stored)), `{"id":`...)
	b = appendString(b, d.ID)
	b = append(b, `,"channel":`...)
	b = appendString(b, d.Channel)
	b = appendField(b, `,"plan":`, d.Plan)
	b = appendField(b, `,"task":`, d.Task)
	b = appendField(b, `,"unit":`, d.Unit)
	b = appendField(b, `,"kind":`, d.Kind)
	b = appendField(b, `,"rule":`, d.Rule)
	b, ok := appendTime(b, `,"due":`, d.Due)
	b = append(b, `,"state":`...)
	b = appendString(b, string(d.State))
	if d.Attempts != 0 {
		b = append(b, `,"attempts":`...)
		b = strconv.AppendInt(b, int64(d.Attempts), 10)
	}
	b = appendField(b, `,"last_error":`, d.LastError)
	b, ok2 := appendTime(b, `,"next_attempt":`, d.NextAttempt)
	b, ok3 := appendTime(b, `,"sent_at":`, d.SentAt)
	b = appendField(b, `,"where":`, d.Where)
	b, ok4 := appendTime(b, `,"updated":`, d.Updated)
	b, ok5 := appendTime(b, `,"started":`, d.Started)
	if !ok || !ok2 || !ok3 || !ok4 || !ok5 {
		// A time RFC 3339 cannot hold: encoding/json's error.
		v, err := json.Marshal(recordOf(d))
		return append(buf, v...), err
	}
	switch {
	case stored != nil:
		b = append(b, `,"payload":`...)
		b = append(b, stored...)
	case len(d.Payload) > 0:
		b = append(b, `,"payload":"`...)
		b = base64.StdEncoding.AppendEncode(b, d.Payload)
		b = append(b, '"')
	}
	return append(b, '}'), nil
}

// recordSize is how long the record of d is at most, unless a string must
// be escaped: the names, quotes, number and times take less than 400 bytes.
func recordSize(d *Delivery, stored []byte) int {
	n := 400 + len(d.ID) + len(d.Channel) + len(d.Plan) + len(d.Task) + len(d.Unit) + len(d.Kind) +
		len(d.Rule) + len(d.State) + len(d.LastError) + len(d.Where) + len(stored)
	if stored == nil {
		n += base64.StdEncoding.EncodedLen(len(d.Payload))
	}
	return n
}

// appendField appends name and s unless s is empty (omitempty).
func appendField(b []byte, name, s string) []byte {
	if s == "" {
		return b
	}
	return appendString(append(b, name...), s)
}

// appendTime appends name and t unless t is zero (omitzero), as
// Time.MarshalJSON does; ok is false if t cannot be written.
func appendTime(b []byte, name string, t time.Time) ([]byte, bool) {
	if t.IsZero() {
		return b, true
	}
	out, err := t.AppendText(append(append(b, name...), '"'))
	if err != nil {
		return b, false
	}
	return append(out, '"'), true
}

// appendString appends s as encoding/json writes a string: as is when
// nothing needs escaping, else through encoding/json.
func appendString(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < ' ' || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return appendEscaped(b, s)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return appendEscaped(b, s)
		}
		i += size
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

func appendEscaped(b []byte, s string) []byte {
	v, _ := json.Marshal(s) // a string always encodes
	return append(b, v...)
}

// decodeRecord reads the record v of key k. With payload, its Payload is
// read too; without, it may not be, and then stored is the payload as
// stored, a JSON string within v, for appendRecord to write again. A
// payload left as stored is not checked: a record whose payload is
// damaged is read without it, and written again as it was.
func decodeRecord(k, v []byte, payload bool) (d Delivery, stored []byte, err error) {
	var p recordParse
	if !p.parse(v) {
		return decodeSlow(k, v)
	}
	if d, stored, ok := p.delivery(k, v, payload); ok {
		return d, stored, nil
	}
	return decodeSlow(k, v)
}

// decodeSlow reads a record through encoding/json.
func decodeSlow(k, v []byte) (Delivery, []byte, error) {
	var r deliveryRecord
	if err := json.Unmarshal(v, &r); err != nil {
		return Delivery{}, nil, corrupt("delivery %q: %v", k, err)
	}
	return Delivery{
		Key: string(k), ID: r.ID, Channel: r.Channel,
		Plan: r.Plan, Task: r.Task, Unit: r.Unit, Kind: r.Kind, Rule: r.Rule,
		Due: r.Due, State: r.State, Attempts: r.Attempts, LastError: r.LastError,
		NextAttempt: r.NextAttempt, SentAt: r.SentAt, Where: r.Where,
		Updated: r.Updated, Started: r.Started, Payload: r.Payload,
	}, nil, nil
}

// The fields of a record, by the order of a recordParse's spans.
const (
	fID = iota
	fChannel
	fPlan
	fTask
	fUnit
	fKind
	fRule
	fState
	fLastError
	fWhere
	fPayload
	nSpans
)

// span is where a string value is in a record, quotes included; escaped
// if it must be read by encoding/json (an escape or invalid UTF-8).
type span struct {
	from, to int
	escaped  bool
}

// recordParse is a record as parse found it: where its strings are, and
// its times and number, read already.
type recordParse struct {
	spans                                      [nSpans]span
	attempts                                   int
	due, nextAttempt, sentAt, updated, started time.Time
}

// parse reads v if it is a record as appendRecord writes them, in any
// order of fields, and reports whether it could: if not, encoding/json
// must decide what v is.
func (p *recordParse) parse(v []byte) bool {
	if len(v) < 2 || v[0] != '{' || v[len(v)-1] != '}' {
		return false
	}
	i := 1
	if len(v) == 2 {
		return true
	}
	for {
		// The name: a string without escapes, then a colon.
		if v[i] != '"' {
			return false
		}
		j := i + 1
		for j < len(v) && v[j] != '"' {
			if v[j] == '\\' || v[j] < ' ' {
				return false
			}
			j++
		}
		if j+2 >= len(v) || v[j+1] != ':' {
			return false
		}
		name := v[i+1 : j]
		i = j + 2
		f := -1
		var t *time.Time
		switch string(name) {
		case "id":
			f = fID
		case "channel":
			f = fChannel
		case "plan":
			f = fPlan
		case "task":
			f = fTask
		case "unit":
			f = fUnit
		case "kind":
			f = fKind
		case "rule":
			f = fRule
		case "state":
			f = fState
		case "last_error":
			f = fLastError
		case "where":
			f = fWhere
		case "payload":
			f = fPayload
		case "due":
			t = &p.due
		case "next_attempt":
			t = &p.nextAttempt
		case "sent_at":
			t = &p.sentAt
		case "updated":
			t = &p.updated
		case "started":
			t = &p.started
		case "attempts":
			j = i
			if j < len(v) && v[j] == '-' {
				j++
			}
			if j >= len(v) || v[j] < '0' || v[j] > '9' || (v[j] == '0' && j+1 < len(v) && v[j+1] >= '0' && v[j+1] <= '9') {
				return false
			}
			for j < len(v) && v[j] >= '0' && v[j] <= '9' {
				j++
			}
			n, err := strconv.Atoi(string(v[i:j]))
			if err != nil {
				return false
			}
			p.attempts, i = n, j
		default:
			// Another name, or one in another case, which encoding/json
			// would match to a field: it decides.
			return false
		}
		if f >= 0 || t != nil {
			s, ok := stringAt(v, i, f != fPayload)
			if !ok {
				return false
			}
			if t != nil {
				// Time.UnmarshalJSON, as encoding/json calls it.
				if s.escaped || t.UnmarshalJSON(v[s.from:s.to]) != nil {
					return false
				}
			} else {
				p.spans[f] = s
			}
			i = s.to
		}
		if i >= len(v) {
			return false
		}
		switch v[i] {
		case ',':
			i++
		case '}':
			return i == len(v)-1
		default:
			return false
		}
	}
}

// stringAt returns the span of the JSON string at v[i], or false if there
// is none. With check, a string holding anything but UTF-8 is escaped;
// without, the string is only looked at for its end and its escapes (a
// payload's base64, which unbase64 checks).
func stringAt(v []byte, i int, check bool) (span, bool) {
	if i >= len(v) || v[i] != '"' {
		return span{}, false
	}
	if !check {
		if q := bytes.IndexByte(v[i+1:], '"'); q >= 0 && bytes.IndexByte(v[i+1:i+1+q], '\\') < 0 {
			return span{from: i, to: i + q + 2}, true
		}
	}
	s := span{from: i}
	ascii := true
	for j := i + 1; j < len(v); j++ {
		for j < len(v) && plain[v[j]] {
			j++
		}
		if j == len(v) {
			break
		}
		switch c := v[j]; {
		case c == '"':
			s.to = j + 1
			if check && !s.escaped && !ascii && !utf8.Valid(v[i+1:j]) {
				s.escaped = true
			}
			return s, true
		case c == '\\':
			s.escaped = true
			j++ // the escaped byte; a \u escape's digits hold no quote
		case c >= utf8.RuneSelf:
			ascii = false
		default:
			return span{}, false // a control character: invalid JSON
		}
	}
	return span{}, false
}

// plain tells the ASCII bytes a JSON string holds as they are, and that
// do not end it: all but control characters, the quote and the backslash.
var plain = func() (t [256]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// delivery returns the Delivery p read from v, the record of k; false if
// encoding/json must read it after all (its payload is not base64).
func (p *recordParse) delivery(k, v []byte, payload bool) (d Delivery, stored []byte, ok bool) {
	// The plain strings share one copy of the record, up to the last of
	// them: the payload, written last, is not kept with them.
	end := 0
	for f, s := range p.spans {
		if f != fPayload && !s.escaped && s.to > end {
			end = s.to
		}
	}
	// One allocation for the key and the strings.
	var sb strings.Builder
	sb.Grow(len(k) + end)
	sb.Write(k)
	sb.Write(v[:end])
	key, head := sb.String()[:len(k)], sb.String()[len(k):]
	str := func(f int) (string, bool) {
		s := p.spans[f]
		switch {
		case s.to == 0:
			return "", true
		case s.escaped:
			var out string
			return out, json.Unmarshal(v[s.from:s.to], &out) == nil
		}
		return head[s.from+1 : s.to-1], true
	}
	var oks [fPayload]bool
	d = Delivery{Key: key, Attempts: p.attempts, Due: p.due, NextAttempt: p.nextAttempt,
		SentAt: p.sentAt, Updated: p.updated, Started: p.started}
	d.ID, oks[fID] = str(fID)
	d.Channel, oks[fChannel] = str(fChannel)
	d.Plan, oks[fPlan] = str(fPlan)
	d.Task, oks[fTask] = str(fTask)
	d.Unit, oks[fUnit] = str(fUnit)
	d.Kind, oks[fKind] = str(fKind)
	d.Rule, oks[fRule] = str(fRule)
	var state string
	state, oks[fState] = str(fState)
	d.State = State(state)
	d.LastError, oks[fLastError] = str(fLastError)
	d.Where, oks[fWhere] = str(fWhere)
	for _, ok := range oks {
		if !ok {
			return Delivery{}, nil, false
		}
	}
	s := p.spans[fPayload]
	switch {
	case s.to == 0:
	case !payload && !s.escaped && s.to-s.from > len(`""`):
		// Left as stored. (An escaped or empty one is read: it is rare,
		// and writing it again must not change what it reads as.)
		stored = v[s.from:s.to]
	case s.escaped:
		var p []byte // not &d.Payload: d would go to the heap
		if json.Unmarshal(v[s.from:s.to], &p) != nil {
			return Delivery{}, nil, false
		}
		d.Payload = p
	default:
		if d.Payload, ok = unbase64(v[s.from:s.to]); !ok {
			return Delivery{}, nil, false
		}
	}
	return d, stored, true
}

// unbase64 reads a JSON string without escapes into a []byte, as
// encoding/json does. A raw line break, invalid JSON, is refused here:
// the base64 decoder would skip it.
func unbase64(s []byte) ([]byte, bool) {
	s = s[1 : len(s)-1]
	if bytes.IndexByte(s, '\n') >= 0 || bytes.IndexByte(s, '\r') >= 0 {
		return nil, false
	}
	b := make([]byte, base64.StdEncoding.DecodedLen(len(s)))
	n, err := base64.StdEncoding.Decode(b, s)
	return b[:n], err == nil
}

// readPayload reads the payload decodeRecord left as stored in v, the
// record of k: as decodeRecord would have, with encoding/json deciding
// what unbase64 refuses.
func readPayload(k, v, stored []byte) ([]byte, error) {
	if p, ok := unbase64(stored); ok {
		return p, nil
	}
	d, _, err := decodeSlow(k, v)
	return d.Payload, err
}
