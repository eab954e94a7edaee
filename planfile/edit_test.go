package planfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/planfile"
	"github.com/nhacviec/nhacviec/store"
	"go.yaml.in/yaml/v3"
)

// readFile reads a test file.
func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// between returns the part of s from the line that starts with from up to
// the line that starts with to (not included), both found after the
// start of s, as they are written in the file.
func between(t *testing.T, s, from, to string) (int, int) {
	t.Helper()
	i := strings.Index(s, from)
	j := strings.Index(s[max(i, 0):], to)
	if i < 0 || j < 0 {
		t.Fatalf("%q … %q not in the file", from, to)
	}
	return i, i + j
}

// newItem is a task written as the API would send it: keys in order.
func newItem(t *testing.T, text string) *yaml.Node {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(text), &n); err != nil {
		t.Fatal(err)
	}
	return n.Content[0]
}

// cmpText fails with the diff from want to got when they differ.
func cmpText(t *testing.T, got []byte, want string) {
	t.Helper()
	if string(got) != want {
		t.Errorf("the file differs from what was wanted (- want, + got):\n%s", store.Diff("want", "got", []byte(want), got))
	}
}

// TestEditPlanFile makes each kind of edit to a plan file with comments
// and compares the whole result, byte for byte, with the file in which
// only the edited lines changed.
func TestEditPlanFile(t *testing.T) {
	cfg := filepath.Join("testdata", "edit", "nhacviec.yaml")
	doc, err := planfile.Locate(cfg, "bdg-2019")
	if err != nil {
		t.Fatal(err)
	}
	if doc.File != filepath.Join("testdata", "edit", "bdg-2019.yaml") || doc.Root != "" || doc.Key != "bdg-2019.yaml" {
		t.Fatalf("Locate: got file %s root %q key %s, want the plan's own file", doc.File, doc.Root, doc.Key)
	}
	orig := readFile(t, doc.File)
	// The task thang-hanh-dong, with its comment and the blank line after it.
	ts, te := between(t, orig, "  # Tháng hành động", "  # Tổng kết")
	task := orig[ts:te]
	tests := []struct {
		name  string
		edits []planfile.Edit
		want  string
	}{
		{
			name:  "set a date, quoting and comment kept",
			edits: []planfile.Edit{{Op: planfile.OpSet, Path: "tasks[1].deadlines[0].due", Value: "21/12 17:00"}},
			want:  strings.Replace(orig, "due: 20/12 17:00   # hạn", "due: 21/12 17:00   # hạn", 1),
		},
		{
			name:  "set a date by id, double quotes kept",
			edits: []planfile.Edit{{Op: planfile.OpSet, Path: "tasks[id=toa-dam].on", Value: "07/03/2019 08:00"}},
			want:  strings.Replace(orig, `on: "08/03/2019 08:00"     #`, `on: "07/03/2019 08:00"     #`, 1),
		},
		{
			name:  "rename a title in single quotes",
			edits: []planfile.Edit{{Op: planfile.OpSet, Path: "tasks[id=toa-dam].title", Value: "Tọa đàm 'nữ quản lý'"}},
			want:  strings.Replace(orig, `title: 'Tọa đàm ''nữ lãnh đạo'''`, `title: 'Tọa đàm ''nữ quản lý'''`, 1),
		},
		{
			name:  "rename the plan's title, its comment kept",
			edits: []planfile.Edit{{Op: planfile.OpSet, Path: "title", Value: "Kế hoạch: bình đẳng giới 2019"}},
			want:  strings.Replace(orig, "title: Kế hoạch bình đẳng giới năm 2019   #", "title: 'Kế hoạch: bình đẳng giới 2019'   #", 1),
		},
		{
			name:  "rewrite a folded description",
			edits: []planfile.Edit{{Op: planfile.OpSet, Path: "tasks[id=thang-hanh-dong].description", Value: "Phát động tháng hành động"}},
			want:  strings.Replace(orig, ">-\n      Tổ chức Tháng hành động\n      trên địa bàn xã.\n", ">-\n      Phát động tháng hành động\n", 1),
		},
		{
			name: "add a task",
			edits: []planfile.Edit{{Op: planfile.OpInsert, Path: "tasks", To: 2, Item: newItem(t,
				"id: hop-ban\ntitle: Họp Ban VSTBPN\nlead: [ldtbxh]\non: \"01/07/2019 08:00\"\nremind:\n  - before: 1d\n")}},
			want: orig[:te] + "  - id: hop-ban\n    title: Họp Ban VSTBPN\n    lead: [ldtbxh]\n    on: \"01/07/2019 08:00\"\n    remind:\n      - before: 1d\n\n" + orig[te:],
		},
		{
			name: "append a task",
			edits: []planfile.Edit{{Op: planfile.OpInsert, Path: "tasks", To: 3, Item: newItem(t,
				"id: hop-ban\ntitle: Họp Ban\nlead: [ldtbxh]\non: 01/07\n")}},
			want: strings.Replace(orig, "    on: 20/12/2019\n", "    on: 20/12/2019\n\n  - id: hop-ban\n    title: Họp Ban\n    lead: [ldtbxh]\n    on: 01/07\n", 1),
		},
		{
			name:  "delete a task with its comment",
			edits: []planfile.Edit{{Op: planfile.OpDelete, Path: "tasks[id=thang-hanh-dong]"}},
			want:  orig[:ts] + orig[te:],
		},
		{
			name:  "delete the last task",
			edits: []planfile.Edit{{Op: planfile.OpDelete, Path: "tasks[2]"}},
			want:  strings.Replace(orig, "\n  # Tổng kết cuối năm.\n  - id: tong-ket\n    title: Tổng kết năm\n    lead: [hlhpn]\n    on: 20/12/2019\n", "", 1),
		},
		{
			name:  "move a task up",
			edits: []planfile.Edit{{Op: planfile.OpMove, Path: "tasks[id=thang-hanh-dong]", To: 0}},
			want:  orig[:strings.Index(orig, "  # Việc đầu năm.")] + task + orig[strings.Index(orig, "  # Việc đầu năm."):ts] + orig[te:],
		},
		{
			name:  "move a task down and back",
			edits: []planfile.Edit{{Op: planfile.OpMove, Path: "tasks[0]", To: 2}, {Op: planfile.OpMove, Path: "tasks[2]", To: 0}},
			want:  orig,
		},
		{
			name: "several edits in one save",
			edits: []planfile.Edit{
				{Op: planfile.OpSet, Path: "tasks[id=thang-hanh-dong].from", Value: "16/11"},
				{Op: planfile.OpSet, Path: "tasks[id=thang-hanh-dong].remind[1].every", Value: "0 8 * * TUE"},
			},
			want: strings.Replace(strings.Replace(orig, "from: 15/11", "from: 16/11", 1), `every: "0 8 * * MON"`, `every: "0 8 * * TUE"`, 1),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.want == orig && tt.name != "move a task down and back" {
				t.Fatal("the wanted text is the original: the test's replacement did not match")
			}
			got, err := doc.Edit([]byte(orig), tt.edits...)
			if err != nil {
				t.Fatalf("Edit: %v", err)
			}
			cmpText(t, got, tt.want)
		})
	}
}

// TestEditExample edits the plan written inside config.example.yaml: the
// 800 other lines stay byte for byte.
func TestEditExample(t *testing.T) {
	cfg := filepath.Join("..", "config.example.yaml")
	doc, err := planfile.Locate(cfg, "bdg-2019")
	if err != nil {
		t.Fatal(err)
	}
	if doc.File != cfg || doc.Root != "plans[id=bdg-2019]" || doc.Key != "config.example.yaml" {
		t.Fatalf("Locate: got file %s root %q key %s, want the configuration", doc.File, doc.Root, doc.Key)
	}
	orig := readFile(t, cfg)
	ts, te := between(t, orig, "      # II.2 (đoạn 2)", "      # II.3 — Tháng hành động")
	first := strings.Index(orig, "      # II.1 — hoạt động thường xuyên")
	tests := []struct {
		name  string
		edits []planfile.Edit
		want  string
	}{
		{
			name:  "move the Action Month's launch by a day",
			edits: []planfile.Edit{{Op: planfile.OpSet, Path: "tasks[id=thang-hanh-dong].from", Value: "16/11/2019"}},
			want:  strings.Replace(orig, `from: "15/11/2019"`, `from: "16/11/2019"`, 1),
		},
		{
			name:  "rename a task",
			edits: []planfile.Edit{{Op: planfile.OpSet, Path: "tasks[id=toa-dam-nu-lanh-dao].title", Value: "Tọa đàm nữ lãnh đạo"}},
			want:  strings.Replace(orig, "title: Tọa đàm về các giải pháp tăng tỷ lệ nữ tham gia lãnh đạo, quản lý\n", "title: Tọa đàm nữ lãnh đạo\n", 1),
		},
		{
			name:  "delete a task",
			edits: []planfile.Edit{{Op: planfile.OpDelete, Path: "tasks[id=toa-dam-nu-lanh-dao]"}},
			want:  orig[:ts] + orig[te:],
		},
		{
			name:  "move a task first",
			edits: []planfile.Edit{{Op: planfile.OpMove, Path: "tasks[id=toa-dam-nu-lanh-dao]", To: 0}},
			want:  orig[:first] + orig[ts:te] + orig[first:ts] + orig[te:],
		},
		{
			name: "add a task",
			edits: []planfile.Edit{{Op: planfile.OpInsert, Path: "tasks", To: 2, Item: newItem(t,
				"id: hop-ban\ntitle: Họp Ban VSTBPN\nlead: [ban-vstbpn]\non: \"01/07/2019 08:00\"\n")}},
			want: orig[:ts] + "      - id: hop-ban\n        title: Họp Ban VSTBPN\n        lead: [ban-vstbpn]\n        on: \"01/07/2019 08:00\"\n\n" + orig[ts:],
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.want == orig {
				t.Fatal("the wanted text is the original: the test's replacement did not match")
			}
			got, err := doc.Edit([]byte(orig), tt.edits...)
			if err != nil {
				t.Fatalf("Edit: %v", err)
			}
			cmpText(t, got, tt.want)
		})
	}
}

// TestEditRefused: an edit whose result does not check, or whose path
// leads nowhere, is an error, and the file is not written.
func TestEditRefused(t *testing.T) {
	dir := copyTestdata(t)
	doc, err := planfile.Locate(filepath.Join(dir, "nhacviec.yaml"), "bdg-2019")
	if err != nil {
		t.Fatal(err)
	}
	h := openStore(t)
	orig := readFile(t, doc.File)
	_, etag, err := doc.Read(h)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		edit  planfile.Edit
		is    error
		where string // in the error
	}{
		{"a date that is not one", planfile.Edit{Op: planfile.OpSet, Path: "tasks[1].deadlines[0].due", Value: "32/12 17:00"}, planfile.ErrInvalid, "bdg-2019.yaml:33:14"},
		{"an unknown unit", planfile.Edit{Op: planfile.OpSet, Path: "tasks[0].lead[0]", Value: "khong-co"}, planfile.ErrInvalid, "khong-co"},
		{"no such task", planfile.Edit{Op: planfile.OpSet, Path: "tasks[id=khong-co].title", Value: "x"}, planfile.ErrNoPath, "tasks[id=khong-co]"},
		{"no such index", planfile.Edit{Op: planfile.OpDelete, Path: "tasks[7]"}, planfile.ErrNoPath, "tasks[7]"},
		{"no such key", planfile.Edit{Op: planfile.OpSet, Path: "tasks[0].deadlines[0].due", Value: "x"}, planfile.ErrNoPath, "tasks[0].deadlines"},
		{"a flow sequence", planfile.Edit{Op: planfile.OpDelete, Path: "tasks[0].lead[0]"}, planfile.ErrCannotEdit, "tasks[0].lead[0]"},
		{"the key after an item's dash, which the check needs", planfile.Edit{Op: planfile.OpDelete, Path: "tasks[0].id"}, planfile.ErrInvalid, "bdg-2019.yaml:10:5"},
		{"a path ending in a dot", planfile.Edit{Op: planfile.OpDelete, Path: "tasks[0].remind[0]."}, planfile.ErrNoPath, "tasks[0].remind[0]."},
		{"a key the check does not know", planfile.Edit{Op: planfile.OpSet, Path: "tasks[0].titel", Value: "x"}, planfile.ErrInvalid, "titel"},
		{"a required key deleted", planfile.Edit{Op: planfile.OpDelete, Path: "tasks[1].lead"}, planfile.ErrInvalid, "bdg-2019.yaml"},
		{"delete a key that is not there", planfile.Edit{Op: planfile.OpDelete, Path: "tasks[0].support"}, planfile.ErrNoPath, "tasks[0].support"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := doc.Save(h, "thao", etag, tt.edit)
			if !errors.Is(err, tt.is) || !strings.Contains(err.Error(), tt.where) {
				t.Errorf("got %v, want %v naming %s", err, tt.is, tt.where)
			}
			if got := readFile(t, doc.File); got != orig {
				t.Error("the file was written")
			}
		})
	}
	if vs, err := h.Versions(doc.Key); err != nil || len(vs) != 1 {
		t.Errorf("got %d versions, %v, want only the one read from disk", len(vs), err)
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}
