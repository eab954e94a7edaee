package web

import (
	"errors"
	"maps"
	"net/url"
	"strconv"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/rulewords"
)

// The rules of the editor's forms are rulewords' choices: a kind and a
// few fields that the server writes as the plan's syntax, never syntax to
// type. This file is the glue: the month of a repeating rule is one
// select per kind (the quarter's months, the half year's, the year's),
// named month.q, month.h and month.y, so that each shows its own words
// without JavaScript; the server copies the kind's one into month before
// rulewords reads the rule, and back when it fills a form.

// Kinds of a rule row as the form names them (rulewords.Kind's String).
var (
	kindNone   = rulewords.None.String()
	kindCustom = rulewords.Custom.String()
)

// monthField names the month select of a kind.
func monthField(kind string) string {
	switch kind {
	case rulewords.Quarterly.String():
		return "month.q"
	case rulewords.HalfYearly.String():
		return "month.h"
	case rulewords.Yearly.String():
		return "month.y"
	}
	return ""
}

// readRule reads the rule of the row under prefix p: rulewords.FromForm
// after the month of the row's kind is put in place. A problem is a
// *fieldError at the field the page shows.
func readRule(v url.Values, p string, lng lang.Lang) (rulewords.Choice, error) {
	if f := monthField(v.Get(p + "kind")); f != "" && v.Get(p+f) != "" {
		v = maps.Clone(v)
		v.Set(p+"month", v.Get(p+f))
	}
	c, err := rulewords.FromForm(v, p)
	var fe *rulewords.FieldError
	if errors.As(err, &fe) {
		field := fe.Field
		if field == p+"month" {
			if f := monthField(v.Get(p + "kind")); f != "" {
				field = p + f
			}
		}
		return c, &fieldError{Field: field, Message: fe.Text(lng)}
	}
	return c, err
}

// ruleForm returns the fields of choice c under prefix p, the month in
// its kind's select.
func ruleForm(c rulewords.Choice, p string) url.Values {
	v := c.Form(p)
	if f := monthField(c.Kind.String()); f != "" {
		v.Set(p+f, strconv.Itoa(c.Month))
	}
	return v
}

// ruleWords says c in words, marking a rule the forms cannot say.
func ruleWords(c rulewords.Choice, lng lang.Lang) string {
	if c.Kind == rulewords.Custom {
		return tr(lng, "ed.words.custom", c.Words(lng))
	}
	return c.Words(lng)
}

// fieldError is a problem of one field of a form, in the service language.
type fieldError struct {
	Field, Message string
}

// Error names the field and says the problem.
func (e *fieldError) Error() string { return e.Field + ": " + e.Message }
