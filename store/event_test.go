package store

import (
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"
)

func TestLogEvents(t *testing.T) {
	clock := newClock()
	db := openTest(t, "", clock)
	t0 := clock.Now()
	logged := []Event{
		{What: "reloaded", Detail: "plan bdg-2019"},                                 // At from the clock: t0
		{At: t0.Add(time.Hour), What: "sent", ID: "a/email", Detail: "250 OK"},      // t0+1h
		{At: t0.Add(-time.Hour), What: "missed", ID: "b/sms", Detail: "late by 3d"}, // a clock jump back
		{At: t0.Add(2 * time.Hour), What: "acked", ID: "a", Detail: "by Chị Lan via web"},
	}
	for _, e := range logged {
		if err := db.Log(e); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Log(Event{ID: "x"}); !errors.Is(err, ErrInvalid) {
		t.Errorf("Log without what: got %v, want ErrInvalid", err)
	}
	whats := func(since time.Time) []string {
		var out []string
		err := db.Events(since, func(e Event) error {
			out = append(out, e.What)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, tc := range []struct {
		since time.Time
		want  string
	}{
		{time.Time{}, "[reloaded sent missed acked]"},
		{t0, "[reloaded sent acked]"},
		{t0.Add(time.Minute), "[sent acked]"},
		{t0.Add(3 * time.Hour), "[]"},
	} {
		if got := fmt.Sprint(whats(tc.since)); got != tc.want {
			t.Errorf("Events(since %v) = %s, want %s", tc.since, got, tc.want)
		}
	}
	var first Event
	stop := errors.New("stop")
	if err := db.Events(time.Time{}, func(e Event) error { first = e; return stop }); err != stop {
		t.Errorf("Events with a failing callback: got %v, want stop", err)
	}
	if !first.At.Equal(t0) || first.Detail != "plan bdg-2019" {
		t.Errorf("first event = %+v, want at %v with its detail", first, t0)
	}
}

func TestLogConcurrent(t *testing.T) {
	db := openTest(t, "", newClock())
	const n = 64
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if err := db.Log(Event{What: "sent", ID: fmt.Sprint(i)}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	seen := map[string]int{}
	if err := db.Events(time.Time{}, func(e Event) error { seen[e.ID]++; return nil }); err != nil {
		t.Fatal(err)
	}
	if len(seen) != n {
		t.Errorf("%d distinct events, want %d", len(seen), n)
	}
	for id, c := range seen {
		if c != 1 {
			t.Errorf("event %s logged %d times, want 1", id, c)
		}
	}
}
