package notify

import (
	"fmt"
	"reflect"
	"strconv"
	"sync"
	"sync/atomic"
)

// How the fast executor (see fastexec.go) reads values: the fields of the
// views, and truth and printing as text/template has them.

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
