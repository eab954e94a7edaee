package lang

// The texts of nhacviec import (package draft and cmd): the readers'
// errors, the comments of the drafted plan, and the report.
func init() {
	register(map[string][2]string{
		"draft.line": {"dòng", "line"},
		"draft.para": {"đoạn", "paragraph"},

		// The readers' errors.
		"draft.read":           {"không đọc được tệp: %s", "cannot read the file: %s"},
		"draft.toolarge":       {"tệp quá lớn: một kế hoạch không quá %d MB; hãy kiểm tra lại tệp", "file too large: a plan is at most %d MB; check the file"},
		"draft.utf16":          {"tệp UTF-16 bị hỏng: %s", "broken UTF-16 file: %s"},
		"draft.encoding":       {"tệp văn bản không phải UTF-8: có vẻ là bảng mã %s; hãy mở tệp bằng Unikey (Công cụ chuyển mã) hoặc Word rồi lưu lại dưới dạng Unicode (UTF-8)", "the text file is not UTF-8: it looks like the %s encoding; convert it to Unicode (UTF-8) with Unikey's converter or Word, then import it again"},
		"draft.toomanyparas":   {"tệp có hơn %d đoạn: không phải một kế hoạch", "the file has more than %d paragraphs: not a plan"},
		"draft.notdocx":        {"tệp không phải văn bản Word (.docx) hợp lệ: %s", "not a valid Word document (.docx): %s"},
		"draft.toomanyentries": {"tệp .docx có %d phần (tối đa %d): không phải một kế hoạch", "the .docx has %d entries (at most %d): not a plan"},
		"draft.entrytoolarge":  {"phần %s của tệp .docx giải nén ra hơn %d MB: tệp bị từ chối", "entry %s of the .docx expands to more than %d MB: refused"},
		"draft.badxml":         {"nội dung tệp .docx bị hỏng: %s", "the .docx content is broken: %s"},
		"draft.olddoc":         {"tệp .doc (Word 97-2003) chưa đọc được: hãy mở bằng Word và lưu lại dưới dạng .docx", "a .doc (Word 97-2003) file cannot be read: open it in Word and save it as .docx"},

		// Why a paragraph was not placed.
		"draft.why.preamble": {"phần mở đầu, căn cứ: không phải nhiệm vụ", "preamble or grounds: not a task"},
		"draft.why.purpose":  {"mục %s (mục đích, yêu cầu): không phải nhiệm vụ", "part %s (purpose, requirements): not a task"},
		"draft.why.part":     {"tên phần: các mục bên dưới là nhiệm vụ", "a part's heading: the items under it are the tasks"},
		"draft.why.nhutren":  {"“Như trên”: các nơi đã ghi ở phần Kính gửi; hãy thêm các đơn vị đó vào distribute", "“Như trên” (as above): the addressees of the Kính gửi line; add those units to distribute"},
		"draft.why.loose":    {"đoạn không thuộc mục nào: chưa biết xếp vào nhiệm vụ nào", "a paragraph outside any item: no task to put it in"},

		// The comments of the draft.
		"draft.c.head":         {"BẢN NHÁP do nhacviec import soạn từ %s. Hãy đọc lại từng mục so với văn bản:\nmỗi mục ghi đoạn văn bản và câu trích nó được soạn từ; \"tentative: true\" là ngày văn\nbản không nêu (công cụ chọn); ngày nhắc định kỳ do công cụ chọn. Sửa xong, chạy nhacviec check.", "DRAFT written by nhacviec import from %s. Read every item against the document:\neach names the paragraph and the words it was drafted from; \"tentative: true\" marks a date\nthe document does not state (chosen by the tool); recurring reminder days are chosen by the tool. Then run nhacviec check."},
		"draft.c.src":          {"%s %d: “%s”", "%s %d: “%s”"},
		"draft.c.units":        {"Đơn vị nêu trong kế hoạch. Địa chỉ email là địa chỉ tạm: thay bằng người liên hệ thật.", "Units the plan names. The email addresses are placeholders: put the real contacts."},
		"draft.c.addunits":     {"Đơn vị mới, chưa có trong tệp cấu hình: thêm vào units: (thay địa chỉ tạm):", "New units, not in the configuration: add them under units: (replace the placeholder addresses):"},
		"draft.c.contactname":  {"Người liên hệ (cần điền)", "Contact (to fill in)"},
		"draft.c.contact":      {"địa chỉ tạm, cần thay", "placeholder, replace it"},
		"draft.c.period":       {"thời gian thực hiện: cả năm, kéo dài đến các ngày văn bản nêu ngoài năm", "the plan's period: its year, stretched to the document's dates outside it"},
		"draft.c.item":         {"Mục %s", "Item %s"},
		"draft.c.notitle":      {"Kế hoạch (chưa có tên)", "Plan (no title yet)"},
		"draft.c.missing":      {"văn bản không ghi: cần điền", "not in the document: fill it in"},
		"draft.c.ownerguess":   {"văn bản không nêu đơn vị theo dõi: công cụ chọn", "the document names no follow-up unit: chosen by the tool"},
		"draft.c.distribute":   {"Nơi nhận: gửi kế hoạch, đề nghị xác nhận đã nhận", "Nơi nhận: the plan is sent to these, who confirm receipt"},
		"draft.c.distdate":     {"văn bản không ghi ngày ban hành: công cụ chọn ngày làm việc đầu năm", "the document has no date: the first working day of the year, chosen by the tool"},
		"draft.c.distissued":   {"ngày ban hành", "the signing date"},
		"draft.c.archive":      {"Lưu: VT là bản lưu của cơ quan ban hành, không phải nơi nhận (%s)", "Lưu: VT is the issuer's file copy, not a recipient (%s)"},
		"draft.c.leadguess":    {"văn bản không nêu đơn vị chủ trì: tạm giao đơn vị theo dõi kế hoạch", "the document names no unit in charge: the plan's owner for now"},
		"draft.c.when":         {"“%s”", "“%s”"},
		"draft.c.whenof":       {"trong thời gian của mục %s: “%s”", "within item %s: “%s”"},
		"draft.c.tet":          {"mùng 1 Tết là %s (âm lịch); khoảng ±7 ngày do công cụ chọn", "the Lunar New Year's first day is %s; the ±7 days are chosen by the tool"},
		"draft.c.tentative":    {"ngày văn bản không nêu: dự kiến", "a date the document does not state: tentative"},
		"draft.c.remindchosen": {"ngày nhắc do công cụ chọn", "reminder day chosen by the tool"},
		"draft.c.every":        {"“%s”", "“%s”"},
		"draft.c.periodic":     {"văn bản ghi “định kỳ” không nêu kỳ: chọn 6 tháng", "the document says “periodically” without a period: every six months chosen"},
		"draft.c.due":          {"hạn theo văn bản, 17:00 do công cụ chọn", "the document's date; 17:00 chosen by the tool"},
		"draft.c.toguess":      {"văn bản không nêu nơi nhận báo cáo: đơn vị theo dõi kế hoạch", "the document names no recipient: the plan's owner"},
		"draft.c.before":       {"văn bản chỉ nêu hạn hoàn thành: ngày bắt đầu là ngày ban hành (hoặc đầu năm), dự kiến", "the document states only the end: the start is the signing date (or the year's start), tentative"},
		"draft.c.done":         {"Hoàn thành: %s", "Done: %s"},
		"draft.c.notplaced":    {"KHÔNG XẾP ĐƯỢC vào kế hoạch (đọc lại, thêm tay nếu cần):", "NOT PLACED in the plan (read them, add by hand if needed):"},

		// The report of nhacviec import, on stderr.
		"draft.r.header":    {"Đã đọc %s: %d %s có chữ", "Read %s: %d non-empty %s(s)"},
		"draft.r.notasks":   {"Không tìm thấy nhiệm vụ nào: văn bản không có mục đánh số (II. NỘI DUNG, 1., 2., a), gạch đầu dòng). Bản nháp chỉ có phần đầu; hãy xem danh sách không xếp được ở trên.", "No task found: the document has no numbered items (II. NỘI DUNG, 1., 2., a), dashes). The draft has only the header; see what was not placed above."},
		"draft.r.plan":      {"Kế hoạch: %s (năm %d), %s, số %s, người ký: %s", "Plan: %s (year %d), %s, number %s, signed by %s"},
		"draft.r.task":      {"  %s %s: chủ trì %s%s%s", "  %s %s: lead %s%s%s"},
		"draft.r.when":      {"; %s", "; %s"},
		"draft.r.support":   {"; phối hợp %s", "; support %s"},
		"draft.r.deadline":  {"    báo cáo %s: %s → %s, %s%s", "    report %s: %s → %s, %s%s"},
		"draft.r.tentative": {" (dự kiến)", " (tentative)"},
		"draft.r.tasks":     {"Nhiệm vụ (%d):", "Tasks (%d):"},
		"draft.r.recip":     {"Nơi nhận: %s", "Nơi nhận: %s"},
		"draft.r.archive":   {"Lưu: VT: bản lưu, không phải nơi nhận", "Lưu: VT: the file copy, not a recipient"},
		"draft.r.units":     {"Đơn vị đề xuất mới (%d): %s", "New units proposed (%d): %s"},
		"draft.r.guessed":   {"Chưa rõ đơn vị chủ trì (tạm giao %s): %s", "No unit in charge stated (%s for now): %s"},
		"draft.r.notplaced": {"Không xếp được (%d):", "Not placed (%d):"},
		"draft.r.wrote":     {"Đã ghi bản nháp vào %s; hãy đọc lại rồi chạy nhacviec check.", "Wrote the draft to %s; read it, then run nhacviec check."},
		"draft.r.invalid":   {"Bản nháp chưa qua kiểm tra (lỗi của công cụ, xin báo lại):", "The draft does not pass the check (a bug of the tool, please report it):"},
		"draft.r.none":      {"không có", "none"},
		"draft.r.ongoing":   {"thường xuyên", "ongoing"},
	})
}
