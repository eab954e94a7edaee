package planfile_test

import (
	"errors"
	"testing"

	"github.com/nhacviec/nhacviec/planfile"
	"go.yaml.in/yaml/v3"
)

const replaceSrc = `units:
  # Hội Phụ nữ.
  hlhpn:
    name: Hội LHPN xã
    contacts:
      - name: Lê Thị Cúc
        email: hlhpn@example.vn
        channels: [email]   # chỉ email
groups:
  # Các đoàn thể.
  doan-the: [mttq, "hlhpn"]  # xem kế hoạch
  khac:
    - mttq
`

// TestSetItem sets lists and mappings: a list in brackets is rewritten on
// its line (its comment kept), a missing key is added with the list or
// mapping, and a list or mapping on several lines is rewritten one item a
// line where it was, the keys after it untouched.
func TestSetItem(t *testing.T) {
	unit := &yaml.Node{}
	if err := unit.Encode(map[string]any{"name": "Đoàn Thanh niên", "contacts": []map[string]string{{"email": "dtn@example.vn"}}}); err != nil {
		t.Fatal(err)
	}
	flow := &yaml.Node{}
	if err := flow.Encode([]string{"hlhpn"}); err != nil {
		t.Fatal(err)
	}
	flow.Style = yaml.FlowStyle
	tests := []struct {
		name string
		edit planfile.Edit
		want string
		err  error
	}{
		{"flow list in place", planfile.Edit{Op: planfile.OpSet, Path: "groups.doan-the", Item: []string{"mttq", "hlhpn", "doan-tn"}},
			replace(t, replaceSrc, `doan-the: [mttq, "hlhpn"]  # xem`, `doan-the: [mttq, hlhpn, doan-tn]  # xem`), nil},
		{"channels in place", planfile.Edit{Op: planfile.OpSet, Path: "units.hlhpn.contacts[0].channels", Item: []string{"email", "sms"}},
			replace(t, replaceSrc, `channels: [email]   #`, `channels: [email, sms]   #`), nil},
		{"new group", planfile.Edit{Op: planfile.OpSet, Path: "groups.moi", Item: flow},
			replaceSrc + "  moi: [hlhpn]\n", nil},
		{"new unit", planfile.Edit{Op: planfile.OpSet, Path: "units.doan-tn", Item: unit},
			replace(t, replaceSrc, "groups:\n", "  doan-tn:\n    contacts:\n      - email: dtn@example.vn\n    name: Đoàn Thanh niên\ngroups:\n"), nil},
		{"block list in place", planfile.Edit{Op: planfile.OpSet, Path: "groups.khac", Item: flow},
			replace(t, replaceSrc, "  khac:\n    - mttq\n", "  khac:\n    - hlhpn\n"), nil},
		{"block list of mappings in place", planfile.Edit{Op: planfile.OpSet, Path: "units.hlhpn.contacts",
			Item: []map[string]string{{"email": "a@example.vn"}, {"phone": "0912345678"}}},
			replace(t, replaceSrc, "      - name: Lê Thị Cúc\n        email: hlhpn@example.vn\n        channels: [email]   # chỉ email\n",
				"      - email: a@example.vn\n      - phone: \"0912345678\"\n"), nil},
		{"block mapping in place", planfile.Edit{Op: planfile.OpSet, Path: "units.hlhpn", Item: map[string]string{"name": "Hội Phụ nữ"}},
			replace(t, replaceSrc, "    name: Hội LHPN xã\n    contacts:\n      - name: Lê Thị Cúc\n        email: hlhpn@example.vn\n        channels: [email]   # chỉ email\n",
				"    name: Hội Phụ nữ\n"), nil},
		{"block list emptied", planfile.Edit{Op: planfile.OpSet, Path: "groups.khac", Item: []string{}}, "", planfile.ErrCannotEdit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := planfile.Apply([]byte(replaceSrc), tt.edit)
			if !errors.Is(err, tt.err) {
				t.Fatalf("got error %v, want %v", err, tt.err)
			}
			if tt.err != nil {
				return
			}
			cmpText(t, got, tt.want)
		})
	}
}

// replace returns s with old, which must be in it, replaced by new.
func replace(t *testing.T, s, old, new string) string {
	t.Helper()
	for i := 0; i+len(old) <= len(s); i++ {
		if s[i:i+len(old)] == old {
			return s[:i] + new + s[i+len(old):]
		}
	}
	t.Fatalf("%q not in the text", old)
	return ""
}
