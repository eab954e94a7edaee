package main

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/plan"
)

// TestLoggerTimes checks that every time in a log record, the record's
// own and its attributes', is RFC 3339 in the service's zone, and that a
// rehearsal's logger tells the virtual clock's time.
func TestLoggerTimes(t *testing.T) {
	hcm, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	virtual := time.Date(2019, 11, 15, 1, 0, 0, 0, time.UTC) // 08:00 in Hà Nội
	next := time.Date(2019, 11, 16, 0, 30, 0, 0, time.UTC)
	tests := []struct {
		name, format string
		clock        bool
		want         []string
	}{
		{"text, real time", "text", false, []string{`next=2019-11-16T07:30:00.000+07:00`, `+07:00 level=INFO`}},
		{"json, real time", "json", false, []string{`"next":"2019-11-16T07:30:00+07:00"`, `+07:00","level":"INFO"`}},
		{"text, rehearsal", "text", true, []string{`time=2019-11-15T08:00:00.000+07:00`, `next=2019-11-16T07:30:00.000+07:00`, `plan=bdg-2019`, `g.unit=hlhpn`}},
		{"json, rehearsal", "json", true, []string{`"time":"2019-11-15T08:00:00+07:00"`, `"plan":"bdg-2019"`, `"g":{"unit":"hlhpn"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			cfg := &plan.Config{Service: plan.Service{Location: hcm, LogFormat: tt.format}}
			log := newLogger(cfg, &buf)
			if tt.clock {
				log = withClock(log, func() time.Time { return virtual })
			}
			log.With("plan", "bdg-2019").WithGroup("g").Info("sent", "unit", "hlhpn", slog.Time("next", next))
			got := buf.String()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("got %s, want it to contain %s", got, w)
				}
			}
			if strings.Contains(got, "Z\"") || strings.Contains(got, "Z ") {
				t.Errorf("got %s, want no UTC time in it", got)
			}
		})
	}
}
