package lang

// The texts of the configuration's diagnostics (package config): the
// names of its parts, YAML syntax, the service, channels, units, groups,
// plans, tasks, reminders, cron specs and deadlines.
func init() {
	register(map[string][2]string{
		"noun.unit":     {"đơn vị", "unit"},
		"noun.group":    {"nhóm", "group"},
		"noun.plan":     {"kế hoạch", "plan"},
		"noun.task":     {"nhiệm vụ", "task"},
		"noun.deadline": {"hạn báo cáo", "deadline"},

		"kind.mapping":  {"một bảng khóa: giá trị", "a mapping of keys to values"},
		"kind.sequence": {"một danh sách", "a list"},
		"kind.scalar":   {"một giá trị đơn", "a single value"},

		"type.mapping":  {"%s phải là một bảng khóa: giá trị (mỗi dòng `khóa: giá trị`), không phải %s", "%s must be a mapping (one `key: value` per line), not %s"},
		"type.scalar":   {"%s phải là một giá trị đơn, không phải %s", "%s must be a single value, not %s"},
		"type.list":     {"%s phải là một danh sách (`[a, b]` hoặc mỗi dòng `- a`) hoặc một giá trị, không phải %s", "%s must be a list (`[a, b]` or one `- a` per line) or a single value, not %s"},
		"type.sequence": {"%s phải là một danh sách, mỗi mục bắt đầu bằng `- `, không phải %s", "%s must be a list, each item starting with `- `, not %s"},
		"type.empty":    {"%s đang để trống: hãy điền một giá trị", "%s is empty: write a value"},
		"type.int":      {"%s phải là một số nguyên, không phải %q", "%s must be a whole number, not %q"},
		"type.bool":     {"%s phải là true hoặc false, không phải %q", "%s must be true or false, not %q"},

		"key.duplicate":    {"khóa %q xuất hiện hai lần trong %s: hãy xóa một", "key %q appears twice in %s: remove one"},
		"key.unknown":      {"khóa %q không dùng được trong %s; các khóa hợp lệ: %s", "unknown key %q in %s; valid keys: %s"},
		"key.unknown.near": {"khóa %q không dùng được trong %s: có phải ý bạn là %q?", "unknown key %q in %s: did you mean %q?"},

		"file.missing":    {"không tìm thấy tệp %s: hãy kiểm tra đường dẫn, hoặc chỉ định tệp bằng -c", "file %s does not exist: check the path, or name the file with -c"},
		"file.permission": {"không có quyền đọc tệp %s: hãy cấp quyền đọc cho người dùng chạy nhacviec", "no permission to read %s: let the user running nhacviec read it"},
		"file.unreadable": {"không đọc được tệp %s", "cannot read %s"},
		"file.empty":      {"tệp trống: cần có nội dung (%s)", "the file is empty: it needs content (%s)"},

		"yaml.syntax":        {"lỗi cú pháp YAML (%s)", "YAML syntax error (%s)"},
		"yaml.other":         {"%s", "%s"},
		"yaml.token":         {"ký tự không hợp lệ ở đầu giá trị, thường là ký tự TAB: YAML chỉ cho phép thụt lề bằng dấu cách (%s)", "a character that cannot start a value, usually a TAB: YAML indents with spaces only (%s)"},
		"yaml.colon":         {"dấu ':' không đúng chỗ: có thể thiếu dấu cách sau ':' ở dòng trước, hoặc cần đặt giá trị có ':' trong ngoặc kép, ví dụ \"08:00\" (%s)", "a ':' out of place: a space may be missing after ':' on the line before, or a value containing ':' needs double quotes, e.g. \"08:00\" (%s)"},
		"yaml.indent":        {"thụt lề không khớp: các khóa cùng cấp phải thẳng cột với nhau (%s)", "indentation does not line up: keys of the same level must start in the same column (%s)"},
		"yaml.nocolon":       {"thiếu dấu ':' sau khóa, hoặc thiếu dấu cách sau ':': hãy viết `khóa: giá trị`, ví dụ `year: 2019` (%s)", "a ':' is missing after a key, or a space after ':': write `key: value`, e.g. `year: 2019` (%s)"},
		"yaml.tab":           {"ký tự TAB trong phần thụt lề: YAML chỉ cho phép thụt lề bằng dấu cách; hãy thay TAB bằng dấu cách", "a TAB in the indentation: YAML indents with spaces only; replace the TAB with spaces"},
		"yaml.unclosedquote": {"dấu ngoặc kép mở ở đây chưa được đóng trên cùng dòng: hãy thêm dấu đóng ở cuối giá trị", "the quote opened here is not closed on its line: add the closing quote at the end of the value"},
		"file.planmissing":   {"không tìm thấy tệp kế hoạch %s: hãy kiểm tra đường dẫn dưới plans (tính từ thư mục chứa tệp cấu hình)", "plan file %s does not exist: check the path under plans (relative to the configuration file's folder)"},
		"id.invalid.ref":     {"%q không phải là mã hợp lệ (xem lỗi nơi khai báo nó): hãy đổi thành %q ở cả hai nơi", "%q is not a valid id (see the error where it is declared): change it to %q in both places"},
		"channel.hostport":   {"host %q không được chứa cổng: hãy ghi cổng vào port", "host %q must not contain a port: put the port in port"},
		"yaml.dash":          {"mục danh sách không thẳng cột: mỗi mục bắt đầu bằng `- ` ở cùng một cột (%s)", "list items do not line up: each starts with `- ` in the same column (%s)"},
		"yaml.content":       {"thiếu giá trị ở đây (%s)", "a value is missing here (%s)"},
		"yaml.eof":           {"tệp kết thúc giữa chừng: có thể thiếu dấu ngoặc hoặc ngoặc kép đóng (%s)", "the file ends too early: a closing bracket or quote may be missing (%s)"},
		"yaml.unclosed":      {"chưa đóng ngoặc kép hoặc ngoặc (%s)", "a quote or bracket is not closed (%s)"},
		"yaml.anchor":        {"tham chiếu *tên tới một neo &tên không tồn tại (%s)", "an alias *name refers to an anchor &name that does not exist (%s)"},
		"yaml.anchorchar":    {"ký tự '&' hoặc '*' ở đầu giá trị phải theo sau bởi một tên: đặt giá trị trong ngoặc kép (%s)", "a value starting with '&' or '*' must be followed by a name: put the value in double quotes (%s)"},

		"plans.none": {"chưa có kế hoạch nào: hãy thêm ít nhất một mục dưới plans", "no plan: add at least one entry under plans"},
		"units.none": {"chưa có đơn vị nào: hãy khai báo các đơn vị dưới units", "no units: declare the units under units"},

		"service.language":   {"ngôn ngữ %q không được hỗ trợ: hãy viết vi hoặc en", "language %q is not supported: write vi or en"},
		"service.listen":     {"địa chỉ lắng nghe %q không hợp lệ: hãy viết máy:cổng, ví dụ 127.0.0.1:8080", "listen address %q is invalid: write host:port, e.g. 127.0.0.1:8080"},
		"service.public_url": {"public_url %q không hợp lệ: hãy viết địa chỉ đầy đủ, ví dụ https://nhacviec.quangthanh.gov.vn", "public_url %q is invalid: write a full address, e.g. https://nhacviec.example.gov.vn"},

		"service.allowed_hosts": {"tên máy %q trong allowed_hosts không hợp lệ: hãy viết tên máy hoặc địa chỉ IP, không có http://, cổng hay đường dẫn, ví dụ nhacviec.quangthanh.gov.vn", "host %q in allowed_hosts is invalid: write a host name or an IP address, without http://, port or path, e.g. nhacviec.example.gov.vn"},

		"service.timezone":   {"múi giờ %q không tồn tại: hãy dùng tên IANA, ví dụ Asia/Ho_Chi_Minh", "time zone %q does not exist: use an IANA name such as Asia/Ho_Chi_Minh"},
		"service.noworkdays": {"working_days không có ngày nào: hãy liệt kê các ngày làm việc, ví dụ [mon, tue, wed, thu, fri]", "working_days lists no day: list the working days, e.g. [mon, tue, wed, thu, fri]"},
		"service.log_format": {"log_format %q không hợp lệ: hãy viết text hoặc json", "log_format %q is invalid: write text or json"},
		"dur.noworkdays":     {"%s không nhận ngày làm việc (%q): hãy viết theo phút, giờ hoặc ngày, ví dụ 48h hoặc 2d", "%s does not take working days (%q): write minutes, hours or days, e.g. 48h or 2d"},

		"channel.rate":         {"tốc độ gửi %q không hợp lệ: hãy viết số/đơn vị, ví dụ 10/s, 60/m hoặc 100/h", "rate %q is invalid: write count/unit, e.g. 10/s, 60/m or 100/h"},
		"channel.port":         {"cổng %d không hợp lệ: hãy dùng một số từ 1 đến 65535 (thường là 587 hoặc 465)", "port %d is invalid: use a number from 1 to 65535 (usually 587 or 465)"},
		"channel.tls":          {"tls %q không hợp lệ: hãy viết starttls, tls hoặc none", "tls %q is invalid: write starttls, tls or none"},
		"channel.connections":  {"connections %d không hợp lệ: hãy dùng từ 1 đến 64", "connections %d is invalid: use 1 to 64"},
		"channel.nohost":       {"thiếu host của máy chủ thư (SMTP)", "the mail (SMTP) server's host is missing"},
		"channel.nofrom":       {"thiếu from: địa chỉ gửi thư, ví dụ \"UBND xã <ubnd@example.gov.vn>\"", "from is missing: the sender address, e.g. \"Commune <ubnd@example.gov.vn>\""},
		"channel.plaintext":    {"gửi thư không mã hóa (tls: none) tới %s bị từ chối vì đó không phải máy này: hãy dùng starttls, hoặc thêm insecure: true nếu chắc chắn", "sending mail unencrypted (tls: none) to %s is refused because it is not this machine: use starttls, or add insecure: true if you are sure"},
		"channel.provider":     {"nhà cung cấp SMS %q không được hỗ trợ: hãy chọn một trong %s", "SMS provider %q is not supported: choose one of %s"},
		"channel.url":          {"địa chỉ %q không hợp lệ: hãy viết địa chỉ đầy đủ bắt đầu bằng http:// hoặc https://", "address %q is invalid: write a full address starting with http:// or https://"},
		"channel.segments":     {"max_segments %d không hợp lệ: hãy dùng từ 1 đến 10", "max_segments %d is invalid: use 1 to 10"},
		"channel.noprovider":   {"thiếu provider của kênh SMS: hãy chọn một trong %s", "the SMS channel has no provider: choose one of %s"},
		"channel.nourl":        {"thiếu url của cổng gửi SMS", "the SMS relay's url is missing"},
		"channel.nobody":       {"nhà cung cấp http cần body: mẫu nội dung yêu cầu gửi tới cổng SMS", "the http provider needs body: the template of the request sent to the relay"},
		"channel.bodyonlyhttp": {"body chỉ dùng với provider: http", "body is only used with provider: http"},

		"id.invalid":   {"mã %s %q không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu '-', ví dụ %q", "%s id %q is invalid: use lowercase letters without diacritics, digits and '-', e.g. %q"},
		"id.duplicate": {"mã %s %q đã được dùng: mỗi mã phải khác nhau", "%s id %q is already used: each id must be different"},

		"unit.noname":         {"đơn vị %q thiếu name: hãy ghi tên đầy đủ, ví dụ \"Hội Liên hiệp Phụ nữ xã\"", "unit %q has no name: write its full name"},
		"unit.nocontacts":     {"đơn vị %q chưa có người liên hệ (contacts): hãy thêm ít nhất một người có email hoặc số điện thoại", "unit %q has no contacts: add at least one person with an email or a phone number"},
		"contact.empty":       {"một người liên hệ của đơn vị %q đang để trống", "a contact of unit %q is empty"},
		"contact.noemail":     {"người liên hệ của đơn vị %q dùng kênh email nhưng không có địa chỉ email: hãy thêm email, hoặc bỏ email khỏi channels", "a contact of unit %q uses the email channel but has no email address: add email, or remove email from channels"},
		"contact.nophone":     {"người liên hệ của đơn vị %q dùng kênh sms nhưng không có số điện thoại: hãy thêm phone, hoặc bỏ sms khỏi channels", "a contact of unit %q uses the sms channel but has no phone number: add phone, or remove sms from channels"},
		"contact.channel":     {"kênh %q không tồn tại: hãy viết email hoặc sms", "channel %q does not exist: write email or sms"},
		"contact.unreachable": {"người liên hệ của đơn vị %q không có địa chỉ nào dùng được: hãy ghi email hoặc phone", "a contact of unit %q has no usable address: write an email or a phone"},

		"group.isunit": {"%q vừa là mã đơn vị vừa là mã nhóm: hãy đổi tên nhóm", "%q is both a unit id and a group id: rename the group"},
		"group.empty":  {"nhóm %q không có thành viên", "group %q has no members"},
		"group.cycle":  {"nhóm %q chứa chính nó: %s; hãy bỏ một mắt xích", "group %q contains itself: %s; remove one link"},

		"ref.unknown":      {"không có đơn vị hay nhóm nào tên %q: hãy khai báo nó dưới units hoặc groups", "no unit or group is called %q: declare it under units or groups"},
		"ref.unknown.near": {"không có đơn vị hay nhóm nào tên %q: có phải ý bạn là %q?", "no unit or group is called %q: did you mean %q?"},

		"plan.year":     {"năm %d không hợp lệ: hãy viết năm của kế hoạch, ví dụ 2019", "year %d is invalid: write the plan's year, e.g. 2019"},
		"plan.noperiod": {"kế hoạch chưa có năm: hãy thêm year (ví dụ year: 2019), hoặc from và to", "the plan has no year: add year (e.g. year: 2019), or from and to"},
		"plan.period":   {"ngày kết thúc kế hoạch %s trước ngày bắt đầu %s: hãy sửa from hoặc to", "the plan ends (%s) before it starts (%s): fix from or to"},
		"plan.noid":     {"kế hoạch thiếu id: hãy đặt một mã ngắn, ví dụ id: bdg-2019", "the plan has no id: give it a short one, e.g. id: bdg-2019"},
		"plan.notitle":  {"kế hoạch %q thiếu title: hãy ghi tên kế hoạch", "plan %q has no title: write the plan's title"},
		"plan.noowner":  {"kế hoạch %q thiếu owner: đơn vị theo dõi kế hoạch, nhận báo cáo tổng hợp, ví dụ owner: ldtbxh", "plan %q has no owner: the unit that follows the plan and gets the digests, e.g. owner: ldtbxh"},
		"plan.notasks":  {"kế hoạch %q chưa có nhiệm vụ nào (tasks)", "plan %q has no tasks"},

		"distribute.noon": {"distribute thiếu on: ngày gửi kế hoạch, ví dụ on: \"02/01 08:00\"", "distribute has no on: the day to send the plan, e.g. on: \"02/01 08:00\""},
		"distribute.noto": {"distribute thiếu to: danh sách nơi nhận", "distribute has no to: the list of recipients"},

		"task.empty":        {"nhiệm vụ đang để trống", "the task is empty"},
		"task.noid":         {"nhiệm vụ thiếu id: hãy đặt một mã ngắn, ví dụ id: thang-hanh-dong", "the task has no id: give it a short one, e.g. id: thang-hanh-dong"},
		"task.notitle":      {"nhiệm vụ %q thiếu title: hãy ghi nội dung nhiệm vụ", "task %q has no title: write what the task is"},
		"task.nolead":       {"nhiệm vụ %q thiếu lead: đơn vị chủ trì", "task %q has no lead: the unit in charge (chủ trì)"},
		"task.onandwindow":  {"một nhiệm vụ dùng on (một ngày) hoặc from/to (một khoảng), không dùng cả hai", "a task has on (one day) or from/to (a window), not both"},
		"task.halfwindow":   {"nhiệm vụ %q cần cả from và to", "task %q needs both from and to"},
		"task.tobeforefrom": {"to (%s) trước from (%s): ngày kết thúc phải sau ngày bắt đầu", "to (%s) is before from (%s): the end must come after the start"},
		"task.outside":      {"nhiệm vụ %q nằm ngoài thời gian kế hoạch (%s – %s)", "task %q lies outside the plan period (%s – %s)"},

		"remind.duplicate":     {"nhiệm vụ %q có hai lời nhắc giống hệt nhau: hãy xóa một", "task %q has the same reminder twice: remove one"},
		"remind.noform":        {"lời nhắc cần một trong: before, at, every, before_end, on", "a reminder needs one of: before, at, every, before_end, on"},
		"remind.twoforms":      {"một lời nhắc chỉ có một trong before, at, every, before_end, on (ở đây có cả %s và %s): hãy tách thành hai mục", "a reminder has only one of before, at, every, before_end, on (here both %s and %s): split it into two entries"},
		"remind.beforeongoing": {"nhiệm vụ %q là việc thường xuyên (không có ngày bắt đầu) nên không dùng được before: hãy dùng every, hoặc thêm on hay from/to", "task %q is ongoing (it has no start) so before cannot be used: use every, or add on or from/to"},
		"remind.at":            {"at %q không hợp lệ: hãy viết start (khi bắt đầu) hoặc end (khi kết thúc)", "at %q is invalid: write start or end"},
		"remind.ackzero":       {"ack_within phải lớn hơn 0, ví dụ 1d", "ack_within must be more than 0, e.g. 1d"},

		"cron.domdow":  {"lịch %q giới hạn cả ngày trong tháng (%s) lẫn thứ trong tuần (%s): cron sẽ gửi khi MỘT TRONG HAI khớp, không phải cả hai; để giới hạn một khoảng ngày hãy dùng from/to", "spec %q restricts both day of month (%s) and day of week (%s): cron fires when EITHER matches, not both; to limit it to a range of days use from/to"},
		"cron.invalid": {"lịch cron %q không hợp lệ: hãy viết 5 trường phút giờ ngày tháng thứ, ví dụ \"0 8 * * MON\" (8 giờ sáng thứ Hai) hoặc \"0 8 1 * *\" (8 giờ ngày 1 hằng tháng)", "cron spec %q is invalid: write 5 fields minute hour day month weekday, e.g. \"0 8 * * MON\" (8 am on Mondays) or \"0 8 1 * *\" (8 am on the 1st of each month)"},
		"cron.empty":   {"lịch cron đang để trống: ví dụ \"0 8 * * MON\"", "the cron spec is empty: e.g. \"0 8 * * MON\""},
		"cron.tz":      {"lịch %q không được ghi múi giờ: múi giờ là của kế hoạch (timezone)", "spec %q must not set a time zone: the plan's timezone applies"},
		"cron.every":   {"%q không dùng được: hãy viết lịch cron, ví dụ \"0 8 * * *\" (8 giờ mỗi ngày)", "%q cannot be used: write a cron spec, e.g. \"0 8 * * *\" (8 am every day)"},
		"cron.fields":  {"lịch cron %q có %d trường, cần 5 (phút giờ ngày tháng thứ), ví dụ \"0 8 * * MON\"", "cron spec %q has %d fields, it needs 5 (minute hour day month weekday), e.g. \"0 8 * * MON\""},

		"deadline.duplicate":       {"nhiệm vụ %q có hai hạn báo cáo cùng hạn: hãy đặt id khác nhau cho mỗi hạn", "task %q has two deadlines with the same due time: give each its own id"},
		"deadline.empty":           {"một hạn báo cáo của nhiệm vụ %q đang để trống", "a deadline of task %q is empty"},
		"deadline.ifholiday":       {"if_holiday %q không hợp lệ: hãy viết next_working_day, previous_working_day hoặc keep", "if_holiday %q is invalid: write next_working_day, previous_working_day or keep"},
		"deadline.overduezero":     {"overdue_every phải lớn hơn 0, ví dụ 1d", "overdue_every must be more than 0, e.g. 1d"},
		"deadline.overduemax":      {"overdue_max %d không hợp lệ: hãy dùng từ 1 đến 100", "overdue_max %d is invalid: use 1 to 100"},
		"deadline.overduemaxalone": {"overdue_max lớn hơn 1 cần overdue_every: khoảng cách giữa các lần nhắc quá hạn, ví dụ 1d", "overdue_max above 1 needs overdue_every: the time between overdue notices, e.g. 1d"},
		"deadline.dueandevery":     {"một hạn báo cáo có due (một lần) hoặc due_every (định kỳ), không có cả hai", "a deadline has due (once) or due_every (recurring), not both"},
		"deadline.outside":         {"hạn báo cáo %s nằm ngoài thời gian kế hoạch (%s – %s): hãy sửa ngày, hoặc mở rộng from/to của kế hoạch", "due date %s lies outside the plan period (%s – %s): fix the date, or widen the plan's from/to"},
		"deadline.nodue":           {"hạn báo cáo của nhiệm vụ %q thiếu due (ví dụ due: \"20/12 17:00\") hoặc due_every (ví dụ due_every: \"0 17 15 6,12 *\")", "a deadline of task %q has no due (e.g. due: \"20/12 17:00\") or due_every (e.g. due_every: \"0 17 15 6,12 *\")"},
		"escalate.noafter":         {"bước báo cáo cấp trên thiếu after, ví dụ after: 2d", "an escalation step has no after, e.g. after: 2d"},
		"escalate.noto":            {"bước báo cáo cấp trên không có to, và đơn vị %q không có escalate_to: hãy ghi to", "an escalation step has no to, and unit %q has no escalate_to: write to"},

		"rule.nothing": {"quy tắc này không tạo ra thông báo nào trong thời gian của nhiệm vụ (%s – %s)", "this rule produces no notification within the task's time (%s – %s)"},
		"rule.past":    {"mọi thông báo của quy tắc này đã ở quá khứ (lần cuối %s)", "every notification of this rule is already in the past (the last at %s)"},
		"plan.past":    {"kế hoạch %q đã kết thúc ngày %s: mọi thông báo của nó đã ở quá khứ và sẽ không được gửi", "plan %q ended on %s: all its notifications are in the past and will not be sent"},

		// Bounds on what a configuration may ask (hardening).
		"file.notregular":  {"%s không phải là một tệp thông thường (có thể là thiết bị, ống dẫn hay thư mục): hãy chỉ định tệp YAML", "%s is not a regular file (a device, a pipe or a folder): name the YAML file itself"},
		"file.toolarge":    {"tệp %s lớn hơn %d MB: tệp cấu hình hay kế hoạch không lớn như vậy, hãy kiểm tra đường dẫn", "%s is larger than %d MB: no configuration or plan is that large; check the path"},
		"file.binary":      {"tệp %s không phải là văn bản YAML (có ký tự nhị phân hoặc không phải UTF-8): hãy chỉ định đúng tệp cấu hình hay kế hoạch", "%s is not YAML text (it holds binary or non-UTF-8 bytes): name the configuration or plan file"},
		"file.notconfig":   {"tệp này không phải là cấu hình nhacviec: không có khóa nào là service, channels, units, groups hay plans; hãy kiểm tra -c có chỉ đúng tệp không", "this file is not a nhacviec configuration: none of its keys is service, channels, units, groups or plans; check that -c names the right file"},
		"file.notplan":     {"tệp này không phải là một kế hoạch: không có khóa nào là id, title, year, owner hay tasks; hãy kiểm tra đường dẫn dưới plans", "this file is not a plan: none of its keys is id, title, year, owner or tasks; check the path under plans"},
		"load.interrupted": {"việc kiểm tra bị dừng giữa chừng (ngắt): các lỗi trên có thể chưa đủ", "the check was interrupted before the end: the errors above may not be all"},
		"yaml.alias":       {"không dùng được tham chiếu (*tên): hãy viết đầy đủ giá trị", "aliases (*name) are not allowed: write the value out"},
		"yaml.seconddoc":   {"một tài liệu YAML thứ hai bắt đầu ở đây (sau ---): mỗi tệp chỉ chứa một cấu hình; hãy xóa --- và phần sau, hoặc gộp vào phần trên", "a second YAML document starts here (after ---): a file holds one configuration; remove the --- and what follows, or merge it into the first"},
		"diag.more":        {"… và %d lỗi khác", "… and %d more errors"},
		"diag.more.warn":   {"… và %d lỗi, %d cảnh báo khác", "… and %d more errors and %d warnings"},
		"group.deep":       {"nhóm %q lồng các nhóm quá %d tầng (%s …): hãy giảm số tầng, ghi thẳng các đơn vị", "group %q nests groups more than %d deep (%s …): use fewer levels, list the units themselves"},
		"channel.template": {"%s của nhà cung cấp http không phải là một mẫu hợp lệ (%s): hãy sửa, các trường dùng được là .To, .Text, .ID, .From và .Password", "%s of the http provider is not a valid template (%s): fix it; the fields are .To, .Text, .ID, .From and .Password"},
		"cron.often":       {"lịch %q gửi lúc %s rồi lại lúc %s: quá dày; một quy tắc chỉ được gửi cách nhau ít nhất 5 phút, ví dụ \"0 8 * * *\" (8 giờ mỗi ngày)", "spec %q fires at %s and again at %s: too often; a rule may fire at most once every 5 minutes, e.g. \"0 8 * * *\" (8 am every day)"},
		"cron.many":        {"lịch %q gửi %d lần mỗi ngày cho mỗi đơn vị: nhiều nhất là %d lần; hãy chọn ít giờ hơn, ví dụ \"0 8,14 * * *\"", "spec %q fires %d times a day for each unit: at most %d are allowed; choose fewer hours, e.g. \"0 8,14 * * *\""},
		"tz.change":        {"múi giờ %s đổi giờ ngày %s lúc %s (từ %s sang %s), trong thời gian kế hoạch %q: giờ gửi không tồn tại hôm đó được gửi vào thời điểm hợp lệ kế tiếp, một lần; giờ lặp lại hai lần chỉ gửi một lần, lần đầu", "time zone %s changes on %s at %s (from %s to %s), inside plan %q: a send time that does not exist that day goes at the next valid instant, once; a time that happens twice goes once, the first time"},
	})
}

// The check of a plan's dates against its year (issue 12).
func init() {
	register(map[string][2]string{
		"plan.otheryear": {
			"ngày %q có năm khác năm %d của kế hoạch (year) và nằm ngoài khoảng %s – %s: có thể là ngày còn sót từ kế hoạch năm trước; hãy sửa năm (hoặc viết dd/mm để lấy năm theo year), hay dùng nhacviec plan roll để chuyển cả kế hoạch sang năm mới",
			"date %q has a year other than the plan's year %d (year) and lies outside %s – %s: it may be left from last year's plan; fix its year (or write dd/mm to take the plan's year), or use nhacviec plan roll to move the whole plan to a new year",
		},
	})
}
