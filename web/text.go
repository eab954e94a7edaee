package web

import (
	"fmt"

	"github.com/nhacviec/nhacviec/lang"
)

// catalog holds every text a person reads on a page or in an SMS reply,
// as {Vietnamese, English} fmt formats taking the same arguments.
var catalog = map[string][2]string{
	// Layout.
	"site.name":   {"Nhắc việc", "Nhắc việc (reminders)"},
	"site.footer": {"Hệ thống nhắc việc tự động", "Automatic reminder service"},

	// The acknowledgement page.
	"ack.title":       {"Xác nhận thông báo", "Acknowledge a notification"},
	"ack.plan":        {"Kế hoạch", "Plan"},
	"ack.issuer":      {"Cơ quan ban hành", "Issued by"},
	"ack.task":        {"Nhiệm vụ", "Task"},
	"ack.deadline":    {"Báo cáo", "Report"},
	"ack.reportto":    {"Gửi báo cáo cho", "Report to"},
	"ack.unit":        {"Đơn vị", "Unit"},
	"ack.role":        {"Vai trò", "Role"},
	"ack.kind":        {"Loại thông báo", "Notification"},
	"ack.sent":        {"Gửi lúc", "Sent at"},
	"ack.due":         {"Hạn báo cáo", "Due"},
	"ack.when":        {"Thời gian", "When"},
	"ack.state":       {"Trạng thái", "Status"},
	"ack.late":        {"đã quá hạn %d ngày", "%d days late"},
	"state.none":      {"Chưa xác nhận", "Not confirmed yet"},
	"state.received":  {"Đã nhận lúc %s", "Received at %s"},
	"state.done":      {"Đã hoàn thành lúc %s", "Done at %s"},
	"state.by":        {"%s, qua %s", "%s, via %s"},
	"via.web":         {"trang xác nhận", "the web page"},
	"via.sms":         {"tin nhắn SMS", "SMS"},
	"via.cli":         {"dòng lệnh", "the command line"},
	"via.dashboard":   {"bảng theo dõi", "the dashboard"},
	"form.who":        {"Người xác nhận", "Your name"},
	"form.who.hint":   {"Họ tên, chức vụ", "Name, position"},
	"form.note":       {"Ghi chú (không bắt buộc)", "Note (optional)"},
	"form.help":       {"Bấm một nút để ghi nhận. Chỉ mở trang này thì chưa có gì được ghi nhận.", "Press a button to record it. Only opening this page records nothing."},
	"form.nothing":    {"Đã ghi nhận đầy đủ, không cần thao tác thêm.", "Everything is recorded: nothing more to do."},
	"btn.received":    {"Đã nhận", "Received"},
	"btn.done":        {"Đã hoàn thành / đã nộp báo cáo", "Done / report sent"},
	"result.received": {"Đã ghi nhận: %s đã nhận thông báo lúc %s.", "Recorded: %s received the notification at %s."},
	"result.done":     {"Đã ghi nhận: %s đã hoàn thành / đã nộp báo cáo lúc %s.", "Recorded: %s reported the work done at %s."},
	"result.already":  {"Việc này đã được ghi nhận trước đó lúc %s; không ghi thêm lần nữa.", "This was already recorded at %s; nothing was added."},

	// Roles and kinds.
	"role.lead":            {"chủ trì", "lead"},
	"role.support":         {"phối hợp", "support"},
	"role.recipient":       {"nơi nhận", "recipient"},
	"role.reporter":        {"đơn vị báo cáo", "reporting unit"},
	"role.superior":        {"cấp trên theo dõi", "supervising unit"},
	"role.owner":           {"đơn vị theo dõi kế hoạch", "plan owner"},
	"kind.distribution":    {"Gửi kế hoạch", "The plan itself"},
	"kind.reminder":        {"Nhắc việc", "Reminder"},
	"kind.deadline":        {"Nhắc hạn báo cáo", "Report due"},
	"kind.overdue":         {"Quá hạn báo cáo", "Report overdue"},
	"kind.escalation":      {"Báo cáo chậm trễ", "Escalation"},
	"kind.digest":          {"Tổng hợp hằng ngày", "Daily digest"},
	"when.window":          {"từ %s đến %s", "from %s to %s"},
	"when.day":             {"ngày %s", "on %s"},
	"ics.due":              {"Hạn báo cáo: %s", "Report due: %s"},
	"ics.plan":             {"Kế hoạch: %s", "Plan: %s"},
	"ics.task":             {"Nhiệm vụ: %s", "Task: %s"},
	"ics.lead":             {"Chủ trì: %s", "Lead: %s"},
	"ics.support":          {"Phối hợp: %s", "Support: %s"},
	"ics.by":               {"Đơn vị báo cáo: %s", "Reporting: %s"},
	"ics.to":               {"Gửi báo cáo cho: %s", "Report to: %s"},
	"ics.unitcal":          {"Nhắc việc – %s", "Reminders – %s"},
	"error.title":          {"Có lỗi", "Something went wrong"},
	"error.notfound.title": {"Không tìm thấy", "Not found"},
	"error.token":          {"Liên kết không hợp lệ hoặc đã hết hạn. Hãy mở lại đúng liên kết trong email hoặc tin nhắn; nếu vẫn không được, hãy liên hệ cán bộ phụ trách kế hoạch.", "This link is not valid or has expired. Open the link in the email or text message again; if it still fails, contact the officer in charge of the plan."},
	"error.feed":           {"Lịch này không tồn tại. Hãy lấy lại đường dẫn lịch từ cán bộ phụ trách kế hoạch.", "There is no such calendar. Ask the officer in charge of the plan for the calendar link again."},
	"error.method":         {"Trang này không nhận kiểu yêu cầu đó.", "This page does not take that kind of request."},
	"error.page":           {"Trang này không tồn tại.", "There is no such page."},
	"error.toolarge":       {"Nội dung gửi lên quá dài. Hãy rút ngắn ghi chú rồi gửi lại.", "What was sent is too long. Shorten the note and send it again."},
	"error.body":           {"Không đọc được nội dung gửi lên. Hãy gửi lại.", "What was sent could not be read. Send it again."},
	"error.origin":         {"Yêu cầu đến từ một trang web khác nên bị từ chối. Hãy mở lại liên kết trong email hoặc tin nhắn rồi bấm nút trên chính trang đó.", "The request came from another web site and was refused. Open the link in the email or text message again and press the button on that page."},
	"error.action":         {"Không rõ thao tác. Hãy bấm một trong các nút trên trang.", "Unknown action. Press one of the buttons on the page."},
	"error.notdone":        {"Thông báo này không có báo cáo phải nộp nên không xác nhận hoàn thành được; hãy bấm «Đã nhận».", "This notification has no report to send, so it cannot be marked done; press «Received»."},
	"error.internal":       {"Máy chủ gặp lỗi nên chưa ghi nhận được. Hãy thử lại sau ít phút; nếu vẫn lỗi, hãy báo cán bộ phụ trách.", "The server failed, so nothing was recorded. Try again in a few minutes; if it still fails, tell the officer in charge."},
	"error.adminlocal":     {"Bảng theo dõi chỉ mở được từ chính máy chủ vì chưa đặt mật khẩu quản trị. Để mở từ máy khác, hãy tạo mật khẩu bằng lệnh nhacviec passwd, đặt service.admin_password_file trong tệp cấu hình rồi khởi động lại dịch vụ.", "The dashboard opens only on the server itself, as no admin password is set. To open it from another machine, create one with nhacviec passwd, set service.admin_password_file in the configuration and restart the service."},
	"error.smsoff":         {"Chưa cấu hình nhận tin nhắn SMS trả lời.", "Inbound SMS is not configured."},
	"error.smssecret":      {"Sai hoặc thiếu khóa bí mật của cổng SMS.", "The SMS gateway's shared secret is missing or wrong."},
	"error.reloadoff":      {"Máy chủ này không nạp lại cấu hình được.", "This server cannot reload its configuration."},
	"error.store":          {"Không đọc được cơ sở dữ liệu.", "The store cannot be read."},

	// SMS replies: short, and still readable once diacritics are stripped.
	"sms.received":      {"Đã ghi nhận: %s đã nhận %s.", "Recorded: %s received %s."},
	"sms.done":          {"Đã ghi nhận: %s đã hoàn thành / nộp báo cáo %s.", "Recorded: %s reported done %s."},
	"sms.already":       {"Mã %s đã được ghi nhận trước đó lúc %s (%s).", "Code %s was already recorded at %s (%s)."},
	"sms.unknownphone":  {"Số điện thoại này không thuộc đơn vị nào nhận tin nên chưa ghi nhận. Hãy dùng liên kết trong tin nhắn hoặc báo cán bộ phụ trách.", "This phone number belongs to no unit, so nothing was recorded. Use the link in the message or tell the officer in charge."},
	"sms.unknowncode":   {"Không tìm thấy mã %s trong các tin đã gửi đến đơn vị của số này. Hãy kiểm tra lại mã (ví dụ: OK %s).", "Code %s matches no message sent to this number's unit. Check the code (for example: OK %s)."},
	"sms.notunderstood": {"Chưa hiểu tin trả lời. Trả lời OK <mã> khi đã nhận, XONG <mã> khi đã nộp báo cáo (mã 4 chữ số trong tin nhắn).", "Reply not understood. Reply OK <code> when received, XONG <code> when the report is sent (the 4-digit code in the message)."},
	"sms.notdone":       {"Mã %s là tin không có báo cáo phải nộp; trả lời OK %s để xác nhận đã nhận.", "Code %s is for a message with no report to send; reply OK %s to confirm receipt."},
	"sms.what.received": {"nhận", "received"},
	"sms.what.done":     {"hoàn thành", "done"},
}

// tr returns the text of key in lang, formatted with args. An unknown key
// is returned as is, so that a missing text shows rather than hides.
func tr(lng lang.Lang, key string, args ...any) string {
	m, ok := catalog[key]
	if !ok {
		return key
	}
	f := m[0]
	if lng == lang.English {
		f = m[1]
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}
