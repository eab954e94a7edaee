package lang

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// verbRE matches a fmt verb, with its optional explicit argument index.
var verbRE = regexp.MustCompile(`%(?:\[(\d+)\])?[-+# 0]*\d*(?:\.\d+)?([a-zA-Z%])`)

// verbs lists the verbs of a format as "argument:verb", sorted, numbering
// the arguments as fmt does: an explicit [n] moves to argument n.
func verbs(format string) []string {
	var out []string
	next := 1
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		if m[2] == "%" {
			continue
		}
		arg := next
		if m[1] != "" {
			fmt.Sscan(m[1], &arg)
		}
		out = append(out, fmt.Sprintf("%d:%s", arg, m[2]))
		next = arg + 1
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestCatalogHasBothLanguages(t *testing.T) {
	if len(catalog) < 400 {
		t.Errorf("got %d texts in the catalog, want every area's (at least 400)", len(catalog))
	}
	for key, f := range catalog {
		t.Run(key, func(t *testing.T) {
			if strings.TrimSpace(f[0]) == "" || strings.TrimSpace(f[1]) == "" {
				t.Fatalf("got %q, want a Vietnamese and an English text", f)
			}
			if vi, en := verbs(f[0]), verbs(f[1]); !slices.Equal(vi, en) {
				t.Errorf("got verbs %v in Vietnamese and %v in English, want the same", vi, en)
			}
		})
	}
}

func TestVerbs(t *testing.T) {
	tests := []struct {
		format string
		want   []string
	}{
		{"no verb", nil},
		{"%q và %s", []string{"1:q", "2:s"}},
		{"giờ %q: viết %s thay cho %[1]q", []string{"1:q", "2:s"}},
		{"%d%% xong", []string{"1:d"}},
	}
	for _, tt := range tests {
		if got := verbs(tt.format); !slices.Equal(got, tt.want) {
			t.Errorf("verbs(%q): got %v, want %v", tt.format, got, tt.want)
		}
	}
}

func TestMessageText(t *testing.T) {
	tests := []struct {
		name string
		msg  Message
		lang Lang
		want string
	}{
		{"vietnamese", Message{Key: "type.empty", Args: []any{"name"}}, Vietnamese, "name đang để trống: hãy điền một giá trị"},
		{"english", Message{Key: "type.empty", Args: []any{"name"}}, English, "name is empty: write a value"},
		{"no language is vietnamese", Message{Key: "role.lead"}, "", "chủ trì"},
		{"nested message", Message{Key: "id.duplicate", Args: []any{Message{Key: "noun.unit"}, "a"}}, Vietnamese, `mã đơn vị "a" đã được dùng: mỗi mã phải khác nhau`},
		{"nested in english", Message{Key: "id.duplicate", Args: []any{Message{Key: "noun.unit"}, "a"}}, English, `unit id "a" is already used: each id must be different`},
		{"unknown key", Message{Key: "no.such"}, English, "no.such"},
		{"unknown key with arguments", Message{Key: "no.such", Args: []any{1}}, English, "no.such1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.msg.Text(tt.lang); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if got, want := Errorf("role.lead").Error(), "lead"; got != want {
		t.Errorf("Errorf(role.lead).Error(): got %q, want %q", got, want)
	}
}

func TestRegisterTwice(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Errorf("registering role.lead again: got no panic")
		}
	}()
	register(map[string][2]string{"role.lead": {"x", "y"}})
}

func TestSlug(t *testing.T) {
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"Hội Liên hiệp Phụ nữ xã", 0, "hoi-lien-hiep-phu-nu-xa"},
		{"Bộ phận LĐ-TB&XH", 0, "bo-phan-ld-tb-xh"},
		{"  Tháng hành động (15/11 – 15/12)  ", 3, "thang-hanh-dong"},
		{"Trường THCS Đặng Tất, xã Quảng Thành, huyện", 6, "truong-thcs-dang-tat-xa-quang"},
		{"— ! —", 0, ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in, tt.max); got != tt.want {
			t.Errorf("Slug(%q, %d): got %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}

func TestStripDiacritics(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Đã hoàn thành", "Da hoan thanh"},
		{"Hội Liên hiệp Phụ nữ xã", "Hoi Lien hiep Phu nu xa"},
		{"đường", "duong"},
		{"plain ASCII 123", "plain ASCII 123"},
	}
	for _, tt := range tests {
		if got := StripDiacritics(tt.in); got != tt.want {
			t.Errorf("StripDiacritics(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}
