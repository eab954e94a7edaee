package planfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nhacviec/nhacviec/planfile"
	"github.com/nhacviec/nhacviec/store"
)

// copyTestdata copies testdata/edit into a new folder and returns it.
func copyTestdata(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"nhacviec.yaml", "bdg-2019.yaml"} {
		data := readFile(t, filepath.Join("testdata", "edit", name))
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// openStore opens a real store in a new folder.
func openStore(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "nhacviec.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestWriteFile replaces files atomically: the text, the mode kept, a
// link kept a link, no temporary file left.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name  string
		setup func(path string) // makes the file before the write
		mode  os.FileMode
	}{
		{"a new file", func(string) {}, 0o600},
		{"mode 0640 kept", func(p string) { os.WriteFile(p, []byte("cũ\n"), 0o640) }, 0o640},
		{"mode 0644 kept", func(p string) { os.WriteFile(p, []byte("cũ\n"), 0o644) }, 0o644},
		{"a read-only file", func(p string) { os.WriteFile(p, []byte("cũ\n"), 0o400) }, 0o400},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, "plan"+string(rune('a'+i))+".yaml")
			tt.setup(path)
			if err := planfile.WriteFile(path, []byte("mới\n")); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != tt.mode {
				t.Errorf("mode %v, want %v", fi.Mode().Perm(), tt.mode)
			}
			if got := readFile(t, path); got != "mới\n" {
				t.Errorf("got %q, want %q", got, "mới\n")
			}
		})
	}
	t.Run("a link stays a link", func(t *testing.T) {
		target := filepath.Join(dir, "that.yaml")
		link := filepath.Join(dir, "this.yaml")
		os.WriteFile(target, []byte("cũ\n"), 0o644)
		if err := os.Symlink("that.yaml", link); err != nil {
			t.Fatal(err)
		}
		if err := planfile.WriteFile(link, []byte("mới\n")); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the link was replaced by a file (%v)", err)
		}
		if got := readFile(t, target); got != "mới\n" {
			t.Errorf("target: got %q, want %q", got, "mới\n")
		}
	})
	t.Run("a folder is refused", func(t *testing.T) {
		if err := planfile.WriteFile(dir, []byte("x")); err == nil {
			t.Error("got no error writing over a folder")
		}
	})
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") || strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// TestSaveHistory saves, restores and notices an edit on disk, with the
// versions in a real store, and refuses a save with a stale ETag.
func TestSaveHistory(t *testing.T) {
	dir := copyTestdata(t)
	doc, err := planfile.Locate(filepath.Join(dir, "nhacviec.yaml"), "bdg-2019")
	if err != nil {
		t.Fatal(err)
	}
	h := openStore(t)
	orig, etag, err := doc.Read(h)
	if err != nil {
		t.Fatal(err)
	}
	if etag != `"`+store.ContentHash(orig)+`"` || etag != planfile.ETag(orig) {
		t.Fatalf("ETag %s, want the quoted content hash", etag)
	}

	// Save an edit.
	launch := planfile.Edit{Op: planfile.OpSet, Path: "tasks[id=thang-hanh-dong].from", Value: "16/11"}
	etag2, err := doc.Save(h, "thao", etag, launch)
	if err != nil {
		t.Fatal(err)
	}
	saved := readFile(t, doc.File)
	if want := strings.Replace(string(orig), "from: 15/11", "from: 16/11", 1); saved != want {
		t.Fatalf("saved file:\n%s", store.Diff("want", "got", []byte(want), []byte(saved)))
	}
	if etag2 != planfile.ETag([]byte(saved)) || etag2 == etag {
		t.Errorf("new ETag %s, want the saved text's", etag2)
	}
	if fi, err := os.Stat(doc.File); err != nil || fi.Mode().Perm() != 0o640 {
		t.Errorf("mode after save: %v, %v, want 0640", fi.Mode().Perm(), err)
	}

	// The old ETag is stale now, and nothing is written.
	if _, err := doc.Save(h, "thao", etag, launch); !errors.Is(err, planfile.ErrStale) {
		t.Errorf("save with a stale ETag: got %v, want ErrStale", err)
	}

	// The administrator edits the file on disk: the browser's ETag is
	// stale, and the edit is a version by disk.
	disk := strings.Replace(saved, "# cuối tệp\n", "# cuối tệp (sửa tay)\n", 1)
	if err := os.WriteFile(doc.File, []byte(disk), 0o640); err != nil {
		t.Fatal(err)
	}
	if _, err := doc.Save(h, "thao", etag2, launch); !errors.Is(err, planfile.ErrStale) {
		t.Errorf("save after an edit on disk: got %v, want ErrStale", err)
	}
	if got := readFile(t, doc.File); got != disk {
		t.Error("the file edited on disk was written over")
	}

	// Restore the first version.
	etag3 := planfile.ETag([]byte(disk))
	etag4, err := doc.Restore(h, "thao", etag3, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, doc.File); got != string(orig) || etag4 != etag {
		t.Errorf("restored file differs from version 1 (ETag %s, want %s)", etag4, etag)
	}

	vs, err := h.Versions(doc.Key)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vs {
		got = append(got, v.Who)
	}
	if strings.Join(got, " ") != "thao disk thao disk" {
		t.Fatalf("versions newest first: got %v, want thao (restore), disk (edit on disk), thao (save), disk (the file first read)", got)
	}
	for _, c := range []struct {
		v    store.Version
		want []string
	}{
		{vs[2], []string{"-    from: 15/11\n", "+    from: 16/11\n"}},
		{vs[1], []string{"-# cuối tệp\n", "+# cuối tệp (sửa tay)\n"}},
		{vs[0], []string{"+    from: 15/11\n", "-    from: 16/11\n", "+# cuối tệp\n"}},
	} {
		for _, w := range c.want {
			if !strings.Contains(c.v.Diff, w) {
				t.Errorf("version %d's diff lacks %q:\n%s", c.v.N, w, c.v.Diff)
			}
		}
		if !strings.HasPrefix(c.v.Diff, "--- a/bdg-2019.yaml\n+++ b/bdg-2019.yaml\n@@ ") {
			t.Errorf("version %d's diff is not a unified diff:\n%s", c.v.N, c.v.Diff)
		}
	}

	// Restoring a version that does not exist is an error.
	if _, err := doc.Restore(h, "thao", etag4, 9); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("restore of version 9: got %v, want ErrNotFound", err)
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

// TestLocate finds plans in their files, the configuration, and refuses
// an unknown plan.
func TestLocate(t *testing.T) {
	cfg := filepath.Join("testdata", "edit", "nhacviec.yaml")
	d, err := planfile.Locate(cfg, "")
	if err != nil || d.File != cfg || d.Root != "" || d.Key != "nhacviec.yaml" {
		t.Errorf("the configuration: got %+v, %v", d, err)
	}
	if _, err := planfile.Locate(cfg, "khong-co"); !errors.Is(err, planfile.ErrNoPlan) {
		t.Errorf("an unknown plan: got %v, want ErrNoPlan", err)
	}
}
