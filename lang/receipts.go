package lang

// The texts of the dashboard's receipts, its late reports by unit and its
// texts for a Zalo group (package web: receipts.go, matrix.go,
// zalotext.go).
func init() {
	register(map[string][2]string{
		"late.count":        {"%d báo cáo chậm", "%d late"},
		"late.days":         {"chậm %d ngày", "%d days late"},
		"late.more":         {"Ghi nhận chi tiết", "Record with details"},
		"late.fine":         {"%d đơn vị không chậm báo cáo.", "%d units are not late."},
		"late.btn.received": {"Đã nhận", "Received"},
		"late.btn.done":     {"Đã hoàn thành", "Done"},

		"rcpt.title":           {"Xác nhận đã nhận kế hoạch và tin nhắc việc", "Receipts of the plan and the reminders"},
		"rcpt.help":            {"Kế hoạch và các tin nhắc việc đã gửi trong %d ngày qua, mới nhất trước; đơn vị xác nhận bằng đường dẫn hoặc mã SMS trong tin.", "The plan and the reminders sent in the last %d days, the newest first; a unit confirms with the link or SMS code in its message."},
		"rcpt.unconfirmed":     {"%d tin chưa được xác nhận.", "%d not confirmed."},
		"rcpt.sent":            {"Gửi lúc", "Sent"},
		"rcpt.channel":         {"Kênh", "Channel"},
		"rcpt.none":            {"chưa xác nhận đã nhận", "receipt not confirmed"},
		"rcpt.confirmed":       {"đã nhận lúc %s", "received at %s"},
		"rcpt.repeats":         {"đã nhắc lại %d lần", "sent again %d times"},
		"rcpt.more":            {"và %d tin cũ hơn.", "and %d older ones."},
		"rcpt.record":          {"Ghi nhận đã nhận", "Record receipt"},
		"rcpt.result.recorded": {"Đã ghi nhận: %s đã nhận tin.", "Recorded: %s received the message."},
		"rcpt.result.already":  {"Việc nhận tin này của %s đã được ghi nhận trước đó; không ghi thêm lần nữa.", "This receipt was already recorded for %s; nothing was added."},
		"error.receipt":        {"Không có tin đã gửi này trong kế hoạch. Hãy tải lại trang bảng theo dõi rồi thao tác lại.", "There is no such sent message in this plan. Reload the dashboard and try again."},
		"rcpt.nothing":         {"Chưa gửi kế hoạch hay tin nhắc việc nào cần xác nhận.", "No plan or reminder to confirm has been sent yet."},

		"ackp.who":     {"Thêm tên người xác nhận, ghi chú", "Add your name, a note"},
		"ackp.details": {"Chi tiết thông báo", "About this notification"},

		"zalo.title":  {"Sao chép cho nhóm Zalo", "Copy for a Zalo group"},
		"zalo.help":   {"Các thông báo gửi hôm nay, viết sẵn để dán vào nhóm Zalo của xã: bấm vào ô, chọn tất cả rồi sao chép. Đường dẫn xác nhận của từng đơn vị chỉ có trong tin nhắc việc và tin gửi kế hoạch, sau khi tin riêng của đơn vị đã gửi.", "Today's notifications, written to paste into the commune's Zalo group: tap the box, select all and copy. A unit's confirmation link is given only for the plan and reminders, once the unit's own message is sent."},
		"zalo.sent":   {"đã gửi", "sent"},
		"zalo.tosend": {"chưa gửi", "not sent yet"},
		"zalo.none":   {"Hôm nay không có thông báo nào.", "Nothing is sent today."},
	})
}
