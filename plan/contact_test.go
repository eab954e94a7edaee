package plan_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// checkMsg (as in package calendar's tests) fails unless err is a Message with key whose both renderings
// are complete (no fmt error verbs, no Go names) and name every value in
// mention. An empty key wants no error.
func checkMsg(t *testing.T, err error, key string, mention ...string) {
	t.Helper()
	if key == "" {
		if err != nil {
			t.Fatalf("got error %v, want none", err)
		}
		return
	}
	var m lang.Message
	if !errors.As(err, &m) {
		t.Fatalf("got error %v, want message %s", err, key)
	}
	if m.Key != key {
		t.Fatalf("got message %s (%v), want %s", m.Key, err, key)
	}
	if m.Text(lang.English) == m.Key {
		t.Fatalf("message %s is not in the catalog", key)
	}
	for _, l := range []lang.Lang{lang.Vietnamese, lang.English} {
		text := m.Text(l)
		for _, bad := range []string{"%!", "plan.", "strconv", "time.Month", "parsing time", "addr-spec"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s text %q contains %q", l, text, bad)
			}
		}
		if strings.HasPrefix(text, "mail:") {
			t.Errorf("%s text %q is a net/mail error", l, text)
		}
		for _, s := range mention {
			if !strings.Contains(text, s) {
				t.Errorf("%s text %q does not mention %q", l, text, s)
			}
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in   string
		want string
		key  string
		name string // a value the error message must show
	}{
		{"0912 345 678", "+84912345678", "", ""},
		{"0912.345.678", "+84912345678", "", ""},
		{"0912-345-678", "+84912345678", "", ""},
		{"+84 912 345 678", "+84912345678", "", ""},
		{"+84 (0) 912 345 678", "+84912345678", "", ""},
		{"84912345678", "+84912345678", "", ""},
		{"0084 912 345 678", "+84912345678", "", ""},
		{"(024) 3825 1234", "+842438251234", "", ""},
		{"  0912345678\t", "+84912345678", "", ""},
		{"0912\u00a0345\u00a0678", "+84912345678", "", ""},
		{"+33 1 23 45 67 89", "+33123456789", "", ""},
		{"+1 (202) 555-0143", "+12025550143", "", ""},

		{"", "", "phone.empty", ""},
		{"0912 345 67", "", "phone.vn", "0912 345 67"},
		{"0912 345 678 90", "", "phone.vn", "0912 345 678 90"},
		{"+84 91 234", "", "phone.vn", "+84 91 234"},
		{"912 345 678", "", "phone.prefix", "912 345 678"},
		{"+0912 345 678", "", "phone.prefix", "+0912 345 678"},
		{"0912 345 678 ext 12", "", "phone.char", "ext 12"},
		{"0912/345/678", "", "phone.char", "0912/345/678"},
		{"09l2 345 678", "", "phone.char", "09l2 345 678"},
		{"0912 +345 678", "", "phone.char", "0912 +345 678"},
		{"+683 4002 1", "+68340021", "", ""},
		{"+1 234 567", "", "phone.intl", "+1 234 567"},
		{"+1234 5678 9012 3456", "", "phone.intl", "+1234 5678 9012 3456"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := plan.NormalizePhone(tt.in)
			checkMsg(t, err, tt.key, tt.name, "912 345 678")
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCheckEmail(t *testing.T) {
	tests := []struct {
		in   string
		want string
		key  string
	}{
		{"ldtbxh@quangthanh.example.vn", "ldtbxh@quangthanh.example.vn", ""},
		{"  ldtbxh@quangthanh.example.vn ", "ldtbxh@quangthanh.example.vn", ""},
		{"<ldtbxh@quangthanh.example.vn>", "ldtbxh@quangthanh.example.vn", ""},
		{"UBND xã Quảng Thành <ubnd@quangthanh.example.vn>", "ubnd@quangthanh.example.vn", ""},
		{`"Nguyễn, Văn A" <a.nguyen@example.vn>`, "a.nguyen@example.vn", ""},
		{"first.last+tag@sub.example.gov.vn", "first.last+tag@sub.example.gov.vn", ""},

		{"", "", "email.empty"},
		{"ldtbxh.quangthanh.example.vn", "", "email.noat"},
		{"Nguyễn Văn A", "", "email.noat"},
		{"a@example.vn, b@example.vn", "", "email.many"},
		{"a@example.vn; b@example.vn", "", "email.many"},
		{"a@b@example.vn", "", "email.at"},
		{"@example.vn", "", "email.local"},
		{"ldtbxh@", "", "email.domain"},
		{"Nguyễn Văn A <ldtbxh@>", "", "email.domain"},
		{"ldt bxh@example.vn", "", "email.space"},
		{"ldtbxh@example..vn", "", "email.invalid"},
		{"ldtbxh@example.vn>", "", "email.invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := plan.CheckEmail(tt.in)
			mention := []string{}
			if tt.in != "" {
				mention = append(mention, tt.in)
			}
			checkMsg(t, err, tt.key, append(mention, "ldtbxh@quangthanh.example.vn")...)
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
