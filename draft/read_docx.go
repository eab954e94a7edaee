package draft

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/nhacviec/nhacviec/lang"
)

// ReadDocx reads a Word document (.docx, Office Open XML): the paragraphs
// of word/document.xml in order, with the labels of their automatic
// numbering (from word/numbering.xml), the paragraphs of table cells row
// by row. It reads at most MaxFileSize bytes of r, MaxEntries entries and
// MaxEntrySize bytes of any entry, whatever the sizes the archive claims,
// so a zip bomb is refused with bounded memory.
func ReadDocx(r io.Reader) (*Doc, error) {
	data, err := readAll(r, MaxFileSize)
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, problem(ErrNotDocx, "draft.notdocx", err.Error())
	}
	if len(zr.File) > MaxEntries {
		return nil, problem(ErrTooLarge, "draft.toomanyentries", len(zr.File), MaxEntries)
	}
	var docF, numF *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "word/document.xml":
			docF = f
		case "word/numbering.xml":
			numF = f
		}
	}
	if docF == nil {
		return nil, problem(ErrNotDocx, "draft.notdocx", "word/document.xml")
	}
	num := numbering{}
	if numF != nil {
		if err := num.read(numF); err != nil {
			return nil, err
		}
	}
	rc, err := docF.Open()
	if err != nil {
		return nil, problem(ErrNotDocx, "draft.notdocx", err.Error())
	}
	defer rc.Close()
	return parseDocument(&capped{r: rc, left: MaxEntrySize, name: docF.Name}, num)
}

// capped reads at most left bytes, then fails with ErrTooLarge rather
// than ending the stream as if it were whole.
type capped struct {
	r    io.Reader
	left int64
	name string
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, problem(ErrTooLarge, "draft.entrytoolarge", c.name, MaxEntrySize>>20)
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// attr returns the value of the attribute named local (w:val, w:ilvl…).
func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// xmlError keeps a reader's own Problem (the size cap), and turns any
// other XML error into draft.badxml.
func xmlError(err error) error {
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	return problem(ErrNotDocx, "draft.badxml", err.Error())
}

func parseDocument(r io.Reader, num numbering) (*Doc, error) {
	dec := xml.NewDecoder(r)
	doc := &Doc{Unit: lang.Message{Key: "draft.para"}}
	var (
		text         strings.Builder
		inPara, inT  bool
		numID, ilvl  string
		cells, count int
		tables       int
		stack        []*tablePos // the tables the reader is in, innermost last
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xmlError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "tbl":
				tables++
				stack = append(stack, &tablePos{n: tables, row: -1})
			case "tr":
				if len(stack) > 0 {
					stack[len(stack)-1].row++
					stack[len(stack)-1].col = -1
				}
			case "tc":
				cells++
				if len(stack) > 0 {
					stack[len(stack)-1].col++
				}
			case "p":
				inPara, numID, ilvl = true, "", "0"
				text.Reset()
			case "numId":
				numID = attr(t, "val")
			case "ilvl":
				ilvl = attr(t, "val")
			case "t":
				inT = true
			case "tab":
				text.WriteByte(' ')
			case "br", "cr":
				text.WriteByte(' ')
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "tc":
				cells--
			case "tbl":
				if len(stack) > 0 {
					stack = stack[:len(stack)-1]
				}
			case "t":
				inT = false
			case "p":
				if !inPara {
					break
				}
				inPara = false
				count++
				s := clean(text.String())
				label := num.label(numID, ilvl)
				if s == "" {
					continue
				}
				if len(doc.Paras) >= MaxParagraphs {
					return nil, problem(ErrTooLarge, "draft.toomanyparas", MaxParagraphs)
				}
				p := Paragraph{N: count, Label: label, Text: s, Cell: cells > 0}
				if len(stack) > 0 {
					top := stack[len(stack)-1]
					p.Table, p.Row, p.Col = top.n, max(top.row, 0), max(top.col, 0)
				}
				doc.Paras = append(doc.Paras, p)
			}
		case xml.CharData:
			if inPara && inT {
				text.Write(t)
			}
		}
	}
	return doc, nil
}

// tablePos is where the reader is in a table.
type tablePos struct{ n, row, col int }

// level is one level of a numbering definition.
type level struct {
	format string // decimal, upperRoman, lowerLetter, bullet…
	text   string // "%1.", "%2)"
}

// numbering holds word/numbering.xml: each list's levels, and while the
// document is read, each list's counters.
type numbering struct {
	abstract map[string]map[int]level // abstractNumId → levels
	nums     map[string]string        // numId → abstractNumId
	counters map[string]*[9]int
}

func (n *numbering) read(f *zip.File) error {
	rc, err := f.Open()
	if err != nil {
		return problem(ErrNotDocx, "draft.notdocx", err.Error())
	}
	defer rc.Close()
	n.abstract, n.nums = map[string]map[int]level{}, map[string]string{}
	dec := xml.NewDecoder(&capped{r: rc, left: MaxEntrySize, name: f.Name})
	var abs, num string
	lvl := -1
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return xmlError(err)
		}
		e, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch e.Name.Local {
		case "abstractNum":
			abs, num = attr(e, "abstractNumId"), ""
			if n.abstract[abs] == nil {
				n.abstract[abs] = map[int]level{}
			}
		case "lvl":
			lvl, _ = strconv.Atoi(attr(e, "ilvl"))
		case "numFmt":
			if abs != "" && lvl >= 0 {
				l := n.abstract[abs][lvl]
				l.format = attr(e, "val")
				n.abstract[abs][lvl] = l
			}
		case "lvlText":
			if abs != "" && lvl >= 0 {
				l := n.abstract[abs][lvl]
				l.text = attr(e, "val")
				n.abstract[abs][lvl] = l
			}
		case "num":
			num, abs = attr(e, "numId"), ""
		case "abstractNumId":
			if num != "" {
				n.nums[num] = attr(e, "val")
			}
		}
	}
}

// label counts a numbered paragraph and returns its label, "" for a
// paragraph not numbered.
func (n *numbering) label(numID, ilvl string) string {
	if numID == "" || numID == "0" {
		return ""
	}
	lv, err := strconv.Atoi(ilvl)
	if err != nil || lv < 0 || lv > 8 {
		lv = 0
	}
	if n.counters == nil {
		n.counters = map[string]*[9]int{}
	}
	c := n.counters[numID]
	if c == nil {
		c = new([9]int)
		n.counters[numID] = c
	}
	c[lv]++
	for i := lv + 1; i < 9; i++ {
		c[i] = 0
	}
	levels := n.abstract[n.nums[numID]]
	l, ok := levels[lv]
	if !ok {
		l = level{format: "decimal", text: "%" + strconv.Itoa(lv+1) + "."}
	}
	if l.format == "bullet" {
		return "-"
	}
	out := l.text
	for i := 0; i <= lv; i++ {
		out = strings.ReplaceAll(out, "%"+strconv.Itoa(i+1), formatNumber(levels[i].format, c[i]))
	}
	return out
}

func formatNumber(format string, n int) string {
	switch format {
	case "upperRoman":
		return roman(n)
	case "lowerRoman":
		return strings.ToLower(roman(n))
	case "lowerLetter":
		return string(rune('a' + (n-1)%26))
	case "upperLetter":
		return string(rune('A' + (n-1)%26))
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v && b.Len() < 20 {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// Read reads a plan document named name (for its extension): a .docx, or
// text. A file that starts like a zip archive is read as a .docx whatever
// its name.
func Read(name string, r io.Reader) (*Doc, error) {
	data, err := readAll(r, MaxFileSize)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(strings.ToLower(name), ".docx") || bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return ReadDocx(bytes.NewReader(data))
	}
	if strings.HasSuffix(strings.ToLower(name), ".doc") {
		return nil, problem(ErrNotDocx, "draft.olddoc")
	}
	return parseText(data)
}
