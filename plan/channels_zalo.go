package plan

import "time"

// More channel names, as written in contacts' channels lists: Zalo's
// notification service (ZNS) to the contact's phone, and the outgoing
// webhook, which reaches the commune's own systems rather than a person.
const (
	ChannelZalo    = "zalo"
	ChannelWebhook = "webhook"
)

// ZaloChannel is a Zalo Official Account sending ZNS template messages
// (channels.zalo).
type ZaloChannel struct {
	URL string // ZNS "send template message" endpoint
	// AccessTokenFile or AccessTokenEnv hold an OA access token the
	// administrator renews; or AppID, SecretKeyFile and RefreshTokenFile
	// let the channel renew it itself at OAuthURL.
	AccessTokenFile, AccessTokenEnv string
	AppID                           string
	SecretKeyFile                   string
	RefreshTokenFile                string
	OAuthURL                        string
	// Templates maps each kind of message (distribution, reminder,
	// deadline, overdue, escalation, digest) to its approved template.
	Templates map[Kind]ZaloTemplate
	Rate      Rate
	Pos       Pos
}

// ZaloTemplate is an approved ZNS template: its id, and each parameter
// filled from a field of the message, cut to a length.
type ZaloTemplate struct {
	ID     string
	Params []ZaloParam
	Pos    Pos
}

// ZaloParam is one parameter of a ZNS template: its name in the template,
// the message field it takes (notify.DataFields), and the most runes ZNS
// accepts in it.
type ZaloParam struct {
	Name, Field string
	Max         int
}

// WebhookChannel posts each message as JSON to a URL of the commune's own
// (channels.webhook), signed with HMAC-SHA256 under the secret in
// SecretFile.
type WebhookChannel struct {
	URL        string
	SecretFile string
	Timeout    time.Duration
	Rate       Rate
}

// MessageField is a field of a message that a channel of fields (Zalo's
// template parameters) takes by name: Max is the most runes a ZNS
// parameter of its usual type holds (Zalo's documented limits: a name 30,
// a code 30, a time 20, contact details 50, a product or free text 200, a
// URL 200, an OTP 10), and Text tells that a value cut short ends in "…"
// (a link, a code or a date is cut bare, if ever).
type MessageField struct {
	Name string
	Max  int
	Text bool
}

// MessageFields lists the fields a Zalo template's params can name, in
// the order the documentation lists them.
var MessageFields = []MessageField{
	{"unit", 30, true}, {"plan", 200, true}, {"task", 200, true}, {"ref", 30, true},
	{"deadline", 200, true}, {"due", 20, false}, {"start", 20, false}, {"end", 20, false},
	{"at", 20, false}, {"role", 30, true}, {"kind", 30, true}, {"late", 200, true},
	{"days_late", 20, false}, {"contact", 50, true}, {"ack_url", 200, false}, {"ack_code", 10, false},
	{"subject", 200, true}, {"text", 200, true},
}

// MessageFieldOf returns the field called name, and whether there is one.
func MessageFieldOf(name string) (MessageField, bool) {
	for _, f := range MessageFields {
		if f.Name == name {
			return f, true
		}
	}
	return MessageField{}, false
}
