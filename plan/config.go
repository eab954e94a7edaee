package plan

import (
	"cmp"
	"net"
	"strings"
	"time"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/robfig/cron/v3"
)

// Pos is the place in a file where a part of the configuration is
// written, for the messages that point at it (FILE:LINE:COL).
type Pos struct {
	File      string
	Line, Col int
}

// Compare orders places by file, line and column: -1, 0 or +1 as p comes
// before q, at the same place, or after it.
func (p Pos) Compare(q Pos) int {
	if c := strings.Compare(p.File, q.File); c != 0 {
		return c
	}
	if c := cmp.Compare(p.Line, q.Line); c != 0 {
		return c
	}
	return cmp.Compare(p.Col, q.Col)
}

// Config is a loaded and validated configuration file (config.Load).
type Config struct {
	File     string
	Service  Service
	Channels Channels
	// Units by id, and their ids in file order.
	Units     map[string]*Unit
	UnitOrder []string
	// Groups by id: the unit ids each stands for, groups expanded.
	Groups map[string][]string
	Plans  []*Plan
}

// Service holds the settings of the daemon itself.
type Service struct {
	Timezone          string
	Location          *time.Location
	Language          lang.Lang
	DataDir           string
	Listen            string
	PublicURL         string
	SendTime          calendar.Clock
	QuietHours        calendar.QuietHours
	Catchup           time.Duration
	RetryFor          time.Duration
	WorkingDays       []time.Weekday
	Holidays          []calendar.Holiday
	WorkingWeekends   []calendar.Date
	AdminPasswordFile string
	LogFormat         string
	Calendar          *calendar.Calendar
	// OfficialCalendar puts Vietnam's official holidays under Holidays
	// (service.official_calendar, on by default).
	OfficialCalendar bool

	// AllowedHosts are the host names, besides listen's, public_url's and
	// the loopback names, that the pages answer to (service.allowed_hosts):
	// a request for any other Host is refused, against DNS rebinding.
	AllowedHosts []string
}

// Channels holds the delivery channels that are configured. A nil channel
// is replaced by the outbox.
type Channels struct {
	Email   *EmailChannel
	SMS     *SMSChannel
	Zalo    *ZaloChannel    // channels_zalo.go
	Webhook *WebhookChannel // channels_zalo.go
}

// Channel names, as written in contacts' channels lists.
const (
	ChannelEmail = "email"
	ChannelSMS   = "sms"
)

// IsLoopback reports whether host names this machine ("localhost" or a
// loopback address).
func IsLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// SMSProviders lists the SMS relays nhacviec knows.
var SMSProviders = []string{"android-gateway", "esms", "speedsms", "twilio", "http"}

// Rate is a sending rate: N messages per Per.
type Rate struct {
	N   int
	Per time.Duration
}

// EmailChannel is the SMTP server the email channel sends through.
type EmailChannel struct {
	Host         string
	Port         int
	TLS          string // starttls | tls | none
	Insecure     bool   // allow tls: none to a host that is not loopback
	Username     string
	PasswordFile string
	PasswordEnv  string
	From         string
	Connections  int
	Rate         Rate
}

// SMSChannel is the HTTP relay the SMS channel sends through.
type SMSChannel struct {
	Provider     string // android-gateway | esms | speedsms | twilio | http
	URL          string
	Username     string
	PasswordFile string
	PasswordEnv  string
	From         string // sender name or number, where the provider takes one
	Unicode      bool
	MaxSegments  int
	Rate         Rate
	Method       string            // http provider only
	Headers      map[string]string // http provider only
	Body         string            // http provider only: a text/template
	// InboundSecretFile holds the shared secret the relay sends with the
	// replies it posts to /sms/inbound.
	InboundSecretFile string
}

// Unit is a responsible unit (đơn vị): a section, a union, a school, a village.
type Unit struct {
	ID         string
	Name       string
	EscalateTo []string
	// Relation is the unit's relation to the plans' issuer, which words
	// what the messages ask of it (RelationInternal when not written).
	Relation Relation
	Contacts []Contact
	// Channels is every channel some contact of the unit is reached on.
	Channels []string
}

// Relation is how a unit stands to the issuer of the plans (relation:):
// the issuer assigns work to its own offices, asks the Front and the mass
// organisations, reports to the levels above it, and files its own copy.
type Relation string

// Relations of a unit to the issuer.
const (
	RelationInternal Relation = "noi-bo"   // own office: is assigned work, confirms receipt
	RelationMass     Relation = "doan-the" // Front, mass organisation: is asked to coordinate
	RelationHigher   Relation = "cap-tren" // higher level, Party committee, People's Council: is reported to
	RelationArchive  Relation = "luu"      // the issuer's file copy (Lưu: VT): receives nothing
	RelationOther    Relation = "khac"     // anyone else: is asked
)

// Relations lists the relations in the order they are shown to a person.
var Relations = []Relation{RelationInternal, RelationMass, RelationHigher, RelationArchive, RelationOther}

// Receives reports whether messages go to the unit at all: the archive
// (Lưu: VT) is where the issuer files its copy, not a recipient.
func (u *Unit) Receives() bool { return u.Relation != RelationArchive }

// Confirms reports whether the unit is asked to confirm receipt: a higher
// level is reported to, and has nothing to confirm.
func (u *Unit) Confirms() bool { return u.Relation != RelationHigher && u.Relation != RelationArchive }

// Contact is a person of a unit and how to reach them.
type Contact struct {
	Name     string
	Role     string
	Email    string
	Phone    string // E.164, +84…
	Channels []string
	Pos      Pos // where it is written
}

// Plan is one kế hoạch: its period, owner, distribution and tasks.
type Plan struct {
	ID     string
	Title  string
	Issuer string
	Number string
	// Issued is the date the plan was signed (zero when not written),
	// and Signer who signed it (người ký), both shown in its distribution.
	Issued   calendar.Date
	Signer   string
	Year     int
	File     string
	Timezone string
	Location *time.Location
	// From and To bound the plan period, whole days.
	From, To   calendar.Date
	Owner      string
	Distribute *Distribution
	Tasks      []*Task
	// Templates are the plan's own wording of its messages, by kind and
	// part ("subject", "body", "sms"): each replaces the embedded
	// definition of that name. Nil when the plan keeps them all.
	Templates map[Kind]map[string]Template
	Pos       Pos
	tasks     map[string]*Task // by id, for Task (Index)
	// occurrences of its deadlines, in due order, and by id (Index).
	occurrences    []*Occurrence
	occurrenceByID map[string]*Occurrence
}

// Start is the first instant of the plan period.
func (p *Plan) Start() time.Time { return p.From.At(0, p.Location) }

// End is the instant just after the plan period.
func (p *Plan) End() time.Time { return p.To.AddDays(1).At(0, p.Location) }

// Distribution sends the plan itself to the "Nơi nhận" list.
type Distribution struct {
	At        time.Time
	To        []string
	AckWithin calendar.Duration
	// Document is the plan document (PDF or DOCX) attached to the email
	// and offered on the pages: a path, made absolute from the plan
	// file's folder; empty when there is none.
	Document string
	Pos      Pos
}

// TaskKind tells how a task sits in time.
type TaskKind int

// Task kinds.
const (
	Ongoing TaskKind = iota // all plan long
	OneDay                  // on: a date and time
	Window                  // from: … to: …
)

// Task is one activity of the plan.
type Task struct {
	ID          string
	Ref         string
	Title       string
	Description string
	Lead        []string
	Support     []string
	Kind        TaskKind
	// Start is when the task begins (send-time semantics); End is when
	// an "at: end" reminder goes; Last is the last instant of the task.
	Start, End, Last time.Time
	// FirstDay and LastDay are the task's whole days (the plan period for
	// an ongoing task).
	FirstDay, LastDay calendar.Date
	// Tentative marks dates the plan document does not give (dự kiến):
	// the messages and pages say so.
	Tentative bool
	Reminders []Reminder
	Deadlines []Deadline
	Pos       Pos
}

// RemindKind is the form of a reminder.
type RemindKind int

// Reminder forms.
const (
	RemindBefore RemindKind = iota
	RemindAtStart
	RemindAtEnd
	RemindEvery
	RemindBeforeEnd
	RemindOn
)

// Reminder is one remind: entry of a task.
type Reminder struct {
	Kind      RemindKind
	Key       string // stable rule key, part of notification ids
	Offset    calendar.Duration
	Spec      string
	Schedule  cron.Schedule
	On        time.Time
	To        []string // empty: the task's lead and support
	AckWithin calendar.Duration
	Pos       Pos
}

// IfHoliday is what happens to a due time on a non-working day.
type IfHoliday int

// Due time moves.
const (
	NextWorkingDay IfHoliday = iota
	PreviousWorkingDay
	Keep
)

// Deadline is a reporting duty (hạn báo cáo) of a task.
type Deadline struct {
	Key          string // stable rule key, part of notification ids
	ID           string
	Title        string
	By           []string
	To           []string
	Due          time.Time     // one due time, or
	DueSpec      string        // a recurring one
	DueEvery     cron.Schedule // …
	IfHoliday    IfHoliday
	Remind       []calendar.Duration
	Grace        calendar.Duration
	OverdueEvery calendar.Duration
	OverdueMax   int
	Escalate     []Escalation
	// Tentative marks a due time the plan document does not give.
	Tentative bool
	Pos       Pos
}

// Escalation is one step of a deadline's escalation.
type Escalation struct {
	After calendar.Duration
	To    []string // empty: each late unit's escalate_to
}

// Plan returns the plan with that id, or nil.
func (c *Config) Plan(id string) *Plan {
	for _, p := range c.Plans {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// Task returns the task with that id, or nil.
func (p *Plan) Task(id string) *Task {
	if p.tasks != nil {
		return p.tasks[id]
	}
	for _, t := range p.Tasks {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// UnitName returns the name of unit id, or the id when it has none.
func (c *Config) UnitName(id string) string {
	if c != nil {
		if u := c.Units[id]; u != nil && u.Name != "" {
			return u.Name
		}
	}
	return id
}

// UnitNames returns the names of the units ids.
func (c *Config) UnitNames(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = c.UnitName(id)
	}
	return out
}

// Heading is how messages and pages name a task: its reference and title,
// "II.3. Title", or the title alone.
func (t *Task) Heading() string {
	ref := strings.TrimSuffix(strings.TrimSpace(t.Ref), ".")
	if ref == "" {
		return t.Title
	}
	return ref + ". " + t.Title
}
