package notify

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"sync"
	"text/template"
	"text/template/parse"
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

// compileBranch compiles what if, with and range share: a pipeline, the
// list it leads to, and the else list.
func (c *fastCompiler) compileBranch(p *parse.PipeNode, list, elseList *parse.ListNode) (pipe fastEval, then, els fastNode, err error) {
	if pipe, err = c.compilePipe(p); err != nil {
		return nil, nil, nil, err
	}
	if then, err = c.compileList(list); err != nil {
		return nil, nil, nil, err
	}
	if els, err = c.compileList(elseList); err != nil {
		return nil, nil, nil, err
	}
	return pipe, then, els, nil
}

func (c *fastCompiler) compileIfOrWith(p *parse.PipeNode, list, elseList *parse.ListNode, with bool) (fastNode, error) {
	pipe, then, els, err := c.compileBranch(p, list, elseList)
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
	pipe, body, els, err := c.compileBranch(n.Pipe, n.List, n.ElseList)
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

// compileCall compiles a call of the function name with argNodes, and the
// value before in the pipeline last if final.
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

// variable returns the value of the variable name, as the template being
// run sees it.
func (s *fastState) variable(name string) (reflect.Value, bool) {
	for i := len(s.vars) - 1; i >= s.base; i-- {
		if s.vars[i].name == name {
			return s.vars[i].value, true
		}
	}
	return reflect.Value{}, false
}

func (s *fastState) pop(mark int) { s.vars = s.vars[:mark] }
