package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nhacviec/nhacviec/plan"
	"go.yaml.in/yaml/v3"
)

// ReadFileFunc reads a file named in the configuration. Load uses
// ReadFile; tests and the fuzzer pass their own.
type ReadFileFunc func(name string) ([]byte, error)

// MaxFileSize is the largest configuration or plan file Load reads: a
// plan of a commune's year is a few dozen kilobytes.
const MaxFileSize = 10 << 20

// Errors of ReadFile, besides those of the file system.
var (
	// ErrNotRegular is a path to a device, a pipe or a folder.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge is a file over MaxFileSize.
	ErrTooLarge = errors.New("file too large")
)

// ReadFile reads a configuration or plan file. It refuses, without reading
// them, what is not a regular file (/dev/zero, a FIFO, which would block)
// and a file over MaxFileSize.
func ReadFile(name string) ([]byte, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("read %s: %w", name, ErrNotRegular)
	}
	if fi.Size() > MaxFileSize {
		return nil, fmt.Errorf("read %s: %w", name, ErrTooLarge)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// The file can grow between Stat and here; read one byte more than
	// allowed to notice.
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("read %s: %w", name, ErrTooLarge)
	}
	return data, nil
}

// Load reads and validates the configuration file at path, with the plan
// files it names (relative to its folder). The returned Config is never
// nil, but it may be used only when the diagnostics hold no error; its
// Service.Language tells in which language to show them.
func Load(path string) (*plan.Config, Diagnostics) {
	return LoadContext(context.Background(), path)
}

// LoadContext is Load, stopped early when ctx is done (check interrupted
// by SIGINT): the diagnostics then end with an error saying so.
func LoadContext(ctx context.Context, path string) (*plan.Config, Diagnostics) {
	return parse(ctx, path, nil, ReadFile)
}

// Parse is Load for a file already read: data is the content of name, or
// nil to read it with readFile.
func Parse(name string, data []byte, readFile ReadFileFunc) (*plan.Config, Diagnostics) {
	return parse(context.Background(), name, data, readFile)
}

// configKeys are the keys of the configuration's top level.
var configKeys = []string{"service", "channels", "units", "groups", "plans"}

// planKeys are the keys of a plan.
var planKeys = []string{"id", "title", "issuer", "number", "year", "timezone", "from", "to", "owner", "distribute", "tasks", "templates"}

func parse(ctx context.Context, name string, data []byte, readFile ReadFileFunc) (_ *plan.Config, diags Diagnostics) {
	l := &loader{ctx: ctx, file: name, idPos: map[*plan.Plan]plan.Pos{}}
	defer func() {
		l.diags.Sort()
		diags = l.diags
	}()
	cfg := &plan.Config{File: name, Service: defaultService(), Units: map[string]*plan.Unit{}, Groups: map[string][]string{}}
	if data == nil {
		var err error
		data, err = readFile(name)
		if err != nil {
			l.readError(plan.Pos{File: name}, name, err, false)
			return cfg, l.diags
		}
	}
	if len(data) > MaxFileSize {
		l.readError(plan.Pos{File: name}, name, ErrTooLarge, false)
		return cfg, l.diags
	}
	root := l.document(data, "config")
	if root == nil || !l.topLevel(root, "config", configKeys, "file.notconfig") {
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
	if l.stopped() {
		return cfg, l.diags
	}
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
		if l.stopped() {
			return cfg, l.diags
		}
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
	return cfg, l.diags
}

// readError reports at pos that the file name cannot be read.
func (l *loader) readError(pos plan.Pos, name string, err error, planFile bool) {
	switch {
	case errors.Is(err, ErrNotRegular):
		l.report(pos, Error, "file.notregular", name)
	case errors.Is(err, ErrTooLarge):
		l.report(pos, Error, "file.toolarge", name, MaxFileSize>>20)
	case errors.Is(err, fs.ErrNotExist) && planFile:
		l.report(pos, Error, "file.planmissing", name)
	case errors.Is(err, fs.ErrNotExist):
		l.report(pos, Error, "file.missing", name)
	case errors.Is(err, fs.ErrPermission):
		l.report(pos, Error, "file.permission", name)
	default:
		l.report(pos, Error, "file.unreadable", name)
	}
}

// planFile loads a plan kept in a file of its own.
func (l *loader) planFile(n *yaml.Node, dir string, readFile ReadFileFunc, cfg *plan.Config) {
	name := n.Value
	if !filepath.IsAbs(name) {
		name = filepath.Join(dir, name)
	}
	data, err := readFile(name)
	if err == nil && len(data) > MaxFileSize {
		err = ErrTooLarge
	}
	if err != nil {
		l.readError(l.pos(n), name, err, true)
		return
	}
	outer, outerSrc := l.file, l.src
	l.file = name
	defer func() { l.file, l.src = outer, outerSrc }()
	root := l.document(data, "plan")
	if root == nil || !l.topLevel(root, "plan", planKeys, "file.notplan") {
		return
	}
	if p := l.plan(root, cfg); p != nil {
		p.File = name
		cfg.Plans = append(cfg.Plans, p)
	}
}

// document parses the one YAML document of a file, turning syntax errors
// into positioned diagnostics. It refuses a file that is not text, a
// second document, and aliases: one alias may stand for a tree of any
// size, and the loader walks what it is given.
func (l *loader) document(data []byte, what string) *yaml.Node {
	l.src = data
	if !isText(data) {
		// Never quote such a file: it may be a secret given by mistake.
		l.report(plan.Pos{File: l.file}, Error, "file.binary", l.file)
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		l.syntaxError(data, err)
		return nil
	}
	if len(doc.Content) == 0 || isNull(doc.Content[0]) {
		l.report(plan.Pos{File: l.file, Line: 1, Col: 1}, Error, "file.empty", what)
		return nil
	}
	root := doc.Content[0]
	var next yaml.Node
	if err := dec.Decode(&next); err != io.EOF {
		l.report(plan.Pos{File: l.file, Line: secondDocLine(data, root.Line), Col: 1}, Error, "yaml.seconddoc")
	}
	bad := false
	stack := []*yaml.Node{root}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Kind == yaml.AliasNode {
			l.errorAt(n, "yaml.alias")
			bad = true
			continue
		}
		stack = append(stack, n.Content...)
	}
	if bad {
		return nil
	}
	return root
}

// isText reports whether data is UTF-8 text without control characters
// other than TAB, CR and LF: what a person writes in an editor.
func isText(data []byte) bool {
	if !utf8.Valid(data) {
		return false
	}
	for _, c := range data {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
			return false
		}
	}
	return true
}

// secondDocLine returns the line of the "---" (or "...") that ends the
// document starting at line first, or first when there is none.
func secondDocLine(data []byte, first int) int {
	for i, line := range strings.Split(string(data), "\n") {
		if i+1 <= first {
			continue
		}
		if strings.HasPrefix(line, "---") || strings.HasPrefix(line, "...") {
			return i + 1
		}
	}
	return first
}

// topLevel checks that the root of a file is a mapping holding at least
// one of keys. A file with none of them is another file given by mistake
// (a password file, an unrelated YAML): notKey says so without quoting
// any of its lines.
func (l *loader) topLevel(root *yaml.Node, what string, keys []string, notKey string) bool {
	if root.Kind != yaml.MappingNode {
		l.errorAt(root, "type.mapping", what, kindName(root))
		return false
	}
	for i := 0; i < len(root.Content); i += 2 {
		if slices.Contains(keys, root.Content[i].Value) {
			return true
		}
	}
	if len(root.Content) == 0 {
		return true
	}
	l.errorAt(root, notKey)
	return false
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
