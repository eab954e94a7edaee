package notify

import (
	"bytes"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"text/template/parse"
	"time"
)

// The embedded templates run on every message, and text/template spends
// most of a message's CPU time on what makes it general: each function
// call, eq included, goes through reflect.Value.Call, and each field is
// looked up by name. fastSet runs the same parse trees, for the subset of
// text/template that the embedded files use, calling the functions
// directly and finding fields by a precomputed index. It steps aside
// (errSlow) on anything else: a construct outside the subset when it
// compiles a set, and at run time a value it does not handle, a nil
// pointer or an error; execute then runs text/template itself, so the
// output, or the error, is always text/template's. The HTML layout runs
// the same way, on the tree html/template has added its escaping to, for
// values these functions write as they are (see htmlFuncs). A plan's own
// templates always run in text/template.
//
// The tests hold the executors to the same output on every embedded
// template, for every message of the test plans and for random views, and
// fail should a construct outside the subset come into an embedded file.

// errSlow is how the fast executor steps aside for text/template.
var errSlow = errors.New("left to text/template")

// maxFastDepth bounds nested template calls; deeper ones are left to
// text/template, which has its own limit.
const maxFastDepth = 100

// fastSets holds the compiled version of each embedded set, by set.
var fastSets sync.Map // *template.Template → *fastSet

// fastSet is a set of templates compiled for the fast executor.
type fastSet struct {
	templates map[string]fastNode
}

// fastNode writes a node of a template for dot.
type fastNode func(s *fastState, dot reflect.Value) error

// fastEval evaluates a pipeline, command or argument.
type fastEval func(s *fastState, dot reflect.Value) (reflect.Value, error)

type fastVar struct {
	name  string
	value reflect.Value
}

// fastState is one execution: text/template's state, without what the
// subset does not need.
type fastState struct {
	set  *fastSet
	w    *bytes.Buffer
	vars []fastVar
	// args is a stack of the arguments of the calls under way, which
	// are not allocated each on its own.
	args []reflect.Value
	// base is where the variables of the template being run start in
	// vars: a template sees none of its caller's.
	base  int
	depth int
}

// fastCompiler compiles parse trees that call funcs.
type fastCompiler struct {
	funcs map[string]fastFunc
	// callees are the templates called, filled in once all are compiled.
	callees map[string]*fastNode
}

// callee returns where the template name will be, once compiled.
func (c *fastCompiler) callee(name string) *fastNode {
	if c.callees[name] == nil {
		c.callees[name] = new(fastNode)
	}
	return c.callees[name]
}

// fastFunc is a function of the subset: it returns errSlow for arguments
// it leaves to text/template.
type fastFunc struct {
	min, max int // number of arguments
	call     func(args []reflect.Value) (reflect.Value, error)
}

// compileFast compiles every template of a text set, or fails on the
// first construct outside the subset.
func compileFast(set *template.Template) (*fastSet, error) {
	trees := map[string]*parse.Tree{}
	for _, t := range set.Templates() {
		trees[t.Name()] = t.Tree
	}
	return compileTrees(trees, textFuncs)
}

// compileTrees compiles templates by name, calling funcs.
func compileTrees(trees map[string]*parse.Tree, funcs map[string]fastFunc) (*fastSet, error) {
	c := &fastCompiler{funcs: funcs, callees: map[string]*fastNode{}}
	fs := &fastSet{templates: map[string]fastNode{}}
	for name, tree := range trees {
		if tree == nil || tree.Root == nil {
			continue
		}
		n, err := c.compileNode(tree.Root)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		fs.templates[name] = n
	}
	for name, callee := range c.callees {
		*callee = fs.templates[name] // nil for none: left to text/template
	}
	return fs, nil
}

// registerFast compiles a text set and keeps it for execute.
func registerFast(set *template.Template) error {
	fs, err := compileFast(set)
	if err != nil {
		return err
	}
	fastSets.Store(set, fs)
	return nil
}

// execute runs template name of fs on data into w, which it may leave
// partly written when it returns an error.
func (fs *fastSet) execute(w *bytes.Buffer, name string, data any) error {
	n := fs.templates[name]
	if n == nil {
		return errSlow
	}
	dot := reflect.ValueOf(data)
	s := fastStates.Get().(*fastState)
	s.set, s.w = fs, w
	s.vars = append(s.vars[:0], fastVar{"$", dot})
	err := n(s, dot)
	clear(s.vars[:cap(s.vars)])
	clear(s.args[:cap(s.args)])
	*s = fastState{vars: s.vars[:0], args: s.args[:0]}
	fastStates.Put(s)
	return err
}

var fastStates = sync.Pool{New: func() any { return new(fastState) }}

func unsupported(n parse.Node) error {
	return fmt.Errorf("%s is not in the fast subset", n)
}

func (c *fastCompiler) compileNode(node parse.Node) (fastNode, error) {
	switch n := node.(type) {
	case *parse.ListNode:
		var nodes []fastNode
		for _, node := range n.Nodes {
			f, err := c.compileNode(node)
			if err != nil {
				return nil, err
			}
			if f != nil {
				nodes = append(nodes, f)
			}
		}
		return func(s *fastState, dot reflect.Value) error {
			for _, f := range nodes {
				if err := f(s, dot); err != nil {
					return err
				}
			}
			return nil
		}, nil
	case *parse.TextNode:
		text := n.Text
		return func(s *fastState, _ reflect.Value) error {
			s.w.Write(text)
			return nil
		}, nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		pipe, err := c.compilePipe(n.Pipe)
		if err != nil {
			return nil, err
		}
		if len(n.Pipe.Decl) > 0 {
			return func(s *fastState, dot reflect.Value) error {
				_, err := pipe(s, dot)
				return err
			}, nil
		}
		return func(s *fastState, dot reflect.Value) error {
			v, err := pipe(s, dot)
			if err != nil {
				return err
			}
			return s.print(v)
		}, nil
	case *parse.IfNode:
		return c.compileIfOrWith(n.Pipe, n.List, n.ElseList, false)
	case *parse.WithNode:
		return c.compileIfOrWith(n.Pipe, n.List, n.ElseList, true)
	case *parse.RangeNode:
		return c.compileRange(n)
	case *parse.TemplateNode:
		return c.compileTemplateCall(n)
	}
	return nil, unsupported(node)
}

func (c *fastCompiler) compileList(list *parse.ListNode) (fastNode, error) {
	if list == nil {
		return nil, nil
	}
	return c.compileNode(list)
}

func (c *fastCompiler) compileIfOrWith(p *parse.PipeNode, list, elseList *parse.ListNode, with bool) (fastNode, error) {
	pipe, err := c.compilePipe(p)
	if err != nil {
		return nil, err
	}
	then, err := c.compileList(list)
	if err != nil {
		return nil, err
	}
	els, err := c.compileList(elseList)
	if err != nil {
		return nil, err
	}
	return func(s *fastState, dot reflect.Value) error {
		mark := len(s.vars)
		defer s.pop(mark)
		v, err := pipe(s, dot)
		if err != nil {
			return err
		}
		truth, ok := isTrue(indirectInterface(v))
		if !ok {
			return errSlow
		}
		switch {
		case truth && with:
			return then(s, v)
		case truth:
			return then(s, dot)
		case els != nil:
			return els(s, dot)
		}
		return nil
	}, nil
}

func (c *fastCompiler) compileRange(n *parse.RangeNode) (fastNode, error) {
	if len(n.Pipe.Decl) > 0 {
		return nil, unsupported(n)
	}
	pipe, err := c.compilePipe(n.Pipe)
	if err != nil {
		return nil, err
	}
	body, err := c.compileList(n.List)
	if err != nil {
		return nil, err
	}
	els, err := c.compileList(n.ElseList)
	if err != nil {
		return nil, err
	}
	return func(s *fastState, dot reflect.Value) error {
		mark := len(s.vars)
		defer s.pop(mark)
		v, err := pipe(s, dot)
		if err != nil {
			return err
		}
		v, _ = indirect(v)
		switch v.Kind() {
		case reflect.Array, reflect.Slice:
			for i := range v.Len() {
				if err := body(s, v.Index(i)); err != nil {
					return err
				}
				s.pop(mark)
			}
			if v.Len() > 0 {
				return nil
			}
		case reflect.Invalid:
		default:
			return errSlow
		}
		if els != nil {
			return els(s, dot)
		}
		return nil
	}, nil
}

func (c *fastCompiler) compileTemplateCall(n *parse.TemplateNode) (fastNode, error) {
	var pipe fastEval
	if n.Pipe != nil {
		var err error
		if pipe, err = c.compilePipe(n.Pipe); err != nil {
			return nil, err
		}
	}
	called := c.callee(n.Name)
	return func(s *fastState, dot reflect.Value) error {
		callee := *called
		if callee == nil || s.depth >= maxFastDepth {
			return errSlow
		}
		var arg reflect.Value
		if pipe != nil {
			var err error
			if arg, err = pipe(s, dot); err != nil {
				return err
			}
		}
		// No dynamic scoping: the callee sees $ and nothing else.
		base := s.base
		s.base = len(s.vars)
		s.vars = append(s.vars, fastVar{"$", arg})
		s.depth++
		err := callee(s, arg)
		s.depth--
		s.vars, s.base = s.vars[:s.base], base
		return err
	}, nil
}

// compilePipe compiles a pipeline: a command, then function calls each
// given the value before as its last argument.
func (c *fastCompiler) compilePipe(p *parse.PipeNode) (fastEval, error) {
	if p == nil || p.IsAssign || len(p.Cmds) == 0 || len(p.Decl) > 1 {
		return nil, unsupported(p)
	}
	cmds := make([]fastCall, len(p.Cmds))
	for i, cmd := range p.Cmds {
		var err error
		if cmds[i], err = c.compileCommand(cmd, i > 0); err != nil {
			return nil, err
		}
	}
	eval := func(s *fastState, dot reflect.Value) (reflect.Value, error) {
		var v reflect.Value
		for i, cmd := range cmds {
			var err error
			if v, err = cmd(s, dot, v, i > 0); err != nil {
				return v, err
			}
			if v.Kind() == reflect.Interface && v.Type().NumMethod() == 0 {
				v = v.Elem()
			}
		}
		return v, nil
	}
	if len(p.Decl) == 0 {
		return eval, nil
	}
	name := p.Decl[0].Ident[0]
	return func(s *fastState, dot reflect.Value) (reflect.Value, error) {
		v, err := eval(s, dot)
		if err == nil {
			s.vars = append(s.vars, fastVar{name, v})
		}
		return v, err
	}, nil
}

// fastCall evaluates a command of a pipeline; final is the value of the
// command before, if hasFinal.
type fastCall func(s *fastState, dot, final reflect.Value, hasFinal bool) (reflect.Value, error)

// compileCommand compiles a command, which takes the value before as its
// last argument if final.
func (c *fastCompiler) compileCommand(cmd *parse.CommandNode, final bool) (fastCall, error) {
	if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok {
		return c.compileCall(id.Ident, cmd.Args[1:], final, cmd)
	}
	if len(cmd.Args) != 1 || final {
		return nil, unsupported(cmd)
	}
	arg, err := c.compileArg(cmd.Args[0])
	if err != nil {
		return nil, err
	}
	return func(s *fastState, dot, _ reflect.Value, _ bool) (reflect.Value, error) { return arg(s, dot) }, nil
}

// compileArg compiles an operand: a field chain, a variable, dot, a
// constant, or a parenthesized pipeline.
func (c *fastCompiler) compileArg(node parse.Node) (fastEval, error) {
	switch n := node.(type) {
	case *parse.DotNode:
		return func(_ *fastState, dot reflect.Value) (reflect.Value, error) { return dot, nil }, nil
	case *parse.FieldNode:
		chain := newFieldChain(n.Ident)
		return func(_ *fastState, dot reflect.Value) (reflect.Value, error) {
			return chain.eval(dot)
		}, nil
	case *parse.VariableNode:
		name, chain := n.Ident[0], newFieldChain(n.Ident[1:])
		return func(s *fastState, _ reflect.Value) (reflect.Value, error) {
			v, ok := s.variable(name)
			if !ok {
				return v, errSlow
			}
			return chain.eval(v)
		}, nil
	case *parse.PipeNode:
		if len(n.Decl) > 0 {
			return nil, unsupported(n)
		}
		return c.compilePipe(n)
	case *parse.StringNode:
		v := reflect.ValueOf(n.Text)
		return func(*fastState, reflect.Value) (reflect.Value, error) { return v, nil }, nil
	case *parse.BoolNode:
		v := reflect.ValueOf(n.True)
		return func(*fastState, reflect.Value) (reflect.Value, error) { return v, nil }, nil
	case *parse.NumberNode:
		// A plain decimal integer, which text/template makes an int.
		if !n.IsInt || strconv.Itoa(int(n.Int64)) != n.Text {
			return nil, unsupported(n)
		}
		v := reflect.ValueOf(int(n.Int64))
		return func(*fastState, reflect.Value) (reflect.Value, error) { return v, nil }, nil
	}
	return nil, unsupported(node)
}

// textFuncs are the functions of the subset: the builtins the embedded
// templates use, and the package's funcs, called with values of the exact
// types they take.
var textFuncs = map[string]fastFunc{
	"eq":  {2, 4, fastEq},
	"gt":  {2, 2, fastGt},
	"len": {1, 1, fastLen},
	"not": {1, 1, func(args []reflect.Value) (reflect.Value, error) {
		return reflect.ValueOf(!truth(args[0])), nil
	}},
	"date": {1, 1, func(args []reflect.Value) (reflect.Value, error) {
		t, ok := timeOf(args[0])
		if !ok {
			return reflect.Value{}, errSlow
		}
		return reflect.ValueOf(formatDate(t)), nil
	}},
	"datetime": {1, 1, func(args []reflect.Value) (reflect.Value, error) {
		t, ok := timeOf(args[0])
		if !ok {
			return reflect.Value{}, errSlow
		}
		return reflect.ValueOf(formatDateTime(t)), nil
	}},
	"join": {1, 1, func(args []reflect.Value) (reflect.Value, error) {
		if args[0].Type() != stringsType {
			return reflect.Value{}, errSlow
		}
		return reflect.ValueOf(joinNames(stringsOf(args[0]))), nil
	}},
	"short": {2, 2, func(args []reflect.Value) (reflect.Value, error) {
		if args[0].Type() != intType || args[1].Type() != stringType {
			return reflect.Value{}, errSlow
		}
		return reflect.ValueOf(shorten(int(args[0].Int()), args[1].String())), nil
	}},
}

// htmlFuncs are the functions of the HTML layout: paragraphs, and the
// escaping functions html/template adds to its actions, for the values it
// writes as they are (escapeHTML is held to its escaping of text).
// Anything else, a URL to rewrite above all, is left to html/template.
var htmlFuncs = map[string]fastFunc{
	"paragraphs": {2, 2, func(args []reflect.Value) (reflect.Value, error) {
		if args[0].Type() != stringType || args[1].Type() != stringType {
			return reflect.Value{}, errSlow
		}
		return reflect.ValueOf(htmlParagraphs(args[0].String(), args[1].String())), nil
	}},
	"_html_template_htmlescaper": {1, 1, func(args []reflect.Value) (reflect.Value, error) {
		switch args[0].Type() {
		case htmlType:
			return reflect.ValueOf(args[0].String()), nil
		case stringType:
			return reflect.ValueOf(escapeHTML(args[0].String())), nil
		}
		return reflect.Value{}, errSlow
	}},
	"_html_template_urlfilter":     {1, 1, plainURLOnly},
	"_html_template_urlnormalizer": {1, 1, plainURLOnly},
	"_html_template_attrescaper":   {1, 1, plainURLOnly},
}

// plainURLOnly passes on a string that html/template's filter,
// normalizer and escaper of URLs in attributes all write as it is.
func plainURLOnly(args []reflect.Value) (reflect.Value, error) {
	if args[0].Type() != stringType || !plainURL(args[0].String()) {
		return reflect.Value{}, errSlow
	}
	return args[0], nil
}

// plainURL reports whether s is an http, https or mailto URL, or one
// without a scheme, of characters a URL in an HTML attribute keeps as
// they are: letters, digits, and those of RFC 3986 that neither need
// escaping in HTML nor are written otherwise by html/template.
func plainURL(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~!#$*,/:;=?@[]", c) >= 0) {
			return false
		}
	}
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

var (
	htmlType    = reflect.TypeFor[htmltemplate.HTML]()
	intType     = reflect.TypeFor[int]()
	stringType  = reflect.TypeFor[string]()
	stringsType = reflect.TypeFor[[]string]()
	timeType    = reflect.TypeFor[time.Time]()
)

// timeOf returns the time.Time in v, without the allocation of
// v.Interface() where v is addressable, as a field reached through a
// pointer is.
func timeOf(v reflect.Value) (time.Time, bool) {
	switch {
	case v.Type() != timeType:
		return time.Time{}, false
	case v.CanAddr():
		return *v.Addr().Interface().(*time.Time), true
	}
	return v.Interface().(time.Time), true
}

// stringsOf is timeOf for a []string.
func stringsOf(v reflect.Value) []string {
	if v.CanAddr() {
		return *v.Addr().Interface().(*[]string)
	}
	return v.Interface().([]string)
}

func (c *fastCompiler) compileCall(name string, argNodes []parse.Node, final bool, cmd *parse.CommandNode) (fastCall, error) {
	args := make([]fastEval, len(argNodes))
	for i, a := range argNodes {
		var err error
		if args[i], err = c.compileArg(a); err != nil {
			return nil, err
		}
	}
	// and and or evaluate their arguments in turn, and stop at the first
	// that decides; their value is that argument's.
	if name == "and" || name == "or" {
		if len(args) == 0 || final {
			return nil, unsupported(cmd)
		}
		or := name == "or"
		return func(s *fastState, dot, _ reflect.Value, _ bool) (reflect.Value, error) {
			var v reflect.Value
			for _, a := range args {
				var err error
				if v, err = a(s, dot); err != nil {
					return v, err
				}
				if !v.IsValid() {
					return v, errSlow
				}
				if truth(v) == or {
					return v, nil
				}
			}
			return v, nil
		}, nil
	}
	n := len(args)
	if final {
		n++
	}
	f, ok := c.funcs[name]
	if !ok || n < f.min || n > f.max {
		return nil, unsupported(cmd)
	}
	return func(s *fastState, dot, fin reflect.Value, hasFinal bool) (reflect.Value, error) {
		// An error ends the execution: the stack is left as it is.
		base := len(s.args)
		for _, a := range args {
			v, err := a(s, dot)
			if err != nil {
				return v, err
			}
			s.args = append(s.args, v)
		}
		if hasFinal {
			s.args = append(s.args, fin)
		}
		for _, v := range s.args[base:] {
			if !v.IsValid() {
				return v, errSlow
			}
		}
		v, err := f.call(s.args[base:])
		s.args = s.args[:base]
		return v, err
	}, nil
}

// fastEq is eq for booleans, integers and strings; other kinds, and
// kinds that differ, are left to text/template.
func fastEq(args []reflect.Value) (reflect.Value, error) {
	a := indirectInterface(args[0])
	for _, b := range args[1:] {
		b = indirectInterface(b)
		if a.Kind() != b.Kind() {
			return reflect.Value{}, errSlow
		}
		var equal bool
		switch a.Kind() {
		case reflect.String:
			equal = a.String() == b.String()
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			equal = a.Int() == b.Int()
		case reflect.Bool:
			equal = a.Bool() == b.Bool()
		default:
			return reflect.Value{}, errSlow
		}
		if equal {
			return reflect.ValueOf(true), nil
		}
	}
	return reflect.ValueOf(false), nil
}

// fastGt is gt for integers.
func fastGt(args []reflect.Value) (reflect.Value, error) {
	a, b := indirectInterface(args[0]), indirectInterface(args[1])
	if !isInt(a) || !isInt(b) {
		return reflect.Value{}, errSlow
	}
	return reflect.ValueOf(a.Int() > b.Int()), nil
}

func isInt(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return true
	}
	return false
}

func fastLen(args []reflect.Value) (reflect.Value, error) {
	v, isNil := indirect(args[0])
	if isNil {
		return reflect.Value{}, errSlow
	}
	switch v.Kind() {
	case reflect.Array, reflect.Chan, reflect.Map, reflect.Slice, reflect.String:
		return reflect.ValueOf(v.Len()), nil
	}
	return reflect.Value{}, errSlow
}

// structInfo is what a fieldChain needs of a struct type.
type structInfo struct {
	fields map[string]int // exported fields, by name
	// methods tells that T or *T has methods, which text/template looks
	// up before fields.
	methods bool
}

// structInfos describes the struct types of the views; a fieldChain leaves
// any other type to text/template. Written once, by initFast, then only
// read.
var structInfos = map[reflect.Type]*structInfo{}

// describe adds t, and the struct types it reaches, to structInfos.
func describe(t reflect.Type) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || structInfos[t] != nil {
		return
	}
	info := &structInfo{fields: map[string]int{}, methods: t.NumMethod() > 0 || reflect.PointerTo(t).NumMethod() > 0}
	structInfos[t] = info
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous {
			// Promoted fields and methods: not worth the subset.
			delete(structInfos, t)
			return
		}
		if f.IsExported() {
			info.fields[f.Name] = i
			describe(f.Type)
		}
	}
}

var initFast = sync.OnceFunc(func() {
	describe(reflect.TypeFor[view]())
	describe(reflect.TypeFor[digestView]())
})

// fieldChain is .A.B.C, evaluated as text/template does for the fields of
// view structs and methods without arguments.
type fieldChain struct {
	names []string
	// last remembers, for each name, the struct type it was last found
	// in and its field there: the same template meets the same types.
	last []atomic.Pointer[fieldSlot]
}

type fieldSlot struct {
	typ   reflect.Type
	index int
}

func newFieldChain(names []string) *fieldChain {
	return &fieldChain{names: names, last: make([]atomic.Pointer[fieldSlot], len(names))}
}

func (c *fieldChain) eval(v reflect.Value) (reflect.Value, error) {
	for i, name := range c.names {
		if !v.IsValid() {
			return v, errSlow
		}
		rv, isNil := indirect(v)
		if isNil || rv.Kind() != reflect.Struct {
			return v, errSlow
		}
		if last := c.last[i].Load(); last != nil && last.typ == rv.Type() {
			v = rv.Field(last.index)
			continue
		}
		info := structInfos[rv.Type()]
		if info == nil {
			return v, errSlow
		}
		if info.methods {
			ptr := rv
			if ptr.CanAddr() {
				ptr = ptr.Addr()
			}
			if m := ptr.MethodByName(name); m.IsValid() {
				t := m.Type()
				if t.NumIn() != 0 || t.NumOut() != 1 {
					return v, errSlow
				}
				v = m.Call(nil)[0]
				continue
			}
		}
		index, ok := info.fields[name]
		if !ok {
			return v, errSlow
		}
		if !info.methods {
			c.last[i].Store(&fieldSlot{rv.Type(), index})
		}
		v = rv.Field(index)
	}
	return v, nil
}

func (s *fastState) variable(name string) (reflect.Value, bool) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value, true
		}
	}
	return reflect.Value{}, false
}

func (s *fastState) pop(mark int) { s.vars = s.vars[:mark] }

// print writes v as text/template prints a value.
func (s *fastState) print(v reflect.Value) error {
	if !v.IsValid() {
		s.w.WriteString("<no value>")
		return nil
	}
	switch v.Type() {
	case stringType:
		s.w.WriteString(v.String())
		return nil
	case intType:
		s.w.Write(strconv.AppendInt(s.w.AvailableBuffer(), v.Int(), 10))
		return nil
	}
	iface, ok := printableValue(v)
	if !ok {
		return errSlow
	}
	fmt.Fprint(s.w, iface)
	return nil
}

// What follows is text/template's own (exec.go, funcs.go), for the same
// truth and the same printing.

var (
	errorType       = reflect.TypeFor[error]()
	fmtStringerType = reflect.TypeFor[fmt.Stringer]()
)

func printableValue(v reflect.Value) (any, bool) {
	if v.Kind() == reflect.Pointer {
		v, _ = indirect(v) // fmt.Fprint handles nil.
	}
	if !v.IsValid() {
		return "<no value>", true
	}
	if !v.Type().Implements(errorType) && !v.Type().Implements(fmtStringerType) {
		if v.CanAddr() && (reflect.PointerTo(v.Type()).Implements(errorType) || reflect.PointerTo(v.Type()).Implements(fmtStringerType)) {
			v = v.Addr()
		} else {
			switch v.Kind() {
			case reflect.Chan, reflect.Func:
				return nil, false
			}
		}
	}
	return v.Interface(), true
}

func truth(v reflect.Value) bool {
	t, _ := isTrue(indirectInterface(v))
	return t
}

func isTrue(val reflect.Value) (truth, ok bool) {
	if !val.IsValid() {
		return false, true
	}
	switch val.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		truth = val.Len() > 0
	case reflect.Bool:
		truth = val.Bool()
	case reflect.Complex64, reflect.Complex128:
		truth = val.Complex() != 0
	case reflect.Chan, reflect.Func, reflect.Pointer, reflect.UnsafePointer, reflect.Interface:
		truth = !val.IsNil()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		truth = val.Int() != 0
	case reflect.Float32, reflect.Float64:
		truth = val.Float() != 0
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		truth = val.Uint() != 0
	case reflect.Struct:
		truth = true
	default:
		return
	}
	return truth, true
}

func indirect(v reflect.Value) (rv reflect.Value, isNil bool) {
	for ; v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface; v = v.Elem() {
		if v.IsNil() {
			return v, true
		}
	}
	return v, false
}

func indirectInterface(v reflect.Value) reflect.Value {
	if v.Kind() != reflect.Interface {
		return v
	}
	if v.IsNil() {
		return reflect.Value{}
	}
	return v.Elem()
}
