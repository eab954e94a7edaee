package lang

// The texts of a plan's templates: those of their decoding (package
// config), and those notify reports when it parses and tries them
// (notify.CheckTemplates). Every problem found inside a template starts
// "mẫu tin nhắn không hợp lệ".
func init() {
	register(map[string][2]string{
		"noun.kind.distribution": {"tin gửi kế hoạch (distribution)", "distribution messages"},
		"noun.kind.reminder":     {"tin nhắc việc (reminder)", "reminder messages"},
		"noun.kind.deadline":     {"tin hạn báo cáo (deadline)", "deadline messages"},
		"noun.kind.overdue":      {"tin quá hạn (overdue)", "overdue messages"},
		"noun.kind.escalation":   {"tin báo cấp trên (escalation)", "escalation messages"},

		"templates.kind": {
			"loại tin %q không có: hãy dùng một trong %s",
			"there is no message kind %q: use one of %s",
		},
		"templates.kind.near": {
			"loại tin %q không có: có phải ý bạn là %q? (các loại tin: %s)",
			"there is no message kind %q: did you mean %q? (the kinds: %s)",
		},
		"templates.name": {
			"%q không phải là một phần của tin nhắn: hãy dùng một trong %s (subject: tiêu đề thư, body: nội dung thư, sms: tin nhắn SMS)",
			"%q is not a part of a message: use one of %s (subject: the email's subject, body: the email's body, sms: the SMS text)",
		},
		"templates.name.near": {
			"%q không phải là một phần của tin nhắn: có phải ý bạn là %q? (các phần: %s)",
			"%q is not a part of a message: did you mean %q? (the parts: %s)",
		},
		"templates.nokind": {
			"templates.%s chưa có mẫu nào: hãy viết subject, body hoặc sms bên dưới, hoặc xóa dòng này",
			"templates.%s has no template: write subject, body or sms under it, or remove the line",
		},
		"templates.empty": {
			"mẫu %s của %s đang để trống: hãy viết nội dung, hoặc xóa dòng này để dùng mẫu mặc định",
			"the %s template of %s is empty: write its wording, or remove the line to keep the default",
		},
		"templates.unused": {
			"kế hoạch %q không gửi %s nào qua %s: mẫu này sẽ không được dùng",
			"plan %q sends no %s by %s: this template is never used",
		},

		"template.syntax": {
			"mẫu tin nhắn không hợp lệ: lỗi cú pháp (%s)",
			"invalid message template: syntax error (%s)",
		},
		"template.unclosed": {
			"mẫu tin nhắn không hợp lệ: {{ mở ở đây chưa được đóng bằng }}",
			"invalid message template: the {{ opened here is not closed with }}",
		},
		"template.comment": {
			"mẫu tin nhắn không hợp lệ: ghi chú {{/* mở ở đây chưa được đóng bằng */}}",
			"invalid message template: the comment {{/* opened here is not closed with */}}",
		},
		"template.quote": {
			"mẫu tin nhắn không hợp lệ: dấu ngoặc kép mở ở đây chưa được đóng trước }}",
			"invalid message template: the quote opened here is not closed before }}",
		},
		"template.noend": {
			"mẫu tin nhắn không hợp lệ: thiếu {{end}}: mỗi {{if}}, {{with}} và {{range}} phải được đóng bằng {{end}}",
			"invalid message template: an {{end}} is missing: each {{if}}, {{with}} and {{range}} must be closed with {{end}}",
		},
		"template.extra": {
			"mẫu tin nhắn không hợp lệ: thừa %s: không có {{if}}, {{with}} hay {{range}} nào đang mở",
			"invalid message template: %s has no {{if}}, {{with}} or {{range}} to belong to",
		},
		"template.func": {
			"mẫu tin nhắn không hợp lệ: không có hàm %q; các hàm dùng được: %s",
			"invalid message template: there is no function %q; the functions you can use: %s",
		},
		"template.var": {
			"mẫu tin nhắn không hợp lệ: biến %s chưa được gán: hãy viết {{%[1]s := …}} trước khi dùng",
			"invalid message template: variable %s is not set: write {{%[1]s := …}} before using it",
		},
		"template.define": {
			"mẫu tin nhắn không hợp lệ: mẫu của kế hoạch không được chứa {{define}} hay {{block}}: hãy viết thẳng nội dung",
			"invalid message template: a plan's template must not hold {{define}} or {{block}}: write the wording itself",
		},
		"template.field": {
			"mẫu tin nhắn không hợp lệ: không có trường %s; các trường dùng được: %s",
			"invalid message template: there is no field %s; the fields you can use: %s",
		},
		"template.field.dot": {
			"mẫu tin nhắn không hợp lệ: ở đây dấu chấm (.) là một giá trị đơn, không có trường %s",
			"invalid message template: here the dot (.) is a single value and has no field %s",
		},
		"template.args": {
			"mẫu tin nhắn không hợp lệ: hàm %s cần %s tham số, ở đây có %s",
			"invalid message template: %s takes %s arguments, here it has %s",
		},
		"template.field.value": {
			"mẫu tin nhắn không hợp lệ: %s là một giá trị đơn, không có trường %s",
			"invalid message template: %s is a single value and has no field %s",
		},
		"template.field.list": {
			"mẫu tin nhắn không hợp lệ: %s là một danh sách: hãy dùng {{range %[1]s}}…{{%s}}…{{end}}",
			"invalid message template: %s is a list: use {{range %[1]s}}…{{%s}}…{{end}}",
		},
		"template.nil": {
			"mẫu tin nhắn không hợp lệ: %s của kế hoạch này không phải lúc nào cũng có %s: hãy chỉ dùng nó bên trong {{with %[2]s}}…{{end}}",
			"invalid message template: %s of this plan do not always have %s: use it only inside {{with %[2]s}}…{{end}}",
		},
		"template.undefined": {
			"mẫu tin nhắn không hợp lệ: không có mẫu con %q; các mẫu con dùng được: %s",
			"invalid message template: there is no template %q to include; those you can include: %s",
		},
		"template.exec": {
			"mẫu tin nhắn không hợp lệ: lỗi khi chạy %s (%s)",
			"invalid message template: %s fails (%s)",
		},
	})
}
