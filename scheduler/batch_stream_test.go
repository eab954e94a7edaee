package scheduler

import (
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// list is a source of the notifications given, in order.
type list []plan.Notification

func (l *list) Next() (plan.Notification, bool) {
	if len(*l) == 0 {
		return plan.Notification{}, false
	}
	n := (*l)[0]
	*l = (*l)[1:]
	return n, true
}

func TestStream(t *testing.T) {
	n := func(id, when string) plan.Notification { return plan.Notification{ID: id, At: at(when)} }
	tests := []struct {
		name             string
		notices, digests list
		until, now       string
		want             string // ids out by now
		wantNext         string // the notices' next time after, "" for none
	}{
		{
			name:    "in time order, notices first at the same time",
			notices: list{n("r1", "15/11/2019 07:00"), n("r2", "15/11/2019 07:30"), n("r3", "15/11/2019 08:00")},
			digests: list{n("d1", "15/11/2019 07:30"), n("d2", "18/11/2019 07:30")},
			now:     "15/11/2019 09:00", want: "r1 r2 d1 r3",
		},
		{
			name:    "nothing after now",
			notices: list{n("r1", "15/11/2019 07:00"), n("r2", "15/11/2019 08:00")},
			digests: list{n("d1", "15/11/2019 07:30")},
			now:     "15/11/2019 07:30", want: "r1 d1", wantNext: "15/11/2019 08:00",
		},
		{
			name:    "nothing from until on",
			notices: list{n("r1", "15/11/2019 07:00"), n("r2", "15/11/2019 08:00")},
			digests: list{n("d1", "15/11/2019 07:30")},
			until:   "15/11/2019 07:30", now: "16/11/2019 00:00", want: "r1",
		},
		{
			name: "no digests", notices: list{n("r1", "15/11/2019 07:00")},
			now: "16/11/2019 00:00", want: "r1",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var until time.Time
			if tt.until != "" {
				until = at(tt.until)
			}
			var digests source
			if tt.digests != nil {
				digests = &tt.digests
			}
			st := newStream(until, &tt.notices, digests)
			var got []string
			for n, ok := st.next(at(tt.now)); ok; n, ok = st.next(at(tt.now)) {
				got = append(got, n.ID)
			}
			if g := strings.Join(got, " "); g != tt.want {
				t.Errorf("got %q, want %q", g, tt.want)
			}
			var want time.Time
			if tt.wantNext != "" {
				want = at(tt.wantNext)
			}
			if got := st.at(fromPlans); !got.Equal(want) {
				t.Errorf("next notice at %s, want %s", got, want)
			}
		})
	}
}

func TestDigestSource(t *testing.T) {
	cfg := parseWith(t, digestConfig+`      - {id: t, title: T, lead: [a]}
  - {id: q, title: Q, year: 2019, owner: boss, tasks: [{id: u, title: U, lead: [b]}]}
`, "")
	g := newDigestSource(cfg, at("15/11/2019 07:30"))
	var got []string
	for range 4 {
		n, ok := g.Next()
		if !ok {
			t.Fatal("the digests ended")
		}
		if n.Kind != notify.KindDigest || n.ID != plan.NotificationID(n.Plan, "", "digest", n.At, n.Unit) ||
			len(n.Channels) == 0 || n.Role != plan.RoleOwner {
			t.Errorf("got %+v, want a digest notification to the owner", n)
		}
		got = append(got, n.Plan+":"+n.Unit+"@"+n.At.In(hcm).Format("02/01 15:04"))
	}
	want := "p:own@15/11 07:30 q:boss@15/11 07:30 p:own@18/11 07:30 q:boss@18/11 07:30"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("got %s, want %s", g, want)
	}
}
