package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nhacviec/nhacviec/ack"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/store"
)

// SMS replies, POST /sms/inbound.
//
// The SMS gateway (or any relay) posts each SMS it receives here:
//
//   - SMS Gateway for Android's webhook, event "sms:received", as JSON:
//     {"event": "sms:received", "payload": {"message": "OK 4821",
//     "phoneNumber": "+84912345678", "receivedAt": "…"}, …}. Other events
//     (sms:sent, system:ping…) are answered 200 and ignored;
//   - a JSON object {"from": "+84912345678", "text": "OK 4821"};
//   - a form with the fields from and text.
//
// Authentication: the shared secret (Options.SMSSecret), given either as
// the query parameter secret (https://HOST/sms/inbound?secret=…: the
// Android gateway cannot set headers, and its documentation advises this)
// or as the header X-Nhacviec-Secret. It is compared in constant time; a
// missing or wrong one is 401. The gateway's own X-Signature is not
// checked.
//
// "OK 4821" confirms receipt, "XONG 4821" reports the work done, in any
// case, with or without diacritics ("Xong"), with spaces or punctuation
// between the word and the code or none ("ok4821"); anything after the
// code is kept with the SMS as the acknowledgement's note. The code must
// be that of a notification sent by SMS to a unit one of whose contacts
// has the sending phone (plan.NormalizePhone on both sides); which one it
// counts for, among colliding codes, is ack.MatchSMS's rule. If every one
// is settled, the reply says it was already recorded. A reply that
// matches no notification records nothing.
//
// A phone that sent too many wrong codes is locked out for an hour
// (lockout.go): its replies are answered 429, with Retry-After, and
// record nothing, even with a right code.
//
// Otherwise the answer is always 200 once authenticated, so that the
// gateway does not retry, with JSON {"status", "reply", "reply_ascii", "to"}: reply is
// a sentence for the sender in the service language, reply_ascii the same
// without diacritics (GSM-7 safe), for a relay to send back by SMS.

// Inbound SMS statuses.
const (
	smsRecorded      = "recorded"       // a new acknowledgement
	smsAlready       = "already"        // the matching notification was already acknowledged
	smsUnknownPhone  = "unknown_phone"  // no unit has that phone
	smsUnknownCode   = "unknown_code"   // no notification of the phone's units has that code
	smsNotUnderstood = "not_understood" // not "OK code" or "XONG code"
	smsNotDone       = "not_done"       // XONG for a notification with no report to send
	smsIgnored       = "ignored"        // a gateway event other than a received SMS
	smsLocked        = "locked"         // too many wrong codes from the phone: 429, nothing recorded
)

// smsReply is the answer to an inbound SMS.
type smsReply struct {
	Status     string `json:"status"`
	Reply      string `json:"reply"`
	ReplyASCII string `json:"reply_ascii"`
	To         string `json:"to,omitempty"` // the sender, E.164

	lockedUntil time.Time // smsLocked: until when
}

// inboundSMS is one received SMS, whatever the format it came in.
type inboundSMS struct {
	From, Text string
}

// smsCommand is a reply once stripped of diacritics and upper-cased.
var smsCommand = regexp.MustCompile(`^(OK|XONG)[\s:.,;#-]*([0-9]{4})\b`)

func (s *Server) smsRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /sms/inbound", s.handleSMS)
}

func (s *Server) handleSMS(w http.ResponseWriter, r *http.Request) {
	if s.opts.SMSSecret == "" {
		s.jsonError(w, r, Errorf(EUNAVAILABLE, "error.smsoff"))
		return
	}
	if !s.smsAuthorized(r) {
		s.jsonError(w, r, Errorf(EUNAUTHORIZED, "error.smssecret"))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		s.jsonError(w, r, bodyError(err))
		return
	}
	msg, ignore, err := parseInbound(r.Header.Get("Content-Type"), body)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	if ignore {
		s.writeJSON(w, http.StatusOK, smsReply{Status: smsIgnored})
		return
	}
	rep, err := s.smsAck(msg)
	if err != nil {
		s.jsonError(w, r, err)
		return
	}
	rep.ReplyASCII = asciiText(rep.Reply)
	if rep.Status == smsLocked {
		retryAfter(w, rep.lockedUntil.Sub(s.opts.Now()))
		s.writeJSON(w, http.StatusTooManyRequests, rep)
		return
	}
	s.writeJSON(w, http.StatusOK, rep)
}

// smsAuthorized checks the shared secret in constant time: both sides are
// hashed first, so not even the length leaks.
func (s *Server) smsAuthorized(r *http.Request) bool {
	got := r.Header.Get("X-Nhacviec-Secret")
	if got == "" {
		got = r.URL.Query().Get("secret")
	}
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(s.opts.SMSSecret))
	return got != "" && hmac.Equal(a[:], b[:])
}

// parseInbound reads an inbound SMS in one of the accepted formats. ignore
// is true for a gateway event that is not a received SMS.
func parseInbound(contentType string, body []byte) (msg inboundSMS, ignore bool, err error) {
	mt, _, _ := mime.ParseMediaType(contentType)
	if mt == "application/x-www-form-urlencoded" {
		q, err := url.ParseQuery(string(body))
		if err != nil {
			return msg, false, Errorf(EINVALID, "error.body")
		}
		return inboundSMS{From: q.Get("from"), Text: q.Get("text")}, false, nil
	}
	var in struct {
		Event   string `json:"event"`
		Payload *struct {
			Message     string `json:"message"`
			PhoneNumber string `json:"phoneNumber"`
		} `json:"payload"`
		From string `json:"from"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return msg, false, Errorf(EINVALID, "error.body")
	}
	switch {
	case in.Event == "sms:received" && in.Payload != nil:
		return inboundSMS{From: in.Payload.PhoneNumber, Text: in.Payload.Message}, false, nil
	case in.Event != "":
		return msg, true, nil
	}
	return inboundSMS{From: in.From, Text: in.Text}, false, nil
}

// smsAck finds what an SMS acknowledges, records it, and says so.
func (s *Server) smsAck(msg inboundSMS) (smsReply, error) {
	lng := s.lang()
	cfg := s.config()
	phone, err := plan.NormalizePhone(msg.From)
	if err != nil || cfg == nil {
		return smsReply{Status: smsUnknownPhone, Reply: tr(lng, "sms.unknownphone")}, nil
	}
	rep := smsReply{To: phone}
	now := s.opts.Now()
	if until, locked := s.smsLocks.locked(phone, now); locked {
		rep.Status, rep.Reply, rep.lockedUntil = smsLocked, tr(lng, "sms.locked", s.serviceTime(until)), until
		return rep, nil
	}
	senders := ack.PhoneOwners(cfg, phone)
	if len(senders) == 0 {
		rep.Status, rep.Reply = smsUnknownPhone, tr(lng, "sms.unknownphone")
		return rep, nil
	}
	text := strings.Join(strings.Fields(strings.ToUpper(lang.StripDiacritics(msg.Text))), " ")
	m := smsCommand.FindStringSubmatch(text)
	if m == nil {
		rep.Status, rep.Reply = smsNotUnderstood, tr(lng, "sms.notunderstood")
		return rep, nil
	}
	kind, code := store.Received, m[2]
	if m[1] == "XONG" {
		kind = store.Done
	}
	match, err := ack.MatchSMS(s.opts.Store, s.opts.Secret, senders, code, kind)
	switch {
	case errors.Is(err, ack.ErrUnknownNotification):
		if until := s.smsLocks.fail(phone, now); !until.IsZero() {
			s.log.Warn("SMS replies locked out: too many wrong codes", "until", until)
		}
		rep.Status, rep.Reply = smsUnknownCode, tr(lng, "sms.unknowncode", code, code)
		return rep, nil
	case errors.Is(err, ack.ErrNotReportable):
		rep.Status, rep.Reply = smsNotDone, tr(lng, "sms.notdone", code, code)
		return rep, nil
	case err != nil:
		return rep, err
	}
	n := match.Notification
	if match.Settled != nil {
		rep.Status = smsAlready
		rep.Reply = tr(lng, "sms.already", code, s.localTime(cfg, n.Plan, match.Settled.At), tr(lng, "sms.what."+string(kind)))
		return rep, nil
	}
	by := phone
	if match.Sender.Name != "" {
		by = match.Sender.Name + " (" + phone + ")"
	}
	a := store.Ack{Kind: kind, By: by, Via: "sms", Note: clip(msg.Text, maxNote), At: now}
	stored, created, err := ack.Record(s.opts.Store, n, a)
	if err != nil {
		return rep, err
	}
	s.log.Info("acknowledged by SMS", logUnit, n.Unit, logPlan, n.Plan, logTask, n.Task, "kind", kind, "created", created)
	if created {
		s.opts.Metrics.ObserveAck(string(kind), "sms")
	}
	if !created { // recorded meanwhile by another channel
		rep.Status = smsAlready
		rep.Reply = tr(lng, "sms.already", code, s.localTime(cfg, n.Plan, stored.At), tr(lng, "sms.what."+string(kind)))
		return rep, nil
	}
	rep.Status = smsRecorded
	if kind == store.Done {
		rep.Reply = tr(lng, "sms.done", cfg.UnitName(n.Unit), s.smsWhat(cfg, n, true))
	} else {
		rep.Reply = tr(lng, "sms.received", cfg.UnitName(n.Unit), s.smsWhat(cfg, n, false))
	}
	return rep, nil
}

// smsWhat names, briefly, what an SMS acknowledged: the deadline's report,
// or the task, or the plan.
func (s *Server) smsWhat(cfg *plan.Config, n *plan.Notification, done bool) string {
	p := cfg.Plan(n.Plan)
	if p == nil {
		return n.Plan
	}
	t := p.Task(n.Task)
	if t == nil {
		return "«" + shorten(p.Title, 60) + "»"
	}
	if o := p.Occurrence(n.DeadlineID); done && o != nil {
		return "«" + shorten(o.Deadline.Title, 60) + "»"
	}
	ref := strings.TrimSuffix(strings.TrimSpace(t.Ref), ".")
	if ref != "" {
		ref += " "
	}
	return ref + "«" + shorten(t.Title, 50) + "»"
}

// localTime formats t in the plan's time zone (the service's if the plan
// is gone).
func (s *Server) localTime(cfg *plan.Config, planID string, t time.Time) string {
	loc := cfg.Service.Location
	if p := cfg.Plan(planID); p != nil && p.Location != nil {
		loc = p.Location
	}
	if loc == nil {
		loc = time.Local
	}
	return t.In(loc).Format("02/01/2006 15:04")
}

// shorten cuts s to at most n characters, at a word boundary when one is
// near, marked "…".
func shorten(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n-1]
	cut := string(r)
	if sp := strings.LastIndexByte(cut, ' '); sp > len(cut)/2 {
		cut = cut[:sp]
	}
	return strings.TrimRight(cut, " ,;:-") + "…"
}

// asciiLookalikes are the typographic characters replies use, spelled in
// ASCII.
var asciiLookalikes = strings.NewReplacer("«", "\"", "»", "\"", "…", "...", "–", "-", "—", "-", "“", "\"", "”", "\"", "’", "'", "\u00a0", " ")

// asciiText is s without diacritics and in plain ASCII, for an SMS in
// GSM-7; anything else becomes "?".
func asciiText(s string) string {
	s = asciiLookalikes.Replace(lang.StripDiacritics(s))
	return strings.Map(func(r rune) rune {
		if r > 0x7e || (r < 0x20 && r != '\n') {
			return '?'
		}
		return r
	}, s)
}
