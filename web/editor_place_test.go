package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/store"
)

// TestEditorKeepsPlace: a changed unit list or escalation is written
// where it stood, its comments kept; the file differs from the one
// before only on the lines of what changed, byte for byte elsewhere.
func TestEditorKeepsPlace(t *testing.T) {
	toaDam := func() url.Values {
		return url.Values{
			"title": {"Tọa đàm nữ lãnh đạo"}, "ref": {"II.2"}, "when": {"on"}, "on_date": {"2019-03-08"}, "on_time": {"08:00"},
			"u.ldtbxh": {"lead"}, "u.hlhpn": {"support"}, "u.ban-vstbpn": {"support"},
			"r0.orig": {"0"}, "r0.kind": {"before"}, "r0.n": {"7"}, "r0.unit": {"d"},
			"r1.orig": {"1"}, "r1.kind": {"custom"}, "r1.key": {"every"}, "r1.raw": {"0 8 * 1-3 MON"}, "r2.kind": {""}, "d0.title": {""},
		}
	}
	escalated := strings.Replace(editorPlan, "        remind: [7d, 3d]\n",
		"        escalate:            # nhắc lãnh đạo\n          - after: 2d        # hai ngày\n            to: [lanh-dao]\n        remind: [7d, 3d]\n", 1)
	for _, tc := range []struct {
		name     string
		plan     string
		task     string
		form     url.Values
		old, new string // the lines that change
	}{
		{name: "support in brackets", plan: strings.Replace(editorPlan, "    support: [hlhpn]\n", "    support: [hlhpn]           # phối hợp\n", 1),
			task: "toa-dam", form: toaDam(),
			old: "    support: [hlhpn]           # phối hợp\n", new: "    support: [hlhpn, ban-vstbpn]           # phối hợp\n"},
		{name: "support one a line", plan: strings.Replace(editorPlan, "    support: [hlhpn]\n", "    support:   # phối hợp\n      - hlhpn\n", 1),
			task: "toa-dam", form: toaDam(),
			old: "      - hlhpn\n", new: "      - hlhpn\n      - ban-vstbpn\n"},
		{name: "an escalation's delay", plan: escalated, task: "thang-hanh-dong", form: withValues(thangForm(), "d0.esc_after", "3d", "d0.esc_to", "lanh-dao"),
			old: "          - after: 2d        # hai ngày\n", new: "          - after: 3d        # hai ngày\n"},
		{name: "an escalation's units", plan: escalated, task: "thang-hanh-dong", form: withValues(thangForm(), "d0.esc_after", "2d", "d0.esc_to", "ban-vstbpn"),
			old: "            to: [lanh-dao]\n", new: "            to: [ban-vstbpn]\n"},
		{name: "a reminder's kind, the comment above it kept",
			plan: strings.Replace(editorPlan, "      - before: 7d ", "      # nhắc trước\n      - before: 7d ", 1),
			task: "toa-dam", form: withValues(toaDam(), "u.ban-vstbpn", "", "r0.kind", "weekly", "r0.weekday", "1", "r0.time", "08:00"),
			old: "      - before: 7d             # một tuần trước\n", new: "      - every: \"0 8 * * MON\"\n"},
		{name: "the only reminder replaced", plan: editorPlan, task: "thang-hanh-dong",
			form: withValues(thangForm(), "r0.del", "1", "r1.kind", "monthly", "r1.day", "5", "r1.time", "07:30"),
			old:  "      - at: start\n", new: "      - every: \"30 7 5 * *\"\n"},
		{name: "a deadline's recipients", plan: editorPlan, task: "thang-hanh-dong", form: withValues(thangForm(), "d0.to", "lanh-dao"),
			old: "        to: [ban-vstbpn]\n", new: "        to: [lanh-dao]\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEditorEnv(t)
			e.write("bdg-2019.yaml", tc.plan)
			e.load()
			mai := e.client("mai")
			_, page := mai.get("/plan/bdg-2019/tasks/" + tc.task)
			csrf := hidden(t, page, "csrf")
			resp, body := mai.post("/plan/bdg-2019/tasks/"+tc.task, csrf, tc.form)
			wantStatus(t, resp, body, http.StatusOK)
			resp, out := mai.post("/plan/bdg-2019/save", csrf, url.Values{"edits": {hidden(t, body, "edits")}, "etag": {hidden(t, body, "etag")}})
			wantStatus(t, resp, out, http.StatusSeeOther)
			if !strings.Contains(tc.plan, tc.old) {
				t.Fatalf("the plan lacks %q", tc.old)
			}
			want := strings.Replace(tc.plan, tc.old, tc.new, 1)
			if got := e.read("bdg-2019.yaml"); got != want {
				t.Errorf("the file differs from the one with only %q changed (- want, + got):\n%s", tc.old,
					store.Diff("want", "got", []byte(want), []byte(got)))
			}
		})
	}
}

// withValues returns v with each key of kv set to the value after it.
func withValues(v url.Values, kv ...string) url.Values {
	for i := 0; i+1 < len(kv); i += 2 {
		v.Set(kv[i], kv[i+1])
	}
	return v
}
