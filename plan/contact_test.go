package plan_test

import (
	"testing"

	"github.com/nhacviec/nhacviec/lang/langtest"
	"github.com/nhacviec/nhacviec/plan"
)

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
			langtest.Check(t, err, tt.key, tt.name, "912 345 678")
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
			langtest.Check(t, err, tt.key, append(mention, "ldtbxh@quangthanh.example.vn")...)
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
