package web

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/notify"
	"github.com/nhacviec/nhacviec/plan"
	"github.com/nhacviec/nhacviec/planfile"
)

// The form of a unit and its contacts. Its fields: etag (the file's
// when the form was filled), id (a new unit's), name, relation, rows
// (how many contact rows), and for each row i: ci.idx (the contact's
// index in the file, empty for the new row), ci.name, ci.role,
// ci.email, ci.phone, ci.ch (ticked channels), ci.remove. A save turns
// only what changed into planfile edits, field by field.

// idRE is what a unit or group id may be (SPEC §3.4).
var idRE = regexp.MustCompile(`^[a-z0-9-]+$`)

// phonePattern is the HTML pattern of a phone field: the characters
// plan.NormalizePhone accepts, so the browser flags a typo as it is
// typed; the server checks the number itself. Every punctuation is
// escaped: browsers compile pattern with the v flag, where an unescaped
// ( ) or - in a class makes the whole pattern void.
const phonePattern = `[0-9+ \(\)\.\-]{8,24}`

// unitForm is the unit form's page.
type unitForm struct {
	New       bool
	ID        string
	Name      string
	Relation  string
	Relations []option
	Contacts  []contactForm
	ETag      string
	CSRF      string
	Action    string
	CanEdit   bool
	File      string
	// Problems are the field's problems by field name ("name",
	// "c0.phone"); General those of no field; Stale a file changed
	// since the form was filled; Uses where a unit to delete is named.
	Problems map[string]string
	General  []string
	Stale    bool
	Uses     []string
	Pattern  string
}

// contactForm is one row of contacts.
type contactForm struct {
	Row                      int
	Idx                      string // index in the file; "" for a new contact
	Name, Role, Email, Phone string
	E164                     string // the number as sent to, once it checks
	ByEmail, BySMS, Remove   bool
}

// Field names the input of field f of the row, as the form posts it.
func (c contactForm) Field(f string) string { return "c" + strconv.Itoa(c.Row) + "." + f }

func (s *Server) handleUnitForm(w http.ResponseWriter, r *http.Request) {
	f, err := s.readConfigFile()
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := &unitForm{New: true}
	if id := r.PathValue("id"); id != "" {
		u := f.unit(id)
		if u == nil {
			s.pageError(w, r, Errorf(ENOTFOUND, "units.nounit", id))
			return
		}
		v = formOf(u)
	}
	v.Contacts = append(v.Contacts, contactForm{})
	s.renderUnitForm(w, r, f, v, http.StatusOK)
}

// formOf returns the form of unit u as the file writes it.
func formOf(u *unitYAML) *unitForm {
	v := &unitForm{ID: u.ID, Name: u.Name, Relation: u.Relation, Problems: map[string]string{}}
	for i, c := range u.Contacts {
		chs := channelsOf(c)
		v.Contacts = append(v.Contacts, contactForm{Idx: strconv.Itoa(i), Name: c.Name, Role: c.Role,
			Email: c.Email, Phone: c.Phone, ByEmail: slices.Contains(chs, plan.ChannelEmail),
			BySMS: slices.Contains(chs, plan.ChannelSMS)})
	}
	return v
}

// Num is the row's number for a person, from 1.
func (c contactForm) Num() int { return c.Row + 1 }

// renderUnitForm fills in what every rendering of the form has and
// renders it with status.
func (s *Server) renderUnitForm(w http.ResponseWriter, r *http.Request, f *configFile, v *unitForm, status int) {
	v.CSRF, v.CanEdit, v.File, v.Pattern = s.csrfToken(w, r), mayEditUnits(accountOf(r)), f.doc.Key, phonePattern
	if v.ETag == "" {
		v.ETag = f.etag
	}
	v.Action = "/units/new"
	if !v.New {
		v.Action = "/units/" + v.ID
	}
	rel := v.Relation
	if rel == "" {
		rel = string(plan.RelationInternal)
	}
	for _, r := range plan.Relations {
		v.Relations = append(v.Relations, option{Value: string(r), Label: s.relationLabel(string(r)), Selected: string(r) == rel})
	}
	for i := range v.Contacts {
		v.Contacts[i].Row = i
		if e164, err := plan.NormalizePhone(v.Contacts[i].Phone); err == nil {
			v.Contacts[i].E164 = e164
		}
	}
	s.render(w, r, status, "units_form", v)
}

// parseUnitForm reads the posted form (parsed by the guard's CSRF check).
func parseUnitForm(r *http.Request) *unitForm {
	p := r.PostForm
	v := &unitForm{New: r.PathValue("id") == "", ID: r.PathValue("id"), ETag: p.Get("etag"),
		Name: strings.TrimSpace(p.Get("name")), Relation: p.Get("relation"), Problems: map[string]string{}}
	if v.New {
		v.ID = strings.TrimSpace(p.Get("id"))
	}
	rows, _ := strconv.Atoi(p.Get("rows"))
	for i := range min(rows, 50) {
		k := "c" + strconv.Itoa(i) + "."
		c := contactForm{Idx: p.Get(k + "idx"), Name: strings.TrimSpace(p.Get(k + "name")),
			Role: strings.TrimSpace(p.Get(k + "role")), Email: strings.TrimSpace(p.Get(k + "email")),
			Phone: strings.TrimSpace(p.Get(k + "phone")), Remove: p.Get(k+"remove") != ""}
		for _, ch := range p[k+"ch"] {
			c.ByEmail = c.ByEmail || ch == plan.ChannelEmail
			c.BySMS = c.BySMS || ch == plan.ChannelSMS
		}
		if c.Idx == "" && c.Name == "" && c.Role == "" && c.Email == "" && c.Phone == "" {
			continue // the empty row, left empty
		}
		v.Contacts = append(v.Contacts, c)
	}
	return v
}

// check finds the problems of a filled unit form, each at its field, in
// lng, with the checks of the configuration's loader (plan.CheckEmail,
// plan.NormalizePhone). A phone that checks is written back normalised.
func (v *unitForm) check(f *configFile, old *unitYAML, lng lang.Lang) {
	if v.New {
		switch {
		case !idRE.MatchString(v.ID):
			v.Problems["id"] = tr(lng, "unit.err.id", v.ID, suggestID(firstNonEmpty(v.ID, v.Name)))
		case v.ID == "new":
			v.Problems["id"] = tr(lng, "unit.err.idnew")
		case f.unit(v.ID) != nil || f.group(v.ID) != nil:
			v.Problems["id"] = tr(lng, "unit.err.idtaken", v.ID)
		}
	}
	if v.Name == "" {
		v.Problems["name"] = tr(lng, "unit.err.name")
	}
	if v.Relation != "" && !slices.Contains(plan.Relations, plan.Relation(v.Relation)) {
		v.Problems["relation"] = tr(lng, "unit.err.kind")
	}
	kept := 0
	for i := range v.Contacts {
		c := &v.Contacts[i]
		c.Row = i
		if c.Remove {
			continue
		}
		kept++
		if c.Email != "" {
			if _, err := plan.CheckEmail(c.Email); err != nil {
				v.Problems[c.Field("email")] = message(err, lng)
			}
		}
		if c.Phone != "" {
			if e164, err := plan.NormalizePhone(c.Phone); err != nil {
				v.Problems[c.Field("phone")] = message(err, lng)
			} else {
				c.Phone = notify.DialPhone(e164)
			}
		}
		chs := c.yamlFrom(oldContact(old, *c)).Channels
		switch {
		case c.Email == "" && c.Phone == "":
			v.Problems[c.Field("email")] = tr(lng, "unit.err.noaddress")
		case slices.Contains(chs, plan.ChannelEmail) && c.Email == "":
			v.Problems[c.Field("ch")] = tr(lng, "unit.err.noemail")
		case slices.Contains(chs, plan.ChannelSMS) && c.Phone == "":
			v.Problems[c.Field("ch")] = tr(lng, "unit.err.nophone")
		}
	}
	if kept == 0 {
		v.Problems["contacts"] = tr(lng, "unit.err.nocontact")
	}
}

// message is the text of err in lng: a catalogue Message's, else its own.
func message(err error, lng lang.Lang) string {
	var m lang.Message
	if errors.As(err, &m) {
		return m.Text(lng)
	}
	return err.Error()
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// suggestID turns a name like "Hội Nông dân" into an id: hoi-nong-dan.
func suggestID(s string) string {
	if id := lang.Slug(s, 0); id != "" {
		return id
	}
	return "don-vi-moi"
}

// channels returns the channels ticked on row c.
func (c contactForm) channels() []string {
	var out []string
	if c.ByEmail {
		out = append(out, plan.ChannelEmail)
	}
	if c.BySMS {
		out = append(out, plan.ChannelSMS)
	}
	return out
}

// yamlFrom returns the contact as the file is to write it, old being
// what the file writes now (nil for a new contact). Channels: an old
// contact's ticks left as shown change nothing; else the ticks are
// written, unless none is ticked or they are exactly the channels it
// has addresses for (the default, no channels:).
func (c contactForm) yamlFrom(old *contactYAML) contactYAML {
	out := contactYAML{Name: c.Name, Role: c.Role, Email: c.Email, Phone: c.Phone}
	ticked := c.channels()
	switch {
	case old != nil && old.Channels != nil:
		out.Channels = ticked
	case old != nil && slices.Equal(ticked, channelsOf(*old)):
	case len(ticked) > 0 && !slices.Equal(ticked, channelsOf(out)):
		out.Channels = ticked
	}
	return out
}

// oldContact returns the contact of u that row c shows, or nil.
func oldContact(u *unitYAML, c contactForm) *contactYAML {
	if u == nil || c.Idx == "" {
		return nil
	}
	i, err := strconv.Atoi(c.Idx)
	if err != nil || i < 0 || i >= len(u.Contacts) {
		return nil
	}
	return &u.Contacts[i]
}

func (s *Server) handleUnitSave(w http.ResponseWriter, r *http.Request) {
	if !mayEditUnits(accountOf(r)) {
		s.pageError(w, r, Errorf(EFORBIDDEN, "error.role"))
		return
	}
	f, err := s.readConfigFile()
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	v := parseUnitForm(r)
	var old *unitYAML
	if !v.New {
		if old = f.unit(v.ID); old == nil {
			s.pageError(w, r, Errorf(ENOTFOUND, "units.nounit", v.ID))
			return
		}
	}
	if r.PostForm.Get("action") == "delete" && old != nil {
		d := formOf(old)
		d.ETag = v.ETag
		s.deleteUnit(w, r, f, d)
		return
	}
	v.check(f, old, s.lang())
	if len(v.Problems) > 0 {
		v.Contacts = append(v.Contacts, contactForm{})
		s.renderUnitForm(w, r, f, v, http.StatusUnprocessableEntity)
		return
	}
	edits, rows := unitEdits(v, old)
	if len(edits) > 0 {
		_, err = f.doc.Save(f.h, accountOf(r).Name, v.ETag, edits...)
	} else if planfile.ETag(f.text) != strings.TrimPrefix(v.ETag, "W/") {
		err = planfile.ErrStale
	}
	if err != nil {
		s.unitSaveFailed(w, r, f, v, edits, rows, err)
		return
	}
	s.savedConfig(w, r, "saved", v.ID)
}

// unitSaveFailed shows the form again with why the save failed: a file
// changed meanwhile, the checker's problems at their fields, or an edit
// the file's layout does not allow.
func (s *Server) unitSaveFailed(w http.ResponseWriter, r *http.Request, f *configFile, v *unitForm, edits []planfile.Edit, rows map[int]int, err error) {
	var check *planfile.CheckError
	status := http.StatusUnprocessableEntity
	switch {
	case errors.Is(err, planfile.ErrStale):
		v.Stale, status = true, http.StatusConflict
	case errors.As(err, &check):
		prefix := "units." + v.ID
		for _, p := range s.checkProblems(f.doc, check.Diagnostics, nil, editedPlan(f.doc, edits)) {
			field := unitField(p.Path, prefix, rows)
			if field == "" || v.Problems[field] != "" {
				v.General = append(v.General, problemLine(p))
				continue
			}
			v.Problems[field] = p.Message
		}
	case errors.Is(err, planfile.ErrCannotEdit), errors.Is(err, planfile.ErrNoPath):
		v.General = append(v.General, tr(s.lang(), "unit.err.cannot", f.doc.Key))
	default:
		s.pageError(w, r, err)
		return
	}
	v.Contacts = append(v.Contacts, contactForm{})
	s.renderUnitForm(w, r, f, v, status)
}

// problemLine writes a problem of the check as FILE:LINE:COL: message.
func problemLine(p apiProblem) string {
	if p.File == "" {
		return p.Message
	}
	return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Column, p.Message)
}

// unitField returns the form's field of a problem at path (from the
// configuration's root) within the unit at prefix: "name", "relation",
// "contacts", or a contact's field, its row found through rows (the
// contact's index in the edited file → its row in the form).
func unitField(path, prefix string, rows map[int]int) string {
	rest, ok := strings.CutPrefix(path, prefix)
	if !ok {
		return ""
	}
	rest = strings.TrimPrefix(rest, ".")
	switch rest {
	case "", "name":
		return "name"
	case "relation":
		return "relation"
	case "contacts":
		return "contacts"
	}
	in, ok := strings.CutPrefix(rest, "contacts[")
	if !ok {
		return ""
	}
	n, after, ok := strings.Cut(in, "]")
	i, err := strconv.Atoi(n)
	row, known := rows[i]
	if !ok || err != nil || !known {
		return "contacts"
	}
	switch f := strings.TrimPrefix(after, "."); f {
	case "name", "role", "email", "phone":
		return "c" + strconv.Itoa(row) + "." + f
	case "channels", "":
		return "c" + strconv.Itoa(row) + ".email"
	default:
		return "c" + strconv.Itoa(row) + ".ch"
	}
}

// encodeNode returns v as a YAML node, its lists of scalars written in
// brackets as the configuration writes them ([email, sms]).
func encodeNode(v any) *yaml.Node {
	n := new(yaml.Node)
	if err := n.Encode(v); err != nil {
		panic(err) // our own structs and strings always encode
	}
	flowLists(n)
	return n
}

func flowLists(n *yaml.Node) {
	if n.Kind == yaml.SequenceNode && len(n.Content) > 0 && n.Content[0].Kind == yaml.ScalarNode {
		n.Style |= yaml.FlowStyle
	}
	for _, c := range n.Content {
		flowLists(c)
	}
}
