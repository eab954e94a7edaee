package ack

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/nhacviec/nhacviec/plan"
)

// Tokens and codes.
//
// A notification's token is the first 120 bits of HMAC-SHA256(secret,
// notification id), in unpadded base64url: 20 URL-safe characters. It is
// unguessable without the secret, bound to one notification, and says
// nothing about it. It is checked in constant time (hmac.Equal) against
// the MAC recomputed for the notification the index names, so a token
// outlives neither a change of secret nor a forged index entry.
//
// Its SMS code is 4 digits taken from the next 32 bits of the same MAC
// (mod 10 000): disjoint from the token's bits, so a code tells nothing
// about the token. Four digits collide, so a code identifies a
// notification only among those sent to one unit (see MatchSMS).
//
// A unit's calendar token is the first 120 bits of HMAC-SHA256(secret,
// "unit:" + unit id); notification ids are hex, so the two never meet.
const (
	tokenBytes = 15 // 120 bits
	tokenLen   = 20 // base64url characters of tokenBytes
)

// MAC returns HMAC-SHA256(secret, msg), the MAC every token derives from.
// Other uses of the secret prefix msg ("unit:", "csrf:") so that their
// MACs never meet a notification's.
func MAC(secret []byte, msg string) []byte {
	h := hmac.New(sha256.New, secret)
	h.Write([]byte(msg))
	return h.Sum(nil)
}

// NotificationToken returns the token of notification id.
func NotificationToken(secret []byte, id string) string {
	return base64.RawURLEncoding.EncodeToString(MAC(secret, id)[:tokenBytes])
}

// NotificationCode returns the 4-digit SMS code of notification id.
func NotificationCode(secret []byte, id string) string {
	m := MAC(secret, id)
	return fmt.Sprintf("%04d", binary.BigEndian.Uint32(m[tokenBytes:tokenBytes+4])%10000)
}

// UnitToken returns the token of unit's calendar feed.
func UnitToken(secret []byte, unit string) string {
	return base64.RawURLEncoding.EncodeToString(MAC(secret, "unit:"+unit)[:tokenBytes])
}

// ValidUnitToken reports, in constant time, whether token is unit's
// calendar token.
func ValidUnitToken(secret []byte, token, unit string) bool {
	return WellFormed(token) && validMAC(secret, token, "unit:"+unit)
}

// validMAC reports, in constant time, whether token is the MAC of msg.
func validMAC(secret []byte, token, msg string) bool {
	got, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(got) != tokenBytes {
		return false
	}
	return hmac.Equal(got, MAC(secret, msg)[:tokenBytes])
}

// WellFormed reports whether s can be a token at all: checked before the
// store is asked.
func WellFormed(token string) bool {
	if len(token) != tokenLen {
		return false
	}
	for i := 0; i < len(token); i++ {
		c := token[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// smsKey is the index key of the SMS code of notification id sent to
// unit: "sms:UNIT:CODE:ID". Unit ids are [a-z0-9-]+, so the prefix
// "sms:UNIT:CODE:" selects exactly that unit's notifications with that
// code; ':' is not a base64url character, so no token looks like it.
func smsKey(unit, code, id string) string { return smsPrefix(unit, code) + id }

func smsPrefix(unit, code string) string { return "sms:" + unit + ":" + code + ":" }

// TokenIndex records what tokens stand for, in one write: *store.DB.
type TokenIndex interface {
	PutTokens(payload []byte, tokens ...string) error
}

// Links gives messages their acknowledgement link and SMS code
// (notify.Links). It records nothing: a link works once its index entries
// (Keys) are recorded, each standing for the notification as JSON
// (plan.Notification, as the scheduler stores it in Delivery.Payload):
//
//   - TOKEN → the notification;
//   - sms:UNIT:CODE:ID → the same, for a notification that goes by SMS.
//
// The scheduler records them in the commit of the message's intent, so
// they are on disk before the message can be out; Record does it for
// anything else. A deferred SMS (n.Deferred) has an id, so a token and a
// code, of its own, but its AckID and DeadlineID are those of its email:
// either link acknowledges the same thing. Its methods are safe for
// concurrent use.
type Links struct {
	publicURL string
	secret    []byte
}

// NewLinks returns the links of messages under publicURL
// (service.public_url), made with secret.
func NewLinks(publicURL string, secret []byte) *Links {
	return &Links{publicURL: strings.TrimRight(publicURL, "/"), secret: secret}
}

// AckURL returns publicURL/a/TOKEN.
func (l *Links) AckURL(n *plan.Notification) string {
	return l.publicURL + "/a/" + NotificationToken(l.secret, n.ID)
}

// DocumentURL returns publicURL/d/TOKEN: the plan document of n's plan,
// downloaded with n's token (notify.DocumentLinks).
func (l *Links) DocumentURL(n *plan.Notification) string {
	return l.publicURL + "/d/" + NotificationToken(l.secret, n.ID)
}

// AckCode returns the 4-digit code of n.
func (l *Links) AckCode(n *plan.Notification) string {
	return NotificationCode(l.secret, n.ID)
}

// Keys returns the index entries of n's links: its token, then its SMS
// code's entry if n goes by SMS.
func (l *Links) Keys(n *plan.Notification) []string {
	keys := []string{NotificationToken(l.secret, n.ID)}
	if slices.Contains(n.Channels, plan.ChannelSMS) {
		keys = append(keys, smsKey(n.Unit, NotificationCode(l.secret, n.ID), n.ID))
	}
	return keys
}

// Record records n's index entries in index, standing for n as JSON, in
// one write: afterwards its link and code work.
func (l *Links) Record(index TokenIndex, n *plan.Notification) error {
	payload, err := encodeNotification(n)
	if err != nil {
		return fmt.Errorf("record links of %s: %w", n.ID, err)
	}
	if err := index.PutTokens(payload, l.Keys(n)...); err != nil {
		return fmt.Errorf("record links of %s: %w", n.ID, err)
	}
	return nil
}
