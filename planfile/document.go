package planfile

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/store"
	"go.yaml.in/yaml/v3"
)

// Errors of a Doc's save.
var (
	// ErrStale is a save whose ETag is not the file's any more: it was
	// changed meanwhile, in the browser or on disk. The API answers 412.
	ErrStale = errors.New("the file changed since it was read")
	// ErrInvalid is an edit whose result does not pass the check: nothing
	// is written. A *CheckError carries the diagnostics.
	ErrInvalid = errors.New("the edited file does not pass the check")
	// ErrNoPlan is a plan id that the configuration does not name.
	ErrNoPlan = errors.New("no such plan in the configuration")
)

// CheckError is an edit refused by the check, with every problem found.
type CheckError struct {
	File        string
	Diagnostics config.Diagnostics
}

// Error names the file and lists the problems, in English (a page shows
// Diagnostics in the service's language).
func (e *CheckError) Error() string {
	return fmt.Sprintf("check %s: %v: %v", e.File, ErrInvalid, e.Diagnostics)
}

// Is makes errors.Is(err, ErrInvalid) true.
func (e *CheckError) Is(target error) bool { return target == ErrInvalid }

// Doc is what the editor writes: a plan, or the configuration itself
// (units, groups), and the file that holds it.
type Doc struct {
	// Config is the configuration file.
	Config string
	// File is the file written: the plan's own file when the
	// configuration's plans: names one, else Config.
	File string
	// Root is the path of the plan inside File: empty in a file of its
	// own or for the configuration, plans[id=ID] inside the configuration.
	Root Path
	// Key names File's history in the store: its path from the
	// configuration's folder. A plan written inside the configuration
	// shares the configuration's history, as it shares its file.
	Key string
}

// Locate returns the Doc of plan id in the configuration file cfg, or of
// the configuration itself when id is empty. It follows an entry of
// plans: that is a path to the plan's own file.
func Locate(cfg, id string) (*Doc, error) {
	d := &Doc{Config: cfg, File: cfg}
	if id != "" {
		if err := d.findPlan(id); err != nil {
			return nil, err
		}
	}
	key, err := filepath.Rel(filepath.Dir(cfg), d.File)
	if err != nil {
		key = d.File
	}
	d.Key = filepath.ToSlash(key)
	return d, nil
}

func (d *Doc) findPlan(id string) error {
	data, err := config.ReadFile(d.Config)
	if err != nil {
		return fmt.Errorf("locate plan %s: %w", id, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
		return fmt.Errorf("locate plan %s in %s: not a configuration", id, d.Config)
	}
	for _, p := range items(mappingValue(doc.Content[0], "plans")) {
		if p.Kind == yaml.MappingNode {
			if v := mappingValue(p, "id"); v != nil && v.Value == id {
				d.Root = Path("plans[id=" + id + "]")
				return nil
			}
			continue
		}
		name := p.Value
		if !filepath.IsAbs(name) {
			name = filepath.Join(filepath.Dir(d.Config), name)
		}
		pd, err := config.ReadFile(name)
		if err != nil {
			continue // the check tells why
		}
		var pn yaml.Node
		if yaml.Unmarshal(pd, &pn) != nil || len(pn.Content) == 0 {
			continue
		}
		if v := mappingValue(pn.Content[0], "id"); v != nil && v.Value == id {
			d.File = name
			return nil
		}
	}
	return fmt.Errorf("locate plan %s in %s: %w", id, d.Config, ErrNoPlan)
}

// Check loads the configuration as it would be with data as the text of
// d's file, and returns a *CheckError when it has errors.
func (d *Doc) Check(data []byte) error {
	file := filepath.Clean(d.File)
	read := func(name string) ([]byte, error) {
		if filepath.Clean(name) == file {
			return data, nil
		}
		return config.ReadFile(name)
	}
	_, diags := config.Parse(d.Config, nil, read)
	if diags.HasErrors() {
		return &CheckError{File: d.File, Diagnostics: diags}
	}
	return nil
}

// Edit returns src, the text of d's file, with edits made (their paths
// taken from d's plan) and checked: an edit whose result does not load
// is an error.
func (d *Doc) Edit(src []byte, edits ...Edit) ([]byte, error) {
	edits = slices.Clone(edits)
	for i := range edits {
		edits[i].Path = d.Root.Join(string(edits[i].Path))
	}
	out, err := Apply(src, edits...)
	if err != nil {
		return nil, err
	}
	if err := d.Check(out); err != nil {
		return nil, err
	}
	return out, nil
}

// ETag returns the entity tag of a file's text: its content hash, quoted,
// as HTTP writes it. It is the Hash of the store's version of that text.
func ETag(text []byte) string { return `"` + store.ContentHash(text) + `"` }

// History keeps every saved version of a file (a *store.DB).
type History interface {
	SaveVersion(doc, who string, text []byte) (store.Version, error)
	NoteDiskVersion(doc string, text []byte) (store.Version, bool, error)
	Version(doc string, n int) (store.Version, error)
}

// saving makes the saves of this process one at a time: each reads the
// file, compares its ETag and writes it.
var saving sync.Mutex

// Read returns the text of d's file and its ETag, first recording it in
// h as a version by store.DiskAuthor if it differs from the last version
// saved: an edit on disk.
func (d *Doc) Read(h History) ([]byte, string, error) {
	saving.Lock()
	defer saving.Unlock()
	return d.read(h)
}

func (d *Doc) read(h History) ([]byte, string, error) {
	data, err := config.ReadFile(d.File)
	if err != nil {
		return nil, "", fmt.Errorf("read %s: %w", d.File, err)
	}
	if _, _, err := h.NoteDiskVersion(d.Key, data); err != nil {
		return nil, "", err
	}
	return data, ETag(data), nil
}

// Save makes edits to d's file if its ETag is still etag (else
// ErrStale), checks the result (else a *CheckError, nothing written),
// writes it atomically and records it in h as saved by who. It returns
// the new ETag.
func (d *Doc) Save(h History, who, etag string, edits ...Edit) (string, error) {
	return d.save(h, who, etag, func(old []byte) ([]byte, error) { return d.Edit(old, edits...) })
}

// Restore writes version n of d's file back, as a new version saved by
// who, if the file's ETag is still etag. It returns the new ETag.
func (d *Doc) Restore(h History, who, etag string, n int) (string, error) {
	v, err := h.Version(d.Key, n)
	if err != nil {
		return "", err
	}
	return d.save(h, who, etag, func([]byte) ([]byte, error) {
		if err := d.Check(v.Text); err != nil {
			return nil, err
		}
		return v.Text, nil
	})
}

func (d *Doc) save(h History, who, etag string, change func(old []byte) ([]byte, error)) (string, error) {
	saving.Lock()
	defer saving.Unlock()
	old, tag, err := d.read(h)
	if err != nil {
		return "", err
	}
	if strings.TrimPrefix(etag, "W/") != tag {
		return "", fmt.Errorf("save %s: %w", d.File, ErrStale)
	}
	data, err := change(old)
	if err != nil {
		return "", err
	}
	if err := WriteFile(d.File, data); err != nil {
		return "", err
	}
	if _, err := h.SaveVersion(d.Key, who, data); err != nil {
		return "", fmt.Errorf("save %s: written, but %w", d.File, err)
	}
	return ETag(data), nil
}
