package sms

import (
	"context"
	"errors"
	"fmt"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// speedSMS is SpeedSMS.vn, as its SMS API page describes "POST /sms/send"
// (speedsms.vn/sms-api, speedsms.vn/sms-api-service), up to 100 numbers a
// request:
//
//	POST https://api.speedsms.vn/index.php/sms/send
//	Authorization: Basic <access token:x>
//	Content-Type: application/json
//	{"to": ["84912345678", …], "content": "…", "sms_type": 3, "sender": from}
//
// The access token is the channel's password; the username is not used.
// sms_type 3 sends from the brandname in from; without one, sms_type 2
// sends from a random number, which needs no registration.
//
// SpeedSMS answers {"status": "success", "code": "00", "data": {"tranId":
// …, "invalidPhone": […]}}, the invalid numbers not sent to; or
// {"status": "error", "code": "…", "message": "…"}; and beyond 60 requests
// a minute HTTP 429.
type speedSMS struct {
	url, token, sender string
	smsType            int
}

func newSpeedSMS(ch *plan.SMSChannel, secret string) (relay, error) {
	u, err := endpoint(ch.URL, "https://api.speedsms.vn", "/index.php/sms/send")
	if err != nil {
		return nil, err
	}
	if secret == "" {
		return nil, errors.New("password_file or password_env is required: the API access token")
	}
	sp := &speedSMS{url: u, token: secret, sender: ch.From, smsType: 2}
	if ch.From != "" {
		sp.smsType = 3
	}
	return sp, nil
}

func (*speedSMS) batch() int { return 100 }

type speedMessage struct {
	To      []string `json:"to"`
	Content string   `json:"content"`
	SMSType int      `json:"sms_type"`
	Sender  string   `json:"sender"`
}

type speedAnswer struct {
	Status  flexString `json:"status"`
	Code    flexString `json:"code"`
	Message string     `json:"message"`
	Data    struct {
		TranID       flexString `json:"tranId"`
		InvalidPhone []string   `json:"invalidPhone"`
	} `json:"data"`
}

// speedCodes are the SpeedSMS error codes, and whether trying again
// later may help. Codes not listed count as temporary.
var speedCodes = map[string]struct {
	meaning   string
	temporary bool
}{
	"007": {"this IP address is locked", false},
	"008": {"the account is blocked", false},
	"009": {"the account may not call the API", false},
	"101": {"invalid or missing parameters", false},
	"105": {"invalid phone number", false},
	"110": {"the text's encoding is not supported", false},
	"113": {"the text is too long", false},
	"300": {"the balance is too low", false},
	"500": {"internal error", true},
}

func (sp *speedSMS) send(ctx context.Context, s *Sender, to []string, text string, _ *notify.Message) (string, []string, error) {
	numbers := make([]string, len(to))
	byNumber := map[string]string{}
	for i, p := range to {
		numbers[i] = international(p)
		byNumber[numbers[i]] = p
	}
	req, err := postJSON(ctx, sp.url, speedMessage{To: numbers, Content: text, SMSType: sp.smsType, Sender: sp.sender})
	if err != nil {
		return "", nil, err
	}
	req.SetBasicAuth(sp.token, "x")
	r, err := s.do(req)
	if err != nil {
		return "", nil, err
	}
	var a speedAnswer
	if err := s.answer(r, &a, func() string { return a.Message }); err != nil {
		return "", nil, err
	}
	switch a.Status {
	case "success":
		var refused []string
		for _, n := range a.Data.InvalidPhone {
			if p, ok := byNumber[n]; ok {
				refused = append(refused, p)
			} else if p, ok := byNumber[international(plusVN(n))]; ok {
				refused = append(refused, p)
			}
		}
		if len(refused) == len(to) {
			return "", nil, notify.Permanent(fmt.Errorf("%s refused every number as invalid", s.name))
		}
		return fmt.Sprintf("%s tranId=%s", s.name, s.clean(string(a.Data.TranID))), refused, nil
	case "error":
		code := string(a.Code)
		meaning, temporary := "an undocumented code", true
		if c, ok := speedCodes[code]; ok {
			meaning, temporary = c.meaning, c.temporary
		}
		err := fmt.Errorf("%s answered error %s: %s", s.name, s.clean(code), meaning)
		if a.Message != "" {
			err = fmt.Errorf("%w (%s)", err, s.clean(a.Message))
		}
		if temporary {
			return "", nil, notify.Temporary(err)
		}
		return "", nil, notify.Permanent(err)
	}
	return "", nil, notify.Permanent(fmt.Errorf("%s answered %d with status %q, not success or error: check the url", s.name, r.status, s.clean(string(a.Status))))
}

// plusVN spells a number SpeedSMS may list in its domestic form
// (0912345678) as E.164.
func plusVN(n string) string {
	if len(n) > 1 && n[0] == '0' {
		return "+84" + n[1:]
	}
	return "+" + n
}
