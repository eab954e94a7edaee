package lang

// The texts of an SMS that notify shortens to fit (a list of units cut
// short names the first ones, then counts the others), and of the SMS
// that agenda --show-sms prints.
func init() {
	register(map[string][2]string{
		"sms.units.one":  {"và 1 đơn vị khác", "and 1 other unit"},
		"sms.units.more": {"và %d đơn vị khác", "and %d other units"},

		// nhacviec agenda --show-sms
		"agenda.sms":     {"SMS: %d tin, %s", "SMS: %d segments, %s"},
		"agenda.smsnote": {"Mã xác nhận và liên kết trong các tin SMS trên là mẫu, đủ độ dài; tin gửi thật mang mã và liên kết riêng.", "The codes and links in the SMS above are samples of the real length; each SMS sent carries its own."},
		"agenda.showsms": {"--show-sms chỉ dùng với --format table hoặc json, không với %s", "--show-sms works with --format table or json, not %s"},
	})
}
