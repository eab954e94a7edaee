package config

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/plan"
)

// Zalo's endpoints: ZNS's "send a template message", and the OA's OAuth v4
// token endpoint, which trades a refresh token for a new access token
// (and a new refresh token).
const (
	DefaultZaloURL      = "https://business.openapi.zalo.me/message/template"
	DefaultZaloOAuthURL = "https://oauth.zaloapp.com/v4/oa/access_token"
)

// zaloKinds are the kinds of message channels.zalo.templates maps: the
// plan's, and the owner's digest.
var zaloKinds = append(append([]plan.Kind{}, plan.TemplateKinds...), "digest")

// zalo reads channels.zalo.
func (l *loader) zalo(n *yaml.Node) *plan.ZaloChannel {
	if isNull(n) {
		return nil
	}
	z := &plan.ZaloChannel{URL: DefaultZaloURL, OAuthURL: DefaultZaloOAuthURL,
		Rate: plan.Rate{N: 10, Per: time.Second}, Templates: map[plan.Kind]plan.ZaloTemplate{}, Pos: l.pos(n)}
	var templatesNode *yaml.Node
	l.mapping(n, "channels.zalo", fields{
		"url":                func(v *yaml.Node) { l.httpURL(v, "url", &z.URL) },
		"oauth_url":          func(v *yaml.Node) { l.httpURL(v, "oauth_url", &z.OAuthURL) },
		"access_token_file":  func(v *yaml.Node) { z.AccessTokenFile = l.text(v, "access_token_file") },
		"access_token_env":   func(v *yaml.Node) { z.AccessTokenEnv = l.text(v, "access_token_env") },
		"app_id":             func(v *yaml.Node) { z.AppID = l.text(v, "app_id") },
		"secret_key_file":    func(v *yaml.Node) { z.SecretKeyFile = l.text(v, "secret_key_file") },
		"refresh_token_file": func(v *yaml.Node) { z.RefreshTokenFile = l.text(v, "refresh_token_file") },
		"templates":          func(v *yaml.Node) { templatesNode = v; l.zaloTemplates(v, z) },
		"rate": func(v *yaml.Node) {
			if r, ok := l.rate(v, "rate"); ok {
				z.Rate = r
			}
		},
	})
	direct := z.AccessTokenFile != "" || z.AccessTokenEnv != ""
	refresh := z.AppID != "" || z.SecretKeyFile != "" || z.RefreshTokenFile != ""
	switch {
	case z.AccessTokenFile != "" && z.AccessTokenEnv != "":
		l.errorAt(n, "zalo.tokentwice")
	case direct && refresh:
		l.errorAt(n, "zalo.tokenboth")
	case !direct && !refresh:
		l.errorAt(n, "zalo.notoken")
	case refresh:
		var missing []string
		for _, f := range []struct{ name, v string }{{"app_id", z.AppID}, {"secret_key_file", z.SecretKeyFile}, {"refresh_token_file", z.RefreshTokenFile}} {
			if f.v == "" {
				missing = append(missing, f.name)
			}
		}
		if len(missing) > 0 {
			l.errorAt(n, "zalo.refreshmissing", strings.Join(missing, ", "))
		}
	}
	if templatesNode == nil || len(z.Templates) == 0 {
		l.errorAt(n, "zalo.notemplates", kindList())
		return z
	}
	var missing []string
	for _, k := range zaloKinds {
		if _, ok := z.Templates[k]; !ok {
			missing = append(missing, string(k))
		}
	}
	if len(missing) > 0 {
		l.warnAt(templatesNode, "zalo.missingkinds", strings.Join(missing, ", "))
	}
	return z
}

func kindList() string {
	names := make([]string, len(zaloKinds))
	for i, k := range zaloKinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// zaloTemplates reads channels.zalo.templates: kind → {template_id,
// params: {name: field, or name: {field, max}}}.
func (l *loader) zaloTemplates(n *yaml.Node, z *plan.ZaloChannel) {
	n = resolve(n)
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		l.errorAt(n, "type.mapping", "templates", kindName(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		kind := plan.Kind(k.Value)
		known := false
		for _, z := range zaloKinds {
			known = known || z == kind
		}
		if !known {
			l.errorAt(k, "zalo.kind", k.Value, kindList())
			continue
		}
		if _, dup := z.Templates[kind]; dup {
			l.errorAt(k, "key.duplicate", k.Value, "templates")
			continue
		}
		t := plan.ZaloTemplate{Pos: l.pos(k)}
		var paramsNode *yaml.Node
		l.mapping(v, "templates."+k.Value, fields{
			"template_id": func(v *yaml.Node) { t.ID = l.text(v, "template_id") },
			"params":      func(v *yaml.Node) { paramsNode = v; t.Params = l.zaloParams(v) },
		})
		if t.ID == "" {
			l.errorAt(k, "zalo.noid", k.Value)
		}
		if paramsNode == nil {
			l.errorAt(k, "zalo.noparams", k.Value)
		}
		z.Templates[kind] = t
	}
}

func (l *loader) zaloParams(n *yaml.Node) []plan.ZaloParam {
	n = resolve(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		l.errorAt(n, "type.mapping", "params", kindName(n))
		return nil
	}
	var out []plan.ZaloParam
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], resolve(n.Content[i+1])
		p := plan.ZaloParam{Name: k.Value}
		fieldNode := v
		if v.Kind == yaml.MappingNode {
			fieldNode = nil
			l.mapping(v, "params."+k.Value, fields{
				"field": func(v *yaml.Node) { fieldNode = v },
				"max": func(v *yaml.Node) {
					if m, ok := l.integer(v, "max"); ok {
						if m < 1 || m > 1000 {
							l.errorAt(v, "zalo.max", m)
							return
						}
						p.Max = m
					}
				},
			})
			if fieldNode == nil {
				l.errorAt(k, "zalo.nofield", k.Value)
				continue
			}
		}
		name, ok := l.scalar(fieldNode, "params."+k.Value)
		if !ok {
			continue
		}
		f, ok := plan.MessageFieldOf(name)
		if !ok {
			names := make([]string, len(plan.MessageFields))
			for i, f := range plan.MessageFields {
				names[i] = f.Name
			}
			if near := l.nearest(name, names); near != "" {
				l.errorAt(fieldNode, "zalo.field.near", name, near)
			} else {
				l.errorAt(fieldNode, "zalo.field", name, strings.Join(names, ", "))
			}
			continue
		}
		p.Field = f.Name
		if p.Max == 0 {
			p.Max = f.Max
		}
		out = append(out, p)
	}
	return out
}

// webhook reads channels.webhook.
func (l *loader) webhook(n *yaml.Node) *plan.WebhookChannel {
	if isNull(n) {
		return nil
	}
	w := &plan.WebhookChannel{Timeout: 10 * time.Second, Rate: plan.Rate{N: 10, Per: time.Second}}
	l.mapping(n, "channels.webhook", fields{
		"url":         func(v *yaml.Node) { l.httpURL(v, "url", &w.URL) },
		"secret_file": func(v *yaml.Node) { w.SecretFile = l.text(v, "secret_file") },
		"timeout": func(v *yaml.Node) {
			if s, ok := l.scalar(v, "timeout"); ok {
				d, err := time.ParseDuration(s)
				if err != nil || d <= 0 || d > 5*time.Minute {
					l.errorAt(v, "webhook.timeout", s)
					return
				}
				w.Timeout = d
			}
		},
		"rate": func(v *yaml.Node) {
			if r, ok := l.rate(v, "rate"); ok {
				w.Rate = r
			}
		},
	})
	if w.URL == "" {
		l.errorAt(n, "webhook.nourl")
	}
	if w.SecretFile == "" {
		l.errorAt(n, "webhook.nosecret")
	}
	return w
}

// httpURL reads an http:// or https:// address into *dst.
func (l *loader) httpURL(v *yaml.Node, what string, dst *string) {
	t, ok := l.scalar(v, what)
	if !ok {
		return
	}
	u, err := url.Parse(t)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		l.errorAt(v, "channel.url", t)
		return
	}
	*dst = t
}

// contactZalo reads a contact's zalo: true, which adds the zalo channel
// (to its phone) to the channels it has.
func (l *loader) contactZalo(n *yaml.Node, c *plan.Contact, unit string) {
	if n == nil {
		return
	}
	on, ok := l.boolean(n, "zalo")
	if !ok || !on {
		return
	}
	if c.Phone == "" {
		l.errorAt(n, "contact.nozalo", unit)
		return
	}
	for _, ch := range c.Channels {
		if ch == plan.ChannelZalo {
			return
		}
	}
	c.Channels = append(c.Channels, plan.ChannelZalo)
}

// Unconfigured is a channel some contacts ask for that the configuration
// does not set up: their messages on it go to the outbox instead.
type Unconfigured struct {
	Channel string
	Units   []string // the units asking for it, in file order
	Pos     plan.Pos // the first contact asking for it
}

// UnconfiguredChannels lists the channels the contacts of c ask for that
// are not configured, in the order email, sms, zalo, webhook; units that
// receive nothing (the archive) are left out.
func UnconfiguredChannels(c *plan.Config) []Unconfigured {
	configured := map[string]bool{
		plan.ChannelEmail: c.Channels.Email != nil, plan.ChannelSMS: c.Channels.SMS != nil,
		plan.ChannelZalo: c.Channels.Zalo != nil, plan.ChannelWebhook: c.Channels.Webhook != nil,
	}
	var out []Unconfigured
	for _, ch := range []string{plan.ChannelEmail, plan.ChannelSMS, plan.ChannelZalo, plan.ChannelWebhook} {
		if configured[ch] {
			continue
		}
		u := Unconfigured{Channel: ch}
		for _, id := range c.UnitOrder {
			unit := c.Units[id]
			if unit == nil || !unit.Receives() {
				continue
			}
			for _, ct := range unit.Contacts {
				if slices.Contains(ct.Channels, ch) {
					if len(u.Units) == 0 {
						u.Pos = ct.Pos
					}
					u.Units = append(u.Units, id)
					break
				}
			}
		}
		if len(u.Units) > 0 {
			out = append(out, u)
		}
	}
	return out
}

// ChannelWarnings warns, at the first contact asking for it, of each
// channel that is asked for and not configured (UnconfiguredChannels):
// check says so, as run does at start.
func ChannelWarnings(c *plan.Config) Diagnostics {
	var ds Diagnostics
	for _, u := range UnconfiguredChannels(c) {
		ds = append(ds, warning(u.Pos, "channel.unconfigured", u.Channel, strings.Join(u.Units, ", ")))
	}
	return ds
}
