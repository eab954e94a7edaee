package web

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nhacviec/nhacviec/preview"
)

// previewPath previews plan id from the start of 2019, the test plans' year.
func previewPath(id string) string { return "/api/v1/plans/" + id + "/preview?from=2019-01-01" }

// jsonString is s as a JSON string.
func jsonString(t *testing.T, s string) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// giaoBan is a task with a weekly reminder, as an inserted item.
const giaoBan = `{"id":"giao-ban","title":"Giao ban bình đẳng giới","lead":["ldtbxh"],"from":"04/11/2019","to":"29/11/2019","remind":[{"every":"0 8 * * MON"}]}`

func TestAPIPreview(t *testing.T) {
	e := newAPIEnv(t)
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	day := func(d, m int) string { return time.Date(2019, time.Month(m), d, 0, 0, 0, 0, loc).Format("02/01") }
	days := func(ts ...time.Time) string {
		var out []string
		for _, t := range ts {
			out = append(out, t.In(loc).Format("02/01"))
		}
		return strings.Join(out, " ")
	}
	for _, tc := range []struct {
		name, body, ctype string
		// added, removed, moved: the days of each item, "from>to" for a move.
		added, removed, moved string
		task                  string
		// quiet: the candidate sends nothing, so there is no sample.
		quiet bool
	}{
		{name: "a task a day earlier moves its reminder",
			body:  `{"edits":[{"op":"set","path":"tasks[id=toa-dam].on","value":"07/03/2019 08:00"}]}`,
			moved: day(1, 3) + ">" + day(28, 2), task: "toa-dam"},
		{name: "a task with a weekly reminder adds its Mondays",
			body:  `{"edits":[{"op":"insert","path":"tasks","to":1,"item":` + giaoBan + `}]}`,
			added: strings.Join([]string{day(4, 11), day(11, 11), day(18, 11), day(25, 11)}, " "), task: "giao-ban"},
		{name: "a deleted reminder is removed",
			body:    `{"edits":[{"op":"delete","path":"tasks[id=toa-dam].remind"}]}`,
			removed: day(1, 3), task: "toa-dam", quiet: true},
		{name: "the whole text, as JSON",
			body:  `{"yaml":` + jsonString(t, strings.Replace(apiPlan, "- before: 7d", "- before: 3d", 1)) + `}`,
			moved: day(1, 3) + ">" + day(5, 3), task: "toa-dam"},
		{name: "the whole text, as YAML",
			body: strings.Replace(apiPlan, "- before: 7d", "- before: 3d", 1), ctype: "application/yaml",
			moved: day(1, 3) + ">" + day(5, 3), task: "toa-dam"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := map[string]string{}
			if tc.ctype != "" {
				h["Content-Type"] = tc.ctype
			}
			resp, body := e.do("mai", http.MethodPost, previewPath("bdg-2019"), tc.body, h)
			wantStatus(t, resp, body, http.StatusOK)
			if resp.Header.Get("ETag") != e.etag("mai", "bdg-2019") {
				t.Errorf("got ETag %q, want the file's", resp.Header.Get("ETag"))
			}
			res := decode[preview.Result](t, body)
			var added, removed, moved []string
			for _, it := range res.Added {
				added = append(added, days(it.At))
			}
			for _, it := range res.Removed {
				removed = append(removed, days(it.At))
			}
			for _, m := range res.Moved {
				moved = append(moved, days(m.From)+">"+days(m.At))
			}
			if got := strings.Join(added, " "); got != tc.added {
				t.Errorf("got added %q, want %q", got, tc.added)
			}
			if got := strings.Join(removed, " "); got != tc.removed {
				t.Errorf("got removed %q, want %q", got, tc.removed)
			}
			if got := strings.Join(moved, " "); got != tc.moved {
				t.Errorf("got moved %q, want %q", got, tc.moved)
			}
			for _, it := range append(append(res.Added, res.Removed...), movedItems(res.Moved)...) {
				if it.Task != tc.task || it.Kind != "reminder" || len(it.Units) == 0 {
					t.Errorf("got item %+v, want a reminder of %s", it, tc.task)
				}
			}
			// Times with the service's offset, names in lowercase.
			wantContains(t, body, `"added":`, `"removed":`, `"moved":`, `"samples":`, "+07:00")
			if (len(res.Samples) == 0) != tc.quiet {
				t.Errorf("got samples %+v, want some: %v", res.Samples, !tc.quiet)
			}
		})
	}

	t.Run("the sample is the new message, in Vietnamese", func(t *testing.T) {
		resp, body := e.do("lan", http.MethodPost, previewPath("bdg-2019"),
			`{"edits":[{"op":"insert","path":"tasks","to":1,"item":`+giaoBan+`}]}`, nil)
		wantStatus(t, resp, body, http.StatusOK)
		res := decode[preview.Result](t, body)
		if len(res.Samples) != 1 {
			t.Fatalf("got samples %+v, want the one reminder's", res.Samples)
		}
		s := res.Samples[0]
		if s.Kind != "reminder" || s.Unit != "ldtbxh" {
			t.Errorf("got a sample of %s to %s, want the reminder to ldtbxh", s.Kind, s.Unit)
		}
		wantContains(t, s.Subject+"\n"+s.Text, "Giao ban bình đẳng giới", "Kính gửi: Bộ phận Lao động - Thương binh và Xã hội", "chủ trì")
	})

	t.Run("nothing written", func(t *testing.T) {
		before, cfgBefore := e.read("bdg-2019.yaml"), e.read("nhacviec.yaml")
		versions := func() string {
			resp, body := e.do("xem", http.MethodGet, "/api/v1/plans/bdg-2019/versions", "", nil)
			wantStatus(t, resp, body, http.StatusOK)
			return body
		}
		vs := versions()
		reloads := e.reloads
		resp, body := e.do("mai", http.MethodPost, previewPath("bdg-2019"),
			`{"edits":[{"op":"insert","path":"tasks","to":1,"item":`+giaoBan+`}]}`, nil)
		wantStatus(t, resp, body, http.StatusOK)
		if e.read("bdg-2019.yaml") != before || e.read("nhacviec.yaml") != cfgBefore {
			t.Error("the preview changed a file")
		}
		if got := versions(); got != vs {
			t.Errorf("got versions %s after the preview, want %s", got, vs)
		}
		if e.reloads != reloads {
			t.Error("the preview reloaded the daemon")
		}
	})

	t.Run("problems", func(t *testing.T) {
		for _, tc := range []struct {
			name, id, body string
			status         int
			path, message  string
		}{
			{"a date that does not exist", "bdg-2019", `{"edits":[{"op":"set","path":"tasks[id=toa-dam].on","value":"31/02/2019"}]}`,
				http.StatusUnprocessableEntity, "tasks[0].on", "31/02/2019"},
			{"a unit that does not exist, in the whole text", "bdg-2019",
				`{"yaml":` + jsonString(t, strings.Replace(apiPlan, "lead: [hlhpn]", "lead: [hoi-phu-nu]", 1)) + `}`,
				http.StatusUnprocessableEntity, "tasks[1].lead[0]", "hoi-phu-nu"},
			{"an inline plan's whole text", "khac-2019",
				`{"yaml":"id: khac-2019\ntitle: Kế hoạch khác\nyear: 2019\nowner: hlhpn\ntasks:\n  - id: hop\n    title: Họp\n    lead: [hlhpn]\n    on: 40/05/2019\n"}`,
				http.StatusUnprocessableEntity, "tasks[0].on", "40/05/2019"},
			{"another id", "bdg-2019", `{"yaml":` + jsonString(t, strings.Replace(apiPlan, "id: bdg-2019", "id: bdg-2020", 1)) + `}`,
				http.StatusUnprocessableEntity, "id", "bdg-2019"},
			{"a path not in the file", "bdg-2019", `{"edits":[{"op":"set","path":"tasks[id=khong-co].title","value":"x"}]}`,
				http.StatusUnprocessableEntity, "tasks[id=khong-co].title", ""},
			{"edits and the whole text", "bdg-2019", `{"edits":[{"op":"delete","path":"tasks[0]"}],"yaml":"id: bdg-2019"}`,
				http.StatusBadRequest, "", ""},
			{"nothing", "bdg-2019", `{}`, http.StatusBadRequest, "", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				resp, body := e.do("lan", http.MethodPost, previewPath(tc.id), tc.body, nil)
				wantStatus(t, resp, body, tc.status)
				if tc.status != http.StatusUnprocessableEntity {
					return
				}
				got := decode[struct{ Problems []apiProblem }](t, body)
				if len(got.Problems) == 0 {
					t.Fatalf("got no problems: %s", body)
				}
				p := got.Problems[0]
				if p.Path != tc.path || !strings.Contains(p.Message, tc.message) || p.Message == "" {
					t.Errorf("got problem %+v, want at %s, saying %q", p, tc.path, tc.message)
				}
			})
		}
	})

	t.Run("roles", func(t *testing.T) {
		body := `{"edits":[{"op":"delete","path":"tasks[id=toa-dam].remind"}]}`
		for _, tc := range []struct {
			user, id string
			status   int
		}{
			{"xem", "bdg-2019", http.StatusForbidden},
			{"hoa", "bdg-2019", http.StatusForbidden},
			{"mai", "khac-2019", http.StatusForbidden},
			{"mai", "bdg-2019", http.StatusOK},
			{"lan", "bdg-2019", http.StatusOK},
		} {
			resp, got := e.do(tc.user, http.MethodPost, previewPath(tc.id), body, nil)
			if resp.StatusCode != tc.status {
				t.Errorf("%s previewing %s: got %d, want %d\n%s", tc.user, tc.id, resp.StatusCode, tc.status, got)
			}
		}
	})
}

func movedItems(ms []preview.Move) []preview.Item {
	var out []preview.Item
	for _, m := range ms {
		out = append(out, m.Item)
	}
	return out
}

func TestAPIPutWholePlan(t *testing.T) {
	e := newAPIEnv(t)
	// The configuration has lines after the inline plan, comment and all.
	cfgText := apiConfig + "# cuối tệp cấu hình: phải còn nguyên\n"
	e.write("nhacviec.yaml", cfgText)
	e.load()

	t.Run("a plan in its own file", func(t *testing.T) {
		text := strings.Replace(apiPlan, "title: Tổng kết năm\n", "title: Tổng kết năm 2019   # đổi tên\n", 1)
		resp, body := e.put("mai", "bdg-2019", e.etag("mai", "bdg-2019"), `{"yaml":`+jsonString(t, text)+`}`)
		wantStatus(t, resp, body, http.StatusOK)
		if got := e.read("bdg-2019.yaml"); got != text {
			t.Errorf("got file\n%s\nwant\n%s", got, text)
		}
		if got := e.cfg.Plan("bdg-2019").Tasks[1].Title; got != "Tổng kết năm 2019" {
			t.Errorf("got title %q after the reload, want the new one", got)
		}
		if resp.Header.Get("ETag") != e.etag("mai", "bdg-2019") {
			t.Error("the ETag answered is not the file's")
		}
	})

	t.Run("a plan inside the configuration, as YAML", func(t *testing.T) {
		text := "id: khac-2019\ntitle: Kế hoạch khác   # tên mới sau\nyear: 2019\nowner: hlhpn\n\ntasks:\n  - id: hop\n    title: Họp quý\n    lead: [hlhpn]\n    on: 10/05/2019\n"
		resp, body := e.put("hoa", "khac-2019", e.etag("hoa", "khac-2019"), "")
		wantStatus(t, resp, body, http.StatusBadRequest) // no body
		resp, body = e.do("hoa", http.MethodPut, "/api/v1/plans/khac-2019", text,
			map[string]string{"If-Match": e.etag("hoa", "khac-2019"), "Content-Type": "application/yaml"})
		wantStatus(t, resp, body, http.StatusOK)
		old := "  - id: khac-2019\n    title: Kế hoạch khác\n    year: 2019\n    owner: hlhpn\n    tasks:\n      - id: hop\n        title: Họp\n        lead: [hlhpn]\n        on: 10/05/2019\n"
		repl := "  - id: khac-2019\n    title: Kế hoạch khác   # tên mới sau\n    year: 2019\n    owner: hlhpn\n\n    tasks:\n      - id: hop\n        title: Họp quý\n        lead: [hlhpn]\n        on: 10/05/2019\n"
		if !strings.Contains(cfgText, old) {
			t.Fatal("the test's configuration lacks the plan it replaces")
		}
		// Every other byte of the configuration kept, comments and all.
		if got, want := e.read("nhacviec.yaml"), strings.Replace(cfgText, old, repl, 1); got != want {
			t.Errorf("got configuration\n%s\nwant\n%s", got, want)
		}
		if got := e.cfg.Plan("khac-2019").Tasks[0].Title; got != "Họp quý" {
			t.Errorf("got title %q after the reload, want Họp quý", got)
		}
	})

	t.Run("refused", func(t *testing.T) {
		tag := e.etag("lan", "bdg-2019")
		before := e.read("bdg-2019.yaml")
		bad := `{"yaml":` + jsonString(t, strings.Replace(before, "on: 20/12/2019", "on: 32/12/2019", 1)) + `}`
		resp, body := e.put("lan", "bdg-2019", "", bad)
		wantStatus(t, resp, body, http.StatusPreconditionRequired)
		resp, body = e.put("lan", "bdg-2019", tag, bad)
		wantStatus(t, resp, body, http.StatusUnprocessableEntity)
		wantContains(t, body, `"path":"tasks[1].on"`, "32/12/2019")
		resp, body = e.put("xem", "bdg-2019", tag, `{"yaml":`+jsonString(t, before)+`}`)
		wantStatus(t, resp, body, http.StatusForbidden)
		if e.read("bdg-2019.yaml") != before {
			t.Fatal("a refused PUT changed the file")
		}
		// An edit on disk meanwhile: the whole text sent is stale.
		e.write("bdg-2019.yaml", before+"# sửa trên máy chủ\n")
		resp, body = e.put("lan", "bdg-2019", tag, `{"yaml":`+jsonString(t, before)+`}`)
		wantStatus(t, resp, body, http.StatusPreconditionFailed)
		if e.read("bdg-2019.yaml") != before+"# sửa trên máy chủ\n" {
			t.Error("a stale PUT changed the file")
		}
	})
}
