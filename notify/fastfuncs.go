package notify

import (
	htmltemplate "html/template"
	"reflect"
	"strings"
	"time"
)

// The functions the fast executor calls (see fastexec.go).

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
