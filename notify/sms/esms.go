package sms

import (
	"context"
	"errors"
	"fmt"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// esms is eSMS.vn, as its developer documentation describes "Send
// OTP/Customer care message" (developers.esms.vn), one number a request:
//
//	POST https://rest.esms.vn/MainService.svc/json/SendMultipleMessage_V4_post_json/
//	Content-Type: application/json
//	{"ApiKey": username, "SecretKey": password, "Phone": "0912345678",
//	 "Content": "…", "Brandname": from, "SmsType": "2", "IsUnicode": "0"}
//
// SmsType 2 is a customer-care (CSKH) brandname message: a reminder to a
// commune's units is customer care, not advertising (type 1, at least 30
// numbers a request), and the fixed-number type 8 is for one-time codes.
// A brandname must be registered with eSMS, and so must the message
// templates of a CSKH brandname (error 146 otherwise).
//
// eSMS answers 200 whatever happened: success is CodeResult "100", with
// the message's SMSID; any other code is an error (the table of error
// codes, developers.esms.vn/en/esms-api/table-of-error-codes).
type esms struct {
	url, apiKey, secretKey, brandname string
	unicode                           bool
}

func newESMS(ch *plan.SMSChannel, secret string) (relay, error) {
	u, err := endpoint(ch.URL, "https://rest.esms.vn", "/MainService.svc/json/SendMultipleMessage_V4_post_json/")
	if err != nil {
		return nil, err
	}
	if ch.Username == "" || secret == "" {
		return nil, errors.New("username (the ApiKey) and password_file or password_env (the SecretKey) are required")
	}
	if ch.From == "" {
		return nil, errors.New("from is required: the brandname registered with eSMS")
	}
	return &esms{url: u, apiKey: ch.Username, secretKey: secret, brandname: ch.From, unicode: ch.Unicode}, nil
}

func (*esms) batch() int { return 1 }

type esmsMessage struct {
	ApiKey    string
	Content   string
	Phone     string
	SecretKey string
	Brandname string
	SmsType   string
	IsUnicode string
}

type esmsAnswer struct {
	CodeResult   flexString
	SMSID        string
	ErrorMessage string
}

// esmsCodes are the eSMS error codes a send may answer, and whether
// trying again later may help. Codes not listed count as temporary.
var esmsCodes = map[string]struct {
	meaning   string
	temporary bool
}{
	// The current table says "the phone number is blocked in the
	// system"; older ones "unknown error, try again later". Retrying
	// costs nothing, losing a reminder does: temporary.
	"99":  {"the number is blocked, or an unknown error", true},
	"101": {"wrong ApiKey or SecretKey", false},
	"102": {"the account has no price list", false},
	"103": {"the balance is too low", false},
	"104": {"the brandname does not exist", false},
	"108": {"the phone number is not in a valid format", false},
	"118": {"the message type is not supported", false},
	"140": {"this IP address is not on the account's allow list", false},
	"146": {"the text matches no registered customer-care template", false},
	"177": {"the brandname is not registered with this mobile network", false},
	"300": {"the message type is missing", false},
}

func (e *esms) send(ctx context.Context, s *Sender, to []string, text string, _ *notify.Message) (string, []string, error) {
	unicode := "0"
	if e.unicode {
		unicode = "1"
	}
	req, err := postJSON(ctx, e.url, esmsMessage{
		ApiKey:    e.apiKey,
		Content:   text,
		Phone:     national(to[0]),
		SecretKey: e.secretKey,
		Brandname: e.brandname,
		SmsType:   "2",
		IsUnicode: unicode,
	})
	if err != nil {
		return "", nil, err
	}
	r, err := s.do(req)
	if err != nil {
		return "", nil, err
	}
	var a esmsAnswer
	if err := s.answer(r, &a, func() string { return a.ErrorMessage }); err != nil {
		return "", nil, err
	}
	code := string(a.CodeResult)
	if code == "100" {
		return fmt.Sprintf("%s SMSID=%s", s.name, s.clean(a.SMSID)), nil, nil
	}
	if code == "" {
		return "", nil, notify.Permanent(fmt.Errorf("%s answered %d without a CodeResult: check the url", s.name, r.status))
	}
	meaning, temporary := "an undocumented code", true
	if c, ok := esmsCodes[code]; ok {
		meaning, temporary = c.meaning, c.temporary
	}
	err = fmt.Errorf("%s answered CodeResult %s: %s", s.name, s.clean(code), meaning)
	if a.ErrorMessage != "" {
		err = fmt.Errorf("%w (%s)", err, s.clean(a.ErrorMessage))
	}
	if temporary {
		return "", nil, notify.Temporary(err)
	}
	return "", nil, notify.Permanent(err)
}
