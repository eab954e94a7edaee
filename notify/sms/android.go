package sms

import (
	"context"
	"errors"
	"fmt"

	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// androidGateway is the open-source SMS Gateway for Android
// (github.com/capcom6/android-sms-gateway, docs.sms-gate.app), a phone
// with a SIM card that takes a message for a list of numbers:
//
//	POST {url}   (local server: http://<phone>:8080/message, the path
//	              added to a url without one; cloud server:
//	              https://api.sms-gate.app/3rdparty/v1/messages)
//	Authorization: Basic <username:password>
//	Content-Type: application/json
//	{"textMessage": {"text": "…"}, "phoneNumbers": ["+84…", …]}
//
// It answers 202 Accepted (200 from some versions) with
// {"id": "…", "state": "Pending", "recipients": […]}, and errors as
// {"message": "…"}. Versions before textMessage took the text as
// "message", which current versions still read, as a legacy form.
type androidGateway struct {
	url, username, password string
}

func newAndroidGateway(ch *plan.SMSChannel, secret string) (relay, error) {
	if ch.URL == "" {
		return nil, errors.New("url is required: the gateway's message endpoint, e.g. http://192.168.1.20:8080/message")
	}
	if ch.Username == "" || secret == "" {
		return nil, errors.New("username and password_file or password_env are required: the credentials the app shows")
	}
	u, err := endpoint(ch.URL, "", "/message")
	if err != nil {
		return nil, err
	}
	return &androidGateway{url: u, username: ch.Username, password: secret}, nil
}

func (*androidGateway) batch() int { return 0 }

type gatewayMessage struct {
	TextMessage  gatewayText `json:"textMessage"`
	PhoneNumbers []string    `json:"phoneNumbers"`
}

type gatewayText struct {
	Text string `json:"text"`
}

type gatewayAnswer struct {
	ID      string `json:"id"`
	State   string `json:"state"`
	Message string `json:"message"`
}

func (g *androidGateway) send(ctx context.Context, s *Sender, to []string, text string, _ *notify.Message) (string, []string, error) {
	req, err := postJSON(ctx, g.url, gatewayMessage{TextMessage: gatewayText{Text: text}, PhoneNumbers: to})
	if err != nil {
		return "", nil, err
	}
	req.SetBasicAuth(g.username, g.password)
	r, err := s.do(req)
	if err != nil {
		return "", nil, err
	}
	var a gatewayAnswer
	if err := s.answer(r, &a, func() string { return a.Message }); err != nil {
		return "", nil, err
	}
	if a.ID == "" {
		return "", nil, r.mark(fmt.Errorf("%s answered %d without a message id: check the url", s.name, r.status))
	}
	return fmt.Sprintf("%s id=%s state=%s", s.name, s.clean(a.ID), s.clean(a.State)), nil, nil
}
