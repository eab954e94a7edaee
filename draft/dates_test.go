package draft

import (
	"strings"
	"testing"
)

// TestReadWhen: the ways plans state a time, for a plan of 2019.
func TestReadWhen(t *testing.T) {
	for _, tc := range []struct {
		text string
		want When
	}{
		{"Tổ chức Tháng hành động từ ngày 15/11 đến ngày 15/12/2019.", When{From: "15/11/2019", To: "15/12/2019"}},
		{"từ ngày 15 tháng 11 đến ngày 15 tháng 12 năm 2019", When{From: "15/11/2019", To: "15/12/2019"}},
		{"Tổ chức các hoạt động trong tháng 6", When{From: "01/06/2019", To: "30/06/2019"}},
		{"hoàn thành trước ngày 20/12", When{Before: "20/12/2019"}},
		{"Rà soát hộ nghèo trong quý I", When{From: "01/01/2019", To: "31/03/2019"}},
		{"quý IV", When{From: "01/10/2019", To: "31/12/2019"}},
		{"sơ kết 6 tháng đầu năm", When{From: "01/01/2019", To: "30/06/2019"}},
		{"Hằng tháng, theo dõi việc giải ngân", When{Every: "month"}},
		{"định kỳ hằng quý báo cáo", When{Every: "quarter"}},
		{"báo cáo trước ngày 15 của tháng cuối quý", When{Every: "quarter", Day: 15, LastMonthOfQuarter: true}},
		{"gửi báo cáo về UBND xã trước ngày 25 hằng tháng", When{Every: "month", Day: 25}},
		{"Lễ phát động vào ngày 01/6/2019", When{On: "01/06/2019"}},
		{"thăm hỏi, tặng quà trong dịp Tết Nguyên đán", When{From: "29/01/2019", To: "12/02/2019", Tentative: true, Note: "05/02/2019"}},
		// Dates of the documents a plan cites are not the plan's.
		{"Thực hiện Quyết định số 1.696/QĐ-TTg ngày 02 tháng 10 năm 2015 của Thủ tướng", When{}},
		{"gắn với Chỉ thị 05-CT/TW ngày 15/5/2016 của Bộ Chính trị", When{}},
		{"Kế hoạch số 245/KH-UBND ngày 12/5/2019 của UBND huyện", When{}},
		// A date that does not exist is not a date.
		{"từ ngày 31/02 đến ngày 15/03", When{}},
	} {
		got := readWhen(tc.text, 2019)
		got.Quote = ""
		if got != tc.want {
			t.Errorf("%q: got %+v, want %+v", tc.text, got, tc.want)
		}
	}
}

// TestHeader: the parts of a plan's header and signature, as Nghị định
// 30/2020/NĐ-CP lays them out.
func TestHeader(t *testing.T) {
	text := `UỶ BAN NHÂN DÂN
XÃ QUẢNG THÀNH
Số: 15/KH-UBND
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Thành, ngày 04 tháng 3 năm 2020
KẾ HOẠCH Phòng, chống bạo lực gia đình năm 2020
I. MỤC ĐÍCH
1. Nâng cao nhận thức.
II. NHIỆM VỤ
1. Hội LHPN xã chủ trì tuyên truyền hằng tháng.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
(Đã ký)
Nguyễn Thị Dạ Thảo`
	doc, err := ReadText(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := doc.Draft(Options{})
	want := Header{Issuer: "UBND xã Quảng Thành", Number: "15/KH-UBND", Place: "Quảng Thành", Issued: "04/03/2020", Year: 2020,
		Title: "Kế hoạch phòng, chống bạo lực gia đình năm 2020", Signer: "Nguyễn Thị Dạ Thảo (KT. Chủ tịch, Phó Chủ tịch)"}
	got := d.Header
	got.Src = nil
	if got.Issuer != want.Issuer || got.Number != want.Number || got.Place != want.Place || got.Issued != want.Issued || got.Year != want.Year || got.Title != want.Title || got.Signer != want.Signer {
		t.Errorf("got %+v,\nwant %+v", got, want)
	}
	if d.ID != "phong-chong-bao-luc-gia-2020" {
		t.Errorf("got id %q", d.ID)
	}
	if len(d.Tasks) != 1 || d.Tasks[0].Lead[0] != "hlhpn" || d.Tasks[0].When.Every != "month" {
		t.Errorf("got tasks %+v", d.Tasks)
	}
	// "Như trên" names no unit: it is listed, not proposed.
	if len(d.Recipients) != 0 || len(d.NotPlaced) == 0 || d.NotPlaced[len(d.NotPlaced)-1].Quote != "Như trên" {
		t.Errorf("got recipients %+v, not placed %+v; want Như trên not placed", d.Recipients, d.NotPlaced)
	}
}
