package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
)

// agenda is what the agenda writers print.
type agenda struct {
	cfg   *plan.Config
	lang  lang.Lang
	items []plan.Notification
	now   time.Time
	// showSMS adds each SMS as the phone receives it (--show-sms),
	// with codes and links made by links.
	showSMS bool
	links   notify.Links
	scope   icsScope // the range and filters asked for, for ics
}

var agendaWriters = map[string]func(io.Writer, *agenda) error{
	"table": writeTable,
	"json":  writeJSON,
	"csv":   writeCSV,
	"ics":   writeICS,
}

// taskLabel names the task of n: its reference and id, or the plan for a
// distribution.
func (a *agenda) taskLabel(n *plan.Notification) string {
	p := a.cfg.Plan(n.Plan)
	if n.Task == "" {
		return tr(a.lang, "cli.kind.distribution")
	}
	t := p.Task(n.Task)
	if t != nil && t.Ref != "" {
		return t.Ref + " " + t.ID
	}
	return n.Task
}

func (a *agenda) condition(n *plan.Notification) string {
	later := ""
	if n.Deferred {
		later = tr(a.lang, "agenda.later")
	}
	if !n.Conditional() {
		return later
	}
	s := tr(a.lang, "cond."+string(n.Condition))
	if len(n.About) > 1 || (len(n.About) == 1 && n.About[0].Unit != n.Unit) {
		units := make([]string, len(n.About))
		for i, s := range n.About {
			units[i] = s.Unit
		}
		s += ": " + strings.Join(units, ", ")
	}
	return strings.TrimSpace(s + " " + later)
}

func writeTable(w io.Writer, a *agenda) error {
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	l := a.lang
	multi := len(a.cfg.Plans) > 1
	header := []string{tr(l, "col.time"), tr(l, "col.kind"), tr(l, "col.task"), tr(l, "col.unit"), tr(l, "col.role"), tr(l, "col.channels"), tr(l, "col.condition")}
	if multi {
		header = append([]string{tr(l, "agenda.plan")}, header...)
	}
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for i := range a.items {
		n := &a.items[i]
		p := a.cfg.Plan(n.Plan)
		kind := tr(l, "cli.kind."+string(n.Kind))
		if n.Seq > 0 {
			kind += " " + strconv.Itoa(n.Seq)
		}
		row := []string{
			formatTime(n.At.In(p.Location)), kind, a.taskLabel(n), n.Unit, roleName(l, n.Role),
			strings.Join(n.Channels, ","), a.condition(n),
		}
		if multi {
			row = append([]string{n.Plan}, row...)
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// Every row has every cell, so the columns line up; the padding of an
	// empty last cell is trimmed. Under a row, --show-sms writes its SMS.
	for i, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		if _, err := io.WriteString(w, strings.TrimRight(line, " ")+"\n"); err != nil {
			return err
		}
		if i > 0 {
			if err := a.writeSMS(w, &a.items[i-1]); err != nil {
				return err
			}
		}
	}
	if _, err := fmt.Fprintln(w, tr(l, "agenda.total", len(a.items))); err != nil || !a.showSMS {
		return err
	}
	_, err := fmt.Fprintln(w, tr(l, "agenda.smsnote"))
	return err
}

// jsonItem is one notification in the agenda's JSON form.
type jsonItem struct {
	ID          string         `json:"id"`
	At          string         `json:"at"`
	Plan        string         `json:"plan"`
	Task        string         `json:"task"`
	Kind        plan.Kind      `json:"kind"`
	Unit        string         `json:"unit"`
	Role        plan.Role      `json:"role"`
	Channels    []string       `json:"channels"`
	Conditional bool           `json:"conditional"`
	Condition   plan.Condition `json:"condition,omitempty"`
	About       []plan.Subject `json:"about,omitempty"`
	AckID       string         `json:"ack_id"`
	DeadlineID  string         `json:"deadline_id,omitempty"`
	Event       string         `json:"event"`
	Rule        string         `json:"rule"`
	Seq         int            `json:"seq,omitempty"`
	Deferred    bool           `json:"deferred,omitempty"`
	// With --show-sms, for an element that goes by SMS: its text as the
	// phone receives it, its segments and their encoding (GSM-7, UCS-2).
	SMSText     string `json:"sms_text,omitempty"`
	SMSSegments int    `json:"sms_segments,omitempty"`
	SMSEncoding string `json:"sms_encoding,omitempty"`
}

func (a *agenda) jsonItem(n *plan.Notification) jsonItem {
	loc := a.cfg.Plan(n.Plan).Location
	return jsonItem{
		ID: n.ID, At: n.At.In(loc).Format(time.RFC3339), Plan: n.Plan, Task: n.Task, Kind: n.Kind, Unit: n.Unit,
		Role: n.Role, Channels: n.Channels, Conditional: n.Conditional(), Condition: n.Condition, About: n.About,
		AckID: n.AckID, DeadlineID: n.DeadlineID, Event: n.Event.In(loc).Format(time.RFC3339), Rule: n.Rule,
		Seq: n.Seq, Deferred: n.Deferred,
	}
}

func writeJSON(w io.Writer, a *agenda) error {
	out := make([]jsonItem, len(a.items))
	for i := range a.items {
		out[i] = a.jsonItem(&a.items[i])
		sms, err := a.smsOf(&a.items[i])
		if err != nil {
			return err
		}
		if sms != nil {
			out[i].SMSText, out[i].SMSSegments, out[i].SMSEncoding = sms.Text, sms.Segments, sms.Encoding
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func writeCSV(w io.Writer, a *agenda) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "at", "plan", "task", "kind", "unit", "role", "channels", "conditional", "condition", "about", "event", "seq", "deferred"})
	for i := range a.items {
		j := a.jsonItem(&a.items[i])
		about := make([]string, len(j.About))
		for k, s := range j.About {
			about[k] = s.Unit
		}
		seq := ""
		if j.Seq > 0 {
			seq = strconv.Itoa(j.Seq)
		}
		cw.Write([]string{j.ID, j.At, j.Plan, j.Task, string(j.Kind), j.Unit, string(j.Role), strings.Join(j.Channels, ";"),
			strconv.FormatBool(j.Conditional), string(j.Condition), strings.Join(about, ";"), j.Event, seq, strconv.FormatBool(j.Deferred)})
	}
	cw.Flush()
	return cw.Error()
}
