// Package lang holds every text nhacviec shows a person, in Vietnamese and
// English: the catalogue of the configuration's diagnostics, the pages, the
// SMS replies and the command line, and the Message that names one of them.
package lang

import "fmt"

// Lang is a language of messages: "vi" (the default) or "en".
type Lang string

// The languages nhacviec speaks.
const (
	Vietnamese Lang = "vi"
	English    Lang = "en"
)

// catalog holds every text a person reads, keyed by a short id, as
// {Vietnamese, English} fmt formats taking the same arguments in the same
// order. The files of this package add the texts of their area with
// register.
var catalog = map[string][2]string{}

// register adds texts to the catalog; a key registered twice is a mistake.
func register(m map[string][2]string) {
	for k, v := range m {
		if _, dup := catalog[k]; dup {
			panic("lang: text " + k + " registered twice")
		}
		catalog[k] = v
	}
}

// Message is a text for a person, held as a catalog key and its arguments
// so it can be rendered in either language. It is also an error.
type Message struct {
	Key  string
	Args []any
}

// Errorf returns the Message of key, whose texts are fmt formats taking
// args, as an error.
func Errorf(key string, args ...any) error { return Message{Key: key, Args: args} }

// Text renders the message in lang; an argument that is itself a Message
// is rendered in lang too. An unknown key shows as itself (with its
// arguments), so that a missing text shows rather than hides.
func (m Message) Text(lang Lang) string {
	f, ok := catalog[m.Key]
	if !ok {
		return m.Key + fmt.Sprint(m.Args...)
	}
	format := f[0]
	if lang == English {
		format = f[1]
	}
	if len(m.Args) == 0 {
		return format
	}
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		if inner, ok := a.(Message); ok {
			a = inner.Text(lang)
		}
		args[i] = a
	}
	return fmt.Sprintf(format, args...)
}

// Error renders the message in English, for logs and wrapped errors.
func (m Message) Error() string { return m.Text(English) }
