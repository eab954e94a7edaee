package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/nhacviec/nhacviec/plan"
	"gopkg.in/yaml.v3"
)

// ReadFileFunc reads a file named in the configuration. Load uses
// os.ReadFile; tests and the fuzzer pass their own.
type ReadFileFunc func(name string) ([]byte, error)

// Load reads and validates the configuration file at path, with the plan
// files it names (relative to its folder). The returned Config is never
// nil, but it may be used only when the diagnostics hold no error; its
// Service.Language tells in which language to show them.
func Load(path string) (*plan.Config, Diagnostics) {
	return Parse(path, nil, os.ReadFile)
}

// Parse is Load for a file already read: data is the content of name, or
// nil to read it with readFile.
func Parse(name string, data []byte, readFile ReadFileFunc) (*plan.Config, Diagnostics) {
	l := &loader{file: name, idPos: map[*plan.Plan]plan.Pos{}}
	cfg := &plan.Config{File: name, Service: defaultService(), Units: map[string]*plan.Unit{}, Groups: map[string][]string{}}
	if data == nil {
		var err error
		data, err = readFile(name)
		if err != nil {
			l.report(plan.Pos{File: name}, Error, readErrorKey(err), name)
			return cfg, l.diags
		}
	}
	root := l.document(data, "config")
	if root == nil {
		return cfg, l.diags
	}
	top := map[string]*yaml.Node{}
	l.mapping(root, "config", fields{
		"service":  func(v *yaml.Node) { top["service"] = v },
		"channels": func(v *yaml.Node) { top["channels"] = v },
		"units":    func(v *yaml.Node) { top["units"] = v },
		"groups":   func(v *yaml.Node) { top["groups"] = v },
		"plans":    func(v *yaml.Node) { top["plans"] = v },
	})
	l.service(top["service"], &cfg.Service)
	cfg.Channels = l.channels(top["channels"])
	l.units(top["units"], cfg)
	l.groups(top["groups"], cfg)
	l.escalations(top["units"], cfg)
	plans := l.sequence(top["plans"], "plans")
	if len(plans) == 0 {
		where := root
		if top["plans"] != nil {
			where = top["plans"]
		}
		l.errorAt(where, "plans.none")
	}
	dir := filepath.Dir(name)
	for _, pn := range plans {
		if pn.Kind == yaml.ScalarNode {
			if l.text(pn, "plans") == "" {
				l.errorAt(pn, "type.empty", "plans")
				continue
			}
			l.planFile(pn, dir, readFile, cfg)
			continue
		}
		if p := l.plan(pn, cfg); p != nil {
			cfg.Plans = append(cfg.Plans, p)
		}
	}
	l.checkPlanIDs(cfg)
	if !l.diags.HasErrors() {
		cfg.Index()
		l.diags = append(l.diags, idleRules(cfg)...)
	}
	l.diags.Sort()
	return cfg, l.diags
}

func readErrorKey(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "file.missing"
	}
	if errors.Is(err, fs.ErrPermission) {
		return "file.permission"
	}
	return "file.unreadable"
}

// planFile loads a plan kept in a file of its own.
func (l *loader) planFile(n *yaml.Node, dir string, readFile ReadFileFunc, cfg *plan.Config) {
	name := n.Value
	if !filepath.IsAbs(name) {
		name = filepath.Join(dir, name)
	}
	data, err := readFile(name)
	if err != nil {
		key := readErrorKey(err)
		if key == "file.missing" {
			key = "file.planmissing"
		}
		l.errorAt(n, key, name)
		return
	}
	outer, outerSrc := l.file, l.src
	l.file = name
	defer func() { l.file, l.src = outer, outerSrc }()
	root := l.document(data, "plan")
	if root == nil {
		return
	}
	if p := l.plan(root, cfg); p != nil {
		p.File = name
		cfg.Plans = append(cfg.Plans, p)
	}
}

// document parses YAML, turning syntax errors into positioned diagnostics.
func (l *loader) document(data []byte, what string) *yaml.Node {
	l.src = data
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		l.syntaxError(data, err)
		return nil
	}
	if len(doc.Content) == 0 || isNull(doc.Content[0]) {
		l.report(plan.Pos{File: l.file, Line: 1, Col: 1}, Error, "file.empty", what)
		return nil
	}
	return doc.Content[0]
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxMessages translates the YAML parser's usual complaints.
var syntaxMessages = []struct{ contains, key string }{
	{"found character that cannot start any token", "yaml.token"},
	{"mapping values are not allowed", "yaml.colon"},
	{"did not find expected key", "yaml.indent"},
	{"could not find expected ':'", "yaml.nocolon"},
	{"did not find expected '-' indicator", "yaml.dash"},
	{"did not find expected node content", "yaml.content"},
	{"found unexpected end of stream", "yaml.eof"},
	{"found unclosed", "yaml.unclosed"},
	{"unknown anchor", "yaml.anchor"},
	{"did not find expected alphabetic or numeric character", "yaml.anchorchar"},
	{"found a tab character", "yaml.token"},
}

func (l *loader) syntaxError(data []byte, err error) {
	// Two mistakes the parser reports far from where they are: a TAB in
	// the indentation, and a quote that is never closed. Look for them
	// first, and point at them.
	if line, col := findTabIndent(data); line > 0 {
		l.report(plan.Pos{File: l.file, Line: line, Col: col}, Error, "yaml.tab")
		return
	}
	if line, col := findUnclosedQuote(data); line > 0 {
		l.report(plan.Pos{File: l.file, Line: line, Col: col}, Error, "yaml.unclosedquote")
		return
	}
	text := err.Error()
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		m := yamlLineRE.FindStringSubmatch(line)
		if m == nil {
			if t, ok := strings.CutPrefix(line, "yaml: "); ok {
				line = t
			}
			if line == "" || line == "unmarshal errors:" {
				continue
			}
			l.report(plan.Pos{File: l.file, Line: 1, Col: 1}, Error, "yaml.syntax", line)
			continue
		}
		n, _ := strconv.Atoi(m[1])
		col := 1
		if src := sourceLine(data, n); src != "" {
			col = len(src) - len(strings.TrimLeft(src, " ")) + 1
		}
		key := "yaml.syntax"
		for _, sm := range syntaxMessages {
			if strings.Contains(m[2], sm.contains) {
				key = sm.key
				break
			}
		}
		l.report(plan.Pos{File: l.file, Line: n, Col: col}, Error, key, m[2])
	}
}

// findTabIndent returns the position of the first TAB in the indentation
// of a line, if any.
func findTabIndent(data []byte) (int, int) {
	for i, line := range strings.Split(string(data), "\n") {
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		if j := strings.IndexByte(indent, '\t'); j >= 0 && strings.TrimSpace(line) != "" {
			return i + 1, j + 1
		}
	}
	return 0, 0
}

// findUnclosedQuote returns the position of a quote that opens a value
// and is not closed on its line. Quoted values in a plan fit on one line.
func findUnclosedQuote(data []byte) (int, int) {
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		var open byte
		at := 0
		for j := 0; j < len(line); j++ {
			c := line[j]
			switch {
			case open == '"' && c == '\\':
				j++
			case open == '"' && c == '"', open == '\'' && c == '\'':
				if open == '\'' && j+1 < len(line) && line[j+1] == '\'' {
					j++
					continue
				}
				open = 0
			case open == 0 && (c == '"' || c == '\''):
				// A quote opens a value only after a separator.
				if j == 0 || strings.ContainsRune(" \t:[{,-", rune(line[j-1])) {
					open, at = c, j
				}
			case open == 0 && c == '#' && (j == 0 || line[j-1] == ' '):
				j = len(line)
			}
		}
		if open != 0 {
			return i + 1, at + 1
		}
	}
	return 0, 0
}

func sourceLine(data []byte, n int) string {
	lines := strings.Split(string(data), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimRight(lines[n-1], "\r")
}
