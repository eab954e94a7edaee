package planfile

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The items of a block sequence as text: each item runs from the comment
// lines just above its dash to the last line indented deeper than the
// dash. Inserting, deleting and moving items moves those lines whole, and
// keeps the blank line the file puts between items, if it does.

// span is an item's text: src[start:end], whole lines.
type span struct{ start, end int }

// dash returns the offset of the start of the line of item's dash and the
// dash's column (from 0).
func (t *text) dash(item *yaml.Node) (int, int, error) {
	off, ok := t.offset(item.Line, item.Column)
	if !ok {
		return 0, 0, fmt.Errorf("no position: %w", ErrCannotEdit)
	}
	i := off - 1
	for i >= 0 && (t.src[i] == ' ' || t.src[i] == '\n' || t.src[i] == '\r') {
		i--
	}
	if i < 0 || t.src[i] != '-' {
		return 0, 0, fmt.Errorf("an item without its dash: %w", ErrCannotEdit)
	}
	start := bytesLastLine(t.src, i)
	return start, i - start, nil
}

func bytesLastLine(src []byte, i int) int {
	for i > 0 && src[i-1] != '\n' {
		i--
	}
	return i
}

// lineOf returns the line (from 1) holding off.
func (t *text) lineOf(off int) int {
	n := 1
	for n < len(t.lines) && t.lines[n] <= off {
		n++
	}
	return n
}

// item returns the span of seq's item i, and the dash's column.
func (t *text) item(seq *yaml.Node, i int) (span, int, error) {
	start, col, err := t.dash(seq.Content[i])
	if err != nil {
		return span{}, 0, err
	}
	first := t.lineOf(start)
	end := t.blockEnd(max(first, lastLine(seq.Content[i])), col)
	for first > 1 {
		l := t.line(first - 1)
		if !strings.HasPrefix(strings.TrimSpace(l), "#") || indentOf(l) < col {
			break
		}
		first--
	}
	return span{t.lines[first-1], end}, col, nil
}

// blankBefore reports whether the line before off is blank.
func (t *text) blankBefore(off int) bool {
	n := t.lineOf(off)
	return n > 1 && strings.TrimSpace(t.line(n-1)) == ""
}

// blankAfter returns the end of the blank line at off, or off.
func (t *text) blankAfter(off int) int {
	if off < len(t.src) && strings.TrimSpace(t.line(t.lineOf(off))) == "" {
		return t.lines[t.lineOf(off)-1] + len(t.line(t.lineOf(off))) + 1
	}
	return off
}

// spaced reports whether the file puts a blank line between seq's items.
func (t *text) spaced(seq *yaml.Node) bool {
	if len(seq.Content) < 2 {
		return false
	}
	s, _, err := t.item(seq, 1)
	return err == nil && t.blankBefore(s.start)
}

func blockSequence(seq *yaml.Node) error {
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return fmt.Errorf("not a sequence: %w", ErrCannotEdit)
	}
	if seq.Style&yaml.FlowStyle != 0 || len(seq.Content) == 0 {
		return fmt.Errorf("a sequence written [in brackets]: %w", ErrCannotEdit)
	}
	return nil
}

// insert writes item into seq at index at, rendered by yaml.v3 at the
// indentation of the sequence's dashes.
func (t *text) insert(seq *yaml.Node, at int, item any) error {
	if err := blockSequence(seq); err != nil {
		return err
	}
	if at < 0 || at > len(seq.Content) {
		return fmt.Errorf("index %d outside 0–%d: %w", at, len(seq.Content), ErrNoPath)
	}
	s, err := render([]any{item})
	if err != nil {
		return err
	}
	_, col, err := t.item(seq, 0)
	if err != nil {
		return err
	}
	pad := strings.Repeat(" ", col)
	lines := strings.SplitAfter(strings.TrimSuffix(s, "\n"), "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			lines[i] = pad + l
		}
	}
	s = strings.Join(lines, "") + "\n"
	return t.put(seq, at, s)
}

// put writes the text of an item, whole lines, so that it becomes item at
// of seq, with a blank line around it when the items are spaced.
func (t *text) put(seq *yaml.Node, at int, s string) error {
	sep := ""
	if t.spaced(seq) {
		sep = "\n"
	}
	if at < len(seq.Content) {
		next, _, err := t.item(seq, at)
		if err != nil {
			return err
		}
		t.replace(next.start, next.start, s+sep)
		return nil
	}
	last, _, err := t.item(seq, len(seq.Content)-1)
	if err != nil {
		return err
	}
	if last.end == len(t.src) && !strings.HasSuffix(string(t.src), "\n") {
		sep = "\n" + sep
	}
	t.replace(last.end, last.end, sep+s)
	return nil
}

// delete removes item i of seq with the comment lines above it, and one
// blank line beside it when the items are spaced.
func (t *text) delete(seq *yaml.Node, i int) error {
	_, err := t.cut(seq, i)
	return err
}

// cut deletes item i and returns its text.
func (t *text) cut(seq *yaml.Node, i int) (string, error) {
	if err := blockSequence(seq); err != nil {
		return "", err
	}
	s, _, err := t.item(seq, i)
	if err != nil {
		return "", err
	}
	body := string(t.src[s.start:s.end])
	if !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	start, end := s.start, s.end
	switch {
	case t.blankAfter(end) > end && i < len(seq.Content)-1:
		end = t.blankAfter(end)
	case t.blankBefore(start) && i > 0:
		start = t.lines[t.lineOf(start)-2]
	}
	t.replace(start, end, "")
	return body, nil
}

// move moves item i of seq to index to.
func (t *text) move(seq *yaml.Node, i, to int) error {
	if to < 0 || to >= len(seq.Content) {
		return fmt.Errorf("index %d outside 0–%d: %w", to, len(seq.Content)-1, ErrNoPath)
	}
	if to == i {
		return nil
	}
	body, err := t.cut(seq, i)
	if err != nil {
		return err
	}
	if to > i {
		to++ // the index in the sequence before the cut
	}
	return t.put(seq, to, body)
}
