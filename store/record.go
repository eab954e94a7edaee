package store

import (
	"encoding/json"
	"time"
)

// record is how a Delivery is stored: encoding/json of this struct, with
// stable names. The payload, opaque to the store, is a base64 string in
// it, read only by the readers that ask for it (DeliveriesWith).
type record struct {
	ID          string          `json:"id"`
	Channel     string          `json:"channel"`
	Plan        string          `json:"plan,omitempty"`
	Task        string          `json:"task,omitempty"`
	Unit        string          `json:"unit,omitempty"`
	Kind        string          `json:"kind,omitempty"`
	Rule        string          `json:"rule,omitempty"`
	Due         time.Time       `json:"due,omitzero"`
	State       State           `json:"state"`
	Attempts    int             `json:"attempts,omitempty"`
	LastError   string          `json:"last_error,omitempty"`
	NextAttempt time.Time       `json:"next_attempt,omitzero"`
	SentAt      time.Time       `json:"sent_at,omitzero"`
	Where       string          `json:"where,omitempty"`
	Updated     time.Time       `json:"updated,omitzero"`
	Started     time.Time       `json:"started,omitzero"`
	Payload     json.RawMessage `json:"payload,omitempty"`
}

// encodeRecord returns the stored form of d.
func encodeRecord(d *Delivery) ([]byte, error) {
	r := record{
		ID: d.ID, Channel: d.Channel,
		Plan: d.Plan, Task: d.Task, Unit: d.Unit, Kind: d.Kind, Rule: d.Rule,
		Due: d.Due, State: d.State, Attempts: d.Attempts, LastError: d.LastError,
		NextAttempt: d.NextAttempt, SentAt: d.SentAt, Where: d.Where,
		Updated: d.Updated, Started: d.Started,
	}
	if len(d.Payload) > 0 {
		var err error
		if r.Payload, err = json.Marshal(d.Payload); err != nil {
			return nil, err
		}
	}
	return json.Marshal(r)
}

// decodeRecord reads the record v of key k, with its Payload if payload,
// given the record without it, returns true (withPayload: always). A
// payload not read is not checked for damage.
func decodeRecord(k, v []byte, payload func(*Delivery) bool) (Delivery, error) {
	var r record
	if err := json.Unmarshal(v, &r); err != nil {
		return Delivery{}, corrupt("delivery %q: %v", k, err)
	}
	d := Delivery{
		Key: string(k), ID: r.ID, Channel: r.Channel,
		Plan: r.Plan, Task: r.Task, Unit: r.Unit, Kind: r.Kind, Rule: r.Rule,
		Due: r.Due, State: r.State, Attempts: r.Attempts, LastError: r.LastError,
		NextAttempt: r.NextAttempt, SentAt: r.SentAt, Where: r.Where,
		Updated: r.Updated, Started: r.Started,
	}
	if len(r.Payload) > 0 && payload(&d) {
		if err := json.Unmarshal(r.Payload, &d.Payload); err != nil {
			return Delivery{}, corrupt("delivery %q: payload: %v", k, err)
		}
	}
	return d, nil
}

// withPayload asks decodeRecord for every payload.
func withPayload(*Delivery) bool { return true }

// withoutPayload asks decodeRecord for none.
func withoutPayload(*Delivery) bool { return false }
