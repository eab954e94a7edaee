package lang

// The texts of the wording by relation (SPEC: a unit's relation to the
// issuer): the configuration's diagnostics of relation, the plan
// document and the archive, and what the pages say of them.
func init() {
	register(map[string][2]string{
		"unit.relation": {
			"relation %q không có: hãy dùng một trong %s (noi-bo: bộ phận của cơ quan ban hành, doan-the: Mặt trận và các đoàn thể, cap-tren: cấp trên, Đảng ủy, HĐND, luu: nơi lưu văn bản, khac: đơn vị khác)",
			"there is no relation %q: use one of %s (noi-bo: the issuer's own office, doan-the: the Front and mass organisations, cap-tren: a higher level, the Party committee or People's Council, luu: the archive, khac: anyone else)",
		},
		"unit.relation.near": {
			"relation %q không có: có phải ý bạn là %q?",
			"there is no relation %q: did you mean %q?",
		},
		"archive.task": {
			"đơn vị %q là nơi lưu văn bản (relation: luu) nên không nhận tin nào, nhưng có vai trò trong nhiệm vụ %q (%s): hãy bỏ đơn vị khỏi đó, hoặc đổi relation",
			"unit %q is the archive (relation: luu) and receives no message, but it has a part in task %q (%s): remove it there, or change its relation",
		},
		"archive.deadline": {
			"đơn vị %q là nơi lưu văn bản (relation: luu) nên không nhận tin nào, nhưng có tên trong hạn báo cáo %q (%s): hãy bỏ đơn vị khỏi đó, hoặc đổi relation",
			"unit %q is the archive (relation: luu) and receives no message, but it is named in deadline %q (%s): remove it there, or change its relation",
		},
		"document.ext": {
			"văn bản kế hoạch %q phải là tệp PDF (.pdf) hoặc Word (.docx)",
			"the plan document %q must be a PDF (.pdf) or Word (.docx) file",
		},
		"document.missing": {
			"không tìm thấy văn bản kế hoạch %s: hãy kiểm tra đường dẫn (tính từ thư mục của tệp kế hoạch)",
			"the plan document %s does not exist: check the path (relative to the plan file's folder)",
		},
		"document.unreadable": {
			"không đọc được văn bản kế hoạch %s: hãy kiểm tra quyền đọc tệp",
			"the plan document %s cannot be read: check its permissions",
		},
		"document.content": {
			"tệp %q không phải là tệp %s thật (nội dung không khớp phần đuôi): hãy lưu lại văn bản dưới dạng PDF hoặc DOCX",
			"file %q is not really a %s file (its content does not match its extension): save the document again as PDF or DOCX",
		},

		// The pages.
		"ack.title.info":   {"Thông báo", "Notification"},
		"ack.document":     {"Văn bản kế hoạch", "Plan document"},
		"ack.download":     {"Tải về %s", "Download %s"},
		"ack.signed":       {"Số %s, ngày %s, người ký: %s", "No. %s, dated %s, signed by %s"},
		"ack.contact":      {"Liên hệ", "Contact"},
		"ack.tentative":    {"dự kiến", "tentative"},
		"form.forinfo":     {"Thông báo này gửi để báo cáo: không cần xác nhận.", "This is sent for your information: there is nothing to confirm."},
		"error.nodocument": {"Kế hoạch này không có văn bản đính kèm.", "This plan has no document attached."},
	})
}
