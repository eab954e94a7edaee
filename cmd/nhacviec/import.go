package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/draft"
	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

const importUsage = "nhacviec import FILE [--units CONFIG] [-o plan.yaml] [--force] [--lang vi|en]"

// importCommand drafts a plan from a signed plan document (.docx or text).
type importCommand struct {
	env *env
}

// Run runs nhacviec import FILE.
func (c *importCommand) Run(ctx context.Context, args []string) int {
	fs := newFlagSet("import", c.env.stderr)
	units := fs.String("units", "", "tệp cấu hình có các đơn vị để đối chiếu / a configuration whose units the draft uses")
	out := fs.String("o", "", "ghi bản nháp vào tệp này thay vì stdout / write the draft to this file instead of stdout")
	force := fs.Bool("force", false, "ghi đè tệp -o nếu đã có / overwrite the -o file")
	language := fs.String("lang", "", "ngôn ngữ của báo cáo và chú thích: vi, en (mặc định: của --units, hoặc vi) / language of the report and comments")
	var file string
	for {
		if err := fs.Parse(args); err != nil {
			return parseExit(err)
		}
		if fs.NArg() == 0 {
			break
		}
		if file != "" {
			fmt.Fprintf(c.env.stderr, "nhacviec import: thừa tham số %q / unexpected argument\n%s\n", fs.Arg(0), importUsage)
			return exitUsage
		}
		file, args = fs.Arg(0), fs.Args()[1:]
	}
	if file == "" {
		fmt.Fprintf(c.env.stderr, "nhacviec import: hãy ghi tệp kế hoạch (.docx hoặc .txt) / name the plan document\n%s\n", importUsage)
		return exitUsage
	}
	l := lang.Vietnamese
	var cfg *plan.Config
	if *units != "" {
		if cfg = c.loadUnits(ctx, *units); cfg == nil {
			return exitInvalid
		}
		l = cfg.Service.Language
	}
	switch lang.Lang(*language) {
	case "":
	case lang.Vietnamese, lang.English:
		l = lang.Lang(*language)
	default:
		fmt.Fprintf(c.env.stderr, "nhacviec import: --lang %q: hãy ghi vi hoặc en / use vi or en\n", *language)
		return exitUsage
	}
	if *out != "" && !*force {
		if _, err := os.Stat(*out); err == nil {
			fmt.Fprintf(c.env.stderr, "nhacviec import: tệp %s đã có: ghi thêm --force để ghi đè / %s exists: add --force to overwrite it\n", *out, *out)
			return exitUsage
		}
	}
	doc, err := readDocument(file)
	if err != nil {
		var p *draft.Problem
		if errors.As(err, &p) {
			fmt.Fprintf(c.env.stderr, "nhacviec import: %s: %s\n", file, p.Text(l))
		} else {
			fmt.Fprintf(c.env.stderr, "nhacviec import: %v\n", err)
		}
		return exitInvalid
	}
	d, report := doc.Draft(draft.Options{Units: cfg, Year: c.env.now().Year()})
	text, err := d.YAML(l, filepath.Base(file))
	if err != nil {
		fmt.Fprintf(c.env.stderr, "nhacviec import: %v\n", err)
		return exitRuntime
	}
	fmt.Fprintln(c.env.stderr, lang.Message{Key: "draft.r.header", Args: []any{file, len(doc.Paras), doc.Unit}}.Text(l))
	fmt.Fprint(c.env.stderr, report.Text(l))
	var diags config.Diagnostics
	if len(d.Tasks) > 0 {
		diags = checkDraft(text, cfg, d)
	}
	if *out == "" {
		c.env.stdout.Write(text)
	} else if err := os.WriteFile(*out, text, 0o644); err != nil {
		fmt.Fprintf(c.env.stderr, "nhacviec import: %v\n", err)
		return exitRuntime
	} else {
		fmt.Fprintln(c.env.stderr, lang.Message{Key: "draft.r.wrote", Args: []any{*out}}.Text(l))
	}
	if len(d.Tasks) == 0 {
		fmt.Fprintln(c.env.stderr, lang.Message{Key: "draft.r.notasks"}.Text(l))
		return exitInvalid
	}
	if diags.HasErrors() {
		fmt.Fprintln(c.env.stderr, lang.Message{Key: "draft.r.invalid"}.Text(l))
		fmt.Fprint(c.env.stderr, diags.Render(l))
		return exitInvalid
	}
	return exitOK
}

// loadUnits loads the configuration whose units the draft uses, printing
// its errors; a configuration of units alone, without plans yet, will do.
func (c *importCommand) loadUnits(ctx context.Context, path string) *plan.Config {
	cfg, diags := loadConfigContext(ctx, path)
	var errs config.Diagnostics
	for _, d := range diags {
		if d.Severity != config.Warning && d.Msg.Key != "plans.none" {
			errs = append(errs, d)
		}
	}
	if len(errs) > 0 {
		fmt.Fprint(c.env.stderr, errs.Render(cfg.Service.Language))
		return nil
	}
	return cfg
}

// readDocument reads the plan document at name, refusing what is not a
// regular file or is too large before reading it.
func readDocument(name string) (*draft.Doc, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, fmt.Errorf("đọc %s / read: %w", name, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("đọc %s / read: %w", name, config.ErrNotRegular)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("đọc %s / read: %w", name, err)
	}
	defer f.Close()
	return draft.Read(name, f)
}

// checkDraft checks the draft as check would: a whole configuration on
// its own, or a plan file against the configuration's units with the
// units the draft proposes added, as the draft asks.
func checkDraft(text []byte, cfg *plan.Config, d *draft.Draft) config.Diagnostics {
	if cfg == nil {
		_, diags := config.Parse("draft.yaml", text, config.ReadFile)
		return diags
	}
	with := *cfg
	with.Units = map[string]*plan.Unit{}
	for id, u := range cfg.Units {
		with.Units[id] = u
	}
	for _, u := range d.Units {
		with.Units[u.ID] = &plan.Unit{ID: u.ID, Name: u.Name, Relation: u.Relation,
			Contacts: []plan.Contact{{Email: u.ID + "@example.vn", Channels: []string{plan.ChannelEmail}}}, Channels: []string{plan.ChannelEmail}}
	}
	_, diags := config.ParsePlan("draft.yaml", text, &with)
	return diags
}
