package sms

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// twilio is Twilio's Programmable Messaging, as its Message resource
// describes "Create a Message resource" (twilio.com/docs/messaging/api/
// message-resource), one number a request:
//
//	POST https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Messages.json
//	Authorization: Basic <AccountSid:AuthToken>
//	Content-Type: application/x-www-form-urlencoded
//	To=+84912345678&From=<from>&Body=…
//
// The username is the Account SID and the password the Auth Token. A from
// that is a Messaging Service SID (MG…) is sent as MessagingServiceSid
// instead of From, as the API allows. Twilio answers 201 Created with the
// message's "sid" and "status", and a refusal with its error "code",
// "message" and "more_info".
type twilio struct {
	url, accountSID, authToken, from string
}

func newTwilio(ch *plan.SMSChannel, secret string) (relay, error) {
	if ch.Username == "" || secret == "" {
		return nil, errors.New("username (the Account SID) and password_file or password_env (the Auth Token) are required")
	}
	if ch.From == "" {
		return nil, errors.New("from is required: a Twilio phone number, an alphanumeric sender id or a Messaging Service SID")
	}
	u, err := endpoint(ch.URL, "https://api.twilio.com", "/2010-04-01/Accounts/"+url.PathEscape(ch.Username)+"/Messages.json")
	if err != nil {
		return nil, err
	}
	return &twilio{url: u, accountSID: ch.Username, authToken: secret, from: ch.From}, nil
}

func (*twilio) batch() int { return 1 }

type twilioAnswer struct {
	SID      string     `json:"sid"`
	Status   flexString `json:"status"`
	Code     int        `json:"code"`
	Message  string     `json:"message"`
	MoreInfo string     `json:"more_info"`
}

func (t *twilio) send(ctx context.Context, s *Sender, to []string, text string, _ *notify.Message) (string, []string, error) {
	form := url.Values{"To": {to[0]}, "Body": {text}}
	if isMessagingService(t.from) {
		form.Set("MessagingServiceSid", t.from)
	} else {
		form.Set("From", t.from)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.url, strings.NewReader(form.Encode()))
	if err != nil {
		return "", nil, notify.Permanent(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.SetBasicAuth(t.accountSID, t.authToken)
	r, err := s.do(req)
	if err != nil {
		return "", nil, err
	}
	var a twilioAnswer
	detail := func() string {
		d := a.Message
		if a.Code != 0 {
			d = fmt.Sprintf("error %d: %s", a.Code, d)
		}
		if a.MoreInfo != "" {
			d += " (" + a.MoreInfo + ")"
		}
		return d
	}
	if err := s.answer(r, &a, detail); err != nil {
		return "", nil, err
	}
	if a.SID == "" {
		return "", nil, notify.Permanent(fmt.Errorf("%s answered %d without a message sid: check the url", s.name, r.status))
	}
	return fmt.Sprintf("%s sid=%s status=%s", s.name, s.clean(a.SID), s.clean(string(a.Status))), nil, nil
}

// isMessagingService reports whether from is a Messaging Service SID:
// MG and 32 hexadecimal digits.
func isMessagingService(from string) bool {
	if len(from) != 34 || !strings.HasPrefix(from, "MG") {
		return false
	}
	for _, r := range from[2:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}
