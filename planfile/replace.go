package planfile

import (
	"fmt"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/plan"
)

// Replace returns src, the text of d's file, with d's plan replaced by
// text, the plan written as a file of its own (as Extract returns it): the
// whole file when the plan has its own, else its entry of plans:,
// indented as the entry was, every other line of the configuration kept
// byte for byte. Replace does not check the result: Load and SaveText do.
func (d *Doc) Replace(src, text []byte) ([]byte, error) {
	if d.Root == "" {
		return text, nil
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil || len(doc.Content) == 0 {
		return nil, fmt.Errorf("replace %s in %s: not a configuration", d.Root, d.File)
	}
	item, err := find(doc.Content[0], d.Root)
	if err != nil {
		return nil, fmt.Errorf("replace %s in %s: %w", d.Root, d.File, err)
	}
	n := item.node
	if n.Kind != yaml.MappingNode || n.Style&yaml.FlowStyle != 0 || len(n.Content) == 0 {
		return nil, fmt.Errorf("replace %s in %s: %w", d.Root, d.File, ErrCannotEdit)
	}
	lines := strings.SplitAfter(string(src), "\n")
	first, col := n.Line, n.Column
	last := entryEnd(lines, n) // the entry's lines, as Extract takes them
	var b strings.Builder
	for _, l := range lines[:first-1] {
		b.WriteString(l)
	}
	pad := strings.Repeat(" ", col-1)
	body := strings.TrimRight(string(text), "\n")
	for i, l := range strings.Split(body, "\n") {
		switch {
		case i == 0:
			b.WriteString(string([]rune(lines[first-1])[:col-1]))
		case strings.TrimSpace(l) != "":
			b.WriteString(pad)
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
	for _, l := range lines[last:] {
		b.WriteString(l)
	}
	return []byte(b.String()), nil
}

// Load loads the configuration as it would be with data as the text of
// d's file (nothing written): the candidate of a preview.
func (d *Doc) Load(data []byte) (*plan.Config, config.Diagnostics) {
	file := filepath.Clean(d.File)
	read := func(name string) ([]byte, error) {
		if filepath.Clean(name) == file {
			return data, nil
		}
		return config.ReadFile(name)
	}
	return config.Parse(d.Config, nil, read)
}

// SaveText replaces d's plan by text (see Replace) as Save makes edits:
// if the file's ETag is still etag (else ErrStale), checked (else a
// *CheckError, nothing written), atomically, recorded in h as saved by
// who. It returns the new ETag.
func (d *Doc) SaveText(h History, who, etag string, text []byte) (string, error) {
	return d.save(h, who, etag, func(old []byte) ([]byte, error) {
		out, err := d.Replace(old, text)
		if err != nil {
			return nil, err
		}
		if err := d.Check(out); err != nil {
			return nil, err
		}
		return out, nil
	})
}
