package lang

// The texts of the command line (cmd/nhacviec). It names the notification
// kinds and three of the roles in its tables more shortly than the pages
// do: those are cli.kind.* and cli.role.*.
func init() {
	register(map[string][2]string{
		"agenda.nounit": {"không có đơn vị %q; các mã đơn vị: %s", "there is no unit %q; unit ids: %s"},
		"agenda.notask": {"không có nhiệm vụ %q; các mã nhiệm vụ: %s", "there is no task %q; task ids: %s"},
		"agenda.range":  {"--to phải sau --from (--from mặc định là bây giờ): hãy sửa --to, hoặc thêm --from", "--to must come after --from (--from defaults to now): fix --to, or add --from"},
		"agenda.empty":  {"Không có thông báo nào từ %s đến %s. Thời gian kế hoạch: %s.", "Nothing is sent from %s to %s. Plan period: %s."},

		"cli.kind.distribution": {"gửi kế hoạch", "plan sent"},
		"cli.kind.reminder":     {"nhắc việc", "reminder"},
		"cli.kind.deadline":     {"hạn báo cáo", "deadline"},
		"cli.kind.overdue":      {"quá hạn", "overdue"},
		"cli.kind.escalation":   {"nhắc cấp trên", "escalation"},

		"cli.role.reporter": {"báo cáo", "reporter"},
		"cli.role.superior": {"cấp trên", "superior"},
		"cli.role.owner":    {"theo dõi kế hoạch", "plan owner"},

		"cond.not_acked": {"nếu chưa xác nhận đã nhận", "if receipt not confirmed"},
		"cond.not_done":  {"nếu chưa hoàn thành", "if not done"},

		"col.time":      {"Thời gian", "Time"},
		"col.role":      {"Vai trò", "Role"},
		"col.channels":  {"Kênh", "Channels"},
		"col.condition": {"Điều kiện", "Condition"},
		"agenda.total":  {"Tổng cộng %d thông báo.", "%d notifications in all."},
		"agenda.plan":   {"Kế hoạch", "Plan"},
		"agenda.later":  {"(SMS chờ hết giờ yên lặng)", "(SMS waits for the end of quiet hours)"},
		"ics.about":     {"Đơn vị liên quan", "Units concerned"},

		"run.password":     {"không dùng được tệp mật khẩu quản trị %s: %v; hãy tạo lại bằng nhacviec passwd", "cannot use the admin password file %s: %v; make it again with nhacviec passwd"},
		"run.nopassword":   {"listen %s không phải địa chỉ nội bộ (loopback): bảng theo dõi cần mật khẩu quản trị; hãy chạy nhacviec passwd và đặt service.admin_password_file, hoặc lắng nghe trên 127.0.0.1", "listen %s is not a loopback address: the dashboard needs an admin password; run nhacviec passwd and set service.admin_password_file, or listen on 127.0.0.1"},
		"run.secret":       {"không dùng được tệp bí mật %s: %v", "cannot use the secret file %s: %v"},
		"run.smssecret":    {"không đọc được inbound_secret_file của kênh SMS: %v", "cannot read the SMS channel's inbound_secret_file: %v"},
		"run.untilbefore":  {"--until phải sau --rehearse", "--until must come after --rehearse"},
		"run.speed":        {"--speed phải là một số không nhỏ hơn 1 (diễn tập nhanh gấp bao nhiêu lần thời gian thật), ví dụ --speed 3600", "--speed must be a number of at least 1 (how many times faster than real time the rehearsal runs), e.g. --speed 3600"},
		"run.datadir":      {"không tạo được thư mục dữ liệu %s: %v; hãy kiểm tra quyền ghi, hoặc đổi service.data_dir", "cannot create the data folder %s: %v; check write permission, or change service.data_dir"},
		"store.locked":     {"kho dữ liệu %s đang được một tiến trình nhacviec khác sử dụng: mỗi data_dir chỉ chạy một phiên bản; hãy dừng phiên bản kia (systemctl stop nhacviec) hoặc dùng data_dir khác", "the store %s is in use by another nhacviec process: one instance per data_dir; stop the other (systemctl stop nhacviec) or use another data_dir"},
		"store.newer":      {"kho dữ liệu %s được tạo bởi phiên bản nhacviec mới hơn: hãy nâng cấp nhacviec", "the store %s was written by a newer nhacviec: upgrade nhacviec"},
		"store.corrupt":    {"kho dữ liệu %s bị hỏng: hãy khôi phục từ bản sao lưu gần nhất (tạo bằng nhacviec backup) rồi chạy lại", "the store %s is corrupt: restore the last backup (made with nhacviec backup) and start again"},
		"store.permission": {"không có quyền đọc/ghi kho dữ liệu %s: hãy cấp quyền cho người dùng chạy nhacviec", "no permission to read or write the store %s: give the user running nhacviec access"},
		"store.open":       {"không mở được kho dữ liệu %s: %v", "cannot open the store %s: %v"},
		"backup.write":     {"không ghi được bản sao lưu %s: %v", "cannot write the backup %s: %v"},
		"backup.done":      {"Đã sao lưu vào %s và %s", "Backed up to %s and %s"},

		// The store, the secret, backups and rehearsals (issue 11).
		"run.nostore": {
			"kho dữ liệu %s không có hoặc rỗng, nhưng thư mục dữ liệu đã được dùng (còn %s): tạo kho mới sẽ mất mọi xác nhận và gửi lại các thông báo trong khoảng catchup. Hãy khôi phục bản sao lưu gần nhất (chép tệp sao lưu vào %s và tệp .secret đi kèm vào %s), hoặc, nếu muốn bắt đầu lại từ đầu, chạy nhacviec run --new-store",
			"the store %s is missing or empty, but the data folder has been in use (%s is there): a new store would lose every acknowledgement and send again what fell due within catchup. Restore the last backup (copy it to %s, and its .secret to %s), or, to start afresh, run nhacviec run --new-store",
		},
		"run.nosecret": {
			"thiếu tệp bí mật %s trong khi kho dữ liệu %s đã có: với một bí mật mới, mọi liên kết và mã SMS đã gửi sẽ mất hiệu lực. Hãy khôi phục tệp này từ bản sao lưu (tệp OUTFILE.secret mà nhacviec backup ghi cạnh OUTFILE), với quyền 0600; nếu không còn bản nào, chạy nhacviec run --new-secret",
			"the secret file %s is missing although the store %s exists: with a new secret, every link and SMS code already sent stops working. Restore it from the backup (the OUTFILE.secret that nhacviec backup writes beside OUTFILE), mode 0600; if no backup has it, run nhacviec run --new-secret",
		},
		"run.rehearsing": {
			"một cuộc diễn tập khác đang chạy trên thư mục %s: hãy đợi nó kết thúc hoặc dừng nó; chưa có gì bị xoá",
			"another rehearsal is running in %s: wait for it to end, or stop it; nothing was deleted",
		},
		"run.corrupt": {
			"kho dữ liệu %s bị hỏng (%v): dịch vụ đã dừng thay vì gửi lại. Hãy khôi phục từ bản sao lưu gần nhất (tạo bằng nhacviec backup) rồi chạy lại",
			"the store %s is damaged (%v): the service stopped rather than send again. Restore the last backup (made with nhacviec backup) and start again",
		},
		"backup.live": {
			"không ghi bản sao lưu vào %s: đó là %s, tệp của dịch vụ (thư mục dữ liệu %s); hãy chọn một tệp ở ngoài thư mục dữ liệu",
			"will not write the backup to %s: that is %s, which the service owns (data folder %s); choose a file outside the data folder",
		},

		"testsend.open":    {"không mở được kênh gửi: %v", "cannot open a channel: %v"},
		"testsend.outbox":  {"chưa cấu hình kênh này: tin đã được ghi vào hộp thư đi %s", "this channel is not configured: the message was written to the outbox %s"},
		"testsend.ok":      {"đã gửi (%s)", "delivered (%s)"},
		"testsend.temp":    {"lỗi tạm thời, sẽ thử lại khi chạy thật: %v", "temporary failure, it would be retried: %v"},
		"testsend.perm":    {"lỗi vĩnh viễn, cần sửa cấu hình hoặc địa chỉ: %v", "permanent failure, fix the configuration or the address: %v"},
		"testsend.subject": {"[nhacviec] Tin thử gửi %s", "[nhacviec] Test message to %s"},
		"testsend.text":    {"Đây là tin thử của hệ thống nhắc việc nhacviec gửi tới %s (%s) lúc %s. Không cần trả lời.", "This is a test message from nhacviec to %s (%s) at %s. No reply needed."},

		"ack.by":          {"cán bộ LĐ-TB&XH", "the plan's officer"},
		"ack.received":    {"đã nhận", "received"},
		"ack.done":        {"đã hoàn thành / đã nộp báo cáo", "done / report submitted"},
		"ack.recorded":    {"Đã ghi nhận: %s %s (%s).", "Recorded: %s %s (%s)."},
		"ack.already":     {"Đã ghi nhận trước đó: %s %s (%s) lúc %s.", "Already recorded: %s %s (%s) at %s."},
		"ack.unknown":     {"không tìm thấy thông báo đã gửi với mã này: hãy dùng mã thông báo (32 ký tự), phần cuối của liên kết /a/…, hoặc mã SMS 4 số kèm --unit", "no sent notification has this id: use the notification id (32 characters), the end of its /a/ link, or the 4-digit SMS code with --unit"},
		"ack.needunit":    {"mã SMS 4 số cần --unit: mỗi mã chỉ duy nhất trong một đơn vị", "a 4-digit SMS code needs --unit: codes are only unique within a unit"},
		"ack.notdeadline": {"thông báo này không phải hạn báo cáo của đơn vị: chỉ xác nhận đã nhận được (bỏ --done)", "this notification is not a deadline of its unit: only its receipt can be confirmed (drop --done)"},

		"st.sent":    {"Đã gửi", "Sent"},
		"st.pending": {"Chờ gửi", "Pending"},
		"st.failed":  {"Lỗi", "Failed"},
		"st.missed":  {"Bỏ lỡ", "Missed"},
		"st.acked":   {"Đã xác nhận", "Acknowledged"},
		"st.overdue": {"Quá hạn", "Overdue"},
		"st.next":    {"Sắp gửi:", "Next:"},

		"passwd.usage":    {"cách dùng: nhacviec passwd [-c FILE] [OUTFILE]", "usage: nhacviec passwd [-c FILE] [OUTFILE]"},
		"passwd.nofile":   {"chưa biết ghi vào đâu: hãy ghi tên tệp (nhacviec passwd OUTFILE), hoặc đặt service.admin_password_file trong %s", "nowhere to write: name a file (nhacviec passwd OUTFILE), or set service.admin_password_file in %s"},
		"passwd.again":    {"Nhập lại mật khẩu: ", "Type it again: "},
		"passwd.read":     {"không đọc được mật khẩu: %v", "cannot read the password: %v"},
		"passwd.missing":  {"thiếu mật khẩu: hãy nhập mật khẩu hai lần, mỗi lần một dòng", "no password: type it twice, one line each"},
		"passwd.mismatch": {"hai lần nhập mật khẩu không giống nhau; không ghi gì. Hãy chạy lại lệnh", "the two passwords differ; nothing was written. Run the command again"},
		"passwd.short":    {"mật khẩu quá ngắn: cần ít nhất %d ký tự", "the password is too short: at least %d characters"},
		"passwd.long":     {"mật khẩu quá dài: tối đa 72 byte", "the password is too long: at most 72 bytes"},
		"passwd.write":    {"không ghi được %s: %v", "cannot write %s: %v"},
		"passwd.done":     {"Đã ghi mã băm mật khẩu quản trị vào %s (chỉ chủ tệp đọc được). Đặt service.admin_password_file: %s trong tệp cấu hình rồi khởi động lại dịch vụ. Đăng nhập bảng theo dõi với tên admin.", "Wrote the admin password's hash to %s (readable by its owner only). Set service.admin_password_file: %s in the configuration and restart the service. Log in to the dashboard as admin."},
	})
}

// The texts of nhacviec calendar: a year's days off and weekend days
// worked, with where each comes from.
func init() {
	register(map[string][2]string{
		"cal.list.title":   {"Ngày nghỉ và ngày làm bù năm %d", "Days off and weekend days worked in %d"},
		"cal.list.date":    {"Ngày", "Date"},
		"cal.list.weekday": {"Thứ", "Weekday"},
		"cal.list.state":   {"Nghỉ/làm", "Off/worked"},
		"cal.list.what":    {"Dịp", "Occasion"},
		"cal.list.source":  {"Nguồn", "Source"},
		"cal.list.off":     {"nghỉ", "off"},
		"cal.list.worked":  {"làm việc", "worked"},

		"cal.list.lunar":   {"%s, âm lịch %s", "%s, lunar %s"},
		"cal.list.inlieu":  {"%s: nghỉ bù cho %s %s", "%s: in lieu of %s %s"},
		"cal.list.swapped": {"%s: nghỉ hoán đổi, làm bù %s %s", "%s: day off swapped, worked on %s %s"},
		"cal.list.paid":    {"%s: làm bù cho %s %s", "%s: worked for %s %s"},
		"cal.list.holiday": {"ngày nghỉ trong cấu hình (%s)", "configured holiday (%s)"},
		"cal.list.weekend": {"ngày làm bù trong cấu hình", "configured working weekend"},

		"cal.src.rule":   {"tính theo luật", "computed"},
		"cal.src.year":   {"lịch đã công bố", "published"},
		"cal.src.config": {"cấu hình", "configuration"},

		"cal.list.sources":   {"Nguồn:", "Sources:"},
		"cal.list.rule":      {"tính theo luật: Bộ luật Lao động 2019, điều 111 và 112 (nghỉ bù ngày lễ trùng ngày nghỉ hằng tuần); Tết Nguyên đán và Giỗ Tổ theo âm lịch Việt Nam (múi giờ UTC+7)", "computed: the Labour Code 2019, articles 111 and 112 (a holiday on the weekly rest day is made up on the next working day); Tết and the Hùng Kings' day from the Vietnamese lunar calendar (UTC+7)"},
		"cal.list.year":      {"lịch đã công bố: %s", "published: %s"},
		"cal.list.config":    {"cấu hình: service.holidays và service.working_weekends trong %s", "configuration: service.holidays and service.working_weekends in %s"},
		"cal.list.nofficial": {"Lịch nghỉ lễ có sẵn đang tắt (service.official_calendar: false): chỉ có các ngày trong cấu hình.", "The built-in calendar of public holidays is off (service.official_calendar: false): only the configuration's days."},
		"cal.list.outside":   {"Lịch nghỉ lễ có sẵn chỉ có từ năm %d đến năm %d: năm %d chỉ có các ngày trong cấu hình.", "The built-in calendar of public holidays covers %d to %d only: %d has only the configuration's days."},
		"cal.list.empty":     {"Không có ngày nghỉ lễ hay ngày làm bù nào.", "No days off and no weekend days worked."},
		"cal.list.total":     {"Tổng cộng %d ngày nghỉ, %d ngày trong số đó rơi vào ngày làm việc trong tuần; %d ngày làm bù.", "%d days off, %d of them on working days of the week; %d weekend days worked."},
		"cal.list.usage":     {"cách dùng: nhacviec calendar [-c FILE] [NĂM]", "usage: nhacviec calendar [-c FILE] [YEAR]"},
		"cal.list.badyear":   {"năm %q không hợp lệ: hãy viết năm bằng bốn chữ số, ví dụ 2019", "invalid year %q: write the year in four digits, e.g. 2019"},
	})
}

// The texts of nhacviec plan roll (issue 12): next year's plan from last
// year's, the comments it writes into the new file, and what it tells the
// officer.
func init() {
	register(map[string][2]string{
		"roll.notplan":   {"tệp này không phải một kế hoạch: cần một bảng khóa: giá trị với id, year, tasks…", "this file is not a plan: it needs a mapping with id, year, tasks…"},
		"roll.noyear":    {"kế hoạch không có year (hay from có ghi năm): không biết năm cũ để chuyển", "the plan has no year (nor a from with a year): there is no old year to move from"},
		"roll.sameyear":  {"kế hoạch đã là của năm %d: hãy ghi --to một năm khác", "the plan is already for %d: give --to another year"},
		"roll.value":     {"dòng %d, cột %d: giá trị viết trên nhiều dòng hoặc có ký tự thoát (\\), không sửa tự động được: hãy viết nó trên một dòng", "line %d, column %d: a value written over several lines or with escapes (\\) cannot be changed in place: write it on one line"},
		"roll.flow":      {"kế hoạch trong tệp cấu hình được viết dạng {…}: hãy tách nó ra một tệp kế hoạch riêng bằng tay", "the plan in the configuration is written in flow style ({…}): move it to a plan file of its own by hand"},
		"roll.whichplan": {"%s: hãy chọn kế hoạch cần chuyển bằng --plan ID, một trong: %s", "%s: choose the plan to roll with --plan ID, one of: %s"},
		"roll.exists":    {"%s đã có: không ghi đè. Hãy đổi tên hoặc xoá tệp đó, hoặc thêm --force để ghi đè", "%s already exists: it is not overwritten. Rename or remove it, or add --force to overwrite it"},
		"roll.write":     {"không ghi được %s: %v", "cannot write %s: %v"},

		"roll.comment.leap":  {"năm %d không có ngày 29/02: đổi thành %s (%s)", "%d has no 29/02: %s (%s) instead"},
		"roll.comment.moved": {"%s là %s; ngày gốc %s (%s), nhưng %s là ngày nghỉ (%s)", "%s is a %s; originally %s (%s), but %s is a day off (%s)"},

		"roll.done":        {"Đã lập kế hoạch năm %d: %s (id %s), từ %s (id %s).", "Wrote the plan for %d: %s (id %s), from %s (id %s)."},
		"roll.changed":     {"%s: %q → %q", "%s: %q → %q"},
		"roll.titlebyhand": {"tiêu đề có năm %d nhưng viết trên nhiều dòng: hãy sửa bằng tay", "the title names %d but spans lines: edit it by hand"},
		"roll.emptied":     {"%s đã để trống (cũ: %q): hãy điền cho kế hoạch mới", "%s emptied (was %q): fill it in for the new plan"},
		"roll.moved":       {"%s: %s là %s, ngày nghỉ: đã dời sang %s (%s)", "%s: %s is a %s, a day off: moved to %s (%s)"},
		"roll.leap":        {"%s: năm %d không có ngày 29/02: đã đổi thành %s", "%s: %d has no 29/02: changed to %s"},
		"roll.nodayoff":    {"Không ngày nào của kế hoạch mới rơi vào ngày nghỉ.", "No date of the new plan falls on a day off."},
		"roll.dayoff":      {"Các ngày rơi vào ngày nghỉ, cần xem lại (%d):", "Dates on a day off, to review (%d):"},
		"roll.dayoff.one":  {"%s: %s (%s) là ngày nghỉ", "%s: %s (%s) is a day off"},
		"roll.use":         {"Để dịch vụ theo kế hoạch mới: thêm dòng `- %[2]s` vào plans: của %[1]s, rồi chạy nhacviec check.", "To follow the new plan: add `- %[2]s` under plans: in %[1]s, then run nhacviec check."},
		"roll.holidays":    {"Ngày nghỉ năm %d theo lịch của dịch vụ:", "Days off in %d in the service's calendar:"},
		"roll.noholidays":  {"Lịch của dịch vụ không có ngày nghỉ nào trong năm %d ngoài ngày nghỉ hằng tuần: hãy kiểm tra service.holidays.", "The service's calendar has no day off in %d besides the weekly rest days: check service.holidays."},
		"roll.worked":      {"Ngày nghỉ hằng tuần phải đi làm bù năm %d:", "Weekend days worked in %d:"},

		"roll.part.plan":        {"%s của kế hoạch", "the plan's %s"},
		"roll.part.distribute":  {"ngày gửi kế hoạch (distribute)", "the plan's distribution (distribute)"},
		"roll.part.task":        {"%s của nhiệm vụ %s", "%s of task %s"},
		"roll.part.reminder":    {"lời nhắc on của nhiệm vụ %s", "reminder on of task %s"},
		"roll.part.deadline":    {"hạn báo cáo của nhiệm vụ %s", "deadline of task %s"},
		"roll.part.deadline.id": {"hạn báo cáo %s của nhiệm vụ %s", "deadline %s of task %s"},
	})
}

// The summary nhacviec run --rehearse prints when the rehearsal ends: the
// messages per kind and channel, what was not sent, and where to read
// them.
func init() {
	register(map[string][2]string{
		"rehearse.until":   {"Diễn tập đã chạy đến --until %s.", "The rehearsal has reached --until %s."},
		"rehearse.stopped": {"Diễn tập đã dừng lúc %s (giờ diễn tập).", "The rehearsal stopped at %s (rehearsal time)."},
		"rehearse.total":   {"Cộng", "Total"},
		"rehearse.counts": {
			"Đã gửi %d tin; bỏ qua %d (đơn vị đã xác nhận, đã nộp báo cáo, hoặc quy tắc đã bỏ), lỗi %d, bỏ lỡ %d, chưa gửi xong %d.",
			"%d messages sent; %d skipped (the unit had confirmed or reported, or the rule was removed), %d failed, %d missed, %d unfinished.",
		},
		"rehearse.outbox":  {"Hộp thư đi: %s (email/NGÀY/*.eml, sms/NGÀY/*.txt)", "Outbox: %s (email/DATE/*.eml, sms/DATE/*.txt)"},
		"rehearse.journal": {"Nhật ký gửi, mỗi tin một dòng theo thứ tự gửi: %s", "Journal, one line per message in the order sent: %s"},
		"cli.kind.digest":  {"tổng hợp hằng ngày", "daily digest"},

		// nhacviec user (issue 13): the accounts of the web pages.
		"user.usage":          {"cách dùng: nhacviec user add NAME --role admin|editor|viewer [--plans ID,…] | list | passwd NAME | remove NAME [-c FILE]", "usage: nhacviec user add NAME --role admin|editor|viewer [--plans ID,…] | list | passwd NAME | remove NAME [-c FILE]"},
		"user.badname":        {"tên %q không dùng được: hãy dùng 1 đến 32 chữ thường không dấu, chữ số, '.', '_' hoặc '-'", "the name %q cannot be used: use 1 to 32 lowercase letters, digits, '.', '_' or '-'"},
		"user.badrole":        {"vai trò %q không có: --role phải là admin (quản trị), editor (biên tập) hoặc viewer (xem)", "there is no role %q: --role must be admin, editor or viewer"},
		"user.plansrole":      {"--plans chỉ dành cho vai trò editor (người biên tập)", "--plans is only for the editor role"},
		"user.noplan":         {"không có kế hoạch %q trong cấu hình; hãy dùng mã kế hoạch (id) như trong nhacviec check", "there is no plan %q in the configuration; use a plan id as nhacviec check shows them"},
		"user.adminfile":      {"tên %s là tài khoản của service.admin_password_file (%s); hãy chọn tên khác", "the name %s is the account of service.admin_password_file (%s); choose another name"},
		"passwd.prompt.admin": {"Mật khẩu quản trị: ", "Admin password: "},
		"user.prompt":         {"Mật khẩu của %s: ", "Password for %s: "},
		"user.exists":         {"đã có tài khoản %s; đổi mật khẩu bằng nhacviec user passwd, hoặc xóa bằng nhacviec user remove", "account %s exists already; change its password with nhacviec user passwd, or remove it with nhacviec user remove"},
		"user.not_found":      {"không có tài khoản %s; xem danh sách bằng nhacviec user list", "there is no account %s; list them with nhacviec user list"},
		"user.invalid":        {"tài khoản không hợp lệ: %s", "invalid account: %s"},
		"user.failed":         {"không thực hiện được: %v", "failed: %v"},
		"user.done.add":       {"Đã tạo tài khoản %s (vai trò %s).", "Account %s created (role %s)."},
		"user.done.passwd":    {"Đã đổi mật khẩu của %s; các phiên đăng nhập của tài khoản này đã kết thúc.", "Password of %s changed; the account's sessions have ended."},
		"user.done.remove":    {"Đã xóa tài khoản %s.", "Account %s removed."},
		"user.list.head":      {"TÊN\tVAI TRÒ\tKẾ HOẠCH\tTẠO LÚC", "NAME\tROLE\tPLANS\tCREATED"},
	})
}
