package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/nhacviec/nhacviec/lang"
)

// helpTopic is what `nhacviec help NAME` says of a command beside its
// texts in lang (help.NAME.title, .desc, .examples): how it is called, and
// how its flag set is reached.
type helpTopic struct {
	name  string
	usage []string // the usage lines, the same in both languages
	// flagArgs are the arguments that make the command parse its flags and
	// stop at -h: its subcommand first for user and plan. Nil for the
	// commands Main answers itself, which have no flags.
	flagArgs []string
	subs     []string // its subcommands, for completion
}

// topics lists the commands in the order the usage names them.
var topics = []helpTopic{
	{name: "check", usage: []string{"nhacviec check [-c FILE]"}, flagArgs: []string{"-h"}},
	{name: "agenda", usage: []string{"nhacviec agenda [-c FILE] [--from TIME] [--to TIME] [--unit ID] [--task ID] [--format table|json|csv|ics] [--show-sms]"}, flagArgs: []string{"-h"}},
	{name: "run", usage: []string{"nhacviec run [-c FILE] [--new-store] [--new-secret] [--rehearse TIME [--speed N] [--until TIME] [--deliver]]"}, flagArgs: []string{"-h"}},
	{name: "status", usage: []string{"nhacviec status [-c FILE] [--format table|json]"}, flagArgs: []string{"-h"}},
	{name: "ack", usage: []string{"nhacviec ack [-c FILE] ID|TOKEN|CODE [--unit ID] [--done] [--by NAME] [--note TEXT]"}, flagArgs: []string{"-h"}},
	{name: "test-send", usage: []string{"nhacviec test-send [-c FILE] --unit ID"}, flagArgs: []string{"-h"}},
	{name: "backup", usage: []string{"nhacviec backup [-c FILE] OUTFILE"}, flagArgs: []string{"-h"}},
	{name: "passwd", usage: []string{"nhacviec passwd [-c FILE] [OUTFILE]"}, flagArgs: []string{"-h"}},
	{name: "user", usage: []string{
		"nhacviec user [-c FILE] add NAME --role admin|editor|viewer [--plans ID,…]",
		"nhacviec user [-c FILE] list",
		"nhacviec user [-c FILE] passwd NAME",
		"nhacviec user [-c FILE] remove NAME",
	}, flagArgs: []string{"add", "-h"}, subs: []string{"add", "list", "passwd", "remove"}},
	{name: "calendar", usage: []string{"nhacviec calendar [-c FILE] [YEAR]"}, flagArgs: []string{"-h"}},
	{name: "plan", usage: []string{planUsage}, flagArgs: []string{"roll", "-h"}, subs: []string{"roll"}},
	{name: "import", usage: []string{"nhacviec import FILE [--units CONFIG] [-o plan.yaml] [--force] [--lang vi|en]"}, flagArgs: []string{"-h"}},
	{name: "version", usage: []string{"nhacviec version"}},
	{name: "completion", usage: []string{"nhacviec completion bash"}, subs: []string{"bash"}},
	{name: "help", usage: []string{"nhacviec help [COMMAND]", "nhacviec COMMAND -h"}},
}

// topic returns the help topic of the command called name.
func topic(name string) (helpTopic, bool) {
	for _, t := range topics {
		if t.name == name {
			return t, true
		}
	}
	return helpTopic{}, false
}

// topicNames lists every command's name.
func topicNames() []string {
	names := make([]string, len(topics))
	for i, t := range topics {
		names[i] = t.name
	}
	return names
}

// helpLang is the language of help texts: $NHACVIEC_LANG (vi or en), else
// Vietnamese. Help is read before any configuration, so the service's
// language is not known.
func helpLang(e *env) lang.Lang {
	if strings.EqualFold(strings.TrimSpace(e.getenv("NHACVIEC_LANG")), "en") {
		return lang.English
	}
	return lang.Vietnamese
}

// wantsHelp reports whether a command's arguments ask for its help: -h,
// -help or --help before any "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// helpCommand runs `nhacviec help [COMMAND]`.
func helpCommand(e *env, args []string) int {
	switch {
	case len(args) == 0:
		usage(e.stdout)
		fmt.Fprintln(e.stdout)
		fmt.Fprintln(e.stdout, tr(helpLang(e), "help.more"))
		return exitOK
	case len(args) > 1 && !(len(args) == 2 && args[0] != "help"):
		// `help plan roll` is help on plan; anything longer is a mistake.
		fmt.Fprintf(e.stderr, "nhacviec help: thừa tham số %q / unexpected argument\n", args[len(args)-1])
		return exitUsage
	}
	if _, ok := topic(args[0]); !ok {
		fmt.Fprintln(e.stderr, "nhacviec help: "+tr(helpLang(e), "help.unknown", args[0], strings.Join(topicNames(), ", ")))
		return exitUsage
	}
	return printHelp(e, args[0])
}

// printHelp writes the help of the command called name to stdout: what it
// does, its usage, its options (from its own flag set, so they never
// drift from what it parses) and examples.
func printHelp(e *env, name string) int {
	t, ok := topic(name)
	if !ok {
		return exitUsage
	}
	lng := helpLang(e)
	w := e.stdout
	fmt.Fprintf(w, "nhacviec %s — %s\n\n", t.name, tr(lng, "help."+name+".title"))
	fmt.Fprintln(w, wrap(tr(lng, "help."+name+".desc"), 76))
	fmt.Fprintln(w)
	fmt.Fprintln(w, tr(lng, "help.usage"))
	for _, u := range t.usage {
		fmt.Fprintln(w, "  "+u)
	}
	if fs := flagSetOf(t); fs != nil {
		fmt.Fprintln(w)
		fmt.Fprintln(w, tr(lng, "help.flags"))
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, tr(lng, "help.examples"))
	for _, line := range strings.Split(tr(lng, "help."+name+".examples"), "\n") {
		fmt.Fprintln(w, "  "+line)
	}
	return exitOK
}

// flagCollector stands for stderr while a command is run with -h only to
// learn its flags: newFlagSet hands it the flag set it makes, and what the
// command writes is dropped.
type flagCollector struct {
	fs *flag.FlagSet
}

func (c *flagCollector) Write(p []byte) (int, error) { return len(p), nil }

// flagSetOf returns the flag set of the command of t, made by the command
// itself: it runs with t.flagArgs, which stop it at -h before it does
// anything. Nil for a command without flags.
func flagSetOf(t helpTopic) *flag.FlagSet {
	if t.flagArgs == nil {
		return nil
	}
	c := &flagCollector{}
	e := &env{stdout: io.Discard, stderr: c, getenv: func(string) string { return "" }}
	cmd := newCommand(t.name, e)
	if cmd == nil {
		return nil
	}
	cmd.Run(context.Background(), t.flagArgs)
	return c.fs
}

// wrap breaks text into lines of at most width characters, at spaces.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for i, word := range strings.Fields(text) {
		l := len([]rune(word))
		if i > 0 && n+1+l > width {
			b.WriteByte('\n')
			n = 0
		} else if i > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(word)
		n += l
	}
	return b.String()
}
