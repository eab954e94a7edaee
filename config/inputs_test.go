package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/config"
	"github.com/nhacviec/nhacviec/lang"
)

// TestInputsRunWouldRefuse checks that the loader refuses, each with its
// position, what run would stop on or misread: files that are not a
// configuration, a second document, mistakes in the channels. secret is
// a text the diagnostics must never show (a password given by mistake).
func TestInputsRunWouldRefuse(t *testing.T) {
	const plan = "id: p\ntitle: P\nyear: 2026\nowner: a\ntasks: [{id: t, title: T, lead: [a]}]\n"
	const units = "units:\n  a:\n    name: A\n    contacts: [{email: a@example.org}]\n" // lines 1-4
	tests := []struct {
		name   string
		config string
		plan   string // plan.yaml, when the configuration names it
		want   []string
		secret string
	}{{
		name:   "a second document",
		config: units + "plans: [plan.yaml]\n---\nunits: {}\n",
		plan:   plan,
		want:   []string{"c.yaml:6:1: a second YAML document starts here (after ---)"},
	}, {
		name:   "a second document in a plan file",
		config: units + "plans: [plan.yaml]\n",
		plan:   "---\n" + plan + "--- # next year\nid: q\n",
		want:   []string{"plan.yaml:7:1: a second YAML document starts here"},
	}, {
		name:   "the file is a list",
		config: "- service\n- units\n",
		want:   []string{"c.yaml:1:1: config must be a mapping (one `key: value` per line), not a list"},
	}, {
		name:   "units is a text",
		config: "units: everyone\nplans: [plan.yaml]\n",
		plan:   plan,
		want:   []string{"c.yaml:1:8: units must be a mapping (one `key: value` per line), not a single value", "plan.yaml:4:8: no unit or group is called \"a\"", "plan.yaml:5:34: no unit or group is called \"a\""},
	}, {
		name:   "binary content",
		config: "units:\x00\x01\x02\xff\xfe secret-bytes\n",
		want:   []string{"c.yaml: c.yaml is not YAML text (it holds binary or non-UTF-8 bytes)"},
		secret: "secret-bytes",
	}, {
		name:   "a password file given as a plan",
		config: units + "plans: [plan.yaml]\n",
		plan:   "root: hunter2-S3cret\nbackup: S3cret-too\n",
		want:   []string{"plan.yaml:1:1: this file is not a plan: none of its keys is id, title, year, owner or tasks"},
		secret: "S3cret",
	}, {
		name:   "a password file that is not YAML, given as a plan",
		config: units + "plans: [plan.yaml]\n",
		plan:   "admin:$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy\nroot: hunter2-S3cret\n",
		want:   []string{"plan.yaml:2:1: a ':' out of place"},
		secret: "S3cret",
	}, {
		name:   "a bcrypt hash given as a plan",
		config: units + "plans: [plan.yaml]\n",
		plan:   "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy\n",
		want:   []string{"plan.yaml:1:1: plan must be a mapping (one `key: value` per line), not a single value"},
		secret: "N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
	}, {
		name:   "a password file given as the configuration",
		config: "smtp: hunter2-S3cret\n",
		want:   []string{"c.yaml:1:1: this file is not a nhacviec configuration"},
		secret: "S3cret",
	}, {
		name:   "a password alone",
		config: "hunter2-S3cret\n",
		want:   []string{"c.yaml:1:1: config must be a mapping (one `key: value` per line), not a single value"},
		secret: "S3cret",
	}, {
		name:   "an invalid from is invalid, not missing",
		config: "channels:\n  email:\n    host: smtp.example.org\n    from: not an address\n" + units + "plans: [plan.yaml]\n",
		plan:   plan,
		want:   []string{`c.yaml:4:11: `},
	}, {
		name:   "a missing from is missing",
		config: "channels:\n  email:\n    host: smtp.example.org\n" + units + "plans: [plan.yaml]\n",
		plan:   plan,
		want:   []string{"c.yaml:3:5: from is missing"},
	}, {
		name:   "an http body that does not parse",
		config: "channels:\n  sms:\n    provider: http\n    url: http://10.0.0.5/send\n    body: '{\"to\": {{json .To}, \"text\": {{.Text}}}'\n" + units + "plans: [plan.yaml]\n",
		plan:   plan,
		want:   []string{`c.yaml:5:11: body of the http provider is not a valid template (1: bad character U+007D '}')`},
	}, {
		name:   "an http url that names an unknown function",
		config: "channels:\n  sms:\n    provider: http\n    url: 'http://10.0.0.5/send?to={{quote .To}}'\n    body: '{{json .Text}}'\n" + units + "plans: [plan.yaml]\n",
		plan:   plan,
		want:   []string{`c.yaml:4:10: url of the http provider is not a valid template (1: function "quote" not defined)`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "c.yaml"), []byte(tt.config), 0o644); err != nil {
				t.Fatal(err)
			}
			if tt.plan != "" {
				if err := os.WriteFile(filepath.Join(dir, "plan.yaml"), []byte(tt.plan), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, diags := config.Load(filepath.Join(dir, "c.yaml"))
			got := strings.ReplaceAll(diags.Render(lang.English), dir+string(filepath.Separator), "")
			lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
			if len(lines) != len(tt.want) {
				t.Errorf("got %d diagnostics, want %d:\n%s", len(lines), len(tt.want), got)
			}
			for i, w := range tt.want {
				if i >= len(lines) || !strings.HasPrefix(lines[i], w) {
					t.Errorf("diagnostic %d: want it to start with %q; got:\n%s", i+1, w, got)
				}
			}
			if !diags.HasErrors() {
				t.Errorf("got no error")
			}
			if tt.secret != "" && strings.Contains(diags.Render(lang.Vietnamese)+got, tt.secret) {
				t.Errorf("the diagnostics quote the file's %q:\n%s", tt.secret, got)
			}
		})
	}
}
