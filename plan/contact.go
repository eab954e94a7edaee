package plan

import (
	"net/mail"
	"strings"
	"unicode"

	"github.com/nhacviec/nhacviec/lang"
)

// NormalizePhone turns a phone number as people write it (0912 345 678,
// 0912.345.678, +84 912 345 678, 84912345678, (024) 3825 1234) into
// E.164 (+84912345678). A leading 0 means +84, and a leading 00 is the
// international prefix. Spaces, dots, dashes and parentheses are ignored.
// After +84 a Vietnamese number has 9 or 10 digits (a trunk 0 written
// after +84 is dropped); other numbers have 8 to 15 digits in all.
func NormalizePhone(s string) (string, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return "", lang.Errorf("phone.empty")
	}
	var b strings.Builder
	plus := false
	for i, r := range in {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			plus = true
		case r == '.' || r == '-' || r == '(' || r == ')' || unicode.IsSpace(r):
		default:
			return "", lang.Errorf("phone.char", in, string(r))
		}
	}
	d := b.String()
	switch {
	case plus:
	case strings.HasPrefix(d, "00"):
		d = d[2:]
	case strings.HasPrefix(d, "0"):
		d = "84" + d[1:]
	case strings.HasPrefix(d, "84"):
	default:
		return "", lang.Errorf("phone.prefix", in)
	}
	if strings.HasPrefix(d, "0") {
		return "", lang.Errorf("phone.prefix", in)
	}
	if national, ok := strings.CutPrefix(d, "84"); ok {
		national = strings.TrimPrefix(national, "0")
		if len(national) < 9 || len(national) > 10 {
			return "", lang.Errorf("phone.vn", in, len(national))
		}
		return "+84" + national, nil
	}
	if len(d) < 8 || len(d) > 15 {
		return "", lang.Errorf("phone.intl", in, len(d))
	}
	return "+" + d, nil
}

// CheckEmail checks one email address, bare (ldtbxh@example.vn) or with a
// display name (Nguyễn Văn A <ldtbxh@example.vn>), and returns the bare
// address.
func CheckEmail(s string) (string, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return "", lang.Errorf("email.empty")
	}
	if a, err := mail.ParseAddress(in); err == nil {
		return a.Address, nil
	}
	// net/mail's own errors speak of RFC 5322 tokens; say instead which
	// part a person got wrong.
	addr := in
	if i := strings.LastIndex(addr, "<"); i >= 0 {
		addr = strings.TrimSuffix(addr[i+1:], ">")
	}
	switch at := strings.Count(addr, "@"); {
	case at == 0:
		return "", lang.Errorf("email.noat", in)
	case strings.ContainsAny(in, ",;"):
		return "", lang.Errorf("email.many", in)
	case at > 1:
		return "", lang.Errorf("email.at", in, at)
	}
	local, domain, _ := strings.Cut(addr, "@")
	switch {
	case strings.TrimSpace(local) == "":
		return "", lang.Errorf("email.local", in)
	case strings.TrimSpace(domain) == "":
		return "", lang.Errorf("email.domain", in)
	case strings.ContainsFunc(addr, unicode.IsSpace):
		return "", lang.Errorf("email.space", in)
	}
	return "", lang.Errorf("email.invalid", in)
}
