package config

import (
	"net"
	"net/url"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"go.yaml.in/yaml/v3"
)

// DefaultTimezone is the time zone of a configuration that names none.
const DefaultTimezone = "Asia/Ho_Chi_Minh"

func defaultService() plan.Service {
	loc, err := time.LoadLocation(DefaultTimezone)
	if err != nil {
		loc = time.FixedZone("ICT", 7*3600)
	}
	s := plan.Service{
		Timezone:    DefaultTimezone,
		Location:    loc,
		Language:    lang.Vietnamese,
		DataDir:     "./data",
		Listen:      "127.0.0.1:8080",
		PublicURL:   "http://127.0.0.1:8080",
		SendTime:    7*3600 + 30*60,
		QuietHours:  calendar.QuietHours{From: 21 * 3600, To: 7 * 3600},
		Catchup:     48 * time.Hour,
		RetryFor:    24 * time.Hour,
		WorkingDays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		LogFormat:   "text",

		OfficialCalendar: true,
	}
	s.Calendar = calendar.NewOfficialCalendar(s.WorkingDays, nil, nil)
	return s
}

// exactDuration parses a duration that must be in minutes or hours (or
// whole days or weeks, taken as 24 h and 7 × 24 h).
func (l *loader) exactDuration(v *yaml.Node, what string) (time.Duration, bool) {
	s, ok := l.scalar(v, what)
	if !ok {
		return 0, false
	}
	d, err := calendar.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		l.fail(v, err)
		return 0, false
	}
	if d.Unit == calendar.WorkingDays {
		l.errorAt(v, "dur.noworkdays", what, s)
		return 0, false
	}
	return d.Std(), true
}

func (l *loader) service(n *yaml.Node, s *plan.Service) {
	var holidays, weekends []*yaml.Node
	l.mapping(n, "service", fields{
		"timezone": func(v *yaml.Node) {
			if name, ok := l.scalar(v, "timezone"); ok {
				if loc, ok := l.location(v, name); ok {
					s.Timezone, s.Location = name, loc
				}
			}
		},
		"language": func(v *yaml.Node) {
			if t, ok := l.scalar(v, "language"); ok {
				switch lang.Lang(t) {
				case lang.Vietnamese, lang.English:
					s.Language = lang.Lang(t)
				default:
					l.errorAt(v, "service.language", t)
				}
			}
		},
		"data_dir": func(v *yaml.Node) {
			if t, ok := l.scalar(v, "data_dir"); ok {
				s.DataDir = t
			}
		},
		"listen": func(v *yaml.Node) {
			if t, ok := l.scalar(v, "listen"); ok {
				if _, _, err := net.SplitHostPort(t); err != nil {
					l.errorAt(v, "service.listen", t)
					return
				}
				s.Listen = t
			}
		},
		"public_url": func(v *yaml.Node) {
			if t, ok := l.scalar(v, "public_url"); ok {
				u, err := url.Parse(t)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					l.errorAt(v, "service.public_url", t)
					return
				}
				s.PublicURL = strings.TrimRight(t, "/")
			}
		},
		"allowed_hosts": func(v *yaml.Node) {
			for _, h := range l.list(v, "allowed_hosts") {
				if t, ok := l.scalar(h, "allowed_hosts"); ok {
					host := strings.ToLower(strings.TrimSpace(t))
					if !validHost(host) {
						l.errorAt(h, "service.allowed_hosts", t)
						continue
					}
					s.AllowedHosts = append(s.AllowedHosts, host)
				}
			}
		},
		"send_time": func(v *yaml.Node) {
			if t, ok := l.scalar(v, "send_time"); ok {
				c, err := calendar.ParseClock(strings.TrimSpace(t))
				if err != nil {
					l.fail(v, err)
					return
				}
				s.SendTime = c
			}
		},
		"quiet_hours": func(v *yaml.Node) {
			q, err := calendar.ParseQuietHours(strings.TrimSpace(l.text(v, "quiet_hours")))
			if err != nil {
				l.fail(v, err)
				return
			}
			s.QuietHours = q
		},
		"catchup": func(v *yaml.Node) {
			if d, ok := l.exactDuration(v, "catchup"); ok {
				s.Catchup = d
			}
		},
		"retry_for": func(v *yaml.Node) {
			if d, ok := l.exactDuration(v, "retry_for"); ok {
				s.RetryFor = d
			}
		},
		"working_days": func(v *yaml.Node) {
			var days []time.Weekday
			for _, d := range l.list(v, "working_days") {
				if t, ok := l.scalar(d, "working_days"); ok {
					wd, err := calendar.ParseWeekday(strings.TrimSpace(t))
					if err != nil {
						l.fail(d, err)
						continue
					}
					days = append(days, wd)
				}
			}
			if len(days) == 0 {
				l.errorAt(v, "service.noworkdays")
				return
			}
			s.WorkingDays = days
		},
		"holidays":         func(v *yaml.Node) { holidays = l.list(v, "holidays") },
		"working_weekends": func(v *yaml.Node) { weekends = l.list(v, "working_weekends") },
		"official_calendar": func(v *yaml.Node) {
			if b, ok := l.boolean(v, "official_calendar"); ok {
				s.OfficialCalendar = b
			}
		},
		"admin_password_file": func(v *yaml.Node) {
			s.AdminPasswordFile = l.text(v, "admin_password_file")
		},
		"log_format": func(v *yaml.Node) {
			if t, ok := l.scalar(v, "log_format"); ok {
				if t != "text" && t != "json" {
					l.errorAt(v, "service.log_format", t)
					return
				}
				s.LogFormat = t
			}
		},
	})
	for _, h := range holidays {
		if t, ok := l.scalar(h, "holidays"); ok {
			hd, err := calendar.ParseHoliday(strings.TrimSpace(t), 0)
			if err != nil {
				l.fail(h, err)
				continue
			}
			s.Holidays = append(s.Holidays, hd)
		}
	}
	for _, w := range weekends {
		if t, ok := l.scalar(w, "working_weekends"); ok {
			d, err := calendar.ParseDate(strings.TrimSpace(t), 0)
			if err != nil {
				l.fail(w, err)
				continue
			}
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				l.errorAt(w, "cal.weekend", t, lang.Message{Key: "wd." + strconv.Itoa(int(wd))})
				continue
			}
			s.WorkingWeekends = append(s.WorkingWeekends, d)
		}
	}
	if s.OfficialCalendar {
		s.Calendar = calendar.NewOfficialCalendar(s.WorkingDays, s.Holidays, s.WorkingWeekends)
	} else {
		s.Calendar = calendar.NewCalendar(s.WorkingDays, s.Holidays, s.WorkingWeekends)
	}
}

// validHost reports whether h is a host name or an IP address alone: no
// scheme, port, path or user.
func validHost(h string) bool {
	if h == "" || strings.ContainsAny(h, "/@?#[] \t") {
		return false
	}
	return !strings.Contains(h, ":") || net.ParseIP(h) != nil
}

func (l *loader) location(v *yaml.Node, name string) (*time.Location, bool) {
	if strings.TrimSpace(name) == "" || strings.EqualFold(name, "local") {
		l.errorAt(v, "service.timezone", name)
		return nil, false
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		l.errorAt(v, "service.timezone", name)
		return nil, false
	}
	return loc, true
}

// rate parses "10/s", "60/m" or "100/h".
func (l *loader) rate(v *yaml.Node, what string) (plan.Rate, bool) {
	s, ok := l.scalar(v, what)
	if !ok {
		return plan.Rate{}, false
	}
	num, per, found := strings.Cut(strings.TrimSpace(s), "/")
	n, err := strconv.Atoi(num)
	unit := map[string]time.Duration{"s": time.Second, "m": time.Minute, "h": time.Hour}[per]
	if !found || err != nil || n <= 0 || unit == 0 {
		l.errorAt(v, "channel.rate", s)
		return plan.Rate{}, false
	}
	return plan.Rate{N: n, Per: unit}, true
}

func (l *loader) channels(n *yaml.Node) plan.Channels {
	var c plan.Channels
	l.mapping(n, "channels", fields{
		"email":   func(v *yaml.Node) { c.Email = l.email(v) },
		"sms":     func(v *yaml.Node) { c.SMS = l.sms(v) },
		"zalo":    func(v *yaml.Node) { c.Zalo = l.zalo(v) },       // channels_zalo.go
		"webhook": func(v *yaml.Node) { c.Webhook = l.webhook(v) }, // channels_zalo.go
	})
	return c
}

func (l *loader) email(n *yaml.Node) *plan.EmailChannel {
	if isNull(n) {
		return nil
	}
	e := &plan.EmailChannel{Port: 587, TLS: "starttls", Connections: 2, Rate: plan.Rate{N: 10, Per: time.Second}}
	var tlsNode, fromNode *yaml.Node
	l.mapping(n, "channels.email", fields{
		"host": func(v *yaml.Node) {
			e.Host, _ = l.scalar(v, "host")
			if _, _, err := net.SplitHostPort(e.Host); err == nil {
				l.errorAt(v, "channel.hostport", e.Host)
			}
		},
		"port": func(v *yaml.Node) {
			if p, ok := l.integer(v, "port"); ok {
				if p < 1 || p > 65535 {
					l.errorAt(v, "channel.port", p)
					return
				}
				e.Port = p
			}
		},
		"tls": func(v *yaml.Node) {
			tlsNode = v
			if t, ok := l.scalar(v, "tls"); ok {
				switch t {
				case "starttls", "tls", "none":
					e.TLS = t
				default:
					l.errorAt(v, "channel.tls", t)
				}
			}
		},
		"insecure":      func(v *yaml.Node) { e.Insecure, _ = l.boolean(v, "insecure") },
		"username":      func(v *yaml.Node) { e.Username = l.text(v, "username") },
		"password_file": func(v *yaml.Node) { e.PasswordFile = l.text(v, "password_file") },
		"password_env":  func(v *yaml.Node) { e.PasswordEnv = l.text(v, "password_env") },
		"from": func(v *yaml.Node) {
			fromNode = v
			if t, ok := l.scalar(v, "from"); ok {
				if _, err := plan.CheckEmail(t); err != nil {
					l.fail(v, err)
					return
				}
				e.From = t
			}
		},
		"connections": func(v *yaml.Node) {
			if c, ok := l.integer(v, "connections"); ok {
				if c < 1 || c > 64 {
					l.errorAt(v, "channel.connections", c)
					return
				}
				e.Connections = c
			}
		},
		"rate": func(v *yaml.Node) {
			if r, ok := l.rate(v, "rate"); ok {
				e.Rate = r
			}
		},
	})
	if e.Host == "" {
		l.errorAt(n, "channel.nohost")
	}
	if fromNode == nil {
		// A from that is there but wrong is reported as such, above.
		l.errorAt(n, "channel.nofrom")
	}
	if e.TLS == "none" && !e.Insecure && e.Host != "" && !plan.IsLoopback(e.Host) {
		l.errorAt(tlsNode, "channel.plaintext", e.Host)
	}
	return e
}

func (l *loader) sms(n *yaml.Node) *plan.SMSChannel {
	if isNull(n) {
		return nil
	}
	s := &plan.SMSChannel{MaxSegments: 2, Rate: plan.Rate{N: 1, Per: time.Second}, Method: "POST"}
	var bodyNode, urlNode, headersNode *yaml.Node
	l.mapping(n, "channels.sms", fields{
		"provider": func(v *yaml.Node) {
			if t, ok := l.scalar(v, "provider"); ok {
				for _, p := range plan.SMSProviders {
					if p == t {
						s.Provider = t
						return
					}
				}
				l.errorAt(v, "channel.provider", t, strings.Join(plan.SMSProviders, ", "))
			}
		},
		"url": func(v *yaml.Node) {
			urlNode = v
			if t, ok := l.scalar(v, "url"); ok {
				u, err := url.Parse(t)
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					l.errorAt(v, "channel.url", t)
					return
				}
				s.URL = t
			}
		},
		"username":      func(v *yaml.Node) { s.Username = l.text(v, "username") },
		"password_file": func(v *yaml.Node) { s.PasswordFile = l.text(v, "password_file") },
		"password_env":  func(v *yaml.Node) { s.PasswordEnv = l.text(v, "password_env") },
		"from":          func(v *yaml.Node) { s.From = l.text(v, "from") },
		"unicode":       func(v *yaml.Node) { s.Unicode, _ = l.boolean(v, "unicode") },
		"max_segments": func(v *yaml.Node) {
			if m, ok := l.integer(v, "max_segments"); ok {
				if m < 1 || m > 10 {
					l.errorAt(v, "channel.segments", m)
					return
				}
				s.MaxSegments = m
			}
		},
		"rate": func(v *yaml.Node) {
			if r, ok := l.rate(v, "rate"); ok {
				s.Rate = r
			}
		},
		"method": func(v *yaml.Node) {
			if t, ok := l.scalar(v, "method"); ok {
				s.Method = strings.ToUpper(t)
			}
		},
		"headers": func(v *yaml.Node) {
			s.Headers = map[string]string{}
			v = resolve(v)
			if v.Kind != yaml.MappingNode {
				l.errorAt(v, "type.mapping", "headers", kindName(v))
				return
			}
			headersNode = v
			for i := 0; i+1 < len(v.Content); i += 2 {
				if t, ok := l.scalar(v.Content[i+1], v.Content[i].Value); ok {
					s.Headers[v.Content[i].Value] = t
				}
			}
		},
		"body":                func(v *yaml.Node) { bodyNode = v; s.Body, _ = l.scalar(v, "body") },
		"inbound_secret_file": func(v *yaml.Node) { s.InboundSecretFile = l.text(v, "inbound_secret_file") },
	})
	if s.Provider == "" {
		l.errorAt(n, "channel.noprovider", strings.Join(plan.SMSProviders, ", "))
	}
	if s.URL == "" && s.Provider != "esms" && s.Provider != "speedsms" && s.Provider != "twilio" {
		l.errorAt(n, "channel.nourl")
	}
	if s.Provider == "http" && s.Body == "" {
		l.errorAt(n, "channel.nobody")
	}
	if s.Provider == "http" {
		l.relayTemplate(bodyNode, "body", s.Body)
		l.relayTemplate(urlNode, "url", s.URL)
		for i := 0; headersNode != nil && i+1 < len(headersNode.Content); i += 2 {
			k := headersNode.Content[i]
			l.relayTemplate(headersNode.Content[i+1], "headers."+k.Value, s.Headers[k.Value])
		}
	}
	if s.Provider != "http" && bodyNode != nil {
		l.errorAt(bodyNode, "channel.bodyonlyhttp")
	}
	return s
}

// relayFuncs names the functions the http provider's templates may call
// besides text/template's own (notify/sms gives them their meaning): a
// template is parsed here only to find its mistakes.
var relayFuncs = template.FuncMap{"json": func(any) (string, error) { return "", nil }}

// relayTemplate reports a template of the http provider (body, url, a
// header) that does not parse, which would stop run.
func (l *loader) relayTemplate(n *yaml.Node, what, text string) {
	if n == nil || text == "" {
		return
	}
	if _, err := template.New(what).Funcs(relayFuncs).Parse(text); err != nil {
		msg := err.Error()
		// "template: body:1: unexpected …": keep what comes after the name.
		if _, rest, ok := strings.Cut(msg, "template: "+what+":"); ok {
			msg = strings.TrimSpace(rest)
		}
		l.errorAt(n, "channel.template", what, msg)
	}
}
