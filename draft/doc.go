// Package draft reads a signed plan document (a .docx or a text file) and
// drafts a nhacviec plan from it: the header, the outline as tasks, the
// responsible units, the dates, the reporting duties and the "Nơi nhận"
// list, each element with the paragraph it came from, so the officer's
// work becomes checking the draft instead of writing the plan.
//
// Read (or ReadDocx, ReadText) gives a Doc of numbered paragraphs;
// Doc.Draft gives the Draft (each Task with the paragraphs it came from,
// for a page that shows them side by side) and the Report of what was
// understood and what could not be placed; Draft.YAML writes the plan
// with a comment on every element.
package draft

import (
	"errors"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nhacviec/nhacviec/lang"
)

// Limits of what the readers accept, so that a zip bomb or a huge file is
// refused with bounded memory: a commune's plan is a few dozen kilobytes.
const (
	// MaxFileSize is the largest document read, .docx or text.
	MaxFileSize = 10 << 20
	// MaxEntrySize is the most bytes read from one entry of a .docx.
	MaxEntrySize = 20 << 20
	// MaxEntries is the most entries a .docx may have.
	MaxEntries = 2000
	// MaxParagraphs is the most paragraphs a document may have.
	MaxParagraphs = 50000
)

// Errors the readers wrap, for callers that branch on them.
var (
	// ErrTooLarge is a document, or an entry of a .docx, over the limits.
	ErrTooLarge = errors.New("document too large")
	// ErrEncoding is a text file in an encoding the reader cannot convert.
	ErrEncoding = errors.New("unsupported text encoding")
	// ErrNotDocx is a file that is not a Word document.
	ErrNotDocx = errors.New("not a docx document")
)

// Paragraph is one block of the document's text.
type Paragraph struct {
	// N is its place in the document, from 1: the line of a text file, the
	// paragraph of a .docx (table cells' paragraphs included).
	N int
	// Label is the label of a .docx's automatic numbering ("II.", "1.",
	// "a)", "-"), empty when the number is typed in Text.
	Label string
	// Text is the paragraph's text, trimmed.
	Text string
	// Cell tells a paragraph inside a table.
	Cell bool
	// Table, Row and Col place a paragraph of a table: the table's
	// number in the document from 1 (0 outside tables), its row and its
	// cell in the row from 0.
	Table, Row, Col int
}

// Full is the paragraph as a reader sees it: its label, then its text.
func (p Paragraph) Full() string {
	if p.Label == "" {
		return p.Text
	}
	return p.Label + " " + p.Text
}

// Doc is a document read: its non-empty paragraphs in order.
type Doc struct {
	// Unit names what N counts: "dòng" (line) or "đoạn" (paragraph).
	Unit  lang.Message
	Paras []Paragraph
}

// Para returns the paragraph numbered n (a Task's Paras, a Source's
// Para), and false if the document has none.
func (d *Doc) Para(n int) (Paragraph, bool) {
	i, found := slices.BinarySearchFunc(d.Paras, n, func(p Paragraph, n int) int { return p.N - n })
	if !found {
		return Paragraph{}, false
	}
	return d.Paras[i], true
}

// Problem is a reader's error, with its text for a person in either
// language; it wraps one of the Err values.
type Problem struct {
	Msg lang.Message
	Err error
}

// Error renders the problem in English.
func (p *Problem) Error() string { return p.Msg.Text(lang.English) }

// Unwrap returns the sentinel the problem is an instance of.
func (p *Problem) Unwrap() error { return p.Err }

// Text renders the problem in l.
func (p *Problem) Text(l lang.Lang) string { return p.Msg.Text(l) }

func problem(err error, key string, args ...any) error {
	return &Problem{Msg: lang.Message{Key: key, Args: args}, Err: err}
}

// fold lowers s, strips its diacritics and keeps words and the
// punctuation that ends a clause (, ; : . ( )) as tokens separated by
// single spaces, so phrases are found whatever their accents, case and
// hyphens: "Bộ phận LĐ-TB&XH;" → "bo phan ld tb xh ;".
func fold(s string) string {
	s = strings.ToLower(lang.StripDiacritics(s))
	var b strings.Builder
	space := true
	for _, r := range s {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			space = false
		case r == '/':
			b.WriteRune(r)
			space = false
		case strings.ContainsRune(",;:.()", r):
			if !space {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			b.WriteByte(' ')
			space = true
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// clean makes a paragraph's text plain: control and format characters
// (a stray \x07, a zero-width space, a line separator, U+FFFF) become
// spaces and runs of spaces one, so every quote of it is a valid YAML
// comment.
func clean(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == utf8.RuneError || !unicode.IsPrint(r) || unicode.Is(unicode.Cf, r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
