package plan

import (
	"strings"
	"unicode/utf8"

	"github.com/nhacviec/nhacviec/lang"
)

// TemplateKinds are the kinds of message a plan may word its own way, in
// the order they are listed to a person.
var TemplateKinds = []Kind{KindDistribution, KindReminder, KindDeadline, KindOverdue, KindEscalation}

// TemplateNames are the parts of a message a plan may word its own way:
// the email's subject and body, and the SMS text.
var TemplateNames = []string{"subject", "body", "sms"}

// Noun names the kind of message for a person, e.g. "tin nhắc việc
// (reminder)", for diagnostics.
func (k Kind) Noun() lang.Message { return lang.Message{Key: "noun.kind." + string(k)} }

// Template is a plan's own wording of one part of a kind of message: a
// text/template that replaces the embedded definition of that name.
type Template struct {
	Text string
	// Pos is where the value starts in the plan file.
	Pos Pos
	// First is where line 1 of Text starts in the file. In a Literal
	// block (|) every further line of Text is the next line of the file,
	// starting in the same column; a value on one line has only line 1.
	// Any other way of writing it (folded, quoted over several lines,
	// with escapes) leaves First zero, and only Pos is known.
	First   Pos
	Literal bool
}

// At returns the place in the plan file of a position inside Text, given
// as text/template reports it: line from 1, offset in bytes from the start
// of that line. Where the way the value is written hides that place (a
// folded block, a quoted value with escapes), it returns Pos.
func (t Template) At(line, offset int) Pos {
	if t.First.Line == 0 || line < 1 || (line > 1 && !t.Literal) {
		return t.Pos
	}
	lines := strings.Split(t.Text, "\n")
	if line > len(lines) {
		return t.Pos
	}
	text := lines[line-1]
	offset = min(max(offset, 0), len(text))
	return Pos{File: t.First.File, Line: t.First.Line + line - 1, Col: t.First.Col + utf8.RuneCountInString(text[:offset])}
}
