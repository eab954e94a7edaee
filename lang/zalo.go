package lang

// The texts of the Zalo (ZNS) and webhook channels: their configuration's
// diagnostics, and the warnings about channels a contact asks for that
// are not configured.
func init() {
	register(map[string][2]string{
		"zalo.tokentwice":      {"channels.zalo chỉ dùng một trong access_token_file và access_token_env", "channels.zalo takes one of access_token_file and access_token_env"},
		"zalo.tokenboth":       {"channels.zalo dùng hoặc access_token_file/access_token_env (mã truy cập do quản trị viên tự gia hạn), hoặc app_id, secret_key_file và refresh_token_file (nhacviec tự gia hạn), không dùng cả hai", "channels.zalo takes either access_token_file/access_token_env (a token the administrator renews) or app_id, secret_key_file and refresh_token_file (nhacviec renews it), not both"},
		"zalo.notoken":         {"channels.zalo thiếu mã truy cập của OA: hãy ghi access_token_file hoặc access_token_env, hoặc app_id, secret_key_file và refresh_token_file để nhacviec tự gia hạn", "channels.zalo has no OA access token: write access_token_file or access_token_env, or app_id, secret_key_file and refresh_token_file to let nhacviec renew it"},
		"zalo.refreshmissing":  {"để tự gia hạn mã truy cập Zalo còn thiếu %s", "to renew the Zalo access token, %s is missing"},
		"zalo.notemplates":     {"channels.zalo cần templates: mỗi loại tin (%s) một mẫu ZNS đã được duyệt, với template_id và params", "channels.zalo needs templates: an approved ZNS template per kind of message (%s), with template_id and params"},
		"zalo.missingkinds":    {"channels.zalo.templates không có mẫu cho %s: những tin loại đó gửi tới người liên hệ dùng zalo sẽ bị ghi là thất bại", "channels.zalo.templates has no template for %s: those messages to contacts on zalo will be recorded failed"},
		"zalo.kind":            {"loại tin %q không tồn tại: hãy dùng một trong %s", "kind of message %q does not exist: use one of %s"},
		"zalo.noid":            {"mẫu ZNS của loại tin %q thiếu template_id (mã mẫu đã được Zalo duyệt)", "the ZNS template for %q has no template_id (the id of the template Zalo approved)"},
		"zalo.noparams":        {"mẫu ZNS của loại tin %q thiếu params: tên từng tham số của mẫu và trường điền vào, ví dụ ten_don_vi: unit", "the ZNS template for %q has no params: each parameter of the template and the field that fills it, e.g. unit_name: unit"},
		"zalo.nofield":         {"tham số %q thiếu field: trường điền vào tham số", "parameter %q has no field: the field that fills it"},
		"zalo.field":           {"trường %q không tồn tại: hãy dùng một trong %s", "field %q does not exist: use one of %s"},
		"zalo.field.near":      {"trường %q không tồn tại: có phải ý bạn là %q?", "field %q does not exist: did you mean %q?"},
		"zalo.max":             {"max %d không hợp lệ: hãy dùng từ 1 đến 1000 ký tự", "max %d is invalid: use 1 to 1000 characters"},
		"contact.channel.any":  {"kênh %q không tồn tại: hãy viết email, sms, zalo hoặc webhook", "channel %q does not exist: write email, sms, zalo or webhook"},
		"contact.nozalo":       {"người liên hệ của đơn vị %q dùng kênh zalo nhưng không có số điện thoại: hãy thêm phone (số đăng ký Zalo), hoặc bỏ zalo", "a contact of unit %q uses the zalo channel but has no phone number: add phone (the number Zalo knows), or remove zalo"},
		"channel.unconfigured": {"kênh %[1]s chưa được cấu hình (channels.%[1]s): tin qua kênh này tới %[2]s chỉ được ghi vào hộp thư đi (data_dir/outbox), không gửi thật", "channel %[1]s is not configured (channels.%[1]s): messages on it to %[2]s are only written to the outbox (data_dir/outbox), not sent"},
		"sum.outbox":           {"tin chỉ ghi vào hộp thư đi (outbox), không gửi thật vì kênh chưa được cấu hình", "messages only written to the outbox, not sent: their channel is not configured"},
		"st.outbox":            {"Hộp thư đi", "Outbox"},
		"webhook.nourl":        {"channels.webhook thiếu url: địa chỉ nhận thông báo, bắt đầu bằng https://", "channels.webhook has no url: the address that receives the notifications, starting with https://"},
		"webhook.nosecret":     {"channels.webhook thiếu secret_file: tệp chứa khóa bí mật dùng để ký (HMAC-SHA256) từng yêu cầu", "channels.webhook has no secret_file: the file holding the secret each request is signed with (HMAC-SHA256)"},
		"webhook.timeout":      {"timeout %q không hợp lệ: hãy viết ví dụ 10s hoặc 1m (tối đa 5m)", "timeout %q is invalid: write e.g. 10s or 1m (at most 5m)"},
	})
}
