package lang

import (
	"strconv"
	"time"
)

// Weekday names d in l: "thứ Hai", "Chủ nhật"; "Monday".
func Weekday(l Lang, d time.Weekday) string {
	return Message{Key: "wd." + strconv.Itoa(int(d))}.Text(l)
}

// The texts of package calendar and of plan's contacts: dates, times of
// day, durations, holidays, weekdays, quiet hours, phone numbers and
// emails.
func init() {
	register(map[string][2]string{
		"date.invalid": {
			"ngày %q không hợp lệ: hãy viết dd/mm/yyyy (ví dụ 15/11/2019), dd/mm hoặc yyyy-mm-dd",
			"invalid date %q: write dd/mm/yyyy (e.g. 15/11/2019), dd/mm or yyyy-mm-dd",
		},
		"date.month": {
			"ngày %q không tồn tại: tháng phải từ 1 đến 12, ví dụ 15/11/2019",
			"date %q does not exist: the month must be from 1 to 12, e.g. 15/11/2019",
		},
		"date.day": {
			"ngày %q không tồn tại: tháng %d năm %d có %d ngày, hãy viết ngày từ 01 đến %[4]d",
			"date %q does not exist: month %d of %d has %d days, write a day from 01 to %[4]d",
		},
		"date.day.annual": {
			"ngày %q không tồn tại: tháng %d có nhiều nhất %d ngày, hãy viết ngày từ 01 đến %[3]d",
			"date %q does not exist: month %d has at most %d days, write a day from 01 to %[3]d",
		},
		"date.needyear": {
			"ngày %q thiếu năm: hãy viết dd/mm/yyyy (ví dụ 15/11/2019), hoặc ghi year cho kế hoạch để dùng được dd/mm",
			"date %q has no year: write dd/mm/yyyy (e.g. 15/11/2019), or set the plan's year to use dd/mm",
		},
		"date.withtime": {
			"%q có cả giờ nhưng ở đây chỉ ghi ngày: hãy bỏ giờ, viết dd/mm/yyyy (ví dụ 15/11/2019), dd/mm hoặc yyyy-mm-dd",
			"%q has a time of day but only a date belongs here: leave out the time, write dd/mm/yyyy (e.g. 15/11/2019), dd/mm or yyyy-mm-dd",
		},
		"time.invalid": {
			"thời điểm %q không hợp lệ: hãy viết ngày rồi giờ, ví dụ 15/11/2019 08:00, 15/11 08:00 hoặc 2019-11-15T08:00+07:00",
			"invalid date and time %q: write a date then a time, e.g. 15/11/2019 08:00, 15/11 08:00 or 2019-11-15T08:00+07:00",
		},
		"time.offset": {
			"độ lệch múi giờ %q trong %q không hợp lệ: hãy viết Z, +07:00 hoặc -05:00 (từ -12:00 đến +14:00)",
			"invalid UTC offset %q in %q: write Z, +07:00 or -05:00 (from -12:00 to +14:00)",
		},
		"time.offset.iso": {
			"%q: độ lệch múi giờ chỉ viết được ở dạng ISO, ví dụ 2019-11-15T08:00+07:00; hoặc bỏ đi để dùng múi giờ của kế hoạch",
			"%q: a UTC offset can only be written in the ISO form, e.g. 2019-11-15T08:00+07:00; or leave it out to use the plan's time zone",
		},
		"clock.invalid": {
			"giờ %q không hợp lệ: hãy viết hh:mm hoặc hh:mm:ss, ví dụ 08:00 hoặc 17:30",
			"invalid time of day %q: write hh:mm or hh:mm:ss, e.g. 08:00 or 17:30",
		},
		"clock.h": {
			"giờ %q không hợp lệ: hãy viết %s (giờ:phút) thay cho %[1]q",
			"invalid time of day %q: write %s (hours:minutes) instead of %[1]q",
		},
		"clock.range": {
			"giờ %q không tồn tại: giờ từ 00 đến 23, phút và giây từ 00 đến 59 (ví dụ viết 23:59 thay cho 24:00)",
			"time of day %q does not exist: hours go from 00 to 23, minutes and seconds from 00 to 59 (e.g. write 23:59 instead of 24:00)",
		},
		"dur.invalid": {
			"khoảng thời gian %q không hợp lệ: hãy viết một số nguyên rồi một đơn vị m (phút), h (giờ), d (ngày), w (tuần) hoặc wd (ngày làm việc), ví dụ 30m, 2h, 7d, 2w, 3wd",
			"invalid duration %q: write a whole number then a unit m (minutes), h (hours), d (days), w (weeks) or wd (working days), e.g. 30m, 2h, 7d, 2w, 3wd",
		},
		"dur.nounit": {
			"khoảng thời gian %q thiếu đơn vị: hãy thêm m (phút), h (giờ), d (ngày), w (tuần) hoặc wd (ngày làm việc), ví dụ %[1]sd",
			"duration %q has no unit: add m (minutes), h (hours), d (days), w (weeks) or wd (working days), e.g. %[1]sd",
		},
		"dur.unit": {
			"đơn vị %q trong %q không hợp lệ: hãy dùng m (phút), h (giờ), d (ngày), w (tuần) hoặc wd (ngày làm việc), ví dụ 3wd",
			"unknown unit %q in %q: use m (minutes), h (hours), d (days), w (weeks) or wd (working days), e.g. 3wd",
		},
		"dur.negative": {
			"khoảng thời gian %q không được âm: hãy viết %s; chiều trước hay sau do tên mục quy định (ví dụ before, before_end, grace)",
			"duration %q must not be negative: write %s; the key says which way (e.g. before, before_end, grace)",
		},
		"dur.fraction": {
			"khoảng thời gian %q phải là số nguyên: hãy dùng đơn vị nhỏ hơn, ví dụ 36h thay cho 1.5d, 90m thay cho 1.5h",
			"duration %q must be a whole number: use a smaller unit, e.g. 36h instead of 1.5d, 90m instead of 1.5h",
		},
		"dur.large": {
			"khoảng thời gian %q quá lớn: tối đa khoảng 100 năm (36500d hoặc 5214w)",
			"duration %q is too large: at most about 100 years (36500d or 5214w)",
		},
		"cal.holiday": {
			"ngày nghỉ %q không hợp lệ: hãy viết một ngày (30/04/2019 hoặc 2019-04-30), dd/mm cho ngày nghỉ hằng năm (30/04), hoặc một khoảng ngày (04/02/2019..08/02/2019)",
			"invalid holiday %q: write a date (30/04/2019 or 2019-04-30), dd/mm for a holiday every year (30/04), or a range (04/02/2019..08/02/2019)",
		},
		"cal.order": {
			"khoảng nghỉ %q kết thúc trước khi bắt đầu: hãy viết ngày đầu trước, ví dụ 04/02/2019..08/02/2019",
			"holiday range %q ends before it starts: write the first day first, e.g. 04/02/2019..08/02/2019",
		},
		"cal.mixed": {
			"khoảng nghỉ %q ghi năm ở ngày đầu mà không ghi ở ngày cuối: hãy ghi năm ở ngày cuối (04/02/2019..08/02/2019), hoặc bỏ năm ở cả hai ngày để nghỉ hằng năm (30/04..01/05)",
			"holiday range %q has a year on its first day but not on its last: give the last day a year (04/02/2019..08/02/2019), or leave out both years for a holiday every year (30/04..01/05)",
		},
		"cal.long": {
			"khoảng nghỉ %q dài hơn một năm: hãy kiểm tra lại năm của hai ngày, ví dụ 04/02/2019..08/02/2019",
			"holiday range %q is longer than a year: check the years of both days, e.g. 04/02/2019..08/02/2019",
		},
		"cal.weekday": {
			"ngày trong tuần %q không hợp lệ: hãy viết mon, tue, wed, thu, fri, sat, sun hoặc t2, t3, t4, t5, t6, t7, cn",
			"invalid day of the week %q: write mon, tue, wed, thu, fri, sat, sun or t2, t3, t4, t5, t6, t7, cn",
		},
		"quiet.invalid": {
			"khung giờ yên lặng %q không hợp lệ: hãy viết giờ bắt đầu-giờ kết thúc, ví dụ 21:00-07:00, hoặc để trống nếu không cần",
			"invalid quiet hours %q: write start-end, e.g. 21:00-07:00, or leave it empty for none",
		},
		"quiet.empty": {
			"khung giờ yên lặng %q bắt đầu và kết thúc cùng một giờ: hãy viết hai giờ khác nhau, ví dụ 21:00-07:00, hoặc để trống nếu không cần",
			"quiet hours %q start and end at the same time: write two different times, e.g. 21:00-07:00, or leave it empty for none",
		},
		"phone.empty": {
			"số điện thoại để trống: hãy viết ví dụ 0912 345 678 hoặc +84 912 345 678, hoặc bỏ dòng phone",
			"the phone number is empty: write e.g. 0912 345 678 or +84 912 345 678, or remove the phone line",
		},
		"phone.char": {
			"số điện thoại %q có ký tự %q không được phép: chỉ viết chữ số, dấu cách, dấu chấm, gạch ngang, ngoặc đơn và dấu + ở đầu, ví dụ 0912 345 678 hoặc +84 912 345 678",
			"phone number %q has a character %q that is not allowed: write only digits, spaces, dots, dashes, parentheses and a leading +, e.g. 0912 345 678 or +84 912 345 678",
		},
		"phone.prefix": {
			"số điện thoại %q phải bắt đầu bằng số 0, bằng 84 hoặc bằng dấu + và mã nước, ví dụ 0912 345 678 hoặc +84 912 345 678",
			"phone number %q must start with 0, with 84, or with + and a country code, e.g. 0912 345 678 or +84 912 345 678",
		},
		"phone.vn": {
			"số điện thoại %q có %d chữ số sau số 0 đầu (hoặc sau mã nước 84), phải có 9 hoặc 10: ví dụ 0912 345 678 (di động) hoặc (024) 3825 1234 (cố định)",
			"phone number %q has %d digits after the leading 0 (or after the country code 84), it needs 9 or 10: e.g. 0912 345 678 (mobile) or (024) 3825 1234 (landline)",
		},
		"phone.intl": {
			"số điện thoại %q có %d chữ số, phải có từ 8 đến 15 chữ số kể cả mã nước: ví dụ +84 912 345 678 hoặc +33 1 23 45 67 89",
			"phone number %q has %d digits, it needs 8 to 15 including the country code: e.g. +84 912 345 678 or +33 1 23 45 67 89",
		},
		"email.empty": {
			"địa chỉ email để trống: hãy viết ví dụ ldtbxh@quangthanh.example.vn, hoặc bỏ dòng email",
			"the email address is empty: write e.g. ldtbxh@quangthanh.example.vn, or remove the email line",
		},
		"email.noat": {
			"địa chỉ email %q thiếu dấu @: hãy viết dạng tên@tên-miền, ví dụ ldtbxh@quangthanh.example.vn",
			"email address %q has no @: write name@domain, e.g. ldtbxh@quangthanh.example.vn",
		},
		"email.many": {
			"%q có nhiều hơn một địa chỉ email: mỗi mục email chỉ ghi một địa chỉ, ví dụ ldtbxh@quangthanh.example.vn; hãy thêm một liên hệ cho mỗi địa chỉ còn lại",
			"%q holds more than one email address: write one address per email entry, e.g. ldtbxh@quangthanh.example.vn, and add a contact for each other address",
		},
		"email.at": {
			"địa chỉ email %q có %d dấu @, chỉ được có một: hãy viết dạng tên@tên-miền, ví dụ ldtbxh@quangthanh.example.vn",
			"email address %q has %d @ signs, it must have one: write name@domain, e.g. ldtbxh@quangthanh.example.vn",
		},
		"email.local": {
			"địa chỉ email %q thiếu tên trước dấu @: ví dụ ldtbxh@quangthanh.example.vn",
			"email address %q has no name before the @: e.g. ldtbxh@quangthanh.example.vn",
		},
		"email.domain": {
			"địa chỉ email %q thiếu tên miền sau dấu @: ví dụ ldtbxh@quangthanh.example.vn",
			"email address %q has no domain after the @: e.g. ldtbxh@quangthanh.example.vn",
		},
		"email.space": {
			"địa chỉ email %q có dấu cách: hãy bỏ dấu cách, ví dụ ldtbxh@quangthanh.example.vn",
			"email address %q contains a space: remove it, e.g. ldtbxh@quangthanh.example.vn",
		},
		"email.invalid": {
			"địa chỉ email %q không hợp lệ: hãy viết dạng tên@tên-miền bằng chữ không dấu, chữ số và các dấu . - _, ví dụ ldtbxh@quangthanh.example.vn",
			"invalid email address %q: write name@domain with letters, digits and . - _, e.g. ldtbxh@quangthanh.example.vn",
		},
	})
}

// The texts of Vietnam's official calendar: the public holidays, the days
// of the week, and the rule that a working weekend is a Saturday or a
// Sunday.
func init() {
	register(map[string][2]string{
		"hol.new-year":      {"Tết Dương lịch", "New Year's Day"},
		"hol.tet":           {"Tết Nguyên đán", "Lunar New Year (Tết)"},
		"hol.hung-kings":    {"Giỗ Tổ Hùng Vương", "Hùng Kings' Commemoration Day"},
		"hol.reunification": {"Ngày Chiến thắng 30/4", "Reunification Day (30/4)"},
		"hol.labour":        {"Ngày Quốc tế Lao động 1/5", "International Labour Day (1/5)"},
		"hol.national":      {"Quốc khánh 2/9", "National Day (2/9)"},

		"wd.0": {"Chủ nhật", "Sunday"},
		"wd.1": {"thứ Hai", "Monday"},
		"wd.2": {"thứ Ba", "Tuesday"},
		"wd.3": {"thứ Tư", "Wednesday"},
		"wd.4": {"thứ Năm", "Thursday"},
		"wd.5": {"thứ Sáu", "Friday"},
		"wd.6": {"thứ Bảy", "Saturday"},

		"cal.weekend": {
			"ngày làm bù %q là %s, không phải thứ Bảy hay Chủ nhật: working_weekends chỉ ghi ngày nghỉ cuối tuần được đổi thành ngày làm việc (ví dụ 04/05/2019); một ngày nghỉ thêm thì ghi vào holidays",
			"working weekend %q is a %s, not a Saturday or a Sunday: working_weekends lists only weekend days worked instead (e.g. 04/05/2019); a day off goes in holidays",
		},
	})
}
