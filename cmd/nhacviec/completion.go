package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/template"
)

// flagValues are the values completion offers after a flag, per command
// ("" for every command that has the flag). TestCompletionValues checks
// that each command parses the flags named here.
var flagValues = map[string]map[string][]string{
	"agenda": {"format": {"table", "json", "csv", "ics"}},
	"status": {"format": {"table", "json"}},
	"user":   {"role": {"admin", "editor", "viewer"}},
	"plan":   {"if-holiday": {"next_working_day", "previous_working_day", "keep"}},
}

// fileFlags take a file name: bash completes them with files.
var fileFlags = []string{"c", "config"}

// completionCommand runs `nhacviec completion bash`.
func completionCommand(e *env, args []string) int {
	if wantsHelp(args) {
		return printHelp(e, "completion")
	}
	if len(args) != 1 || args[0] != "bash" {
		fmt.Fprintln(e.stderr, "nhacviec completion: "+tr(helpLang(e), "help.completion.shell"))
		return exitUsage
	}
	if err := writeBashCompletion(e.stdout); err != nil {
		fmt.Fprintf(e.stderr, "nhacviec completion: %v\n", err)
		return exitRuntime
	}
	return exitOK
}

// completionCmd is one command as the bash script knows it.
type completionCmd struct {
	Name        string
	Subs        string // its subcommands, space-separated
	Flags       string // every spelling of its flags: -c --config --format…
	ValueFlags  string // those that take a value, as a case pattern: -c|--c|…
	Values      []completionValues
	FileArgs    bool // it takes a file as an argument
	CommandArgs bool // it takes a command's name (help)
}

// completionValues are the values of one flag of a command.
type completionValues struct {
	Pattern string // -format|--format
	Words   string
}

// completionCommands describes every command for the script, its flags
// read from its own flag set.
func completionCommands() []completionCmd {
	var cmds []completionCmd
	for _, t := range topics {
		c := completionCmd{Name: t.name, Subs: strings.Join(t.subs, " ")}
		switch t.name {
		case "backup", "passwd", "plan":
			c.FileArgs = true
		case "help":
			c.CommandArgs = true
		}
		if fs := flagSetOf(t); fs != nil {
			var flags, valued []string
			fs.VisitAll(func(f *flag.Flag) {
				spell := []string{"-" + f.Name}
				if len(f.Name) > 1 {
					spell = []string{"--" + f.Name, "-" + f.Name}
				}
				flags = append(flags, spell[0])
				if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
					valued = append(valued, spell...)
				}
				if words, ok := flagValues[t.name][f.Name]; ok {
					c.Values = append(c.Values, completionValues{Pattern: strings.Join(spell, "|"), Words: strings.Join(words, " ")})
				}
			})
			c.Flags = strings.Join(flags, " ")
			c.ValueFlags = strings.Join(valued, "|")
		}
		cmds = append(cmds, c)
	}
	return cmds
}

// fileFlagPattern is the case pattern of the flags that take a file.
func fileFlagPattern() string {
	var spell []string
	for _, f := range fileFlags {
		spell = append(spell, "-"+f)
		if len(f) > 1 {
			spell = append(spell, "--"+f)
		}
	}
	slices.Sort(spell)
	return strings.Join(spell, "|")
}

var bashTemplate = template.Must(template.New("bash").Parse(`# bash completion for nhacviec. Load it with
#   source <(nhacviec completion bash)
# or install it: nhacviec completion bash > /etc/bash_completion.d/nhacviec

_nhacviec() {
    local cur="${COMP_WORDS[COMP_CWORD]}"
    local prev=""
    [[ ${COMP_CWORD} -gt 0 ]] && prev="${COMP_WORDS[COMP_CWORD-1]}"
    COMPREPLY=()
    if [[ ${COMP_CWORD} -le 1 ]]; then
        COMPREPLY=($(compgen -W "{{.Names}}" -- "$cur"))
        return 0
    fi
    local cmd="${COMP_WORDS[1]}"
    case "$prev" in
    {{.FilePattern}})
        COMPREPLY=($(compgen -f -- "$cur"))
        return 0
        ;;
    esac
    case "$cmd" in
{{- range .Commands}}
    {{.Name}})
{{- range .Values}}
        case "$prev" in {{.Pattern}}) COMPREPLY=($(compgen -W "{{.Words}}" -- "$cur")); return 0;; esac
{{- end}}
{{- if .ValueFlags}}
        case "$prev" in {{.ValueFlags}}) return 0;; esac
{{- end}}
        if [[ "$cur" == -* ]]; then
            COMPREPLY=($(compgen -W "{{.Flags}} --help" -- "$cur"))
            return 0
        fi
{{- if .Subs}}
        if [[ ${COMP_CWORD} -eq 2 ]]; then
            COMPREPLY=($(compgen -W "{{.Subs}}" -- "$cur"))
            return 0
        fi
{{- end}}
{{- if .CommandArgs}}
        if [[ ${COMP_CWORD} -eq 2 ]]; then
            COMPREPLY=($(compgen -W "{{$.Names}}" -- "$cur"))
        fi
{{- end}}
{{- if .FileArgs}}
        COMPREPLY=($(compgen -f -- "$cur"))
{{- end}}
        ;;
{{- end}}
    esac
    return 0
}
complete -o filenames -F _nhacviec nhacviec
`))

// writeBashCompletion writes the bash completion script to w.
func writeBashCompletion(w io.Writer) error {
	return bashTemplate.Execute(w, map[string]any{
		"Names":       strings.Join(topicNames(), " "),
		"FilePattern": fileFlagPattern(),
		"Commands":    completionCommands(),
	})
}
