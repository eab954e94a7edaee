package config_test

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

const zaloConf = `
channels:
  zalo:
    app_id: "4321"
    secret_key_file: /etc/nhacviec/zalo-secret-key
    refresh_token_file: /etc/nhacviec/zalo-refresh-token
    templates:
      reminder:
        template_id: "301234"
        params:
          don_vi: unit
          nhiem_vu: {field: task, max: 60}
units:
  ldtbxh:
    name: Bộ phận Lao động - Thương binh và Xã hội
    contacts:
      - {email: ldtbxh@example.vn, phone: "0912 345 678", zalo: true}
  hlhpn:
    name: Hội Liên hiệp Phụ nữ xã
    contacts:
      - {phone: "0983 112 233", channels: [zalo]}
  luu:
    name: Lưu VT
    relation: luu
    contacts: [{email: vt@example.vn}]
  bridge:
    name: Nhóm Zalo của xã
    contacts: [{name: Cầu nối, channels: [webhook]}]
plans:
  - id: p
    title: P
    year: 2019
    owner: ldtbxh
    tasks:
      - {id: t, title: T, lead: [ldtbxh, hlhpn, bridge], on: "20/11 08:00", remind: [{at: start}]}
`

func TestZaloChannel(t *testing.T) {
	cfg, diags := config.Parse("c.yaml", []byte(zaloConf), func(string) ([]byte, error) { return nil, fs.ErrNotExist })
	if diags.HasErrors() {
		t.Fatal(diags.Render(lang.English))
	}
	z := cfg.Channels.Zalo
	if z == nil || z.URL != config.DefaultZaloURL || z.OAuthURL != config.DefaultZaloOAuthURL || z.AppID != "4321" {
		t.Fatalf("zalo: got %+v, want the defaults' URLs and app 4321", z)
	}
	got := z.Templates[plan.KindReminder]
	want := []plan.ZaloParam{{Name: "don_vi", Field: "unit", Max: 30}, {Name: "nhiem_vu", Field: "task", Max: 60}}
	if got.ID != "301234" || len(got.Params) != 2 || got.Params[0] != want[0] || got.Params[1] != want[1] {
		t.Errorf("reminder template: got %+v, want 301234 with %v", got, want)
	}
	if chs := cfg.Units["ldtbxh"].Contacts[0].Channels; strings.Join(chs, ",") != "email,sms,zalo" {
		t.Errorf("zalo: true: got channels %v, want email, sms, zalo", chs)
	}
	if chs := cfg.Units["bridge"].Channels; strings.Join(chs, ",") != "webhook" {
		t.Errorf("channels: [webhook] without address: got %v", chs)
	}
	// The warning of the kinds without a template, at templates: (line 8).
	var warned bool
	for _, d := range diags {
		if d.Severity == config.Warning && d.Msg.Key == "zalo.missingkinds" && d.Line == 8 {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning of the kinds without a template at line 8:\n%s", diags.Render(lang.Vietnamese))
	}

	// Email, SMS and the webhook are not configured: check warns of each
	// at the first contact asking for it; the archive (luu) receives
	// nothing and is not named.
	var lines []string
	for _, d := range config.ChannelWarnings(cfg) {
		lines = append(lines, d.Text(lang.Vietnamese))
	}
	wantLines := []string{
		"c.yaml:17:9: cảnh báo: kênh email chưa được cấu hình (channels.email): tin qua kênh này tới ldtbxh chỉ được ghi vào hộp thư đi (data_dir/outbox), không gửi thật",
		"c.yaml:17:9: cảnh báo: kênh sms chưa được cấu hình (channels.sms): tin qua kênh này tới ldtbxh chỉ được ghi vào hộp thư đi (data_dir/outbox), không gửi thật",
		"c.yaml:28:16: cảnh báo: kênh webhook chưa được cấu hình (channels.webhook): tin qua kênh này tới bridge chỉ được ghi vào hộp thư đi (data_dir/outbox), không gửi thật",
	}
	if strings.Join(lines, "\n") != strings.Join(wantLines, "\n") {
		t.Errorf("channel warnings:\ngot\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(wantLines, "\n"))
	}
}
