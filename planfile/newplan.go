package planfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/plan"
)

// Errors of a new plan's file.
var (
	// ErrExists is a new plan's file that is already there: it is never
	// overwritten.
	ErrExists = errors.New("the file already exists")
	// ErrBadName is a new plan's file name that is not a relative
	// path ending in .yaml inside the configuration's folder.
	ErrBadName = errors.New("not a .yaml file inside the configuration's folder")
)

// NewPlan is a plan to add to a configuration in a file of its own.
type NewPlan struct {
	// Config is the configuration file.
	Config string
	// Name is the plan's file, relative to the configuration's folder
	// ("plans/bdg-2020.yaml"), as the configuration's plans: names it.
	Name string
}

// CleanPlanName checks that name is a relative path to a .yaml file
// inside the configuration's folder, and returns it cleaned, with
// slashes.
func CleanPlanName(name string) (string, error) {
	n := filepath.ToSlash(filepath.Clean(strings.TrimSpace(name)))
	switch {
	case name == "" || filepath.IsAbs(name) || strings.HasPrefix(n, "/"),
		n == ".." || strings.HasPrefix(n, "../"),
		!strings.HasSuffix(n, ".yaml") && !strings.HasSuffix(n, ".yml"),
		strings.HasPrefix(filepath.Base(n), "."),
		strings.ContainsAny(n, "\\:\x00#\n\r\t"):
		return "", fmt.Errorf("plan file %q: %w", name, ErrBadName)
	}
	return n, nil
}

// File is the plan file's path on disk.
func (n NewPlan) File() string {
	return filepath.Join(filepath.Dir(n.Config), filepath.FromSlash(n.Name))
}

// ListPlan returns cfg, a configuration's text, with name added at the
// end of its plans: list; every other byte stays as it was.
func ListPlan(cfg []byte, name string) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(cfg, &doc); err != nil || len(doc.Content) == 0 {
		return nil, fmt.Errorf("list plan %s: not a configuration", name)
	}
	to := len(items(mappingValue(doc.Content[0], "plans")))
	out, err := Apply(cfg, Edit{Op: OpInsert, Path: "plans", Item: name, To: to})
	if err != nil {
		return nil, fmt.Errorf("list plan %s: %w", name, err)
	}
	return out, nil
}

// Check loads the configuration as it would be with text as the new
// plan's file and the file named in its plans: list, and returns a
// *CheckError when it has errors (ErrExists when the file is there);
// the diagnostics of the plan's file name it as File() names it.
// Otherwise it returns that configuration, for a preview.
func (n NewPlan) Check(text []byte) (*plan.Config, error) {
	cfg, _, _, err := n.candidate(text)
	return cfg, err
}

// candidate returns the configuration's text with the plan listed, and
// checks the whole.
func (n NewPlan) candidate(text []byte) (cfg *plan.Config, cfgText []byte, file string, err error) {
	name, err := CleanPlanName(n.Name)
	if err != nil {
		return nil, nil, "", err
	}
	n.Name = name
	if _, err := os.Lstat(n.File()); !errors.Is(err, fs.ErrNotExist) {
		return nil, nil, "", fmt.Errorf("new plan %s: %w", n.Name, ErrExists)
	}
	old, err := config.ReadFile(n.Config)
	if err != nil {
		return nil, nil, "", fmt.Errorf("new plan %s: %w", n.Name, err)
	}
	cfgText, err = ListPlan(old, n.Name)
	if err != nil {
		return nil, nil, "", err
	}
	file = filepath.Clean(n.File())
	cfgFile := filepath.Clean(n.Config)
	read := func(p string) ([]byte, error) {
		switch filepath.Clean(p) {
		case file:
			return text, nil
		case cfgFile:
			return cfgText, nil
		}
		return config.ReadFile(p)
	}
	cfg, diags := config.Parse(n.Config, nil, read)
	if diags.HasErrors() {
		return nil, nil, "", &CheckError{File: file, Diagnostics: diags}
	}
	return cfg, cfgText, file, nil
}

// Save writes a new plan: text to its own file (atomically, refusing an
// existing one: ErrExists), then the configuration with the file added
// at the end of plans:, both checked first (a *CheckError, nothing
// written) and both recorded in h as saved by who. If the configuration
// cannot be written, the plan's file is removed again.
func (n NewPlan) Save(h History, who string, text []byte) error {
	saving.Lock()
	defer saving.Unlock()
	cfgDoc, err := Locate(n.Config, "")
	if err != nil {
		return err
	}
	if _, _, err := cfgDoc.read(h); err != nil {
		return err
	}
	_, cfgText, file, err := n.candidate(text)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o750); err != nil {
		return fmt.Errorf("new plan %s: %w", n.Name, err)
	}
	if err := WriteNewFile(file, text); err != nil {
		return err
	}
	if err := WriteFile(n.Config, cfgText); err != nil {
		os.Remove(file)
		return err
	}
	key, _ := CleanPlanName(n.Name)
	if _, err := h.SaveVersion(key, who, text); err != nil {
		return fmt.Errorf("new plan %s: written, but %w", n.Name, err)
	}
	if _, err := h.SaveVersion(cfgDoc.Key, who, cfgText); err != nil {
		return fmt.Errorf("new plan %s: written, but %w", n.Name, err)
	}
	return nil
}

// WriteNewFile writes data to name, which must not exist (ErrExists):
// to a synced temporary file in the same folder, linked to name (a link
// fails on an existing name, so two writers cannot both win), then the
// folder is synced. The file has mode 0600.
func WriteNewFile(name string, data []byte) error {
	return writeVia(name, data, newFileMode, func(tmp, name string) error {
		err := os.Link(tmp, name)
		if errors.Is(err, fs.ErrExist) {
			return ErrExists
		}
		return err
	})
}
