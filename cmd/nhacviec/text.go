package main

import (
	"fmt"

	"github.com/nhacviec/nhacviec/plan"
)

// messages are the command line's texts, {Vietnamese, English}.
var messages = map[string][2]string{
	"agenda.nounit": {"không có đơn vị %q; các mã đơn vị: %s", "there is no unit %q; unit ids: %s"},
	"agenda.notask": {"không có nhiệm vụ %q; các mã nhiệm vụ: %s", "there is no task %q; task ids: %s"},
	"agenda.range":  {"--to phải sau --from (--from mặc định là bây giờ): hãy sửa --to, hoặc thêm --from", "--to must come after --from (--from defaults to now): fix --to, or add --from"},
	"agenda.empty":  {"Không có thông báo nào từ %s đến %s. Thời gian kế hoạch: %s.", "Nothing is sent from %s to %s. Plan period: %s."},

	"kind.distribution": {"gửi kế hoạch", "plan sent"},
	"kind.reminder":     {"nhắc việc", "reminder"},
	"kind.deadline":     {"hạn báo cáo", "deadline"},
	"kind.overdue":      {"quá hạn", "overdue"},
	"kind.escalation":   {"báo cáo cấp trên", "escalation"},

	"role.lead":      {"chủ trì", "lead"},
	"role.support":   {"phối hợp", "support"},
	"role.recipient": {"nơi nhận", "recipient"},
	"role.reporter":  {"báo cáo", "reporter"},
	"role.superior":  {"cấp trên", "superior"},
	"role.owner":     {"theo dõi kế hoạch", "plan owner"},

	"cond.not_acked": {"nếu chưa xác nhận đã nhận", "if receipt not confirmed"},
	"cond.not_done":  {"nếu chưa hoàn thành", "if not done"},

	"col.time":      {"Thời gian", "Time"},
	"col.kind":      {"Loại", "Kind"},
	"col.task":      {"Nhiệm vụ", "Task"},
	"col.unit":      {"Đơn vị", "Unit"},
	"col.role":      {"Vai trò", "Role"},
	"col.channels":  {"Kênh", "Channels"},
	"col.condition": {"Điều kiện", "Condition"},
	"agenda.total":  {"Tổng cộng %d thông báo.", "%d notifications in all."},
	"agenda.plan":   {"Kế hoạch", "Plan"},
	"agenda.later":  {"(SMS chờ hết giờ yên lặng)", "(SMS waits for the end of quiet hours)"},
	"ics.due":       {"Hạn", "Due"},
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
}

// tr renders a command-line message in lang.
func tr(lang plan.Lang, key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	f := m[0]
	if lang == plan.English {
		f = m[1]
	}
	return fmt.Sprintf(f, args...)
}

// cliError is an error of the command line, a key of messages.
type cliError string

func (e cliError) Error() string { return tr(plan.English, string(e)) }

// describe renders an error for a person in lang.
func describe(lang plan.Lang, err error) string {
	switch e := err.(type) {
	case plan.Message:
		return e.Text(lang)
	case cliError:
		return tr(lang, string(e))
	}
	return err.Error()
}
