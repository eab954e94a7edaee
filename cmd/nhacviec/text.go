package main

import (
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// tr renders a command-line text of lang's catalogue (lang/cli.go) in lng.
func tr(lng lang.Lang, key string, args ...any) string {
	return lang.Message{Key: key, Args: args}.Text(lng)
}

// roleName names a role in the command line's tables and calendars: as
// the pages do (role.*), but shorter for the three they spell out in full
// (cli.role.*).
func roleName(lng lang.Lang, r plan.Role) string {
	switch r {
	case plan.RoleReporter, plan.RoleSuperior, plan.RoleOwner:
		return tr(lng, "cli.role."+string(r))
	}
	return tr(lng, "role."+string(r))
}

// cliError is an error of the command line, a key of its texts.
type cliError string

func (e cliError) Error() string { return tr(lang.English, string(e)) }

// describe renders an error for a person in lang.
func describe(lng lang.Lang, err error) string {
	switch e := err.(type) {
	case lang.Message:
		return e.Text(lng)
	case cliError:
		return tr(lng, string(e))
	}
	return err.Error()
}
