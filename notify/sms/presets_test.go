package sms

import (
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

// checkJSON compares a JSON body with want, field by field.
func checkJSON(t *testing.T, body []byte, want string) {
	t.Helper()
	var got, w any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("body %s is not JSON: %v", body, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("want %s: %v", want, err)
	}
	if !reflect.DeepEqual(got, w) {
		t.Errorf("body = %s, want %s", body, want)
	}
}

func checkHeader(t *testing.T, r request, name, want string) {
	t.Helper()
	if got := r.Header.Get(name); got != want {
		t.Errorf("%s %s: header %s = %q, want %q", r.Method, r.Path, name, got, want)
	}
}

func checkLine(t *testing.T, r request, method, path string) {
	t.Helper()
	if r.Method != method || r.Path != path {
		t.Errorf("request %s %s, want %s %s", r.Method, r.Path, method, path)
	}
}

func TestAndroidGatewayRequest(t *testing.T) {
	f := newRelay(t, respond(http.StatusAccepted, "application/json; charset=UTF-8",
		`{"id":"VdHHQ3nlNwDZ","state":"Pending","recipients":[{"phoneNumber":"+84912345678","state":"Pending"}],"isEncrypted":false}`))
	s := newSender(t, channel("android-gateway", f.URL))
	m := message("+84912345678", "+84987654321")
	if err := notifyWithin(s, 5*time.Second, m); err != nil {
		t.Fatalf("Notify: %v", err)
	}
	got := f.got()
	if len(got) != 1 {
		t.Fatalf("%d requests, want 1 for both numbers", len(got))
	}
	r := got[0]
	checkLine(t, r, "POST", "/message")
	checkHeader(t, r, "Authorization", basic("sms", secret))
	checkHeader(t, r, "Content-Type", "application/json")
	checkJSON(t, r.Body, `{"textMessage":{"text":"`+jsonText(stripped)+`"},"phoneNumbers":["+84912345678","+84987654321"]}`)
	if want := "android-gateway id=VdHHQ3nlNwDZ state=Pending to +84912345678,+84987654321"; m.Receipt != want {
		t.Errorf("Receipt = %q, want %q", m.Receipt, want)
	}
}

func TestESMSRequest(t *testing.T) {
	f := newRelay(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		// eSMS's SMSID, unique per request.
		w.Write([]byte(`{"CodeResult":"100","CountRegenerate":0,"SMSID":"d533459e-` + string(rune('0'+n)) + `"}`))
	})
	s := newSender(t, channel("esms", f.URL))
	m := message("+84912345678", "+84987654321")
	if err := notifyWithin(s, 5*time.Second, m); err != nil {
		t.Fatalf("Notify: %v", err)
	}
	got := f.got()
	if len(got) != 2 {
		t.Fatalf("%d requests, want one per number", len(got))
	}
	for i, phone := range []string{"0912345678", "0987654321"} {
		r := got[i]
		checkLine(t, r, "POST", "/MainService.svc/json/SendMultipleMessage_V4_post_json/")
		checkHeader(t, r, "Content-Type", "application/json")
		checkHeader(t, r, "Authorization", "")
		checkJSON(t, r.Body, `{"ApiKey":"APIKEY1","SecretKey":"`+secret+`","Phone":"`+phone+`","Content":"`+jsonText(stripped)+
			`","Brandname":"UBND QT","SmsType":"2","IsUnicode":"0"}`)
	}
	want := "esms SMSID=d533459e-1 to +84912345678; esms SMSID=d533459e-2 to +84987654321"
	if m.Receipt != want {
		t.Errorf("Receipt = %q, want %q", m.Receipt, want)
	}
}

func TestSpeedSMSRequest(t *testing.T) {
	for _, tt := range []struct {
		name, from string
		want       string // the body without content
	}{
		{"brandname", "UBND QT", `"sms_type":3,"sender":"UBND QT"`},
		{"no brandname: a random number", "", `"sms_type":2,"sender":""`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := newRelay(t, respond(http.StatusOK, "application/json",
				`{"status":"success","code":"00","data":{"tranId":123456,"totalSMS":2,"totalPrice":500,"invalidPhone":[]}}`))
			ch := channel("speedsms", f.URL)
			ch.From = tt.from
			s := newSender(t, ch)
			m := message("+84912345678", "+84987654321")
			if err := notifyWithin(s, 5*time.Second, m); err != nil {
				t.Fatalf("Notify: %v", err)
			}
			got := f.got()
			if len(got) != 1 {
				t.Fatalf("%d requests, want 1 for both numbers", len(got))
			}
			r := got[0]
			checkLine(t, r, "POST", "/index.php/sms/send")
			checkHeader(t, r, "Authorization", basic(secret, "x"))
			checkHeader(t, r, "Content-Type", "application/json")
			checkJSON(t, r.Body, `{"to":["84912345678","84987654321"],"content":"`+jsonText(stripped)+`",`+tt.want+`}`)
			if want := "speedsms tranId=123456 to +84912345678,+84987654321"; m.Receipt != want {
				t.Errorf("Receipt = %q, want %q", m.Receipt, want)
			}
		})
	}
}

func TestTwilioRequest(t *testing.T) {
	f := newRelay(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusCreated)
		w.Write([]byte(`{"sid":"SM00` + string(rune('0'+n)) + `","status":"queued","to":"+84912345678","num_segments":"1"}`))
	})
	s := newSender(t, channel("twilio", f.URL))
	m := message("+84912345678", "+84987654321")
	if err := notifyWithin(s, 5*time.Second, m); err != nil {
		t.Fatalf("Notify: %v", err)
	}
	got := f.got()
	if len(got) != 2 {
		t.Fatalf("%d requests, want one per number", len(got))
	}
	for i, phone := range []string{"+84912345678", "+84987654321"} {
		r := got[i]
		checkLine(t, r, "POST", "/2010-04-01/Accounts/AC0123/Messages.json")
		checkHeader(t, r, "Authorization", basic("AC0123", secret))
		checkHeader(t, r, "Content-Type", "application/x-www-form-urlencoded")
		form, err := url.ParseQuery(string(r.Body))
		if err != nil {
			t.Fatalf("body %q: %v", r.Body, err)
		}
		want := url.Values{"To": {phone}, "From": {"+15005550006"}, "Body": {stripped}}
		if !reflect.DeepEqual(form, want) {
			t.Errorf("form = %v, want %v", form, want)
		}
	}
	if want := "twilio sid=SM001 status=queued to +84912345678; twilio sid=SM002 status=queued to +84987654321"; m.Receipt != want {
		t.Errorf("Receipt = %q, want %q", m.Receipt, want)
	}
}

func TestTwilioMessagingService(t *testing.T) {
	f := newRelay(t, respond(http.StatusCreated, "application/json", `{"sid":"SM1","status":"accepted"}`))
	ch := channel("twilio", f.URL)
	ch.From = "MG" + strings.Repeat("0123456789abcdef", 2)
	if err := notifyWithin(newSender(t, ch), 5*time.Second, message("+84912345678")); err != nil {
		t.Fatalf("Notify: %v", err)
	}
	form, _ := url.ParseQuery(string(f.got()[0].Body))
	if got := form.Get("MessagingServiceSid"); got != ch.From || form.Has("From") {
		t.Errorf("form = %v, want MessagingServiceSid %s and no From", form, ch.From)
	}
}

func TestTemplatedRequest(t *testing.T) {
	f := newRelay(t, respond(http.StatusOK, "text/plain", "queued 7\n"))
	ch := channel("http", f.URL)
	ch.URL = f.URL + "/api/send?ref={{urlquery .ID}}"
	ch.Method = "PUT"
	ch.Username = "relay"
	ch.From = "UBND"
	ch.Headers = map[string]string{"X-Api-Key": "{{.Password}}", "X-Ref": "nhacviec-{{.ID}}", "Accept": "text/plain"}
	ch.Body = `{"to": {{json .To}}, "text": {{json .Text}}, "id": {{json .ID}}, "from": {{json .From}}}`
	s := newSender(t, ch)
	m := message("+84912345678", "+84987654321")
	if err := notifyWithin(s, 5*time.Second, m); err != nil {
		t.Fatalf("Notify: %v", err)
	}
	got := f.got()
	if len(got) != 2 {
		t.Fatalf("%d requests, want one per number", len(got))
	}
	for i, phone := range []string{"+84912345678", "+84987654321"} {
		r := got[i]
		checkLine(t, r, "PUT", "/api/send")
		if r.RawQuery != "ref=n-0001" {
			t.Errorf("query = %q, want ref=n-0001", r.RawQuery)
		}
		checkHeader(t, r, "Authorization", basic("relay", secret))
		checkHeader(t, r, "X-Api-Key", secret)
		checkHeader(t, r, "X-Ref", "nhacviec-n-0001")
		checkHeader(t, r, "Accept", "text/plain")
		checkHeader(t, r, "Content-Type", "application/json")
		checkJSON(t, r.Body, `{"to":"`+phone+`","text":"`+jsonText(stripped)+`","id":"n-0001","from":"UBND"}`)
	}
	if want := "http 200: queued 7 to +84912345678; http 200: queued 7 to +84987654321"; m.Receipt != want {
		t.Errorf("Receipt = %q, want %q", m.Receipt, want)
	}
}

func TestTemplatedPlainBody(t *testing.T) {
	f := newRelay(t, respond(http.StatusNoContent, "", ""))
	ch := channel("http", f.URL)
	ch.Body = "{{.To}} {{.Text}}"
	m := message("+84912345678")
	if err := notifyWithin(newSender(t, ch), 5*time.Second, m); err != nil {
		t.Fatalf("Notify: %v", err)
	}
	r := f.got()[0]
	checkLine(t, r, "POST", "/")
	checkHeader(t, r, "Content-Type", "text/plain; charset=utf-8")
	checkHeader(t, r, "Authorization", "")
	if want := "+84912345678 " + stripped; string(r.Body) != want {
		t.Errorf("body = %q, want %q", r.Body, want)
	}
	if want := "http 204 to +84912345678"; m.Receipt != want {
		t.Errorf("Receipt = %q, want %q", m.Receipt, want)
	}
}

// jsonText is s as it stands inside a JSON string.
func jsonText(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}
