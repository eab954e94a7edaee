package web

import (
	"net/http"
	"strings"
	"testing"
)

// unitsConfig is the API's test configuration with groups, in block
// style so that an item can be deleted, and comments to keep.
const unitsConfig = apiConfig + `# Nhóm đơn vị.
groups:
  # hai đơn vị chủ trì
  ca-hai:
    - ldtbxh
    - hlhpn
`

func newUnitsEnv(t *testing.T) *apiEnv {
	t.Helper()
	e := newAPIEnv(t)
	e.write("nhacviec.yaml", unitsConfig)
	e.load()
	return e
}

// section reads units or groups as user and returns the body and ETag.
func (e *apiEnv) section(user, key string) (string, string) {
	e.t.Helper()
	resp, body := e.do(user, http.MethodGet, "/api/v1/"+key, "", nil)
	wantStatus(e.t, resp, body, http.StatusOK)
	tag := resp.Header.Get("ETag")
	if !strings.HasPrefix(tag, `"`) {
		e.t.Fatalf("ETag %q is not a quoted entity tag", tag)
	}
	return body, tag
}

func TestAPIUnitsRead(t *testing.T) {
	e := newUnitsEnv(t)
	body, tag := e.section("xem", "units")
	wantContains(t, body, `{"ldtbxh":{"name":"Bộ phận Lao động - Thương binh và Xã hội","contacts":[{"email":"ldtbxh@quangthanh.example.vn"}]},"hlhpn":`)
	body, gtag := e.section("xem", "groups")
	wantContains(t, body, `{"ca-hai":["ldtbxh","hlhpn"]}`)
	if gtag != tag {
		t.Errorf("got ETags %s and %s, want the configuration file's for both", tag, gtag)
	}
	// A configuration without groups has none.
	e.write("nhacviec.yaml", apiConfig)
	if body, _ := e.section("xem", "groups"); strings.TrimSpace(body) != "{}" {
		t.Errorf("got groups %s, want {}", body)
	}
}

func TestAPIUnitsEdit(t *testing.T) {
	e := newUnitsEnv(t)
	put := func(user, key, etag, body string) (*http.Response, string) {
		h := map[string]string{}
		if etag != "" {
			h["If-Match"] = etag
		}
		return e.do(user, http.MethodPut, "/api/v1/"+key, body, h)
	}

	t.Run("an editor adds a phone", func(t *testing.T) {
		_, tag := e.section("mai", "units")
		resp, body := put("mai", "units", tag, `{"edits":[{"op":"set","path":"units.ldtbxh.contacts[0].phone","value":"0912 345 678"}]}`)
		wantStatus(t, resp, body, http.StatusOK)
		want := strings.Replace(unitsConfig, "      - email: ldtbxh@quangthanh.example.vn\n",
			"      - email: ldtbxh@quangthanh.example.vn\n        phone: 0912 345 678\n", 1)
		if got := e.read("nhacviec.yaml"); got != want {
			t.Errorf("got file\n%s\nwant\n%s", got, want)
		}
		if got := e.cfg.Units["ldtbxh"].Contacts[0].Phone; got != "+84912345678" {
			t.Errorf("got phone %q after the reload, want +84912345678", got)
		}
		if _, now := e.section("mai", "units"); now != resp.Header.Get("ETag") || now == tag {
			t.Errorf("got ETag %s after the PUT answered %s (before %s)", now, resp.Header.Get("ETag"), tag)
		}
	})

	t.Run("an editor adds a unit", func(t *testing.T) {
		_, tag := e.section("mai", "units")
		before := e.read("nhacviec.yaml")
		resp, body := put("mai", "units", tag, `{"edits":[{"op":"set","path":"units.thon-thanh-ha","item":{"name":"Thôn Thanh Hà","contacts":[{"name":"Trưởng thôn","phone":"0913 456 789"}]}}]}`)
		wantStatus(t, resp, body, http.StatusOK)
		add := "  thon-thanh-ha:\n    name: Thôn Thanh Hà\n    contacts:\n      - name: Trưởng thôn\n        phone: 0913 456 789\n"
		if got, want := e.read("nhacviec.yaml"), strings.Replace(before, "plans:\n", add+"plans:\n", 1); got != want {
			t.Errorf("got file\n%s\nwant\n%s", got, want)
		}
		if u := e.cfg.Units["thon-thanh-ha"]; u == nil || u.Contacts[0].Phone != "+84913456789" {
			t.Errorf("got unit %+v after the reload, want Thôn Thanh Hà with its phone", u)
		}
	})

	t.Run("groups", func(t *testing.T) {
		_, tag := e.section("lan", "groups")
		resp, body := put("lan", "groups", tag, `{"edits":[{"op":"delete","path":"groups.ca-hai[1]"}]}`)
		wantStatus(t, resp, body, http.StatusOK)
		wantContains(t, e.read("nhacviec.yaml"), "groups:\n  # hai đơn vị chủ trì\n  ca-hai:\n    - ldtbxh\n", "# Cấu hình thử của API.\n")
		if got := e.cfg.Groups["ca-hai"]; len(got) != 1 || got[0] != "ldtbxh" {
			t.Errorf("got group %v after the reload, want [ldtbxh]", got)
		}
	})

	t.Run("refused", func(t *testing.T) {
		_, tag := e.section("lan", "units")
		before := e.read("nhacviec.yaml")
		for _, tc := range []struct {
			name, user, key, etag, body string
			status                      int
			path, message               string
		}{
			{"a bad phone", "mai", "units", tag, `{"edits":[{"op":"set","path":"units.hlhpn.contacts[0].phone","value":"12345"}]}`,
				http.StatusUnprocessableEntity, "units.hlhpn.contacts[0].phone", "12345"},
			{"outside units", "lan", "units", tag, `{"edits":[{"op":"set","path":"service.timezone","value":"UTC"}]}`,
				http.StatusUnprocessableEntity, "service.timezone", "units"},
			{"units under groups", "lan", "groups", tag, `{"edits":[{"op":"set","path":"units.hlhpn.name","value":"Hội"}]}`,
				http.StatusUnprocessableEntity, "units.hlhpn.name", "groups"},
			{"a unit that is not there", "lan", "units", tag, `{"edits":[{"op":"set","path":"units.khong-co.contacts[0].phone","value":"0912 345 678"}]}`,
				http.StatusUnprocessableEntity, "units.khong-co.contacts[0].phone", ""},
			{"a viewer", "xem", "units", tag, `{"edits":[{"op":"set","path":"units.hlhpn.name","value":"Hội"}]}`,
				http.StatusForbidden, "", ""},
			{"a viewer, groups", "xem", "groups", tag, `{"edits":[{"op":"delete","path":"groups.ca-hai[0]"}]}`,
				http.StatusForbidden, "", ""},
			{"no If-Match", "lan", "units", "", `{"edits":[{"op":"set","path":"units.hlhpn.name","value":"Hội"}]}`,
				http.StatusPreconditionRequired, "", ""},
			{"no edits", "lan", "units", tag, `{"edits":[]}`, http.StatusBadRequest, "", ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				resp, body := put(tc.user, tc.key, tc.etag, tc.body)
				wantStatus(t, resp, body, tc.status)
				if tc.status == http.StatusUnprocessableEntity {
					got := decode[struct{ Problems []apiProblem }](t, body)
					if len(got.Problems) == 0 || got.Problems[0].Path != tc.path || !strings.Contains(got.Problems[0].Message, tc.message) {
						t.Errorf("got problems %+v, want one at %s saying %q", got.Problems, tc.path, tc.message)
					}
				}
				if e.read("nhacviec.yaml") != before {
					t.Fatal("a refused PUT changed the file")
				}
			})
		}

		// An edit on disk meanwhile: 412, the disk's edit kept.
		e.write("nhacviec.yaml", before+"# sửa trên máy chủ\n")
		resp, body := put("mai", "units", tag, `{"edits":[{"op":"set","path":"units.hlhpn.name","value":"Hội Phụ nữ"}]}`)
		wantStatus(t, resp, body, http.StatusPreconditionFailed)
		wantContains(t, body, "cấu hình")
		if e.read("nhacviec.yaml") != before+"# sửa trên máy chủ\n" {
			t.Error("a stale PUT changed the file")
		}
	})
}
