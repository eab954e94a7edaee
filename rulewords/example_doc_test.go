package rulewords_test

import (
	"fmt"
	"net/url"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/rulewords"
)

// A rule typed in the plan, said in words and written back.
func ExampleParse() {
	c := rulewords.Parse("due_every", "0 17 15 3,6,9,12 *")
	fmt.Println(c.Words(lang.Vietnamese))
	fmt.Println(c.Words(lang.English))
	fmt.Println(c.Syntax())
	// Output:
	// hằng quý vào ngày 15 của tháng cuối quý lúc 17:00
	// quarterly on day 15 of the last month of the quarter at 17:00
	// every 0 17 15 3,6,9,12 *
}

// A form's choices, turned into the plan's syntax; and a form filled
// with a rule typed in the file.
func ExampleFromForm() {
	form := url.Values{
		"remind.0.kind":    {"weekly"},
		"remind.0.weekday": {"1"},
		"remind.0.time":    {"08:00"},
	}
	c, err := rulewords.FromForm(form, "remind.0.")
	if err != nil {
		fmt.Println(err)
		return
	}
	key, value := c.Syntax()
	fmt.Printf("%s: %q (%s)\n", key, value, c.Words(lang.Vietnamese))

	filled := rulewords.Parse("before", "3wd").Form("remind.1.")
	fmt.Println(filled.Encode())

	_, err = rulewords.FromForm(url.Values{"d.kind": {"monthly"}, "d.day": {"31"}, "d.time": {"17:00"}}, "d.")
	if fe, ok := err.(*rulewords.FieldError); ok {
		fmt.Println(fe.Field, fe.Text(lang.Vietnamese))
	}
	// Output:
	// every: "0 8 * * MON" (mỗi thứ Hai lúc 8:00)
	// remind.1.kind=before&remind.1.n=3&remind.1.unit=wd
	// d.day Tháng 2, 4, 6, 9 và 11 không có ngày 31 nên tháng đó sẽ không được gửi: hãy chọn ngày từ 1 đến 28.
}
