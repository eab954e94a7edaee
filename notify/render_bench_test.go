package notify

import (
	"testing"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// BenchmarkRender renders messages of the test plan (five units, a window
// task with a description, a deadline) as the daemon does for each
// delivery: a reminder and a deadline notice by email, a reminder by SMS.
func BenchmarkRender(b *testing.B) {
	for _, bb := range []struct {
		name, unit, prefix, suffix, channel string
	}{
		{"email/reminder", "ldtbxh", "before:7d", "7d", plan.ChannelEmail},
		{"email/deadline", "ldtbxh", "deadline:", "/remind:3d", plan.ChannelEmail},
		{"sms/reminder", "hlhpn", "every:", "MON", plan.ChannelSMS},
	} {
		b.Run(bb.name, func(b *testing.B) {
			cfg := loadConfig(b, lang.Vietnamese)
			n := pick(b, notifications(cfg), bb.unit, bb.prefix, bb.suffix)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Render(cfg, n, bb.channel, fakeLinks{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
