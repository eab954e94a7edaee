package config

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
	"go.yaml.in/yaml/v3"
)

// loader walks YAML nodes, collecting every problem with its position
// instead of stopping at the first.
type loader struct {
	// ctx stops the load early (check interrupted); interrupted tells
	// that it did, and was reported.
	ctx         context.Context
	interrupted bool
	file        string
	diags       Diagnostics
	// src is the text of file, for positions inside a value (templates).
	src []byte
	// badIDs are ids declared with a mistake, so references to them repeat
	// the advice instead of calling them unknown.
	badIDs map[string]bool
	// idPos is where each plan's id is written, for a duplicate.
	idPos map[*plan.Plan]plan.Pos
	// suggested counts the searches for a "did you mean", which stop at
	// maxSuggestions.
	suggested int
}

// stopped reports whether the load was cancelled, recording it once.
func (l *loader) stopped() bool {
	if l.ctx == nil || l.ctx.Err() == nil {
		return false
	}
	if !l.interrupted {
		l.interrupted = true
		l.report(plan.Pos{File: l.file}, Error, "load.interrupted")
	}
	return true
}

// noun names a kind of thing in the file, for messages.
func noun(what string) lang.Message { return lang.Message{Key: "noun." + what} }

func (l *loader) pos(n *yaml.Node) plan.Pos {
	if n == nil {
		return plan.Pos{File: l.file}
	}
	return plan.Pos{File: l.file, Line: n.Line, Col: n.Column}
}

func (l *loader) report(p plan.Pos, sev Severity, key string, args ...any) {
	l.diags = append(l.diags, Diagnostic{Pos: p, Severity: sev, Msg: lang.Message{Key: key, Args: args}})
}

// errorAt records an error at n.
func (l *loader) errorAt(n *yaml.Node, key string, args ...any) {
	l.report(l.pos(n), Error, key, args...)
}

// warnAt records a warning at n.
func (l *loader) warnAt(n *yaml.Node, key string, args ...any) {
	l.report(l.pos(n), Warning, key, args...)
}

// fail records err at n: a Message keeps its key, anything else is shown as is.
func (l *loader) fail(n *yaml.Node, err error) {
	if m, ok := err.(lang.Message); ok {
		l.errorAt(n, m.Key, m.Args...)
		return
	}
	l.errorAt(n, "yaml.other", err.Error())
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// kindName names a node's kind for a person.
func kindName(n *yaml.Node) lang.Message {
	switch resolve(n).Kind {
	case yaml.MappingNode:
		return lang.Message{Key: "kind.mapping"}
	case yaml.SequenceNode:
		return lang.Message{Key: "kind.sequence"}
	}
	return lang.Message{Key: "kind.scalar"}
}

// field is one key of a mapping: its handler gets the value node.
type fields map[string]func(v *yaml.Node)

// mapping checks that n is a mapping, reports duplicate and unknown keys
// (suggesting the nearest known one), and calls the handler of each key in
// file order. what names the mapping for messages.
func (l *loader) mapping(n *yaml.Node, what string, fs fields) bool {
	n = resolve(n)
	if n == nil || isNull(n) {
		return false
	}
	if n.Kind != yaml.MappingNode {
		l.errorAt(n, "type.mapping", what, kindName(n))
		return false
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		if seen[key] {
			l.errorAt(k, "key.duplicate", key, what)
			continue
		}
		seen[key] = true
		h, ok := fs[key]
		if !ok {
			l.unknownKey(k, what, fs)
			continue
		}
		if h != nil {
			h(v)
		}
	}
	return true
}

func (l *loader) unknownKey(k *yaml.Node, what string, fs fields) {
	known := make([]string, 0, len(fs))
	for name := range fs {
		known = append(known, name)
	}
	sort.Strings(known)
	if near := l.nearest(k.Value, known); near != "" {
		l.errorAt(k, "key.unknown.near", k.Value, what, near)
		return
	}
	l.errorAt(k, "key.unknown", k.Value, what, strings.Join(known, ", "))
}

// lookup returns the value of key in mapping n, or nil.
func lookup(n *yaml.Node, key string) *yaml.Node {
	n = resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// scalar returns the text of a scalar node, reporting anything else.
func (l *loader) scalar(n *yaml.Node, what string) (string, bool) {
	n = resolve(n)
	if isNull(n) {
		l.errorAt(n, "type.empty", what)
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		l.errorAt(n, "type.scalar", what, kindName(n))
		return "", false
	}
	return n.Value, true
}

// text is scalar for free text, where an empty value is allowed.
func (l *loader) text(n *yaml.Node, what string) string {
	if isNull(n) {
		return ""
	}
	s, _ := l.scalar(n, what)
	return strings.TrimSpace(s)
}

func (l *loader) integer(n *yaml.Node, what string) (int, bool) {
	s, ok := l.scalar(n, what)
	if !ok {
		return 0, false
	}
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		l.errorAt(n, "type.int", what, s)
		return 0, false
	}
	return v, true
}

func (l *loader) boolean(n *yaml.Node, what string) (bool, bool) {
	s, ok := l.scalar(n, what)
	if !ok {
		return false, false
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	l.errorAt(n, "type.bool", what, s)
	return false, false
}

// list returns the items of a sequence, or the node itself when a single
// scalar stands for a one-item list.
func (l *loader) list(n *yaml.Node, what string) []*yaml.Node {
	n = resolve(n)
	if isNull(n) {
		return nil
	}
	switch n.Kind {
	case yaml.SequenceNode:
		out := make([]*yaml.Node, len(n.Content))
		for i, c := range n.Content {
			out[i] = resolve(c)
		}
		return out
	case yaml.ScalarNode:
		return []*yaml.Node{n}
	}
	l.errorAt(n, "type.list", what, kindName(n))
	return nil
}

// sequence is list for items that are mappings: a single scalar is not
// accepted in their place.
func (l *loader) sequence(n *yaml.Node, what string) []*yaml.Node {
	n = resolve(n)
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		l.errorAt(n, "type.sequence", what, kindName(n))
		return nil
	}
	out := make([]*yaml.Node, len(n.Content))
	for i, c := range n.Content {
		out[i] = resolve(c)
	}
	return out
}

// Bounds on the "did you mean" searches, so that their cost stays linear
// in the number of ids whatever the file: a search looks at most at
// maxCandidates ids of nearly the same length, only for a name of at most
// maxSuggestLen runes, and one load makes at most maxSuggestions searches
// (later unknown names get the message without a suggestion).
const (
	maxSuggestions = 100
	maxCandidates  = 1000
	maxSuggestLen  = 64
)

// nearest returns the candidate within edit distance 2 of s, if any.
func (l *loader) nearest(s string, candidates []string) string {
	if l.suggested >= maxSuggestions || len(s) > 4*maxSuggestLen {
		return ""
	}
	l.suggested++
	n := utf8.RuneCountInString(s)
	if n > maxSuggestLen {
		return ""
	}
	best, bestD, tried := "", 3, 0
	for _, c := range candidates {
		// Two runes inserted or deleted are at most 8 bytes.
		if len(c) > len(s)+8 || len(c)+8 < len(s) {
			continue
		}
		if m := utf8.RuneCountInString(c); m > n+2 || m+2 < n {
			continue
		}
		if tried++; tried > maxCandidates {
			break
		}
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
