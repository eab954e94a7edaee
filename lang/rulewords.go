package lang

// The texts of package rulewords: a plan's rules for when something is
// sent, said in words (7 ngày trước, mỗi thứ Hai lúc 8:00), the choices
// the editor's forms offer, and the errors of those forms.
func init() {
	register(map[string][2]string{
		// Amounts: a count and its unit; English has a singular.
		"rw.n.m":  {"%d phút", "%d minutes"},
		"rw.n.h":  {"%d giờ", "%d hours"},
		"rw.n.d":  {"%d ngày", "%d days"},
		"rw.n.w":  {"%d tuần", "%d weeks"},
		"rw.n.wd": {"%d ngày làm việc", "%d working days"},
		"rw.1.m":  {"%d phút", "%d minute"},
		"rw.1.h":  {"%d giờ", "%d hour"},
		"rw.1.d":  {"%d ngày", "%d day"},
		"rw.1.w":  {"%d tuần", "%d week"},
		"rw.1.wd": {"%d ngày làm việc", "%d working day"},

		// Units, as a form's select names them.
		"rw.unit.m":  {"phút", "minutes"},
		"rw.unit.h":  {"giờ", "hours"},
		"rw.unit.d":  {"ngày", "days"},
		"rw.unit.w":  {"tuần", "weeks"},
		"rw.unit.wd": {"ngày làm việc", "working days"},

		// A rule in words.
		"rw.before":     {"%s trước", "%s before"},
		"rw.before_end": {"%s trước khi kết thúc", "%s before the end"},
		// An offset before a task that runs over days counts from its start.
		"rw.before_start": {"%s trước khi bắt đầu", "%s before the start"},
		"rw.at_start":     {"vào ngày bắt đầu", "on the first day"},
		"rw.at_end":       {"vào ngày kết thúc", "on the last day"},
		"rw.after":        {"sau %s", "after %s"},
		"rw.daily":        {"hằng ngày lúc %s", "every day at %s"},
		"rw.weekly":       {"mỗi %s lúc %s", "every %s at %s"},
		"rw.monthly":      {"hằng tháng vào ngày %d lúc %s", "monthly on day %d at %s"},
		"rw.quarterly":    {"hằng quý vào ngày %d của %s lúc %s", "quarterly on day %d of the %s at %s"},
		"rw.halfyearly":   {"6 tháng một lần, ngày %d (tháng %s và %s) lúc %s", "every 6 months, on day %d (%s and %s) at %s"},
		"rw.yearly":       {"hằng năm vào ngày %d tháng %s lúc %s", "every year on %[2]s %[1]d at %[3]s"},
		"rw.skip":         {"%s (tháng không có ngày %d thì không gửi)", "%s (not sent in a month without a day %d)"},
		"rw.on":           {"vào %s", "on %s"},
		"rw.on.date":      {"ngày %s", "on %s"},
		"rw.on.time":      {"lúc %s ngày %s", "on %[2]s at %[1]s"},
		"rw.raw":          {"theo lịch %q", "on the schedule %q"},
		"rw.q.1":          {"tháng đầu quý", "first month of the quarter"},
		"rw.q.2":          {"tháng giữa quý", "middle month of the quarter"},
		"rw.q.3":          {"tháng cuối quý", "last month of the quarter"},

		// A cron spec the forms cannot say, in words as far as it goes.
		"rw.cron":        {"%s lúc %s", "%s at %s"},
		"rw.cron.daily":  {"hằng ngày", "every day"},
		"rw.cron.dow":    {"mỗi %s", "every %s"},
		"rw.cron.day":    {"ngày %s", "day %s"},
		"rw.cron.days":   {"ngày %s", "days %s"},
		"rw.cron.dom":    {"%s hằng tháng", "on %s of every month"},
		"rw.cron.either": {"%s hằng tháng và mỗi %s", "on %s of every month and every %s"},
		"rw.cron.months": {"%s, trong tháng %s", "%s, in %s"},
		"rw.cron.range":  {"%s đến %s", "%s to %s"},
		"rw.and":         {"%s và %s", "%s and %s"},
		"rw.comma":       {"%s, %s", "%s, %s"},
		"rw.empty":       {"(không có)", "(none)"},

		// The kinds of rule, as a form's select names them.
		"rw.kind.before":      {"trước khi bắt đầu", "before the start"},
		"rw.kind.before_end":  {"trước khi kết thúc", "before the end"},
		"rw.kind.at_start":    {"vào ngày bắt đầu", "on the first day"},
		"rw.kind.at_end":      {"vào ngày kết thúc", "on the last day"},
		"rw.kind.after":       {"sau một khoảng", "after a while"},
		"rw.kind.daily":       {"hằng ngày", "every day"},
		"rw.kind.weekly":      {"hằng tuần", "every week"},
		"rw.kind.monthly":     {"hằng tháng", "every month"},
		"rw.kind.quarterly":   {"hằng quý", "every quarter"},
		"rw.kind.half_yearly": {"6 tháng một lần", "every 6 months"},
		"rw.kind.yearly":      {"hằng năm", "every year"},
		"rw.kind.custom":      {"viết trong tệp", "written in the file"},

		// Months: of the year, of a quarter, of a half year.
		"rw.month":    {"tháng %s", "%s"},
		"rw.qmonths":  {"%s (tháng %s, %s, %s, %s)", "%s (%s, %s, %s, %s)"},
		"rw.hmonths":  {"tháng %s và %s", "%s and %s"},
		"rw.month.1":  {"1", "January"},
		"rw.month.2":  {"2", "February"},
		"rw.month.3":  {"3", "March"},
		"rw.month.4":  {"4", "April"},
		"rw.month.5":  {"5", "May"},
		"rw.month.6":  {"6", "June"},
		"rw.month.7":  {"7", "July"},
		"rw.month.8":  {"8", "August"},
		"rw.month.9":  {"9", "September"},
		"rw.month.10": {"10", "October"},
		"rw.month.11": {"11", "November"},
		"rw.month.12": {"12", "December"},

		// The forms' errors, each shown at its field.
		"rw.err.kind": {
			"Không rõ cách nhắc %q: hãy chọn một cách trong danh sách.",
			"Unknown kind of rule %q: choose one from the list.",
		},
		"rw.err.nempty": {
			"Hãy nhập số lượng, ví dụ 7 (7 ngày trước).",
			"Enter how many, e.g. 7 (7 days before).",
		},
		"rw.err.n": {
			"Số lượng %q không hợp lệ: hãy nhập một số nguyên lớn hơn 0, ví dụ 7.",
			"%q is not a valid number: enter a whole number above 0, e.g. 7.",
		},
		"rw.err.large": {
			"%s quá dài: hãy chọn một khoảng ngắn hơn 100 năm.",
			"%s is too long: choose less than 100 years.",
		},
		"rw.err.unit": {
			"Hãy chọn đơn vị: giờ, ngày, tuần hoặc ngày làm việc.",
			"Choose a unit: hours, days, weeks or working days.",
		},
		"rw.err.weekday": {
			"Hãy chọn một ngày trong tuần, từ thứ Hai đến Chủ nhật.",
			"Choose a day of the week, Monday to Sunday.",
		},
		"rw.err.dayempty": {
			"Hãy nhập ngày trong tháng, ví dụ 15.",
			"Enter the day of the month, e.g. 15.",
		},
		"rw.err.day": {
			"Ngày %q không hợp lệ: hãy nhập ngày trong tháng, từ 1 đến 31.",
			"Day %q is not valid: enter the day of the month, from 1 to 31.",
		},
		"rw.err.dayskip": {
			"Tháng %s không có ngày %d nên tháng đó sẽ không được gửi: hãy chọn ngày từ 1 đến %d.",
			"There is no day %[2]d in %[1]s, so nothing would be sent then: choose a day from 1 to %[3]d.",
		},
		"rw.err.month": {
			"Tháng %q không hợp lệ: hãy chọn một tháng trong danh sách (từ 1 đến %d).",
			"Month %q is not valid: choose one from the list (1 to %d).",
		},
		"rw.err.timeempty": {
			"Hãy nhập giờ gửi, ví dụ 08:00.",
			"Enter the time to send, e.g. 08:00.",
		},
		"rw.err.time": {
			"Giờ gửi %q không hợp lệ: hãy nhập giờ:phút từ 00:00 đến 23:59, ví dụ 08:00.",
			"Time %q is not valid: enter hours:minutes from 00:00 to 23:59, e.g. 08:00.",
		},
		"rw.err.raw": {
			"Quy tắc viết trong tệp không dùng được: %s",
			"The rule written in the file cannot be used: %s",
		},
	})
}
