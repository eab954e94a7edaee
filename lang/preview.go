package lang

// The texts of the API's preview, whole-plan saves, units and groups
// (package web, api_preview.go and api_units.go).
func init() {
	register(map[string][2]string{
		"api.editsoryaml": {"Hãy gửi hoặc các thay đổi (edits), hoặc toàn văn kế hoạch (yaml), không gửi cả hai.", "Send either edits or the whole plan's text (yaml), not both."},
		"api.planid":      {"Mã kế hoạch phải giữ là %s: không đổi mã kế hoạch ở đây được.", "The plan's id must stay %s: it cannot be changed here."},
		"api.from":        {"Không hiểu thời điểm %q: hãy viết như 2019-11-14T00:00:00+07:00 hoặc 2019-11-14.", "Cannot read the time %q: write it like 2019-11-14T00:00:00+07:00 or 2019-11-14."},
		"api.nounits":     {"Tệp cấu hình không có mục %s.", "The configuration has no %s."},
		"api.stalecfg":    {"Tệp cấu hình đã được sửa từ khi bạn đọc (trên trang hoặc trong tệp). Hãy đọc lại rồi sửa.", "The configuration changed since you read it (in a browser or in its file). Read it again, then edit."},
		"api.outside":     {"Đường dẫn %q không thuộc mục %s: ở đây chỉ sửa được %s.", "The path %q is not under %s: only %s can be edited here."},
		"api.nopathcfg":   {"Không tìm thấy chỗ cần sửa trong tệp cấu hình.", "The place to edit is not in the configuration file."},
	})
}
