package config

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/nhacviec/nhacviec/calendar"
	"github.com/nhacviec/nhacviec/plan"
	"go.yaml.in/yaml/v3"
)

// What the wording of the messages needs from the configuration: each
// unit's relation to the issuer, the plan's distribution and its document,
// and the archive (Lưu: VT), which is given no part in the work.

func (l *loader) distribute(n *yaml.Node, pc *planCtx) *plan.Distribution {
	d := &plan.Distribution{Pos: l.pos(n)}
	var on, to, doc *yaml.Node
	if !l.mapping(n, "distribute", fields{
		"on": func(v *yaml.Node) { on = v },
		"to": func(v *yaml.Node) { to = v },
		"ack_within": func(v *yaml.Node) {
			d.AckWithin, _ = l.duration(v, "ack_within")
		},
		"document": func(v *yaml.Node) { doc = v },
	}) {
		return nil
	}
	if doc != nil {
		d.Document = l.planDocument(doc)
	}
	if on == nil {
		l.errorAt(n, "distribute.noon")
		return nil
	}
	dt, ok := l.dateTime(on, "on", pc.year)
	if !ok {
		return nil
	}
	d.At = dt.Time(pc.cfg.Service.SendTime, pc.plan.Location)
	if to == nil {
		l.errorAt(n, "distribute.noto")
		return nil
	}
	d.To = l.unitRefs(to, "to", pc.cfg)
	return d
}

// documentKinds are the kinds of plan document a message may carry, by
// extension, with the bytes each file starts with (a DOCX is a ZIP).
var documentKinds = map[string][]byte{
	".pdf":  []byte("%PDF-"),
	".docx": []byte("PK\x03\x04"),
}

// planDocument checks distribute's document: a PDF or DOCX file, by its
// extension and its first bytes, named relative to the plan file's folder.
// It returns the file's absolute path, or "" after reporting a problem.
func (l *loader) planDocument(v *yaml.Node) string {
	name := l.text(v, "document")
	if name == "" {
		if !wrongType(v) {
			l.errorAt(v, "type.empty", "document")
		}
		return ""
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(l.file), path)
	}
	magic, ok := documentKinds[strings.ToLower(filepath.Ext(path))]
	if !ok {
		l.errorAt(v, "document.ext", name)
		return ""
	}
	head, err := readHead(path, len(magic))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		l.errorAt(v, "document.missing", path)
		return ""
	case err != nil:
		l.errorAt(v, "document.unreadable", path)
		return ""
	case !bytes.Equal(head, magic):
		l.errorAt(v, "document.content", name, strings.ToUpper(strings.TrimPrefix(filepath.Ext(path), ".")))
		return ""
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return path
}

// readHead returns the first n bytes of a file, fewer if it is shorter.
func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, errors.New("is a folder")
	}
	head := make([]byte, n)
	k, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return head[:k], nil
}

// date reads a date of the plan (issued), in the plan's year when the
// year is not written; an empty value is no date.
func (l *loader) date(v *yaml.Node, what string, year int) calendar.Date {
	if isNull(v) || (!wrongType(v) && strings.TrimSpace(v.Value) == "") {
		return calendar.Date{} // not written, or written empty: no date
	}
	dt, ok := l.dateTime(v, what, year)
	if !ok {
		return calendar.Date{}
	}
	return dt.Date
}

// relation reads a unit's relation to the issuer.
func (l *loader) relation(v *yaml.Node) plan.Relation {
	s, ok := l.scalar(v, "relation")
	if !ok {
		return ""
	}
	r := plan.Relation(strings.TrimSpace(s))
	names := make([]string, len(plan.Relations))
	for i, known := range plan.Relations {
		if r == known {
			return r
		}
		names[i] = string(known)
	}
	if near := l.nearest(string(r), names); near != "" {
		l.errorAt(v, "unit.relation.near", s, near)
	} else {
		l.errorAt(v, "unit.relation", s, strings.Join(names, ", "))
	}
	return ""
}

// archiveRoles warns of the archive (relation: luu) given a part in a
// task or a deadline of p: it receives no message, so that part is
// never told.
func (l *loader) archiveRoles(p *plan.Plan, cfg *plan.Config) {
	archive := func(ids []string) []string {
		var out []string
		for _, id := range ids {
			if u := cfg.Units[id]; u != nil && !u.Receives() {
				out = append(out, id)
			}
		}
		return out
	}
	for _, t := range p.Tasks {
		for _, u := range archive(t.Lead) {
			l.report(t.Pos, Warning, "archive.task", u, t.ID, "lead")
		}
		for _, u := range archive(t.Support) {
			l.report(t.Pos, Warning, "archive.task", u, t.ID, "support")
		}
		for _, r := range t.Reminders {
			for _, u := range archive(r.To) {
				l.report(r.Pos, Warning, "archive.task", u, t.ID, "remind.to")
			}
		}
		for _, d := range t.Deadlines {
			for _, u := range archive(d.By) {
				l.report(d.Pos, Warning, "archive.deadline", u, d.Title, "by")
			}
			for _, u := range archive(d.To) {
				l.report(d.Pos, Warning, "archive.deadline", u, d.Title, "to")
			}
		}
	}
}
