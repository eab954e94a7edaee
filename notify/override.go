package notify

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"text/template"
	"text/template/parse"

	"github.com/nhacviec/nhacviec/lang"
	"github.com/nhacviec/nhacviec/plan"
)

// A plan may word a kind of message its own way (plan.Plan.Templates):
// each of its templates replaces the embedded definition of the same name
// ("subject", "body" or "sms") in a copy of that kind's set. The
// acknowledgement lines, the footer, the HTML layout and the calendar
// event stay the embedded ones, so a plan cannot drop the code and link.

var (
	// errDefine: a plan's template may only be the wording of its part,
	// never define others ("smsack", "ack") that every message relies on.
	errDefine = errors.New("a plan's template must not hold define or block")
	// errEmptyTree: a template of comments only would leave the embedded
	// definition in place without a word.
	errEmptyTree = errors.New("a plan's template renders nothing")
)

// maxOverrideSets bounds the cache of overridden sets: each edit of a
// plan's templates followed by a reload adds one.
const maxOverrideSets = 256

// overrides caches the template sets of plans that word a kind of message
// their own way, keyed by language, kind and the templates' text rather
// than by plan: a reload that keeps a plan's templates keeps its parsed
// set, and a changed text gets a new one.
var overrides = struct {
	sync.Mutex
	sets map[string]*template.Template
}{sets: map[string]*template.Template{}}

// planSet returns the templates of kind in lang for plan p: the embedded
// ones, with p's own in their place.
func planSet(p *plan.Plan, lng lang.Lang, kind plan.Kind) (*template.Template, error) {
	base, err := textSet(lng, kind)
	if err != nil || p == nil || len(p.Templates[kind]) == 0 {
		return base, err
	}
	own := p.Templates[kind]
	var b strings.Builder
	b.WriteString(string(lng))
	b.WriteByte(0)
	b.WriteString(string(kind))
	for _, name := range plan.TemplateNames {
		if t, ok := own[name]; ok {
			b.WriteByte(0)
			b.WriteString(name)
			b.WriteByte(0)
			b.WriteString(t.Text)
		}
	}
	key := b.String()
	overrides.Lock()
	set := overrides.sets[key]
	overrides.Unlock()
	if set != nil {
		return set, nil
	}
	if set, err = withOverrides(base, own); err != nil {
		return nil, fmt.Errorf("plan %s: %w", p.ID, err)
	}
	overrides.Lock()
	if len(overrides.sets) >= maxOverrideSets {
		clear(overrides.sets)
	}
	overrides.sets[key] = set
	overrides.Unlock()
	return set, nil
}

// withOverrides returns a copy of base in which each of own replaces the
// definition of its name.
func withOverrides(base *template.Template, own map[string]plan.Template) (*template.Template, error) {
	set, err := base.Clone()
	if err != nil {
		return nil, err
	}
	for _, name := range plan.TemplateNames {
		t, ok := own[name]
		if !ok {
			continue
		}
		tree, err := parseOverride(name, t.Text)
		if err != nil {
			return nil, fmt.Errorf("%s template: %w", name, err)
		}
		if _, err := set.AddParseTree(name, tree); err != nil {
			return nil, fmt.Errorf("%s template: %w", name, err)
		}
	}
	return set, nil
}

// parseOverride parses a plan's text for the template name on its own:
// its errors count lines from the text's first, and it cannot define
// other templates. The tree's ParseName is name, which tells an error
// raised in it from one raised in an embedded file (NAME.tmpl).
func parseOverride(name, text string) (*parse.Tree, error) {
	t, err := template.New(name).Funcs(funcs).Parse(text)
	if err != nil {
		return nil, err
	}
	if len(t.Templates()) != 1 {
		return nil, errDefine
	}
	if t.Tree == nil || parse.IsEmptyTree(t.Tree.Root) {
		return nil, errEmptyTree
	}
	return t.Tree, nil
}
